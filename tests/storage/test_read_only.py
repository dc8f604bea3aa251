"""An SQLite database in a folder this process may not write (its permissions, a read-only
mount): the commands and pages that read, read it; every write says that it cannot write
there, naming the folder, and writes nothing; nothing is made in the folder.

Every connection used to switch the file to WAL first, which is a write: `summary` and
`db current` failed, and each failure was reported as a database that cannot be reached.

The folder is made read-only for real: for a user other than root, by its permissions;
for root, whom permissions do not stop, by a read-only bind mount of it in a mount
namespace of the command's own (``unshare``), which stops root as a read-only disk does.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import python_command
from tests.helpers import DASHBOARD, PROJECT_ROOT
from tests.report_files import csv_bytes
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.storage.ledger import Ledger

RELEASES = Path(__file__).resolve().parent / "releases"
HEAD = "0009"
# Run a command with the folder ($0) mounted read-only, for this command alone.
READ_ONLY_MOUNT = 'mount --bind -o ro "$0" "$0" && exec "$@"'


class ReadOnlyFolder:
    """A folder holding the tracker's database, which commands run through ``run`` may
    read and may not write."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.database = path / "tracker.db"
        self.url = f"sqlite:///{self.database}"

    def prefix(self) -> list[str]:
        """What a command is started through, so that this folder is read-only for it alone."""
        if os.geteuid() != 0:
            return []  # the folder's permissions stop this user
        return ["unshare", "--mount", "--propagation", "private", "sh", "-c", READ_ONLY_MOUNT, str(self.path)]

    def run(self, *argv: str, lang: str = "vi") -> subprocess.CompletedProcess[str]:
        """`python -m tracker argv`, as an operator runs it, on this folder's database."""
        return self.python("-m", "tracker", "--lang", lang, *argv)

    def python(self, *argv: str) -> subprocess.CompletedProcess[str]:
        settings = {"TRACKER_DATABASE_URL": self.url, "TRACKER_TARGETS": str(PROJECT_ROOT / "targets.yaml")}
        return python_command(*argv, settings=settings, prefix=self.prefix())

    def state(self) -> dict[str, str]:
        """Every file of the folder and a hash of its bytes: what a command may not change."""
        return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(self.path.iterdir())}


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[ReadOnlyFolder]:
    folder = ReadOnlyFolder(tmp_path / "data")
    folder.path.mkdir()
    if os.geteuid() == 0:
        probe = subprocess.run(
            [*folder.prefix(), "sh", "-c", f"touch '{folder.path}/probe'"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0 or (folder.path / "probe").exists():
            pytest.skip(f"this machine cannot mount a folder read-only for one command (unshare): {probe.stderr}")
        yield folder
        return
    folder.path.chmod(0o755)
    yield folder
    folder.path.chmod(0o755)  # so that pytest can remove it


def close_up(folder: ReadOnlyFolder) -> None:
    """Take away the write permission (what the mount does for root)."""
    if os.geteuid() != 0:
        for path in folder.path.iterdir():
            path.chmod(0o444)
        folder.path.chmod(0o555)


def with_an_entry(folder: ReadOnlyFolder, plan: Plan) -> None:
    """The database as the app leaves it: one entry of 450, in WAL mode, all closed."""
    ledger = Ledger(folder.url)
    try:
        ledger.record(
            validate_entry(plan, target_id="workers-trained", quantity=450, ref_date="2017-03-31",
                           district="Chương Mỹ", entered_by="Trần Lan")
        )  # fmt: skip
    finally:
        ledger.dispose()
    close_up(folder)


def achieved(done: subprocess.CompletedProcess[str]) -> float:
    """The figure `summary --json` shows for the workers trained."""
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    return float(next(row["achieved"] for row in shown["targets"] if row["id"] == "workers-trained"))


def test_reading_commands_read_a_database_in_a_read_only_folder(read_only: ReadOnlyFolder, plan: Plan) -> None:
    with_an_entry(read_only, plan)
    before = read_only.state()
    assert achieved(read_only.run("summary", "--json", "--as-of", "2017-12-31")) == 450
    current = read_only.run("db", "current")
    assert (current.returncode, current.stdout) == (0, f"Phiên bản lược đồ: {HEAD} (mới nhất)\n"), current.stderr
    upgrade = read_only.run("db", "upgrade", lang="en")  # nothing to do: says so, as anywhere
    assert upgrade.stdout == f"The database is already at schema revision {HEAD}; nothing to do.\n", upgrade.stderr
    assert read_only.state() == before  # not a byte changed, no file made beside it


def test_a_write_says_it_cannot_write_there_and_names_the_folder(
    read_only: ReadOnlyFolder, plan: Plan, tmp_path: Path
) -> None:
    with_an_entry(read_only, plan)
    before = read_only.state()
    record = ("record", "workers-trained", "30", "--date", "2017-04-30", "--by", "Trần Lan")
    vietnamese = read_only.run(*record)
    assert (vietnamese.returncode, vietnamese.stdout) == (2, "")
    assert vietnamese.stderr == (
        f"Không ghi được vào cơ sở dữ liệu ở đây: {read_only.path} chỉ cho đọc với người dùng đang chạy ứng dụng "
        "(hoặc lệnh). Chưa có gì được ghi; số liệu vẫn xem được. Hãy cho phép ghi vào "
        f"{read_only.path}, hoặc chạy bằng người dùng có quyền ghi, rồi khởi động lại ứng dụng (hoặc chạy lại lệnh).\n"
    )
    english = read_only.run(*record, lang="en")
    assert english.returncode == 2
    assert english.stderr.startswith(f"Cannot write to the database here: {read_only.path} is read-only")

    report = tmp_path / "ba-vi.csv"
    workers = plan.target("workers-trained").title.vi
    report.write_bytes(
        csv_bytes([("Quận/huyện", "Mục tiêu", "Kỳ báo cáo", "Số lượng"), ("Ba Vì", workers, "2017-05", "12")])
    )
    imported = read_only.run("import", str(report), "--by", "Trần Lan")
    assert (imported.returncode, imported.stdout) == (2, "")
    assert imported.stderr.startswith("Không ghi được vào cơ sở dữ liệu ở đây") and "Traceback" not in imported.stderr
    assert read_only.state() == before
    assert achieved(read_only.run("summary", "--json", "--as-of", "2017-12-31")) == 450


def test_a_reader_sees_what_a_writer_has_just_committed(read_only: ReadOnlyFolder, plan: Plan) -> None:
    """The app's server, which may write the folder, has the database open (its WAL and
    shared-memory files exist) while an operator who may only read runs `summary`."""
    with_an_entry(read_only, plan)
    if os.geteuid() != 0:
        read_only.path.chmod(0o755)  # the writer's folder: other users may only read it (0o755)
        for path in read_only.path.iterdir():
            path.chmod(0o644)
    writer = Ledger(read_only.url)
    try:
        writer.record(validate_entry(plan, target_id="workers-trained", quantity=30, ref_date="2017-04-30",
                                     entered_by="Trần Lan"))  # fmt: skip
        assert (read_only.path / "tracker.db-shm").exists()  # still open: not checkpointed into the file
        close_up(read_only)
        assert achieved(read_only.run("summary", "--json", "--as-of", "2017-12-31")) == 480
    finally:
        writer.dispose()


def test_a_database_to_upgrade_in_a_read_only_folder_says_who_must_upgrade_it(read_only: ReadOnlyFolder) -> None:
    shutil.copy(RELEASES / "release-5153fb5" / "tracker.db", read_only.database)  # at revision 0003
    close_up(read_only)
    before = read_only.state()
    for argv in (("summary",), ("db", "upgrade")):
        done = read_only.run(*argv)
        assert (done.returncode, done.stdout) == (2, ""), argv
        assert done.stderr == (
            f"Cơ sở dữ liệu cần được nâng cấp (phiên bản lược đồ 0003 → {HEAD}) trước khi dùng, nhưng "
            f"{read_only.path} chỉ cho đọc với người dùng đang chạy ứng dụng (hoặc lệnh). Chưa có gì được ghi. "
            f"Hãy chạy `python -m tracker db upgrade` bằng người dùng có quyền ghi vào {read_only.path}.\n"
        ), argv
    current = read_only.run("db", "current", lang="en")
    assert current.stdout == f"Schema revision: 0003 (to be upgraded to {HEAD}: python -m tracker db upgrade)\n"
    assert read_only.state() == before  # no copy, no upgrade


def test_no_database_yet_in_a_read_only_folder(read_only: ReadOnlyFolder) -> None:
    close_up(read_only)
    done = read_only.run("summary", lang="en")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(
        f"There is no database file {read_only.database} yet, and it cannot be made here: the folder "
        f"{read_only.path} is read-only"
    )
    assert read_only.state() == {}


# --- the app ---------------------------------------------------------------------------------

OPEN_OVERVIEW = """
import json, sys
from streamlit.testing.v1 import AppTest
app = AppTest.from_file(sys.argv[1], default_timeout=60)
app.query_params["as_of"] = "2017-12-31"
app.run()
shown = {"exception": [str(e.value) for e in app.exception], "titles": [t.value for t in app.title],
         "errors": [e.value for e in app.error], "achieved": {}}
if app.dataframe:
    table = app.dataframe[0].value
    shown["achieved"] = dict(zip(table.iloc[:, 0], table["Đã đạt"]))
print(json.dumps(shown, ensure_ascii=False))
"""


def overview(folder: ReadOnlyFolder) -> dict[str, object]:
    """The overview page as the app draws it (AppTest, in the read-only command's process)."""
    done = folder.python("-c", OPEN_OVERVIEW, DASHBOARD)
    assert done.returncode == 0, done.stderr
    shown: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    assert shown["exception"] == [], shown
    return shown


def test_the_app_shows_the_figures_of_a_database_in_a_read_only_folder(read_only: ReadOnlyFolder, plan: Plan) -> None:
    with_an_entry(read_only, plan)
    before = read_only.state()
    shown = overview(read_only)
    assert shown["titles"] == ["Tổng quan tiến độ"]
    assert shown["achieved"] == {**shown["achieved"], plan.target("workers-trained").short.vi: "450"}  # type: ignore[dict-item]
    assert read_only.state() == before


def test_the_app_says_a_database_to_upgrade_cannot_be_upgraded_there(read_only: ReadOnlyFolder) -> None:
    shutil.copy(RELEASES / "release-5153fb5" / "tracker.db", read_only.database)
    close_up(read_only)
    shown = overview(read_only)
    assert shown["titles"] == ["Không ghi được vào cơ sở dữ liệu ở đây"]  # not "cannot be reached"
    [error] = shown["errors"]  # type: ignore[misc]
    assert "cần được nâng cấp" in error and "python \\-m tracker db upgrade" in error
