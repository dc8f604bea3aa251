"""Only the digits 0-9 make a number, a period or a day, as for quantities: Python's own
digits (\\d, int()) read Arabic-Indic, full-width or Bengali digits as well, which nobody
types for a period here and which can pose as other figures."""

from __future__ import annotations

import pytest

from tracker.domain.reports import PeriodKind, ReportPeriod, parse_report_period
from tracker.service.years import MonthDay

FOREIGN_PERIODS = ["٢٠١٧-03", "２０１７-０３", "2017-０３", "T٣/2017", "১২/2017"]
FOREIGN_PERIODS += ["Quý ١/2017", "Q1/٢٠١٧", "Năm ２０１７"]


@pytest.mark.parametrize("label", FOREIGN_PERIODS)
def test_a_period_written_with_other_digits_names_no_period(label: str) -> None:
    with pytest.raises(ValueError):
        parse_report_period(label)


@pytest.mark.parametrize(
    ("label", "period"),
    [
        ("2017-03", ReportPeriod(2017, PeriodKind.month, 3)),
        ("T3/2017", ReportPeriod(2017, PeriodKind.month, 3)),
        ("12/2017", ReportPeriod(2017, PeriodKind.month, 12)),
        ("Quý I/2017", ReportPeriod(2017, PeriodKind.quarter, 1)),
        ("Năm 2017", ReportPeriod(2017, PeriodKind.year)),
    ],
)
def test_the_same_periods_in_0_to_9_are_read(label: str, period: ReportPeriod) -> None:
    assert parse_report_period(label) == period


@pytest.mark.parametrize("day", ["٠٦-٣٠", "０６-３０", "06-٣٠"])
def test_a_day_of_the_year_written_with_other_digits_is_no_day(day: str) -> None:
    with pytest.raises(ValueError):
        MonthDay.parse(day)
    assert MonthDay.parse("06-30") == MonthDay(6, 30)
