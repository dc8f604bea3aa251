"""The year-on-year page's table and charts, without streamlit: for each chain of linked
targets, one row per year, and a chart of each year's goal and achieved figure beside
the years' cumulative curves laid on one January-to-December axis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

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


def chain_label(comparison: Comparison, lang: Lang) -> str:
    """«Đào tạo nghề nông thôn (2017–2026)»: a chain by its latest short name and its years."""
    first, last = comparison.years[0].plan.year, comparison.years[-1].plan.year
    return (
        f"{comparison.chain.latest.target.short.in_(lang)} ({first}–{last})"
        if first != last
        else (f"{comparison.chain.latest.target.short.in_(lang)} ({first})")
    )


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


# The small multiples: one row per chain, laid out in pixels so that a row reads the same
# whatever the number of chains. Between two rows: the upper row's month ticks and the
# lower row's title (two lines of 14 px).
ROW_HEIGHT = 230
YEAR_HEIGHT = 36  # a year's goal and achieved bars, each label 13 px high
ROW_GAP = 100
TOP = 70  # the two columns' headings above the first chain's title
BOTTOM = 70  # the legend


def year_colour(year: int, latest: int) -> str:
    """The latest year of the page in the chart's blue, the years before it in quieter
    colours: one year has one colour in every chain, as the legend shows it once."""
    return YEAR_COLOURS[(latest - year) % len(YEAR_COLOURS)]


def _year_label(year: YearFigures, numbered: dict[int, int]) -> str:
    """«2018», or «2018 (1)» for a year whose measure changed: the note under the table
    and under the chart says what (1) is."""
    number = numbered.get(id(year))
    return str(year.plan.year) if number is None else f"{year.plan.year} ({number})"


def years_figure(
    comparisons: list[Comparison], day: MonthDay, lang: Lang, shown: Sequence[int] | None = None
) -> go.Figure:
    """The chains ``shown`` (indexes into ``comparisons``; all by default) in one figure,
    a row each, on one month axis. Left: each year's goal (its minimum; the label says a
    range or an approximate goal as the plan words it) and achieved figure, one bar pair
    per year, each labelled in dark text beside its bar; a year whose measure changed
    reads «2018 (1)», numbered over every chain as the table is. Right: the cumulative
    curves of the years on one January-to-December axis, with the compared day marked.
    A click on a year in the legend hides or shows that year in every row."""
    numbered = {id(year): number for number, year in enumerate(measure_changes(comparisons), start=1)}
    comparisons = [comparisons[index] for index in shown] if shown is not None else comparisons
    rows = len(comparisons)
    # two labelled bars a year need their room: ten years take more than two
    heights = [max(ROW_HEIGHT, YEAR_HEIGHT * len(comparison.years)) for comparison in comparisons]
    plot_height = sum(heights) + (rows - 1) * ROW_GAP
    figure = make_subplots(
        rows=rows,
        cols=2,
        row_heights=heights,
        column_widths=[0.38, 0.62],
        horizontal_spacing=0.1,
        vertical_spacing=ROW_GAP / plot_height if rows > 1 else 0,
        shared_xaxes=False,
    )
    latest = max(year.plan.year for comparison in comparisons for year in comparison.years)
    in_legend: set[str] = set()
    for row, comparison in enumerate(comparisons, start=1):
        _add_bars(figure, comparison, row, lang, numbered, first=row == 1)
        for year in comparison.years:
            _add_curve(figure, year, row, year_colour(year.plan.year, latest), latest, in_legend)
        figure.add_vline(
            x=dt.date(AXIS_YEAR, day.month, day.day).isoformat(),
            line_dash="dot",
            line_color="#57606a",
            row=row,
            col=2,
        )
        top = figure.get_subplot(row, 1).yaxis.domain[1]
        figure.add_annotation(
            text=f"<b>{wrap_label(figure_text(comparison.chain.latest.target.title.in_(lang)), 100)}</b>",
            x=0,
            xref="paper",
            xanchor="left",
            y=top,
            yref="paper",
            yanchor="bottom",
            yshift=8,
            showarrow=False,
            align="left",
            font={"size": 14},
        )
    number_axes(figure, lang, x=True, y=True)  # 10.000 in Vietnamese, not 10k; the months are set below
    figure.update_yaxes(gridcolor="#eaeef2")
    figure.update_xaxes(gridcolor="#eaeef2", col=1)
    figure.update_yaxes(autorange="reversed", type="category", col=1)  # the oldest year on top
    figure.update_xaxes(
        range=[dt.date(AXIS_YEAR, 1, 1).isoformat(), dt.date(AXIS_YEAR, 12, 31).isoformat()],
        tickformat="%m",
        dtick="M1",
        type="date",
        matches="x2",  # one month axis for every chain: zoom one, every chain follows
        col=2,
    )
    figure.update_xaxes(title_text=t("years.chart.month", lang), title_standoff=4, row=rows, col=2)
    headings = (t("years.chart.goal_achieved", lang), t("years.chart.curves", lang, day=day_text(day)))
    for column, heading in enumerate(headings, start=1):
        left, right = figure.get_subplot(1, column).xaxis.domain
        figure.add_annotation(
            text=heading,
            x=(left + right) / 2,
            xref="paper",
            xanchor="center",
            y=1,
            yref="paper",
            yanchor="bottom",
            yshift=48,  # above the first chain's title
            showarrow=False,
            font={"size": 13, "color": "#57606a"},
        )
    figure.update_layout(
        barmode="group",
        height=plot_height + TOP + BOTTOM,
        margin={"l": 10, "r": 10, "t": TOP, "b": BOTTOM},
        legend={"orientation": "h", "y": 0, "yref": "container", "yanchor": "bottom"},
        plot_bgcolor="white",
    )
    return figure


def _add_bars(
    figure: go.Figure, comparison: Comparison, row: int, lang: Lang, numbered: dict[int, int], *, first: bool
) -> None:
    """A chain's goals (pale, dark outline) and achieved figures (in their status colour)."""
    labels = [_year_label(year, numbered) for year in comparison.years]
    # on hover: the unit, and for a year whose measure changed, how
    units = [
        figure_text(year.target.unit.in_(lang))
        + ("" if year.link is None or year.link.change_note is None else "<br>" + _change_hover(year, lang))
        for year in comparison.years
    ]
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
        "showlegend": first,
        "row": row,
        "col": 1,
    }
    figure.add_bar(
        x=[year.progress.goal_min for year in comparison.years],
        name=t("years.chart.goal", lang),
        legendgroup="goal",
        marker={"color": GOAL_FILL, "line": {"color": GOAL_COLOUR, "width": 1}},
        text=[figure_text(goal_text(year.target, lang)) for year in comparison.years],
        **bars,
    )
    figure.add_bar(
        x=[year.progress.achieved for year in comparison.years],
        name=t("years.chart.achieved", lang),
        legendgroup="achieved",
        marker_color=[STATUS_COLOURS[year.progress.status] for year in comparison.years],
        text=[format_number(year.progress.achieved, lang) for year in comparison.years],
        **bars,
    )
    highest = max(max(year.progress.goal_min, year.progress.achieved) for year in comparison.years)
    # room right of the longest bar for its label («khoảng 30.000»)
    figure.update_xaxes(range=[0, highest * 1.45 or 1], row=row, col=1)


def _change_hover(year: YearFigures, lang: Lang) -> str:
    """«Cách đo đã thay đổi: Năm 2017 đếm số dự án; …», wrapped for a hover box."""
    note = year.link.change_note.in_(lang) if year.link and year.link.change_note else ""
    return wrap_label(figure_text(t("years.change_note", lang, note=note)), 60)


def _add_curve(figure: go.Figure, year: YearFigures, row: int, colour: str, latest: int, in_legend: set[str]) -> None:
    """A year's cumulative line and its figure at the compared day, in the year's colour."""
    name = str(year.plan.year)
    days, values = _curve(year)
    figure.add_scatter(
        x=days,
        y=values,
        mode="lines",
        line={"shape": "hv", "color": colour, "width": 3 if year.plan.year == latest else 2},
        name=name,
        legendgroup=name,
        showlegend=name not in in_legend,
        customdata=[format_date(dt.date(year.plan.year, d.month, d.day)) for d in days],
        hovertemplate="%{customdata}: %{y:,.0f}<extra>" + name + "</extra>",
        row=row,
        col=2,
    )
    in_legend.add(name)
    figure.add_scatter(
        x=[_on_axis(year.at_day.as_of)],
        y=[year.at_day.achieved],
        mode="markers",
        marker={"color": colour, "size": 9},
        legendgroup=name,
        showlegend=False,
        hoverinfo="skip",
        row=row,
        col=2,
    )
