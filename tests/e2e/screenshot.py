"""Make the README's screenshots (docs/overview.png, target.png, import.png) from the same
fixture as the browser tests: a fresh dashboard, a few entries as staff would record them,
the overview, a target, and a district's report previewed before it is imported.

    python -m tests.e2e.screenshot
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from playwright.sync_api import sync_playwright

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, PROJECT_ROOT, running_dashboard
from tests.e2e.waiting import a_run, settled
from tracker.domain.plan import load_plan
from tracker.domain.reports import periods_of
from tracker.present.template import template_rows, template_xlsx

# (target, quantity, date, district): a plausible mid-year ledger
SAMPLE_ENTRIES = [
    ("workers-trained", "4200", "2017-03-31", "Chương Mỹ"),
    ("workers-trained", "3800", "2017-04-28", "Thường Tín"),
    ("workers-trained", "5100", "2017-06-15", "Phú Xuyên"),
    ("managers-trained", "60", "2017-05-20", ""),
    ("village-brands", "4", "2017-06-01", "Gia Lâm"),
    ("collective-trademarks", "5", "2017-05-10", ""),
    ("fair-participants", "95", "2017-04-12", "Thạch Thất"),
    ("machinery-projects", "1", "2017-06-20", "Hoài Đức"),
]
TARGET_SHOT = PROJECT_ROOT / "docs" / "target.png"
IMPORT_SHOT = PROJECT_ROOT / "docs" / "import.png"
LAPTOP = {"width": 1366, "height": 768}
AS_OF = "30/06/2017"
AS_OF_ISO = "2017-06-30"


def main(out: Path = PROJECT_ROOT / "docs" / "overview.png") -> None:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        database = f"sqlite:///{workdir / 'app' / 'tracker.db'}"
        with running_dashboard(workdir / "app", database) as url:
            env_run = [sys.executable, "-m", "tracker", "record"]
            for target, quantity, day, district in SAMPLE_ENTRIES:
                subprocess.run(
                    [*env_run, target, quantity, "--date", day, "--district", district, "--by", "Sở Công Thương"],
                    check=True,
                    cwd=PROJECT_ROOT,
                    capture_output=True,
                    env={
                        "TRACKER_DATABASE_URL": database,
                        "TRACKER_TARGETS": str(workdir / "app" / "targets.yaml"),
                        "PATH": "/usr/bin:/bin",
                    },
                )
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport=LAPTOP)  # what a laptop at the Department shows, no scrolling
                page.goto(f"{url}/?as_of={AS_OF_ISO}")
                page.get_by_text(f"Số liệu tính đến hết ngày {AS_OF}.").wait_for()
                page.locator(".js-plotly-plot").first.wait_for()
                settled(page)  # plotly's first draw included
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
                page.goto(f"{url}/target?target=workers-trained&as_of={AS_OF_ISO}")
                page.get_by_text("Theo tốc độ hiện nay, dự kiến đạt").wait_for()
                settled(page)
                page.screenshot(path=str(TARGET_SHOT))
                report = district_report(workdir / "bao-cao-chuong-my-quy-2.xlsx")
                page.goto(f"{url}/imports")
                settled(page)
                with a_run(page):
                    page.locator("input[type='file']").set_input_files(str(report))
                preview = page.get_by_role("heading", name="Xem trước", exact=True)
                preview.evaluate("heading => heading.scrollIntoView({block: 'start'})")  # as a person scrolls to it
                settled(page)
                page.screenshot(path=str(IMPORT_SHOT))
                browser.close()
    print(out, TARGET_SHOT, IMPORT_SHOT)


def district_report(path: Path) -> Path:
    """Chương Mỹ's report for March to June, as the district fills the template: March's
    workers corrected (4200 → 4350), the other months new, one district name mistyped."""
    plan = load_plan(PROJECT_ROOT / "targets.yaml")
    rows = template_rows(plan, ["Chương Mỹ"], periods_of(plan.period)[2:6])
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(plan, rows)))
    sheet = workbook["Số liệu"]
    figures = {2: 4350, 3: 1200, 4: 950, 5: 1100, 6: 12, 7: 15, 9: 14, 18: 20, 19: 25, 20: 18, 21: 30, 23: 1}
    for row, value in figures.items():
        sheet.cell(row, 5).value = value
    sheet.cell(21, 1).value = "Chuong Mi"
    workbook.save(path)
    return path


if __name__ == "__main__":
    main()
