"""The reporting cycle's state: one status per plan, district and period (open, submitted,
approved, locked), its history, the districts each account may write, and the check every
write of an entry makes inside its own transaction.

A district-period is locked when it is approved, or when its whole period is locked for
every district (the row under ALL_DISTRICTS). The statuses carry the period's first and
last day, so that a write checks a lock from the days it touches, without the plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Connection, Date, DateTime, ForeignKey, Index, String, Table, Text, and_, select

from tracker.domain.errors import CodedError
from tracker.domain.periods import ALL_DISTRICTS, CITY, ReportingPeriod
from tracker.domain.text import TypedTextError, typed_text
from tracker.i18n import HANOI_TIME, Lang, format_date, t
from tracker.storage.database import Database, Id, as_utc, metadata
from tracker.storage.report_days import DayTally

MAX_REASON = 500
_LAYOUT = re.compile(r"\r\n|[\r\n\t]")  # what a reason typed over several lines is laid out with


class PeriodStatus(StrEnum):
    open = "open"
    submitted = "submitted"
    approved = "approved"
    locked = "locked"  # a whole period, for every district (ALL_DISTRICTS)


class PeriodAction(StrEnum):
    submit = "submit"
    approve = "approve"
    lock = "lock"
    reopen = "reopen"


LOCKING = (PeriodStatus.approved.value, PeriodStatus.locked.value)

period_statuses = Table(
    "period_statuses",
    metadata,
    Column("plan_id", String(64), primary_key=True),
    Column("period", String(16), primary_key=True),  # 2017-Q2, 2017-03
    Column("district", String(64), primary_key=True),  # a district, CITY, or ALL_DISTRICTS
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("status", String(16), nullable=False),
    Column("changed_by", String(120), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=True),
    Column("first_approved_at", DateTime(timezone=True), nullable=True),
    Index("ix_period_statuses_days", "plan_id", "status", "start_date"),
)

# One row per submit, approve, lock and reopen: who, when, why, from which status to which.
period_events = Table(
    "period_events",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("plan_id", String(64), nullable=False),
    Column("period", String(16), nullable=False),
    Column("district", String(64), nullable=False),
    Column("action", String(16), nullable=False),
    Column("status_before", String(16), nullable=False),
    Column("status_after", String(16), nullable=False),
    Column("changed_by", String(120), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=True),
    Index("ix_period_events_plan", "plan_id", "id"),
)

# The districts an account may write; none: every district and the city.
USERS = "users"  # the accounts' table (tracker.storage.accounts, which imports this module)
user_districts = Table(
    "user_districts",
    metadata,
    Column("username", String(40), ForeignKey(f"{USERS}.username", ondelete="CASCADE"), primary_key=True),
    Column("district", String(64), primary_key=True),
)


# --- errors ------------------------------------------------------------------------------


def place_name(district: str | None, lang: Lang) -> str:
    """A district as people read it: its name, «Toàn thành phố», «mọi quận, huyện»."""
    if district is None or district == CITY:
        return t("periods.city", lang)
    if district == ALL_DISTRICTS:
        return t("periods.all_districts", lang)
    return district


class PeriodLockedError(CodedError):
    """A write touched a locked district-period; nothing was written."""

    prefix = "periods.refused."

    def __init__(self, status: StatusRow, district: str | None) -> None:
        self.status = status
        self.district = district
        super().__init__("locked" if status.reason else "locked_no_reason")

    def shown(self, lang: Lang) -> dict[str, Any]:
        row = self.status
        return {
            "place": place_name(self.district, lang),
            "period": period_label(row.period, lang),
            "at": format_date(row.changed_at.astimezone(HANOI_TIME).date()),
            "by": row.changed_by,
            "reason": row.reason or "",
            "status": t(f"periods.status.{row.status}", lang),
        }


class OutsideScopeError(CodedError):
    """A district-scoped account wrote a row of another district or of the whole city."""

    prefix = "periods.refused."

    def __init__(self, district: str | None, scope: Iterable[str]) -> None:
        self.district = district
        self.scope = tuple(sorted(scope))
        super().__init__("outside_scope")

    def shown(self, lang: Lang) -> dict[str, Any]:
        return {"place": place_name(self.district, lang), "districts": ", ".join(self.scope)}


class PeriodError(CodedError):
    """A submit, approval, lock or reopen that cannot be made; nothing was written."""

    prefix = "periods.refused."

    def shown(self, lang: Lang) -> dict[str, Any]:
        params = dict(self.params)
        if "district" in params and "place" not in params:
            params["place"] = place_name(params["district"], lang)
        if "period" in params:
            params["period"] = period_label(str(params["period"]), lang)
        if "status" in params:
            params["status"] = t(f"periods.status.{params['status']}", lang)
        if lang == "en" and "target_en" in params:
            params["target"] = params["target_en"]
        return params


def period_label(name: str, lang: Lang) -> str:
    """«Quý 2/2017» for 2017-Q2; the name itself if it is not one."""
    from tracker.domain.periods import PeriodNameError, parse_period

    try:
        return parse_period(name).label(lang)
    except PeriodNameError:
        return name


# --- rows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusRow:
    plan_id: str
    period: str
    district: str  # a district, CITY or ALL_DISTRICTS
    start: dt.date
    end: dt.date
    status: PeriodStatus
    changed_by: str
    changed_at: dt.datetime
    reason: str | None
    first_approved_at: dt.datetime | None

    @property
    def locks(self) -> bool:
        return self.status.value in LOCKING


@dataclass(frozen=True)
class EventRow:
    id: int
    plan_id: str
    period: str
    district: str
    action: PeriodAction
    status_before: PeriodStatus
    status_after: PeriodStatus
    changed_by: str
    changed_at: dt.datetime
    reason: str | None


def _status(row: Any) -> StatusRow:
    return StatusRow(
        row.plan_id,
        row.period,
        row.district,
        row.start_date,
        row.end_date,
        PeriodStatus(row.status),
        row.changed_by,
        as_utc(row.changed_at),
        row.reason,
        None if row.first_approved_at is None else as_utc(row.first_approved_at),
    )


def _event(row: Any) -> EventRow:
    return EventRow(
        int(row.id),
        row.plan_id,
        row.period,
        row.district,
        PeriodAction(row.action),
        PeriodStatus(row.status_before),
        PeriodStatus(row.status_after),
        row.changed_by,
        as_utc(row.changed_at),
        row.reason,
    )


# --- the check every write of an entry makes ------------------------------------------


def scope_of(connection: Connection, username: str | None) -> frozenset[str]:
    """The districts ``username`` may write; empty: no limit."""
    if username is None:
        return frozenset()
    query = select(user_districts.c.district).where(user_districts.c.username == username)
    return frozenset(connection.execute(query).scalars())


class WriteGuard:
    """Checks each (district, day) a write touches, inside the write's transaction: the
    writer's districts, then the locks. Reads the plan's locks and the writer's scope once."""

    def __init__(self, connection: Connection, plan_id: str, username: str | None) -> None:
        self.scope = scope_of(connection, username)
        query = select(period_statuses).where(
            period_statuses.c.plan_id == plan_id, period_statuses.c.status.in_(LOCKING)
        )
        self.locks = [_status(row) for row in connection.execute(query)]
        self.days = DayTally.of(plan_id)  # what the write touched, for tracker.storage.report_days

    def check(self, district: str | None, day: dt.date) -> None:
        if self.scope and (district is None or district not in self.scope):
            raise OutsideScopeError(district, self.scope)
        place = CITY if district is None else district
        for lock in self.locks:
            if lock.start <= day <= lock.end and lock.district in (place, ALL_DISTRICTS):
                raise PeriodLockedError(lock, district)

    def check_state(self, state: dict[str, Any] | None) -> None:
        """A stored entry's state (None: absent, nothing to check)."""
        if state is None:
            return
        day = state["ref_date"]
        self.check(state.get("district"), day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)))


# --- the statuses ---------------------------------------------------------------------


class PeriodBook:
    """The statuses and their history for one plan."""

    def __init__(self, database: Database, plan_id: str) -> None:
        self.database = database
        self.plan_id = plan_id

    def statuses(self) -> list[StatusRow]:
        query = select(period_statuses).where(period_statuses.c.plan_id == self.plan_id)
        with self.database.reading() as connection:
            return [_status(row) for row in connection.execute(query)]

    def events(self, limit: int | None = None) -> list[EventRow]:
        """This plan's submits, approvals, locks and reopens, the newest first."""
        query = (
            select(period_events)
            .where(period_events.c.plan_id == self.plan_id)
            .order_by(period_events.c.id.desc())
            .limit(limit)
        )
        with self.database.reading() as connection:
            return [_event(row) for row in connection.execute(query)]

    def submit(
        self, period: ReportingPeriod, district: str, by: str, username: str | None, reason: str | None = None
    ) -> None:
        """ "These are our figures": open → submitted, by the district's editor; a note is
        optional (blank: none)."""
        reason = checked_reason(reason, required=False)
        with self.database.writing() as connection:
            scope = scope_of(connection, username)
            if scope and district not in scope:
                raise OutsideScopeError(None if district == CITY else district, scope)
            self._refuse_whole_lock(connection, period, district)
            current = self._current(connection, period, district)
            if current not in (PeriodStatus.open,):
                raise PeriodError("not_submittable", district=district, period=period.name, status=current.value)
            self._move(connection, period, district, PeriodAction.submit, current, PeriodStatus.submitted, by, reason)

    def approve(self, period: ReportingPeriod, district: str, by: str, reason: str | None = None) -> None:
        """submitted (or open) → approved, which locks the district's period; the reason
        is optional (blank: none)."""
        reason = checked_reason(reason, required=False)
        with self.database.writing() as connection:
            self._refuse_whole_lock(connection, period, district)
            current = self._current(connection, period, district)
            if current not in (PeriodStatus.open, PeriodStatus.submitted):
                raise PeriodError("not_approvable", district=district, period=period.name, status=current.value)
            self._move(connection, period, district, PeriodAction.approve, current, PeriodStatus.approved, by, reason)

    def lock_all(self, period: ReportingPeriod, by: str, reason: str) -> None:
        """The whole period, for every district and the city (after the committee's meeting)."""
        reason = checked_reason(reason, required=True)
        with self.database.writing() as connection:
            current = self._current(connection, period, ALL_DISTRICTS)
            if current == PeriodStatus.locked:
                raise PeriodError("already_locked", period=period.name)
            self._move(connection, period, ALL_DISTRICTS, PeriodAction.lock, current, PeriodStatus.locked, by, reason)

    def reopen(self, period: ReportingPeriod, district: str, by: str, reason: str) -> int:
        """An approved district-period, or (district ALL_DISTRICTS) the whole period's lock
        and every approval in it, back to open, with a reason. Returns how many reopened.

        While the whole period is locked, one district is not reopened alone: its writes
        would stay refused by the whole lock, whatever its own status said."""
        reason = checked_reason(reason, required=True)
        with self.database.writing() as connection:
            if district != ALL_DISTRICTS:
                self._refuse_reopen_under_whole_lock(connection, period, district)
                current = self._current(connection, period, district)
                if current.value not in LOCKING:
                    raise PeriodError("not_locked", district=district, period=period.name)
                self._move(connection, period, district, PeriodAction.reopen, current, PeriodStatus.open, by, reason)
                return 1
            query = select(period_statuses).where(
                period_statuses.c.plan_id == self.plan_id,
                period_statuses.c.period == period.name,
                period_statuses.c.status.in_(LOCKING),
            )
            locked = [_status(row) for row in connection.execute(query)]
            if not locked:
                raise PeriodError("not_locked", district=ALL_DISTRICTS, period=period.name)
            for row in locked:
                self._move(connection, period, row.district, PeriodAction.reopen, row.status, PeriodStatus.open, by,
                           reason)  # fmt: skip
            return len(locked)

    # --- inside a transaction ---------------------------------------------------------

    def _row(self, connection: Connection, period: ReportingPeriod, district: str) -> Any:
        return connection.execute(
            select(period_statuses).where(
                period_statuses.c.plan_id == self.plan_id,
                period_statuses.c.period == period.name,
                period_statuses.c.district == district,
            )
        ).first()

    def _current(self, connection: Connection, period: ReportingPeriod, district: str) -> PeriodStatus:
        row = self._row(connection, period, district)
        return PeriodStatus.open if row is None else PeriodStatus(row.status)

    def _refuse_whole_lock(self, connection: Connection, period: ReportingPeriod, district: str) -> None:
        whole = self._row(connection, period, ALL_DISTRICTS)
        if whole is not None and whole.status in LOCKING:
            raise PeriodLockedError(_status(whole), None if district == CITY else district)

    def _refuse_reopen_under_whole_lock(self, connection: Connection, period: ReportingPeriod, district: str) -> None:
        whole = self._row(connection, period, ALL_DISTRICTS)
        if whole is None or whole.status not in LOCKING:
            return
        row = _status(whole)
        raise PeriodError(
            "whole_locked",
            district=district,
            period=period.name,
            by=row.changed_by,
            at=format_date(row.changed_at.astimezone(HANOI_TIME).date()),
            reason=row.reason or "",
        )

    def _move(
        self,
        connection: Connection,
        period: ReportingPeriod,
        district: str,
        action: PeriodAction,
        before: PeriodStatus,
        after: PeriodStatus,
        by: str,
        reason: str | None,
    ) -> None:
        now = dt.datetime.now(dt.UTC)
        row = self._row(connection, period, district)
        values = {"status": after.value, "changed_by": by, "changed_at": now, "reason": reason}
        if after == PeriodStatus.approved:
            values["first_approved_at"] = now if row is None or row.first_approved_at is None else row.first_approved_at
        if row is None:
            connection.execute(
                period_statuses.insert().values(
                    plan_id=self.plan_id,
                    period=period.name,
                    district=district,
                    start_date=period.start,
                    end_date=period.end,
                    **values,
                )
            )
        else:
            connection.execute(
                period_statuses.update()
                .where(
                    and_(
                        period_statuses.c.plan_id == self.plan_id,
                        period_statuses.c.period == period.name,
                        period_statuses.c.district == district,
                    )
                )
                .values(**values)
            )
        connection.execute(
            period_events.insert().values(
                plan_id=self.plan_id,
                period=period.name,
                district=district,
                action=action.value,
                status_before=before.value,
                status_after=after.value,
                changed_by=by,
                changed_at=now,
                reason=reason,
            )
        )


def checked_reason(raw: str | None, *, required: bool) -> str | None:
    """A submit's, approval's, lock's or reopen's reason as it is stored, by the rule of
    every typed text (tracker.domain.text): one line (a line break or a tab is a space),
    spaces made plain; None when blank. PeriodError when it is blank but ``required``,
    longer than MAX_REASON characters (refused, never cut short: the history keeps what
    was meant whole) or holds any other hidden or control character (an escape sequence
    would reach the terminal of whoever reads the history)."""
    one_line = None if raw is None else _LAYOUT.sub(" ", str(raw))
    try:
        text = typed_text(one_line, limit=MAX_REASON)
    except TypedTextError as problem:
        if problem.code == "too_long":
            raise PeriodError("reason_too_long", limit=problem.limit) from None
        raise PeriodError("reason_hidden_character", character=problem.character) from None
    if text is None and required:
        raise PeriodError("reason_required")
    return text


def first_approvals(book: PeriodBook) -> dict[tuple[str, str], dt.datetime]:
    """(period, district) → when it was first approved (a whole-period lock counts for
    every district under ALL_DISTRICTS)."""
    found: dict[tuple[str, str], dt.datetime] = {}
    for event in sorted(book.events(), key=lambda e: e.id):
        if event.action in (PeriodAction.approve, PeriodAction.lock):
            found.setdefault((event.period, event.district), event.changed_at)
    return found


__all__ = [
    "ALL_DISTRICTS",
    "CITY",
    "EventRow",
    "OutsideScopeError",
    "PeriodAction",
    "PeriodBook",
    "PeriodError",
    "PeriodLockedError",
    "PeriodStatus",
    "StatusRow",
    "WriteGuard",
    "checked_reason",
    "first_approvals",
    "period_label",
    "place_name",
    "scope_of",
]
