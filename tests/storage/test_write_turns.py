"""Writers of one SQLite file in one process (Streamlit's sessions are threads) take
turns on a lock of the process: the next writer starts as soon as the last commits, and
one whose turn does not come within the lock wait is refused as a locked database, with
nothing written."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from tracker.storage.database import Database, Waits, _Turns, ledger_state


def revision_of(database: Database) -> int:
    with database.reading() as connection:
        return int(connection.execute(sa.select(ledger_state.c.revision)).scalar_one())


@pytest.fixture
def sqlite_file(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'turns.db'}"
    first = Database(url)
    first.upgrade()
    first.dispose()
    return url


def test_a_second_writer_waits_for_the_first_to_commit_then_writes(sqlite_file: str) -> None:
    holder, waiter = Database(sqlite_file), Database(sqlite_file)
    start = revision_of(holder)
    holding, waiting_done = threading.Event(), threading.Event()
    release = threading.Event()

    def hold() -> None:
        with holder.writing():
            holding.set()
            release.wait()

    def write_next() -> None:
        holding.wait()
        with waiter.writing():
            pass
        waiting_done.set()

    threads = [threading.Thread(target=hold), threading.Thread(target=write_next)]
    for thread in threads:
        thread.start()
    holding.wait()
    assert not waiting_done.is_set()  # it cannot have written while the first holds the turn
    release.set()
    for thread in threads:
        thread.join()
    assert waiting_done.is_set()
    assert revision_of(holder) == start + 2  # both wrote, one after the other
    holder.dispose()
    waiter.dispose()


def test_a_writer_whose_turn_does_not_come_is_refused_as_locked_and_writes_nothing(sqlite_file: str) -> None:
    holder = Database(sqlite_file)
    impatient = Database(sqlite_file, waits=Waits(lock_seconds=0.2))
    start = revision_of(holder)
    with holder.writing(), pytest.raises(OperationalError, match="database is locked"):  # noqa: SIM117
        with impatient.writing():
            pytest.fail("a second write began while the first held the file")
    assert revision_of(holder) == start + 1  # the holder's write only
    with impatient.writing():  # its turn comes once the first is done
        pass
    assert revision_of(holder) == start + 2
    holder.dispose()
    impatient.dispose()


def test_writers_waiting_in_one_process_go_in_the_order_they_came() -> None:
    """A writer that saves in a loop cannot jump the line: whoever waited first goes next."""
    turns = _Turns()
    assert turns.acquire(timeout=1)
    order: list[str] = []

    def writer(name: str) -> None:
        assert turns.acquire(timeout=30)
        order.append(name)
        turns.release()

    threads = []
    for position, name in enumerate(["first", "second", "third"], start=1):
        thread = threading.Thread(target=writer, args=(name,))
        thread.start()
        threads.append(thread)
        while len(turns._waiting) < position:  # in line before the next one comes
            time.sleep(0.001)
    turns.release()
    assert turns.acquire(timeout=30)  # the releasing writer comes back: behind the three
    order.append("again")
    turns.release()
    for thread in threads:
        thread.join()
    assert order == ["first", "second", "third", "again"]


def test_a_writer_that_gives_up_leaves_the_line_to_the_one_behind_it() -> None:
    turns = _Turns()
    assert turns.acquire(timeout=1)
    assert not turns.acquire(timeout=0.05)  # refused: the turn is held
    assert not turns._waiting  # and it left the line
    turns.release()
    assert turns.acquire(timeout=0.05)
