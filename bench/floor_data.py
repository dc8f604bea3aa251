"""The numbers the floors draw (bench/floor_app.py, floor_target.py, floor_years.py),
taken once from the real pages' own computations on a ledger, and pickled: a floor then
draws the same widgets and figures from them with bare Streamlit, no plan, no database,
no cache lookups, no styling.

``write(page, url, path)`` writes the pickle a floor reads from BENCH_FLOOR_DATA; the page
is "overview", "target" (the plan's first target at the plan's end, as bench/run.py and
H3's measurements open it) or "years" (the default day of the year).
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tracker import settings  # noqa: E402
from tracker.domain.breakdown import reporting_summary  # noqa: E402
from tracker.domain.pace import Step, per_period  # noqa: E402
from tracker.domain.plan import PlanSet, read_plans  # noqa: E402
from tracker.domain.progress import SEVERITY  # noqa: E402
from tracker.present import charts, tables  # noqa: E402
from tracker.present import years as years_present  # noqa: E402
from tracker.service import build_overview, district_breakdown_of, pace_of, plan_as_of  # noqa: E402
from tracker.service.years import compare_years  # noqa: E402
from tracker.storage.ledger import Ledger  # noqa: E402
from tracker.storage.tasks import task_states  # noqa: E402

PAGES = ("overview", "target", "years")
GRID_ROWS = 2000  # the target page's grid shows at most this many entries (tracker.ui.editing)


def overview_data(plans: PlanSet, ledger: Ledger) -> dict[str, Any]:
    plan = plans.default
    overview = build_overview(plan, ledger.with_plan(plan), plan_as_of(plan))
    counts = overview.status_counts()
    rows = overview.worst_first()
    return {
        "metrics": [(status.value, counts[status]) for status in SEVERITY if counts[status]],
        "labels": [target.title.in_("vi") for target, _ in rows],
        "percent": [p.percent_of_min * 100 for _, p in rows],
        "expected": [p.expected / p.goal_min * 100 for _, p in rows],
        "overview": tables.overview_table(rows, "vi"),
        "figures": tables.figures_table(overview.figures, "vi"),
        "tasks": tables.tasks_table(task_states(plan, ledger.database), "vi"),
    }


def target_data(plans: PlanSet, ledger: Ledger) -> dict[str, Any]:
    plan = plans.default
    target = plan.targets[0]
    as_of = plan_as_of(plan)
    store = ledger.with_plan(plan)
    series = pace_of(plan, store, target, as_of)
    months = per_period(target, series, Step.month)
    breakdown = district_breakdown_of(store, target, as_of)
    rows = store.entries_where(target_id=target.id, start=plan.period.start, end=plan.period.end, limit=GRID_ROWS)
    return {
        "target": target.short.in_("vi"),
        "title": target.title.in_("vi"),
        "as_of": as_of,
        "metrics": [("Đã đạt", series.progress.achieved), ("Dự kiến", series.progress.expected)],
        "projection": charts.projection_text(target, series, "vi"),
        "actual": ([day for day, _ in series.actual], [float(value) for _, value in series.actual]),
        "planned": ([day for day, _ in series.planned], [float(value) for _, value in series.planned]),
        "periods": (
            [charts.period_label(item, "vi") for item in months],
            [float(item.achieved or 0) for item in months],
        ),
        "period_table": tables.period_table(target, months, "vi"),
        "source": target.source_text,
        "districts": (
            [row.district or "" for row in breakdown.rows] if breakdown else [],
            [float(row.quantity) for row in breakdown.rows] if breakdown else [],
        ),
        "district_summary": reporting_summary(breakdown, "vi") if breakdown else "",
        "district_table": tables.district_table(target, breakdown, "vi") if breakdown else None,
        "entries": tables.entries_table(rows, "vi"),
    }


def years_data(plans: PlanSet, ledger: Ledger) -> dict[str, Any]:
    day, comparisons = compare_years(plans, ledger)
    curves = [
        [
            (
                year.plan.year,
                [years_present._on_axis(point_day) for point_day, _ in year.curve],
                [float(value) for _, value in year.curve],
            )
            for year in comparison.years
        ]
        for comparison in comparisons
    ]
    return {
        "table": years_present.years_table(comparisons, day, "vi"),
        "notes": years_present.measure_change_notes(comparisons, "vi"),
        "curves": curves,
        "titles": [comparison.years[-1].target.short.in_("vi") for comparison in comparisons],
    }


def write(page: str, url: str, path: Path) -> None:
    """The numbers of ``page`` on the ledger at ``url`` (the plans of TRACKER_TARGETS or
    targets.yaml), pickled to ``path``."""
    plans = read_plans(settings.targets_path())
    ledger = Ledger(url)
    try:
        build = {"overview": overview_data, "target": target_data, "years": years_data}[page]
        path.write_bytes(pickle.dumps(build(plans, ledger)))
    finally:
        ledger.dispose()
