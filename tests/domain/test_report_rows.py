"""Reading a district's report row by row: district names as people write them, periods,
headers in Vietnamese and English, and every cell that cannot be read named with its
reason. Plain Python: the rows here are what the file reader hands on."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from tracker.domain.districts import UnmatchedDistrictError, district_names, district_of_report
from tracker.domain.plan import Plan
from tracker.domain.report_rows import (
    ReadRows,
    RowProblem,
    bare,
    find_header,
    missing_fields,
    propose_mapping,
    read_rows,
    repeated_fields,
)
from tracker.domain.reports import Field, PeriodKind, ReportPeriod, Uncomputed, parse_report_period, periods_of

HEADER = ("Quận/huyện", "Mục tiêu", "Đơn vị", "Kỳ báo cáo", "Số lượng", "Làng nghề", "Ghi chú", "Mã mục tiêu")
MAPPING = propose_mapping(HEADER)
WORKERS = "Đào tạo nghề, truyền nghề cho lao động"


def rows_of(plan: Plan, *rows: tuple[object, ...], hidden: tuple[int, ...] = ()) -> ReadRows:
    """Data rows numbered from 2, as under a header in row 1."""
    numbered = [(number, cells, number in hidden) for number, cells in enumerate(rows, start=2)]
    return read_rows(plan, numbered, MAPPING, "Nguyễn An")


def messages(problems: list[RowProblem]) -> list[tuple[int, str | None, str]]:
    return [(p.row, None if p.column is None else p.column.value, p.message("en")) for p in problems]


# --- district names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Chương Mỹ", "Chương Mỹ"),
        ("chuong my", "Chương Mỹ"),  # accents stripped
        ("CHƯƠNG   MỸ", "Chương Mỹ"),  # any case and spacing
        ("H. Chương Mỹ", "Chương Mỹ"),
        ("Huyện Chương Mỹ", "Chương Mỹ"),
        ("huyen chuong my", "Chương Mỹ"),
        ("Q.Ba Đình", "Ba Đình"),
        ("Quận Hoàn Kiếm", "Hoàn Kiếm"),
        ("TX. Sơn Tây", "Sơn Tây"),
        ("Thị xã Sơn Tây", "Sơn Tây"),
        ("Dan Phuong", "Đan Phượng"),  # Đ written D
        ("Ứng Hoà", "Ứng Hòa"),  # the tone mark on the other vowel
        ("Hai Bà Trưng", "Hai Bà Trưng"),  # a name that starts like the prefix "H"
        ("Quốc Oai", "Quốc Oai"),  # ... and like "Q"
    ],
)
def test_a_district_is_recognised_however_a_report_writes_it(written: str, name: str) -> None:
    assert district_of_report(written) == name
    assert district_of_report(unicodedata.normalize("NFD", written)) == name  # decomposed accents too


def test_every_official_name_is_its_own_and_no_spelling_belongs_to_two_districts() -> None:
    names = district_names()
    assert len({bare(name) for name in names}) == 30
    for name in names:
        assert district_of_report(name) == name
        assert district_of_report(bare(name)) == name


@pytest.mark.parametrize("written", ["Toàn thành phố", "toan thanh pho", "Thành phố Hà Nội", "City-wide"])
def test_the_whole_city_is_recognised(written: str) -> None:
    assert district_of_report(written) is None


def test_a_name_that_matches_nothing_is_refused_with_the_closest_names() -> None:
    with pytest.raises(UnmatchedDistrictError) as refused:
        district_of_report("Chuong Mi")
    assert refused.value.suggestions[0] == "Chương Mỹ"
    with pytest.raises(UnmatchedDistrictError) as refused:
        district_of_report("Từ Liêm")  # split in 2013: neither half is taken for it
    assert set(refused.value.suggestions) == {"Nam Từ Liêm", "Bắc Từ Liêm"}


# --- periods -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("2017-03", "2017-03"),
        ("2017-Q1", "2017-Q1"),
        ("2017", "2017"),
        ("T3/2017", "2017-03"),
        ("Tháng 12/2017", "2017-12"),
        ("Quý IV/2017", "2017-Q4"),
        ("q2/2017", "2017-Q2"),
    ],
)
def test_a_period_is_read_as_the_template_and_the_offices_write_it(written: str, label: str) -> None:
    assert parse_report_period(written).label == label


@pytest.mark.parametrize("written", ["2017-13", "Q5/2017", "03/2017/1", "tháng ba"])
def test_what_names_no_period_is_refused(written: str) -> None:
    with pytest.raises(ValueError):
        parse_report_period(written)


def test_a_figure_lands_on_its_period_s_last_day_clipped_to_the_target(plan: Plan) -> None:
    assert ReportPeriod(2017, PeriodKind.quarter, 1).report_day(plan.period) == dt.date(2017, 3, 31)
    assert ReportPeriod(2017, PeriodKind.month, 2).report_day(plan.period) == dt.date(2017, 2, 28)
    assert ReportPeriod(2018, PeriodKind.month, 1).report_day(plan.period) is None
    assert len(periods_of(plan.period)) == 12
    assert [p.label for p in periods_of(plan.period, PeriodKind.quarter)] == [f"2017-Q{n}" for n in range(1, 5)]


# --- headers -------------------------------------------------------------------------------


def test_the_template_s_headers_map_in_vietnamese_and_english() -> None:
    assert {
        Field.district: 0,
        Field.target: 1,
        Field.unit: 2,
        Field.period: 3,
        Field.quantity: 4,
        Field.village: 5,
        Field.note: 6,
        Field.target_id: 7,
    } == MAPPING
    english = ("District", "Target", "Unit", "Period", "Quantity", "Village", "Note")
    assert propose_mapping(english) == {f: i for f, i in MAPPING.items() if i < 7}


def test_the_headers_of_a_file_that_never_saw_the_template_are_mapped() -> None:
    headers = ("STT", "Quan/Huyen", "Chi tieu", "Thang", "Ket qua thuc hien", "Ghi chu")
    assert propose_mapping(headers) == {
        Field.district: 1,
        Field.target: 2,
        Field.period: 3,
        Field.quantity: 4,
        Field.note: 5,
    }
    assert missing_fields(propose_mapping(("Huyện", "Kết quả"))) == [Field.target, Field.period]


def test_the_header_row_is_found_under_a_title() -> None:
    rows = [
        (1, ("BÁO CÁO KẾT QUẢ THỰC HIỆN THÁNG 3/2017", None, None)),
        (2, ("Huyện Chương Mỹ", None, None)),
        (4, ("Chỉ tiêu", "Kỳ", "Số lượng")),
        (5, (WORKERS, "2017-03", 120)),
    ]
    assert find_header(rows) == 2


# --- rows ----------------------------------------------------------------------------------


def test_a_template_row_becomes_the_entry_on_the_period_s_last_day(plan: Plan) -> None:
    read = rows_of(plan, ("H. Chương Mỹ", WORKERS, "lao động", "2017-03", 120, None, "Lớp mây tre", "workers-trained"))
    assert read.problems == []
    [figure] = read.figures
    assert figure.identity == ("workers-trained", "Chương Mỹ", None, dt.date(2017, 3, 31))
    assert (figure.entry.quantity, figure.entry.note, figure.row) == (Decimal(120), "Lớp mây tre", 2)


@pytest.mark.parametrize(
    ("written", "target"),
    [
        ("Thương hiệu làng nghề", "village-brands"),  # the short names the app's tables show
        ("Nhãn hiệu tập thể", "collective-trademarks"),
        ("DN dự hội chợ, triển lãm", "fair-participants"),
        ("dn du hoi cho, trien lam (cơ sở, DN)", "fair-participants"),
        ("Village brands", "village-brands"),
    ],
)
def test_a_target_may_be_named_by_the_short_name_the_app_shows(plan: Plan, written: str, target: str) -> None:
    read = rows_of(plan, ("Ba Vì", written, None, "2017-03", 2, None, None, None))
    assert read.problems == []
    assert [figure.entry.target_id for figure in read.figures] == [target]


def test_an_empty_quantity_reports_nothing_and_is_no_error(plan: Plan) -> None:
    read = rows_of(plan, ("Ba Vì", WORKERS, "lao động", "2017-03", None, None, None, "workers-trained"))
    assert (read.figures, read.problems, read.blank) == ([], [], [2])


def test_numbers_follow_the_app_s_rule_and_excel_s_binary_noise_is_forgiven(plan: Plan) -> None:
    read = rows_of(
        plan,
        ("Ba Vì", WORKERS, None, "2017-01", "30,000", None, None, "workers-trained"),  # 30 or 30.000 in vi?
        ("Ba Vì", WORKERS, None, "2017-02", "1.200", None, None, "workers-trained"),  # text, grouped the vi way
        ("Ba Vì", WORKERS, None, "2017-03", 0.1 * 3 * 1000, None, None, "workers-trained"),  # 300.00000000000006
        ("Ba Vì", WORKERS, None, "2017-04", -5, None, None, "workers-trained"),
        ("Ba Vì", WORKERS, None, "2017-05", 2.5, None, None, "workers-trained"),  # workers are counted whole
    )
    assert [f.entry.quantity for f in read.figures] == [Decimal(1200), Decimal(300)]
    problems = messages(read.problems)
    assert [(row, column) for row, column, _ in problems] == [(2, "quantity"), (5, "quantity"), (6, "quantity")]
    assert "'30,000': 30 or 30,000?" in problems[0][2]
    assert "must not be negative" in problems[1][2]
    assert "whole number" in problems[2][2]


def test_each_unreadable_cell_is_named_with_its_reason(plan: Plan) -> None:
    read = rows_of(
        plan,
        ("Chuong Mi", WORKERS, None, "2017-03", 10, None, None, None),
        ("Ba Vì", "Đào tạo nghề", None, "2017-03", 10, None, None, None),
        ("Ba Vì", WORKERS, None, "tháng ba", 10, None, None, None),
        ("Ba Vì", WORKERS, None, "2018-01", 10, None, None, None),
        (None, WORKERS, None, "2017-03", 10, None, None, None),
        ("Ba Vì", WORKERS, None, "2017-03", Uncomputed("=B2*2"), None, None, None),
        ("Ba Vì", None, None, "2017-03", 10, None, None, "no-such-target"),
    )
    assert read.figures == []
    assert messages(read.problems) == [
        (2, "district", "'Chuong Mi' is not one of Hanoi's districts in 2017; did you mean: Chương Mỹ?"),
        (3, "target", "'Đào tạo nghề' is not a target of the plan; closest: " + WORKERS),
        (4, "period", "'tháng ba' is neither a period (2017-03, 2017-Q1, 2017) nor a date (dd/mm/yyyy, yyyy-mm-dd)"),
        (5, "period", "the period '2018-01' lies outside this target's period"),
        (6, "district", "the district is missing (write «Toàn thành phố» for a city-wide figure)"),
        (7, "quantity", "the cell holds a formula that was never computed (the file was not saved by Excel); "
         "open it in Excel and save it"),
        (8, "target_id", "the target id 'no-such-target' is not in the plan; do not edit the template's hidden id "
         "columns"),
    ]  # fmt: skip


def test_a_hidden_row_and_a_repeated_row_are_errors_not_figures(plan: Plan) -> None:
    row = ("Ba Vì", WORKERS, None, "2017-03", 10, None, None, "workers-trained")
    read = rows_of(plan, row, row, row, hidden=(3,))
    assert [f.row for f in read.figures] == [2]
    assert [(p.row, p.code) for p in read.problems] == [(3, "hidden_row"), (4, "duplicate_row")]
    assert "row 2" in read.problems[1].message("en") and "dòng 2" in read.problems[1].message("vi")


def test_a_row_may_name_a_date_and_a_village(plan: Plan) -> None:
    mapping = propose_mapping(("Quận/huyện", "Mục tiêu", "Ngày", "Số lượng", "Làng nghề"))
    rows = [
        (2, ("Chương Mỹ", WORKERS, "15/03/2017", 40, "Phú Vinh"), False),
        (3, ("Chương Mỹ", WORKERS, dt.datetime(2017, 3, 20), 50, "Phú Vinh"), False),
        (4, ("Chương Mỹ", WORKERS, "20/03/2017", 50, "phú  vinh"), False),  # the same village, written otherwise
    ]
    read = read_rows(plan, rows, mapping, "An")
    assert [f.identity for f in read.figures] == [
        ("workers-trained", "Chương Mỹ", "phú vinh", dt.date(2017, 3, 15)),
        ("workers-trained", "Chương Mỹ", "phú vinh", dt.date(2017, 3, 20)),
    ]
    assert [f.entry.village for f in read.figures] == ["Phú Vinh", "Phú Vinh"]  # stored as written
    assert [(p.row, p.code) for p in read.problems] == [(4, "duplicate_row")]


def test_the_period_column_names_a_period_even_when_it_holds_a_date(plan: Plan) -> None:
    """Excel keeps "2017-04" typed in a cell as the date 01/04/2017: it names April, whose
    figure lands on 30/04, not a figure of the first of April."""
    read = rows_of(
        plan,
        ("Ba Vì", WORKERS, None, dt.datetime(2017, 4, 1), 10, None, None, None),
        ("Ba Vì", WORKERS, None, "15/05/2017", 10, None, None, None),
    )
    assert [f.entry.ref_date for f in read.figures] == [dt.date(2017, 4, 30), dt.date(2017, 5, 31)]


def test_a_report_s_own_date_is_not_taken_for_the_figure_s() -> None:
    headers = ("Huyện", "Chỉ tiêu", "Kỳ báo cáo", "Ngày báo cáo", "Kết quả")
    assert Field.date not in propose_mapping(headers)


def test_two_columns_of_one_name_are_left_for_the_person_to_choose() -> None:
    headers = ("Huyện", "Chỉ tiêu", "Kỳ", "Số lượng", "Ghi chú", "Số lượng", "Ghi chú")  # planned, then achieved
    mapping = propose_mapping(headers)
    assert Field.quantity not in mapping and Field.note not in mapping
    assert repeated_fields(headers) == {Field.quantity: [3, 5], Field.note: [4, 6]}
    assert find_header([(1, headers)]) == 0


def test_the_apostrophe_a_csv_puts_before_formula_like_text_is_not_part_of_it(plan: Plan) -> None:
    read = rows_of(plan, ("Ba Vì", WORKERS, None, "2017-03", 10, "'+Phú Vinh", "'- lớp mây tre", None))
    [figure] = read.figures
    assert (figure.entry.village, figure.entry.note) == ("+Phú Vinh", "- lớp mây tre")


def test_a_row_of_another_plan_is_refused(plan: Plan) -> None:
    mapping = propose_mapping((*HEADER, "Mã kế hoạch"))
    row = ("Ba Vì", WORKERS, None, "2018-03", 10, None, None, "workers-trained", "hanoi-craft-villages-2018")
    read = read_rows(plan, [(2, row, False)], mapping, "An")
    assert [p.code for p in read.problems] == ["other_plan"]
