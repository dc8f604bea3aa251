"""What a person sees and does in Chromium, against the real `streamlit run dashboard.py`."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

Page = Any  # playwright.sync_api.Page


def heading(page: Page) -> Any:
    return page.locator("h1").first


def test_an_empty_dashboard_lists_the_goals_and_says_what_to_do(page: Page) -> None:
    expect(heading(page)).to_have_text("Tổng quan tiến độ")
    expect(page.get_by_text("Chưa có kết quả nào được ghi nhận")).to_be_visible()
    expect(page.get_by_role("link", name="Ghi nhận kết quả đầu tiên")).to_be_visible()


def test_recording_an_entry_shows_on_the_overview_chart(page: Page) -> None:
    page.get_by_role("link", name="Ghi nhận kết quả đầu tiên").click()
    expect(heading(page)).to_have_text("Ghi nhận kết quả")
    page.get_by_role("spinbutton", name="Số lượng (lao động)").fill("4500")
    page.get_by_role("textbox", name="Người nhập (tên của bạn)").fill("Trần Thị Lan")
    page.get_by_role("button", name="Lưu bản ghi").click()
    expect(page.get_by_text("Đã lưu bản ghi #1: 4.500 lao động ngày 31/12/2017.")).to_be_visible()
    expect(page.get_by_text("đã đạt đến nay: 4.500")).to_be_visible()

    page.get_by_role("link", name="Tổng quan").first.click()
    expect(heading(page)).to_have_text("Tổng quan tiến độ")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    expect(chart.get_by_text("15%", exact=True)).to_be_visible()  # 4.500 of 30.000


def test_switching_to_english_and_back(page: Page) -> None:
    page.get_by_text("English", exact=True).click()
    expect(heading(page)).to_have_text("Progress overview")
    page.get_by_role("link", name="Record progress").click()
    expect(heading(page)).to_have_text("Record progress")  # the choice survives a page change
    page.get_by_text("Tiếng Việt", exact=True).click()
    expect(heading(page)).to_have_text("Ghi nhận kết quả")
