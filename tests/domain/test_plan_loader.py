"""The plan loader explains every mistake in a plan file as ``PATH:LINE: field: message``.

Each file in ``broken_plans/`` is a small plan (``PLAN_TEXT`` below plus a first comment
line) with one mistake made on purpose; ``CASES`` says where the loader must point and
what it must say, in Vietnamese and in English. Mistakes that cannot live in a text file
kept in git (bytes that are not UTF-8, a missing file) are written by the tests.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT
from tracker.domain.plan import Plan, PlanError, load_plan, parse_plan, read_plans
from tracker.i18n import Lang

TARGETS_FILE = PROJECT_ROOT / "targets.yaml"
BROKEN = Path(__file__).resolve().parent / "broken_plans"

# A small plan without mistakes: three targets (approximate, exact, range with
# milestones), a context figure and a task. Every corpus file but the four that are not
# plans at all is this text, after one comment line, with one change.
PLAN_TEXT = """\
id: test-plan-2017
title: {vi: "Kế hoạch thử năm 2017", en: "Test plan 2017"}
issued_by: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
source: "plan-2017-article.vi.txt"
period: {start: 2017-01-01, end: 2017-12-31}
status_thresholds:
  on_track: 0.95
  needs_acceleration: 0.60
categories:
  - id: training
    title: {vi: "Đào tạo nghề", en: "Craft training"}
  - id: branding
    title: {vi: "Thương hiệu", en: "Brands"}
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
    goal:
      shape: exact
      value: 100
    agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
    category: training
    source_text: "tập huấn nâng cao năng lực quản trị cho 100 chủ DN"
  - id: village-brands
    title: {vi: "Làng nghề xây dựng thương hiệu", en: "Villages building brands"}
    short: {vi: "Thương hiệu", en: "Brands"}
    unit: {vi: "làng nghề", en: "villages"}
    goal:
      shape: range
      min: 10
      max: 15
    milestones:
      - {date: 2017-06-30, value: 4}
      - {date: 2017-12-31, value: 10}
    agency: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
    category: branding
    source_text: "hỗ trợ từ 10-15 làng nghề xây dựng và phát triển thương hiệu"
context_figures:
  - id: craft-village-exports
    title: {vi: "Xuất khẩu của các làng nghề", en: "Craft-village exports"}
    short: {vi: "Xuất khẩu", en: "Exports"}
    unit: {vi: "triệu USD", en: "million USD"}
    baseline: 175
    approximate: true
    source_text: "mỗi năm các làng nghề xuất khẩu khoảng 175 triệu USD giá trị hàng hóa"
tasks:
  - id: recognise-village-titles
    title: {vi: "Xét công nhận danh hiệu làng nghề", en: "Recognise craft-village titles"}
    owner: {vi: "Sở Công Thương Hà Nội", en: "Hanoi Department of Industry and Trade"}
    status: in_progress
    source_text: "xét công nhận danh hiệu làng nghề"
"""


def plan_text(old: str = "", new: str = "") -> str:
    """``PLAN_TEXT``, with the one occurrence of ``old`` replaced by ``new``."""
    if not old:
        return PLAN_TEXT
    assert PLAN_TEXT.count(old) == 1, f"{old!r} must occur exactly once in PLAN_TEXT"
    return PLAN_TEXT.replace(old, new)


@dataclass(frozen=True)
class Expected:
    """One line the loader must print: where, which field, and words of the message."""

    line: int
    field: str  # "-" when the problem concerns the whole file
    vi: str
    en: str

    def words(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en


SYNTAX = ("lỗi cú pháp YAML", "YAML syntax error")
NOT_A_PLAN = ("tệp phải là một bảng (mapping)", "the file must be a mapping with id, title, period, targets")
EMPTY_FILE = ("tệp rỗng", "the file is empty")
MISSING = ("thiếu trường bắt buộc", "required field is missing")
NOT_A_NUMBER = ("phải là một số", "must be a number")
POSITIVE = ("phải lớn hơn 0", "must be greater than 0")
NOT_A_DATE = ("phải là ngày dạng YYYY-MM-DD", "must be a date as YYYY-MM-DD")

# file in broken_plans/ -> every line the loader must print, in order
CASES: dict[str, list[Expected]] = {
    "empty.yaml": [Expected(1, "-", *EMPTY_FILE)],
    "whitespace_only.yaml": [Expected(1, "-", *EMPTY_FILE)],
    "comments_only.yaml": [Expected(1, "-", *NOT_A_PLAN)],
    "top_level_list.yaml": [Expected(1, "-", *NOT_A_PLAN)],
    "yaml_unquoted_colon.yaml": [
        Expected(33, "-", f"{SYNTAX[0]}: mapping values are not allowed here", SYNTAX[1]),
    ],
    "yaml_tab_indent.yaml": [Expected(46, "-", SYNTAX[0], f"{SYNTAX[1]}: found character '\\t'")],
    # noticed on the next line, reported where the brace was opened
    "yaml_unclosed_brace.yaml": [Expected(27, "-", SYNTAX[0], f"{SYNTAX[1]}: expected ',' or '}}'")],
    "missing_unit.yaml": [Expected(24, "targets[1].unit", *MISSING)],
    "unknown_field_goall.yaml": [
        Expected(24, "targets[1].goal", *MISSING),
        Expected(28, "targets[1].goall", "trường không được biết đến", "unknown field"),
    ],
    "goal_not_a_number.yaml": [Expected(30, "targets[1].goal.value", *NOT_A_NUMBER)],
    "goal_boolean.yaml": [Expected(30, "targets[1].goal.value", *NOT_A_NUMBER)],
    "goal_quoted_number.yaml": [Expected(30, "targets[1].goal.value", *NOT_A_NUMBER)],
    "title_is_number.yaml": [Expected(35, "targets[2].title", "phải là một bảng (mapping)", "must be a mapping")],
    "title_vi_is_number.yaml": [Expected(3, "title.vi", "phải là chuỗi văn bản", "must be text")],
    "title_en_empty.yaml": [Expected(37, "targets[2].unit.en", "không được để trống", "must not be empty")],
    "goal_negative.yaml": [Expected(30, "targets[1].goal.value", *POSITIVE)],
    "goal_zero.yaml": [Expected(30, "targets[1].goal.value", *POSITIVE)],
    "range_min_above_max.yaml": [
        Expected(
            38,
            "targets[2].goal",
            "giá trị tối thiểu (min) lớn hơn tối đa (max)",
            "the minimum (min) is above the maximum (max)",
        )
    ],
    "duplicate_target_id.yaml": [
        Expected(
            34,
            "targets[2].id",
            "id 'workers-trained' đã dùng ở dòng 16",
            "id 'workers-trained' is already used on line 16",
        )
    ],
    "duplicate_id_across_sections.yaml": [
        Expected(
            49,
            "context_figures[0].id",
            "id 'managers-trained' đã dùng ở dòng 24",
            "id 'managers-trained' is already used on line 24",
        )
    ],
    "duplicate_key.yaml": [Expected(33, "targets[1].unit", "khoá 'unit' bị lặp lại", "key 'unit' appears twice")],
    "period_end_before_start.yaml": [
        Expected(6, "period", "ngày kết thúc trước ngày bắt đầu", "the end date is before the start date")
    ],
    "impossible_date.yaml": [Expected(6, "period.end", *NOT_A_DATE)],
    "impossible_milestone_date.yaml": [Expected(43, "targets[2].milestones[0].date", *NOT_A_DATE)],
    "unknown_goal_shape.yaml": [
        Expected(
            20,
            "targets[0].goal.shape",
            "phải là một trong: 'exact', 'approximate', 'range'",
            "must be one of: 'exact', 'approximate', 'range'",
        )
    ],
    "missing_shape.yaml": [
        Expected(
            28,
            "targets[1].goal",
            "thiếu 'shape' (exact, approximate, range hoặc at_least)",
            "'shape' is missing (exact, approximate, range or at_least)",
        )
    ],
    "tolerance_too_large.yaml": [Expected(20, "targets[0].goal.tolerance", "phải nhỏ hơn 1", "must be below 1")],
    "thresholds_out_of_order.yaml": [
        Expected(
            7,
            "status_thresholds",
            "ngưỡng needs_acceleration phải nhỏ hơn on_track",
            "needs_acceleration must be below on_track",
        )
    ],
    "fraction_for_count.yaml": [
        Expected(
            30,
            "targets[1].goal.value",
            "chỉ tiêu đếm (count) phải là số nguyên",
            "a count target needs a whole number",
        )
    ],
    "milestone_outside_period.yaml": [
        Expected(
            44,
            "targets[2].milestones[1].date",
            "mốc nằm ngoài thời kỳ của chỉ tiêu",
            "the milestone lies outside the target's period",
        )
    ],
    "milestones_not_increasing.yaml": [
        Expected(
            44,
            "targets[2].milestones[1]",
            "các mốc phải theo thứ tự ngày tăng dần và giá trị không giảm",
            "milestones must have increasing dates and non-decreasing values",
        )
    ],
    "unknown_category.yaml": [
        Expected(
            46,
            "targets[2].category",
            "nhóm 'brandng' không có trong categories",
            "category 'brandng' is not listed in categories",
        )
    ],
    "bad_id.yaml": [
        Expected(
            16,
            "targets[0].id",
            "chỉ dùng chữ thường không dấu, số, '-' và '_'",
            "use only lower-case letters without accents, digits, '-' and '_'",
        )
    ],
    "unknown_task_status.yaml": [
        Expected(
            60,
            "tasks[0].status",
            "phải là một trong: 'not_started', 'in_progress', 'done', 'blocked'",
            "must be one of: 'not_started', 'in_progress', 'done', 'blocked'",
        )
    ],
}
NOT_PLANS = {"empty.yaml", "whitespace_only.yaml", "comments_only.yaml", "top_level_list.yaml"}

LINE_FORMAT = re.compile(r"^(?P<path>.+):(?P<line>[1-9][0-9]*): (?P<field>\S+): (?P<message>\S.*)$")


def problems_of(path: Path) -> PlanError:
    """The PlanError that loading ``path`` raises; any other exception fails the test."""
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return caught.value


def assert_reported(error: PlanError, path: Path | str, expected: list[Expected]) -> None:
    for lang in ("vi", "en"):
        lines = error.render(lang)
        assert len(lines) == len(expected), "\n".join(lines)
        for shown, want in zip(lines, expected, strict=True):
            prefix = f"{path}:{want.line}: {want.field}: "
            assert shown.startswith(prefix), f"{shown!r} should start with {prefix!r}"
            assert want.words(lang) in shown[len(prefix) :], f"{shown!r} should say {want.words(lang)!r}"
            assert LINE_FORMAT.match(shown), shown
            assert "\n" not in shown
            assert "Traceback" not in shown and "pydantic" not in shown and "Input should" not in shown


def test_the_small_plan_has_no_mistake(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(), encoding="utf-8")
    plan = load_plan(path)
    assert [t.id for t in plan.targets] == ["workers-trained", "managers-trained", "village-brands"]
    assert [f.id for f in plan.context_figures] == ["craft-village-exports"]
    assert [t.id for t in plan.tasks] == ["recognise-village-titles"]


def test_corpus_and_table_list_the_same_files() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(set(CASES) - NOT_PLANS))
def test_each_corpus_file_is_the_small_plan_with_one_change(name: str) -> None:
    lines = (BROKEN / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Broken on purpose: ")
    changes = [
        op for op in difflib.SequenceMatcher(None, PLAN_TEXT.splitlines(), lines[1:]).get_opcodes() if op[0] != "equal"
    ]
    assert len(changes) == 1, changes


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_plan_names_line_and_field(name: str) -> None:
    path = BROKEN / name
    assert_reported(problems_of(path), path, CASES[name])


@pytest.mark.parametrize("name", sorted(CASES))
def test_vietnamese_and_english_messages_differ(name: str) -> None:
    error = problems_of(BROKEN / name)
    for vi, en in zip(error.render("vi"), error.render("en"), strict=True):
        assert vi.split(": ")[:2] == en.split(": ")[:2]  # same place and field
        assert vi != en


def test_render_defaults_to_vietnamese() -> None:
    error = problems_of(BROKEN / "goal_negative.yaml")
    assert error.render() == error.render("vi")
    assert str(error) == "\n".join(error.render("en"))


def test_every_problem_is_reported_at_once_in_line_order(tmp_path: Path) -> None:
    text = plan_text("      value: 100\n", "      value: -100\n")
    text = text.replace("    category: branding", "    category: brandng")
    text = text.replace("period: {start: 2017-01-01, end: 2017-12-31}", "period: {start: 2017-01-01, end: 2016-12-31}")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    error = problems_of(path)
    # the model's own checks come first; references are checked once the model is sound
    assert [(p.line, p.field) for p in error.problems] == [(5, "period"), (29, "targets[1].goal.value")]
    path.write_text(text.replace("end: 2016-12-31", "end: 2017-12-31").replace("value: -100", "value: 100"))
    assert [(p.line, p.field) for p in problems_of(path).problems] == [(45, "targets[2].category")]


SHORT_WORKERS = '    short: {vi: "Lao động học nghề", en: "Workers trained"}\n'
SHORT_MANAGERS = '    short: {vi: "Chủ DN tập huấn", en: "Owners trained"}\n'


def test_a_target_without_a_short_name_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(SHORT_MANAGERS, ""), encoding="utf-8")
    assert_reported(problems_of(path), path, [Expected(23, "targets[1].short", *MISSING)])


@pytest.mark.parametrize("alike", ["LAO ĐỘNG HỌC NGHỀ", "Lao dong hoc nghe", "Lao động  học nghề", "lao độnghọc nghề"])
def test_two_short_names_alike_in_one_plan_are_refused(tmp_path: Path, alike: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        plan_text(SHORT_MANAGERS, f'    short: {{vi: "{alike}", en: "Owners trained"}}\n'), encoding="utf-8"
    )
    assert_reported(
        problems_of(path),
        path,
        [
            Expected(
                25,
                "targets[1].short.vi",
                f"tên ngắn '{alike}' trùng với tên ngắn ở dòng 17",
                f"the short name '{alike}' reads like the one on line 17",
            )
        ],
    )


def test_a_short_name_alike_in_english_only_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        plan_text(SHORT_MANAGERS, '    short: {vi: "Chủ DN tập huấn", en: "workers  TRAINED"}\n'), encoding="utf-8"
    )
    error = problems_of(path)
    assert [(p.line, p.field, p.code) for p in error.problems] == [(25, "targets[1].short.en", "short_name_taken")]


def test_a_short_name_longer_than_a_column_holds_is_refused(tmp_path: Path) -> None:
    too_long = "Tập huấn quản trị cho chủ doanh nghiệp"  # 38 characters: the title again
    path = tmp_path / "plan.yaml"
    path.write_text(
        plan_text(SHORT_MANAGERS, f'    short: {{vi: "{too_long}", en: "Owners trained"}}\n'), encoding="utf-8"
    )
    assert_reported(
        problems_of(path),
        path,
        [
            Expected(
                25,
                "targets[1].short.vi",
                "tên ngắn dài 38 ký tự, tối đa 28",
                "the short name is 38 characters long; at most 28",
            )
        ],
    )


def test_the_same_short_name_in_two_plans_is_fine() -> None:
    """A target carried on to next year may keep its short name: it is unique per plan."""
    plans = read_plans(TARGETS_FILE)
    names = [{target.short.vi for target in plan.targets} for plan in plans]
    assert "Thương hiệu làng nghề" in names[0] & names[1]


def test_file_not_found(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    assert_reported(problems_of(path), path, [Expected(1, "-", "không tìm thấy tệp", "file not found")])


def test_directory_instead_of_file(tmp_path: Path) -> None:
    assert_reported(problems_of(tmp_path), tmp_path, [Expected(1, "-", "không đọc được tệp", "cannot read the file")])


def test_file_saved_as_utf16_by_a_windows_editor(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(plan_text().encode("utf-16"))
    assert_reported(
        problems_of(path),
        path,
        [
            Expected(
                1, "-", "tệp không phải UTF-8 (byte 0xff)", "the file is not UTF-8 (byte 0xff); save it again as UTF-8"
            )
        ],
    )


def test_one_windows_1252_character_names_its_line(tmp_path: Path) -> None:
    """A line pasted from a Windows-1252 document: its en dash is byte 0x96."""
    text = plan_text('source: "plan-2017-article.vi.txt"', 'source: "plan-2017-article.vi.txt – print"')
    data = b"".join(
        line.encode("cp1252") if "–" in line else line.encode("utf-8") for line in text.splitlines(keepends=True)
    )
    path = tmp_path / "plan.yaml"
    path.write_bytes(data)
    assert_reported(problems_of(path), path, [Expected(4, "-", "(byte 0x96)", "(byte 0x96)")])


def test_windows_line_endings_keep_line_numbers(tmp_path: Path) -> None:
    text = plan_text("      value: 100\n", "      value: -100\n")
    path = tmp_path / "plan.yaml"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert_reported(problems_of(path), path, [Expected(29, "targets[1].goal.value", *POSITIVE)])


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + plan_text().encode("utf-8"))
    assert len(load_plan(path).targets) == 3


def test_python_tags_are_refused_not_run(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text("source: ", "source: !!python/object/apply:os.getcwd []\nx: "), encoding="utf-8")
    assert_reported(problems_of(path), path, [Expected(4, "-", *SYNTAX)])


def test_parse_plan_uses_the_name_it_is_given() -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan(b"- 1\n", "<upload>")
    assert caught.value.render("en") == ["<upload>:1: -: the file must be a mapping with id, title, period, targets..."]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _load_text(text: str) -> Plan | PlanError:
    try:
        return parse_plan(text.encode("utf-8"), "targets.yaml")
    except PlanError as error:
        return error


@pytest.mark.parametrize("cut", ["delete", "truncate"])
def test_any_damage_to_the_real_plan_is_explained_never_a_traceback(cut: str) -> None:
    """Delete each line of targets.yaml in turn, or cut the file after it: the loader
    either still accepts the plan or names lines that exist, never raising anything else."""
    lines = _lines(TARGETS_FILE)
    refused = 0
    for index in range(len(lines)):
        damaged = lines[:index] + lines[index + 1 :] if cut == "delete" else lines[: index + 1]
        outcome = _load_text("".join(damaged))
        if isinstance(outcome, PlanError):
            refused += 1
            assert outcome.problems
            for problem in outcome.problems:
                assert 1 <= problem.line <= max(len(damaged), 1), (index, problem)
                assert LINE_FORMAT.match(problem.render("vi")), problem
    assert refused > len(lines) // 3  # most damage is noticed, not silently accepted
