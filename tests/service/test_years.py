"""This year against last year (tracker.service.years), with the figures worked out by hand
for a small ledger of the real 2017 and 2018 plans, on SQLite and on PostgreSQL.

The four chains of targets.yaml: workers trained (about 30 000, then about 24 000),
village brands (a range: 10-15, then 10-12), machinery (2017 counted projects, 2018
counts facilities: a change of measure) and managers trained (owners, then attendances).
Each year's figure is read from its own plan's entries, though both plans use the ids
``workers-trained``, ``village-brands`` and ``managers-trained``.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import at_server
from tests.helpers import TARGETS_FILE
from tracker import service
from tracker.domain.plan import Plan, PlanSet, parse_plans, read_plans
from tracker.domain.progress import Status
from tracker.service.years import Comparison, MonthDay, compare_years, comparison_as_json, default_day, last_year
from tracker.storage.ledger import Ledger

P17 = "hanoi-craft-villages-2017"
P18 = "hanoi-craft-villages-2018"
WORKERS = "workers-trained"
BRANDS = "village-brands"
MANAGERS = "managers-trained"
PROJECTS = "machinery-projects"  # 2017
FACILITIES = "machinery-facilities"  # 2018, continues PROJECTS
D = dt.date
LONG_AFTER = D(2026, 11, 30)  # both plans are over: each year's figure is its final one
JUNE_30 = MonthDay(6, 30)
AS_STAFF = at_server("Sở Công Thương")

# (target, quantity, date) of each plan
ENTRIES_2017 = [
    (WORKERS, 4000, "2017-03-31"),
    (WORKERS, 6000, "2017-06-30"),  # on the compared day itself: counts by then
    (WORKERS, 5000, "2017-07-01"),  # the day after: only in the whole year
    (WORKERS, 14000, "2017-11-15"),
    (BRANDS, 4, "2017-05-01"),
    (BRANDS, 7, "2017-09-01"),
    (PROJECTS, 2, "2017-04-01"),
    (PROJECTS, 8, "2017-10-01"),
    (MANAGERS, 30, "2017-02-28"),
    (MANAGERS, 75, "2017-08-20"),
]
ENTRIES_2018 = [
    (WORKERS, 3000, "2018-02-10"),
    (WORKERS, 9000, "2018-06-29"),
    (WORKERS, 1000, "2018-07-02"),
    (BRANDS, 6, "2018-06-30"),
    (BRANDS, 3, "2018-12-31"),
    (FACILITIES, 5, "2018-06-01"),
    (MANAGERS, 700, "2018-06-30"),
    (MANAGERS, 800, "2018-09-09"),
    ("export-design-consultants", 20, "2018-03-01"),  # new in 2018, no year before: in no chain
]

# By hand, at 30/06 of each year and over the whole year:
#   workers   2017: 4 000 + 6 000 = 10 000; 29 000 of about 30 000 (met from 28 500): achieved
#             2018: 3 000 + 9 000 = 12 000; 13 000 of about 24 000 (met from 22 800): missed
#   brands    2017: 4; 11 of 10-15: achieved        2018: 6; 9 of 10-12: missed
#   machinery 2017: 2; 10 of 10 projects: achieved   2018: 5; 5 of 14 facilities: missed
#   managers  2017: 30; 105 of 100: achieved         2018: 700; 1 500 of about 1 500: achieved
MACHINERY_NOTE_EN = "2017 counted projects; 2018 counts the production facilities that have one"
MACHINERY_NOTE_VI = "Năm 2017 đếm số dự án; năm 2018 đếm số cơ sở sản xuất có dự án"
MANAGERS_NOTE_EN = "2017 counted the owners trained; 2018 counts attendances (one person may attend several courses)"


@pytest.fixture(scope="module")
def plans() -> PlanSet:
    return read_plans(TARGETS_FILE)


def plan_of(plans: PlanSet, year: str) -> Plan:
    found = plans.find(year)
    assert found is not None
    return found


@pytest.fixture
def seeded(plans: PlanSet, ledger: Ledger) -> Ledger:
    """The entries above, each recorded through the service into its own plan."""
    for year, rows in (("2017", ENTRIES_2017), ("2018", ENTRIES_2018)):
        for target_id, quantity, day in rows:
            plan = plan_of(plans, year)
            service.record_entry(plan, ledger, AS_STAFF, target_id=target_id, quantity=quantity, ref_date=day)
    return ledger


def figures(comparison: Comparison) -> list[tuple[object, ...]]:
    """Each year of a chain as a person reads it: plan, target, by the day, whole year, status."""
    return [
        (
            year.plan.id,
            year.target.id,
            year.at_day.achieved,
            year.progress.achieved,
            year.progress.status,
            year.measure_changed,
        )
        for year in comparison.years
    ]


# --- compare_years -------------------------------------------------------------------------


def test_each_chain_year_by_year_at_the_same_day_and_whole(plans: PlanSet, seeded: Ledger) -> None:
    day, comparisons = compare_years(plans, seeded, JUNE_30, today=LONG_AFTER)
    assert day == JUNE_30
    assert [c.chain.id for c in comparisons] == [
        f"{P17}/{WORKERS}",
        f"{P17}/{BRANDS}",
        f"{P17}/{PROJECTS}",
        f"{P17}/{MANAGERS}",
    ]
    workers, brands, machinery, managers = comparisons
    assert figures(workers) == [
        (P17, WORKERS, 10000, 29000, Status.achieved, False),
        (P18, WORKERS, 12000, 13000, Status.missed, False),
    ]
    assert figures(brands) == [
        (P17, BRANDS, 4, 11, Status.achieved, False),
        (P18, BRANDS, 6, 9, Status.missed, False),
    ]
    assert figures(machinery) == [
        (P17, PROJECTS, 2, 10, Status.achieved, False),
        (P18, FACILITIES, 5, 5, Status.missed, True),
    ]
    assert figures(managers) == [
        (P17, MANAGERS, 30, 105, Status.achieved, False),
        (P18, MANAGERS, 700, 1500, Status.achieved, True),
    ]


def test_the_dates_goals_and_percentages_of_each_year(plans: PlanSet, seeded: Ledger) -> None:
    _, comparisons = compare_years(plans, seeded, JUNE_30, today=LONG_AFTER)
    workers, brands, machinery, managers = comparisons
    for comparison in comparisons:
        for year in comparison.years:
            assert year.at_day.as_of == D(year.plan.year, 6, 30)
            assert year.progress.as_of == D(year.plan.year, 12, 31)  # the plan is over: its last day
    w17, w18 = workers.years
    assert (w17.progress.goal_min, w18.progress.goal_min) == (30000, 24000)
    assert w17.progress.percent_of_min == pytest.approx(29000 / 30000)
    assert w18.progress.percent_of_min == pytest.approx(13000 / 24000)
    # at 30/06 (181 of 365 days): 2017 had 10 000 of the 14 877 expected, 2018 had 12 000 of 11 901
    assert w17.at_day.expected == pytest.approx(30000 * 181 / 365)
    assert (w17.at_day.status, w18.at_day.status) == (Status.needs_acceleration, Status.on_track)
    b17, b18 = brands.years
    assert (b17.progress.goal_min, b17.progress.goal_max) == (10, 15)
    assert (b18.progress.goal_min, b18.progress.goal_max) == (10, 12)
    assert (b17.progress.percent_of_min, b17.progress.percent_of_max) == (pytest.approx(1.1), pytest.approx(11 / 15))
    assert b18.progress.percent_of_min == pytest.approx(0.9)
    m17, m18 = machinery.years
    assert (m17.progress.percent_of_min, m18.progress.percent_of_min) == (pytest.approx(1.0), pytest.approx(5 / 14))
    assert managers.years[0].progress.percent_of_min == pytest.approx(1.05)
    assert managers.years[1].progress.percent_of_min == pytest.approx(1.0)


def test_the_status_at_the_compared_day_is_the_pace_rule_at_that_day_of_each_year(
    plans: PlanSet, seeded: Ledger
) -> None:
    """Issue 18: at 06-30 every year said «missed», the whole year's status beside the
    figures by 30/06. 2018's workers were on track at 30/06/2018 (12 000 of the 11 901
    expected), as the 2018 overview at that date says, though the year was missed."""
    _, comparisons = compare_years(plans, seeded, JUNE_30, today=LONG_AFTER)
    plan_2017, plan_2018 = plan_of(plans, "2017"), plan_of(plans, "2018")
    overview_17 = service.build_overview(plan_2017, seeded, D(2017, 6, 30))
    overview_18 = service.build_overview(plan_2018, seeded, D(2018, 6, 30))
    shown = comparison_as_json(*compare_years(plans, seeded, JUNE_30, today=LONG_AFTER), "en")
    for comparison, series in zip(comparisons, shown["series"], strict=True):
        for year, overview, row in zip(comparison.years, (overview_17, overview_18), series["years"], strict=True):
            assert year.status_at_day == overview.progress_of(year.target.id).status  # the overview's rule
            assert row["status_at_day"] == year.status_at_day.value
            assert row["status"] == year.progress.status.value
    w17, w18 = comparisons[0].years
    assert (w17.status_at_day, w17.progress.status) == (Status.needs_acceleration, Status.achieved)
    assert (w18.status_at_day, w18.progress.status) == (Status.on_track, Status.missed)


def test_a_change_of_measure_is_said_on_the_later_year(plans: PlanSet, seeded: Ledger) -> None:
    _, comparisons = compare_years(plans, seeded, JUNE_30, today=LONG_AFTER)
    workers, brands, machinery, managers = comparisons
    for comparison in comparisons:
        assert comparison.years[0].link is None  # the first year continues nothing
    m18 = machinery.years[1]
    assert m18.link is not None and m18.link.change_note is not None
    assert (m18.link.earlier_plan.id, m18.link.earlier.id) == (P17, PROJECTS)
    assert (m18.link.change_note.en, m18.link.change_note.vi) == (MACHINERY_NOTE_EN, MACHINERY_NOTE_VI)
    assert managers.years[1].link.change_note.en == MANAGERS_NOTE_EN  # type: ignore[union-attr]
    for same_measure in (workers.years[1], brands.years[1]):
        assert same_measure.link is not None and same_measure.link.change_note is None
        assert not same_measure.measure_changed


def test_each_years_curve_climbs_by_its_own_entries(plans: PlanSet, seeded: Ledger) -> None:
    _, comparisons = compare_years(plans, seeded, JUNE_30, today=LONG_AFTER)
    w17, w18 = comparisons[0].years
    assert w17.curve == (
        (D(2016, 12, 31), 0.0),
        (D(2017, 3, 31), 4000.0),
        (D(2017, 6, 30), 10000.0),
        (D(2017, 7, 1), 15000.0),
        (D(2017, 11, 15), 29000.0),
        (D(2017, 12, 31), 29000.0),
    )
    assert w18.curve == (
        (D(2017, 12, 31), 0.0),
        (D(2018, 2, 10), 3000.0),
        (D(2018, 6, 29), 12000.0),
        (D(2018, 7, 2), 13000.0),
        (D(2018, 12, 31), 13000.0),
    )


def test_while_2018_runs_it_is_compared_at_today_and_2017_at_the_same_day(plans: PlanSet, seeded: Ledger) -> None:
    day, comparisons = compare_years(plans, seeded, today=D(2018, 7, 1))
    assert day == MonthDay(7, 1)
    w17, w18 = comparisons[0].years
    assert (w18.progress.as_of, w18.progress.achieved, w18.at_day.achieved) == (D(2018, 7, 1), 12000, 12000)
    assert (w17.progress.as_of, w17.progress.achieved) == (D(2017, 12, 31), 29000)  # 2017 is over: final
    assert (w17.at_day.as_of, w17.at_day.achieved) == (D(2017, 7, 1), 15000)
    assert w18.curve[-1] == (D(2018, 7, 1), 12000.0)


def test_the_years_are_the_same_whichever_plan_the_ledger_was_opened_for(plans: PlanSet, seeded: Ledger) -> None:
    expected = comparison_as_json(*compare_years(plans, seeded, JUNE_30, today=LONG_AFTER), "en")
    of_2018 = seeded.for_plan(P18)
    assert comparison_as_json(*compare_years(plans, of_2018, JUNE_30, today=LONG_AFTER), "en") == expected


def test_29_february_is_28_february_in_a_year_without_it(plans: PlanSet, seeded: Ledger) -> None:
    leap_day = MonthDay.parse("02-29")
    assert leap_day == MonthDay(2, 29) and str(leap_day) == "02-29"
    assert leap_day.in_year(2016) == D(2016, 2, 29)
    assert leap_day.in_year(2017) == D(2017, 2, 28)
    assert leap_day.in_year(2018) == D(2018, 2, 28)

    day, comparisons = compare_years(plans, seeded, leap_day, today=LONG_AFTER)
    workers, _, _, managers = comparisons
    assert [year.at_day.as_of for year in workers.years] == [D(2017, 2, 28), D(2018, 2, 28)]
    assert [year.at_day.achieved for year in workers.years] == [0, 3000]
    assert managers.years[0].at_day.achieved == 30  # recorded on 28/02/2017: counts by "29/02"
    assert comparison_as_json(day, comparisons, "vi")["as_of_day"] == "02-29"


@pytest.mark.parametrize("text", ["13-45", "02-30", "04-31", "00-10", "6-30", "06/30", "30-06", "", "hôm nay"])
def test_a_day_that_no_year_has_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        MonthDay.parse(text)


# --- the JSON of `python -m tracker compare --json` --------------------------------------


def _year(
    plan: str,
    target: str,
    goal: tuple[float, float],
    achieved: float,
    at_day: float,
    status_at_day: str,
    status: str,
    note: str | None = None,
) -> dict[str, object]:
    return {
        "plan": plan,
        "target": target,
        "goal_min": goal[0],
        "goal_max": goal[1],
        "achieved": achieved,
        "achieved_at_day": at_day,
        "status_at_day": status_at_day,
        "status": status,
        "measure_changed": note is not None,
        "change_note": note,
    }


def test_comparison_as_json_has_exactly_the_documented_shape(plans: PlanSet, seeded: Ledger) -> None:
    data = comparison_as_json(*compare_years(plans, seeded, JUNE_30, today=LONG_AFTER), "en")
    assert json.loads(json.dumps(data)) == data  # plain JSON, nothing that only Python reads
    assert data == {
        "as_of_day": "06-30",
        "series": [
            {
                "id": f"{P17}/{WORKERS}",
                "title": "Vocational training for rural workers",  # the latest year's title
                "years": [
                    _year(P17, WORKERS, (30000, 30000), 29000, 10000, "needs_acceleration", "achieved"),
                    _year(P18, WORKERS, (24000, 24000), 13000, 12000, "on_track", "missed"),
                ],
            },
            {
                "id": f"{P17}/{BRANDS}",
                "title": "Craft villages supported to build and develop brands",
                "years": [
                    _year(P17, BRANDS, (10, 15), 11, 4, "needs_acceleration", "achieved"),
                    _year(P18, BRANDS, (10, 12), 9, 6, "on_track", "missed"),
                ],
            },
            {
                "id": f"{P17}/{PROJECTS}",
                "title": "Production facilities with investment projects applying advanced modern machinery",
                "years": [
                    _year(P17, PROJECTS, (10, 10), 10, 2, "off_track", "achieved"),
                    _year(P18, FACILITIES, (14, 14), 5, 5, "needs_acceleration", "missed", MACHINERY_NOTE_EN),
                ],
            },
            {
                "id": f"{P17}/{MANAGERS}",
                "title": "Management training for leaders of businesses and owners of rural production facilities",
                "years": [
                    _year(P17, MANAGERS, (100, 100), 105, 30, "needs_acceleration", "achieved"),
                    _year(P18, MANAGERS, (1500, 1500), 1500, 700, "needs_acceleration", "achieved", MANAGERS_NOTE_EN),
                ],
            },
        ],
    }


def test_comparison_as_json_in_vietnamese(plans: PlanSet, seeded: Ledger) -> None:
    data = comparison_as_json(*compare_years(plans, seeded, JUNE_30, today=LONG_AFTER), "vi")
    machinery = data["series"][2]
    assert machinery["title"] == "Cơ sở sản xuất có dự án đầu tư ứng dụng máy móc, thiết bị tiên tiến hiện đại"
    assert [year["change_note"] for year in machinery["years"]] == [None, MACHINERY_NOTE_VI]


# --- default_day and last_year ------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "day"),
    [
        pytest.param(D(2017, 8, 1), MonthDay(8, 1), id="2017-running"),
        pytest.param(D(2018, 4, 15), MonthDay(4, 15), id="2018-running"),
        pytest.param(D(2018, 12, 31), MonthDay(12, 31), id="2018-last-day"),
        pytest.param(D(2019, 1, 1), MonthDay(12, 31), id="all-over"),
        pytest.param(LONG_AFTER, MonthDay(12, 31), id="long-after"),
    ],
)
def test_the_default_day_is_today_while_a_plan_runs_and_the_years_end_after(
    plans: PlanSet, today: dt.date, day: MonthDay
) -> None:
    assert default_day(plans, today) == day


def test_last_year_at_the_same_day(plans: PlanSet, seeded: Ledger) -> None:
    plan_2018 = plan_of(plans, "2018")
    found = last_year(plans, seeded, plan_2018, plan_2018.target(WORKERS), D(2018, 6, 30), today=LONG_AFTER)
    assert found is not None
    assert (found.link.earlier_plan.id, found.link.earlier.id, found.day) == (P17, WORKERS, D(2017, 6, 30))
    assert (found.progress.as_of, found.progress.achieved) == (D(2017, 6, 30), 10000)
    assert (found.final.as_of, found.final.achieved, found.final.status) == (D(2017, 12, 31), 29000, Status.achieved)


def test_last_year_of_a_target_whose_measure_changed(plans: PlanSet, seeded: Ledger) -> None:
    plan_2018 = plan_of(plans, "2018")
    found = last_year(plans, seeded, plan_2018, plan_2018.target(FACILITIES), D(2018, 9, 30), today=LONG_AFTER)
    assert found is not None
    assert (found.link.earlier.id, found.day, found.progress.achieved, found.final.achieved) == (
        PROJECTS,
        D(2017, 9, 30),
        2,
        10,
    )
    assert found.link.change_note is not None and found.link.change_note.en == MACHINERY_NOTE_EN


def test_a_target_without_a_year_before_has_no_last_year(plans: PlanSet, seeded: Ledger) -> None:
    plan_2017, plan_2018 = plan_of(plans, "2017"), plan_of(plans, "2018")
    new_in_2018 = plan_2018.target("export-design-consultants")
    assert last_year(plans, seeded, plan_2018, new_in_2018, D(2018, 6, 30), today=LONG_AFTER) is None
    first_year = plan_2017.target(WORKERS)
    assert last_year(plans, seeded, plan_2017, first_year, D(2017, 6, 30), today=LONG_AFTER) is None


def test_a_target_that_starts_after_the_compared_day_has_nothing_by_then(ledger: Ledger) -> None:
    """A 2018 target whose own period starts on 01/07: by 30/06 it has nothing, though
    5.000 were recorded on its first day (found in review: that day was counted)."""
    text = TARGETS_FILE.read_text(encoding="utf-8")
    anchor = "        continues: hanoi-craft-villages-2017/workers-trained\n"
    late = text.replace(anchor, anchor + "        period: {start: 2018-07-01, end: 2018-12-31}\n", 1)
    plans = parse_plans(late.encode("utf-8"), "targets.yaml")
    plan_2018 = plan_of(plans, "2018")
    service.record_entry(
        plan_2018, ledger, AS_STAFF, target_id=WORKERS, quantity="5000", ref_date="2018-07-01", district=None
    )
    _, comparisons = compare_years(plans, ledger, JUNE_30, LONG_AFTER)
    later = next(c for c in comparisons if c.chain.latest.target.id == WORKERS).years[1]
    assert (later.at_day.as_of, later.at_day.achieved, later.at_day.status) == (
        D(2018, 6, 30),
        0.0,
        Status.not_started,
    )
    assert later.progress.achieved == 5000.0  # the whole period still counts it
