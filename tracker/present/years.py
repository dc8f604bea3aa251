"""The year-on-year page's table and charts, without streamlit: for each chain of linked
targets, one row per year, and a chart of each year's goal and achieved figure beside
the years' cumulative curves laid on one January-to-December axis."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.domain.progress import Progress
from tracker.i18n import Lang, format_date, format_number, format_percent, t
from tracker.present.charts import GOAL_COLOUR, STATUS_COLOURS, figure_text, goal_text, number_axes, wrap_label
from tracker.present.tables import LOOKS, ColumnLook
from tracker.service.years import Comparison, MonthDay, YearFigures

# One leap year carries every year's curve, so that 29/02 has a place and the axis reads
# January to December whatever the year.
AXIS_YEAR = 2000
# A goal's bar is pale with a dark outline, so that its label (dark, beside it) and the
# achieved bar in its status colour stand out; no opacity, which would pale the label too.
GOAL_FILL = "#d0d7de"
LABEL_COLOUR = "#24292f"
LABEL_SIZE = 13
# The latest year in the chart's blue, the years before it in quieter colours.
YEAR_COLOURS = ("#0969da", "#8c959f", "#8250df", "#bf8700", "#bf3989")


def day_text(day: MonthDay) -> str:
    """30/06: a day of every year, written the Vietnamese way (as the dates are)."""
    return f"{day.day:02d}/{day.month:02d}"


def _figure_and_percent(progress: Progress, lang: Lang) -> str:
    """«10.000 (33%)»: a year's figure and its share of that year's goal, in one cell."""
    return f"{format_number(progress.achieved, lang)} ({format_percent(progress.percent_of_min, lang)})"


def measure_changes(comparisons: list[Comparison]) -> list[YearFigures]:
    """The years whose measure changed, in the table's order: note (1), (2)… under it."""
    return [year for comparison in comparisons for year in comparison.years if year.measure_changed]


def measure_change_notes(comparisons: list[Comparison], lang: Lang) -> list[str]:
    """«(1) Cơ sở có dự án máy móc, 2018: Năm 2017 đếm số dự án; …»: the change of
    measure written out, numbered as the table's column points to it."""
    return [
        t(
            "years.change_line",
            lang,
            number=number,
            target=year.target.short.in_(lang),
            year=year.plan.year,
            note=year.link.change_note.in_(lang),
        )
        for number, year in enumerate(measure_changes(comparisons), start=1)
        if year.link is not None and year.link.change_note is not None
    ]


def years_table(comparisons: list[Comparison], day: MonthDay, lang: Lang) -> pd.DataFrame:
    """One row per chain and year, oldest year first within each chain: what the year
    had by the compared day and its status then, beside the whole year's figure and
    status (while a plan runs, its whole year is up to today)."""
    at = day_text(day)
    numbered = {id(year): number for number, year in enumerate(measure_changes(comparisons), start=1)}
    rows = []
    for comparison in comparisons:
        for year in comparison.years:
            goal = f"{goal_text(year.target, lang)} {year.target.unit.in_(lang)}"
            rows.append(
                {
                    t("years.col.target", lang): year.target.short.in_(lang),
                    t("years.col.year", lang): str(year.plan.year),
                    t("years.col.goal", lang): (
                        t("years.goal_changed", lang, goal=goal, number=numbered[id(year)])
                        if id(year) in numbered
                        else goal
                    ),
                    t("years.col.at_day", lang, day=at): _figure_and_percent(year.at_day, lang),
                    t("years.col.status_at_day", lang, day=at): t(f"status.{year.status_at_day.value}", lang),
                    t("years.col.achieved", lang): _figure_and_percent(year.progress, lang),
                    t("years.col.status", lang): t(f"status.{year.progress.status.value}", lang),
                }
            )
    frame = pd.DataFrame(rows)
    frame.attrs[LOOKS] = _years_looks(at, lang)
    return frame


# (header, help, width in Vietnamese, in English, numbers): the day's figure and status
# side by side, then the whole year's. A cell's text plus 16 px of padding: a short name
# («Owners trained in management», 184 px), «khoảng 1.500 lượt người (2)», «12.000
# (100,8%)», «Needs acceleration», «Tình trạng cả năm». 884 px in Vietnamese, 902 in
# English, within the 904 a laptop (1366×768, the sidebar open) leaves the page: nothing
# is cut (tests/e2e/test_years_browser.py). A change of measure is marked in the goal's
# cell, by its unit, and written out under the table: a column of its own would not fit.
_YEARS_COLUMNS: tuple[tuple[str, str, int, int, bool], ...] = (
    ("years.col.target", "years.help.target", 204, 204, False),
    ("years.col.year", "years.help.year", 46, 46, True),
    ("years.col.goal", "years.help.goal", 184, 184, False),
    ("years.col.at_day", "years.help.at_day", 104, 104, True),
    ("years.col.status_at_day", "years.help.status_at_day", 116, 130, False),
    ("years.col.achieved", "years.help.achieved", 104, 104, True),
    ("years.col.status", "years.help.status", 126, 130, False),
)


def _years_looks(day: str, lang: Lang) -> dict[str, ColumnLook]:
    return {
        t(header, lang, day=day): ColumnLook(
            label=t(header, lang, day=day),
            help=t(tip, lang, day=day),
            width=vi if lang == "vi" else en,
            alignment="right" if numbers else "left",
        )
        for header, tip, vi, en, numbers in _YEARS_COLUMNS
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
    """Left: each year's goal (its minimum; the label says a range or an approximate
    goal as the plan words it) and achieved figure, one row per year, each labelled in
    dark text beside its bar. Right: the cumulative curves of the years on one axis,
    with the compared day marked."""
    figure = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.38, 0.62],
        horizontal_spacing=0.1,
        subplot_titles=(t("years.chart.goal_achieved", lang), t("years.chart.curves", lang, day=day_text(day))),
    )
    labels = [str(year.plan.year) for year in comparison.years]
    units = [figure_text(year.target.unit.in_(lang)) for year in comparison.years]
    bars = {
        "y": labels,
        "orientation": "h",
        "textposition": "outside",
        "textangle": 0,
        "constraintext": "none",  # plotly shrinks a label to its bar's size otherwise
        "textfont": {"size": LABEL_SIZE, "color": LABEL_COLOUR},
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{text} %{customdata}<extra></extra>",
        "customdata": units,
        "row": 1,
        "col": 1,
    }
    figure.add_bar(
        x=[year.progress.goal_min for year in comparison.years],
        name=t("years.chart.goal", lang),
        marker={"color": GOAL_FILL, "line": {"color": GOAL_COLOUR, "width": 1}},
        text=[figure_text(goal_text(year.target, lang)) for year in comparison.years],
        **bars,
    )
    figure.add_bar(
        x=[year.progress.achieved for year in comparison.years],
        name=t("years.chart.achieved", lang),
        marker_color=[STATUS_COLOURS[year.progress.status] for year in comparison.years],
        text=[format_number(year.progress.achieved, lang) for year in comparison.years],
        **bars,
    )
    highest = max(max(year.progress.goal_min, year.progress.achieved) for year in comparison.years)
    # room right of the longest bar for its label («khoảng 30.000»); the oldest year on top
    figure.update_xaxes(range=[0, highest * 1.45 or 1], row=1, col=1)
    figure.update_yaxes(autorange="reversed", type="category", row=1, col=1)
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
    number_axes(figure, lang, x=True, y=True)  # 10.000 in Vietnamese, not 10k; the months are set below
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
    )
    figure.update_yaxes(gridcolor="#eaeef2")
    figure.update_xaxes(gridcolor="#eaeef2", row=1, col=1)
    return figure
