"""The history page's parts: the filters, one table of the entries' changes and the
periods' submits, approvals, locks and reopens merged by time, a chosen change before and
after with its revert, and «changed after approval».

A revert is checked by the write itself (role, the account's districts, the period's lock)
whatever the page showed; a refusal says why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from tracker import service
from tracker.domain.plan import Plan
from tracker.i18n import format_number, t
from tracker.present.history import (
    ACTIONS,
    ENTRY_ACTIONS,
    action_name,
    change_detail_table,
    cycle_history_table,
    late_changes_table,
    revert_state,
    select_changes,
    select_events,
)
from tracker.service.reporting import LateChange, changed_after_approval, period_events
from tracker.storage.ledger import ChangeRow, Ledger, RevertError
from tracker.storage.periods import EventRow, PeriodAction, period_label
from tracker.ui import reads
from tracker.ui.display import table
from tracker.ui.editing import reload_grid
from tracker.ui.language import lang
from tracker.ui.sign_in import Visitor
from tracker.ui.writes import Refused, attempt

HISTORY_LIMIT = 500  # rows listed at once; filters reach older ones
# With an action or a period chosen, the ledger's latest changes are sifted here (the
# ledger filters by target, person and day itself): enough for a year of a plan's work.
SCAN_LIMIT = 20_000
WIDE_COLUMNS = ("history.col.before", "history.col.after", "history.col.reason")
_REVERTED_KEY = "history_reverted"  # (change id, what its revert did), said beside the button


@dataclass(frozen=True)
class HistoryFilters:
    target_id: str | None
    person: str | None
    since: dt.date | None
    until: dt.date | None
    actions: frozenset[str]  # empty: every action
    period: str | None  # a reporting period's name (2017-Q2), or every one

    @property
    def sifted(self) -> bool:
        return bool(self.actions) or self.period is not None


def filters(plan: Plan, store: Ledger, events: list[EventRow]) -> HistoryFilters:
    """Target, person and days as before; then the action (an entry's or a period's) and
    the reporting period."""
    language = lang()
    items = plan.recordable_by_id()
    left, middle, start_col, end_col = st.columns([3, 2, 1, 1])
    target_id = left.selectbox(
        t("history.filter.target", language),
        options=[None, *items],
        format_func=lambda i: items[i].title.in_(language) if i else t("history.all", language),
    )
    people = sorted({*store.people(), *(event.changed_by for event in events)})
    person = middle.selectbox(
        t("history.filter.person", language),
        options=[None, *people],
        format_func=lambda p: p or t("history.everyone", language),
    )
    since = start_col.date_input(t("history.filter.since", language), value=None, format="DD/MM/YYYY")
    until = end_col.date_input(t("history.filter.until", language), value=None, format="DD/MM/YYYY")
    action_col, period_col = st.columns([3, 4])
    actions = action_col.multiselect(
        t("history.filter.action", language),
        options=list(ACTIONS),
        format_func=lambda a: action_name(a, language),
        placeholder=t("history.filter.every_action", language),
        key="history_actions",
    )
    periods = [period.name for period in plan.reporting_periods()]
    period = period_col.selectbox(
        t("history.filter.period", language),
        options=[None, *periods],
        format_func=lambda p: period_label(p, language) if p else t("history.filter.every_period", language),
        key="history_period",
    )
    return HistoryFilters(target_id, person, since, until, frozenset(actions), period)


def _entry_changes(plan: Plan, store: Ledger, chosen: HistoryFilters) -> tuple[list[ChangeRow], bool]:
    """The entries' changes the filters keep, and whether the ledger had more to look at."""
    if chosen.actions and not chosen.actions & set(ENTRY_ACTIONS):
        return [], False  # only a period's actions asked for
    window = SCAN_LIMIT if chosen.sifted else HISTORY_LIMIT
    changes = store.changes(
        target_id=chosen.target_id, person=chosen.person, since=chosen.since, until=chosen.until, limit=window
    )
    return select_changes(changes, plan, chosen.actions, chosen.period)[:HISTORY_LIMIT], len(changes) >= window


def history_list(plan: Plan, store: Ledger, chosen: HistoryFilters, events: list[EventRow], person: Visitor) -> None:
    """The changes and the periods' events, newest first; one chosen change of an entry
    shown before and after, with Revert."""
    language = lang()
    changes, more = _entry_changes(plan, store, chosen)
    kept = select_events(
        events,
        actions=chosen.actions,
        period=chosen.period,
        person=chosen.person,
        since=chosen.since,
        until=chosen.until,
    )
    if not changes and not kept:
        st.info(t("history.empty", language))
        return
    if more:
        limit = format_number(SCAN_LIMIT if chosen.sifted else HISTORY_LIMIT, language)
        st.caption(t("history.scan_limited" if chosen.sifted else "history.limited", language, limit=limit))
    frame = cycle_history_table(changes, kept, plan, language)
    wide = {t(key, language): st.column_config.TextColumn(width="medium") for key in WIDE_COLUMNS}
    # a period's row has no change or entry number: blank, not "None"
    st.dataframe(frame, hide_index=True, width="stretch", column_config=wide, placeholder="")
    if changes:
        _chosen_change(changes, store, person)


def _chosen_change(changes: list[ChangeRow], store: Ledger, person: Visitor) -> None:
    language = lang()
    by_id = {c.id: c for c in changes}
    chosen = st.selectbox(
        t("history.choose", language),
        options=list(by_id),
        key="history_change",  # keeps the person's choice when newer changes arrive
        format_func=lambda i: t(
            "history.change_label",
            language,
            id=i,
            action=t(f"history.action.{by_id[i].action.value}", language),
            entry=by_id[i].entry_id,
            who=by_id[i].changed_by,
        ),
    )
    change = by_id[chosen]
    table(change_detail_table(change, language), names_first=False)
    if not person.edit_controls:
        return
    state = revert_state(change, store.changes_of(change.entry_id))
    if state.reverted_by is None:
        label = t("history.revert", language, id=change.id)
    else:
        label = t("history.reverted_button", language, new=state.reverted_by)
    # Disabled once done. Streamlit drops a press of a disabled button (from a page drawn
    # before someone else's revert, or forged), and the write refuses a second revert anyway.
    pressed = st.button(label, key=f"revert-{change.id}", disabled=not state.revertible)
    if state.reverted_by is None and not state.latest:
        st.caption(t("history.superseded", language))
    done = st.session_state.get(_REVERTED_KEY)
    if isinstance(done, tuple) and done[0] == change.id:
        st.session_state.pop(_REVERTED_KEY, None)
        st.success(done[1])
        st.toast(done[1], icon=":material/undo:")
    if not pressed:
        return
    try:
        new_change = attempt(lambda: service.revert_change(store, change.id, person.credential))
    except RevertError as error:
        st.error(error.message(language))
        return
    if isinstance(new_change, Refused):
        return
    st.session_state[_REVERTED_KEY] = (change.id, t("history.reverted", language, id=change.id, new=new_change))
    reload_grid()
    st.rerun()


def cycle_events(plan: Plan, store: Ledger) -> list[EventRow]:
    """The plan's submits, approvals, locks and reopens, the newest first (kept until the
    next write)."""
    return reads.read(period_events, plan, store)


def late_changes(plan: Plan, store: Ledger) -> list[LateChange]:
    """Kept until the next write: it reads every change since the first approval."""
    return reads.read(changed_after_approval, plan, store)


def late_tab_title(late: list[LateChange]) -> str:
    """The tab's title, with how many changes it lists: seen before it is opened."""
    return t("history.tab.late", lang(), count=format_number(len(late), lang()))


def changed_after_approval_list(plan: Plan, late: list[LateChange], events: list[EventRow]) -> None:
    """*Thay đổi sau khi duyệt*: what moved in approved periods since their first approval."""
    language = lang()
    st.caption(t("history.late.intro", language))
    if not late:
        approved = any(event.action in (PeriodAction.approve, PeriodAction.lock) for event in events)
        st.info(t("history.late.none" if approved else "history.late.none_approved", language))
        return
    table(late_changes_table(late, plan, language), names_first=False)
