"""Benchmark of moving and keeping a whole database: `backup`, `restore` and `db copy` of a
million entries, between SQLite and PostgreSQL, each as the whole command an IT officer
runs.

Not part of the test suite (a smoke run is: tests/service/test_bench_transfer.py). Run from
the project root, in the project's venv::

    python bench/transfer.py [--size 1000000] [--out BENCHMARKS.md]

The source is an SQLite ledger of ``--size`` entries of the 2017 plan (bench/ledgers.py's
``bulk_ledger``), each with the change that created it (as every entry has one), the
figures kept per day counted from them, and three accounts. Then, in this order, each
command once, as a process of its own (interpreter start included), its wall time, CPU
time and peak resident memory (the child's own, through wait4):

1. ``backup --out FILE`` of the SQLite ledger (SQLite's online backup);
2. ``db copy --to POSTGRESQL`` of it;
3. ``backup --out FILE`` of that PostgreSQL database (one REPEATABLE READ snapshot);
4. ``restore FILE --to POSTGRESQL`` of the SQLite backup, into another schema;
5. ``restore FILE --to SQLITE`` of the PostgreSQL backup;
6. ``db copy --from POSTGRESQL --to SQLITE``.

Each command checks itself (rows and checksums of every table, the kept figures
recounted) and must exit 0; then the benchmark proves the result with SQL of its own:
the target (a database or a backup file) holds as many entries and changes as the source,
whose quantities add up to the source's total, and as many accounts. Otherwise it stops
with an error (exit 1). The section "## Backup, restore and copy (bench/transfer.py)" of
``--out`` is written (replaced if there); the rest is kept. Temporary files and schemas
are removed at the end, also on failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ledgers import ROOT, bulk_ledger, database, log, real_plan
from run import load_average, machine, replace_section
from sqlalchemy import create_engine, text

HEADING = "## Backup, restore and copy (bench/transfer.py)"
PASSWORD = "mật-khẩu-đủ-dài-2017"


@dataclass(frozen=True)
class Held:
    """What a database or backup holds, counted by plain SQL."""

    entries: int
    changes: int
    total_milli: int
    users: int


@dataclass(frozen=True)
class Timed:
    what: str
    command: str
    wall_s: float
    cpu_s: float
    peak_mb: float


def held(url: str) -> Held:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text(
                    "SELECT (SELECT COUNT(*) FROM entries), (SELECT COUNT(*) FROM entry_changes), "
                    "(SELECT COALESCE(SUM(quantity_milli), 0) FROM entries), (SELECT COUNT(*) FROM users)"
                )
            ).one()
    finally:
        engine.dispose()
    return Held(int(row[0]), int(row[1]), int(row[2]), int(row[3]))


def build_source(url: str, size: int) -> Held:
    """The bulk ledger, a creating change for every entry, and three accounts."""
    from tracker.domain.access import Role
    from tracker.storage.accounts import Accounts
    from tracker.storage.database import Database, Waits

    bulk_ledger(url, real_plan(), size, tag="transfer ")
    database = Database(url, waits=Waits(lock_seconds=60.0, statement_seconds=None))
    try:
        with database.writing() as connection:
            connection.execute(
                text(
                    "INSERT INTO entry_changes (entry_id, plan_id, target_id, version, action, changed_by, changed_at, "
                    "\"after\") SELECT id, plan_id, target_id, 1, 'create', entered_by, entered_at, "
                    '\'{"target_id": "\' || target_id || \'", "quantity_milli": \' || CAST(quantity_milli AS TEXT) '
                    "|| ', \"ref_date\": \"' || CAST(ref_date AS TEXT) || '\"}' FROM entries"
                )
            )
        accounts = Accounts(database)
        accounts.add_user("quan-tri", "Quản trị viên", Role.admin, PASSWORD, first=True)
        for name, district in (("ba-vi", "Ba Vì"), ("chuong-my", "Chương Mỹ")):
            accounts.add_user(name, f"Phòng Kinh tế {district}", Role.editor, PASSWORD, districts=[district])
    finally:
        database.dispose()
    return held(url)


def run(what: str, argv: list[str], url: str) -> Timed:
    """``python -m tracker argv`` with TRACKER_DATABASE_URL=url: timed, and exit 0 required."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env |= {"TRACKER_DATABASE_URL": url, "TRACKER_TARGETS": str(ROOT / "targets.yaml"), "PYTHONIOENCODING": "utf-8"}
    began = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([sys.executable, "-m", "tracker", *argv], cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        said = out.read().decode("utf-8") + err.read().decode("utf-8")
    if process.returncode != 0:
        raise SystemExit(f"{what}: exit {process.returncode}\n{said}")
    log(f"  {what}: {wall:.1f} s — {said.strip().splitlines()[-1]}")
    shown = " ".join("URL" if "://" in part else Path(part).name if "/" in part else part for part in argv)
    return Timed(what, f"python -m tracker {shown}", wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def prove(what: str, found: Held, source: Held) -> None:
    if found != source:
        raise SystemExit(f"{what}: the target holds {found}, the source {source}")
    log(f"  {what}: proved ({found.entries:,} entries, {found.changes:,} changes, {found.users} accounts)")


def measure(size: int, workdir: Path) -> tuple[Held, float, list[Timed]]:
    timed: list[Timed] = []
    with (
        database("sqlite", "transfer-source", workdir) as source_url,
        database("postgresql", "transfer_copy", workdir) as copy_url,
        database("postgresql", "transfer_restored", workdir) as restored_url,
        database("sqlite", "transfer-restored", workdir) as restored_sqlite,
        database("sqlite", "transfer-copied", workdir) as copied_sqlite,
    ):
        began = time.perf_counter()
        source = build_source(source_url, size)
        built = time.perf_counter() - began
        log(f"source: {source.entries:,} entries in {built:.0f} s")
        sqlite_backup, pg_backup = workdir / "sqlite.backup", workdir / "postgresql.backup"
        steps = [
            ("backup of SQLite", ["backup", "--out", str(sqlite_backup)], source_url, f"sqlite:///{sqlite_backup}"),
            ("copy SQLite → PostgreSQL", ["db", "copy", "--to", copy_url], source_url, copy_url),
            ("backup of PostgreSQL", ["backup", "--out", str(pg_backup)], copy_url, f"sqlite:///{pg_backup}"),
            ("restore → PostgreSQL", ["restore", str(sqlite_backup), "--to", restored_url], source_url, restored_url),
            ("restore → SQLite", ["restore", str(pg_backup), "--to", restored_sqlite], source_url, restored_sqlite),
            (
                "copy PostgreSQL → SQLite",
                ["db", "copy", "--from", copy_url, "--to", copied_sqlite],
                source_url,
                copied_sqlite,
            ),
        ]
        for what, argv, url, target in steps:
            timed.append(run(what, argv, url))
            prove(what, held(target), source)
    return source, built, timed


def whole(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def tenths(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def section(source: Held, built: float, timed: list[Timed], size: int, info: dict[str, str], elapsed: float) -> str:
    lines = [
        HEADING,
        "",
        f"Measured {info['date']} at commit {info['commit']} on {info['CPU']} ({info['cores (nproc)']} cores, "
        f"{info['memory']}), {info['OS']}; Python {info['Python']}, SQLAlchemy {info['SQLAlchemy']}, "
        f"SQLite {info['SQLite']}, PostgreSQL {info['PostgreSQL']}. Load average (1/5/15 min) "
        f"{info['load average at start (1/5/15 min)']} at the start, {load_average()} at the end; the run took "
        f"{tenths(elapsed / 60)} min. `python bench/transfer.py --size {size}`.",
        "",
        f"The source: an SQLite ledger of {whole(source.entries)} entries of the 2017 plan with their "
        f"{whole(source.changes)} changes, the figures kept per day counted from them, and {source.users} "
        f"accounts (built in {whole(round(built))} s, not timed). Each command below ran once, as a whole process "
        "(Python's start included), checked itself (rows and checksum of every table on both sides, the kept "
        "figures recounted) and was then proved by this benchmark's own SQL: its target holds the source's "
        "entries, changes, accounts and total.",
        "",
        "| step | command | wall time | CPU time (the command's) | peak memory |",
        "|---|---|---:|---:|---:|",
    ]
    for step in timed:
        lines.append(
            f"| {step.what} | `{step.command}` | {tenths(step.wall_s)} s | {tenths(step.cpu_s)} s | "
            f"{whole(round(step.peak_mb))} MB |"
        )
    lines += [
        "",
        "The CPU time is the command's own; PostgreSQL's server works beside it (the COPY into the tables, the "
        "reads of the snapshot). A copy reads every row twice (once from the source, once back from the target "
        "to prove it) and recounts the kept figures, inside the target's one transaction.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="entries in the source (default 1.000.000)")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="the report to write the section into")
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error("--size must be at least 1")
    info = machine()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-transfer-") as folder:
        source, built, timed = measure(args.size, Path(folder))
    replace_section(args.out, HEADING, section(source, built, timed, args.size, info, time.perf_counter() - began))
    log(f"wrote {HEADING!r} into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
