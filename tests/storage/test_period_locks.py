"""A locked district-period refuses every write of an entry, on SQLite and PostgreSQL:
nothing is written (entries, changes, imports, revision and figures as they were), the
message says who locked it, when and why, and after an administrator reopens it with a
reason the same write goes through. An approval locks one district; a whole-period lock
every district and the city. A lock racing a save in another thread either comes after
the save or refuses it whole.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest

from tests.storage.reporting_writes import BY, WRITES, entry, held, prepare
from tracker.domain.districts import district_names
from tracker.domain.periods import ALL_DISTRICTS, CITY, ReportingPeriod
from tracker.domain.plan import Plan
from tracker.storage.ledger import Ledger
from tracker.storage.periods import PeriodAction, PeriodBook, PeriodError, PeriodLockedError, PeriodStatus

ADMIN = "Nguyễn Văn An"
CHUONG_MY = "Chương Mỹ"
THUONG_TIN = "Thường Tín"
IN_Q2 = dt.date(2017, 5, 10)
IN_Q3 = dt.date(2017, 8, 10)

T = TypeVar("T")


def quarter(plan: Plan, name: str) -> ReportingPeriod:
    period = plan.reporting_period(name)
    assert period is not None
    return period


@pytest.fixture
def book(ledger: Ledger, plan: Plan) -> PeriodBook:
    return PeriodBook(ledger.database, plan.id)


def status_of(book: PeriodBook, period: str, place: str) -> PeriodStatus:
    found = {(row.period, row.district): row.status for row in book.statuses()}
    return found.get((period, place), PeriodStatus.open)


# --- every write path --------------------------------------------------------------------

LOCKS: dict[str, Callable[[PeriodBook, ReportingPeriod], None]] = {
    "approved": lambda book, q2: book.approve(q2, CHUONG_MY, ADMIN, "đã duyệt quý 2"),
    "whole_period": lambda book, q2: book.lock_all(q2, ADMIN, "đã họp Ban Chỉ đạo"),
}
REOPENED = {"approved": CHUONG_MY, "whole_period": ALL_DISTRICTS}


@pytest.mark.parametrize("lock", sorted(LOCKS))
@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_into_a_locked_period_is_refused_whole_then_goes_through_once_reopened(
    write: str, lock: str, ledger: Ledger, plan: Plan, book: PeriodBook
) -> None:
    scene = prepare(ledger, plan, CHUONG_MY, IN_Q2, CHUONG_MY, IN_Q3)
    q2 = quarter(plan, "2017-Q2")
    LOCKS[lock](book, q2)
    before = held(ledger, plan)

    with pytest.raises(PeriodLockedError) as refused:
        WRITES[write](ledger, scene)
    assert held(ledger, plan) == before
    said = refused.value.message("vi")
    assert said.startswith(f"{CHUONG_MY}, Quý 2/2017 đã khoá từ ") and f"bởi {ADMIN}" in said
    assert ("đã duyệt quý 2" if lock == "approved" else "đã họp Ban Chỉ đạo") in said

    with pytest.raises(PeriodError) as no_reason:
        book.reopen(q2, REOPENED[lock], ADMIN, "  ")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(PeriodLockedError):  # still locked: the blank reason reopened nothing
        WRITES[write](ledger, scene)
    assert held(ledger, plan) == before

    book.reopen(q2, REOPENED[lock], ADMIN, "Chương Mỹ gửi lại số liệu")
    WRITES[write](ledger, scene)
    after = held(ledger, plan)
    assert after["revision"] > before["revision"]
    assert len(after["entry_changes"]) > len(before["entry_changes"])


def test_a_whole_period_lock_refuses_every_district_and_the_city_and_no_other_period(
    ledger: Ledger, plan: Plan, book: PeriodBook
) -> None:
    book.lock_all(quarter(plan, "2017-Q2"), ADMIN, "đã họp Ban Chỉ đạo")
    before = held(ledger, plan)
    for place in [*district_names(), None]:
        with pytest.raises(PeriodLockedError) as refused:
            ledger.record(entry(place, IN_Q2, 5))
        assert refused.value.message("en").startswith(f"{place or 'Whole city'}, Q2 2017 has been locked since ")
    assert held(ledger, plan) == before
    for day in (dt.date(2017, 3, 31), dt.date(2017, 7, 1)):  # the days either side of the quarter
        ledger.record(entry(CHUONG_MY, day, 5))
        ledger.record(entry(None, day, 5))
    assert ledger.count_entries() == 4


def test_an_approval_locks_that_district_s_period_only(ledger: Ledger, plan: Plan, book: PeriodBook) -> None:
    q2 = quarter(plan, "2017-Q2")
    book.submit(q2, CHUONG_MY, BY, None)
    book.approve(q2, CHUONG_MY, ADMIN, "đã duyệt quý 2")
    ledger.record(entry(THUONG_TIN, IN_Q2, 5))
    ledger.record(entry(None, IN_Q2, 6))  # the city's own figures are not Chương Mỹ's
    ledger.record(entry(CHUONG_MY, IN_Q3, 7))
    ledger.record(entry(CHUONG_MY, q2.start - dt.timedelta(days=1), 8))
    with pytest.raises(PeriodLockedError):
        ledger.record(entry(CHUONG_MY, q2.end, 9))
    assert ledger.count_entries() == 4


def test_an_approved_city_row_locks_only_city_wide_figures(ledger: Ledger, plan: Plan, book: PeriodBook) -> None:
    book.approve(quarter(plan, "2017-Q2"), CITY, ADMIN, "số liệu toàn thành phố")
    with pytest.raises(PeriodLockedError) as refused:
        ledger.record(entry(None, IN_Q2, 5))
    assert refused.value.message("vi").startswith("Toàn thành phố, Quý 2/2017 đã khoá từ ")
    ledger.record(entry(CHUONG_MY, IN_Q2, 5))
    assert ledger.count_entries() == 1


# --- a lock racing a save ----------------------------------------------------------------


def together(*work: Callable[[], T]) -> list[T | BaseException]:
    """Each callable in a thread of its own, all released at once; each result or error."""
    barrier = threading.Barrier(len(work))

    def run(job: Callable[[], T]) -> T | BaseException:
        barrier.wait()
        try:
            return job()
        except BaseException as error:  # collected: the test asserts on it
            return error

    with ThreadPoolExecutor(max_workers=len(work)) as pool:
        return list(pool.map(run, work))


@pytest.fixture
def two_sessions(database_url: str) -> Iterator[tuple[Ledger, Ledger]]:
    """Two ledgers with engines of their own on one database, as two app processes have."""
    first, second = Ledger(database_url), Ledger(database_url)
    yield first, second
    first.dispose()
    second.dispose()


ROUNDS = 12


@pytest.mark.parametrize("lock", ["approved", "whole_period"])
def test_a_lock_racing_a_save_either_follows_the_save_or_refuses_it_whole(
    lock: str, two_sessions: tuple[Ledger, Ledger], plan: Plan
) -> None:
    """Each round, one thread approves a district's quarter (or locks the whole quarter)
    while another saves two rows into it. Whichever wins, nobody sees half a save: either
    both rows were saved before the lock was taken, or none was and the saver was told."""
    saver, admin = two_sessions
    book = PeriodBook(admin.database, plan.id)
    rounds = list(zip(district_names()[:ROUNDS], plan.reporting_periods() * ROUNDS, strict=False))
    if lock == "whole_period":
        rounds = rounds[: len(plan.reporting_periods())]  # one lock per quarter
    outcomes = {"saved": 0, "refused": 0}
    for district, period in rounds:
        rows = [entry(district, period.start, 1, village="Phú Vinh"), entry(district, period.end, 2, village="Hạ Thái")]
        changes_before = len(saver.changes(limit=None))
        locked = (
            (lambda: book.approve(period, district, ADMIN, "đã duyệt"))  # noqa: B023 - run within the round
            if lock == "approved"
            else (lambda: book.lock_all(period, ADMIN, "đã họp"))  # noqa: B023
        )
        saved, locking = together(lambda: saver.apply(adds=rows, by=BY), locked)  # noqa: B023
        assert locking is None, locking  # the lock itself is never refused
        place = ALL_DISTRICTS if lock == "whole_period" else district
        taken = next(row for row in book.statuses() if (row.period, row.district) == (period.name, place))
        assert taken.locks
        found = list(saver.entries_where(districts=[district], start=period.start, end=period.end))
        if isinstance(saved, BaseException):
            assert isinstance(saved, PeriodLockedError), saved
            assert found == [] and len(saver.changes(limit=None)) == changes_before
            outcomes["refused"] += 1
        else:
            assert sorted(row.id for row in found) == sorted(saved)
            assert all(row.entered_at < taken.changed_at for row in found)  # saved before the lock was taken
            assert len(saver.changes(limit=None)) == changes_before + 2
            outcomes["saved"] += 1
        with pytest.raises(PeriodLockedError):  # and from now on, the period is closed to it
            saver.record(entry(district, period.start, 3, village="Đa Sỹ"))
    assert sum(outcomes.values()) == len(rounds)


# --- reopening -----------------------------------------------------------------------------


def test_a_reopen_needs_a_reason_and_is_kept_in_the_history(ledger: Ledger, plan: Plan, book: PeriodBook) -> None:
    q2 = quarter(plan, "2017-Q2")
    book.approve(q2, CHUONG_MY, ADMIN, "đã duyệt quý 2")
    events = book.events()
    for blank in ("", "   ", "\n\t"):
        with pytest.raises(PeriodError) as refused:
            book.reopen(q2, CHUONG_MY, ADMIN, blank)
        assert refused.value.message("vi") == "Cần ghi lý do."
    assert book.events() == events and status_of(book, "2017-Q2", CHUONG_MY) == PeriodStatus.approved
    assert book.reopen(q2, CHUONG_MY, "Lê Thị Hoa", "  Chương Mỹ   báo sai\nquý 2 ") == 1
    last = book.events()[0]
    assert (last.action, last.status_before, last.status_after) == (
        PeriodAction.reopen,
        PeriodStatus.approved,
        PeriodStatus.open,
    )
    assert (last.changed_by, last.reason, last.district) == ("Lê Thị Hoa", "Chương Mỹ báo sai quý 2", CHUONG_MY)
    ledger.record(entry(CHUONG_MY, IN_Q2, 5))
    assert ledger.count_entries() == 1
