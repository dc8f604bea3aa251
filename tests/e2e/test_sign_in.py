"""Sign-in in a real browser: an editor signs in, records an entry that carries her name,
signs out, and the edit controls are gone."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.test_browser import heading
from tests.e2e.waiting import success
from tracker.domain.access import Role
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.ui.cookie_routes import cookie_name

Page = Any  # playwright.sync_api.Page
PASSWORD = "mật-khẩu-đủ-dài-2017"


def test_an_editor_signs_in_records_signs_out_and_the_edit_controls_are_gone(
    page: Page, database_url: str, dashboard_url: str
) -> None:
    Accounts(Ledger(database_url).database).add_user("lan", "Trần Thị Lan", Role.editor, PASSWORD)
    page.goto(f"{dashboard_url}/record")
    expect(heading(page)).to_have_text("Ghi nhận kết quả")
    expect(page.get_by_text("Bạn đang xem mà chưa đăng nhập.")).to_be_visible()
    expect(page.get_by_role("button", name="Lưu bản ghi")).to_have_count(0)

    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("textbox", name="Tên đăng nhập").fill("lan")
    sidebar.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    sidebar.get_by_role("button", name="Đăng nhập").click()
    expect(sidebar.get_by_text("Trần Thị Lan · biên tập viên")).to_be_visible()

    page.get_by_role("textbox", name="Số lượng (lao động)").fill("450")
    page.locator("[data-testid='stDateInput']").first.get_by_role("spinbutton").first.click()
    page.keyboard.type("31032017")
    page.keyboard.press("Tab")
    page.locator("[data-testid='stMain']").get_by_role("combobox").nth(1).click()  # not the sidebar's plan
    page.keyboard.type("Chương Mỹ")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Lưu bản ghi").click()
    expect(success(page).get_by_text("Đã lưu bản ghi #1: 450 lao động ngày 31/03/2017.")).to_be_visible()
    [entry] = Ledger(database_url).entries_of("workers-trained")
    assert entry.entered_by == "Trần Thị Lan"  # the signed-in name, nothing typed

    page.reload()  # a reload (or a second tab) stays signed in, through the session cookie
    expect(sidebar.get_by_text("Trần Thị Lan · biên tập viên")).to_be_visible()
    expect(page.get_by_role("button", name="Lưu bản ghi")).to_be_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == cookie_name(database_url))
    assert cookie["sameSite"] == "Strict" and len(cookie["value"]) >= 40
    assert cookie["httpOnly"]  # set by the server: no script of any page can read it
    assert cookie["value"] not in page.evaluate("document.cookie")

    sidebar.get_by_role("button", name="Đăng xuất").click()
    expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible()
    expect(page.get_by_role("button", name="Lưu bản ghi")).to_have_count(0)
    page.reload()  # signed out for good: the cookie went with the session
    expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible()
    assert not [c for c in page.context.cookies() if c["name"].startswith("tracker_session")]
    page.goto(f"{dashboard_url}/target?target=workers-trained")
    expect(heading(page)).to_have_text("Chỉ tiêu và bản ghi")
    expect(page.get_by_text("Bạn đang xem mà chưa đăng nhập.")).to_be_visible()
    expect(page.get_by_role("button", name="Lưu tất cả thay đổi")).to_have_count(0)
    expect(page.get_by_role("button", name="Ghi điều chỉnh")).to_have_count(0)
