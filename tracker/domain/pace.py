"""A target over time: cumulative achieved against the planned pace, per-period figures,
and the projection to the period's end. Pure functions on plain data.

The daily figures come from the ledger (one GROUP BY per target); everything else is
computed here so that it can be tested without a database.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from tracker.domain.plan import Aggregation, Period, StatusThresholds, Target
from tracker.domain.progress import Progress, assess, expected_at, pace_goal_of, planned_curve

Point = tuple[dt.date, float]


class Step(StrEnum):
    month = "month"
    quarter = "quarter"


@dataclass(frozen=True)
class PaceSeries:
    """What the pace chart draws for one target at one as-of date."""

    target_id: str
    period: Period
    as_of: dt.date
    daily: tuple[tuple[dt.date, Decimal], ...]  # as the ledger gives them: day totals, or levels
    actual: tuple[Point, ...]  # achieved by the end of each day that changed it, from zero on the eve
    planned: tuple[Point, ...]  # the pace needed: the plan's turning points
    progress: Progress

    @property
    def projection(self) -> tuple[Point, ...]:
        """From today's figure to the projected one at the period's end; empty once the
        period is over or before anything can be projected."""
        projected = self.progress.projected
        if projected is None or self.as_of >= self.period.end:
            return ()
        start = max(self.as_of, self.period.start)
        return ((start, self.progress.achieved), (self.period.end, projected))

    @property
    def is_final(self) -> bool:
        """The period has ended: the figure is what was reached, not a forecast."""
        return self.as_of >= self.period.end


# A month of the pace still needed: a twelfth of a year, so that a year left is 12 months.
AVERAGE_MONTH_DAYS = Fraction(365, 12)
# Below one a month, a count is said as a few every few months ("2 every 3 months") when
# that is at most this much above the true pace; otherwise per month with one decimal.
FEW = (1, 2, 3)
FEW_MONTHS_ALLOWANCE = Fraction(6, 5)


@dataclass(frozen=True)
class NeededRate:
    """The pace still needed, as a person says it: ``amount`` every ``months`` months
    (mostly every month). Always rounded up, never down: a pace said lower than the
    true one would hide part of the gap."""

    amount: Decimal
    months: int


def _exact(value: float | int | Decimal) -> Fraction:
    """A figure as the person typed it: 0.1 is a tenth, not the float nearest to it."""
    return Fraction(Decimal(str(value)) if isinstance(value, float) else value)


def _rounded_up(value: Fraction, decimals: int) -> Decimal:
    scale = 10**decimals
    return Decimal(math.ceil(value * scale)) / scale


def needed_rate(remaining: float | int | Decimal, days_left: int, whole_units: bool) -> NeededRate:
    """``remaining`` more in ``days_left`` days, as a pace a month, rounded up: a whole
    number from 10 a month; one decimal from 1 to 10 (1,49 is 1,5, never 1); below 1 a
    month, a count (``whole_units``) is said as 1, 2 or 3 every few months when that is
    within a fifth above the true pace (0,5 is «1 every 2 months»), else with one
    decimal; an amount below 1 keeps two significant digits (0,149 is 0,15)."""
    if days_left <= 0:
        raise ValueError(f"no days left: {days_left}")
    per_month = _exact(remaining) * AVERAGE_MONTH_DAYS / days_left
    if per_month <= 0:
        return NeededRate(Decimal(0), 1)
    if per_month >= 10:
        return NeededRate(_rounded_up(per_month, 0), 1)
    if per_month >= 1:
        return NeededRate(_rounded_up(per_month, 1), 1)
    if whole_units:
        for few in FEW:
            months = math.floor(few / per_month)  # the most months that still keep the pace
            if Fraction(few, months) <= per_month * FEW_MONTHS_ALLOWANCE:
                return NeededRate(Decimal(few), months)
        return NeededRate(_rounded_up(per_month, 1), 1)
    decimals = 1
    while per_month * 10**decimals < 10:  # two significant digits
        decimals += 1
    return NeededRate(_rounded_up(per_month, decimals), 1)


def cumulative(daily: Sequence[tuple[dt.date, Decimal]], aggregation: Aggregation, period: Period) -> list[Point]:
    """Achieved by the end of each listed day. Summed entries add up from zero on the
    eve of the period; a level figure's daily values already are its level, and its line
    starts at its first report (before that there is no level to draw)."""
    sums = aggregation == Aggregation.sum
    points: list[Point] = [(period.start - dt.timedelta(days=1), 0.0)] if sums or not daily else []
    running = Decimal(0)
    for day, value in daily:
        running = running + value if aggregation == Aggregation.sum else value
        points.append((day, float(running)))
    return points


def pace_series(
    target: Target,
    period: Period,
    thresholds: StatusThresholds,
    daily: Sequence[tuple[dt.date, Decimal]],
    as_of: dt.date,
) -> PaceSeries:
    """The pace chart's data from the ledger's daily figures up to ``as_of``; the
    achieved figure is the line's last point, so the chart and the status agree."""
    actual = cumulative(daily, target.aggregation, period)
    line_end = min(as_of, period.end)
    if actual[-1][0] < line_end:
        actual.append((line_end, actual[-1][1]))  # flat until the as-of date: nothing more was recorded
    return PaceSeries(
        target_id=target.id,
        period=period,
        as_of=as_of,
        daily=tuple(daily),
        actual=tuple(actual),
        planned=tuple(planned_curve(period, pace_goal_of(target), target.milestones)),
        progress=assess(target, period, thresholds, actual[-1][1], as_of),
    )


@dataclass(frozen=True)
class PeriodFigure:
    """One month or quarter of the plan's period."""

    start: dt.date
    end: dt.date
    step: Step
    achieved: float | None  # recorded in it (a level figure: its level at the end); None if not yet begun
    cumulative: float | None  # achieved by its end (or by the as-of date, if it is running)
    planned: float  # the pace needed within it
    planned_cumulative: float  # the pace needed by its end
    is_running: bool  # the as-of date falls inside it: its figures are so far
    as_of: dt.date

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def number(self) -> int:
        """The month (1–12) or the quarter (1–4)."""
        return self.start.month if self.step == Step.month else (self.start.month - 1) // 3 + 1


def _step_bounds(day: dt.date, step: Step) -> tuple[dt.date, dt.date]:
    """The month or quarter holding ``day``: its first and last day."""
    first_month = day.month if step == Step.month else (day.month - 1) // 3 * 3 + 1
    start = dt.date(day.year, first_month, 1)
    months = 1 if step == Step.month else 3
    following = dt.date(start.year + (first_month + months - 1) // 12, (first_month + months - 1) % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def steps_of(period: Period, step: Step) -> list[tuple[dt.date, dt.date]]:
    """The months or quarters a period covers, clipped to the period."""
    bounds = []
    day = period.start
    while day <= period.end:
        start, end = _step_bounds(day, step)
        bounds.append((max(start, period.start), min(end, period.end)))
        day = end + dt.timedelta(days=1)
    return bounds


def per_period(target: Target, series: PaceSeries, step: Step) -> list[PeriodFigure]:
    """Achieved and planned per month or quarter. Months after the as-of date have no
    achieved figure (they have not happened yet), but keep their planned one."""
    period, as_of = series.period, series.as_of
    goal = pace_goal_of(target)
    sums = target.aggregation == Aggregation.sum
    figures: list[PeriodFigure] = []
    running = Decimal(0)
    level: Decimal | None = None
    remaining = [(day, value) for day, value in series.daily if day <= as_of]
    for start, end in steps_of(period, step):
        inside = [value for day, value in remaining if start <= day <= end]
        remaining = [(day, value) for day, value in remaining if day > end]
        began = start <= as_of
        if sums:
            running += sum(inside, Decimal(0))
            achieved = float(sum(inside, Decimal(0))) if began else None
            cumulative_value = float(running) if began else None
        else:
            level = inside[-1] if inside else level
            achieved = cumulative_value = float(level) if began and level is not None else None
        planned_before = expected_at(period, goal, start - dt.timedelta(days=1), target.milestones)
        # a period under way is measured up to the as-of date, like everything in its row
        planned_by_end = expected_at(period, goal, min(end, as_of) if start <= as_of else end, target.milestones)
        figures.append(
            PeriodFigure(
                start=start,
                end=end,
                step=step,
                achieved=achieved,
                cumulative=cumulative_value,
                planned=planned_by_end - planned_before,
                planned_cumulative=planned_by_end,
                is_running=start <= as_of < end,
                as_of=as_of,
            )
        )
    return figures
