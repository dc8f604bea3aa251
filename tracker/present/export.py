"""Taking numbers out: the ledger's entries and the overview as CSV and as Excel (.xlsx).

Two tables leave the tracker:

- **entries**: every live entry, or those of one target, some districts, a date range
  (``EntryFilters``), streamed from the database as ``Ledger.entries_where`` gives them;
- **overview**: one row per target at an as-of date (``service.build_overview``): status,
  goal minimum and maximum, unit, achieved, percent of the minimum and of the maximum,
  expected by then, projected at period end.

Headers, sheet names, target titles, statuses and "city-wide" are written in the chosen
language (Vietnamese by default); the values themselves are never localised.

**Excel.** One workbook: the sheets *Tổng quan* (overview), *Bản ghi* (entries) and
*Thông tin* (about: the plan, the as-of date, the export time, the filters). Numbers are
real numbers, so Excel can sum them; dates are real dates shown dd/mm/yyyy; percents are
fractions shown as percents; Excel then shows thousands and decimals with the reader's
own separators. The header row is bold, frozen and filterable. More entries than a sheet
holds (1.048.576 rows with the header) continue on *Bản ghi (2)*, *Bản ghi (3)*…, and
the about sheet says so. The workbook is written by ``xlsx_stream``, which puts each row
into the zip file as it comes, so a million entries are never held in memory.

**Speed.** A million entries leave in seconds: they are read as plain rows (no EntryRow
and Decimal per entry), a target's, a district's, a day's texts are made once, and a row
becomes one string (a CSV line, a SpreadsheetML row) rather than a call per cell. The
output is what the per-cell functions (``_csv_cell``, ``_xlsx_cell``) make of each value:
tests/present/test_export.py holds the CSV to them byte for byte.

**CSV.** One table per file, RFC 4180: UTF-8 with a byte-order mark (so Excel detects
UTF-8 and shows Vietnamese correctly), fields separated by a **comma**, quoted with
double quotes where needed, lines ended by CRLF. Numbers use a **full stop** as the
decimal point and no thousands separator (``1234.5``, ``-200``); dates are ISO
``yyyy-mm-dd`` and entry times ``yyyy-mm-dd hh:mm:ss`` in Hanoi time; percents are
percentage points (``40.5``). These are the only conventions every spreadsheet and data
tool reads the same way whatever its regional settings: a Vietnamese-formatted CSV
(``1.234,5``; ``31/03/2017``) would be misread by every English-locale tool, and
``03/04/2017`` would become the 4th of March. The Excel file is the one to open by
double-click; the CSV is for other tools and for archives.

**Formula injection.** A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return (OWASP, "CSV Injection") is written with a leading apostrophe, in CSV
and in Excel alike, so a spreadsheet shows it as text and never runs it. Notes, villages
and names are typed by people and may begin that way. Numbers, negative adjustments
included, are numbers and are never escaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, BinaryIO, Literal

from sqlalchemy import String, or_, select, type_coerce

from tracker.domain.districts import UnknownDistrictError, canonical_district
from tracker.domain.entries import parse_date
from tracker.domain.plan import Plan
from tracker.domain.text import shown_text
from tracker.i18n import HANOI_TIME, Lang, format_date, format_number, t
from tracker.present import xlsx_stream
from tracker.service import Overview
from tracker.storage.ledger import SCALE, EntryRow, Ledger, entries

Table = Literal["entries", "overview"]
Format = Literal["csv", "xlsx"]
TABLES: tuple[Table, ...] = ("entries", "overview")
FORMATS: tuple[Format, ...] = ("csv", "xlsx")
MIME_TYPES: dict[Format, str] = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# OWASP "CSV Injection": a cell beginning with one of these may be read as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

XLSX_DATE = "dd/mm/yyyy"
XLSX_DATETIME = "dd/mm/yyyy hh:mm"
XLSX_WHOLE = "#,##0"
XLSX_DECIMAL = "#,##0.###"
XLSX_PERCENT = "0.0%"
NUMBER_DECIMALS = 3  # the ledger keeps thousandths; computed figures are rounded to them
EXCEL_SHEET_ROWS = 1_048_576  # the most rows an Excel sheet holds, its header row included


def escape_formula(text: str) -> str:
    """``'=1+1`` for ``=1+1``: text that a spreadsheet would run is shown as text."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


# --- what is exported ------------------------------------------------------------------


@dataclass(frozen=True)
class EntryFilters:
    """Which entries to export; None means no restriction.

    ``districts`` lists official district names; None in it stands for city-wide entries.
    """

    target_id: str | None = None
    districts: tuple[str | None, ...] | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def rows(self, ledger: Ledger) -> Iterator[EntryRow]:
        """The matching live entries, streamed from the database."""
        return ledger.entries_where(
            target_id=self.target_id,
            districts=None if self.districts is None else list(self.districts),
            start=self.start,
            end=self.end,
        )


@dataclass(frozen=True)
class FilterProblem:
    field: Literal["target", "district", "start", "end"]
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: Lang = "vi") -> str:
        label = {
            "target": "entry.field.target",
            "district": "entry.field.district",
            "start": "export.field.start",
            "end": "export.field.end",
        }[self.field]
        shown = {key: shown_text(value) if isinstance(value, str) else value for key, value in self.params.items()}
        return f"{t(label, lang)}: {t(self.code, lang, **shown)}"  # what was typed, nothing hidden


class FilterError(ValueError):
    """Filters as typed that cannot be used; ``problems`` says why, one by one."""

    def __init__(self, problems: list[FilterProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.render("en") for p in problems))

    def render(self, lang: Lang = "vi") -> list[str]:
        return [p.render(lang) for p in self.problems]


def resolve_filters(
    plan: Plan,
    *,
    target_id: str | None = None,
    districts: Iterable[str] | None = None,
    start: object = None,
    end: object = None,
) -> EntryFilters:
    """Filters from what a person typed (a target id, district names as they write them,
    dates as dd/mm/yyyy or yyyy-mm-dd); FilterError lists every problem."""
    problems: list[FilterProblem] = []
    if target_id is not None and target_id not in plan.recordable_by_id():
        problems.append(FilterProblem("target", "entry.problem.unknown_target", {"target": target_id}))
    places: list[str | None] | None = None
    if districts is not None:
        places = []
        for name in districts:
            try:
                place = canonical_district(name)
            except UnknownDistrictError as unknown:  # the closest names offered, as for an entry
                params = {"district": name, "close": ", ".join(unknown.suggestions)}
                problems.append(FilterProblem("district", f"entry.problem.{unknown.code}", params))
                continue
            if place not in places:
                places.append(place)
    days: dict[str, dt.date | None] = {}
    for key, raw in (("start", start), ("end", end)):
        days[key] = None
        if raw is None or raw == "":
            continue
        try:
            days[key] = parse_date(raw)
        except ValueError:
            problems.append(FilterProblem(key, "entry.problem.bad_date", {"value": raw}))  # type: ignore[arg-type]
    first, last = days["start"], days["end"]
    if first is not None and last is not None and first > last:
        problems.append(
            FilterProblem(
                "end", "export.problem.end_before_start", {"start": format_date(first), "end": format_date(last)}
            )
        )
    if problems:
        raise FilterError(problems)
    return EntryFilters(target_id, None if places is None else tuple(places), first, last)


# --- columns ---------------------------------------------------------------------------


class _Kind(Enum):
    text = "text"
    integer = "integer"
    number = "number"
    percent = "percent"
    date = "date"
    datetime = "datetime"


@dataclass(frozen=True)
class _Column:
    header: str  # an i18n key
    kind: _Kind
    width: float  # in Excel's character widths


ENTRY_COLUMNS: tuple[_Column, ...] = (
    _Column("export.col.entry_id", _Kind.integer, 11),
    _Column("export.col.target_id", _Kind.text, 22),
    _Column("col.target", _Kind.text, 44),
    _Column("entry.field.date", _Kind.date, 12),
    _Column("entry.field.quantity", _Kind.number, 14),
    _Column("col.unit", _Kind.text, 14),
    _Column("entry.field.district", _Kind.text, 18),
    _Column("entry.field.village", _Kind.text, 24),
    _Column("entry.field.note", _Kind.text, 40),
    _Column("export.col.kind", _Kind.text, 16),
    _Column("entry.field.entered_by", _Kind.text, 20),
    _Column("export.col.entered_at", _Kind.datetime, 18),
    _Column("export.col.version", _Kind.integer, 10),
)

OVERVIEW_COLUMNS: tuple[_Column, ...] = (
    _Column("export.col.target_id", _Kind.text, 22),
    _Column("col.target", _Kind.text, 44),
    _Column("col.status", _Kind.text, 18),
    _Column("export.col.goal_min", _Kind.number, 14),
    _Column("export.col.goal_max", _Kind.number, 14),
    _Column("col.unit", _Kind.text, 14),
    _Column("col.achieved", _Kind.number, 12),
    _Column("col.percent", _Kind.percent, 14),
    _Column("col.percent_of_max", _Kind.percent, 12),
    _Column("col.expected", _Kind.number, 14),
    _Column("col.projected", _Kind.number, 14),
    _Column("export.col.as_of", _Kind.date, 14),
)


def headers(columns: Sequence[_Column], lang: Lang) -> list[str]:
    return [t(column.header, lang) for column in columns]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, NUMBER_DECIMALS)


def _overview_rows(overview: Overview, lang: Lang) -> Iterator[list[Any]]:
    """One row of typed values per target, in OVERVIEW_COLUMNS order."""
    for target, p in overview.targets:
        yield [
            target.id,
            target.title.in_(lang),
            t(f"status.{p.status.value}", lang),
            p.goal_min,
            p.goal_max,
            target.unit.in_(lang),
            _rounded(p.achieved),
            p.percent_of_min,
            p.percent_of_max if p.goal_max != p.goal_min else None,  # as on the dashboard: only for a range
            _rounded(p.expected),
            _rounded(p.projected),
            overview.as_of,
        ]


# --- the entries, as the database holds them ---------------------------------------------

# The stored columns an entry's exported row is made of, in this order.
# The day and the entry time come as the driver gives them (type_coerce to String only
# drops SQLAlchemy's conversion): SQLite's ISO text, which the CSV writes as it is, or
# PostgreSQL's date and datetime. Parsing a million of SQLite's texts into dates, to print
# them again, was a third of the read.
_STORED = (
    entries.c.id,
    entries.c.target_id,
    type_coerce(entries.c.ref_date, String),
    entries.c.quantity_milli,
    entries.c.district,
    entries.c.village,
    entries.c.note,
    entries.c.entered_by,
    type_coerce(entries.c.entered_at, String),
    entries.c.kind,
    entries.c.version,
)
STREAM_ROWS = 500  # rows fetched, formatted and written at a time: a few MB at most


def _stored_entries(ledger: Ledger, filters: EntryFilters) -> Iterator[Sequence[Sequence[Any]]]:
    """The rows of ``filters.rows`` (Ledger.entries_where: same entries, same order), as
    the database gives them, in batches. A million entries leave as plain rows, never as
    a million EntryRow objects with a Decimal each: that per-row work was most of an
    export's time."""
    query = select(*_STORED).where(entries.c.plan_id == ledger.plan_id, entries.c.deleted.is_(False))
    if filters.target_id is not None:
        query = query.where(entries.c.target_id == filters.target_id)
    if filters.districts is not None:
        named = [d for d in filters.districts if d is not None]
        wanted = entries.c.district.in_(named)
        query = query.where(or_(wanted, entries.c.district.is_(None)) if None in filters.districts else wanted)
    if filters.start is not None:
        query = query.where(entries.c.ref_date >= filters.start)
    if filters.end is not None:
        query = query.where(entries.c.ref_date <= filters.end)
    query = query.order_by(entries.c.target_id, entries.c.ref_date.desc(), entries.c.id.desc())
    with ledger.database.reading() as connection:
        yield from connection.execution_options(yield_per=STREAM_ROWS).execute(query).partitions()


def _milli_text(milli: int) -> str:
    """Thousandths as _plain_number writes the Decimal they stand for: 450, -650, 175.25, -0.5."""
    if milli % SCALE == 0:
        return str(milli // SCALE)
    whole, part = divmod(abs(milli), SCALE)
    return f"{'-' if milli < 0 else ''}{whole}.{part:03d}".rstrip("0")


# Hanoi has kept UTC+7 since 13 June 1975: later times skip the time-zone database.
_HANOI_FIXED_SINCE = dt.datetime(1975, 6, 13)
_HANOI_OFFSET = dt.timedelta(hours=7)


def _iso_day(day: str | dt.date) -> str:
    return day if isinstance(day, str) else day.isoformat()


def _stored_day(day: str | dt.date) -> dt.date:
    return dt.date.fromisoformat(day) if isinstance(day, str) else day


def _hanoi_clock(moment: str | dt.datetime) -> dt.datetime:
    """A stored time (SQLite: naive UTC, as text; PostgreSQL: aware) as Hanoi's wall
    clock, naive."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    utc = moment if moment.tzinfo is None else moment.astimezone(dt.UTC).replace(tzinfo=None)
    if utc >= _HANOI_FIXED_SINCE:
        return utc + _HANOI_OFFSET
    return utc.replace(tzinfo=dt.UTC).astimezone(HANOI_TIME).replace(tzinfo=None)


class _EntryTexts:
    """What an entry's row shows besides its own figures: target titles and units, the
    city-wide name, entry kinds, in ``lang``, escaped once each rather than once per row."""

    def __init__(self, plan: Plan, lang: Lang) -> None:
        items = plan.recordable_by_id()
        self.target_ids = {item_id: escape_formula(item_id) for item_id in items}
        self.titles = {item_id: escape_formula(item.title.in_(lang)) for item_id, item in items.items()}
        self.units = {item_id: escape_formula(item.unit.in_(lang)) for item_id, item in items.items()}
        self.city_wide = escape_formula(t("district.city_wide", lang))
        self.places: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        self.lang = lang

    def target_id(self, target_id: str) -> str:
        return self.target_ids.get(target_id) or escape_formula(target_id)

    def title(self, target_id: str) -> str:
        return self.titles.get(target_id) or escape_formula(target_id)  # a target no longer in the plan

    def place(self, district: str | None) -> str:
        if district is None:
            return self.city_wide
        shown = self.places.get(district)
        if shown is None:
            shown = self.places[district] = escape_formula(district)
        return shown

    def kind(self, kind: str) -> str:
        shown = self.kinds.get(kind)
        if shown is None:
            shown = self.kinds[kind] = escape_formula(t(f"entry.kind.{kind}", self.lang))
        return shown


def _text_or_none(text: str | None) -> str | None:
    return None if text is None else escape_formula(text)


# --- CSV -------------------------------------------------------------------------------


def _plain_number(value: int | float | Decimal) -> str:
    """1234.5, 30000, -200: no exponent, no thousands separator, no trailing zeros."""
    if isinstance(value, int):
        return str(value)
    number = value if isinstance(value, Decimal) else Decimal(repr(round(value, NUMBER_DECIMALS)))
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _csv_cell(kind: _Kind, value: Any) -> str:
    if value is None:
        return ""
    if kind is _Kind.text:
        return escape_formula(str(value))
    if kind is _Kind.percent:
        return _plain_number(round(value * 100, 2))
    if kind in (_Kind.integer, _Kind.number):
        return _plain_number(value)
    if kind is _Kind.date:
        return value.isoformat()
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _write_csv(out: BinaryIO, columns: Sequence[_Column], lang: Lang, rows: Iterable[Sequence[str]]) -> int:
    """Write a header and rows of cell texts as UTF-8-with-BOM CSV; return how many rows
    were written."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([escape_formula(h) for h in headers(columns, lang)])
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
        text.flush()
    finally:
        text.detach()  # leave ``out`` open for the caller
    return count


_NEEDS_QUOTES = re.compile(r'[,"\r\n]').search


def _csv_field(text: str) -> str:
    """A text as csv.writer (QUOTE_MINIMAL, CRLF) writes it: quoted, its quotes doubled,
    when it holds a comma, a quote or a line break."""
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES(text) else text


def _csv_text(text: str | None) -> str:
    """Typed text as a CSV field: empty for none, escaped when it would run as a formula."""
    if text is None:
        return ""
    return _csv_field("'" + text if text.startswith(FORMULA_PREFIXES) else text)


def _entry_csv_lines(plan: Plan, ledger: Ledger, filters: EntryFilters, lang: Lang) -> Iterator[list[str]]:
    """Each batch of stored entries as CSV lines, byte for byte what csv.writer makes of
    the cells _csv_cell gives: the lines are joined here because a million rows through
    csv.writer cost more than their reading. Texts known in advance (a target's id, title
    and unit, a district, a kind, a day) are made once, not once per row."""
    texts = _EntryTexts(plan, lang)
    known = plan.recordable_by_id()
    target_parts = {
        item_id: f"{_csv_field(texts.target_id(item_id))},{_csv_field(texts.title(item_id))}" for item_id in known
    }
    units = {item_id: _csv_field(unit) for item_id, unit in texts.units.items()}
    places: dict[str | None, str] = {}
    kinds: dict[str, str] = {}
    days: dict[str | dt.date, str] = {}
    last_at: str | dt.datetime | None = None
    clock = ""
    for batch in _stored_entries(ledger, filters):
        lines = []
        for entry_id, target_id, day, milli, district, village, note, by, at, kind, version in batch:
            target = target_parts.get(target_id)
            if target is None:  # an entry of a target no longer in the plan
                target = f"{_csv_field(texts.target_id(target_id))},{_csv_field(texts.title(target_id))}"
            day_text = days.get(day)
            if day_text is None:
                day_text = days[day] = _iso_day(day)
            place = places.get(district)
            if place is None:
                place = places[district] = _csv_field(texts.place(district))
            kind_text = kinds.get(kind)
            if kind_text is None:
                kind_text = kinds[kind] = _csv_field(texts.kind(kind))
            if at != last_at:  # an import's entries share their time
                last_at, clock = at, _hanoi_clock(at).isoformat(" ", "seconds")
            quantity = str(milli // SCALE) if milli % SCALE == 0 else _milli_text(milli)
            lines.append(
                f"{entry_id},{target},{day_text},{quantity},{units.get(target_id, '')},{place},"
                f"{_csv_text(village)},{_csv_text(note)},{kind_text},{_csv_text(by)},{clock},{version}\r\n"
            )
        yield lines


def export_entries_csv(plan: Plan, ledger: Ledger, filters: EntryFilters | None, lang: Lang, out: BinaryIO) -> int:
    """The entries matching ``filters`` (None: all) as CSV into ``out``; returns the row count."""
    count = _write_csv(out, ENTRY_COLUMNS, lang, [])  # the header
    for lines in _entry_csv_lines(plan, ledger.for_plan(plan.id), filters or EntryFilters(), lang):
        out.write("".join(lines).encode("utf-8"))
        count += len(lines)
    return count


def export_overview_csv(overview: Overview, lang: Lang, out: BinaryIO) -> int:
    """The overview, one row per target, as CSV into ``out``; returns the row count."""
    rows = (
        [_csv_cell(column.kind, value) for column, value in zip(OVERVIEW_COLUMNS, values, strict=True)]
        for values in _overview_rows(overview, lang)
    )
    return _write_csv(out, OVERVIEW_COLUMNS, lang, rows)


def entries_csv_bytes(plan: Plan, ledger: Ledger, filters: EntryFilters | None = None, lang: Lang = "vi") -> bytes:
    """The entries CSV as bytes, for ``st.download_button``."""
    buffer = io.BytesIO()
    export_entries_csv(plan, ledger, filters, lang, buffer)
    return buffer.getvalue()


def overview_csv_bytes(overview: Overview, lang: Lang = "vi") -> bytes:
    """The overview CSV as bytes, for ``st.download_button``."""
    buffer = io.BytesIO()
    export_overview_csv(overview, lang, buffer)
    return buffer.getvalue()


# --- Excel -----------------------------------------------------------------------------

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system, as every reader counts it
_SECONDS_A_DAY = 86_400


def _excel_day(day: dt.date) -> int:
    return (day - _EXCEL_EPOCH.date()).days


def _excel_moment(moment: dt.datetime) -> float:
    return (moment - _EXCEL_EPOCH).total_seconds() / _SECONDS_A_DAY


def _excel_number(value: int | float | Decimal) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _xlsx_cell(ref: str, kind: _Kind, value: Any) -> str:
    """One typed value as a cell: text is always text (never a formula, never an error
    value such as #N/A, escaped when it would run as one); None leaves the cell empty."""
    if value is None:
        return ""
    if kind is _Kind.text:
        return xlsx_stream.text_cell(ref, escape_formula(str(value)))
    if kind is _Kind.integer:
        return xlsx_stream.number_cell(ref, value)
    if kind is _Kind.number:
        number = _excel_number(value)
        style = xlsx_stream.STYLE_WHOLE if isinstance(number, int) else xlsx_stream.STYLE_DECIMAL
        return xlsx_stream.number_cell(ref, number, style)
    if kind is _Kind.percent:
        return xlsx_stream.number_cell(ref, value, xlsx_stream.STYLE_PERCENT)
    if kind is _Kind.date:
        return xlsx_stream.number_cell(ref, _excel_day(value), xlsx_stream.STYLE_DATE)
    return xlsx_stream.number_cell(ref, _excel_moment(value), xlsx_stream.STYLE_DATETIME)


def _xlsx_rows(sheet: xlsx_stream.Sheet, kinds: Sequence[_Kind], rows: Iterable[Sequence[Any]]) -> int:
    """A few rows of typed values (the overview, the about sheet), cell by cell."""
    letters = [xlsx_stream.column_letter(n) for n in range(len(kinds))]
    count = 0
    for values in rows:
        number = sheet.rows + 1
        cells = "".join(
            _xlsx_cell(f"{letter}{number}", kind, value)
            for letter, kind, value in zip(letters, kinds, values, strict=True)
        )
        sheet.write(f'<row r="{number}">{cells}</row>', 1)
        count += 1
    return count


def _header_widths(columns: Sequence[_Column], lang: Lang) -> list[tuple[str, float]]:
    return [(escape_formula(h), c.width) for h, c in zip(headers(columns, lang), columns, strict=True)]


def _inline(text: str) -> str:
    """Typed text as an inline string's content: escaped when it would run as a formula."""
    shown = xlsx_stream.xml_text("'" + text if text.startswith(FORMULA_PREFIXES) else text)
    if shown[:1].isspace() or shown[-1:].isspace():
        return f'<is><t xml:space="preserve">{shown}</t></is>'
    return f"<is><t>{shown}</t></is>"


def _entry_sheets(
    book: xlsx_stream.Workbook, plan: Plan, ledger: Ledger, filters: EntryFilters, lang: Lang, sheet_rows: int
) -> tuple[int, list[str]]:
    """The entries, ``sheet_rows - 1`` to a sheet under its header row, on as many sheets
    as they need; returns their count and the sheets' names. Each row is one formatted
    string (what _xlsx_cell would make of each value, made by shortcuts): a cell at a
    time costs minutes at a million rows."""
    texts = _EntryTexts(plan, lang)
    columns = _header_widths(ENTRY_COLUMNS, lang)
    base = t("export.sheet.entries", lang)
    names = [base]
    sheet = book.add_sheet(base, columns)
    targets = {item_id: (_inline(texts.target_id(item_id)), _inline(texts.title(item_id))) for item_id in texts.titles}
    units = {item_id: _inline(unit) for item_id, unit in texts.units.items()}
    places: dict[str | None, str] = {}
    kinds: dict[str, str] = {}
    days: dict[str | dt.date, int] = {}
    whole, decimal = xlsx_stream.STYLE_WHOLE, xlsx_stream.STYLE_DECIMAL
    last_at: str | dt.datetime | None = None
    moment = 0.0
    number = 1  # the sheet's last row written
    count = 0
    for batch in _stored_entries(ledger, filters):
        rows: list[str] = []
        for entry_id, target_id, day, milli, district, village, note, by, at, kind, version in batch:
            if number == sheet_rows:  # this sheet is full: on to the next
                sheet.write("".join(rows), len(rows))
                book.close_sheet(sheet)
                rows = []
                names.append(t("export.sheet.entries_part", lang, sheet=base, part=len(names) + 1))
                sheet, number = book.add_sheet(names[-1], columns), 1
            number += 1
            target = targets.get(target_id)
            if target is None:  # an entry of a target no longer in the plan
                target = (_inline(texts.target_id(target_id)), _inline(texts.title(target_id)))
            serial = days.get(day)
            if serial is None:
                serial = days[day] = _excel_day(_stored_day(day))
            place = places.get(district)
            if place is None:
                place = places[district] = _inline(texts.place(district))
            kind_text = kinds.get(kind)
            if kind_text is None:
                kind_text = kinds[kind] = _inline(texts.kind(kind))
            if at != last_at:  # an import's entries share their time
                last_at, moment = at, _excel_moment(_hanoi_clock(at))
            if milli % SCALE == 0:
                quantity = f'<c r="E{number}" s="{whole}"><v>{milli // SCALE}</v></c>'
            else:
                quantity = f'<c r="E{number}" s="{decimal}"><v>{milli / SCALE!r}</v></c>'
            unit = units.get(target_id)
            rows.append(
                f'<row r="{number}"><c r="A{number}"><v>{entry_id}</v></c>'
                f'<c r="B{number}" t="inlineStr">{target[0]}</c><c r="C{number}" t="inlineStr">{target[1]}</c>'
                f'<c r="D{number}" s="{xlsx_stream.STYLE_DATE}"><v>{serial}</v></c>{quantity}'
                + ("" if unit is None else f'<c r="F{number}" t="inlineStr">{unit}</c>')
                + f'<c r="G{number}" t="inlineStr">{place}</c>'
                + ("" if village is None else f'<c r="H{number}" t="inlineStr">{_inline(village)}</c>')
                + ("" if note is None else f'<c r="I{number}" t="inlineStr">{_inline(note)}</c>')
                + f'<c r="J{number}" t="inlineStr">{kind_text}</c><c r="K{number}" t="inlineStr">{_inline(by)}</c>'
                f'<c r="L{number}" s="{xlsx_stream.STYLE_DATETIME}"><v>{moment!r}</v></c>'
                f'<c r="M{number}"><v>{version}</v></c></row>'
            )
        sheet.write("".join(rows), len(rows))
        count += len(batch)
    book.close_sheet(sheet)
    return count, names


@dataclass(frozen=True)
class XlsxCounts:
    entries: int
    targets: int
    entry_sheets: tuple[str, ...] = ()


def _filter_lines(plan: Plan, filters: EntryFilters, lang: Lang) -> list[tuple[str, Any]]:
    everything = t("export.about.all", lang)
    if filters.target_id is None:
        target = everything
    else:
        item = plan.recordable_by_id().get(filters.target_id)
        target = f"{item.title.in_(lang)} ({item.id})" if item else filters.target_id
    if filters.districts is None:
        districts = everything
    else:
        districts = ", ".join(d or t("district.city_wide", lang) for d in filters.districts)
    return [
        (t("export.about.filter_target", lang), target),
        (t("export.about.filter_districts", lang), districts),
        (t("export.field.start", lang), filters.start or "–"),
        (t("export.field.end", lang), filters.end or "–"),
    ]


def _about_value_kind(value: Any) -> _Kind:
    if isinstance(value, dt.datetime):
        return _Kind.datetime
    if isinstance(value, dt.date):
        return _Kind.date
    return _Kind.text if isinstance(value, str) else _Kind.integer


def export_xlsx(
    plan: Plan,
    ledger: Ledger,
    overview: Overview,
    filters: EntryFilters | None,
    lang: Lang,
    out: BinaryIO,
    *,
    exported_at: dt.datetime | None = None,
    sheet_rows: int = EXCEL_SHEET_ROWS,
) -> XlsxCounts:
    """A workbook with the overview, the entries matching ``filters`` (None: all) and an
    about sheet, written to ``out``; returns how many entries and targets it holds.

    More entries than a sheet holds (``sheet_rows``, the header row included: Excel's
    limit unless a test asks for less) continue on further sheets, and the about sheet
    says so."""
    if sheet_rows < 2:
        raise ValueError("a sheet holds its header row and at least one entry")
    filters = filters or EntryFilters()
    moment = (exported_at or dt.datetime.now(dt.UTC)).astimezone(HANOI_TIME).replace(tzinfo=None)
    book = xlsx_stream.Workbook(out)

    overview_sheet = book.add_sheet(t("export.sheet.overview", lang), _header_widths(OVERVIEW_COLUMNS, lang))
    targets = _xlsx_rows(overview_sheet, [c.kind for c in OVERVIEW_COLUMNS], _overview_rows(overview, lang))
    book.close_sheet(overview_sheet)
    # this plan's entries, whatever plan the ledger was opened for
    count, names = _entry_sheets(book, plan, ledger.for_plan(plan.id), filters, lang, sheet_rows)

    about: list[tuple[str, Any]] = [
        (t("export.about.plan", lang), plan.title.in_(lang)),
        (t("export.about.source", lang), plan.source),
        (t("export.col.as_of", lang), overview.as_of),
        (t("export.about.exported_at", lang), moment),
        *_filter_lines(plan, filters, lang),
        (t("export.about.entries", lang), count),
    ]
    if len(names) > 1:
        split = t(
            "export.about.split",
            lang,
            entries=format_number(count, lang),
            rows=format_number(sheet_rows, lang),
            count=len(names),
            sheets=", ".join(names),
        )
        about.append((t("export.about.entry_sheets", lang), split))
    about.append((t("export.about.note_label", lang), t("export.about.note", lang, as_of=format_date(overview.as_of))))
    about_columns = [(t("export.about.item", lang), 30.0), (t("export.about.value", lang), 90.0)]
    about_sheet = book.add_sheet(t("export.sheet.about", lang), about_columns)
    for label, value in about:
        number = about_sheet.rows + 1
        cells = xlsx_stream.text_cell(f"A{number}", escape_formula(label)) + _xlsx_cell(
            f"B{number}", _about_value_kind(value), value
        )
        about_sheet.write(f'<row r="{number}">{cells}</row>', 1)
    book.close_sheet(about_sheet, auto_filter=False)
    book.close()
    return XlsxCounts(entries=count, targets=targets, entry_sheets=tuple(names))


def xlsx_bytes(
    plan: Plan, ledger: Ledger, overview: Overview, filters: EntryFilters | None = None, lang: Lang = "vi"
) -> bytes:
    """The workbook as bytes, for ``st.download_button``."""
    buffer = io.BytesIO()
    export_xlsx(plan, ledger, overview, filters, lang, buffer)
    return buffer.getvalue()


def export_filename(plan: Plan, what: Table | Literal["workbook"], fmt: Format, as_of: dt.date) -> str:
    """A file name that says what the file holds: ``hanoi-crafts-2017-entries-2017-06-30.csv``."""
    return f"{plan.id}-{what}-{as_of.isoformat()}.{fmt}"
