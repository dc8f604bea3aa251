"""District reports as files: the periods a report row names, and the template's shape.

A district reports a month, a quarter or a year. A row of the template names its period
by a label ("2017-03", "2017-Q1", "2017"); the figure is recorded on the period's last
day (clipped to the target's own period), so that the same row imported twice lands on
the same day and is recognised as the same figure. Plain Python.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from tracker.domain.plan import Period


class PeriodKind(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


@dataclass(frozen=True, order=True)
class ReportPeriod:
    """A month, a quarter or a year of the calendar."""

    year: int
    kind: PeriodKind
    number: int = 1  # the month 1-12, the quarter 1-4; 1 for a year

    @property
    def first_day(self) -> dt.date:
        if self.kind == PeriodKind.month:
            return dt.date(self.year, self.number, 1)
        if self.kind == PeriodKind.quarter:
            return dt.date(self.year, 3 * self.number - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        last_month = {PeriodKind.month: self.number, PeriodKind.quarter: 3 * self.number, PeriodKind.year: 12}[
            self.kind
        ]
        return dt.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def label(self) -> str:
        """The label the template writes and the import reads back: 2017-03, 2017-Q1, 2017."""
        if self.kind == PeriodKind.month:
            return f"{self.year}-{self.number:02d}"
        if self.kind == PeriodKind.quarter:
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    def report_day(self, period: Period) -> dt.date | None:
        """The day a figure for this period is recorded on: its last day, or the target's
        last day when the target ends inside it; None when the target's period and this one
        do not meet."""
        if self.last_day < period.start or self.first_day > period.end:
            return None
        return min(self.last_day, period.end)

    def months(self) -> list[ReportPeriod]:
        """The months this period holds."""
        first = self.first_day.month
        count = {PeriodKind.month: 1, PeriodKind.quarter: 3, PeriodKind.year: 12}[self.kind]
        return [ReportPeriod(self.year, PeriodKind.month, month) for month in range(first, first + count)]


# What people write for a period: the template's own labels, and the ways Vietnamese
# offices write them ("T3/2017", "Tháng 3/2017", "Quý I/2017", "Q1/2017", "Năm 2017").
# Only the digits 0-9 make a year or a month, as for quantities: "٢٠١٧-03" or "２０１７-０３"
# are digits to Python's \d and int(), not what anyone types for a period here.
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTH_WORD = r"(?:t|th|tháng|thang|month)\.?\s*"
_QUARTER_WORD = r"(?:q|quý|quy|quarter)\.?\s*"
_PATTERNS: tuple[tuple[re.Pattern[str], PeriodKind], ...] = (
    (re.compile(r"^(?P<year>[0-9]{4})-(?P<number>[0-9]{1,2})$"), PeriodKind.month),
    (re.compile(r"^(?P<year>[0-9]{4})-?q(?P<number>[1-4])$"), PeriodKind.quarter),
    (re.compile(r"^(?:nam|năm|year)?\s*(?P<year>[0-9]{4})$"), PeriodKind.year),
    (re.compile(r"^" + _MONTH_WORD + r"(?P<number>[0-9]{1,2})\s*[/-]\s*(?P<year>[0-9]{4})$"), PeriodKind.month),
    (re.compile(r"^(?P<number>[0-9]{1,2})/(?P<year>[0-9]{4})$"), PeriodKind.month),
    (
        re.compile(r"^" + _QUARTER_WORD + r"(?P<number>[1-4]|i{1,3}|iv)\s*[/-]\s*(?P<year>[0-9]{4})$"),
        PeriodKind.quarter,
    ),
)


def parse_report_period(text: str) -> ReportPeriod:
    """The period a label names; ValueError when it names none."""
    folded = " ".join(text.strip().casefold().split())
    for pattern, kind in _PATTERNS:
        found = pattern.match(folded)
        if found is None:
            continue
        year = int(found["year"])
        if not 1900 <= year <= 2999:
            raise ValueError(text)
        if kind == PeriodKind.year:
            return ReportPeriod(year, kind)
        raw = found["number"]
        number = _ROMAN[raw] if raw in _ROMAN else int(raw)
        if kind == PeriodKind.month and not 1 <= number <= 12:
            raise ValueError(text)
        return ReportPeriod(year, kind, number)
    raise ValueError(text)


def periods_of(period: Period, kind: PeriodKind = PeriodKind.month) -> list[ReportPeriod]:
    """The months (quarters, years) that meet a plan's or a target's period, in order."""
    found: list[ReportPeriod] = []
    year, month = period.start.year, period.start.month
    while dt.date(year, month, 1) <= period.end:
        if kind == PeriodKind.month:
            candidate = ReportPeriod(year, kind, month)
        elif kind == PeriodKind.quarter:
            candidate = ReportPeriod(year, kind, (month - 1) // 3 + 1)
        else:
            candidate = ReportPeriod(year, kind)
        if not found or found[-1] != candidate:
            found.append(candidate)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


@dataclass(frozen=True)
class Uncomputed:
    """A formula cell Excel never computed (the file was made by a program, not saved by
    Excel): its value is unknown, which is not the same as empty."""

    formula: str


# The template's shape, shared by the writer (present.template) and the reader
# (service.imports): the sheet names and the columns, in order.
DATA_SHEET = "Số liệu"
INSTRUCTIONS_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh sách"  # hidden: the drop-down lists' values


class Field(StrEnum):
    """What a column of a report holds."""

    district = "district"
    target = "target"
    unit = "unit"
    period = "period"
    date = "date"
    quantity = "quantity"
    village = "village"
    note = "note"
    target_id = "target_id"  # hidden in the template: read back to know the target for sure
    plan_id = "plan_id"  # hidden in the template: a file of another plan is refused


# The template's columns, in order; the last two are hidden.
TEMPLATE_FIELDS: tuple[Field, ...] = (
    Field.district,
    Field.target,
    Field.unit,
    Field.period,
    Field.quantity,
    Field.village,
    Field.note,
    Field.target_id,
    Field.plan_id,
)
