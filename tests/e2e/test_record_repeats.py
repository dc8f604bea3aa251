"""The record form in Chromium at the office laptop's 1366×768 (issue 18, points 1 and 8):
after a save the quantity box is empty; the same figure saved again asks "Vẫn lưu?" right
under the Save button, in view without scrolling; the fairs target is counted once, and a
double click on «Vẫn lưu» saves once. One dashboard for the module."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.server import running_dashboard
from tests.e2e.waiting import after_run, settled
from tests.helpers import PASSWORD, TARGETS_FILE, record
from tracker.domain.access import Role
from tracker.domain.plan import Plan, load_plan
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
Locator = Any  # playwright.sync_api.Locator
LAPTOP = {"width": 1366, "height": 768}
FAIRS = "fair-participants"
EARLIER = 149  # what the fairs target had before the morning's report of 60


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(TARGETS_FILE)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> Iterator[tuple[str, str]]:
    """One dashboard (its address) and its database (its URL), with an earlier fairs figure
    and an editor who may sign in."""
    work: Path = tmp_path_factory.mktemp("repeats") / "app"
    work.mkdir()
    url = f"sqlite:///{work / 'tracker.db'}"
    record(url, plan, (FAIRS, EARLIER, "2017-03-31", "Gia Lâm"))
    store = Ledger(url)
    Accounts(store.database).add_user("lan", "Trần Thị Lan", Role.editor, PASSWORD)
    store.dispose()
    with running_dashboard(work, url) as address:
        yield address, url


def fairs_total(url: str) -> Decimal:
    store = Ledger(url)
    try:
        return store.achieved(dt.date(2017, 12, 31), [FAIRS]).get(FAIRS, Decimal(0))
    finally:
        store.dispose()


def record_page(browser: Any, address: str) -> Page:
    """A browser of its own at the laptop's size, signed in as Lan, on the fairs target's form."""
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(f"{address}/record?target={FAIRS}")
    expect(tab.locator("h1").first).to_have_text("Ghi nhận kết quả")
    settled(tab)
    sidebar = tab.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("textbox", name="Tên đăng nhập").fill("lan")
    sidebar.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    after_run(tab, lambda: sidebar.get_by_role("button", name="Đăng nhập").click())
    expect(sidebar.get_by_text("Trần Thị Lan", exact=False).first).to_be_visible()
    settled(tab)
    return tab


def quantity_box(page: Page) -> Locator:
    return page.get_by_test_id("stForm").get_by_role("textbox").first  # "Số lượng (cơ sở, DN)"


def fill_the_figure(page: Page) -> None:
    """The morning's report: 60 on 20/06/2017, the whole city, with its note."""
    quantity_box(page).fill("60")
    page.locator("[data-testid='stDateInput']").first.get_by_role("spinbutton").first.click()
    page.keyboard.type("20062017")
    page.keyboard.press("Tab")
    page.locator("[data-testid='stMain']").get_by_role("combobox").nth(1).click()  # 0: the target
    page.keyboard.type("Toàn thành phố")
    page.keyboard.press("Enter")
    page.get_by_role("textbox", name="Ghi chú (không bắt buộc)").fill("Hội chợ tháng 6")


def in_view(page: Page, element: Locator) -> bool:
    """Wholly inside the window, without scrolling."""
    box = element.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def save(page: Page) -> Locator:
    button = page.get_by_role("button", name="Lưu bản ghi")
    after_run(page, button.click)
    return button


def test_the_same_figure_saved_again_asks_beside_the_button_and_counts_once(
    browser: Any, database: tuple[str, str]
) -> None:
    address, url = database
    page = record_page(browser, address)
    fill_the_figure(page)
    save(page)
    saved = page.get_by_text("Đã lưu bản ghi #2: 60 cơ sở, DN ngày 20/06/2017.").first
    expect(saved).to_be_visible()
    expect(quantity_box(page)).to_have_value("")  # nothing there to save twice
    assert fairs_total(url) == EARLIER + 60

    fill_the_figure(page)  # the same report typed again
    button = save(page)
    question = page.get_by_text("Đã có một bản ghi giống hệt (số 2, do Trần Thị Lan nhập lúc")
    expect(question).to_be_visible()
    confirm = page.get_by_role("button", name="Vẫn lưu")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "laptop-record-repeat-question.png"))
    assert in_view(page, question) and in_view(page, confirm), "the question is below the fold"
    gap = question.bounding_box()["y"] - (button.bounding_box()["y"] + button.bounding_box()["height"])
    assert 0 <= gap < 120, f"the question is {gap} px from the Save button"
    assert fairs_total(url) == EARLIER + 60  # 209, not 269
    expect(page.get_by_text(f"đã đạt đến nay: {EARLIER + 60}")).to_be_visible()

    after_run(page, page.get_by_role("button", name="Không lưu").click)
    expect(page.get_by_text("Đã bỏ, không lưu bản ghi trùng.")).to_be_visible()
    assert fairs_total(url) == EARLIER + 60
    page.context.close()


def test_a_double_click_on_save_anyway_saves_once(browser: Any, database: tuple[str, str]) -> None:
    address, url = database
    page = record_page(browser, address)
    before = fairs_total(url)
    fill_the_figure(page)
    save(page)
    expect(page.get_by_text("Đã có một bản ghi giống hệt")).to_be_visible()
    after_run(page, page.get_by_role("button", name="Vẫn lưu").dblclick)
    expect(page.get_by_text("Đã lưu bản ghi #").first).to_be_visible()
    settled(page)
    assert fairs_total(url) == before + 60  # once, not twice
    expect(page.get_by_role("button", name="Vẫn lưu")).to_have_count(0)
    page.context.close()


def test_a_refusal_is_in_view_beside_the_button(browser: Any, database: tuple[str, str]) -> None:
    address, url = database
    page = record_page(browser, address)
    before = fairs_total(url)
    fill_the_figure(page)
    quantity_box(page).fill("sáu mươi")
    save(page)
    refusal = page.get_by_test_id("stMain").get_by_text("'sáu mươi' không phải là một số")
    expect(refusal).to_be_visible()
    assert in_view(page, refusal), "the refusal is below the fold"
    assert fairs_total(url) == before
    page.context.close()
