"""Progress math: the numbers and statuses the committee reads on the first screen.

Pure functions, so targets, periods and milestones are built directly; the thresholds are
the plan's own (0.95 and 0.60 of the expected figure).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tracker.domain.plan import Milestone, Period, Plan, StatusThresholds, Target
from tracker.domain.progress import (
    MIN_SHARE_TO_PROJECT,
    Progress,
    Status,
    assess,
    default_as_of,
    elapsed_share,
    expected_at,
    planned_curve,
    project,
    worst_first,
)
from tracker.service import build_overview
from tracker.storage.ledger import Ledger

D = dt.date
YEAR = Period(start=D(2017, 1, 1), end=D(2017, 12, 31))
THRESHOLDS = StatusThresholds(on_track=0.95, needs_acceleration=0.60)
# A back-loaded year: little in the first quarter, most of it in the last.
QUARTERS = (
    Milestone(date=D(2017, 3, 31), value=40),
    Milestone(date=D(2017, 6, 30), value=100),
    Milestone(date=D(2017, 9, 30), value=200),
)


def make_target(goal: dict[str, Any], milestones: tuple[Milestone, ...] = (), target_id: str = "t") -> Target:
    return Target.model_validate(
        {
            "id": target_id,
            "title": {"vi": "Chỉ tiêu", "en": "Target"},
            "short": {"vi": "Chỉ tiêu", "en": "Target"},
            "unit": {"vi": "lao động", "en": "workers"},
            "goal": goal,
            "milestones": milestones,
            "agency": {"vi": "Sở Công Thương", "en": "Department of Industry and Trade"},
            "category": "training",
            "source_text": "…",
        }
    )


EXACT_100 = make_target({"shape": "exact", "value": 100})
EXACT_400_QUARTERS = make_target({"shape": "exact", "value": 400}, QUARTERS)
ABOUT_30000 = make_target({"shape": "approximate", "value": 30000, "tolerance": 0.05})
RANGE_10_15 = make_target({"shape": "range", "min": 10, "max": 15})


def status_of(target: Target, achieved: float, as_of: dt.date, period: Period = YEAR) -> Status:
    return assess(target, period, THRESHOLDS, achieved, as_of).status


# --- elapsed share and expected pace ---------------------------------------------------


def test_elapsed_share_counts_whole_days_of_the_period() -> None:
    assert elapsed_share(YEAR, D(2016, 12, 31)) == 0.0
    assert elapsed_share(YEAR, D(2016, 1, 1)) == 0.0
    assert elapsed_share(YEAR, D(2017, 1, 1)) == pytest.approx(1 / 365)
    assert elapsed_share(YEAR, D(2017, 7, 2)) == pytest.approx(183 / 365)
    assert elapsed_share(YEAR, D(2017, 12, 31)) == 1.0
    assert elapsed_share(YEAR, D(2018, 6, 1)) == 1.0


def test_expected_is_linear_without_milestones() -> None:
    assert expected_at(YEAR, 30000, D(2016, 12, 31)) == 0.0
    assert expected_at(YEAR, 30000, D(2017, 1, 1)) == pytest.approx(30000 / 365)
    assert expected_at(YEAR, 30000, D(2017, 7, 2)) == pytest.approx(30000 * 183 / 365)
    assert expected_at(YEAR, 30000, D(2017, 12, 31)) == 30000
    assert expected_at(YEAR, 30000, D(2018, 3, 1)) == 30000


def test_expected_follows_the_milestone_curve() -> None:
    goal = 400.0
    assert expected_at(YEAR, goal, D(2016, 12, 31), QUARTERS) == 0.0
    assert expected_at(YEAR, goal, D(2016, 6, 1), QUARTERS) == 0.0
    # 45 of the 90 days to the first quarter's end: half of its 40
    assert expected_at(YEAR, goal, D(2017, 2, 14), QUARTERS) == pytest.approx(20.0)
    assert expected_at(YEAR, goal, D(2017, 3, 31), QUARTERS) == pytest.approx(40.0)
    assert expected_at(YEAR, goal, D(2017, 6, 30), QUARTERS) == pytest.approx(100.0)
    assert expected_at(YEAR, goal, D(2017, 9, 30), QUARTERS) == pytest.approx(200.0)
    # the last stretch runs from the third quarter's 200 to the goal
    assert expected_at(YEAR, goal, D(2017, 11, 15), QUARTERS) == pytest.approx(200 + 200 * 46 / 92)
    assert expected_at(YEAR, goal, D(2017, 12, 31), QUARTERS) == goal
    assert expected_at(YEAR, goal, D(2018, 1, 15), QUARTERS) == goal


def test_planned_curve_runs_from_zero_through_milestones_to_the_goal() -> None:
    assert planned_curve(YEAR, 400, QUARTERS) == [
        (D(2016, 12, 31), 0.0),
        (D(2017, 3, 31), 40.0),
        (D(2017, 6, 30), 100.0),
        (D(2017, 9, 30), 200.0),
        (D(2017, 12, 31), 400.0),
    ]


def test_a_milestone_at_the_period_end_is_the_last_point() -> None:
    year_end = (*QUARTERS, Milestone(date=D(2017, 12, 31), value=400))
    curve = planned_curve(YEAR, 400, year_end)
    assert curve[-1] == (D(2017, 12, 31), 400.0)
    assert len(curve) == 5


def test_assess_reports_expected_goal_and_percent() -> None:
    progress = assess(EXACT_400_QUARTERS, YEAR, THRESHOLDS, 50.0, D(2017, 6, 30))
    assert progress.target_id == "t"
    assert progress.as_of == D(2017, 6, 30)
    assert progress.expected == pytest.approx(100.0)
    assert (progress.goal_min, progress.goal_max) == (400.0, 400.0)
    assert progress.percent_of_min == pytest.approx(0.125)
    assert progress.status == Status.off_track  # 50 of the 100 expected by midyear


def test_an_approximate_goal_paces_on_its_nominal_value() -> None:
    progress = assess(ABOUT_30000, YEAR, THRESHOLDS, 15000.0, D(2017, 7, 2))
    assert progress.expected == pytest.approx(30000 * 183 / 365)
    assert progress.goal_min == progress.goal_max == 30000.0


def test_a_range_paces_on_its_minimum_and_reports_percent_of_both_ends() -> None:
    progress = assess(RANGE_10_15, YEAR, THRESHOLDS, 12.0, D(2017, 12, 31))
    assert progress.expected == pytest.approx(10.0)
    assert (progress.goal_min, progress.goal_max) == (10.0, 15.0)
    assert progress.percent_of_min == pytest.approx(1.2)
    assert progress.percent_of_max == pytest.approx(0.8)
    assert progress.status == Status.achieved


# --- status ------------------------------------------------------------------------------


def test_an_exact_goal_is_achieved_once_reached_even_early() -> None:
    assert status_of(EXACT_100, 100, D(2017, 5, 1)) == Status.achieved
    assert status_of(EXACT_100, 130, D(2017, 12, 31)) == Status.achieved
    assert status_of(EXACT_100, 99, D(2017, 12, 31)) == Status.missed


@pytest.mark.parametrize(
    ("achieved", "status"),
    [
        (30000, Status.achieved),
        (28600, Status.achieved),  # within 5 % of "about 30 000"
        (28500, Status.achieved),  # exactly 5 % below still counts
        (28400, Status.missed),
    ],
)
def test_an_approximate_goal_is_achieved_within_its_tolerance(achieved: float, status: Status) -> None:
    assert status_of(ABOUT_30000, achieved, D(2017, 12, 31)) == status


@pytest.mark.parametrize(
    ("achieved", "status"),
    [(15, Status.achieved), (10, Status.achieved), (9.999, Status.missed), (9, Status.missed)],
)
def test_a_range_is_achieved_at_its_minimum(achieved: float, status: Status) -> None:
    assert status_of(RANGE_10_15, achieved, D(2017, 12, 31)) == status


@pytest.mark.parametrize(
    ("achieved", "status"),
    [
        (100, Status.on_track),  # exactly the expected 100
        (95, Status.on_track),  # 0.95 of expected: still on track
        (94.9, Status.needs_acceleration),
        (60, Status.needs_acceleration),  # 0.60 of expected: needs acceleration
        (59.9, Status.off_track),
        (1, Status.off_track),
        (0, Status.off_track),  # nothing recorded when half the goal is expected is late, not "not started"
    ],
)
def test_status_bands_at_the_thresholds(achieved: float, status: Status) -> None:
    # at midyear the back-loaded curve expects exactly 100 of 400
    assert status_of(EXACT_400_QUARTERS, achieved, D(2017, 6, 30)) == status


def test_status_bands_on_a_linear_pace() -> None:
    ten_days = Period(start=D(2017, 1, 1), end=D(2017, 1, 10))
    target = make_target({"shape": "exact", "value": 1000})
    midway = D(2017, 1, 5)  # expected 500
    assert status_of(target, 475, midway, ten_days) == Status.on_track
    assert status_of(target, 474, midway, ten_days) == Status.needs_acceleration
    assert status_of(target, 300, midway, ten_days) == Status.needs_acceleration
    assert status_of(target, 299, midway, ten_days) == Status.off_track


def test_ahead_of_a_plan_that_expects_nothing_yet_is_on_track() -> None:
    slow_start = make_target(
        {"shape": "exact", "value": 100},
        (Milestone(date=D(2017, 3, 31), value=0), Milestone(date=D(2017, 6, 30), value=50)),
    )
    assert status_of(slow_start, 5, D(2017, 2, 1)) == Status.on_track


def test_not_started_before_the_period_and_while_little_is_expected() -> None:
    assert status_of(EXACT_100, 0, D(2016, 12, 1)) == Status.not_started
    assert status_of(EXACT_100, 0, D(2016, 12, 31)) == Status.not_started
    assert status_of(EXACT_100, 0, D(2017, 1, 1)) == Status.not_started
    # 5 % of the year (the plan's grace) has passed by 18/01: until then nothing recorded is not yet late
    assert status_of(EXACT_100, 0, D(2017, 1, 18)) == Status.not_started
    assert status_of(EXACT_100, 0, D(2017, 1, 19)) == Status.off_track
    assert status_of(EXACT_100, 0, D(2017, 11, 30)) == Status.off_track  # nothing by November is late


def test_missed_at_and_after_the_period_end_when_not_met() -> None:
    assert status_of(EXACT_100, 50, D(2017, 12, 31)) == Status.missed
    assert status_of(EXACT_100, 0, D(2017, 12, 31)) == Status.missed
    assert status_of(EXACT_100, 99, D(2018, 2, 1)) == Status.missed
    assert status_of(EXACT_100, 50, D(2017, 12, 30)) != Status.missed


# --- projection --------------------------------------------------------------------------


def test_linear_projection_of_half_the_goal_at_midyear_is_the_goal() -> None:
    leap_year = Period(start=D(2016, 1, 1), end=D(2016, 12, 31))  # 366 days: 1 July halves it
    assert elapsed_share(leap_year, D(2016, 7, 1)) == 0.5
    assert project(leap_year, 30000, 15000, D(2016, 7, 1)) == pytest.approx(30000)


def test_projection_is_none_before_the_start_and_achieved_at_the_end() -> None:
    assert project(YEAR, 100, 0, D(2016, 12, 31)) is None
    assert project(YEAR, 100, 0, D(2016, 3, 1)) is None
    assert project(YEAR, 100, 73, D(2017, 12, 31)) == 73
    assert project(YEAR, 100, 73, D(2018, 5, 1)) == 73
    assert assess(EXACT_100, YEAR, THRESHOLDS, 0, D(2016, 12, 1)).projected is None


def test_projection_follows_the_milestone_curve() -> None:
    # On the curve at midyear (100 of 400): the goal is projected, not the 2x a linear pace gives.
    assert project(YEAR, 400, 100, D(2017, 6, 30), QUARTERS) == pytest.approx(400)
    assert project(YEAR, 400, 100, D(2017, 6, 30)) == pytest.approx(100 * 365 / 181)
    # half the pace the curve asks for projects half the goal
    assert project(YEAR, 400, 50, D(2017, 6, 30), QUARTERS) == pytest.approx(200)
    assert assess(EXACT_400_QUARTERS, YEAR, THRESHOLDS, 100, D(2017, 6, 30)).projected == pytest.approx(400)


def test_no_projection_from_nothing_or_from_the_first_days() -> None:
    assert project(YEAR, 30000, 0, D(2017, 9, 1)) is None
    assert project(YEAR, 30000, 450, D(2017, 1, 1)) is None  # not 164.250
    assert project(YEAR, 30000, 450, D(2017, 1, 30)) is None  # less than a twelfth of the year
    assert project(YEAR, 30000, 2500, D(2017, 2, 1)) == pytest.approx(2500 * 365 / 32)


def test_projection_falls_back_to_time_while_the_curve_expects_nothing() -> None:
    flat_start = (Milestone(date=D(2017, 3, 31), value=0),)
    share = elapsed_share(YEAR, D(2017, 2, 1))
    assert project(YEAR, 100, 5, D(2017, 2, 1), flat_start) == pytest.approx(5 / share)


# --- ordering and as-of ------------------------------------------------------------------


def _progress(target_id: str, status: Status, achieved: float, expected: float) -> Progress:
    return Progress(
        target_id, D(2017, 6, 30), 100, 100, achieved, expected, achieved / 100, achieved / 100, status, None
    )


def test_worst_first_puts_late_targets_on_top_and_the_furthest_behind_first() -> None:
    rows = [
        _progress("achieved", Status.achieved, 100, 50),
        _progress("on-track", Status.on_track, 50, 50),
        _progress("not-started", Status.not_started, 0, 50),
        _progress("accelerate-mild", Status.needs_acceleration, 45, 50),
        _progress("accelerate-bad", Status.needs_acceleration, 31, 50),
        _progress("off-track", Status.off_track, 10, 50),
        _progress("missed", Status.missed, 20, 100),
    ]
    assert [p.target_id for p in worst_first(rows)] == [
        "missed",
        "off-track",
        "accelerate-bad",
        "accelerate-mild",
        "not-started",
        "on-track",
        "achieved",
    ]


def test_worst_first_on_assessed_targets() -> None:
    as_of = D(2017, 6, 30)
    rows = [
        assess(make_target({"shape": "exact", "value": 400}, QUARTERS, "a"), YEAR, THRESHOLDS, 100, as_of),
        assess(make_target({"shape": "exact", "value": 400}, QUARTERS, "b"), YEAR, THRESHOLDS, 20, as_of),
        assess(make_target({"shape": "exact", "value": 400}, QUARTERS, "c"), YEAR, THRESHOLDS, 70, as_of),
        assess(make_target({"shape": "exact", "value": 400}, QUARTERS, "d"), YEAR, THRESHOLDS, 400, as_of),
    ]
    assert [p.target_id for p in worst_first(rows)] == ["b", "c", "a", "d"]


def test_default_as_of_is_today_during_the_period_and_its_end_afterwards() -> None:
    assert default_as_of(YEAR, D(2017, 5, 17)) == D(2017, 5, 17)
    assert default_as_of(YEAR, D(2017, 12, 31)) == D(2017, 12, 31)
    assert default_as_of(YEAR, D(2018, 1, 1)) == D(2017, 12, 31)
    assert default_as_of(YEAR, D(2025, 9, 2)) == D(2017, 12, 31)


# --- empty ledger ------------------------------------------------------------------------


def test_an_empty_ledger_early_in_the_year_shows_every_target_not_started(plan: Plan, ledger: Ledger) -> None:
    overview = build_overview(plan, ledger, D(2017, 1, 10))
    assert overview.is_empty
    assert overview.entry_count == 0
    assert [target.id for target, _ in overview.targets] == [target.id for target in plan.targets]
    for _, progress in overview.targets:
        assert progress.achieved == 0
        assert progress.status == Status.not_started
        assert progress.percent_of_min == 0
        assert progress.expected > 0
    assert all(reading.latest is None for reading in overview.figures)
    mid_year = build_overview(plan, ledger, D(2017, 6, 30))
    assert {progress.status for _, progress in mid_year.targets} == {Status.off_track}


def test_an_empty_ledger_after_the_year_shows_every_target_missed(plan: Plan, ledger: Ledger) -> None:
    overview = build_overview(plan, ledger, D(2017, 12, 31))
    assert {progress.status for _, progress in overview.targets} == {Status.missed}


# --- properties --------------------------------------------------------------------------

# Correctness only: a slow machine must not fail these for taking their time.
no_deadline = settings(deadline=None)
goals = st.floats(min_value=0.001, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 1, 1)))
    length = draw(st.integers(min_value=0, max_value=800))
    return Period(start=start, end=start + dt.timedelta(days=length))


@st.composite
def plans(draw: st.DrawFn) -> tuple[Period, float, tuple[Milestone, ...]]:
    """A period, a goal and (maybe) a milestone curve within them, as the loader accepts it."""
    period = draw(periods())
    goal = draw(goals)
    days = (period.end - period.start).days
    offsets = draw(st.lists(st.integers(min_value=0, max_value=days), unique=True, max_size=5))
    values = draw(
        st.lists(
            st.floats(min_value=0, max_value=goal, allow_nan=False),
            min_size=len(offsets),
            max_size=len(offsets),
        )
    )
    milestones = tuple(
        Milestone(date=period.start + dt.timedelta(days=offset), value=value)
        for offset, value in zip(sorted(offsets), sorted(values), strict=True)
    )
    return period, goal, milestones


def around(period: Period) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=period.start - dt.timedelta(days=400), max_value=period.end + dt.timedelta(days=400))


def during(period: Period) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=period.start, max_value=period.end - dt.timedelta(days=1))


@no_deadline
@given(plans(), st.data())
def test_expected_never_falls_and_stays_between_zero_and_the_goal(
    setup: tuple[Period, float, tuple[Milestone, ...]], data: st.DataObject
) -> None:
    period, goal, milestones = setup
    first, second = sorted([data.draw(around(period)), data.draw(around(period))])
    early = expected_at(period, goal, first, milestones)
    late = expected_at(period, goal, second, milestones)
    assert 0 <= early <= late <= goal


@no_deadline
@given(periods(), st.data())
def test_elapsed_share_is_a_share(period: Period, data: st.DataObject) -> None:
    assert 0.0 <= elapsed_share(period, data.draw(around(period))) <= 1.0


@no_deadline
@given(plans(), st.data())
def test_achieving_exactly_the_expected_is_on_track(
    setup: tuple[Period, float, tuple[Milestone, ...]], data: st.DataObject
) -> None:
    period, goal, milestones = setup
    assume(period.end > period.start)
    as_of = data.draw(during(period))
    target = make_target({"shape": "exact", "value": goal}, milestones)
    expected = expected_at(period, goal, as_of, milestones)
    assume(expected > 0)
    assert status_of(target, expected, as_of, period) in {Status.on_track, Status.achieved}


@no_deadline
@given(plans(), st.floats(min_value=0, max_value=2e12, allow_nan=False), st.data())
def test_nothing_is_missed_before_the_period_ends(
    setup: tuple[Period, float, tuple[Milestone, ...]], achieved: float, data: st.DataObject
) -> None:
    period, goal, milestones = setup
    as_of = data.draw(
        st.dates(min_value=period.start - dt.timedelta(days=400), max_value=period.end - dt.timedelta(days=1))
    )
    target = make_target({"shape": "exact", "value": goal}, milestones)
    assert status_of(target, achieved, as_of, period) != Status.missed


@no_deadline
@given(plans(), st.floats(min_value=0, max_value=2e12, allow_nan=False), st.data())
def test_projection_is_at_least_what_is_already_achieved(
    setup: tuple[Period, float, tuple[Milestone, ...]], achieved: float, data: st.DataObject
) -> None:
    period, goal, milestones = setup
    assume(period.end > period.start)
    as_of = data.draw(during(period))
    projected = project(period, goal, achieved, as_of, milestones)
    if projected is None:  # too early in the period, or nothing to continue
        assert achieved <= 0 or elapsed_share(period, as_of) < MIN_SHARE_TO_PROJECT
    else:
        assert projected >= achieved
