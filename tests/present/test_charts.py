"""The charts and tables as a reader sees them: numbers grouped the reader's way on every
axis, targets named by short names (the full title on hover), a goal's range drawn
behind the bars, and a month's label clear of the pace it needed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import plotly.graph_objects as go
import pytest

from tracker.domain.breakdown import district_breakdown
from tracker.domain.pace import Step, pace_series, per_period
from tracker.domain.plan import Plan, Target
from tracker.domain.progress import Progress, assess
from tracker.i18n import Lang
from tracker.present import charts, tables
from tracker.ui.text import md_escape

D = dt.date
AS_OF = D(2017, 6, 30)
# What every value axis of every chart must carry: plotly's own ticks read 10k and 1000.
VIETNAMESE = (",.", ",~f")
ENGLISH = (".,", ",~f")


def overview_rows(plan: Plan, achieved: dict[str, float]) -> list[tuple[Target, Progress]]:
    return [
        (target, assess(target, plan.period_of(target), plan.status_thresholds, achieved.get(target.id, 0), AS_OF))
        for target in plan.targets
    ]


def pace_of(plan: Plan, target_id: str, daily: list[tuple[dt.date, int]]) -> tuple[Target, object]:
    target = plan.target(target_id)
    decimals = [(day, Decimal(value)) for day, value in daily]
    return target, pace_series(target, plan.period_of(target), plan.status_thresholds, decimals, AS_OF)


def every_chart(plan: Plan, lang: Lang) -> dict[str, tuple[go.Figure, tuple[str, ...]]]:
    """Each chart the app draws outside the years page, with the axes that hold values."""
    workers, series = pace_of(plan, "workers-trained", [(D(2017, 3, 20), 4200), (D(2017, 6, 15), 8900)])
    breakdown = district_breakdown({"Chương Mỹ": Decimal(12000), "Thường Tín": Decimal(900), None: Decimal(5)})
    return {
        "overview": (charts.overview_figure(overview_rows(plan, {"workers-trained": 13100}), lang), ("x",)),
        "districts": (charts.district_figure(workers, breakdown, lang), ("x",)),
        "pace": (charts.pace_figure(workers, series, lang), ("y",)),  # type: ignore[arg-type]
        "periods": (
            charts.period_figure(workers, per_period(workers, series, Step.month), lang),  # type: ignore[arg-type]
            ("y",),
        ),
    }


@pytest.mark.parametrize(("lang", "expected"), [("vi", VIETNAMESE), ("en", ENGLISH)])
def test_every_value_axis_groups_thousands_the_readers_way(plan: Plan, lang: Lang, expected: tuple[str, str]) -> None:
    for name, (figure, axes) in every_chart(plan, lang).items():
        assert (figure.layout.separators, figure.layout[f"{axes[0]}axis"].tickformat) == expected, name
        assert figure.layout[f"{axes[0]}axis"].separatethousands is True, name  # 1.000, not 1000


def test_number_axes_leaves_a_date_axis_alone() -> None:
    figure = go.Figure(go.Scatter(x=[D(2017, 1, 1), D(2017, 2, 1)], y=[1000, 30000]))
    figure.update_xaxes(tickformat="%m")
    charts.number_axes(figure, "vi")
    assert (figure.layout.xaxis.tickformat, figure.layout.yaxis.tickformat) == ("%m", ",~f")
    assert figure.layout.separators == ",."


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_overview_chart_names_rows_by_short_name_and_hovers_the_title(plan: Plan, lang: Lang) -> None:
    figure = charts.overview_figure(overview_rows(plan, {}), lang)
    bars = figure.data[0]
    assert list(bars.y) == [target.short.in_(lang) for target in plan.targets]
    for target, hover in zip(plan.targets, bars.hovertext, strict=True):
        first_line = hover.split("<br>", 1)[0]
        assert first_line.startswith("<b>") and target.title.in_(lang).split()[0] in first_line
        assert charts.wrap_label(target.title.in_(lang), 60).replace("<br>", " ") in hover.replace("<br>", " ")


def test_a_goals_range_is_a_slim_pale_strip_behind_the_bars(plan: Plan) -> None:
    """A late target's red bar must outweigh the range of another target's goal."""
    figure = charts.overview_figure(overview_rows(plan, {"machinery-projects": 1}), "vi")
    bars = figure.data[0]
    ranges = [shape for shape in figure.layout.shapes if shape.type == "rect"]
    assert len(ranges) == 3  # two ranges (brands, trademarks) and one approximate goal (workers)
    for shape in ranges:
        assert shape.layer == "below"
        assert shape.opacity <= 0.5
        assert not shape.line.width  # no outline
        assert shape.y1 - shape.y0 <= bars.width / 2  # thinner than half a bar


def test_a_months_label_sits_above_both_its_bar_and_the_pace_it_needed(plan: Plan) -> None:
    target, series = pace_of(plan, "workers-trained", [(D(2017, 3, 20), 2400), (D(2017, 4, 2), 3800)])
    figures = per_period(target, series, Step.month)  # type: ignore[arg-type]
    figure = charts.period_figure(target, figures, "vi")
    bars, needed = figure.data
    assert bars.textposition == "none"  # not written at the bar's top, where the needed mark may be
    labels = {annotation.x: annotation for annotation in figure.layout.annotations}
    for label, period, planned in zip(bars.x, figures, needed.y, strict=True):
        if period.achieved is None:
            assert label not in labels
            continue
        annotation = labels[label]
        assert annotation.y >= planned and annotation.y >= period.achieved
        assert annotation.yanchor == "bottom" and annotation.yshift >= 6
    assert labels["T3"].text == "2.400" and labels["T4"].text == "3.800"  # April's bar rises above its pace
    assert labels["T3"].y == pytest.approx(max(2400, figures[2].planned))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_overview_table_names_targets_by_short_name_with_every_title_on_hover(plan: Plan, lang: Lang) -> None:
    rows = overview_rows(plan, {"workers-trained": 13100})
    frame = tables.titles_on_hover(tables.overview_table(rows, lang), plan.targets, lang, md_escape)
    header = "Chỉ tiêu" if lang == "vi" else "Target"
    assert list(frame[header]) == [target.short.in_(lang) for target in plan.targets]
    hover = tables.column_looks(frame)[header]["help"]
    for target in plan.targets:
        assert f"**{md_escape(target.short.in_(lang))}**: {md_escape(target.title.in_(lang))}" in hover


def test_the_titles_on_hover_are_the_plans_words_not_markdown(plan: Plan) -> None:
    hostile = plan.targets[0].model_copy(
        update={"title": plan.targets[0].title.model_copy(update={"vi": "[bấm](http://evil.example) **đậm**"})}
    )
    frame = tables.titles_on_hover(tables.overview_table(overview_rows(plan, {}), "vi"), [hostile], "vi", md_escape)
    help_text = tables.column_looks(frame)["Chỉ tiêu"]["help"]
    assert "\\[bấm\\]" in help_text and "](http" not in help_text


def test_the_goals_table_names_targets_by_short_name(plan: Plan) -> None:
    frame = tables.goals_table(plan, "vi")
    assert list(frame["Chỉ tiêu"]) == [target.short.vi for target in plan.targets]
