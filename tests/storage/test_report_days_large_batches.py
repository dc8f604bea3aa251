"""An import that touches more days than one statement's worth (the kept tables are then
brought up to date a table at a time: plain executemany on SQLite, COPY on PostgreSQL)
keeps report_days, target_days and report_months equal to a recount, beside days already
kept, with edits among its rows, and after its undo; its sums and "who has reported" read
what the entries say. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.plan import Plan
from tracker.storage.ledger import Edit, Ledger, NewBatch, NilReportError
from tracker.storage.report_days import CHUNK, differences

BY = "Trần Văn Minh"
TARGETS = ["workers-trained", "machinery-projects"]
PLACES: list[str | None] = ["Chương Mỹ", "Ba Vì", "Sơn Tây", None]
DAYS = [dt.date(2017, 1, 1) + dt.timedelta(days=offset) for offset in range(0, 365, 2)]


def report(
    rng: random.Random, day: dt.date | None = None, place: str | None = "", target: str = "", village: str | None = None
) -> ValidEntry:
    return ValidEntry(
        target or rng.choice(TARGETS), day or rng.choice(DAYS), Decimal(rng.randint(1, 900)) / 4,
        rng.choice(PLACES) if place == "" else place, village, None, BY,
    )  # fmt: skip


def agree(ledger: Ledger) -> None:
    with ledger.database.reading() as connection:
        assert differences(connection) == []


def test_a_large_import_beside_kept_days_and_its_undo_keep_every_table_equal_to_a_recount(
    ledger: Ledger, plan: Plan
) -> None:
    ledger = ledger.with_plan(plan)
    rng = random.Random(20)
    for _ in range(40):  # days already kept, each written on its own
        ledger.record(report(rng))
    before = ledger.totals(dt.date(2017, 12, 31), TARGETS, [])
    adds = [report(rng, village=f"Làng {index}") for index in range(1_200)]
    assert len({(a.target_id, a.district, a.ref_date) for a in adds}) > CHUNK  # the large path
    moved = list(ledger.entries_where())[:5]
    edits = [Edit(row.id, row.version, report(rng, target=row.target_id)) for row in moved]
    batch = NewBatch("bao-cao.csv", "0" * 64, len(adds) + len(edits), len(adds), len(edits), 0)
    batch_id = ledger.import_batch(adds=adds, edits=edits, batch=batch, by=BY)
    agree(ledger)
    live = list(ledger.entries_where())
    for target in TARGETS:
        want = sum((row.quantity for row in live if row.target_id == target), Decimal(0))
        assert ledger.totals(dt.date(2017, 12, 31), [target], [])[0][target] == want
    q3 = ledger.receipts([("2017-Q3", dt.date(2017, 7, 1), dt.date(2017, 9, 30))])
    counted = sum(1 for row in live if dt.date(2017, 7, 1) <= row.ref_date <= dt.date(2017, 9, 30))
    assert sum(receipt.entries for receipt in q3) == counted

    ledger.revert_batch(batch_id, BY)
    agree(ledger)
    assert ledger.totals(dt.date(2017, 12, 31), TARGETS, [])[0] == before[0]


def test_a_large_import_beside_a_nil_report_is_refused_whole(ledger: Ledger, plan: Plan) -> None:
    ledger = ledger.with_plan(plan)
    rng = random.Random(21)
    nil = ValidEntry("machinery-projects", dt.date(2017, 6, 30), Decimal(0), "Ba Vì", None, None, BY, EntryKind.nil)
    ledger.record_nil(nil, plan.reporting_period_at(nil.ref_date))
    adds = [report(rng, village=f"Làng {index}") for index in range(1_000)]
    adds.append(report(rng, dt.date(2017, 5, 2), "Ba Vì", "machinery-projects"))
    batch = NewBatch("bao-cao.csv", "0" * 64, len(adds), len(adds), 0, 0)
    with pytest.raises(NilReportError):
        ledger.import_batch(adds=adds, edits=[], batch=batch, by=BY)
    assert len(list(ledger.entries_where())) == 1  # nothing of the import written
    agree(ledger)
