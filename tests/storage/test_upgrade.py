"""The schema under Alembic: a fresh database is made by the migrations and equals the
code's tables; the databases the first releases wrote (tests/storage/releases, made by
those releases' own code) upgrade without losing an entry, a change, a task, a note, a
user or a session; PostgreSQL is upgraded only by the operator's command; a database
newer than the code is refused; an upgrade that fails half-way leaves the database as it
was. Every test runs on SQLite and on PostgreSQL where both apply.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import signal
import sqlite3
import subprocess
import threading
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from argon2 import PasswordHasher

from tests.conftest import POSTGRES_URL, python_command, tracker_command
from tests.helpers import PROJECT_ROOT, open_dashboard
from tracker import service
from tracker.domain.access import Credential
from tracker.domain.districts import district_names
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan, read_plans
from tracker.storage.accounts import Accounts
from tracker.storage.database import (
    FIRST_PLAN_ID,
    HEAD_REVISION,
    MIGRATIONS,
    Database,
    SchemaError,
    metadata,
    open_database,
)
from tracker.storage.ledger import Ledger
from tracker.storage.periods import OutsideScopeError
from tracker.storage.report_days import differences
from tracker.storage.tasks import TaskBoard

RELEASES = Path(__file__).resolve().parent / "releases"
RELEASE_NAMES = [
    "release-9074334",
    "release-0f33ca4",
    "release-6284531",
    "release-5153fb5",
    "release-612f78c",
    "release-f7141e7",
]
HEAD = "0009"
# The passwords seed_release.py gave the releases' users (tests/storage/releases).
RELEASE_PASSWORDS = {
    "lan.nguyen": "quản-trị-Hà-Nội-2017",
    "minh.tran": "biên-tập-làng-nghề-2017",
    "hoa.le": "chỉ-xem-số-liệu-2017",
}
PLAN_TABLES = ("entries", "entry_changes", "task_state", "task_notes", "task_changes")
# What revision 0006 adds (the reporting cycle): no release before it wrote a row of them.
CYCLE_TABLES = ("period_statuses", "period_events", "user_districts")


def version_made_by(release: str) -> str | None:
    """The schema revision the release left (None: before the schema had versions)."""
    versions: list[str] = expected(release).get("alembic_version", [])
    return versions[0] if versions else None


def copy_name(release: str) -> str:
    return f"tracker.db.before-{version_made_by(release) or 'unversioned'}"


def expected(release: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((RELEASES / release / "expected.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def empty_postgres(postgres_available: None) -> Iterator[str]:
    """A URL whose connections live in a fresh, empty schema (no migration run)."""
    schema = f"u_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def schema_of(url: str) -> str:
    return url.rsplit("%3D", 1)[1]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return str(request.getfixturevalue("empty_postgres"))


def release_database(release: str, kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A copy of what ``release`` wrote, in a database of ``kind``: its URL."""
    if kind == "sqlite":
        copy = tmp_path / "tracker.db"
        shutil.copy(RELEASES / release / "tracker.db", copy)
        return f"sqlite:///{copy}"
    url = str(request.getfixturevalue("empty_postgres"))
    dump = (RELEASES / release / "postgresql.sql").read_text(encoding="utf-8").replace("__SCHEMA__", schema_of(url))
    engine = sa.create_engine(POSTGRES_URL)
    with engine.connect() as connection:  # one session: the dump sets its own search_path
        connection.exec_driver_sql(dump)
        connection.commit()
    engine.dispose()
    return url


def upgraded_release(release: str, kind: str, tmp_path: Path, request: pytest.FixtureRequest, before: str) -> str:
    """A copy of what ``release`` wrote (at revision ``before``), upgraded to HEAD with
    `python -m tracker db upgrade`: its URL."""
    url = release_database(release, kind, tmp_path, request)
    assert version_of(url) == before
    done = tracker_command("--lang", "en", "db", "upgrade", settings={"TRACKER_DATABASE_URL": url})
    assert done.returncode == 0, done.stderr
    assert version_of(url) == HEAD
    return url


def rows(url: str, query: str) -> list[dict[str, Any]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(sa.text(query))]
    finally:
        engine.dispose()


def version_of(url: str) -> str | None:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


# --- a fresh database ---------------------------------------------------------------------


def test_the_migrations_make_exactly_the_codes_tables(empty_url: str) -> None:
    database = Database(empty_url)
    assert database.schema().current is None and not database.schema().has_tables
    assert database.upgrade() is None  # nothing to copy: the database was empty
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
    assert database.schema().up_to_date and database.schema().current == HEAD
    assert database.revision() == 0
    database.dispose()


def test_history_and_current_from_the_command_line(tmp_path: Path) -> None:
    file = tmp_path / "tracker.db"
    settings = {"TRACKER_DATABASE_URL": f"sqlite:///{file}"}
    missing = tracker_command("--lang", "en", "db", "current", settings=settings)
    assert missing.returncode == 0 and missing.stdout.startswith(f"There is no database file {file} yet")
    history = tracker_command("db", "history", settings=settings)
    assert history.returncode == 0
    assert [line.split()[0] for line in history.stdout.splitlines()[1:]] == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
        "0006",
        "0007",
        "0008",
        "0009",
    ]
    assert not file.exists()  # looking made no empty database where data was expected
    file.touch()
    empty = tracker_command("db", "current", settings=settings)
    assert (empty.returncode, empty.stdout) == (0, "Phiên bản lược đồ: chưa có (cơ sở dữ liệu trống)\n")
    upgraded = tracker_command("--lang", "en", "db", "upgrade", settings=settings)
    assert (upgraded.returncode, upgraded.stdout) == (0, f"Upgraded the database to schema revision {HEAD}.\n")
    again = tracker_command("--lang", "en", "db", "upgrade", settings=settings)
    assert again.stdout == f"The database is already at schema revision {HEAD}; nothing to do.\n"
    current = tracker_command("--lang", "en", "db", "current", settings=settings)
    assert current.stdout == f"Schema revision: {HEAD} (the latest)\n"
    marked = tracker_command("db", "history", settings=settings)
    assert marked.stdout.splitlines()[-1].startswith(f"* {HEAD}")


# --- the databases of the first releases -----------------------------------------------


def check_nothing_was_lost(url: str, release: str, plan: Plan) -> None:
    """Every row the release wrote, as it wrote it, and its figures as it computed them."""
    want = expected(release)
    for table, count in want["row_counts"].items():
        if table not in {"user_sessions", "sign_in_attempts"}:
            assert rows(url, f"SELECT COUNT(*) AS n FROM {table}")[0]["n"] == count, table
    assert rows(url, "SELECT COUNT(*) AS n FROM user_sessions")[0]["n"] == want["user_sessions_count"]
    assert rows(url, "SELECT COUNT(*) AS n FROM sign_in_attempts")[0]["n"] == want["sign_in_attempts_count"]
    assert rows(url, "SELECT revision FROM ledger_state")[0]["revision"] == want["ledger_revision"]

    ledger = Ledger(url)
    try:
        for entry in want["entries"]:
            stored = ledger.entry(entry["id"])
            assert stored is not None, entry["id"]
            assert (stored.target_id, stored.ref_date.isoformat(), int(stored.quantity * 1000)) == (
                entry["target_id"],
                entry["ref_date"],
                entry["quantity_milli"],
            )
            assert (stored.district, stored.village, stored.note, stored.kind.value) == (
                entry["district"],
                entry["village"],
                entry["note"],
                entry["kind"],
            )
            assert (stored.entered_by, stored.version, stored.deleted) == (
                entry["entered_by"],
                entry["version"],
                entry["deleted"],
            )
        changes = {change.id: change for change in ledger.changes(limit=None)}
        for change in want["entry_changes"]:
            kept = changes[change["id"]]
            assert (kept.entry_id, kept.action.value, kept.version, kept.changed_by) == (
                change["entry_id"],
                change["action"],
                change["version"],
                change["changed_by"],
            )
            assert (kept.before, kept.after, kept.reverts_change_id) == (
                change["before"],
                change["after"],
                change["reverts_change_id"],
            )
        # the seed imports nothing (the first releases had no imports): no batch, no change belonging to one
        assert ledger.batches() == [] and all(change.batch_id is None for change in changes.values())
        summed = [t.id for t in plan.recordable() if t.aggregation.value == "sum"]
        levels = [t.id for t in plan.recordable() if t.aggregation.value == "latest"]
        achieved = ledger.achieved(dt.date(2017, 12, 31), summed, levels)
        assert {key: str(value.normalize()) for key, value in achieved.items()} == {
            key: str(Decimal(value).normalize()) for key, value in want["achieved_2017_12_31"].items()
        }

        board = TaskBoard(ledger.database)
        states = {state.task.id: state for state in board.states(plan)}
        for state in want["task_state"]:
            kept_state = states[state["task_id"]]
            assert (kept_state.status.value, kept_state.version, kept_state.updated_by) == (
                state["status"],
                state["version"],
                state["updated_by"],
            )
        notes = {row["id"]: row for row in rows(url, "SELECT id, text, withdrawn FROM task_notes")}
        assert {note["id"]: note["text"] for note in want["task_notes"]} == {i: r["text"] for i, r in notes.items()}
        task_changes = {change.id: change for change in board.changes()}
        assert {c["id"]: c["action"] for c in want["task_changes"]} == {
            i: c.action.value for i, c in task_changes.items()
        }

        users = {user.username: user for user in Accounts(ledger.database).list_users()}
        assert {u["username"]: (u["display_name"], u["role"]) for u in want["users"]} == {
            name: (user.display_name, user.role.value) for name, user in users.items()
        }
        keys = [row["username"] for row in rows(url, "SELECT username FROM sign_in_attempts")]
        assert all(len(key) == 40 and key[0] in "~@" for key in keys), keys  # no name or address kept in clear
        check_everything_belongs_to_2017(url, ledger, plan, achieved)
    finally:
        ledger.dispose()


def check_everything_belongs_to_2017(url: str, ledger: Ledger, plan: Plan, achieved: dict[str, Decimal]) -> None:
    """The release knew one plan, the 2017 plan: every row it wrote is that plan's, the
    2018 plan starts empty, and an entry recorded for 2018 under a target id the two
    plans share leaves 2017's figures as they were."""
    for table in PLAN_TABLES:
        plans = {row["plan_id"] for row in rows(url, f"SELECT DISTINCT plan_id FROM {table}")}
        assert plans <= {FIRST_PLAN_ID}, (table, plans)
    plan_2018 = read_plans(PROJECT_ROOT / "targets.yaml").find("2018")
    assert plan_2018 is not None
    later = ledger.for_plan(plan_2018.id)
    assert (later.count_entries(), later.changes(limit=None), later.has_entries()) == (0, [], False)
    later.record(validate_entry(plan_2018, target_id="workers-trained", quantity=500, ref_date="2018-03-01",
                                entered_by="Nguyễn An"))  # fmt: skip
    summed = [t.id for t in plan.recordable() if t.aggregation.value == "sum"]
    levels = [t.id for t in plan.recordable() if t.aggregation.value == "latest"]
    assert ledger.achieved(dt.date(2017, 12, 31), summed, levels) == achieved
    assert later.achieved(dt.date(2018, 12, 31), ["workers-trained"]) == {"workers-trained": Decimal(500)}


def check_each_person_can_keep_a_language(url: str) -> None:
    """The release's users (revision 0005) start with no language chosen, so the default
    applies; one who signs in with the release's password and chooses English finds it at
    the next sign-in, and the others keep none."""
    assert {row["language"] for row in rows(url, "SELECT language FROM users")} == {None}
    ledger = Ledger(url)
    try:
        accounts = Accounts(ledger.database)
        token, identity = accounts.sign_in("hoa.le", RELEASE_PASSWORDS["hoa.le"])
        assert identity.language is None
        accounts.set_language(Credential(token=token), "en")
        assert accounts.sign_in("hoa.le", RELEASE_PASSWORDS["hoa.le"])[1].language == "en"
        assert accounts.sign_in("lan.nguyen", RELEASE_PASSWORDS["lan.nguyen"])[1].language is None
    finally:
        ledger.dispose()


def check_the_reporting_cycle_starts_open(url: str, release: str) -> None:
    """Revision 0006 on a release's data: its tables are there and empty (nothing is
    submitted, approved or locked), and every account the release made has no district
    scope: each one that may edit still writes every district and the city, as before."""
    ledger = Ledger(url)
    try:
        tables = set(sa.inspect(ledger.database.engine).get_table_names())
        assert set(CYCLE_TABLES) <= tables
        for table in CYCLE_TABLES:
            assert rows(url, f"SELECT COUNT(*) AS n FROM {table}")[0]["n"] == 0, table
        # report_days is filled from the release's entries: one row per target, place and
        # day with live entries, agreeing with a recount of them.
        assert rows(url, "SELECT COUNT(*) AS n FROM report_days")[0]["n"] > 0
        with ledger.database.reading() as connection:
            assert differences(connection) == []
        # The fastest argon2 settings for the account added below: its password protects nothing.
        accounts = Accounts(ledger.database, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        assert {user.username: user.districts for user in accounts.list_users()} == {
            user["username"]: () for user in expected(release)["users"]
        }
        plan_2018 = read_plans(PROJECT_ROOT / "targets.yaml").find("2018")
        assert plan_2018 is not None
        later = ledger.for_plan(plan_2018.id)
        before = later.count_entries()
        places: list[str | None] = [*district_names(), None]
        for username in ("lan.nguyen", "minh.tran"):  # the administrator and the editor
            token, identity = accounts.sign_in(username, RELEASE_PASSWORDS[username])
            assert identity.districts == ()
            name, scoped = service.writer_of(later, Credential(token=token))
            for place in places:
                scoped.record(validate_entry(plan_2018, target_id="workers-trained", quantity=1, ref_date="2018-02-01",
                                             district=place, entered_by=name))  # fmt: skip
        assert later.count_entries() == before + 2 * len(places)
        # A district office's account, added on the old users table, is held to its district.
        accounts.add_user("cm", "Phòng Kinh tế Chương Mỹ", "editor", RELEASE_PASSWORDS["minh.tran"],
                          districts=["chuong my"])  # fmt: skip
        office = later.written_by("cm")
        office.record(validate_entry(plan_2018, target_id="workers-trained", quantity=2, ref_date="2018-02-02",
                                     district="Chương Mỹ", entered_by="Phòng Kinh tế Chương Mỹ"))  # fmt: skip
        with pytest.raises(OutsideScopeError):
            office.record(validate_entry(plan_2018, target_id="workers-trained", quantity=2, ref_date="2018-02-02",
                                         district="Ba Vì", entered_by="Phòng Kinh tế Chương Mỹ"))  # fmt: skip
        assert rows(url, "SELECT username, district FROM user_districts") == [
            {"username": "cm", "district": "Chương Mỹ"}
        ]
    finally:
        ledger.dispose()


@pytest.mark.parametrize("release", RELEASE_NAMES)
@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_database_of_an_earlier_release_upgrades_with_nothing_lost(
    release: str, kind: str, tmp_path: Path, request: pytest.FixtureRequest, plan: Plan
) -> None:
    url = release_database(release, kind, tmp_path, request)
    assert version_of(url) == version_made_by(release)  # None: made before the schema had versions
    done = tracker_command("--lang", "en", "db", "upgrade", settings={"TRACKER_DATABASE_URL": url})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Upgraded the database to schema revision {HEAD}.")
    assert version_of(url) == HEAD
    check_nothing_was_lost(url, release, plan)
    check_each_person_can_keep_a_language(url)
    check_the_reporting_cycle_starts_open(url, release)
    if kind == "sqlite":  # the file as it was, kept beside it
        copy = tmp_path / copy_name(release)
        assert f"The copy saved before the upgrade: {copy}" in done.stdout
        entries = expected(release)["row_counts"]["entries"]
        with sqlite3.connect(copy) as saved:
            assert saved.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == entries
            versions = saved.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchall()
            assert len(versions) == (0 if version_made_by(release) is None else 1)


@pytest.mark.parametrize("release", RELEASE_NAMES)
def test_the_app_upgrades_an_sqlite_file_of_an_earlier_release_and_shows_its_figures(
    release: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, plan: Plan
) -> None:
    url = release_database(release, "sqlite", tmp_path, request)
    app = open_dashboard(monkeypatch, url, query={"as_of": "2017-12-31"})
    assert not app.exception
    assert app.title[0].value == "Tổng quan tiến độ"
    shown = app.dataframe[0].value
    achieved = dict(zip(shown.iloc[:, 0], shown["Đã đạt"], strict=True))
    workers = next(t for t in plan.targets if t.id == "workers-trained")
    assert achieved[workers.short.vi] == "4.380"  # as the release itself computed it
    assert version_of(url) == HEAD
    assert (tmp_path / copy_name(release)).is_file()
    check_nothing_was_lost(url, release, plan)


@pytest.mark.postgres
def test_the_app_never_upgrades_postgresql_and_says_which_command_to_run(
    tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, plan: Plan
) -> None:
    url = release_database("release-9074334", "postgresql", tmp_path, request)
    app = open_dashboard(monkeypatch, url)
    assert not app.exception
    assert app.title[0].value == "Cơ sở dữ liệu chưa dùng được với phiên bản này của ứng dụng"
    assert "python \\-m tracker db upgrade" in app.error[0].value
    summary = tracker_command("summary", settings={"TRACKER_DATABASE_URL": url})
    assert summary.returncode == 2 and "python -m tracker db upgrade" in summary.stderr
    assert len(summary.stderr.splitlines()) == 1
    assert version_of(url) is None  # nothing written
    revision = expected("release-9074334")["ledger_revision"]
    assert rows(url, "SELECT revision FROM ledger_state")[0]["revision"] == revision


# --- a copy stopped half-way ---------------------------------------------------------------


def upgrade_killed_past(limit: int, url: str) -> subprocess.CompletedProcess[str]:
    """`python -m tracker db upgrade`, killed by the system the moment a file it writes
    passes ``limit`` bytes (SIGXFSZ, whose default action ends the process on the spot,
    as kill -9 does: no handler, no cleanup). Python ignores that signal from its start;
    the process puts back the default, then runs the command as `python -m` does."""
    run = (
        "import runpy, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_DFL); "
        "sys.argv = ['tracker', 'db', 'upgrade']; runpy.run_module('tracker', run_name='__main__')"
    )
    return python_command("-c", run, settings={"TRACKER_DATABASE_URL": url}, file_size_limit=limit)


def entries_in(path: Path) -> int | None:
    """How many entries the SQLite file at ``path`` holds; None if it holds no ledger."""
    opened = sqlite3.connect(path)
    try:
        return int(opened.execute("SELECT COUNT(*) FROM entries").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        opened.close()


def test_a_copy_killed_half_way_never_sits_under_the_copy_s_name_and_the_next_start_makes_it_whole(
    tmp_path: Path, request: pytest.FixtureRequest, plan: Plan
) -> None:
    """kill -9 during the copy of a large database left `tracker.db.before-0002` (114 KB
    of 475 MB, with its journal), which opened as an empty database; the next start then
    saved its copy as `…before-0002-2`. The file here is 98 KB: the copy is killed at 64 KB."""
    release = "release-6284531"  # at revision 0002
    url = release_database(release, "sqlite", tmp_path, request)
    copy = tmp_path / copy_name(release)
    entries = expected(release)["row_counts"]["entries"]

    killed = upgrade_killed_past(64 * 1024, url)
    assert killed.returncode == -signal.SIGXFSZ, killed.stderr  # killed, not failed and cleaned up
    assert not copy.exists() or entries_in(copy) == entries  # the copy's name: a whole copy, or nothing
    assert any(path.name.startswith(f"{copy.name}.") for path in tmp_path.iterdir())  # it was killed mid-copy
    assert version_of(url) == "0002"  # nothing upgraded

    done = tracker_command("--lang", "en", "db", "upgrade", settings={"TRACKER_DATABASE_URL": url})
    assert done.returncode == 0, done.stderr
    assert f"The copy saved before the upgrade: {copy}\n" in done.stdout  # not …-2
    assert entries_in(copy) == entries
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("tracker.db.before")) == [copy.name]
    assert version_of(url) == HEAD
    check_nothing_was_lost(url, release, plan)


# --- refusals ----------------------------------------------------------------------------


def test_a_database_newer_than_the_code_is_refused_and_not_written(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = Database(empty_url)
    database.upgrade()
    with database.engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    revision = database.revision()
    database.dispose()
    with pytest.raises(SchemaError) as refused:
        open_database(empty_url)
    assert refused.value.code == "newer" and "0099" in refused.value.message("vi")
    with pytest.raises(SchemaError):
        Database(empty_url).upgrade()
    app = open_dashboard(monkeypatch, empty_url)
    assert app.title[0].value == "Cơ sở dữ liệu chưa dùng được với phiên bản này của ứng dụng"
    assert "phiên bản mới hơn" in app.error[0].value
    done = tracker_command("db", "upgrade", settings={"TRACKER_DATABASE_URL": empty_url})
    assert done.returncode == 1 and "phiên bản mới hơn" in done.stderr
    assert version_of(empty_url) == "0099" and Database(empty_url).revision() == revision


def failing_migrations(tmp_path: Path) -> Path:
    """This code's migrations and one more, after the head, that makes a table, then fails."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9999_fails_half_way.py").write_text(
        '"""Makes a table, then fails."""\n'
        "import sqlalchemy as sa\n"
        "from alembic import op\n\n"
        f'revision = "9999"\ndown_revision = "{HEAD}"\nbranch_labels = None\ndepends_on = None\n\n\n'
        "def upgrade() -> None:\n"
        '    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))\n'
        '    op.execute("UPDATE ledger_state SET revision = revision + 1000")\n'
        '    raise RuntimeError("the disk is full")\n',
        encoding="utf-8",
    )
    return folder


def test_an_upgrade_that_fails_half_way_leaves_the_database_as_it_was(empty_url: str, tmp_path: Path) -> None:
    ready = Database(empty_url)
    ready.upgrade()
    with ready.engine.begin() as connection:
        connection.execute(sa.text("UPDATE ledger_state SET revision = 7"))
    ready.dispose()
    database = Database(empty_url, migrations=failing_migrations(tmp_path / "code"))
    with pytest.raises(SchemaError) as failed:
        database.upgrade()
    assert failed.value.code == "failed" and "the disk is full" in failed.value.message("en")
    assert version_of(empty_url) == HEAD
    assert "half_done" not in sa.inspect(database.engine).get_table_names()
    assert database.revision() == 7
    if database.is_sqlite:  # the copy is there, and the message names it
        copy = tmp_path / f"tracker.db.before-{HEAD}"
        assert copy.is_file() and str(copy) in failed.value.message("vi")
    database.dispose()


def test_two_processes_upgrading_at_once_upgrade_once(empty_url: str) -> None:
    first, second = Database(empty_url), Database(empty_url)
    outcomes: list[object] = []

    def upgrade(database: Database) -> None:
        try:
            outcomes.append(database.upgrade())
        except Exception as error:  # a failure is what this test looks for
            outcomes.append(error)

    threads = [threading.Thread(target=upgrade, args=(db,)) for db in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [None, None]  # an empty database: nothing to copy, no error
    assert version_of(empty_url) == HEAD
    assert first.revision() == 0
    first.dispose()
    second.dispose()


def test_the_head_opened_without_alembic_is_the_migrations_head(tmp_path: Path) -> None:
    """A new migration that forgot HEAD_REVISION would have every database at the new head
    look out of date to the quick check, and every one at the old head look current."""
    script = Database(f"sqlite:///{tmp_path / 'any.db'}")._script()
    assert script.get_current_head() == HEAD_REVISION == HEAD


def test_a_database_at_the_head_opens_without_loading_the_migrations(database_url: str) -> None:
    """The usual opening, by every command and page, reads the stored revision by SQL and
    leaves Alembic and its scripts unloaded (a seventh of a command's start)."""
    check = "import sys; from tracker import settings; from tracker.storage.database import open_database as o; "
    check += "o(settings.database_url()).dispose(); "
    check += "print('alembic' in sys.modules)"
    python_command("-c", check, settings={"TRACKER_DATABASE_URL": database_url})  # made, if it was not
    opened = python_command("-c", check, settings={"TRACKER_DATABASE_URL": database_url})
    assert (opened.returncode, opened.stdout.split()) == (0, ["False"]), opened.stderr
    with Database(database_url).engine.connect() as connection:
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD
