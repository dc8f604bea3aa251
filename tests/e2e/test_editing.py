"""Editing entries in the grid, in Chromium: a saved edit survives a reload, and two
people editing the same entry at once both keep their work."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.waiting import after_run, settled, success
from tests.helpers import record
from tracker.domain.plan import Plan
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
ROW_HEIGHT = 35  # st.data_editor's header and row height, in pixels
QUANTITY = 2  # the quantity column, counted from the first (#)


def seed(database_url: str, plan: Plan) -> None:
    rows = [("workers-trained", 450, "2017-03-31", "Chương Mỹ"), ("workers-trained", 300, "2017-04-30", "Ba Vì")]
    record(database_url, plan, *rows, by="Nguyễn An")


def open_target(page: Page, base_url: str, person: str) -> Any:
    page.goto(f"{base_url}/target?target=workers-trained")
    who = page.get_by_role("textbox", name="Người nhập (tên của bạn)")
    settled(page)  # the page's own run over: a name typed into a box still being redrawn is lost
    who.fill(person)
    after_run(page, lambda: who.press("Enter"))  # the name is kept by a rerun
    grid = entries_grid(page)
    expect(grid.locator("[role='gridcell']").first).to_have_text("2")  # newest date first: entry #2
    return grid


def entries_grid(page: Page) -> Any:
    """The entries grid: Streamlit marks a keyed element with the class st-key-<key>."""
    return page.locator("[class*='st-key-grid-'] [data-testid='stDataFrame']").first


def type_in_cell(page: Page, grid: Any, row: int, column: int, text: str) -> None:
    """Replace the text of a cell as a person does: select a cell of the row, Home to the
    row's first column (so a click that lands a column off does not matter), arrow right
    to the column, open the editor, type, Enter. After each key the person looks where the
    selection is before pressing the next one: a key pressed before the grid has taken the
    focus from the click goes nowhere (CI once lost the Home that way)."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 120, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)
    expect(grid.locator(f"[role='gridcell'][id$='-{row}']:focus")).to_have_count(1)
    page.keyboard.press("Home")
    expect(cell(grid, row, 0)).to_be_focused()
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    expect(cell(grid, row, column)).to_be_focused()
    page.keyboard.press("Enter")
    editor = page.locator(".gdg-input")  # the cell editor opens as an overlay
    expect(editor).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    expect(editor).to_have_value(text)
    after_run(page, lambda: page.keyboard.press("Enter"))  # a click while the edit travels would be lost


def cell(grid: Any, row: int, column: int) -> Any:
    """A cell of the grid's accessible table, which mirrors the canvas: glide numbers the
    columns from 1 (the row marker is 0), the rows from 0."""
    return grid.locator(f"#glide-cell-{column + 1}-{row}")


def cell_texts(grid: Any, count: int) -> list[str]:
    cells = grid.locator("[role='gridcell']")
    return [cells.nth(i).inner_text() for i in range(count)]


def test_an_edited_cell_is_saved_and_survives_a_reload(
    page: Page, dashboard_url: str, database_url: str, plan: Plan
) -> None:
    seed(database_url, plan)
    grid = open_target(page, dashboard_url, "Trần Lan")
    type_in_cell(page, grid, row=0, column=QUANTITY, text="350")
    page.get_by_role("button", name="Lưu tất cả thay đổi").click()
    expect(success(page).get_by_text("Đã lưu: 0 bản ghi mới, 1 bản ghi sửa, 0 bản ghi xoá.")).to_be_visible()
    expect(page.get_by_text("đã đạt đến nay: 800")).to_be_visible()  # 450 + 350

    page.reload()
    grid = entries_grid(page)
    expect(grid.locator("[role='gridcell']").nth(2)).to_have_text("350")
    [change] = [c for c in Ledger(database_url).changes() if c.action.value == "update"]
    assert (change.changed_by, change.before["quantity"], change.after["quantity"]) == ("Trần Lan", "300", "350")


def test_two_people_edit_the_same_entry_and_neither_loses_work(
    browser: Any, dashboard_url: str, database_url: str, plan: Plan
) -> None:
    seed(database_url, plan)
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1100}) for _ in range(2)]
    first, second = (context.new_page() for context in contexts)
    try:
        first_grid = open_target(first, dashboard_url, "Trần Lan")
        second_grid = open_target(second, dashboard_url, "Lê Bình")  # both see entry #2 at 300

        type_in_cell(first, first_grid, row=0, column=QUANTITY, text="350")
        first.get_by_role("button", name="Lưu tất cả thay đổi").click()
        expect(success(first).get_by_text("Đã lưu: 0 bản ghi mới, 1 bản ghi sửa, 0 bản ghi xoá.")).to_be_visible()

        type_in_cell(second, second_grid, row=0, column=QUANTITY, text="400")
        second.get_by_role("button", name="Lưu tất cả thay đổi").click()
        expect(second.get_by_text("Chưa lưu gì: 1 bản ghi đã được người khác thay đổi")).to_be_visible()
        conflict = second.locator("[data-testid='stDataFrame']").last
        expect(conflict.locator("[role='gridcell']").nth(3)).to_contain_text("350")  # the current value
        expect(conflict.locator("[role='gridcell']").nth(4)).to_contain_text("400")  # and theirs, kept
        assert Ledger(database_url).entry(2).quantity == 350  # the first person's save stands
        second.screenshot(path=str(SCREENSHOTS / "conflict.png"), full_page=True)

        second.get_by_role("button", name="Áp dụng thay đổi của tôi lên giá trị hiện tại").click()
        expect(success(second).get_by_text("Đã lưu: 0 bản ghi mới, 1 bản ghi sửa, 0 bản ghi xoá.")).to_be_visible()
        updates = [c for c in Ledger(database_url).changes(newest_first=False) if c.action.value == "update"]
        assert [(c.changed_by, c.before["quantity"], c.after["quantity"]) for c in updates] == [
            ("Trần Lan", "300", "350"),
            ("Lê Bình", "350", "400"),
        ]
    finally:
        for context in contexts:
            context.close()
