"""Streamlit pieces for changing the ledger: the entries grid, its save, conflicts and
confirmations, the quick total, and the history with its revert button.

The decisions live in tracker.grid and tracker.service; this module only draws and
keeps the page's state between reruns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tracker import service
from tracker.domain.access import Credential
from tracker.domain.districts import district_names
from tracker.domain.entries import MAX_NOTE, MAX_VILLAGE
from tracker.domain.plan import Aggregation, ContextFigure, Measure, Period, Plan, Target
from tracker.i18n import Lang, format_date, format_number, t
from tracker.present.history import conflicts_table
from tracker.present.tables import entries_table
from tracker.service.grid import DECIMAL_PATTERN, WHOLE_PATTERN, GridBatch, HeldRow, grid_frame, held_back
from tracker.service.reporting import locked_at
from tracker.storage.ledger import EntryRow, Ledger
from tracker.storage.periods import PeriodLockedError, StatusRow, period_label
from tracker.ui import reads
from tracker.ui.display import table
from tracker.ui.frame import flash
from tracker.ui.language import lang
from tracker.ui.sign_in import Visitor
from tracker.ui.text import md_escape
from tracker.ui.widgets import quantity_input
from tracker.ui.writes import Refused, attempt, writable_districts

GRID_LIMIT = 2000  # rows in one grid; filters narrow a larger ledger
HISTORY_LIMIT = 500  # changes listed at once; filters reach older ones
_SNAPSHOT_KEY = "grid_snapshot"
_PENDING_KEY = "grid_pending"
_GENERATION_KEY = "grid_generation"
_UNREADABLE_KEY = "grid_unreadable"  # the last edit state could not be read: say so once
_SAVED_KEY = "grid_saved"  # what the last save did, said beside its button after the rerun
_ASK_AGAIN_KEY = "grid_ask_again"  # the grid changed between the question and the yes
_REVERTED_KEY = "history_reverted"  # (change id, what its revert did), said beside the button


@dataclass(frozen=True)
class GridFilters:
    districts: tuple[str | None, ...] | None  # None: every district
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class _Snapshot:
    """The rows the person is editing, as read when they started: edits are checked
    against these versions, so someone else's later change is caught, not overwritten.
    The rows they may not edit (a locked period; for a district account, other places)
    are split out when the rows are read and stay out while the person edits: the edit
    state names rows by position, so the editor's rows never change under them. A lock
    that lands meanwhile is refused by the write itself."""

    target_id: str
    filters: GridFilters
    generation: int
    rows: tuple[EntryRow, ...]  # in the editor
    revision: int
    plan_id: str  # two plans may share a target id: their grids are two grids
    held: tuple[HeldRow, ...] = ()  # shown read-only, apart from the editor
    scope: frozenset[str] = frozenset()  # the districts the person's account writes; empty: all


def grid_filters(period: Period) -> GridFilters:
    language = lang()
    city = t("district.city_wide", language)
    left, middle, right = st.columns([2, 1, 1])
    chosen = left.multiselect(
        t("grid.filter.districts", language),
        options=[None, *district_names()],
        format_func=lambda d: d or city,
        placeholder=t("grid.filter.all_districts", language),
    )
    start = middle.date_input(
        t("grid.filter.from", language),
        value=period.start,
        min_value=period.start,
        max_value=period.end,
        format="DD/MM/YYYY",
    )
    end = right.date_input(
        t("grid.filter.to", language),
        value=period.end,
        min_value=period.start,
        max_value=period.end,
        format="DD/MM/YYYY",
    )
    return GridFilters(tuple(chosen) or None, start, end)


def _has_edits(editor_key: str) -> bool:
    state = st.session_state.get(editor_key) or {}
    return any(state.get(part) for part in ("edited_rows", "added_rows", "deleted_rows"))


def _editor_key(snapshot: _Snapshot) -> str:
    return f"grid-{snapshot.plan_id}-{snapshot.target_id}-{snapshot.generation}"


def _snapshot(plan: Plan, store: Ledger, target_id: str, filters: GridFilters, scope: frozenset[str]) -> _Snapshot:
    """The rows to edit: kept while the person has unsaved edits (so nothing they typed
    is dropped, even when the filters change), otherwise read again whenever the ledger
    has moved on (a lock or a reopening moves it too), so the grid never shows stale rows
    to someone not editing."""
    generation = int(st.session_state.get(_GENERATION_KEY, 0))
    revision = store.revision()
    held: _Snapshot | None = st.session_state.get(_SNAPSHOT_KEY)
    same_grid = held is not None and (held.plan_id, held.target_id) == (store.plan_id, target_id)
    if held is not None and same_grid and held.generation == generation:
        editing = _has_edits(_editor_key(held)) or st.session_state.get(_PENDING_KEY) is not None
        if editing:
            if held.filters != filters:
                st.warning(t("grid.filters_wait", lang()))
            return held
        if held.filters == filters and held.revision == revision and held.scope == scope:
            return held
    rows = store.entries_where(
        target_id=target_id, districts=filters.districts, start=filters.start, end=filters.end, limit=GRID_LIMIT
    )
    editable, read_only = held_back(rows, locked_at(plan, store), scope)
    fresh = _Snapshot(target_id, filters, generation, tuple(editable), revision, store.plan_id, tuple(read_only), scope)
    st.session_state[_SNAPSHOT_KEY] = fresh
    st.session_state.pop(_PENDING_KEY, None)
    return fresh


def reload_grid() -> None:
    """Forget the grid's rows and edits: the next run reads the ledger afresh."""
    st.session_state[_GENERATION_KEY] = int(st.session_state.get(_GENERATION_KEY, 0)) + 1
    st.session_state.pop(_PENDING_KEY, None)


def entries_grid(
    plan: Plan, store: Ledger, item: Target | ContextFigure, filters: GridFilters, person: Visitor
) -> None:
    """The editable grid of a target's entries, with one Save for all changes; for someone
    who may not change figures, the same rows as a plain table."""
    language = lang()
    if not person.edit_controls:
        rows = reads.entries(plan, store, item.id, filters.districts, filters.start, filters.end, GRID_LIMIT)
        table(reads.drawn(entries_table, rows, language), names_first=False)  # kept until the next write
        return
    scope = frozenset(writable_districts(store, person.credential))
    snapshot = _snapshot(plan, store, item.id, filters, scope)
    shown = reads.drawn(grid_frame, snapshot.rows, language)  # built once per snapshot; read, never changed
    if len(snapshot.rows) + len(snapshot.held) >= GRID_LIMIT:
        st.warning(t("grid.limited", language, limit=format_number(GRID_LIMIT, language)))
    _read_only_rows(snapshot)
    editor_key = _editor_key(snapshot)
    if st.session_state.pop(_UNREADABLE_KEY, False):
        st.error(t("grid.unreadable", language))
    try:
        st.data_editor(
            shown,
            key=editor_key,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_order=("id", "ref_date", "quantity", "district", "village", "note", "kind", "entered_by"),
            column_config=_grid_columns(item, plan.period_of(item), sorted(scope)),
            placeholder="",  # an empty cell looks empty, not "None" (Streamlit's word for it)
        )
    except Exception:  # the edit state comes from the browser, which can send anything: nothing was written
        st.session_state[_UNREADABLE_KEY] = True
        reload_grid()
        st.rerun()
    pending = st.session_state.get(_PENDING_KEY)
    if pending is not None:
        _show_pending(plan, store, item, shown, editor_key, pending, person.credential)
        return
    save, reload = st.columns([1, 5])
    if reload.button(t("grid.reload", language), key="grid_reload"):
        reload_grid()
        st.rerun()
    if save.button(t("grid.save", language), type="primary", key="grid_save"):
        edits = st.session_state[editor_key]
        checked = attempt(
            lambda: service.save_grid(plan, store, item.id, shown, edits, person.credential, language, write=False)
        )
        if isinstance(checked, Refused):
            return
        if checked.status != "ready":
            _after_save(checked)
            return
        batch = checked.batch
        assert batch is not None
        if batch.warnings or batch.removals:  # asked first: what looks unusual, and every deletion
            st.session_state[_PENDING_KEY] = service.SaveOutcome("needs_confirmation", batch)
            st.rerun()
        written = attempt(lambda: service.write_batch(store, batch, person.credential))
        if not isinstance(written, Refused):
            _after_save(written)
    _say_saved()


def _say_saved() -> None:
    """The last save's outcome, beside the Save button where the person looks (the page
    is drawn again after a save), and as a toast that shows wherever they scrolled."""
    message = st.session_state.pop(_SAVED_KEY, None)
    if isinstance(message, str):
        st.success(message)
        st.toast(message, icon=":material/check_circle:")


def _read_only_rows(snapshot: _Snapshot) -> None:
    """Before anyone types: which rows are read-only and why (a lock: since when, by whom,
    why; another place: which districts the account writes), then those rows."""
    if not snapshot.held:
        return
    language = lang()
    locks: dict[tuple[str, str], StatusRow] = {}
    for held in snapshot.held:
        if held.lock is not None:
            locks.setdefault((held.lock.period, held.lock.district), held.lock)
    lines = [_lock_line(lock, language) for _, lock in sorted(locks.items())]
    if any(held.lock is None for held in snapshot.held):
        lines.append(t("grid.read_only.scope", language, districts=md_escape(", ".join(sorted(snapshot.scope)))))
    lines.append(t("grid.read_only.new_rows", language))
    st.info("\n\n".join(lines), icon=":material/lock:")
    frame = grid_frame([held.row for held in snapshot.held], language)
    frame["why"] = [
        t("grid.read_only.why.scope", language)
        if held.lock is None
        else t("grid.read_only.why.locked", language, period=period_label(held.lock.period, language))
        for held in snapshot.held
    ]
    st.caption(t("grid.read_only.title", language, count=format_number(len(snapshot.held), language)))
    st.dataframe(
        frame,
        key="grid_read_only",
        hide_index=True,
        width="stretch",
        # why first: on a laptop the last columns are past the table's right edge
        column_order=("id", "why", "ref_date", "quantity", "district", "village", "note", "kind", "entered_by"),
        column_config={
            "id": st.column_config.NumberColumn("#", width="small"),
            "ref_date": st.column_config.DateColumn(t("entry.field.date", language), format="DD/MM/YYYY"),
            "quantity": st.column_config.TextColumn(t("entry.field.quantity", language)),
            "district": st.column_config.TextColumn(t("entry.field.district", language)),
            "village": st.column_config.TextColumn(t("entry.field.village", language)),
            "note": st.column_config.TextColumn(t("entry.field.note", language)),
            "kind": st.column_config.TextColumn(t("entry.field.kind", language)),
            "entered_by": st.column_config.TextColumn(t("entry.field.entered_by", language)),
            "why": st.column_config.TextColumn(t("grid.read_only.col.why", language)),
        },
    )


def _lock_line(lock: StatusRow, language: Lang) -> str:
    """«Các dòng của kỳ đã khoá (Quý 2/2017, Chương Mỹ) chỉ xem được: đã khoá từ 05/07/2017
    bởi Nguyễn Văn An: đã duyệt quý 2.», in the lock's own words (those a refused write says)."""
    said = PeriodLockedError(lock, lock.district).shown(language)
    why = f": {said['reason']}" if said["reason"] else f" ({said['status']})"
    return t(
        "grid.read_only.locked",
        language,
        period=said["period"],
        place=md_escape(said["place"]),
        at=said["at"],
        by=md_escape(said["by"]),
        why=md_escape(why),
    )


def _grid_columns(item: Target | ContextFigure, period: Period, scope: list[str] | None = None) -> dict[str, object]:
    """The editor's columns; for a district account, its districts are the places offered."""
    language = lang()
    city = t("district.city_wide", language)
    places = scope or [city, *district_names()]
    return {
        "id": st.column_config.NumberColumn("#", disabled=True, width="small"),
        "ref_date": st.column_config.DateColumn(
            t("entry.field.date", language),
            format="DD/MM/YYYY",
            min_value=period.start,
            max_value=period.end,
            required=True,
        ),
        "quantity": st.column_config.TextColumn(
            t("entry.field.quantity", language),
            required=True,
            validate=WHOLE_PATTERN if item.measure == Measure.count else DECIMAL_PATTERN,
            help=t("grid.quantity_help", language),
        ),
        "district": st.column_config.SelectboxColumn(
            t("entry.field.district", language), options=places, required=True
        ),
        "village": st.column_config.TextColumn(t("entry.field.village", language), max_chars=MAX_VILLAGE),
        "note": st.column_config.TextColumn(t("entry.field.note", language), max_chars=MAX_NOTE, width="large"),
        "kind": st.column_config.TextColumn(t("entry.field.kind", language), disabled=True),
        "entered_by": st.column_config.TextColumn(t("entry.field.entered_by", language), disabled=True),
    }


def _after_save(outcome: service.SaveOutcome) -> None:
    language = lang()
    if outcome.status == "saved":
        batch = outcome.batch
        assert batch is not None
        saved = t("grid.saved", language, added=len(batch.adds), edited=len(batch.edits), deleted=len(batch.removals))
        st.session_state[_SAVED_KEY] = saved
        reload_grid()
        st.rerun()
    elif outcome.status == "nothing":
        st.info(t("grid.nothing", language))
    elif outcome.status == "invalid":
        st.error(t("grid.invalid", language, count=len(outcome.problems)))
        table(
            pd.DataFrame(
                [
                    {
                        t("grid.col.row", language): p.row,
                        t("grid.col.column", language): _column_label(p.column),
                        t("grid.col.problem", language): p.message,
                    }
                    for p in outcome.problems
                ]
            )
        )
    else:  # needs confirmation or conflict: keep the batch until the person decides
        st.session_state[_PENDING_KEY] = outcome
        st.rerun()


def _column_label(column: str) -> str:
    fields = {
        "ref_date": "date",
        "quantity": "quantity",
        "district": "district",
        "village": "village",
        "note": "note",
        "entered_by": "entered_by",
    }
    return t(f"entry.field.{fields.get(column, column)}", lang()) if column in fields else column


def _ask_to_confirm(batch: GridBatch, language: Lang) -> None:
    """What the person is asked to confirm: the unusual values, and the entries a save deletes."""
    if batch.warnings:
        lines = "\n".join(f"- {c.row}: {md_escape(c.message)}" for c in batch.warnings)
        st.warning(t("grid.confirm", language) + "\n\n" + lines)
    if batch.removals:
        entries = ", ".join(f"#{removal.entry_id}" for removal in batch.removals)
        st.warning(t("grid.confirm_delete", language, count=len(batch.removals), entries=entries))


def _was_asked(asked: GridBatch, now: GridBatch) -> bool:
    """Whether the batch as the grid is now deletes no entry and raises no doubt beyond
    those the person said yes to (fixes made meanwhile are welcome; a new deletion is not
    confirmed by an earlier yes)."""
    deleted = {removal.entry_id for removal in asked.removals}
    doubts = {(caution.row, caution.message) for caution in asked.warnings}
    return {removal.entry_id for removal in now.removals} <= deleted and {
        (caution.row, caution.message) for caution in now.warnings
    } <= doubts


def _show_pending(
    plan: Plan,
    store: Ledger,
    item: Target | ContextFigure,
    shown: pd.DataFrame,
    editor_key: str,
    pending: service.SaveOutcome,
    credential: Credential,
) -> None:
    """Confirmation or conflict: the person decides. Whatever they decide applies to the
    grid as it is when they press the button, fixes made meanwhile included."""
    language = lang()
    batch = pending.batch
    assert batch is not None

    def current_batch() -> service.SaveOutcome:
        return service.save_grid(
            plan,
            store,
            item.id,
            shown,
            st.session_state.get(editor_key) or {},
            credential,
            language,
            confirmed=True,
            write=False,
        )

    if pending.status == "needs_confirmation":
        if st.session_state.pop(_ASK_AGAIN_KEY, False):
            st.warning(t("grid.confirm_changed", language))
        _ask_to_confirm(batch, language)
        confirm, cancel = st.columns([1, 5])
        if confirm.button(t("grid.confirm_save", language), type="primary", key="grid_confirm"):
            st.session_state.pop(_PENDING_KEY, None)

            def confirmed() -> service.SaveOutcome:
                outcome = current_batch()
                if outcome.status != "ready":
                    return outcome
                assert outcome.batch is not None
                if not _was_asked(batch, outcome.batch):  # a yes is for what was asked, nothing more
                    st.session_state[_ASK_AGAIN_KEY] = True
                    return service.SaveOutcome("needs_confirmation", outcome.batch)
                return service.write_batch(store, outcome.batch, credential, confirmed=True)

            written = attempt(confirmed)
            if not isinstance(written, Refused):
                _after_save(written)
        if cancel.button(t("grid.back_to_edit", language), key="grid_cancel"):
            st.session_state.pop(_PENDING_KEY, None)
            st.rerun()
        return
    st.error(t("grid.conflict", language, count=len(pending.conflicts)))
    table(conflicts_table(pending.conflicts, batch, language), names_first=False)
    st.caption(t("grid.keep_mine_help", language))
    mine, theirs = st.columns([2, 3])
    if mine.button(t("grid.keep_mine", language), type="primary", key="grid_keep_mine"):
        st.session_state.pop(_PENDING_KEY, None)

        def mine_on_top() -> service.SaveOutcome:
            outcome = current_batch()
            if outcome.status != "ready":
                return outcome
            assert outcome.batch is not None
            if not _was_asked(batch, outcome.batch):  # a deletion or a doubt added since is asked about first
                st.session_state[_ASK_AGAIN_KEY] = True
                return service.SaveOutcome("needs_confirmation", outcome.batch)
            theirs_and_mine = service.keep_mine(outcome.batch, pending.conflicts)
            return service.write_batch(store, theirs_and_mine, credential, confirmed=True)

        written = attempt(mine_on_top)
        if not isinstance(written, Refused):
            _after_save(written)
    if theirs.button(t("grid.take_theirs", language), key="grid_take_theirs"):
        reload_grid()
        st.rerun()


def can_set_total(item: Target | ContextFigure) -> bool:
    """A total can be stated for summed targets; a level figure is simply recorded."""
    return isinstance(item, Target) and item.aggregation == Aggregation.sum


def set_total_form(plan: Plan, store: Ledger, item: Target, person: Visitor) -> None:
    """ "We have reached 12.400 by 30/06": the difference goes in as an adjustment entry,
    city-wide, so an account limited to some districts is told so instead of a form the
    write would refuse."""
    language = lang()
    scope = writable_districts(store, person.credential)
    if scope:
        st.info(t("total.scoped", language, districts=md_escape(", ".join(scope))))
        return
    period = plan.period_of(item)
    with st.form(f"set_total_{item.id}"):
        st.caption(t("total.intro", language))
        left, right = st.columns(2)
        total = quantity_input(item, "total.value", left)
        as_of = right.date_input(
            t("total.as_of", language), value=None, min_value=period.start, max_value=period.end, format="DD/MM/YYYY"
        )
        note = st.text_input(t("record.note", language), max_chars=MAX_NOTE)
        if not st.form_submit_button(t("total.save", language)):
            return
    stated_total = attempt(
        lambda: service.set_total(
            plan,
            store,
            target_id=item.id,
            total=total,
            as_of=as_of,
            credential=person.credential,
            note=note,
            lang=language,
        )
    )
    if isinstance(stated_total, Refused):
        return
    adjustment_id, stated = stated_total
    if adjustment_id is None:
        st.info(
            t(
                "total.unchanged",
                language,
                total=format_number(stated.quantity, language),
                date=format_date(stated.ref_date),
            )
        )
        return
    total_text, day = format_number(stated.quantity, language), format_date(stated.ref_date)
    flash(t("total.saved", language, total=total_text, date=day, id=adjustment_id))
    reload_grid()
    st.rerun()
