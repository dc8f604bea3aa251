"""The history of changes, and save conflicts, as tables a person can read. Pure pandas.

The history holds the entries' changes and the reporting cycle's submits, approvals,
locks and reopens as rows of one table, merged by time; and, apart, every change made to
a period's figures after it was first approved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.periods import ReportingPeriod
from tracker.domain.plan import Plan
from tracker.i18n import HANOI_TIME, Lang, format_date, format_moment, format_number, t
from tracker.service.grid import GridBatch
from tracker.service.reporting import LateChange
from tracker.storage.ledger import Action, ChangeRow, Conflict, EntryRow
from tracker.storage.periods import EventRow, PeriodAction, PeriodStatus, period_label, place_name

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
        if state.get("kind") == EntryKind.nil.value:  # "nothing this period", not a figure of 0
            return t("entry.kind.nil", lang)
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


# --- the reporting cycle in the history ----------------------------------------------------

ENTRY_ACTIONS: tuple[str, ...] = tuple(action.value for action in Action)
CYCLE_ACTIONS: tuple[str, ...] = tuple(action.value for action in PeriodAction)
# The action filter's choices: what an entry went through, then what its period did.
ACTIONS: tuple[str, ...] = ENTRY_ACTIONS + CYCLE_ACTIONS
_CYCLE_ACTION_KEYS = {
    PeriodAction.submit.value: "history.action.submit",
    PeriodAction.approve.value: "history.action.approve",
    PeriodAction.lock.value: "history.action.lock",
    PeriodAction.reopen.value: "history.action.reopen",
}
_STATUS_KEYS = {
    PeriodStatus.open: "periods.status.open",
    PeriodStatus.submitted: "periods.status.submitted",
    PeriodStatus.approved: "periods.status.approved",
    PeriodStatus.locked: "periods.status.locked",
}


def action_name(action: str, lang: Lang) -> str:
    """«Sửa», «Duyệt»: an entry's or a period's action, for the history's filter."""
    return t(_CYCLE_ACTION_KEYS.get(action) or f"history.action.{Action(action).value}", lang)


def periods_of(change: ChangeRow, plan: Plan) -> tuple[ReportingPeriod, ...]:
    """The reporting periods a change touched: its entry's before and after (a date moved
    from March to April touches two quarters)."""
    found: list[ReportingPeriod] = []
    for state in (change.before, change.after):
        if state is not None:
            period = plan.reporting_period_at(_date(state["ref_date"]))
            if period not in found:
                found.append(period)
    return tuple(found)


def select_changes(
    changes: Sequence[ChangeRow], plan: Plan, actions: frozenset[str], period: str | None
) -> list[ChangeRow]:
    """The changes of the chosen actions (none chosen: every one) touching ``period``."""
    return [
        change
        for change in changes
        if (not actions or change.action.value in actions)
        and (period is None or any(p.name == period for p in periods_of(change, plan)))
    ]


def select_events(
    events: Sequence[EventRow],
    *,
    actions: frozenset[str] = frozenset(),
    period: str | None = None,
    person: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[EventRow]:
    """The period events the history's filters keep: action, period, who, and the day
    (in Hanoi) they were made, as for the entries' changes."""

    def day(event: EventRow) -> dt.date:
        return event.changed_at.astimezone(HANOI_TIME).date()

    return [
        event
        for event in events
        if (not actions or event.action.value in actions)
        and (period is None or event.period == period)
        and (not person or event.changed_by == person)
        and (since is None or day(event) >= since)
        and (until is None or day(event) <= until)
    ]


def _place_of_change(change: ChangeRow, lang: Lang) -> str:
    state = change.after if change.after is not None else change.before
    return _value(state, "district", lang)


def _period_of_change(change: ChangeRow, plan: Plan, lang: Lang) -> str:
    return " → ".join(period.label(lang) for period in periods_of(change, plan))


def cycle_history_table(
    changes: Sequence[ChangeRow], events: Sequence[EventRow], plan: Plan, lang: Lang
) -> pd.DataFrame:
    """The entries' changes and the periods' submits, approvals, locks and reopens in one
    table, the newest first: when, who, what, which period and district, before and after
    (a period's status), and the reason given."""
    titles = {item.id: item.short.in_(lang) for item in plan.recordable()}  # short names, as every table
    rows: list[tuple[dt.datetime, int, dict[str, Any]]] = []
    for change in changes:
        rows.append(
            (
                change.changed_at,
                change.id,
                {
                    t("history.col.change", lang): change.id,
                    t("history.col.when", lang): format_moment(change.changed_at),
                    t("history.col.who", lang): change.changed_by,
                    t("history.col.action", lang): action_label(change, lang),
                    t("history.col.period", lang): _period_of_change(change, plan, lang),
                    t("history.col.place", lang): _place_of_change(change, lang),
                    t("col.target", lang): titles.get(change.target_id, change.target_id),
                    t("history.col.entry", lang): change.entry_id,
                    t("history.col.before", lang): ""
                    if change.action == Action.create
                    else summary(change.before, lang),
                    t("history.col.after", lang): summary(change.after, lang),
                    t("history.col.reason", lang): "",
                },
            )
        )
    for event in events:
        rows.append(
            (
                event.changed_at,
                -event.id,  # a period's event after an entry's change of the same moment
                {
                    t("history.col.change", lang): None,
                    t("history.col.when", lang): format_moment(event.changed_at),
                    t("history.col.who", lang): event.changed_by,
                    t("history.col.action", lang): action_name(event.action.value, lang),
                    t("history.col.period", lang): period_label(event.period, lang),
                    t("history.col.place", lang): place_name(event.district, lang),
                    t("col.target", lang): t("history.cycle.every_target", lang),
                    t("history.col.entry", lang): None,
                    t("history.col.before", lang): t(_STATUS_KEYS[event.status_before], lang),
                    t("history.col.after", lang): t(_STATUS_KEYS[event.status_after], lang),
                    t("history.col.reason", lang): event.reason or "",
                },
            )
        )
    rows.sort(key=lambda row: (row[0], row[1]), reverse=True)
    frame = pd.DataFrame([row for _, _, row in rows], columns=_cycle_columns(lang))
    for key in _ID_COLUMNS:
        frame[t(key, lang)] = frame[t(key, lang)].astype("Int64")
    return frame


# The reason, then before and after come early, so that a laptop shows them without
# scrolling sideways (a reopening's reason is what the committee looks for).
_CYCLE_COLUMNS = (
    "history.col.change",
    "history.col.when",
    "history.col.who",
    "history.col.action",
    "history.col.period",
    "history.col.place",
    "history.col.reason",
    "history.col.before",
    "history.col.after",
    "col.target",
    "history.col.entry",
)
_ID_COLUMNS = ("history.col.change", "history.col.entry")  # numbers; none on a period's row


def _cycle_columns(lang: Lang) -> list[str]:
    return [t(key, lang) for key in _CYCLE_COLUMNS]


# --- changed after approval ----------------------------------------------------------------


def what_changed(change: ChangeRow, lang: Lang) -> str:
    """«Số lượng: 9.000 → 900»: the fields that changed; an entry added or deleted whole."""
    if change.before is None or change.after is None:
        return f"{summary(change.before, lang)} → {summary(change.after, lang)}"
    moved = [
        f"{t(f'entry.field.{_FIELD_LABEL[name]}', lang)}: {_value(change.before, name, lang) or '–'} → "
        f"{_value(change.after, name, lang) or '–'}"
        for name in FIELDS
        if _value(change.before, name, lang) != _value(change.after, name, lang)
    ]
    return "; ".join(moved) if moved else summary(change.after, lang)


def late_changes_table(late: Sequence[LateChange], plan: Plan, lang: Lang) -> pd.DataFrame:
    """Every change to an approved period's figures made after its first approval, by
    period, district and time: what moved since the committee last saw it."""
    titles = {item.id: item.title.in_(lang) for item in plan.recordable()}
    ordered = sorted(late, key=lambda item: (item.period.start, item.place, item.change.changed_at, item.change.id))
    frame = pd.DataFrame(
        [
            {
                t("history.col.period", lang): item.period.label(lang),
                t("history.col.place", lang): place_name(item.place, lang),
                t("col.target", lang): titles.get(item.change.target_id, item.change.target_id),
                t("history.col.entry", lang): item.change.entry_id,
                t("history.col.action", lang): action_label(item.change, lang),
                t("history.col.what", lang): what_changed(item.change, lang),
                t("history.col.who", lang): item.change.changed_by,
                t("history.col.when", lang): format_moment(item.change.changed_at),
                t("history.col.approved_at", lang): format_moment(item.approved_at),
            }
            for item in ordered
        ],
        columns=[t(key, lang) for key in _LATE_COLUMNS],
    )
    return frame


_LATE_COLUMNS = (
    "history.col.period",
    "history.col.place",
    "col.target",
    "history.col.entry",
    "history.col.action",
    "history.col.what",
    "history.col.who",
    "history.col.when",
    "history.col.approved_at",
)
