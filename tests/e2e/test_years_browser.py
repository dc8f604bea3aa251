"""The year-on-year page in Chromium at the office laptop's 1366×768, against the real
`streamlit run dashboard.py` (one dashboard for the module).

Issue 18: at ``/years?day=06-30`` every row said «Không đạt» beside the «Đến 30/06»
figures, though the 2018 overview at 30/06/2018 says the workers were on track. The
status at the compared day now stands beside the day's figure, the whole year's in its
own labelled column, and no cell of the table is cut. The charts' goal labels are dark
and large enough to read.

Whether a cell is cut is measured as glide-data-grid draws it: the cell's text in the
grid's font (14 px Source Sans, a header in semibold) plus 16 px of padding must fit the
least width the app gives its column (a wider page only widens the columns).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.server import running_dashboard
from tests.e2e.waiting import after_run, settled
from tests.helpers import TARGETS_FILE
from tracker.domain.entries import validate_entry
from tracker.domain.plan import PlanSet, read_plans
from tracker.i18n import Lang
from tracker.present.tables import column_looks
from tracker.present.years import years_table
from tracker.service.years import MonthDay, compare_years
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
Locator = Any  # playwright.sync_api.Locator
LAPTOP = {"width": 1366, "height": 768}
JUNE_30 = MonthDay(6, 30)
PADDING = 16  # glide-data-grid's 8 px each side of a cell's text

# 2018's workers: 12.000 by 29/06/2018, ahead of the 11.901 expected by 30/06 (on track
# then), 13.000 of about 24.000 at the year's end (missed). 2017's: 10.000 by 30/06 of the
# 14.877 expected (needs acceleration), 29.000 of about 30.000 at the end (achieved).
ENTRIES = {
    "2017": (
        ("workers-trained", 10000, "2017-06-30"),
        ("workers-trained", 19000, "2017-11-15"),
        ("machinery-projects", 2, "2017-04-01"),
        ("managers-trained", 30, "2017-02-28"),
    ),
    "2018": (
        ("workers-trained", 3000, "2018-02-10"),
        ("workers-trained", 9000, "2018-06-29"),
        ("workers-trained", 1000, "2018-07-02"),
        ("machinery-facilities", 5, "2018-06-01"),
        ("managers-trained", 700, "2018-06-30"),
    ),
}

_HEADERS = """table => [...table.querySelectorAll('[role="columnheader"]')].map(header => header.textContent)"""
_ROWS = """table => [...table.querySelectorAll('[role="row"]')]
  .map(row => [...row.querySelectorAll('[role="gridcell"]')].map(cell => cell.textContent))
  .filter(cells => cells.length)"""
_FIT = """table => {
  const scroller = table.querySelector('.dvn-scroller');
  return {scrolled: scroller.scrollWidth, visible: scroller.clientWidth};
}"""
# The width of each text in the grid's own font, once the page has loaded it.
_TEXT_WIDTHS = """([texts, weight]) => {
  const canvas = document.createElement('canvas').getContext('2d');
  canvas.font = `${weight} 14px "Source Sans", sans-serif`;
  return texts.map(text => canvas.measureText(text).width);
}"""


@pytest.fixture(scope="module")
def plans() -> PlanSet:
    return read_plans(TARGETS_FILE)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, plans: PlanSet) -> Iterator[tuple[str, Path]]:
    """The entries above in a fresh database: its address and the app's folder."""
    work: Path = tmp_path_factory.mktemp("years") / "app"
    work.mkdir()
    url = f"sqlite:///{work / 'tracker.db'}"
    for year, rows in ENTRIES.items():
        plan = plans.find(year)
        assert plan is not None
        store = Ledger(url, plan.id)
        try:
            for target, quantity, day in rows:
                store.record(validate_entry(plan, target_id=target, quantity=quantity, ref_date=day, entered_by="An"))
        finally:
            store.dispose()
    yield url, work


@pytest.fixture(scope="module")
def dashboard(database: tuple[str, Path]) -> Iterator[str]:
    url, work = database
    with running_dashboard(work, url) as address:
        yield address


@pytest.fixture
def laptop(browser: Any, dashboard: str) -> Iterator[Page]:
    """A browser of its own at 1366×768, on the year-on-year page compared at 30/06."""
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(f"{dashboard}/years?day=06-30")
    expect(tab.locator("h1").first).to_have_text("So sánh các năm")
    settled(tab)
    yield tab
    context.close()


def main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def years_grid(page: Page) -> Locator:
    table = main(page).get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    expect(table.locator("[role='row']")).to_have_count(9)  # four chains of two years, and the header
    return table


def read_rows(table: Locator) -> dict[tuple[str, str], dict[str, str]]:
    """Each row as its cells read, by (short name, year) and then by column header."""
    headers = table.evaluate(_HEADERS)
    rows = [dict(zip(headers, cells, strict=True)) for cells in table.evaluate(_ROWS)]
    return {(row[headers[0]], row[headers[1]]): row for row in rows}


def least_widths(database_url: str, plans: PlanSet, lang: Lang) -> dict[str, int]:
    """The width the app gives each column of the table it draws at 30/06."""
    store = Ledger(database_url)
    try:
        day, comparisons = compare_years(plans, store, JUNE_30)
    finally:
        store.dispose()
    return {header: look["width"] for header, look in column_looks(years_table(comparisons, day, lang)).items()}


def assert_nothing_cut(page: Page, table: Locator, widths: dict[str, int]) -> None:
    """No sideways scroll, and every header and cell fits its column uncut."""
    fit = table.evaluate(_FIT)
    assert fit["scrolled"] <= fit["visible"], f"the table is {fit['scrolled']} px wide in {fit['visible']} px"
    headers = table.evaluate(_HEADERS)
    assert headers == list(widths)
    cells = table.evaluate(_ROWS)
    for index, header in enumerate(headers):
        column = [row[index] for row in cells]
        header_width = page.evaluate(_TEXT_WIDTHS, [[header], 600])[0]
        cell_widths = page.evaluate(_TEXT_WIDTHS, [column, 400])
        widest = max([header_width, *cell_widths])
        assert widest + PADDING <= widths[header], f"«{header}»: {widest:.0f} px of text in {widths[header]} px"


def test_the_status_at_the_compared_day_stands_beside_the_days_figure_uncut(
    laptop: Page, database: tuple[str, Path], plans: PlanSet
) -> None:
    table = years_grid(laptop)
    headers = table.evaluate(_HEADERS)
    assert headers == [
        "Chỉ tiêu", "Năm", "Mục tiêu", "Đến 30/06", "Tình trạng 30/06", "Cả năm", "Tình trạng cả năm",
    ]  # fmt: skip
    rows = read_rows(table)
    workers_2018 = rows[("Đào tạo nghề nông thôn", "2018")]
    assert [workers_2018[header] for header in headers[3:]] == [
        "12.000 (50%)", "Đúng tiến độ", "13.000 (54,2%)", "Không đạt",
    ]  # fmt: skip
    workers_2017 = rows[("Đào tạo nghề cho lao động", "2017")]
    assert [workers_2017[header] for header in headers[3:]] == [
        "10.000 (33,3%)", "Cần đẩy nhanh", "29.000 (96,7%)", "Đã đạt",
    ]  # fmt: skip
    assert rows[("Cơ sở có dự án máy móc", "2018")]["Mục tiêu"] == "14 cơ sở (1)"
    expect(main(laptop).get_by_text("(1) Cơ sở có dự án máy móc, 2018 — cách đo đã thay đổi: ")).to_be_visible()
    assert_nothing_cut(laptop, table, least_widths(database[0], plans, "vi"))
    # the day is a day and a month, no year
    assert main(laptop).get_by_test_id("stDateInput").count() == 0
    expect(main(laptop).get_by_role("combobox", name="So sánh tại ngày")).to_have_value("30")
    expect(main(laptop).get_by_role("combobox", name="Tháng")).to_have_value("tháng 6")

    after_run(laptop, lambda: laptop.get_by_test_id("stSidebar").get_by_text("English", exact=True).click())
    expect(laptop.locator("h1").first).to_have_text("Year on year")
    table = years_grid(laptop)
    expect(table.locator("[role='columnheader']").first).to_have_text("Target")
    english = read_rows(table)[("Rural vocational training", "2018")]
    assert [english[header] for header in ("By 30/06", "Status at 30/06", "Whole year", "Whole-year status")] == [
        "12,000 (50%)", "On track", "13,000 (54.2%)", "Missed",
    ]  # fmt: skip
    assert_nothing_cut(laptop, table, least_widths(database[0], plans, "en"))
    expect(main(laptop).get_by_role("combobox", name="Month")).to_have_value("June")


def test_the_2018_overview_at_30_06_says_what_the_years_page_says(laptop: Page, dashboard: str) -> None:
    """The two pages agree: the overview of 2018 at 30/06/2018 says «Đúng tiến độ» too."""
    laptop.goto(f"{dashboard}/?plan=2018&as_of=2018-06-30")
    expect(laptop.locator("h1").first).to_have_text("Tổng quan tiến độ")
    settled(laptop)
    table = main(laptop).get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    expect(table.locator("[role='row']")).to_have_count(9)  # the 2018 plan's eight targets
    headers = table.evaluate(_HEADERS)
    rows = [dict(zip(headers, cells, strict=True)) for cells in table.evaluate(_ROWS)]
    workers = next(row for row in rows if row["Chỉ tiêu"] == "Đào tạo nghề nông thôn")
    assert workers["Tình trạng"] == "Đúng tiến độ"


def test_the_goal_labels_of_the_charts_are_dark_and_readable(laptop: Page) -> None:
    chart = main(laptop).locator(".js-plotly-plot").filter(has_text="Đào tạo nghề cho lao động nông thôn")
    chart.scroll_into_view_if_needed()
    labels = chart.locator(".bartext")
    expect(labels.filter(has_text="khoảng 24.000")).to_have_count(1)
    styles = labels.evaluate_all(
        "texts => texts.map(text => [text.textContent, getComputedStyle(text).fill,"
        " parseFloat(getComputedStyle(text).fontSize)])"
    )
    for text, fill, size in styles:
        assert fill == "rgb(36, 41, 47)", f"«{text}» is drawn in {fill}"  # dark, not white on grey
        assert size >= 13, f"«{text}» is {size} px"
    # grouped the Vietnamese way on the axes too: 10.000, not 10k
    ticks = chart.locator(".ytick text, .xtick text").all_text_contents()
    assert "10.000" in ticks and not any(tick.endswith("k") for tick in ticks), ticks


def test_one_chain_drawn_at_a_time_and_each_a_click_away(laptop: Page) -> None:
    """The page draws one chart, not one per chain (ten charts took the browser seconds);
    a click on another chain draws that chain's goals, achieved figures and curves."""
    charts = main(laptop).locator(".js-plotly-plot")
    expect(charts).to_have_count(1)
    expect(charts.first).to_contain_text("Đào tạo nghề cho lao động nông thôn")
    picker = main(laptop).get_by_role("radiogroup")
    after_run(laptop, lambda: picker.get_by_text("Tập huấn quản trị DN (2017–2018)").click())
    expect(charts).to_have_count(1)
    chart = charts.first
    chart.scroll_into_view_if_needed()
    expect(chart).to_contain_text("quản trị")
    bar_labels = chart.locator(".bartext").all_text_contents()
    assert {"30", "700"} <= set(bar_labels), bar_labels  # each year's achieved figure on its bar
    assert "2018 (2)" in chart.locator(".ytick text").all_text_contents()  # the changed measure, as the table says
    assert chart.locator(".scatterlayer .trace").count() >= 2  # a curve per year
