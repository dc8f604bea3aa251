"""Reading a district's report, row by row: which column holds what, and what each row
says, checked by the same rules as every entry. Plain Python: the cells come in as the
file reader found them (text, numbers, dates), the figures go out as ValidEntry.

A row is identified by plan, target, district, village and the day its period ends (or
the date it names): the same row imported twice is the same figure, not a second one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from tracker.domain.districts import UnmatchedDistrictError, district_of_report
from tracker.domain.entries import EntryChecker, EntryError, ValidEntry
from tracker.domain.lookalikes import village_key
from tracker.domain.numbers import has_foreign_digit
from tracker.domain.plan import ContextFigure, Plan, Target
from tracker.domain.reports import Field, PeriodKind, ReportPeriod, Uncomputed, parse_report_period
from tracker.domain.text import shown_text
from tracker.i18n import LANGS, STRINGS, Lang, t

# The key a figure is found again by, whichever file or form brought it.
Identity = tuple[str, str | None, str | None, dt.date]  # target, district, village, day

# How far down a header row is looked for: a title and a few lines of preamble above it.
HEADER_SEARCH_ROWS = 30
# How many unknown names get the closest names offered: enough for any real file, and a
# file of a hundred thousand made-up names is not minutes of comparisons.
SUGGESTIONS = 500


def bare(text: object) -> str:
    """A header or a name as compared: lower case, no marks, đ as d, punctuation as spaces."""
    return _bare_text(str(text))


@lru_cache(maxsize=8192)  # a report repeats its targets' names on thousands of rows
def _bare_text(text: str) -> str:
    letters = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold().replace("đ", "d"))
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


# Header names people give each column, in Vietnamese (with or without marks) and English,
# besides the template's own headers (the strings template.col.*), which are added below.
_HEADER_WORDS: dict[Field, tuple[str, ...]] = {
    Field.district: (
        "quận huyện",
        "quận huyện thị xã",
        "huyện",
        "quận",
        "địa bàn",
        "địa phương",
        "tên quận huyện",
        "huyện thị xã",
        "quận thị xã",
        "thị xã",
        "tên địa phương",
        "đơn vị hành chính",
        # A district office's report names itself "đơn vị báo cáo". Bare "Đơn vị" stays the
        # unit: the template heads its unit column so, and one name cannot mean both.
        "đơn vị báo cáo",
        "tên đơn vị",
        "district",
        "district name",
    ),
    Field.target: ("mục tiêu", "chỉ tiêu", "tên chỉ tiêu", "nội dung", "target", "indicator"),
    Field.unit: ("đơn vị", "đơn vị tính", "đvt", "unit"),
    Field.period: ("kỳ báo cáo", "kỳ", "tháng", "quý", "period", "reporting period", "month", "quarter"),
    # "Ngày báo cáo" (the day the report was signed) is not the day a figure is for: not here.
    Field.date: ("ngày", "ngày số liệu", "date"),
    Field.quantity: (
        "số lượng",
        "kết quả",
        "kết quả thực hiện",
        "thực hiện",
        "giá trị",
        "số liệu",
        "đã đạt",
        "quantity",
        "value",
        "achieved",
        "result",
    ),
    Field.village: ("làng nghề", "tên làng nghề", "làng", "village", "craft village"),
    Field.note: ("ghi chú", "note", "notes", "remarks", "comment"),
    Field.target_id: ("mã mục tiêu", "mã chỉ tiêu", "target id", "target_id"),
    Field.plan_id: ("mã kế hoạch", "plan id", "plan_id"),
}


def _header_table() -> dict[str, Field]:
    table: dict[str, Field] = {}
    for column, words in _HEADER_WORDS.items():
        for word in words:
            table[bare(word)] = column
        for lang in LANGS:
            key = f"template.col.{column.value}"
            if key in STRINGS:
                table[bare(t(key, lang))] = column
    return table


def named_columns(headers: Sequence[object]) -> dict[Field, list[int]]:
    """Every column (0-based) whose header names a field, by field."""
    table = _header_table()
    named: dict[Field, list[int]] = {}
    for index, header in enumerate(headers):
        column = None if header is None else table.get(bare(header))
        if column is not None:
            named.setdefault(column, []).append(index)
    return named


def propose_mapping(headers: Sequence[object], rows: Sequence[Sequence[object]] = ()) -> dict[Field, int]:
    """Which column (0-based) holds each field, from the header names. A field no header
    names, or that two headers name ("Số lượng" under "Kế hoạch" and under "Thực hiện"),
    is left out for the person to choose: guessing there could import the plan's figure
    as the achieved one.

    "Đơn vị" heads the template's unit column, and a district office's own sheet heads
    its district column so (the reporting unit). Given the data ``rows``, a column of that
    name is the district when no other header names one and its cells name districts."""
    proposed = {column: indices[0] for column, indices in named_columns(headers).items() if len(indices) == 1}
    unit = proposed.get(Field.unit)
    if Field.district not in proposed and unit is not None and _names_districts(rows, unit):
        proposed[Field.district] = proposed.pop(Field.unit)
    return proposed


# How many data rows are looked at to tell a column of districts from a column of units.
_ROWS_LOOKED_AT = 50


def _names_districts(rows: Sequence[Sequence[object]], index: int) -> bool:
    """Whether the filled cells of column ``index`` (in the first rows) are, nearly all,
    names of districts (or the whole city) as a report writes them."""
    cells = [row[index] for row in rows[:_ROWS_LOOKED_AT] if index < len(row) and _text(row[index])]
    named = 0
    for cell in cells:
        try:
            district_of_report(str(cell), suggest=False)
            named += 1
        except UnmatchedDistrictError:
            pass
    return bool(cells) and named >= 0.8 * len(cells)


def repeated_fields(headers: Sequence[object]) -> dict[Field, list[int]]:
    """The fields that more than one header names, with those columns (0-based)."""
    return {column: indices for column, indices in named_columns(headers).items() if len(indices) > 1}


def find_header(rows: Sequence[tuple[int, Sequence[object]]]) -> int | None:
    """The position (in ``rows``) of the row that names the columns: among the first rows,
    the one whose cells name the most fields, with the quantity among them."""
    best: tuple[int, int] | None = None
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping = named_columns(cells)
        if Field.quantity not in mapping or len(mapping) < 2:
            continue
        if best is None or len(mapping) > best[1]:
            best = (position, len(mapping))
    return None if best is None else best[0]


REQUIRED_FIELDS: tuple[Field, ...] = (Field.district, Field.quantity)


def missing_fields(mapping: Mapping[Field, int]) -> list[Field]:
    """What a mapping lacks before rows can be read: the district, the quantity, the target
    (by name or id) and when (a period or a date)."""
    missing = [column for column in REQUIRED_FIELDS if column not in mapping]
    if Field.target not in mapping and Field.target_id not in mapping:
        missing.append(Field.target)
    if Field.period not in mapping and Field.date not in mapping:
        missing.append(Field.period)
    return missing


@dataclass(frozen=True)
class RowProblem:
    """Why one row (or one cell of it) cannot be imported."""

    row: int  # the row number the person sees in the file
    column: Field | None
    code: str  # the string import.problem.<code>, or entry.problem.<code> for the entry rules
    params: dict[str, Any] = field(default_factory=dict)
    entry_rule: bool = False

    def message(self, lang: Lang = "vi") -> str:
        prefix = "entry.problem." if self.entry_rule else "import.problem."
        return t(prefix + self.code, lang, **{k: _shown(v, lang) for k, v in self.params.items()})


def _shown(value: object, lang: Lang) -> object:
    """A message parameter: a plan Text in the reader's language; a cell as the typed-text
    rule repeats outside text (nothing hidden, one line); the names it may have meant, the
    plan's and the districts' own, as they are."""
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    if hasattr(value, "in_"):
        return value.in_(lang)  # a plan Text
    if isinstance(value, str):
        return shown_text(value)
    return value


@dataclass(frozen=True)
class ReportFigure:
    """One row that passed every check: the entry it makes, and where it came from."""

    row: int
    entry: ValidEntry
    period: ReportPeriod | None  # the period the row reports, when it names one
    typed_quantity: str | None = None  # the quantity as the cell wrote it, when it was text

    # the key it is found again by, worked out once: an import asks for it several times a row
    identity: Identity = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "identity", identity_of(self.entry))


def identity_of(entry: Any) -> Identity:
    """The key of a figure: an entry as checked or as stored. Its village is compared by
    ``village_key``: case, spacing and look-alike letters forgiven."""
    return (entry.target_id, entry.district, _village_key(entry.village), entry.ref_date)


# A report names the same villages row after row; their key is worked out once.
_village_key = lru_cache(maxsize=65536)(village_key)


@dataclass(frozen=True)
class ReadRows:
    figures: list[ReportFigure]
    problems: list[RowProblem]
    blank: list[int]  # rows that name a figure but leave its quantity empty: not reported


class _Targets:
    """The plan's recordable items by id and by name: the title or the short name the app
    shows (Vietnamese or English, with or without marks, with or without the unit after it)."""

    def __init__(self, plan: Plan) -> None:
        self.by_id = plan.recordable_by_id()
        self.by_name: dict[str, Target | ContextFigure] = {}
        for names in (lambda item: item.title, lambda item: item.short):  # a title wins over a short name
            for item in plan.recordable():
                for lang in LANGS:
                    name, unit = names(item).in_(lang), item.unit.in_(lang)
                    for spelling in (name, f"{name} ({unit})", f"{name} {unit}", item.id):
                        self.by_name.setdefault(bare(spelling), item)

    def find(self, text: str) -> Target | ContextFigure | None:
        return self.by_name.get(bare(text))

    def close(self, text: str) -> tuple[str, ...]:
        wanted = bare(text)
        # a name cut short ("Đào tạo nghề") is as close as a name mistyped
        keys = [key for key in self.by_name if wanted and wanted in key][:2]
        keys += difflib.get_close_matches(wanted, self.by_name.keys(), n=2, cutoff=0.6)
        return tuple(dict.fromkeys(self.by_name[key].title.vi for key in keys))


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _unguarded(str(value).strip())
    return text or None


def _unguarded(text: str) -> str:
    """The text without the ' that a CSV of this app (the template, the export) puts before
    a text a spreadsheet would run as a formula ("'=...", "'+Phú Vinh")."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def _quantity(value: object) -> object:
    """A numeric cell as the number Excel shows: floats carry binary noise
    (0.1 * 3 = 0.30000000000000004), so they are read to 15 significant digits, Excel's own."""
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        return Decimal(format(value, ".15g"))
    if isinstance(value, str):
        return value.strip()
    return value


def read_rows(
    plan: Plan,
    rows: Sequence[tuple[int, Sequence[object], bool]],
    mapping: Mapping[Field, int],
    entered_by: str,
    lang: Lang = "vi",
) -> ReadRows:
    """Every data row (number, cells, hidden) checked: a figure, or its problems, or blank.

    ``rows`` are the rows below the header. A row that repeats an earlier row's figure
    (same target, district, village and day) is an error, not a second figure. A quantity
    written as text is read by the rule of ``lang``, the language of the person importing
    ("1.200" is 1200 in Vietnamese); a number cell is the number it holds.
    """
    targets = _Targets(plan)
    check = EntryChecker(plan, lang)  # each distinct village, note, quantity checked once
    figures: list[ReportFigure] = []
    problems: list[RowProblem] = []
    blank: list[int] = []
    seen: dict[Identity, int] = {}
    budget = [SUGGESTIONS]
    columns = list(mapping.items())
    # What a cell's text was found to name, for the cells that named something: a report
    # repeats its targets, districts and days on thousands of rows. A name that names
    # nothing is looked at again on each row (its message depends on the row and on how
    # many names were suggested already).
    target_named: dict[tuple[object, object], Target | ContextFigure] = {}
    district_named: dict[object, str | None] = {}
    day_named: dict[tuple[object, ...], tuple[dt.date | None, ReportPeriod | None]] = {}
    texts: dict[tuple[Field, object], str | None] = {}  # a village's or a note's cell as read
    # a formula Excel never computed is in no CSV: its cells are looked for row by row only
    # in a sheet that has one
    uncomputed = any(isinstance(cell, Uncomputed) for _, cells, _ in rows for cell in cells)

    def words(column: Field, value: object, read: Any) -> str | None:
        if value.__class__ is not str:
            return read(value)  # type: ignore[no-any-return]
        key = (column, value)
        if key not in texts:
            texts[key] = read(value)
        return texts[key]

    for number, cells, hidden in rows:
        if hidden:
            problems.append(RowProblem(number, None, "hidden_row"))
            continue
        size = len(cells)
        row = {column: cells[index] for column, index in columns if index < size}
        # a formula Excel never computed: its value is unknown, not empty
        found = []
        if uncomputed:
            found = [
                RowProblem(number, column, "uncomputed_formula")
                for column, value in row.items()
                if isinstance(value, Uncomputed)
            ]
            if found:
                problems.extend(found)
                continue

        plan_cell = row.get(Field.plan_id)
        plan_id = None if plan_cell is None else _text(plan_cell)
        if plan_id is not None and plan_id != plan.id:
            problems.append(RowProblem(number, Field.plan_id, "other_plan", {"plan": plan_id, "expected": plan.id}))
            continue

        id_cell, title_cell = row.get(Field.target_id), row.get(Field.target)
        target_key = (_cell_key(id_cell), _cell_key(title_cell))
        item = target_named.get(target_key)
        if item is None:
            item = _target_of(targets, id_cell, title_cell, number, found, budget)
            if item is not None and None not in target_key:
                target_named[target_key] = item
        district_cell = row.get(Field.district)
        district_key = _cell_key(district_cell)
        if district_key is not None and district_key in district_named:
            district = district_named[district_key]
        else:
            before = len(found)
            district = _district_of(district_cell, number, found, budget)
            if district_key is not None and len(found) == before:
                district_named[district_key] = district
        period_cell, date_cell = row.get(Field.period), row.get(Field.date)
        day_key = (None if item is None else item.id, _cell_key(period_cell), _cell_key(date_cell))
        known_day = day_named.get(day_key) if None not in day_key else None
        if known_day is not None:
            day, period = known_day
        else:
            before = len(found)
            day, period = _day_of(plan, item, period_cell, date_cell, number, found)
            if None not in day_key and len(found) == before:
                day_named[day_key] = (day, period)
        raw_quantity = row.get(Field.quantity)
        if raw_quantity is None or (isinstance(raw_quantity, str) and not raw_quantity.strip()):
            if not found:
                blank.append(number)
            continue  # an empty quantity reports nothing, whatever else the row holds
        if isinstance(raw_quantity, (dt.date, bool)):
            found.append(RowProblem(number, Field.quantity, "quantity_not_a_number", {"value": str(raw_quantity)}))
        if found or item is None or day is None:
            problems.extend(found)
            continue
        try:
            entry = check.check(
                target_id=item.id,
                quantity=_quantity(raw_quantity),
                ref_date=day,
                district=district,
                village=words(Field.village, row.get(Field.village), _text),
                note=words(Field.note, row.get(Field.note), _plain_note),
                entered_by=entered_by,
            )
        except EntryError as error:
            problems.extend(
                RowProblem(number, _FIELD_OF_ENTRY.get(p.field), p.code, dict(p.params), entry_rule=True)
                for p in error.problems
            )
            continue
        typed = raw_quantity.strip() if isinstance(raw_quantity, str) else None
        figure = ReportFigure(number, entry, period, typed)
        identity = figure.identity
        earlier = seen.get(identity)
        if earlier is not None:
            problems.append(RowProblem(number, None, "duplicate_row", {"other": earlier}))
            continue
        seen[identity] = number
        figures.append(figure)
    return ReadRows(figures, problems, blank)


def _cell_key(value: object) -> object:
    """A cell as the reading of its text is remembered by: a text is its own key; an
    empty cell is "" (it names nothing either way); any other cell (a number, a date) None,
    read again each time."""
    if value is None:
        return ""
    return value if isinstance(value, str) else None


_FIELD_OF_ENTRY = {
    "target": Field.target,
    "quantity": Field.quantity,
    "date": Field.period,
    "district": Field.district,
    "village": Field.village,
    "note": Field.note,
}


def _plain_note(value: object) -> str | None:
    if value is None:
        return None
    text = _unguarded(str(value).strip())
    return text or None


def _target_of(
    targets: _Targets, target_id: object, title: object, number: int, found: list[RowProblem], budget: list[int]
) -> Target | ContextFigure | None:
    by_id = _text(target_id)
    if by_id is not None:
        item = targets.by_id.get(by_id)
        if item is None:
            found.append(RowProblem(number, Field.target_id, "unknown_target_id", {"value": by_id}))
        return item
    name = _text(title)
    if name is None:
        found.append(RowProblem(number, Field.target, "missing_target"))
        return None
    item = targets.find(name)
    if item is None:
        budget[0] -= 1
        close = targets.close(name) if budget[0] >= 0 else ()
        code = "unknown_target_close" if close else "unknown_target"
        found.append(RowProblem(number, Field.target, code, {"value": name, "close": close}))
    return item


def _district_of(value: object, number: int, found: list[RowProblem], budget: list[int]) -> str | None:
    text = _text(value)
    if text is None:
        found.append(RowProblem(number, Field.district, "missing_district"))
        return None
    try:
        return district_of_report(text, suggest=budget[0] > 0)
    except UnmatchedDistrictError as unmatched:
        budget[0] -= 1
        if unmatched.ambiguous:  # spelt like two districts: the entry rule's message names both
            params = {"district": text, "close": unmatched.suggestions}
            found.append(RowProblem(number, Field.district, "ambiguous_district", params, entry_rule=True))
            return None
        code = "unknown_district_close" if unmatched.suggestions else "unknown_district"
        found.append(RowProblem(number, Field.district, code, {"value": text, "close": unmatched.suggestions}))
        return None


def _day_of(
    plan: Plan,
    item: Target | ContextFigure | None,
    period_cell: object,
    date_cell: object,
    number: int,
    found: list[RowProblem],
) -> tuple[dt.date | None, ReportPeriod | None]:
    """The day the row's figure is recorded on, and the period it reports when it names
    one. The period column wins: it says what the figure is for (a date typed there, which
    Excel may keep as a date cell, names its month); the date column is the exact day."""
    text = _text(period_cell) if not isinstance(period_cell, dt.date) else None
    if isinstance(period_cell, dt.date) or text is not None:
        period = _period_in(period_cell, text)
        if period is None:
            found.append(_unread_day(number, Field.period, text))
            return None, None
        if item is None:
            return None, period
        day = period.report_day(plan.period_of(item))
        if day is None:
            found.append(RowProblem(number, Field.period, "period_outside", {"value": text or period.label}))
        return day, period
    if isinstance(date_cell, dt.datetime):
        return date_cell.date(), None
    if isinstance(date_cell, dt.date):
        return date_cell, None
    text = _text(date_cell)
    if text is None:
        found.append(RowProblem(number, Field.period, "missing_period"))
        return None, None
    day = _date_in(text)
    if day is None:
        found.append(_unread_day(number, Field.date, text))
    return day, None


def _unread_day(number: int, column: Field, text: str | None) -> RowProblem:
    """Why a period or a date cell names no day: a digit other than 0-9 ("T٣/2017", read
    as March by Python's own digits, is refused as a quantity is), or no period at all."""
    if text is not None and has_foreign_digit(text):
        return RowProblem(number, column, "foreign_digit", {"value": text}, entry_rule=True)
    return RowProblem(number, column, "bad_period", {"value": text})


def _period_in(cell: object, text: str | None) -> ReportPeriod | None:
    """The period a period cell names: a label, or the month of a date."""
    if isinstance(cell, dt.date):
        return ReportPeriod(cell.year, PeriodKind.month, cell.month)
    assert text is not None
    try:
        return parse_report_period(text)
    except ValueError:
        day = _date_in(text)
        return None if day is None else ReportPeriod(day.year, PeriodKind.month, day.month)


@lru_cache(maxsize=8192)  # a report repeats its days: strptime costs ~20 µs
def _date_in(text: str) -> dt.date | None:
    if not text.isascii():  # strptime reads other scripts' digits too
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
