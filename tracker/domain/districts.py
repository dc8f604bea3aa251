"""Hanoi's 30 district-level units as they stood in 2017, the places progress is reported for."""

from __future__ import annotations

import difflib
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import yaml

_REFERENCE = Path(__file__).parent / "data" / "hanoi-districts-2017.yaml"

# Words a person may type for "the whole city" rather than one district.
CITY_WIDE_WORDS = frozenset({"", "toàn thành phố", "toàn tp", "city-wide", "city wide", "citywide", "city"})


@cache
def district_names() -> tuple[str, ...]:
    """The 30 official names, in the reference order (urban districts first)."""
    data = yaml.safe_load(_REFERENCE.read_text(encoding="utf-8"))
    return tuple(unicodedata.normalize("NFC", d["name"]) for d in data["districts"])


# Vietnamese tone marks (grave, acute, tilde, hook above, dot below). People place them
# on either vowel of "oa", "oe", "uy" ("Ứng Hòa" and "Ứng Hoà" are one name), so a
# folded word keeps its tone but not the tone's position.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _fold_word(word: str) -> str:
    letters = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in letters if c in _TONE_MARKS)
    return "".join(c for c in letters if c not in _TONE_MARKS) + tones


@lru_cache(maxsize=8192)  # a report names the same districts on thousands of rows
def _fold(text: str) -> str:
    return " ".join(_fold_word(word) for word in unicodedata.normalize("NFC", text).casefold().split())


@cache
def _by_folded_name() -> dict[str, str]:
    return {_fold(name): name for name in district_names()}


@cache
def _city_wide_folded() -> frozenset[str]:
    return frozenset(_fold(word) for word in CITY_WIDE_WORDS)


class UnknownDistrictError(ValueError):
    pass


def canonical_district(text: str | None) -> str | None:
    """The official name for what a person typed; None means city-wide.

    Case, spacing, Unicode composition and the tone mark's position are forgiven
    ("chương  mỹ" is "Chương Mỹ", "ứng hoà" is "Ứng Hòa");
    a name that is not one of the 30 raises UnknownDistrictError.
    """
    if text is None:
        return None
    folded = _fold(text)
    if folded in _city_wide_folded():
        return None
    try:
        return _by_folded_name()[folded]
    except KeyError:
        raise UnknownDistrictError(text) from None


# --- District names as reports write them --------------------------------------------
# A district's report names it in many ways: "Huyện Chương Mỹ", "H. Chương Mỹ",
# "chuong my", "CHƯƠNG MỸ" with decomposed accents, "Dan Phuong" for "Đan Phượng". Each of
# the 30 names is accepted in the spellings below, built from the reference list and
# nothing else: a name none of them matches is refused with the closest names offered.

# The words that may stand before a name, longest first so that "thị xã" wins over "t".
_PREFIXES = (
    "thanh pho",
    "thi xa",
    "quan",
    "huyen",
    "tx.",
    "t.x.",
    "tx",
    "q.",
    "h.",
    "q",
    "h",
)
_CITY_WIDE_SPELLINGS = frozenset(
    {"toan thanh pho", "toan tp", "toan tp.", "tp ha noi", "tp. ha noi", "thanh pho ha noi", "ha noi", "ca thanh pho"}
    | {"city-wide", "city wide", "citywide", "city", "hanoi", "ha noi city", "whole city"}
)


@lru_cache(maxsize=8192)
def _bare(text: str) -> str:
    """Lower case, no marks at all, đ as d, single spaces: the key of the spelling table."""
    letters = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold().replace("đ", "d"))
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").split())


def _without_prefix(bare: str) -> str:
    """The name after a leading "quận", "huyện", "thị xã" or their short forms."""
    for prefix in _PREFIXES:
        if bare.startswith(prefix):
            rest = bare[len(prefix) :]
            if prefix.endswith(".") or rest.startswith(" "):
                return rest.strip()
    return bare


@cache
def district_spellings() -> dict[str, str]:
    """Every accepted spelling (as ``_bare`` keys it) of each official name: the name with
    or without its marks, with or without the word for its kind. Built once; a test checks
    that no spelling belongs to two districts."""
    table: dict[str, str] = {}
    for name in district_names():
        table[_bare(name)] = name
    return table


class UnmatchedDistrictError(ValueError):
    """A report's district name that none of the accepted spellings matches."""

    def __init__(self, text: str, suggestions: tuple[str, ...]) -> None:
        self.text = text
        self.suggestions = suggestions
        super().__init__(text)


def district_of_report(text: str, suggest: bool = True) -> str | None:
    """The official name a report's cell means; None for the whole city.

    Raises UnmatchedDistrictError, with up to three close official names (unless
    ``suggest`` is off: a file of a hundred thousand wrong names would cost minutes of
    comparisons), when the text is none of the accepted spellings."""
    bare = _bare(text)
    if bare in _CITY_WIDE_SPELLINGS:
        return None
    table = district_spellings()
    name = table.get(bare) or table.get(_without_prefix(bare))
    if name is not None:
        return name
    if not suggest:
        raise UnmatchedDistrictError(text, ())
    close = difflib.get_close_matches(_without_prefix(bare), table.keys(), n=3, cutoff=0.6)
    raise UnmatchedDistrictError(text, tuple(table[key] for key in close))
