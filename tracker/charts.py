"""Plotly figures from plain data. No streamlit, no database."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from tracker.breakdown import DistrictBreakdown, DistrictRow, district_label, kind_label
from tracker.i18n import Lang, format_date, format_number, format_percent, t
from tracker.plan import ApproximateGoal, RangeGoal, Target
from tracker.progress import Progress, Status

STATUS_COLOURS: dict[Status, str] = {
    Status.achieved: "#1a7f37",
    Status.on_track: "#2da44e",
    Status.needs_acceleration: "#d4a72c",
    Status.off_track: "#cf222e",
    Status.not_started: "#8c959f",
    Status.missed: "#82071e",
}
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
    return format_number(goal.value, lang)


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
    approximate goal's tolerance as shaded bands."""
    labels = [wrap_label(target.title.in_(lang)) for target, _ in rows]
    as_of = rows[0][1].as_of if rows else None
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            name=t("chart.achieved", lang),
            y=labels,
            x=[p.percent_of_min * 100 for _, p in rows],
            orientation="h",
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
                f"{t('col.expected', lang)}: {format_number(p.expected, lang, 0)} {target.unit.in_(lang)}"
                for target, p in rows
            ],
            hoverinfo="text",
        )
    )
    _add_bands(figure, rows, lang)
    figure.add_vline(x=100, line_color=GOAL_COLOUR, line_width=2)
    highest = max([100.0, *(p.percent_of_min * 100 for _, p in rows), *_band_ends(rows)])
    figure.update_layout(
        separators=",." if lang == "vi" else ".,",
        barmode="overlay",
        height=140 + 80 * len(rows),
        margin={"l": 10, "r": 40, "t": 30, "b": 10},
        xaxis={"title": t("chart.axis", lang), "ticksuffix": "%", "range": [0, highest * 1.12]},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
    )
    figure.update_xaxes(gridcolor="#eaeef2")
    return figure


def _band_ends(rows: Sequence[tuple[Target, Progress]]) -> list[float]:
    ends = []
    for target, p in rows:
        if isinstance(target.goal, RangeGoal):
            ends.append(p.goal_max / p.goal_min * 100)
        elif isinstance(target.goal, ApproximateGoal):
            ends.append(100 * (1 + float(target.goal.tolerance)))
    return ends


def _add_bands(figure: go.Figure, rows: Sequence[tuple[Target, Progress]], lang: Lang) -> None:
    """Shaded rectangles behind each row: 100 %–max for a range, ± tolerance for 'about'."""
    shown_in_legend: set[str] = set()
    for index, (target, p) in enumerate(rows):
        goal = target.goal
        if isinstance(goal, RangeGoal):
            start, end, key, dash = 100.0, p.goal_max / p.goal_min * 100, "chart.range_band", "solid"
        elif isinstance(goal, ApproximateGoal):
            tolerance = float(goal.tolerance) * 100
            start, end, key, dash = 100 - tolerance, 100 + tolerance, "chart.approx_band", "dot"
        else:
            continue
        figure.add_shape(
            type="rect",
            xref="x",
            yref="y",
            x0=start,
            x1=end,
            y0=index - 0.45,
            y1=index + 0.45,
            fillcolor=BAND_COLOUR,
            line={"color": EXPECTED_COLOUR, "width": 1, "dash": dash},
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
                    marker={"symbol": "square", "size": 14, "color": BAND_COLOUR, "line": {"color": EXPECTED_COLOUR}},
                )
            )


def _hover(target: Target, progress: Progress, lang: Lang) -> str:
    return t(
        "chart.hover",
        lang,
        achieved=format_number(progress.achieved, lang),
        goal=goal_text(target, lang),
        unit=target.unit.in_(lang),
        percent=percent_text(progress, lang),
        expected=format_number(progress.expected, lang, 0),
        status=t(f"status.{progress.status.value}", lang),
    )


DISTRICT_COLOUR = "#0969da"
CITY_WIDE_COLOUR = "#8250df"
NOT_REPORTED_COLOUR = "#8c959f"


def district_figure(target: Target, breakdown: DistrictBreakdown, lang: Lang) -> go.Figure:
    """Where a summed target's work happened: one horizontal bar per district, the largest
    first; districts that reported nothing stay on the chart as grey "nothing reported"
    markers; the city-wide row comes last, in its own colour, below a dividing line."""
    unit = target.unit.in_(lang)
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
    xaxis: dict[str, object] = {"title": t("breakdown.axis", lang, unit=unit), "tickformat": ",~f", "zeroline": True}
    if low == high == 0:
        xaxis.update(range=[0, 1], showticklabels=False)  # nothing to measure yet: no meaningless ticks
    else:
        span = high - low
        xaxis["range"] = [low - 0.15 * span if low < 0 else 0, high + 0.2 * span]  # room for the labels
    figure.update_layout(
        separators=",." if lang == "vi" else ".,",
        barmode="overlay",
        height=120 + 26 * len(labels),
        margin={"l": 10, "r": 40, "t": 30, "b": 10},
        xaxis=xaxis,
        yaxis={"categoryorder": "array", "categoryarray": labels, "autorange": "reversed", "ticksuffix": "  "},
        legend={"orientation": "h", "y": -0.08},
        plot_bgcolor="white",
    )
    figure.update_xaxes(gridcolor="#eaeef2", zerolinecolor="#d0d7de")
    return figure


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
