"""The target page's own pieces: where the target stands, its pace over time, and what
the plan says about it. Streamlit glue only; the figures come from service and pace."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tracker.domain.breakdown import DistrictBreakdown, reporting_summary
from tracker.domain.pace import PaceSeries, Step, per_period
from tracker.domain.plan import ContextFigure, Plan, PlanSet, Target
from tracker.domain.progress import Progress, Status
from tracker.i18n import Lang, format_date, format_number, format_percent, t
from tracker.present import charts, tables
from tracker.present.charts import goal_text
from tracker.service.years import LastYear
from tracker.ui import language, reads
from tracker.ui.display import table
from tracker.ui.text import md_escape

STEP_KEY = "pace_step"
TABLE_KEY = "pace_table"  # the table stays open when months turn to quarters
BREAKDOWN_KEY = "breakdown_tab"  # the districts' chart or table
PACE_TAB_KEY = "pace_tab"  # the cumulative line or the figures per period
# Streamlit's badge knows a few named colours: the nearest to the chart's status colours.
BADGE_COLOURS: dict[Status, str] = {
    Status.achieved: "green",
    Status.on_track: "green",
    Status.needs_acceleration: "orange",
    Status.off_track: "red",
    Status.not_started: "gray",
    Status.missed: "red",
}


def standing(target: Target, series: PaceSeries) -> None:
    """Four figures in a row, then the projection and what is still needed, in words."""
    lang = language.lang()
    progress = series.progress
    decimals = charts.decimals_for(target)
    unit = md_escape(target.unit.in_(lang))  # labels read Markdown: the plan's words show as written
    status_column, achieved_column, expected_column, projected_column = st.columns(4)
    status_column.caption(t("col.status", lang))
    status_column.badge(t(f"status.{progress.status.value}", lang), color=BADGE_COLOURS[progress.status])
    achieved_column.metric(
        t("target.achieved_in", lang, unit=unit),
        format_number(progress.achieved, lang, decimals),
        help=t("goal.of", lang, goal=goal_text(target, lang), percent=format_percent(progress.percent_of_min, lang)),
    )
    expected_column.metric(
        t("chart.expected", lang, as_of=format_date(series.as_of)), format_number(progress.expected, lang, decimals)
    )
    projected_column.metric(
        t("col.projected", lang),
        format_number(progress.projected, lang, decimals) if not series.is_final else "–",
    )
    st.markdown(f"**{md_escape(charts.projection_text(target, series, lang))}**")
    needed = charts.needed_text(target, series, lang)
    if needed:
        st.caption(md_escape(needed))


def over_time(target: Target, series: PaceSeries) -> None:
    """The cumulative line against the pace needed, and the per-period figures (month or
    quarter) with their table, in two tabs the page's whole width. Only the open tab is
    drawn (the cumulative line first): each plotly chart costs the browser a tenth of a
    second on every opening of the page, and the line says where the target stands."""
    lang = language.lang()
    if len(series.daily) == 0:
        st.info(t("pace.empty", lang, as_of=format_date(series.as_of)))
    cumulative_tab, period_tab = st.tabs(
        [t("pace.cumulative", lang), t("pace.by_period", lang)], key=PACE_TAB_KEY, on_change="rerun"
    )
    if cumulative_tab.open:
        pace = reads.drawn(_pace_figure, series, target, lang)
        cumulative_tab.plotly_chart(pace, width="stretch", config={"displaylogo": False})
    if period_tab.open:
        with period_tab:
            _by_period_tab(target, series, lang)


def _by_period_tab(target: Target, series: PaceSeries, lang: Lang) -> None:
    """Month or quarter, the chart, and under it the figures as a table, drawn only while
    its expander is open: a closed one still cost the browser a whole grid."""
    step = st.segmented_control(
        t("pace.step", lang),
        options=list(Step),
        default=Step.month,
        format_func=lambda s, language=lang: t(f"pace.step.{s}", language),
        key=STEP_KEY,
    )
    chosen = Step(step or Step.month)
    figure, frame = reads.drawn(_by_period, series, target, chosen, lang)
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})
    figures_table = st.expander(t(f"pace.table.{chosen}", lang), key=TABLE_KEY, on_change="rerun")
    if figures_table.open:
        with figures_table:
            table(frame)


def _pace_figure(series: PaceSeries, target: Target, lang: Lang) -> go.Figure:
    return charts.finished(charts.pace_figure(target, series, lang))


def _by_period(series: PaceSeries, target: Target, step: Step, lang: Lang) -> tuple[go.Figure, pd.DataFrame]:
    """The per-period chart and its table, from the same figures."""
    figures = per_period(target, series, step)
    return charts.finished(charts.period_figure(target, figures, lang)), tables.period_table(target, figures, lang)


def breakdown(target: Target | ContextFigure, found: DistrictBreakdown) -> None:
    """Where the work happened: the districts' chart and table in two tabs, built once
    per breakdown read and language."""
    lang = language.lang()
    st.caption(reporting_summary(found, lang))
    # Only the open tab is drawn (the chart first): a hidden one still cost the browser
    # its whole chart or grid on every opening of the page.
    chart_tab, table_tab = st.tabs(
        [t("target.breakdown_chart", lang), t("target.breakdown_table", lang)], key=BREAKDOWN_KEY, on_change="rerun"
    )
    figure, frame = reads.drawn(_districts, found, target, lang)
    if chart_tab.open:
        chart_tab.plotly_chart(figure, config={"displaylogo": False})
    if table_tab.open:
        with table_tab:
            table(frame)


def _districts(found: DistrictBreakdown, target: Target, lang: Lang) -> tuple[go.Figure, pd.DataFrame]:
    return charts.finished(charts.district_figure(target, found, lang)), tables.district_table(target, found, lang)


def plan_says(plan: Plan, target: Target) -> None:
    """The plan's own sentence, shown as text, with who is responsible and who pays."""
    lang = language.lang()
    with st.container(border=True):
        st.text(target.source_text)
        category = plan.category_title(target.category)
        not_given = t("target.not_given", lang)
        for key, value in (
            ("target.agency", target.agency.in_(lang)),
            ("target.funding", target.funding.in_(lang) if target.funding else not_given),
            ("target.category", category.in_(lang) if category else not_given),
        ):
            label, text = st.columns([1, 4])
            label.caption(t(key, lang))
            text.text(value)
        st.caption(t("target.source_file", lang, source=md_escape(target.source or plan.source)))


def last_year(plans: PlanSet, plan: Plan, target: Target, now: Progress, before: LastYear) -> None:
    """This year's figure beside the figure of the target it continues, on the same day
    of that year, the change of measure if there is one, and a link to last year's page."""
    lang = language.lang()
    earlier, then = before.link.earlier, before.progress
    with st.container(border=True):
        this_year, last = st.columns(2)
        this_year.markdown(
            t(
                "target.last_year.this_year",
                lang,
                year=plan.year,
                day=format_date(now.as_of),
                achieved=format_number(now.achieved, lang),
                goal=goal_text(target, lang),
                unit=md_escape(target.unit.in_(lang)),
                percent=format_percent(now.percent_of_min, lang),
            )
        )
        last.markdown(
            t(
                "target.last_year.line",
                lang,
                year=before.link.earlier_plan.year,
                day=format_date(before.day),
                achieved=format_number(then.achieved, lang),
                goal=goal_text(earlier, lang),
                unit=md_escape(earlier.unit.in_(lang)),
                percent=format_percent(then.percent_of_min, lang),
                final=format_number(before.final.achieved, lang),
            )
        )
        if before.link.change_note is not None:
            st.caption(t("years.change_note", lang, note=md_escape(before.link.change_note.in_(lang))))
        st.page_link(
            "pages/target.py",
            label=t("target.last_year.link", lang, year=before.link.earlier_plan.year),
            icon=":material/history:",
            query_params={
                "plan": plans.key(before.link.earlier_plan),
                "target": earlier.id,
                "as_of": before.day.isoformat(),
                **language.link(),  # the language shown, for a new tab too
            },
        )
