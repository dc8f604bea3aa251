"""The language is kept as a person meets it in Chromium: English survives a reload and a
target opened from the overview in a new tab, and a person who chose English in one
browser finds it when they sign in from another. At the office laptop's 1366×768 the
sign-in form is in view without scrolling. One dashboard for the module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.server import running_dashboard
from tests.e2e.waiting import after_run, settled
from tests.helpers import TARGETS_FILE, record
from tracker.domain.access import Role
from tracker.domain.plan import Plan, load_plan
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.ui.cookie_routes import SET_PATH

Page = Any  # playwright.sync_api.Page
LAPTOP = {"width": 1366, "height": 768}
PASSWORD = "mật-khẩu-đủ-dài-2017"


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> Iterator[str]:
    """One dashboard with a figure recorded and two people who may sign in."""
    work: Path = tmp_path_factory.mktemp("language") / "app"
    work.mkdir()
    url = f"sqlite:///{work / 'tracker.db'}"
    record(url, plan, ("workers-trained", 1200, "2017-03-31", None))
    store = Ledger(url)
    accounts = Accounts(store.database)
    accounts.add_user("hoa", "Lê Thị Hoa", Role.viewer, PASSWORD)
    accounts.add_user("minh", "Trần Văn Minh", Role.editor, PASSWORD)
    store.dispose()
    with running_dashboard(work, url) as address:
        yield address


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(TARGETS_FILE)


def fresh_tab(browser: Any, address: str) -> Page:
    """A browser of its own (no cookie, no session) at the laptop's size, on ``address``."""
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(address)
    expect(tab.locator("h1").first).to_be_visible()
    settled(tab)
    return tab


def heading(page: Page) -> Any:
    return page.locator("h1").first


def sidebar(page: Page) -> Any:
    return page.locator("[data-testid='stSidebar']")


def sign_in(page: Page, username: str) -> None:
    """Sign in, and wait as the browser does until the server has set the session cookie:
    an address opened before that is a visit without it (anonymous, in Vietnamese)."""
    sidebar(page).get_by_role("textbox", name="Tên đăng nhập").fill(username)
    sidebar(page).get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    with page.expect_response(lambda response: response.url.endswith(SET_PATH)) as cookie_set:
        sidebar(page).get_by_role("button", name="Đăng nhập").click()
    assert cookie_set.value.status == 204


def to_english(page: Page) -> None:
    after_run(page, lambda: sidebar(page).get_by_text("English", exact=True).click())
    expect(heading(page)).to_have_text("Progress overview")


def test_english_stays_after_a_reload(browser: Any, dashboard: str) -> None:
    page = fresh_tab(browser, dashboard)
    expect(heading(page)).to_have_text("Tổng quan tiến độ")
    to_english(page)
    assert "lang=en" in page.url
    page.reload()
    expect(heading(page)).to_have_text("Progress overview")
    settled(page)
    sidebar(page).get_by_role("link", name="History").click()  # the menu keeps it too
    expect(heading(page)).not_to_have_text("Lịch sử thay đổi")
    assert "lang=en" in page.url
    page.reload()
    expect(sidebar(page).get_by_role("link", name="Overview")).to_be_visible()
    page.context.close()


def test_a_target_opened_from_the_english_overview_in_a_new_tab_is_in_english(browser: Any, dashboard: str) -> None:
    page = fresh_tab(browser, dashboard)
    to_english(page)
    details = page.locator("[data-testid='stDataFrame']").first.get_by_test_id("glide-cell-3-0")
    expect(details).to_contain_text("lang=en")  # the link the row's "Open ›" cell opens
    address = details.text_content()
    assert address is not None and address.startswith("target?")
    tab = page.context.new_page()  # a new tab is a new session: it knows only the address
    tab.goto(f"{dashboard}/{address}")
    expect(heading(tab)).to_have_text("Targets and entries")
    page.context.close()


def test_signing_in_elsewhere_opens_the_language_chosen_before(browser: Any, dashboard: str) -> None:
    first = fresh_tab(browser, dashboard)
    sign_in(first, "hoa")
    expect(sidebar(first).get_by_text("Lê Thị Hoa · người xem")).to_be_visible()
    to_english(first)  # chosen while signed in: kept on her account
    first.context.close()

    other = fresh_tab(browser, dashboard)  # another browser, an address without ?lang
    expect(heading(other)).to_have_text("Tổng quan tiến độ")
    sign_in(other, "hoa")
    expect(sidebar(other).get_by_text("Lê Thị Hoa · viewer")).to_be_visible()
    expect(heading(other)).to_have_text("Progress overview")
    assert "lang=en" in other.url
    other.goto(dashboard)  # signed in by the cookie, the address names no language
    expect(heading(other)).to_have_text("Progress overview")
    other.goto(f"{dashboard}/?lang=vi")  # the address wins
    expect(heading(other)).to_have_text("Tổng quan tiến độ")
    other.context.close()


def test_at_1366_by_768_the_sign_in_form_is_in_view_without_scrolling(browser: Any, dashboard: str) -> None:
    page = fresh_tab(browser, dashboard)
    for element in (
        sidebar(page).get_by_role("textbox", name="Tên đăng nhập"),
        sidebar(page).get_by_role("textbox", name="Mật khẩu"),
        sidebar(page).get_by_role("button", name="Đăng nhập"),
        sidebar(page).get_by_text("English", exact=True),  # the language and the menu stay in reach below it
        sidebar(page).get_by_role("link", name="Người dùng"),
    ):
        box = element.bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], box
    scrolled = sidebar(page).evaluate(
        "bar => [bar, ...bar.querySelectorAll('*')].some(element => element.scrollTop > 0)"
    )
    assert not scrolled  # nothing was scrolled to bring it there
    sign_in(page, "minh")
    expect(sidebar(page).get_by_text("Trần Văn Minh · biên tập viên")).to_be_visible()
    page.context.close()
