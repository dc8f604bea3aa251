"""Progress math: expected pace, percent of goal, status and projection. Pure functions.

Expected-to-date is the goal (the minimum of a range, the nominal value of an
approximate goal) times the elapsed share of the period, or the milestone curve where
the plan gives one. Status compares achieved with expected, as Open SDG and DHIS2 do
with their pace checks; the thresholds come from the plan file.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tracker.domain.plan import Aggregation, Milestone, Period, StatusThresholds, Target, goal_bounds, goal_met_at


class Status(StrEnum):
    achieved = "achieved"
    on_track = "on_track"
    needs_acceleration = "needs_acceleration"
    off_track = "off_track"
    not_started = "not_started"
    missed = "missed"


# A forecast needs some of the period behind it: a report on 2 January times 365 is noise.
MIN_SHARE_TO_PROJECT = 1 / 12

# Worst first: the order in which the committee wants to read them.
SEVERITY: tuple[Status, ...] = (
    Status.missed,
    Status.off_track,
    Status.needs_acceleration,
    Status.not_started,
    Status.on_track,
    Status.achieved,
)


@dataclass(frozen=True)
class Progress:
    """Where one target stands at one date."""

    target_id: str
    as_of: dt.date
    goal_min: float
    goal_max: float
    achieved: float
    expected: float
    percent_of_min: float  # achieved / goal_min, as a share (1.0 = 100 %)
    percent_of_max: float
    status: Status
    projected: float | None  # at period end, by the pace so far; None before any time has passed


def default_as_of(period: Period, today: dt.date) -> dt.date:
    """Today, or the period's last day once the period has passed."""
    return min(today, period.end)


def elapsed_share(period: Period, as_of: dt.date) -> float:
    """Share of the period that has passed by the end of ``as_of`` (0 before, 1 after)."""
    total_days = (period.end - period.start).days + 1
    done_days = (as_of - period.start).days + 1
    return min(max(done_days / total_days, 0.0), 1.0)


def planned_curve(period: Period, goal: float, milestones: Sequence[Milestone] = ()) -> list[tuple[dt.date, float]]:
    """Cumulative planned value at its turning points: zero on the eve of the period,
    then each milestone, then the goal at the period's end."""
    points = [(period.start - dt.timedelta(days=1), 0.0)]
    points += [(m.date, float(m.value)) for m in milestones]
    if points[-1][0] < period.end:
        points.append((period.end, goal))
    return points


def expected_at(period: Period, goal: float, as_of: dt.date, milestones: Sequence[Milestone] = ()) -> float:
    """Planned cumulative value at the end of ``as_of``: linear pace, or the milestone curve."""
    if not milestones:
        return goal * elapsed_share(period, as_of)
    points = planned_curve(period, goal, milestones)
    if as_of <= points[0][0]:
        return 0.0
    for (day_a, value_a), (day_b, value_b) in itertools.pairwise(points):
        if as_of <= day_b:
            share = (as_of - day_a).days / (day_b - day_a).days
            return value_a + (value_b - value_a) * share
    return points[-1][1]


def project(
    period: Period, goal: float, achieved: float, as_of: dt.date, milestones: Sequence[Milestone] = ()
) -> float | None:
    """Achieved at period end if the pace so far continues along the planned curve's shape."""
    if as_of >= period.end:
        return achieved
    share = elapsed_share(period, as_of)
    if share < MIN_SHARE_TO_PROJECT or achieved <= 0:
        return None  # one early report, or nothing at all, is not a pace to continue
    planned_share = expected_at(period, goal, as_of, milestones) / goal if goal > 0 else 0.0
    if planned_share <= 0:
        planned_share = share  # the milestone curve has not started yet: fall back to time
    return achieved / planned_share


def classify(
    period: Period,
    thresholds: StatusThresholds,
    met_at: float,
    achieved: float,
    expected: float,
    as_of: dt.date,
    pace_goal: float | None = None,
) -> Status:
    """Nothing recorded is 'not started' only while the plan still expects little
    (``not_started_grace`` of the goal); after that it is off track like any shortfall."""
    if as_of < period.start:
        return Status.not_started
    if achieved >= met_at:
        return Status.achieved
    if as_of >= period.end:
        return Status.missed
    grace = thresholds.not_started_grace * (met_at if pace_goal is None else pace_goal)
    if achieved <= 0 and expected < grace:
        return Status.not_started
    if expected <= 0:
        return Status.on_track  # ahead of a plan that expects nothing yet
    ratio = achieved / expected
    if ratio >= thresholds.on_track:
        return Status.on_track
    if ratio >= thresholds.needs_acceleration:
        return Status.needs_acceleration
    return Status.off_track


def pace_goal_of(target: Target) -> float:
    """The figure the pace is measured against: a range's minimum (it is met there),
    an approximate goal's nominal value, an exact goal's value."""
    if target.goal.shape == "approximate":
        return float(target.goal.value)
    return goal_bounds(target.goal)[0]


def assess(target: Target, period: Period, thresholds: StatusThresholds, achieved: float, as_of: dt.date) -> Progress:
    """Everything the overview says about one target at ``as_of``."""
    goal_min, goal_max = goal_bounds(target.goal)
    pace_goal = pace_goal_of(target)
    expected = expected_at(period, pace_goal, as_of, target.milestones)
    return Progress(
        target_id=target.id,
        as_of=as_of,
        goal_min=goal_min,
        goal_max=goal_max,
        achieved=achieved,
        expected=expected,
        percent_of_min=achieved / goal_min,
        percent_of_max=achieved / goal_max,
        status=classify(period, thresholds, goal_met_at(target.goal), achieved, expected, as_of, pace_goal),
        # a level does not accumulate: the latest level is the best guess for the end
        projected=achieved
        if target.aggregation == Aggregation.latest
        else project(period, pace_goal, achieved, as_of, target.milestones),
    )


def severity_key(progress: Progress) -> tuple[int, float]:
    """Sort key putting late targets first; within a status, the furthest behind first."""
    ratio = progress.achieved / progress.expected if progress.expected else 1.0
    return SEVERITY.index(progress.status), ratio


def worst_first(rows: Sequence[Progress]) -> list[Progress]:
    return sorted(rows, key=severity_key)
