"""Hanoi's 30 district-level units as they stood in 2017, the places progress is reported for."""

from __future__ import annotations

import unicodedata
from functools import cache
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
