"""Plotly figures from plain data. No streamlit, no database."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from babel.dates import get_month_names

from tracker.domain.breakdown import DistrictBreakdown, DistrictRow, district_label, kind_label
from tracker.domain.pace import PaceSeries, PeriodFigure, Step, steps_of
from tracker.domain.plan import Aggregation, ApproximateGoal, AtLeastGoal, Measure, Period, RangeGoal, Target
from tracker.domain.progress import Progress, Status, elapsed_share, pace_goal_of
from tracker.i18n import Lang, format_date, format_number, format_percent, t
from tracker.present.pace_words import needed_pace_text

STATUS_COLOURS: dict[Status, str] = {
    Status.achieved: "#1a7f37",
    Status.on_track: "#2da44e",
    Status.needs_acceleration: "#d4a72c",
    Status.off_track: "#cf222e",
    Status.not_started: "#8c959f",
    Status.missed: "#82071e",
}


class _Finished(go.Figure):
    """A figure that no longer changes: its plain form (``to_dict``, which Streamlit asks
    for each time it shows a figure, and which plotly makes by deep-copying every trace)
    was made once, by ``finished``."""

    _plain: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self._plain


def finished(figure: go.Figure) -> go.Figure:
    """``figure``, done: shown as often as a page reruns, it is turned into its plain form
    once. Nothing may change it afterwards (a change would not be shown)."""
    plain = figure.to_dict()
    figure.__class__ = _Finished  # the same object; only to_dict differs
    figure._plain = plain
    return figure


GOAL_COLOUR = "#24292f"
EXPECTED_COLOUR = "#0969da"
BAND_COLOUR = "rgba(9, 105, 218, 0.13)"


def goal_text(target: Target, lang: Lang) -> str:
    """The goal as the plan words it: 100; khoảng 30.000; 10–15."""
    goal = target.goal
    if isinstance(goal, RangeGoal):
        return t("goal.range", lang, min=format_number(goal.min, lang), max=format_number(goal.max, lang))
    if isinstance(goal, ApproximateGoal):
        return t("goal.approx", lang, value=format_number(goal.value, lang))
    if isinstance(goal, AtLeastGoal):
        return t("goal.at_least", lang, value=format_number(goal.value, lang))
    return format_number(goal.value, lang)


def figure_text(text: str) -> str:
    """Text of the plan (a title, a unit) as plotly draws it: as written. Plotly reads a
    few HTML tags in its strings (a link among them); escaped, a tag shows as text."""
    return html.escape(text, quote=False)


def separators(lang: Lang) -> str:
    """Plotly's decimal mark then thousands separator: 1.234,5 in Vietnamese, 1,234.5 in English."""
    return ",." if lang == "vi" else ".,"


NUMBER_TICKS = ",~f"  # grouped thousands (10.000, never 10k), decimals only where there are some


def number_axes(figure: go.Figure, lang: Lang, *, x: bool = False, y: bool = True) -> go.Figure:
    """Ticks of the value axes written the reader's way: 10.000 and 1.000 in Vietnamese
    (plotly's own ticks read 10k, and leave 1000 ungrouped), 10,000 in English. Every
    chart the app draws calls this once its axes are laid out; ``x``/``y`` say which
    axes hold values (a date or category axis keeps its own ticks)."""
    figure.update_layout(separators=separators(lang))
    ticks = {"tickformat": NUMBER_TICKS, "separatethousands": True, "exponentformat": "none"}
    if y:
        figure.update_yaxes(**ticks)
    if x:
        figure.update_xaxes(**ticks)
    return figure


def wrap_label(text: str, width: int = 38) -> str:
    """Long target titles on several lines, so the bars keep their room."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def percent_text(progress: Progress, lang: Lang) -> str:
    if progress.goal_min == progress.goal_max:
        return format_percent(progress.percent_of_min, lang)
    return t(
        "chart.percent_of_range",
        lang,
        min_pct=format_percent(progress.percent_of_min, lang),
        max_pct=format_percent(progress.percent_of_max, lang),
    )


def overview_figure(rows: Sequence[tuple[Target, Progress]], lang: Lang) -> go.Figure:
    """One row per target, as % of its goal: achieved as a bar in its status colour,
    expected-to-date as a marker, the goal at 100 %, a range's maximum and an
    approximate goal's tolerance as slim pale bands behind the goal line. Rows are named
    by the targets' short names; a bar's hover gives the full title."""
    labels = [figure_text(target.short.in_(lang)) for target, _ in rows]
    as_of = rows[0][1].as_of if rows else None
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            name=t("chart.achieved", lang),
            y=labels,
            x=[p.percent_of_min * 100 for _, p in rows],
            customdata=[target.id for target, _ in rows],  # a click on a bar opens that target
            orientation="h",
            width=BAR_WIDTH,
            marker_color=[STATUS_COLOURS[p.status] for _, p in rows],
            text=[format_percent(p.percent_of_min, lang) for _, p in rows],
            textposition="outside",
            cliponaxis=False,
            hovertext=[_hover(target, p, lang) for target, p in rows],
            hoverinfo="text",
            showlegend=False,  # the bar's colour is the status: the legend lists statuses instead
        )
    )
    for status in dict.fromkeys(p.status for _, p in rows):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t(f"status.{status.value}", lang),
                marker={"symbol": "square", "size": 14, "color": STATUS_COLOURS[status]},
            )
        )
    figure.add_trace(
        go.Scatter(
            name=t("chart.expected", lang, as_of=format_date(as_of)),
            y=labels,
            x=[p.expected / p.goal_min * 100 for _, p in rows],
            mode="markers",
            marker={"symbol": "line-ns", "size": 26, "line": {"width": 3, "color": EXPECTED_COLOUR}},
            hovertext=[
                f"{t('col.expected', lang)}: {format_number(p.expected, lang, decimals_for(target))} "
                f"{figure_text(target.unit.in_(lang))}"
                for target, p in rows
            ],
            hoverinfo="text",
        )
    )
    _add_bands(figure, rows, lang)
    figure.add_vline(x=100, line_color=GOAL_COLOUR, line_width=2)
    highest = max([100.0, *(p.percent_of_min * 100 for _, p in rows), *_band_ends(rows)])
    figure.update_layout(
        barmode="overlay",
        height=140 + 80 * len(rows),
        margin={"l": 10, "r": 40, "t": 30, "b": 10},
        xaxis={"title": t("chart.axis", lang), "ticksuffix": "%", "range": [0, highest * 1.12]},
        yaxis={"autorange": "reversed", "ticksuffix": "  "},
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
    )
    figure.update_xaxes(gridcolor="#eaeef2")
    return number_axes(figure, lang, x=True, y=False)  # 1.250%, not 1250%


def _band_ends(rows: Sequence[tuple[Target, Progress]]) -> list[float]:
    ends = []
    for target, p in rows:
        if isinstance(target.goal, RangeGoal):
            ends.append(p.goal_max / p.goal_min * 100)
        elif isinstance(target.goal, ApproximateGoal):
            ends.append(100 * (1 + float(target.goal.tolerance)))
    return ends


BAR_WIDTH = 0.7  # of a row: the achieved bar
# A goal's range (100 % to max) or tolerance (± it) as a slim strip through the middle of
# its row, behind the bars and without an outline: it says where the goal lies without
# outweighing the bars, whose colour is the status (a late target's short red bar).
BAND_HALF_HEIGHT = 0.12  # of a row: the strip is a third of the bar's thickness
BAND_OPACITY = 0.3
# A range (met at its minimum) in the expected marker's blue, an approximate goal's tolerance in grey.
STRIP_COLOURS = {"chart.range_band": EXPECTED_COLOUR, "chart.approx_band": GOAL_COLOUR}


def _add_bands(figure: go.Figure, rows: Sequence[tuple[Target, Progress]], lang: Lang) -> None:
    """A slim pale strip behind each row: 100 %–max for a range, ± tolerance for 'about'."""
    shown_in_legend: set[str] = set()
    for index, (target, p) in enumerate(rows):
        goal = target.goal
        if isinstance(goal, RangeGoal):
            start, end, key = 100.0, p.goal_max / p.goal_min * 100, "chart.range_band"
        elif isinstance(goal, ApproximateGoal):
            tolerance = float(goal.tolerance) * 100
            start, end, key = 100 - tolerance, 100 + tolerance, "chart.approx_band"
        else:
            continue
        figure.add_shape(
            type="rect",
            xref="x",
            yref="y",
            x0=start,
            x1=end,
            y0=index - BAND_HALF_HEIGHT,
            y1=index + BAND_HALF_HEIGHT,
            fillcolor=STRIP_COLOURS[key],
            opacity=BAND_OPACITY,
            line={"width": 0},
            layer="below",
        )
        if key not in shown_in_legend:
            shown_in_legend.add(key)
            # an invisible trace gives the band a legend entry
            figure.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=t(key, lang),
                    marker={"symbol": "square", "size": 14, "color": STRIP_COLOURS[key], "opacity": BAND_OPACITY},
                )
            )


def _hover(target: Target, progress: Progress, lang: Lang) -> str:
    """The full title first: the axis names the row by its short name."""
    title = f"<b>{wrap_label(figure_text(target.title.in_(lang)), 60)}</b><br>"
    return title + t(
        "chart.hover",
        lang,
        achieved=format_number(progress.achieved, lang),
        goal=goal_text(target, lang),
        unit=figure_text(target.unit.in_(lang)),
        percent=percent_text(progress, lang),
        expected=format_number(progress.expected, lang, decimals_for(target)),
        status=t(f"status.{progress.status.value}", lang),
    )


DISTRICT_COLOUR = "#0969da"
CITY_WIDE_COLOUR = "#8250df"
NOT_REPORTED_COLOUR = "#8c959f"


def district_figure(target: Target, breakdown: DistrictBreakdown, lang: Lang) -> go.Figure:
    """Where a summed target's work happened: one horizontal bar per district, the largest
    first; districts that reported nothing stay on the chart as grey "nothing reported"
    markers; the city-wide row comes last, in its own colour, below a dividing line."""
    unit = figure_text(target.unit.in_(lang))
    labels = [district_label(row, lang) for row in breakdown.rows]
    figure = go.Figure()
    groups = (
        ("breakdown.legend.reported", DISTRICT_COLOUR, lambda r: r.reported and not r.is_city_wide),
        ("breakdown.legend.city_wide", CITY_WIDE_COLOUR, lambda r: r.reported and r.is_city_wide),
    )
    for key, colour, chosen in groups:
        rows = [row for row in breakdown.rows if chosen(row)]
        if rows:
            figure.add_trace(
                go.Bar(
                    name=t(key, lang),
                    y=[district_label(row, lang) for row in rows],
                    x=[float(row.quantity) for row in rows],
                    orientation="h",
                    marker_color=colour,
                    text=[format_number(row.quantity, lang, 3) for row in rows],
                    textposition="outside",
                    cliponaxis=False,
                    hovertext=[_district_hover(row, unit, lang) for row in rows],
                    hoverinfo="text",
                )
            )
    silent = [row for row in breakdown.rows if not row.reported]
    if silent:
        figure.add_trace(
            go.Scatter(
                name=t("breakdown.legend.not_reported", lang),
                y=[district_label(row, lang) for row in silent],
                x=[0] * len(silent),
                mode="markers+text",
                marker={"symbol": "circle-open", "size": 9, "color": NOT_REPORTED_COLOUR},
                text=[t("breakdown.not_reported", lang)] * len(silent),
                textposition="middle right",
                textfont={"color": NOT_REPORTED_COLOUR},
                cliponaxis=False,
                hovertext=[_district_hover(row, unit, lang) for row in silent],
                hoverinfo="text",
            )
        )
    # the city-wide row is not a district: a line sets it apart from the ranking above
    figure.add_hline(y=len(labels) - 1.5, line_color=GOAL_COLOUR, line_width=1, line_dash="dot")
    quantities = [float(row.quantity) for row in breakdown.rows]
    low, high = min([0.0, *quantities]), max([0.0, *quantities])
    xaxis: dict[str, object] = {"title": t("breakdown.axis", lang, unit=unit), "zeroline": True}
    if low == high == 0:
        xaxis.update(range=[0, 1], showticklabels=False)  # nothing to measure yet: no meaningless ticks
    else:
        span = high - low
        xaxis["range"] = [low - 0.15 * span if low < 0 else 0, high + 0.2 * span]  # room for the labels
    figure.update_layout(
        barmode="overlay",
        height=120 + 26 * len(labels),
        margin={"l": 10, "r": 40, "t": 30, "b": 10},
        xaxis=xaxis,
        yaxis={"categoryorder": "array", "categoryarray": labels, "autorange": "reversed", "ticksuffix": "  "},
        legend={"orientation": "h", "y": -0.08},
        plot_bgcolor="white",
    )
    figure.update_xaxes(gridcolor="#eaeef2", zerolinecolor="#d0d7de")
    return number_axes(figure, lang, x=True, y=False)


def _district_hover(row: DistrictRow, unit: str, lang: Lang) -> str:
    kind = f" ({kind_label(row, lang)})" if row.kind is not None else ""
    heading = f"<b>{district_label(row, lang)}</b>{kind}"
    if not row.reported:
        return f"{heading}<br>{t('breakdown.not_reported', lang)}"
    detail = t(
        "breakdown.hover",
        lang,
        quantity=format_number(row.quantity, lang, 3),
        unit=unit,
        share=format_percent(row.share, lang),
    )
    return f"{heading}<br>{detail}"


# --- a target over time -------------------------------------------------------------

PLANNED_COLOUR = "#0969da"
PERIOD_COLOUR = "#57606a"


def _goal_figure(target: Target, lang: Lang) -> str:
    """The goal in a sentence of figures: 30.000 (an approximate goal by its value), 10–15."""
    if isinstance(target.goal, ApproximateGoal | AtLeastGoal):
        return format_number(target.goal.value, lang)
    return goal_text(target, lang)


def decimals_for(target: Target) -> int:
    """How many decimals a target's figures are written with: none for things counted,
    up to three (no trailing zeros) for amounts. One rule for the page, tables and report."""
    return 0 if target.measure == Measure.count else 3


def projection_text(target: Target, series: PaceSeries, lang: Lang) -> str:
    """The forecast in words: "dự kiến đạt 27.500 / 30.000 (92%) vào 31/12/2017"."""
    progress = series.progress
    goal, end = _goal_figure(target, lang), format_date(series.period.end)
    if series.is_final:
        return t(
            "pace.final",
            lang,
            achieved=format_number(progress.achieved, lang, decimals_for(target)),
            goal=goal,
            percent=format_percent(progress.percent_of_min, lang),
            end=end,
        )
    if series.as_of < series.period.start:
        return t("pace.no_projection", lang, start=format_date(series.period.start))
    if progress.achieved <= 0:
        return t("pace.nothing_yet", lang, as_of=format_date(series.as_of))
    if progress.projected is None:
        return t("pace.too_early", lang)
    return t(
        "pace.projection",
        lang,
        projected=format_number(progress.projected, lang, decimals_for(target)),
        goal=goal,
        percent=format_percent(progress.projected / progress.goal_min, lang),
        end=end,
    )


def needed_text(target: Target, series: PaceSeries, lang: Lang) -> str | None:
    """What is still needed to meet the goal, and at what monthly pace; None once met or over."""
    progress = series.progress
    remaining = pace_goal_of(target) - progress.achieved  # the figure the sentences and lines name
    days_left = (series.period.end - series.as_of).days
    if remaining <= 0 or days_left <= 0 or target.aggregation != Aggregation.sum:
        return None
    return t(
        "pace.needed",
        lang,
        remaining=format_number(remaining, lang, decimals_for(target)),
        unit=target.unit.in_(lang),
        days=format_number(days_left, lang, 0),
        pace=needed_pace_text(remaining, days_left, target.measure == Measure.count, lang),  # rounded up
    )


def pace_figure(target: Target, series: PaceSeries, lang: Lang) -> go.Figure:
    """Cumulative achieved as a stepped line against the planned pace; the goal as a line
    (a band for a range or an approximate goal); the as-of date marked; a dashed
    projection to the period's end."""
    progress, unit = series.progress, figure_text(target.unit.in_(lang))
    decimals = decimals_for(target)
    colour = STATUS_COLOURS[progress.status]
    figure = go.Figure()
    _add_goal(figure, target, series, lang)
    figure.add_trace(
        go.Scatter(
            name=t("pace.planned", lang),
            x=[day for day, _ in series.planned],
            y=[value for _, value in series.planned],
            mode="lines",
            line={"color": PLANNED_COLOUR, "width": 2, "dash": "dot"},
            hovertext=[
                f"{format_date(day)}<br>{t('pace.planned', lang)}: {format_number(value, lang, 0)} {unit}"
                for day, value in series.planned
            ],
            hoverinfo="text",
        )
    )
    projection = series.projection
    if projection:
        end_day, end_value = projection[-1]
        figure.add_trace(
            go.Scatter(
                name=t("pace.projected", lang),
                x=[day for day, _ in projection],
                y=[value for _, value in projection],
                mode="lines+markers+text",
                line={"color": colour, "width": 2, "dash": "dash"},
                marker={"size": [0, 9], "color": colour},
                text=["", format_number(end_value, lang, decimals)],
                textposition="top left",
                cliponaxis=False,
                hovertext=[
                    "",
                    f"{format_date(end_day)}<br>{t('pace.projected', lang)}: "
                    f"{format_number(end_value, lang, decimals)} {unit}",
                ],
                hoverinfo="text",
            )
        )
    achieved_name = t("pace.achieved" if target.aggregation == Aggregation.sum else "pace.level", lang)
    figure.add_trace(
        go.Scatter(
            name=achieved_name,
            x=[day for day, _ in series.actual],
            y=[value for _, value in series.actual],
            mode="lines+markers",
            line={"color": colour, "width": 3, "shape": "hv" if target.aggregation == Aggregation.sum else "linear"},
            marker={"size": 5, "color": colour},
            hovertext=[
                f"{format_date(day)}<br>{achieved_name}: {format_number(value, lang, decimals)} {unit}"
                for day, value in series.actual
            ],
            hoverinfo="text",
        )
    )
    _mark_as_of(figure, target, series, lang)
    ticks, tick_labels = _month_ticks(series.period, lang)
    figure.update_layout(
        height=420,
        margin={"l": 10, "r": 30, "t": 30, "b": 10},
        xaxis={
            "range": [series.period.start - dt.timedelta(days=3), series.period.end + dt.timedelta(days=6)],
            "tickvals": ticks,
            "ticktext": tick_labels,
            "gridcolor": "#eaeef2",
        },
        yaxis={"title": unit, "rangemode": "tozero", "gridcolor": "#eaeef2"},
        legend={"orientation": "h", "y": -0.12},
        plot_bgcolor="white",
        hovermode="closest",
    )
    return number_axes(figure, lang)


def _add_goal(figure: go.Figure, target: Target, series: PaceSeries, lang: Lang) -> None:
    """The goal across the chart: a line at an exact goal, a band for a range (minimum to
    maximum) or for an approximate goal (± its tolerance, with the nominal value drawn)."""
    goal = target.goal
    start, end = series.period.start - dt.timedelta(days=1), series.period.end
    if isinstance(goal, RangeGoal):
        low, high, line_at, key = float(goal.min), float(goal.max), None, "chart.range_band"
    elif isinstance(goal, ApproximateGoal):
        value, tolerance = float(goal.value), float(goal.tolerance)
        low, high, line_at, key = value * (1 - tolerance), value * (1 + tolerance), value, "chart.approx_band"
    else:
        low = high = line_at = float(goal.value)
        key = "pace.goal"
    if low != high:
        figure.add_trace(
            go.Scatter(
                name=t(key, lang),
                x=[start, end, end, start, start],
                y=[low, low, high, high, low],
                fill="toself",
                fillcolor=BAND_COLOUR,
                mode="lines",
                line={"color": EXPECTED_COLOUR, "width": 1},
                hoverinfo="text",
                hovertext=f"{t(key, lang)}: {format_number(low, lang)} – {format_number(high, lang)}",
            )
        )
    if line_at is not None:
        figure.add_trace(
            go.Scatter(
                name=t("pace.goal", lang),
                x=[start, end],
                y=[line_at, line_at],
                mode="lines",
                line={"color": GOAL_COLOUR, "width": 2},
                hoverinfo="text",
                hovertext=f"{t('pace.goal', lang)}: {_goal_figure(target, lang)} {figure_text(target.unit.in_(lang))}",
            )
        )


def _mark_as_of(figure: go.Figure, target: Target, series: PaceSeries, lang: Lang) -> None:
    """A vertical line at the as-of date, labelled, and the figure expected by then."""
    if not series.period.start <= series.as_of <= series.period.end:
        return
    progress = series.progress
    figure.add_shape(
        type="line",
        xref="x",
        yref="paper",
        x0=series.as_of,
        x1=series.as_of,
        y0=0,
        y1=1,
        line={"color": GOAL_COLOUR, "width": 1, "dash": "dot"},
    )
    figure.add_annotation(
        x=series.as_of,
        y=1,
        xref="x",
        yref="paper",
        text=t("pace.as_of", lang, as_of=format_date(series.as_of)),
        showarrow=False,
        # near the start of the period the label goes right of the line, or it is cut off
        xanchor="right" if elapsed_share(series.period, series.as_of) > 0.25 else "left",
        yanchor="bottom",
        font={"size": 11, "color": GOAL_COLOUR},
    )
    figure.add_trace(
        go.Scatter(
            name=t("chart.expected", lang, as_of=format_date(series.as_of)),
            x=[series.as_of],
            y=[progress.expected],
            mode="markers",
            marker={"symbol": "diamond-open", "size": 11, "color": PLANNED_COLOUR, "line": {"width": 2}},
            hovertext=[
                f"{format_date(series.as_of)}<br>{t('col.expected', lang)}: "
                f"{format_number(progress.expected, lang, decimals_for(target))}"
            ],
            hoverinfo="text",
        )
    )


def period_label(figure: PeriodFigure, lang: Lang, short: bool = False) -> str:
    """T3/2017 or Quý 1/2017 (Mar 2017, Q1 2017); short, for a chart's axis: T3, Quý 1."""
    return _step_label(figure.step, figure.number, None if short else figure.year, lang)


def _step_label(step: Step, number: int, year: int | None, lang: Lang) -> str:
    if step == Step.month and lang == "en":
        name = get_month_names("abbreviated", locale="en_US")[number]
        return name if year is None else f"{name} {year}"
    key = f"period.{step.value}" + ("_short" if year is None else "")
    return t(key, lang, number=number, year=year)


def _month_ticks(period: Period, lang: Lang) -> tuple[list[dt.date], list[str]]:
    """A tick at the start of each month (each quarter's first month for a long period),
    named the Department's way (T3, or Mar), with the year on January and on the first tick."""
    months = [start for start, _ in steps_of(period, Step.month)]
    every = 1 if len(months) <= 15 else 3
    ticks = [day for day in months if (day.month - 1) % every == 0 or day == months[0]]
    labels = [
        _step_label(Step.month, day.month, day.year if day.month == 1 or index == 0 else None, lang)
        for index, day in enumerate(ticks)
    ]
    return ticks, labels


def period_figure(target: Target, figures: Sequence[PeriodFigure], lang: Lang) -> go.Figure:
    """Achieved in each month or quarter as bars, the pace needed in it as a marker."""
    unit, decimals = figure_text(target.unit.in_(lang)), decimals_for(target)
    labels = [
        period_label(f, lang, short=f.start.year == figures[0].start.year == figures[-1].end.year) for f in figures
    ]
    achieved_key = "pace.period_achieved" if target.aggregation == Aggregation.sum else "pace.period_level"
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            name=t(achieved_key, lang),
            x=labels,
            y=[f.achieved for f in figures],
            marker_color=[PERIOD_COLOUR if not f.is_running else "#afb8c1" for f in figures],
            text=[format_number(f.achieved, lang, decimals) if f.achieved is not None else "" for f in figures],
            textposition="none",  # written above the bar and the needed mark alike, below
            hovertext=[
                f"{label}<br>{t(achieved_key, lang)}: {format_number(f.achieved, lang, decimals)} {unit}"
                + (f"<br>{t('pace.running', lang)}" if f.is_running else "")
                for label, f in zip(labels, figures, strict=True)
            ],
            hoverinfo="text",
        )
    )
    if target.aggregation == Aggregation.sum:
        figure.add_trace(
            go.Scatter(
                name=t("pace.period_planned", lang),
                x=labels,
                y=[f.planned for f in figures],
                mode="markers",
                marker={"symbol": "line-ew", "size": 18, "line": {"width": 3, "color": PLANNED_COLOUR}},
                hovertext=[
                    f"{label}<br>{t('pace.period_planned', lang)}: {format_number(f.planned, lang, decimals)} {unit}"
                    for label, f in zip(labels, figures, strict=True)
                ],
                hoverinfo="text",
            )
        )
    _label_periods(figure, labels, figures, lang, decimals, with_needed=target.aggregation == Aggregation.sum)
    figure.update_layout(
        height=420,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"title": unit, "rangemode": "tozero", "gridcolor": "#eaeef2"},
        xaxis={"type": "category"},
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
        bargap=0.35,
    )
    return number_axes(figure, lang)


def _label_periods(
    figure: go.Figure,
    labels: Sequence[str],
    figures: Sequence[PeriodFigure],
    lang: Lang,
    decimals: int,
    with_needed: bool,
) -> None:
    """Each bar's figure written just above the higher of the bar and the needed mark:
    a label at the bar's top would sit on the mark whenever a month is near its pace.
    Given to the layout all at once: plotly checks the whole list again at each one added."""
    notes = []
    for label, period in zip(labels, figures, strict=True):
        if period.achieved is None:
            continue
        top = max(period.achieved, period.planned) if with_needed else period.achieved
        notes.append(
            {
                "x": label,
                "y": top,
                "xref": "x",
                "yref": "y",
                "text": format_number(period.achieved, lang, decimals),
                "showarrow": False,
                "yanchor": "bottom",
                "yshift": PERIOD_LABEL_GAP,
                "font": {"size": 11, "color": PERIOD_COLOUR},
            }
        )
    figure.update_layout(annotations=[*figure.layout.annotations, *notes])


PERIOD_LABEL_GAP = 8  # px between a period's label and what it sits above: the needed mark is 3 px thick
