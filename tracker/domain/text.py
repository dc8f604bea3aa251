"""The one rule for text that people type: names, villages, notes, task notes; and how
text from outside (an address, a file, a command's argument) is repeated to a person.

Plain Python. Every character a reader cannot see or that changes how the text around it
is drawn is refused: control characters, format characters (bidirectional overrides such
as U+202E, zero-width spaces and joiners), surrogates, private-use and unassigned code
points, the line and paragraph separators U+2028/U+2029, and the letters and marks that
draw nothing (Hangul fillers, variation selectors, the blank braille cell). Such
characters let one name pose as another in the history, or hide what a note says. A
one-line text has its spaces made plain; a multi-line note may keep its line breaks and
tabs, and the variation selectors of its emoji; nothing else invisible. Text that is only
repeated, never stored (an unknown ``?plan=``, a wrong cell, a mistyped argument), shows
each such character written out, as ⟨U+202E⟩ (``shown_text``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

# Unicode general categories that are never typed on purpose (see the module docstring).
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# Characters that draw nothing although they are letters or marks (Unicode's
# Default_Ignorable_Code_Point outside the categories above: Hangul fillers, the combining
# grapheme joiner, Mongolian and other variation selectors), and the blank braille cell.
_INVISIBLE_RANGES = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xE0100, 0xE01EF),
)
# A note may keep its line breaks and tabs, and the variation selectors an emoji is typed
# with (❤️ is U+2764 U+FE0F): a note is read whole, not compared as a name is.
_NOTE_LAYOUT = frozenset({"\n", "\t"})
_EMOJI_VARIANTS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
_SPACES = re.compile(" {2,}")

TextProblemCode = Literal["too_long", "hidden_character"]


class TypedTextError(ValueError):
    """Why a typed text is refused: ``too_long`` (more than ``limit`` characters) or
    ``hidden_character`` (``character`` names the first one, as U+XXXX)."""

    def __init__(self, code: TextProblemCode, limit: int = 0, character: str = "") -> None:
        self.code = code
        self.limit = limit
        self.character = character
        super().__init__(f"{code} {character or limit}")


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def hidden_character(text: str, multiline: bool = False) -> str | None:
    """The first character the rule refuses, as "U+202E", or None."""
    for character in text:
        if _refused(character, multiline):
            return f"U+{ord(character):04X}"
    return None


@lru_cache(maxsize=65536)  # a text uses few distinct characters: an import checks millions of them
def _refused(character: str, multiline: bool) -> bool:
    code = ord(character)
    if multiline and (character in _NOTE_LAYOUT or _within(code, _EMOJI_VARIANTS)):
        return False
    return unicodedata.category(character) in _HIDDEN_CATEGORIES or _within(code, _INVISIBLE_RANGES)


def visible_text(text: str, multiline: bool = False) -> str:
    """Text from outside (an address, a file, a command's argument) with every character
    the rule refuses written out where it stood, as ⟨U+202E⟩: what a person is shown of it
    hides nothing and reorders nothing. ``multiline`` keeps line breaks and tabs."""
    return "".join(f"⟨U+{ord(c):04X}⟩" if _refused(c, multiline) else c for c in text)


def shown_text(raw: object, limit: int = 80) -> str:
    """A value from outside as a message repeats it: one line, hidden characters written
    out (visible_text), cut after ``limit`` characters of what is shown (…). The rule for
    every echo of an address's value, a cell, a header or an argument."""
    shown: list[str] = []
    length = 0
    for character in str(raw):
        piece = visible_text(character)
        if length + len(piece) > limit:
            return "".join(shown) + "…"
        shown.append(piece)
        length += len(piece)
    return "".join(shown)


def typed_text(raw: object, *, limit: int, multiline: bool = False) -> str | None:
    """Text as it is stored: composed (NFC), trimmed, line breaks as "\\n"; None when blank.

    Raises TypedTextError when it is longer than ``limit`` characters or holds a character
    the rule refuses (hidden ones first: they are what a person cannot see to fix)."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFC", str(raw)).strip()
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        return None
    found = hidden_character(text, multiline)
    if found is not None:
        raise TypedTextError("hidden_character", character=found)
    if not multiline:  # one line: every kind of space is a space, and one is enough ("Trần  Lan" is "Trần Lan")
        text = _SPACES.sub(" ", "".join(" " if unicodedata.category(c) == "Zs" else c for c in text))
    if len(text) > limit:
        raise TypedTextError("too_long", limit=limit)
    return text
