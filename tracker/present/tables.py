"""Display tables (pandas) with the headers and number formats of the chosen language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from tracker.domain.breakdown import DistrictBreakdown, district_label, kind_label
from tracker.domain.pace import PeriodFigure
from tracker.domain.plan import Aggregation, Plan, Target
from tracker.domain.progress import Progress
from tracker.i18n import Lang, format_date, format_moment, format_number, format_percent, t
from tracker.present.charts import decimals_for, goal_text, period_label
from tracker.service import FigureReading
from tracker.storage.ledger import EntryRow
from tracker.storage.tasks import TaskState, status_label


def overview_table(rows: Sequence[tuple[Target, Progress]], lang: Lang) -> pd.DataFrame:
    """Every target's status, goal, achieved, percent, expected-to-date and projection."""
    return pd.DataFrame(
        [
            {
                t("col.target", lang): target.title.in_(lang),
                t("col.status", lang): t(f"status.{p.status.value}", lang),
                t("col.details", lang): target_link(target.id, p.as_of),
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


def target_link(target_id: str, as_of: dt.date | None = None) -> str:
    """The address of a target's page; shared links open the same target at the same date."""
    return f"target?target={target_id}" + (f"&as_of={as_of.isoformat()}" if as_of else "")


def goals_table(plan: Plan, lang: Lang) -> pd.DataFrame:
    """The plan's targets alone, for an empty ledger."""
    return pd.DataFrame(
        [
            {
                t("col.target", lang): target.title.in_(lang),
                t("col.goal", lang): goal_text(target, lang),
                t("col.unit", lang): target.unit.in_(lang),
                t("col.owner", lang): target.agency.in_(lang),
            }
            for target in plan.targets
        ]
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


def entries_table(rows: Sequence[EntryRow], lang: Lang) -> pd.DataFrame:
    """A target's entries as staff read them; notes and names stay plain text."""
    return pd.DataFrame(
        [
            {
                "#": row.id,
                t("entry.field.date", lang): format_date(row.ref_date),
                t("entry.field.quantity", lang): format_number(row.quantity, lang, 3),
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
    quantity_header = t("breakdown.col.quantity", lang, unit=target.unit.in_(lang))
    return pd.DataFrame(
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
    return pd.DataFrame(rows)
