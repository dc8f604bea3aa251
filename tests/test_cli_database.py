"""python -m tracker db copy, backup, restore and doctor, run as an IT officer runs them: in a
process of their own, on the real SQLite and PostgreSQL. The move prints its proof, the
restored database answers `summary --json`, `user list --json` and the history as the
original did, every refusal is said in the person's language and writes nothing, the
progress is drawn on a terminal and nowhere else, and the doctor finds what is wrong."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import tracker_command
from tests.helpers import BROKEN_PLANS, PROJECT_ROOT, TARGETS_FILE
from tests.storage.test_transfer import PLAN, RELEASES, fill, held
from tracker.storage.ledger import Ledger
from tracker.storage.report_days import report_days
from tracker.storage.transfer import tables

pytestmark = pytest.mark.postgres


def settings_for(url: str, **more: str) -> dict[str, str]:
    return {"TRACKER_DATABASE_URL": url, "TRACKER_TARGETS": str(TARGETS_FILE), **more}


def answers(url: str, *argv: str) -> str:
    done = tracker_command(*argv, settings=settings_for(url))
    assert done.returncode == 0, done.stderr
    return done.stdout


def history(url: str) -> list[tuple[object, ...]]:
    ledger = Ledger(url).with_plan(PLAN)
    try:
        return [
            (c.id, c.entry_id, c.action, c.version, c.changed_by, c.before, c.after) for c in ledger.changes(limit=None)
        ]
    finally:
        ledger.dispose()


def same_answers(original: str, copy: str) -> None:
    """What a person asks of the tracker is answered alike by both databases."""
    for argv in (("summary", "--json"), ("user", "list", "--json"), ("completeness", "--json")):
        assert answers(copy, *argv) == answers(original, *argv), argv
    assert history(copy) == history(original)


def test_moving_sqlite_to_postgresql_is_one_command_with_a_printed_proof(sqlite_url: str, postgres_url: str) -> None:
    fill(sqlite_url)

    done = tracker_command("db", "copy", "--to", postgres_url, settings=settings_for(sqlite_url))

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress bar in a log or a pipe
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Sao chép ") and "tracker.db → 127.0.0.1:5432/test" in lines[0]
    assert sum(line.rstrip().endswith("khớp") for line in lines) == len(tables())
    assert lines[-1].startswith("Đã sao chép ") and "lược đồ 0009" in lines[-1]
    same_answers(sqlite_url, postgres_url)

    back = tracker_command(
        "--lang", "en", "db", "copy", "--from", postgres_url, "--to", sqlite_url, settings=settings_for(postgres_url)
    )
    assert back.returncode == 1 and "Nothing was copied:" in back.stderr
    assert "the target already holds data (table entries: 7 rows)" in back.stderr and "--replace" in back.stderr


def test_a_backup_taken_and_restored_elsewhere_answers_as_the_original(
    sqlite_url: str, postgres_url: str, tmp_path: Path
) -> None:
    fill(postgres_url)
    file = tmp_path / "sao-luu-2017.db"

    taken = tracker_command("--lang", "en", "backup", "--out", str(file), settings=settings_for(postgres_url))
    assert taken.returncode == 0, taken.stderr
    assert f"into {file}" in taken.stdout.splitlines()[-1] and "every table agrees" in taken.stdout

    put_back = tracker_command("restore", str(file), "--to", sqlite_url, settings=settings_for(postgres_url))
    assert put_back.returncode == 0, put_back.stderr
    assert put_back.stdout.splitlines()[-1].startswith("Đã khôi phục ")
    same_answers(postgres_url, sqlite_url)

    again = tracker_command("backup", "--out", str(file), settings=settings_for(postgres_url))
    assert again.returncode == 1 and "--replace" in again.stderr and "Không sao lưu được:" in again.stderr


def test_an_old_release_s_backup_is_restored_and_said_to_be_upgraded(postgres_url: str, tmp_path: Path) -> None:
    file = tmp_path / "release-64033db.db"
    shutil.copyfile(RELEASES / "release-64033db" / "tracker.db", file)
    before = hashlib.sha256(file.read_bytes()).hexdigest()

    done = tracker_command("--lang", "en", "restore", str(file), settings=settings_for(postgres_url))

    assert done.returncode == 0, done.stderr
    assert "The backup is at schema revision 0008; a copy of it was upgraded to 0009" in done.stdout
    assert hashlib.sha256(file.read_bytes()).hexdigest() == before
    assert len(held(postgres_url)["entries"]) == 22


def test_refusals_are_said_in_the_person_s_language_and_write_nothing(sqlite_url: str, tmp_path: Path) -> None:
    fill(sqlite_url)
    before = held(sqlite_url)
    report = tmp_path / "bao-cao.csv"
    report.write_text("Quận/huyện,Số lượng\nBa Vì,3\n", encoding="utf-8")

    cases = [
        (("restore", str(report), "--replace"), 1, "không phải là tệp sao lưu của ứng dụng này"),
        (("--lang", "en", "restore", str(report), "--replace"), 1, "is not a backup of this app"),
        (("db", "copy", "--to", "postgres://tracker@db/tracker"), 2, "--to: loại cơ sở dữ liệu 'postgres'"),
        (("--lang", "en", "db", "copy", "--to", sqlite_url), 1, "the source and the target are the same database"),
        (("--lang", "en", "backup", "--out", str(tmp_path / "none" / "b.db")), 1, "the folder"),
        (("--lang", "en", "restore", str(tmp_path / "missing.db")), 1, "there is no file"),
    ]
    for argv, code, said in cases:
        done = tracker_command(*argv, settings=settings_for(sqlite_url))
        assert (done.returncode, said in done.stderr) == (code, True), (argv, done.stderr)
        assert "Traceback" not in done.stderr
    assert held(sqlite_url) == before
    assert not [path.name for path in tmp_path.iterdir() if not path.name.startswith(("bao-cao.csv", "tracker.db"))]


def on_a_terminal(url: str, *argv: str) -> tuple[int, str, str]:
    """``python -m tracker --lang en argv`` with standard error a terminal (a pseudo-terminal
    100 columns wide; a new one is 0 wide) and standard output a pipe: the exit code, what
    the terminal showed, and what went down the pipe."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env |= {**settings_for(url), "PYTHONPATH": str(PROJECT_ROOT), "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--lang", "en", *argv],
        stdout=subprocess.PIPE, stderr=follower, env=env, cwd=PROJECT_ROOT, text=True,
    )  # fmt: skip
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        drawn += chunk
    output, _ = process.communicate(timeout=120)
    os.close(leader)
    return process.returncode, drawn.decode("utf-8", "replace"), output


def test_the_progress_is_drawn_on_a_terminal_and_nowhere_else(sqlite_url: str, tmp_path: Path) -> None:
    """Each long command draws its steps on a terminal; standard output, a pipe, gets its
    result alone (and a run without a terminal draws nothing: the tests above)."""
    fill(sqlite_url)
    report = tmp_path / "bao-cao.csv"
    report.write_text("Quận/huyện,Mục tiêu,Ngày,Số lượng\nBa Vì,Đào tạo nghề cho lao động,31/03/2017,5\n")
    commands = [
        (("db", "copy", "--to", f"sqlite:///{tmp_path / 'moved.db'}"), ("Copying", "Checking", "rows"), "Copied "),
        (("backup", "--out", str(tmp_path / "b.db")), ("Copying", "Checking"), "Backed up "),
        (("import", str(report), "--by", "An"), ("Reading the file", "Checking each row", "Saving"), "Saved as import"),
        (("export", "--format", "csv", "--out", str(tmp_path / "e.csv")), ("Writing the file",), "Wrote "),
        (("export", "--format", "xlsx", "--out", str(tmp_path / "e.xlsx")), ("Writing the file",), "Wrote "),
    ]
    for argv, steps, result in commands:
        code, drawn, output = on_a_terminal(sqlite_url, *argv)
        assert code == 0, (argv, drawn, output)
        assert all(step in drawn for step in steps), (argv, drawn)
        assert output.splitlines()[-1].startswith(result) and "\r" not in output, (argv, output)
    assert (tmp_path / "e.xlsx").read_bytes()[:2] == b"PK"  # the counted writes still make a whole workbook


# --- doctor ----------------------------------------------------------------------------------------


def doctor(url: str, **more: str) -> subprocess.CompletedProcess[str]:
    return tracker_command("--lang", "en", "doctor", settings=settings_for(url, **more))


def test_the_doctor_passes_a_sound_database_line_by_line(sqlite_url: str, postgres_url: str) -> None:
    for url in (sqlite_url, postgres_url):
        fill(url)
        done = doctor(url)
        assert done.returncode == 0, done.stdout
        lines = done.stdout.splitlines()
        assert lines[-1] == "Everything is fine."
        marks = [line[0] for line in lines[:-1]]
        assert set(marks) <= {"✓", "!"} and marks.count("!") == (url == postgres_url), lines  # PostgreSQL's disk
        assert "Accounts: 2, of them 1 administrators" in done.stdout
        assert "Schema: revision 0009, the latest" in done.stdout
        assert ("Free space in " in done.stdout) == (url == sqlite_url)


def test_the_doctor_names_what_is_wrong_and_changes_nothing(sqlite_url: str, tmp_path: Path) -> None:
    fill(sqlite_url)
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(report_days.update().where(report_days.c.place == "Ba Vì").values(entries=99))
    engine.dispose()
    damaged = doctor(sqlite_url)
    assert damaged.returncode == 1
    assert "✗ Figures kept per day: differ from the entries on" in damaged.stdout
    assert "db check --repair" in damaged.stdout and damaged.stdout.splitlines()[-1].startswith("1 things to fix")

    old = tmp_path / "old.db"
    shutil.copyfile(RELEASES / "release-64033db" / "tracker.db", old)
    behind = doctor(f"sqlite:///{old}")
    assert behind.returncode == 1 and "✗ Schema: revision 0008, to be upgraded to 0009" in behind.stdout
    assert held(f"sqlite:///{old}")["schema"] == "0008"  # looking never upgrades

    broken_plan = next(BROKEN_PLANS.glob("*.yaml"))
    assert doctor(sqlite_url, TRACKER_TARGETS=str(broken_plan)).stdout.startswith(f"✗ Plan file {broken_plan}")

    missing = doctor(f"sqlite:///{tmp_path / 'never-made.db'}")
    assert missing.returncode == 1 and "✗ Database" in missing.stdout and "no file yet" in missing.stdout
    assert not (tmp_path / "never-made.db").exists()

    down = doctor("postgresql+psycopg://tracker@127.0.0.1:1/tracker")
    assert down.returncode == 1 and "✗ Database 127.0.0.1:1/tracker: not reachable" in down.stdout
