"""The figures the pages read from report_days (sums, levels, counts) are the entries'
figures, whatever sequence of writes came before: random sequences of every kind of write
(record, edit, delete, revert, set_total, an import with adds and edits, its undo, a nil
report, a lock and a reopening), on SQLite and PostgreSQL. After each step the kept days
agree with a full recount, a refused write left them exactly as they were, and
``totals``/``daily_totals``/``daily_levels`` say what a plain reading of the live entries
says, computed here without the ledger's rules for reading them."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.plan import Plan
from tracker.storage.ledger import (
    BatchRevertError,
    ConflictError,
    Edit,
    Ledger,
    NewBatch,
    NilReportError,
    Removal,
    RevertError,
    TakenError,
    entries,
)
from tracker.storage.periods import PeriodBook, PeriodError, PeriodLockedError
from tracker.storage.report_days import differences, report_days

SUMMED = ["workers-trained", "machinery-projects"]
LEVEL = "craft-village-exports"  # a level figure: the latest report of each place
TARGETS = [*SUMMED, LEVEL]
PLACES: list[str | None] = ["Chương Mỹ", "Ba Vì", None]
BY = "Trần Văn Minh"
KINDS = ["record", "edit", "delete", "revert", "total", "import", "undo", "nil", "lock", "reopen"]
# A few days in two quarters, so that writes meet on one day and nil reports meet figures.
DAYS = [dt.date(2017, 2, 1), dt.date(2017, 2, 14), dt.date(2017, 3, 31), dt.date(2017, 5, 5), dt.date(2017, 6, 30)]
AS_OF = [dt.date(2017, 2, 14), dt.date(2017, 4, 1), dt.date(2017, 12, 31)]
TABLES = ["entry_changes", "entries", "import_batches", "report_days", "target_days", "report_months",
          "period_events", "period_statuses"]  # fmt: skip


@pytest.fixture
def empty_ledger(ledger: Ledger, plan: Plan) -> Iterator[Any]:
    """A way to empty the ledger's tables before each example (they share one database)."""

    def emptied() -> Ledger:
        with ledger.database.engine.begin() as connection:
            for table in TABLES:
                connection.execute(sa.text(f"DELETE FROM {table}"))
        return ledger.with_plan(plan)

    yield emptied


def some_entry(rng: random.Random, target_id: str | None = None, kind: EntryKind = EntryKind.report) -> ValidEntry:
    target = target_id or rng.choice(TARGETS)
    quantity = Decimal(0) if kind == EntryKind.nil else Decimal(rng.randint(-2, 60)) / (4 if target == LEVEL else 1)
    village = rng.choice([None, "Phụng Châu", "Vạn Phúc"])
    return ValidEntry(target, rng.choice(DAYS), quantity, rng.choice(PLACES), village, None, BY, kind)


def one_write(ledger: Ledger, plan: Plan, kind: str, rng: random.Random, batches: list[int], step: int) -> bool:
    """One write of ``kind``; False when the ledger refused it (or there was nothing to
    write it on)."""
    live = [row for row in ledger.entries_where() if row.kind != EntryKind.nil]
    book = PeriodBook(ledger.database, plan.id)
    try:
        if kind == "record":
            ledger.record(some_entry(rng))
        elif kind == "edit" and live:
            row = rng.choice(live)
            moved = some_entry(rng, rng.choice([row.target_id, *TARGETS]))
            ledger.apply(edits=[Edit(row.id, row.version, moved, frozenset({"ref_date", "quantity"}))], by=BY)
        elif kind == "delete" and live:
            row = rng.choice(live)
            ledger.apply(removals=[Removal(row.id, row.version)], by=BY)
        elif kind == "revert" and (changes := ledger.changes(limit=6)):
            ledger.revert(rng.choice(changes).id, BY)
        elif kind == "total":
            entry = some_entry(rng, rng.choice(SUMMED))
            stated = ValidEntry(entry.target_id, entry.ref_date, Decimal(rng.randint(0, 300)), entry.district,
                                None, None, BY)  # fmt: skip
            ledger.set_total(stated)
        elif kind == "import":
            # Several adds of one place and day (the last one added is that day's level)
            # and an edit of an entry already there.
            day, place, target = rng.choice(DAYS), rng.choice(PLACES), rng.choice(TARGETS)
            adds = [
                ValidEntry(target, day, Decimal(rng.randint(1, 90)), place, f"Làng {step}-{index}", None, BY)
                for index in range(rng.randint(1, 4))
            ]
            edits = [
                Edit(row.id, row.version, some_entry(rng, row.target_id)) for row in rng.sample(live, min(1, len(live)))
            ]
            batch = NewBatch("bao-cao.csv", "0" * 64, len(adds) + len(edits), len(adds), len(edits), 0)
            batches.append(ledger.import_batch(adds=adds, edits=edits, batch=batch, by=BY))
        elif kind == "undo" and batches:
            ledger.revert_batch(rng.choice(batches), BY)
        elif kind == "nil":
            entry = some_entry(rng, rng.choice([LEVEL, "machinery-projects"]), EntryKind.nil)
            ledger.record_nil(entry, plan.reporting_period_at(entry.ref_date))
        elif kind == "lock":
            book.lock_all(plan.reporting_period_at(rng.choice(DAYS)), BY, "họp Ban Chỉ đạo")
        elif kind == "reopen":
            book.reopen(plan.reporting_period_at(rng.choice(DAYS)), "*", BY, "mở lại")
        else:
            return False
    except (ConflictError, RevertError, TakenError, NilReportError, PeriodLockedError, PeriodError, BatchRevertError):
        return False  # PeriodError: locking what is locked, reopening what is open
    return True


# --- the figures, read plainly from the live entries -------------------------------------


def live_entries(ledger: Ledger) -> list[Any]:
    with ledger.database.reading() as connection:
        return list(connection.execute(sa.select(entries).where(entries.c.deleted.is_(False))))


def level_of(rows: list[Any], up_to: dt.date) -> Decimal | None:
    """Each place's latest report by (day, id), nil reports aside; the city's alone when it
    is at least as recent as every district's, else the districts' added up."""
    latest: dict[str | None, Any] = {}
    for row in rows:
        if row.kind == "nil" or row.ref_date > up_to:
            continue
        now = latest.get(row.district)
        if now is None or (row.ref_date, row.id) > (now.ref_date, now.id):
            latest[row.district] = row
    if not latest:
        return None
    city = latest.get(None)
    districts = [row for place, row in latest.items() if place is not None]
    if city is not None and all(city.ref_date >= row.ref_date for row in districts):
        return Decimal(city.quantity_milli) / 1000
    return sum((Decimal(row.quantity_milli) / 1000 for row in districts), Decimal(0))


def reference(rows: list[Any], as_of: dt.date) -> dict[str, Any]:
    """What the pages must show at ``as_of``, from the entries alone."""
    found: dict[str, Any] = {"achieved": {}, "count": 0, "daily_totals": {}, "daily_levels": {}}
    for target in TARGETS:
        mine = [row for row in rows if row.target_id == target and row.ref_date <= as_of]
        found["count"] += len(mine)
        if target == LEVEL:
            level = level_of(mine, as_of)
            if level is not None:
                found["achieved"][target] = level
            report_days_seen = sorted({row.ref_date for row in mine if row.kind != "nil"})
            found["daily_levels"][target] = [(day, level_of(mine, day)) for day in report_days_seen]
        else:
            if mine:
                found["achieved"][target] = sum((Decimal(row.quantity_milli) / 1000 for row in mine), Decimal(0))
            by_day: dict[dt.date, Decimal] = {}
            for row in mine:
                by_day[row.ref_date] = by_day.get(row.ref_date, Decimal(0)) + Decimal(row.quantity_milli) / 1000
            found["daily_totals"][target] = sorted(by_day.items())
    return found


def read_by_the_ledger(ledger: Ledger, as_of: dt.date) -> dict[str, Any]:
    achieved, count = ledger.totals(as_of, SUMMED, [LEVEL])
    return {
        "achieved": achieved,
        "count": count,
        "daily_totals": {target: ledger.daily_totals(target, as_of) for target in SUMMED},
        "daily_levels": {LEVEL: ledger.daily_levels(LEVEL, as_of)},
    }


def kept_rows(ledger: Ledger) -> list[tuple[Any, ...]]:
    with ledger.database.reading() as connection:
        return sorted(tuple(row) for row in connection.execute(sa.select(report_days)))


steps = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 2**16)), min_size=4, max_size=14)


# No shrinking: a failure prints its whole sequence, and the suite's time stays bounded.
@settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(sequence=steps)
def test_the_figures_read_from_the_kept_days_are_the_entries_figures_after_every_write(
    empty_ledger: Any, plan: Plan, sequence: list[tuple[str, int]]
) -> None:
    ledger = empty_ledger()
    batches: list[int] = []
    for step, (kind, seed) in enumerate(sequence):
        before = kept_rows(ledger)
        wrote = one_write(ledger, plan, kind, random.Random(seed), batches, step)
        if not wrote:
            assert kept_rows(ledger) == before, f"a refused {kind} changed report_days"
        with ledger.database.reading() as connection:
            assert differences(connection) == [], f"after {sequence[: step + 1]}"
        rows = live_entries(ledger)
        for as_of in AS_OF:
            assert read_by_the_ledger(ledger, as_of) == reference(rows, as_of), f"{as_of} after {sequence[: step + 1]}"
        assert ledger.count_entries() == len(rows)
        assert ledger.has_entries() == bool(rows)
        for target in TARGETS:
            assert ledger.entry_dates(target) == sorted({row.ref_date for row in rows if row.target_id == target})
            assert ledger.totals_by_district(target, AS_OF[-1]) == by_place(rows, target)


def by_place(rows: list[Any], target: str) -> dict[str | None, Decimal]:
    found: dict[str | None, Decimal] = {}
    for row in rows:
        if row.target_id == target:
            found[row.district] = found.get(row.district, Decimal(0)) + Decimal(row.quantity_milli) / 1000
    return found
