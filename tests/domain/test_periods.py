"""Reporting periods as the department names, labels and dates them: 2017-Q2 is «Quý 2/2017»,
its last day 30/06/2017, due ten days later; a district is late only after the due day."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tracker.domain.periods import (
    Cadence,
    PeriodNameError,
    ReportingPeriod,
    parse_period,
    period_at,
    periods_between,
)
from tracker.storage.periods import period_label

D = dt.date
Q, M = Cadence.quarterly, Cadence.monthly


@pytest.mark.parametrize(
    ("day", "name", "start", "end", "vi", "en"),
    [
        (D(2017, 1, 1), "2017-Q1", D(2017, 1, 1), D(2017, 3, 31), "Quý 1/2017", "Q1 2017"),
        (D(2017, 5, 15), "2017-Q2", D(2017, 4, 1), D(2017, 6, 30), "Quý 2/2017", "Q2 2017"),
        (D(2017, 9, 30), "2017-Q3", D(2017, 7, 1), D(2017, 9, 30), "Quý 3/2017", "Q3 2017"),
        (D(2017, 10, 1), "2017-Q4", D(2017, 10, 1), D(2017, 12, 31), "Quý 4/2017", "Q4 2017"),
    ],
)
def test_a_quarter_is_named_labelled_and_bounded(
    day: dt.date, name: str, start: dt.date, end: dt.date, vi: str, en: str
) -> None:
    period = period_at(day, Q, 10)
    assert (period.name, period.start, period.end) == (name, start, end)
    assert (period.label("vi"), period.label("en")) == (vi, en)
    assert period.label() == vi  # Vietnamese first


@pytest.mark.parametrize(
    ("day", "name", "vi", "en"),
    [
        (D(2017, 1, 31), "2017-01", "Tháng 1/2017", "January 2017"),
        (D(2017, 3, 1), "2017-03", "Tháng 3/2017", "March 2017"),
        (D(2018, 12, 24), "2018-12", "Tháng 12/2018", "December 2018"),
    ],
)
def test_a_month_is_named_with_two_digits_and_labelled_in_both_languages(
    day: dt.date, name: str, vi: str, en: str
) -> None:
    period = period_at(day, M, 10)
    assert period.name == name
    assert (period.label("vi"), period.label("en")) == (vi, en)


@pytest.mark.parametrize(
    ("month", "last", "due"),
    [
        (D(2016, 2, 1), D(2016, 2, 29), D(2016, 3, 10)),  # leap year
        (D(2017, 2, 1), D(2017, 2, 28), D(2017, 3, 10)),  # common year
        (D(2000, 2, 1), D(2000, 2, 29), D(2000, 3, 10)),  # divisible by 400: leap
        (D(2100, 2, 1), D(2100, 2, 28), D(2100, 3, 10)),  # divisible by 100 only: common
        (D(2017, 4, 1), D(2017, 4, 30), D(2017, 5, 10)),
        (D(2017, 1, 1), D(2017, 1, 31), D(2017, 2, 10)),
        (D(2017, 12, 1), D(2017, 12, 31), D(2018, 1, 10)),  # due in the next year
    ],
)
def test_a_month_ends_on_its_last_day_and_is_due_ten_days_later(month: dt.date, last: dt.date, due: dt.date) -> None:
    period = period_at(month, M, 10)
    assert (period.end, period.due) == (last, due)


def test_a_quarter_is_due_the_given_number_of_days_after_its_last_day() -> None:
    assert period_at(D(2017, 5, 1), Q, 10).due == D(2017, 7, 10)
    assert period_at(D(2017, 11, 1), Q, 10).due == D(2018, 1, 10)
    assert period_at(D(2016, 2, 29), Q, 0).due == D(2016, 3, 31)  # due_days 0: the last day itself
    assert period_at(D(2017, 2, 1), Q, 31).due == D(2017, 5, 1)


def test_a_district_is_late_only_after_the_due_day() -> None:
    period = period_at(D(2017, 5, 1), Q, 10)  # due 10/07/2017
    assert not period.is_due(D(2017, 6, 30))
    assert not period.is_due(D(2017, 7, 10))  # on the due day itself a report is still on time
    assert period.is_due(D(2017, 7, 11))
    assert not period.has_ended(D(2017, 6, 30)) and period.has_ended(D(2017, 7, 1))
    assert period.contains(D(2017, 4, 1)) and period.contains(D(2017, 6, 30))
    assert not period.contains(D(2017, 3, 31)) and not period.contains(D(2017, 7, 1))


@pytest.mark.parametrize(
    ("typed", "name", "cadence"),
    [
        ("2017-Q2", "2017-Q2", Q),
        (" 2017-q2 ", "2017-Q2", Q),
        ("2017-03", "2017-03", M),
        ("2017-12", "2017-12", M),
    ],
)
def test_parse_period_reads_the_two_shapes(typed: str, name: str, cadence: Cadence) -> None:
    period = parse_period(typed, 10)
    assert (period.name, period.cadence) == (name, cadence)
    assert period == period_at(period.start, cadence, 10)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "2017",
        "2017-Q0",
        "2017-Q5",
        "2017-00",
        "2017-13",
        "2017-3",  # a month takes two digits
        "17-Q1",
        "2017Q1",
        "Q2 2017",
        "Quý 2/2017",
        "2017-Q2x",
        "2017-03-01",
        "２０１７-Q1",  # full-width digits are not a period's name
        "0000-Q1",  # no year 0
        "9999-12",  # the due day would be past the last date there is
    ],
)
def test_parse_period_refuses_what_is_not_a_period_name(typed: str) -> None:
    with pytest.raises(PeriodNameError):
        parse_period(typed, 10)


def test_a_label_of_a_name_that_cannot_be_a_period_is_the_name_itself() -> None:
    """What a refusal shows for a typed name: never a traceback, even for a year 0."""
    assert period_label("0000-Q1", "vi") == "0000-Q1"
    assert period_label("2017-Q2", "en") == "Q2 2017"


def test_periods_between_cover_a_plan_that_does_not_start_on_a_quarter_boundary() -> None:
    quarters = periods_between(D(2018, 3, 15), D(2018, 11, 20), Q, 10)
    assert [p.name for p in quarters] == ["2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4"]
    # the first and last quarters are whole: a report for 15-31/03 is the first quarter's
    assert (quarters[0].start, quarters[0].end, quarters[0].due) == (D(2018, 1, 1), D(2018, 3, 31), D(2018, 4, 10))
    assert (quarters[-1].start, quarters[-1].end) == (D(2018, 10, 1), D(2018, 12, 31))
    assert all(a.end + dt.timedelta(days=1) == b.start for a, b in itertools.pairwise(quarters))
    months = periods_between(D(2018, 3, 15), D(2018, 11, 20), M, 5)
    assert [p.name for p in months] == [f"2018-{m:02d}" for m in range(3, 12)]
    assert months[0].start == D(2018, 3, 1) and months[-1].due == D(2018, 12, 5)


def test_periods_between_a_day_and_itself_and_an_empty_stretch() -> None:
    assert [p.name for p in periods_between(D(2017, 6, 30), D(2017, 6, 30), Q, 10)] == ["2017-Q2"]
    assert periods_between(D(2017, 7, 1), D(2017, 6, 30), Q, 10) == []
    assert [p.name for p in periods_between(D(2016, 12, 1), D(2017, 2, 1), Q, 10)] == ["2016-Q4", "2017-Q1"]


def test_periods_order_by_their_days() -> None:
    earlier, later = period_at(D(2017, 1, 1), Q, 10), period_at(D(2017, 4, 1), Q, 10)
    assert sorted([later, earlier]) == [earlier, later]
    assert isinstance(earlier, ReportingPeriod)
