"""An import is one batch in the ledger: written whole or not at all, listed with its
file, and undone as one, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tracker.domain.entries import ValidEntry, validate_entry
from tracker.domain.plan import Plan
from tracker.storage.ledger import Action, BatchRevertError, ConflictError, Edit, Ledger, NewBatch, TakenError

FILE = NewBatch(file_name="bao-cao-chuong-my-2017-03.xlsx", sha256="ab" * 32, rows=3, new=2, changed=1, unchanged=0)


def figure(plan: Plan, quantity: object, day: str, district: str = "Chương Mỹ", by: str = "Trần Lan") -> ValidEntry:
    return validate_entry(
        plan, target_id="workers-trained", quantity=quantity, ref_date=day, district=district, entered_by=by
    )


def workers(ledger: Ledger) -> Decimal:
    return ledger.achieved(dt.date(2017, 12, 31), ["workers-trained"]).get("workers-trained", Decimal(0))


def test_an_import_is_written_as_one_batch_and_undone_as_one(ledger: Ledger, plan: Plan) -> None:
    earlier = ledger.record(figure(plan, 100, "2017-02-28", by="Nguyễn An"))
    before = ledger.entry(earlier)
    assert before is not None
    revision = ledger.revision()

    batch_id = ledger.import_batch(
        adds=[figure(plan, 40, "2017-03-31"), figure(plan, 60, "2017-03-31", district="Ba Vì")],
        edits=[Edit(earlier, before.version, figure(plan, 120, "2017-02-28"), frozenset({"quantity"}))],
        batch=FILE,
        by="Trần Lan",
    )
    assert ledger.revision() == revision + 1  # one write, one transaction
    assert workers(ledger) == Decimal(220)
    [batch] = ledger.batches()
    assert (batch.id, batch.file_name, batch.sha256, batch.imported_by) == (
        batch_id,
        FILE.file_name,
        FILE.sha256,
        "Trần Lan",
    )
    assert (batch.rows, batch.new, batch.changed, batch.unchanged, batch.reverted_at) == (3, 2, 1, 0, None)
    made = ledger.batch_changes(batch_id)
    assert sorted(c.action.value for c in made) == ["create", "create", "update"]
    assert all(c.batch_id == batch_id and c.changed_by == "Trần Lan" for c in made)

    moved = ledger.revert_batch(batch_id, by="Nguyễn An")
    assert moved == 3
    assert workers(ledger) == Decimal(100)  # as before the import
    assert ledger.entry(earlier).quantity == Decimal(100)  # type: ignore[union-attr]
    reverted = ledger.batch(batch_id)
    assert reverted is not None and reverted.reverted_by == "Nguyễn An" and reverted.reverted_at is not None
    undo = [c for c in ledger.changes(limit=None) if c.action == Action.revert]
    assert sorted(c.reverts_change_id for c in undo) == sorted(c.id for c in made)

    with pytest.raises(BatchRevertError) as again:
        ledger.revert_batch(batch_id, by="Nguyễn An")
    assert again.value.code == "already" and "Nguyễn An" in again.value.message("vi")


def test_an_undo_is_refused_when_a_later_change_touched_the_batch(ledger: Ledger, plan: Plan) -> None:
    batch_id = ledger.import_batch(adds=[figure(plan, 40, "2017-03-31")], edits=[], batch=FILE, by="Trần Lan")
    [created] = ledger.batch_changes(batch_id)
    entry = ledger.entry(created.entry_id)
    assert entry is not None
    ledger.apply(
        edits=[Edit(entry.id, entry.version, figure(plan, 45, "2017-03-31"), frozenset({"quantity"}))], by="An"
    )
    revision = ledger.revision()

    with pytest.raises(BatchRevertError) as refused:
        ledger.revert_batch(batch_id, by="Trần Lan")
    assert refused.value.code == "changed_since"
    assert f"#{entry.id}" in refused.value.message("en")
    assert ledger.revision() == revision and workers(ledger) == Decimal(45)  # nothing written
    assert ledger.batch(batch_id).reverted_at is None  # type: ignore[union-attr]


def test_nothing_is_written_when_an_affected_figure_moved_since_the_preview(ledger: Ledger, plan: Plan) -> None:
    earlier = ledger.record(figure(plan, 100, "2017-02-28"))
    seen = ledger.entry(earlier)
    assert seen is not None
    ledger.apply(edits=[Edit(earlier, seen.version, figure(plan, 110, "2017-02-28"), frozenset({"quantity"}))], by="An")
    revision = ledger.revision()

    with pytest.raises(ConflictError) as conflict:  # the edit names the version the preview saw
        ledger.import_batch(
            adds=[figure(plan, 40, "2017-03-31")],
            edits=[Edit(earlier, seen.version, figure(plan, 120, "2017-02-28"), frozenset({"quantity"}))],
            batch=FILE,
            by="Trần Lan",
        )
    assert [c.entry_id for c in conflict.value.conflicts] == [earlier]
    ledger.record(figure(plan, 5, "2017-03-31", by="An"))  # someone records the figure the file brings as new
    with pytest.raises(TakenError) as taken:
        ledger.import_batch(
            adds=[figure(plan, 7, "2017-01-31"), figure(plan, 40, "2017-03-31")], edits=[], batch=FILE, by="L"
        )
    assert taken.value.positions == [1]
    assert ledger.batches() == [] and workers(ledger) == Decimal(115)
    assert ledger.revision() == revision + 1  # only the record in between


def test_a_large_import_keeps_every_row_and_its_order(ledger: Ledger, plan: Plan) -> None:
    districts = ["Chương Mỹ", "Ba Vì", "Sơn Tây", "Mỹ Đức"]
    days = [dt.date(2017, 1, 1) + dt.timedelta(days=n) for n in range(300)]
    adds = [figure(plan, n % 97, day.isoformat(), district=districts[n % 4]) for n, day in enumerate(days * 10)]
    adds = list({(a.district, a.ref_date): a for a in adds}.values())  # one per place and day
    batch_id = ledger.import_batch(adds=adds, edits=[], batch=FILE, by="Trần Lan")
    made = ledger.batch_changes(batch_id)
    assert len(made) == len(adds)
    for change, add in zip(made, adds, strict=True):  # each id carries its own row
        stored = ledger.entry(change.entry_id)
        assert stored is not None
        assert (stored.district, stored.ref_date, stored.quantity) == (add.district, add.ref_date, add.quantity)
    assert workers(ledger) == sum((a.quantity for a in adds), Decimal(0))
