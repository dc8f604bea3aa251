"""Every way the ledger writes an entry, aimed at one place and day, for the tests of the
reporting cycle's locks and district scopes (test_period_locks.py, test_district_scope.py).

A ``Scene`` is prepared by a ledger no lock or scope stops yet: at the place and day the
write is aimed at (the *guarded* cell), an entry to edit, one to remove, one whose last
change can be reverted and an import that can be undone; at a *free* cell (another
period, or a district the writer may write), one entry to move into the guarded cell.
Each ``WRITES`` case then makes one write through the ledger under test. ``held`` is what
a person would notice if anything had been written: every entry and change as stored,
the imports, the revision and the achieved figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.plan import Plan
from tracker.storage.ledger import Edit, Ledger, NewBatch, Removal

WORKERS = "workers-trained"
MACHINERY = "machinery-projects"  # untouched by the scene: free for a nil report
YEAR_END = dt.date(2017, 12, 31)
BY = "Trần Văn Minh"


def entry(
    place: str | None, day: dt.date, quantity: int, *, village: str | None = None, target: str = WORKERS
) -> ValidEntry:
    return ValidEntry(target, day, Decimal(quantity), place, village, None, BY)


def batch(name: str, rows: int) -> NewBatch:
    return NewBatch(file_name=name, sha256="0" * 64, rows=rows, new=rows, changed=0, unchanged=0)


@dataclass(frozen=True)
class Scene:
    """Where the writes aim (``place``, ``day``), where they may land (``free_place``,
    ``free_day``), and the ids the preparation left."""

    plan: Plan
    place: str | None
    day: dt.date
    free_place: str | None
    free_day: dt.date
    edit_id: int
    remove_id: int
    revert_change_id: int
    batch_id: int
    outside_id: int


def prepare(ledger: Ledger, plan: Plan, place: str | None, day: dt.date, free_place: str | None,
            free_day: dt.date) -> Scene:  # fmt: skip
    """The entries each write needs, written by ``ledger`` (which nothing refuses yet)."""
    adds = [entry(place, day, 10), entry(place, day, 20, village="Hạ Thái"), entry(place, day, 30, village="Phú Vinh")]
    edit_id, remove_id, revert_id = ledger.apply(adds=adds, by=BY)
    ledger.apply(edits=[Edit(revert_id, 1, entry(place, day, 33, village="Phú Vinh"), frozenset({"quantity"}))], by=BY)
    revert_change_id = ledger.changes_of(revert_id)[-1].id
    batch_id = ledger.import_batch(
        adds=[entry(place, day, 40, village="Đa Sỹ")], edits=[], batch=batch("quy-2.xlsx", 1), by=BY
    )
    (outside_id,) = ledger.apply(adds=[entry(free_place, free_day, 50, village="Vạn Phúc")], by=BY)
    return Scene(plan, place, day, free_place, free_day, edit_id, remove_id, revert_change_id, batch_id, outside_id)


def version(ledger: Ledger, entry_id: int) -> int:
    found = ledger.entry(entry_id)
    assert found is not None
    return found.version


# --- the writes ----------------------------------------------------------------------------

Write = Callable[[Ledger, Scene], object]


def _record(writer: Ledger, scene: Scene) -> object:
    return writer.record(entry(scene.place, scene.day, 7, village="Bát Tràng"))


def _record_no_repeat(writer: Ledger, scene: Scene) -> object:
    return writer.record(entry(scene.place, scene.day, 8, village="Bát Tràng"), allow_repeat=False)


def _apply_add(writer: Ledger, scene: Scene) -> object:
    return writer.apply(adds=[entry(scene.place, scene.day, 9, village="Bát Tràng")], by=BY)


def _quantity_edit(writer: Ledger, scene: Scene, quantity: int) -> Edit:
    """The guarded entry with another quantity, at the version it is now."""
    changed = entry(scene.place, scene.day, quantity)
    return Edit(scene.edit_id, version(writer, scene.edit_id), changed, frozenset({"quantity"}))


def _apply_edit(writer: Ledger, scene: Scene) -> object:
    edit = _quantity_edit(writer, scene, 11)
    return writer.apply(edits=[edit], by=BY)


def _apply_edit_out(writer: Ledger, scene: Scene) -> object:
    """The guarded entry moved to the free cell: it leaves the guarded one."""
    moved = entry(scene.free_place, scene.free_day, 10)
    edit = Edit(scene.edit_id, version(writer, scene.edit_id), moved, frozenset({"ref_date", "district"}))
    return writer.apply(edits=[edit], by=BY)


def _apply_edit_in(writer: Ledger, scene: Scene) -> object:
    """The free cell's entry moved into the guarded one."""
    moved = entry(scene.place, scene.day, 50, village="Vạn Phúc")
    edit = Edit(scene.outside_id, version(writer, scene.outside_id), moved, frozenset({"ref_date", "district"}))
    return writer.apply(edits=[edit], by=BY)


def _apply_removal(writer: Ledger, scene: Scene) -> object:
    return writer.apply(removals=[Removal(scene.remove_id, version(writer, scene.remove_id))], by=BY)


def _revert(writer: Ledger, scene: Scene) -> object:
    return writer.revert(scene.revert_change_id, by=BY)


def _set_total(writer: Ledger, scene: Scene) -> object:
    total = writer.achieved(scene.day, [WORKERS]).get(WORKERS, Decimal(0))
    stated = replace(entry(scene.place, scene.day, 0), quantity=total + 5, kind=EntryKind.report)
    return writer.set_total(stated)


def _import_adds(writer: Ledger, scene: Scene) -> object:
    return writer.import_batch(
        adds=[entry(scene.place, scene.day, 12, village="Chuyên Mỹ")], edits=[], batch=batch("moi.xlsx", 1), by=BY
    )


def _import_edits(writer: Ledger, scene: Scene) -> object:
    edit = _quantity_edit(writer, scene, 13)
    return writer.import_batch(adds=[], edits=[edit], batch=batch("sua.xlsx", 1), by=BY)


def _revert_batch(writer: Ledger, scene: Scene) -> object:
    return writer.revert_batch(scene.batch_id, by=BY)


def _record_nil(writer: Ledger, scene: Scene) -> object:
    period = scene.plan.reporting_period_at(scene.day)
    nil = ValidEntry(MACHINERY, period.end, Decimal(0), scene.place, None, None, BY, EntryKind.nil)
    return writer.record_nil(nil, period)


def _apply_mixed(writer: Ledger, scene: Scene) -> object:
    """A grid save with one row the writer may write and one it may not: refused whole."""
    adds = [entry(scene.free_place, scene.free_day, 14, village="Bát Tràng"),
            entry(scene.place, scene.day, 15, village="Bát Tràng")]  # fmt: skip
    return writer.apply(adds=adds, by=BY)


def _import_mixed(writer: Ledger, scene: Scene) -> object:
    adds = [entry(scene.free_place, scene.free_day, 16, village="Chuyên Mỹ"),
            entry(scene.place, scene.day, 17, village="Chuyên Mỹ")]  # fmt: skip
    return writer.import_batch(adds=adds, edits=[], batch=batch("tron.xlsx", 2), by=BY)


WRITES: dict[str, Write] = {
    "record": _record,
    "record_no_repeat": _record_no_repeat,
    "apply_add": _apply_add,
    "apply_edit": _apply_edit,
    "apply_edit_out": _apply_edit_out,
    "apply_edit_in": _apply_edit_in,
    "apply_removal": _apply_removal,
    "revert": _revert,
    "set_total": _set_total,
    "import_adds": _import_adds,
    "import_edits": _import_edits,
    "revert_batch": _revert_batch,
    "record_nil": _record_nil,
    "apply_mixed": _apply_mixed,
    "import_mixed": _import_mixed,
}


# --- what a person would notice ------------------------------------------------------------


def held(ledger: Ledger, plan: Plan) -> dict[str, Any]:
    """Every entry, change and import as stored, the revision, and the achieved figures."""
    with ledger.database.engine.connect() as connection:
        tables = {
            table: [tuple(row) for row in connection.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in ("entries", "entry_changes", "import_batches")
        }
    summed = [t.id for t in plan.recordable() if t.aggregation.value == "sum"]
    levels = [t.id for t in plan.recordable() if t.aggregation.value == "latest"]
    return {**tables, "revision": ledger.revision(), "achieved": ledger.achieved(YEAR_END, summed, levels)}
