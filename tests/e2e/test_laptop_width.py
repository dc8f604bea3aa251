"""On the common office laptop (1366×768, the sidebar open) every column of the
dashboard's tables is in view: no table hides a column behind a sideways scroll.

st.dataframe is drawn by glide-data-grid on a canvas. Beside the canvas, the grid keeps
a scrolling element (``.dvn-scroller``) as wide as all its columns, and inside the canvas
an accessible copy of the table with a header for each column it draws: a column
scrolled out of sight has no header there. A table fits when its scroller is no wider
than the view of it and every one of its columns (``aria-colcount``) has a header.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.waiting import after_run, settled
from tests.helpers import record
from tracker.domain.plan import Plan
from tracker.i18n import Lang, t
from tracker.present.tables import overview_looks

Page = Any  # playwright.sync_api.Page
Locator = Any  # playwright.sync_api.Locator
LAPTOP = {"width": 1366, "height": 768}
HEADER_HEIGHT = 35  # st.dataframe's header row, in pixels

_FIT = """table => {
  const scroller = table.querySelector('.dvn-scroller');
  const grid = table.querySelector('[role="grid"]');
  return {
    scrolled: scroller.scrollWidth,
    visible: scroller.clientWidth,
    columns: Number(grid.getAttribute('aria-colcount')),
    headers: [...grid.querySelectorAll('[role="columnheader"]')].map(header => header.textContent),
  };
}"""


# Each name as the grid draws it: the font and padding its theme gives the canvas, measured
# by the page's own canvas; and the text of every cell of the grid's accessible copy.
_NAME_WIDTHS = """(table, names) => {
  const themed = table.querySelector('[style*="--gdg-font-family"]') || table;
  const style = getComputedStyle(themed);
  const look = name => style.getPropertyValue(name).trim();
  const font = `${look('--gdg-base-font-style')} ${look('--gdg-font-family')}`;
  const context = document.createElement('canvas').getContext('2d');
  context.font = font;
  return {
    font,
    padding: parseFloat(style.getPropertyValue('--gdg-cell-horizontal-padding')),
    cells: [...table.querySelectorAll('[role="gridcell"]')].map(cell => cell.textContent),
    widths: Object.fromEntries(names.map(name => [name, context.measureText(name).width])),
  };
}"""


def at_laptop_size(page: Page, address: str) -> None:
    page.set_viewport_size(LAPTOP)
    page.goto(address)
    expect(page.locator("h1").first).to_be_visible()
    settled(page)


def assert_every_column_in_view(table: Locator, headers: list[str]) -> None:
    """The table shows ``headers`` (its short column names), all of them without a
    sideways scroll."""
    table.scroll_into_view_if_needed()
    drawn = table.locator("[role='columnheader']")
    expect(drawn.first).to_have_text(headers[0])  # the grid has drawn, in the language chosen
    fit = table.evaluate(_FIT)
    assert fit["scrolled"] <= fit["visible"], (
        f"the table is {fit['scrolled']} px wide in a view of {fit['visible']} px; "
        f"columns in view: {fit['headers']} of {fit['columns']}"
    )
    expect(drawn).to_have_text(headers)
    assert fit["columns"] == len(headers)


def assert_names_uncut(table: Locator, plan: Plan, lang: Lang) -> None:
    """The name column shows every target's short name, none of them cut: each, in the
    grid's own font and padding, is no wider than the least width of its column."""
    names = [target.short.in_(lang) for target in plan.targets]
    drawn = table.evaluate(_NAME_WIDTHS, names)
    assert drawn["font"].strip() and drawn["padding"] > 0, drawn
    column = overview_looks(lang)[t("col.target", lang)]["width"]
    for name in names:
        assert name in drawn["cells"], (name, drawn["cells"])
        needed = drawn["widths"][name] + 2 * drawn["padding"]
        assert needed <= column, f"{name!r} needs {needed:.0f} px in a column of {column} px ({drawn['font']})"
    titles = {target.title.in_(lang) for target in plan.targets}
    assert not titles & set(drawn["cells"]), "the table names targets by their short names"


def axis_ticks(chart: Locator, axis: str) -> list[str]:
    return [text.strip() for text in chart.locator(f".{axis}tick text").all_text_contents()]


def hover_header(page: Page, table: Locator, x_from_right: float) -> Any:
    """Point at the header row, ``x_from_right`` pixels left of the table's right edge:
    the column there shows its full name."""
    box = table.bounding_box()
    page.mouse.move(box["x"] + box["width"] - x_from_right, box["y"] + HEADER_HEIGHT / 2)
    return page.get_by_test_id("stDataFrameTooltipContent")


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"laptop-{name}.png"))


def to_english(page: Page) -> None:
    after_run(page, lambda: page.get_by_text("English", exact=True).click())


OVERVIEW_VI = ["Chỉ tiêu", "Tình trạng", "Chi tiết", "Mục tiêu", "Đã đạt", "% đạt", "% tối đa", "Cần đạt", "Dự kiến"]
OVERVIEW_EN = ["Target", "Status", "Details", "Goal", "Achieved", "% min", "% max", "Expected", "Projected"]


def test_the_overview_table_shows_every_column_on_a_laptop(
    page: Page, dashboard_url: str, database_url: str, plan: Plan
) -> None:
    record(
        database_url,
        plan,
        ("workers-trained", 12400, "2017-06-30", "Thường Tín"),
        ("managers-trained", 60, "2017-05-20", None),
        ("village-brands", 3, "2017-04-10", "Chương Mỹ"),
        ("fair-participants", 20, "2017-03-01", "Thạch Thất"),
        ("machinery-projects", 120, "2017-06-01", "Gia Lâm"),  # 1.200 % of its goal: a grouped tick
    )
    at_laptop_size(page, f"{dashboard_url}/?as_of=2017-06-30")
    table = page.get_by_test_id("stDataFrame").first  # the targets, worst first
    assert_every_column_in_view(table, OVERVIEW_VI)
    assert_names_uncut(table, plan, "vi")
    chart = page.locator(".js-plotly-plot").first
    assert "1.000%" in axis_ticks(chart, "x"), axis_ticks(chart, "x")  # not 1000%
    assert set(axis_ticks(chart, "y")) == {target.short.vi for target in plan.targets}
    # the last column, the projection, ends at the table's visible right edge
    expect(hover_header(page, table, 20)).to_contain_text("Dự kiến cuối kỳ")
    shot(page, "overview-vi")

    to_english(page)
    table = page.get_by_test_id("stDataFrame").first
    assert_every_column_in_view(table, OVERVIEW_EN)
    assert_names_uncut(table, plan, "en")
    assert "1,000%" in axis_ticks(page.locator(".js-plotly-plot").first, "x")
    expect(hover_header(page, table, 20)).to_contain_text("Projected at period end")
    shot(page, "overview-en")


def test_the_goals_of_an_empty_plan_show_every_column_on_a_laptop(page: Page, dashboard_url: str) -> None:
    at_laptop_size(page, dashboard_url)
    expect(page.get_by_text("Chưa có kết quả nào được ghi nhận")).to_be_visible()
    table = page.get_by_test_id("stDataFrame").first
    assert_every_column_in_view(table, ["Chỉ tiêu", "Mục tiêu", "Đơn vị", "Đơn vị chủ trì"])
    expect(hover_header(page, table, 20)).to_contain_text("Đơn vị chủ trì")
    shot(page, "goals-vi")

    to_english(page)
    table = page.get_by_test_id("stDataFrame").first
    assert_every_column_in_view(table, ["Target", "Goal", "Unit", "Owner"])
    shot(page, "goals-en")


def target_tables(page: Page, by_district: str, by_period: str) -> tuple[Locator, Locator]:
    """The target page's districts (behind their «Table» tab) and periods (in their
    expander), opened; the entries grid is another matter."""
    page.get_by_role("tab", name=by_district, exact=True).click()
    expander = page.get_by_test_id("stExpander").filter(has_text=by_period)
    content = expander.get_by_test_id("stExpanderDetails")  # inert while closed
    if content.get_attribute("inert") is not None:  # it stays open from one language to the other
        expander.get_by_text(by_period).click()
    expect(content).not_to_have_attribute("inert", "")
    districts = page.get_by_role("tabpanel").get_by_test_id("stDataFrame").first
    periods = expander.get_by_test_id("stDataFrame")
    expect(districts).to_be_visible()
    expect(periods).to_be_visible()
    return districts, periods


def test_the_target_tables_show_every_column_on_a_laptop(
    page: Page, dashboard_url: str, database_url: str, plan: Plan
) -> None:
    record(
        database_url,
        plan,
        ("workers-trained", 4500, "2017-03-31", "Chương Mỹ"),
        ("workers-trained", 7900, "2017-06-15", "Thường Tín"),
        ("workers-trained", 300, "2017-06-20", None),
    )
    at_laptop_size(page, f"{dashboard_url}/target?target=workers-trained&as_of=2017-06-30")
    pace = page.locator(".js-plotly-plot").first  # the goal is about 30.000 workers
    assert {"10.000", "30.000"} <= set(axis_ticks(pace, "y")), axis_ticks(pace, "y")  # never 10k
    districts, periods = target_tables(page, "Bảng", "Bảng số liệu theo tháng")
    assert_every_column_in_view(districts, ["Quận, huyện, thị xã", "Loại", "Đã đạt", "Tỷ trọng"])
    expect(hover_header(page, districts, 20)).to_contain_text("Tỷ trọng trong tổng đã đạt")
    shot(page, "target-districts-vi")
    assert_every_column_in_view(periods, ["Kỳ", "Đã đạt", "Cần đạt", "Luỹ kế đạt", "Luỹ kế cần", "% tiến độ"])
    expect(hover_header(page, periods, 20)).to_contain_text("% so với tiến độ")
    shot(page, "target-periods-vi")

    to_english(page)
    assert {"10,000", "30,000"} <= set(axis_ticks(page.locator(".js-plotly-plot").first, "y"))
    districts, periods = target_tables(page, "Table", "Figures by month, as a table")
    assert_every_column_in_view(districts, ["District", "Kind", "Achieved", "Share"])
    shot(page, "target-districts-en")
    assert_every_column_in_view(periods, ["Period", "Achieved", "Needed", "So far", "Needed so far", "% of pace"])
    shot(page, "target-periods-en")
