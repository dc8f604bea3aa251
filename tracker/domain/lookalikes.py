"""Letters that look alike: how village names are compared and which ones are refused.

"Làng Sơn Đồng" and "Làng Sоn Đồng" (with a Cyrillic о) are one village to the eye; to the
ledger they were two, so the same figure could be counted twice. Two rules, both from
Unicode's Technical Standard #39 (Unicode Security Mechanisms), whose data (the
confusables and every character's scripts) ICU holds and PyICU reads:

- A name that mixes alphabets (Latin with Cyrillic, Greek, Armenian, Cherokee, digits of
  another script...) is refused, naming the odd letters: nobody types a Cyrillic о inside a
  Vietnamese word on purpose. Spaces, punctuation, 0-9 and combining marks belong to no
  alphabet and mix with any.
- Names are compared by their skeleton: case folded, then every character replaced by the
  prototype of its look-alikes (UTS #39, section 4), until nothing changes. A name written
  wholly in another alphabet that looks like a Latin one ("Ха Сао" in Cyrillic, "Xa Cao")
  is thereby the same village. The skeleton keeps every Vietnamese letter apart: the marks
  of ơ, ư, ă, â, đ and the five tones are no look-alikes of one another, so "Sơn", "Son"
  and "Sởn" stay three villages (tests/domain/test_lookalikes.py checks every letter).

The skeleton is a key for comparing, never shown and never stored: what is stored and shown
is the name as typed.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import icu

_CHECKER = icu.SpoofChecker()
_NO_ALPHABET = frozenset({icu.UScriptCode.COMMON, icu.UScriptCode.INHERITED})
_LATIN = icu.UScriptCode.LATIN
_SKELETON_ROUNDS = 4  # a case folded prototype may have a look-alike of its own ("0" -> "O" -> "o")


@lru_cache(maxsize=65536)  # an import compares the same few villages a hundred thousand times
def skeleton(text: str) -> str:
    """What a text looks like, case forgiven: two texts that look alike have one skeleton."""
    folded = unicodedata.normalize("NFC", text).casefold()
    for _ in range(_SKELETON_ROUNDS):
        again = _CHECKER.getSkeleton(0, folded).casefold()
        if again == folded:
            break
        folded = again
    return unicodedata.normalize("NFC", folded)  # the same key, readable in a test or a debugger


def village_key(village: str | None) -> str | None:
    """A village as figures are matched by it: "Làng nghề Sơn Đồng", "làng nghề  sơn đồng"
    and "Làng nghề Sоn Đồng" (a Cyrillic о) are one village: case, spacing and look-alike
    letters are forgiven, Vietnamese letters and their marks are not."""
    return None if village is None else skeleton(" ".join(village.split()))


@dataclass(frozen=True)
class MixedScripts:
    """A text whose letters belong to more than one alphabet: the alphabet most of them are
    in (ISO 15924, "Latn"), and each letter of another one with its own ("о", "Cyrl")."""

    main: str
    odd: tuple[tuple[str, str], ...]


@lru_cache(maxsize=65536)  # an import checks the same few villages row after row
def mixed_scripts(text: str) -> MixedScripts | None:
    """Whether a text mixes alphabets (UTS #39's single-script test on the characters'
    Script_Extensions); None when every letter shares one."""
    letters = [(character, _scripts(character)) for character in unicodedata.normalize("NFC", text)]
    letters = [(character, scripts) for character, scripts in letters if scripts]
    if not letters or frozenset.intersection(*(scripts for _, scripts in letters)):
        return None
    counts = Counter(code for _, scripts in letters for code in scripts)
    main = max(counts, key=lambda code: (counts[code], code == _LATIN, -code))
    odd = dict.fromkeys(
        (character, icu.Script.getScript(character).getShortName())
        for character, scripts in letters
        if main not in scripts
    )
    return MixedScripts(icu.Script(main).getShortName(), tuple(odd))


@lru_cache(maxsize=4096)
def _scripts(character: str) -> frozenset[int]:
    """The alphabets a character is written in; none for spaces, punctuation, 0-9, marks."""
    return frozenset(icu.Script.getScriptExtensions(character)) - _NO_ALPHABET


def script_name(code: str) -> str:
    """An alphabet's English name by its ISO 15924 code ("Cyrl": "Cyrillic")."""
    return str(icu.Script(icu.Script.getCode(code)[0]).getName()) if icu.Script.getCode(code) else code
