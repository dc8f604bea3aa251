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

from urllib.parse import urlencode  # noqa: E402

from tracker import settings  # noqa: E402
from tracker.domain.breakdown import reporting_summary  # noqa: E402
from tracker.domain.clock import hanoi_today  # noqa: E402
from tracker.domain.plan import PlanSet, read_plans  # noqa: E402
from tracker.domain.progress import SEVERITY  # noqa: E402
from tracker.i18n import LANGS, format_date, t  # noqa: E402
from tracker.present import charts, tables  # noqa: E402
from tracker.present import reporting as reporting_present  # noqa: E402
from tracker.present import years as years_present  # noqa: E402
from tracker.present.charts import STATUS_COLOURS  # noqa: E402
from tracker.present.export import MIME_TYPES, export_filename  # noqa: E402
from tracker.present.report import MIME_TYPE as REPORT_MIME  # noqa: E402
from tracker.present.report import report_filename  # noqa: E402
from tracker.service import build_overview, district_breakdown_of, pace_of, plan_as_of  # noqa: E402
from tracker.service.reporting import reporting_of  # noqa: E402
from tracker.service.years import compare_years  # noqa: E402
from tracker.storage.ledger import Ledger  # noqa: E402
from tracker.storage.tasks import task_states  # noqa: E402
from tracker.ui.frame import PAGES as MENU  # noqa: E402
from tracker.ui.text import md_escape  # noqa: E402

PAGES = ("overview", "target", "years")
GRID_ROWS = 2000  # the target page's grid shows at most this many entries (tracker.ui.editing)


def _column_config(frame: Any, names_first: bool = True) -> dict[str, tuple[str, dict[str, Any]]]:
    """What tracker.ui.display draws a table's columns with, as (kind, arguments) per
    header: the floor makes the same st.column_config objects from it on every run."""
    looks = tables.column_looks(frame)
    config: dict[str, tuple[str, dict[str, Any]]] = (
        {frame.columns[0]: ("text", {"width": "large"})} if names_first and not looks else {}
    )
    for header, look in looks.items():
        config[header] = ("text", dict(look))
    details = t("col.details", "vi")
    if details in frame.columns:
        config[details] = (
            "link",
            {**dict(looks.get(details, {"label": details})), "display_text": t("col.details_link", "vi")},
        )
    return config


def overview_data(plans: PlanSet, ledger: Ledger) -> dict[str, Any]:
    """Every text, option, frame and figure the overview shows in Vietnamese, in AppTest
    (no user yet, a session from no known address), as pages/overview.py makes them."""
    plan = plans.default
    plan_key = plans.key(plan)
    as_of = plan_as_of(plan)
    store = ledger.with_plan(plan)
    overview = build_overview(plan, store, as_of)
    counts = overview.status_counts()
    rows = overview.worst_first()
    table = tables.titles_on_hover(
        tables.overview_table(rows, "vi", plan_key), [target for target, _ in rows], "vi", md_escape
    )
    figures = tables.figures_table(overview.figures, "vi")
    tasks = tables.tasks_table(task_states(plan, ledger.database), "vi")
    completeness = reporting_of(plan, store, hanoi_today(), None)
    line = reporting_present.overview_line(completeness, "vi")
    due = completeness.latest_due()
    period = t("app.period", "vi", start=format_date(plan.period.start), end=format_date(plan.period.end))
    link = f"?{urlencode({'plan': plan_key})}"
    return {
        # the sidebar
        "plan_label": t("app.plan", "vi"),
        "plan_help": t("app.plan_help", "vi"),
        "plans": {
            item.id: t("app.plan_option", "vi", year=plans.key(item), title=item.title.in_("vi")) for item in plans
        },
        "plan_id": plan.id,
        "language_label": t("app.language", "vi"),
        "languages": {code: t(f"app.lang.{code}", code) for code in LANGS},
        "menu": [(f"https://floor.invalid/{address}{link}", t(title, "vi"), icon) for _, title, icon, address in MENU],
        "banner": t("access.open_banner_remote", "vi"),
        # the page
        "title": t("overview.title", "vi"),
        "caption": f"{md_escape(plan.title.in_('vi'))} · {period}",
        "reporting_line": (
            None
            if line is None or due is None
            else (f"https://floor.invalid/reporting{link}&period={due.period.name}", line)
        ),
        "as_of_label": t("overview.as_of", "vi"),
        "as_of_help": t("overview.as_of_help", "vi"),
        "period": (plan.period.start, plan.period.end),
        "as_of": as_of,
        "as_of_caption": t("overview.as_of_caption", "vi", as_of=format_date(as_of)),
        "metrics": [(t(f"status.{status.value}", "vi"), counts[status]) for status in SEVERITY if counts[status]],
        "chart_title": t("overview.chart.title", "vi"),
        "figure": charts.overview_figure(rows, "vi").to_dict(),  # plain: a finished figure pickles without it
        "table_title": t("overview.table.title", "vi"),
        "table_help": t("overview.table.help", "vi"),
        "overview": table,
        "overview_config": _column_config(table),
        "status_column": t("col.status", "vi"),
        "colours": {t(f"status.{status.value}", "vi"): colour for status, colour in STATUS_COLOURS.items()},
        "figures_title": t("overview.figures.title", "vi") if overview.figures else None,
        "figures": figures,
        "figures_config": _column_config(figures),
        "tasks_title": t("overview.tasks.title", "vi") if plan.tasks else None,
        "tasks": tasks,
        "tasks_config": _column_config(tasks),
        "downloads_title": t("download.title", "vi"),
        "downloads": [
            (
                t("download.xlsx", "vi"),
                export_filename(plan, "workbook", "xlsx", as_of),
                MIME_TYPES["xlsx"],
                ":material/table_view:",
            ),
            (
                t("download.entries_csv", "vi"),
                export_filename(plan, "entries", "csv", as_of),
                MIME_TYPES["csv"],
                ":material/download:",
            ),
            (
                t("download.overview_csv", "vi"),
                export_filename(plan, "overview", "csv", as_of),
                MIME_TYPES["csv"],
                ":material/download:",
            ),
        ],
        "report": (
            t("report.button", "vi"),
            report_filename(plan, as_of, "vi"),
            REPORT_MIME,
            t("report.button_help", "vi"),
        ),
    }


def target_data(plans: PlanSet, ledger: Ledger) -> dict[str, Any]:
    plan = plans.default
    target = plan.targets[0]
    as_of = plan_as_of(plan)
    store = ledger.with_plan(plan)
    series = pace_of(plan, store, target, as_of)
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
