"""Checking an entry before anything is written: every problem found, each with its field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tracker.domain.districts import UnknownDistrictError, canonical_district
from tracker.domain.lookalikes import MixedScripts, mixed_scripts, script_name
from tracker.domain.numbers import AmbiguousNumberError, ForeignDigitError, read_number
from tracker.domain.numbers import has_foreign_digit as has_foreign_digit  # where report_rows and tests find it
from tracker.domain.plan import ContextFigure, Measure, Plan, Target, Text
from tracker.domain.text import TypedTextError, shown_text, typed_text
from tracker.i18n import STRINGS, Lang, format_date, format_number, t

# The largest figure one entry may carry: a hundred million of the target's unit is far
# above any count of workers, villages or businesses a plan could name, and above any
# amount in million USD. Totals stay exact whatever the number of entries (ledger).
MAX_QUANTITY = Decimal(100_000_000)
MAX_DECIMALS = 3
MAX_VILLAGE = 200
MAX_NOTE = 2000
MAX_AUTHOR = 120


class EntryKind(StrEnum):
    report = "report"  # a figure as reported: what was done, where, when
    adjustment = "adjustment"  # the difference that brings a total to a stated figure; may be negative
    nil = "nil"  # "nothing this period": a district's explicit report of no figure, quantity 0


@dataclass(frozen=True)
class EntryProblem:
    field: str  # target | quantity | date | district | village | note | entered_by
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang = "vi") -> str:
        """What is wrong, without the field's name."""
        params = {k: _shown(k, v, lang) for k, v in self.params.items()}
        return t(f"entry.problem.{self.code}", lang, **params)

    def render(self, lang: Lang = "vi") -> str:
        return f"{t(f'entry.field.{self.field}', lang)}: {self.message(lang)}"


def _shown(key: str, value: Any, lang: Lang) -> Any:
    """A message parameter in the reader's language: Text in it, a limit with its separators,
    and what was typed or read as the typed-text rule repeats it (nothing hidden, one line)."""
    if isinstance(value, Text):
        return value.in_(lang)
    if key == "limit" and isinstance(value, int) and not isinstance(value, bool):
        return format_number(value, lang, decimals=0)
    if isinstance(value, str):
        return shown_text(value)
    return value


class EntryError(ValueError):
    """The entry was not written; ``problems`` says why, field by field."""

    def __init__(self, problems: list[EntryProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.render("en") for p in problems))

    def render(self, lang: Lang = "vi") -> list[str]:
        return [p.render(lang) for p in self.problems]


@dataclass(frozen=True)
class ValidEntry:
    """An entry that passed every check; only these reach the ledger."""

    target_id: str
    ref_date: dt.date
    quantity: Decimal
    district: str | None  # None: city-wide
    village: str | None
    note: str | None
    entered_by: str
    kind: EntryKind = EntryKind.report


# A form that makes the person choose a district (or the whole city) passes this when
# nothing was chosen; None from the command line means city-wide, as documented there.
NOT_CHOSEN = object()


def parse_quantity(raw: object, lang: Lang = "vi") -> Decimal:
    """A number from a widget, a CSV cell or a command line; ValueError when it is not one.

    Numbers (12400, 12400.0, Decimal) are taken as they are; text is read by the rule of
    the person's language (tracker.domain.numbers): in Vietnamese "1.200" is 1200 and
    "22,5" is 22.5, in English the reverse. A text the two rules read differently and
    that is not clearly grouped raises AmbiguousNumberError with both readings; digits
    of other scripts raise ForeignDigitError.
    """
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueError(raw)
        return Decimal(repr(raw))
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise ValueError(raw)
        return raw
    if isinstance(raw, str):
        return read_number(raw, lang)
    raise ValueError(raw)


def parse_date(raw: object) -> dt.date:
    """A date from a widget or text written dd/mm/yyyy or yyyy-mm-dd."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        if not text.isascii():  # strptime would read "３1/03/2017" as the 31st
            raise ValueError(raw)
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    raise ValueError(raw)


def _clean_text(
    raw: object, field_name: str, limit: int, problems: list[EntryProblem], multiline: bool = False
) -> str | None:
    """The field as stored (tracker.text's rule), or None after noting why it is refused."""
    try:
        return typed_text(raw, limit=limit, multiline=multiline)
    except TypedTextError as problem:
        params = {"limit": problem.limit} if problem.code == "too_long" else {"character": problem.character}
        problems.append(EntryProblem(field_name, problem.code, params))
        return None


# How many letters of another alphabet a message names before it says "…".
_ODD_LETTERS_NAMED = 5


def _mixed_params(mixed: MixedScripts) -> dict[str, Text]:
    """The odd letters and the alphabet of the others, in both languages: 'о' (U+043E, Cyrillic)."""

    def alphabet(code: str, lang: Lang) -> str:
        key = f"script.{code.lower()}"
        return t(key, lang) if key in STRINGS else script_name(code)

    def letters(lang: Lang) -> str:
        named = [f"'{c}' (U+{ord(c):04X}, {alphabet(code, lang)})" for c, code in mixed.odd[:_ODD_LETTERS_NAMED]]
        return ", ".join(named) + (", …" if len(mixed.odd) > _ODD_LETTERS_NAMED else "")

    return {
        "characters": Text(vi=letters("vi"), en=letters("en")),
        "script": Text(vi=alphabet(mixed.main, "vi"), en=alphabet(mixed.main, "en")),
    }


def validate_entry(
    plan: Plan,
    *,
    target_id: object,
    quantity: object,
    ref_date: object,
    district: object = None,
    village: object = None,
    note: object = None,
    entered_by: object = None,
    kind: EntryKind = EntryKind.report,
    lang: Lang = "vi",
) -> ValidEntry:
    """Check every field against the plan; raise EntryError listing all problems.

    A quantity typed as text is read by the rule of ``lang``, the language of the person
    typing (tracker.domain.numbers): "1.200" is 1200 in Vietnamese, refused in English."""
    return EntryChecker(plan, lang, remember=False).check(
        target_id=target_id,
        quantity=quantity,
        ref_date=ref_date,
        district=district,
        village=village,
        note=note,
        entered_by=entered_by,
        kind=kind,
    )


# What one field's check gives: the value as stored (None when refused or empty), and
# its problems, in the order validate_entry lists them.
Checked = tuple[Any, tuple[EntryProblem, ...]]


def _key(value: object) -> object:
    """What a field's value is remembered by: a text, a whole number, a day itself; anything
    else by its type and its exact writing (1, 1.0, Decimal("1.0") and True are equal in
    Python but are not the same cell)."""
    kind = value.__class__
    if value is None or kind is str or kind is int or kind is dt.date:  # equal only when the same
        return value
    return kind, repr(value)


class EntryChecker:
    """``validate_entry`` for many entries of one plan, as an import checks them: the same
    checks and the same problems, but, when ``remember`` is on, each check is made once per
    distinct value: of the quantity, of the date, of the district, village, note and author
    together (a report repeats them on thousands of rows). Every check depends on those
    values alone (the quantity and the date also on the target and the kind), so a
    remembered result is the result."""

    def __init__(self, plan: Plan, lang: Lang = "vi", *, remember: bool = True) -> None:
        self.plan = plan
        self.lang = lang
        self.items = plan.recordable_by_id()
        self.remember = remember
        self._known: dict[tuple[Any, ...], Checked] = {}

    def _field(self, key: tuple[Any, ...], check: Any, *args: Any) -> Checked:
        if not self.remember:
            return check(*args)  # type: ignore[no-any-return]
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = check(*args)
        return found

    def check(
        self,
        *,
        target_id: object,
        quantity: object,
        ref_date: object,
        district: object = None,
        village: object = None,
        note: object = None,
        entered_by: object = None,
        kind: EntryKind = EntryKind.report,
    ) -> ValidEntry:
        """One entry checked: a ValidEntry, or EntryError listing every problem."""
        item = self.items.get(str(target_id))
        item_id = None if item is None else item.id
        field = self._field
        amount, by_quantity = field(
            ("quantity", item_id, kind, _key(quantity)), _checked_quantity, quantity, self.lang, kind, item
        )
        day, by_date = field(("date", item_id, _key(ref_date)), _checked_date, self.plan, ref_date, item)
        chosen = district is not NOT_CHOSEN
        if not chosen:
            district = None
        words = (_key(district), _key(village), _key(note), _key(entered_by))
        (place, village_text, note_text, author), by_words = field(
            ("words", *words), _checked_words, district, village, note, entered_by
        )
        nil_not_zero = kind == EntryKind.nil and amount is not None and amount != 0
        if item is not None and chosen and not (by_quantity or by_date or by_words or nil_not_zero):
            return ValidEntry(str(target_id), day, amount, place, village_text, note_text, author, kind)

        problems: list[EntryProblem] = []
        if item is None:
            problems.append(EntryProblem("target", "unknown_target", {"target": target_id}))
        problems += by_quantity
        problems += by_date
        if not chosen:
            problems.append(EntryProblem("district", "missing_district"))
        problems += by_words
        if nil_not_zero:
            problems.append(EntryProblem("quantity", "nil_not_zero"))
        raise EntryError(problems)


def _checked_words(district: object, village: object, note: object, entered_by: object) -> Checked:
    """The district, the village, the note and the author, checked in this order: a report
    repeats the same few of them together on thousands of rows."""
    place, by_district = _checked_district(district)
    village_text, by_village = _checked_village(village)
    note_text, by_note = _checked_text(note, "note", MAX_NOTE, True)
    author, by_author = _checked_author(entered_by)
    return (place, village_text, note_text, author), by_district + by_village + by_note + by_author


def _checked_quantity(quantity: object, lang: Lang, kind: EntryKind, item: Target | ContextFigure | None) -> Checked:
    problems: list[EntryProblem] = []
    amount: Decimal | None = None
    if quantity is None or (isinstance(quantity, str) and not quantity.strip()):
        problems.append(EntryProblem("quantity", "missing_quantity"))
    else:
        try:
            amount = parse_quantity(quantity, lang)
        except AmbiguousNumberError as ambiguous:
            # the two readings, each written as the reader's language writes numbers
            readings = Text(vi=ambiguous.message("vi"), en=ambiguous.message("en"))
            problems.append(EntryProblem("quantity", "ambiguous_separator", {"value": quantity, "readings": readings}))
        except ForeignDigitError:
            problems.append(EntryProblem("quantity", "foreign_digit", {"value": quantity}))
        except ValueError:
            problems.append(EntryProblem("quantity", "not_a_number", {"value": quantity}))
    if amount is not None:
        if amount < 0 and kind != EntryKind.adjustment:
            problems.append(EntryProblem("quantity", "negative"))
        elif abs(amount) > MAX_QUANTITY:
            problems.append(EntryProblem("quantity", "too_large", {"limit": int(MAX_QUANTITY)}))
        elif item is not None and item.measure == Measure.count and amount != amount.to_integral_value():
            problems.append(EntryProblem("quantity", "fraction_for_count", {"unit": item.unit}))
        elif int(amount.normalize().as_tuple().exponent) < -MAX_DECIMALS:
            problems.append(EntryProblem("quantity", "too_many_decimals"))
    return amount, tuple(problems)


def _checked_date(plan: Plan, ref_date: object, item: Target | ContextFigure | None) -> Checked:
    problems: list[EntryProblem] = []
    day: dt.date | None = None
    if ref_date is None or (isinstance(ref_date, str) and not ref_date.strip()):
        problems.append(EntryProblem("date", "missing_date"))
    else:
        try:
            day = parse_date(ref_date)
        except ValueError:
            problems.append(EntryProblem("date", "bad_date", {"value": ref_date}))
    if day is not None and item is not None:
        period = plan.period_of(item)
        if not period.contains(day):
            problems.append(
                EntryProblem(
                    "date",
                    "date_outside_period",
                    {"date": format_date(day), "start": format_date(period.start), "end": format_date(period.end)},
                )
            )
    return day, tuple(problems)


def _checked_district(district: object) -> Checked:
    try:
        return canonical_district(None if district is None else str(district)), ()
    except UnknownDistrictError as unknown:
        close = ", ".join(unknown.suggestions)
        code = unknown.code  # unknown_district | unknown_district_close | ambiguous_district
        return None, (EntryProblem("district", code, {"district": district, "close": close}),)


def _checked_text(raw: object, field_name: str, limit: int, multiline: bool = False) -> Checked:
    problems: list[EntryProblem] = []
    return _clean_text(raw, field_name, limit, problems, multiline), tuple(problems)


def _checked_village(village: object) -> Checked:
    village_text, problems = _checked_text(village, "village", MAX_VILLAGE)
    mixed = mixed_scripts(village_text) if village_text is not None else None
    if mixed is not None:
        problems += (EntryProblem("village", "mixed_scripts", _mixed_params(mixed)),)
    return village_text, problems


def _checked_author(entered_by: object) -> Checked:
    author, problems = _checked_text(entered_by, "entered_by", MAX_AUTHOR)
    if author is None and not problems:
        problems = (EntryProblem("entered_by", "missing_author"),)
    return author, problems
