"""Checking an entry before it is written, against the real plan: what staff see when they
type a report in, and that a refused entry leaves the ledger untouched."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import at_server
from tracker.domain.access import AccessDeniedError
from tracker.domain.entries import EntryError, ValidEntry, validate_entry
from tracker.domain.plan import Plan
from tracker.service import record_entry
from tracker.storage.ledger import Ledger


def record_as_typed(plan: Plan, ledger: Ledger, raw: dict[str, Any]) -> tuple[int, ValidEntry]:
    """Record as the app does before there are users: the name typed is the author."""
    name = raw.pop("entered_by", None)
    return record_entry(plan, ledger, at_server(name or ""), **raw)


WORKERS = "workers-trained"  # a count target, "about 30 000"
EXPORTS = "craft-village-exports"  # an amount figure, million USD, latest level

GOOD: dict[str, Any] = {
    "target_id": WORKERS,
    "quantity": 450,
    "ref_date": "2017-03-31",
    "district": "Chương Mỹ",
    "village": "Phụng Châu",
    "note": "Báo cáo quý I",
    "entered_by": "Nguyễn Thị Hoa",
}


def entry(**changes: Any) -> dict[str, Any]:
    return {**GOOD, **changes}


def problems_of(plan: Plan, **raw: Any) -> list[tuple[str, str]]:
    with pytest.raises(EntryError) as caught:
        validate_entry(plan, **raw)
    return [(p.field, p.code) for p in caught.value.problems]


# --- accepted ----------------------------------------------------------------------------


def test_a_valid_entry_is_accepted_as_typed(plan: Plan) -> None:
    valid = validate_entry(plan, **GOOD)
    assert valid == ValidEntry(
        target_id=WORKERS,
        ref_date=dt.date(2017, 3, 31),
        quantity=Decimal(450),
        district="Chương Mỹ",
        village="Phụng Châu",
        note="Báo cáo quý I",
        entered_by="Nguyễn Thị Hoa",
    )


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("chương  mỹ", "Chương Mỹ"),
        ("  CHƯƠNG MỸ ", "Chương Mỹ"),
        (unicodedata.normalize("NFD", "Chương Mỹ"), "Chương Mỹ"),  # decomposed, as some keyboards send it
        ("ứng hoà", "Ứng Hòa"),  # tone mark on the other vowel: the same name
        ("Ứng Hòa", "Ứng Hòa"),
        ("sơn tây", "Sơn Tây"),
    ],
)
def test_a_district_is_stored_under_its_official_name(plan: Plan, typed: str, official: str) -> None:
    valid = validate_entry(plan, **entry(district=typed))
    assert valid.district == official
    assert unicodedata.is_normalized("NFC", valid.district)


@pytest.mark.parametrize("typed", [None, "", "   ", "Toàn thành phố", "toàn  THÀNH phố", "city-wide"])
def test_no_district_or_the_whole_city_is_city_wide(plan: Plan, typed: str | None) -> None:
    assert validate_entry(plan, **entry(district=typed)).district is None


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("31/12/2017", dt.date(2017, 12, 31)),
        ("01/01/2017", dt.date(2017, 1, 1)),
        ("2017-06-15", dt.date(2017, 6, 15)),
        (dt.date(2017, 6, 15), dt.date(2017, 6, 15)),
        (dt.datetime(2017, 6, 15, 9, 30), dt.date(2017, 6, 15)),
    ],
)
def test_dates_are_read_the_way_staff_write_them(plan: Plan, typed: object, day: dt.date) -> None:
    assert validate_entry(plan, **entry(ref_date=typed)).ref_date == day


@pytest.mark.parametrize(
    ("target_id", "typed", "quantity"),
    [
        (WORKERS, "12400", Decimal(12400)),
        (WORKERS, " 12400 ", Decimal(12400)),
        (WORKERS, 12400.0, Decimal(12400)),
        (WORKERS, 0, Decimal(0)),
        (EXPORTS, "1234,5", Decimal("1234.5")),
        (EXPORTS, "1.234,5", Decimal("1234.5")),  # Vietnamese: "." groups thousands, "," marks decimals
        (WORKERS, "30.000", Decimal(30000)),
        (WORKERS, "12.400.000", Decimal(12400000)),
        (EXPORTS, "0,125", Decimal("0.125")),
        (EXPORTS, 0.1, Decimal("0.1")),
        (EXPORTS, Decimal("182.375"), Decimal("182.375")),
        (EXPORTS, "100000000", Decimal("100000000")),  # the largest one entry may carry
    ],
)
def test_plain_numbers_are_accepted(plan: Plan, target_id: str, typed: object, quantity: Decimal) -> None:
    assert validate_entry(plan, **entry(target_id=target_id, quantity=typed)).quantity == quantity


def test_a_note_may_span_several_lines(plan: Plan) -> None:
    note = "Dòng 1: lớp dệt lụa\nDòng 2: lớp mây tre\r\nDòng 3:\tghi chú"
    assert validate_entry(plan, **entry(note=note)).note == note.replace("\r\n", "\n")  # one kind of line break


def test_empty_village_and_note_are_none_and_text_is_trimmed(plan: Plan) -> None:
    valid = validate_entry(plan, **entry(village="   ", note="", entered_by="  Trần Văn Nam  "))
    assert (valid.village, valid.note, valid.entered_by) == (None, None, "Trần Văn Nam")


# --- refused -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"target_id": "workers-trainde"}, ("target", "unknown_target")),
        ({"target_id": None}, ("target", "unknown_target")),
        ({"quantity": "abc"}, ("quantity", "not_a_number")),
        ({"quantity": ""}, ("quantity", "missing_quantity")),
        ({"quantity": None}, ("quantity", "missing_quantity")),
        ({"quantity": -5}, ("quantity", "negative")),
        ({"quantity": "-1"}, ("quantity", "negative")),
        ({"quantity": float("nan")}, ("quantity", "not_a_number")),
        ({"quantity": float("inf")}, ("quantity", "not_a_number")),
        ({"quantity": float("-inf")}, ("quantity", "not_a_number")),
        ({"quantity": Decimal("NaN")}, ("quantity", "not_a_number")),
        ({"quantity": "1e5"}, ("quantity", "not_a_number")),
        ({"quantity": 2.5}, ("quantity", "fraction_for_count")),
        ({"quantity": "2,5"}, ("quantity", "fraction_for_count")),
        ({"target_id": EXPORTS, "quantity": "0.1234"}, ("quantity", "too_many_decimals")),
        ({"target_id": EXPORTS, "quantity": 182.0001}, ("quantity", "too_many_decimals")),
        ({"quantity": "30,000"}, ("quantity", "ambiguous_separator")),  # 30 or 30.000?
        ({"target_id": EXPORTS, "quantity": "1234.5"}, ("quantity", "ambiguous_separator")),  # 1.234,5 or 12.345?
        ({"target_id": EXPORTS, "quantity": "1.5"}, ("quantity", "ambiguous_separator")),
        ({"quantity": 1e12}, ("quantity", "too_large")),
        ({"quantity": "100000001"}, ("quantity", "too_large")),
        ({"quantity": "1\u06605"}, ("quantity", "foreign_digit")),  # an Arabic-Indic zero that looks like a dot
        ({"quantity": "\uff13"}, ("quantity", "foreign_digit")),  # a full-width 3
        ({"quantity": "\U0001d7d1"}, ("quantity", "foreign_digit")),  # a mathematical bold 3
        ({"quantity": "4\u0e505"}, ("quantity", "foreign_digit")),  # a Thai zero
        ({"ref_date": "\uff13\uff11/03/2017"}, ("date", "bad_date")),
        ({"quantity": 10**15}, ("quantity", "too_large")),
        ({"quantity": True}, ("quantity", "not_a_number")),
        ({"ref_date": "2016-12-31"}, ("date", "date_outside_period")),
        ({"ref_date": "01/01/2018"}, ("date", "date_outside_period")),
        ({"ref_date": "2017-02-30"}, ("date", "bad_date")),
        ({"ref_date": "31/02/2017"}, ("date", "bad_date")),
        ({"ref_date": "12/31/2017"}, ("date", "bad_date")),
        ({"ref_date": None}, ("date", "missing_date")),
        ({"ref_date": ""}, ("date", "missing_date")),
        ({"district": "Paris"}, ("district", "unknown_district")),
        ({"district": "Quận 1"}, ("district", "unknown_district")),
        ({"village": "x" * 201}, ("village", "too_long")),
        ({"village": "Bát\x00Tràng"}, ("village", "hidden_character")),
        ({"village": "Bát\nTràng"}, ("village", "hidden_character")),
        ({"village": "Bát\u202eTràng"}, ("village", "hidden_character")),  # a right-to-left override
        ({"village": "Bát\u200bTràng"}, ("village", "hidden_character")),  # a zero-width space
        ({"note": "ghi chú\x07"}, ("note", "hidden_character")),
        ({"note": "ghi\u2028chú"}, ("note", "hidden_character")),  # a line separator, not a line break
        ({"note": "ghi\ue000chú"}, ("note", "hidden_character")),  # private use
        ({"entered_by": "Trần\u202eLan"}, ("entered_by", "hidden_character")),
        ({"entered_by": "Trần\u200dLan"}, ("entered_by", "hidden_character")),
        ({"note": "n" * 2001}, ("note", "too_long")),
        ({"entered_by": None}, ("entered_by", "missing_author")),
        ({"entered_by": "   "}, ("entered_by", "missing_author")),
        ({"entered_by": "a" * 121}, ("entered_by", "too_long")),
    ],
)
def test_each_bad_input_is_refused_in_its_field_and_nothing_is_written(
    plan: Plan, ledger: Ledger, changes: dict[str, Any], expected: tuple[str, str]
) -> None:
    raw = entry(**changes)
    assert problems_of(plan, **raw) == [expected]
    with pytest.raises((EntryError, AccessDeniedError)):  # no name: refused before the entry is read
        record_as_typed(plan, ledger, raw)
    assert ledger.count_entries() == 0
    assert ledger.revision() == 0


def test_a_village_of_exactly_200_characters_is_accepted(plan: Plan) -> None:
    assert validate_entry(plan, **entry(village="x" * 200)).village == "x" * 200


def test_every_problem_is_reported_at_once(plan: Plan) -> None:
    found = problems_of(
        plan,
        target_id=WORKERS,
        quantity=2.5,
        ref_date="2018-01-01",
        district="Paris",
        village="v" * 201,
        note="ok",
        entered_by="",
    )
    assert found == [
        ("quantity", "fraction_for_count"),
        ("date", "date_outside_period"),
        ("district", "unknown_district"),
        ("village", "too_long"),
        ("entered_by", "missing_author"),
    ]


def test_an_unknown_target_and_a_bad_number_are_both_reported(plan: Plan) -> None:
    found = problems_of(plan, target_id="nope", quantity="abc", ref_date="2017-02-30", entered_by="Hoa")
    assert found == [("target", "unknown_target"), ("quantity", "not_a_number"), ("date", "bad_date")]


# --- messages ----------------------------------------------------------------------------


def _messages(plan: Plan, lang: str, **raw: Any) -> list[str]:
    with pytest.raises(EntryError) as caught:
        validate_entry(plan, **raw)
    return caught.value.render(lang)  # type: ignore[arg-type]


def test_messages_read_in_vietnamese_and_english(plan: Plan) -> None:
    raw = entry(quantity=2.5, ref_date="2018-01-01", district="Paris", entered_by=None)
    vi = _messages(plan, "vi", **raw)
    en = _messages(plan, "en", **raw)
    assert len(vi) == len(en) == 4
    assert vi[0].startswith("Số lượng:") and "lao động" in vi[0] and "số nguyên" in vi[0]
    assert en[0].startswith("Quantity:") and "workers" in en[0] and "whole number" in en[0]
    assert vi[1].startswith("Ngày:") and "01/01/2018" in vi[1] and "31/12/2017" in vi[1]
    assert en[1].startswith("Date:") and "outside the plan period" in en[1]
    assert "Paris" in vi[2] and "Hà Nội" in vi[2]
    assert "Paris" in en[2] and "Hanoi" in en[2]
    assert vi[3].startswith("Người nhập:")
    assert en[3].startswith("Entered by:")


def test_the_ambiguous_number_message_shows_what_was_typed_and_how_to_write_it(plan: Plan) -> None:
    [vi] = _messages(plan, "vi", **entry(quantity="30,000"))  # 30 or 30 000, typed the English way
    [en] = _messages(plan, "en", **entry(quantity="30,000"))
    assert "'30,000': 30 hay 30.000?" in vi and "hàng nghìn" in vi
    assert "'30,000': 30 or 30,000?" in en and "thousands" in en


def test_the_size_limit_is_written_the_way_each_language_writes_numbers(plan: Plan) -> None:
    [vi] = _messages(plan, "vi", **entry(quantity=10**13))
    [en] = _messages(plan, "en", **entry(quantity=10**13))
    assert "100.000.000" in vi and "quá lớn" in vi
    assert "100,000,000" in en and "too large" in en


def test_the_error_itself_reads_in_english_for_logs(plan: Plan) -> None:
    with pytest.raises(EntryError, match="no target 'nope' in the plan"):
        validate_entry(plan, **entry(target_id="nope"))


# --- text is kept as typed ---------------------------------------------------------------

ODD_NOTES = [
    "<script>alert('xss')</script> <b>đậm</b> &amp;",
    "'; DROP TABLE entries; --",
    "Robert'); DELETE FROM entry_changes WHERE 1=1; --",
    '50% "hoàn thành" \\ {value} {0} %s',
]


@pytest.mark.parametrize("note", ODD_NOTES)
def test_markup_and_sql_in_a_note_are_stored_as_plain_text(plan: Plan, ledger: Ledger, note: str) -> None:
    entry_id, valid = record_as_typed(plan, ledger, entry(note=note, village=note[:200]))
    assert valid.note == note
    [row] = ledger.entries_of(WORKERS)
    assert row.id == entry_id
    assert row.note == note
    assert row.village == note[:200]
    assert ledger.count_entries() == 1
    assert ledger.changes_of(entry_id)[0].after["note"] == note
