"""Feedback where the eye is (issue 18.8, 18.9), in Chromium on the common office laptop
(1366×768): after a grid save and after a revert, pressed low on a long page, the outcome
is in view without scrolling, and the revert's button is disabled; the import's column
panel shows the second file's headers after a second upload, and "Quận/huyện" and
"Huyện/thị xã" are proposed as the district.

The app has no user yet and the browser is at the server itself, so the person types
their name in the sidebar, as on a fresh install. One dashboard serves the module.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.server import running_dashboard
from tests.e2e.test_editing import QUANTITY, entries_grid, type_in_cell
from tests.e2e.test_plans_browser import main, sidebar
from tests.e2e.waiting import after_run, settled
from tests.helpers import record
from tracker.domain.plan import Plan
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
Locator = Any  # playwright.sync_api.Locator
LAPTOP = {"width": 1366, "height": 768}
PERSON = "Trần Thị Lan"
WORKERS = "workers-trained"
DISTRICTS = ("Chương Mỹ", "Ba Vì", "Sóc Sơn", "Đông Anh", "Gia Lâm", "Thường Tín", "Phú Xuyên", "Ứng Hòa")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> Iterator[tuple[str, str]]:
    """One dashboard for the module, its ledger seeded with a few months of reports (a
    history long enough that the revert button sits below the fold)."""
    folder = tmp_path_factory.mktemp("feedback") / "app"
    folder.mkdir()
    url = f"sqlite:///{folder / 'tracker.db'}"
    rows = [(WORKERS, 100 + n, f"2017-{n % 6 + 1:02d}-28", DISTRICTS[n % len(DISTRICTS)]) for n in range(14)]
    record(url, plan, *rows, by="Nguyễn An")
    with running_dashboard(folder, url) as address:
        yield address, url


@pytest.fixture
def laptop(browser: Any, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"))  # what the person sees
    context.close()


def open_as_person(page: Page, address: str) -> None:
    page.goto(address)
    expect(page.locator("h1").first).to_be_visible()
    settled(page)
    who = sidebar(page).get_by_role("textbox", name="Người nhập (tên của bạn)")
    who.fill(PERSON)
    after_run(page, lambda: who.press("Enter"))  # the name is kept by a rerun


def in_view(page: Page, element: Locator) -> bool:
    """Whether the whole of ``element`` is inside the window as it is scrolled now."""
    box = element.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def alert(page: Page, text: str) -> Locator:
    """The message drawn on the page (not the toast that repeats it)."""
    return main(page).get_by_test_id("stAlert").filter(has_text=text)


def toast(page: Page, text: str) -> Locator:
    return page.get_by_test_id("stToast").filter(has_text=text)


def test_a_grid_save_is_said_where_the_save_button_is(laptop: Page, served: tuple[str, str]) -> None:
    address, url = served
    open_as_person(laptop, f"{address}/target?target={WORKERS}")
    grid = entries_grid(laptop)
    expect(grid.locator("[role='gridcell']").first).to_be_attached()
    type_in_cell(laptop, grid, row=0, column=QUANTITY, text="350")
    save = main(laptop).get_by_role("button", name="Lưu tất cả thay đổi")
    save.scroll_into_view_if_needed()
    after_run(laptop, save.click)
    said = "Đã lưu: 0 bản ghi mới, 1 bản ghi sửa, 0 bản ghi xoá."
    expect(alert(laptop, said)).to_be_visible()
    expect(toast(laptop, said)).to_be_visible()
    assert in_view(laptop, alert(laptop, said)), "the outcome is said out of sight"
    assert 350 in [entry.quantity for entry in Ledger(url).entries_of(WORKERS)]


def test_a_revert_is_said_where_its_button_is_and_the_button_is_disabled(laptop: Page, served: tuple[str, str]) -> None:
    address, url = served
    open_as_person(laptop, f"{address}/history")
    revert = main(laptop).get_by_role("button", name="Hoàn tác thay đổi #")
    expect(revert).to_have_count(1)
    assert not in_view(laptop, revert), "the button is expected below the fold at 768 px"
    revert.scroll_into_view_if_needed()
    label = revert.inner_text()
    change_id = int(label.rsplit("#", 1)[1])
    after_run(laptop, revert.click)
    said = f"Đã hoàn tác thay đổi #{change_id} (thay đổi mới #"
    expect(alert(laptop, said)).to_be_visible()
    expect(toast(laptop, said)).to_be_visible()
    assert in_view(laptop, alert(laptop, said)), "the outcome is said out of sight"
    done = main(laptop).get_by_role("button", name="Đã hoàn tác (thay đổi #")
    expect(done).to_be_disabled()
    assert in_view(laptop, done)
    reverts = [c for c in Ledger(url).changes() if c.reverts_change_id == change_id]
    assert len(reverts) == 1


def column_panel(page: Page) -> Locator:
    """The import's column panel, opened."""
    panel = main(page).get_by_test_id("stExpander").filter(has_text="Các cột của tệp")
    details = panel.get_by_test_id("stExpanderDetails")
    if details.get_attribute("inert") is not None:
        panel.get_by_text("Các cột của tệp").click()
        expect(details).not_to_have_attribute("inert", "")
    return panel


def chosen_column(panel: Locator, field: str) -> Locator:
    """The box of ``field`` in the panel; its value is the column chosen, as shown."""
    return panel.get_by_role("combobox", name=field, exact=True)


def report(path: Path, header: str, row: str) -> Path:
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


def upload(page: Page, path: Path) -> None:
    chooser = main(page).locator("input[type='file']")
    after_run(page, lambda: chooser.set_input_files(str(path)))


def test_the_column_panel_shows_the_second_file_s_headers(
    laptop: Page, served: tuple[str, str], tmp_path: Path
) -> None:
    address, _ = served
    title = '"Đào tạo nghề, truyền nghề cho lao động"'
    first = report(tmp_path / "thang-3.csv", "Quận/huyện,Mục tiêu,Kỳ báo cáo,Số lượng", f"Chương Mỹ,{title},2017-03,40")
    second = report(
        tmp_path / "thang-4.csv", "Ghi chú,Huyện/thị xã,Chỉ tiêu,Tháng,Kết quả", f"tốt,Ba Vì,{title},2017-04,30"
    )
    open_as_person(laptop, f"{address}/imports")
    upload(laptop, first)
    panel = column_panel(laptop)
    expect(chosen_column(panel, "Quận/huyện")).to_have_value("Quận/huyện")  # proposed as the district
    expect(chosen_column(panel, "Kỳ báo cáo")).to_have_value("Kỳ báo cáo")

    upload(laptop, second)
    expect(main(laptop).get_by_text("thang-4.csv ·")).to_be_visible()
    panel = column_panel(laptop)
    expect(chosen_column(panel, "Quận/huyện")).to_have_value("Huyện/thị xã")
    expect(chosen_column(panel, "Số lượng")).to_have_value("Kết quả")
    expect(chosen_column(panel, "Mục tiêu")).to_have_value("Chỉ tiêu")
    expect(chosen_column(panel, "Kỳ báo cáo")).to_have_value("Tháng")  # nothing of the first file is left
