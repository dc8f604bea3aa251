"""Numbers as people type them, read by the rule of the person's language.

In Vietnamese "." groups thousands and "," marks decimals (30.000; 1.234,5); in English
the reverse (30,000; 1,234.5). The app writes numbers that way, so a person copies them
back that way. The rule, for a text in language L (its group mark G, decimal mark D):

- Spaces (normal or non-breaking) are dropped wherever they stand: "30 000" is 30000.
- A sign may lead ("-5" for an adjustment, "+5"); only the digits 0-9 count
  (ForeignDigitError for "٣", "３", "𝟑", which Python would read as digits).
- Plain: digits, with one D and a decimal part if wanted ("12400", "22,5" in vi).
- Clearly grouped: a head of 1-3 digits not starting with 0, then groups of exactly three
  digits each after G, then D and a decimal part if wanted ("1.200", "1.234.567",
  "1.234,5" in vi). G is L's own group mark: such a form is read by L's rule, even where
  the other language's rule would read it otherwise ("1.200" is 1200 in vi, 1.2 in en).
- A plain form that the other language's rule reads as a different number is refused
  with both readings ("1,200" in vi: 1,2 or 1.200?), because the person may be typing
  the other way: "1,234" is clear to nobody.
- A form that only the other language's rule reads ("1.5" in vi, "1,5" in en) is refused
  with that reading and with L's group mark taken as a mark of thousands however the
  digits stand ("1,5 hay 15?" / "1.5 or 15?"), unless the latter reading does not exist
  (no head but 0, or G in the decimal part): then the one reading there is is taken
  ("1,234.5" or "0.5" typed in vi can mean nothing else).
- Everything else is not a number: "1..2", "1.2.3", ",5", "5,", "1e5".

The same text thus never reads as two numbers, and what one language's rule writes
reads back as written (format_number(x, L) read in L is x), except a decimal that looks
grouped by the other rule ("1,234" written for 1.234 in vi), refused with x as a reading.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tracker.i18n import Lang, format_number, t

# The marks of each language: (group, decimal).
MARKS: dict[str, tuple[str, str]] = {"vi": (".", ","), "en": (",", ".")}


def _other(lang: Lang) -> Lang:
    return "en" if lang == "vi" else "vi"


@dataclass(frozen=True)
class _Shapes:
    plain: re.Pattern[str]
    grouped: re.Pattern[str]
    loosely_grouped: re.Pattern[str]  # the group mark between digits, however many


def _shapes(group: str, decimal: str) -> _Shapes:
    g, d = re.escape(group), re.escape(decimal)
    return _Shapes(
        plain=re.compile(rf"[+-]?[0-9]+(?:{d}[0-9]+)?"),
        grouped=re.compile(rf"[+-]?[1-9][0-9]{{0,2}}(?:{g}[0-9]{{3}})+(?:{d}[0-9]+)?"),
        loosely_grouped=re.compile(rf"[+-]?[1-9][0-9]*(?:{g}[0-9]+)+(?:{d}[0-9]+)?"),
    )


_SHAPES: dict[str, _Shapes] = {lang: _shapes(*marks) for lang, marks in MARKS.items()}
_SPACES = ("\u00a0", " ")


class ForeignDigitError(ValueError):
    """A digit of another script ("٠", "３", "𝟑"): only 0-9 are read as numbers."""


class AmbiguousNumberError(ValueError):
    """A typed number the two languages' rules read as two numbers, neither clearly meant.

    ``readings`` are the two, the likelier first; ``message`` asks which one was meant."""

    def __init__(self, text: str, readings: tuple[Decimal, Decimal]) -> None:
        self.text = text
        self.readings = readings
        super().__init__(f"{text!r}: {readings[0]} or {readings[1]}?")

    def message(self, lang: Lang) -> str:
        """ "1,5 hay 15?" / "1.5 or 15?": the two readings written by ``lang``'s rule."""
        first, second = (written(reading, lang) for reading in self.readings)
        return t("number.which_reading", lang, first=first, second=second)


def written(value: Decimal, lang: Lang) -> str:
    """A number as ``lang`` writes it, with every decimal it has (1.234,5; 0,125)."""
    exponent = int(value.normalize().as_tuple().exponent)
    return format_number(value, lang, max(0, -exponent))


def typed_back(value: Decimal, lang: Lang) -> str:
    """``value`` as ``lang`` writes it (1.200; 175,25), in a form that ``read_number`` reads
    back as ``value``, for a box a person may leave as it is: a decimal that the other rule
    would read as thousands (1,125 is 1125 in English) gets a trailing zero (1,1250)."""
    text = written(value, lang)
    try:
        if read_number(text, lang) == value:
            return text
    except AmbiguousNumberError:
        pass
    return text + "0"


def has_foreign_digit(text: str) -> bool:
    """Whether a text holds a digit other than 0-9, which Python's int() and \\d would read."""
    return any(not character.isascii() and unicodedata.category(character) == "Nd" for character in text)


def _value(text: str, lang: Lang) -> Decimal:
    group, decimal = MARKS[lang]
    return Decimal(text.replace(group, "").replace(decimal, "."))


def _strict(text: str, lang: Lang) -> tuple[Decimal, bool] | None:
    """The number ``lang``'s rule reads, and whether it is written grouped; None if none."""
    shapes = _SHAPES[lang]
    if shapes.plain.fullmatch(text):
        return _value(text, lang), False
    if shapes.grouped.fullmatch(text):
        return _value(text, lang), True
    return None


def read_number(raw: str, lang: Lang = "vi") -> Decimal:
    """The number a person typed, by the rule of their language (see the module's text).

    Raises ForeignDigitError, AmbiguousNumberError (with the two readings) or ValueError."""
    text = raw.strip()
    for space in _SPACES:
        text = text.replace(space, "")
    if has_foreign_digit(text):
        raise ForeignDigitError(raw)
    try:
        own = _strict(text, lang)
        other = _strict(text, _other(lang))
        if own is not None:
            value, grouped = own
            if grouped or other is None or other[0] == value:
                return value
            raise AmbiguousNumberError(raw, (value, other[0]))
        if other is None:
            raise ValueError(raw)
        loose = _value(text, lang) if _SHAPES[lang].loosely_grouped.fullmatch(text) else None
        if loose is None or loose == other[0]:
            return other[0]
        raise AmbiguousNumberError(raw, (other[0], loose))
    except InvalidOperation:
        raise ValueError(raw) from None
