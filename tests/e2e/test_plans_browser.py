"""Two yearly plans in Chromium, against the real `streamlit run dashboard.py`: a new user
switches between the 2017 and the 2018 plan in the sidebar, records for 2018, finds the
figure in 2018 only, and reads the years side by side.

The app has no user yet and the browser is at the server itself (127.0.0.1), so the
person types their name in the sidebar, as on a fresh install. Tables are read from the
accessible copy that st.dataframe keeps beside its canvas (``role=gridcell``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import TARGETS_FILE
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.waiting import after_run, settled, success
from tracker.domain.entries import validate_entry
from tracker.domain.plan import PlanSet, read_plans
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
Locator = Any  # playwright.sync_api.Locator

TITLE_2017 = "Kế hoạch hoạt động của Ban Chỉ đạo phát triển nghề và làng nghề thành phố Hà Nội năm 2017"
TITLE_2018 = "Kế hoạch phát triển nghề và làng nghề thành phố Hà Nội năm 2018"
WORKERS_2017 = "Đào tạo nghề, truyền nghề cho lao động"
WORKERS_2018 = "Đào tạo nghề cho lao động nông thôn"
MACHINERY_2018 = "Cơ sở sản xuất có dự án đầu tư ứng dụng máy móc, thiết bị tiên tiến hiện đại"
# The tables and pickers name targets by their short names (the charts by their titles).
WORKERS_2017_SHORT = "Đào tạo nghề cho lao động"
WORKERS_2018_SHORT = "Đào tạo nghề nông thôn"
BRANDS_SHORT = "Thương hiệu làng nghề"
MACHINERY_2018_SHORT = "Cơ sở có dự án máy móc"
MACHINERY_NOTE = (  # under the year-on-year table, numbered as the goal points to it
    "(1) Cơ sở có dự án máy móc, 2018 — cách đo đã thay đổi: "
    "Năm 2017 đếm số dự án; năm 2018 đếm số cơ sở sản xuất có dự án"
)
LAPTOP = {"width": 1366, "height": 768}

# What colleagues recorded before: 21.000 workers over 2017, brands and machinery both years.
EARLIER = {
    "2017": (
        ("workers-trained", 9000, "2017-03-31"),
        ("workers-trained", 12000, "2017-09-30"),
        ("village-brands", 4, "2017-05-02"),
        ("machinery-projects", 3, "2017-06-01"),
    ),
    "2018": (
        ("village-brands", 5, "2018-05-02"),
        ("machinery-facilities", 7, "2018-07-01"),
    ),
}

# Each row of a st.dataframe as its cells read (the header row has none).
_ROWS = """table => [...table.querySelectorAll('[role="row"]')]
  .map(row => [...row.querySelectorAll('[role="gridcell"]')].map(cell => cell.textContent))
  .filter(cells => cells.length)"""
_HEADERS = """table => [...table.querySelectorAll('[role="columnheader"]')].map(header => header.textContent)"""


def seed(database_url: str) -> int:
    """The earlier entries, each in its own year's ledger; how many there are."""
    plans: PlanSet = read_plans(TARGETS_FILE)
    written = 0
    for year, rows in EARLIER.items():
        plan = plans.find(year)
        assert plan is not None
        store = Ledger(database_url, plan.id)
        try:
            for target, quantity, day in rows:
                store.record(
                    validate_entry(plan, target_id=target, quantity=quantity, ref_date=day, entered_by="Nguyễn An")
                )
                written += 1
        finally:
            store.dispose()
    return written


def heading(page: Page) -> Locator:
    return page.locator("h1").first


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def plan_switch(page: Page) -> Locator:
    return sidebar(page).get_by_role("combobox", name="Kế hoạch")


def switch_plan(page: Page, year: str, title: str) -> None:
    """Choose the plan in the sidebar's list, as a person does."""
    plan_switch(page).click()
    option = page.get_by_role("option", name=f"{year} · {title}")
    after_run(page, option.click)
    expect(plan_switch(page)).to_have_value(f"{year} · {title}")


def go_to(page: Page, menu_item: str, title: str) -> None:
    """Follow the sidebar's menu to a page."""
    sidebar(page).get_by_role("link", name=menu_item, exact=True).click()
    expect(heading(page)).to_have_text(title)
    settled(page)


def grid(page: Page, rows: int) -> Locator:
    """The page's first table once it shows ``rows`` rows. The grid keeps its accessible
    copy up to date while it is in view: a table redrawn below the fold (a plan switched
    above it) still lists the rows it had until it is scrolled to."""
    table = main(page).get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    expect(table.locator("[role='row']")).to_have_count(rows + 1)  # and the header row
    return table


def read_table(table: Locator) -> list[dict[str, str]]:
    """Each row of a table as its cells read, by the column's header."""
    headers = table.evaluate(_HEADERS)
    return [dict(zip(headers, cells, strict=True)) for cells in table.evaluate(_ROWS)]


def overview_achieved(page: Page, targets: int) -> dict[str, str]:
    """The overview table (``targets`` rows): each target's achieved figure, as shown."""
    return {row["Chỉ tiêu"]: row["Đã đạt"] for row in read_table(grid(page, targets))}


def test_a_new_user_records_for_2018_and_reads_the_years_side_by_side(
    page: Page, dashboard_url: str, database_url: str
) -> None:
    earlier = seed(database_url)
    page.reload()
    expect(heading(page)).to_have_text("Tổng quan tiến độ")
    settled(page)

    # The dashboard opens on the 2017 plan, as it always has.
    expect(main(page).get_by_text(f"{TITLE_2017} · Thời kỳ kế hoạch: 01/01/2017 – 31/12/2017")).to_be_visible()
    expect(plan_switch(page)).to_have_value(f"2017 · {TITLE_2017}")
    assert re.search(r"[?&]plan=2017\b", page.url)
    assert overview_achieved(page, 6)[WORKERS_2017_SHORT] == "21.000"

    # The 2018 plan, chosen in the sidebar: its own targets, and the address says so.
    switch_plan(page, "2018", TITLE_2018)
    expect(main(page).get_by_text(f"{TITLE_2018} · Thời kỳ kế hoạch: 01/01/2018 – 31/12/2018")).to_be_visible()
    assert re.search(r"[?&]plan=2018\b", page.url)
    before = overview_achieved(page, 8)
    assert (before[WORKERS_2018_SHORT], before[BRANDS_SHORT], before[MACHINERY_2018_SHORT]) == ("0", "5", "7")

    # Recording for 2018: the menu keeps the plan, the form is 2018's.
    go_to(page, "Ghi nhận kết quả", "Ghi nhận kết quả")
    assert re.search(r"[?&]plan=2018\b", page.url)
    who = sidebar(page).get_by_role("textbox", name="Người nhập (tên của bạn)")
    settled(page)  # the page's own run over: a name typed into a box still being redrawn is lost
    who.fill("Trần Thị Lan")
    after_run(page, lambda: who.press("Enter"))  # the name is kept by a rerun; the form comes after it
    expect(main(page).get_by_role("combobox", name="Chỉ tiêu hoặc số liệu")).to_have_value(WORKERS_2018_SHORT)
    expect(main(page).get_by_text("Mục tiêu: khoảng 24.000 lao động · đã đạt đến nay: 0")).to_be_visible()
    main(page).get_by_role("textbox", name="Số lượng (lao động)").fill("1200")
    main(page).get_by_test_id("stDateInput").first.get_by_role("spinbutton").first.click()
    page.keyboard.type("15042018")
    page.keyboard.press("Tab")
    main(page).get_by_role("combobox", name="Quận/huyện/thị xã").click()
    page.keyboard.type("Chương Mỹ")
    page.keyboard.press("Enter")
    main(page).get_by_role("button", name="Lưu bản ghi").click()
    expect(success(page).get_by_text(f"Đã lưu bản ghi #{earlier + 1}: 1.200 lao động ngày 15/04/2018.")).to_be_visible()
    expect(main(page).get_by_text("Mục tiêu: khoảng 24.000 lao động · đã đạt đến nay: 1.200")).to_be_visible()
    settled(page)

    # On the 2018 overview...
    go_to(page, "Tổng quan", "Tổng quan tiến độ")
    assert re.search(r"[?&]plan=2018\b", page.url)
    assert overview_achieved(page, 8)[WORKERS_2018_SHORT] == "1.200"
    # ...and not on 2017's, where the same target id still counts 2017's 21.000 alone.
    switch_plan(page, "2017", TITLE_2017)
    expect(main(page).get_by_text(f"{TITLE_2017} · Thời kỳ kế hoạch: 01/01/2017 – 31/12/2017")).to_be_visible()
    assert re.search(r"[?&]plan=2017\b", page.url)
    after = overview_achieved(page, 6)
    assert after[WORKERS_2017_SHORT] == "21.000"
    assert "1.200" not in after.values()

    # Year on year: both years' goal and achieved, the change of measure stated.
    go_to(page, "So sánh các năm", "So sánh các năm")
    years = read_table(grid(page, 8))  # four chains, two years each
    assert all("Đến 31/12" in row for row in years)  # both years over: compared at the year's end
    read = {(row["Chỉ tiêu"], row["Năm"]): (row["Mục tiêu"], row["Cả năm"]) for row in years}  # by short names
    assert read[("Đào tạo nghề cho lao động", "2017")] == ("khoảng 30.000 lao động", "21.000 (70%)")
    assert read[("Đào tạo nghề nông thôn", "2018")] == ("khoảng 24.000 lao động", "1.200 (5%)")
    assert read[("Thương hiệu làng nghề", "2017")] == ("10–15 làng nghề", "4 (40%)")
    assert read[("Thương hiệu làng nghề", "2018")] == ("10–12 làng nghề", "5 (50%)")
    assert read[("Dự án máy móc hiện đại", "2017")] == ("10 dự án", "3 (30%)")
    assert read[("Cơ sở có dự án máy móc", "2018")] == ("14 cơ sở (1)", "7 (50%)")  # (1): the measure changed
    # The change of measure written out under the table, numbered as the goal points to it.
    expect(main(page).get_by_text(MACHINERY_NOTE, exact=True)).to_be_visible()
    charts = main(page).locator(".js-plotly-plot")
    expect(charts).to_have_count(1)  # the chain chosen above it, the first: the workers trained
    workers_chart = charts.filter(has_text=WORKERS_2018)  # titled with the latest year's target
    expect(workers_chart).to_have_count(1)
    bars = workers_chart.locator(".bartext").all_text_contents()
    assert {"khoảng 30.000", "khoảng 24.000", "21.000", "1.200"} <= set(bars), bars
    picker = main(page).get_by_role("radiogroup")
    after_run(page, lambda: picker.get_by_text("Cơ sở có dự án máy móc (2017–2018)").click())
    machinery_chart = charts.filter(has_text=MACHINERY_2018)
    expect(machinery_chart).to_have_count(1)
    machinery_chart.scroll_into_view_if_needed()
    # The year whose measure changed is marked on its bar as in the table, the note under it.
    assert "2018 (1)" in machinery_chart.locator(".ytick text").all_text_contents()


def test_last_years_figure_on_a_2018_target_opens_the_2017_target(
    page: Page, dashboard_url: str, database_url: str
) -> None:
    seed(database_url)
    page.goto(f"{dashboard_url}/target?plan=2018&target=workers-trained&as_of=2018-06-30")
    expect(heading(page)).to_have_text("Chỉ tiêu và bản ghi")
    settled(page)
    expect(main(page).get_by_role("heading", name="Năm trước, cùng thời điểm")).to_be_visible()
    expect(main(page).get_by_text("2018, đến ngày 30/06/2018: 0 / khoảng 24.000 lao động (0%)")).to_be_visible()
    expect(
        main(page).get_by_text("2017, đến ngày 30/06/2017: 9.000 / khoảng 30.000 lao động (30%) · cả kỳ 21.000")
    ).to_be_visible()

    main(page).get_by_role("link", name="Mở chỉ tiêu năm 2017").click()
    expect(plan_switch(page)).to_have_value(f"2017 · {TITLE_2017}")
    settled(page)
    assert re.search(r"[?&]plan=2017\b", page.url) and "target=workers-trained" in page.url
    expect(main(page).get_by_role("combobox", name="Chỉ tiêu hoặc số liệu")).to_have_value(WORKERS_2017_SHORT)
    expect(main(page).get_by_text("Mục tiêu: khoảng 30.000 lao động · đã đạt đến nay: 9.000")).to_be_visible()
    expect(main(page).get_by_role("heading", name="Năm trước, cùng thời điểm")).to_have_count(0)  # 2017 is the first


@pytest.mark.parametrize(
    ("address", "label", "was", "figures"),
    [
        ("/?plan=2017", "Tính đến ngày", "31/12/2017", "Số liệu tính đến hết ngày 31/12/2018."),
        ("/target?plan=2017&target=workers-trained&as_of=2017-06-30", "Xem tiến độ tính đến ngày", "30/06/2017",
         "Kỳ kế hoạch đã kết thúc ngày 31/12/2018: đạt 0 / 24.000 (0%)."),
    ],
    ids=["overview", "target"],
)  # fmt: skip
def test_after_a_plan_switch_the_date_picker_shows_the_date_the_figures_are_at(
    page: Page, dashboard_url: str, database_url: str, address: str, label: str, was: str, figures: str
) -> None:
    seed(database_url)  # 2018 has figures: its overview shows the date they are at
    page.goto(f"{dashboard_url}{address}")
    expect(heading(page)).to_be_visible()
    settled(page)
    picker = main(page).get_by_test_id("stDateInput").filter(has_text=label)
    expect(picker).to_contain_text(was)
    switch_plan(page, "2018", TITLE_2018)
    assert "as_of=" not in page.url  # the address forgets the 2017 date...
    expect(main(page).get_by_text(figures)).to_be_visible()  # ...the figures are at the end of 2018...
    expect(picker).to_contain_text("31/12/2018", timeout=5_000)  # ...and so should the picker be


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


def test_the_years_table_shows_the_change_of_measure_on_a_laptop(
    page: Page, dashboard_url: str, database_url: str
) -> None:
    seed(database_url)
    page.set_viewport_size(LAPTOP)
    page.goto(f"{dashboard_url}/years?plan=2018")
    expect(heading(page)).to_have_text("So sánh các năm")
    settled(page)
    table = main(page).get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    expect(table.locator("[role='columnheader']").first).to_be_attached()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "laptop-years.png"))
    fit = table.evaluate(_FIT)
    # the last column in view; a change of measure is marked in the goal's cell (tests/e2e/test_years_browser.py)
    assert "Tình trạng cả năm" in fit["headers"], f"{fit['headers']} of {fit['columns']} columns"
    assert fit["scrolled"] <= fit["visible"], f"the table is {fit['scrolled']} px wide in {fit['visible']} px"
