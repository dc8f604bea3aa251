"""The report template a district fills in: an Excel workbook (and a CSV variant) with one
row per district, target and period, which the import later reads back.

**Rows.** ``template_rows`` lists district × target × period, in that nesting order; a
caller may pre-fill ``quantity`` (and village, note) with what is already recorded.

**Excel.** Three sheets:

- *Số liệu* (``DATA_SHEET``), first and active: the columns of ``TEMPLATE_FIELDS``, headers
  in row 1 (bold, frozen, filterable), one row per ``TemplateRow``. The columns to fill
  (quantity, village, note) are shaded; the target and plan ids are hidden columns the
  import uses to know the row's target for sure. The district column has a drop-down of
  the 30 names and the city-wide word (a district office's account: its districts only,
  as its rows are); the quantity column accepts numbers >= 0 only,
  whole numbers for a target that counts. Nothing is protected: a locked sheet stops
  people copying rows for villages, and the import checks every value anyway.
- *Hướng dẫn* (``INSTRUCTIONS_SHEET``): what each column means and how to fill it in,
  Vietnamese and English side by side, whatever the template's language.
- *Danh sách* (``LISTS_SHEET``), hidden: the drop-down's values, under a defined name
  (a list that points at another sheet through a name works in every Excel version).

The same rows give the same bytes (fixed document times and zip member times), so a
template downloaded twice is one file.

**CSV.** The same columns, headers and rows; UTF-8 with a byte-order mark (so Excel shows
Vietnamese right), comma-separated, CRLF; quantities with a full stop and no thousands
separator (``1234.5``); the ids as ordinary last columns. A text that a spreadsheet would
run as a formula gets a leading apostrophe, as in tracker.present.export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from tracker.domain.districts import canonical_district, district_names
from tracker.domain.periods import Cadence
from tracker.domain.plan import Aggregation, Measure, Plan, Target
from tracker.domain.reports import (
    DATA_SHEET,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    TEMPLATE_FIELDS,
    Field,
    ReportPeriod,
)
from tracker.i18n import LANGS, Lang, t

FILE_PREFIX = "mau-bao-cao"  # "report template", in the Vietnamese the Department's files are named in
DISTRICT_LIST_NAME = "QuanHuyen"  # the defined name of the drop-down's values on LISTS_SHEET
FILL_FIELDS: frozenset[Field] = frozenset({Field.quantity, Field.village, Field.note})
HIDDEN_FIELDS: frozenset[Field] = frozenset({Field.target_id, Field.plan_id})
# Rows below the data that still get the drop-down and the number check, for rows people add at the end.
SPARE_ROWS = 200

_WIDTHS: dict[Field, float] = {
    Field.district: 18,
    Field.target: 60,
    Field.unit: 14,
    Field.period: 11,
    Field.quantity: 13,
    Field.village: 24,
    Field.note: 36,
    Field.target_id: 26,
    Field.plan_id: 28,
}
_HEADER_FONT = Font(bold=True)
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
_FILL_HEADER = PatternFill(fill_type="solid", start_color="FFE699", end_color="FFE699")
_FILL_CELL = PatternFill(fill_type="solid", start_color="FFF8E1", end_color="FFF8E1")
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_AGGREGATION_KEYS: dict[Aggregation, str] = {
    Aggregation.sum: "template.aggregation.sum",
    Aggregation.latest: "template.aggregation.latest",
}
_CADENCE_KEYS: dict[Cadence, str] = {
    Cadence.quarterly: "template.cadence.quarterly",
    Cadence.monthly: "template.cadence.monthly",
}
# OWASP "CSV Injection": a cell beginning with one of these may be read as a formula.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip member can carry


@dataclass(frozen=True)
class TemplateRow:
    """One figure a district is asked for: a target in a period, maybe pre-filled."""

    district: str | None  # one of the 30 official names; None: city-wide
    target: Target
    period: ReportPeriod
    quantity: Decimal | None = None  # what is already recorded, or empty
    village: str | None = None
    note: str | None = None


def template_rows(plan: Plan, districts: Sequence[str | None], periods: Sequence[ReportPeriod]) -> list[TemplateRow]:
    """One empty row per district × target × period, in that nesting order, for the plan's
    targets only, leaving out the periods a target's own period does not meet.

    A district may be written as people write it ("chương mỹ"); UnknownDistrictError for a
    name that is none of the 30."""
    places = [canonical_district(district) for district in districts]
    return [
        TemplateRow(place, target, period)
        for place in places
        for target in plan.targets
        for period in periods
        if period.report_day(plan.period_of(target)) is not None
    ]


def column_header(field: Field, lang: Lang) -> str:
    """The header of a column, as the template writes it and the import recognises it."""
    return t(f"template.col.{field}", lang)


def _number(value: Decimal | float | int) -> int | float:
    """An int when whole (Excel then shows 450, not 450.0), else a float."""
    if isinstance(value, int):
        return value
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _plain_number(value: Decimal | float | int) -> str:
    """1234.5, 30000: no exponent, no thousands separator, no trailing zeros."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def _values(plan: Plan, row: TemplateRow, lang: Lang, city_wide: str) -> dict[Field, Any]:
    return {
        Field.district: row.district or city_wide,
        Field.target: row.target.title.in_(lang),
        Field.unit: row.target.unit.in_(lang),
        Field.period: row.period.label,
        Field.quantity: row.quantity,
        Field.village: row.village,
        Field.note: row.note,
        Field.target_id: row.target.id,
        Field.plan_id: plan.id,
    }


# --- CSV -------------------------------------------------------------------------------


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (Decimal, int, float)):
        return _plain_number(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def template_csv(plan: Plan, rows: Sequence[TemplateRow], lang: Lang = "vi") -> bytes:
    """The template as CSV: UTF-8 with a byte-order mark, comma-separated, CRLF."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([column_header(field, lang) for field in TEMPLATE_FIELDS])
    city_wide = t("district.city_wide", lang)
    for row in rows:
        values = _values(plan, row, lang, city_wide)
        writer.writerow([_csv_cell(values[field]) for field in TEMPLATE_FIELDS])
    return text.getvalue().encode("utf-8-sig")


# --- Excel -----------------------------------------------------------------------------


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write a value as Excel should keep it: numbers as numbers, and any text as text,
    even one that reads like a formula ("=1+1") or an error ("#N/A")."""
    if isinstance(value, (Decimal, int, float)):
        return sheet.cell(row, column, _number(value))
    if value is None:
        return sheet.cell(row, column)
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = sheet.cell(row, column, text)
    if text.startswith("=") or text in ERROR_CODES:
        # kept verbatim, so the import reads back exactly what was written; Excel shows it as text
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive runs of ascending numbers: [2, 3, 4, 9] -> [(2, 4), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _ranges(letter: str, numbers: Sequence[int]) -> str:
    return " ".join(f"{letter}{first}:{letter}{last}" for first, last in _runs(numbers))


def _column(field: Field) -> int:
    return TEMPLATE_FIELDS.index(field) + 1


def _letter(field: Field) -> str:
    return get_column_letter(_column(field))


def _fill_lists(book: Workbook, lang: Lang, districts: Sequence[str] | None = None) -> str:
    """The drop-down's values on the hidden sheet (``districts`` only, when given: an
    account's own); returns the city-wide word used."""
    sheet = book.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    city_wide = t("district.city_wide", lang)
    choices = [*district_names(), city_wide] if districts is None else list(districts)
    sheet.cell(1, 1, column_header(Field.district, lang)).font = _HEADER_FONT
    for index, name in enumerate(choices, 2):
        sheet.cell(index, 1, name)
    sheet.column_dimensions["A"].width = _WIDTHS[Field.district]
    where = f"{quote_sheetname(LISTS_SHEET)}!$A$2:$A${len(choices) + 1}"
    book.defined_names.add(DefinedName(DISTRICT_LIST_NAME, attr_text=where))
    return city_wide


def _validations(sheet: Worksheet, rows: Sequence[TemplateRow], lang: Lang, city_wide: str, mine: bool) -> None:
    """The district drop-down and the quantity checks, over the data and some spare rows;
    ``mine``: the drop-down holds an account's districts only, and says so."""
    last = len(rows) + 1 + SPARE_ROWS
    error = (
        t("template.validation.district_error_mine", lang)
        if mine
        else t("template.validation.district_error", lang, city_wide=city_wide)
    )
    district = DataValidation(
        type="list",
        formula1=DISTRICT_LIST_NAME,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=t("template.validation.district_title", lang),
        error=error,
        sqref=f"{_letter(Field.district)}2:{_letter(Field.district)}{last}",
    )
    sheet.add_data_validation(district)

    # A target that counts takes whole numbers; anything else (amounts, spare rows) any number >= 0.
    whole = [index for index, row in enumerate(rows, 2) if row.target.measure == Measure.count]
    taken = set(whole)
    decimal = [index for index in range(2, last + 1) if index not in taken]
    letter = _letter(Field.quantity)
    for kind, numbers, error in (("whole", whole, "whole_error"), ("decimal", decimal, "decimal_error")):
        if not numbers:
            continue
        check = DataValidation(
            type=kind,
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorStyle="stop",
            errorTitle=t("template.validation.quantity_error_title", lang),
            error=t(f"template.validation.{error}", lang),
            promptTitle=t("template.validation.quantity_title", lang),
            prompt=t("template.validation.quantity_prompt", lang),
            sqref=_ranges(letter, numbers),
        )
        sheet.add_data_validation(check)


def _fill_data(sheet: Worksheet, plan: Plan, rows: Sequence[TemplateRow], lang: Lang, city_wide: str) -> None:
    for column, field in enumerate(TEMPLATE_FIELDS, 1):
        cell = sheet.cell(1, column, column_header(field, lang))
        cell.font = _HEADER_FONT
        cell.alignment = _HEADER_ALIGNMENT
        if field in FILL_FIELDS:
            cell.fill = _FILL_HEADER
        dimension = sheet.column_dimensions[get_column_letter(column)]
        dimension.width = _WIDTHS[field]
        dimension.hidden = field in HIDDEN_FIELDS
    for index, row in enumerate(rows, 2):
        values = _values(plan, row, lang, city_wide)
        for column, field in enumerate(TEMPLATE_FIELDS, 1):
            cell = _put(sheet, index, column, values[field])
            cell.alignment = _WRAPPED if field in (Field.target, Field.note) else _TOP
            if field in FILL_FIELDS:
                cell.fill = _FILL_CELL
    sheet.freeze_panes = "A2"
    visible = [field for field in TEMPLATE_FIELDS if field not in HIDDEN_FIELDS]
    sheet.auto_filter.ref = f"A1:{_letter(visible[-1])}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _instruction_lines(plan: Plan, lang: Lang, city_wide: str) -> list[tuple[str, dict[Lang, str]]]:
    """(style, text in each language) for every line of the instructions sheet; the
    column names cited are the file's own headers, with their letters."""
    lines: list[tuple[str, dict[Lang, str]]] = []

    def line(style: str, key: str | None = None, **params: object) -> None:
        lines.append((style, {language: t(key, language, **params) if key else "" for language in LANGS}))

    def each(style: str, texts: dict[Lang, str]) -> None:
        lines.append((style, texts))

    line("title", "template.instructions.title")
    each(
        "plan",
        {language: t("template.instructions.plan", language, plan=plan.title.in_(language)) for language in LANGS},
    )
    line("blank")
    each("languages", {language: t(f"app.lang.{language}", language) for language in LANGS})
    line("heading", "template.instructions.columns", sheet=DATA_SHEET)
    for field in TEMPLATE_FIELDS:
        name = f"{_letter(field)} – {column_header(field, lang)}: "
        each(
            "text",
            {language: name + t(f"template.col_help.{field}", language, city_wide=city_wide) for language in LANGS},
        )
    line("blank")
    line("heading", "template.instructions.how")
    to_fill = ", ".join(
        f"{_letter(field)} ({column_header(field, lang)})" for field in TEMPLATE_FIELDS if field in FILL_FIELDS
    )
    hidden = ", ".join(_letter(field) for field in TEMPLATE_FIELDS if field in HIDDEN_FIELDS)
    rules: list[tuple[str, dict[str, object]]] = [
        ("template.instructions.fill_only", {"columns": to_fill}),
        ("template.instructions.numbers", {}),
        ("template.instructions.empty", {"cadence": _cadence_word(plan)}),
        ("template.instructions.one_row", {}),
        ("template.instructions.village_row", {}),
        ("template.instructions.keep_columns", {"sheet": DATA_SHEET, "hidden": hidden}),
        ("template.instructions.upload", {}),
    ]
    for number, (key, params) in enumerate(rules, 1):
        each("text", {language: f"{number}. " + t(key, language, **_in(params, language)) for language in LANGS})
    line("blank")
    line("heading", "template.instructions.targets")
    for target in plan.targets:
        each(
            "text",
            {
                language: f"{target.title.in_(language)} ({target.unit.in_(language)}): "
                + t(_AGGREGATION_KEYS[target.aggregation], language)
                for language in LANGS
            },
        )
    return lines


def _cadence_word(plan: Plan) -> dict[Lang, str]:
    """The plan's reporting period as a word of each language: «quý», "quarter"."""
    return {language: t(_CADENCE_KEYS[plan.reporting.cadence], language) for language in LANGS}


def _in(params: dict[str, object], language: Lang) -> dict[str, object]:
    """The parameters of a line, a word given in each language taken in ``language``."""
    return {key: value[language] if isinstance(value, dict) else value for key, value in params.items()}


def _fill_instructions(sheet: Worksheet, plan: Plan, lang: Lang, city_wide: str) -> None:
    fonts = {"title": Font(bold=True, size=14), "heading": Font(bold=True, size=12), "languages": Font(bold=True)}
    for index, (style, texts) in enumerate(_instruction_lines(plan, lang, city_wide), 1):
        for column, language in enumerate(LANGS, 1):
            cell = _put(sheet, index, column, texts[language] or None)
            cell.alignment = _WRAPPED
            if style in fonts:
                cell.font = fonts[style]
    for column in range(1, len(LANGS) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 80


def _steady_zip(data: bytes) -> bytes:
    """The same archive with every member dated alike, so equal workbooks are equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def template_xlsx(
    plan: Plan, rows: Sequence[TemplateRow], lang: Lang = "vi", districts: Sequence[str] | None = None
) -> bytes:
    """The template as an Excel workbook (see the module's notes for its sheets). With
    ``districts`` (a district office's account) the drop-down offers those only."""
    book = Workbook()
    data = book.active
    assert isinstance(data, Worksheet)
    data.title = DATA_SHEET
    instructions = book.create_sheet(INSTRUCTIONS_SHEET)
    city_wide = _fill_lists(book, lang, districts)
    _fill_data(data, plan, rows, lang, city_wide)
    _validations(data, rows, lang, city_wide, districts is not None)
    _fill_instructions(instructions, plan, lang, city_wide)
    book.active = 0

    # Fixed document times (the plan's first day) instead of "now": see _steady_zip.
    moment = dt.datetime.combine(plan.period.start, dt.time())
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.title = t("template.properties.title", lang, plan=plan.title.in_(lang))
    book.properties.creator = t("template.properties.creator", lang)
    buffer = io.BytesIO()
    # Workbook.save would stamp the modified time with the clock; the writer itself does not.
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _steady_zip(buffer.getvalue())


# --- file names ------------------------------------------------------------------------


def _ascii_slug(text: str) -> str:
    """ "Chương Mỹ" -> "chuong-my": no accents (đ is d), lower case, words joined by "-"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")


def template_file_name(plan: Plan, district: str | None, period: ReportPeriod | None, extension: str) -> str:
    """``mau-bao-cao-2017-chuong-my-2017-03.xlsx``: ASCII only, no spaces. A None district
    (a template of several districts, or of the city) or period leaves its part out."""
    parts = [FILE_PREFIX, str(plan.year)]
    if district:
        parts.append(_ascii_slug(district))
    if period is not None:
        parts.append(_ascii_slug(period.label))
    return "-".join(part for part in parts if part) + "." + _ascii_slug(extension)
