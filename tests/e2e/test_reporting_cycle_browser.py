"""Issue 19's reporting cycle end to end, in Chromium at the office laptop's 1366×768,
against the real `streamlit run dashboard.py`, two people in two browsers:

1. Chương Mỹ's editor (an account scoped to Chương Mỹ) imports the district's quarter from a
   report file (a figure for every target the 2017 plan owes for 2017-Q2, one of them a nil
   report, `0`), previews it, saves it, and submits the quarter on the reporting page.
2. The administrator opens the reporting page at 2017-Q2: Chương Mỹ has reported it, late
   (every target, but entered today, years after the due day 10/07/2017); every other
   district has sent nothing. She approves Chương Mỹ, giving a reason.
3. The district's editor finds the quarter's rows read-only on the target's page, the lock
   said above the grid, and the record form refuses a new Chương Mỹ figure dated in the
   quarter with the lock's own words, writing nothing.
4. The administrator reopens Chương Mỹ's quarter with a reason; the history of the quarter
   shows the import's entries, the submit, the approval and the reopening with its reason.

Every wait is for what the person waits for: the run their click caused to end, a message,
a table showing the rows asked for. The storage is read to check what was (not) written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.server import running_dashboard
from tests.e2e.test_plans_browser import read_table
from tests.e2e.test_reporting_browser import assert_state, row_of, the_matrix
from tests.e2e.waiting import after_run, settled
from tests.helpers import PASSWORD, TARGETS_FILE
from tracker.domain.access import Role
from tracker.domain.completeness import CellState
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan, load_plan
from tracker.domain.reports import parse_report_period
from tracker.i18n import HANOI_TIME, format_date
from tracker.present.template import template_csv, template_rows
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.storage.periods import PeriodBook, PeriodStatus, StatusRow
from tracker.ui.cookie_routes import SET_PATH

Page = Any  # playwright.sync_api.Page
Locator = Any  # playwright.sync_api.Locator
LAPTOP = {"width": 1366, "height": 768}

DISTRICT = "Chương Mỹ"
QUARTER, LABEL, QUARTER_END = "2017-Q2", "Quý 2/2017", "2017-06-30"
ADMIN, ADMIN_NAME = "an", "Nguyễn Văn An"
EDITOR, EDITOR_NAME = "cm", "Lê Thị Mỹ"
APPROVAL_REASON = "đã duyệt quý 2"
REOPEN_REASON = "Chương Mỹ báo sai số lao động, cần sửa"
REPORT_FILE = "chuong-my-quy-2.csv"
# The district's quarter, in the file's order: every target the plan owes, the trademarks a nil report.
REPORTED = {
    "workers-trained": "120",
    "managers-trained": "15",
    "village-brands": "1",
    "collective-trademarks": "0",
    "fair-participants": "8",
    "machinery-projects": "2",
}
# Recorded before, entry #1: Chương Mỹ's workers trained in the third quarter, which stays open.
EARLIER = ("workers-trained", 30, "2017-08-15")

# The reporting matrix's rows, each cell's text.
_MATRIX_ROWS = """table => [...table.querySelectorAll('tbody tr')].map(row =>
  [...row.querySelectorAll('td, th')].map(cell => cell.textContent.trim()))"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(TARGETS_FILE)


@pytest.fixture
def dashboard(tmp_path: Path, plan: Plan) -> Iterator[tuple[str, str]]:
    """The dashboard's address and its database's URL, made before the server starts: an
    administrator, Chương Mỹ's editor (scoped to Chương Mỹ) and the earlier figure."""
    work = tmp_path / "app"
    work.mkdir()
    url = f"sqlite:///{work / 'tracker.db'}"
    store = Ledger(url, plan.id)
    try:
        accounts = Accounts(store.database)
        accounts.add_user(ADMIN, ADMIN_NAME, Role.admin, PASSWORD)
        accounts.add_user(EDITOR, EDITOR_NAME, Role.editor, PASSWORD, districts=[DISTRICT])
        target_id, quantity, day = EARLIER
        earlier = validate_entry(
            plan, target_id=target_id, quantity=quantity, ref_date=day, district=DISTRICT, entered_by="Sở Công Thương"
        )
        store.record(earlier)
    finally:
        store.dispose()
    with running_dashboard(work, url) as address:
        yield address, url


def the_report(plan: Plan, path: Path) -> Path:
    """Chương Mỹ's report for the quarter as a CSV in the template's columns, filled in as
    the district would (the template's own rows: one per target the district owes)."""
    rows = template_rows(plan, [DISTRICT], [parse_report_period(QUARTER)])
    header, *body = template_csv(plan, rows).decode("utf-8-sig").splitlines()
    assert len(body) == len(REPORTED)
    filled = []
    for line in body:
        target_id = line.split(",")[-2]  # the hidden "Mã mục tiêu"
        filled.append(line.replace(f",{QUARTER},,", f",{QUARTER},{REPORTED[target_id]},", 1))
    path.write_text("\n".join([header, *filled]) + "\n", encoding="utf-8")
    return path


# --- the pages, as a person reads them -----------------------------------------------------


def heading(page: Page) -> Locator:
    return page.locator("h1").first


def main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def alert(page: Page, text: str) -> Locator:
    """A message of the page itself (not the toast that repeats it for a few seconds)."""
    return main(page).get_by_test_id("stAlert").filter(has_text=text)


def a_laptop(browser: Any) -> Page:
    """A browser of its own (its own cookies) at the office laptop's size."""
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    return tab


def open_page(page: Page, address: str, title: str) -> None:
    page.goto(address)
    expect(heading(page)).to_have_text(title)
    settled(page)


def sign_in(page: Page, username: str, name: str) -> None:
    """Sign in from the sidebar, and wait, as the browser does, for the server to set the
    session cookie: a page opened before that would be a visit without it."""
    sidebar(page).get_by_role("textbox", name="Tên đăng nhập").fill(username)
    sidebar(page).get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    with page.expect_response(lambda response: response.url.endswith(SET_PATH)) as cookie_set:
        sidebar(page).get_by_role("button", name="Đăng nhập").click()
    assert cookie_set.value.status == 204
    expect(sidebar(page).get_by_text(name, exact=False).first).to_be_visible()
    settled(page)


def metric(page: Page, label: str) -> Locator:
    """The value under one of the import preview's counts."""
    box = (
        main(page)
        .get_by_test_id("stMetric")
        .filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    )
    return box.get_by_test_id("stMetricValue")


def table_with(page: Page, header: str) -> Locator:
    """The table that has a column named ``header``, scrolled into view: the grid keeps its
    accessible copy (``role=gridcell``) up to date only while it is in view."""
    named = page.locator("[role='columnheader']").filter(has_text=re.compile(f"^{re.escape(header)}$"))
    table = main(page).get_by_test_id("stDataFrame").filter(has=named)
    table.scroll_into_view_if_needed()
    expect(table.locator("[role='gridcell']").first).to_be_attached()
    return table


def entries_grid(page: Page) -> Locator:
    """The grid of entries to edit: Streamlit marks a keyed widget with the class st-key-<key>."""
    grid = page.locator("[class*='st-key-grid-'] [data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    expect(grid.locator("[role='columnheader']").first).to_be_attached()
    return grid


def centre(element: Locator) -> tuple[float, float]:
    box = element.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"reporting-cycle-{name}.png"))


# --- what the storage holds ----------------------------------------------------------------


def live_entries(url: str, plan: Plan) -> list[tuple[str, str, str, str, str]]:
    """Every live entry of the plan as (target, date, district, quantity, kind), sorted."""
    store = Ledger(url, plan.id)
    try:
        return sorted(
            (e.target_id, e.ref_date.isoformat(), e.district or "", f"{e.quantity.normalize():f}", e.kind.value)
            for e in store.entries_where()
        )
    finally:
        store.dispose()


def status_of(url: str, plan: Plan) -> StatusRow | None:
    """Chương Mỹ's status of the quarter; None while nobody has touched it."""
    store = Ledger(url, plan.id)
    try:
        rows = PeriodBook(store.database, plan.id).statuses()
    finally:
        store.dispose()
    return next((row for row in rows if (row.period, row.district) == (QUARTER, DISTRICT)), None)


# --- the scenario --------------------------------------------------------------------------


def test_a_district_imports_and_submits_its_quarter_which_is_approved_locked_and_reopened(
    browser: Any, dashboard: tuple[str, str], plan: Plan, tmp_path: Path
) -> None:
    address, url = dashboard
    editor, admin = a_laptop(browser), a_laptop(browser)
    try:
        the_district_imports_and_submits(editor, address, url, plan, tmp_path)
        the_administrator_sees_who_reported_and_approves(admin, address, url, plan)
        the_quarter_is_locked_for_the_district(editor, address, url, plan)
        the_administrator_reopens_and_the_history_shows_it_all(admin, address, url, plan)
    finally:
        for page in (editor, admin):
            page.context.close()


def the_district_imports_and_submits(editor: Page, address: str, url: str, plan: Plan, tmp_path: Path) -> None:
    before = live_entries(url, plan)
    open_page(editor, f"{address}/imports", "Nhập số liệu từ tệp")
    sign_in(editor, EDITOR, EDITOR_NAME)
    expect(main(editor).get_by_text(f"Tài khoản của bạn nhập số liệu của {DISTRICT}")).to_be_visible()

    # the preview: five figures and one nil report, nothing wrong, nothing written yet
    report = the_report(plan, tmp_path / REPORT_FILE)
    chooser = main(editor).locator("input[type='file']")
    after_run(editor, lambda: chooser.set_input_files(str(report)))
    expect(main(editor).get_by_text(f"{REPORT_FILE} ·")).to_be_visible()
    for label, count in (("Lỗi", "0"), ("Mới", "5"), ("Không có số liệu", "1"), ("Thay đổi", "0")):
        expect(metric(editor, label)).to_have_text(count)
    screenshot(editor, "1-preview")
    assert live_entries(url, plan) == before

    # one press saves all six as import number 1
    after_run(editor, main(editor).get_by_role("button", name="Lưu 6 thay đổi").click)
    saved = "Đã lưu lần nhập số 1: 5 bản ghi mới, 0 bản ghi sửa, 1 báo cáo «không có số liệu kỳ này»."
    expect(alert(editor, saved)).to_be_visible()
    imported = [
        (target_id, QUARTER_END, DISTRICT, quantity, "nil" if quantity == "0" else "report")
        for target_id, quantity in REPORTED.items()
    ]
    assert live_entries(url, plan) == sorted([*before, *imported])

    # "these are our figures": the quarter submitted for Chương Mỹ
    open_page(editor, f"{address}/reporting?period={QUARTER}", "Tình hình báo cáo")
    expect(main(editor).get_by_text(f"{DISTRICT}: đang mở")).to_be_visible()
    after_run(editor, main(editor).get_by_role("button", name=f"Gửi báo cáo kỳ này: {DISTRICT}").click)
    expect(alert(editor, f"Đã gửi báo cáo {LABEL} của {DISTRICT}.")).to_be_visible()
    expect(main(editor).get_by_text(f"{DISTRICT}: đã gửi")).to_be_visible()
    status = status_of(url, plan)
    assert status is not None and (status.status, status.changed_by) == (PeriodStatus.submitted, EDITOR_NAME)
    screenshot(editor, "2-submitted")


def the_administrator_sees_who_reported_and_approves(admin: Page, address: str, url: str, plan: Plan) -> None:
    open_page(admin, f"{address}/reporting?period={QUARTER}", "Tình hình báo cáo")
    sign_in(admin, ADMIN, ADMIN_NAME)
    expect(main(admin).get_by_role("combobox", name="Kỳ báo cáo")).to_have_value(LABEL)

    # Chương Mỹ covered every target it owes, but entered them today: long after 10/07/2017
    table = the_matrix(admin)
    chuong_my = row_of(table, DISTRICT)
    assert_state(chuong_my[1], CellState.missing, "Chưa báo cáo")  # the first quarter: nothing
    assert_state(chuong_my[2], CellState.late, "Trễ hạn")
    assert_state(chuong_my[3], CellState.partial, "Một phần")  # the third: one target of six
    others = [row for row in table.evaluate(_MATRIX_ROWS) if row[0] != DISTRICT]
    assert len(others) == 29 and {row[2] for row in others} == {"Chưa báo cáo"}
    missing = alert(admin, f"{LABEL}: 29/30 nơi chưa gửi gì (hạn nộp 10/07/2017 đã qua)")
    expect(missing).to_contain_text("Ba Đình")
    expect(missing).not_to_contain_text(DISTRICT)
    screenshot(admin, "3-who-reported")

    # the district waiting is the one offered; approved with a reason
    expect(main(admin).get_by_text("Chờ duyệt (1)")).to_be_visible()
    expect(main(admin).get_by_role("button", name=f"Duyệt: {DISTRICT}")).to_be_visible()
    expect(main(admin).get_by_role("combobox", name="Quận, huyện", exact=True)).to_have_value(DISTRICT)
    expect(main(admin).get_by_text(f"{DISTRICT}: đã gửi")).to_be_visible()
    reason = main(admin).get_by_role("textbox", name="Lý do", exact=True)
    reason.fill(APPROVAL_REASON)
    after_run(admin, lambda: reason.press("Enter"))
    after_run(admin, main(admin).get_by_role("button", name="Duyệt", exact=True).click)
    expect(alert(admin, f"Đã duyệt {LABEL} của {DISTRICT}: số liệu của kỳ này đã khoá.")).to_be_visible()
    expect(main(admin).get_by_text("Chờ duyệt (0)")).to_be_visible()
    status = status_of(url, plan)
    assert status is not None
    assert (status.status, status.changed_by, status.reason) == (PeriodStatus.approved, ADMIN_NAME, APPROVAL_REASON)


def the_quarter_is_locked_for_the_district(editor: Page, address: str, url: str, plan: Plan) -> None:
    status = status_of(url, plan)
    assert status is not None
    since = format_date(status.changed_at.astimezone(HANOI_TIME).date())

    # the target's page says so above the grid, before anyone types
    open_page(editor, f"{address}/target?target=workers-trained", "Chỉ tiêu và bản ghi")
    expect(sidebar(editor).get_by_text(EDITOR_NAME, exact=False).first).to_be_visible()
    notice = alert(editor, f"Các dòng của kỳ đã khoá ({LABEL}, {DISTRICT}) chỉ xem được")
    expect(notice).to_contain_text(f"đã khoá từ {since} bởi {ADMIN_NAME}: {APPROVAL_REASON}.")
    expect(main(editor).get_by_text("Chỉ xem được: 1 dòng")).to_be_visible()
    # the quarter's row is among the read-only rows, saying why; the grid holds only the third quarter's
    locked = table_with(editor, "Vì sao chỉ xem")
    expect(locked.locator("[role='row']")).to_have_count(2)  # the header and one row
    [row] = read_table(locked)
    assert (row["#"], row["Vì sao chỉ xem"], row["Ngày"], row["Số lượng"], row["Quận/huyện"]) == (
        "2", f"{LABEL} đã khoá", QUARTER_END, "120", DISTRICT
    )  # fmt: skip
    editable = entries_grid(editor)
    expect(editable.locator("[role='gridcell']").first).to_have_text("1")
    assert [(row["#"], row["Ngày"], row["Số lượng"]) for row in read_table(editable)] == [("1", EARLIER[2], "30")]
    notice_at, grid_at = notice.bounding_box(), editable.bounding_box()
    assert notice_at["y"] + notice_at["height"] <= grid_at["y"], "the lock is said below the grid"
    screenshot(editor, "4-grid-locked")

    # the record form: a new Chương Mỹ figure dated in the quarter is refused, nothing written
    before = live_entries(url, plan)
    open_page(editor, f"{address}/record?target=workers-trained", "Ghi nhận kết quả")
    quantity = editor.get_by_test_id("stForm").get_by_role("textbox").first  # "Số lượng (lao động)"
    quantity.fill("10")
    editor.get_by_test_id("stDateInput").first.get_by_role("spinbutton").first.click()
    editor.keyboard.type("15052017")
    editor.keyboard.press("Tab")
    expect(main(editor).get_by_role("combobox").nth(1)).to_have_value(DISTRICT)  # the account's only district
    after_run(editor, editor.get_by_role("button", name="Lưu bản ghi").click)
    refusal = alert(editor, "đã khoá")
    expect(refusal).to_have_text(
        f"{DISTRICT}, {LABEL} đã khoá từ {since} bởi {ADMIN_NAME}: {APPROVAL_REASON}. Không ghi gì; "
        "quản trị viên có thể mở lại kỳ này."
    )
    expect(refusal).to_be_in_viewport()  # under the Save button, where the person looks
    expect(quantity).to_have_value("10")  # what was typed is kept
    screenshot(editor, "5-form-refused")
    assert live_entries(url, plan) == before


def the_administrator_reopens_and_the_history_shows_it_all(admin: Page, address: str, url: str, plan: Plan) -> None:
    # still on the reporting page: Chương Mỹ stays chosen, approved; reopened with a reason
    expect(main(admin).get_by_role("combobox", name="Quận, huyện", exact=True)).to_have_value(DISTRICT)
    expect(main(admin).get_by_text(f"{DISTRICT}: đã duyệt")).to_be_visible()
    reason = main(admin).get_by_role("textbox", name="Lý do", exact=True)
    expect(reason).to_have_value("")  # the approval's reason is not offered again
    reason.fill(REOPEN_REASON)
    after_run(admin, lambda: reason.press("Enter"))
    after_run(admin, main(admin).get_by_role("button", name="Mở lại", exact=True).click)
    expect(alert(admin, f"Đã mở lại {LABEL} của {DISTRICT}.")).to_be_visible()
    expect(main(admin).get_by_text(f"{DISTRICT}: đang mở")).to_be_visible()
    status = status_of(url, plan)
    assert status is not None
    assert (status.status, status.changed_by, status.reason) == (PeriodStatus.open, ADMIN_NAME, REOPEN_REASON)
    screenshot(admin, "6-reopened")

    # the quarter's history: the import's entries, the submit, the approval, the reopening
    open_page(admin, f"{address}/history", "Lịch sử thay đổi")
    expect(main(admin).get_by_role("tab", name="Thay đổi sau khi duyệt (0)")).to_be_visible()  # nothing moved
    period = main(admin).get_by_role("combobox", name="Kỳ báo cáo", exact=True)
    period.click()
    after_run(admin, admin.get_by_role("option", name=LABEL, exact=True).click)
    expect(period).to_have_value(LABEL)
    table = main(admin).get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    expect(table.locator("[role='row']")).to_have_count(1 + 3 + 6)  # the third quarter's entry is left out
    rows = [
        (row["Thao tác"], row["Người thay đổi"], row["Lý do"], row["Trước"])
        for row in read_table(table)
        if (row["Kỳ báo cáo"], row["Quận, huyện"]) == (LABEL, DISTRICT)
    ]
    # the reasons are in view at 1366 px, beside who did what
    assert rows[:3] == [
        ("Mở lại", ADMIN_NAME, REOPEN_REASON, "đã duyệt"),
        ("Duyệt", ADMIN_NAME, APPROVAL_REASON, "đã gửi"),
        ("Gửi báo cáo", EDITOR_NAME, "", "đang mở"),
    ]
    assert rows[3:] == [("Thêm", EDITOR_NAME, "", "")] * len(REPORTED)
    screenshot(admin, "7-history")

    # what each change made, and of which target, further right: the person scrolls sideways
    admin.mouse.move(*centre(table))
    admin.mouse.wheel(2000, 0)
    expect(table.locator("[role='gridcell']").filter(has_text="Mọi chỉ tiêu")).to_have_count(3)
    further = [(row["Sau"], row["Chỉ tiêu"]) for row in read_table(table)]
    assert further[:3] == [("đang mở", "Mọi chỉ tiêu"), ("đã duyệt", "Mọi chỉ tiêu"), ("đã gửi", "Mọi chỉ tiêu")]
    said = {"0": "Không có số liệu"}  # a nil report is said in words
    assert sorted(after for after, _ in further[3:]) == sorted(
        f"{said.get(quantity, quantity)} · 30/06/2017 · {DISTRICT}" for quantity in REPORTED.values()
    )
    assert sorted(target for _, target in further[3:]) == sorted(
        plan.target(target_id).short.in_("vi") for target_id in REPORTED
    )
    screenshot(admin, "8-history-reasons")

    # and the import, undoable as one, under the changes
    batch = main(admin).get_by_test_id("stExpander").filter(has_text=f"Lần nhập số 1: {REPORT_FILE}")
    expect(batch).to_contain_text(f"{EDITOR_NAME} · ")
