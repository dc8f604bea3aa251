"""What Chromium shows of an address's value the plan file does not hold: `?plan=%E2%80%AE8102`
would read "2018" (a right-to-left override turns the digits round), `%00` is a NUL. The
sidebar's warning shows each hidden character written out, and the page holds none."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.waiting import settled

Page = Any  # playwright.sync_api.Page

WARNING = "Địa chỉ nêu kế hoạch '{plan}', không có trong tệp kế hoạch; đang hiện kế hoạch mặc định."


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [("%E2%80%AE8102", "⟨U+202E⟩8102", "\u202e"), ("%00", "⟨U+0000⟩", "\x00")],
    ids=["right-to-left override", "NUL"],
)
def test_an_unknown_plan_in_the_address_is_shown_with_its_hidden_character_written_out(
    page: Page, dashboard_url: str, query: str, shown: str, hidden: str
) -> None:
    page.goto(f"{dashboard_url}/?plan={query}")
    settled(page)
    warning = page.locator("[data-testid='stSidebar'] [data-testid='stAlertContainer']").filter(
        has_text="Địa chỉ nêu kế hoạch"
    )
    expect(warning).to_have_text(WARNING.format(plan=shown))
    assert hidden not in page.locator("body").inner_text()
    expect(page.locator("h1").first).to_have_text("Tổng quan tiến độ")  # the default plan, shown as usual
