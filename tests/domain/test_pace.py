"""A target over time: the cumulative line, per-period figures, the projection in words,
and the charts that draw them; the ledger's daily series on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from tracker.domain.entries import validate_entry
from tracker.domain.pace import (
    AVERAGE_MONTH_DAYS,
    Step,
    cumulative,
    needed_rate,
    pace_series,
    per_period,
    steps_of,
)
from tracker.domain.plan import Aggregation, Milestone, Period, Plan, Target
from tracker.domain.progress import Status
from tracker.present import charts, tables
from tracker.service import build_overview, pace_of
from tracker.storage.ledger import Ledger, Removal

YEAR = Period(start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31))
D = dt.date


def series_of(plan: Plan, target_id: str, daily: list[tuple[dt.date, int]], as_of: dt.date):
    target = plan.target(target_id)
    return target, pace_series(
        target, YEAR, plan.status_thresholds, [(day, Decimal(value)) for day, value in daily], as_of
    )


def with_milestones(plan: Plan, target_id: str, *points: tuple[dt.date, int]) -> Target:
    milestones = tuple(Milestone(date=day, value=value) for day, value in points)
    return plan.target(target_id).model_copy(update={"milestones": milestones})


# --- the cumulative line --------------------------------------------------------------


def test_summed_entries_add_up_from_zero_on_the_eve_of_the_period() -> None:
    daily = [(D(2017, 3, 1), Decimal(400)), (D(2017, 3, 20), Decimal(250)), (D(2017, 5, 2), Decimal("0.5"))]
    assert cumulative(daily, Aggregation.sum, YEAR) == [
        (D(2016, 12, 31), 0.0),
        (D(2017, 3, 1), 400.0),
        (D(2017, 3, 20), 650.0),
        (D(2017, 5, 2), 650.5),
    ]


def test_a_level_figure_is_drawn_at_its_levels_from_its_first_report() -> None:
    daily = [(D(2017, 2, 1), Decimal(170)), (D(2017, 8, 1), Decimal(182))]
    assert cumulative(daily, Aggregation.latest, YEAR) == [(D(2017, 2, 1), 170.0), (D(2017, 8, 1), 182.0)]


def test_the_line_runs_flat_to_the_as_of_date_and_ends_at_the_achieved_figure(plan: Plan) -> None:
    _, series = series_of(plan, "fair-participants", [(D(2017, 2, 10), 40), (D(2017, 4, 2), 60)], D(2017, 6, 30))
    assert series.actual[-1] == (D(2017, 6, 30), 100.0)
    assert series.progress.achieved == 100.0
    assert series.planned == ((D(2016, 12, 31), 0.0), (D(2017, 12, 31), 480.0))


# --- the projection ------------------------------------------------------------------


def test_projection_continues_the_pace_so_far_and_is_said_in_both_languages(plan: Plan) -> None:
    # 14/03 is day 73 of 365: a fifth of the year; 5.500 by then projects to 27.500
    target, series = series_of(plan, "workers-trained", [(D(2017, 2, 1), 2500), (D(2017, 3, 10), 3000)], D(2017, 3, 14))
    assert series.progress.projected == pytest.approx(27_500)
    assert series.projection == ((D(2017, 3, 14), 5500.0), (D(2017, 12, 31), pytest.approx(27_500)))
    assert "dự kiến đạt 27.500 / 30.000 (91,7%) vào 31/12/2017" in charts.projection_text(target, series, "vi")
    assert "projected to reach 27,500 / 30,000 (91.7%) by 31/12/2017" in charts.projection_text(target, series, "en")


def test_projection_of_a_range_names_the_range_and_the_share_of_its_minimum(plan: Plan) -> None:
    target, series = series_of(plan, "village-brands", [(D(2017, 1, 20), 2)], D(2017, 3, 14))
    assert series.progress.projected == pytest.approx(10)
    assert "dự kiến đạt 10 / 10–15 (100%) vào 31/12/2017" in charts.projection_text(target, series, "vi")


def test_projection_follows_the_milestone_curve_where_the_plan_gives_one(plan: Plan) -> None:
    # the plan expects 10 by 30/06 and 480 by the end: 5 by 30/06 is half the pace
    target = with_milestones(plan, "fair-participants", (D(2017, 6, 30), 10))
    series = pace_series(target, YEAR, plan.status_thresholds, [(D(2017, 3, 1), Decimal(5))], D(2017, 6, 30))
    assert series.progress.expected == pytest.approx(10)
    assert series.progress.projected == pytest.approx(240)
    assert series.planned == ((D(2016, 12, 31), 0.0), (D(2017, 6, 30), 10.0), (D(2017, 12, 31), 480.0))


def test_after_the_period_the_words_say_what_was_reached_not_a_forecast(plan: Plan) -> None:
    target, series = series_of(plan, "managers-trained", [(D(2017, 5, 20), 60)], D(2017, 12, 31))
    assert series.is_final and series.projection == ()
    text = charts.projection_text(target, series, "vi")
    assert "đạt 60 / 100 (60%)" in text and "dự kiến" not in text


def test_nothing_recorded_gives_no_forecast_of_zero(plan: Plan) -> None:
    target, series = series_of(plan, "machinery-projects", [], D(2017, 6, 30))
    assert series.progress.status == Status.off_track
    assert (
        charts.projection_text(target, series, "vi") == "Chưa có số liệu nào đến ngày 30/06/2017, nên chưa thể dự báo."
    )
    assert charts.projection_text(target, series, "en").startswith("Nothing recorded by 30/06/2017")


def test_what_is_still_needed_is_stated_per_month(plan: Plan) -> None:
    target, series = series_of(plan, "workers-trained", [(D(2017, 3, 1), 12_000)], D(2017, 6, 30))
    # measured to the figure the plan names (30.000), as the pace line and the forecast
    # are; 18.000 in 184 days is 2.975,5 a month (of 365 / 12 days), rounded up: 2.976
    assert charts.needed_text(target, series, "vi") == (
        "Để đạt mục tiêu còn cần 18.000 lao động trong 184 ngày còn lại (khoảng 2.976 mỗi tháng)."
    )
    _, met = series_of(plan, "workers-trained", [(D(2017, 3, 1), 31_000)], D(2017, 6, 30))
    assert charts.needed_text(target, met, "vi") is None


def test_the_pace_needed_is_not_rounded_down_to_hide_the_gap(plan: Plan) -> None:
    """Issue 18: 9 projects in 184 days is 1,49 a month, which was written «khoảng 1»."""
    target, series = series_of(plan, "machinery-projects", [(D(2017, 6, 20), 1)], D(2017, 6, 30))
    assert charts.needed_text(target, series, "vi") == (
        "Để đạt mục tiêu còn cần 9 dự án trong 184 ngày còn lại (khoảng 1,5 mỗi tháng)."
    )
    assert charts.needed_text(target, series, "en") == (
        "To meet the goal, 9 more projects are needed in the 184 days left (about 1.5 a month)."
    )
    # 3 in 184 days is 0,5 a month: said as one every two months
    _, late = series_of(plan, "machinery-projects", [(D(2017, 6, 20), 7)], D(2017, 6, 30))
    assert charts.needed_text(target, late, "vi") == (
        "Để đạt mục tiêu còn cần 3 dự án trong 184 ngày còn lại (khoảng 1 mỗi 2 tháng)."
    )


def _true_pace(remaining: int, days_left: int) -> Fraction:
    return Fraction(remaining) * AVERAGE_MONTH_DAYS / days_left


@pytest.mark.parametrize(
    ("remaining", "days_left", "amount", "months"),
    [
        pytest.param(9, 184, "1.5", 1, id="1,49-a-month-is-1,5"),
        pytest.param(6, 184, "1", 1, id="0,99-a-month-is-1"),
        pytest.param(60, 153, "12", 1, id="11,9-a-month-is-12"),
        pytest.param(62, 184, "11", 1, id="10,3-a-month-is-11-not-10"),
        pytest.param(3, 184, "1", 2, id="0,5-a-month-is-1-every-2-months"),
        pytest.param(2, 184, "1", 3, id="0,33-a-month-is-1-every-3-months"),
        pytest.param(4, 184, "2", 3, id="0,66-a-month-is-2-every-3-months"),
        pytest.param(1, 365, "1", 12, id="1-in-a-year"),
        pytest.param(5, 184, "0.9", 1, id="0,83-a-month-no-short-fraction-fits"),
    ],
)
def test_the_needed_rate_is_rounded_up_and_said_per_month_or_per_months(
    remaining: int, days_left: int, amount: str, months: int
) -> None:
    rate = needed_rate(remaining, days_left, whole_units=True)
    assert (rate.amount, rate.months) == (Decimal(amount), months)


def test_an_amount_below_one_a_month_keeps_two_significant_digits() -> None:
    rate = needed_rate(0.9, 184, whole_units=False)  # 0,1489 tỷ đồng a month
    assert (rate.amount, rate.months) == (Decimal("0.15"), 1)
    assert needed_rate(Decimal("1.2"), 184, whole_units=False).amount == Decimal("0.2")  # 0,1985


@pytest.mark.parametrize("whole_units", [True, False], ids=["counts", "amounts"])
def test_the_needed_rate_is_never_below_the_true_pace_and_not_far_above(whole_units: bool) -> None:
    for remaining in [*range(1, 40), 57, 99, 150, 999, 1234, 18_000, 29_999]:
        for days_left in (1, 2, 7, 15, 29, 30, 31, 45, 61, 90, 120, 184, 200, 300, 364, 365):
            true = _true_pace(remaining, days_left)
            rate = needed_rate(remaining, days_left, whole_units=whole_units)
            said = Fraction(rate.amount) / rate.months
            assert said >= true, (remaining, days_left, rate)
            assert said <= true * Fraction(6, 5) + Fraction(1, 10), (remaining, days_left, rate)


# --- per month and per quarter ------------------------------------------------------


def test_months_split_the_entries_and_the_pace_and_stop_at_the_as_of_date(plan: Plan) -> None:
    daily = [(D(2017, 1, 31), 10), (D(2017, 2, 1), 5), (D(2017, 2, 28), 7), (D(2017, 6, 15), 30), (D(2017, 7, 2), 99)]
    target, series = series_of(plan, "fair-participants", daily, D(2017, 6, 20))
    months = per_period(target, series, Step.month)
    assert [m.start for m in months] == [D(2017, month, 1) for month in range(1, 13)]
    assert [m.achieved for m in months[:6]] == [10, 12, 0, 0, 0, 30]  # 2 July is after the as-of date
    assert [m.achieved for m in months[6:]] == [None] * 6  # months to come have no figure yet
    assert [m.cumulative for m in months[:6]] == [10, 22, 22, 22, 22, 52]
    assert months[5].is_running and not months[4].is_running
    # June runs to the as-of date: its need so far, as the status measures it
    assert months[5].planned_cumulative == pytest.approx(series.progress.expected)
    assert sum(m.planned for m in months) == pytest.approx(480 - 480 * 10 / 365)  # 21–30 June not yet due
    assert months[0].planned == pytest.approx(480 * 31 / 365)
    assert months[11].planned_cumulative == pytest.approx(480)


def test_quarters_of_a_period_that_starts_mid_month_are_clipped_to_it() -> None:
    period = Period(start=D(2017, 3, 15), end=D(2018, 2, 10))
    assert steps_of(period, Step.quarter) == [
        (D(2017, 3, 15), D(2017, 3, 31)),
        (D(2017, 4, 1), D(2017, 6, 30)),
        (D(2017, 7, 1), D(2017, 9, 30)),
        (D(2017, 10, 1), D(2017, 12, 31)),
        (D(2018, 1, 1), D(2018, 2, 10)),
    ]
    assert steps_of(period, Step.month)[-2:] == [(D(2018, 1, 1), D(2018, 1, 31)), (D(2018, 2, 1), D(2018, 2, 10))]


def test_quarter_figures_follow_the_milestones(plan: Plan) -> None:
    target = with_milestones(plan, "managers-trained", (D(2017, 3, 31), 10), (D(2017, 6, 30), 60))
    series = pace_series(target, YEAR, plan.status_thresholds, [(D(2017, 2, 1), Decimal(12))], D(2017, 12, 31))
    quarters = per_period(target, series, Step.quarter)
    assert [q.planned for q in quarters] == pytest.approx([10, 50, 20, 20])
    assert [q.achieved for q in quarters] == [12, 0, 0, 0]


def test_a_level_figure_per_period_is_its_level_at_the_end(plan: Plan) -> None:
    target = plan.target("village-brands").model_copy(update={"aggregation": Aggregation.latest})
    daily = [(D(2017, 2, 1), Decimal(3)), (D(2017, 2, 20), Decimal(4)), (D(2017, 5, 1), Decimal(6))]
    series = pace_series(target, YEAR, plan.status_thresholds, daily, D(2017, 6, 30))
    quarters = per_period(target, series, Step.quarter)
    assert [q.achieved for q in quarters] == [4, 6, None, None]
    months = per_period(target, series, Step.month)
    assert months[0].achieved is None  # no level reported yet in January: not a level of zero
    assert series.progress.achieved == 6


def test_the_period_table_speaks_vietnamese_and_leaves_the_future_blank(plan: Plan) -> None:
    target, series = series_of(plan, "fair-participants", [(D(2017, 2, 1), 1200)], D(2017, 5, 10))
    table = tables.period_table(target, per_period(target, series, Step.quarter), "vi")
    assert list(table.columns) == [
        "Kỳ",
        "Đã đạt trong kỳ",
        "Cần đạt trong kỳ",
        "Luỹ kế đã đạt",
        "Luỹ kế cần đạt",
        "% so với tiến độ",
    ]
    assert table.iloc[0].tolist()[:2] == ["Quý 1/2017", "1.200"]
    assert table.iloc[1, 0] == "Quý 2/2017 (đến 10/05/2017)"
    assert table.iloc[2].tolist()[1] == "–" and table.iloc[2].tolist()[3] == "–"
    english = tables.period_table(target, per_period(target, series, Step.month), "en")
    assert english.iloc[0].tolist()[:2] == ["Jan 2017", "0"]
    assert english.iloc[1].tolist()[:2] == ["Feb 2017", "1,200"]


# --- the charts ---------------------------------------------------------------------


def test_pace_chart_draws_a_range_as_a_band_and_the_projection_dashed(plan: Plan) -> None:
    target, series = series_of(plan, "village-brands", [(D(2017, 2, 1), 3)], D(2017, 6, 30))
    figure = charts.pace_figure(target, series, "vi")
    band = next(trace for trace in figure.data if trace.fill == "toself")
    assert band.name == "Khoảng mục tiêu (tối thiểu – tối đa)"
    assert (min(band.y), max(band.y)) == (10, 15)
    projected = next(trace for trace in figure.data if trace.name == "Dự kiến theo tốc độ hiện nay")
    assert projected.line.dash == "dash"
    assert projected.x[-1] == D(2017, 12, 31)
    assert projected.y[-1] == pytest.approx(series.progress.projected)
    assert any(shape.x0 == D(2017, 6, 30) for shape in figure.layout.shapes)  # the as-of date marked
    assert figure.layout.annotations[0].text == "Tính đến 30/06/2017"


def test_pace_chart_draws_an_exact_goal_as_a_line_and_formats_numbers_per_language(plan: Plan) -> None:
    target, series = series_of(plan, "fair-participants", [(D(2017, 2, 1), 1234)], D(2017, 6, 30))
    vietnamese = charts.pace_figure(target, series, "vi")
    goal = next(trace for trace in vietnamese.data if trace.name == "Mục tiêu")
    assert list(goal.y) == [480, 480]
    assert not any(trace.fill == "toself" for trace in vietnamese.data)
    achieved = next(trace for trace in vietnamese.data if trace.name == "Đã đạt (luỹ kế)")
    assert "01/02/2017<br>Đã đạt (luỹ kế): 1.234 cơ sở, DN" in achieved.hovertext
    assert vietnamese.layout.separators == ",." and vietnamese.layout.yaxis.tickformat == ",~f"
    assert vietnamese.layout.xaxis.ticktext[:3] == ("T1/2017", "T2", "T3")
    english = charts.pace_figure(target, series, "en")
    assert english.layout.separators == ".,"
    assert english.layout.xaxis.ticktext[:3] == ("Jan 2017", "Feb", "Mar")
    assert "01/02/2017<br>Achieved (cumulative): 1,234 businesses" in english.data[-2].hovertext


def test_an_approximate_goal_is_a_tolerance_band_around_its_value(plan: Plan) -> None:
    target, series = series_of(plan, "workers-trained", [], D(2017, 6, 30))
    figure = charts.pace_figure(target, series, "vi")
    band = next(trace for trace in figure.data if trace.fill == "toself")
    assert (min(band.y), max(band.y)) == pytest.approx((28_500, 31_500))
    assert list(next(trace for trace in figure.data if trace.name == "Mục tiêu").y) == [30_000, 30_000]


def test_period_chart_shows_achieved_bars_and_the_pace_needed(plan: Plan) -> None:
    target, series = series_of(plan, "fair-participants", [(D(2017, 2, 1), 1500)], D(2017, 6, 30))
    figure = charts.period_figure(target, per_period(target, series, Step.quarter), "vi")
    bars, needed = figure.data
    assert list(bars.x) == ["Quý 1", "Quý 2", "Quý 3", "Quý 4"]
    assert list(bars.text) == ["1.500", "0", "", ""]
    assert [round(value) for value in needed.y] == [118, 120, 121, 121]


# --- from the ledger, on both databases -----------------------------------------------


def record(store: Ledger, plan: Plan, target_id: str, quantity: object, day: str, district: str | None = None) -> None:
    store.record(
        validate_entry(plan, target_id=target_id, quantity=quantity, ref_date=day, district=district, entered_by="An")
    )


def test_daily_totals_add_up_each_day_and_ignore_deleted_and_later_entries(database_url: str, plan: Plan) -> None:
    store = Ledger(database_url)
    record(store, plan, "fair-participants", 10, "2017-02-01", "Gia Lâm")
    record(store, plan, "fair-participants", 5, "2017-02-01", "Chương Mỹ")
    record(store, plan, "fair-participants", "2", "2017-03-05")
    record(store, plan, "fair-participants", 50, "2017-09-01")
    record(store, plan, "managers-trained", 70, "2017-02-01")
    [gone] = [e for e in store.entries_of("fair-participants") if e.quantity == 2]
    store.apply(removals=[Removal(gone.id, gone.version)], by="An")
    assert store.daily_totals("fair-participants", D(2017, 6, 30)) == [(D(2017, 2, 1), Decimal(15))]
    series = pace_of(plan, store, plan.target("fair-participants"), D(2017, 12, 31))
    assert series.progress.achieved == 65


def test_daily_levels_match_the_achieved_figure_at_every_date(database_url: str, plan: Plan) -> None:
    store = Ledger(database_url)
    figure_id = "craft-village-exports"  # a level: the latest report of each place counts
    record(store, plan, figure_id, 100, "2017-01-10", "Gia Lâm")
    record(store, plan, figure_id, 30, "2017-01-10", "Chương Mỹ")
    record(store, plan, figure_id, 120, "2017-01-10", "Gia Lâm")  # a second report that day replaces the first
    record(store, plan, figure_id, 175, "2017-03-01")  # city-wide, newest: counts alone
    record(store, plan, figure_id, 40, "2017-04-01", "Chương Mỹ")  # a district newer than the city again
    levels = store.daily_levels(figure_id, D(2017, 12, 31))
    assert levels == [(D(2017, 1, 10), 150), (D(2017, 3, 1), 175), (D(2017, 4, 1), 160)]
    for day, level in levels:
        assert store.achieved(day, [], [figure_id]) == {figure_id: level}
    assert store.daily_levels(figure_id, D(2017, 2, 1)) == [(D(2017, 1, 10), 150)]


def test_every_target_page_agrees_with_the_overview(database_url: str, plan: Plan) -> None:
    store = Ledger(database_url)
    record(store, plan, "workers-trained", 4500, "2017-03-15", "Chương Mỹ")
    record(store, plan, "workers-trained", 800, "2017-07-15")
    record(store, plan, "village-brands", 4, "2017-06-01", "Gia Lâm")
    record(store, plan, "collective-trademarks", 2, "2017-05-10")
    for as_of in (D(2017, 3, 14), D(2017, 6, 30), D(2017, 12, 31)):
        overview = build_overview(plan, store, as_of)
        for target, progress in overview.targets:
            assert pace_of(plan, store, target, as_of).progress == progress
