"""The real targets.yaml: every goal of the 2017 plan, with the numbers the plan states,
each traced to the plan's own words in the source article."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from tests.helpers import PROJECT_ROOT
from tracker.domain.plan import (
    SHORT_NAME_LIMIT,
    Aggregation,
    ApproximateGoal,
    ContextFigure,
    ExactGoal,
    Measure,
    Plan,
    RangeGoal,
    Target,
    Task,
    TaskStatus,
    folded_name,
    read_plans,
)
from tracker.i18n import Lang

ARTICLE = PROJECT_ROOT.parent / "shared" / "source" / "plan-2017-article.vi.txt"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

START, END = dt.date(2017, 1, 1), dt.date(2017, 12, 31)

# id -> (goal shape, minimum, maximum, the number as the article writes it)
TARGETS: dict[str, tuple[type, float, float, str]] = {
    "workers-trained": (ApproximateGoal, 30000, 30000, "30.000"),
    "managers-trained": (ExactGoal, 100, 100, "100"),
    "village-brands": (RangeGoal, 10, 15, "10-15"),
    "collective-trademarks": (RangeGoal, 8, 10, "8-10"),
    "fair-participants": (ExactGoal, 480, 480, "480"),
    "machinery-projects": (ExactGoal, 10, 10, "10"),
}

SO_CONG_THUONG = "Sở Công Thương Hà Nội"
UBND = "UBND thành phố Hà Nội"
# The article assigns the first six tasks to the Department of Industry and Trade and
# the last three to the city.
TASK_OWNERS = {
    "resolve-production-obstacles": SO_CONG_THUONG,
    "brand-building-support": SO_CONG_THUONG,
    "recognise-village-titles": SO_CONG_THUONG,
    "regional-linkage": SO_CONG_THUONG,
    "new-technology-support": SO_CONG_THUONG,
    "market-connection": SO_CONG_THUONG,
    "collective-trademark-development": UBND,
    "rural-vocational-training": UBND,
    "bank-credit-and-foreign-currency-loans": UBND,
}


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file():
        message = f"the plan's source article is not at {ARTICLE}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return ARTICLE.read_text(encoding="utf-8")


def _vietnamese_number(written: str) -> tuple[float, float]:
    """'30.000' -> (30000, 30000); '10-15' -> (10, 15): dots group thousands."""
    low, _, high = written.partition("-")
    return float(low.replace(".", "")), float((high or low).replace(".", ""))


def _has_number(text: str, written: str) -> bool:
    """``written`` stands as a whole number in ``text``: '10' is not found in '100' or '10-15'."""
    return re.search(rf"(?<![\d.,-]){re.escape(written)}(?![\d-]|[.,]\d)", text) is not None


def _is_vietnamese(text: str) -> bool:
    return any(ord(char) > 127 for char in text)


def _sourced(plan: Plan) -> list[Target | ContextFigure | Task]:
    return [*plan.targets, *plan.context_figures, *plan.tasks]


def test_the_plan_has_the_six_goals_in_the_articles_order(plan: Plan) -> None:
    assert [target.id for target in plan.targets] == list(TARGETS)
    assert plan.period.start == START and plan.period.end == END


@pytest.mark.parametrize("target_id", TARGETS)
def test_goal_shape_and_numbers(plan: Plan, target_id: str) -> None:
    shape, low, high, _ = TARGETS[target_id]
    target = plan.target(target_id)
    assert isinstance(target.goal, shape)
    assert (target.goal_min, target.goal_max) == (low, high)
    assert target.measure == Measure.count
    assert target.aggregation == Aggregation.sum
    if isinstance(target.goal, ApproximateGoal):
        assert 0 < target.goal.tolerance < 1  # "khoảng 30.000" is met a little short of 30 000


@pytest.mark.parametrize("target_id", TARGETS)
def test_every_target_runs_through_2017(plan: Plan, target_id: str) -> None:
    period = plan.period_of(plan.target(target_id))
    assert (period.start, period.end) == (START, END)


@pytest.mark.parametrize("target_id", TARGETS)
def test_every_target_speaks_both_languages_and_has_an_agency_and_category(plan: Plan, target_id: str) -> None:
    target = plan.target(target_id)
    for text in (target.title, target.unit, target.agency):
        assert text.vi.strip() and text.en.strip()
        assert _is_vietnamese(text.vi), text.vi
        assert text.vi != text.en
        assert text.in_("vi") == text.vi and text.in_("en") == text.en
    category = plan.category_title(target.category)
    assert category is not None, target.category
    assert category.vi and category.en


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_plan_names_its_targets_apart_in_a_few_words(lang: Lang) -> None:
    """Tables, chart axes and pickers show the short name: in each plan, no two read
    alike (case, accents, spaces aside), none is cut, none is the long title again,
    and brands are never confused with collective trademarks."""
    for plan in read_plans(PROJECT_ROOT / "targets.yaml"):
        shorts = [item.short.in_(lang) for item in plan.recordable()]
        folded = [folded_name(name) for name in shorts]
        assert len(set(folded)) == len(folded), (plan.id, shorts)
        for item in plan.recordable():
            name = item.short.in_(lang)
            assert 3 <= len(name) <= SHORT_NAME_LIMIT, name
            assert name != item.title.in_(lang) and len(name) < len(item.title.in_(lang))
        if lang == "vi":
            assert all(_is_vietnamese(item.short.vi) for item in plan.targets), shorts
    plan_2017 = read_plans(PROJECT_ROOT / "targets.yaml").find("2017")
    assert plan_2017 is not None
    brands, trademarks = plan_2017.target("village-brands"), plan_2017.target("collective-trademarks")
    assert "thương hiệu" in brands.short.vi.lower() and "nhãn hiệu" in trademarks.short.vi.lower()
    assert "brand" in brands.short.en.lower() and "trademark" in trademarks.short.en.lower()


def test_the_exports_context_figure(plan: Plan) -> None:
    (figure,) = plan.context_figures
    assert figure.id == "craft-village-exports"
    assert figure.baseline == 175
    assert figure.approximate is True
    assert (figure.unit.vi, figure.unit.en) == ("triệu USD", "million USD")
    assert figure.measure == Measure.amount  # money may have decimals
    assert figure.aggregation == Aggregation.latest  # a yearly level, not increments
    assert plan.period_of(figure) == plan.period


def test_the_tasks_with_owner_and_status(plan: Plan) -> None:
    assert {task.id: task.owner.vi for task in plan.tasks} == TASK_OWNERS
    for task in plan.tasks:
        assert isinstance(task.status, TaskStatus)
        assert task.title.vi and task.title.en and task.owner.en
        assert _is_vietnamese(task.title.vi)


def test_ids_are_unique_across_targets_figures_and_tasks(plan: Plan) -> None:
    ids = [item.id for item in _sourced(plan)]
    assert len(ids) == len(set(ids))
    assert set(plan.recordable_by_id()) == {*TARGETS, "craft-village-exports"}


# --- traceability: the numbers are the plan's own words --------------------------------


def test_the_plan_names_its_source(plan: Plan) -> None:
    assert ARTICLE.name in plan.source


def test_every_source_text_is_verbatim_from_the_article(plan: Plan, article: str) -> None:
    missing = [item.id for item in _sourced(plan) if item.source_text not in article]
    assert missing == [], f"not found word for word in {ARTICLE.name}: {missing}"


@pytest.mark.parametrize("target_id", TARGETS)
def test_every_goal_number_is_in_its_own_sentence(plan: Plan, target_id: str) -> None:
    _, low, high, written = TARGETS[target_id]
    target = plan.target(target_id)
    assert _has_number(target.source_text, written), (written, target.source_text)
    assert _vietnamese_number(written) == (low, high)
    # the shape follows the wording: "khoảng" is approximate, "10-15" is a range
    assert ("khoảng" in target.source_text) == isinstance(target.goal, ApproximateGoal)
    assert ("-" in written) == isinstance(target.goal, RangeGoal)


def test_the_exports_figure_is_in_its_own_sentence(plan: Plan, article: str) -> None:
    (figure,) = plan.context_figures
    assert _has_number(figure.source_text, "175")
    assert "khoảng" in figure.source_text  # hence approximate
    assert figure.source_text in article


def test_number_matching_is_whole_numbers_only() -> None:
    assert _has_number("thực hiện 10 dự án", "10")
    assert not _has_number("cho 100 chủ DN", "10")
    assert not _has_number("từ 10-15 làng nghề", "10")
    assert not _has_number("khoảng 30.000 lao động", "30")
    assert _has_number("khoảng 30.000 lao động", "30.000")
