"""The plan file in a real browser: edited while the app runs, it shows on the next load;
broken, its error page names the file and the line; and whatever its words hold, the
browser shows them as written and fetches nothing they name."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.app.test_plan_file_app import HOSTILE, WORKERS_SHORT, hostile_plan
from tests.e2e.server import PROJECT_ROOT, dashboard_process
from tests.e2e.test_browser import heading

Page = Any  # playwright.sync_api.Page


def test_editing_the_plan_file_while_the_app_runs_shows_on_the_next_load(browser: Any, tmp_path: Path) -> None:
    targets = tmp_path / "targets.yaml"
    shutil.copy(PROJECT_ROOT / "targets.yaml", targets)
    with dashboard_process(tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", targets) as (url, _):
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_text(WORKERS_SHORT, exact=True)).to_be_attached()  # a cell of the goals' table

        text = targets.read_text(encoding="utf-8")
        targets.write_text(text.replace(f'vi: "{WORKERS_SHORT}"', 'vi: "Lao động được đào tạo nghề"'), encoding="utf-8")
        page.reload()
        expect(page.get_by_text("Lao động được đào tạo nghề", exact=True)).to_be_attached()
        expect(page.get_by_text(WORKERS_SHORT, exact=True)).to_have_count(0)

        targets.write_text(text.replace("period: {start: 2017-01-01", "period: {start: 2017-13-01"), encoding="utf-8")
        page.reload()
        expect(heading(page)).to_have_text("Không đọc được tệp kế hoạch")
        line = text[: text.index("period: {start: 2017-01-01")].count("\n") + 1
        expect(page.get_by_text(f"{targets}:{line}: plans[0].period.start")).to_be_visible()
        context.close()


def test_the_plans_words_are_shown_as_written_and_fetch_nothing(browser: Any, tmp_path: Path) -> None:
    plan_file = hostile_plan(tmp_path)
    with dashboard_process(tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", plan_file) as (url, _):
        context = browser.new_context(locale="vi-VN")
        elsewhere: list[str] = []
        context.route(
            "**/*",
            lambda route: (elsewhere.append(route.request.url), route.abort())
            if not route.request.url.startswith(url.replace("http", "ws", 1)) and not route.request.url.startswith(url)
            else route.continue_(),
        )
        page = context.new_page()
        for path, title in (
            ("/", "Tổng quan tiến độ"),
            ("/record?target=workers-trained", "Ghi nhận kết quả"),
            ("/target?target=workers-trained&as_of=2017-06-30", "Chỉ tiêu và bản ghi"),
            ("/tasks", "Nhiệm vụ định tính"),
        ):
            page.goto(f"{url}{path}")
            expect(heading(page)).to_have_text(title)
            written = page.get_by_text("[bấm vào đây](http").filter(visible=True)
            expect(written.first).to_be_visible()  # as written, outside tables too
            expect(page.locator("a[href*='evil.example']")).to_have_count(0)
            expect(page.locator("img[src*='127.0.0.1:9']")).to_have_count(0)
        assert not [request for request in elsewhere if "evil.example" in request or "127.0.0.1:9/" in request]
        assert HOSTILE.startswith("[bấm vào đây]")
        context.close()
