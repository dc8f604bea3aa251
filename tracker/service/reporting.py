"""The reporting cycle, as the pages and the command line ask for it: who has reported
which period, nil reports, and submitting, approving, locking and reopening periods.

Every write checks who is writing (``writer_of``: the role, and the account's districts
inside the write's own transaction) and the locks (tracker.storage.periods). Nothing here
imports streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tracker.domain.access import Credential, Permission
from tracker.domain.clock import hanoi_today
from tracker.domain.completeness import Completeness, completeness
from tracker.domain.entries import EntryKind, ValidEntry, validate_entry
from tracker.domain.periods import ALL_DISTRICTS, CITY, PeriodNameError, ReportingPeriod, parse_period
from tracker.domain.plan import Plan
from tracker.service import of_plan, writer_of
from tracker.storage.late_changes import ApprovedPlace, changes_after_approval
from tracker.storage.ledger import ChangeRow, Ledger, NilReportError
from tracker.storage.periods import (
    EventRow,
    PeriodBook,
    PeriodError,
    StatusRow,
    first_approvals,
    scope_of,
)


def period_of_plan(plan: Plan, name: str) -> ReportingPeriod:
    """The plan's period named ``name`` (2017-Q2, 2017-03). PeriodError "unknown_period"
    for what is no period's name, "period_not_in_plan" (naming the plan's first and last
    periods) for a period the plan does not report, such as a month of a quarterly plan."""
    try:
        parse_period(name)
    except PeriodNameError:
        raise PeriodError("unknown_period", period=str(name)[:40]) from None
    found = plan.reporting_period(name)
    if found is None:
        periods = plan.reporting_periods()
        raise PeriodError("period_not_in_plan", period=str(name).strip().upper(), first=periods[0].name,
                          last=periods[-1].name)  # fmt: skip
    return found


def place_of(raw: str | None) -> str:
    """A district as typed (any spelling the district list forgives), or the city (None,
    empty, "(city)", "toàn thành phố"): the name a status is kept under."""
    from tracker.domain.districts import UnknownDistrictError, canonical_district

    text = (raw or "").strip()
    if not text or text == CITY:
        return CITY
    try:
        name = canonical_district(text)
    except UnknownDistrictError as unknown:
        if unknown.suggestions:  # «Chương Mi»: say which district it is probably meant to be
            raise PeriodError("unknown_district_close", district=text[:80],
                              suggestions=", ".join(unknown.suggestions)) from None  # fmt: skip
        raise PeriodError("unknown_district", district=text[:80]) from None
    return CITY if name is None else name


def statuses_of(plan: Plan, ledger: Ledger) -> dict[tuple[str, str], StatusRow]:
    """(place, period name) → its status row; the place ALL_DISTRICTS for a whole period."""
    return {(row.district, row.period): row for row in PeriodBook(ledger.database, plan.id).statuses()}


def reporting_of(
    plan: Plan, ledger: Ledger, today: dt.date | None = None, target_id: str | None = None
) -> Completeness:
    """The matrix of places × periods for ``plan`` (every target, or one), as of ``today``."""
    today = today or hanoi_today()
    periods = plan.reporting_periods()
    receipts = of_plan(plan, ledger).receipts(
        [(period.name, period.start, period.end) for period in periods],
        None if target_id is None else [target_id],
    )
    statuses = {key: row.status.value for key, row in statuses_of(plan, ledger).items()}
    return completeness(plan, receipts, today, target_id, statuses, periods)


def latest_due_reporting(plan: Plan, ledger: Ledger, today: dt.date | None = None) -> Completeness:
    """The matrix of every target's places in the latest period whose due day has passed
    and in which anything is owed (``Completeness.latest_due``), alone: what the overview's
    line says, read for that period's months only. Its cells and summary are those of the
    whole matrix; no period at all before one is due."""
    today = today or hanoi_today()
    periods = plan.reporting_periods()
    latest = next(
        (
            period
            for period in reversed(periods)
            if period.is_due(today) and any(plan.nil_day(target, period) is not None for target in plan.targets)
        ),
        None,
    )
    chosen = [] if latest is None else [latest]
    receipts = of_plan(plan, ledger).receipts([(period.name, period.start, period.end) for period in chosen])
    statuses = {key: row.status.value for key, row in statuses_of(plan, ledger).items()}
    return completeness(plan, receipts, today, None, statuses, chosen)


def record_nil(
    plan: Plan,
    ledger: Ledger,
    credential: Credential,
    *,
    target_id: object,
    district: object,
    period: str | ReportingPeriod,
    note: object = None,
) -> int:
    """ "Nothing this period" for a target and a district (None: the city): a nil entry on
    the period's last day within the target's own period (``Plan.nil_day``). Refused when
    the place already sent something for it, and (as a date outside the target's period)
    for a period the target does not reach."""
    by, ledger = writer_of(ledger, credential)
    chosen = period if isinstance(period, ReportingPeriod) else period_of_plan(plan, period)
    last_day = plan.nil_day(target_id, chosen) or min(chosen.end, plan.period.end)
    entry = validate_entry(
        plan, target_id=target_id, quantity=0, ref_date=last_day, district=district, note=note,
        entered_by=by, kind=EntryKind.nil,
    )  # fmt: skip
    return record_nil_entry(plan, ledger, entry, chosen)


def record_nil_entry(plan: Plan, ledger: Ledger, entry: ValidEntry, period: ReportingPeriod) -> int:
    """A checked nil entry, for the period it falls in; the refusal names the target."""
    try:
        return of_plan(plan, ledger).record_nil(entry, period)
    except NilReportError as error:
        item = plan.recordable_by_id().get(str(error.params.get("target")))
        if item is not None:
            error.params["target"] = item.short.vi
            error.params["target_en"] = item.short.en
        raise


# --- submit, approve, lock, reopen ------------------------------------------------------


def submit_period(plan: Plan, ledger: Ledger, credential: Credential, period: str, district: str | None) -> None:
    """ "These are our figures": an editor of the district (or of every district)."""
    by, scoped = writer_of(ledger, credential)
    PeriodBook(ledger.database, plan.id).submit(period_of_plan(plan, period), place_of(district), by, scoped.writer)


def approve_period(
    plan: Plan, ledger: Ledger, credential: Credential, period: str, district: str | None, reason: str | None = None
) -> None:
    by, _ = writer_of(ledger, credential, Permission.approve)
    PeriodBook(ledger.database, plan.id).approve(period_of_plan(plan, period), place_of(district), by, reason)


def lock_period(plan: Plan, ledger: Ledger, credential: Credential, period: str, reason: str) -> None:
    by, _ = writer_of(ledger, credential, Permission.approve)
    PeriodBook(ledger.database, plan.id).lock_all(period_of_plan(plan, period), by, reason)


def reopen_period(
    plan: Plan, ledger: Ledger, credential: Credential, period: str, district: str | None, reason: str
) -> int:
    """Reopen one district's period, or (district None or "*") the whole period."""
    by, _ = writer_of(ledger, credential, Permission.approve)
    place = ALL_DISTRICTS if district in (None, "", ALL_DISTRICTS) else place_of(district)
    return PeriodBook(ledger.database, plan.id).reopen(period_of_plan(plan, period), place, by, reason)


def period_events(plan: Plan, ledger: Ledger, limit: int | None = None) -> list[EventRow]:
    return PeriodBook(ledger.database, plan.id).events(limit)


def writable_scope(ledger: Ledger, username: str | None) -> frozenset[str]:
    """The districts ``username`` may write (empty: every one and the city)."""
    with ledger.database.reading() as connection:
        return scope_of(connection, username)


def locked_at(plan: Plan, ledger: Ledger) -> list[StatusRow]:
    """The plan's locks now: approved district-periods and whole locked periods."""
    return [row for row in statuses_of(plan, ledger).values() if row.locks]


def is_locked(locks: Iterable[StatusRow], district: str | None, day: dt.date) -> StatusRow | None:
    """The lock that holds (district, day), if any: the same rule as the write's check."""
    place = CITY if district is None else district
    return next(
        (lock for lock in locks if lock.start <= day <= lock.end and lock.district in (place, ALL_DISTRICTS)), None
    )


# --- changed after approval ------------------------------------------------------------


@dataclass(frozen=True)
class LateChange:
    """A change to a period's figures made after the period was first approved."""

    change: ChangeRow
    period: ReportingPeriod
    place: str
    approved_at: dt.datetime


def changed_after_approval(plan: Plan, ledger: Ledger) -> list[LateChange]:
    """Every change to an approved (or whole-locked) period's figures made after its first
    approval, oldest first: what moved since the committee last saw it."""
    approvals = first_approvals(PeriodBook(ledger.database, plan.id))
    seen_places: list[ApprovedPlace] = []
    for (name, place), moment in approvals.items():
        try:
            period = parse_period(name, plan.reporting.due_days)
        except PeriodNameError:
            continue
        if plan.reporting_period_at(period.start).name == period.name:  # no month of a quarterly plan
            seen_places.append(ApprovedPlace(period.start, period.end, place, moment))
    found: list[LateChange] = []
    # only the changes that may have touched an approved place-period after its approval
    # are read (tracker.storage.late_changes); the rule below picks the late ones out
    for change in changes_after_approval(ledger.database, plan.id, seen_places):
        for state in (change.before, change.after):
            if state is None:
                continue
            day = dt.date.fromisoformat(str(state["ref_date"]))
            period = plan.reporting_period_at(day)
            place = CITY if state.get("district") is None else str(state["district"])
            # the earlier of the place's own approval and the whole period's lock: a lock,
            # reopened, then changed, then approved, was seen by the committee at the lock
            seen = [approvals.get((period.name, key)) for key in (place, ALL_DISTRICTS)]
            approved = min((moment for moment in seen if moment is not None), default=None)
            if approved is not None and change.changed_at > approved:
                found.append(LateChange(change, period, place, approved))
                break
    return found


def late_changes_as_json(changes: list[LateChange]) -> list[dict[str, Any]]:
    return [
        {
            "change": item.change.id,
            "entry": item.change.entry_id,
            "period": item.period.name,
            "district": item.place,
            "action": item.change.action.value,
            "by": item.change.changed_by,
            "at": item.change.changed_at.isoformat(),
            "approved_at": item.approved_at.isoformat(),
        }
        for item in changes
    ]
