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


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@cache
def _by_folded_name() -> dict[str, str]:
    return {_fold(name): name for name in district_names()}


class UnknownDistrictError(ValueError):
    pass


def canonical_district(text: str | None) -> str | None:
    """The official name for what a person typed; None means city-wide.

    Case, spacing and Unicode composition are forgiven ("chương  mỹ" is "Chương Mỹ");
    a name that is not one of the 30 raises UnknownDistrictError.
    """
    if text is None:
        return None
    folded = _fold(text)
    if folded in CITY_WIDE_WORDS:
        return None
    try:
        return _by_folded_name()[folded]
    except KeyError:
        raise UnknownDistrictError(text) from None
