"""Changed after approval reads only the changes that may have touched an approved
place-period after its approval, on SQLite and PostgreSQL: thousands of changes made since
then to other places and periods are never read (tracker.storage.late_changes), and the
answer is the one the rule gives over every change.

Not timed: what is asserted is what the queries return. Every SELECT that
changed_after_approval runs is run again afterwards with its own parameters, and its rows
are what it read. Before, it read every change since the first approval (200.000 imported
changes of other periods: 9,5 s for an empty list).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, select

from tests.conftest import at_server
from tests.domain.test_completeness import SMALL_PLAN
from tracker.domain.districts import district_names
from tracker.domain.entries import ValidEntry
from tracker.domain.periods import ALL_DISTRICTS, CITY
from tracker.domain.plan import Plan, parse_plan
from tracker.service import of_plan
from tracker.service.reporting import (
    LateChange,
    approve_period,
    changed_after_approval,
    lock_period,
    reopen_period,
)
from tracker.storage.database import Database
from tracker.storage.ledger import Action, Edit, Ledger, Removal, entry_changes
from tracker.storage.periods import PeriodBook, first_approvals

D = dt.date
AN = at_server("Nguyễn Văn An")
CM, BA_VI = "Chương Mỹ", "Ba Vì"
OUTSIDE_ADDS = 2_000  # other places and periods, after the approval
OUTSIDE_EDITS = 600  # edits of those, some moving entries between periods that are not approved


@pytest.fixture(scope="module")
def plan() -> Plan:  # type: ignore[override]
    return parse_plan(SMALL_PLAN.encode(), "small.yaml")


def entry(target: str, day: dt.date, district: str | None, quantity: int = 1) -> ValidEntry:
    return ValidEntry(target, day, Decimal(quantity), district, None, None, "Trần Lan")


@contextmanager
def selects_of(database: Database) -> Iterator[list[tuple[str, Any]]]:
    """Every SELECT run on ``database`` inside the block, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(database.engine, "after_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(database.engine, "after_cursor_execute", note)


def rows_read(
    database: Database, call: Callable[[], list[LateChange]]
) -> tuple[list[LateChange], list[dict[str, Any]]]:
    """What ``call`` returns, and every row its SELECTs returned (run again, unchanged)."""
    with selects_of(database) as seen:
        result = call()
    rows: list[dict[str, Any]] = []
    with database.engine.connect() as connection:
        for statement, parameters in seen:
            rows += [dict(row) for row in connection.exec_driver_sql(statement, parameters).mappings()]
    return result, rows


def by_the_rule(plan: Plan, ledger: Ledger) -> list[tuple[int, str, str, dt.datetime]]:
    """The answer read the old way: every change since the first approval, each kept when
    its entry before or after it lay in a place-period approved (or locked whole) before it."""
    approvals = first_approvals(PeriodBook(ledger.database, plan.id))
    found = []
    for change in of_plan(plan, ledger).changes_since(min(approvals.values())):
        for state in (change.before, change.after):
            if state is None:
                continue
            period = plan.reporting_period_at(dt.date.fromisoformat(state["ref_date"]))
            place = CITY if state["district"] is None else state["district"]
            seen = [approvals.get((period.name, key)) for key in (place, ALL_DISTRICTS)]
            approved = min((moment for moment in seen if moment is not None), default=None)
            if approved is not None and change.changed_at > approved:
                found.append((change.id, period.name, place, approved))
                break
    return found


def test_thousands_of_changes_elsewhere_after_the_approval_are_never_read(plan: Plan, ledger: Ledger) -> None:
    mine = of_plan(plan, ledger)
    # before the committee saw Chương Mỹ's first quarter
    edited, moved_out, deleted = mine.apply(
        adds=[entry("workers", D(2017, 2, 1), CM, 10), entry("owners", D(2017, 3, 1), CM, 5),
              entry("workers", D(2017, 3, 20), CM, 2)],
        by="Trần Lan",
    )  # fmt: skip
    fourth_quarter = mine.record(entry("workers", D(2017, 11, 2), BA_VI, 3))
    city_fair = mine.record(entry("fairs", D(2017, 2, 2), None, 1))
    approve_period(plan, ledger, AN, "2017-Q1", CM)

    # thousands of changes after the approval, none of them in Chương Mỹ's first quarter:
    # every district's later quarters, the other districts' first quarter, the city
    names = [name for name in district_names() if name != CM]
    days = [D(2017, 1, 5), D(2017, 3, 31), D(2017, 4, 1), D(2017, 8, 15), D(2017, 12, 31)]
    adds = [
        entry("workers" if number % 2 else "owners", days[number % len(days)], names[number % len(names)], number)
        for number in range(OUTSIDE_ADDS)
    ]
    adds += [entry("villages", D(2017, 3, 31), None, 100 + number) for number in range(50)]  # the city's Q1
    outside_ids = mine.apply(adds=adds, by="Nhập khẩu")
    # edits of those: Q1 figures of other districts corrected in place, later ones moved
    edits = []
    for number, entry_id in enumerate(outside_ids[:OUTSIDE_EDITS]):
        shown = adds[number]
        day = shown.ref_date if shown.ref_date.month <= 3 else D(2017, 10, 1)
        edits.append(Edit(entry_id, 1, entry(shown.target_id, day, shown.district, number + 1)))
    mine.apply(edits=edits, by="Trần Lan")
    # the whole fourth quarter locked after all that, and reopened: those changes came before it
    lock_period(plan, ledger, AN, "2017-Q4", "Hội nghị quý 4")
    reopen_period(plan, ledger, AN, "2017-Q4", None, "bổ sung")
    # the city's first quarter approved after all that too, reopened, and its fair moved out
    approve_period(plan, ledger, AN, "2017-Q1", CITY)
    reopen_period(plan, ledger, AN, "2017-Q1", CITY, "nhầm quý")
    mine.apply(edits=[Edit(city_fair, 1, entry("fairs", D(2017, 4, 2), None, 1))], by="Lê Hoa")

    # the late changes: Chương Mỹ's Q1 reopened and changed, and the fourth quarter changed
    reopen_period(plan, ledger, AN, "2017-Q1", CM, "sửa số theo công văn mới")
    mine.apply(edits=[Edit(edited, 1, entry("workers", D(2017, 2, 1), CM, 11))], by="Trần Lan")
    mine.apply(edits=[Edit(moved_out, 1, entry("owners", D(2017, 4, 3), CM, 5))], by="Lê Hoa")
    mine.apply(removals=[Removal(deleted, 1)], by="Trần Lan")
    # made in the approved quarter after the approval, then moved out: both are late
    passing = mine.record(entry("owners", D(2017, 3, 5), CM, 4))
    mine.apply(edits=[Edit(passing, 1, entry("owners", D(2017, 6, 5), CM, 4))], by="Lê Hoa")
    # made in Q2, then moved into the approved quarter: only the move is late
    moved_in = mine.record(entry("workers", D(2017, 5, 5), CM, 6))
    mine.apply(edits=[Edit(moved_in, 1, entry("workers", D(2017, 3, 6), CM, 6))], by="Lê Hoa")
    mine.apply(edits=[Edit(fourth_quarter, 1, entry("workers", D(2017, 11, 2), BA_VI, 4))], by="Trần Lan")
    city = mine.record(entry("fairs", D(2017, 12, 1), None, 1))

    late, rows = rows_read(ledger.database, lambda: changed_after_approval(plan, ledger))

    assert [(c.change.entry_id, c.change.action, c.period.name, c.place) for c in late] == [
        (city_fair, Action.update, "2017-Q1", CITY),
        (edited, Action.update, "2017-Q1", CM),
        (moved_out, Action.update, "2017-Q1", CM),
        (deleted, Action.delete, "2017-Q1", CM),
        (passing, Action.create, "2017-Q1", CM),
        (passing, Action.update, "2017-Q1", CM),
        (moved_in, Action.update, "2017-Q1", CM),
        (fourth_quarter, Action.update, "2017-Q4", BA_VI),
        (city, Action.create, "2017-Q4", CITY),
    ]
    assert [(c.change.id, c.period.name, c.place, c.approved_at) for c in late] == by_the_rule(plan, ledger)

    with ledger.database.reading() as connection:
        outside = {
            row.id for row in connection.execute(select(entry_changes.c.id, entry_changes.c.entry_id))
            if row.entry_id in set(outside_ids)
        }  # fmt: skip
    assert len(outside) == OUTSIDE_ADDS + 50 + OUTSIDE_EDITS
    changes_read = {row["id"] for row in rows if "entry_id" in row}
    assert not changes_read & outside  # not one of them was read
    # what was read: the late changes, and the earlier changes of their entries
    assert changes_read <= {change.id for item in late for change in mine.changes_of(item.change.entry_id)}
    assert len(rows) < 40


def test_every_place_and_period_approved_is_read_in_one_go(plan: Plan, ledger: Ledger) -> None:
    """31 places × 4 quarters approved and every quarter locked whole: the query stays
    within SQLite's limits (an expression at most 1.000 deep) and finds the one late change."""
    mine = of_plan(plan, ledger)
    entry_id = mine.record(entry("workers", D(2017, 9, 9), "Sơn Tây", 7))
    for period in ("2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4"):
        for place in (*district_names(), None):
            approve_period(plan, ledger, AN, period, place)
        lock_period(plan, ledger, AN, period, "Hội nghị")
    reopen_period(plan, ledger, AN, "2017-Q3", None, "bổ sung")  # the lock and every approval in it
    mine.apply(edits=[Edit(entry_id, 1, entry("workers", D(2017, 9, 9), "Sơn Tây", 8))], by="Trần Lan")
    late, rows = rows_read(ledger.database, lambda: changed_after_approval(plan, ledger))
    assert [(c.change.entry_id, c.period.name, c.place) for c in late] == [(entry_id, "2017-Q3", "Sơn Tây")]
    assert [(c.change.id, c.period.name, c.place, c.approved_at) for c in late] == by_the_rule(plan, ledger)
    assert {row["id"] for row in rows if "entry_id" in row} == {late[0].change.id}
