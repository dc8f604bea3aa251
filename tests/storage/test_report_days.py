"""report_days, the days each place reported, kept beside the entries by every write: it
must never drift from a recount of the entries, whatever sequence of writes and refusals
came before (seeded random sequences of every kind of write, on SQLite and PostgreSQL),
and "who has reported" read from it says what the entries say."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from tracker.domain.completeness import as_json, completeness
from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.plan import Plan
from tracker.storage.ledger import (
    BatchRevertError,
    ConflictError,
    Edit,
    Ledger,
    NewBatch,
    NilReportError,
    Receipt,
    Removal,
    RevertError,
    TakenError,
    entries,
)
from tracker.storage.periods import PeriodBook, PeriodLockedError
from tracker.storage.report_days import differences, rebuild, report_days

PLACES = ["Chương Mỹ", "Ba Vì", None]
TARGETS = ["workers-trained", "managers-trained"]
BY = "Trần Văn Minh"


def some_entry(rng: random.Random, kind: EntryKind = EntryKind.report) -> ValidEntry:
    day = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(365))
    quantity = Decimal(0) if kind == EntryKind.nil else Decimal(rng.randint(1, 50))
    return ValidEntry(rng.choice(TARGETS), day, quantity, rng.choice(PLACES), rng.choice([None, "Phụng Châu"]),
                      None, BY, kind)  # fmt: skip


def kept_agrees(ledger: Ledger) -> list[str]:
    with ledger.database.reading() as connection:
        return differences(connection)


def one_write(ledger: Ledger, plan: Plan, rng: random.Random, batches: list[int], step: int) -> str:
    """One write of a kind chosen at random; refusals are part of the sequence."""
    live = [row for row in ledger.entries_where() if row.kind != EntryKind.nil]
    kinds = ["record", "apply", "edit", "delete", "revert", "total", "import", "undo", "nil", "lock"]
    choice = rng.choices(kinds, weights=[3, 3, 3, 2, 2, 2, 3, 1, 2, 1])[0]
    try:
        if choice == "record":
            ledger.record(some_entry(rng))
        elif choice == "apply":
            ledger.apply(adds=[some_entry(rng) for _ in range(rng.randint(1, 4))], by=BY)
        elif choice == "edit" and live:
            row = rng.choice(live)
            moved = some_entry(rng)  # another day, place, maybe target: two days change
            ledger.apply(edits=[Edit(row.id, row.version, moved, frozenset({"ref_date", "district"}))], by=BY)
        elif choice == "delete" and live:
            row = rng.choice(live)
            ledger.apply(removals=[Removal(row.id, row.version)], by=BY)
        elif choice == "revert":
            changes = ledger.changes(limit=5)
            if changes:
                ledger.revert(rng.choice(changes).id, BY)
        elif choice == "total":
            ledger.set_total(replace_quantity(some_entry(rng), rng.randint(0, 400)))
        elif choice == "import":
            quarter = rng.choice(plan.reporting_periods())  # a district's file: one quarter
            adds = [
                replace_day(replace_note(some_entry(rng), f"import {step}-{i}"), quarter.start, quarter.end, rng)
                for i in range(rng.randint(1, 30))
            ]
            edits = [Edit(row.id, row.version, some_entry(rng)) for row in rng.sample(live, min(len(live), 1))]
            batch = NewBatch("r.csv", "0" * 64, len(adds) + len(edits), len(adds), len(edits), 0)
            batches.append(ledger.import_batch(adds=adds, edits=edits, batch=batch, by=BY))
        elif choice == "undo" and batches:
            ledger.revert_batch(rng.choice(batches), BY)
        elif choice == "nil":
            entry = some_entry(rng, EntryKind.nil)  # on a target no other write reports, so it can land
            entry = ValidEntry("machinery-projects", entry.ref_date, Decimal(0), entry.district, None, None, BY,
                               EntryKind.nil)  # fmt: skip
            ledger.record_nil(entry, plan.reporting_period_at(entry.ref_date))
        elif choice == "lock":
            period = plan.reporting_period_at(dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(365)))
            book = PeriodBook(ledger.database, plan.id)
            if rng.random() < 0.4:
                book.lock_all(period, BY, "họp Ban Chỉ đạo")
            else:
                book.reopen(period, "*", BY, "mở lại")
    except (ConflictError, RevertError, TakenError, NilReportError, PeriodLockedError, BatchRevertError) as refused:
        return f"{choice}: refused ({type(refused).__name__})"
    except Exception as error:  # a period error: reopening what is open, locking what is locked
        if type(error).__name__ != "PeriodError":
            raise
        return f"{choice}: refused (PeriodError)"
    return choice


def replace_quantity(entry: ValidEntry, quantity: int) -> ValidEntry:
    return ValidEntry(entry.target_id, entry.ref_date, Decimal(quantity), entry.district, None, None, BY)


def replace_day(entry: ValidEntry, start: dt.date, end: dt.date, rng: random.Random) -> ValidEntry:
    day = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    return ValidEntry(entry.target_id, day, entry.quantity, entry.district, entry.village, entry.note, BY)


def replace_note(entry: ValidEntry, note: str) -> ValidEntry:
    """A figure of its own (an import's new rows must not be there already): its own village."""
    return ValidEntry(entry.target_id, entry.ref_date, entry.quantity, entry.district, note, note, BY)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_kept_days_agree_with_a_recount_after_every_write_of_every_kind(ledger: Ledger, plan: Plan,
                                                                            seed: int) -> None:  # fmt: skip
    rng = random.Random(seed)
    ledger = ledger.for_plan(plan.id)
    batches: list[int] = []
    done = []
    for step in range(60):
        done.append(one_write(ledger, plan, rng, batches, step))
        assert kept_agrees(ledger) == [], f"after {done}"
    kinds = {what.split(":")[0] for what in done if "refused" not in what}
    assert {"record", "apply", "import", "nil"} <= kinds  # the sequence wrote, not only refused
    assert any("refused" in what for what in done)  # and refusals left nothing behind


def test_who_has_reported_reads_the_kept_days_as_the_entries_say(ledger: Ledger, plan: Plan) -> None:
    """The same matrix from the kept days as from a GROUP BY over the entries themselves."""
    rng = random.Random(7)
    ledger = ledger.for_plan(plan.id)
    for step in range(40):
        one_write(ledger, plan, rng, [], step)
    periods = [(period.name, period.start, period.end) for period in plan.reporting_periods()]
    kept = ledger.receipts(periods)
    from sqlalchemy import case, func, select

    bucket = case(*[(entries.c.ref_date.between(first, last), name) for name, first, last in periods])
    query = (
        select(entries.c.target_id, entries.c.district, bucket, func.count(),
               func.sum(case((entries.c.kind == "nil", 1), else_=0)), func.min(entries.c.entered_at),
               func.max(entries.c.entered_at))
        .where(entries.c.plan_id == plan.id, entries.c.deleted.is_(False))
        .group_by(entries.c.target_id, entries.c.district, bucket)
    )  # fmt: skip
    from tracker.storage.database import as_utc

    with ledger.database.reading() as connection:
        counted = [Receipt(t, d, p, int(c), int(n or 0), as_utc(f), as_utc(la))
                   for t, d, p, c, n, f, la in connection.execute(query)]  # fmt: skip
    key = lambda r: (r.target_id, r.district or "", r.period)  # noqa: E731
    assert sorted(kept, key=key) == sorted(counted, key=key)
    assert kept  # the sequence reported something
    today = dt.date(2018, 3, 1)
    assert as_json(completeness(plan, kept, today)) == as_json(completeness(plan, counted, today))


def test_rebuild_counts_a_bulk_load_that_bypassed_the_ledger(ledger: Ledger, plan: Plan) -> None:
    """The benchmarks load entries straight into the table: rebuild makes the kept days
    agree again, and a repair of a damaged table puts it right."""
    moment = dt.datetime(2017, 4, 3, 3, tzinfo=dt.UTC)
    rows = [
        {"plan_id": plan.id, "target_id": "workers-trained", "ref_date": dt.date(2017, 3, day), "quantity_milli": 5000,
         "district": place, "village": None, "note": None, "entered_by": BY, "entered_at": moment,
         "kind": "report", "version": 1, "deleted": False}
        for day in (1, 2, 2) for place in ("Chương Mỹ", None)
    ]  # fmt: skip
    with ledger.database.writing() as connection:
        connection.execute(entries.insert(), rows)
    # two days × two places, the two days added up and the two places' March: none kept yet
    assert len(kept_agrees(ledger)) == 4 + 2 + 2
    with ledger.database.writing() as connection:
        assert rebuild(connection) == 4
        connection.execute(report_days.update().values(entries=99))  # damaged
    assert len(kept_agrees(ledger)) == 4
    with ledger.database.writing() as connection:
        rebuild(connection, plan.id)
    assert kept_agrees(ledger) == []
