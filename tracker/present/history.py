"""The history of changes, and save conflicts, as tables a person can read. Pure pandas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from tracker.domain.entries import ValidEntry
from tracker.domain.plan import Plan
from tracker.i18n import Lang, format_date, format_moment, format_number, t
from tracker.service.grid import GridBatch
from tracker.storage.ledger import Action, ChangeRow, Conflict, EntryRow

# The parts of an entry a change can alter, in the order they are shown.
FIELDS = ("ref_date", "quantity", "district", "village", "note", "kind")
_FIELD_LABEL = {
    "ref_date": "date",
    "quantity": "quantity",
    "district": "district",
    "village": "village",
    "note": "note",
    "kind": "kind",
}


def _value(state: Mapping[str, Any] | None, name: str, lang: Lang) -> str:
    """One field of a stored snapshot, written for a person."""
    if state is None:
        return ""
    value = state.get(name)
    if name == "ref_date":
        return format_date(_date(value))
    if name == "quantity":
        return format_number(Decimal(str(value)), lang, 3)
    if name == "district":
        return value or t("district.city_wide", lang)
    if name == "kind":
        return t(f"entry.kind.{value or 'report'}", lang)
    return "" if value is None else str(value)


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def summary(state: Mapping[str, Any] | None, lang: Lang) -> str:
    """'450 · 31/03/2017 · Chương Mỹ · Vạn Điểm' — or 'absent' for a deleted entry."""
    if state is None:
        return t("history.absent", lang)
    parts = [_value(state, "quantity", lang), _value(state, "ref_date", lang), _value(state, "district", lang)]
    if state.get("village"):
        parts.append(str(state["village"]))
    if state.get("note"):
        parts.append(str(state["note"]))
    return " · ".join(parts)


def action_label(change: ChangeRow, lang: Lang) -> str:
    label = t(f"history.action.{change.action.value}", lang)
    if change.action == Action.revert and change.reverts_change_id is not None:
        return t("history.action.revert_of", lang, id=change.reverts_change_id)
    return label


@dataclass(frozen=True)
class RevertState:
    """Whether a change can still be reverted: not when a revert of it exists (its id), nor
    when the entry changed after it (only an entry's latest change can be)."""

    reverted_by: int | None
    latest: bool

    @property
    def revertible(self) -> bool:
        return self.reverted_by is None and self.latest


def revert_state(change: ChangeRow, entry_changes: Sequence[ChangeRow]) -> RevertState:
    """``change`` among every change of its entry (``Ledger.changes_of``)."""
    reverted_by = next((c.id for c in entry_changes if c.reverts_change_id == change.id), None)
    latest = max((c.id for c in entry_changes), default=change.id) == change.id
    return RevertState(reverted_by, latest)


def history_table(changes: Sequence[ChangeRow], plan: Plan, lang: Lang) -> pd.DataFrame:
    """Every change, newest first: when, who, what, and the entry before and after."""
    titles = {item.id: item.title.in_(lang) for item in plan.recordable()}
    return pd.DataFrame(
        [
            {
                t("history.col.change", lang): change.id,
                t("history.col.when", lang): format_moment(change.changed_at),
                t("history.col.who", lang): change.changed_by,
                t("history.col.action", lang): action_label(change, lang),
                t("col.target", lang): titles.get(change.target_id, change.target_id),
                t("history.col.entry", lang): change.entry_id,
                t("history.col.before", lang): "" if change.action == Action.create else summary(change.before, lang),
                t("history.col.after", lang): summary(change.after, lang),
            }
            for change in changes
        ]
    )


def change_detail_table(change: ChangeRow, lang: Lang) -> pd.DataFrame:
    """One change side by side: each field before and after, the changed ones marked."""
    rows = []
    for name in FIELDS:
        before, after = _value(change.before, name, lang), _value(change.after, name, lang)
        rows.append(
            {
                t("history.col.field", lang): t(f"entry.field.{_FIELD_LABEL[name]}", lang),
                t("history.col.before", lang): before,
                t("history.col.after", lang): after,
                t("history.col.changed", lang): "●" if before != after else "",
            }
        )
    return pd.DataFrame(rows)


def _entry_state(entry: ValidEntry) -> dict[str, Any]:
    return {
        "ref_date": entry.ref_date,
        "quantity": entry.quantity,
        "district": entry.district,
        "village": entry.village,
        "note": entry.note,
        "kind": entry.kind.value,
    }


def _row_state(row: EntryRow | None) -> dict[str, Any] | None:
    if row is None or row.deleted:
        return None
    return {
        "ref_date": row.ref_date,
        "quantity": row.quantity,
        "district": row.district,
        "village": row.village,
        "note": row.note,
        "kind": row.kind.value,
    }


def conflicts_table(conflicts: Sequence[Conflict], batch: GridBatch | None, lang: Lang) -> pd.DataFrame:
    """For each entry that changed underneath: what it is now, and what this person wanted."""
    wanted: dict[int, str] = {}
    if batch is not None:
        wanted |= {edit.entry_id: summary(_entry_state(edit.entry), lang) for edit in batch.edits}
        wanted |= {removal.entry_id: t("history.action.delete", lang) for removal in batch.removals}
    return pd.DataFrame(
        [
            {
                t("history.col.entry", lang): conflict.entry_id,
                t("grid.col.seen_version", lang): conflict.seen_version,
                t("grid.col.current_version", lang): "" if conflict.current is None else conflict.current.version,
                t("grid.col.now", lang): summary(_row_state(conflict.current), lang),
                t("grid.col.yours", lang): wanted.get(conflict.entry_id, ""),
            }
            for conflict in conflicts
        ]
    )
