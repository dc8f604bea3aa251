"""Village names that look alike: one village; letters of two alphabets in one name:
refused; Vietnamese letters that differ by a mark: never one."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from tracker.domain.entries import EntryError, validate_entry
from tracker.domain.lookalikes import MixedScripts, mixed_scripts, village_key
from tracker.domain.plan import Plan

# Every letter of the Vietnamese alphabet with each of the five tones, and đ.
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE = [unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES] + ["d", "đ"]
VILLAGES = [
    "Bát Tràng", "Bat Trang", "Bạt Tràng", "Vạn Phúc", "Van Phuc", "Văn Phúc", "Sơn Đồng", "Son Dong",
    "Sởn Đồng", "Sơn Đông", "Phù Lãng", "Phu Lang", "Phú Lãng", "Phù Lăng", "Đa Sỹ", "Da Sy", "Hữu Bằng",
    "Huu Bang", "Nhị Khê", "Ước Lễ", "Chàng Sơn", "Xuân La", "Kiêu Kỵ", "Cự Đà", "Tam Sơn", "Tâm Sơn",
]  # fmt: skip


def test_every_vietnamese_letter_keeps_its_own_key_whatever_its_case() -> None:
    keys = {letter: village_key(letter) for letter in VIETNAMESE}
    assert len(set(keys.values())) == len(VIETNAMESE)
    assert all(village_key(letter.upper()) == key for letter, key in keys.items())


def test_real_village_names_that_differ_by_a_mark_stay_apart() -> None:
    for first, second in itertools.combinations(VILLAGES, 2):
        assert village_key(first) != village_key(second), (first, second)


@pytest.mark.parametrize(
    ("written", "recorded"),
    [
        ("\u0421\u0430\u043e \u0425\u0430\u0301", "Cao Xá"),  # every letter Cyrillic
        ("Bát Tr\u0251\u0300ng", "Bát Tràng"),  # a Latin alpha ɑ for the a
        ("Ｖạn Ｐhúc", "Vạn Phúc"),  # full-width letters
        ("\U0001d401át Tràng", "Bát Tràng"),  # a mathematical bold B
        ("Phù L\u01ceng", "Phù Lăng"),  # a caron for the breve
        ("LÀNG NGHỀ  sơn đồng", "Làng nghề Sơn Đồng"),  # case and spacing, as before
    ],
    ids=["cyrillic", "latin-alpha", "full-width", "mathematical", "caron", "case"],
)
def test_a_look_alike_spelling_is_the_same_village(written: str, recorded: str) -> None:
    assert village_key(written) == village_key(recorded)


@pytest.mark.parametrize(
    ("name", "odd"),
    [
        ("Làng S\u043en Đồng", (("\u043e", "Cyrl"),)),
        ("\u0412át Tr\u0430̀ng", (("\u0412", "Cyrl"), ("\u0430", "Cyrl"))),
        ("Phù L\u03b1̃ng", (("\u03b1", "Grek"),)),
        ("Làng \u0663", (("\u0663", "Arab"),)),  # an Arabic-Indic three
        ("\u13aan Phúc", (("\u13aa", "Cher"),)),  # a Cherokee Ꭺ
    ],
)
def test_a_name_mixing_alphabets_is_found_with_its_odd_letters(name: str, odd: tuple[tuple[str, str], ...]) -> None:
    assert mixed_scripts(name) == MixedScripts("Latn", odd)


@pytest.mark.parametrize(
    "name", ["Làng nghề Sơn Đồng (cũ) - thôn 3", "\u0421\u0430\u043e \u0425\u0430\u0301", "Bát Tràng, xóm 2/9"]
)
def test_one_alphabet_with_spaces_punctuation_and_digits_mixes_nothing(name: str) -> None:
    assert mixed_scripts(name) is None


def test_an_entry_with_a_mixed_village_is_refused_naming_the_letter(plan: Plan) -> None:
    with pytest.raises(EntryError) as refused:
        validate_entry(
            plan, target_id="workers-trained", quantity=10, ref_date="2017-03-31", district="Hoài Đức",
            village="Làng S\u043en Đồng", entered_by="Trần Lan",
        )  # fmt: skip
    assert refused.value.render("vi") == [
        "Làng nghề: tên trộn chữ của nhiều bảng chữ cái: 'о' (U+043E, chữ Kirin) không phải chữ Latinh như các chữ "
        "khác, dù trông giống nhau; hãy gõ lại tên bằng bàn phím tiếng Việt thay vì dán"
    ]
    assert refused.value.render("en") == [
        "Village: the name mixes alphabets: 'о' (U+043E, Cyrillic) is not Latin like the other letters, though they "
        "look alike; type the name on a Vietnamese keyboard rather than pasting it"
    ]
