"""Clicks in Chromium against `streamlit run dashboard.py`: from the click to the page
settled, the first load in a new browser, and the memory of one app process with ten
browser sessions open.

Not part of the test suite (tests/e2e/test_bench_clicks.py runs it tiny). From the
project root, in the project's venv::

    python bench/clicks.py [--sizes realistic,1000000] [--backends sqlite,postgresql]
                           [--clicks 20] [--first-loads 5] [--sessions 10] [--out BENCHMARKS.md]

For each backend and size, in its own database (bench/ledgers.py): the ten synthetic
yearly plans 2017–2026 (ten summed targets each), and either the realistic ledger (ten
years of monthly reports from the 30 districts, 36.000 entries) or a ledger of ``size``
entries (the realistic one, and the rest of the size in the plan the app opens with,
2026: the year in progress holds most of it). The app runs as `streamlit run
dashboard.py` through bench/timed_server.py, which logs how long each script run took on
the server, so each click's time splits into the page's Python and the rest (the
websocket, the browser drawing).

Headless Chromium (Playwright, /usr/bin/chromium) then, in one browser session that typed
its name as a person does on a fresh install, times ``--clicks`` clicks of each
interaction, from just before the click to the page settled: connected, the script not
running, no element stale, no skeleton, every chart drawn, as the suite waits
(tests/e2e/waiting.py: its conditions, run here through Playwright's async API). Each
click proves its subject afterwards, against the facts of the ledger built (not the
app's own reading of it) and the bench's own writes, and the run fails loudly otherwise:

- *open a target*: a bar of the overview's chart clicked; the target's page shows its
  short name and its achieved figure;
- *as-of date*: a date typed into the overview's picker; the caption says it and the
  table shows every target's figure at that date;
- *switch plan*: another year chosen in the sidebar; its title, and its figures;
- *year on year*: the menu's link; each row read shows the year's whole figure;
- *history*: the menu's link (after the saves below); the newest change is the one the
  database holds;
- *save a form entry*: "Lưu bản ghi" on a filled form; the entry saved is said and
  counted, and is in the database;
- *save a grid edit*: a quantity typed into the target page's grid, then "Lưu tất cả
  thay đổi"; the page says one edit was saved and counts it;
- *import preview*: a 2.000-row CSV chosen in the import page's uploader (two files in
  turn); the preview counts 2.000 new rows.

Then ``--first-loads`` loads of the overview, each in a new browser context (no cache, no
cookie), with what the time is made of (the HTML, Streamlit's static JS/CSS, the websocket,
the first script run on the server, the drawing after it); and, on a fresh app process,
``--sessions`` browser sessions opened one after the other on the overview, a target page
and the year-on-year page, kept open: the process's peak RSS (VmHWM).

It writes its section, ``## Clicks in Chromium (bench/clicks.py)``, into ``--out``
(replaced in place, other sections untouched), and ``--json`` if asked.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for folder in (str(ROOT), str(BENCH)):
    if folder not in sys.path:
        sys.path.insert(0, folder)

import ledgers  # noqa: E402
from sqlalchemy import create_engine, desc, select  # noqa: E402

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402
from tests.e2e.waiting import _NOTHING_LOADING, _WATCH_RUNS, IDLE  # noqa: E402
from tracker.domain.clock import hanoi_today  # noqa: E402
from tracker.domain.districts import district_names  # noqa: E402
from tracker.domain.plan import Aggregation, Plan, PlanSet, Target, read_plans  # noqa: E402
from tracker.domain.progress import default_as_of  # noqa: E402
from tracker.i18n import format_date, format_number, t  # noqa: E402
from tracker.storage.ledger import entries, entry_changes  # noqa: E402

HEADING = "## Clicks in Chromium (bench/clicks.py)"
REALISTIC = "realistic"
PERSON = "Bench Chromium"
VIEWPORT = {"width": 1400, "height": 1100}
# A page of a million entries on a busy 2-core machine: slow is measured, not failed.
TIMEOUT_MS = int(os.environ.get("BENCH_CLICK_TIMEOUT_MS", "120000"))
IMPORT_ROWS = 2_000
WIDE_BAR_PX = 40  # narrower, the pointer finds the expected-by-now marker beside the bar
GOALS = {REALISTIC: {"median_s": 0.5, "p95_s": 1.0}, "large": {"p95_s": 1.5}, "rss_mb": 400.0}
INTERACTIONS = (
    ("open_target", "open a target from the overview"),
    ("as_of", "change the as-of date"),
    ("switch_plan", "switch plan"),
    ("years", "open the year-on-year page"),
    ("save_form", "save a form entry"),
    ("save_grid", "save a grid edit"),
    ("history", "open the history"),
    ("import_preview", "preview a 2.000-row import"),
)
STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f}s] {message}", flush=True)


class ProofError(AssertionError):
    """The page a click reached does not show what the ledger says it must."""


# --- results -----------------------------------------------------------------------------


@dataclass
class Click:
    seconds: float  # from just before the click to the page settled
    server_s: float  # the script runs the server logged within that time
    drawing_s: float  # from the end of the last of those runs to the page settled
    proof_wait_s: float  # how long the proof still had to wait once the page had settled
    proof: str  # what the page showed that proves its subject


@dataclass
class FirstLoad:
    seconds: float  # navigation start to settled
    html_s: float  # the document's response end
    static_s: float  # the last of Streamlit's static JS/CSS loaded
    static_files: int
    static_kb: float
    socket_open_s: float  # the websocket opened
    run_start_s: float  # the first script run began (as the page saw it)
    run_end_s: float  # ... and ended
    server_s: float  # the session's script runs, as the server timed them


@dataclass
class Memory:
    sessions: int
    hwm_mb: float  # VmHWM once every session is open and settled
    rss_mb: float  # VmRSS then
    before_mb: float  # VmRSS of the process before any browser connected


@dataclass
class Run:
    backend: str
    size: str
    entries: int
    load_s: float
    clicks: dict[str, list[Click]] = field(default_factory=dict)
    first_loads: list[FirstLoad] = field(default_factory=list)
    memory: Memory | None = None
    load_average: str = ""
    notes: list[str] = field(default_factory=list)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: of 20 clicks, p95 is the 19th fastest."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- ledgers ------------------------------------------------------------------------------


@dataclass
class Ledger:
    """A ledger built for one run, what it must read as, and the bench's own writes.

    Writes are noted before they are made (``writing``) and confirmed once proved: a page
    read while another session saves may show the figure before or after each of those
    writes, and ``figures`` lists every such figure, in order."""

    url: str
    targets: Path
    plans: PlanSet
    facts: ledgers.Facts
    writes: dict[tuple[str, str], list[tuple[dt.date, Decimal]]] = field(default_factory=dict)
    pending: dict[tuple[str, str], list[tuple[dt.date, Decimal]]] = field(default_factory=dict)

    def total(self, plan: Plan, target_id: str, as_of: dt.date | None) -> Decimal:
        """The achieved figure the page must show: the facts, and what the bench changed."""
        return self.figures(plan, target_id, as_of, self.done(plan, target_id), pending=False)[-1]

    def done(self, plan: Plan, target_id: str) -> int:
        return len(self.writes.get((plan.id, target_id), []))

    def figures(
        self, plan: Plan, target_id: str, as_of: dt.date | None, since: int, pending: bool = True
    ) -> list[Decimal]:
        """The achieved figures a page may show that read the ledger after the first
        ``since`` writes of the bench were made, and, if ``pending``, before any write
        still being made ends."""
        key = (plan.id, target_id)
        changes = [*self.writes.get(key, []), *(self.pending.get(key, []) if pending else [])]
        figure = self.facts.total(plan.id, target_id, as_of)
        seen = []
        for count, (day, change) in enumerate([(None, Decimal(0)), *changes]):
            if count and day is not None and (as_of is None or day <= as_of):
                figure += change
            if count >= since:
                seen.append(figure)
        return seen

    def writing(self, plan: Plan, target_id: str, day: dt.date, change: Decimal) -> None:
        self.pending.setdefault((plan.id, target_id), []).append((day, change))

    def wrote(self, plan: Plan, target_id: str, day: dt.date, change: Decimal) -> None:
        """The write noted by ``writing`` is made (or, without one, a write made now)."""
        waiting = self.pending.get((plan.id, target_id), [])
        if (day, change) in waiting:
            waiting.remove((day, change))
        self.writes.setdefault((plan.id, target_id), []).append((day, change))

    def failed(self, plan: Plan, target_id: str, day: dt.date, change: Decimal) -> None:
        waiting = self.pending.get((plan.id, target_id), [])
        if (day, change) in waiting:
            waiting.remove((day, change))

    def entries(self) -> int:
        return self.facts.size()


def size_of(label: str) -> int | None:
    return None if label == REALISTIC else int(label)


@contextmanager
def built_ledger(backend: str, label: str, workdir: Path) -> Iterator[Ledger]:
    """The plans file and a database holding the ledger of ``label``, removed afterwards."""
    targets = ledgers.plans_file(workdir)
    plans = read_plans(targets)
    with ledgers.database(backend, f"clicks_{label}", workdir) as url:
        size = size_of(label)
        if size is None:
            facts = ledgers.realistic_ledger(url, plans)
        else:
            realistic = [row for plan in plans for row in ledgers.monthly_rows(plan, ledgers.SEED + plan.year)]
            rest = max(0, size - len(realistic))
            rows = [*realistic, *ledgers.random_rows(plans.default, rest, ledgers.SEED + size)]
            facts = ledgers.load(url, rows, list(plans), ledgers._every(size, f"{backend} "))
        yield Ledger(url, targets, plans, facts)


# --- the app ----------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    pid: int
    runs_log: Path

    def runs(self) -> list[dict[str, Any]]:
        if not self.runs_log.exists():
            return []
        return [json.loads(line) for line in self.runs_log.read_text().splitlines() if line.strip()]

    def between(self, start: float, end: float) -> list[dict[str, Any]]:
        """The script runs that began between ``start`` and ``end`` (wall clock)."""
        return [run for run in self.runs() if start <= run["start"] <= end]

    def server_seconds(self, start: float, end: float) -> float:
        return sum(run["seconds"] for run in self.between(start, end))

    def drawing_seconds(self, start: float, end: float) -> float:
        """From the end of the last run that began in the window to ``end``: what the
        browser still did (the last messages, the drawing) once the server was done."""
        ends = [run["start"] + run["seconds"] for run in self.between(start, end)]
        return max(0.0, end - max(ends)) if ends else float("nan")

    def memory_kb(self, field_name: str) -> int:
        status = Path(f"/proc/{self.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith(field_name + ":"))
        return int(line.split()[1])


@contextmanager
def app_server(workdir: Path, ledger: Ledger, name: str) -> Iterator[Server]:
    """`streamlit run dashboard.py` on a free loopback port, its script runs timed."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    runs_log = workdir / f"{name}-runs.jsonl"
    runs_log.unlink(missing_ok=True)
    env = {**os.environ, "TRACKER_DATABASE_URL": ledger.url, "TRACKER_TARGETS": str(ledger.targets)}
    command = [
        sys.executable,
        str(BENCH / "timed_server.py"),
        str(runs_log),
        "run",
        "dashboard.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    output_path = workdir / f"{name}-streamlit.log"
    with output_path.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {process.returncode}:\n{output_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not answer:\n{output_path.read_text()}") from None
                time.sleep(0.3)
        yield Server(url, process.pid, runs_log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- waiting, as the suite waits (tests/e2e/waiting.py), with Playwright's async API ---------

Page = Any  # playwright.async_api.Page
Locator = Any  # playwright.async_api.Locator


async def settled(page: Page) -> None:
    """Connected, the script not running, and everything it drew in place."""
    await page.wait_for_selector(IDLE)
    await page.wait_for_function(_NOTHING_LOADING)


@asynccontextmanager
async def a_run(page: Page) -> Any:
    """Around an action that makes the app run again: afterwards, that run has begun and
    ended and the page has settled."""
    await settled(page)
    await page.evaluate(_WATCH_RUNS)
    yield
    await page.wait_for_function("() => window.__trackerRuns > 0")
    await settled(page)


# A link of the menu sets no "rerunRequested" on the page, as a widget does: a run of the
# page it opens can begin and end within one message batch, the attribute never seen to
# change. Being at the page's address under its heading says the run has been, too.
_ARRIVED = """([path, title]) => window.__trackerRuns > 0 || (location.pathname === path
  && [...document.querySelectorAll('h1')].some(heading => heading.textContent.includes(title)))"""

# The address of each page of the menu (tracker/ui/frame.py: PAGES; the first is the root).
PATHS = {
    "nav.overview": "/",
    "nav.reporting": "/reporting",
    "nav.record": "/record",
    "nav.target": "/target",
    "nav.import": "/imports",
    "nav.years": "/years",
    "nav.history": "/history",
}


_AT_PAGE = """([path, title]) => location.pathname === path
  && [...document.querySelectorAll('h1')].some(heading => heading.textContent.includes(title))"""
_RUN_SEEN = "() => window.__trackerRuns > 0"
# After a click on an option: its run has begun, or its list has closed without one.
_CHOSEN_OR_CLOSED = "() => window.__trackerRuns > 0 || !document.querySelector(\"[role='listbox']\")"
LOST_CLICKS = 3  # an option's click lost this often is a fault of the page, not of the focus


# A run seen, or the main area showing a text it did not show before the click. On a
# busy server a run's first and last messages can reach the page together, and the
# script's state then never changes where anyone could see it: what the run drew says it.
_RAN_OR_SHOWS = """text => window.__trackerRuns > 0
  || document.querySelector("[data-testid='stMain']")?.innerText.includes(text)"""
_POLL_MS = 50  # reading the main area's text on every frame would take the page's own time


async def began_and_ended(page: Page, arrive: tuple[str, str] | None, shows: str | None = None) -> None:
    """After the action: the run it caused has begun (or, for a link to ``arrive`` =
    (path, heading), the page is there; or the main area ``shows`` a new text) and the
    page has settled."""
    if arrive is not None:
        await page.wait_for_function(_ARRIVED, arg=list(arrive))
    elif shows is not None:
        await page.wait_for_function(_RAN_OR_SHOWS, arg=shows, polling=_POLL_MS)
    else:
        await page.wait_for_function("() => window.__trackerRuns > 0")
    await settled(page)


async def timed_click(
    page: Page,
    server: Server,
    action: Callable[[], Awaitable[object]],
    prove: Callable[[], Awaitable[str]],
    arrive: tuple[str, str] | None = None,
    shows: str | None = None,
) -> Click:
    """``action`` timed from just before it to the page settled after the run it caused;
    then ``prove`` checks what the page shows (it may wait, and that wait is reported).
    ``arrive`` and ``shows`` as in began_and_ended."""
    await settled(page)
    await page.evaluate(_WATCH_RUNS)
    wall = time.time()
    began = time.perf_counter()
    await action()
    await began_and_ended(page, arrive, shows)
    seconds = time.perf_counter() - began
    wall_end = time.time()
    await no_exception(page)
    proof = await prove()
    proof_wait = time.perf_counter() - began - seconds
    window = (wall - 0.01, wall_end)
    return Click(seconds, server.server_seconds(*window), server.drawing_seconds(*window), proof_wait, proof)


async def choose_option(box: Locator, option: Locator, label: str) -> int:
    """A click on ``option`` of the open list of ``box``, again while it chooses nothing;
    how many clicks were lost. With ten sessions in one Chromium, another page taking the
    focus can close this one's open list under the click: nothing is chosen and no run
    follows, and a person, seeing the old choice still there, chooses again."""
    page = box.page
    lost = 0
    while True:
        await option.click()
        await page.wait_for_function(_CHOSEN_OR_CLOSED)
        if await page.evaluate(_RUN_SEEN) or await box.input_value() == label:
            return lost
        lost += 1
        if lost == LOST_CLICKS:
            raise ProofError(f"the option «{label}» was clicked {lost} times and never chosen")
        await box.click()
        await visible(option, label)


async def _wide(bar: Locator) -> bool:
    """A bar of the chart wide enough to point at: beside a narrow one, the marker of the
    figure expected by now is closer to the pointer, and plotly's hover chooses it."""
    box = await bar.bounding_box()
    return box is not None and box["width"] >= WIDE_BAR_PX


async def no_exception(page: Page) -> None:
    """A page that ended in a traceback proves nothing: say what it was."""
    shown = page.get_by_test_id("stException")
    if await shown.count():
        raise ProofError(f"the page shows an exception: {(await shown.first.inner_text())[:2000]}")


# What a wait that never ended was waiting on: the runs counted since the click, the
# script's and the connection's state, how long ago the document was loaded, what is
# still loading.
_PAGE_STATE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return {
    runs: window.__trackerRuns ?? null,
    script: app?.getAttribute('data-test-script-state'),
    connection: app?.getAttribute('data-test-connection-state'),
    loaded_s_ago: Math.round(performance.now() / 100) / 10,
    stale: document.querySelectorAll("[data-stale='true']").length,
    skeletons: document.querySelectorAll("[data-testid='stSkeleton']").length,
    plots_unfinished: [...document.querySelectorAll('.js-plotly-plot')]
      .filter(plot => !(plot._fullLayout && plot.querySelector('.main-svg'))).length,
    listbox: !!document.querySelector("[role='listbox']"),
  };
}"""


async def failure(page: Page, what: str, error: Exception) -> ProofError:
    """A clear error for a step that failed: what it was, any traceback the page shows, and
    where a screenshot of the page is."""
    shot = Path(tempfile.gettempdir()) / f"clicks-failed-{os.getpid()}.png"
    shown = ""
    try:
        await page.screenshot(path=str(shot), full_page=True)
        shown = "; the page: " + json.dumps(await page.evaluate(_PAGE_STATE))
        exception = page.get_by_test_id("stException")
        if await exception.count():
            shown += f"; the page shows an exception: {(await exception.first.inner_text())[:2000]}"
    except Exception:  # the page itself is gone: the original error says enough
        pass
    return ProofError(f"{what} failed ({type(error).__name__}: {str(error)[:300]}){shown} (the page: {shot})")


async def visible(locator: Locator, what: str) -> None:
    """Fail loudly, naming what was expected, when ``locator`` does not show up."""
    try:
        await locator.filter(visible=True).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    except Exception as error:
        shot = Path(tempfile.gettempdir()) / f"clicks-proof-{os.getpid()}.png"
        await locator.page.screenshot(path=str(shot), full_page=True)
        raise ProofError(f"not shown: {what} (the page: {shot})") from error


def main_area(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def heading(page: Page) -> Locator:
    return page.locator("h1").first


async def expect_heading(page: Page, text: str) -> None:
    await visible(page.locator("h1", has_text=text), f"the heading «{text}»")


# Each row of a st.dataframe as its cells read (the header row has none), from the
# accessible copy the grid keeps beside its canvas while it is in view.
_ROWS = """table => [...table.querySelectorAll('[role="row"]')]
  .map(row => [...row.querySelectorAll('[role="gridcell"]')].map(cell => cell.textContent))
  .filter(cells => cells.length)"""
_HEADERS = """table => [...table.querySelectorAll('[role="columnheader"]')].map(header => header.textContent)"""


async def read_table(table: Locator) -> list[dict[str, str]]:
    await table.scroll_into_view_if_needed()
    await table.locator("[role='gridcell']").first.wait_for(state="attached", timeout=TIMEOUT_MS)
    headers = await table.evaluate(_HEADERS)
    return [dict(zip(headers, cells, strict=False)) for cells in await table.evaluate(_ROWS)]


# True once the table's rows named in ``wanted`` (by their ``key`` column) read ``wanted``
# in the ``value`` column: the grid's accessible copy follows its canvas a moment later.
_TABLE_SHOWS = """([table, key, value, wanted]) => {
  const headers = [...table.querySelectorAll('[role="columnheader"]')].map(header => header.textContent);
  const rows = [...table.querySelectorAll('[role="row"]')]
    .map(row => [...row.querySelectorAll('[role="gridcell"]')].map(cell => cell.textContent))
    .filter(cells => cells.length);
  const shown = Object.fromEntries(rows.map(cells => [cells[headers.indexOf(key)], cells[headers.indexOf(value)]]));
  return Object.entries(wanted).every(([name, figures]) => figures.includes(shown[name]));
}"""


async def table_shows(table: Locator, key: str, value: str, wanted: dict[str, list[str]], what: str) -> None:
    """Wait until the table reads ``wanted``; fail naming every difference otherwise."""
    await table.scroll_into_view_if_needed()
    handle = await table.element_handle()
    try:
        await table.page.wait_for_function(_TABLE_SHOWS, arg=[handle, key, value, wanted], timeout=TIMEOUT_MS)
    except Exception as error:
        rows = {row.get(key): row.get(value) for row in await read_table(table)}
        wrong = {name: (rows.get(name), figures) for name, figures in wanted.items() if rows.get(name) not in figures}
        raise ProofError(f"{what}: shown, wanted: {wrong}") from error


# --- one person browsing ----------------------------------------------------------------


def vi(key: str, **params: Any) -> str:
    return t(key, "vi", **params)


def number(value: Decimal) -> str:
    return format_number(value, "vi")


@dataclass
class Person:
    """One browser session on the app, and what it has done."""

    page: Page
    server: Server
    ledger: Ledger
    plan: Plan
    name: str = PERSON
    save_target: int = 0  # which of the plan's summed targets its form entries count for
    saves: int = 0
    edits: int = 0
    # the as-of date last typed on each plan's overview (the page keeps it): typed again,
    # it changes nothing and no run follows
    typed: dict[str, dt.date] = field(default_factory=dict)

    @property
    def plans(self) -> PlanSet:
        return self.ledger.plans

    def as_of(self, plan: Plan | None = None) -> dt.date:
        return default_as_of((plan or self.plan).period, hanoi_today())

    def summed(self, plan: Plan | None = None) -> list[Target]:
        return [t_ for t_ in (plan or self.plan).targets if t_.aggregation == Aggregation.sum]

    async def go(self, menu_key: str, title_key: str) -> None:
        """Follow the sidebar's menu to a page (untimed), and wait for it."""
        link = sidebar(self.page).get_by_role("link", name=vi(menu_key), exact=True)
        await settled(self.page)
        await self.page.evaluate(_WATCH_RUNS)
        await link.click()
        await began_and_ended(self.page, (PATHS[menu_key], vi(title_key)))
        await expect_heading(self.page, vi(title_key))

    async def reopen(self) -> None:
        """The app opened anew at its address (a new session, the name typed again)."""
        await self.page.goto(self.server.url, timeout=TIMEOUT_MS)
        await expect_heading(self.page, vi("overview.title"))
        self.plan = self.plans.default
        await self.sign_name()

    async def sign_name(self) -> None:
        """The name typed in the sidebar, as on a fresh install: the session records under it."""
        who = sidebar(self.page).get_by_role("textbox", name="Người nhập (tên của bạn)")
        await settled(self.page)
        await self.page.evaluate(_WATCH_RUNS)
        await who.fill(self.name)
        await who.press("Enter")
        # a quick run can go unseen; the saves prove later that the name was kept
        with contextlib.suppress(Exception):
            await self.page.wait_for_function("() => window.__trackerRuns > 0", timeout=20_000)
        await settled(self.page)

    def snapshot(self) -> dict[tuple[str, str], int]:
        """How many of the bench's writes each target had when a click began."""
        return {key: len(done) for key, done in self.ledger.writes.items()}

    def shown(self, plan: Plan, target_id: str, as_of: dt.date | None, since: dict[tuple[str, str], int]) -> list[str]:
        """The figures a page read since the snapshot ``since`` may show, as it writes them."""
        return [number(f) for f in self.ledger.figures(plan, target_id, as_of, since.get((plan.id, target_id), 0))]

    async def overview_figures(self, plan: Plan, as_of: dt.date, since: dict[tuple[str, str], int]) -> str:
        """Every summed target's achieved figure in the overview table, as the ledger says."""
        table = main_area(self.page).get_by_test_id("stDataFrame").first
        wanted = {t_.short.in_("vi"): self.shown(plan, t_.id, as_of, since) for t_ in self.summed(plan)}
        await table_shows(table, "Chỉ tiêu", "Đã đạt", wanted, f"{plan.id} at {as_of}")
        return f"{len(wanted)} targets' achieved figures at {format_date(as_of)}"

    # -- the interactions: each returns one timed click, proved --------------------------

    async def open_target(self, index: int) -> Click:
        """From the overview, the bar of one target in the chart."""
        page = self.page
        chart = main_area(page).locator(".js-plotly-plot").first
        await chart.scroll_into_view_if_needed()
        order: list[str] = await chart.evaluate("plot => plot.data[0].customdata")
        bars = chart.locator(".barlayer .point path")
        # a target with little or nothing achieved by the date shown has a bar too narrow to
        # point at (the marker beside it takes the pointer)
        targets = [t_ for t_ in self.summed() if t_.id in order and await _wide(bars.nth(order.index(t_.id)))]
        if not targets:
            raise ProofError("no bar of the overview's chart is wide enough to click")
        target = targets[index % len(targets)]
        bar = bars.nth(order.index(target.id))
        await bar.scroll_into_view_if_needed()
        as_of = self.as_of()
        figures = self.shown(self.plan, target.id, as_of, self.snapshot())

        async def prove() -> str:
            await expect_heading(page, vi("target.title"))
            picker = main_area(page).get_by_role("combobox", name=vi("record.target"))
            await visible(picker, "the target picker")
            shown = await picker.input_value()
            if shown != target.short.in_("vi"):
                raise ProofError(f"the target page shows {shown!r}, not {target.short.in_('vi')!r}")
            achieved = await achieved_shown(page, figures, target.id)
            return f"{target.short.in_('vi')}: đã đạt đến nay {achieved}"

        label = chart.locator(".hoverlayer .hovertext", has_text=target.title.in_("vi"))

        async def point() -> tuple[float, float]:
            # The pointer on the bar first, as a person's is: plotly clicks the point it has
            # found under the pointer, which on a busy machine takes a moment after a move.
            # Not on the bar's middle, where the marker of the figure expected by now may
            # lie: a click there chooses the marker. The hover label names what is under
            # the pointer.
            for share in (0.15, 0.05, 0.3, 0.5, 0.7):
                # measured again: a chart drawn again since moves its bars, and while plotly
                # draws it anew the bar is not there for a moment
                await visible(bar, f"{target.id}'s bar")
                box = await bar.bounding_box()
                if box is None:
                    raise ProofError(f"no bar drawn for {target.id}")
                spot = (box["x"] + max(2.0, box["width"] * share), box["y"] + box["height"] / 2)
                await page.mouse.move(*spot)
                try:
                    await label.first.wait_for(state="attached", timeout=10_000)
                    return spot
                except Exception:
                    continue
            raise ProofError(f"the pointer on {target.id}'s bar finds no point of it")

        arrive = (PATHS["nav.target"], vi("target.title"))

        async def choose() -> None:
            # The click's own run reruns the overview, which then opens the target page: on
            # a busy server the page can look settled between the two, so the wait is for
            # the target page itself, its address and heading.
            await page.mouse.click(*spot)
            await page.wait_for_function(_AT_PAGE, arg=list(arrive))

        await settled(page)
        spot = await point()  # untimed, as before any click: the pointer finding the bar
        click = await timed_click(page, self.server, choose, prove, arrive)
        await self.go("nav.overview", "overview.title")
        return click

    async def change_as_of(self, index: int) -> Click:
        """A date typed into the overview's as-of picker: the last day of a month."""
        page = self.page
        month = index % 11 + 1
        day = dt.date(self.plan.year, month + 1, 1) - dt.timedelta(days=1)
        if day > self.as_of():
            day = self.as_of() - dt.timedelta(days=index + 1)
        picker = main_area(page).get_by_test_id("stDateInput").first
        # the date the field already holds, typed again, changes nothing: no run follows
        held = {self.typed.get(self.plan.id), await field_date(picker)}
        while day in held:
            day -= dt.timedelta(days=1)
        self.typed[self.plan.id] = day
        await picker.get_by_role("spinbutton").first.click()
        await page.keyboard.type(day.strftime("%d%m%Y"))
        await field_holds(picker, day)
        since = self.snapshot()

        async def prove() -> str:
            await visible(main_area(page).get_by_text(vi("overview.as_of_caption", as_of=format_date(day))), str(day))
            return await self.overview_figures(self.plan, day, since)

        await page.keyboard.press("Tab")  # to the calendar's button: the field has the date, the app not yet
        # the click: leaving the field, as a person does, hands the date to the app
        caption = vi("overview.as_of_caption", as_of=format_date(day))
        return await timed_click(page, self.server, lambda: page.keyboard.press("Tab"), prove, shows=caption)

    async def switch_plan(self, index: int, to: Plan | None = None) -> Click:
        """Another year's plan chosen in the sidebar's list."""
        page = self.page
        others = [plan for plan in self.plans if plan.id != self.plan.id]
        plan = to or others[index % len(others)]
        switch = sidebar(page).get_by_role("combobox", name=vi("app.plan"))
        await switch.click()
        label = vi("app.plan_option", year=self.plans.key(plan), title=plan.title.in_("vi"))
        option = page.get_by_role("option", name=label, exact=True)
        await visible(option, label)
        since = self.snapshot()
        lost = 0

        async def choose() -> None:
            nonlocal lost
            lost = await choose_option(switch, option, label)

        async def prove() -> str:
            await visible(main_area(page).get_by_text(plan.title.in_("vi")), plan.title.in_("vi"))
            again = f" (chosen again after {lost} lost click{'s' if lost > 1 else ''})" if lost else ""
            return f"{plan.year}{again}: " + await self.overview_figures(plan, self.as_of(plan), since)

        click = await timed_click(page, self.server, choose, prove, shows=plan.title.in_("vi"))
        self.plan = plan
        return click

    async def open_years(self, index: int) -> Click:
        """The year-on-year page, from the overview's menu."""
        page = self.page
        link = sidebar(page).get_by_role("link", name=vi("nav.years"), exact=True)
        shorts = {t_.short.in_("vi"): t_ for t_ in self.summed()}
        by_year = {str(plan.year): plan for plan in self.plans}
        since = self.snapshot()

        async def prove() -> str:
            await expect_heading(page, vi("years.title"))
            table = main_area(page).get_by_test_id("stDataFrame").first
            rows = await read_table(table)
            whole = vi("years.col.achieved")
            checked = 0
            for row in rows:
                target, plan = shorts.get(row.get("Chỉ tiêu", "")), by_year.get(row.get("Năm", ""))
                if target is None or plan is None or whole not in row:
                    raise ProofError(f"a row of the years table not understood: {row}")
                wanted = self.shown(plan, target.id, self.as_of(plan), since)  # the year so far
                if row[whole].split(" (")[0] not in wanted:
                    raise ProofError(f"{plan.year} {target.id}: «{row[whole]}», not {wanted}")
                checked += 1
            if not checked:
                raise ProofError("the years table shows no row")
            return f"{checked} rows' whole-year figures"

        click = await timed_click(page, self.server, link.click, prove, (PATHS["nav.years"], vi("years.title")))
        await self.go("nav.overview", "overview.title")
        return click

    async def save_form(self, index: int) -> Click:
        """An entry typed into the record page's form (untimed), then «Lưu bản ghi»."""
        page = self.page
        target = self.summed()[self.save_target]
        unit = target.unit.in_("vi")
        # a district's size of entry, each save's its own: thousands a save stretched the
        # overview's axis in the many-sessions run until every other bar was too narrow
        # to point at
        quantity = Decimal(1 + index)
        day = min(self.plan.period.start + dt.timedelta(days=3 + index), self.as_of())
        district = district_names()[index % len(district_names())]
        form = main_area(page)
        picker = form.get_by_role("combobox", name=vi("record.target"))
        await settled(page)
        if await picker.input_value() != target.short.in_("vi"):
            await picker.click()
            async with a_run(page):
                option = page.get_by_role("option", name=target.short.in_("vi"), exact=True)
                await choose_option(picker, option, target.short.in_("vi"))
        await form.get_by_role("textbox", name=vi("record.quantity", unit=unit)).fill(str(quantity))
        await form.get_by_test_id("stDateInput").first.get_by_role("spinbutton").first.click()
        await page.keyboard.type(day.strftime("%d%m%Y"))
        await page.keyboard.press("Tab")
        await form.get_by_role("combobox", name=vi("record.district")).click()
        await page.keyboard.type(district)
        await page.keyboard.press("Enter")
        save = form.get_by_role("button", name=vi("record.save"))
        as_of = self.as_of()
        expected = self.ledger.total(self.plan, target.id, as_of) + (quantity if day <= as_of else 0)

        said = f": {number(quantity)} {unit} ngày {format_date(day)}."

        async def prove() -> str:
            message = page.get_by_test_id("stAlertContentSuccess").get_by_text(said)
            await visible(message, said)
            await visible(form.get_by_text(f"đã đạt đến nay: {number(expected)}"), f"achieved {number(expected)}")
            found = re.search(r"#(\d+):", await message.first.inner_text())
            stored = found and entry(self.ledger.url, int(found.group(1)))
            if not stored or (stored["quantity_milli"], stored["ref_date"], stored["entered_by"]) != (
                int(quantity * 1000),
                day,
                self.name,
            ):
                raise ProofError(f"the entry the page says it saved is in the database as {stored}")
            return f"entry #{stored['id']}: {number(quantity)} {unit}; đã đạt đến nay {number(expected)}"

        self.ledger.writing(self.plan, target.id, day, quantity)
        try:
            click = await timed_click(page, self.server, save.click, prove, shows=said)
        except Exception:
            self.ledger.failed(self.plan, target.id, day, quantity)
            raise
        self.ledger.wrote(self.plan, target.id, day, quantity)
        self.saves += 1
        return click

    async def save_grid(self, index: int) -> Click:
        """The newest entry's quantity typed into the target page's grid, then «Lưu tất cả thay đổi»."""
        page = self.page
        target = self.summed()[0]
        grid = main_area(page).locator("[class*='st-key-grid-'] [data-testid='stDataFrame']").first
        await grid.scroll_into_view_if_needed()
        before = await cell(grid, 0, 2).text_content()
        day_text = await cell(grid, 0, 1).text_content()
        entry_id = await cell(grid, 0, 0).text_content()
        if not before or not day_text or not entry_id:
            raise ProofError("the grid shows no entry")
        old = Decimal(before.replace(".", "").replace(",", "."))
        new = old + 1 + index
        day = dt.date.fromisoformat(day_text.strip())  # the grid's date column reads yyyy-mm-dd
        await type_in_cell(page, grid, 0, 2, str(new))
        as_of = self.as_of()
        expected = self.ledger.total(self.plan, target.id, as_of) + (new - old if day <= as_of else 0)
        save = main_area(page).get_by_role("button", name=vi("grid.save"))

        async def prove() -> str:
            said = vi("grid.saved", added=0, edited=1, deleted=0)
            await visible(page.get_by_test_id("stAlertContentSuccess").get_by_text(said), said)
            await visible(main_area(page).get_by_text(f"đã đạt đến nay: {number(expected)}"), number(expected))
            stored = entry(self.ledger.url, int(entry_id.replace(".", "")))
            if not stored or stored["quantity_milli"] != int(new * 1000):
                raise ProofError(f"entry #{entry_id} is in the database as {stored}, not with {new}")
            return (
                f"entry #{entry_id}: {number(old)} → {number(new)} on {format_date(day)}; "
                f"đã đạt đến nay {number(expected)}"
            )

        click = await timed_click(page, self.server, save.click, prove)
        self.ledger.wrote(self.plan, target.id, day, new - old)
        self.edits += 1
        return click

    async def open_history(self, index: int) -> Click:
        """The change history, from the menu of the page before it."""
        page = self.page
        link = sidebar(page).get_by_role("link", name=vi("nav.history"), exact=True)
        change = newest_change(self.ledger.url, self.plan.id)
        if change is None:
            raise ProofError("the bench wrote no change: the history has nothing to prove with")
        action = vi(f"history.action.{change['action']}")
        label = vi("history.change_label", id=change["id"], action=action, entry=change["entry_id"], who=self.name)

        async def prove() -> str:
            await expect_heading(page, vi("history.title"))
            chosen = main_area(page).get_by_role("combobox", name=vi("history.choose"))
            await visible(chosen, "the change picker")
            shown = await chosen.input_value()
            if shown != label:
                raise ProofError(f"the newest change shown is {shown!r}, not {label!r}")
            return label

        arrive = (PATHS["nav.history"], vi("history.title"))
        click = await timed_click(page, self.server, link.click, prove, arrive)
        back = "nav.record" if index % 2 == 0 else "nav.target"
        await self.go(back, "record.title" if back == "nav.record" else "target.title")
        return click

    async def import_preview(self, index: int, files: list[Path]) -> Click:
        """A 2.000-row CSV chosen in the uploader (two files in turn): the preview."""
        page = self.page
        path = files[index % len(files)]
        chooser = main_area(page).locator("input[type='file']")

        async def prove() -> str:
            await visible(main_area(page).get_by_text(f"{path.name} ·"), path.name)
            for label, count in (("Lỗi", 0), ("Mới", IMPORT_ROWS)):
                box = (
                    main_area(page)
                    .get_by_test_id("stMetric")
                    .filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
                )
                value = (await box.get_by_test_id("stMetricValue").text_content() or "").strip()
                if value != format_number(count, "vi", 0):
                    raise ProofError(f"{path.name}: «{label}» {value}, not {count}")
            return f"{path.name}: {format_number(IMPORT_ROWS, 'vi', 0)} mới, 0 lỗi"

        return await timed_click(page, self.server, lambda: chooser.set_input_files(str(path)), prove)


async def achieved_shown(page: Page, figures: list[str], what: str) -> str:
    """The page's «đã đạt đến nay» caption with one of ``figures``: the one it shows."""
    pattern = re.compile("đã đạt đến nay: (" + "|".join(re.escape(f) for f in figures) + ")$")
    caption = main_area(page).get_by_text(pattern)
    await visible(caption, f"{what}: đã đạt đến nay {' or '.join(figures)}")
    found = pattern.search(await caption.filter(visible=True).first.inner_text())
    return found.group(1) if found else "?"


async def field_date(picker: Locator) -> dt.date | None:
    """The date the field reads now (None while a segment is empty)."""
    segments = picker.get_by_role("spinbutton")
    values = [await segments.nth(i).get_attribute("aria-valuenow") for i in range(3)]
    if not all(value and value.isdigit() for value in values):
        return None
    day, month, year = (int(value) for value in values)  # type: ignore[union-attr]
    return dt.date(year, month, day)


async def field_holds(picker: Locator, day: dt.date) -> None:
    """The date field reads ``day`` (day, month and year segments), typed as a person types it."""
    segments = picker.get_by_role("spinbutton")
    values = [await segments.nth(i).get_attribute("aria-valuenow") for i in range(3)]
    if values != [str(day.day), str(day.month), str(day.year)]:
        raise ProofError(f"the date field reads {values} after {day:%d%m%Y} was typed")


def cell(grid: Locator, row: int, column: int) -> Locator:
    """A cell of the grid's accessible table: glide numbers the columns from 1, the rows from 0."""
    return grid.locator(f"#glide-cell-{column + 1}-{row}")


async def type_in_cell(page: Page, grid: Locator, row: int, column: int, text: str) -> None:
    """Replace a cell's text as tests/e2e/test_editing.py does: click the row, Home,
    arrows to the column, Enter, type, Enter (the edit makes the app run)."""
    row_height = 35
    await grid.scroll_into_view_if_needed()
    box = await grid.bounding_box()
    await page.mouse.click(box["x"] + 120, box["y"] + row_height * (row + 1) + row_height / 2)
    await grid.locator(f"[role='gridcell'][id$='-{row}']:focus").wait_for(state="attached", timeout=TIMEOUT_MS)
    await page.keyboard.press("Home")
    await page.wait_for_function("id => document.activeElement?.id === id", arg=f"glide-cell-1-{row}")
    for _ in range(column):
        await page.keyboard.press("ArrowRight")
    await page.wait_for_function("id => document.activeElement?.id === id", arg=f"glide-cell-{column + 1}-{row}")
    await page.keyboard.press("Enter")
    editor = page.locator(".gdg-input")
    await page.wait_for_function("() => document.activeElement?.classList.contains('gdg-input')")
    await page.keyboard.press("Control+a")
    await page.keyboard.type(text)
    if await editor.input_value() != text:
        raise ProofError(f"the grid's editor holds {await editor.input_value()!r}, not {text!r}")
    async with a_run(page):
        await page.keyboard.press("Enter")


def entry(url: str, entry_id: int) -> dict[str, Any] | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            row = connection.execute(select(entries).where(entries.c.id == entry_id)).first()
        return None if row is None else dict(row._mapping)
    finally:
        engine.dispose()


def newest_change(url: str, plan_id: str) -> dict[str, Any] | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                select(entry_changes)
                .where(entry_changes.c.plan_id == plan_id)
                .order_by(desc(entry_changes.c.id))
                .limit(1)
            ).first()
        return None if row is None else dict(row._mapping)
    finally:
        engine.dispose()


def import_files(plan: Plan, folder: Path) -> list[Path]:
    """Two 2.000-row CSVs of ``plan``, each row a figure of its own (a village the ledger
    has never seen), so the preview counts every row new."""
    districts = district_names()
    titles = [target.title.vi for target in plan.targets if target.aggregation == Aggregation.sum]
    days = (plan.period.end - plan.period.start).days + 1
    paths = []
    for name in ("bao-cao-a.csv", "bao-cao-b.csv"):
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(("Quận/huyện", "Mục tiêu", "Ngày", "Số lượng", "Làng nghề"))
        for i in range(IMPORT_ROWS):
            day = plan.period.start + dt.timedelta(days=(i * 7) % days)
            village = f"Làng bench {name[-5]} {i // (len(districts) * len(titles)) + 1}"
            row = (districts[i % len(districts)], titles[(i // len(districts)) % len(titles)])
            writer.writerow((*row, day.strftime("%d/%m/%Y"), 1 + i % 50, village))
        path = folder / name
        path.write_text(text.getvalue(), encoding="utf-8")
        paths.append(path)
    return paths


# --- a whole run --------------------------------------------------------------------------


async def new_person(browser: Any, server: Server, ledger: Ledger, name: bool = True) -> Person:
    """A new browser context on the overview, settled, its name typed if ``name``."""
    context = await browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    await page.goto(server.url, timeout=TIMEOUT_MS)
    await expect_heading(page, vi("overview.title"))
    await settled(page)
    person = Person(page, server, ledger, ledger.plans.default)
    if name:
        await person.sign_name()
    return person


async def clicks_of(person: Person, clicks: int, workdir: Path) -> dict[str, list[Click]]:
    """Every interaction ``clicks`` times, in an order that needs few untimed steps."""
    results: dict[str, list[Click]] = {key: [] for key, _ in INTERACTIONS}

    async def step(what: str, action: Callable[[], Awaitable[object]]) -> None:
        try:
            await action()
        except Exception as error:
            raise await failure(person.page, what, error) from error

    async def repeat(key: str, one: Callable[[int], Awaitable[Click]]) -> None:
        for index in range(clicks):
            try:
                click = await one(index)
            except Exception as error:
                raise await failure(person.page, f"{key}, click {index + 1}", error) from error
            results[key].append(click)
        times = [c.seconds for c in results[key]]
        log(f"    {key}: median {median(times):.3f} s, p95 {percentile(times, 0.95):.3f} s; {results[key][-1].proof}")

    default = person.plans.default
    await repeat("open_target", person.open_target)
    await repeat("as_of", person.change_as_of)
    await repeat("switch_plan", person.switch_plan)
    await step("back to the plan the app opens with", person.reopen)  # untimed: the year the rest works in
    await repeat("years", person.open_years)
    await step("to the record page", lambda: person.go("nav.record", "record.title"))
    await repeat("save_form", person.save_form)
    await step("to the target page", lambda: person.go("nav.target", "target.title"))
    await repeat("save_grid", person.save_grid)

    async def history(index: int) -> Click:
        return await person.open_history(index)

    await repeat("history", history)
    await step("to the import page", lambda: person.go("nav.import", "import.title"))
    files = import_files(default, workdir)
    await repeat("import_preview", lambda index: person.import_preview(index, files))
    return results


# Recorded in the page from its very start: the websocket's opening and first message,
# and each change of the script's state (the root element appears later, so the whole
# document is watched).
_TIMELINE = """
window.__benchTimeline = {socketCreated: null, socketOpen: null, socketFirstMessage: null, states: []};
(() => {
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    const line = window.__benchTimeline;
    line.socketCreated ??= performance.now();
    socket.addEventListener('open', () => { line.socketOpen ??= performance.now(); });
    socket.addEventListener('message', () => { line.socketFirstMessage ??= performance.now(); });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  new MutationObserver(records => {
    for (const record of records) {
      window.__benchTimeline.states.push([performance.now(), record.target.getAttribute('data-test-script-state')]);
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
})();
"""
_LOAD_FACTS = """() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  const statics = performance.getEntriesByType('resource').filter(r => /\\/static\\/.*\\.(js|css)(\\?|$)/.test(r.name));
  return {
    now: performance.now(),
    html: navigation.responseEnd,
    staticEnd: Math.max(0, ...statics.map(r => r.responseEnd)),
    staticFiles: statics.length,
    staticBytes: statics.reduce((sum, r) => sum + (r.encodedBodySize || 0), 0),
    timeline: window.__benchTimeline,
  };
}"""


async def first_load(browser: Any, server: Server, ledger: Ledger) -> FirstLoad:
    """The overview in a new browser context (nothing cached), to settled."""
    context = await browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    try:
        await context.add_init_script(_TIMELINE)
        page = await context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        wall = time.time()
        await page.goto(server.url, timeout=TIMEOUT_MS)
        await expect_heading(page, vi("overview.title"))
        await settled(page)
        facts = await page.evaluate(_LOAD_FACTS)
        wall_end = time.time()
        plan = ledger.plans.default
        person = Person(page, server, ledger, plan)
        await person.overview_figures(plan, person.as_of(), {})  # the proof: the default plan's figures
        line = facts["timeline"]
        states = line["states"]
        run_start = next((at for at, state in states if state == "running"), float("nan"))
        run_end = next((at for at, state in states if state == "notRunning" and at >= run_start), float("nan"))
        return FirstLoad(
            seconds=facts["now"] / 1000,
            html_s=facts["html"] / 1000,
            static_s=facts["staticEnd"] / 1000,
            static_files=facts["staticFiles"],
            static_kb=facts["staticBytes"] / 1024,
            socket_open_s=(line["socketOpen"] or float("nan")) / 1000,
            run_start_s=run_start / 1000,
            run_end_s=run_end / 1000,
            server_s=server.server_seconds(wall, wall_end),
        )
    finally:
        await context.close()


async def memory_of(browser: Any, server: Server, ledger: Ledger, sessions: int) -> Memory:
    """``sessions`` browser sessions opened one after the other, each on the overview, a
    target's page and the year-on-year page, all kept open: the process's peak RSS."""
    before = server.memory_kb("VmRSS")
    people = []
    try:
        for number_ in range(sessions):
            person = await new_person(browser, server, ledger, name=False)
            await person.overview_figures(person.plan, person.as_of(), {})
            await person.go("nav.target", "target.title")
            await person.go("nav.years", "years.title")
            people.append(person)
            log(f"    session {number_ + 1}: VmRSS {server.memory_kb('VmRSS') / 1024:.0f} MB")
        for person in people:  # all of them still connected and settled
            await settled(person.page)
        return Memory(sessions, server.memory_kb("VmHWM") / 1024, server.memory_kb("VmRSS") / 1024, before / 1024)
    finally:
        for person in people:
            await person.page.context.close()


async def browse(run: Run, ledger: Ledger, workdir: Path, args: argparse.Namespace) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            if args.clicks or args.first_loads:
                with app_server(workdir, ledger, f"{run.backend}-{run.size}") as server:
                    if args.first_loads:
                        log("  first loads")
                        for _ in range(args.first_loads):
                            run.first_loads.append(await first_load(browser, server, ledger))
                            log(f"    {run.first_loads[-1].seconds:.2f} s")
                    if args.clicks:
                        log("  clicks")
                        person = await new_person(browser, server, ledger)
                        try:
                            run.clicks = await clicks_of(person, args.clicks, workdir)
                        finally:
                            await person.page.context.close()
            if args.sessions:
                log(f"  {args.sessions} sessions' memory, on a fresh app process")
                with app_server(workdir, ledger, f"{run.backend}-{run.size}-memory") as server:
                    run.memory = await memory_of(browser, server, ledger, args.sessions)
                log(f"    VmHWM {run.memory.hwm_mb:.0f} MB")
        finally:
            await browser.close()


def measure(backend: str, label: str, args: argparse.Namespace) -> Run:
    workdir = Path(tempfile.mkdtemp(prefix=f"clicks-{backend}-{label}-"))
    log(f"{backend}, {label}: building the ledger")
    with built_ledger(backend, label, workdir) as ledger:
        run = Run(backend, label, ledger.entries(), ledger.facts.load_s, load_average=load_average())
        log(f"  {run.entries:,} entries loaded in {run.load_s:.1f} s; load average {run.load_average}")
        asyncio.run(browse(run, ledger, workdir, args))
        run.load_average += f" → {load_average()}"
    return run


# --- report ------------------------------------------------------------------------------


def seconds(value: float) -> str:
    return "–" if value != value else f"{value:.2f} s".replace(".", ",")


def size_text(run: Run) -> str:
    shown = f"{run.entries:,}".replace(",", ".")
    return f"{shown} (realistic)" if run.size == REALISTIC else shown


def verdict(run: Run, times: list[float]) -> str:
    if run.size == REALISTIC:
        goal = GOALS[REALISTIC]
        met = median(times) <= goal["median_s"] and percentile(times, 0.95) <= goal["p95_s"]
    else:
        met = percentile(times, 0.95) <= GOALS["large"]["p95_s"]
    return "met" if met else "**not met**"


def clicks_table(runs: list[Run]) -> list[str]:
    lines = [
        "| backend | entries | interaction | clicks | median | p95 | server script (median) | rest (median) "
        "| of which after the last run (median) | goal | proved (last click) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    names = dict(INTERACTIONS)
    for run in runs:
        for key, done in run.clicks.items():
            times = [c.seconds for c in done]
            server = median([c.server_s for c in done])
            rest = median([c.seconds - c.server_s for c in done])
            drawing = median([c.drawing_s for c in done])
            lines.append(
                f"| {run.backend} | {size_text(run)} | {names[key]} | {len(done)} | {seconds(median(times))} "
                f"| {seconds(percentile(times, 0.95))} | {seconds(server)} | {seconds(rest)} | {seconds(drawing)} "
                f"| {verdict(run, times)} "
                f"| {done[-1].proof if done else ''} |"
            )
    return lines


def first_load_table(runs: list[Run]) -> list[str]:
    lines = [
        "| backend | entries | loads | settled (median) | HTML | static JS/CSS loaded | static files (KB) "
        "| websocket open | first run starts | first run ends | server script | drawing after the run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        loads = run.first_loads
        if not loads:
            continue

        def m(name: str, loads: list[FirstLoad] = loads) -> float:
            return median([getattr(load, name) for load in loads])

        lines.append(
            f"| {run.backend} | {size_text(run)} | {len(loads)} | {seconds(m('seconds'))} | {seconds(m('html_s'))} "
            f"| {seconds(m('static_s'))} | {loads[0].static_files} ({m('static_kb'):,.0f}) "
            f"| {seconds(m('socket_open_s'))} "
            f"| {seconds(m('run_start_s'))} | {seconds(m('run_end_s'))} | {seconds(m('server_s'))} "
            f"| {seconds(m('seconds') - m('run_end_s'))} |"
        )
    return lines


def memory_table(runs: list[Run]) -> list[str]:
    lines = [
        "| backend | entries | sessions | before any browser | peak RSS (VmHWM) | RSS at the end "
        "| goal (≤ 400 MB at 1.000.000) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        if run.memory is None:
            continue
        memory = run.memory
        goal = "met" if memory.hwm_mb <= GOALS["rss_mb"] else "**not met**"
        if run.size == REALISTIC:
            goal = f"({goal} at this size)"
        lines.append(
            f"| {run.backend} | {size_text(run)} | {memory.sessions} | {memory.before_mb:.0f} MB "
            f"| {memory.hwm_mb:.0f} MB | {memory.rss_mb:.0f} MB | {goal} |"
        )
    return lines


def markdown(runs: list[Run], args: argparse.Namespace, elapsed: float) -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), "unknown")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    lines = [
        HEADING,
        "",
        f"`python bench/clicks.py --sizes {args.sizes} --backends {args.backends} --clicks {args.clicks} "
        f"--first-loads {args.first_loads} --sessions {args.sessions}`, "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit {commit.stdout.strip()}, "
        f"{cpu}, {os.cpu_count()} cores, Chromium {CHROMIUM} (headless, Playwright), {elapsed / 60:.1f} min.",
        "Load average (1/5/15 min) at the start and end of each run: "
        + "; ".join(f"{run.backend} {size_text(run)}: {run.load_average}" for run in runs)
        + ".",
        "",
        "From just before the click to the page settled (connected, script not running, nothing stale, no "
        "skeleton, every chart drawn: the suite's tests/e2e/waiting.py). *Server script*: the script runs the "
        "server logged during the click (bench/timed_server.py); *rest*: the websocket, the browser's drawing "
        "and the driver; *after the last run*: from the end of the click's last script run on the server to the "
        "page settled (the last messages and the browser's drawing). Each click proved its subject against the "
        "ledger built (last proof shown). Goals: "
        "median ≤ 0,5 s and p95 ≤ 1 s at the realistic size (36.000 entries), p95 ≤ 1,5 s at 1.000.000.",
        "",
        *clicks_table(runs),
    ]
    if any(run.first_loads for run in runs):
        lines += [
            "",
            "First load in a new browser context (no cache): seconds from navigation start, medians.",
            "",
            *first_load_table(runs),
        ]
    if any(run.memory for run in runs):
        lines += [
            "",
            f"Memory: {args.sessions} browser sessions opened one after the other on a fresh app process, each on "
            "the overview, a target's page and the year-on-year page, all kept open.",
            "",
            *memory_table(runs),
        ]
    notes = [note for run in runs for note in run.notes]
    slow = [
        (percentile([c.seconds for c in done], 0.95), run, key, done)
        for run in runs
        for key, done in run.clicks.items()
        if done
    ]
    slow.sort(key=lambda item: item[0], reverse=True)
    if slow:
        lines += ["", "The slowest clicks (p95), and where their time goes (medians):", ""]
        names = dict(INTERACTIONS)
        for p95, run, key, done in slow[:5]:
            server = median([c.server_s for c in done])
            total = median([c.seconds for c in done])
            drawing = median([c.drawing_s for c in done])
            lines.append(
                f"- {names[key]}, {run.backend} {size_text(run)}: p95 {seconds(p95)}; median {seconds(total)}, of "
                f"which the page's script on the server {seconds(server)} and the rest {seconds(total - server)} "
                f"({seconds(drawing)} of it after the server's last run: the browser drawing)."
            )
    waited = [(run, key, max(c.proof_wait_s for c in done)) for run in runs for key, done in run.clicks.items() if done]
    late = [f"{key} ({run.backend} {run.size}: {wait:.2f} s)" for run, key, wait in waited if wait > 0.5]
    if late:
        notes.append("The proof still waited after the page had settled for: " + ", ".join(late) + ".")
    if notes:
        lines += ["", *[f"- {note}" for note in notes]]
    return "\n".join(lines) + "\n"


def replace_section(path: Path, heading_line: str, text: str) -> None:
    """``text`` in place of the report's section of that heading, else at its end."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start = old.find(heading_line + "\n")
    if start < 0:
        new = (old.rstrip("\n") + "\n\n" if old else "") + text
    else:
        following = old.find("\n## ", start + len(heading_line))
        rest = old[following + 1 :] if following >= 0 else ""
        new = old[:start] + text + ("\n" + rest if rest else "")
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=f"{REALISTIC},1000000", help="'realistic' and/or entry counts")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--clicks", type=int, default=20, help="clicks timed per interaction (0: none)")
    parser.add_argument("--first-loads", type=int, default=5, help="first loads in a new browser (0: none)")
    parser.add_argument("--sessions", type=int, default=10, help="browser sessions for the memory (0: none)")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--json", type=Path, help="also write every click and proof as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: apt-get install -y chromium", file=sys.stderr)
        return 2
    runs = []
    for backend in args.backends.split(","):
        for label in args.sizes.split(","):
            runs.append(measure(backend.strip(), label.strip(), args))
    text = markdown(runs, args, time.monotonic() - STARTED)
    print(text)
    replace_section(args.out, HEADING, text)
    if args.json:
        args.json.write_text(json.dumps([asdict(run) for run in runs], indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
