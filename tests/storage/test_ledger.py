"""The ledger on SQLite and on PostgreSQL: what is recorded is what the dashboard adds up,
exactly, and a write either happens whole or not at all."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, IntegrityError

from tracker.domain.entries import ValidEntry
from tracker.storage.ledger import Ledger, entries, entry_changes

WORKERS = "workers-trained"  # summed
MANAGERS = "managers-trained"  # summed
EXPORTS = "craft-village-exports"  # latest level per district
D = dt.date
MARCH_1 = D(2017, 3, 1)


def make(
    target_id: str = WORKERS,
    quantity: Decimal | int | str = 1,
    ref_date: dt.date = MARCH_1,
    district: str | None = "Chương Mỹ",
    village: str | None = None,
    note: str | None = None,
    entered_by: str = "Nguyễn Thị Hoa",
) -> ValidEntry:
    return ValidEntry(target_id, ref_date, Decimal(quantity), district, village, note, entered_by)


def rows_in(ledger: Ledger, table: sa.Table) -> int:
    with ledger.database.engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


# --- achieved ----------------------------------------------------------------------------


def test_achieved_is_the_exact_sum_of_entries(ledger: Ledger) -> None:
    for quantity in (450, 1200, 3):
        ledger.record(make(quantity=quantity))
    ledger.record(make(target_id=MANAGERS, quantity=12))
    achieved = ledger.achieved(D(2017, 12, 31), [WORKERS, MANAGERS, "fair-participants"])
    assert achieved == {WORKERS: Decimal(1653), MANAGERS: Decimal(12)}  # no entries: absent


def test_decimal_amounts_add_up_exactly(ledger: Ledger) -> None:
    ledger.record(make(target_id=EXPORTS, quantity=Decimal("0.1")))
    ledger.record(make(target_id=EXPORTS, quantity=Decimal("0.2")))
    ledger.record(make(target_id=EXPORTS, quantity=Decimal("0.001")))
    total = ledger.achieved(D(2017, 12, 31), [EXPORTS])[EXPORTS]
    assert isinstance(total, Decimal)
    assert total == Decimal("0.301")
    assert str(total) == "0.301"


def test_point_one_plus_point_two_is_point_three(ledger: Ledger) -> None:
    ledger.record(make(target_id=EXPORTS, quantity=Decimal("0.1")))
    ledger.record(make(target_id=EXPORTS, quantity=Decimal("0.2")))
    assert ledger.achieved(D(2017, 12, 31), [EXPORTS])[EXPORTS] == Decimal("0.3")


def test_large_totals_stay_exact(ledger: Ledger) -> None:
    for _ in range(3):
        ledger.record(make(target_id=EXPORTS, quantity=Decimal("999999999999.999")))
    assert ledger.achieved(D(2017, 12, 31), [EXPORTS])[EXPORTS] == Decimal("2999999999999.997")


def test_entries_after_the_as_of_date_are_not_counted(ledger: Ledger) -> None:
    ledger.record(make(quantity=100, ref_date=D(2017, 3, 31)))
    ledger.record(make(quantity=20, ref_date=D(2017, 4, 1)))
    ledger.record(make(quantity=3, ref_date=D(2017, 12, 31)))
    assert ledger.achieved(D(2017, 3, 30), [WORKERS]) == {}
    assert ledger.achieved(D(2017, 3, 31), [WORKERS]) == {WORKERS: Decimal(100)}  # the day itself counts
    assert ledger.achieved(D(2017, 4, 1), [WORKERS]) == {WORKERS: Decimal(120)}
    assert ledger.achieved(D(2017, 12, 30), [WORKERS]) == {WORKERS: Decimal(120)}
    assert ledger.achieved(D(2017, 12, 31), [WORKERS]) == {WORKERS: Decimal(123)}


def test_a_level_figure_adds_up_each_districts_latest_report_unless_a_city_wide_one_is_newer(
    ledger: Ledger,
) -> None:
    # Chương Mỹ reports three levels; two share a date, the later-entered one wins.
    ledger.record(make(target_id=EXPORTS, quantity=100, ref_date=D(2017, 3, 1), district="Chương Mỹ"))
    ledger.record(make(target_id=EXPORTS, quantity=120, ref_date=D(2017, 6, 1), district="Chương Mỹ"))
    # Ba Đình's April report is entered before its February one: the date decides, not the order.
    ledger.record(make(target_id=EXPORTS, quantity=40, ref_date=D(2017, 4, 1), district="Ba Đình"))
    ledger.record(make(target_id=EXPORTS, quantity=50, ref_date=D(2017, 2, 1), district="Ba Đình"))
    ledger.record(make(target_id=EXPORTS, quantity=Decimal("125.5"), ref_date=D(2017, 6, 1), district="Chương Mỹ"))
    # A city-wide level already counts every district: it is never added to them.
    ledger.record(make(target_id=EXPORTS, quantity=7, ref_date=D(2017, 1, 15), district=None))
    ledger.record(make(target_id=EXPORTS, quantity=190, ref_date=D(2017, 5, 15), district=None))

    assert ledger.achieved(D(2017, 12, 31), [], [EXPORTS]) == {EXPORTS: Decimal("165.5")}  # 125.5 + 40
    assert ledger.achieved(D(2017, 5, 20), [], [EXPORTS]) == {EXPORTS: Decimal(190)}  # the newest report is city-wide
    assert ledger.achieved(D(2017, 5, 1), [], [EXPORTS]) == {EXPORTS: Decimal(140)}  # 100 + 40
    assert ledger.achieved(D(2017, 3, 1), [], [EXPORTS]) == {EXPORTS: Decimal(150)}  # 100 + 50
    assert ledger.achieved(D(2017, 1, 20), [], [EXPORTS]) == {EXPORTS: Decimal(7)}  # only the city has reported
    assert ledger.achieved(D(2017, 1, 1), [], [EXPORTS]) == {}


def test_summed_and_level_targets_are_read_together(ledger: Ledger) -> None:
    ledger.record(make(quantity=10))
    ledger.record(make(quantity=15))
    ledger.record(make(target_id=EXPORTS, quantity=170, ref_date=D(2017, 2, 1)))
    ledger.record(make(target_id=EXPORTS, quantity=180, ref_date=D(2017, 3, 1)))
    assert ledger.achieved(D(2017, 12, 31), [WORKERS], [EXPORTS]) == {WORKERS: Decimal(25), EXPORTS: Decimal(180)}


# --- reading entries back ----------------------------------------------------------------


def test_entries_come_back_newest_date_first_with_every_field(ledger: Ledger) -> None:
    before = dt.datetime.now(dt.UTC)
    first = ledger.record(make(quantity=450, ref_date=D(2017, 3, 1), village="Phụng Châu", note="Quý I"))
    second = ledger.record(make(quantity=30, ref_date=D(2017, 5, 2), district=None, entered_by="Trần Văn Nam"))
    third = ledger.record(make(quantity=70, ref_date=D(2017, 3, 1), district="Ứng Hòa"))
    after = dt.datetime.now(dt.UTC)
    ledger.record(make(target_id=MANAGERS, quantity=5))

    rows = ledger.entries_of(WORKERS)
    assert [r.id for r in rows] == [second, third, first]  # by date, then the latest entered
    newest, _, oldest = rows
    assert newest.district is None
    assert newest.entered_by == "Trần Văn Nam"
    assert newest.quantity == Decimal(30)
    assert (oldest.target_id, oldest.ref_date, oldest.quantity) == (WORKERS, D(2017, 3, 1), Decimal(450))
    assert (oldest.district, oldest.village, oldest.note) == ("Chương Mỹ", "Phụng Châu", "Quý I")
    assert oldest.entered_by == "Nguyễn Thị Hoa"
    assert oldest.version == 1
    for row in rows:
        assert row.entered_at.tzinfo is not None
        assert before <= row.entered_at <= after  # stamped in UTC, not in local time


def test_entries_of_honours_its_limit(ledger: Ledger) -> None:
    for day in range(1, 6):
        ledger.record(make(ref_date=D(2017, 1, day)))
    assert [r.ref_date.day for r in ledger.entries_of(WORKERS, limit=2)] == [5, 4]
    assert len(ledger.entries_of(WORKERS, limit=None)) == 5
    assert ledger.entries_of(MANAGERS) == []


def test_count_entries_overall_and_per_target(ledger: Ledger) -> None:
    assert ledger.count_entries() == 0
    for _ in range(3):
        ledger.record(make())
    ledger.record(make(target_id=EXPORTS, quantity=175))
    assert ledger.count_entries() == 4
    assert ledger.count_entries(WORKERS) == 3
    assert ledger.count_entries(EXPORTS) == 1
    assert ledger.count_entries(MANAGERS) == 0


def test_revision_grows_with_every_record(ledger: Ledger) -> None:
    seen = [ledger.revision()]
    assert seen == [0]
    for quantity in (1, 2, 3):
        ledger.record(make(quantity=quantity))
        seen.append(ledger.revision())
    assert seen == sorted(set(seen))


def test_every_record_writes_a_create_change_with_what_was_written(ledger: Ledger) -> None:
    entry = make(
        target_id=EXPORTS,
        quantity=Decimal("175.25"),
        ref_date=D(2017, 9, 30),
        district="Thường Tín",
        village="Vạn Điểm",
        note="Số liệu quý III",
        entered_by="Lê Thu",
    )
    entry_id = ledger.record(entry)
    other_id = ledger.record(make())
    [change] = ledger.changes_of(entry_id)
    assert change.entry_id == entry_id
    assert change.action == "create"
    assert change.version == 1
    assert change.changed_by == "Lê Thu"
    assert change.before is None
    assert change.after == {
        "target_id": EXPORTS,
        "ref_date": "2017-09-30",
        "quantity": "175.25",
        "district": "Thường Tín",
        "village": "Vạn Điểm",
        "note": "Số liệu quý III",
        "kind": "report",
    }
    [row] = ledger.entries_of(EXPORTS)
    assert _utc(change.changed_at) == row.entered_at
    assert [c.entry_id for c in ledger.changes_of(other_id)] == [other_id]
    assert ledger.changes_of(other_id + 1000) == []


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# --- a failed write leaves nothing -------------------------------------------------------


def test_an_entry_the_database_refuses_leaves_no_trace(ledger: Ledger) -> None:
    ledger.record(make(quantity=5))
    count, revision = ledger.count_entries(), ledger.revision()
    nameless = ValidEntry(WORKERS, D(2017, 3, 1), Decimal(7), None, None, None, None)  # type: ignore[arg-type]
    with pytest.raises(IntegrityError):
        ledger.record(nameless)
    assert (ledger.count_entries(), ledger.revision()) == (count, revision)
    assert (rows_in(ledger, entries), rows_in(ledger, entry_changes)) == (1, 1)
    assert ledger.achieved(D(2017, 12, 31), [WORKERS]) == {WORKERS: Decimal(5)}
    ledger.record(make(quantity=1))  # and the ledger still works afterwards
    assert ledger.count_entries() == 2


@pytest.fixture
def refusing_changes(ledger: Ledger) -> Iterator[Ledger]:
    """The ledger, with a trigger that makes the database refuse the audit row: the
    entry row is then already written inside the transaction when the write fails."""
    with ledger.database.engine.connect() as connection:
        if ledger.database.is_sqlite:
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse_change BEFORE INSERT ON entry_changes "
                "BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
            )
        else:
            connection.exec_driver_sql(
                "CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'audit refused'; END $$"
            )
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse_change BEFORE INSERT ON entry_changes "
                "FOR EACH ROW EXECUTE FUNCTION refuse_change()"
            )
        connection.commit()
    yield ledger


def test_an_entry_whose_audit_row_fails_is_rolled_back(refusing_changes: Ledger) -> None:
    ledger = refusing_changes
    with pytest.raises(DBAPIError, match="audit refused"):
        ledger.record(make(quantity=7))
    assert ledger.count_entries() == 0
    assert ledger.revision() == 0
    assert rows_in(ledger, entries) == 0
    assert ledger.achieved(D(2017, 12, 31), [WORKERS]) == {}


@pytest.fixture
def postgres_ledger(postgres_url: str) -> Iterator[Ledger]:
    store = Ledger(postgres_url)
    yield store
    store.dispose()


@pytest.mark.postgres
def test_an_over_long_target_id_or_name_is_refused_on_postgresql(postgres_ledger: Ledger) -> None:
    # SQLite does not enforce VARCHAR lengths; PostgreSQL refuses, and nothing is half-written.
    ledger = postgres_ledger
    with pytest.raises(DBAPIError):
        ledger.record(make(target_id="x" * 65))
    with pytest.raises(DBAPIError):
        ledger.record(make(entered_by="y" * 121))
    assert (ledger.count_entries(), ledger.revision()) == (0, 0)
    assert (rows_in(ledger, entries), rows_in(ledger, entry_changes)) == (0, 0)


# --- SQLite specifics --------------------------------------------------------------------


def test_sqlite_file_is_created_in_its_folder_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    ledger = Ledger(f"sqlite:///{path}")
    try:
        assert path.exists()
        with ledger.database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        ledger.record(make())
    finally:
        ledger.dispose()
    reopened = Ledger(f"sqlite:///{path}")  # a second start finds the entry, not a new file
    try:
        assert reopened.count_entries() == 1
    finally:
        reopened.dispose()


# --- several people at once --------------------------------------------------------------

THREADS, PER_THREAD = 8, 50


def _record_concurrently(ledgers: list[Ledger]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def work(index: int) -> None:
        ledger = ledgers[index % len(ledgers)]
        try:
            start.wait()
            for n in range(PER_THREAD):
                ledger.record(
                    make(
                        target_id=EXPORTS if n % 2 else WORKERS,
                        quantity=Decimal("0.001") if n % 2 else 1,
                        entered_by=f"staff-{index}",
                        note=f"{index}/{n}",
                    )
                )
        except BaseException as error:  # reported below, with the thread's failure
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def _assert_all_recorded(ledger: Ledger, errors: list[Any]) -> None:
    assert errors == []
    total = THREADS * PER_THREAD
    assert ledger.count_entries() == total
    assert ledger.count_entries(WORKERS) == total // 2
    assert ledger.achieved(D(2017, 12, 31), [WORKERS, EXPORTS]) == {
        WORKERS: Decimal(total // 2),
        EXPORTS: Decimal("0.200"),
    }
    assert rows_in(ledger, entry_changes) == total
    assert ledger.revision() == total
    notes = {row.note for row in ledger.entries_of(WORKERS, None) + ledger.entries_of(EXPORTS, None)}
    assert notes == {f"{i}/{n}" for i in range(THREADS) for n in range(PER_THREAD)}


def test_eight_people_recording_at_once_into_one_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    ledgers = [Ledger(url), Ledger(url)]  # e.g. the app and the command line, each with its own pool
    try:
        errors = _record_concurrently(ledgers)
        assert not [e for e in errors if "locked" in str(e)]
        _assert_all_recorded(ledgers[0], errors)
    finally:
        for ledger in ledgers:
            ledger.dispose()


@pytest.mark.postgres
def test_eight_people_recording_at_once_into_postgresql(postgres_ledger: Ledger) -> None:
    _assert_all_recorded(postgres_ledger, _record_concurrently([postgres_ledger]))


def test_a_database_from_an_older_version_is_refused_with_the_missing_columns(tmp_path: Path) -> None:
    """Opening it must say what is wrong, not fail later in the middle of a page."""
    import sqlalchemy as sa

    from tracker.storage.database import SchemaError

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:  # the entries table as the first version made it
        connection.execute(
            sa.text(
                "CREATE TABLE entries (id INTEGER PRIMARY KEY, target_id VARCHAR(64), ref_date DATE,"
                " quantity_milli BIGINT, district VARCHAR(64), village VARCHAR(200), note TEXT,"
                " entered_by VARCHAR(120), entered_at DATETIME, version INTEGER, deleted BOOLEAN)"
            )
        )
    engine.dispose()
    with pytest.raises(SchemaError) as refused:
        Ledger(url)
    assert refused.value.code == "foreign"  # tables without a version, not the ones a tracker made
    assert "entries.kind" in refused.value.params["missing"]
    assert "entries.kind" in refused.value.message("vi")
