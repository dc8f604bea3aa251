"""The one rule for text that people type: names, villages, notes, task notes.

Plain Python. Every character a reader cannot see or that changes how the text around it
is drawn is refused: control characters, format characters (bidirectional overrides such
as U+202E, zero-width spaces and joiners), surrogates, private-use and unassigned code
points, and the line and paragraph separators U+2028/U+2029. Such characters let one
name pose as another in the history, or hide what a note says. A multi-line note may
keep its line breaks and tabs; nothing else invisible.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

# Unicode general categories that are never typed on purpose (see the module docstring).
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NOTE_LAYOUT = frozenset({"\n", "\t"})  # what a multi-line note may keep

TextProblemCode = Literal["too_long", "hidden_character"]


class TypedTextError(ValueError):
    """Why a typed text is refused: ``too_long`` (more than ``limit`` characters) or
    ``hidden_character`` (``character`` names the first one, as U+XXXX)."""

    def __init__(self, code: TextProblemCode, limit: int = 0, character: str = "") -> None:
        self.code = code
        self.limit = limit
        self.character = character
        super().__init__(f"{code} {character or limit}")


def hidden_character(text: str, multiline: bool = False) -> str | None:
    """The first character the rule refuses, as "U+202E", or None."""
    allowed = _NOTE_LAYOUT if multiline else frozenset()
    for character in text:
        if character not in allowed and unicodedata.category(character) in _HIDDEN_CATEGORIES:
            return f"U+{ord(character):04X}"
    return None


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
    if len(text) > limit:
        raise TypedTextError("too_long", limit=limit)
    return text
