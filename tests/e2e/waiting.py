"""Waiting in the browser as a person waits: until the app has finished what it was doing
and nothing on the page is still loading. Never for a fixed time: on a busy two-core
machine a run takes as long as it takes, and every wait here ends when it is over.

Streamlit marks its root element with the state of the script run
(``data-test-script-state``: notRunning, rerunRequested, running, ...) and every
element a run has not redrawn yet with ``data-stale="true"``; these waits read those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Page = Any  # playwright.sync_api.Page

APP = "[data-testid='stApp']"
IDLE = f"{APP}[data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']"

# Every chart drawn by plotly (its SVG in place), no element left over from before the
# run, no placeholder still waiting for its element.
_NOTHING_LOADING = """() =>
  [...document.querySelectorAll('.js-plotly-plot')].every(plot => plot._fullLayout && plot.querySelector('.main-svg'))
  && !document.querySelector("[data-stale='true'], [data-testid='stSkeleton']")"""

# Counts changes of the script's state from now on: the page sets "rerunRequested" the
# moment a widget changes, so a run that is over before anyone looks is still counted.
# The whole document is watched, not the root element found now: after a lost connection
# the app may draw a new root, whose runs the old one's watch would never see.
_WATCH_RUNS = """() => {
  window.__trackerRunWatch?.disconnect();
  window.__trackerRuns = 0;
  window.__trackerRunWatch = new MutationObserver(records => { window.__trackerRuns += records.length; });
  const watched = {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']};
  window.__trackerRunWatch.observe(document, watched);
}"""


def settled(page: Page) -> None:
    """Connected, the script not running, and everything it drew in place."""
    page.wait_for_selector(IDLE)
    page.wait_for_function(_NOTHING_LOADING)


@contextmanager
def a_run(page: Page) -> Iterator[None]:
    """Around an action that makes the app run again (a widget changed, a button pressed):
    afterwards, wait until that run has begun and ended and the page has settled."""
    settled(page)
    page.evaluate(_WATCH_RUNS)
    yield
    page.wait_for_function("() => window.__trackerRuns > 0")
    settled(page)


def after_run(page: Page, action: Callable[[], object]) -> None:
    """``action()``, then wait for the run it caused to end."""
    with a_run(page):
        action()


def success(page: Page) -> Any:
    """The success messages the page draws where the outcome is said. A toast repeats
    the same words for a few seconds: a check reads the page's own message, which stays,
    not the toast, which may or may not still be there when it looks."""
    return page.get_by_test_id("stAlertContentSuccess")
