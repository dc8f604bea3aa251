"""Reporting periods: what a plan's districts owe, for which stretch of days, and by when.

A plan reports monthly or quarterly (``Cadence``); each period is due ``due_days`` after
its last day. A period is named as the command line and the JSON write it, ``2017-Q2`` or
``2017-03``, and labelled for people as «Quý 2/2017» / "Q2 2017". Plain Python.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from tracker.i18n import Lang, t


class Cadence(StrEnum):
    monthly = "monthly"
    quarterly = "quarterly"


class Reporter(StrEnum):
    """Who owes a target's figures: every district, or the city as a whole."""

    districts = "districts"
    city = "city"


# The name a whole-city row is kept under in the period statuses, and ALL_DISTRICTS for a
# lock of a whole period; neither can be a district's name (tracker.domain.districts).
CITY = "(city)"
ALL_DISTRICTS = "*"

# ASCII digits only: a name is what the command line and the JSON write, not any digits.
_PERIOD_NAME = re.compile(r"(?P<year>[0-9]{4})-(?:Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2]))")


class PeriodNameError(ValueError):
    """A period's name that is neither 2017-Q2 nor 2017-03."""


@dataclass(frozen=True, order=True)
class ReportingPeriod:
    """One period: its first and last day and the last day a report counts as on time."""

    start: dt.date
    end: dt.date
    due: dt.date
    cadence: Cadence

    @property
    def name(self) -> str:
        if self.cadence == Cadence.quarterly:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    def label(self, lang: Lang = "vi") -> str:
        """«Quý 2/2017», "Q2 2017"; «Tháng 3/2017», "March 2017"."""
        if self.cadence == Cadence.quarterly:
            return t("periods.quarter", lang, quarter=(self.start.month - 1) // 3 + 1, year=self.start.year)
        return t("periods.month", lang, month=t(f"periods.month_name.{self.start.month}", lang), year=self.start.year)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def is_due(self, today: dt.date) -> bool:
        """Whether its due day has passed: a district that has sent nothing by now is late."""
        return today > self.due

    def has_ended(self, today: dt.date) -> bool:
        return today > self.end


def _first_month(month: int, cadence: Cadence) -> int:
    return month if cadence == Cadence.monthly else (month - 1) // 3 * 3 + 1


def _last_day(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def period_at(day: dt.date, cadence: Cadence, due_days: int) -> ReportingPeriod:
    """The period ``day`` falls in."""
    first = _first_month(day.month, cadence)
    last = first if cadence == Cadence.monthly else first + 2
    end = _last_day(day.year, last)
    return ReportingPeriod(dt.date(day.year, first, 1), end, end + dt.timedelta(days=due_days), cadence)


def periods_between(start: dt.date, end: dt.date, cadence: Cadence, due_days: int) -> list[ReportingPeriod]:
    """Every period that overlaps [start, end], in order."""
    periods: list[ReportingPeriod] = []
    day = start
    while day <= end:
        period = period_at(day, cadence, due_days)
        periods.append(period)
        day = period.end + dt.timedelta(days=1)
    return periods


def parse_period(name: str, due_days: int = 0) -> ReportingPeriod:
    """``2017-Q2`` or ``2017-03`` (PeriodNameError otherwise)."""
    match = _PERIOD_NAME.fullmatch(str(name).strip().upper())
    if match is None:
        raise PeriodNameError(name)
    year = int(match["year"])
    try:
        if match["quarter"]:
            return period_at(dt.date(year, (int(match["quarter"]) - 1) * 3 + 1, 1), Cadence.quarterly, due_days)
        return period_at(dt.date(year, int(match["month"]), 1), Cadence.monthly, due_days)
    except (ValueError, OverflowError):  # year 0, or a due day past 31/12/9999: no such period
        raise PeriodNameError(name) from None
