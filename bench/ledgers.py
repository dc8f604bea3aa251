"""The ledgers every benchmark measures, built the same way for all of them.

- ``database(backend, tag, workdir)``: an empty database for one run, removed afterwards
  (also after a failure): SQLite, a file in ``workdir``; PostgreSQL, a private schema
  ``bench_<pid>_<tag>`` reached with ``?options=-csearch_path%3D<schema>``, so nothing
  else in the database is touched.
- ``plans_file(folder)``: ten synthetic yearly plans, 2017–2026, ten summed targets and one
  level figure each, every target carrying on last year's, reported monthly; written as a
  plans file shaped like targets.yaml (point ``TRACKER_TARGETS`` at it).
- ``bulk_ledger``: ``size`` seeded pseudo-random entries of one plan (the 2017 plan of
  targets.yaml for bench/run.py's sizes); ``realistic_ledger``: ten years of monthly reports
  from the 30 districts for the ten targets (36.000 entries and ten level readings);
  ``ten_plans_ledger``: ``size`` entries for each of the ten plans.

Each builder creates the schema with the migrations (as ``python -m tracker db upgrade``
does), bulk-INSERTs in transactions of 50.000 rows, recounts the derived tables the
ledger keeps on every write (``report_days.rebuild``: the load bypassed the ledger) and
ANALYZEs PostgreSQL. It returns ``Facts``: what the app must show for that ledger,
counted from the generated rows as they were made, independently of the app, so that a
benchmark can prove it measured the ledger built for it. Only ``entries`` is filled: no
``entry_changes`` row per loaded entry (the history would show none).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tracker.domain.districts import district_names  # noqa: E402
from tracker.domain.plan import Aggregation, Measure, Plan, load_plan, read_plans  # noqa: E402

PG_BASE_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BATCH = 50_000
SEED = 2017
YEARS = tuple(range(2017, 2027))
TARGETS_PER_PLAN = 10
ENTERED_BY = "bench"
Row = dict[str, Any]


STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f}s] {message}", flush=True)


# --- databases -----------------------------------------------------------------------


def schema_name(tag: object) -> str:
    """``bench_<pid>_<tag>``, with anything but letters, digits and _ in the tag replaced."""
    return f"bench_{os.getpid()}_{re.sub(r'[^a-z0-9_]', '_', str(tag).lower())}"


@contextmanager
def database(backend: str, tag: object, workdir: Path) -> Iterator[str]:
    """A fresh, empty database URL for one run; removed afterwards, also on failure."""
    if backend == "sqlite":
        path = Path(workdir) / f"ledger-{tag}.db"
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    if backend != "postgresql":
        raise ValueError(f"unknown backend {backend!r}")
    from sqlalchemy import create_engine, text

    schema = schema_name(tag)
    admin = create_engine(PG_BASE_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        separator = "&" if "?" in PG_BASE_URL else "?"
        yield f"{PG_BASE_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


# --- what a ledger must read as ---------------------------------------------------------


@dataclass
class Facts:
    """The generated rows, tallied per plan, item and day: [entries, sum of quantity_milli].
    Enough to say, for any as-of date, how many entries count and every summed total."""

    summed: dict[str, set[str]] = field(default_factory=dict)  # plan → its summed items
    days: dict[str, dict[tuple[str, dt.date], list[int]]] = field(default_factory=dict)
    load_s: float = 0.0

    def note(self, row: Row) -> None:
        tally = self.days.setdefault(row["plan_id"], {}).setdefault((row["target_id"], row["ref_date"]), [0, 0])
        tally[0] += 1
        tally[1] += row["quantity_milli"]

    def entries(self, plan_id: str, as_of: dt.date | None = None) -> int:
        """Live entries of the plan dated up to ``as_of`` (all of them without one)."""
        return sum(n for (_, day), (n, _) in self.days.get(plan_id, {}).items() if as_of is None or day <= as_of)

    def total(self, plan_id: str, target_id: str, as_of: dt.date | None = None) -> Decimal:
        """A summed target's achieved figure by ``as_of``, in its own units."""
        milli = sum(
            m
            for (target, day), (_, m) in self.days.get(plan_id, {}).items()
            if target == target_id and (as_of is None or day <= as_of)
        )
        return Decimal(milli) / 1000

    def totals(self, plan_id: str, as_of: dt.date | None = None) -> dict[str, Decimal]:
        return {target: self.total(plan_id, target, as_of) for target in sorted(self.summed.get(plan_id, ()))}

    def size(self) -> int:
        return sum(n for days in self.days.values() for n, _ in days.values())


# --- plans -------------------------------------------------------------------------------

# Ten targets of a yearly plan: (id, short vi, short en, unit vi, unit en, goal per year)
_TARGETS = (
    ("workers-trained", "Đào tạo nghề cho lao động", "Workers trained", "lao động", "workers", "approximate"),
    ("managers-trained", "Tập huấn quản trị", "Management training", "lượt người", "attendances", "exact"),
    ("village-brands", "Thương hiệu làng nghề", "Village brands", "làng nghề", "villages", "range"),
    ("collective-trademarks", "Nhãn hiệu tập thể", "Collective trademarks", "làng nghề", "villages", "range"),
    ("fair-participants", "DN dự hội chợ", "Businesses at fairs", "cơ sở, DN", "businesses", "exact"),
    ("machinery-projects", "Dự án máy móc", "Machinery projects", "dự án", "projects", "at_least"),
    ("design-consultants", "Chuyên gia thiết kế mẫu", "Design consultants", "cơ sở", "facilities", "exact"),
    ("skill-transfer", "Cơ sở truyền nghề", "Skill-transfer facilities", "cơ sở", "facilities", "approximate"),
    ("jobs-after-training", "Việc làm sau đào tạo", "Jobs after training", "lao động", "workers", "at_least"),
    ("rural-workers-taught", "Lao động được truyền nghề", "Rural workers taught", "lao động", "workers", "exact"),
)
FIGURE_ID = "craft-village-exports"


def plan_id_of(year: int) -> str:
    return f"bench-plan-{year}"


def _goal(shape: str, value: int) -> str:
    if shape == "approximate":
        return f"{{shape: approximate, value: {value}, tolerance: 0.05}}"
    if shape == "range":
        return f"{{shape: range, min: {value}, max: {value + value // 5}}}"
    return f"{{shape: {shape}, value: {value}}}"


def plans_yaml(years: Iterable[int] = YEARS, goal_scale: int = 5_000) -> str:
    """The plans file's text: one plan per year, each target carrying on last year's."""
    years = list(years)
    lines = [
        "# Synthetic yearly plans for the benchmarks (bench/ledgers.py), shaped like targets.yaml.",
        "plans:",
    ]
    for index, year in enumerate(years):
        lines += [
            f"  - id: {plan_id_of(year)}",
            f'    title: {{vi: "Kế hoạch phát triển làng nghề năm {year}", en: "Craft village plan {year}"}}',
            '    issued_by: {vi: "UBND thành phố Hà Nội", en: "Hanoi People\'s Committee"}',
            '    source: "bench/ledgers.py"',
            f"    period: {{start: {year}-01-01, end: {year}-12-31}}",
            "    reporting: {cadence: monthly, due_days: 10}",
            "    categories:",
            '      - {id: training, title: {vi: "Đào tạo", en: "Training"}}',
            '      - {id: trade, title: {vi: "Thương mại", en: "Trade"}}',
            "    targets:",
        ]
        for number, (target_id, short_vi, short_en, unit_vi, unit_en, shape) in enumerate(_TARGETS):
            value = goal_scale * (number + 1) // 10 + 10 * (year - 2000)
            lines += [
                f"      - id: {target_id}",
                f'        title: {{vi: "{short_vi} năm {year}", en: "{short_en} in {year}"}}',
                f'        short: {{vi: "{short_vi}", en: "{short_en}"}}',
                f'        unit: {{vi: "{unit_vi}", en: "{unit_en}"}}',
                f"        goal: {_goal(shape, value)}",
                '        agency: {vi: "Sở Công Thương Hà Nội", en: "Hanoi Department of Industry and Trade"}',
                f"        category: {'training' if number % 2 == 0 else 'trade'}",
                f'        source_text: "{short_vi}: {value}"',
            ]
            if index:
                lines.append(f"        continues: {plan_id_of(years[index - 1])}/{target_id}")
        lines += [
            "    context_figures:",
            f"      - id: {FIGURE_ID}",
            '        title: {vi: "Xuất khẩu của làng nghề", en: "Craft-village exports"}',
            '        short: {vi: "Xuất khẩu", en: "Exports"}',
            '        unit: {vi: "triệu USD", en: "million USD"}',
            "        baseline: 175",
            '        source_text: "khoảng 175 triệu USD"',
            "    tasks:",
            "      - id: regional-linkage",
            '        title: {vi: "Liên kết vùng", en: "Regional linkage"}',
            '        owner: {vi: "Sở Công Thương Hà Nội", en: "Hanoi Department of Industry and Trade"}',
            '        source_text: "liên kết vùng"',
        ]
    return "\n".join(lines) + "\n"


def plans_file(folder: Path, years: Iterable[int] = YEARS) -> Path:
    """Write the synthetic plans to ``folder``/plans.yaml and check they load; its path."""
    path = Path(folder) / "plans.yaml"
    path.write_text(plans_yaml(years), encoding="utf-8")
    read_plans(path)  # a mistake here is the benchmark's: say so now, not in the app
    return path


def real_plan() -> Plan:
    """The default plan of the project's targets.yaml (2017)."""
    return load_plan(ROOT / "targets.yaml")


# --- rows -------------------------------------------------------------------------------


def _row(plan_id: str, target_id: str, day: dt.date, milli: int, district: str | None, at: dt.datetime) -> Row:
    return {
        "plan_id": plan_id,
        "target_id": target_id,
        "ref_date": day,
        "quantity_milli": milli,
        "district": district,
        "village": None,
        "note": None,
        "entered_by": ENTERED_BY,
        "entered_at": at,
        "kind": "report",
        "version": 1,
        "deleted": False,
    }


def random_rows(plan: Plan, size: int, seed: int) -> Iterator[Row]:
    """``size`` entries of ``plan``: its summed targets share 99 %, its level figures 1 %;
    the 30 districts and about 5 % city-wide; dates within the plan's period; counts
    1..200, amounts 150,000..200,000 with three decimals."""
    rng = random.Random(seed)
    items = plan.recordable()
    summed = [i for i in items if i.aggregation == Aggregation.sum]
    latest = [i for i in items if i.aggregation == Aggregation.latest]
    districts = list(district_names())
    start = plan.period.start
    days = (plan.period.end - start).days + 1
    entered_at = dt.datetime.combine(plan.period.end, dt.time(12), dt.UTC)
    for _ in range(size):
        item = rng.choice(latest) if latest and rng.random() < 0.01 else rng.choice(summed)
        milli = rng.randint(1, 200) * 1000 if item.measure == Measure.count else rng.randint(150_000, 200_000)
        district = None if rng.random() < 0.05 else rng.choice(districts)
        yield _row(plan.id, item.id, start + dt.timedelta(days=rng.randrange(days)), milli, district, entered_at)


def monthly_rows(plan: Plan, seed: int) -> Iterator[Row]:
    """A year of monthly reports: each district, each summed target, each month, one
    entry dated the month's last day and entered a few days later; and the city's level
    figures once a quarter."""
    rng = random.Random(seed)
    districts = district_names()
    summed = [i for i in plan.recordable() if i.aggregation == Aggregation.sum]
    latest = [i for i in plan.recordable() if i.aggregation == Aggregation.latest]
    for month in range(1, 13):
        first = dt.date(plan.year, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        for district in districts:
            for target in summed:
                at = dt.datetime.combine(last + dt.timedelta(days=rng.randint(1, 12)), dt.time(3), dt.UTC)
                yield _row(plan.id, target.id, last, rng.randint(1, 20) * 1000, district, at)
        if month % 3 == 0:
            for figure in latest:
                at = dt.datetime.combine(last + dt.timedelta(days=5), dt.time(3), dt.UTC)
                yield _row(plan.id, figure.id, last, rng.randint(150_000, 200_000), None, at)


# --- loading ----------------------------------------------------------------------------


def load(url: str, rows: Iterable[Row], plans: Iterable[Plan], progress: Callable[[int], None] | None = None) -> Facts:
    """Migrate an empty database, bulk-INSERT ``rows`` and bring every derived table up to
    date; the facts of what was written, with the seconds it took."""
    from sqlalchemy import text

    from tracker.storage.database import Database, Waits
    from tracker.storage.ledger import entries
    from tracker.storage.report_days import rebuild

    facts = Facts(
        summed={plan.id: {t.id for t in plan.recordable() if t.aggregation == Aggregation.sum} for plan in plans}
    )
    began = time.perf_counter()
    # A bulk load, as the operator's import: its recount of a million entries may take longer
    # than the app lets a page's statement run, the more so on a busy machine.
    database = Database(url, waits=Waits(lock_seconds=60.0, statement_seconds=None))
    try:
        database.upgrade()
        batch: list[Row] = []
        done = 0

        def flush() -> None:
            nonlocal done
            with database.engine.connect().execution_options(write=True) as connection, connection.begin():
                connection.execute(entries.insert(), batch)
            done += len(batch)
            batch.clear()
            if progress is not None:
                progress(done)

        for row in rows:
            facts.note(row)
            batch.append(row)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        with database.writing() as connection:  # the load bypassed the ledger: recount as its writes keep
            rebuild(connection)
        if not database.is_sqlite:
            with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("ANALYZE"))
    finally:
        database.dispose()
    facts.load_s = time.perf_counter() - began
    return facts


def _every(size: int, backend_tag: str = "") -> Callable[[int], None] | None:
    if size < 200_000:
        return None
    return lambda done: log(f"  {backend_tag}loaded {done:,}/{size:,}")


def bulk_ledger(url: str, plan: Plan, size: int, seed: int | None = None, tag: str = "") -> Facts:
    """``size`` random entries of ``plan`` (seeded: the same size loads the same ledger)."""
    rows = random_rows(plan, size, SEED + size if seed is None else seed)
    return load(url, rows, [plan], _every(size, tag))


def realistic_ledger(url: str, plans: Iterable[Plan]) -> Facts:
    """Ten years of monthly reports from 30 districts for ten targets: 12 × 30 × 10 entries
    per plan (36.000 for the ten plans), and four level readings a year."""
    plans = list(plans)
    rows = (row for plan in plans for row in monthly_rows(plan, SEED + plan.year))
    return load(url, rows, plans)


def ten_plans_ledger(url: str, plans: Iterable[Plan], size_each: int, tag: str = "") -> Facts:
    """``size_each`` random entries for each plan; a plan's rows depend only on its year
    and the size, so one plan's share is the same ledger as that plan loaded alone."""
    plans = list(plans)
    rows = (row for plan in plans for row in random_rows(plan, size_each, SEED + plan.year * 7 + size_each))
    return load(url, rows, plans, _every(size_each * len(plans), tag))
