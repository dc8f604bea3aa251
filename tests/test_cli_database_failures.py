"""A command whose database fails under it (a write lock another program holds, a disk
that refuses the writes, a data folder that cannot be made) says so in one line and exits 2, "the
database failed", never with a traceback, and never with 1, which the README keeps for
"the file has errors"; nothing of the command is written.

The import used to let the database's error escape (a traceback, exit 1) after waiting
32 seconds for a lock; and where data/ could not be made, every command, `check`
included, ended in a traceback before it started.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import tracker_command
from tests.helpers import PROJECT_ROOT, run_tracker
from tests.report_files import csv_bytes
from tracker.domain.plan import load_plan
from tracker.storage import database as database_module
from tracker.storage.ledger import Ledger

PLAN = load_plan(PROJECT_ROOT / "targets.yaml")
WORKERS = PLAN.target("workers-trained").title.vi
HEADER = ("Quận/huyện", "Mục tiêu", "Kỳ báo cáo", "Số lượng")
REFUSED_VI = "Cơ sở dữ liệu báo lỗi (vẫn kết nối được; số liệu đã lưu không bị thay đổi): "
REFUSED_EN = "The database reported an error (it answers; the stored figures are unchanged): "


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A district's report with one figure, which imports cleanly."""
    path = tmp_path / "ba-vi.csv"
    path.write_bytes(csv_bytes([HEADER, ("Ba Vì", WORKERS, "2017-03", "40")]))
    return path


def written(url: str) -> tuple[int, int]:
    """How many entries and import batches the database holds."""
    ledger = Ledger(url)
    try:
        return ledger.count_entries(), len(ledger.batches())
    finally:
        ledger.dispose()


def settings_for(url: str, **more: str) -> dict[str, str]:
    return {"TRACKER_DATABASE_URL": url, "TRACKER_TARGETS": str(PROJECT_ROOT / "targets.yaml"), **more}


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The one line the command said on stderr, after checking that it said only that."""
    assert "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    return done.stderr


# --- a write lock held by another program ----------------------------------------------


def test_an_import_while_another_program_holds_the_sqlite_write_lock_exits_2_and_writes_nothing(
    sqlite_url: str, report: Path
) -> None:
    Ledger(sqlite_url).dispose()  # the database exists, at this code's schema
    settings = settings_for(sqlite_url, TRACKER_DB_LOCK_WAIT_SECONDS="0.5")
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing, and does not finish
    try:
        vietnamese = tracker_command("import", str(report), "--by", "Trần Lan", settings=settings)
        english = tracker_command("--lang", "en", "import", str(report), "--by", "Trần Lan", settings=settings)
        as_json = tracker_command("import", str(report), "--json", "--by", "Trần Lan", settings=settings)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (vietnamese.returncode, vietnamese.stdout) == (2, "")
    said = one_line(vietnamese)
    assert said.startswith(REFUSED_VI) and "database is locked" in said
    assert (english.returncode, english.stdout) == (2, "")
    assert one_line(english).startswith(REFUSED_EN)
    assert (as_json.returncode, as_json.stderr) == (2, "")
    shown = json.loads(as_json.stdout)
    assert shown["saved"] is False and shown["file"] == "ba-vi.csv" and shown["error"].startswith(REFUSED_VI)
    assert written(sqlite_url) == (0, 0)

    saved = tracker_command("import", str(report), "--by", "Trần Lan", settings=settings)  # the lock is gone
    assert saved.returncode == 0, saved.stderr
    assert written(sqlite_url) == (1, 1)


def test_record_waits_for_a_lock_only_as_long_as_the_setting_says(sqlite_url: str) -> None:
    Ledger(sqlite_url).dispose()
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        done = tracker_command(
            "record", "workers-trained", "450", "--date", "2017-03-31", "--by", "Trần Lan",
            settings=settings_for(sqlite_url, TRACKER_DB_LOCK_WAIT_SECONDS="0.5"),
        )  # fmt: skip
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 2 and one_line(done).startswith(REFUSED_VI)
    assert took < 20  # half a second of waiting and a process's start; it was 30 seconds
    assert written(sqlite_url) == (0, 0)


@pytest.mark.postgres
def test_an_import_while_another_session_locks_the_ledger_on_postgresql_fails_within_seconds(
    postgres_url: str, report: Path
) -> None:
    """With the default wait (TRACKER_DB_LOCK_WAIT_SECONDS unset): it used to wait for as
    long as the lock was held."""
    holder = sa.create_engine(postgres_url)
    try:
        with holder.connect() as connection, connection.begin():
            # Another session may read, and nobody else may write, until it ends.
            connection.execute(sa.text("LOCK TABLE ledger_state IN EXCLUSIVE MODE"))
            started = time.monotonic()
            done = tracker_command("import", str(report), "--by", "Trần Lan", settings=settings_for(postgres_url))
            took = time.monotonic() - started
    finally:
        holder.dispose()
    assert (done.returncode, done.stdout) == (2, "")
    said = one_line(done)
    assert said.startswith(REFUSED_VI) and "lock timeout" in said
    assert took < 60  # five seconds of waiting, and a process's start
    assert written(postgres_url) == (0, 0)


# --- a disk that refuses the writes ---------------------------------------------------------


def test_an_import_whose_writes_the_disk_refuses_exits_2_and_writes_nothing(sqlite_url: str, tmp_path: Path) -> None:
    Ledger(sqlite_url).dispose()
    rows = [("Ba Vì", WORKERS, f"2017-{month:02d}", str(day)) for month in range(1, 13) for day in range(1, 29)]
    villages = [(*row[:3], row[3], f"Làng {index}") for index, row in enumerate(rows * 4)]
    report = tmp_path / "lon.csv"
    report.write_bytes(csv_bytes([(*HEADER, "Làng nghề"), *villages]))  # 1.344 new figures: far more than 64 KB
    done = tracker_command(
        "import", str(report), "--by", "Trần Lan", settings=settings_for(sqlite_url), file_size_limit=64 * 1024
    )
    assert (done.returncode, done.stdout) == (2, "")
    said = one_line(done)
    assert said.startswith(REFUSED_VI) and "disk I/O error" in said
    assert written(sqlite_url) == (0, 0)


# --- a data folder that cannot be made -----------------------------------------------------


def test_where_data_cannot_be_made_every_command_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "install"
    blocker.write_text("")  # a file where the installation's folder should be
    monkeypatch.setattr(database_module, "DEFAULT_DATABASE", blocker / "data" / "tracker.db")
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    monkeypatch.setenv("TRACKER_TARGETS", str(PROJECT_ROOT / "targets.yaml"))
    code, out, err = run_tracker(capsys, "check")
    assert (code, err) == (0, "") and "hợp lệ" in out  # the plan file needs no database
    for argv in (["summary"], ["db", "current"], ["db", "upgrade"], ["user", "list"]):
        code, out, err = run_tracker(capsys, *argv)
        assert (code, out) == (2, ""), argv
        assert err.startswith(f"Không tạo được thư mục {blocker / 'data'} cho cơ sở dữ liệu"), err
        assert len(err.splitlines()) == 1
    code, _, err = run_tracker(capsys, "--lang", "en", "summary")
    assert code == 2 and err.startswith(f"Cannot make the folder {blocker / 'data'} for the database")
    assert blocker.is_file()
