"""The reporting matrix worked out by hand for a small plan and a handful of receipts.

The plan (``SMALL_PLAN``) reports quarterly, ten days after each quarter. The 30
districts owe its two summed targets; the city owes its level target (a level is the
city's by default) and a summed target the file says the city reports. Today is
20/07/2017: the first two quarters are due, the last two are not.

Timing is the point here, and ``entered_at`` is the server's clock at a write, so the
receipts are made by hand (``receipt``); the same counting on the real ledger, on SQLite
and PostgreSQL, is tests/service/test_reporting_service.py.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest

from tracker.domain.completeness import SEVERITY, CellState, Completeness, as_json, completeness
from tracker.domain.districts import district_names
from tracker.domain.periods import ALL_DISTRICTS, CITY
from tracker.domain.plan import Plan, parse_plan
from tracker.i18n import HANOI_TIME

SMALL_PLAN = """\
id: small-2017
title: {vi: "Kế hoạch nhỏ 2017", en: "Small plan 2017"}
issued_by: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
source: "plan-2017-article.vi.txt"
period: {start: 2017-01-01, end: 2017-12-31}
reporting: {cadence: quarterly, due_days: 10}
categories:
  - id: training
    title: {vi: "Đào tạo nghề", en: "Craft training"}
targets:
  - id: workers
    title: {vi: "Đào tạo nghề cho lao động", en: "Craft training for workers"}
    short: {vi: "Lao động học nghề", en: "Workers trained"}
    unit: {vi: "lao động", en: "workers"}
    goal: {shape: exact, value: 30000}
    agency: {vi: "UBND thành phố", en: "City"}
    category: training
    source_text: "đào tạo nghề cho 30.000 lao động"
  - id: owners
    title: {vi: "Tập huấn chủ doanh nghiệp", en: "Owners trained"}
    short: {vi: "Chủ DN tập huấn", en: "Owners trained"}
    unit: {vi: "chủ DN", en: "owners"}
    goal: {shape: exact, value: 100}
    agency: {vi: "UBND thành phố", en: "City"}
    category: training
    source_text: "tập huấn cho 100 chủ DN"
  - id: villages
    title: {vi: "Làng nghề được công nhận", en: "Recognised craft villages"}
    short: {vi: "Làng nghề công nhận", en: "Recognised villages"}
    unit: {vi: "làng nghề", en: "villages"}
    goal: {shape: exact, value: 300}
    aggregation: latest
    agency: {vi: "UBND thành phố", en: "City"}
    category: training
    source_text: "300 làng nghề được công nhận"
  - id: fairs
    title: {vi: "Hội chợ của thành phố", en: "City fairs"}
    short: {vi: "Hội chợ", en: "Fairs"}
    unit: {vi: "hội chợ", en: "fairs"}
    goal: {shape: exact, value: 4}
    reported_by: city
    agency: {vi: "UBND thành phố", en: "City"}
    category: training
    source_text: "tổ chức 4 hội chợ"
"""

D = dt.date
TODAY = D(2017, 7, 20)
PERIODS = ("2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4")
DISTRICT_TARGETS = ("workers", "owners")
CITY_TARGETS = ("villages", "fairs")


def small_plan() -> Plan:
    return parse_plan(SMALL_PLAN.encode(), "small.yaml")


def hanoi(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment on the office's clock, stored as the ledger stores it (UTC)."""
    return dt.datetime.combine(day, dt.time(hour, minute), HANOI_TIME).astimezone(dt.UTC)


@dataclass(frozen=True)
class Made:
    """A receipt as Ledger.receipts gives it: what one place sent for one target in one period."""

    target_id: str
    district: str | None
    period: str
    entries: int
    nil: int
    first_at: dt.datetime
    last_at: dt.datetime


def receipt(target: str, place: str | None, period: str, first: dt.datetime, last: dt.datetime | None = None,
            entries: int = 1, nil: int = 0) -> Made:  # fmt: skip
    return Made(target, place, period, entries, nil, first, last or first)


def both(place: str, period: str, first: dt.datetime, last: dt.datetime | None = None, nil: bool = False) -> list[Made]:
    """The place sent both district targets, the first at ``first``, the second at ``last``."""
    second = last or first
    return [
        receipt("workers", place, period, first, nil=int(nil)),
        receipt("owners", place, period, second, nil=int(nil)),
    ]


RECEIPTS: list[Made] = [
    # Chương Mỹ: both quarters whole and on time
    *both("Chương Mỹ", "2017-Q1", hanoi(D(2017, 4, 5))),
    *both("Chương Mỹ", "2017-Q2", hanoi(D(2017, 7, 3)), hanoi(D(2017, 7, 9))),
    receipt("villages", "Chương Mỹ", "2017-Q1", hanoi(D(2017, 4, 5))),  # not owed by a district: not counted
    # Sơn Tây: nil reports, on time in Q1, late in Q2
    *both("Sơn Tây", "2017-Q1", hanoi(D(2017, 4, 1)), nil=True),
    *both("Sơn Tây", "2017-Q2", hanoi(D(2017, 7, 15)), nil=True),
    # Thanh Oai: one target only in Q1; in Q2 the first target on time, the second after the due day
    receipt("workers", "Thanh Oai", "2017-Q1", hanoi(D(2017, 3, 20)), hanoi(D(2017, 5, 2)), entries=3),
    receipt("workers", "Thanh Oai", "2017-Q2", hanoi(D(2017, 7, 1))),
    receipt("owners", "Thanh Oai", "2017-Q2", hanoi(D(2017, 7, 12))),
    # Mỹ Đức: Q1 in at 23:59 on the due day (on time), Q2 at 00:30 the day after (late):
    # on a UTC clock both would read as the due day
    *both("Mỹ Đức", "2017-Q1", hanoi(D(2017, 4, 10), 23, 59)),
    *both("Mỹ Đức", "2017-Q2", hanoi(D(2017, 7, 11), 0, 30)),
    # Đông Anh: part of the quarter not yet due; Gia Lâm: all of it
    receipt("workers", "Đông Anh", "2017-Q3", hanoi(D(2017, 7, 15))),
    *both("Gia Lâm", "2017-Q3", hanoi(D(2017, 7, 16))),
    # the city: both its targets in Q1 on time, the level alone in Q2
    receipt("villages", None, "2017-Q1", hanoi(D(2017, 4, 9))),
    receipt("fairs", None, "2017-Q1", hanoi(D(2017, 4, 2)), hanoi(D(2017, 6, 1)), entries=2),
    receipt("villages", None, "2017-Q2", hanoi(D(2017, 7, 2))),
    receipt("workers", None, "2017-Q2", hanoi(D(2017, 7, 2))),  # a city-wide row of a district target: not owed
]
# Ba Vì, like every district not named above, sent nothing at all.

S = CellState
EXPECTED_CELLS: dict[str, tuple[CellState, ...]] = {
    "Chương Mỹ": (S.on_time, S.on_time, S.not_due, S.not_due),
    "Sơn Tây": (S.nil, S.nil, S.not_due, S.not_due),
    "Thanh Oai": (S.partial, S.late, S.not_due, S.not_due),
    "Mỹ Đức": (S.on_time, S.late, S.not_due, S.not_due),
    "Đông Anh": (S.missing, S.missing, S.partial, S.not_due),
    "Gia Lâm": (S.missing, S.missing, S.on_time, S.not_due),
    CITY: (S.on_time, S.partial, S.not_due, S.not_due),
}
SILENT = (S.missing, S.missing, S.not_due, S.not_due)


@pytest.fixture(scope="module")
def matrix() -> Completeness:
    return completeness(small_plan(), RECEIPTS, TODAY)


def test_the_small_plan_is_owed_by_the_districts_and_the_city() -> None:
    plan = small_plan()
    assert {t.id: t.owed_by.value for t in plan.targets} == {
        "workers": "districts", "owners": "districts", "villages": "city", "fairs": "city",
    }  # fmt: skip


def test_every_cell_has_the_state_worked_out_by_hand(matrix: Completeness) -> None:
    assert set(matrix.places) == {*district_names(), CITY}  # those that sent nothing are rows too
    assert [p.name for p in matrix.periods] == list(PERIODS)
    shown = {place: tuple(matrix.cell(place, period).state for period in PERIODS) for place in matrix.places}
    expected = {place: EXPECTED_CELLS.get(place, SILENT) for place in matrix.places}
    assert shown == expected


def test_a_cell_keeps_what_lies_behind_it(matrix: Completeness) -> None:
    thanh_oai = matrix.cell("Thanh Oai", "2017-Q1")
    assert (thanh_oai.owed, thanh_oai.covered) == (DISTRICT_TARGETS, ("workers",))
    assert thanh_oai.missing_targets == ("owners",)
    assert (thanh_oai.entries, thanh_oai.nil, thanh_oai.reported, thanh_oai.complete) == (3, 0, True, False)
    assert (thanh_oai.first_at, thanh_oai.last_at) == (hanoi(D(2017, 3, 20)), hanoi(D(2017, 5, 2)))
    assert thanh_oai.completed_at is None and not thanh_oai.on_time and not thanh_oai.late
    late = matrix.cell("Thanh Oai", "2017-Q2")
    # its first entry came on time, its report was whole only on 12/07: late
    assert late.first_at == hanoi(D(2017, 7, 1)) and late.completed_at == hanoi(D(2017, 7, 12))
    assert (late.complete, late.on_time, late.late) == (True, False, True)
    chuong_my = matrix.cell("Chương Mỹ", "2017-Q1")
    assert chuong_my.covered == DISTRICT_TARGETS and chuong_my.entries == 2  # its "villages" row is not its to owe
    nil = matrix.cell("Sơn Tây", "2017-Q2")
    assert (nil.entries, nil.nil, nil.complete, nil.late) == (2, 2, True, True)
    city = matrix.cell(CITY, "2017-Q2")
    assert (city.owed, city.covered, city.entries) == (CITY_TARGETS, ("villages",), 1)  # its "workers" row is not owed
    fairs = matrix.cell(CITY, "2017-Q1")
    assert (fairs.entries, fairs.last_at) == (3, hanoi(D(2017, 6, 1)))
    silent = matrix.cell("Ba Vì", "2017-Q2")
    assert (silent.covered, silent.entries, silent.first_at, silent.last_at) == ((), 0, None, None)
    assert silent.status == "open"


def summary(matrix: Completeness, period: str) -> dict[str, object]:
    found = matrix.summary_of(period)
    assert found is not None
    return {
        "owed": found.owed, "reported": found.reported, "complete": found.complete, "on_time": found.on_time,
        "late": found.late, "nil": found.nil, "missing": set(found.missing), "is_due": found.is_due,
    }  # fmt: skip


def everyone_but(*places: str) -> set[str]:
    return {*district_names(), CITY} - set(places)


def test_each_period_counts_what_its_cells_say(matrix: Completeness) -> None:
    assert summary(matrix, "2017-Q1") == {
        "owed": 31, "reported": 5, "complete": 4, "on_time": 4, "late": 0, "nil": 1, "is_due": True,
        "missing": everyone_but("Chương Mỹ", "Sơn Tây", "Thanh Oai", "Mỹ Đức", CITY),
    }  # fmt: skip
    assert summary(matrix, "2017-Q2") == {
        # Sơn Tây's late nil report counts as late and as a nil report; the city is partly in
        "owed": 31, "reported": 5, "complete": 4, "on_time": 1, "late": 3, "nil": 1, "is_due": True,
        "missing": everyone_but("Chương Mỹ", "Sơn Tây", "Thanh Oai", "Mỹ Đức", CITY),
    }  # fmt: skip
    assert summary(matrix, "2017-Q3") == {
        "owed": 31, "reported": 2, "complete": 1, "on_time": 1, "late": 0, "nil": 0, "is_due": False,
        "missing": everyone_but("Đông Anh", "Gia Lâm"),
    }  # fmt: skip
    assert summary(matrix, "2017-Q4")["missing"] == everyone_but()
    for period in matrix.by_period:  # complete = on time + late; owed = complete + partly + missing
        partly = sum(1 for place in matrix.places if matrix.cell(place, period.period.name).state == S.partial)
        assert period.complete == period.on_time + period.late
        assert period.owed == period.complete + partly + len(period.missing)
    q2 = matrix.summary_of("2017-Q2")
    assert q2 is not None and (q2.rate, q2.on_time_rate) == (5 / 31, 1 / 31)


def test_each_period_counts_each_target(matrix: Completeness) -> None:
    q1 = matrix.summary_of("2017-Q1")
    assert q1 is not None
    by_target = {row["target"]: row for row in q1.targets}
    assert list(by_target) == ["workers", "owners", "villages", "fairs"]
    assert (by_target["workers"]["owed"], by_target["workers"]["reported"]) == (30, 4)
    assert set(by_target["workers"]["missing"]) == set(district_names()) - {"Chương Mỹ", "Sơn Tây", "Thanh Oai",
                                                                            "Mỹ Đức"}  # fmt: skip
    assert (by_target["owners"]["owed"], by_target["owners"]["reported"]) == (30, 3)
    assert "Thanh Oai" in by_target["owners"]["missing"]
    assert by_target["villages"] == {"target": "villages", "owed": 1, "reported": 1, "missing": []}
    q2 = matrix.summary_of("2017-Q2")
    assert q2 is not None
    assert {row["target"]: row for row in q2.targets}["fairs"] == {"target": "fairs", "owed": 1, "reported": 0,
                                                                   "missing": [CITY]}  # fmt: skip


def test_each_place_has_its_rates_over_the_periods_due(matrix: Completeness) -> None:
    def rates(place: str) -> tuple[object, ...]:
        s = matrix.by_place[place]
        return s.due_periods, s.reported, s.complete, s.on_time, s.late, s.rate, s.on_time_rate

    assert rates("Chương Mỹ") == (2, 2, 2, 2, 0, 1.0, 1.0)
    assert rates("Sơn Tây") == (2, 2, 2, 1, 1, 1.0, 0.5)
    assert rates("Thanh Oai") == (2, 2, 1, 0, 1, 1.0, 0.0)
    assert rates("Mỹ Đức") == (2, 2, 2, 1, 1, 1.0, 0.5)
    assert rates(CITY) == (2, 2, 1, 1, 0, 1.0, 0.5)
    assert rates("Ba Vì") == (2, 0, 0, 0, 0, 0.0, 0.0)
    assert rates("Gia Lâm") == (2, 0, 0, 0, 0, 0.0, 0.0)  # its quarter not yet due does not count yet


def test_places_are_listed_worst_first(matrix: Completeness) -> None:
    # nothing due sent, in the list's order: Ba Vì, and Đông Anh, whose part of a quarter
    # not yet due is not behind yet, so it ties with those that sent nothing at all
    silent = [d for d in district_names() if d not in EXPECTED_CELLS or d == "Đông Anh"]
    assert list(matrix.places) == [
        *silent,
        "Gia Lâm",  # nothing due sent either, but a quarter not yet due already whole
        "Thanh Oai",  # reported both quarters, on time in neither, complete in one
        CITY,  # reported both, on time in one, complete in one
        "Mỹ Đức",  # on time in one, complete in both, the other quarter late
        "Sơn Tây",  # on time in one, complete in both, nil reports only (one of them late)
        "Chương Mỹ",  # everything on time
    ]
    assert SEVERITY[S.missing] < SEVERITY[S.partial] < SEVERITY[S.late] < SEVERITY[S.on_time]


def test_a_period_is_not_due_on_its_due_day_and_missing_the_day_after() -> None:
    plan = small_plan()
    on_due_day = completeness(plan, [], D(2017, 7, 10))
    day_after = completeness(plan, [], D(2017, 7, 11))
    assert on_due_day.cell("Ba Vì", "2017-Q2").state == S.not_due
    assert day_after.cell("Ba Vì", "2017-Q2").state == S.missing
    assert on_due_day.latest_due() is not None and on_due_day.latest_due().period.name == "2017-Q1"  # type: ignore[union-attr]
    assert day_after.latest_due().period.name == "2017-Q2"  # type: ignore[union-attr]
    assert completeness(plan, [], D(2017, 4, 10)).latest_due() is None
    nothing_due = completeness(plan, [], D(2017, 4, 10))
    assert all(s.rate is None for s in nothing_due.by_place.values())


def test_one_target_asks_only_those_who_owe_it() -> None:
    plan = small_plan()
    workers = completeness(plan, RECEIPTS, TODAY, target_id="workers")
    assert CITY not in workers.places and len(workers.places) == 30
    assert workers.cell("Thanh Oai", "2017-Q1").state == S.on_time  # it owes only this one here
    assert workers.cell("Thanh Oai", "2017-Q2").state == S.on_time
    fairs = completeness(plan, RECEIPTS, TODAY, target_id="fairs")
    assert fairs.places == (CITY,)
    assert [fairs.cell(CITY, p).state for p in PERIODS] == [S.on_time, S.missing, S.not_due, S.not_due]


def test_statuses_show_on_the_cells_and_a_whole_lock_wins() -> None:
    statuses = {("Chương Mỹ", "2017-Q1"): "approved", ("Chương Mỹ", "2017-Q2"): "submitted",
                (ALL_DISTRICTS, "2017-Q2"): "locked"}  # fmt: skip
    result = completeness(small_plan(), RECEIPTS, TODAY, statuses=statuses)
    assert result.cell("Chương Mỹ", "2017-Q1").status == "approved"
    assert result.cell("Chương Mỹ", "2017-Q2").status == "locked"
    assert result.cell(CITY, "2017-Q2").status == "locked"
    assert result.cell("Ba Vì", "2017-Q1").status == "open"


def test_only_the_periods_asked_for() -> None:
    plan = small_plan()
    q2 = plan.reporting_period("2017-Q2")
    assert q2 is not None
    result = completeness(plan, RECEIPTS, TODAY, periods=[q2])
    assert [s.period.name for s in result.by_period] == ["2017-Q2"]
    assert result.by_place["Chương Mỹ"].due_periods == 1


def test_as_json_has_exactly_the_shape_the_issue_names(matrix: Completeness) -> None:
    shown = json.loads(json.dumps(as_json(matrix), ensure_ascii=False))
    assert set(shown) == {"plan", "periods"}
    assert shown["plan"] == "small-2017"
    assert [p["period"] for p in shown["periods"]] == list(PERIODS)
    q2 = shown["periods"][1]
    assert set(q2) == {"period", "start", "end", "due", "owed", "reported", "complete", "on_time", "late", "nil",
                       "missing", "targets"}  # fmt: skip
    assert (q2["start"], q2["end"], q2["due"]) == ("2017-04-01", "2017-06-30", "2017-07-10")
    assert (q2["owed"], q2["reported"], q2["complete"], q2["on_time"], q2["late"], q2["nil"]) == (31, 5, 4, 1, 3, 1)
    assert set(q2["missing"]) == everyone_but("Chương Mỹ", "Sơn Tây", "Thanh Oai", "Mỹ Đức", CITY)
    assert "(city)" not in q2["missing"] and "(city)" in shown["periods"][3]["missing"]
    for target in q2["targets"]:
        assert set(target) == {"target", "owed", "reported", "missing"}
