"""This year against last year: the chains of linked targets (tracker.domain.plan.PlanSet),
each year's goal and achieved figure, and where each year stood on the same day of its
year, so that "where were we at the end of June last year" is answered like with like.

Plain Python over the ledger, as the rest of the service: no streamlit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from tracker.domain.clock import hanoi_today
from tracker.domain.pace import Point
from tracker.domain.plan import Chain, Link, Plan, PlanSet, Target
from tracker.domain.progress import Progress, Status, default_as_of
from tracker.i18n import Lang
from tracker.service import build_overview, pace_of
from tracker.storage.ledger import Ledger

_MONTH_DAY = re.compile(r"^([0-9]{2})-([0-9]{2})$")  # 0-9 only: \d and int() read "٠٦-٣٠" too


@dataclass(frozen=True, order=True)
class MonthDay:
    """A day of the year (month, day): the same moment of every plan's year."""

    month: int
    day: int

    @classmethod
    def parse(cls, text: str) -> MonthDay:
        """``MM-DD`` (``06-30``); ValueError for anything else or a day no year has."""
        found = _MONTH_DAY.match(text.strip())
        if found is None:
            raise ValueError(text)
        month, day = int(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000: 29/02 exists
            raise ValueError(text)
        return cls(month, day)

    @classmethod
    def of(cls, day: dt.date) -> MonthDay:
        return cls(day.month, day.day)

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> dt.date:
        """This day in ``year``; 29/02 is 28/02 in a year without it."""
        return dt.date(year, self.month, min(self.day, calendar.monthrange(year, self.month)[1]))

    def in_plan(self, plan: Plan, target: Target) -> dt.date:
        """This day in the target's year, up to its period's end. A day before the
        period starts is its eve, when nothing is counted yet (a target may start late)."""
        period = plan.period_of(target)
        return min(max(self.in_year(period.start.year), period.start - dt.timedelta(days=1)), period.end)


def default_day(plans: PlanSet, today: dt.date | None = None) -> MonthDay:
    """Today's day and month while a plan is running; once every plan has ended, the
    latest plan's last day (the year's end): a finished year is compared whole."""
    today = today or hanoi_today()
    if any(plan.period.contains(today) for plan in plans):
        return MonthDay.of(today)
    return MonthDay.of(plans.plans[-1].period.end)


@dataclass(frozen=True)
class YearFigures:
    """One year of a chain: the plan's goal, the figure now (or final), and the figure
    on the compared day of that year."""

    plan: Plan
    target: Target
    link: Link | None  # from the year before; None for the chain's first year
    progress: Progress  # at today, or at the plan's end once it is over
    at_day: Progress  # at the compared day of the plan's year
    curve: tuple[Point, ...]  # achieved by the end of each day, up to ``progress.as_of``

    @property
    def status_at_day(self) -> Status:
        """Where the year stood on the compared day: the overview's pace rule at that day
        of the year, to be read beside the figures by then (``progress.status`` is the
        whole year's, or today's while the plan runs)."""
        return self.at_day.status

    @property
    def measure_changed(self) -> bool:
        return self.link is not None and self.link.change_note is not None


@dataclass(frozen=True)
class Comparison:
    chain: Chain
    years: tuple[YearFigures, ...]  # oldest first


def compare_years(
    plans: PlanSet, ledger: Ledger, day: MonthDay | None = None, today: dt.date | None = None
) -> tuple[MonthDay, list[Comparison]]:
    """Every chain of linked targets, each year's figures read from that year's plan
    (never another's, whatever ids they share)."""
    today = today or hanoi_today()
    day = day or default_day(plans, today)
    overviews: dict[tuple[str, dt.date], Any] = {}

    def progress(plan: Plan, target: Target, as_of: dt.date) -> Progress:
        key = (plan.id, as_of)
        if key not in overviews:
            overviews[key] = build_overview(plan, ledger, as_of)
        return overviews[key].progress_of(target.id)

    comparisons = []
    for chain in plans.chains():
        years = []
        for year in chain.years:
            now = default_as_of(year.plan.period_of(year.target), today)
            curve = pace_of(year.plan, ledger, year.target, now).actual
            years.append(
                YearFigures(
                    year.plan,
                    year.target,
                    year.link,
                    progress(year.plan, year.target, now),
                    progress(year.plan, year.target, day.in_plan(year.plan, year.target)),
                    curve,
                )
            )
        comparisons.append(Comparison(chain, tuple(years)))
    return day, comparisons


@dataclass(frozen=True)
class LastYear:
    """A target's predecessor, where it stood on the same day of its own year."""

    link: Link
    day: dt.date
    progress: Progress  # on the same day of its year
    final: Progress  # at its end (or today, while it runs)


def last_year(
    plans: PlanSet, ledger: Ledger, plan: Plan, target: Target, as_of: dt.date, today: dt.date | None = None
) -> LastYear | None:
    """The target this one continues, at the same day of its year; None if none."""
    link = plans.predecessor(plan, target)
    if link is None:
        return None
    then = MonthDay.of(as_of).in_plan(link.earlier_plan, link.earlier)
    end = default_as_of(link.earlier_plan.period_of(link.earlier), today or hanoi_today())
    at_day = build_overview(link.earlier_plan, ledger, then).progress_of(link.earlier.id)
    final = build_overview(link.earlier_plan, ledger, end).progress_of(link.earlier.id)
    return LastYear(link, then, at_day, final)


def comparison_as_json(day: MonthDay, comparisons: list[Comparison], lang: Lang) -> dict[str, Any]:
    """The shape `python -m tracker compare --json` prints; years oldest first."""
    return {
        "as_of_day": str(day),
        "series": [
            {
                "id": comparison.chain.id,
                "title": comparison.chain.latest.target.title.in_(lang),
                "years": [
                    {
                        "plan": year.plan.id,
                        "target": year.target.id,
                        "goal_min": year.progress.goal_min,
                        "goal_max": year.progress.goal_max,
                        "achieved": year.progress.achieved,
                        "achieved_at_day": year.at_day.achieved,
                        "status_at_day": year.status_at_day.value,
                        "status": year.progress.status.value,
                        "measure_changed": year.measure_changed,
                        "change_note": None
                        if year.link is None or year.link.change_note is None
                        else year.link.change_note.in_(lang),
                    }
                    for year in comparison.years
                ],
            }
            for comparison in comparisons
        ],
    }
