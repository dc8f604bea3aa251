"""Taking numbers out: the ledger's entries and the overview as CSV and as Excel (.xlsx).

Two tables leave the tracker:

- **entries**: every live entry, or those of one target, some districts, a date range
  (``EntryFilters``), streamed from the database with ``Ledger.entries_where``;
- **overview**: one row per target at an as-of date (``service.build_overview``): status,
  goal minimum and maximum, unit, achieved, percent of the minimum and of the maximum,
  expected by then, projected at period end.

Headers, sheet names, target titles, statuses and "city-wide" are written in the chosen
language (Vietnamese by default); the values themselves are never localised.

**Excel.** One workbook: the sheets *Tổng quan* (overview), *Bản ghi* (entries) and
*Thông tin* (about: the plan, the as-of date, the export time, the filters). Numbers are
real numbers, so Excel can sum them; dates are real dates shown dd/mm/yyyy; percents are
fractions shown as percents; Excel then shows thousands and decimals with the reader's
own separators. The header row is bold, frozen and filterable. The workbook is written
with openpyxl's write-only mode, which streams rows to a temporary file, so a million
entries do not need a million rows in memory (only the distinct texts are kept, as
Excel's shared-string table requires).

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, BinaryIO, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from tracker.domain.districts import UnknownDistrictError, canonical_district
from tracker.domain.entries import parse_date
from tracker.domain.plan import Plan
from tracker.domain.text import shown_text
from tracker.i18n import HANOI_TIME, Lang, format_date, t
from tracker.service import Overview
from tracker.storage.ledger import EntryRow, Ledger

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


def _entry_values(plan: Plan, lang: Lang) -> Callable[[EntryRow], list[Any]]:
    """A function giving one entry's typed values, in ENTRY_COLUMNS order."""
    items = plan.recordable_by_id()
    titles = {item_id: item.title.in_(lang) for item_id, item in items.items()}
    units = {item_id: item.unit.in_(lang) for item_id, item in items.items()}
    city_wide = t("district.city_wide", lang)
    kinds: dict[str, str] = {}

    def values(row: EntryRow) -> list[Any]:
        kind = kinds.get(row.kind.value)
        if kind is None:
            kind = kinds[row.kind.value] = t(f"entry.kind.{row.kind.value}", lang)
        return [
            row.id,
            row.target_id,
            titles.get(row.target_id, row.target_id),  # an entry of a target no longer in the plan
            row.ref_date,
            row.quantity,
            units.get(row.target_id),
            row.district or city_wide,
            row.village,
            row.note,
            kind,
            row.entered_by,
            row.entered_at.astimezone(HANOI_TIME).replace(tzinfo=None),
            row.version,
        ]

    return values


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


def _write_csv(out: BinaryIO, columns: Sequence[_Column], lang: Lang, rows: Iterable[list[Any]]) -> int:
    """Write a header and rows as UTF-8-with-BOM CSV; return how many rows were written."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([escape_formula(h) for h in headers(columns, lang)])
        kinds = [column.kind for column in columns]
        count = 0
        for values in rows:
            writer.writerow([_csv_cell(kind, value) for kind, value in zip(kinds, values, strict=True)])
            count += 1
        text.flush()
    finally:
        text.detach()  # leave ``out`` open for the caller
    return count


def export_entries_csv(plan: Plan, ledger: Ledger, filters: EntryFilters | None, lang: Lang, out: BinaryIO) -> int:
    """The entries matching ``filters`` (None: all) as CSV into ``out``; returns the row count."""
    values = _entry_values(plan, lang)
    rows = (values(row) for row in (filters or EntryFilters()).rows(ledger.for_plan(plan.id)))
    return _write_csv(out, ENTRY_COLUMNS, lang, rows)


def export_overview_csv(overview: Overview, lang: Lang, out: BinaryIO) -> int:
    """The overview, one row per target, as CSV into ``out``; returns the row count."""
    return _write_csv(out, OVERVIEW_COLUMNS, lang, _overview_rows(overview, lang))


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


def _xlsx_text(sheet: WriteOnlyWorksheet, text: str) -> str | WriteOnlyCell:
    """Escaped text without the control characters XML cannot hold; a text that reads
    like an Excel error ("#N/A") is kept as text, not turned into an error cell."""
    text = escape_formula(ILLEGAL_CHARACTERS_RE.sub("", text))
    if text in ERROR_CODES:
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell
    return text


def _xlsx_number(value: int | float | Decimal) -> tuple[int | float, str]:
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    return value, XLSX_WHOLE if isinstance(value, int) else XLSX_DECIMAL


def _xlsx_cell(sheet: WriteOnlyWorksheet, kind: _Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind is _Kind.text:
        return _xlsx_text(sheet, str(value))
    if kind is _Kind.integer:
        return value
    if kind is _Kind.number:
        number, number_format = _xlsx_number(value)
    elif kind is _Kind.percent:
        number, number_format = value, XLSX_PERCENT
    elif kind is _Kind.date:
        number, number_format = value, XLSX_DATE
    else:
        number, number_format = value, XLSX_DATETIME
    cell = WriteOnlyCell(sheet, value=number)
    cell.number_format = number_format
    return cell


def _start_sheet(sheet: WriteOnlyWorksheet, columns: Sequence[tuple[str, float]]) -> None:
    """Column widths, a frozen bold header row. Must come before any other row."""
    for index, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    row = []
    for header, _ in columns:
        cell = WriteOnlyCell(sheet, value=escape_formula(header))
        cell.font = bold
        row.append(cell)
    sheet.append(row)


def _fill_sheet(sheet: WriteOnlyWorksheet, columns: Sequence[_Column], lang: Lang, rows: Iterable[list[Any]]) -> int:
    _start_sheet(sheet, [(h, c.width) for h, c in zip(headers(columns, lang), columns, strict=True)])
    kinds = [column.kind for column in columns]
    count = 0
    for values in rows:
        sheet.append([_xlsx_cell(sheet, kind, value) for kind, value in zip(kinds, values, strict=True)])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return count


@dataclass(frozen=True)
class XlsxCounts:
    entries: int
    targets: int


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


def export_xlsx(
    plan: Plan,
    ledger: Ledger,
    overview: Overview,
    filters: EntryFilters | None,
    lang: Lang,
    out: BinaryIO,
    *,
    exported_at: dt.datetime | None = None,
) -> XlsxCounts:
    """A workbook with the overview, the entries matching ``filters`` (None: all) and an
    about sheet, written to ``out``; returns how many entries and targets it holds."""
    filters = filters or EntryFilters()
    moment = (exported_at or dt.datetime.now(dt.UTC)).astimezone(HANOI_TIME).replace(tzinfo=None)
    book = Workbook(write_only=True)
    overview_sheet = book.create_sheet(t("export.sheet.overview", lang))
    entries_sheet = book.create_sheet(t("export.sheet.entries", lang))
    about_sheet = book.create_sheet(t("export.sheet.about", lang))

    targets = _fill_sheet(overview_sheet, OVERVIEW_COLUMNS, lang, _overview_rows(overview, lang))
    values = _entry_values(plan, lang)
    entries = (values(row) for row in filters.rows(ledger.for_plan(plan.id)))  # this plan's, whatever the ledger's
    count = _fill_sheet(entries_sheet, ENTRY_COLUMNS, lang, entries)

    _start_sheet(about_sheet, [(t("export.about.item", lang), 30), (t("export.about.value", lang), 90)])
    about: list[tuple[str, Any]] = [
        (t("export.about.plan", lang), plan.title.in_(lang)),
        (t("export.about.source", lang), plan.source),
        (t("export.col.as_of", lang), overview.as_of),
        (t("export.about.exported_at", lang), moment),
        *_filter_lines(plan, filters, lang),
        (t("export.about.entries", lang), count),
        (t("export.about.note_label", lang), t("export.about.note", lang, as_of=format_date(overview.as_of))),
    ]
    for label, value in about:
        if isinstance(value, dt.datetime):
            cell = _xlsx_cell(about_sheet, _Kind.datetime, value)
        elif isinstance(value, dt.date):
            cell = _xlsx_cell(about_sheet, _Kind.date, value)
        elif isinstance(value, str):
            cell = _xlsx_text(about_sheet, value)
        else:
            cell = value
        about_sheet.append([_xlsx_text(about_sheet, label), cell])
    book.save(out)  # type: ignore[arg-type]  # openpyxl takes a path or a binary file
    return XlsxCounts(entries=count, targets=targets)


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
