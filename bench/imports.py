"""Benchmark of the district-report import, in SQLite and in PostgreSQL.

Not part of the test suite (a smoke run at a tiny size is: tests/service/test_bench_imports.py).
Run from the project root, in the project's venv::

    python bench/imports.py [--backends sqlite,postgresql] [--repeats 3] [--csv-rows 100000]
                            [--no-profile] [--out BENCHMARKS.md]

Two files, made once per run, the same bytes for every measurement:

- *xlsx*: the 2017 plan's report template for a year, the 30 districts x 6 targets x 12
  months (``template_rows`` + ``template_xlsx``, 2,160 rows), its quantity column filled
  with whole numbers through openpyxl, as a district office would send it back;
- *csv*: ``--csv-rows`` rows ``Quận/huyện,Mục tiêu,Ngày,Số lượng,Làng nghề``: districts
  cycling through the 30 names, the 6 targets' Vietnamese titles, dates dd/mm/yyyy in 2017,
  quantities 0..199, village names chosen so that every row is a figure of its own
  (target + district + village + day).

For each file the benchmark keeps what it wrote: how many rows and the sum of their
quantities. Every measured import is proved against it: the preview must find that many
new rows (a re-import that many unchanged) and no error, and after each save (in the
process and through the command line) the database must hold that many live entries of
the plan whose quantities sum to that total, counted by SQL of its own, not by the
tracker's reads; otherwise the benchmark stops with an error (exit code 1) and the
section says what failed.

For each backend, ``--repeats`` times, each measurement on a fresh database whose schema
is created (migrated) beforehand and not timed, for each file:

1. in the benchmark's process: ``read_spreadsheet`` + ``preview_import`` on the empty
   ledger (what the import page does with an upload), ``write_import`` (the save), then
   ``read_spreadsheet`` + ``preview_import`` once more, now that the ledger holds the same
   figures (a re-import: every row unchanged);
2. ``python -m tracker import FILE --by Bench`` as a subprocess with TRACKER_DATABASE_URL
   set: wall time, interpreter start included, and the child's CPU time; the exit code
   must be 0; and the same command on a CSV with only the header (exit code 1), the cost
   paid before any row.

Goals (issue 20): the *csv* of 100,000 rows through the command line within 5 s; the
page's preview of the year's template (read + preview, also of a re-import) within 0.3 s.

Medians are reported. Then, unless ``--no-profile``, to show where the CSV's time goes,
two extra runs per backend: one times the save's SQL statements (SQLAlchemy cursor
events), one profiles (cProfile) the save and, on the first backend only (it barely
touches the database), the preview. The section "## District report import
(bench/imports.py)" of ``--out`` is written (replaced if there, else appended); the rest
of the file is left as it is. Temporary files and PostgreSQL schemas are removed at the
end, also on failure.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import io
import os
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path

# bench/ is on sys.path when this runs as a script; importing ledgers.py puts the project
# root there too, before the tracker's modules below are imported (isort keeps them after it).
from ledgers import ROOT, database, log
from openpyxl import load_workbook
from run import load_average, machine, median, replace_section
from sqlalchemy import create_engine, event, func, select

from tracker.domain.districts import district_names
from tracker.domain.plan import Plan, load_plan
from tracker.domain.reports import DATA_SHEET, TEMPLATE_FIELDS, Field, periods_of
from tracker.present.template import template_rows, template_xlsx
from tracker.service.imports import ImportPreview, Outcome, preview_import, write_import
from tracker.service.spreadsheets import CLI_LIMITS, read_spreadsheet
from tracker.storage.database import Database
from tracker.storage.ledger import Ledger, entries

HEADING = "## District report import (bench/imports.py)"
CSV_HEADER = ("Quận/huyện", "Mục tiêu", "Ngày", "Số lượng", "Làng nghề")
CSV_ROWS = 100_000
BY = "Bench"
SEED = 2017
CLI_TIMEOUT = 600
GOALS = {
    "xlsx_preview_s": 0.3,  # the page's preview of the year's template: read + preview, also of a re-import
    "csv_cli_s": 5.0,  # the 100,000-row CSV through `python -m tracker import`
}
PROFILE_LINES = 10


# --- results -----------------------------------------------------------------------


@dataclass
class Result:
    backend: str
    kind: str  # xlsx | csv
    rows: int
    read: list[float] = field(default_factory=list)
    preview: list[float] = field(default_factory=list)  # read + preview, empty ledger
    reimport: list[float] = field(default_factory=list)  # read + preview, every row unchanged
    save: list[float] = field(default_factory=list)
    cli: list[float] = field(default_factory=list)
    cli_cpu: list[float] = field(default_factory=list)
    cli_start: list[float] = field(default_factory=list)  # a header-only file through the command line
    failure: str | None = None

    def m(self, name: str) -> float:
        values: list[float] = getattr(self, name)
        return median(values)


# --- the files -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFile:
    """A file the benchmark imports, and what it holds: every measured import of it is
    proved against ``rows`` and ``total`` (the sum of its quantities), as written here."""

    kind: str  # xlsx | csv
    name: str
    data: bytes
    rows: int
    total: Decimal


def filled_template(plan: Plan) -> ReportFile:
    """The year's template with every quantity filled in, saved by openpyxl as a program
    (not Excel) would: no cached values to lose, since the template holds no formulas."""
    rows = template_rows(plan, list(district_names()), periods_of(plan.period))
    book = load_workbook(io.BytesIO(template_xlsx(plan, rows, "vi")))
    sheet = book[DATA_SHEET]
    column = TEMPLATE_FIELDS.index(Field.quantity) + 1  # E
    rng = random.Random(SEED)
    total = 0
    for number in range(2, len(rows) + 2):
        quantity = rng.randint(0, 199)
        sheet.cell(number, column, quantity)
        total += quantity
    out = io.BytesIO()
    book.save(out)
    return ReportFile("xlsx", "bao-cao-2017.xlsx", out.getvalue(), len(rows), Decimal(total))


def report_csv(plan: Plan, size: int) -> ReportFile:
    """``size`` distinct figures: row i is (district i mod 30, target i/30 mod 6, day
    i/180 mod 365, village i/65,700), one-to-one, so no two rows share an identity."""
    districts = list(district_names())
    titles = [target.title.vi for target in plan.targets]
    start = plan.period.start
    days = (plan.period.end - start).days + 1
    per_day = len(districts) * len(titles)
    per_village = per_day * days
    rng = random.Random(SEED)
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    total = 0
    for i in range(size):
        day = start + dt.timedelta(days=(i // per_day) % days)
        quantity = rng.randint(0, 199)
        total += quantity
        writer.writerow(
            [
                districts[i % len(districts)],
                titles[(i // len(districts)) % len(titles)],
                day.strftime("%d/%m/%Y"),
                quantity,
                f"Làng nghề số {i // per_village + 1}",
            ]
        )
    return ReportFile("csv", f"bao-cao-{size}.csv", text.getvalue().encode("utf-8"), size, Decimal(total))


# --- measurements --------------------------------------------------------------------


def prepare(url: str) -> None:
    """The schema, as `python -m tracker db upgrade` makes it: not part of any timing (and
    the command line refuses a PostgreSQL database without it)."""
    created = Database(url)
    try:
        created.upgrade()
    finally:
        created.dispose()


def expect(preview: ImportPreview, outcome: Outcome, rows: int, what: str) -> None:
    """A benchmark of an import that found errors would time the wrong work."""
    counts = preview.counts()
    if preview.file_problems or counts[Outcome.error] or counts[outcome] != rows:
        problems = [p.message("en") for p in preview.file_problems]
        problems += [p.message("en") for _, _, p in preview.errors[:3]]
        shown = {str(k): v for k, v in counts.items()}
        raise RuntimeError(f"{what}: expected {rows:,} {outcome} rows, got {shown}; {problems}")


def in_process(plan: Plan, url: str, file: ReportFile, result: Result) -> None:
    name, data = file.name, file.data
    ledger = Ledger(url)
    try:
        began = time.perf_counter()
        table = read_spreadsheet(name, data, limits=CLI_LIMITS)
        read = time.perf_counter() - began
        preview = preview_import(plan, ledger, table, entered_by=BY)
        previewed = time.perf_counter() - began
        expect(preview, Outcome.new, file.rows, f"{name}: preview")

        began = time.perf_counter()
        saved = write_import(plan, ledger, preview, BY)
        save = time.perf_counter() - began
        if saved.status != "saved":
            raise RuntimeError(f"{name}: write_import returned {saved}")
        prove_saved(plan, url, file, f"{result.backend} {file.kind}: write_import")

        began = time.perf_counter()
        again = preview_import(plan, ledger, read_spreadsheet(name, data, limits=CLI_LIMITS), entered_by=BY)
        reimport = time.perf_counter() - began
        expect(again, Outcome.unchanged, file.rows, f"{name}: re-import preview")
    finally:
        ledger.dispose()
    result.read.append(read)
    result.preview.append(previewed)
    result.save.append(save)
    result.reimport.append(reimport)


def stored(plan: Plan, url: str) -> tuple[int, Decimal]:
    """The plan's live entries and the sum of their quantities, counted by SQL of the
    benchmark's own (not by the ledger's reads, which the proof is about)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            count, milli = connection.execute(
                select(func.count(), func.coalesce(func.sum(entries.c.quantity_milli), 0)).where(
                    entries.c.plan_id == plan.id, entries.c.deleted.is_(False)
                )
            ).one()
    finally:
        engine.dispose()
    return int(count), Decimal(int(milli)) / 1000


def prove_saved(plan: Plan, url: str, file: ReportFile, what: str) -> None:
    """The database holds the file's rows, no more and no fewer, with the file's total;
    otherwise the benchmark timed something else than the import it reports."""
    count, total = stored(plan, url)
    if (count, total) != (file.rows, file.total):
        raise RuntimeError(
            f"{what}: the database holds {count:,} entries summing to {total}, "
            f"the file {file.rows:,} rows summing to {file.total}"
        )
    log(f"  {what}: {count:,} entries summing to {total} as the file, proved")


def run_cli(url: str, path: Path) -> tuple[int, float, float, str]:
    """``python -m tracker import FILE --by Bench``: exit code, wall and CPU seconds, output."""
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    env.pop("TRACKER_TARGETS", None)  # targets.yaml beside dashboard.py, as run.py does
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "import", str(path), "--by", BY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The child's own CPU: on a busy machine the wall time says little by itself. A
    # PostgreSQL server's CPU is not in it.
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    lines = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()
    return done.returncode, wall, cpu, " / ".join(lines[-5:])


def cli(plan: Plan, url: str, path: Path, file: ReportFile, result: Result) -> None:
    code, wall, cpu, output = run_cli(url, path)
    if code != 0:
        raise RuntimeError(f"{path.name}: exit code {code}: {output}")
    prove_saved(plan, url, file, f"{result.backend} {file.kind}: python -m tracker import")
    result.cli.append(wall)
    result.cli_cpu.append(cpu)


def cli_start(url: str, path: Path, result: Result) -> None:
    """The same command on a file with the header and no rows: what every import through
    the command line pays before its rows (Python, the tracker's imports, the plan, the
    database). It exits with 1, "no rows"; 2 would mean the database could not be opened."""
    code, wall, _, output = run_cli(url, path)
    if code != 1:
        raise RuntimeError(f"{path.name} (no rows): exit code {code}, not 1: {output}")
    result.cli_start.append(wall)


def warm_up(plan: Plan, workdir: Path, files: dict[str, ReportFile]) -> None:
    """One untimed read + preview of each kind of file: the first run in a process pays
    for lazy imports and caches (openpyxl's modules, strptime's locale) that a running
    app has long paid for."""
    with database("sqlite", 0, workdir) as url:
        prepare(url)
        ledger = Ledger(url)
        try:
            for file in files.values():
                name, data = file.name, file.data
                if name.endswith(".csv"):
                    data = b"\n".join(data.split(b"\n", 1001)[:1001])
                preview_import(plan, ledger, read_spreadsheet(name, data, limits=CLI_LIMITS), entered_by=BY)
        finally:
            ledger.dispose()


Stats = dict[tuple[str, int, str], tuple[int, int, float, float, object]]


@dataclass
class Profiles:
    """Where the CSV's time goes: cProfile of its preview (first backend only: it barely
    touches the database) and of its save, and the save's SQL statements timed, per backend."""

    preview_backend: str = ""
    preview: Stats = field(default_factory=dict)
    save: dict[str, Stats] = field(default_factory=dict)
    # backend -> (the save's seconds, statement -> (executions, seconds in the driver))
    statements: dict[str, tuple[float, dict[str, tuple[int, float]]]] = field(default_factory=dict)


def profiled(call: Callable[[], object]) -> Stats:
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        call()
    finally:
        profiler.disable()
    return pstats.Stats(profiler).stats


def statement_name(sql: str) -> str:
    """INSERT INTO entries ... RETURNING, SELECT ... FROM entries: what a statement is."""
    found = re.match(r"\s*(INSERT INTO \S+|UPDATE \S+|DELETE FROM \S+|\w+)", sql)
    name = found.group(1) if found else sql[:30]
    if name == "SELECT":
        source = re.search(r"\bFROM (\S+)", sql)
        name += f" ... FROM {source.group(1)}" if source else ""
    return name + (" ... RETURNING" if " RETURNING " in sql else "")


def timed_statements(db: Database, call: Callable[[], object]) -> tuple[float, dict[str, tuple[int, float]]]:
    """``call``'s seconds, and the time spent in each kind of statement's cursor execute:
    what the database and its driver take, against the Python around them."""
    spent: dict[str, list[float]] = {}
    began_at: list[float] = []

    def before(*_: object) -> None:
        began_at.append(time.perf_counter())

    def after(_connection: object, _cursor: object, sql: str, *_: object) -> None:
        spent.setdefault(statement_name(sql), []).append(time.perf_counter() - began_at.pop())

    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "after_cursor_execute", after)
    try:
        began = time.perf_counter()
        call()
        total = time.perf_counter() - began
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)
    return total, {name: (len(times), sum(times)) for name, times in spent.items()}


def profile_csv(plan: Plan, backend: str, workdir: Path, file: ReportFile, profiles: Profiles) -> None:
    """Two more runs of the CSV, each on a fresh database: one whose save's statements are
    timed (no profiler: it would slow the driver's Python), one under cProfile."""
    table = read_spreadsheet(file.name, file.data, limits=CLI_LIMITS)
    with database(backend, 1, workdir) as url:
        prepare(url)
        ledger = Ledger(url)
        try:
            preview = preview_import(plan, ledger, table, entered_by=BY)
            profiles.statements[backend] = timed_statements(
                ledger.database, lambda: write_import(plan, ledger, preview, BY)
            )
        finally:
            ledger.dispose()
    with database(backend, 1, workdir) as url:
        prepare(url)
        ledger = Ledger(url)
        try:
            if not profiles.preview:
                profiles.preview_backend = backend
                profiles.preview = profiled(lambda: preview_import(plan, ledger, table, entered_by=BY))
            preview = preview_import(plan, ledger, table, entered_by=BY)
            profiles.save[backend] = profiled(lambda: write_import(plan, ledger, preview, BY))
        finally:
            ledger.dispose()


def statement_lines(profiles: Profiles) -> list[str]:
    lines = ["| backend | statement | executions | time | share of the save |", "|---|---|---:|---:|---:|"]
    for backend, (total, statements) in profiles.statements.items():
        rest = total - sum(seconds for _, seconds in statements.values())
        ordered = sorted(statements.items(), key=lambda item: -item[1][1])
        for name, (count, spent) in ordered:
            if spent >= 0.01 * total:
                lines.append(f"| {backend} | `{name}` | {count:,} | {spent:.2f} s | {spent / total * 100:.0f} % |")
        lines.append(f"| {backend} | everything else (Python) | | {rest:.2f} s | {rest / total * 100:.0f} % |")
        lines.append(f"| {backend} | **the save** | | **{total:.2f} s** | 100 % |")
    return lines


def _where(filename: str) -> str:
    """A profiled function's file, short: tracker.x.y, psycopg/_queries.py, json/encoder.py."""
    path = Path(filename)
    if path.is_relative_to(ROOT / "tracker"):
        return path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
    parts = path.parts
    if "site-packages" in parts:
        return "/".join(parts[parts.index("site-packages") + 1 :])
    return "/".join(parts[-2:]) if len(parts) > 1 else filename


def _builtin(function: str) -> str:
    """ "<built-in method __new__ of type object at 0x7f...>" without the address, which
    changes from run to run."""
    return re.sub(r" at 0x[0-9a-f]+", "", function)


def _total(stats: Stats, function: str) -> float:
    return max((values[3] for key, values in stats.items() if key[2] == function), default=0.0)


def own_cumulative(stats: Stats, root: str) -> list[str]:
    """The tracker's own functions by cumulative time, as a share of ``root``'s: where in
    our code the time is spent, library calls included in their caller's share."""
    total = _total(stats, root)
    own = str(ROOT / "tracker")
    rows = [
        (values[3], values[1], f"`{_where(filename)}.{function}`")
        for (filename, _, function), values in stats.items()
        if filename.startswith(own) and function != root
    ]
    rows.sort(reverse=True)
    return [f"| {label} | {calls:,} | {cum / total * 100:.0f} % |" for cum, calls, label in rows[:PROFILE_LINES]]


def own_time(stats: Stats, root: str) -> list[str]:
    """Every function by the time spent in its own body, as a share of ``root``'s: which
    library does the work, whoever calls it."""
    total = _total(stats, root)
    rows = [
        (values[2], values[1], f"`{_where(filename)}:{function}`" if line else f"`{_builtin(function)}`")
        for (filename, line, function), values in stats.items()
    ]
    rows.sort(reverse=True)
    return [f"| {label} | {calls:,} | {own / total * 100:.0f} % |" for own, calls, label in rows[:PROFILE_LINES]]


# --- report --------------------------------------------------------------------------


def seconds(value: float) -> str:
    return "–" if value != value else f"{value:.2f} s"


def verdict(value: float, bound: float) -> str:
    if value != value:
        return "not measured"
    return "met" if value <= bound else "**not met**"


def results_table(results: list[Result]) -> list[str]:
    lines = [
        "| backend | file | rows | read | read + preview | re-import: read + preview | save "
        "| CLI wall time | CLI CPU | CLI, header only |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.backend} | {r.kind} | {r.rows:,} | {seconds(r.m('read'))} | {seconds(r.m('preview'))} | "
            f"{seconds(r.m('reimport'))} | {seconds(r.m('save'))} | {seconds(r.m('cli'))} | "
            f"{seconds(r.m('cli_cpu'))} | {seconds(r.m('cli_start'))} |"
        )
    return lines


def goal_lines(results: list[Result]) -> list[str]:
    lines = ["| goal | backend | measured | |", "|---|---|---:|---|"]
    for r in results:
        if r.kind == "xlsx":
            checks = [
                (f"year's template ({r.rows:,} rows): read + preview", r.m("preview"), "xlsx_preview_s"),
                (
                    f"year's template ({r.rows:,} rows): read + preview of a re-import",
                    r.m("reimport"),
                    "xlsx_preview_s",
                ),
            ]
        else:
            checks = [(f"{r.rows:,}-row CSV through `python -m tracker import`", r.m("cli"), "csv_cli_s")]
        for label, value, goal in checks:
            bound = GOALS[goal]
            judged = (
                verdict(value, bound)
                if r.kind == "xlsx" or r.rows == CSV_ROWS
                else f"the goal is for {CSV_ROWS:,} rows"
            )
            lines.append(f"| {label} within {bound:g} s | {r.backend} | {seconds(value)} | {judged} |")
    return lines


def explanations(results: list[Result]) -> list[str]:
    """Plain words from this run's numbers: what the command line adds to the work itself,
    and which goal is missed by how much."""
    out: list[str] = []
    for r in results:
        work = r.m("preview") + r.m("save")
        if r.cli and r.cli_start:
            fixed = r.m("cli_start")
            out.append(
                f"- {r.backend}, {r.kind}: the command line took {seconds(r.m('cli'))} "
                f"(CPU {seconds(r.m('cli_cpu'))}). Of that, about {seconds(fixed)} is paid by any "
                f"import (the same command on a header-only file: Python, the tracker's imports, the "
                f"plan, the database), and about {seconds(r.m('cli') - fixed)} is the rows; in the "
                f"benchmark's process the rows took {seconds(work)} (read + preview "
                f"{seconds(r.m('preview'))}, save {seconds(r.m('save'))}). All medians of separate "
                f"runs on a shared machine: the split is rough."
            )
        for label, value, goal in (
            ("read + preview", r.m("preview"), "xlsx_preview_s" if r.kind == "xlsx" else ""),
            ("re-import read + preview", r.m("reimport"), "xlsx_preview_s" if r.kind == "xlsx" else ""),
            ("command line", r.m("cli"), "csv_cli_s" if r.kind == "csv" and r.rows == CSV_ROWS else ""),
        ):
            if goal and value == value and value >= GOALS[goal]:
                out.append(
                    f"- **{r.backend}, {r.kind}: {label} {seconds(value)}**, over the goal of "
                    f"{GOALS[goal]:g} s by {seconds(value - GOALS[goal])}."
                )
        if r.failure:
            out.append(f"- **{r.backend}, {r.kind}: not measured**: {r.failure}")
    return out


def section(
    info: dict[str, str],
    args: argparse.Namespace,
    results: list[Result],
    files: dict[str, ReportFile],
    profiles: Profiles,
    elapsed: float,
) -> str:
    xlsx_rows = next((r.rows for r in results if r.kind == "xlsx"), 0)
    parts = [
        HEADING,
        "",
        "Written by `python bench/imports.py` (see its docstring). "
        f"Arguments: `--backends {args.backends} --repeats {args.repeats}`; the whole run took "
        f"{elapsed / 60:.1f} min.",
        "",
        "### Machine",
        "",
        *[f"- {key}: {value}" for key, value in info.items()],
        "",
        "### Files",
        "",
        f"- *xlsx* ({len(files['xlsx'].data) / 1024:,.0f} KB): the 2017 plan's report template for the year, "
        f"30 districts × 6 targets × 12 months = {xlsx_rows:,} rows, made by `template_xlsx`, its "
        "quantity column (E) filled with whole numbers 0..199 through openpyxl and saved.",
        f"- *csv* ({len(files['csv'].data) / 1024 / 1024:,.1f} MB, UTF-8): {files['csv'].rows:,} rows "
        f"`{','.join(CSV_HEADER)}`, the 30 districts in turn, the 6 targets' Vietnamese titles, "
        "dates dd/mm/yyyy in 2017, quantities 0..199, villages numbered so that no two rows "
        "share target, district, village and day.",
        "",
        "### Results",
        "",
        f"Medians over {args.repeats} runs, each on a fresh database whose schema was created "
        "beforehand (not timed). *read*: `read_spreadsheet`. *read + preview*: `read_spreadsheet` + "
        "`preview_import` on the empty ledger. *re-import*: the same right after the save, every "
        "row unchanged. *save*: `write_import`. These three in the benchmark's process, after one "
        f"untimed warm-up. *CLI*: `python -m tracker import FILE --by {BY}` as a subprocess, "
        "wall time including interpreter start, on its own fresh database; exit code 0 and every "
        "row in the database afterwards were checked. *CLI CPU*: the child's user + system time "
        "(not the PostgreSQL server's). *CLI, header only*: the same command on a CSV with the header "
        "and no rows (exit code 1, nothing to import): what any import through the command line pays "
        "before its rows.",
        "",
        *results_table(results),
        "",
        "### Goals",
        "",
        *goal_lines(results),
        "",
        "### Where the time goes",
        "",
        *(explanations(results) or ["Nothing was measured."]),
        "",
    ]
    if profiles.statements:
        parts += [
            f"The {files['csv'].rows:,}-row CSV's `write_import` once more per backend, on a fresh database, "
            "its SQL statements timed through SQLAlchemy's cursor events (time inside the driver's "
            "execute: the driver's own Python, the round trips and the database's work); statements "
            "under 1 % of the save are left out:",
            "",
            *statement_lines(profiles),
            "",
        ]
    if profiles.preview:
        parts += [
            f"The {files['csv'].rows:,}-row CSV's `preview_import` on an empty {profiles.preview_backend} ledger "
            "under cProfile (one run): cumulative share of the preview per function of the tracker's "
            "own code (nested calls are inside their callers' share; the profiler slows Python calls "
            "about 2×, so only the shares mean anything):",
            "",
            "| function | calls | share of the preview |",
            "|---|---:|---:|",
            *own_cumulative(profiles.preview, "preview_import"),
            "",
        ]
    for backend, stats in profiles.save.items():
        parts += [
            f"The same CSV's `write_import` on {backend} under cProfile (one run): the functions "
            "with the most time spent in their own body, any library, as a share of the save:",
            "",
            "| function | calls | share of the save |",
            "|---|---:|---:|",
            *own_time(stats, "write_import"),
            "",
        ]
        # a note for the libraries that a save on PostgreSQL was seen to spend its time in
        share = 0.05 * _total(stats, "write_import")
        heavy = {_where(key[0]) for key, values in stats.items() if values[2] > share}
        if "psycopg/_queries.py" in heavy:
            parts += [
                "`psycopg/_queries.py` is psycopg turning a statement's `%(name)s` placeholders into "
                "PostgreSQL's `$n`, in Python. It caches that only for statements under 4,096 bytes "
                "(`MAX_CACHED_STATEMENT_LENGTH`); the ledger's `INSERT ... VALUES (...), (...) "
                "RETURNING` of 1,000 entries at a time (SQLAlchemy's insertmanyvalues) is far longer, "
                "so every such statement is parsed afresh.",
                "",
            ]
        if "psycopg/_pipeline_base.py" in heavy:
            parts += [
                "`psycopg/_pipeline_base.py` (and much of `connection.py:wait`) is the 'create' "
                "change rows (`entry_changes`), an executemany without RETURNING, which psycopg 3 "
                "sends as one statement per row in pipeline mode: about three pipeline steps per "
                "row (see the calls).",
                "",
            ]
    parts += [
        "### What the numbers do not include",
        "",
        "- The app's upload and page: the preview and save here are the service calls the "
        "import page makes, without Streamlit drawing the preview's table.",
        "- Creating the schema (migrations) before each run.",
        f"- The machine has {info['cores (nproc)']} cores and was shared with other work (see the load averages): "
        "wall times swing with it; the CLI's CPU time is steadier.",
        "",
    ]
    return "\n".join(parts)


# --- main ----------------------------------------------------------------------------


def attempt(backend: str, workdir: Path, result: Result, step: Callable[[str], None]) -> None:
    """One measurement on a fresh database; a failure is kept for the report and the
    rest goes on (the database is dropped either way)."""
    if result.failure:
        return
    try:
        with database(backend, result.rows, workdir) as url:
            prepare(url)
            step(url)
    except Exception as error:
        result.failure = f"{type(error).__name__}: {error}"
        log(f"{result.backend} {result.kind}: FAILED: {result.failure}")
        traceback.print_exc()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--csv-rows", type=int, default=CSV_ROWS, help="rows of the CSV (the goal is for 100,000)")
    parser.add_argument("--no-profile", action="store_true", help="skip the profiles of where the time goes")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    for backend in backends:
        if backend not in ("sqlite", "postgresql"):
            parser.error(f"unknown backend {backend!r}")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.csv_rows < 1:
        parser.error("--csv-rows must be at least 1")

    began = time.monotonic()
    os.environ.pop("TRACKER_TARGETS", None)
    plan = load_plan(ROOT / "targets.yaml")
    info = machine()
    log(f"machine: {info['CPU']}, {info['cores (nproc)']} cores; load {info['load average at start (1/5/15 min)']}")
    workdir = Path(tempfile.mkdtemp(prefix="tracker-bench-imports-"))
    results: list[Result] = []
    profiles = Profiles()
    try:
        files = {"xlsx": filled_template(plan), "csv": report_csv(plan, args.csv_rows)}
        paths = {}
        for kind, file in files.items():
            paths[kind] = workdir / file.name
            paths[kind].write_bytes(file.data)
        paths["header"] = workdir / "bao-cao-trong.csv"  # "empty report": the header, no rows
        paths["header"].write_bytes(",".join(CSV_HEADER).encode("utf-8") + b"\r\n")
        for file in files.values():
            log(
                f"file: {file.name}, {file.rows:,} rows, {len(file.data) / 1024:,.0f} KB, "
                f"quantities summing to {file.total}"
            )
        warm_up(plan, workdir, files)
        for backend in backends:
            mine = {kind: Result(backend, kind, file.rows) for kind, file in files.items()}
            results += mine.values()
            for repeat in range(1, args.repeats + 1):
                for kind, result in mine.items():
                    file = files[kind]
                    # the same file in the process and through the command line, each on its own database
                    attempt(backend, workdir, result, partial(in_process, plan, file=file, result=result))
                    attempt(backend, workdir, result, partial(cli, plan, path=paths[kind], file=file, result=result))
                    attempt(backend, workdir, result, partial(cli_start, path=paths["header"], result=result))
                    if not result.failure:
                        log(
                            f"{backend} {kind} run {repeat}/{args.repeats}: read + preview "
                            f"{seconds(result.preview[-1])}, save {seconds(result.save[-1])}, re-import "
                            f"{seconds(result.reimport[-1])}, CLI {seconds(result.cli[-1])} "
                            f"(header only {seconds(result.cli_start[-1])})"
                        )
        for backend in [] if args.no_profile else backends:
            log(f"{backend}: profiling the CSV's preview and save")
            try:
                profile_csv(plan, backend, workdir, files["csv"], profiles)
            except Exception:  # the profiles only explain; the measurements stand without them
                traceback.print_exc()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    info["load average at end (1/5/15 min)"] = load_average()
    print()
    print("\n".join(results_table(results)))
    print()
    print("\n".join(goal_lines(results)))
    replace_section(args.out, HEADING, section(info, args, results, files, profiles, time.monotonic() - began))
    log(f"wrote {args.out}")
    return 1 if any(r.failure for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
