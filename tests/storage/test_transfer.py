"""A whole database copied, backed up and restored (tracker.storage.transfer), between the
real SQLite and the real PostgreSQL: every table arrives with every row as it was, ids go
on after the copied ones, a target with data is never overwritten unasked, a copy that
fails or does not prove itself leaves the target as it was, a backup taken while people
save is one moment of the database, and an older backup is upgraded on the way in."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.helpers import PASSWORD, PROJECT_ROOT
from tracker.domain.access import Role
from tracker.domain.entries import ValidEntry
from tracker.domain.plan import Plan, load_plan
from tracker.storage.accounts import Accounts, SignInError
from tracker.storage.database import Database, open_database, sqlite_url
from tracker.storage.ledger import Ledger
from tracker.storage.periods import PeriodBook
from tracker.storage.report_days import report_days
from tracker.storage.tasks import TaskBoard
from tracker.storage.transfer import TransferError, backup, backup_revision, copy_database, restore, tables

PLAN = load_plan(PROJECT_ROOT / "targets.yaml")
RELEASES = Path(__file__).resolve().parent / "releases"
WORKERS = "workers-trained"
AN = "Nguyễn Văn An"
START = dt.date(2017, 1, 1)


# --- a database with a row in every table ------------------------------------------------------


def fill(url: str, plan: Plan = PLAN) -> None:
    """Every kind of write the tracker makes, so that every table holds rows."""
    from tests.test_cli_db_check import written_every_way

    ledger = Ledger(url).with_plan(plan)
    try:
        written_every_way(ledger)
        accounts = Accounts(ledger.database)
        accounts.add_user("quan-tri", "Quản trị viên", Role.admin, PASSWORD, first=True)
        accounts.add_user("ba-vi", "Phòng Kinh tế Ba Vì", Role.editor, PASSWORD, districts=["Ba Vì"])
        accounts.sign_in("quan-tri", PASSWORD)
        with pytest.raises(SignInError):
            accounts.sign_in("ba-vi", "not the password")
        board = TaskBoard(ledger.database, plan.id)
        task = plan.tasks[0].id
        board.set_status(plan, task, "in_progress", board.state(plan, task).version, AN)
        board.add_note(plan, task, dt.date(2017, 5, 2), "Họp với làng gốm Bát Tràng", AN)
        period = plan.reporting_period("2017-Q2")
        assert period is not None
        PeriodBook(ledger.database, plan.id).approve(period, "Ba Vì", "quan-tri", "đã duyệt")
    finally:
        ledger.dispose()


def held(url: str) -> dict[str, Any]:
    """Every row of every table, read with plain SQL of this test's own: JSON as the text
    stored, moments in UTC; and the ledger's revision apart (a copy may move it on)."""
    engine = sa.create_engine(url)
    found: dict[str, Any] = {}
    try:
        with engine.connect() as connection:
            for table in tables():
                columns = [
                    sa.cast(column, sa.Text) if isinstance(column.type, sa.JSON) else column for column in table.c
                ]
                rows = connection.execute(sa.select(*columns)).all()
                kinds = [isinstance(column.type, sa.JSON) for column in table.c]
                plain = (tuple(_plain(value, kind) for value, kind in zip(row, kinds, strict=True)) for row in rows)
                found[table.name] = sorted(plain, key=repr)
            found["revision"] = connection.execute(sa.text("SELECT revision FROM ledger_state")).scalar_one()
            found["schema"] = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()
    found["ledger_state"] = [row[:1] for row in found["ledger_state"]]
    return found


def _plain(value: Any, json_text: bool) -> Any:
    if isinstance(value, dt.datetime):  # SQLite keeps UTC without its zone
        return (value if value.tzinfo is None else value.astimezone(dt.UTC).replace(tzinfo=None)).isoformat()
    if json_text and value is not None:
        return json.loads(value)  # the same JSON, whichever spacing a database keeps
    return value


def other_url(request: pytest.FixtureRequest, backend: str) -> str:
    return request.getfixturevalue("sqlite_url" if backend == "sqlite" else "postgres_url")


@pytest.fixture
def second_sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'second.db'}"


DIRECTIONS = [
    pytest.param("sqlite", "postgresql", marks=pytest.mark.postgres, id="sqlite-to-postgresql"),
    pytest.param("postgresql", "sqlite", marks=pytest.mark.postgres, id="postgresql-to-sqlite"),
]


@pytest.fixture
def opened() -> Iterator[list[Database]]:
    databases: list[Database] = []
    yield databases
    for database in databases:
        database.dispose()


def database(url: str, opened: list[Database]) -> Database:
    found = Database(url)
    opened.append(found)
    return found


# --- the copy ----------------------------------------------------------------------------------


def test_every_table_of_the_schema_is_copied(sqlite_url: str) -> None:
    """A table a migration adds is copied too: the list is the schema's, not written by hand."""
    open_database(sqlite_url).dispose()
    engine = sa.create_engine(sqlite_url)
    try:
        in_schema = set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()
    assert {table.name for table in tables()} == in_schema


@pytest.mark.parametrize(("source_kind", "target_kind"), DIRECTIONS)
def test_a_copy_holds_every_row_of_every_table_and_ids_go_on(
    request: pytest.FixtureRequest, source_kind: str, target_kind: str, opened: list[Database]
) -> None:
    source_url, target_url = other_url(request, source_kind), other_url(request, target_kind)
    fill(source_url)
    before = held(source_url)
    assert all(before[table.name] for table in tables()), "the source must hold a row in every table"

    proof = copy_database(database(source_url, opened), database(target_url, opened))

    assert proof.agrees and proof.schema_revision == before["schema"]
    assert proof.days_recounted == len(before["report_days"])
    assert held(target_url) == before  # every row, the revision and the schema revision
    copied = Ledger(target_url).with_plan(PLAN)
    try:
        highest = max(row[0] for row in before["entries"])
        new_id = copied.record(ValidEntry(WORKERS, dt.date(2017, 9, 1), Decimal(5), "Sóc Sơn", None, None, AN))
        assert new_id == highest + 1  # the counter goes on after the copied ids
        assert Accounts(copied.database).sign_in("quan-tri", PASSWORD)[1].role == Role.admin
    finally:
        copied.dispose()


@pytest.mark.postgres
def test_moments_stay_the_same_moment_whatever_the_server_s_time_zone(
    sqlite_url: str, postgres_url: str, second_sqlite: str, opened: list[Database]
) -> None:
    """A PostgreSQL session in Hanoi time reads every moment with +07:00: the copy to
    SQLite (which keeps UTC) and back must not shift any by seven hours."""
    hanoi = postgres_url.replace("options=", "options=-cTimeZone%3DAsia%2FHo_Chi_Minh%20")
    fill(sqlite_url)
    copy_database(database(sqlite_url, opened), database(hanoi, opened))
    copy_database(database(hanoi, opened), database(second_sqlite, opened))
    assert held(second_sqlite) == held(sqlite_url)


@pytest.mark.parametrize("target_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_target_with_data_is_refused_unless_replaced(
    request: pytest.FixtureRequest, target_kind: str, second_sqlite: str, opened: list[Database]
) -> None:
    target_url = other_url(request, target_kind)
    fill(second_sqlite)
    Ledger(target_url).with_plan(PLAN).record(
        ValidEntry(WORKERS, dt.date(2017, 2, 1), Decimal(9), "Mê Linh", None, None, AN)
    )
    there = held(target_url)

    with pytest.raises(TransferError) as refused:
        copy_database(database(second_sqlite, opened), database(target_url, opened))
    assert refused.value.code == "target_has_data" and refused.value.params == {"table": "entries", "rows": 1}
    assert "--replace" in refused.value.message("vi") and "--replace" in refused.value.message("en")
    assert held(target_url) == there

    copy_database(database(second_sqlite, opened), database(target_url, opened), replace=True)
    replaced = held(target_url)
    assert replaced["revision"] > there["revision"]  # an app that read the target reads again
    assert {key: value for key, value in replaced.items() if key != "revision"} == {
        key: value for key, value in held(second_sqlite).items() if key != "revision"
    }


@pytest.mark.parametrize("target_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_copy_that_fails_half_way_leaves_the_target_as_it_was(
    request: pytest.FixtureRequest, target_kind: str, second_sqlite: str, opened: list[Database]
) -> None:
    """The target refuses one of the last rows (a trigger, as a full disk or a broken
    connection would stop it): the tables written before it are not kept either."""
    target_url = other_url(request, target_kind)
    fill(second_sqlite)
    open_database(target_url).dispose()
    last_change = max(row[0] for row in held(second_sqlite)["entry_changes"])
    engine = sa.create_engine(target_url)
    with engine.begin() as connection:
        if target_kind == "sqlite":
            connection.exec_driver_sql(
                f"CREATE TRIGGER refuse BEFORE INSERT ON entry_changes WHEN NEW.id = {last_change} "
                "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"
            )
        else:
            connection.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.id = {last_change} THEN RAISE EXCEPTION 'the disk is full'; END IF; RETURN NEW; END $$"
            )
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON entry_changes FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
    engine.dispose()
    empty = held(target_url)

    with pytest.raises(sa.exc.SQLAlchemyError, match="the disk is full"):
        copy_database(database(second_sqlite, opened), database(target_url, opened))
    assert held(target_url) == empty
    assert not any(empty[table.name] for table in tables() if table.name != "ledger_state")


def test_kept_figures_that_disagree_with_the_entries_undo_the_copy(
    sqlite_url: str, second_sqlite: str, opened: list[Database]
) -> None:
    fill(sqlite_url)
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(report_days.update().where(report_days.c.place == "Ba Vì").values(entries=99))
    engine.dispose()

    with pytest.raises(TransferError) as refused:
        copy_database(database(sqlite_url, opened), database(second_sqlite, opened))
    assert refused.value.code == "totals_differ"
    assert "db check" in refused.value.message("vi")
    assert not held(second_sqlite)["entries"]


def test_the_same_database_and_a_source_behind_are_refused(
    sqlite_url: str, tmp_path: Path, second_sqlite: str, opened: list[Database]
) -> None:
    fill(sqlite_url)
    with pytest.raises(TransferError) as same:
        same_file = sqlite_url.replace("/tracker.db", "/./tracker.db")  # another spelling of the same file
        copy_database(database(sqlite_url, opened), database(same_file, opened))
    assert same.value.code == "same_database"

    mistyped = tmp_path / "trackre.db"
    with pytest.raises(TransferError) as missing:
        copy_database(database(f"sqlite:///{mistyped}", opened), database(second_sqlite, opened))
    assert missing.value.code == "no_file" and not mistyped.exists()  # no empty file made where data was expected

    old = tmp_path / "old.db"
    shutil.copyfile(RELEASES / "release-64033db" / "tracker.db", old)
    with pytest.raises(TransferError) as behind:
        copy_database(database(f"sqlite:///{old}", opened), database(second_sqlite, opened))
    assert behind.value.code == "source_behind" and behind.value.params["current"] == "0008"
    assert "db upgrade" in behind.value.message("en")


# --- backup and restore -------------------------------------------------------------------------


BACKUP_ROUTES = [
    pytest.param("sqlite", "sqlite", id="sqlite-to-sqlite"),
    *DIRECTIONS,
    pytest.param("postgresql", "postgresql", marks=pytest.mark.postgres, id="postgresql-to-postgresql"),
]


@pytest.mark.parametrize(("source_kind", "target_kind"), BACKUP_ROUTES)
def test_a_backup_restores_into_either_backend_as_it_was(
    request: pytest.FixtureRequest, source_kind: str, target_kind: str, tmp_path: Path, opened: list[Database]
) -> None:
    source_url = other_url(request, source_kind)
    if target_kind != source_kind:
        target_url = other_url(request, target_kind)
    elif target_kind == "sqlite":
        target_url = f"sqlite:///{tmp_path / 'restored.db'}"
    else:  # another schema of the same server
        target_url = request.getfixturevalue("second_postgres_url")
    fill(source_url)
    before = held(source_url)
    file = tmp_path / "sao-luu.db"

    proof = backup(database(source_url, opened), file)

    assert proof.agrees and file.is_file() and backup_revision(file) == before["schema"]
    assert not list(tmp_path.glob("sao-luu.db?*")), "one file: no journal, WAL or partial beside it"
    assert held(f"sqlite:///{file}") == before
    restored = restore(file, database(target_url, opened))
    assert restored.agrees and restored.upgraded_from is None
    assert held(target_url) == before

    with pytest.raises(TransferError) as exists:
        backup(database(source_url, opened), file)
    assert exists.value.code == "file_exists"


@pytest.mark.parametrize("source_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_backup_taken_while_people_save_is_one_moment(
    request: pytest.FixtureRequest, source_kind: str, tmp_path: Path, second_sqlite: str, opened: list[Database]
) -> None:
    """Saves keep coming while the backup reads: the file holds the database as it was at
    one moment (its kept figures agree with its entries, every entry's history is whole),
    neither nothing of the saves nor all of them."""
    source_url = other_url(request, source_kind)
    ledger = Ledger(source_url).with_plan(PLAN)
    adds = [
        ValidEntry(
            WORKERS, dt.date(2017, 1, 1) + dt.timedelta(days=i % 365), Decimal(1), "Ba Vì", f"Làng {i}", None, AN
        )
        for i in range(20_000)
    ]
    ledger.apply(adds=adds, by=AN)
    started, stop = threading.Event(), threading.Event()
    saved: list[int] = []

    def save() -> None:
        writer = Ledger(source_url).with_plan(PLAN)
        try:
            while not stop.is_set():
                day = dt.date(2017, 3, 1) + dt.timedelta(days=len(saved) % 200)
                figure = ValidEntry(WORKERS, day, Decimal(len(saved) + 1), "Sơn Tây", None, None, AN)
                saved.append(writer.record(figure))
                started.set()
        finally:
            writer.dispose()

    saver = threading.Thread(target=save)
    saver.start()
    try:
        assert started.wait(60)
        count_before = len(saved)
        file = tmp_path / "dang-luu.db"
        proof = backup(database(source_url, opened), file)
        count_after = len(saved)
    finally:
        stop.set()
        saver.join(60)
        ledger.dispose()

    assert proof.agrees and count_after > count_before, "saves went on while the backup was taken"
    restore(file, database(second_sqlite, opened))  # proves the kept figures against the entries
    rows = held(second_sqlite)
    in_backup = [row[0] for row in rows["entries"] if row[0] in set(saved)]
    assert 0 < len(in_backup) < len(saved)  # some of the saves, not all of them
    assert in_backup == sorted(saved)[: len(in_backup)]  # and the earliest ones, with no gap
    assert {row[1] for row in rows["entry_changes"]} == {row[0] for row in rows["entries"]}


@pytest.mark.parametrize("target_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_an_older_backup_is_upgraded_on_the_way_in_and_the_file_left_alone(
    request: pytest.FixtureRequest, target_kind: str, tmp_path: Path, opened: list[Database]
) -> None:
    """release-64033db's own database (schema 0008) as a backup of that release."""
    file = tmp_path / "cu.db"
    shutil.copyfile(RELEASES / "release-64033db" / "tracker.db", file)
    fingerprint = hashlib.sha256(file.read_bytes()).hexdigest()
    expected = json.loads((RELEASES / "release-64033db" / "expected.json").read_text(encoding="utf-8"))
    target_url = other_url(request, target_kind)

    proof = restore(file, database(target_url, opened))

    assert proof.upgraded_from == "0008" and proof.schema_revision == "0009" and proof.agrees
    assert hashlib.sha256(file.read_bytes()).hexdigest() == fingerprint
    rows = held(target_url)
    assert [row[0] for row in sorted(rows["entries"])] == [entry["id"] for entry in expected["entries"]]
    assert len(rows["users"]) == expected["row_counts"]["users"]
    assert rows["schema"] == "0009"


def test_what_is_not_a_backup_or_is_newer_is_refused(tmp_path: Path, sqlite_url: str, opened: list[Database]) -> None:
    not_sqlite = tmp_path / "bao-cao.csv"
    not_sqlite.write_text("Quận/huyện,Số lượng\nBa Vì,3\n", encoding="utf-8")
    other_program = tmp_path / "other.db"
    sqlite3.connect(other_program).execute("CREATE TABLE notes (x)").connection.close()
    newer = tmp_path / "newer.db"
    fill(sqlite_url)
    backup(database(sqlite_url, opened), newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0042'")
    target = database(f"sqlite:///{tmp_path / 'target.db'}", opened)

    live = tmp_path / "in-use.db"  # a database an app has open, its latest commits in the WAL
    shutil.copyfile(newer, live)
    with sqlite3.connect(live) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0009'")
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE later (x)")
    for file, code in [
        (tmp_path / "missing.db", "no_file"),
        (live, "in_use"),
        (not_sqlite, "not_a_backup"),
        (other_program, "not_a_backup"),
        (newer, "backup_newer"),
    ]:
        with pytest.raises(TransferError) as refused:
            restore(file, target)
        assert refused.value.code == code, file
    writer.close()
    assert not (tmp_path / "target.db").exists() or not held(target.url)["entries"]


def test_a_backup_that_cannot_be_written_leaves_no_file(
    tmp_path: Path, sqlite_url: str, opened: list[Database]
) -> None:
    fill(sqlite_url)
    with pytest.raises(TransferError) as refused:
        backup(database(sqlite_url, opened), tmp_path / "no-such-folder" / "b.db")
    assert refused.value.code == "no_folder" and "no-such-folder" in refused.value.message("vi")
    assert not [path.name for path in tmp_path.iterdir() if not path.name.startswith("tracker.db")]


@pytest.mark.postgres
def test_moments_in_another_spelling_arrive_as_the_same_moment(
    sqlite_url: str, postgres_url: str, second_sqlite: str, opened: list[Database]
) -> None:
    """Rows of old releases or other tools: a moment without its fraction of a second, or
    with a 'T' (with or without a zone). Through PostgreSQL and back, each is the same moment, in UTC."""
    fill(sqlite_url)
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE entry_changes SET changed_at = '2017-03-01T08:00:00+07:00' WHERE id = 1")
        connection.exec_driver_sql("UPDATE entry_changes SET changed_at = '2017-03-01 01:00:00' WHERE id = 2")
        connection.exec_driver_sql("UPDATE entry_changes SET changed_at = '2017-03-01T01:00:00.000000' WHERE id = 3")
    engine.dispose()

    copy_database(database(sqlite_url, opened), database(postgres_url, opened))
    copy_database(database(postgres_url, opened), database(second_sqlite, opened))

    with sqlite3.connect(second_sqlite.removeprefix("sqlite:///")) as connection:
        moments = connection.execute(
            "SELECT changed_at FROM entry_changes WHERE id IN (1, 2, 3) ORDER BY id"
        ).fetchall()
    assert moments == [("2017-03-01 01:00:00.000000",)] * 3


@pytest.mark.parametrize("source_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_backup_into_a_folder_named_with_url_letters_is_that_folder_s_whole_file(
    request: pytest.FixtureRequest, source_kind: str, tmp_path: Path, opened: list[Database]
) -> None:
    """A ? or a % in a folder's name is a letter of it: the backup is written there, whole,
    and nothing is made anywhere else."""
    source_url = other_url(request, source_kind)
    fill(source_url)
    folder = tmp_path / "sao lưu ?a%41"
    folder.mkdir()
    file = folder / "tracker.db"

    assert backup(database(source_url, opened), file).agrees

    assert held(sqlite_url(file)) == held(source_url)
    assert sorted(path.name for path in folder.iterdir()) == ["tracker.db"]
    assert not [path for path in tmp_path.iterdir() if path.name not in ("sao lưu ?a%41", "tracker.db")
                and not path.name.startswith("tracker.db")]  # fmt: skip


@pytest.mark.postgres
def test_a_replace_that_is_undone_leaves_the_target_s_id_counters_where_they_were(
    sqlite_url: str, postgres_url: str, opened: list[Database]
) -> None:
    """PostgreSQL does not undo a counter's move with the transaction: a copy that is
    undone must not have moved it below the ids the target still holds."""
    target = Ledger(postgres_url).with_plan(PLAN)
    ids = [target.record(ValidEntry(WORKERS, START, Decimal(n), "Mê Linh", None, None, AN)) for n in range(1, 21)]
    fill(sqlite_url)
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(report_days.update().where(report_days.c.place == "Ba Vì").values(entries=99))
    engine.dispose()

    with pytest.raises(TransferError):
        copy_database(database(sqlite_url, opened), database(postgres_url, opened), replace=True)

    try:
        assert target.record(ValidEntry(WORKERS, START, Decimal(99), "Mê Linh", None, None, AN)) == max(ids) + 1
    finally:
        target.dispose()
