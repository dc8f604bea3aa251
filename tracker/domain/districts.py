"""Hanoi's 30 district-level units as they stood in 2017, the places progress is reported for,
and the one rule that reads a district's name as people write it, in the form, the grid,
the command line and a report's cells alike."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

import yaml

_REFERENCE = Path(__file__).parent / "data" / "hanoi-districts-2017.yaml"


@cache
def district_names() -> tuple[str, ...]:
    """The 30 official names, in the reference order (urban districts first)."""
    data = yaml.safe_load(_REFERENCE.read_text(encoding="utf-8"))
    return tuple(unicodedata.normalize("NFC", d["name"]) for d in data["districts"])


# --- How a name is written -------------------------------------------------------------
# People name a district in many ways: "Huyện Chương Mỹ", "H. Chương Mỹ", "chuong my",
# "CHƯƠNG MỸ" with decomposed accents, "Dan Phuong" for "Đan Phượng", "ứng hoà" with the
# tone on the other vowel. Each is read as the official name its letters spell, without
# case, spacing, marks, đ or the word for the district's kind: whoever types and wherever.

# Vietnamese tone marks (grave, acute, tilde, hook above, dot below). People place them
# on either vowel of "oa", "oe", "uy" ("Ứng Hòa" and "Ứng Hoà" are one name), so a
# folded word keeps its tone but not the tone's position.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

# The words that may stand before a name (as ``_bare`` writes them), longest first so
# that "thi xa" wins over "t"; the dotted short forms may be glued to the name ("Q.Ba Đình").
_PREFIXES = ("thanh pho", "thi xa", "quan", "huyen", "t.x.", "tx.", "tx", "q.", "h.", "q", "h")
_GLUED_PREFIXES = ("t.x.", "tx.", "q.", "h.")

# "The whole city" rather than one district, as ``_bare`` writes it; an empty name too.
_CITY_WIDE_SPELLINGS = frozenset(
    {"", "toan thanh pho", "toan tp", "toan tp.", "tp ha noi", "tp. ha noi", "thanh pho ha noi", "ha noi"}
    | {"ca thanh pho", "city-wide", "city wide", "citywide", "city", "hanoi", "ha noi city", "whole city"}
)


def _fold_word(word: str) -> str:
    letters = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in letters if c in _TONE_MARKS)
    return "".join(c for c in letters if c not in _TONE_MARKS) + tones


def _fold(text: str) -> str:
    """Marks kept, case, spacing and the tone's position forgiven: the name as written."""
    return " ".join(_fold_word(word) for word in text.split())


@lru_cache(maxsize=8192)  # a report names the same districts on thousands of rows
def _bare(text: str) -> str:
    """Lower case, no marks at all, đ as d, single spaces: the name as spelt."""
    letters = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold().replace("đ", "d"))
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").split())


def _has_marks(text: str) -> bool:
    return "đ" in text or any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text))


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).casefold().replace("_", " ").split()


def _without_prefix(words: list[str]) -> list[str]:
    """The name's words after a leading "quận", "huyện", "thị xã" or a short form of them,
    its marks kept; the words as they are when none leads or nothing would be left."""
    for prefix in _PREFIXES:
        size = prefix.count(" ") + 1
        if len(words) > size and _bare(" ".join(words[:size])) == prefix:
            return words[size:]
    if words:
        for glued in _GLUED_PREFIXES:
            if _bare(words[0]).startswith(glued) and len(words[0]) > len(glued):
                return [words[0][len(glued) :], *words[1:]]
    return words


# How alike a name must be to a district's to be offered (difflib's ratio), and how much
# less alike than the closest one another may be and still be offered with it.
_CLOSE = 0.6
_NEARLY_AS_CLOSE = 0.1


class UnknownDistrictError(ValueError):
    """A name that is none of the districts: ``suggestions`` are the closest official
    names; ``ambiguous`` when the name is spelt like two of them and says not which."""

    def __init__(self, text: str, suggestions: tuple[str, ...] = (), ambiguous: bool = False) -> None:
        self.text = text
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        super().__init__(text)

    @property
    def code(self) -> str:
        """The problem's code among the entry problems (entry.problem.<code>)."""
        if self.ambiguous:
            return "ambiguous_district"
        return "unknown_district_close" if self.suggestions else "unknown_district"


# The import's name for the same refusal.
UnmatchedDistrictError = UnknownDistrictError


class DistrictMatcher:
    """Names as people write them read as official names, built from the official list and
    nothing else. Two names spelt alike once marks are gone (none in the 2017 list; a test
    says so) are ``clashes``: a spelling without marks names neither, and is refused with
    both, so that a loose spelling never lands on the wrong district."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(unicodedata.normalize("NFC", name) for name in names)
        self._as_written = {_fold(name.casefold()): name for name in self.names}
        spelt: dict[str, list[str]] = {}
        for name in self.names:
            spelt.setdefault(_bare(name), []).append(name)
        self._spelt = {key: found[0] for key, found in spelt.items() if len(found) == 1}
        self.clashes = {key: tuple(found) for key, found in spelt.items() if len(found) > 1}

    def match(self, text: str, suggest: bool = True) -> str | None:
        """The official name ``text`` means; None for the whole city. UnknownDistrictError
        otherwise, with up to three close names unless ``suggest`` is off (a file of a
        hundred thousand wrong names would cost minutes of comparisons)."""
        words = _words(text)
        if _bare(" ".join(words)) in _CITY_WIDE_SPELLINGS:
            return None
        for candidate in (words, _without_prefix(words)):
            phrase = " ".join(candidate)
            key = _bare(phrase)
            if key in self._spelt:
                return self._spelt[key]
            if key in self.clashes:
                written = self._as_written.get(_fold(phrase))
                if written is not None and _has_marks(phrase):
                    return written
                raise UnknownDistrictError(text, self.clashes[key], ambiguous=True)
        if not suggest:
            raise UnknownDistrictError(text)
        raise UnknownDistrictError(text, self._closest(_bare(" ".join(_without_prefix(words)))))

    def _closest(self, wanted: str) -> tuple[str, ...]:
        """Up to three names spelt like ``wanted``: those nearly as close as the closest
        ("chuong mi" is Chương Mỹ, not also Hoàng Mai), at least 0.6 alike (difflib's ratio)."""
        scored = []
        for key in [*self._spelt, *self.clashes]:
            ratio = difflib.SequenceMatcher(None, wanted, key).ratio()
            if ratio >= _CLOSE:
                scored.append((ratio, key))
        scored.sort(reverse=True)
        best = scored[0][0] if scored else 0.0
        keys = [key for ratio, key in scored[:3] if ratio >= best - _NEARLY_AS_CLOSE]
        return tuple(dict.fromkeys(name for key in keys for name in self.clashes.get(key, (self._spelt[key],))))


@cache
def _matcher() -> DistrictMatcher:
    return DistrictMatcher(district_names())


@lru_cache(maxsize=8192)
def _matched(text: str) -> str | None:
    return _matcher().match(text, suggest=False)


def canonical_district(text: str | None, suggest: bool = True) -> str | None:
    """The official name for what a person typed anywhere; None means city-wide.

    Case, spacing, Unicode composition, marks, đ written d, the tone mark's position and
    a leading "quận", "huyện", "thị xã" (or "Q.", "H.", "TX.") are forgiven: "chuong my",
    "Huyện Chương Mỹ" and "ứng hoà" are "Chương Mỹ" and "Ứng Hòa". Anything else raises
    UnknownDistrictError with the closest names (unless ``suggest`` is off).
    """
    if text is None:
        return None
    try:
        return _matched(text)
    except UnknownDistrictError:
        if not suggest:
            raise
    return _matcher().match(text, suggest=True)


def district_of_report(text: str, suggest: bool = True) -> str | None:
    """A report's district cell read by the same rule as every other way in."""
    return canonical_district(text, suggest=suggest)
