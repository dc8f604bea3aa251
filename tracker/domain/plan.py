"""The plan as data: the model of targets.yaml, and a loader that explains every mistake.

A person edits targets.yaml by hand, so every problem is reported as
``PATH:LINE: field: problem`` in Vietnamese or English, never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)

from tracker.domain.periods import Cadence, Reporter, ReportingPeriod, period_at, periods_between
from tracker.i18n import Lang, t

# A number in the file: an int or a float, never a string or a boolean.
Number = Annotated[float, Strict()]
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
LINK_PATTERN = r"^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$"


class Text(BaseModel):
    """A string the interface shows, in both of its languages."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    vi: Annotated[StrictStr, Field(min_length=1)]
    en: Annotated[StrictStr, Field(min_length=1)]

    def in_(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _end_after_start(self) -> Period:
        if self.end < self.start:
            raise ValueError("period_end_before_start")
        return self

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class ExactGoal(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    shape: Literal["exact"]
    value: Annotated[Number, Field(gt=0)]


class ApproximateGoal(BaseModel):
    """ "khoảng 30.000": met once within ``tolerance`` (a share, 0.05 = 5 %) of the value."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    shape: Literal["approximate"]
    value: Annotated[Number, Field(gt=0)]
    tolerance: Annotated[Number, Field(ge=0, lt=1)]


class RangeGoal(BaseModel):
    """ "từ 10-15": met at ``min``, fully met at ``max``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    shape: Literal["range"]
    min: Annotated[Number, Field(gt=0)]
    max: Annotated[Number, Field(gt=0)]

    @model_validator(mode="after")
    def _min_not_above_max(self) -> RangeGoal:
        if self.min > self.max:
            raise ValueError("range_min_above_max")
        return self


class AtLeastGoal(BaseModel):
    """ "ít nhất 1.100": met at ``value``; the plan asks for no more and no less than that."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    shape: Literal["at_least"]
    value: Annotated[Number, Field(gt=0)]


AnyGoal = ExactGoal | ApproximateGoal | RangeGoal | AtLeastGoal
Goal = Annotated[AnyGoal, Field(discriminator="shape")]


def goal_bounds(goal: AnyGoal) -> tuple[float, float]:
    """(minimum, maximum) of a goal; equal for a single-number goal."""
    if isinstance(goal, RangeGoal):
        return float(goal.min), float(goal.max)
    return float(goal.value), float(goal.value)


def goal_met_at(goal: AnyGoal) -> float:
    """The achieved figure from which the goal counts as met."""
    if isinstance(goal, RangeGoal):
        return float(goal.min)
    if isinstance(goal, ApproximateGoal):
        return float(goal.value) * (1 - float(goal.tolerance))
    return float(goal.value)


class Milestone(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    date: dt.date
    value: Annotated[Number, Field(ge=0)]


class Measure(StrEnum):
    count = "count"  # whole things: workers, villages, projects
    amount = "amount"  # may have decimals: money, tonnes


class Aggregation(StrEnum):
    sum = "sum"  # entries are increments; achieved is their total
    latest = "latest"  # entries are levels; achieved is the latest level per district


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    title: Text
    # What tables, chart axes and pickers show; the title is shown on hover and on the target page.
    short: Text
    unit: Text
    measure: Measure = Measure.count
    goal: Goal
    aggregation: Aggregation = Aggregation.sum
    period: Period | None = None  # None: the plan's period
    milestones: tuple[Milestone, ...] = ()
    agency: Text
    funding: Text | None = None
    category: Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    source_text: Annotated[StrictStr, Field(min_length=1)]
    # Where the words come from when it is not the plan's own source (a press report).
    source: Annotated[StrictStr, Field(min_length=1)] | None = None
    # The target of an earlier plan this one carries on: "plan-id/target-id".
    continues: Annotated[StrictStr, Field(pattern=LINK_PATTERN)] | None = None
    # Said when the link's two targets count different things (owners against attendances).
    measure_changed: Text | None = None
    # Who owes its figures each period; None: every district for a summed target, the
    # city for a level target (a district cannot report a city-wide level).
    reported_by: Reporter | None = None

    @property
    def owed_by(self) -> Reporter:
        if self.reported_by is not None:
            return self.reported_by
        return Reporter.districts if self.aggregation == Aggregation.sum else Reporter.city

    @property
    def goal_min(self) -> float:
        return goal_bounds(self.goal)[0]

    @property
    def goal_max(self) -> float:
        return goal_bounds(self.goal)[1]


class ContextFigure(BaseModel):
    """A number the plan states as background, not as a goal (e.g. yearly exports)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    title: Text
    short: Text  # as a target's
    unit: Text
    measure: Measure = Measure.amount
    aggregation: Aggregation = Aggregation.latest
    baseline: Annotated[Number, Field(ge=0)]
    approximate: StrictBool = False
    source_text: Annotated[StrictStr, Field(min_length=1)]


class TaskStatus(StrEnum):
    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"
    blocked = "blocked"


class Task(BaseModel):
    """A qualitative task of the plan, followed by status rather than by number."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    title: Text
    owner: Text
    status: TaskStatus = TaskStatus.not_started
    source_text: Annotated[StrictStr, Field(min_length=1)]


class StatusThresholds(BaseModel):
    """Achieved as a share of expected: at least ``on_track`` is on track, at least
    ``needs_acceleration`` needs acceleration, below that is off track."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    on_track: Annotated[Number, Field(gt=0, le=1)] = 0.95
    needs_acceleration: Annotated[Number, Field(gt=0, le=1)] = 0.60
    # With nothing recorded, a target is "not started" while the plan expects less than
    # this share of its goal; after that, nothing recorded is off track.
    not_started_grace: Annotated[Number, Field(ge=0, lt=1)] = 0.05

    @model_validator(mode="after")
    def _ordered(self) -> StatusThresholds:
        if self.needs_acceleration >= self.on_track:
            raise ValueError("thresholds_out_of_order")
        return self


# The longest a plan may give its districts after a period ends: a quarter. Said in the
# message plan.problem.due_days_too_large.
MAX_DUE_DAYS = 90


class Reporting(BaseModel):
    """How often the districts report, and how many days after a period they have."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    cadence: Cadence = Cadence.quarterly
    due_days: Annotated[int, Field(ge=0)] = 10

    @field_validator("due_days", mode="before")
    @classmethod
    def _whole_days(cls, value: object) -> object:
        # A count of days: 10, not 10.5, "10" or true (pydantic's int errors would say
        # "must be a number" of 10.5, which is one).
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("due_days_not_whole")
        return value

    @field_validator("due_days", mode="after")
    @classmethod
    def _within_a_quarter(cls, value: int) -> int:
        # pydantic's le would read "must be below 90", which 90 is not
        if value > MAX_DUE_DAYS:
            raise ValueError("due_days_too_large")
        return value


class Category(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    title: Text


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    title: Text
    issued_by: Text
    source: Annotated[StrictStr, Field(min_length=1)]
    period: Period
    status_thresholds: StatusThresholds = StatusThresholds()
    categories: tuple[Category, ...]
    targets: Annotated[tuple[Target, ...], Field(min_length=1)]
    context_figures: tuple[ContextFigure, ...] = ()
    tasks: tuple[Task, ...] = ()
    # The plan shown first; without one in the file, the latest plan is.
    default: StrictBool = False
    reporting: Reporting = Reporting()

    @property
    def year(self) -> int:
        return self.period.start.year

    def target(self, target_id: str) -> Target:
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(target_id)

    def period_of(self, item: Target | ContextFigure) -> Period:
        if isinstance(item, Target) and item.period is not None:
            return item.period
        return self.period

    def recordable(self) -> tuple[Target | ContextFigure, ...]:
        """Everything staff can record figures for: targets, then context figures."""
        return (*self.targets, *self.context_figures)

    def recordable_by_id(self) -> dict[str, Target | ContextFigure]:
        return {item.id: item for item in self.recordable()}

    def reporting_periods(self) -> list[ReportingPeriod]:
        """The periods the plan's reports are owed for, in order."""
        return periods_between(self.period.start, self.period.end, self.reporting.cadence, self.reporting.due_days)

    def reporting_period_at(self, day: dt.date) -> ReportingPeriod:
        return period_at(day, self.reporting.cadence, self.reporting.due_days)

    def reporting_period(self, name: str) -> ReportingPeriod | None:
        """The plan's period named ``name`` (2017-Q2, 2017-03), or None."""
        wanted = str(name).strip().upper()
        return next((p for p in self.reporting_periods() if p.name.upper() == wanted), None)

    def owed_targets(self, reporter: Reporter) -> tuple[Target, ...]:
        return tuple(target for target in self.targets if target.owed_by == reporter)

    def nil_day(self, target: Target | object, period: ReportingPeriod) -> dt.date | None:
        """The day a nil report ("nothing this period") of ``target`` (a Target or its id)
        for the reporting ``period`` is dated: the period's last day that lies within the
        target's own period, so a target ending 15/05/2017 says «nothing» for Q2 on 15/05.
        None when the target's period does not reach ``period`` (nothing is owed for it
        there: tracker.domain.completeness asks this) or the plan has no such target.

        Every nil report is dated here (the form, the command line, an import), so the
        day one of them picks is always a day the others accept."""
        if not isinstance(target, Target):
            target = next((item for item in self.targets if item.id == str(target)), None)
            if target is None:
                return None
        own = self.period_of(target)
        if own.end < period.start or own.start > period.end:
            return None
        return min(period.end, own.end)

    def category_title(self, category_id: str) -> Text | None:
        return next((c.title for c in self.categories if c.id == category_id), None)


# --- Loading -------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One mistake in a plan file, at a line, in a field."""

    path: str
    line: int
    field: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: Lang = "vi") -> str:
        message = t(f"plan.problem.{self.code}", lang, **self.params)
        return f"{self.path}:{self.line}: {self.field or '-'}: {message}"


class PlanError(Exception):
    """The plan file cannot be used; ``problems`` says every reason found."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(p.render("en") for p in problems))

    def render(self, lang: Lang = "vi") -> list[str]:
        return [p.render(lang) for p in self.problems]


PathKey = tuple[str | int, ...]


class _KeepBadDates:
    """A loader that keeps an impossible date (2017-13-45) as its text, so that the model
    reports it as a bad date in its own field and line rather than as a syntax error."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> object:
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except (ValueError, OverflowError):
            return self.construct_scalar(node)  # type: ignore[attr-defined]


class _Loader(_KeepBadDates, yaml.SafeLoader):
    """Pure Python: its messages are the ones the plan's problems quote."""


class _FastLoader(_KeepBadDates, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same on libyaml where it is installed: a plan file read in a fraction of the time
    (every command reads it). A file it cannot read is read again by _Loader, for the message."""


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _loader.construct_yaml_timestamp)


class _LineIndex:
    """Line (1-based) of every mapping key and sequence item in a composed YAML tree."""

    def __init__(self) -> None:
        self.lines: dict[PathKey, int] = {}
        self.duplicate_keys: list[tuple[PathKey, int]] = []

    def walk(self, node: yaml.Node, path: PathKey = ()) -> None:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = (*path, key)
                if key in seen:
                    self.duplicate_keys.append((child, key_node.start_mark.line + 1))
                seen.add(key)
                self.lines[child] = key_node.start_mark.line + 1
                self.walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*path, index))

    def line_of(self, path: PathKey) -> int:
        """The line of the deepest part of ``path`` that exists in the file."""
        for depth in range(len(path), -1, -1):
            if path[:depth] in self.lines:
                return self.lines[path[:depth]]
        return 1


def _field_name(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_UNION_TAGS = {"exact", "approximate", "range", "at_least"}


def _clean_loc(loc: tuple[Any, ...], index: _LineIndex) -> PathKey:
    """Drop pydantic's union tags and type names from an error location."""
    cleaned: list[str | int] = []
    for part in loc:
        candidate = (*cleaned, part)
        if part in _UNION_TAGS and tuple(candidate) not in index.lines:
            continue
        cleaned.append(part)
    return tuple(cleaned)


# pydantic error types mapped to our message codes; the rest say "invalid value"
_ERROR_CODES = {
    "missing": "missing",
    "extra_forbidden": "unknown_field",
    "int_type": "not_a_number",
    "float_type": "not_a_number",
    "string_type": "not_text",
    "bool_type": "not_boolean",
    "date_type": "not_a_date",
    "date_from_datetime_parsing": "not_a_date",
    "date_parsing": "not_a_date",
    "date_from_datetime_inexact": "not_a_date",
    "greater_than": "must_be_positive",
    "greater_than_equal": "must_not_be_negative",
    "less_than": "too_large",
    "less_than_equal": "too_large",
    "string_pattern_mismatch": "bad_id",
    "string_too_short": "empty",
    "too_short": "empty",
    "tuple_type": "not_a_list",
    "list_type": "not_a_list",
    "model_type": "not_a_mapping",
    "model_attributes_type": "not_a_mapping",
    "dict_type": "not_a_mapping",
    "enum": "not_one_of",
    "literal_error": "not_one_of",
    "union_tag_invalid": "not_one_of",
    "union_tag_not_found": "missing_shape",
}


def _problem_from_pydantic(path: str, error: Any, index: _LineIndex) -> Problem:
    loc = _clean_loc(tuple(error["loc"]), index)
    kind = error["type"]
    if kind == "union_tag_invalid":
        loc = (*loc, "shape")  # the goal's shape is what is wrong, on its own line if written in block style
    params: dict[str, Any] = {}
    if kind == "value_error":
        # our own model validators raise ValueError(code)
        code = str(error.get("ctx", {}).get("error", "invalid"))
    else:
        code = _ERROR_CODES.get(kind, "invalid")
        ctx = error.get("ctx") or {}
        if code == "not_one_of":
            # pydantic words the list in English ("'a', 'b' or 'c'"); a plain list reads in both
            allowed = str(ctx.get("expected") or ctx.get("expected_tags") or "")
            params["allowed"] = allowed.replace(" or ", ", ")
        if code == "too_large":
            limit = ctx.get("lt", ctx.get("le", ""))
            params["limit"] = int(limit) if isinstance(limit, float) and limit.is_integer() else limit  # 1, not 1.0
        if code == "invalid":
            params["detail"] = error.get("msg", "")
    if code == "bad_id" and loc and loc[-1] == "continues":
        code = "bad_link"
    return Problem(path, index.line_of(loc), _field_name(loc), code, params)


# The longest short name, in characters. Measured in the app's font (Source Sans, 14 px),
# 28 characters take at most about 185 px; with the grid's 16 px of padding that is the
# 199 px the overview table's name column keeps at 1366 px (tracker/present/tables.py,
# tests/e2e/test_laptop_width.py), and it leaves a chart's bars most of their width.
SHORT_NAME_LIMIT = 28


def folded_name(text: str) -> str:
    """A name as a reader tells it apart: without case, accents or spaces ("Nhãn hiệu
    tập thể" and "nhan hieu tapthe" are one name)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(bare.casefold().split())


def _short_name_checks(path: str, plan: Plan, index: _LineIndex, prefix: PathKey) -> list[Problem]:
    """Every short name fits its column, and no two in one plan read alike, in either language."""
    problems: list[Problem] = []
    sections: tuple[tuple[str, tuple[Target | ContextFigure, ...]], ...] = (
        ("targets", plan.targets),
        ("context_figures", plan.context_figures),
    )
    for lang in ("vi", "en"):
        first_of: dict[str, PathKey] = {}
        for section, items in sections:
            for position, item in enumerate(items):
                name = item.short.in_(lang)
                here: PathKey = (*prefix, section, position, "short", lang)
                line = index.line_of(here)
                if len(name) > SHORT_NAME_LIMIT:
                    params = {"length": len(name), "limit": SHORT_NAME_LIMIT}
                    problems.append(Problem(path, line, _field_name(here), "short_name_too_long", params))
                key = folded_name(name)
                if key in first_of:
                    params = {"name": name, "first_line": index.line_of(first_of[key])}
                    problems.append(Problem(path, line, _field_name(here), "short_name_taken", params))
                else:
                    first_of[key] = here
    return problems


def _cross_checks(
    path: str, data: dict[str, Any], plan: Plan, index: _LineIndex, prefix: PathKey = ()
) -> list[Problem]:
    """What a single field cannot see: unique ids, references, dates within periods.
    ``prefix`` is where the plan sits in the file (("plans", 1) in a file of several)."""
    problems: list[Problem] = []
    seen: dict[str, PathKey] = {}
    for section in ("targets", "context_figures", "tasks", "categories"):
        for position, item in enumerate(data.get(section) or []):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            here: PathKey = (*prefix, section, position, "id")
            scope = "categories" if section == "categories" else "items"
            key = f"{scope}:{item_id}"
            if key in seen:
                first = seen[key]
                problems.append(
                    Problem(
                        path,
                        index.line_of(here),
                        _field_name(here),
                        "duplicate_id",
                        {"id": item_id, "first_line": index.line_of(first)},
                    )
                )
            else:
                seen[key] = here
    problems += _short_name_checks(path, plan, index, prefix)
    category_ids = {c.id for c in plan.categories}
    for position, target in enumerate(plan.targets):
        if target.category not in category_ids:
            here = (*prefix, "targets", position, "category")
            problems.append(
                Problem(path, index.line_of(here), _field_name(here), "unknown_category", {"category": target.category})
            )
        period = plan.period_of(target)
        previous: Milestone | None = None
        for m_index, milestone in enumerate(target.milestones):
            here = (*prefix, "targets", position, "milestones", m_index)
            if not period.contains(milestone.date):
                problems.append(
                    Problem(
                        path, index.line_of((*here, "date")), _field_name((*here, "date")), "milestone_outside_period"
                    )
                )
            if milestone.value > target.goal_max:
                here_value = (*here, "value")
                problems.append(
                    Problem(path, index.line_of(here_value), _field_name(here_value), "milestone_above_goal")
                )
            if previous is not None and (milestone.date <= previous.date or milestone.value < previous.value):
                problems.append(Problem(path, index.line_of(here), _field_name(here), "milestones_not_increasing"))
            previous = milestone
        if target.measure_changed is not None and target.continues is None:
            here = (*prefix, "targets", position, "measure_changed")
            problems.append(Problem(path, index.line_of(here), _field_name(here), "change_without_link"))
        if target.measure == Measure.count:
            for bound_name in ("value", "min", "max"):
                bound = getattr(target.goal, bound_name, None)
                if bound is not None and float(bound) != int(bound):
                    here = (*prefix, "targets", position, "goal", bound_name)
                    problems.append(Problem(path, index.line_of(here), _field_name(here), "fraction_for_count"))
    return problems


_OPENED_AT_CONTEXT_LINE = ("while parsing a flow", "while scanning a quoted scalar")


def _compose(text_bytes: bytes, path: str) -> tuple[yaml.Node, Any]:
    """The YAML tree (for lines) and its data, or PlanError for a file that is not YAML."""
    if not text_bytes.strip():
        raise PlanError(path, [Problem(path, 1, "", "empty_file")])
    try:
        text = text_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        line = text_bytes[: error.start].count(b"\n") + 1
        raise PlanError(
            path, [Problem(path, line, "", "not_utf8", {"byte": f"0x{text_bytes[error.start]:02x}"})]
        ) from None
    fast = _FastLoader(text)
    try:
        root = fast.get_single_node()
        data = fast.construct_document(root) if root is not None else None
    except yaml.YAMLError:
        pass  # read again below, for the message
    else:
        if root is not None and isinstance(data, dict):
            return root, data
    finally:
        fast.dispose()
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        if str(getattr(error, "context", "")).startswith(_OPENED_AT_CONTEXT_LINE):
            # an unclosed brace, bracket or quote is noticed lines later; the fix is where it opened
            mark = getattr(error, "context_mark", None) or mark
        line = mark.line + 1 if mark is not None else 1
        detail = getattr(error, "problem", None) or str(error)
        raise PlanError(path, [Problem(path, line, "", "yaml_syntax", {"detail": detail})]) from None
    finally:
        loader.dispose()
    if root is None or not isinstance(data, dict):
        raise PlanError(path, [Problem(path, 1, "", "not_a_plan")])
    return root, data


class _PlanFile(BaseModel):
    """A file of several plans: ``plans:``, a list of plans as a file of one would hold."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    plans: Annotated[tuple[Plan, ...], Field(min_length=1)]


def parse_plans(text_bytes: bytes, path: str) -> PlanSet:
    """Validate the bytes of a plan file (one plan, or ``plans:`` with several); raise
    PlanError listing every problem found, each at its line and field."""
    root, data = _compose(text_bytes, path)
    index = _LineIndex()
    index.walk(root)
    problems = [
        Problem(path, line, _field_name(key), "duplicate_key", {"key": key[-1]}) for key, line in index.duplicate_keys
    ]
    several = "plans" in data
    try:
        plans = _PlanFile.model_validate(data).plans if several else (Plan.model_validate(data),)
    except ValidationError as error:
        problems += [_problem_from_pydantic(path, e, index) for e in error.errors()]
        raise PlanError(path, sorted(problems, key=lambda p: p.line)) from None
    plan_data = data["plans"] if several else [data]
    for position, (plan, raw) in enumerate(zip(plans, plan_data, strict=True)):
        problems += _cross_checks(path, raw, plan, index, ("plans", position) if several else ())
    problems += _set_checks(path, plans, index, several)
    if problems:
        raise PlanError(path, sorted(problems, key=lambda p: p.line))
    return PlanSet(plans)


def parse_plan(text_bytes: bytes, path: str) -> Plan:
    """The default plan of a plan file (see parse_plans)."""
    return parse_plans(text_bytes, path).default


def read_plans(path: str | Path) -> PlanSet:
    """Read and validate a plan file; raise PlanError (never anything else) when unusable."""
    shown = str(path)
    try:
        content = Path(path).read_bytes()
    except FileNotFoundError:
        raise PlanError(shown, [Problem(shown, 1, "", "file_not_found")]) from None
    except OSError as error:
        raise PlanError(shown, [Problem(shown, 1, "", "file_unreadable", {"detail": error.strerror or ""})]) from None
    return parse_plans(content, shown)


def load_plan(path: str | Path) -> Plan:
    """The default plan of a plan file (see read_plans)."""
    return read_plans(path).default


# --- Several plans -------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A target and the target of an earlier plan that it carries on."""

    earlier_plan: Plan
    earlier: Target
    plan: Plan
    target: Target

    @property
    def change_note(self) -> Text | None:
        """What the two count differently (owners against attendances); None: the same."""
        return self.target.measure_changed


@dataclass(frozen=True)
class ChainYear:
    """One year of a chain: its plan, its target, and the link from the year before."""

    plan: Plan
    target: Target
    link: Link | None  # None for the chain's first year

    @property
    def change_note(self) -> Text | None:
        return None if self.link is None else self.link.change_note


@dataclass(frozen=True)
class Chain:
    """Targets of successive plans linked by ``continues``, oldest first."""

    years: tuple[ChainYear, ...]

    @property
    def id(self) -> str:
        """The first year's target as ``plan-id/target-id``: it names the chain for good."""
        first = self.years[0]
        return f"{first.plan.id}/{first.target.id}"

    @property
    def latest(self) -> ChainYear:
        return self.years[-1]

    @property
    def measure_changed(self) -> bool:
        return any(year.change_note is not None for year in self.years)


class PlanSet:
    """The plans of one file, oldest first, and the links between their targets."""

    def __init__(self, plans: tuple[Plan, ...]) -> None:
        self.plans = tuple(sorted(plans, key=lambda plan: (plan.period.start, plan.period.end)))
        self._by_id = {plan.id: plan for plan in self.plans}

    def __iter__(self) -> Iterator[Plan]:
        return iter(self.plans)

    def __len__(self) -> int:
        return len(self.plans)

    @property
    def default(self) -> Plan:
        """The plan marked ``default: true``, else the latest."""
        return next((plan for plan in self.plans if plan.default), self.plans[-1])

    def find(self, reference: str) -> Plan | None:
        """A plan by its id, or by its year when one plan alone starts in that year
        (``?plan=2018``, ``--plan 2018``); None when nothing or several match."""
        if reference in self._by_id:
            return self._by_id[reference]
        matches = [plan for plan in self.plans if str(plan.year) == reference.strip()]
        return matches[0] if len(matches) == 1 else None

    def key(self, plan: Plan) -> str:
        """How addresses and the command line name a plan: its year when no other plan
        starts in that year, else its id."""
        same_year = [other for other in self.plans if other.year == plan.year]
        return str(plan.year) if len(same_year) == 1 else plan.id

    def predecessor(self, plan: Plan, target: Target) -> Link | None:
        """The target of an earlier plan that ``target`` continues, if it says so."""
        if target.continues is None:
            return None
        plan_id, target_id = target.continues.split("/", 1)
        earlier_plan = self._by_id.get(plan_id)
        if earlier_plan is None:
            return None
        earlier = next((item for item in earlier_plan.targets if item.id == target_id), None)
        return None if earlier is None else Link(earlier_plan, earlier, plan, target)

    def successor(self, plan: Plan, target: Target) -> Link | None:
        for later_plan in self.plans:
            for later in later_plan.targets:
                link = self.predecessor(later_plan, later)
                if link is not None and link.earlier_plan.id == plan.id and link.earlier.id == target.id:
                    return link
        return None

    def chains(self) -> list[Chain]:
        """Every chain of two years or more, in the order of its latest plan's targets."""
        found: list[Chain] = []
        for plan in reversed(self.plans):
            for target in plan.targets:
                if self.successor(plan, target) is not None or self.predecessor(plan, target) is None:
                    continue  # not a chain's last year, or a target that stands alone
                years = [ChainYear(plan, target, None)]
                while (link := self.predecessor(years[0].plan, years[0].target)) is not None:
                    years[0] = ChainYear(years[0].plan, years[0].target, link)
                    years.insert(0, ChainYear(link.earlier_plan, link.earlier, None))
                found.append(Chain(tuple(years)))
        return found


def _set_checks(path: str, plans: tuple[Plan, ...], index: _LineIndex, several: bool) -> list[Problem]:
    """What no single plan can see: ids unique across plans, one default, and sound links
    (in a file of one plan too: a link there can only be wrong)."""
    problems: list[Problem] = []

    def at(position: int, *rest: str | int) -> PathKey:
        return ("plans", position, *rest) if several else rest

    def problem(here: PathKey, code: str, **params: Any) -> None:
        problems.append(Problem(path, index.line_of(here), _field_name(here), code, params))

    first_of: dict[str, PathKey] = {}
    defaults: list[int] = []
    for position, plan in enumerate(plans):
        here: PathKey = at(position, "id")
        if plan.id in first_of:
            problem(here, "duplicate_plan_id", id=plan.id, first_line=index.line_of(first_of[plan.id]))
        else:
            first_of[plan.id] = here
        if plan.id.isdigit():  # ?plan=2018 and --plan 2018 name a plan by its year
            problem(here, "plan_id_is_a_year", id=plan.id)
        if plan.default:
            defaults.append(position)
    for position in defaults[1:]:
        problem(at(position, "default"), "two_defaults", first_line=index.line_of(at(defaults[0], "default")))
    if len(first_of) < len(plans):
        return problems  # links cannot be told apart until every plan has its own id

    by_id = {plan.id: plan for plan in plans}
    links: dict[tuple[str, str], tuple[str, str]] = {}
    where: dict[tuple[str, str], PathKey] = {}
    continued: dict[str, PathKey] = {}  # a target is carried on by one later target at most
    for position, plan in enumerate(plans):
        for t_position, target in enumerate(plan.targets):
            if target.continues is None:
                continue
            here = at(position, "targets", t_position, "continues")
            plan_id, target_id = target.continues.split("/", 1)
            earlier_plan = by_id.get(plan_id)
            earlier = (
                None
                if earlier_plan is None
                else next((item for item in earlier_plan.targets if item.id == target_id), None)
            )
            if earlier_plan is None:
                problem(here, "continues_unknown_plan", plan=plan_id)
                continue
            if earlier is None:
                problem(here, "continues_unknown_target", plan=plan_id, target=target_id)
                continue
            links[(plan.id, target.id)] = (plan_id, target_id)
            where[(plan.id, target.id)] = here
            not_earlier = earlier_plan is plan or earlier_plan.period.start >= plan.period.start
            if not_earlier:
                problem(here, "continues_not_earlier", plan=plan_id)
            if target.continues in continued:
                first_line = index.line_of(continued[target.continues])
                problem(here, "continues_twice", target=target.continues, first_line=first_line)
            else:
                continued[target.continues] = here
            if earlier.aggregation != target.aggregation:
                problem(here, "continues_other_kind", kind=target.aggregation.value, other=earlier.aggregation.value)
            elif (
                not not_earlier  # a link to the wrong plan says so first; its units mean nothing yet
                and target.measure_changed is None
                and earlier.measure != target.measure
            ):
                problem(here, "continues_needs_note", measure=target.measure.value, other=earlier.measure.value)
    for start in links:
        seen = {start}
        node = links.get(start)
        while node is not None and node not in seen:
            seen.add(node)
            node = links.get(node)
        if node == start:
            problem(where[start], "continues_loop")
    return problems
