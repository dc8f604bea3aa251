"""The reporting page in Chromium at the office laptop's 1366×768, against the real
`streamlit run dashboard.py` (one dashboard for the module): the matrix's states as words
on their colours, in Vietnamese and English, uncut; a cell's facts on hover, inside the
table's box; and the overview's line, which opens the matrix at the latest period due.

The ledger (entries as if entered at 09:00 that day in Hanoi), read as of 01/08/2017:
Chương Mỹ sent every target for Q1 on 05/04 (on time) and for Q2 on 20/07 (late); Ba Vì
a nil report for every target of Q1 on 08/04; Đông Anh only the workers trained of Q1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.server import running_dashboard
from tests.e2e.waiting import after_run, settled
from tests.helpers import TARGETS_FILE, entered_on
from tracker.domain.completeness import CellState
from tracker.domain.entries import EntryKind, validate_entry
from tracker.domain.plan import Plan, load_plan
from tracker.present.reporting import STATE_COLOURS
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
Locator = Any  # playwright.sync_api.Locator
LAPTOP = {"width": 1366, "height": 768}

# Each cell's colours as the browser reports them.
_CELLS = """table => [...table.querySelectorAll('tbody tr')].map(row =>
  [...row.querySelectorAll('td, th')].map(cell => {
  const style = getComputedStyle(cell);
  return {text: cell.textContent.trim(), background: style.backgroundColor, color: style.color,
          size: parseFloat(style.fontSize)};
}))"""
_HEADERS = """table => [...table.querySelectorAll('thead th')].map(cell => cell.textContent.trim())"""
_FIT = """table => {
  const box = table.parentElement;
  return {scrolled: box.scrollWidth, visible: box.clientWidth};
}"""
# The hover box now shown, its words and where it lies against the table's own box.
_SHOWN_HOVER = """table => {
  const box = table.parentElement.getBoundingClientRect();
  const shown = [...table.querySelectorAll('.pd-t')].find(tip => getComputedStyle(tip).visibility === 'visible');
  if (!shown) return null;
  const at = shown.getBoundingClientRect();
  const words = getComputedStyle(shown, '::after').content;
  return {words, inside: at.top >= box.top && at.bottom <= box.bottom && at.left >= box.left && at.right <= box.right};
}"""


def rgb(colour: str) -> str:
    """#1a7f37 as the browser writes it: rgb(26, 127, 55)."""
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"






@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(TARGETS_FILE)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> Iterator[str]:
    work: Path = tmp_path_factory.mktemp("reporting") / "app"
    work.mkdir()
    url = f"sqlite:///{work / 'tracker.db'}"
    store = Ledger(url, plan.id)
    try:
        q1 = plan.reporting_period("2017-Q1")
        assert q1 is not None
        for target in plan.targets:
            for day, entered in (("2017-03-20", "2017-04-05"), ("2017-06-20", "2017-07-20")):
                entry = validate_entry(plan, target_id=target.id, quantity=5, ref_date=day, district="Chương Mỹ",
                                       entered_by="Sở")  # fmt: skip
                entered_on(store, store.record(entry), entered)
            nil = validate_entry(plan, target_id=target.id, quantity=0, ref_date=q1.end, district="Ba Vì",
                                 entered_by="Sở", kind=EntryKind.nil)  # fmt: skip
            entered_on(store, store.record_nil(nil, q1), "2017-04-08")
        entry = validate_entry(plan, target_id="workers-trained", quantity=40, ref_date="2017-02-01",
                               district="Đông Anh", entered_by="Sở")  # fmt: skip
        entered_on(store, store.record(entry), "2017-04-06")
    finally:
        store.dispose()
    with running_dashboard(work, url) as address:
        yield address


@pytest.fixture
def laptop(browser: Any, dashboard: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"))
    context.close()


def main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def the_matrix(page: Page) -> Locator:
    table = main(page).get_by_test_id("stTable").first.locator("table")
    expect(table.locator("tbody tr")).to_have_count(30)
    return table


def row_of(table: Locator, place: str) -> list[dict[str, Any]]:
    return next(row for row in table.evaluate(_CELLS) if row[0]["text"] == place)


def assert_state(cell: dict[str, Any], state: CellState, word: str) -> None:
    background, text = STATE_COLOURS[state]
    assert (cell["text"], cell["background"], cell["color"]) == (word, rgb(background), rgb(text))
    assert cell["size"] >= 13, f"«{word}» is {cell['size']} px"


def assert_uncut(table: Locator) -> None:
    fit = table.evaluate(_FIT)
    assert fit["scrolled"] <= fit["visible"], f"the matrix is {fit['scrolled']} px wide in {fit['visible']} px"


def test_the_matrix_shows_each_state_as_a_word_on_its_colour_uncut_in_both_languages(
    laptop: Page, dashboard: str
) -> None:
    laptop.goto(f"{dashboard}/reporting?as_of=2017-08-01&period=2017-Q2")
    expect(laptop.locator("h1").first).to_have_text("Tình hình báo cáo")
    settled(laptop)
    table = the_matrix(laptop)
    assert table.evaluate(_HEADERS) == [
        "Quận, huyện", "Quý 1/2017", "Quý 2/2017", "Quý 3/2017", "Quý 4/2017", "Tỉ lệ báo cáo", "Tỉ lệ đúng hạn",
    ]  # fmt: skip
    chuong_my = row_of(table, "Chương Mỹ")
    assert_state(chuong_my[1], CellState.on_time, "Đúng hạn")
    assert_state(chuong_my[2], CellState.late, "Trễ hạn")
    assert_state(chuong_my[3], CellState.not_due, "Chưa đến hạn")
    assert [cell["text"] for cell in chuong_my[5:]] == ["2/2 (100%)", "1/2 (50%)"]
    assert_state(row_of(table, "Ba Vì")[1], CellState.nil, "Không phát sinh")
    assert_state(row_of(table, "Đông Anh")[1], CellState.partial, "Một phần")
    assert_state(row_of(table, "Ba Đình")[1], CellState.missing, "Chưa báo cáo")
    assert_uncut(table)
    legend = main(laptop).get_by_text("Không phát sinh", exact=True).first
    expect(legend).to_be_visible()  # the legend, above the matrix, names each colour

    # hovering a cell shows what lies behind it, inside the table's box (nothing cut off)
    table.locator("tbody tr").filter(has_text="Chương Mỹ").locator("td").nth(2).hover()
    shown = table.evaluate(_SHOWN_HOVER)
    assert shown is not None, "no hover box is shown"
    assert "Chương Mỹ · Quý 2/2017" in shown["words"] and "Bản ghi cuối nhập ngày: 20/07/2017" in shown["words"]
    assert "Trạng thái kỳ: đang mở" in shown["words"]
    assert shown["inside"], "the hover box is cut off by the table's edge"
    table.locator("tbody tr").first.locator("td").nth(1).hover()  # a first row: its box opens below, still inside
    shown = table.evaluate(_SHOWN_HOVER)
    assert shown is not None and shown["inside"]
    laptop.screenshot(path=str(SCREENSHOTS / "reporting-hover-vi.png"))

    after_run(laptop, lambda: laptop.get_by_test_id("stSidebar").get_by_text("English", exact=True).click())
    expect(laptop.locator("h1").first).to_have_text("Reporting")
    table = the_matrix(laptop)
    assert table.evaluate(_HEADERS)[:3] == ["District", "Q1 2017", "Q2 2017"]
    chuong_my = row_of(table, "Chương Mỹ")
    assert_state(chuong_my[1], CellState.on_time, "On time")
    assert_state(chuong_my[2], CellState.late, "Late")
    assert_state(chuong_my[3], CellState.not_due, "Not yet due")
    assert_state(row_of(table, "Ba Vì")[1], CellState.nil, "Nil report")
    assert_state(row_of(table, "Ba Vì")[2], CellState.missing, "Missing")
    assert_state(row_of(table, "Đông Anh")[1], CellState.partial, "Partly")
    assert_uncut(table)


def test_the_overview_line_opens_the_matrix_at_the_latest_period_due(laptop: Page, dashboard: str) -> None:
    laptop.goto(dashboard)
    expect(laptop.locator("h1").first).to_have_text("Tổng quan tiến độ")
    settled(laptop)
    # Q4 2017 is the latest period due today: nobody has sent anything for it
    line = main(laptop).get_by_role("link", name="Quý 4/2017: 0/30 quận, huyện đã báo cáo, 0 đúng hạn")
    expect(line).to_be_visible()  # at the top, in view without scrolling
    assert "period=2017-Q4" in (line.get_attribute("href") or "")
    line.click()
    expect(laptop.locator("h1").first).to_have_text("Tình hình báo cáo")
    settled(laptop)
    assert "period=2017-Q4" in laptop.url
    expect(main(laptop).get_by_role("combobox", name="Kỳ báo cáo")).to_have_value("Quý 4/2017")
    headers = the_matrix(laptop).locator("thead th")
    frame = "header => [getComputedStyle(header).borderTopStyle, getComputedStyle(header).borderTopWidth]"
    assert headers.filter(has_text="Quý 4/2017").evaluate(frame) == ["solid", "3px"]  # the period is framed
    assert headers.filter(has_text="Quý 3/2017").evaluate(frame) != ["solid", "3px"]  # and only that one
    expect(main(laptop).get_by_role("heading", name="Chi tiết Quý 4/2017")).to_be_attached()
