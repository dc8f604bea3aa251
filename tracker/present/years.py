"""The year-on-year page's table and charts, without streamlit: for each chain of linked
targets, one row per year, and a chart of each year's goal and achieved figure beside
the years' cumulative curves laid on one January-to-December axis."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.i18n import Lang, format_date, format_number, format_percent, t
from tracker.present.charts import GOAL_COLOUR, STATUS_COLOURS, figure_text, goal_text, wrap_label
from tracker.present.tables import LOOKS, ColumnLook
from tracker.service.years import Comparison, MonthDay, YearFigures

# One leap year carries every year's curve, so that 29/02 has a place and the axis reads
# January to December whatever the year.
AXIS_YEAR = 2000
# The latest year in the chart's blue, the years before it in quieter colours.
YEAR_COLOURS = ("#0969da", "#8c959f", "#8250df", "#bf8700", "#bf3989")


def day_text(day: MonthDay) -> str:
    """30/06: a day of every year, written the Vietnamese way (as the dates are)."""
    return f"{day.day:02d}/{day.month:02d}"


def years_table(comparisons: list[Comparison], day: MonthDay, lang: Lang) -> pd.DataFrame:
    """One row per chain and year, oldest year first within each chain."""
    at = day_text(day)
    rows = []
    for comparison in comparisons:
        for year in comparison.years:
            progress = year.progress
            rows.append(
                {
                    t("years.col.target", lang): year.target.title.in_(lang),
                    t("years.col.year", lang): str(year.plan.year),
                    t("years.col.goal", lang): f"{goal_text(year.target, lang)} {year.target.unit.in_(lang)}",
                    t("years.col.at_day", lang, day=at): format_number(year.at_day.achieved, lang),
                    t("years.col.percent_at_day", lang, day=at): format_percent(year.at_day.percent_of_min, lang),
                    t("years.col.achieved", lang): format_number(progress.achieved, lang),
                    t("years.col.percent", lang): format_percent(progress.percent_of_min, lang),
                    t("years.col.status", lang): t(f"status.{progress.status.value}", lang),
                    t("years.col.change", lang): (
                        year.link.change_note.in_(lang)
                        if year.link is not None and year.link.change_note is not None
                        else ""
                    ),
                }
            )
    frame = pd.DataFrame(rows)
    frame.attrs[LOOKS] = _years_looks(at, lang)
    return frame


# (header, help, width, numbers): 898 px in all, within the 904 px a laptop (1366×768,
# the sidebar open) leaves the page; a title or a note too long for its column is cut
# (a double click shows it whole; the note is also written under the chain's chart).
_YEARS_COLUMNS: tuple[tuple[str, str, int, bool], ...] = (
    ("years.col.target", "years.help.target", 190, False),
    ("years.col.year", "years.help.year", 48, True),
    ("years.col.goal", "years.help.goal", 150, False),
    ("years.col.at_day", "years.help.at_day", 68, True),
    ("years.col.percent_at_day", "years.help.percent_at_day", 72, True),
    ("years.col.achieved", "years.help.achieved", 66, True),
    ("years.col.percent", "years.help.percent", 66, True),
    ("years.col.status", "years.help.status", 118, False),
    ("years.col.change", "years.help.change", 120, False),
)


def _years_looks(day: str, lang: Lang) -> dict[str, ColumnLook]:
    return {
        t(header, lang, day=day): ColumnLook(
            label=t(header, lang, day=day),
            help=t(tip, lang, day=day),
            width=width,
            alignment="right" if numbers else "left",
        )
        for header, tip, width, numbers in _YEARS_COLUMNS
    }


def _on_axis(day: dt.date) -> dt.date:
    return dt.date(AXIS_YEAR, day.month, day.day)


def _curve(year: YearFigures) -> tuple[list[dt.date], list[float]]:
    """The year's achieved line on the common axis; the eve of the period (31/12 of the
    year before) is drawn at 1 January, from zero."""
    start = year.plan.period_of(year.target).start
    days: list[dt.date] = []
    values: list[float] = []
    for day, value in year.curve:
        days.append(_on_axis(max(day, start)))
        values.append(value)
    return days, values


def chain_figure(comparison: Comparison, day: MonthDay, lang: Lang) -> go.Figure:
    """Left: each year's goal (its minimum; a range shows its maximum too) and achieved
    figure side by side. Right: the cumulative curves of the years on one axis, with the
    compared day marked."""
    figure = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.35, 0.65],
        subplot_titles=(t("years.chart.goal_achieved", lang), t("years.chart.curves", lang, day=day_text(day))),
    )
    labels = [str(year.plan.year) for year in comparison.years]
    units = [figure_text(year.target.unit.in_(lang)) for year in comparison.years]
    figure.add_bar(
        x=labels,
        y=[year.progress.goal_min for year in comparison.years],
        name=t("years.chart.goal", lang),
        marker_color=GOAL_COLOUR,
        textangle=0,
        opacity=0.35,
        text=[figure_text(goal_text(year.target, lang)) for year in comparison.years],
        hovertemplate="%{x}: %{text} %{customdata}<extra></extra>",
        customdata=units,
        row=1,
        col=1,
    )
    figure.add_bar(
        x=labels,
        y=[year.progress.achieved for year in comparison.years],
        name=t("years.chart.achieved", lang),
        textangle=0,
        marker_color=[STATUS_COLOURS[year.progress.status] for year in comparison.years],
        text=[format_number(year.progress.achieved, lang) for year in comparison.years],
        hovertemplate="%{x}: %{text} %{customdata}<extra></extra>",
        customdata=units,
        row=1,
        col=1,
    )
    for index, year in enumerate(comparison.years):
        days, values = _curve(year)
        colour = YEAR_COLOURS[(len(comparison.years) - 1 - index) % len(YEAR_COLOURS)]  # the latest first
        figure.add_scatter(
            x=days,
            y=values,
            mode="lines",
            line={"shape": "hv", "color": colour, "width": 3 if index == len(comparison.years) - 1 else 2},
            name=str(year.plan.year),
            customdata=[format_date(dt.date(year.plan.year, d.month, d.day)) for d in days],
            hovertemplate="%{customdata}: %{y:,.0f}<extra>" + str(year.plan.year) + "</extra>",
            row=1,
            col=2,
        )
        figure.add_scatter(
            x=[_on_axis(year.at_day.as_of)],
            y=[year.at_day.achieved],
            mode="markers",
            marker={"color": colour, "size": 9},
            showlegend=False,
            hoverinfo="skip",
            row=1,
            col=2,
        )
    marked = dt.date(AXIS_YEAR, day.month, day.day)
    figure.add_vline(x=marked.isoformat(), line_dash="dot", line_color="#57606a", row=1, col=2)
    figure.update_xaxes(
        range=[dt.date(AXIS_YEAR, 1, 1).isoformat(), dt.date(AXIS_YEAR, 12, 31).isoformat()],
        tickformat="%m",
        dtick="M1",
        title_text=t("years.chart.month", lang),
        row=1,
        col=2,
    )
    figure.update_layout(
        barmode="group",
        height=360,
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        legend={"orientation": "h", "y": -0.25},
        plot_bgcolor="white",
        title={
            "text": wrap_label(figure_text(comparison.chain.latest.target.title.in_(lang)), 90),
            "font": {"size": 14},
        },
        separators=",." if lang == "vi" else ".,",
    )
    figure.update_yaxes(gridcolor="#eaeef2")
    return figure
