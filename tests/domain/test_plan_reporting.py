"""The plan file's reporting settings: ``reporting: {cadence, due_days}`` and a target's
``reported_by``. A mistake in them is reported as ``PATH:LINE: field: problem`` in both
languages, like every other field (tests/domain/test_plan_loader.py), by the loader and by
``python -m tracker check``; a sound file gives the periods and who owes what."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.domain.test_plan_loader import Expected, assert_reported, plan_text, problems_of
from tests.helpers import run_tracker
from tracker.domain.periods import Cadence, Reporter
from tracker.domain.plan import MAX_DUE_DAYS, Plan, PlanError, load_plan, parse_plans

PERIOD_LINE = "period: {start: 2017-01-01, end: 2017-12-31}\n"
BRANDS_CATEGORY = "    category: branding\n"  # the third target's (village-brands) category line


def with_reporting(block: str) -> str:
    """The loader tests' small plan with ``block`` right after its period (lines 6 on)."""
    return plan_text(PERIOD_LINE, PERIOD_LINE + block)


def with_brands(extra: str) -> str:
    """The small plan with ``extra`` lines added to its third target, after line 45."""
    return plan_text(BRANDS_CATEGORY, BRANDS_CATEGORY + extra)


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def loaded(tmp_path: Path, text: str) -> Plan:
    return load_plan(written(tmp_path, text))


# --- a sound file ------------------------------------------------------------------------


def test_without_a_reporting_block_a_plan_reports_quarterly_ten_days_after(tmp_path: Path) -> None:
    plan = loaded(tmp_path, plan_text())
    assert (plan.reporting.cadence, plan.reporting.due_days) == (Cadence.quarterly, 10)
    periods = plan.reporting_periods()
    assert [p.name for p in periods] == ["2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4"]
    assert [p.due for p in periods] == [dt.date(2017, 4, 10), dt.date(2017, 7, 10), dt.date(2017, 10, 10),
                                        dt.date(2018, 1, 10)]  # fmt: skip


def test_a_monthly_plan_has_twelve_periods_due_after_its_own_days(tmp_path: Path) -> None:
    plan = loaded(tmp_path, with_reporting("reporting:\n  cadence: monthly\n  due_days: 5\n"))
    periods = plan.reporting_periods()
    assert [p.name for p in periods] == [f"2017-{month:02d}" for month in range(1, 13)]
    assert periods[1].due == dt.date(2017, 3, 5)  # 28/02/2017 + 5
    assert plan.reporting_period("2017-03") == periods[2]
    assert plan.reporting_period(" 2017-03 ") == periods[2]
    assert plan.reporting_period("2017-Q1") is None  # a quarter is not a period of a monthly plan
    assert plan.reporting_period("2018-01") is None  # nor a month after the plan
    assert plan.reporting_period_at(dt.date(2017, 2, 14)) == periods[1]


@pytest.mark.parametrize("days", [0, MAX_DUE_DAYS])
def test_due_days_from_zero_to_the_limit_are_accepted(tmp_path: Path, days: int) -> None:
    plan = loaded(tmp_path, with_reporting(f"reporting: {{cadence: quarterly, due_days: {days}}}\n"))
    assert plan.reporting_periods()[0].due == dt.date(2017, 3, 31) + dt.timedelta(days=days)


def test_who_owes_a_target_by_default_and_as_the_file_says(tmp_path: Path) -> None:
    # the third target becomes a level (latest) target: owed by the city unless the file says otherwise
    plan = loaded(tmp_path, with_brands("    aggregation: latest\n"))
    assert {t.id: t.owed_by for t in plan.targets} == {
        "workers-trained": Reporter.districts,  # summed: every district owes it
        "managers-trained": Reporter.districts,
        "village-brands": Reporter.city,  # a level: the city as a whole
    }
    assert [t.id for t in plan.owed_targets(Reporter.city)] == ["village-brands"]
    text = with_brands("    aggregation: latest\n    reported_by: districts\n")
    text = text.replace('    category: training\n    source_text: "tập huấn', '    category: training\n'
                        '    reported_by: city\n    source_text: "tập huấn')  # fmt: skip
    plan = loaded(tmp_path, text)
    assert {t.id: t.owed_by for t in plan.targets} == {
        "workers-trained": Reporter.districts,
        "managers-trained": Reporter.city,  # summed, but the file says the city reports it
        "village-brands": Reporter.districts,  # a level the districts report each
    }
    assert [t.id for t in plan.owed_targets(Reporter.districts)] == ["workers-trained", "village-brands"]


def test_the_real_plans_report_quarterly_ten_days_after() -> None:
    from tests.helpers import TARGETS_FILE
    from tracker.domain.plan import read_plans

    for plan in read_plans(TARGETS_FILE):
        assert (plan.reporting.cadence, plan.reporting.due_days) == (Cadence.quarterly, 10)
        assert len(plan.reporting_periods()) == 4


# --- mistakes, each at its line and field --------------------------------------------------

NOT_ONE_OF_CADENCES = ("phải là một trong: 'monthly', 'quarterly'", "must be one of: 'monthly', 'quarterly'")
NOT_WHOLE = ("phải là một số ngày nguyên, ví dụ 10", "must be a whole number of days, such as 10")
TOO_LARGE = ("tối đa 90 ngày sau khi kỳ báo cáo kết thúc", "at most 90 days after the period ends")
NEGATIVE = ("không được âm", "must not be negative")
UNKNOWN_FIELD = ("trường không được biết đến", "unknown field")
NOT_A_MAPPING = ("phải là một bảng (mapping)", "must be a mapping")
NOT_ONE_OF_REPORTERS = ("phải là một trong: 'districts', 'city'", "must be one of: 'districts', 'city'")

# the block after line 5 -> what the loader must say
REPORTING_CASES: dict[str, tuple[str, list[Expected]]] = {
    "weekly": ("reporting:\n  cadence: weekly\n  due_days: 10\n",
               [Expected(7, "reporting.cadence", *NOT_ONE_OF_CADENCES)]),
    "capitalised": ("reporting:\n  cadence: Quarterly\n", [Expected(7, "reporting.cadence", *NOT_ONE_OF_CADENCES)]),
    "a number of months": ("reporting:\n  cadence: 3\n", [Expected(7, "reporting.cadence", *NOT_ONE_OF_CADENCES)]),
    "negative": ("reporting:\n  cadence: monthly\n  due_days: -1\n",
                 [Expected(8, "reporting.due_days", *NEGATIVE)]),
    "huge": ("reporting:\n  cadence: monthly\n  due_days: 365\n", [Expected(8, "reporting.due_days", *TOO_LARGE)]),
    "just past the limit": ("reporting:\n  due_days: 91\n", [Expected(7, "reporting.due_days", *TOO_LARGE)]),
    "a fraction": ("reporting:\n  due_days: 10.5\n", [Expected(7, "reporting.due_days", *NOT_WHOLE)]),
    "a whole float": ("reporting:\n  due_days: 10.0\n", [Expected(7, "reporting.due_days", *NOT_WHOLE)]),
    "quoted": ("reporting:\n  due_days: \"10\"\n", [Expected(7, "reporting.due_days", *NOT_WHOLE)]),
    "words": ("reporting:\n  due_days: mười ngày\n", [Expected(7, "reporting.due_days", *NOT_WHOLE)]),
    "a boolean": ("reporting:\n  due_days: true\n", [Expected(7, "reporting.due_days", *NOT_WHOLE)]),
    "a misspelt key": ("reporting:\n  cadence: quarterly\n  due_day: 10\n",
                       [Expected(8, "reporting.due_day", *UNKNOWN_FIELD)]),
    "a key of its own": ("reporting: {cadence: quarterly, due_days: 10, reminder: 3}\n",
                         [Expected(6, "reporting.reminder", *UNKNOWN_FIELD)]),
    "a bare word": ("reporting: quarterly\n", [Expected(6, "reporting", *NOT_A_MAPPING)]),
    "two mistakes": ("reporting:\n  cadence: yearly\n  due_days: -5\n",
                     [Expected(7, "reporting.cadence", *NOT_ONE_OF_CADENCES),
                      Expected(8, "reporting.due_days", *NEGATIVE)]),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(REPORTING_CASES))
def test_a_mistake_in_reporting_is_named_at_its_line_and_field(tmp_path: Path, case: str) -> None:
    block, expected = REPORTING_CASES[case]
    path = written(tmp_path, with_reporting(block))
    assert_reported(problems_of(path), path, expected)


@pytest.mark.parametrize("value", ["province", "City", "district", "[districts, city]", "true"])
def test_an_unknown_reported_by_is_named_with_the_allowed_values(tmp_path: Path, value: str) -> None:
    path = written(tmp_path, with_brands(f"    reported_by: {value}\n"))
    assert_reported(problems_of(path), path, [Expected(46, "targets[2].reported_by", *NOT_ONE_OF_REPORTERS)])


def test_a_mistake_in_the_second_plan_of_a_file_names_that_plan(tmp_path: Path) -> None:
    """A file of several plans (as targets.yaml is): the field says which plan."""
    first = plan_text().replace("\n", "\n    ").rstrip(" ")
    second = with_reporting("reporting: {cadence: weekly, due_days: 100}\n").replace(
        "id: test-plan-2017", "id: test-plan-2018"
    ).replace("2017-", "2018-").replace("\n", "\n    ").rstrip(" ")  # fmt: skip
    text = f"plans:\n  - {first}  - {second}"
    line = text.splitlines().index("    reporting: {cadence: weekly, due_days: 100}") + 1
    path = written(tmp_path, text)
    with pytest.raises(PlanError) as caught:
        parse_plans(text.encode(), str(path))
    assert_reported(
        caught.value,
        path,
        [
            Expected(line, "plans[1].reporting.cadence", *NOT_ONE_OF_CADENCES),
            Expected(line, "plans[1].reporting.due_days", *TOO_LARGE),
        ],
    )


def test_check_prints_reporting_mistakes_in_both_languages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = written(tmp_path, with_reporting("reporting:\n  cadence: weekly\n  due_days: 10.5\n"))
    code, out, err = run_tracker(capsys, "check", str(path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:7: reporting.cadence: phải là một trong: 'monthly', 'quarterly'",
        f"{path}:8: reporting.due_days: phải là một số ngày nguyên, ví dụ 10",
    ]
    path = written(tmp_path, with_brands("    reported_by: province\n"))
    code, out, err = run_tracker(capsys, "--lang", "en", "check", str(path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{path}:46: targets[2].reported_by: must be one of: 'districts', 'city'"]
