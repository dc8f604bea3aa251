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
from tests.helpers import TARGETS_FILE, record
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan, read_plans
from tracker.domain.progress import Status
from tracker.i18n import Lang, t
from tracker.present.tables import overview_looks
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
Locator = Any  # playwright.sync_api.Locator
LAPTOP = {"width": 1366, "height": 768}
HEADER_HEIGHT = 35  # st.dataframe's header row, in pixels
ROW_SELECTION = 33  # the row-selection checkboxes' column: 32 px (up to 100 rows) and its border

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


# What the grid draws, read from its accessible copy (the header, and the cells of each
# row), with the fonts and padding its theme gives the canvas. A status is painted bold
# (display.status_styled: font-weight 600, which the grid applies to the cell's font).
_DRAWN = """table => {
  const themed = table.querySelector('[style*="--gdg-font-family"]') || table;
  const style = getComputedStyle(themed);
  const look = name => style.getPropertyValue(name).trim();
  const family = look('--gdg-font-family');
  const cell = look('--gdg-base-font-style');
  const scroller = table.querySelector('.dvn-scroller');
  return {
    fonts: {
      cell: `${cell} ${family}`,
      bold: `600 ${cell.split(' ').pop()} ${family}`,
      header: `${look('--gdg-header-font-style')} ${family}`,
    },
    padding: parseFloat(look('--gdg-cell-horizontal-padding')),
    visible: scroller.clientWidth,
    headers: [...table.querySelectorAll('[role="columnheader"]')].map(header => header.textContent),
    rows: [...table.querySelectorAll('[role="row"]')]
      .map(row => [...row.querySelectorAll('[role="gridcell"]')].map(cell => cell.textContent))
      .filter(cells => cells.length),
  };
}"""

# The width of each text in its font, measured by the page's own canvas once the page's
# fonts are in; a font the canvas does not take is an error, not a width in its default.
_TEXT_WIDTHS = """async (table, pieces) => {
  await document.fonts.ready;
  const context = document.createElement('canvas').getContext('2d');
  return pieces.map(([text, font]) => {
    context.font = '1px serif';
    const unset = context.font;
    context.font = font;
    if (context.font === unset) throw new Error(`the canvas takes no font ${font}`);
    return context.measureText(text).width;
  });
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


def assert_every_cell_uncut(table: Locator, plan: Plan, lang: Lang) -> None:
    """The overview shows every header and every cell in full, and would any status: each
    text, in the grid's own font and padding, is no wider than the least width the app
    gives its column; and those widths, with the row selection's, fit the view (a wider
    view only shares the spare width out)."""
    looks = overview_looks(lang)
    drawn = table.evaluate(_DRAWN)
    fonts, padding = drawn["fonts"], drawn["padding"]
    assert padding > 0 and all(font.strip() for font in fonts.values()), drawn
    assert drawn["headers"] == [look["label"] for look in looks.values()]
    rows = drawn["rows"]
    assert len(rows) == len(plan.targets), rows  # every row is in the accessible copy
    assert sorted(row[0] for row in rows) == sorted(target.short.in_(lang) for target in plan.targets), (
        "the table names targets by their short names"
    )
    texts: list[tuple[str, str, str]] = []  # (column, text, font)
    for index, (header, look) in enumerate(looks.items()):
        cells = [row[index] for row in rows]
        font = fonts["cell"]
        if header == t("col.details", lang):  # a link, drawn as its words
            assert all(cell.startswith("target?") for cell in cells), cells
            cells = [t("col.details_link", lang)]
        if header == t("col.status", lang):  # what this day shows, and any other day may
            cells += [t(f"status.{status.value}", lang) for status in Status]
            font = fonts["bold"]
        texts.append((look["label"], look["label"], fonts["header"]))
        texts += [(look["label"], cell, font) for cell in dict.fromkeys(cells)]
    widths = table.evaluate(_TEXT_WIDTHS, [[text, font] for _, text, font in texts])
    least = {look["label"]: look["width"] for look in looks.values()}
    cut = [
        f"{column}: {text!r} needs {width + 2 * padding:.0f} px of its {least[column]} px ({font})"
        for (column, text, font), width in zip(texts, widths, strict=True)
        if width + 2 * padding > least[column]
    ]
    assert not cut, f"cut in the {plan.year} overview ({lang}):\n" + "\n".join(cut)
    total = sum(least.values()) + ROW_SELECTION
    assert total <= drawn["visible"], f"the columns take {total} px of the {drawn['visible']} px in view"


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
OVERVIEW_EN = ["Target", "Status", "Details", "Goal", "Achieved", "% min", "% max", "Needed", "Projected"]
# 2018's figures by 30/06/2018: some on track, some behind, some not started.
LATER_ENTRIES = (
    ("workers-trained", 12000, "2018-06-29"),
    ("managers-trained", 700, "2018-06-30"),
    ("machinery-facilities", 5, "2018-06-01"),
    ("rural-workers-taught", 150, "2018-05-15"),
)


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
    later = read_plans(TARGETS_FILE).find("2018")
    assert later is not None
    store = Ledger(database_url, later.id)
    try:
        for target, quantity, day in LATER_ENTRIES:
            store.record(validate_entry(later, target_id=target, quantity=quantity, ref_date=day, entered_by="An"))
    finally:
        store.dispose()
    at_laptop_size(page, f"{dashboard_url}/?as_of=2017-06-30")
    table = page.get_by_test_id("stDataFrame").first  # the targets, worst first
    assert_every_column_in_view(table, OVERVIEW_VI)
    assert_every_cell_uncut(table, plan, "vi")
    chart = page.locator(".js-plotly-plot").first
    assert "1.000%" in axis_ticks(chart, "x"), axis_ticks(chart, "x")  # not 1000%
    assert set(axis_ticks(chart, "y")) == {target.short.vi for target in plan.targets}
    # the last column, the projection, ends at the table's visible right edge
    expect(hover_header(page, table, 20)).to_contain_text("Dự kiến cuối kỳ")
    shot(page, "overview-vi")

    to_english(page)
    table = page.get_by_test_id("stDataFrame").first
    assert_every_column_in_view(table, OVERVIEW_EN)
    assert_every_cell_uncut(table, plan, "en")
    assert "1,000%" in axis_ticks(page.locator(".js-plotly-plot").first, "x")
    expect(hover_header(page, table, 20)).to_contain_text("Projected at period end")
    shot(page, "overview-en")

    # 2018's plan has other goals («about 1,500 attendances») and names: both languages
    for lang, headers in (("vi", OVERVIEW_VI), ("en", OVERVIEW_EN)):
        at_laptop_size(page, f"{dashboard_url}/?plan=2018&as_of=2018-06-30&lang={lang}")
        table = page.get_by_test_id("stDataFrame").first
        assert_every_column_in_view(table, headers)
        assert_every_cell_uncut(table, later, lang)
        shot(page, f"overview-2018-{lang}")


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


def target_tables(page: Page, by_district: str, periods_tab: str, by_period: str) -> tuple[Locator, Locator]:
    """The target page's districts (behind their «Table» tab) and periods (in their
    expander, behind their tab), opened; the entries grid is another matter."""
    for name in (by_district, periods_tab):
        tab = page.get_by_role("tab", name=name, exact=True)
        if tab.get_attribute("aria-selected") != "true":  # it may stay open from one language to the other
            after_run(page, tab.click)
    expander = page.get_by_test_id("stExpander").filter(has_text=by_period)
    content = expander.get_by_test_id("stExpanderDetails")  # inert while closed
    if content.get_attribute("inert") is not None:  # it stays open from one language to the other
        expander.get_by_text(by_period).click()
    expect(content).not_to_have_attribute("inert", "")
    # the districts' panel, not the periods' (whose table is in its expander)
    panel = page.get_by_role("tabpanel").filter(has_not=page.get_by_test_id("stExpander"))
    districts = panel.get_by_test_id("stDataFrame").first
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
    districts, periods = target_tables(page, "Bảng", "Theo từng kỳ", "Bảng số liệu theo tháng")
    assert_every_column_in_view(districts, ["Quận, huyện, thị xã", "Loại", "Đã đạt", "Tỷ trọng"])
    expect(hover_header(page, districts, 20)).to_contain_text("Tỷ trọng trong tổng đã đạt")
    shot(page, "target-districts-vi")
    assert_every_column_in_view(periods, ["Kỳ", "Đã đạt", "Cần đạt", "Luỹ kế đạt", "Luỹ kế cần", "% tiến độ"])
    expect(hover_header(page, periods, 20)).to_contain_text("% so với tiến độ")
    shot(page, "target-periods-vi")

    to_english(page)
    assert {"10,000", "30,000"} <= set(axis_ticks(page.locator(".js-plotly-plot").first, "y"))
    districts, periods = target_tables(page, "Table", "Per period", "Figures by month, as a table")
    assert_every_column_in_view(districts, ["District", "Kind", "Achieved", "Share"])
    shot(page, "target-districts-en")
    assert_every_column_in_view(periods, ["Period", "Achieved", "Needed", "So far", "Needed so far", "% of pace"])
    shot(page, "target-periods-en")
