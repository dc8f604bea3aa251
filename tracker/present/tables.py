"""Display tables (pandas) with the headers and number formats of the chosen language.

A table drawn on screen also carries how its columns look (``column_looks``): a short
header with the full name shown on hover, a width, numbers to the right. The frame's own
headers stay the full names, as the tests and the readers of a frame know them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Literal, TypedDict
from urllib.parse import urlencode

import pandas as pd

from tracker.domain.breakdown import DistrictBreakdown, district_label, kind_label
from tracker.domain.pace import PeriodFigure
from tracker.domain.plan import Aggregation, ContextFigure, Plan, Target
from tracker.domain.progress import Progress
from tracker.i18n import Lang, format_date, format_moment, format_number, format_percent, t
from tracker.present.charts import decimals_for, goal_text, period_label
from tracker.service import FigureReading
from tracker.storage.ledger import EntryRow
from tracker.storage.tasks import TaskState, status_label


class ColumnLook(TypedDict):
    """How a column is drawn on screen, so that its table fits a laptop (1366×768 with
    the sidebar open leaves the page 904 px): a short header, the full name shown on
    hover, the least width in pixels (a wider screen shares the spare width out among
    the columns), and the side the cells keep to: numbers to the right, to be compared
    down the column. Plain values, so that the frame still converts as it did."""

    label: str
    help: str
    width: int
    alignment: Literal["left", "right"]


LOOKS = "tracker.column_looks"  # the key of DataFrame.attrs under which a table carries its looks


def column_looks(frame: pd.DataFrame) -> Mapping[str, ColumnLook]:
    """The looks of a table's columns, by the frame's header; none for a table made
    without them (it is drawn as Streamlit sizes it)."""
    looks: Mapping[str, ColumnLook] = frame.attrs.get(LOOKS, {})
    return {header: look for header, look in looks.items() if header in frame.columns}


def _look(label: str, help: str, width: int, numbers: bool = False) -> ColumnLook:
    return ColumnLook(label=label, help=help, width=width, alignment="right" if numbers else "left")


def _with_looks(frame: pd.DataFrame, looks: dict[str, ColumnLook]) -> pd.DataFrame:
    frame.attrs[LOOKS] = looks
    return frame


# The overview's columns: (header, short header, help, width in Vietnamese, in English,
# numbers). Every cell's text, and the header's, plus 16 px of padding; a status is bold.
# With the row-selection column's 33 px, at most 904 px, what a laptop leaves the page:
# English takes all of it (871 + 33). The targets' short names (at most 28 characters:
# plan.SHORT_NAME_LIMIT; the widest today about 194 px) are never cut. Both plans' cells
# are measured in a browser (tests/e2e/test_laptop_width.py).
_OVERVIEW_COLUMNS: tuple[tuple[str, str, str, int, int, bool], ...] = (
    ("col.target", "col.target", "col.help.target", 213, 198, False),  # «Owners' management training»
    ("col.status", "col.status", "col.help.status", 118, 131, False),  # «Chưa có kết quả», «Needs acceleration»
    ("col.details", "col.details", "col.help.details", 58, 57, False),
    ("col.goal", "col.goal", "col.help.goal_unit", 158, 161, False),  # «about 1,500 attendances»
    ("col.achieved", "col.achieved", "col.help.achieved", 62, 70, True),
    ("col.percent", "col.short.percent", "col.help.percent", 60, 60, True),  # «1.250%»
    ("col.percent_of_max", "col.short.percent_of_max", "col.help.percent_of_max", 64, 57, True),
    ("col.expected", "col.short.expected", "col.help.expected", 62, 64, True),  # «Needed», as on a target's page
    ("col.projected", "col.short.projected", "col.help.projected", 62, 73, True),
)


def overview_looks(lang: Lang) -> dict[str, ColumnLook]:
    return {
        t(header, lang): _look(t(short, lang), t(tip, lang), vi if lang == "vi" else en, numbers)
        for header, short, tip, vi, en, numbers in _OVERVIEW_COLUMNS
    }


def overview_table(rows: Sequence[tuple[Target, Progress]], lang: Lang, plan_key: str | None = None) -> pd.DataFrame:
    """Every target's status, goal, achieved, percent, expected-to-date and projection;
    a target by its short name, which the column's width holds uncut."""
    frame = pd.DataFrame(
        [
            {
                t("col.target", lang): target.short.in_(lang),
                t("col.status", lang): t(f"status.{p.status.value}", lang),
                t("col.details", lang): target_link(target.id, p.as_of, plan_key),
                t("col.goal", lang): f"{goal_text(target, lang)} {target.unit.in_(lang)}",
                t("col.achieved", lang): format_number(p.achieved, lang),
                t("col.percent", lang): format_percent(p.percent_of_min, lang),
                t("col.percent_of_max", lang): (
                    format_percent(p.percent_of_max, lang) if p.goal_max != p.goal_min else "–"
                ),
                t("col.expected", lang): format_number(p.expected, lang, decimals_for(target)),
                t("col.projected", lang): format_number(p.projected, lang, 0),
            }
            for target, p in rows
        ]
    )
    return _with_looks(frame, overview_looks(lang))


def titles_on_hover(
    frame: pd.DataFrame,
    items: Sequence[Target | ContextFigure],
    lang: Lang,
    escape: Callable[[str], str],
    header_key: str = "col.target",
) -> pd.DataFrame:
    """The name column (headed ``header_key``) shows short names; its hover lists each with
    the full title. ``escape`` keeps the plan's words as written where the hover reads Markdown."""
    header = t(header_key, lang)
    looks = dict(frame.attrs.get(LOOKS, {}))
    if header not in looks:
        return frame
    names = "\n".join(f"- **{escape(item.short.in_(lang))}**: {escape(item.title.in_(lang))}" for item in items)
    looks[header] = ColumnLook(**{**looks[header], "help": f"{t('col.help.short_names', lang)}\n\n{names}"})
    return _with_looks(frame, looks)


def target_link(target_id: str, as_of: dt.date | None = None, plan_key: str | None = None) -> str:
    """The address of a target's page; shared links open the same plan's target at the
    same date (a link opens in a new tab, a new session, which knows only the address)."""
    query = {"plan": plan_key, "target": target_id, "as_of": as_of.isoformat() if as_of else None}
    return "target?" + urlencode({key: value for key, value in query.items() if value is not None})


def goals_table(plan: Plan, lang: Lang) -> pd.DataFrame:
    """The plan's targets alone, for an empty ledger."""
    frame = pd.DataFrame(
        [
            {
                t("col.target", lang): target.short.in_(lang),
                t("col.goal", lang): goal_text(target, lang),
                t("col.unit", lang): target.unit.in_(lang),
                t("col.owner", lang): target.agency.in_(lang),
            }
            for target in plan.targets
        ]
    )
    return _with_looks(
        frame,
        {  # 864 px of 904: the titles first (one agency often owns them all), then the owners
            t("col.target", lang): _look(t("col.target", lang), t("col.help.target", lang), 340),
            t("col.goal", lang): _look(t("col.goal", lang), t("col.help.goal", lang), 104, numbers=True),
            t("col.unit", lang): _look(t("col.unit", lang), t("col.help.unit", lang), 100),
            t("col.owner", lang): _look(t("col.owner", lang), t("col.help.owner", lang), 320),
        },
    )


def figures_table(figures: Sequence[FigureReading], lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("col.figure", lang): reading.figure.title.in_(lang),
                t("col.unit", lang): reading.figure.unit.in_(lang),
                t("col.baseline", lang): (
                    t("goal.approx", lang, value=format_number(reading.baseline, lang))
                    if reading.figure.approximate
                    else format_number(reading.baseline, lang)
                ),
                t("col.latest", lang): (
                    t("figure.none_recorded", lang)
                    if reading.latest is None
                    else format_number(reading.latest, lang, 3)
                ),
            }
            for reading in figures
        ]
    )


def tasks_table(states: Sequence[TaskState], lang: Lang) -> pd.DataFrame:
    """Every task with its status as recorded (the plan's own status until someone sets
    one), its latest note and who changed it last; notes and names stay plain text."""
    columns = [
        t("col.task", lang),
        t("col.owner", lang),
        t("col.status", lang),
        t("tasks.col.last_note", lang),
        t("tasks.col.updated", lang),
    ]
    return pd.DataFrame(
        [
            [
                state.task.title.in_(lang),
                state.task.owner.in_(lang),
                status_label(state.status, lang),
                _last_note(state),
                (
                    f"{state.updated_by} · {format_moment(state.updated_at)}"
                    if state.updated_by and state.updated_at
                    else ""
                ),
            ]
            for state in states
        ],
        columns=columns,
    )


_NOTE_PREVIEW = 160  # characters of the latest note shown in a summary row


def _last_note(state: TaskState) -> str:
    if not state.notes:
        return ""
    note = state.notes[0]
    body = note.text if len(note.text) <= _NOTE_PREVIEW else note.text[: _NOTE_PREVIEW - 1] + "…"
    return f"{format_date(note.note_date)}: {body}"


_SEPARATORS: dict[Lang, dict[int, int]] = {"vi": str.maketrans(",.", ".,"), "en": {}}


def quantity_text(quantity: Decimal, lang: Lang) -> str:
    """``format_number(quantity, lang, 3)``, the same text, made without babel: a table of
    thousands of entries would spend most of its time in babel reading its pattern again
    for each cell. A stored quantity has at most three decimals, so nothing is rounded."""
    if quantity.as_tuple().exponent < -3 or not quantity.is_finite() or quantity.is_zero():  # type: ignore[operator]
        return format_number(quantity, lang, 3)  # never stored; babel says what it says
    text = f"{quantity:,.3f}".rstrip("0").rstrip(".")
    return text.translate(_SEPARATORS[lang])


def entries_table(rows: Sequence[EntryRow], lang: Lang) -> pd.DataFrame:
    """A target's entries as staff read them; notes and names stay plain text."""
    return pd.DataFrame(
        [
            {
                "#": row.id,
                t("entry.field.date", lang): format_date(row.ref_date),
                t("entry.field.quantity", lang): quantity_text(row.quantity, lang),
                t("entry.field.district", lang): row.district or t("district.city_wide", lang),
                t("entry.field.village", lang): row.village or "",
                t("entry.field.note", lang): row.note or "",
                t("entry.field.entered_by", lang): row.entered_by,
                t("entry.field.entered_at", lang): format_moment(row.entered_at),
            }
            for row in rows
        ],
        columns=[
            "#",
            t("entry.field.date", lang),
            t("entry.field.quantity", lang),
            t("entry.field.district", lang),
            t("entry.field.village", lang),
            t("entry.field.note", lang),
            t("entry.field.entered_by", lang),
            t("entry.field.entered_at", lang),
        ],
    )


def district_table(target: Target, breakdown: DistrictBreakdown, lang: Lang) -> pd.DataFrame:
    """Every district with its kind, what it achieved and its share of the achieved total,
    the largest first; districts without entries say so; the city-wide row comes last."""
    unit = target.unit.in_(lang)
    quantity_header = t("breakdown.col.quantity", lang, unit=unit)
    frame = pd.DataFrame(
        [
            {
                t("breakdown.col.district", lang): district_label(row, lang),
                t("breakdown.col.kind", lang): kind_label(row, lang),
                quantity_header: (
                    format_number(row.quantity, lang, 3) if row.reported else t("breakdown.not_reported", lang)
                ),
                t("breakdown.col.share", lang): format_percent(row.share, lang) if row.reported else "–",
            }
            for row in breakdown.rows
        ],
        columns=[
            t("breakdown.col.district", lang),
            t("breakdown.col.kind", lang),
            quantity_header,
            t("breakdown.col.share", lang),
        ],
    )
    return _with_looks(
        frame,
        {  # 620 px; the city-wide row's name is the longest
            t("breakdown.col.district", lang): _look(
                t("breakdown.col.district", lang), t("breakdown.col.help.district", lang), 260
            ),
            t("breakdown.col.kind", lang): _look(
                t("breakdown.col.kind", lang), t("breakdown.col.help.kind", lang), 120
            ),
            quantity_header: _look(
                t("breakdown.col.short.quantity", lang),
                t("breakdown.col.help.quantity", lang, unit=unit),
                130,
                numbers=True,
            ),
            t("breakdown.col.share", lang): _look(
                t("breakdown.col.short.share", lang), t("breakdown.col.help.share", lang), 110, numbers=True
            ),
        },
    )


def period_table(target: Target, figures: Sequence[PeriodFigure], lang: Lang) -> pd.DataFrame:
    """Per month or quarter: achieved and needed in it, and both so far. A period under
    way says up to which date; periods still to come show only what they need."""
    sums = target.aggregation == Aggregation.sum
    decimals = decimals_for(target)
    achieved_header = t("period.col.achieved" if sums else "period.col.level", lang)
    rows = []
    for figure in figures:
        label = period_label(figure, lang)
        if figure.is_running:
            label = t("period.running", lang, label=label, as_of=format_date(figure.as_of))
        pace_share = (
            figure.cumulative / figure.planned_cumulative
            if figure.cumulative is not None and figure.planned_cumulative > 0
            else None
        )
        row = {
            t("period.col.period", lang): label,
            achieved_header: format_number(figure.achieved, lang, decimals),
        }
        if sums:
            row |= {
                t("period.col.planned", lang): format_number(figure.planned, lang, decimals),
                t("period.col.cumulative", lang): format_number(figure.cumulative, lang, decimals),
                t("period.col.planned_cumulative", lang): format_number(figure.planned_cumulative, lang, decimals),
                t("period.col.percent", lang): format_percent(pace_share, lang),
            }
        rows.append(row)
    return _with_looks(pd.DataFrame(rows), _period_looks(achieved_header, sums, lang))


def _period_looks(achieved_header: str, sums: bool, lang: Lang) -> dict[str, ColumnLook]:
    """730 px: the period under way says to which date, the longest label."""
    looks = {
        t("period.col.period", lang): _look(t("period.col.period", lang), t("period.col.help.period", lang), 190),
        achieved_header: _look(
            t("period.col.short.achieved" if sums else "period.col.short.level", lang),
            t("period.col.help.achieved" if sums else "period.col.help.level", lang),
            100,
            numbers=True,
        ),
    }
    if sums:
        for key in ("planned", "cumulative", "planned_cumulative", "percent"):
            looks[t(f"period.col.{key}", lang)] = _look(
                t(f"period.col.short.{key}", lang), t(f"period.col.help.{key}", lang), 110, numbers=True
            )
    return looks
