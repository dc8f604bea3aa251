"""Several staff saving at once, on SQLite (one file, WAL) and on PostgreSQL.

Every test starts its threads together behind a barrier and then checks what a person
would see afterwards: every entry there, totals exact, exactly one winner where only one
can win, and no error (SQLite's "database is locked" least of all) reaching anyone.
No timing is asserted.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sqlalchemy as sa

from tests.conftest import at_server
from tracker import service
from tracker.domain.entries import ValidEntry
from tracker.domain.plan import Plan
from tracker.service import grid
from tracker.storage.database import Database
from tracker.storage.ledger import Action, Edit, Ledger, RevertError, entry_changes

WORKERS = "workers-trained"
D = dt.date
YEAR_END = D(2017, 12, 31)
DISTRICTS = ("Chương Mỹ", "Thường Tín", "Ba Vì", "Mỹ Đức", None)

T = TypeVar("T")


def make(quantity: int, day: dt.date, by: str, district: str | None = "Chương Mỹ") -> ValidEntry:
    return ValidEntry(WORKERS, day, Decimal(quantity), district, None, None, by)


def total(ledger: Ledger, as_of: dt.date = YEAR_END) -> Decimal:
    return ledger.achieved(as_of, [WORKERS]).get(WORKERS, Decimal(0))


def together(count: int, work: Callable[[int], T]) -> list[T | BaseException]:
    """Run ``work(i)`` in ``count`` threads released at the same moment; each result or error."""
    barrier = threading.Barrier(count)

    def run(i: int) -> T | BaseException:
        barrier.wait()
        try:
            return work(i)
        except BaseException as error:  # collected, asserted on by the test
            return error

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def errors_in(results: list[Any]) -> list[BaseException]:
    return [r for r in results if isinstance(r, BaseException)]


@pytest.fixture
def shared(database_url: str) -> Iterator[Ledger]:
    store = Ledger(database_url)
    yield store
    store.dispose()


# --- many people recording at once ------------------------------------------------------

THREADS = 20
PER_THREAD = 200


def test_twenty_people_recording_two_hundred_entries_each_lose_nothing(database_url: str, shared: Ledger) -> None:
    """Each thread has its own Ledger on the same database (as separate sessions or
    processes would) and also records every other entry through one shared Ledger."""

    def work(i: int) -> list[int]:
        own = Ledger(database_url)
        try:
            ids = []
            for n in range(PER_THREAD):
                entry = make(
                    quantity=i * 1000 + n,
                    day=D(2017, 1, 1) + dt.timedelta(days=(i * PER_THREAD + n) % 365),
                    by=f"Cán bộ {i:02d}",
                    district=DISTRICTS[n % len(DISTRICTS)],
                )
                ids.append((own if n % 2 else shared).record(entry))
            return ids
        finally:
            own.dispose()

    results = together(THREADS, work)
    assert errors_in(results) == []
    ids = [entry_id for batch in results for entry_id in batch]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids)) == THREADS * PER_THREAD
    assert shared.count_entries(WORKERS) == THREADS * PER_THREAD
    expected = sum(i * 1000 + n for i in range(THREADS) for n in range(PER_THREAD))
    assert total(shared) == Decimal(expected)
    assert sum(shared.totals_by_district(WORKERS, YEAR_END).values()) == Decimal(expected)
    with shared.database.engine.connect() as connection:
        creates = connection.execute(
            sa.select(sa.func.count()).select_from(entry_changes).where(entry_changes.c.action == Action.create.value)
        ).scalar_one()
    assert creates == THREADS * PER_THREAD  # every entry has its 'create' in the history
    assert len(shared.people()) == THREADS


def test_ledgers_opened_at_once_on_a_new_database_all_work(database_url: str) -> None:
    """Several sessions starting together on an empty database each create what is missing
    without tripping over one another."""

    def work(i: int) -> int:
        store = Ledger(database_url)
        try:
            return store.record(make(1, D(2017, 3, 1), f"Cán bộ {i}"))
        finally:
            store.dispose()

    results = together(8, work)
    assert errors_in(results) == []
    store = Ledger(database_url)
    try:
        assert store.count_entries() == 8 and total(store) == 8
    finally:
        store.dispose()


def test_app_servers_starting_together_on_a_new_sqlite_file_all_open_it(tmp_path: Path) -> None:
    """Switching a new file to WAL is where two first connections can deadlock: SQLite
    then says "locked" at once, busy timeout or not. Many fresh files, six servers each,
    because the collision happens in only a few starts in a hundred."""
    for attempt in range(40):
        url = f"sqlite:///{tmp_path / f'start-{attempt}.db'}"
        databases = [Database(url) for _ in range(6)]

        def start(i: int, databases: list[Database] = databases) -> str:
            with databases[i].reading() as connection:
                return connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()

        try:
            results = together(len(databases), start)
        finally:
            for database in databases:
                database.dispose()
        assert results == ["wal"] * len(databases), f"start {attempt}: {errors_in(results)}"


# --- the same stale grid saved by ten people --------------------------------------------


def test_ten_saves_of_the_same_stale_row_one_wins_the_rest_are_told(
    plan: Plan, database_url: str, shared: Ledger
) -> None:
    entry_id = shared.record(make(450, D(2017, 3, 1), "Nguyễn Thị Hoa"))
    frame = grid.grid_frame(shared.entries_of(WORKERS), "vi")  # everyone opened the grid here
    position = [int(i) for i in frame["id"]].index(entry_id)

    def work(i: int) -> tuple[str, service.SaveOutcome]:
        own = Ledger(database_url) if i % 2 else shared
        try:
            edit_state = {"edited_rows": {position: {"quantity": str(500 + i)}}, "added_rows": [], "deleted_rows": []}
            return f"Cán bộ {i}", service.save_grid(
                plan, own, WORKERS, frame, edit_state, at_server(f"Cán bộ {i}"), "vi"
            )
        finally:
            if own is not shared:
                own.dispose()

    results = together(10, work)
    assert errors_in(results) == []
    outcomes = [outcome for _, outcome in results]  # type: ignore[misc]
    statuses = sorted(o.status for o in outcomes)
    assert statuses == ["conflict"] * 9 + ["saved"]
    winner = next(i for i, o in enumerate(outcomes) if o.status == "saved")
    entry = shared.entry(entry_id)
    assert entry is not None and entry.quantity == 500 + winner and entry.version == 2
    for outcome in outcomes:
        if outcome.status == "conflict":
            [conflict] = outcome.conflicts  # each loser is shown the row and its current value
            assert conflict.entry_id == entry_id and conflict.seen_version == 1
            assert conflict.current is not None and conflict.current.quantity == 500 + winner
    history = shared.changes_of(entry_id)
    assert [c.action for c in history] == [Action.create, Action.update]
    assert history[1].changed_by == f"Cán bộ {winner}"
    assert total(shared) == 500 + winner


def test_ten_people_adding_rows_through_the_grid_at_once_all_land(
    plan: Plan, database_url: str, shared: Ledger
) -> None:
    shared.record(make(450, D(2017, 3, 1), "Nguyễn Thị Hoa"))
    frame = grid.grid_frame(shared.entries_of(WORKERS), "vi")

    def work(i: int) -> service.SaveOutcome:
        rows = [
            {"ref_date": f"2017-04-{n + 1:02d}", "quantity": str(i * 10 + n), "district": "Ba Vì", "note": f"{i}/{n}"}
            for n in range(5)
        ]
        edit_state = {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}
        return service.save_grid(plan, shared, WORKERS, frame, edit_state, at_server(f"Cán bộ {i}"), "vi")

    results = together(10, work)
    assert errors_in(results) == []
    assert [o.status for o in results] == ["saved"] * 10  # type: ignore[union-attr]
    assert shared.count_entries(WORKERS) == 1 + 50
    assert total(shared) == 450 + sum(i * 10 + n for i in range(10) for n in range(5))


# --- stating a total, and reverting, at once ----------------------------------------------


def test_the_same_total_stated_by_ten_people_at_once_is_adjusted_once(
    plan: Plan, database_url: str, shared: Ledger
) -> None:
    for quantity, day in ((4000, D(2017, 3, 31)), (3000, D(2017, 5, 15)), (2000, D(2017, 6, 30))):
        shared.record(make(quantity, day, "Nguyễn Thị Hoa"))

    def work(i: int) -> int | None:
        own = Ledger(database_url)
        try:
            adjustment, _ = service.set_total(
                plan,
                own,
                target_id=WORKERS,
                total=12400,
                as_of="30/06/2017",
                credential=at_server(f"Cán bộ {i}"),
            )
            return adjustment
        finally:
            own.dispose()

    results = together(10, work)
    assert errors_in(results) == []
    written = [r for r in results if r is not None]
    assert len(written) == 1  # the others found the ledger already at 12 400
    assert shared.entry(written[0]).quantity == 3400  # type: ignore[arg-type, union-attr]
    assert total(shared, D(2017, 6, 30)) == 12400


def test_one_change_reverted_by_ten_people_at_once_is_reverted_once(database_url: str, shared: Ledger) -> None:
    entry_id = shared.record(make(450, D(2017, 3, 1), "Nguyễn Thị Hoa"))
    shared.apply(edits=[Edit(entry_id, 1, make(4500, D(2017, 3, 1), "Trần Văn Bình"))], by="Trần Văn Bình")
    mistaken = shared.changes_of(entry_id)[-1].id

    def work(i: int) -> int:
        own = Ledger(database_url)
        try:
            return own.revert(mistaken, by=f"Cán bộ {i}")
        finally:
            own.dispose()

    results = together(10, work)
    refused = errors_in(results)
    assert len(refused) == 9
    # Each is told it was reverted already, or, racing the first, that the entry moved.
    assert all(isinstance(e, RevertError) and e.code in {"already_reverted", "changed_since"} for e in refused)
    assert total(shared) == 450
    assert [c.action for c in shared.changes_of(entry_id)] == [Action.create, Action.update, Action.revert]
