"""Who has reported which period: each place's state in each period, and the rates.

A place is a district, or the city as a whole for the targets the city reports
(``Target.owed_by``). A target is owed in a period only where its own period (a target's
``period:``, else the plan's) reaches it (``Plan.nil_day``): a target that ends on
15/05/2017 is owed for Q1 and Q2 and never after. For a place and a period, over the
targets it owes there (or the one target asked about):

- *missing*: it sent nothing, and the period's due day has passed;
- *not due*: it sent nothing, and the due day has not passed yet;
- *partly reported*: it sent something, but not for every target it owes;
- *nil report*: it covered every target, only with nil reports ("nothing this period");
- *on time* / *late*: it covered every target, and the last of them was first covered by
  the due day (Hanoi time) / after it.

A place has *reported* a period when it sent anything (an entry or a nil report), is
*complete* when it covered every target it owes, and *missing* when it sent nothing.

A place that owes nothing in a period (every target it reports has ended, or not yet
begun) is not owed there: its cell has no owed targets (``Cell.is_owed`` is False) and
counts nowhere, neither in the period's owed, reported and missing nor in the place's
rates. Its state is *not due* (the grey «chưa đến hạn»: nothing is expected of it), never
*missing*: there is no state of its own for it, as the page draws every state there is.

On time means the whole report was in by the due day: a place is complete *on time* when
every target it owes had something (an entry or a nil report) entered by the due day,
counted from its live entries, and *late* when it completed after it. So a district whose
first entry came on time but whose last owed target came after the due day is late: the
committee did not have its whole report at the deadline (DHIS2 counts a report on time
the same way, by when it was completed). A place still missing targets is partly
reported, neither on time nor late, and a nil report is on time or late by the same rule
(its cell shows "nil report"). Hence per period: complete = on time + late, and
owed = complete + partly reported + missing. The day of an entry is the day it was
entered (``entered_at``, the server's clock at the write); an edit keeps it.

Rates: per period, reported / owed and on time / owed; per place, over the periods whose
due day has passed and in which it owes something, the same. Places are listed worst
first: lowest reporting rate, then lowest on-time rate, then fewest complete periods,
then the worst cells.

Plain Python: the receipts come from the ledger's one GROUP BY (``Ledger.receipts``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tracker.domain.districts import district_names
from tracker.domain.periods import ALL_DISTRICTS, CITY, Reporter, ReportingPeriod
from tracker.domain.plan import Plan, Target
from tracker.i18n import HANOI_TIME


class CellState(StrEnum):
    on_time = "on_time"
    late = "late"
    nil = "nil"
    partial = "partial"
    missing = "missing"
    not_due = "not_due"


# Worst first: how a place's cells rank it among places with the same rates. A partly
# reported place still owes targets, which is worse than having sent them all late; before
# the due day it ranks as not due (_rank).
SEVERITY = {
    CellState.missing: 0,
    CellState.partial: 1,
    CellState.late: 2,
    CellState.not_due: 3,
    CellState.nil: 4,
    CellState.on_time: 5,
}


@dataclass(frozen=True)
class Receipt:
    """What one place sent for one target in one period (the ledger's receipts): how many
    live entries (nil reports among them), when the first and the last were entered."""

    target_id: str
    district: str | None
    period: str
    entries: int
    nil: int
    first_at: dt.datetime
    last_at: dt.datetime


@dataclass(frozen=True)
class Cell:
    """One place in one period."""

    place: str  # a district, or CITY
    period: ReportingPeriod
    state: CellState
    owed: tuple[str, ...]  # the target ids it owes here
    covered: tuple[str, ...]  # those it sent something for
    entries: int  # live entries, nil reports included
    nil: int  # of which nil reports
    first_at: dt.datetime | None
    last_at: dt.datetime | None
    status: str = "open"  # the period's status for this place (tracker.storage.periods)
    # When it became complete: the moment the last owed target was first covered (None
    # while it is not complete)
    completed_at: dt.datetime | None = None

    @property
    def is_owed(self) -> bool:
        """Whether the place owes anything here; a cell that is not counts nowhere."""
        return bool(self.owed)

    @property
    def reported(self) -> bool:
        return bool(self.covered)

    @property
    def complete(self) -> bool:
        return bool(self.owed) and len(self.covered) == len(self.owed)

    @property
    def on_time(self) -> bool:
        """Complete, every owed target covered by the due day (nil reports too)."""
        return self.completed_at is not None and _entered_by_due(self.completed_at, self.period.due)

    @property
    def late(self) -> bool:
        """Complete, but only after the due day."""
        return self.completed_at is not None and not self.on_time

    @property
    def missing_targets(self) -> tuple[str, ...]:
        return tuple(target for target in self.owed if target not in self.covered)


@dataclass(frozen=True)
class PeriodSummary:
    period: ReportingPeriod
    owed: int  # places that owe something
    reported: int  # sent anything
    complete: int  # covered every target they owe: on_time + late
    on_time: int  # complete by the due day
    late: int  # complete after the due day
    nil: int  # complete with nil reports only (on time or late)
    missing: tuple[str, ...]  # places that sent nothing
    targets: tuple[dict[str, Any], ...]  # per target: owed, reported, missing places
    is_due: bool

    @property
    def rate(self) -> float | None:
        return self.reported / self.owed if self.owed else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.owed if self.owed else None


@dataclass(frozen=True)
class PlaceSummary:
    """A place over the periods whose due day has passed and in which it owes something."""

    place: str
    due_periods: int
    reported: int
    on_time: int
    complete: int = 0
    late: int = 0

    @property
    def rate(self) -> float | None:
        return self.reported / self.due_periods if self.due_periods else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due_periods if self.due_periods else None

    @property
    def complete_rate(self) -> float | None:
        return self.complete / self.due_periods if self.due_periods else None


@dataclass(frozen=True)
class Completeness:
    plan_id: str
    today: dt.date
    target_id: str | None  # None: every target
    periods: tuple[ReportingPeriod, ...]
    places: tuple[str, ...]  # worst first
    cells: Mapping[tuple[str, str], Cell]  # (place, period name) → cell
    by_period: tuple[PeriodSummary, ...]
    by_place: Mapping[str, PlaceSummary] = field(default_factory=dict)

    def cell(self, place: str, period: str) -> Cell:
        return self.cells[(place, period)]

    def latest_due(self) -> PeriodSummary | None:
        """The last period whose due day has passed and in which anything is owed (after
        a target's own period ends, a period may owe nothing)."""
        due = [summary for summary in self.by_period if summary.is_due and summary.owed]
        return due[-1] if due else None

    def summary_of(self, period: str) -> PeriodSummary | None:
        return next((s for s in self.by_period if s.period.name == period), None)


def places_owing(targets: Sequence[Target]) -> tuple[str, ...]:
    """The 30 districts if any target is reported by districts, then the city if any is
    reported by the city: in the list's order."""
    places: list[str] = []
    if any(target.owed_by == Reporter.districts for target in targets):
        places.extend(district_names())
    if any(target.owed_by == Reporter.city for target in targets):
        places.append(CITY)
    return tuple(places)


def _owed_in(plan: Plan, reporter: Reporter, targets: Sequence[Target], period: ReportingPeriod) -> tuple[str, ...]:
    """The targets ``reporter`` owes in ``period``: those it reports whose own period reaches it."""
    return tuple(
        target.id for target in targets if target.owed_by == reporter and plan.nil_day(target, period) is not None
    )


def _entered_by_due(moment: dt.datetime, due: dt.date) -> bool:
    return moment.astimezone(HANOI_TIME).date() <= due


def completeness(
    plan: Plan,
    receipts: Iterable[Receipt],
    today: dt.date,
    target_id: str | None = None,
    statuses: Mapping[tuple[str, str], str] | None = None,
    periods: Sequence[ReportingPeriod] | None = None,
) -> Completeness:
    """The matrix of ``plan``'s places × periods. ``statuses``: (place, period name) →
    status, with the place ALL_DISTRICTS for a whole period's lock."""
    targets = [target for target in plan.targets if target_id is None or target.id == target_id]
    periods = tuple(periods if periods is not None else plan.reporting_periods())
    places = places_owing(targets)
    wanted_targets = {target.id for target in targets}
    statuses = statuses or {}

    # (place, period) → target → [entries, nil, first, last]
    sent: dict[tuple[str, str], dict[str, list[Any]]] = {}
    for receipt in receipts:
        if receipt.target_id not in wanted_targets:
            continue
        place = CITY if receipt.district is None else receipt.district
        slot = sent.setdefault((place, receipt.period), {})
        known = slot.get(receipt.target_id)
        if known is None:
            slot[receipt.target_id] = [receipt.entries, receipt.nil, receipt.first_at, receipt.last_at]
        else:
            known[0] += receipt.entries
            known[1] += receipt.nil
            known[2] = min(known[2], receipt.first_at)
            known[3] = max(known[3], receipt.last_at)

    cells: dict[tuple[str, str], Cell] = {}
    owed_in = {
        (reporter, period.name): _owed_in(plan, reporter, targets, period)
        for reporter in Reporter
        for period in periods
    }
    for place in places:
        reporter = Reporter.city if place == CITY else Reporter.districts
        for period in periods:
            owed = owed_in[(reporter, period.name)]
            got = {target: sent_ for target, sent_ in sent.get((place, period.name), {}).items() if target in owed}
            cells[(place, period.name)] = _cell(place, period, owed, got, today, statuses)

    by_period = tuple(_period_summary(period, places, cells, targets, today) for period in periods)
    by_place = {place: _place_summary(place, periods, cells, today) for place in places}

    def worst(place: str) -> tuple[Any, ...]:
        summary = by_place[place]
        unrated = 2.0  # no period due yet: after every rated place
        return (
            unrated if summary.rate is None else summary.rate,
            unrated if summary.on_time_rate is None else summary.on_time_rate,
            unrated if summary.complete_rate is None else summary.complete_rate,
            sorted(_rank(cells[(place, period.name)], today) for period in periods),
            places.index(place),
        )

    return Completeness(
        plan.id, today, target_id, periods, tuple(sorted(places, key=worst)), cells, by_period, by_place
    )


def _cell(
    place: str,
    period: ReportingPeriod,
    owed: tuple[str, ...],
    got: dict[str, list[Any]],
    today: dt.date,
    statuses: Mapping[tuple[str, str], str],
) -> Cell:
    covered = tuple(target for target in owed if target in got)
    entries = sum(values[0] for values in got.values())
    nil = sum(values[1] for values in got.values())
    first_at = min((values[2] for values in got.values()), default=None)
    last_at = max((values[3] for values in got.values()), default=None)
    # complete once the last owed target got its first entry
    completed_at = max(got[target][2] for target in owed) if covered and len(covered) == len(owed) else None
    if not owed:
        state = CellState.not_due  # nothing is owed here: never missing (see the module's doc)
    elif not covered:
        state = CellState.missing if period.is_due(today) else CellState.not_due
    elif completed_at is None:
        state = CellState.partial
    elif nil == entries:
        state = CellState.nil
    else:
        state = CellState.on_time if _entered_by_due(completed_at, period.due) else CellState.late
    status = statuses.get((ALL_DISTRICTS, period.name))
    if status != "locked":
        status = statuses.get((place, period.name), "open")
    return Cell(place, period, state, owed, covered, entries, nil, first_at, last_at, status, completed_at)


def _rank(cell: Cell, today: dt.date) -> int:
    """A cell's place in SEVERITY; a part sent before the due day is not yet behind."""
    if cell.state == CellState.partial and not cell.period.is_due(today):
        return SEVERITY[CellState.not_due]
    return SEVERITY[cell.state]


def _period_summary(
    period: ReportingPeriod,
    places: Sequence[str],
    cells: Mapping[tuple[str, str], Cell],
    targets: Sequence[Target],
    today: dt.date,
) -> PeriodSummary:
    row = [cells[(place, period.name)] for place in places]
    owing = [cell for cell in row if cell.owed]
    per_target = []
    for target in targets:
        owing_target = [cell for cell in owing if target.id in cell.owed]
        per_target.append(
            {
                "target": target.id,
                "owed": len(owing_target),
                "reported": sum(1 for cell in owing_target if target.id in cell.covered),
                "missing": [cell.place for cell in owing_target if target.id not in cell.covered],
            }
        )
    return PeriodSummary(
        period=period,
        owed=len(owing),
        reported=sum(1 for cell in owing if cell.reported),
        complete=sum(1 for cell in owing if cell.complete),
        on_time=sum(1 for cell in owing if cell.on_time),
        late=sum(1 for cell in owing if cell.late),
        nil=sum(1 for cell in owing if cell.state == CellState.nil),
        missing=tuple(cell.place for cell in owing if not cell.reported),
        targets=tuple(per_target),
        is_due=period.is_due(today),
    )


def _place_summary(
    place: str, periods: Sequence[ReportingPeriod], cells: Mapping[tuple[str, str], Cell], today: dt.date
) -> PlaceSummary:
    due = [cells[(place, period.name)] for period in periods if period.is_due(today)]
    due = [cell for cell in due if cell.is_owed]  # a period it owes nothing in is no period of its
    return PlaceSummary(
        place,
        len(due),
        sum(1 for cell in due if cell.reported),
        sum(1 for cell in due if cell.on_time),
        sum(1 for cell in due if cell.complete),
        sum(1 for cell in due if cell.late),
    )


def as_json(result: Completeness) -> dict[str, Any]:
    """The shape ``python -m tracker completeness --json`` prints, exactly as issue 19
    names it; the city is "(city)"."""
    return {
        "plan": result.plan_id,
        "periods": [
            {
                "period": summary.period.name,
                "start": summary.period.start.isoformat(),
                "end": summary.period.end.isoformat(),
                "due": summary.period.due.isoformat(),
                "owed": summary.owed,
                "reported": summary.reported,
                "complete": summary.complete,
                "on_time": summary.on_time,
                "late": summary.late,
                "nil": summary.nil,
                "missing": list(summary.missing),
                "targets": list(summary.targets),
            }
            for summary in result.by_period
        ],
    }
