"""What pages show and share: the plan's caption, a target's goal line, tables (the
overview's, coloured by status, whose rows open a target), the overview chart, and the
downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from tracker.domain.plan import Aggregation, ContextFigure, Plan, Target
from tracker.i18n import Lang, format_date, format_number, t
from tracker.present import charts, tables, years
from tracker.present.charts import STATUS_COLOURS, goal_text
from tracker.present.export import (
    MIME_TYPES,
    EntryFilters,
    entries_csv_bytes,
    export_filename,
    overview_csv_bytes,
    xlsx_bytes,
)
from tracker.service import Overview
from tracker.service.years import Comparison, MonthDay
from tracker.storage.ledger import Ledger
from tracker.storage.tasks import TaskState
from tracker.ui import reads
from tracker.ui.language import lang
from tracker.ui.language import link as language_link
from tracker.ui.text import md_escape
from tracker.ui.widgets import AS_OF_PARAM, TARGET_PARAM


def plan_caption(current_plan: Plan) -> None:
    language = lang()
    period = t(
        "app.period", language, start=format_date(current_plan.period.start), end=format_date(current_plan.period.end)
    )
    st.caption(f"{md_escape(current_plan.title.in_(language))} · {period}")


def item_caption(item: Target | ContextFigure, current_overview: Overview) -> None:
    """The goal and the figure so far (or, for a context figure, its baseline)."""
    language = lang()
    unit = md_escape(item.unit.in_(language))  # a caption reads Markdown: the plan's words as written
    if isinstance(item, Target):
        achieved = format_number(current_overview.progress_of(item.id).achieved, language)
        st.caption(t("record.goal_line", language, goal=goal_text(item, language), unit=unit, achieved=achieved))
    else:
        baseline = format_number(item.baseline, language)
        st.caption(t("record.baseline_line", language, baseline=baseline, unit=unit))
    intro = "record.intro_latest" if item.aggregation == Aggregation.latest else "record.intro"
    st.caption(t(intro, language))


def table(frame: pd.DataFrame | Styler, names_first: bool = True) -> None:
    """A read-only table; when the first column holds names, it keeps a readable width."""
    _table(frame, names_first)


def _table(
    frame: pd.DataFrame | Styler,
    names_first: bool = True,
    looks: Mapping[str, tables.ColumnLook] | None = None,
    **selection: Any,
) -> Any:
    """A table made with column looks (tables.column_looks, or ``looks``) is drawn with
    them: short headers, the full names on hover, widths that fit a laptop, numbers to
    the right."""
    data = frame.data if isinstance(frame, Styler) else frame
    columns = data.columns
    looks = tables.column_looks(data) if looks is None else looks
    config: dict[str, object] = (
        {columns[0]: st.column_config.TextColumn(width="large")} if names_first and not looks else {}
    )
    for header, look in looks.items():  # label, help, width, alignment; the cells are text already
        config[header] = st.column_config.TextColumn(**look)
    details = t("col.details", lang())
    if details in columns:  # a link to each target's own page
        link_text = t("col.details_link", lang())
        look = looks.get(details)
        config[details] = (
            st.column_config.LinkColumn(**look, display_text=link_text)
            if look
            else st.column_config.LinkColumn(details, display_text=link_text)
        )
    return st.dataframe(frame, hide_index=True, width="stretch", column_config=config or None, **selection)


def status_styled(frame: pd.DataFrame) -> Styler:
    """Colour the status column by status, as the chart does."""
    language = lang()
    colours = {t(f"status.{status.value}", language): colour for status, colour in STATUS_COLOURS.items()}

    def paint(value: object) -> str:
        colour = colours.get(str(value))
        return f"background-color: {colour}; color: white; font-weight: 600" if colour else ""

    # Without the column looks the frame carries (tables.column_looks): pandas copies a
    # frame's attrs at each of the many steps Streamlit takes to send a Styler. And with
    # ids on the painted cells only: Streamlit rewrites each cell that has an id with its
    # display value, column by column, while every cell here is its own text already.
    bare = frame.copy(deep=False)
    bare.attrs = {}
    return Styler(bare, cell_ids=False).map(paint, subset=[t("col.status", language)])


def overview_chart(current_overview: Overview) -> None:
    """The planned-against-achieved chart, built once per set of figures and language:
    building a plotly figure costs more than reading the cached figures."""
    event = st.plotly_chart(
        reads.drawn(_overview_figure, current_overview, lang()),
        width="stretch",
        config={"displaylogo": False},
        on_select="rerun",
        selection_mode="points",
        key="overview_chart",
    )
    chosen = [point.get("customdata") for point in event.selection.points if point.get("customdata")]
    if chosen:
        open_target(str(chosen[0]), current_overview.as_of)


def _overview_figure(current_overview: Overview, language: Lang) -> go.Figure:
    return charts.finished(charts.overview_figure(current_overview.worst_first(), language))


def goals_table(current_plan: Plan) -> None:
    """The plan's targets before anything is recorded, by short name, every title on hover."""
    language = lang()
    frame = tables.goals_table(current_plan, language)
    table(tables.titles_on_hover(frame, current_plan.targets, language, md_escape))


def overview_table(current_overview: Overview) -> None:
    """The targets worst first; choosing a row opens that target's page (the link column
    does the same in a new tab, and can be copied)."""
    plan_key = str(st.query_params["plan"]) if "plan" in st.query_params else None
    kept = tuple(language_link().items())
    frame = reads.drawn(_overview_frame, current_overview, lang(), plan_key, kept)
    event = _table(status_styled(frame), looks=tables.column_looks(frame), on_select="rerun",
                   selection_mode="single-row", key="overview_table")  # fmt: skip
    if event is not None and event.selection.rows:
        open_target(current_overview.worst_first()[event.selection.rows[0]][0].id, current_overview.as_of)


def _overview_frame(
    current_overview: Overview, language: Lang, plan_key: str | None, kept: tuple[tuple[str, str], ...]
) -> pd.DataFrame:
    """The overview's table, its links keeping the language shown (``kept``): a link
    opened in a new tab or sent to a colleague opens in it."""
    rows = current_overview.worst_first()
    frame = tables.overview_table(rows, language, plan_key)
    details = t("col.details", language)
    if kept and details in frame.columns:
        frame[details] = [f"{address}&{urlencode(kept)}" for address in frame[details]]
    return tables.titles_on_hover(frame, [target for target, _ in rows], language, md_escape)


def figures_table(current_overview: Overview) -> None:
    """The context figures: the plan's baseline and the latest value recorded."""
    table(reads.drawn(_figures_frame, current_overview, lang()))


def _figures_frame(current_overview: Overview, language: Lang) -> pd.DataFrame:
    return tables.figures_table(current_overview.figures, language)


def tasks_table(states: list[TaskState]) -> None:
    """The plan's tasks as they stand (``states``: as reads.tasks returned them)."""
    table(reads.drawn(tables.tasks_table, states, lang()))


def years_parts(
    comparisons: list[Comparison], day: MonthDay, language: Lang, chain: int
) -> tuple[pd.DataFrame, go.Figure]:
    """The year-on-year page's table of every chain and the chart of the ``chain``-th
    (drawn through reads.drawn)."""
    figure = charts.finished(years.years_figure(comparisons, day, language, [chain]))
    return years.years_table(comparisons, day, language), figure


def open_target(target_id: str, as_of: dt.date) -> None:
    """Go to a target's page at the date the overview shows, in the plan and language shown."""
    kept = {"plan": str(st.query_params["plan"])} if "plan" in st.query_params else {}
    query = {**kept, TARGET_PARAM: target_id, AS_OF_PARAM: as_of.isoformat(), **language_link()}
    st.switch_page("pages/target.py", query_params=query)


def downloads(current_plan: Plan, store: Ledger, current_overview: Overview, filters: EntryFilters | None) -> None:
    """Excel and CSV downloads of the entries (as filtered) and the overview. Files are
    made when a button is pressed, not on every rerun: a ledger may be large."""
    language = lang()
    as_of = current_overview.as_of
    workbook, entries_csv, overview_csv = st.columns(3)
    workbook.download_button(
        t("download.xlsx", language),
        data=lambda: xlsx_bytes(current_plan, store, current_overview, filters, language),
        file_name=export_filename(current_plan, "workbook", "xlsx", as_of),
        mime=MIME_TYPES["xlsx"],
        icon=":material/table_view:",
    )
    entries_csv.download_button(
        t("download.entries_csv", language),
        data=lambda: entries_csv_bytes(current_plan, store, filters, language),
        file_name=export_filename(current_plan, "entries", "csv", as_of),
        mime=MIME_TYPES["csv"],
        icon=":material/download:",
    )
    overview_csv.download_button(
        t("download.overview_csv", language),
        data=lambda: overview_csv_bytes(current_overview, language),
        file_name=export_filename(current_plan, "overview", "csv", as_of),
        mime=MIME_TYPES["csv"],
        icon=":material/download:",
    )
