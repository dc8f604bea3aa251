"""A plan file of several plans: the real 2017 and 2018 plans, their linked targets, and
every mistake in a link explained as ``PATH:LINE: field: message``.

The broken files are built here from ``PLANS_TEXT`` (two small plans, 2017 and 2018, whose
2018 targets carry on three 2017 targets) and, for three years, ``PLAN_2019_TEXT``
appended to it; each case changes one thing. ``LINK_CASES`` says where the loader must
point and what it must say, in Vietnamese and in English, and that it says nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.domain.test_plan_loader import Expected, assert_reported
from tests.helpers import PROJECT_ROOT
from tracker.domain.plan import (
    Aggregation,
    ApproximateGoal,
    AtLeastGoal,
    ExactGoal,
    Measure,
    Plan,
    PlanError,
    PlanSet,
    RangeGoal,
    load_plan,
    parse_plan,
    parse_plans,
    read_plans,
)

TARGETS_FILE = PROJECT_ROOT / "targets.yaml"
PLAN_2017 = "hanoi-craft-villages-2017"
PLAN_2018 = "hanoi-craft-villages-2018"

# Two plans. 2018's workers-trained, managers-trained (counting something else, hence
# measure_changed) and trainers-active (a level: aggregation latest, like its 2017 target)
# carry on the 2017 targets of the same id; trained-workers-employed is new in 2018.
PLANS_TEXT = """\
plans:
  - id: test-plan-2017
    default: true
    title: {vi: "Kế hoạch thử năm 2017", en: "Test plan 2017"}
    issued_by: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
    source: "plan-2017-article.vi.txt"
    period: {start: 2017-01-01, end: 2017-12-31}
    categories:
      - id: training
        title: {vi: "Đào tạo nghề", en: "Craft training"}
    targets:
      - id: workers-trained
        title: {vi: "Đào tạo nghề cho lao động", en: "Craft training for workers"}
        short: {vi: "Lao động học nghề", en: "Workers trained"}
        unit: {vi: "lao động", en: "workers"}
        goal: {shape: approximate, value: 30000, tolerance: 0.05}
        agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
        category: training
        source_text: "đào tạo nghề, truyền nghề cho khoảng 30.000 lao động"
      - id: managers-trained
        title: {vi: "Tập huấn quản trị cho chủ doanh nghiệp", en: "Management training for owners"}
        short: {vi: "Chủ DN tập huấn", en: "Owners trained"}
        unit: {vi: "chủ DN", en: "owners"}
        goal: {shape: exact, value: 100}
        agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
        category: training
        source_text: "tập huấn nâng cao năng lực quản trị cho 100 chủ DN"
      - id: trainers-active
        title: {vi: "Nghệ nhân đang truyền nghề", en: "Master artisans teaching"}
        short: {vi: "Nghệ nhân", en: "Artisans"}
        unit: {vi: "nghệ nhân", en: "artisans"}
        goal: {shape: exact, value: 50}
        aggregation: latest
        agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
        category: training
        source_text: "duy trì 50 nghệ nhân truyền nghề"
  - id: test-plan-2018
    title: {vi: "Kế hoạch thử năm 2018", en: "Test plan 2018"}
    issued_by: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
    source: "Báo chí đưa tin về kế hoạch năm 2018"
    period: {start: 2018-01-01, end: 2018-12-31}
    categories:
      - id: training
        title: {vi: "Đào tạo nghề", en: "Craft training"}
    targets:
      - id: workers-trained
        continues: test-plan-2017/workers-trained
        title: {vi: "Đào tạo nghề cho lao động nông thôn", en: "Vocational training for rural workers"}
        short: {vi: "Đào tạo nghề nông thôn", en: "Rural training"}
        unit: {vi: "lao động", en: "workers"}
        goal: {shape: approximate, value: 24000, tolerance: 0.05}
        agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
        category: training
        source: "nhandaoonline.vn"
        source_text: "đào tạo nghề cho lao động nông thôn: khoảng 24 nghìn lao động"
      - id: managers-trained
        continues: test-plan-2017/managers-trained
        measure_changed: {vi: "Năm 2018 đếm lượt người tham dự", en: "2018 counts attendances"}
        title: {vi: "Tập huấn quản trị doanh nghiệp", en: "Management training"}
        short: {vi: "Tập huấn quản trị", en: "Management training"}
        unit: {vi: "lượt người", en: "attendances"}
        goal: {shape: approximate, value: 1500, tolerance: 0.05}
        agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
        category: training
        source_text: "tập huấn nâng cao năng lực quản trị doanh nghiệp: khoảng 1.500 lượt"
      - id: trainers-active
        continues: test-plan-2017/trainers-active
        aggregation: latest
        title: {vi: "Nghệ nhân đang truyền nghề", en: "Master artisans teaching"}
        short: {vi: "Nghệ nhân", en: "Artisans"}
        unit: {vi: "nghệ nhân", en: "artisans"}
        goal: {shape: exact, value: 60}
        agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
        category: training
        source_text: "duy trì 60 nghệ nhân truyền nghề"
      - id: trained-workers-employed
        title: {vi: "Lao động sau đào tạo có việc làm", en: "Trained workers then employed"}
        short: {vi: "Việc làm sau đào tạo", en: "Jobs after training"}
        unit: {vi: "lao động", en: "workers"}
        goal: {shape: at_least, value: 1100}
        agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
        category: training
        source_text: "bố trí việc làm cho ít nhất 1.100 lao động"
"""

# A third year, appended to PLANS_TEXT (its first line is line 84): 2019's
# workers-trained carries on 2018's.
PLAN_2019_TEXT = """\
  - id: test-plan-2019
    title: {vi: "Kế hoạch thử năm 2019", en: "Test plan 2019"}
    issued_by: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
    source: "Báo chí đưa tin về kế hoạch năm 2019"
    period: {start: 2019-01-01, end: 2019-12-31}
    categories:
      - id: training
        title: {vi: "Đào tạo nghề", en: "Craft training"}
    targets:
      - id: workers-trained
        continues: test-plan-2018/workers-trained
        title: {vi: "Đào tạo nghề cho lao động nông thôn", en: "Vocational training for rural workers"}
        short: {vi: "Đào tạo nghề nông thôn", en: "Rural training"}
        unit: {vi: "lao động", en: "workers"}
        goal: {shape: approximate, value: 20000, tolerance: 0.05}
        agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
        category: training
        source_text: "đào tạo nghề cho khoảng 20 nghìn lao động nông thôn"
"""
THREE_PLANS_TEXT = PLANS_TEXT + PLAN_2019_TEXT

# Lines in PLANS_TEXT that the expectations below point at.
WORKERS_2017 = '      - id: workers-trained\n        title: {vi: "Đào tạo nghề cho lao động"'
MANAGERS_2017 = '      - id: managers-trained\n        title: {vi: "Tập huấn quản trị cho chủ'
EMPLOYED_2018 = "      - id: trained-workers-employed\n"
LINK_2018_WORKERS = "continues: test-plan-2017/workers-trained"


def changed(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def with_link(text: str, before: str, link: str) -> str:
    """``text`` with ``continues: link`` added as the second line of the target starting ``before``."""
    first, _, rest = before.partition("\n")
    return changed(text, before, f"{first}\n        continues: {link}\n{rest}")


def not_earlier(plan: str) -> tuple[str, str]:
    return (
        f"chỉ được nối tới chỉ tiêu của một kế hoạch trước ('{plan}' không bắt đầu sớm hơn)",
        f"a target may continue only a target of an earlier plan ('{plan}' does not start earlier)",
    )


LOOP = ("các liên kết continues tạo thành vòng lặp", "the continues links go round in a loop")


@dataclass(frozen=True)
class Case:
    text: str
    expected: list[Expected]


LINK_CASES: dict[str, Case] = {
    "unknown_plan": Case(
        changed(PLANS_TEXT, LINK_2018_WORKERS, "continues: test-plan-2016/workers-trained"),
        [
            Expected(
                47,
                "plans[1].targets[0].continues",
                "không có kế hoạch 'test-plan-2016' trong tệp",
                "there is no plan 'test-plan-2016' in the file",
            )
        ],
    ),
    "unknown_target": Case(
        changed(PLANS_TEXT, LINK_2018_WORKERS, "continues: test-plan-2017/workers-traned"),
        [
            Expected(
                47,
                "plans[1].targets[0].continues",
                "kế hoạch 'test-plan-2017' không có chỉ tiêu 'workers-traned'",
                "plan 'test-plan-2017' has no target 'workers-traned'",
            )
        ],
    ),
    # 2018's new target says it carries on another 2018 target
    "same_plan": Case(
        with_link(PLANS_TEXT, EMPLOYED_2018, "test-plan-2018/workers-trained"),
        [Expected(77, "plans[1].targets[3].continues", *not_earlier("test-plan-2018"))],
    ),
    # the link names the very target it stands in: not earlier, and a loop of one
    "continues_itself": Case(
        changed(PLANS_TEXT, LINK_2018_WORKERS, "continues: test-plan-2018/workers-trained"),
        [
            Expected(47, "plans[1].targets[0].continues", *not_earlier("test-plan-2018")),
            Expected(47, "plans[1].targets[0].continues", *LOOP),
        ],
    ),
    "later_plan": Case(
        with_link(PLANS_TEXT, MANAGERS_2017, "test-plan-2018/trained-workers-employed"),
        [Expected(21, "plans[0].targets[1].continues", *not_earlier("test-plan-2018"))],
    ),
    # 2017 -> 2018 -> 2017: the backward link is wrong, and both links are in the loop
    "loop_of_two_plans": Case(
        with_link(PLANS_TEXT, WORKERS_2017, "test-plan-2018/workers-trained"),
        [
            Expected(13, "plans[0].targets[0].continues", *not_earlier("test-plan-2018")),
            Expected(13, "plans[0].targets[0].continues", *LOOP),
            Expected(48, "plans[1].targets[0].continues", *LOOP),
        ],
    ),
    # 2017 -> 2019 -> 2018 -> 2017
    "loop_of_three_plans": Case(
        with_link(THREE_PLANS_TEXT, WORKERS_2017, "test-plan-2019/workers-trained"),
        [
            Expected(13, "plans[0].targets[0].continues", *not_earlier("test-plan-2019")),
            Expected(13, "plans[0].targets[0].continues", *LOOP),
            Expected(48, "plans[1].targets[0].continues", *LOOP),
            Expected(95, "plans[2].targets[0].continues", *LOOP),
        ],
    ),
    "two_targets_continue_one": Case(
        with_link(PLANS_TEXT, EMPLOYED_2018, "test-plan-2017/workers-trained"),
        [
            Expected(
                77,
                "plans[1].targets[3].continues",
                "'test-plan-2017/workers-trained' đã được một chỉ tiêu khác nối tiếp (dòng 47)",
                "'test-plan-2017/workers-trained' is already continued by another target (line 47)",
            )
        ],
    ),
    # 2018's trainers-active forgets `aggregation: latest`: a total carrying on a level
    "sum_continues_latest": Case(
        changed(PLANS_TEXT, "        aggregation: latest\n        title", "        title"),
        [
            Expected(
                67,
                "plans[1].targets[2].continues",
                "hai chỉ tiêu khác loại: chỉ tiêu này là 'sum', chỉ tiêu trước là 'latest'",
                "the two targets are of different kinds: this one is 'sum', the earlier one 'latest'",
            )
        ],
    ),
    "measure_changed_without_continues": Case(
        changed(PLANS_TEXT, "        continues: test-plan-2017/managers-trained\n", ""),
        [
            Expected(
                57,
                "plans[1].targets[1].measure_changed",
                "measure_changed chỉ dùng cùng với continues",
                "measure_changed goes only with continues",
            )
        ],
    ),
    # the message points at the first plan's `default: true` (line 3), not at its `- id:` line
    "two_defaults": Case(
        changed(PLANS_TEXT, "  - id: test-plan-2018\n", "  - id: test-plan-2018\n    default: true\n"),
        [
            Expected(
                38,
                "plans[1].default",
                "chỉ một kế hoạch được có default: true (đã có ở dòng 3)",
                "only one plan may say default: true (one already does on line 3)",
            )
        ],
    ),
    # the 2017 block copied to start 2018, its id left unchanged; the 2018 links still
    # name the real 2017 plan, which is earlier
    "duplicate_plan_id": Case(
        changed(PLANS_TEXT, "  - id: test-plan-2018\n", "  - id: test-plan-2017\n"),
        [
            Expected(
                37,
                "plans[1].id",
                "kế hoạch 'test-plan-2017' đã có ở dòng 2",
                "plan 'test-plan-2017' is already defined on line 2",
            )
        ],
    ),
    # the plan is left out: the message must say what form a link takes
    "continues_without_plan": Case(
        changed(PLANS_TEXT, LINK_2018_WORKERS, "continues: workers-trained"),
        [Expected(47, "plans[1].targets[0].continues", "/", "plan-id/target-id")],
    ),
}


def _case_params() -> list[object]:
    return list(LINK_CASES)


def problems_of(path: Path) -> PlanError:
    """The PlanError that reading ``path`` raises; any other exception fails the test."""
    with pytest.raises(PlanError) as caught:
        read_plans(path)
    return caught.value


def _write(tmp_path: Path, text: str, name: str = "targets.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the real targets.yaml ---------------------------------------------------------------


@pytest.fixture(scope="module")
def plans() -> PlanSet:
    return read_plans(TARGETS_FILE)


SIX_2017_TARGETS = [
    "workers-trained",
    "managers-trained",
    "village-brands",
    "collective-trademarks",
    "fair-participants",
    "machinery-projects",
]

S1, S2, S3 = "nhandaoonline.vn", "quanggom.vn", "ipc1.gov.vn"
# the 2018 goals of plan-2018-facts.md, in its order:
# id -> (shape, minimum, maximum, the number as the press wrote it, the reports it cites)
GOALS_2018: dict[str, tuple[type, float, float, str, set[str]]] = {
    "workers-trained": (ApproximateGoal, 24000, 24000, "24 nghìn", {S1}),
    "village-brands": (RangeGoal, 10, 12, "10-12", {S1, S2}),
    "machinery-facilities": (ExactGoal, 14, 14, "14", {S1, S3}),
    "export-design-consultants": (ExactGoal, 20, 20, "20", {S1, S2}),
    "skill-transfer-facilities": (ExactGoal, 40, 40, "40", {S1, S3}),
    "rural-workers-taught": (ApproximateGoal, 1400, 1400, "1.400", {S1, S3}),
    "managers-trained": (ApproximateGoal, 1500, 1500, "1.500", {S1}),
    "trained-workers-employed": (AtLeastGoal, 1100, 1100, "1.100", {S3}),
}


def test_the_file_holds_the_2017_and_2018_plans_oldest_first(plans: PlanSet) -> None:
    assert [plan.id for plan in plans.plans] == [PLAN_2017, PLAN_2018]
    assert len(plans) == 2
    assert [plan.year for plan in plans] == [2017, 2018]
    plan_2018 = plans.find(PLAN_2018)
    assert plan_2018 is not None
    assert (plan_2018.period.start, plan_2018.period.end) == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))


def test_the_app_opens_on_the_2017_plan_with_its_six_targets(plans: PlanSet) -> None:
    assert plans.default.id == PLAN_2017
    assert [target.id for target in plans.default.targets] == SIX_2017_TARGETS
    # the single-plan entry points keep giving the plan they always gave
    assert load_plan(TARGETS_FILE) == plans.default
    assert parse_plan(TARGETS_FILE.read_bytes(), "targets.yaml") == plans.default


def test_plans_are_named_by_year(plans: PlanSet) -> None:
    plan_2017, plan_2018 = plans.plans
    assert [plans.key(plan) for plan in plans] == ["2017", "2018"]
    assert plans.find("2018") is plan_2018
    assert plans.find("2017") is plan_2017
    assert plans.find(PLAN_2018) is plan_2018
    assert plans.find("2019") is None
    assert plans.find("hanoi-craft-villages-2016") is None


def test_without_a_default_the_latest_plan_opens(tmp_path: Path) -> None:
    text = changed(TARGETS_FILE.read_text(encoding="utf-8"), "    default: true  # the plan the app opens with\n", "")
    path = _write(tmp_path, text)
    assert read_plans(path).default.id == PLAN_2018
    assert load_plan(path).id == PLAN_2018


def test_the_2018_plan_has_the_eight_goals_the_press_reported(plans: PlanSet) -> None:
    plan = plans.find("2018")
    assert plan is not None
    assert [target.id for target in plan.targets] == list(GOALS_2018)


@pytest.mark.parametrize("target_id", GOALS_2018)
def test_2018_goal_shape_number_and_source(plans: PlanSet, target_id: str) -> None:
    shape, low, high, written, reports = GOALS_2018[target_id]
    plan = plans.find("2018")
    assert plan is not None
    target = plan.target(target_id)
    assert isinstance(target.goal, shape)
    assert (target.goal_min, target.goal_max) == (low, high)
    assert target.measure == Measure.count and target.aggregation == Aggregation.sum
    assert plan.period_of(target) == plan.period
    assert written in target.source_text, (written, target.source_text)
    assert target.source is not None
    assert {report for report in (S1, S2, S3) if report in target.source} == reports


def test_2018_context_figure_and_fairs_without_a_number(plans: PlanSet) -> None:
    plan = plans.find("2018")
    assert plan is not None
    (budget,) = plan.context_figures
    assert (budget.id, budget.baseline, budget.unit.en) == ("extension-budget", 22.5, "billion VND")
    # fairs go on in 2018 with no figure: a task, and no successor for 2017's 480 businesses
    assert "fair-support" in [task.id for task in plan.tasks]
    assert plans.successor(plans.default, plans.default.target("fair-participants")) is None


def test_the_four_chains_of_the_real_file(plans: PlanSet) -> None:
    chains = plans.chains()
    assert [chain.id for chain in chains] == [
        f"{PLAN_2017}/workers-trained",
        f"{PLAN_2017}/village-brands",
        f"{PLAN_2017}/machinery-projects",
        f"{PLAN_2017}/managers-trained",
    ]
    assert [[(year.plan.year, year.target.id) for year in chain.years] for chain in chains] == [
        [(2017, "workers-trained"), (2018, "workers-trained")],
        [(2017, "village-brands"), (2018, "village-brands")],
        [(2017, "machinery-projects"), (2018, "machinery-facilities")],
        [(2017, "managers-trained"), (2018, "managers-trained")],
    ]
    for chain in chains:
        assert chain.years[0].link is None and chain.years[0].change_note is None
        assert chain.latest is chain.years[-1]
    assert [chain.measure_changed for chain in chains] == [False, False, True, True]


def test_machinery_counted_projects_then_facilities(plans: PlanSet) -> None:
    plan_2017, plan_2018 = plans.plans
    link = plans.predecessor(plan_2018, plan_2018.target("machinery-facilities"))
    assert link is not None
    assert (link.earlier_plan.id, link.earlier.id, link.earlier.goal_max, link.target.goal_max) == (
        PLAN_2017,
        "machinery-projects",
        10,
        14,
    )
    assert link.change_note is not None
    assert "projects" in link.change_note.en and "facilities" in link.change_note.en
    assert "dự án" in link.change_note.vi and "cơ sở" in link.change_note.vi
    assert plans.successor(plan_2017, plan_2017.target("machinery-projects")) == link


def test_managers_counted_owners_then_attendances(plans: PlanSet) -> None:
    chain = next(chain for chain in plans.chains() if chain.id == f"{PLAN_2017}/managers-trained")
    note = chain.latest.change_note
    assert note is not None
    assert "owners" in note.en and "attendances" in note.en
    assert "lượt" in note.vi
    assert [year.target.unit.en for year in chain.years] == ["owners", "attendances"]


def test_the_same_measure_has_no_change_note(plans: PlanSet) -> None:
    plan_2018 = plans.plans[1]
    for target_id in ("workers-trained", "village-brands"):
        link = plans.predecessor(plan_2018, plan_2018.target(target_id))
        assert link is not None and link.earlier.id == target_id
        assert link.change_note is None
    # a target new in 2018 continues nothing
    assert plans.predecessor(plan_2018, plan_2018.target("export-design-consultants")) is None


# --- the small file of two and three plans -------------------------------------------------


def test_the_small_plans_have_no_mistake(tmp_path: Path) -> None:
    plans = read_plans(_write(tmp_path, PLANS_TEXT))
    assert [plan.id for plan in plans] == ["test-plan-2017", "test-plan-2018"]
    assert plans.default.id == "test-plan-2017"
    assert [chain.id for chain in plans.chains()] == [
        "test-plan-2017/workers-trained",
        "test-plan-2017/managers-trained",
        "test-plan-2017/trainers-active",
    ]
    employed = plans.plans[1].target("trained-workers-employed")
    assert isinstance(employed.goal, AtLeastGoal) and employed.goal_min == employed.goal_max == 1100


def test_parse_plans_uses_the_name_it_is_given() -> None:
    """An uploaded file of several plans is named as the person knows it, not by a temporary path."""
    text = changed(PLANS_TEXT, LINK_2018_WORKERS, "continues: test-plan-2016/workers-trained")
    with pytest.raises(PlanError) as caught:
        parse_plans(text.encode("utf-8"), "<upload>")
    assert caught.value.render("en") == [
        "<upload>:47: plans[1].targets[0].continues: there is no plan 'test-plan-2016' in the file"
    ]
    assert [plan.id for plan in parse_plans(PLANS_TEXT.encode("utf-8"), "<upload>")] == [
        "test-plan-2017",
        "test-plan-2018",
    ]


@pytest.mark.parametrize("name", _case_params())
def test_broken_link_names_line_and_field(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, LINK_CASES[name].text)
    assert_reported(problems_of(path), path, LINK_CASES[name].expected)


@pytest.mark.parametrize("name", list(LINK_CASES))
def test_link_messages_differ_between_vietnamese_and_english(tmp_path: Path, name: str) -> None:
    error = problems_of(_write(tmp_path, LINK_CASES[name].text))
    assert error.problems
    for vi, en in zip(error.render("vi"), error.render("en"), strict=True):
        assert vi.split(": ")[:2] == en.split(": ")[:2]  # same place and field
        assert vi != en


@pytest.mark.parametrize("name", list(LINK_CASES))
def test_problems_come_in_line_order(tmp_path: Path, name: str) -> None:
    error = problems_of(_write(tmp_path, LINK_CASES[name].text))
    lines = [problem.line for problem in error.problems]
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("name", "line", "field"),
    [("two_defaults", 38, "plans[1].default"), ("continues_without_plan", 47, "plans[1].targets[0].continues")],
)
def test_where_the_words_are_wrong_the_place_is_right(tmp_path: Path, name: str, line: int, field: str) -> None:
    error = problems_of(_write(tmp_path, LINK_CASES[name].text))
    assert [(problem.line, problem.field) for problem in error.problems] == [(line, field)]


@pytest.mark.parametrize(
    "link", ["test-plan-2017/workers-trained/2017", "test-plan-2017 / workers-trained", "Test-Plan-2017/workers"]
)
def test_a_link_not_of_the_form_plan_slash_target_is_refused_at_its_line(tmp_path: Path, link: str) -> None:
    path = _write(tmp_path, changed(PLANS_TEXT, LINK_2018_WORKERS, f'continues: "{link}"'))
    error = problems_of(path)
    assert [(problem.line, problem.field) for problem in error.problems] == [(47, "plans[1].targets[0].continues")]


def test_plans_with_many_mistakes_report_them_all_in_line_order(tmp_path: Path) -> None:
    text = with_link(PLANS_TEXT, MANAGERS_2017, "test-plan-2018/trained-workers-employed")  # line 21
    text = changed(text, LINK_2018_WORKERS, "continues: test-plan-2016/workers-trained")  # line 48
    text = changed(text, "        continues: test-plan-2017/managers-trained\n", "")  # measure_changed on 58
    path = _write(tmp_path, text)
    assert_reported(
        problems_of(path),
        path,
        [
            Expected(21, "plans[0].targets[1].continues", *not_earlier("test-plan-2018")),
            Expected(48, "plans[1].targets[0].continues", "test-plan-2016", "test-plan-2016"),
            Expected(58, "plans[1].targets[1].measure_changed", "continues", "continues"),
        ],
    )


def test_two_plans_starting_in_one_year_are_named_by_id(tmp_path: Path) -> None:
    """A mid-year revision of the 2017 plan: the year no longer says which plan is meant."""
    revised = changed(
        changed(PLANS_TEXT, "  - id: test-plan-2018\n", "  - id: test-plan-2017-revised\n"),
        "period: {start: 2018-01-01, end: 2018-12-31}",
        "period: {start: 2017-07-01, end: 2017-12-31}",
    )
    plans = read_plans(_write(tmp_path, revised + PLAN_2019_TEXT.replace("test-plan-2018/", "test-plan-2017-revised/")))
    first, second, third = plans.plans
    assert [plans.key(plan) for plan in plans] == ["test-plan-2017", "test-plan-2017-revised", "2019"]
    assert plans.find("2017") is None
    assert plans.find("test-plan-2017") is first
    assert plans.find("test-plan-2017-revised") is second
    assert plans.find("2019") is third
    assert plans.find("2018") is None
    # every key the app may put in an address finds its plan again
    assert all(plans.find(plans.key(plan)) is plan for plan in plans)


def test_a_chain_of_three_plans_is_one_chain_oldest_first(tmp_path: Path) -> None:
    plans = read_plans(_write(tmp_path, THREE_PLANS_TEXT))
    chains = plans.chains()
    # the chain that reaches the latest plan comes first
    assert [chain.id for chain in chains] == [
        "test-plan-2017/workers-trained",
        "test-plan-2017/managers-trained",
        "test-plan-2017/trainers-active",
    ]
    workers = chains[0]
    assert [(year.plan.id, year.target.goal_max) for year in workers.years] == [
        ("test-plan-2017", 30000),
        ("test-plan-2018", 24000),
        ("test-plan-2019", 20000),
    ]
    assert workers.years[0].link is None
    for before, year in zip(workers.years, workers.years[1:], strict=False):
        assert year.link is not None
        assert (year.link.earlier_plan, year.link.earlier) == (before.plan, before.target)
    assert workers.latest.plan.id == "test-plan-2019"
    assert [len(chain.years) for chain in chains] == [3, 2, 2]
    # no year of it is shown as a chain of its own
    assert sum(1 for chain in chains for year in chain.years if year.target.id == "workers-trained") == 3


def test_plans_written_newest_first_still_come_oldest_first(tmp_path: Path) -> None:
    text = changed(THREE_PLANS_TEXT, "plans:\n", "plans:\n" + PLAN_2019_TEXT)
    text = text[: -len(PLAN_2019_TEXT)]  # moved, not copied
    plans = read_plans(_write(tmp_path, text))
    assert [plan.year for plan in plans] == [2017, 2018, 2019]
    assert plans.default.id == "test-plan-2017"  # by its default: true, not by its place
    (workers, *_) = plans.chains()
    assert [year.plan.year for year in workers.years] == [2017, 2018, 2019]


def test_a_target_continued_by_two_later_plans_does_not_give_two_chains_one_name(tmp_path: Path) -> None:
    fork = changed(THREE_PLANS_TEXT, "test-plan-2018/workers-trained", "test-plan-2017/workers-trained")  # 2019's
    path = _write(tmp_path, fork)
    try:
        plans = read_plans(path)
    except PlanError as error:
        assert [(problem.line, problem.field) for problem in error.problems] == [(94, "plans[2].targets[0].continues")]
        return
    ids = [chain.id for chain in plans.chains()]
    assert len(ids) == len(set(ids)), ids


# --- a file of one plan ------------------------------------------------------------------

# the single-plan text of test_plan_loader.py, cut down: two targets
SINGLE_PLAN_TEXT = """\
id: test-plan-2017
title: {vi: "Kế hoạch thử năm 2017", en: "Test plan 2017"}
issued_by: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
source: "plan-2017-article.vi.txt"
period: {start: 2017-01-01, end: 2017-12-31}
categories:
  - id: training
    title: {vi: "Đào tạo nghề", en: "Craft training"}
targets:
  - id: workers-trained
    title: {vi: "Đào tạo nghề cho lao động", en: "Craft training for workers"}
    short: {vi: "Lao động học nghề", en: "Workers trained"}
    unit: {vi: "lao động", en: "workers"}
    goal: {shape: approximate, value: 30000, tolerance: 0.05}
    agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
    category: training
    source_text: "đào tạo nghề, truyền nghề cho khoảng 30.000 lao động"
  - id: managers-trained
    title: {vi: "Tập huấn quản trị cho chủ doanh nghiệp", en: "Management training for owners"}
    short: {vi: "Chủ DN tập huấn", en: "Owners trained"}
    unit: {vi: "chủ DN", en: "owners"}
    goal: {shape: exact, value: 100}
    agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
    category: training
    source_text: "tập huấn nâng cao năng lực quản trị cho 100 chủ DN"
"""
SINGLE_MANAGERS = "  - id: managers-trained\n"


def test_a_file_of_one_plan_loads_as_before(tmp_path: Path) -> None:
    path = _write(tmp_path, SINGLE_PLAN_TEXT)
    plans = read_plans(path)
    assert [plan.id for plan in plans] == ["test-plan-2017"]
    assert plans.default is plans.plans[0]
    assert plans.key(plans.default) == "2017" and plans.find("2017") is plans.default
    assert plans.chains() == []
    plan = load_plan(path)
    assert isinstance(plan, Plan) and [target.id for target in plan.targets] == ["workers-trained", "managers-trained"]


def test_a_file_of_one_plan_refuses_a_change_note_without_a_link(tmp_path: Path) -> None:
    note = '    measure_changed: {vi: "Đếm lượt người", en: "Counts attendances"}\n'
    path = _write(tmp_path, changed(SINGLE_PLAN_TEXT, SINGLE_MANAGERS, SINGLE_MANAGERS + note))
    assert_reported(
        problems_of(path),
        path,
        [
            Expected(
                19,
                "targets[1].measure_changed",
                "measure_changed chỉ dùng cùng với continues",
                "measure_changed goes only with continues",
            )
        ],
    )


@pytest.mark.parametrize(
    ("link", "words"),
    [
        (
            "test-plan-2016/managers-trained",
            ("không có kế hoạch 'test-plan-2016' trong tệp", "there is no plan 'test-plan-2016' in the file"),
        ),
        ("test-plan-2017/workers-trained", not_earlier("test-plan-2017")),
    ],
    ids=["unknown_plan", "same_plan"],
)
def test_a_file_of_one_plan_checks_its_links_too(tmp_path: Path, link: str, words: tuple[str, str]) -> None:
    path = _write(tmp_path, changed(SINGLE_PLAN_TEXT, SINGLE_MANAGERS, f"{SINGLE_MANAGERS}    continues: {link}\n"))
    assert_reported(problems_of(path), path, [Expected(19, "targets[1].continues", *words)])


def _real_plans_changed(old: str, new: str) -> tuple[str, int]:
    """The real targets.yaml with one change; the line of that change."""
    text = TARGETS_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new), text[: text.index(old)].count("\n") + 1


def test_a_plan_id_of_digits_alone_is_refused_as_it_would_read_as_a_year() -> None:
    text, line = _real_plans_changed("  - id: hanoi-craft-villages-2018\n", '  - id: "2017"\n')
    with pytest.raises(PlanError) as refused:
        parse_plans(text.encode("utf-8"), "targets.yaml")
    assert refused.value.render("en") == [
        f"targets.yaml:{line}: plans[1].id: id '2017' is all digits and would be taken for a plan's year "
        "in addresses and --plan; add letters"
    ]


def test_a_link_between_a_count_and_an_amount_must_say_what_changed() -> None:
    anchor = "        continues: hanoi-craft-villages-2017/workers-trained\n"
    text, line = _real_plans_changed(anchor, anchor + "        measure: amount\n")
    with pytest.raises(PlanError) as refused:
        parse_plans(text.encode("utf-8"), "targets.yaml")
    assert refused.value.render("vi") == [
        f"targets.yaml:{line}: plans[1].targets[0].continues: hai chỉ tiêu đo khác loại ('count' và 'amount'): "
        "hãy ghi measure_changed nói điều gì đã thay đổi"
    ]
