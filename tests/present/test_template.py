"""The report template a district fills in, read back as the district's Excel (openpyxl)
and a data tool (the csv module) would read it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tests.helpers import PROJECT_ROOT, TARGETS_FILE
from tracker.domain.districts import UnknownDistrictError, district_names
from tracker.domain.plan import Measure, Period, Plan, load_plan, read_plans
from tracker.domain.reports import (
    DATA_SHEET,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    TEMPLATE_FIELDS,
    Field,
    PeriodKind,
    ReportPeriod,
    periods_of,
)
from tracker.i18n import Lang, t
from tracker.present.template import (
    TemplateRow,
    column_header,
    template_csv,
    template_file_name,
    template_rows,
    template_xlsx,
)

BOM = b"\xef\xbb\xbf"
HEADERS: dict[Lang, list[str]] = {
    "vi": [
        "Quận/huyện",
        "Mục tiêu",
        "Đơn vị",
        "Kỳ báo cáo",
        "Số lượng",
        "Làng nghề",
        "Ghi chú",
        "Mã mục tiêu",
        "Mã kế hoạch",
    ],
    "en": ["District", "Target", "Unit", "Period", "Quantity", "Village", "Note", "Target id", "Plan id"],
}
LETTER = {field: get_column_letter(index) for index, field in enumerate(TEMPLATE_FIELDS, 1)}
MARCH = ReportPeriod(2017, PeriodKind.month, 3)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PROJECT_ROOT / "targets.yaml")


@pytest.fixture(scope="module")
def year_rows(plan: Plan) -> list[TemplateRow]:
    """The template staff hand out at the start of the year: every district, every month."""
    return template_rows(plan, district_names(), periods_of(plan.period))


@pytest.fixture(scope="module")
def book(plan: Plan, year_rows: list[TemplateRow]) -> Workbook:
    return load_workbook(io.BytesIO(template_xlsx(plan, year_rows)))


def data_sheet(book: Workbook) -> Worksheet:
    sheet = book[DATA_SHEET]
    assert isinstance(sheet, Worksheet)
    return sheet


def cells(sheet: Worksheet, row: int) -> dict[Field, object]:
    return {field: sheet[f"{LETTER[field]}{row}"].value for field in TEMPLATE_FIELDS}


def covers(validation: DataValidation, coordinate: str) -> bool:
    return any(coordinate in cell_range for cell_range in validation.sqref.ranges)


def validations(sheet: Worksheet) -> list[DataValidation]:
    return list(sheet.data_validations.dataValidation)


# --- the rows ----------------------------------------------------------------------------


def test_the_2017_plan_asks_each_district_for_every_target_every_month(
    plan: Plan, year_rows: list[TemplateRow]
) -> None:
    assert plan.year == 2017
    months = periods_of(plan.period)
    assert len(months) == 12
    # A target with a shorter period of its own is asked only for the months it covers.
    per_district = sum(
        1 for target in plan.targets for month in months if month.report_day(plan.period_of(target)) is not None
    )
    assert len(year_rows) == len(district_names()) * per_district
    # The 2017 plan's six targets all run the whole year: 30 × 6 × 12.
    assert len(plan.targets) == 6
    assert all(plan.period_of(target) == plan.period for target in plan.targets)
    assert len(year_rows) == 30 * 6 * 12 == 2160


def test_rows_nest_district_then_target_then_period(plan: Plan, year_rows: list[TemplateRow]) -> None:
    months = periods_of(plan.period)
    expected = [(d, target.id, month) for d in district_names() for target in plan.targets for month in months]
    assert [(row.district, row.target.id, row.period) for row in year_rows] == expected
    assert all(row.quantity is None and row.village is None and row.note is None for row in year_rows)


def test_rows_hold_targets_only_and_skip_periods_outside_a_targets_own_period(plan: Plan) -> None:
    second_half = Period(start=dt.date(2017, 7, 1), end=dt.date(2017, 12, 31))
    first, *others = plan.targets
    shorter = plan.model_copy(update={"targets": (first.model_copy(update={"period": second_half}), *others)})
    quarters = periods_of(plan.period, PeriodKind.quarter)

    rows = template_rows(shorter, ["Chương Mỹ", None], quarters)

    assert plan.context_figures, "the 2017 plan has a context figure to leave out"
    assert {row.target.id for row in rows} == {target.id for target in plan.targets}
    assert [row.period.number for row in rows if row.target.id == first.id and row.district is None] == [3, 4]
    assert len(rows) == 2 * (2 + 4 * len(others))
    assert {row.district for row in rows} == {"Chương Mỹ", None}


def test_districts_are_taken_as_people_write_them(plan: Plan) -> None:
    rows = template_rows(plan, ["  chương  mỹ ", "Toàn thành phố"], [MARCH])
    assert [row.district for row in rows[:: len(plan.targets)]] == ["Chương Mỹ", None]
    with pytest.raises(UnknownDistrictError):
        template_rows(plan, ["Quận 1"], [MARCH])


# --- the workbook ------------------------------------------------------------------------


def test_the_data_sheet_comes_first_and_the_list_sheet_is_hidden(book: Workbook) -> None:
    assert book.sheetnames == [DATA_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET]
    assert book.active is not None and book.active.title == DATA_SHEET
    assert book[DATA_SHEET].sheet_state == "visible"
    assert book[INSTRUCTIONS_SHEET].sheet_state == "visible"
    assert book[LISTS_SHEET].sheet_state == "hidden"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_headers_in_each_language(plan: Plan, lang: Lang) -> None:
    rows = template_rows(plan, ["Chương Mỹ"], [MARCH])
    sheet = data_sheet(load_workbook(io.BytesIO(template_xlsx(plan, rows, lang))))
    assert [cell.value for cell in sheet[1]] == HEADERS[lang]
    assert [column_header(field, lang) for field in TEMPLATE_FIELDS] == HEADERS[lang]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    first = cells(sheet, 2)
    assert first[Field.target] == plan.targets[0].title.in_(lang)
    assert first[Field.unit] == plan.targets[0].unit.in_(lang)


def test_one_row_per_template_row_with_what_it_names(plan: Plan, year_rows: list[TemplateRow], book: Workbook) -> None:
    sheet = data_sheet(book)
    assert sheet.max_row == len(year_rows) + 1
    for index in (0, 1, 11, 12, 100, len(year_rows) - 1):
        row = year_rows[index]
        assert cells(sheet, index + 2) == {
            Field.district: row.district,
            Field.target: row.target.title.vi,
            Field.unit: row.target.unit.vi,
            Field.period: row.period.label,
            Field.quantity: None,
            Field.village: None,
            Field.note: None,
            Field.target_id: row.target.id,
            Field.plan_id: plan.id,
        }
    assert cells(sheet, 2)[Field.period] == "2017-01"
    assert cells(sheet, 13)[Field.period] == "2017-12"


def test_the_id_columns_are_hidden_and_name_each_rows_target_and_plan(
    plan: Plan, year_rows: list[TemplateRow], book: Workbook
) -> None:
    sheet = data_sheet(book)
    hidden = {field for field in TEMPLATE_FIELDS if sheet.column_dimensions[LETTER[field]].hidden}
    assert hidden == {Field.target_id, Field.plan_id}
    target_ids = [cell.value for cell in sheet[LETTER[Field.target_id]][1:]]
    plan_ids = [cell.value for cell in sheet[LETTER[Field.plan_id]][1:]]
    assert target_ids == [row.target.id for row in year_rows]
    assert set(plan_ids) == {plan.id}


def test_the_columns_to_fill_are_shaded_and_the_titles_readable(book: Workbook) -> None:
    sheet = data_sheet(book)
    shaded = {field for field in TEMPLATE_FIELDS if sheet[f"{LETTER[field]}1"].fill.fill_type == "solid"}
    assert shaded == {Field.quantity, Field.village, Field.note}
    assert sheet[f"{LETTER[Field.target]}2"].alignment.wrap_text
    assert (sheet.column_dimensions[LETTER[Field.target]].width or 0) >= 40
    assert sheet.protection.sheet is False  # nothing locked: people copy rows for villages


def test_the_district_drop_down_lists_the_30_names_and_city_wide(year_rows: list[TemplateRow], book: Workbook) -> None:
    sheet = data_sheet(book)
    lists = [v for v in validations(sheet) if v.type == "list"]
    assert len(lists) == 1
    drop_down = lists[0]
    # The list is a defined name pointing at the hidden sheet.
    destinations = list(book.defined_names[drop_down.formula1].destinations)
    assert len(destinations) == 1
    sheet_name, cell_range = destinations[0]
    assert sheet_name == LISTS_SHEET
    choices = [row[0].value for row in book[sheet_name][cell_range.replace("$", "")]]
    assert choices == [*district_names(), "Toàn thành phố"]
    assert len(choices) == 31
    last = len(year_rows) + 1
    assert all(covers(drop_down, f"A{row}") for row in (2, 500, last))
    assert not covers(drop_down, "A1") and not covers(drop_down, f"B{last}")
    assert drop_down.showErrorMessage and drop_down.errorStyle == "stop"
    assert drop_down.error == t("template.validation.district_error", "vi", city_wide="Toàn thành phố")
    assert "quận, huyện" in drop_down.error


def test_the_quantity_column_refuses_negatives(plan: Plan, year_rows: list[TemplateRow], book: Workbook) -> None:
    sheet = data_sheet(book)
    checks = [v for v in validations(sheet) if v.type in ("whole", "decimal")]
    assert checks
    for check in checks:
        assert (check.operator, check.formula1) == ("greaterThanOrEqual", "0")
        assert check.allow_blank and check.showErrorMessage and check.showInputMessage
        assert check.prompt == t("template.validation.quantity_prompt", "vi")
        assert all(cell_range.min_col == cell_range.max_col == 5 for cell_range in check.sqref.ranges)
    # Every target of the 2017 plan counts things: its rows take whole numbers only.
    assert all(target.measure == Measure.count for target in plan.targets)
    whole = next(check for check in checks if check.type == "whole")
    assert all(covers(whole, f"E{row}") for row in range(2, len(year_rows) + 2))
    assert whole.error == t("template.validation.whole_error", "vi")


def test_a_target_that_is_an_amount_takes_decimals(plan: Plan) -> None:
    first, *others = plan.targets
    amounts = plan.model_copy(update={"targets": (first.model_copy(update={"measure": Measure.amount}), *others)})
    rows = template_rows(amounts, ["Chương Mỹ"], [MARCH])
    sheet = data_sheet(load_workbook(io.BytesIO(template_xlsx(amounts, rows))))
    by_type = {v.type: v for v in validations(sheet) if v.type in ("whole", "decimal")}
    assert covers(by_type["decimal"], "E2") and not covers(by_type["whole"], "E2")
    assert covers(by_type["whole"], "E3")


def test_pre_filled_rows_show_numbers_as_numbers_and_text_as_typed(plan: Plan) -> None:
    target = plan.targets[0]
    rows = [
        TemplateRow("Chương Mỹ", target, MARCH, Decimal("450"), "Làng Phú Vinh", "=1+1"),
        TemplateRow("Chương Mỹ", target, MARCH, Decimal("1234.50"), note="#N/A"),
        TemplateRow(None, target, MARCH, Decimal("0")),
    ]
    sheet = data_sheet(load_workbook(io.BytesIO(template_xlsx(plan, rows))))
    first, second, city = cells(sheet, 2), cells(sheet, 3), cells(sheet, 4)
    assert first[Field.quantity] == 450 and isinstance(first[Field.quantity], int)
    assert sheet["E2"].data_type == "n"
    assert second[Field.quantity] == 1234.5
    assert city[Field.quantity] == 0 and sheet["E4"].data_type == "n"
    assert first[Field.village] == "Làng Phú Vinh"
    # A note that reads like a formula or an error stays that text, never runs.
    assert (first[Field.note], sheet["G2"].data_type) == ("=1+1", "s")
    assert (second[Field.note], sheet["G3"].data_type) == ("#N/A", "s")
    assert city[Field.district] == "Toàn thành phố"


def test_instructions_in_vietnamese_and_english(plan: Plan, book: Workbook) -> None:
    sheet = book[INSTRUCTIONS_SHEET]
    vietnamese = "\n".join(str(cell.value) for cell in sheet["A"] if cell.value)
    english = "\n".join(str(cell.value) for cell in sheet["B"] if cell.value)
    assert "Hướng dẫn điền mẫu báo cáo" in vietnamese
    assert "How to fill in the report template" in english
    assert plan.title.vi in vietnamese and plan.title.en in english
    languages: tuple[tuple[str, Lang], ...] = ((vietnamese, "vi"), (english, "en"))
    for text, lang in languages:
        for field in TEMPLATE_FIELDS:  # every column is explained
            assert t(f"template.col_help.{field}", lang, city_wide="Toàn thành phố") in text
        for target in plan.targets:
            assert target.title.in_(lang) in text
        assert "“Nhập từ tệp”" in text
        assert "python -m tracker import" in text
        assert "E (Số lượng), F (Làng nghề), G (Ghi chú)" in text
    assert "không dùng dấu phân cách hàng nghìn" in vietnamese
    assert "Chèn ô đã sao chép" in vietnamese and "Insert Copied Cells" in english
    assert "chưa báo cáo" in vietnamese and "not reported" in english


def test_the_same_rows_give_the_same_bytes(plan: Plan) -> None:
    rows = template_rows(plan, ["Chương Mỹ", None], [MARCH])
    assert template_xlsx(plan, rows) == template_xlsx(plan, rows)
    assert template_xlsx(plan, rows) != template_xlsx(plan, rows, "en")


def test_an_empty_template_still_opens(plan: Plan) -> None:
    sheet = data_sheet(load_workbook(io.BytesIO(template_xlsx(plan, []))))
    assert [cell.value for cell in sheet[1]] == HEADERS["vi"]
    assert sheet.max_row == 1


def test_the_2018_plan_names_its_own_plan_id() -> None:
    later = next(plan for plan in read_plans(TARGETS_FILE) if plan.year == 2018)
    rows = template_rows(later, ["Sóc Sơn"], periods_of(later.period, PeriodKind.quarter))
    assert len(rows) == len(later.targets) * 4
    sheet = data_sheet(load_workbook(io.BytesIO(template_xlsx(later, rows))))
    assert {cell.value for cell in sheet["I"][1:]} == {later.id}
    assert [cell.value for cell in sheet["D"][1:5]] == ["2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4"]


# --- the CSV -----------------------------------------------------------------------------


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_has_the_workbooks_rows(plan: Plan, year_rows: list[TemplateRow], book: Workbook) -> None:
    data = template_csv(plan, year_rows)
    table = read_csv(data)
    assert b"\r\n" in data
    sheet = data_sheet(book)
    as_text = [["" if cell.value is None else str(cell.value) for cell in row] for row in sheet.iter_rows()]
    assert table == as_text
    assert len(table) == len(year_rows) + 1


def test_the_csv_writes_numbers_plainly(plan: Plan) -> None:
    target = plan.targets[0]
    rows = [
        TemplateRow("Chương Mỹ", target, MARCH, Decimal("1234.50"), note="Theo báo cáo, quý 1"),
        TemplateRow("Chương Mỹ", target, MARCH, Decimal("30000")),
        TemplateRow(None, target, MARCH, note="=1+1"),
    ]
    header, *body = read_csv(template_csv(plan, rows, "en"))
    assert header == HEADERS["en"]
    assert [line[4] for line in body] == ["1234.5", "30000", ""]
    assert body[0][6] == "Theo báo cáo, quý 1"
    assert body[2][0] == "City-wide"
    assert body[2][6] == "'=1+1"  # as in the exports: a spreadsheet shows it, never runs it
    assert body[0][-2:] == [target.id, plan.id]


# --- file names --------------------------------------------------------------------------


def test_file_names_are_ascii_without_spaces(plan: Plan) -> None:
    assert template_file_name(plan, "Chương Mỹ", MARCH, "xlsx") == "mau-bao-cao-2017-chuong-my-2017-03.xlsx"
    assert template_file_name(plan, "Đống Đa", ReportPeriod(2017, PeriodKind.quarter, 1), ".csv") == (
        "mau-bao-cao-2017-dong-da-2017-q1.csv"
    )
    assert template_file_name(plan, None, None, "xlsx") == "mau-bao-cao-2017.xlsx"
    periods = [*periods_of(plan.period), ReportPeriod(2017, PeriodKind.year)]
    names = {template_file_name(plan, name, period, "xlsx") for name in district_names() for period in periods}
    assert len(names) == 30 * 13  # no two districts fold to one name
    assert all(re.fullmatch(r"[a-z0-9-]+\.xlsx", name) for name in names), sorted(names)[:5]
