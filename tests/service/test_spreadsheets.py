"""Reading the files districts send (tracker.service.spreadsheets). Each test builds a real
file (tests/report_files.py) and checks what a person would notice: the cells read with
their row numbers, or the one message that refuses the file, in both languages."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import cast

import pytest

from tests import report_files as files
from tests.report_files import REPORT_ROWS, Cell, Formula, SharedStrings, handwritten_xlsx, row_xml
from tracker.service.spreadsheets import (
    APP_LIMITS,
    APP_MAX_BYTES,
    CLI_LIMITS,
    FileLimits,
    MergedRange,
    SheetRow,
    SheetTable,
    Uncomputed,
    UnreadableFileError,
    read_spreadsheet,
)


def read(data: bytes, name: str = "bao-cao.xlsx", limits: FileLimits = APP_LIMITS) -> SheetTable:
    return read_spreadsheet(name, data, limits=limits)


def refused(data: bytes, name: str = "bao-cao.xlsx", limits: FileLimits = APP_LIMITS) -> UnreadableFileError:
    """The refusal, after checking that it reads in both languages and names the file."""
    with pytest.raises(UnreadableFileError) as caught:
        read_spreadsheet(name, data, limits=limits)
    error = caught.value
    vi, en = error.message("vi"), error.message("en")
    assert vi.strip() and en.strip() and vi != en
    assert name in vi and name in en
    assert str(error) == en
    return error


def numbered(table: SheetTable) -> list[tuple[int, tuple[object, ...]]]:
    return [(row.number, row.cells) for row in table.rows]


def handwritten(
    rows: Sequence[Sequence[Cell | Formula]],
    *,
    hidden: tuple[int, ...] = (),
    prefix: str = "",
    merged: tuple[str, ...] = (),
    dimension: str | None = None,
) -> bytes:
    """A workbook laid out as Excel writes it, rows numbered from 1."""
    strings = SharedStrings()
    xml = [
        row_xml(number, cells, strings, hidden=number in hidden, prefix=prefix)
        for number, cells in enumerate(rows, start=1)
    ]
    return handwritten_xlsx(xml, strings, prefix=prefix, merged=merged, dimension=dimension)


# --- workbooks ---------------------------------------------------------------------------


def test_the_template_is_read_from_its_data_sheet_whatever_sheet_it_opens_on() -> None:
    data = files.template_like_xlsx(rows=12)
    table = read(data)
    assert (table.kind, table.sheet, table.encoding, table.delimiter) == ("xlsx", "Số liệu", None, None)
    assert (table.size, table.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert [row.number for row in table.rows] == list(range(1, 14))
    assert table.rows[0].cells == (*files.TEMPLATE_HEADER, "Ngày")
    assert table.rows[1].cells == (
        "Đông Anh",
        "Doanh thu làng nghề",
        "triệu đồng",
        "2017-01",
        30000,
        "Làng gốm Bát Tràng",
        "  ghi chú có dấu cách  ",  # kept as typed: the import strips
        "T-03",
        "KH-2017",
        dt.datetime(2017, 1, 28),
    )
    # empty cells are None, and a row ends at its last value
    assert table.rows[2].cells == (
        "Chương Mỹ",
        "Doanh thu làng nghề",
        "triệu đồng",
        "2017-02",
        176.25,
        None,
        None,
        "T-03",
        "KH-2017",
    )
    assert table.rows[2].cell(10) is None and table.rows[2].cell(5) == 176.25
    assert type(table.rows[1].cells[4]) is int and type(table.rows[2].cells[4]) is float
    assert not any(row.hidden for row in table.rows) and table.merged == ()


def test_each_kind_of_value_comes_back_as_typed() -> None:
    values = ["Sóc Sơn", 7, 2.5, -0.125, dt.date(2017, 3, 31), dt.datetime(2017, 3, 31, 14, 30), True, False]
    table = read(files.xlsx([values]))
    assert numbered(table) == [
        (1, ("Sóc Sơn", 7, 2.5, -0.125, dt.datetime(2017, 3, 31), dt.datetime(2017, 3, 31, 14, 30), True, False))
    ]


def test_a_formula_excel_computed_gives_its_value() -> None:
    table = read(files.formula_with_cached_value_xlsx())
    assert numbered(table)[1] == (2, ("Đông Anh", 42, 84))


def test_a_formula_never_computed_is_told_apart_from_an_empty_cell() -> None:
    table = read(files.formula_without_cached_value_xlsx())
    assert numbered(table)[1] == (2, ("Đông Anh", 42, Uncomputed("=B2*2")))


def test_formulas_as_excel_writes_them_computed_or_not() -> None:
    rows: list[list[Cell | Formula]] = [
        ["Quận/huyện", "Số lượng", "Gấp đôi", "Ghi chú", "Đạt"],
        ["Đông Anh", 42, Formula("B2*2", 84), Formula('IF(B2>100,"lớn","")', ""), Formula("B2>10", True)],
        ["Sóc Sơn", 7, Formula("B3*2"), Formula('IF(B3>100,"lớn","")', "nhỏ"), None],
        # Excel's shared formula: written once, reused by the cells below with their own references
        ["Ba Vì", 5, Formula("B4*2", shared=0, shared_ref="C4:C5")],
        ["Mỹ Đức", 6, Formula(shared=0)],
    ]
    table = read(handwritten(rows))
    assert numbered(table)[1:] == [
        (2, ("Đông Anh", 42, 84, None, True)),  # a text result "" is empty, not uncomputed
        (3, ("Sóc Sơn", 7, Uncomputed("=B3*2"), "nhỏ")),
        (4, ("Ba Vì", 5, Uncomputed("=B4*2"))),
        (5, ("Mỹ Đức", 6, Uncomputed("=B5*2"))),
    ]


def test_hidden_rows_are_flagged() -> None:
    rows = [list(row) for row in REPORT_ROWS]
    table = read(files.xlsx(rows, hidden_rows=(3,)))
    assert [(row.number, row.hidden) for row in table.rows] == [(1, False), (2, False), (3, True), (4, False)]
    assert table.rows[2] == SheetRow(3, REPORT_ROWS[2], hidden=True)


def test_merged_ranges_are_listed() -> None:
    rows = [["Báo cáo tháng 3", None, None], *REPORT_ROWS]
    table = read(files.xlsx(rows, merged=("A1:C1", "B4:B5")))
    assert table.merged == (MergedRange("A1:C1", 1, 1, 1, 3), MergedRange("B4:B5", 4, 5, 2, 2))
    assert table.rows[0].cells == ("Báo cáo tháng 3",)


def test_a_sheet_under_a_namespace_prefix_is_read_with_its_hidden_rows_and_merges() -> None:
    """Some .NET libraries write <x:row>, <x:c>, <x:mergeCell>."""
    rows = [["Báo cáo", None, None], *REPORT_ROWS]
    table = read(handwritten(rows, hidden=(3,), prefix="x:", merged=("A1:C1",)))
    assert numbered(table) == [(1, ("Báo cáo",)), *((n, r) for n, r in enumerate(REPORT_ROWS, start=2))]
    assert [row.number for row in table.rows if row.hidden] == [3]
    assert table.merged == (MergedRange("A1:C1", 1, 1, 1, 3),)


def test_a_wrong_dimension_does_not_cut_the_sheet_short() -> None:
    """openpyxl's read-only mode trusts <dimension>; some programs write a stale one."""
    table = read(handwritten([list(row) for row in REPORT_ROWS], dimension="A1:C2"))
    assert numbered(table) == list(enumerate(REPORT_ROWS, start=1))


def test_a_million_empty_formatted_rows_give_only_the_real_ones() -> None:
    table = read(files.million_empty_formatted_rows_xlsx())
    assert numbered(table) == list(enumerate(REPORT_ROWS, start=1))


def test_a_value_after_a_million_empty_rows_is_still_read() -> None:
    table = read(files.million_empty_formatted_rows_xlsx(late_value="ghi chú cuối"))
    assert numbered(table) == [*enumerate(REPORT_ROWS, start=1), (1_000_001, ("ghi chú cuối",))]


def test_a_value_after_a_million_rows_of_empty_styled_cells_is_still_read() -> None:
    data = files.million_empty_formatted_rows_xlsx(late_value="muộn", styled_cells=True)
    table = read(data, limits=CLI_LIMITS)
    assert numbered(table) == [*enumerate(REPORT_ROWS, start=1), (1_000_001, ("muộn",))]


@pytest.mark.parametrize(
    ("sheet", "others", "hidden", "active", "read_from"),
    [
        pytest.param("Tổng hợp", ("Data",), (), "Tổng hợp", "Data", id="data_sheet_over_the_active_one"),
        pytest.param("SỐ LIỆU", ("Khác",), (), "Khác", "SỐ LIỆU", id="data_sheet_in_capitals"),
        pytest.param("Tháng 1", ("Tháng 2",), (), "Tháng 2", "Tháng 2", id="the_active_sheet"),
        pytest.param(
            "Số liệu", ("Tháng 2", "Tháng 3"), ("Số liệu", "Tháng 2"), "Tháng 2", "Tháng 3", id="hidden_ones_skipped"
        ),
    ],
)
def test_which_sheet_is_read(
    sheet: str, others: tuple[str, ...], hidden: tuple[str, ...], active: str, read_from: str
) -> None:
    data = files.xlsx(
        [[f"trang {sheet}"]],
        sheet=sheet,
        other_sheets={name: [[f"trang {name}"]] for name in others},
        hidden_sheets=hidden,
        active=active,
    )
    table = read(data)
    assert table.sheet == read_from and table.rows[0].cells == (f"trang {read_from}",)


def test_the_other_sheets_are_never_parsed() -> None:
    """openpyxl reads every sheet whole at opening when it has no <dimension> (as some
    programs write them), though only one is read here, and nothing bounds the others: a
    sheet not read whose XML breaks after its start must not make the file unreadable."""
    data = files.xlsx(REPORT_ROWS, other_sheets={"Tổng hợp": [["cộng"]]})
    cut = files.edit_member(data, "xl/worksheets/sheet2.xml", lambda xml: xml.split("<dimension")[0] + "<sheetData>")
    assert numbered(read(cut)) == list(enumerate(REPORT_ROWS, start=1))


def test_a_sheet_without_dimension_is_read_whole() -> None:
    data = handwritten([list(row) for row in REPORT_ROWS])  # written without <dimension>
    assert numbered(read(data)) == list(enumerate(REPORT_ROWS, start=1))
    prefixed = handwritten([list(row) for row in REPORT_ROWS], prefix="x:")
    assert numbered(read(prefixed)) == list(enumerate(REPORT_ROWS, start=1))


def test_rows_and_cells_without_numbers_are_numbered_by_their_order() -> None:
    """Some programs leave out r="" on rows and cells: openpyxl counts them, and so does the
    scan for hidden rows and formulas, even among thousands of numbered empty rows."""
    rows = [
        '<row><c t="inlineStr"><is><t>Quận/huyện</t></is></c><c t="inlineStr"><is><t>Số lượng</t></is></c></row>',
        '<row hidden="1"><c t="inlineStr"><is><t>Đông Anh</t></is></c><c><v>42</v></c><c><f>B2*2</f></c></row>',
        *['<row s="2" customFormat="1"/>'] * 3,
        *[f'<row r="{n}" s="2" customFormat="1"/>' for n in range(100, 12_100)],
        '<row><c t="inlineStr"><is><t>Sóc Sơn</t></is></c><c><v>7</v></c></row>',
    ]
    table = read(handwritten_xlsx(rows))
    assert numbered(table) == [
        (1, ("Quận/huyện", "Số lượng")),
        (2, ("Đông Anh", 42, Uncomputed("=B2*2"))),
        (12_100, ("Sóc Sơn", 7)),
    ]
    assert [row.number for row in table.rows if row.hidden] == [2]


def test_what_decides_the_kind_is_the_content_not_the_name() -> None:
    assert read(files.template_like_xlsx(), "bao-cao.csv").kind == "xlsx"
    assert read(files.csv_bytes(REPORT_ROWS), "bao-cao.xlsx").kind == "csv"


# --- CSV ---------------------------------------------------------------------------------

VIETNAMESE_ROWS = (("Quận/huyện", "Số lượng"), ("Chương Mỹ", "5"), ("Ứng Hòa", "12"), ("Đông Anh", "30000"))


@pytest.mark.parametrize(
    ("written", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),  # Excel's "CSV UTF-8"
        ("utf-16", "utf-16"),  # with a BOM, little-endian: Excel's "Unicode text"
        ("utf-16-le", "utf-16"),  # without a BOM
        ("cp1258", "cp1258"),  # plain "CSV" on a Vietnamese Windows
    ],
)
def test_vietnamese_csv_reads_the_same_in_each_encoding(written: str, detected: str) -> None:
    table = read(files.csv_bytes(VIETNAMESE_ROWS, encoding=written), "bao-cao.csv")
    assert (table.kind, table.encoding, table.delimiter, table.sheet) == ("csv", detected, ",", None)
    assert numbered(table) == list(enumerate(VIETNAMESE_ROWS, start=1))
    assert all(unicodedata.is_normalized("NFC", str(cell)) for row in table.rows for cell in row.cells)


def test_windows_1258_keeps_tone_marks_apart_and_they_are_put_back_on_their_letters() -> None:
    data = files.csv_bytes([("Chương Mỹ", "Ứng Hòa")], encoding="cp1258")
    assert b"My\xde" in data and b"\xdd" in data  # y + combining tilde; Ư as one byte
    assert read(data, "bao-cao.csv").rows[0].cells == ("Chương Mỹ", "Ứng Hòa")


def test_western_windows_csv_is_read_as_windows_1252() -> None:
    table = read(files.csv_bytes([("Café", "Crème brûlée"), ("Zürich", "5")], encoding="cp1252"), "menu.csv")
    assert table.encoding == "cp1252"
    assert numbered(table) == [(1, ("Café", "Crème brûlée")), (2, ("Zürich", "5"))]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_found(delimiter: str) -> None:
    rows = (("Quận/huyện", "Số lượng", "Ghi chú"), ("Đông Anh", "1,5", "có dấu; chấm phẩy"), ("Sóc Sơn", "2", ""))
    table = read(files.csv_bytes(rows, delimiter=delimiter), "bao-cao.csv")
    assert table.delimiter == delimiter
    assert numbered(table) == [(1, rows[0]), (2, rows[1]), (3, ("Sóc Sơn", "2"))]


def test_excels_sep_line_names_the_delimiter_and_is_not_a_row() -> None:
    table = read("sep=;\r\nQuận/huyện;Số lượng\r\nĐông Anh;1,5\r\n".encode(), "bao-cao.csv")
    assert table.delimiter == ";"
    assert numbered(table) == [(2, ("Quận/huyện", "Số lượng")), (3, ("Đông Anh", "1,5"))]


def test_a_cell_over_several_lines_stays_one_cell_and_rows_keep_their_line_numbers() -> None:
    data = 'Quận/huyện,Ghi chú\r\nĐông Anh,"dòng một\r\ndòng hai"\r\n\r\n,,\r\nSóc Sơn,\r\n'.encode()
    table = read(data, "bao-cao.csv")
    assert numbered(table) == [
        (1, ("Quận/huyện", "Ghi chú")),
        (2, ("Đông Anh", "dòng một\r\ndòng hai")),
        (6, ("Sóc Sơn",)),  # after a blank line and a line of empty cells
    ]


def test_csv_text_is_normalised_to_composed_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Thường Tín")
    table = read(f"Quận/huyện\r\n{decomposed}\r\n".encode(), "bao-cao.csv")
    assert table.rows[1].cells == ("Thường Tín",)


def test_a_stray_quote_inside_a_cell_does_not_refuse_the_file() -> None:
    table = read('Quận/huyện,Ghi chú\r\nĐông Anh,"trích" dẫn\r\nSóc Sơn,5\r\n'.encode(), "bao-cao.csv")
    assert [row.number for row in table.rows] == [1, 2, 3]
    assert table.rows[2].cells == ("Sóc Sơn", "5")


# --- limits --------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    data = files.renamed_pdf().ljust(int(7.2 * 1024 * 1024), b" ")
    error = refused(data)
    assert error.code == "too_big"
    assert "7,2 MB" in error.message("vi") and "5 MB" in error.message("vi")
    assert "7.2 MB" in error.message("en") and "5 MB" in error.message("en")


def test_the_command_line_accepts_bigger_files() -> None:
    rows = [("Quận/huyện", "Số lượng"), *(("Đông Anh", str(n)) for n in range(400_000))]
    data = files.csv_bytes(rows)
    assert len(data) > APP_MAX_BYTES
    assert refused(data, "lon.csv").code == "too_big"
    assert len(read(data, "lon.csv", replace(CLI_LIMITS, max_rows=500_000)).rows) == 400_001


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_too_many_rows_are_refused(kind: str) -> None:
    rows = [("Quận/huyện", "Số lượng"), *(("Đông Anh", n) for n in range(10))]
    data = files.xlsx(rows) if kind == "xlsx" else files.csv_bytes(rows)
    assert len(read(data, limits=replace(APP_LIMITS, max_rows=11)).rows) == 11
    error = refused(data, limits=replace(APP_LIMITS, max_rows=10))
    assert error.code == "too_many_rows"
    assert "10 dòng" in error.message("vi") and "10 rows" in error.message("en")


def test_the_reviews_file_of_shared_strings_is_refused_before_they_are_parsed() -> None:
    """Shared strings no cell uses, 21 MB unpacked from a file well under 5 MB: refused for
    its text (at most 8 MB), and before the strings' XML (broken at its end) is parsed."""
    data = files.shared_strings_xlsx(420_000, broken_after=True)
    assert len(data) < APP_MAX_BYTES
    error = refused(data)
    assert error.code == "too_much_text"
    assert "hơn 8 MB chữ" in error.message("vi") and "more than 8 MB of text" in error.message("en")


def test_shared_strings_are_counted_before_they_are_parsed() -> None:
    limits = replace(APP_LIMITS, max_strings=1_000)
    assert len(read(files.shared_strings_xlsx(996), limits=limits).rows) == 2  # with the report's own four
    error = refused(files.shared_strings_xlsx(997, broken_after=True), limits=limits)
    assert error.code == "too_many_strings"
    assert "hơn 1.000 đoạn chữ" in error.message("vi") and "more than 1,000 distinct texts" in error.message("en")
    full = refused(files.shared_strings_xlsx(APP_LIMITS.max_strings, length=12, broken_after=True))
    assert full.code == "too_many_strings" and "50.000" in full.message("vi")


def test_a_workbook_of_countless_styles_is_refused_before_they_are_parsed() -> None:
    error = refused(files.many_styles_xlsx(APP_LIMITS.max_elements))
    assert error.code == "too_complex"
    assert "30.000" in error.message("vi") and "30,000" in error.message("en")
    assert len(read(files.many_styles_xlsx(5_000)).rows) == 2  # a workbook bloated with styles, as Excel's get


def test_cells_are_counted_before_the_sheet_is_parsed() -> None:
    limits = replace(APP_LIMITS, max_cells=1_000)
    assert len(read(files.many_cells_xlsx(99, 10), limits=limits).rows) == 100  # 1.000 cells with the header
    error = refused(files.many_cells_xlsx(100, 10), limits=limits)
    assert error.code == "too_many_cells"
    assert "hơn 1.000 ô" in error.message("vi") and "more than 1,000 cells" in error.message("en")
    # The app's own bound, on a sheet whose XML breaks after it: refused before openpyxl reads it.
    assert refused(files.many_cells_xlsx(15_000, 10, broken_after=True)).code == "too_many_cells"


def test_merged_ranges_count_against_the_cells() -> None:
    limits = replace(APP_LIMITS, max_cells=1_000)
    rows = [["Quận/huyện", "Số lượng"], ["Đông Anh", 42]]
    assert len(read(handwritten(rows, merged=tuple(f"C{n}:D{n}" for n in range(1, 999))), limits=limits).merged) == 998
    error = refused(handwritten(rows, merged=tuple(f"C{n}:D{n}" for n in range(1, 1002))), limits=limits)
    assert error.code == "too_many_cells"


def test_the_command_line_reads_more_cells_than_the_app() -> None:
    data = files.many_cells_xlsx(1_600, 100)  # 160.000 cells, 0,6 MB
    assert refused(data).code == "too_many_cells"
    assert len(read(data, limits=CLI_LIMITS).rows) == 1_601


def test_cells_of_a_csv_are_counted() -> None:
    limits = replace(APP_LIMITS, max_cells=1_000)
    rows = [("Quận/huyện", "Số lượng"), *(("Đông Anh", n) for n in range(499))]
    assert len(read(files.csv_bytes(rows), "r.csv", limits).rows) == 500
    error = refused(files.csv_bytes([*rows, ("Ba Vì", 1)]), "r.csv", limits)
    assert error.code == "too_many_cells"


def test_the_reviews_wide_csv_is_refused_at_its_first_line() -> None:
    data = files.wide_csv(560_000)
    assert len(data) < APP_MAX_BYTES
    error = refused(data, "rong.csv")
    assert error.code == "too_many_columns"
    assert "Dòng 1 " in error.message("vi") and "quá 200 cột" in error.message("vi")
    assert "Row 1 " in error.message("en") and "more than 200 columns" in error.message("en")


def test_a_figure_far_to_the_right_is_refused_with_its_row() -> None:
    assert read(files.wide_xlsx(200)).rows[1].cells[-1] == 1  # column GR: the widest a report may be
    error = refused(files.wide_xlsx(201, row=3))
    assert error.code == "too_many_columns"
    assert "Dòng 3 " in error.message("vi") and "Row 3 " in error.message("en")
    assert refused(files.wide_xlsx(16_384)).code == "too_many_columns"  # XFD, Excel's last column


def test_empty_formatted_cells_far_to_the_right_are_not_columns() -> None:
    strings = files.SharedStrings()
    rows = [
        row_xml(1, ["Quận/huyện", "Số lượng"], strings),
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Đông Anh</t></is></c><c r="B2"><v>5</v></c>'
        '<c r="XFD2" s="2"/><c r="XFC2" s="2"></c></row>',
    ]
    assert numbered(read(handwritten_xlsx(rows, strings))) == [(1, ("Quận/huyện", "Số lượng")), (2, ("Đông Anh", 5))]


def test_rows_laid_out_to_excels_last_column_count_as_the_cells_they_cost() -> None:
    """openpyxl lays a row out as wide as its last cell, empty or not: every row with one
    formatted cell in column XFD costs 16.384 cells, so that many of them are refused."""

    def report_formatted_to_the_edge(rows: int) -> bytes:
        strings = files.SharedStrings()
        sheet = [row_xml(1, ["Quận/huyện", "Số lượng"], strings)]
        sheet += [row_xml(n, ["Đông Anh", n], strings)[: -len("</row>")] + f'<c r="XFD{n}" s="2"/></row>' for n in
                  range(2, rows + 2)]  # fmt: skip
        return handwritten_xlsx(sheet, strings)

    assert len(read(report_formatted_to_the_edge(8)).rows) == 9  # 131.072 cells laid out
    error = refused(report_formatted_to_the_edge(10_000))
    assert error.code == "too_many_cells" and "định dạng" in error.message("vi")


def test_a_wide_row_of_inline_text_is_refused() -> None:
    cells = "".join(f'<c r="{files.get_column_letter(n)}2" t="inlineStr"><is><t>x</t></is></c>' for n in range(1, 202))
    error = refused(handwritten_xlsx([f'<row r="2">{cells}</row>']))
    assert error.code == "too_many_columns" and "Dòng 2 " in error.message("vi")


# --- refusals --------------------------------------------------------------------------------


def _bytes(text: str) -> Callable[[], bytes]:
    return lambda: text.encode()


REFUSALS = [
    # builder, the file's name, code, words the Vietnamese message says, words the English one says
    pytest.param(
        files.renamed_pdf,
        "bao-cao.xlsx",
        "not_a_spreadsheet",
        ("PDF", "CSV UTF-8"),
        ("PDF", "CSV UTF-8"),
        id="renamed_pdf",
    ),
    pytest.param(
        files.plain_zip, "bao-cao.xlsx", "not_a_spreadsheet", ("ZIP", "giải nén"), ("ZIP", "unzip"), id="plain_zip"
    ),
    pytest.param(
        files.word_document,
        "bao-cao.xlsx",
        "not_a_spreadsheet",
        ("Word (.docx)",),
        ("Word (.docx)",),
        id="word_document",
    ),
    pytest.param(files.png_image, "bao-cao.csv", "not_a_spreadsheet", ("PNG",), ("PNG",), id="picture"),
    pytest.param(
        files.html_saved_as_csv,
        "bao-cao.xls",
        "not_a_spreadsheet",
        ("HTML", "trang web"),
        ("HTML", "web page"),
        id="web_page",
    ),
    pytest.param(
        files.password_protected_xlsx,
        "bao-cao.xlsx",
        "password_protected",
        ("mật khẩu",),
        ("password",),
        id="password_protected",
    ),
    pytest.param(files.old_xls, "bao-cao.xls", "corrupt", ("hỏng",), ("damaged",), id="xls_without_a_sheet"),
    pytest.param(
        files.excel4_in_compound_file,
        "bao-cao.xls",
        "old_xls",
        ("Excel 95", ".xlsx"),
        ("Excel 95", ".xlsx"),
        id="excel_4",
    ),
    pytest.param(
        files.encrypted_xls, "bao-cao.xls", "password_protected", ("mật khẩu",), ("password",), id="xls_password"
    ),
    pytest.param(files.truncated_xlsx, "bao-cao.xlsx", "corrupt", ("hỏng",), ("damaged",), id="truncated_zip"),
    pytest.param(files.broken_sheet_xml_xlsx, "bao-cao.xlsx", "corrupt", ("hỏng",), ("damaged",), id="broken_xml"),
    pytest.param(
        files.zip_bomb_xlsx,
        "bao-cao.xlsx",
        "expands_too_far",
        ("giải nén", "100 MB"),
        ("Unpacked", "100 MB"),
        id="zip_bomb",
    ),
    pytest.param(
        files.many_parts_zip_bomb_xlsx,
        "bao-cao.xlsx",
        "expands_too_far",
        ("giải nén",),
        ("Unpacked",),
        id="zip_bomb_of_many_parts",
    ),
    pytest.param(
        files.all_sheets_hidden_xlsx,
        "bao-cao.xlsx",
        "no_visible_sheet",
        ("bị ẩn", "Bỏ ẩn"),
        ("hidden", "Unhide"),
        id="every_sheet_hidden",
    ),
    pytest.param(
        lambda: files.xlsx([]),
        "bao-cao.xlsx",
        "empty_sheet",
        ("Số liệu", "không có dữ liệu"),
        ("Số liệu", "holds no data"),
        id="empty_sheet",
    ),
    pytest.param(files.binary_noise, "bao-cao.csv", "not_text", ("nhị phân",), ("binary",), id="binary"),
    pytest.param(
        files.utf8_and_cp1258_csv,
        "bao-cao.csv",
        "unknown_encoding",
        ("bảng mã", "CSV UTF-8"),
        ("encoding", "CSV UTF-8"),
        id="two_encodings",
    ),
    pytest.param(
        files.csv_with_unclosed_quote, "bao-cao.csv", "bad_quotes", ("dòng 2",), ("line 2",), id="unclosed_quote"
    ),
    pytest.param(lambda: b"", "bao-cao.csv", "empty", ("trống",), ("empty",), id="no_bytes"),
    pytest.param(_bytes(" \r\n\t\r\n"), "bao-cao.csv", "empty", ("trống",), ("empty",), id="only_whitespace"),
    pytest.param(lambda: b"\xef\xbb\xbf", "bao-cao.csv", "empty", ("trống",), ("empty",), id="only_a_bom"),
    pytest.param(_bytes(";;;\r\n;;;\r\n"), "bao-cao.csv", "empty", ("trống",), ("empty",), id="only_delimiters"),
]


@pytest.mark.parametrize(("build", "name", "code", "vi_words", "en_words"), REFUSALS)
def test_a_file_that_cannot_be_read_is_refused_with_what_to_do(
    build: Callable[[], bytes], name: str, code: str, vi_words: tuple[str, ...], en_words: tuple[str, ...]
) -> None:
    error = refused(build(), name)
    assert error.code == code
    vi, en = error.message("vi"), error.message("en")
    assert all(word in vi for word in vi_words), vi
    assert all(word in en for word in en_words), en


def test_every_refusal_says_what_to_do() -> None:
    """The advice each message ends with: save again (or unhide, or split, or unzip)."""
    advice_vi = ("Hãy", "hãy")
    advice_en = ("Open", "open", "Check", "Put", "Split", "Fix", "keep only", "delete")
    for param in REFUSALS:
        build, name = cast(Callable[[], bytes], param.values[0]), cast(str, param.values[1])
        error = refused(build(), name)
        assert any(word in error.message("vi") for word in advice_vi), error.code
        assert any(word in error.message("en") for word in advice_en), error.code
