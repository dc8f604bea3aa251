"""Benchmark of the overview, the target page and the year-on-year page against large
ledgers, in SQLite and in PostgreSQL; and of one plan among ten.

Not part of the test suite (a smoke run of it is: tests/service/test_bench_run.py). Run
from the project root, in the project's venv::

    python bench/run.py [--sizes 1000,100000,1000000] [--backends sqlite,postgresql]
                        [--repeats 5] [--saves 200] [--ten-plans 100000] [--no-rss]
                        [--out BENCHMARKS.md]

Every backend and size is measured in a process of its own (``run.py --one BACKEND SIZE``):
the app reads its settings once per process, so a second ledger in the same process
would be measured against the first one's database. Each builds its ledger with
bench/ledgers.py (the 2017 plan of targets.yaml; its six summed targets share 99 % of
``SIZE`` seeded entries, the level figure 1 %; 30 districts and about 5 % city-wide;
dates within 2017), then measures, medians over ``--repeats`` runs through AppTest:

- each page (dashboard.py's overview, pages/target.py on the plan's first target,
  pages/years.py): the first run, the cached rerun (nothing written since the last run)
  and the rerun right after a write (one ``Ledger.record`` before each run, not timed),
  against a floor of its own measured in the same process (bench/floor_app.py,
  floor_target.py, floor_years.py: the same widgets and figures, bare Streamlit, from
  numbers precomputed by bench/floor_data.py);
- saving one entry as the record form does (``validate_entry`` + ``Ledger.record`` with its
  check for an identical live entry), p50 and p95 over ``--saves``;
- ``python -m tracker summary --json``, a whole process (interpreter start included);
- the peak RSS (VmHWM) of ``streamlit run dashboard.py`` after headless Chromium has
  rendered the overview once (not with ``--no-rss``);
- where the time goes: one cached and one after-write rerun of each page under cProfile
  (the tracker's functions by cumulative time) and the SQL statements of the after-write
  rerun, each timed (with their plans at the largest size).

Every measured run proves its subject, or the benchmark stops with an error naming what
was expected and what was shown: after each timed run the page must show, for the
ledger built for it, every summed target's achieved figure (the overview's table), the
target's achieved figure (the target page), each year's whole-year figure (the
year-on-year table), all counted from the generated rows, not by the app; ``summary
--json`` every target's achieved figure and ``summary`` the number of entries.

Ten plans (``--ten-plans SIZE``, 0 to skip): ten synthetic yearly plans 2017–2026
(bench/ledgers.py), and one plan's (2025) overview cached and after a write, target
page cached and after a write, and ``summary --json --plan 2025`` timed with ``SIZE``
entries of each of the ten plans in the ledger, against the same with only that plan's
``SIZE`` entries (the same rows) in it; each in a process of its own, each proved.

It writes its own section, ``## Overview and pages (bench/run.py)``, of ``--out``
(replaced if there, appended if not; the other benchmarks' sections stay). Temporary
SQLite files and PostgreSQL schemas are removed at the end, also on failure.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import json
import logging
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import sqlalchemy  # noqa: E402
import streamlit  # noqa: E402

# Other benchmarks import database and log from here (``from run import database, log ...``).
from ledgers import PG_BASE_URL, Facts, database, log  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

CHROMIUM = os.environ.get("BENCH_CHROMIUM", "/usr/bin/chromium")
APPTEST_TIMEOUT = 300
HEADING = "## Overview and pages (bench/run.py)"
GOAL_SIZE = 1_000_000
GOALS = {
    "floor_ratio": 1.5,  # a cached rerun of a page / its floor
    "after_write_s": 0.1,  # the overview's rerun right after a write
    "ten_plans_ratio": 1.2,  # one plan among ten / the same plan alone
}
PAGES = ("overview", "target", "years")
PAGE_SCRIPTS = {"overview": None, "target": "pages/target.py", "years": "pages/years.py"}
FLOORS = {"overview": "floor_app.py", "target": "floor_target.py", "years": "floor_years.py"}
PAGE_NAMES = {"overview": "overview", "target": "target page", "years": "year-on-year page"}
TEN_PLANS_GOAL_SIZE = 100_000  # entries a plan
TEN_PLANS_YEAR = 2025  # the plan measured among ten: a whole year past, every entry counts


class ProofError(SystemExit):
    """A measured run that did not show the ledger built for it: the benchmark stops."""


# --- results -----------------------------------------------------------------------


@dataclass
class PageTimes:
    first_s: float = float("nan")
    cached_s: float = float("nan")
    after_write_s: float = float("nan")
    floor_s: float = float("nan")
    drift: str = ""

    @property
    def ratio(self) -> float:
        return self.cached_s / self.floor_s if self.floor_s == self.floor_s and self.floor_s else float("nan")


@dataclass
class Result:
    backend: str
    size: int
    load_s: float = 0.0
    pages: dict[str, PageTimes] = field(default_factory=dict)
    save_p50_ms: float = float("nan")
    save_p95_ms: float = float("nan")
    summary_s: float = float("nan")
    rss_mb: float = float("nan")
    # page → "cached"/"after write" → [(function, cumulative ms)]
    profiles: dict[str, dict[str, list[tuple[str, float]]]] = field(default_factory=dict)
    statements: dict[str, list[tuple[str, int, float]]] = field(default_factory=dict)  # page → (sql, calls, ms)
    plans: dict[str, str] = field(default_factory=dict)
    proved: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        pages = {name: PageTimes(**times) for name, times in data.pop("pages").items()}
        result = cls(**data)
        result.pages = pages
        result.profiles = {
            page: {kind: [tuple(row) for row in rows] for kind, rows in kinds.items()}  # type: ignore[misc]
            for page, kinds in result.profiles.items()
        }
        result.statements = {p: [tuple(x) for x in v] for p, v in result.statements.items()}  # type: ignore[misc]
        return result


@dataclass
class TenPlans:
    backend: str
    variant: str  # "single": only the plan's own entries; "ten": ten plans' entries
    size_each: int
    load_s: float = 0.0
    times: dict[str, float] = field(default_factory=dict)  # measure → seconds
    proved: list[str] = field(default_factory=list)
    profiles: dict[str, dict[str, list[tuple[str, float]]]] = field(default_factory=dict)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


# --- the process's settings ----------------------------------------------------------


def use(url: str, targets: Path) -> None:
    """Point this process's app at ``url`` and ``targets``: read once per process, so set
    before any of it reads them (and the cached reading dropped, should anything have)."""
    from tracker import settings

    os.environ["TRACKER_DATABASE_URL"] = url
    os.environ["TRACKER_TARGETS"] = str(targets)
    settings.current.cache_clear()


def check_settings(url: str, targets: Path) -> None:
    from tracker import settings

    current = settings.current()
    if current.database_url != url or Path(current.targets_path) != Path(targets):
        raise ProofError(
            f"the app's settings name {current.database_url} and {current.targets_path}, "
            f"not the ledger built for this run ({url}, {targets})"
        )


# --- proofs --------------------------------------------------------------------------


def fail(what: str, expected: object, shown: object) -> ProofError:
    return ProofError(
        f"bench/run.py: {what} did not show the ledger built for it.\n  expected: {expected}\n  shown:    {shown}"
    )


def shown_number(value: object) -> str:
    from tracker.i18n import format_number

    return format_number(float(value), "vi")  # type: ignore[arg-type]


def frames(app: Any) -> list[Any]:
    out = []
    for element in app.dataframe:
        value = element.value
        out.append(value.data if hasattr(value, "data") and not hasattr(value, "columns") else value)
    return out


def page_text(app: Any) -> str:
    parts = [str(e.value) for e in (*app.caption, *app.markdown, *app.title, *app.subheader)]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    return "\n".join(parts).replace("\\", "")  # Markdown escapes: "3\.874" reads 3.874


def contains_number(text: str, number: str) -> bool:
    """``number`` (as formatted) in ``text`` as a whole number, not a part of a longer one."""
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", text) is not None


def prove_no_exception(app: Any, what: str) -> None:
    if app.exception:
        raise ProofError(f"bench/run.py: {what} raised: {app.exception[0].value}")


def prove_overview(app: Any, plan: Any, facts: Facts, as_of: dt.date) -> str:
    from tracker.i18n import t

    prove_no_exception(app, "the overview")
    name, achieved = t("col.target", "vi"), t("col.achieved", "vi")
    table = next((f for f in frames(app) if name in f.columns and achieved in f.columns), None)
    expected = {
        target.short.in_("vi"): shown_number(facts.total(plan.id, target.id, as_of))
        for target in plan.targets
        if target.id in facts.summed.get(plan.id, set())
    }
    if table is None:
        raise fail("the overview", f"a table of targets with {expected}", "no such table")
    shown = {str(row[name]): str(row[achieved]) for _, row in table.iterrows()}
    if shown != expected:
        raise fail("the overview's achieved figures", expected, shown)
    return f"overview: {len(expected)} achieved figures"


def prove_target(app: Any, plan: Any, target: Any, facts: Facts, as_of: dt.date) -> str:
    prove_no_exception(app, "the target page")
    expected = shown_number(facts.total(plan.id, target.id, as_of))
    said = page_text(app)
    if target.title.in_("vi").replace("\\", "") not in said or not contains_number(said, expected):
        raise fail(f"the target page of {target.id}", f"its title and achieved figure {expected}", said[:600])
    return f"target page: {target.id} achieved {expected}"


def prove_years(app: Any, plans: Any, facts: Facts) -> str:
    from tracker.i18n import t
    from tracker.service import plan_as_of

    prove_no_exception(app, "the year-on-year page")
    name, year, whole = t("years.col.target", "vi"), t("years.col.year", "vi"), t("years.col.achieved", "vi")
    table = next((f for f in frames(app) if {name, year, whole} <= set(f.columns)), None)
    if table is None:
        raise fail("the year-on-year page", "a table of years", [list(f.columns) for f in frames(app)])
    by_year = {plan.year: plan for plan in plans if facts.entries(plan.id)}
    checked: dict[int, int] = {}
    for _, row in table.iterrows():
        plan = by_year.get(int(str(row[year])))
        if plan is None:
            continue
        target = next((x for x in plan.targets if x.short.in_("vi") == str(row[name])), None)
        if target is None or target.id not in facts.summed.get(plan.id, set()):
            continue
        expected = shown_number(facts.total(plan.id, target.id, plan_as_of(plan)))
        cell = str(row[whole])
        if cell != expected and not cell.startswith(expected + " "):
            raise fail(f"the year-on-year page's {plan.year} figure of {target.id}", expected, cell)
        checked[plan.year] = checked.get(plan.year, 0) + 1
    if set(checked) != set(by_year):
        raise fail("the year-on-year page", f"rows of the years {sorted(by_year)}", f"rows of {sorted(checked)}")
    return f"years page: {sum(checked.values())} whole-year figures of {len(checked)} years"


def prove_summary(payload: dict[str, Any], plan: Any, facts: Facts, as_of: dt.date) -> str:
    expected = {t: float(facts.total(plan.id, t, as_of)) for t in sorted(facts.summed.get(plan.id, set()))}
    shown = {row["id"]: float(row["achieved"]) for row in payload.get("targets", []) if row["id"] in expected}
    if payload.get("plan") != plan.id or shown != expected:
        raise fail("summary --json", {"plan": plan.id, **expected}, {"plan": payload.get("plan"), **shown})
    count = facts.entries(plan.id, as_of)
    for key in ("entries", "entry_count"):
        if key in payload and int(payload[key]) != count:
            raise fail("summary --json's entry count", count, payload[key])
    return f"summary --json: {len(expected)} achieved figures"


def prove_summary_count(output: str, plan: Any, facts: Facts, as_of: dt.date) -> str:
    count = facts.entries(plan.id, as_of)
    first = output.strip().splitlines()[0] if output.strip() else ""
    if not contains_number(first, shown_number(count)):
        raise fail("summary's entry count", shown_number(count), first)
    return f"summary: {count} entries"


# --- measuring -----------------------------------------------------------------------


class Writes:
    """Checked entries, as the record form makes them, each noted in the facts so that the
    runs after it are proved against the ledger as it then is."""

    def __init__(self, plan: Any, url: str, facts: Facts) -> None:
        from tracker.storage.ledger import Ledger

        self.plan, self.facts, self.count = plan, facts, 0
        self.ledger = Ledger(url, plan.id, plan=plan)

    def entry(self) -> Any:
        from tracker.domain.districts import district_names
        from tracker.domain.entries import validate_entry

        self.count += 1
        districts = district_names()
        return validate_entry(
            self.plan,
            target_id=self.plan.targets[0].id,
            quantity=str(1 + self.count % 200),
            ref_date=self.plan.period.start + dt.timedelta(days=self.count % 365),
            district=districts[self.count % len(districts)],
            note=f"bench {self.count}",  # never a repeat: the form's save checks for one, and must not refuse
            entered_by="bench",
        )

    def write(self, allow_repeat: bool = True) -> None:
        entry = self.entry()
        self.ledger.record(entry, allow_repeat=allow_repeat)
        self.facts.note(
            {
                "plan_id": self.plan.id,
                "target_id": entry.target_id,
                "ref_date": entry.ref_date,
                "quantity_milli": int(entry.quantity * 1000),
            }
        )

    def dispose(self) -> None:
        self.ledger.dispose()


def timed_runs(
    app: Any, repeats: int, prove: Callable[[], str], label: str, before: Callable[[], None] | None = None
) -> tuple[list[float], str]:
    times: list[float] = []
    proof = ""
    for number in range(1, repeats + 1):
        if before is not None:
            before()
        began = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - began)
        try:
            proof = prove()  # after every run, not timed
        except ProofError as error:
            raise ProofError(f"{error.code}\n  (in {label} {number} of {repeats})") from None
    return times, proof


def open_page(page: str, query: dict[str, str]) -> tuple[Any, float]:
    """An AppTest on ``page``: the overview first, as a person arrives, then the page; the
    page's first run timed."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=APPTEST_TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    began = time.perf_counter()
    app.run()
    first = time.perf_counter() - began
    prove_no_exception(app, "the overview")
    script = PAGE_SCRIPTS[page]
    if script is not None:
        began = time.perf_counter()
        app.switch_page(script).run()
        first = time.perf_counter() - began
    return app, first


def floor_time(page: str, url: str, repeats: int, workdir: Path) -> float:
    """The page's floor, its numbers taken from the real page's computations on this ledger."""
    import floor_data
    from streamlit.testing.v1 import AppTest

    path = workdir / f"floor-{page}.pickle"
    floor_data.write(page, url, path)
    os.environ["BENCH_FLOOR_DATA"] = str(path)
    floor = AppTest.from_file(str(BENCH / FLOORS[page]), default_timeout=APPTEST_TIMEOUT)
    floor.run()
    prove_no_exception(floor, f"the {page} floor")
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        floor.run()
        times.append(time.perf_counter() - began)
    prove_no_exception(floor, f"the {page} floor")
    return median(times)


@contextlib.contextmanager
def statements() -> Iterator[list[tuple[str, Any, float]]]:
    """Every SQL statement any engine of this process runs meanwhile, with its time."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    found: list[tuple[str, Any, float]] = []
    started: list[float] = []

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        started.append(time.perf_counter())

    def after(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if started:
            found.append((statement, parameters, (time.perf_counter() - started.pop()) * 1000))

    event.listen(Engine, "before_cursor_execute", before)
    event.listen(Engine, "after_cursor_execute", after)
    try:
        yield found
    finally:
        event.remove(Engine, "before_cursor_execute", before)
        event.remove(Engine, "after_cursor_execute", after)


def profiled(app: Any, before: Callable[[], None] | None = None) -> list[tuple[str, float]]:
    """One run under cProfile, in the thread that runs the script: the project's functions
    and Streamlit's elements by cumulative time (the top 10)."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    if before is not None:
        before()
    profile = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread

    def run_profiled(self: Any) -> None:
        profile.enable()
        try:
            original(self)
        finally:
            profile.disable()

    LocalScriptRunner._run_script_thread = run_profiled  # type: ignore[method-assign]
    try:
        app.run()
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]
    rows = []
    for (filename, _, function), (_, _, _, cumulative, _) in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        path = Path(filename)
        if ROOT in path.parents and "bench" not in path.parts and ".venv" not in path.parts:
            name = f"{path.relative_to(ROOT)}:{function}"
        elif "streamlit" in path.parts and "elements" in path.parts and not function.startswith("_"):
            name = f"st.{function}"
        else:
            continue
        rows.append((name, cumulative * 1000))
    return sorted(rows, key=lambda row: -row[1])[:10]


def explain(url: str, statement: str, parameters: Any) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS) "
            rows = connection.exec_driver_sql(prefix + statement, parameters).fetchall()
            return "\n".join(str(row[-1]) if sqlite else str(row[0]) for row in rows)
    except Exception as error:  # only for the report
        return f"(no plan: {type(error).__name__})"
    finally:
        engine.dispose()


def measure_page(
    page: str,
    query: dict[str, str],
    prove: Callable[[Any], str],
    writes: Writes,
    result: Result,
    repeats: int,
    workdir: Path,
    url: str,
    deep: bool,
    with_floor: bool = True,
) -> PageTimes:
    times = PageTimes()
    app, times.first_s = open_page(page, query)
    result.proved.append(prove(app))
    cached, proof = timed_runs(app, repeats, lambda: prove(app), f"{page}: cached rerun")
    if with_floor:
        times.floor_s = floor_time(page, url, repeats, workdir)
        again, proof = timed_runs(app, repeats, lambda: prove(app), f"{page}: cached rerun after the floor")
        if abs(median(again) - median(cached)) > 0.25 * median(cached):
            times.drift = f"{median(cached) * 1000:.0f} ms before the floor, {median(again) * 1000:.0f} ms after"
        cached += again
    times.cached_s = median(cached)
    after, proof = timed_runs(
        app, repeats, lambda: prove(app), f"{page}: rerun after a write ({writes.count} written so far)", writes.write
    )
    times.after_write_s = median(after)
    result.proved.append(f"{proof} (after {len(cached)} cached and {len(after)} after-write runs)")
    if deep:
        result.profiles[page] = {"cached": profiled(app), "after write": profiled(app, writes.write)}
        prove(app)
        writes.write()
        with statements() as ran:
            app.run()
        prove(app)
        grouped: dict[str, list[float]] = {}
        first_parameters: dict[str, Any] = {}
        for statement, parameters, ms in ran:
            grouped.setdefault(statement, []).append(ms)
            first_parameters.setdefault(statement, parameters)
        ordered = sorted(grouped.items(), key=lambda item: -sum(item[1]))
        result.statements[page] = [(" ".join(s.split())[:300], len(ms), sum(ms)) for s, ms in ordered[:8]]
        if deep == "explain":
            queries = [(s, times) for s, times in ordered if s.lstrip().upper().startswith(("SELECT", "WITH"))]
            for number, (statement, _) in enumerate(queries[:2], 1):
                compact = " ".join(statement.split())
                result.plans[f"{page}, query {number}"] = (
                    f"{compact}\n--\n{explain(url, statement, first_parameters[statement])}"
                )
    return times


def measure_saves(writes: Writes, result: Result, saves: int) -> None:
    times: list[float] = []
    for _ in range(saves):
        began = time.perf_counter()
        writes.write(allow_repeat=False)  # as the record form saves: the repeat check included
        times.append((time.perf_counter() - began) * 1000)
    result.save_p50_ms = percentile(times, 0.50)
    result.save_p95_ms = percentile(times, 0.95)


def summary_run(url: str, targets: Path, plan_key: str | None, as_json: bool = True) -> tuple[float, str]:
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_TARGETS": str(targets), "TRACKER_LANG": "vi"}
    command = [sys.executable, "-m", "tracker", "summary", *(["--json"] if as_json else [])]
    command += ["--plan", plan_key] if plan_key else []
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300, check=False)
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise ProofError(f"bench/run.py: {' '.join(command[2:])} failed: {done.stderr.decode(errors='replace')}")
    return took, done.stdout.decode()


def measure_summary(
    url: str, targets: Path, plan: Any, facts: Facts, repeats: int, plan_key: str | None = None
) -> tuple[float, list[str]]:
    from tracker.service import plan_as_of

    as_of = plan_as_of(plan)
    times = []
    proofs = []
    for _ in range(repeats):
        took, output = summary_run(url, targets, plan_key)
        times.append(took)
        proofs = [prove_summary(json.loads(output), plan, facts, as_of)]
    _, output = summary_run(url, targets, plan_key, as_json=False)  # the entry count: said in the text
    proofs.append(prove_summary_count(output, plan, facts, as_of))
    return median(times), proofs


def peak_rss(url: str, targets: Path, result: Result, workdir: Path) -> None:
    """VmHWM of `streamlit run dashboard.py` once Chromium has rendered the overview."""
    if not Path(CHROMIUM).exists():
        result.notes.append(f"peak RSS not measured: no Chromium at {CHROMIUM}")
        return
    from playwright.sync_api import sync_playwright

    from tests.e2e.server import CHROMIUM_ARGS, dashboard_process

    with dashboard_process(workdir / "rss", url, targets) as (base, pid):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(base, timeout=120_000)
                page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=120_000)
                page.wait_for_selector('[data-testid="stDataFrame"]', timeout=120_000)
                time.sleep(1.0)  # let the last deltas and the session settle
            finally:
                browser.close()
        status = Path(f"/proc/{pid}/status").read_text()
        hwm = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        result.rss_mb = int(hwm.split()[1]) / 1024


def one(backend: str, size: int, args: argparse.Namespace) -> Result:
    """One backend and size, in this process: build, measure, prove."""
    from ledgers import bulk_ledger, real_plan

    from tracker.domain.plan import read_plans
    from tracker.service import plan_as_of

    result = Result(backend, size)
    targets = ROOT / "targets.yaml"
    workdir = Path(tempfile.mkdtemp(prefix="bench-run-"))
    try:
        with database(backend, size, workdir) as url:
            use(url, targets)
            plans = read_plans(targets)
            plan = real_plan()
            facts = bulk_ledger(url, plan, size, tag=f"{backend}: ")
            result.load_s = facts.load_s
            log(f"{backend} {size:,}: loaded in {facts.load_s:.1f} s")
            check_settings(url, targets)
            as_of = plan_as_of(plan)
            target = plan.targets[0]
            writes = Writes(plan, url, facts)
            deep: Any = "explain" if args.explain else True
            proofs = {
                "overview": lambda app: prove_overview(app, plan, facts, as_of),
                "target": lambda app: prove_target(app, plan, target, facts, as_of),
                "years": lambda app: prove_years(app, plans, facts),
            }
            try:
                for page in PAGES:
                    times = measure_page(
                        page, {}, proofs[page], writes, result, args.repeats, workdir, url, deep, with_floor=True
                    )
                    result.pages[page] = times
                    if times.drift:
                        result.notes.append(f"{PAGE_NAMES[page]}: cached rerun drifted, {times.drift}")
                    if times.ratio < 0.8:
                        result.notes.append(
                            f"{PAGE_NAMES[page]}: its floor ({ms(times.floor_s)}) is slower than the page's cached "
                            f"rerun ({ms(times.cached_s)}): the floor draws on every run what the page keeps, so "
                            "it bounds nothing here"
                        )
                    log(
                        f"{backend} {size:,}: {PAGE_NAMES[page]} cached {ms(times.cached_s)}, floor "
                        f"{ms(times.floor_s)}, after a write {ms(times.after_write_s)}; proved"
                    )
                measure_saves(writes, result, args.saves)
                log(f"{backend} {size:,}: save p50 {result.save_p50_ms:.1f} ms, p95 {result.save_p95_ms:.1f} ms")
            finally:
                writes.dispose()
            result.summary_s, proofs_summary = measure_summary(url, targets, plan, facts, args.repeats)
            result.proved += proofs_summary
            log(f"{backend} {size:,}: summary --json {ms(result.summary_s)}; proved")
            if not args.no_rss:
                peak_rss(url, targets, result, workdir)
                log(f"{backend} {size:,}: peak RSS {num(result.rss_mb, 'MB', 0)}")
            dispose_app_ledger(url)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for line in result.proved:
        print(f"PROVED {backend} {size}: {line}", flush=True)
    return result


def dispose_app_ledger(url: str) -> None:
    """The app's pooled connections, closed before the schema is dropped."""
    with contextlib.suppress(Exception):
        from tracker.ui import frame

        frame._ledger_cached(url).dispose()
    streamlit.cache_resource.clear()
    streamlit.cache_data.clear()


def one_of_ten(backend: str, variant: str, size_each: int, args: argparse.Namespace) -> TenPlans:
    """The 2025 plan with only its own entries ("single") or among ten plans' ("ten")."""
    from ledgers import plans_file, ten_plans_ledger

    from tracker.domain.plan import read_plans
    from tracker.service import plan_as_of

    result = TenPlans(backend, variant, size_each)
    workdir = Path(tempfile.mkdtemp(prefix="bench-ten-"))
    try:
        targets = plans_file(workdir)
        plans = read_plans(targets)
        plan = next(p for p in plans if p.year == TEN_PLANS_YEAR)
        loaded = [plan] if variant == "single" else list(plans)
        with database(backend, f"ten_{variant}_{size_each}", workdir) as url:
            use(url, targets)
            facts = ten_plans_ledger(url, loaded, size_each, tag=f"{backend} {variant}: ")
            result.load_s = facts.load_s
            log(f"{backend}, {len(loaded)} plan(s) of {size_each:,}: loaded in {facts.load_s:.1f} s")
            check_settings(url, targets)
            as_of = plan_as_of(plan)
            target = plan.targets[0]
            key = plans.key(plan)
            writes = Writes(plan, url, facts)
            scratch = Result(backend, size_each)
            try:
                overview = measure_page(
                    "overview", {"plan": key}, lambda app: prove_overview(app, plan, facts, as_of),
                    writes, scratch, args.repeats, workdir, url, deep=True, with_floor=False,
                )  # fmt: skip
                page = measure_page(
                    "target", {"plan": key}, lambda app: prove_target(app, plan, target, facts, as_of),
                    writes, scratch, args.repeats, workdir, url, deep=True, with_floor=False,
                )  # fmt: skip
            finally:
                writes.dispose()
            summary_s, proofs = measure_summary(url, targets, plan, facts, args.repeats, plan_key=key)
            dispose_app_ledger(url)
        result.times = {
            "overview, cached rerun": overview.cached_s,
            "overview, rerun after a write": overview.after_write_s,
            "target page, cached rerun": page.cached_s,
            "target page, rerun after a write": page.after_write_s,
            "summary --json": summary_s,
        }
        result.proved = [*scratch.proved, *proofs]
        result.profiles = scratch.profiles
        log(
            f"{backend}, {variant}: overview {ms(overview.cached_s)} / {ms(overview.after_write_s)} after a write, "
            f"target page {ms(page.cached_s)} / {ms(page.after_write_s)}, summary {ms(summary_s)}; proved"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for line in result.proved:
        print(f"PROVED {backend} ten-plans {variant}: {line}", flush=True)
    return result


# --- report --------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal:")
    )
    pg_version = "n/a"
    try:
        engine = create_engine(PG_BASE_URL)
        with engine.connect() as connection:
            pg_version = str(connection.execute(text("SHOW server_version")).scalar_one())
        engine.dispose()
    except Exception:  # only for the report
        pass
    import sqlite3

    return {
        "CPU": cpu,
        "cores (nproc)": str(os.cpu_count()),
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Streamlit": streamlit.__version__,
        "SQLAlchemy": sqlalchemy.__version__,
        "SQLite": sqlite3.sqlite_version,
        "PostgreSQL": pg_version,
        "commit": code_measured(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load average at start (1/5/15 min)": load_average(),
    }


def code_measured() -> str:
    """The commit a report's figures belong to, saying so when tracked files differ from it
    (the report itself, written by an earlier run, is not the code measured)."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md"],
        cwd=ROOT, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    if commit.returncode != 0:
        return "unknown (not a git checkout)"
    return commit.stdout.strip() + (" (with uncommitted changes to tracked files)" if dirty else "")


def load_average() -> str:
    """Other work on the machine skews every number: the report says how busy it was."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def replace_section(path: Path, heading: str, text: str) -> None:
    """Write ``text``, a section that starts with ``heading``, into the report at ``path``:
    in place of the section of that heading if the report has one (a rerun), else at its
    end. The other sections, which other benchmarks write, stay as they are."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start = old.find(heading + "\n")
    if start < 0:
        new = (old.rstrip("\n") + "\n\n" if old else "") + text
    else:
        following = old.find("\n## ", start + len(heading))
        rest = old[following + 1 :] if following >= 0 else ""
        new = old[:start] + text + ("\n" + rest if rest else "")
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def vn(value: float, digits: int = 0) -> str:
    """A number written the Vietnamese way, as the rest of the report: 1.234,5."""
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def ms(seconds: float) -> str:
    return "–" if seconds != seconds else f"{vn(seconds * 1000)} ms"


def num(value: float, unit: str, digits: int = 1) -> str:
    return "–" if value != value else f"{vn(value, digits)} {unit}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def pages_table(results: list[Result]) -> list[str]:
    lines = [
        "| backend | entries | page | first run | cached rerun | its floor | cached / floor | rerun after a write |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for page in PAGES:
            p = r.pages.get(page)
            if p is None:
                continue
            lines.append(
                f"| {r.backend} | {vn(r.size)} | {PAGE_NAMES[page]} | {ms(p.first_s)} | {ms(p.cached_s)} | "
                f"{ms(p.floor_s)} | {num(p.ratio, '×', 2)} | {ms(p.after_write_s)} |"
            )
    return lines


def others_table(results: list[Result]) -> list[str]:
    lines = [
        "| backend | entries | bulk load | save p50 | save p95 | `summary --json` (whole process) "
        "| peak RSS, one session |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.backend} | {vn(r.size)} | {num(r.load_s, 's')} | {num(r.save_p50_ms, 'ms')} | "
            f"{num(r.save_p95_ms, 'ms')} | {ms(r.summary_s)} | {num(r.rss_mb, 'MB', 0)} |"
        )
    return lines


def ten_plans_rows(ten: list[TenPlans]) -> tuple[list[str], list[str], list[tuple[TenPlans, TenPlans, str]]]:
    """The table, the goal rows, and what was missed: (alone, among ten, measure)."""
    bound = vn(GOALS["ten_plans_ratio"], 1)
    lines = [
        f"| backend | measure | the plan alone | among ten plans | ratio | within {bound}× |",
        "|---|---|---:|---:|---:|---|",
    ]
    goals: list[str] = []
    missed: list[tuple[TenPlans, TenPlans, str]] = []
    for backend in dict.fromkeys(t.backend for t in ten):
        single = next((t for t in ten if t.backend == backend and t.variant == "single"), None)
        many = next((t for t in ten if t.backend == backend and t.variant == "ten"), None)
        if single is None or many is None:
            continue
        for measure, alone in single.times.items():
            among = many.times.get(measure, float("nan"))
            ratio = among / alone if alone else float("nan")
            ok = ratio <= GOALS["ten_plans_ratio"]
            lines.append(
                f"| {backend} | {measure} | {ms(alone)} | {ms(among)} | {num(ratio, '×', 2)} | {verdict(ok)} |"
            )
            goals.append(
                f"| one plan among ten: {measure} within {bound}× the plan alone | {backend} "
                f"| 10 plans × {vn(single.size_each)}"
                f"{'' if single.size_each == TEN_PLANS_GOAL_SIZE else ' (the goal is set at 10 × 100.000)'} "
                f"| {num(ratio, '×', 2)} ({ms(among)} / {ms(alone)}) "
                f"| {verdict(ok)} |"
            )
            if not ok:
                missed.append((single, many, measure))
    return lines, goals, missed


def where_ten_plans_time_goes(missed: list[tuple[TenPlans, TenPlans, str]]) -> list[str]:
    out: list[str] = []
    for single, many, measure in missed:
        out += [
            f"**{many.backend}, {measure}: {ms(many.times[measure])} among ten plans, "
            f"{ms(single.times[measure])} alone.**",
            "",
        ]
        page = "overview" if measure.startswith("overview") else "target" if measure.startswith("target") else ""
        kind = "after write" if "after a write" in measure else "cached"
        for variant, label in ((many, "among ten plans"), (single, "alone")):
            functions = variant.profiles.get(page, {}).get(kind, [])
            if functions:
                out.append(
                    f"One such rerun {label} under cProfile: "
                    + "; ".join(f"`{name}` {num(took, 'ms')}" for name, took in functions[:6])
                    + "."
                )
        if not page:
            out.append(
                "`summary --json` is a whole process: Python's start and the tracker's imports are most of it, "
                "whatever the ledger holds; a difference this size is within the run's noise on a busy machine."
            )
        out.append("")
    return out


def goal_rows(results: list[Result]) -> tuple[list[str], list[tuple[Result, str, str]]]:
    """The goal rows, and what was missed: (result, page, "cached" or "after write")."""
    lines = ["| goal | backend | ledger | measured | |", "|---|---|---|---:|---|"]
    missed: list[tuple[Result, str, str]] = []
    for backend in dict.fromkeys(r.backend for r in results):
        mine = [r for r in results if r.backend == backend]
        r = next((x for x in mine if x.size == GOAL_SIZE), max(mine, key=lambda x: x.size))
        size = f"{vn(r.size)} entries" + ("" if r.size == GOAL_SIZE else " (the goal is set at 1.000.000)")
        for page in PAGES:
            p = r.pages.get(page)
            if p is None:
                continue
            ok = p.ratio <= GOALS["floor_ratio"]
            lines.append(
                f"| {PAGE_NAMES[page]}: cached rerun within {vn(GOALS['floor_ratio'], 1)}× its floor | {backend} "
                f"| {size} | {num(p.ratio, '×', 2)} ({ms(p.cached_s)} / {ms(p.floor_s)}) | {verdict(ok)} |"
            )
            if not ok:
                missed.append((r, page, "cached"))
        p = r.pages.get("overview")
        if p is not None:
            ok = p.after_write_s <= GOALS["after_write_s"]
            lines.append(
                f"| overview: rerun right after a write within {vn(GOALS['after_write_s'], 1)} s | {backend} "
                f"| {size} | {ms(p.after_write_s)} | {verdict(ok)} |"
            )
            if not ok:
                missed.append((r, "overview", "after write"))
    return lines, missed


def where_time_goes(missed: list[tuple[Result, str, str]]) -> list[str]:
    out: list[str] = []
    for r, page, kind in missed:
        p = r.pages[page]
        gap = p.cached_s - p.floor_s if kind == "cached" else p.after_write_s
        lead = (
            f"cached rerun {ms(p.cached_s)} against its floor's {ms(p.floor_s)}, {ms(gap)} more"
            if kind == "cached"
            else f"rerun after a write {ms(p.after_write_s)}"
        )
        out += [f"**{r.backend}, {vn(r.size)} entries, {PAGE_NAMES[page]}: {lead}.**", ""]
        functions = r.profiles.get(page, {}).get(kind, [])
        if functions:
            out.append(
                "One such rerun under cProfile (which slows it), the project's functions by cumulative time: "
                + "; ".join(f"`{name}` {num(took, 'ms')}" for name, took in functions)
                + "."
            )
        ran = r.statements.get(page, [])
        if ran and kind == "after write":
            total = sum(took for _, _, took in ran)
            out.append(
                f"Its SQL statements (the slowest {len(ran)}, {num(total, 'ms')} together): "
                + "; ".join(f"{num(took, 'ms')} in {calls}× `{sql[:160]}`" for sql, calls, took in ran[:5])
                + "."
            )
        out.append("")
    return out


def section(
    info: dict[str, str],
    results: list[Result],
    ten: list[TenPlans],
    args: argparse.Namespace,
    elapsed: float,
) -> str:
    goals, missed = goal_rows(results)
    ten_lines, ten_goals, ten_missed = ten_plans_rows(ten)
    versions = ", ".join(f"{k} {info[k]}" for k in ("Python", "Streamlit", "SQLAlchemy", "SQLite", "PostgreSQL"))
    parts = [
        HEADING,
        "",
        f"Measured {info['date']} at commit {info['commit']}, on {info['CPU']} ({info['cores (nproc)']} cores, "
        f"{info['memory']}), {info['OS']}; {versions}. Load average (1/5/15 min) "
        f"{info['load average at start (1/5/15 min)']} at the start, {info['load average at end (1/5/15 min)']} "
        f"at the end; the run took {vn(elapsed / 60, 1)} min. `python bench/run.py --sizes {args.sizes} "
        f"--backends {args.backends} --repeats {args.repeats} --saves {args.saves} --ten-plans {args.ten_plans}"
        f"{' --no-rss' if args.no_rss else ''}`.",
        "",
        f"Each backend and size in a process of its own. Times are medians over {args.repeats} runs through "
        "AppTest (the server's script time, no browser). *First run*: the page opened after the overview. "
        "*Cached rerun*: nothing written since the last run. *Floor*: the same widgets and figures drawn by "
        "bare Streamlit from precomputed numbers (bench/floor_app.py, floor_target.py, floor_years.py), in the "
        "same process and run. *Rerun after a write*: one `Ledger.record` before each run, not timed. "
        "Every timed run was proved against the ledger built for it (counted from the generated rows, not by "
        "the app): the overview's achieved figure of every target, the target page's achieved figure, the "
        "year-on-year table's whole-year figures, `summary --json`'s achieved figures and `summary`'s number "
        "of entries; a run that showed anything else would have stopped the benchmark.",
        "",
        *pages_table(results),
        "",
        *others_table(results),
        "",
    ]
    if ten_lines and len(ten_lines) > 2:
        parts += [
            "### One plan among ten",
            "",
            f"Ten synthetic yearly plans 2017–2026 of ten targets each (bench/ledgers.py). The {TEN_PLANS_YEAR} "
            f"plan measured with {vn(args.ten_plans)} entries of each of the ten plans in the ledger, against the "
            f"same plan with only its own {vn(args.ten_plans)} entries (the same rows) in it; each in a process "
            "of its own, each run proved.",
            "",
            *ten_lines,
            "",
        ]
    parts += ["### Goals (issue 20)", "", *goals, *ten_goals, ""]
    notes = [f"- {r.backend} {vn(r.size)}: {note}" for r in results for note in r.notes]
    if missed or ten_missed:
        parts += [
            "### Where the time goes, for each goal not met",
            "",
            *where_time_goes(missed),
            *where_ten_plans_time_goes(ten_missed),
        ]
    plans = [(r, name, plan) for r in results for name, plan in r.plans.items()]
    if plans:
        parts += ["### The after-write rerun's slowest queries and their plans (largest size)", ""]
        for r, name, plan in plans:
            parts += [f"{r.backend}, {vn(r.size)} entries, {name}:", "", "```", plan, "```", ""]
    if notes:
        parts += ["### Notes from the run", "", *notes, ""]
    parts += [
        "### What the numbers do not include",
        "",
        "- The ledgers are bulk-loaded into `entries` (and their derived tables recounted): no `entry_changes` "
        "row per loaded entry, so the history would show none.",
        "- AppTest runs the script in the benchmark's process without a browser: server-side script time, "
        "not time until pixels (bench/clicks.py measures that).",
        "- The machine has few cores; anything else running (see the load averages) slows every number. The "
        "floors are measured in the same process and run so that the ratios stay comparable; absolute times "
        "do not.",
        "",
    ]
    return "\n".join(parts)


# --- main ----------------------------------------------------------------------------


def child(argv: list[str], result_json: Path) -> int:
    """Run one measurement in a process of its own; its result to ``result_json``."""
    done = subprocess.run([sys.executable, __file__, *argv, "--result-json", str(result_json)], cwd=ROOT, check=False)
    return done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--ten-plans", type=int, default=100_000, help="entries per plan; 0: skip")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-rss", action="store_true", help="skip the Chromium peak-memory measurement")
    parser.add_argument("--one", nargs=2, metavar=("BACKEND", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--one-of-ten", nargs=3, metavar=("BACKEND", "VARIANT", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--explain", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--result-json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one or args.one_of_ten:
        # Streamlit calls made outside a script run (the floors' numbers, clearing caches)
        # each log a harmless warning; they would bury the benchmark's own lines.
        logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
        logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
    if args.one:
        result = one(args.one[0], int(args.one[1]), args)
        args.result_json.write_text(json.dumps(asdict(result)), encoding="utf-8")
        return 0
    if args.one_of_ten:
        backend, variant, size = args.one_of_ten
        ten_result = one_of_ten(backend, variant, int(size), args)
        args.result_json.write_text(json.dumps(asdict(ten_result)), encoding="utf-8")
        return 0

    sizes = [int(s.replace(".", "").replace("_", "")) for s in args.sizes.split(",") if s]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    for backend in backends:
        if backend not in ("sqlite", "postgresql"):
            parser.error(f"unknown backend {backend!r}")
    info = machine()
    log(f"machine: {info['CPU']}, {info['cores (nproc)']} cores, {info['memory']}; commit {info['commit']}")
    common = ["--repeats", str(args.repeats), "--saves", str(args.saves), *(["--no-rss"] if args.no_rss else [])]
    results: list[Result] = []
    ten: list[TenPlans] = []
    with tempfile.TemporaryDirectory(prefix="bench-run-results-") as folder:
        for backend in backends:
            for size in sizes:
                out = Path(folder) / f"{backend}-{size}.json"
                log(f"{backend} {size:,}: in a process of its own")
                explain = ["--explain"] if size == max(sizes) else []
                if child(["--one", backend, str(size), *common, *explain], out) != 0:
                    print(f"bench/run.py: {backend} {size:,} failed (see above)", file=sys.stderr)
                    return 1
                results.append(Result.from_json(json.loads(out.read_text(encoding="utf-8"))))
            if args.ten_plans > 0:
                for variant in ("single", "ten"):
                    out = Path(folder) / f"{backend}-ten-{variant}.json"
                    log(f"{backend}: the {TEN_PLANS_YEAR} plan, {variant}, {args.ten_plans:,} entries a plan")
                    if child(["--one-of-ten", backend, variant, str(args.ten_plans), *common], out) != 0:
                        print(f"bench/run.py: {backend} ten plans ({variant}) failed (see above)", file=sys.stderr)
                        return 1
                    ten.append(TenPlans(**json.loads(out.read_text(encoding="utf-8"))))
    elapsed = time.monotonic() - STARTED
    info["load average at end (1/5/15 min)"] = load_average()
    text_out = section(info, results, ten, args, elapsed)
    replace_section(args.out, HEADING, text_out)
    print(text_out)
    log(f"wrote its section of {args.out}")
    return 0


STARTED = time.monotonic()

if __name__ == "__main__":
    sys.exit(main())
