"""The changes that may have moved an approved period's figures after its approval, read
without reading the others.

"Changed after approval" (tracker.service.reporting.changed_after_approval) lists every
change whose entry, before or after it, lay in a place-period the committee had approved
(or locked whole), made after that first approval. Reading every change since the
earliest approval and sorting them out in Python read 200.000 imported changes of other
periods to find none (9,5 s). Here the database picks them out:

1. the changes, after the approval, of the entries that lie in an approved place-period
   now (its days, its district; a deleted entry keeps its day and district): the entries
   table's own columns, each change found through its entry;
2. the edits and reverts, after the approval, whose entry was in one before them (their
   ``before``): an entry moved out since. Their entries' changes after the first approval
   are read too, since one of them may have put the entry there (created in the period,
   moved out later).

What is read is a superset of the late changes (an entry in an approved period now has
its earlier changes of another period read too); the service keeps those whose before or
after lies in a place-period approved before them. Changes of other places and periods
are never read. The history is a chain (each change's ``before`` is the entry as the
previous change left it), so an entry that was in a place-period after its approval, and
is not now, has an edit or a revert that moved it out: (2) finds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, true

from tracker.domain.periods import ALL_DISTRICTS, CITY
from tracker.storage.database import Database
from tracker.storage.ledger import Action, ChangeRow, entries, entry_changes
from tracker.storage.ledger import _change as change_of  # the ledger's own reading of a row

# The actions that can move an entry to another day or district. A delete (or a revert of
# a create) leaves the row, marked deleted, at its day and district: (1) finds it there.
MOVING = (Action.update.value, Action.revert.value)
ID_CHUNK = 500  # entry ids per IN list: within every database's limit on parameters


@dataclass(frozen=True)
class ApprovedPlace:
    """A place-period the committee has seen: ``place`` is a district, CITY, or
    ALL_DISTRICTS (the whole period locked: every district and the city); ``at`` when it
    was first approved (or locked)."""

    start: dt.date
    end: dt.date
    place: str
    at: dt.datetime


def _place_is(district: Any, place: str) -> ColumnElement[bool]:
    if place == ALL_DISTRICTS:
        return true()
    if place == CITY:
        return district.is_(None)
    return district == place


def _in_approved(
    day: Any, district: Any, changed_at: Any, approved: Sequence[ApprovedPlace], as_text: bool = False
) -> ColumnElement[bool]:
    """Whether (day, district) lies in an approved place-period and the change came after
    its approval. Grouped by period, so the condition stays shallow (SQLite refuses an
    expression more than 1.000 deep): per period, its days and then its places."""
    by_period: dict[tuple[dt.date, dt.date], list[ApprovedPlace]] = {}
    for item in approved:
        by_period.setdefault((item.start, item.end), []).append(item)
    return or_(
        *(
            and_(
                day.between(start.isoformat(), end.isoformat()) if as_text else day.between(start, end),
                or_(*(and_(_place_is(district, item.place), changed_at > item.at) for item in places)),
            )
            for (start, end), places in by_period.items()
        )
    )


def _spans(approved: Iterable[ApprovedPlace]) -> list[tuple[dt.date, dt.date]]:
    """The approved periods' days, adjacent periods joined: Q1 to Q3 approved is one span."""
    spans: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted({(item.start, item.end) for item in approved}):
        if spans and start <= spans[-1][1] + dt.timedelta(days=1):
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def changes_after_approval(database: Database, plan_id: str, approved: Sequence[ApprovedPlace]) -> list[ChangeRow]:
    """The changes of ``plan_id`` that may have touched an approved place-period after its
    approval, oldest first (see the module's doc: a superset the caller sorts out)."""
    if not approved:
        return []
    first = min(item.at for item in approved)
    changes = entry_changes.c
    found: dict[int, ChangeRow] = {}
    with database.reading() as connection:
        # 1. entries there now, and their changes after the approval
        there_now = (
            select(entry_changes)
            .join(entries, entries.c.id == changes.entry_id)
            .where(
                # the entry's plan only (a change is its entry's plan's): SQLite then reads the
                # entries' columns and finds the few changes by entry, rather than every
                # change of the plan by its plan and then their entries
                entries.c.plan_id == plan_id,
                _in_approved(entries.c.ref_date, entries.c.district, changes.changed_at, approved),
            )
        )
        for row in connection.execute(there_now):
            found[int(row.id)] = change_of(row._mapping)

        # 2. edits and reverts after the approval that took an entry out of one
        before_day = changes.before["ref_date"].as_string()
        before_district = changes.before["district"].as_string()
        moved_out = select(changes.id, changes.entry_id).where(
            changes.plan_id == plan_id,
            changes.action.in_(MOVING),
            changes.changed_at > first,
            # the days first: one look into the JSON leaves out every change of other periods
            or_(*(before_day.between(start.isoformat(), end.isoformat()) for start, end in _spans(approved))),
            _in_approved(before_day, before_district, changes.changed_at, approved, as_text=True),
        )
        moved = sorted({int(row.entry_id) for row in connection.execute(moved_out)})
        for at in range(0, len(moved), ID_CHUNK):
            history = select(entry_changes).where(
                changes.entry_id.in_(moved[at : at + ID_CHUNK]), changes.changed_at > first
            )
            for row in connection.execute(history):
                found.setdefault(int(row.id), change_of(row._mapping))
    return [found[key] for key in sorted(found)]


__all__ = ["ApprovedPlace", "changes_after_approval"]
