"""The meeting report in Chromium: opened from disk with the network cut off, its charts
drawn, printed to an A4 PDF; and downloaded from the overview page of the running app."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.present.test_report import seed
from tracker.domain.plan import Plan
from tracker.i18n import Lang
from tracker.present.report import report_filename, report_html
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
AS_OF = dt.date(2017, 6, 30)
A4_CONTENT_PX = 688  # 210 mm less 2 × 14 mm of margin, at 96 px per inch


@pytest.fixture
def offline_tab(browser: Any) -> Iterator[tuple[Page, list[str]]]:
    """A tab that may read local files only: every other request is recorded and refused."""
    context = browser.new_context(viewport={"width": 1000, "height": 1300})
    tab = context.new_page()
    refused: list[str] = []
    errors: list[str] = []

    def only_files(route: Any) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    tab.route("**/*", only_files)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab, refused
    context.close()
    assert errors == []  # plotly and the page ran without a script error


def pdf_pages(pdf: bytes) -> int:
    """Chromium writes one uncompressed /Type /Page dictionary per page."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_report_opens_offline_draws_its_charts_and_prints_on_a4(
    offline_tab: tuple[Page, list[str]], plan: Plan, ledger: Ledger, tmp_path: Path, lang: Lang
) -> None:
    seed(plan, ledger)
    report = tmp_path / report_filename(plan, AS_OF, lang)
    report.write_text(report_html(plan, ledger, AS_OF, lang), encoding="utf-8")
    tab, refused = offline_tab

    tab.goto(report.as_uri())
    charts = int(tab.locator("body").get_attribute("data-charts"))
    assert charts == len(plan.targets) + 1
    # plotly marks each div it has drawn; every one of them is drawn, traces and all
    expect(tab.locator(".js-plotly-plot")).to_have_count(charts)
    drawn = tab.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".filter(div => div._fullLayout && div.querySelector('svg.main-svg .cartesianlayer .trace')).length"
    )
    assert drawn == charts
    assert tab.locator(".js-plotly-plot svg.main-svg").count() >= charts
    widths = tab.evaluate("() => [...document.querySelectorAll('svg.main-svg')].map(svg => svg.clientWidth)")
    assert max(widths) <= A4_CONTENT_PX
    heading = "Số liệu tính đến hết ngày 30/06/2017" if lang == "vi" else "Figures up to and including 30/06/2017"
    expect(tab.locator(".as-of")).to_have_text(heading)

    # printed: the page at the width of an A4 sheet's text column has nothing sticking out
    tab.emulate_media(media="print")
    tab.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= A4_CONTENT_PX
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"report-print-{lang}.png"), full_page=True)
    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert 4 <= pdf_pages(pdf) <= 16  # a title page, about one page per target, the tasks
    (SCREENSHOTS / f"report-{lang}.pdf").write_bytes(pdf)

    assert refused == []


def test_the_overview_page_downloads_the_report(page: Page, plan: Plan, ledger: Ledger, tmp_path: Path) -> None:
    """The button on the running app builds the file when pressed and hands it over."""
    seed(plan, ledger)
    page.goto(f"{page.url.split('?')[0]}?as_of=2017-06-30")
    button = page.get_by_role("button", name="Tải báo cáo họp (HTML)")
    expect(button).to_be_visible()
    with page.expect_download(timeout=60_000) as caught:
        button.click()
    download = caught.value
    assert download.suggested_filename == "hanoi-craft-villages-2017-report-2017-06-30-vi.html"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert "13.800 lao động" in text and "Số liệu tính đến hết ngày 30/06/2017" in text
