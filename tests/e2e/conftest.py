"""Real-browser fixtures: Debian's Chromium driven by Playwright, against `streamlit run`.

Playwright's own browser download does not work here, so the tests use /usr/bin/chromium
(apt-get install -y chromium). Without it they skip locally, saying how to install it;
in CI (CI=true) a missing Chromium is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, PROJECT_ROOT, running_dashboard
from tests.e2e.waiting import settled

SCREENSHOTS = PROJECT_ROOT / "test-output" / "e2e"
# A page of this app may take a few seconds to draw on a loaded 2-core CI machine.
expect.set_options(timeout=15_000)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The fresh database the dashboard under test uses; tests may seed it directly. Its
    folder exists, as the operator makes it: the app creates no folder but data/."""
    (tmp_path / "app").mkdir(exist_ok=True)
    return f"sqlite:///{tmp_path / 'app' / 'tracker.db'}"


@pytest.fixture
def dashboard_url(tmp_path: Path, database_url: str) -> Iterator[str]:
    with running_dashboard(tmp_path / "app", database_url) as url:
        yield url


@pytest.fixture
def page(browser: object, dashboard_url: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser tab on the dashboard; a screenshot of it is saved after the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="vi-VN")  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(dashboard_url)
    expect(tab.locator("h1").first).to_be_visible()
    settled(tab)  # the first run is drawn before anyone clicks
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
