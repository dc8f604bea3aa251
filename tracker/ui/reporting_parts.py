"""Streamlit pieces of the reporting page: the choices (target, period, as-of day), the
matrix and its legend, the rates per period, the chosen period's places, and the
cycle's buttons (submit, approve, lock, reopen); and the overview's one line.

What the page reads is kept until the next write (tracker.ui.reads: keyed on the
database's revision, which submits, approvals and locks move too). A button only records
what was asked (an on_click callback); the page carries it out once, near the top, before
anything is drawn, so the matrix below already shows the write. The service checks who
may do it and whether it can be done; the page only offers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import streamlit as st

from tracker.domain.access import AccessDeniedError, Permission, allows
from tracker.domain.clock import hanoi_today
from tracker.domain.completeness import Completeness
from tracker.domain.districts import district_names
from tracker.domain.periods import CITY, ReportingPeriod
from tracker.domain.plan import Plan
from tracker.i18n import format_date, format_moment, t
from tracker.present import reporting
from tracker.service.reporting import (
    approve_period,
    latest_due_reporting,
    lock_period,
    reopen_period,
    reporting_of,
    statuses_of,
    submit_period,
)
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.storage.periods import StatusRow, period_label
from tracker.ui import display, frame, reads
from tracker.ui.language import lang
from tracker.ui.sign_in import Visitor
from tracker.ui.text import md_escape
from tracker.ui.widgets import linked_choice
from tracker.ui.writes import Refused, attempt

PERIOD_PARAM = "period"  # ?period=2017-Q2 opens that period
TARGET_PARAM = "target"
AS_OF_PARAM = "as_of"
ALL_TARGETS = "all"
_PERIOD_KEY = "reporting_period"
_TARGET_KEY = "reporting_target"
_AS_OF_KEY = "reporting_as_of"
_AS_OF_PLAN_KEY = "reporting_as_of_plan"  # the plan the kept day was chosen for
_REQUEST_KEY = "reporting_request"
_PLACE_KEY = "reporting_place"  # the district an administrator approves or reopens
_SUBMIT_PLACE_KEY = "reporting_submit_place"
_PLACE_REASON_KEY = "reporting_place_reason"
_PERIOD_REASON_KEY = "reporting_period_reason"


@dataclass(frozen=True)
class Outcome:
    """What became of the last button press, said beside the buttons."""

    level: str  # success | error
    message: str  # Markdown-safe already


# --- reads ---------------------------------------------------------------------------------


def completeness(plan: Plan, store: Ledger, as_of: dt.date, target_id: str | None) -> Completeness:
    """The matrix of places × periods, kept until the next write."""
    return reads.read(reporting_of, plan, store, as_of, target_id)


def statuses(plan: Plan, store: Ledger) -> dict[tuple[str, str], StatusRow]:
    """Each place's status in each period (who set it, when, why), kept until the next write."""
    return reads.read(statuses_of, plan, store)


def districts_of(person: Visitor, store: Ledger) -> tuple[str, ...]:
    """The districts a signed-in person may write; (): every one (or nobody signed in)."""
    token = person.credential.token
    if not person.signed_in or not token:
        return ()
    try:
        return Accounts(store.database).identity(token).districts
    except AccessDeniedError:  # the session ended since the frame read it: the buttons refuse anyway
        return ()


def may_approve(person: Visitor) -> bool:
    """An administrator, or anyone at the server's own computer before there are users."""
    if person.role is None:
        return person.can_manage
    return allows(person.role, Permission.approve)


# --- the choices ---------------------------------------------------------------------------


def target_choice(plan: Plan) -> str | None:
    """One target, or every target (None); ``?target=ID`` opens one."""
    language = lang()
    labels = {ALL_TARGETS: t("reporting.all_targets", language)}
    labels |= {target.id: target.short.in_(language) for target in plan.targets}
    chosen = linked_choice(t("reporting.target", language), labels, _TARGET_KEY, TARGET_PARAM)
    return None if chosen == ALL_TARGETS else chosen


def _as_of_bounds(plan: Plan) -> tuple[dt.date, dt.date]:
    """From the plan's first day to the last period's due day and a day (or today, if later)."""
    periods = plan.reporting_periods()
    last = periods[-1].due + dt.timedelta(days=1) if periods else plan.period.end
    return plan.period.start, max(hanoi_today(), last)


def _as_of_to_link() -> None:
    chosen = st.session_state.get(_AS_OF_KEY)
    if isinstance(chosen, dt.date):
        st.query_params[AS_OF_PARAM] = chosen.isoformat()


def as_of_choice(plan: Plan) -> dt.date:
    """The day the matrix is read at: today in Hanoi, or ``?as_of=2017-07-15``."""
    first, last = _as_of_bounds(plan)
    raw = str(st.query_params.get(AS_OF_PARAM, ""))
    try:
        linked: dt.date | None = dt.date.fromisoformat(raw) if raw and raw.isascii() else None
    except ValueError:
        linked = None
    linked = min(max(linked, first), last) if linked else None
    kept = st.session_state.get(_AS_OF_KEY)
    if linked is not None and linked != kept:  # a link opened: it wins
        st.session_state[_AS_OF_KEY] = linked
    elif st.session_state.get(_AS_OF_PLAN_KEY) != plan.id or not (isinstance(kept, dt.date) and first <= kept <= last):
        st.session_state[_AS_OF_KEY] = min(max(hanoi_today(), first), last)
    st.session_state[_AS_OF_PLAN_KEY] = plan.id
    language = lang()
    chosen = st.date_input(
        t("reporting.as_of", language),
        min_value=first,
        max_value=last,
        format="DD/MM/YYYY",
        help=t("reporting.as_of_help", language),
        key=_AS_OF_KEY,
        on_change=_as_of_to_link,
    )
    return chosen if isinstance(chosen, dt.date) else hanoi_today()


def default_period(plan: Plan, as_of: dt.date) -> ReportingPeriod:
    """The latest period due by ``as_of``; before any, the first."""
    periods = plan.reporting_periods()
    due = [period for period in periods if period.is_due(as_of)]
    return due[-1] if due else periods[0]


def period_choice(plan: Plan, as_of: dt.date) -> ReportingPeriod:
    """The period the page details; ``?period=2017-Q2`` opens it (another plan's period
    in the address leaves the default: the latest period due)."""
    language = lang()
    periods = {period.name: period for period in plan.reporting_periods()}
    if st.session_state.get(_PERIOD_KEY) not in periods:
        st.session_state[_PERIOD_KEY] = default_period(plan, as_of).name
    labels = {name: period.label(language) for name, period in periods.items()}
    return periods[linked_choice(t("reporting.period", language), labels, _PERIOD_KEY, PERIOD_PARAM)]


# --- drawing -------------------------------------------------------------------------------


def is_empty(result: Completeness) -> bool:
    return not any(cell.reported for cell in result.cells.values())


def matrix(plan: Plan, result: Completeness, period: ReportingPeriod) -> None:
    """The matrix: each cell a word on its state's colour, its facts on hover; the chosen
    period framed. ``st.table``: ``st.dataframe`` draws no hover text of a cell's own."""
    language = lang()
    caption = t(
        "reporting.matrix.caption",
        language,
        places=len(result.places),
        periods=len(result.periods),
        as_of=format_date(result.today),
        period=period.label(language),
    )
    if result.target_id is not None:
        target = next(target for target in plan.targets if target.id == result.target_id)
        caption += " " + t("reporting.matrix.target", language, target=md_escape(target.short.in_(language)))
    st.caption(caption)
    st.html(reporting.legend_html(language))
    st.table(reporting.matrix_styled(plan, result, language, period.name), hide_index=True)
    with st.expander(t("reporting.how_to_read", language)):
        st.markdown("\n".join(f"- {md_escape(line)}" for line in reporting.legend_lines(language)))
        st.caption(t("reporting.rates_note", language))


def period_rates(result: Completeness) -> None:
    """Per period: reported, on time, complete, late and silent places, with the rates."""
    display.table(reporting.period_table(result, lang()), names_first=False)


def period_detail(
    plan: Plan, result: Completeness, period: ReportingPeriod, kept: dict[tuple[str, str], StatusRow]
) -> None:
    """The chosen period: its days, a whole-period lock, who has sent nothing, and every
    place's state and status."""
    language = lang()
    st.caption(
        t(
            "reporting.chosen.due",
            language,
            start=format_date(period.start),
            end=format_date(period.end),
            due=format_date(period.due),
        )
    )
    whole = reporting.whole_period_lock(kept, period.name)
    if whole is not None:
        st.warning(
            t(
                "reporting.chosen.whole_locked",
                language,
                at=format_moment(whole.changed_at),
                by=md_escape(whole.changed_by),
                reason=md_escape(whole.reason or ""),
            )
        )
    summary = result.summary_of(period.name)
    if summary is not None:
        sentence = md_escape(reporting.missing_sentence(summary, language))
        (st.warning if summary.missing and summary.is_due else st.info)(sentence)
    frame = reporting.places_table(plan, result, period, kept, language)
    if not frame.empty:
        st.table(reporting.places_styled(frame, language), hide_index=True)  # long lists of targets wrap


# --- submit, approve, lock, reopen -------------------------------------------------------


def _ask(kind: str, period: str, place: str | None = None, reason_key: str | None = None) -> None:
    reason = str(st.session_state.get(reason_key, "")) if reason_key else None
    st.session_state[_REQUEST_KEY] = {"kind": kind, "period": period, "place": place, "reason": reason}


def _ask_for_chosen(kind: str, period: str, place_key: str, reason_key: str | None = None) -> None:
    _ask(kind, period, st.session_state.get(place_key), reason_key)


def handle_request(plan: Plan, store: Ledger, person: Visitor) -> Outcome | None:
    """Carry out what the last button press asked for (the service checks it all), and
    say how it went; a refused request writes nothing."""
    request: dict[str, Any] | None = st.session_state.pop(_REQUEST_KEY, None)
    if request is None:
        return None
    language = lang()
    kind, name, place, reason = request["kind"], str(request["period"]), request["place"], request["reason"]
    shown_place = reporting.place_label(str(place), language) if place else ""
    shown_period = md_escape(period_label(name, language))
    credential = person.credential

    def carry_out() -> str:
        if kind == "submit":
            submit_period(plan, store, credential, name, place)
            return t("reporting.submitted", language, period=shown_period, place=md_escape(shown_place))
        if kind == "approve":
            approve_period(plan, store, credential, name, place, reason or None)
            st.session_state[_PLACE_REASON_KEY] = ""
            return t("reporting.approved", language, period=shown_period, place=md_escape(shown_place))
        if kind == "reopen":
            reopen_period(plan, store, credential, name, place, reason or "")
            st.session_state[_PLACE_REASON_KEY] = ""
            return t("reporting.reopened", language, period=shown_period, place=md_escape(shown_place))
        if kind == "lock":
            lock_period(plan, store, credential, name, reason or "")
            st.session_state[_PERIOD_REASON_KEY] = ""
            return t("reporting.locked", language, period=shown_period)
        count = reopen_period(plan, store, credential, name, None, reason or "")
        st.session_state[_PERIOD_REASON_KEY] = ""
        return t("reporting.reopened_all", language, period=shown_period, count=count)

    said: list[str] = []
    done = attempt(carry_out, say=said.append, problem_key="reporting.refused")
    if isinstance(done, Refused):
        return Outcome("error", said[0] if said else "")
    return Outcome("success", done)


def _say(outcome: Outcome | None) -> None:
    if outcome is not None:
        (st.success if outcome.level == "success" else st.error)(outcome.message)


def _places_in_order(result: Completeness) -> list[str]:
    """The places that owe, in the district list's order, the city last."""
    owing = set(result.places)
    return [place for place in (*district_names(), CITY) if place in owing]


def actions(
    plan: Plan, store: Ledger, person: Visitor, result: Completeness, period: ReportingPeriod, outcome: Outcome | None
) -> None:
    """What this person may do with the chosen period: a district's editor submits each of
    their districts; an administrator approves, locks and reopens, giving reasons."""
    language = lang()
    _say(outcome)
    if not person.can_edit:
        if person.signed_in:
            st.info(t("reporting.actions.viewer", language))
        elif not person.before_first_user and not person.foreign_page:
            st.info(t("reporting.actions.sign_in", language))
        return
    if not person.name:
        st.warning(t("reporting.actions.need_name", language))
    if may_approve(person):
        _approve_panel(result, period)
    else:
        _submit_panel(person, store, result, period)


def _status_word(result: Completeness, place: str, period: ReportingPeriod) -> str:
    return t(f"periods.status.{result.cell(place, period.name).status}", lang())


def _submit_panel(person: Visitor, store: Ledger, result: Completeness, period: ReportingPeriod) -> None:
    """One button per district of the person's account; an editor of every district
    chooses the district first."""
    language = lang()
    places = _places_in_order(result)
    own = [place for place in districts_of(person, store) if place in places]
    if own:
        for place in own:
            left, right = st.columns([3, 2])
            left.button(
                t("reporting.submit_one", language, place=md_escape(place)),
                key=f"reporting_submit_{place}",
                type="primary",
                icon=":material/send:",
                help=t("reporting.submit_help", language),
                # sent, approved or locked: nothing to submit (the write refuses it anyway)
                disabled=result.cell(place, period.name).status != "open",
                on_click=_ask,
                args=("submit", period.name, place),
            )
            right.caption(
                t(
                    "reporting.place_status",
                    language,
                    place=md_escape(place),
                    status=_status_word(result, place, period),
                )
            )
        return
    left, right = st.columns([2, 3])
    _chosen_place(left, right, "reporting.submit_place", _SUBMIT_PLACE_KEY, places, result, period)
    right.button(
        t("reporting.submit", language),
        key="reporting_submit_chosen",
        type="primary",
        icon=":material/send:",
        help=t("reporting.submit_help", language),
        on_click=_ask_for_chosen,
        args=("submit", period.name, _SUBMIT_PLACE_KEY),
    )


def _chosen_place(
    picker: Any, said: Any, label_key: str, key: str, places: list[str], result: Completeness, period: ReportingPeriod
) -> str | None:
    """A list of the places (kept under ``key``) and, in ``said``, the chosen one's status."""
    language = lang()
    chosen = picker.selectbox(
        t(label_key, language),
        options=places,
        format_func=lambda place: reporting.place_label(place, language),
        key=key,
    )
    if chosen is not None:
        said.caption(
            t(
                "reporting.place_status",
                language,
                place=md_escape(reporting.place_label(chosen, language)),
                status=_status_word(result, chosen, period),
            )
        )
    return chosen


def _approve_panel(result: Completeness, period: ReportingPeriod) -> None:
    """Approve each district that submitted; approve or reopen any one district; lock or
    reopen the whole period. A lock and a reopen ask for a reason (the service requires it)."""
    language = lang()
    places = _places_in_order(result)
    waiting = [place for place in places if result.cell(place, period.name).status == "submitted"]
    st.markdown(f"**{t('reporting.waiting', language, count=len(waiting))}**")
    if not waiting:
        st.caption(t("reporting.waiting_none", language))
    for row, place in enumerate(waiting):
        st.button(
            t("reporting.approve_one", language, place=md_escape(reporting.place_label(place, language))),
            key=f"reporting_approve_{row}",
            icon=":material/verified:",
            help=t("reporting.approve_help", language),
            on_click=_ask,
            args=("approve", period.name, place),
        )
    one, whole = st.columns(2)
    with one:
        st.markdown(f"**{t('reporting.one_place', language)}**")
        if st.session_state.get(_PLACE_KEY) not in places:
            st.session_state[_PLACE_KEY] = waiting[0] if waiting else places[0]
        _chosen_place(st, st, "reporting.choose_place", _PLACE_KEY, places, result, period)
        st.text_input(
            t("reporting.reason", language),
            key=_PLACE_REASON_KEY,
            max_chars=500,
            help=t("reporting.reason_help", language),
        )
        approve, reopen = st.columns(2)
        approve.button(
            t("reporting.approve", language),
            key="reporting_approve_chosen",
            type="primary",
            icon=":material/verified:",
            help=t("reporting.approve_help", language),
            on_click=_ask_for_chosen,
            args=("approve", period.name, _PLACE_KEY, _PLACE_REASON_KEY),
        )
        reopen.button(
            t("reporting.reopen", language),
            key="reporting_reopen_chosen",
            icon=":material/lock_open:",
            on_click=_ask_for_chosen,
            args=("reopen", period.name, _PLACE_KEY, _PLACE_REASON_KEY),
        )
    with whole:
        st.markdown(f"**{t('reporting.whole_period', language)}**")
        st.caption(t("reporting.lock_help", language))
        st.text_input(
            t("reporting.reason_required", language),
            key=_PERIOD_REASON_KEY,
            max_chars=500,
            help=t("reporting.reason_help", language),
        )
        lock, reopen_all = st.columns(2)
        lock.button(
            t("reporting.lock", language),
            key="reporting_lock",
            icon=":material/lock:",
            on_click=_ask,
            args=("lock", period.name, None, _PERIOD_REASON_KEY),
        )
        reopen_all.button(
            t("reporting.reopen_all", language),
            key="reporting_reopen_all",
            icon=":material/lock_open:",
            on_click=_ask,
            args=("reopen_all", period.name, None, _PERIOD_REASON_KEY),
        )


# --- the overview's line -----------------------------------------------------------------


def overview_line(plan: Plan, store: Ledger) -> None:
    """«Quý 2/2017: 24/30 quận, huyện đã báo cáo, 19 đúng hạn», a link to the matrix at that
    period (in the plan and language shown); nothing before any period is due."""
    # the latest period due alone: a few hundred months kept, not the whole matrix
    result = reads.read(latest_due_reporting, plan, store, hanoi_today())
    language = lang()
    line = reporting.overview_line(result, language)
    summary = result.latest_due()
    if line is None or summary is None:
        return
    query = {**frame.plan_link(), PERIOD_PARAM: summary.period.name}
    st.page_link("pages/reporting.py", label=line, icon=":material/fact_check:", query_params=query)
