"""Importing a district's report in Chromium, against the real `streamlit run dashboard.py`:
a filled template uploaded, its preview read (counts, the changed figure, the targets
before and after), saved as one import, seen on the overview, and undone with one button;
and the files that cannot be saved: one that is no spreadsheet, one with a wrong district.

The app has no user yet and the browser is at the server itself, so the person types
their name in the sidebar, as on a fresh install. Tables are read from the accessible
copy st.dataframe keeps beside its canvas (``role=gridcell``).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_plans_browser import heading, main, overview_achieved, read_table, sidebar
from tests.e2e.waiting import after_run, settled
from tests.helpers import record
from tests.report_files import renamed_pdf
from tracker.domain.plan import Plan
from tracker.domain.reports import periods_of
from tracker.present.template import template_rows, template_xlsx
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
Locator = Any  # playwright.sync_api.Locator

PERSON = "Trần Thị Lan"
DISTRICT = "Chương Mỹ"
# What was recorded before the district's report came: both are in the report again.
SEEDED = (("workers-trained", 100, "2017-03-31", DISTRICT), ("managers-trained", 7, "2017-01-31", DISTRICT))
# The district's figures: (target, month) -> quantity; the other rows of the template stay empty.
REPORTED = {
    ("workers-trained", "2017-01"): 40,  # new
    ("workers-trained", "2017-02"): 60,  # new
    ("workers-trained", "2017-03"): 120,  # changed: 100 recorded
    ("managers-trained", "2017-01"): 7,  # unchanged
    ("managers-trained", "2017-02"): 5,  # new
}
QUANTITY_COLUMN = 5  # E, "Số lượng"
TARGET_ID_COLUMN = 8  # H, the hidden "Mã mục tiêu"
PERIOD_COLUMN = 4  # D, "Kỳ báo cáo"


def filled_template(plan: Plan, path: Path, district_in_row_3: str | None = None) -> Path:
    """The template of Chương Mỹ for January to March, filled in as the district would,
    in Excel's place by openpyxl; ``district_in_row_3`` overwrites one row's district, as
    a person retyping it might."""
    rows = template_rows(plan, [DISTRICT], periods_of(plan.period)[:3])
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(plan, rows)))
    sheet = book.worksheets[0]  # "Số liệu", the sheet the template opens on
    for number in range(2, sheet.max_row + 1):
        key = (sheet.cell(number, TARGET_ID_COLUMN).value, sheet.cell(number, PERIOD_COLUMN).value)
        if key in REPORTED:
            sheet.cell(number, QUANTITY_COLUMN).value = REPORTED[key]
    if district_in_row_3 is not None:
        sheet.cell(3, 1).value = district_in_row_3
    book.save(path)
    return path


def live_entries(database_url: str) -> list[tuple[str, str, str | None, str]]:
    """Every live entry as (target, date, district, quantity), sorted: what the ledger holds."""
    store = Ledger(database_url)
    try:
        return sorted(
            (e.target_id, e.ref_date.isoformat(), e.district, f"{e.quantity.normalize():f}")
            for e in store.entries_where()
        )
    finally:
        store.dispose()


def batches(database_url: str) -> list[Any]:
    store = Ledger(database_url)
    try:
        return store.batches()
    finally:
        store.dispose()


def open_imports(page: Page, base_url: str) -> None:
    """The import page, with the person's name typed in the sidebar: a new page load is a
    new session, which has forgotten the name."""
    page.goto(f"{base_url}/imports")
    expect(heading(page)).to_have_text("Nhập số liệu từ tệp")
    settled(page)
    who = sidebar(page).get_by_role("textbox", name="Người nhập (tên của bạn)")
    who.fill(PERSON)
    after_run(page, lambda: who.press("Enter"))  # the name is kept by a rerun


def upload(page: Page, path: Path) -> None:
    """Choose the file in the uploader; the upload makes the app run, and the preview comes after it."""
    chooser = main(page).locator("input[type='file']")
    after_run(page, lambda: chooser.set_input_files(str(path)))


def metric(page: Page, label: str) -> Locator:
    """The value under one of the preview's counts."""
    box = (
        main(page)
        .get_by_test_id("stMetric")
        .filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    )
    return box.get_by_test_id("stMetricValue")


def table_with(page: Page, header: str) -> Locator:
    """The table that has a column named ``header``, scrolled into view: the grid keeps
    its accessible copy up to date only while it is in view."""
    # The accessible copy is inside the canvas, where role selectors see nothing: CSS does.
    named = page.locator("[role='columnheader']").filter(has_text=re.compile(f"^{re.escape(header)}$"))
    table = main(page).get_by_test_id("stDataFrame").filter(has=named)
    table.scroll_into_view_if_needed()
    expect(table.locator("[role='gridcell']").first).to_be_attached()
    return table


def test_a_district_report_is_previewed_saved_seen_and_undone(
    page: Page, dashboard_url: str, database_url: str, plan: Plan, tmp_path: Path
) -> None:
    record(database_url, plan, *SEEDED, by="Nguyễn An")
    before = live_entries(database_url)
    report = filled_template(plan, tmp_path / "chuong-my.xlsx")
    workers = plan.target("workers-trained").short.in_("vi")  # tables name targets by their short names
    managers = plan.target("managers-trained").short.in_("vi")

    # The preview: what the file would do, nothing written yet.
    open_imports(page, dashboard_url)
    upload(page, report)
    expect(main(page).get_by_text("chuong-my.xlsx ·")).to_be_visible()  # the file's caption
    for label, count in (("Lỗi", "0"), ("Mới", "3"), ("Thay đổi", "1"), ("Không đổi", "1"), ("Để trống", "13")):
        expect(metric(page, label)).to_have_text(count)
    expect(main(page).get_by_text("Đã đạt: hiện nay và sau khi nhập")).to_be_visible()
    totals = {row["Mục tiêu"]: row for row in read_table(table_with(page, "Đã đạt hiện nay"))}
    assert set(totals) == {workers, managers}
    assert [totals[workers][c] for c in ("Đã đạt hiện nay", "Sau khi nhập", "Chênh lệch")] == ["100", "220", "+120"]
    assert [totals[managers][c] for c in ("Đã đạt hiện nay", "Sau khi nhập", "Chênh lệch")] == ["7", "12", "+5"]
    rows = read_table(table_with(page, "Kết quả"))
    [changed] = [row for row in rows if row["Kết quả"] == "Thay đổi"]
    assert (changed["Dòng"], changed["Mục tiêu"], changed["Ngày ghi"]) == ("4", workers, "31/03/2017")
    assert changed["Số lượng"] == "100 → 120"  # the recorded figure and the file's
    assert [row["Kết quả"] for row in rows[:5]] == ["Mới", "Mới", "Mới", "Thay đổi", "Không đổi"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "import-preview.png"), full_page=True)
    assert live_entries(database_url) == before and batches(database_url) == []

    # One press saves the new and changed figures as import number 1.
    save = main(page).get_by_role("button", name="Lưu 4 thay đổi")
    after_run(page, save.click)  # however long the save takes on a busy machine
    expect(main(page).get_by_text("Đã lưu lần nhập số 1: 3 bản ghi mới, 1 bản ghi sửa.")).to_be_visible()
    settled(page)
    assert live_entries(database_url) == [
        ("managers-trained", "2017-01-31", DISTRICT, "7"),
        ("managers-trained", "2017-02-28", DISTRICT, "5"),
        ("workers-trained", "2017-01-31", DISTRICT, "40"),
        ("workers-trained", "2017-02-28", DISTRICT, "60"),
        ("workers-trained", "2017-03-31", DISTRICT, "120"),
    ]
    [batch] = batches(database_url)
    assert (batch.id, batch.file_name, batch.imported_by) == (1, "chuong-my.xlsx", PERSON)
    assert (batch.new, batch.changed, batch.unchanged, batch.reverted_at) == (3, 1, 1, None)
    expect(main(page).get_by_role("button", name="Lưu 4 thay đổi")).to_have_count(0)  # the uploader was emptied

    # The overview counts the district's figures.
    page.goto(f"{dashboard_url}/?as_of=2017-12-31")
    expect(heading(page)).to_have_text("Tổng quan tiến độ")
    settled(page)
    achieved = overview_achieved(page, len(plan.targets))
    assert (achieved[workers], achieved[managers]) == ("220", "12")

    # The whole import undone from its line among the imports.
    open_imports(page, dashboard_url)
    expander = main(page).get_by_test_id("stExpander").filter(has_text="Lần nhập số 1: chuong-my.xlsx")
    expect(expander).to_contain_text(f"{PERSON} · ")
    expander.get_by_text("Lần nhập số 1: chuong-my.xlsx").click()
    expect(expander.get_by_test_id("stExpanderDetails")).not_to_have_attribute("inert", "")
    after_run(page, expander.get_by_role("button", name="Hoàn tác lần nhập số 1").click)
    expect(expander.get_by_text("Hoàn tác lần nhập này sẽ xoá 3 bản ghi và khôi phục 1. Tiếp tục?")).to_be_visible()
    after_run(page, expander.get_by_role("button", name="Có, hoàn tác lần nhập số 1").click)
    undone = "Đã hoàn tác lần nhập số 1: 4 bản ghi đã trở lại như trước."
    expect(main(page).get_by_test_id("stAlert").filter(has_text=undone)).to_be_visible()  # not only the toast
    settled(page)
    assert live_entries(database_url) == before
    [batch] = batches(database_url)
    assert batch.reverted_by == PERSON and batch.reverted_at is not None
    expect(main(page).get_by_text(f"đã hoàn tác bởi {PERSON}")).to_be_visible()  # in the import's line
    expect(main(page).get_by_role("button", name="Hoàn tác lần nhập số 1")).to_have_count(0)


def test_a_file_that_cannot_be_saved_says_why_and_writes_nothing(
    page: Page, dashboard_url: str, database_url: str, plan: Plan, tmp_path: Path
) -> None:
    record(database_url, plan, *SEEDED, by="Nguyễn An")
    before = live_entries(database_url)
    open_imports(page, dashboard_url)

    # A PDF named .xlsx: the page says it cannot read it, and offers nothing to save.
    pdf = tmp_path / "bao-cao.xlsx"
    pdf.write_bytes(renamed_pdf())
    upload(page, pdf)
    error = main(page).get_by_test_id("stAlert").filter(has_text="Không đọc được tệp")
    expect(error).to_contain_text("nội dung của nó là định dạng PDF")
    expect(error).to_contain_text("Chưa ghi gì.")
    expect(main(page).get_by_role("button", name="Lưu", exact=False)).to_have_count(0)
    expect(main(page).get_by_test_id("stMetric")).to_have_count(0)

    # The district retyped without its accents on one row: that row is listed with the
    # reason, and nothing of the file can be saved until it is fixed.
    wrong = filled_template(plan, tmp_path / "chuong-my.xlsx", district_in_row_3="Chuong Mi")
    upload(page, wrong)
    expect(metric(page, "Lỗi")).to_have_text("1")
    problems = main(page).get_by_test_id("stAlert").filter(has_text="1 dòng có lỗi")
    expect(problems).to_contain_text("Chưa lưu được gì")
    expect(problems).to_contain_text(
        "dòng 3: Quận/huyện: 'Chuong Mi' không phải quận, huyện, thị xã nào của Hà Nội năm 2017; có phải: Chương Mỹ"
    )
    rows = read_table(table_with(page, "Kết quả"))
    assert (rows[0]["Kết quả"], rows[0]["Dòng"], rows[0]["Quận/huyện"]) == ("Lỗi", "3", "Chuong Mi")
    assert "'Chuong Mi' không phải quận" in rows[0]["Lỗi"]
    expect(main(page).get_by_role("button", name="Lưu 3 thay đổi")).to_be_disabled()  # rows 2 and 6 new, row 4 changed
    assert live_entries(database_url) == before and batches(database_url) == []
