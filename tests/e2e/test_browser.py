"""What a person sees and does in Chromium, against the real `streamlit run dashboard.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from playwright.sync_api import expect

from tests.e2e.waiting import after_run, settled, success
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page


def heading(page: Page) -> Any:
    return page.locator("h1").first


def test_an_empty_dashboard_lists_the_goals_and_says_what_to_do(page: Page) -> None:
    expect(heading(page)).to_have_text("Tổng quan tiến độ")
    expect(page.get_by_text("Chưa có kết quả nào được ghi nhận")).to_be_visible()
    expect(page.get_by_role("link", name="Ghi nhận kết quả đầu tiên")).to_be_visible()


def fill_entry_form(page: Page, quantity: str, day: str, district: str, person: str) -> None:
    """Type an entry as a person does: the quantity as text, the date digit by digit,
    the district picked from the list; the name in the sidebar first, confirmed with Enter."""
    who = page.get_by_role("textbox", name="Người nhập (tên của bạn)")
    settled(page)  # the page's own run over: a name typed into a box still being redrawn is lost
    who.fill(person)
    after_run(page, lambda: who.press("Enter"))  # the name is kept by a rerun; the form comes after it
    page.get_by_role("textbox", name="Số lượng (lao động)").fill(quantity)
    page.locator("[data-testid='stDateInput']").first.get_by_role("spinbutton").first.click()
    page.keyboard.type(day.replace("/", ""))
    page.keyboard.press("Tab")
    page.locator("[data-testid='stMain']").get_by_role("combobox").nth(1).click()  # not the sidebar's plan
    page.keyboard.type(district)
    page.keyboard.press("Enter")


def test_recording_an_entry_shows_on_the_overview_chart(page: Page) -> None:
    page.get_by_role("link", name="Ghi nhận kết quả đầu tiên").click()
    expect(heading(page)).to_have_text("Ghi nhận kết quả")
    fill_entry_form(page, "4500", "31/03/2017", "Chương Mỹ", "Trần Thị Lan")
    page.get_by_role("button", name="Lưu bản ghi").click()
    expect(success(page).get_by_text("Đã lưu bản ghi #1: 4.500 lao động ngày 31/03/2017.")).to_be_visible()
    expect(page.get_by_text("đã đạt đến nay: 4.500")).to_be_visible()

    page.get_by_role("link", name="Tổng quan").first.click()
    expect(heading(page)).to_have_text("Tổng quan tiến độ")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    expect(chart.get_by_text("15%", exact=True)).to_be_visible()  # 4.500 of 30.000


def test_a_vietnamese_thousands_separator_is_read_not_misread(page: Page, database_url: str) -> None:
    """A browser number box reads "30.000" as 30; the form reads it as Vietnamese writes
    it, thirty thousand, and refuses "30,000" (30 or thirty thousand?) with both readings."""
    expect(heading(page)).to_have_text("Tổng quan tiến độ")  # the first run is drawn: the menu link answers
    page.get_by_role("link", name="Ghi nhận kết quả").first.click()
    expect(heading(page)).to_have_text("Ghi nhận kết quả")
    fill_entry_form(page, "30,000", "30/06/2017", "Gia Lâm", "Trần Thị Lan")
    page.get_by_role("button", name="Lưu bản ghi").click()
    refusal = page.get_by_test_id("stAlertContentError")  # the message under the form (a toast may repeat it)
    expect(refusal.get_by_text("'30,000': 30 hay 30.000?")).to_be_visible()
    assert Ledger(database_url).count_entries() == 0

    settled(page)  # the refusal's run over: a box typed into while it is redrawn loses the text
    page.get_by_role("textbox", name="Số lượng (lao động)").fill("30.000")
    page.get_by_role("button", name="Lưu bản ghi").click()
    saved = page.get_by_test_id("stAlertContentSuccess")
    expect(saved.get_by_text("Đã lưu bản ghi #1: 30.000 lao động ngày 30/06/2017.")).to_be_visible()
    assert [row.quantity for row in Ledger(database_url).entries_of("workers-trained")] == [30000]


def test_switching_to_english_and_back(page: Page) -> None:
    page.get_by_text("English", exact=True).click()
    expect(heading(page)).to_have_text("Progress overview")
    page.get_by_role("link", name="Record progress").click()
    expect(heading(page)).to_have_text("Record progress")  # the choice survives a page change
    page.get_by_text("Tiếng Việt", exact=True).click()
    expect(heading(page)).to_have_text("Ghi nhận kết quả")


def test_a_shared_target_link_opens_that_target(page: Page, dashboard_url: str) -> None:
    page.goto(f"{dashboard_url}/target?target=fair-participants")
    expect(heading(page)).to_have_text("Chỉ tiêu và bản ghi")
    expect(page.get_by_text("Mục tiêu: 480 cơ sở, DN")).to_be_visible()
    expect(page.get_by_role("link", name="Tổng quan")).to_be_visible()  # the app's own menu, not file names


def test_downloading_the_excel_workbook(page: Page, database_url: str, plan: Plan, tmp_path: Path) -> None:
    store = Ledger(database_url)
    store.record(
        validate_entry(
            plan,
            target_id="workers-trained",
            quantity=12400,
            ref_date="2017-06-30",
            district="Thường Tín",
            entered_by="Trần Lan",
            note='=HYPERLINK("x")',
        )
    )
    page.reload()
    button = page.get_by_role("button", name="Excel (.xlsx): tổng quan và bản ghi")
    # Just after a reload the page may read "not running" before its first run has begun:
    # the button in view says the run has, then the run's end is waited for (a click on
    # a button the run is still drawing downloads nothing).
    expect(button).to_be_visible()
    settled(page)
    with page.expect_download() as download_info:
        button.click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.name.endswith(".xlsx")
    workbook = openpyxl.load_workbook(saved, read_only=True)
    assert workbook.sheetnames[:2] == ["Tổng quan", "Bản ghi"]
    rows = list(workbook["Bản ghi"].iter_rows(values_only=True))
    assert 12400 in rows[1]
    assert '\'=HYPERLINK("x")' in rows[1]  # a note that looks like a formula stays text


def test_from_the_overview_a_click_on_the_worst_target_opens_its_page(
    page: Page, database_url: str, dashboard_url: str, plan: Plan
) -> None:
    """The committee's path: the late target is on top; one click shows why, where and
    what is projected, at the date the overview showed."""
    store = Ledger(database_url)
    for target_id, quantity, day, district in (
        ("fair-participants", 20, "2017-03-01", "Thạch Thất"),  # far behind 480
        ("managers-trained", 60, "2017-05-20", None),  # ahead of the pace
    ):
        store.record(
            validate_entry(
                plan, target_id=target_id, quantity=quantity, ref_date=day, district=district, entered_by="Lan"
            )
        )
    page.goto(f"{dashboard_url}/?as_of=2017-06-30")
    expect(page.get_by_text("Số liệu tính đến hết ngày 30/06/2017.")).to_be_visible()
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    settled(page)  # plotly's first draw, and the run that read the address
    # the first bar with a length: the ones above it have nothing recorded at all
    order = chart.evaluate("plot => plot.data[0].customdata")
    assert order.index("fair-participants") < order.index("managers-trained")  # worst first
    worst = chart.locator(".barlayer .point path").nth(order.index("fair-participants"))  # the bar, not its label
    worst.scroll_into_view_if_needed()
    box = worst.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(heading(page)).to_have_text("Chỉ tiêu và bản ghi")
    assert "target=fair-participants" in page.url and "as_of=2017-06-30" in page.url
    expect(page.get_by_text("Theo tốc độ hiện nay, dự kiến đạt 40 / 480 (8,4%) vào 31/12/2017.")).to_be_visible()
    expect(page.get_by_text("1 / 30 quận, huyện, thị xã có báo cáo")).to_be_visible()
    expect(page.get_by_text(plan.target("fair-participants").source_text)).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(2)  # the pace and the districts; the periods in their tab


def test_the_tables_behind_a_target_pages_charts_show_when_asked(
    page: Page, database_url: str, dashboard_url: str, plan: Plan
) -> None:
    """The districts' table and the figures by month are drawn when their tab or expander
    is opened (a hidden chart or grid cost the browser as much as a shown one), and show
    the figures the charts draw."""
    store = Ledger(database_url)
    store.record(
        validate_entry(
            plan, target_id="fair-participants", quantity=20, ref_date="2017-03-01", district="Thạch Thất",
            entered_by="Lan",
        )
    )  # fmt: skip
    page.goto(f"{dashboard_url}/target?target=fair-participants&as_of=2017-06-30")
    expect(heading(page)).to_have_text("Chỉ tiêu và bản ghi")
    settled(page)
    main = page.get_by_test_id("stMain")
    expect(main.locator(".js-plotly-plot")).to_have_count(2)  # the pace, the districts
    expect(main.get_by_role("tab", name="Luỹ kế so với tiến độ cần đạt", exact=True)).to_have_attribute(
        "aria-selected", "true"
    )
    grids = main.get_by_test_id("stDataFrame")
    before = grids.count()  # the entries' grid; the two tables wait to be opened
    after_run(page, lambda: main.get_by_role("tab", name="Bảng", exact=True).click())
    # In the open tab: the entries' grid below names Thạch Thất too, once its rows are in
    # the page (when depends on how busy the machine is)
    districts = main.get_by_role("tabpanel").get_by_test_id("stDataFrame").filter(has_text="Thạch Thất")
    expect(districts).to_have_count(1)
    expect(main.locator(".js-plotly-plot")).to_have_count(1)  # the districts' chart behind its tab now
    after_run(page, lambda: main.get_by_role("tab", name="Theo từng kỳ", exact=True).click())
    expect(main.locator(".js-plotly-plot")).to_have_count(1)  # the periods' chart, in the pace line's place
    expect(main.locator(".js-plotly-plot").first.locator(".xtick text").first).to_have_text("T1")
    after_run(page, lambda: main.get_by_text("Bảng số liệu theo tháng").click())
    expect(main.get_by_test_id("stDataFrame")).to_have_count(before + 2)
    expect(main.get_by_test_id("stDataFrame").filter(has_text="T3/2017")).to_have_count(1)


def test_a_chosen_target_is_named_in_the_language_switched_to(page: Page, dashboard_url: str) -> None:
    page.goto(f"{dashboard_url}/target?target=workers-trained")
    picker = page.locator("[data-testid='stMain']").get_by_role("combobox").first
    expect(picker).to_have_value("Đào tạo nghề cho lao động")  # the short name; the title is written under it
    page.get_by_text("English", exact=True).click()
    expect(heading(page)).to_have_text("Targets and entries")
    expect(picker).to_have_value("Workers trained in a craft")  # not the label drawn before
