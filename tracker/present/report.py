"""The meeting report: one self-contained HTML file the committee can open and print.

Everything the file needs travels inside it: plotly.js once, in a single ``<script>``,
each chart as a div and a call; no fonts, stylesheets or images from elsewhere, so the
file opens on a laptop without a network. The page is laid out for A4 portrait
(``@page``), charts have a fixed width that fits the printed column and are static, so
the printout shows what the screen shows.

Every text that comes from the plan file or from people (titles, notes, names) goes
through ``html.escape``; plotly writes the figures' own text as escaped JSON.

Plain Python: no streamlit. ``tracker.ui.report_button`` puts the button on the overview page,
``python -m tracker report`` writes the file from the command line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from tracker.domain.breakdown import DistrictBreakdown, district_label, reporting_summary
from tracker.domain.completeness import Completeness
from tracker.domain.plan import Plan, Target, TaskStatus
from tracker.domain.progress import SEVERITY, Progress, Status
from tracker.i18n import HANOI_TIME, Lang, format_date, format_number, format_percent, t
from tracker.present.charts import (
    STATUS_COLOURS,
    decimals_for,
    goal_text,
    needed_text,
    overview_figure,
    pace_figure,
    percent_text,
    projection_text,
)
from tracker.present.history import late_changes_table
from tracker.service import FigureReading, Overview, build_overview, district_breakdown_of, pace_of
from tracker.service.reporting import LateChange, changed_after_approval, period_events, reporting_of
from tracker.storage.ledger import Ledger
from tracker.storage.periods import PeriodAction, place_name
from tracker.storage.tasks import task_states

MIME_TYPE = "text/html"
# A4 portrait less 2 × 14 mm of margin leaves 182 mm, about 688 CSS pixels; a target's
# section is indented by its coloured rule, so the charts are drawn a little narrower.
FIGURE_WIDTH = 660
PACE_HEIGHT = 330  # a pace chart, its target's facts and its districts share one printed page
TOP_DISTRICTS = 10
LATEST_NOTES = 3
# Static charts print exactly as shown and need no toolbar; a fixed size keeps them off
# plotly's resize handler, which would redraw them at the printer's page width.
PLOTLY_CONFIG: dict[str, Any] = {"displayModeBar": False, "staticPlot": True, "responsive": False}
REPORT_TEMPLATE = "plotly"
FONT_STACK = "Arial, 'Liberation Sans', 'DejaVu Sans', 'Noto Sans', sans-serif"  # installed fonts only

TASK_STATUS_COLOURS: dict[TaskStatus, str] = {
    TaskStatus.done: STATUS_COLOURS[Status.achieved],
    TaskStatus.in_progress: "#0969da",
    TaskStatus.blocked: "#cf222e",
    TaskStatus.not_started: "#8c959f",
}


def report_filename(plan: Plan, as_of: dt.date, lang: Lang) -> str:
    """``hanoi-craft-villages-2017-report-2017-06-30-vi.html``: what, as of when, which language."""
    return f"{plan.id}-report-{as_of.isoformat()}-{lang}.html"


def report_bytes(
    plan: Plan, ledger: Ledger, as_of: dt.date, lang: Lang = "vi", generated_at: dt.datetime | None = None
) -> bytes:
    """The report as UTF-8 bytes, for a download button or a file."""
    return report_html(plan, ledger, as_of, lang, generated_at).encode("utf-8")


def report_html(
    plan: Plan, ledger: Ledger, as_of: dt.date, lang: Lang = "vi", generated_at: dt.datetime | None = None
) -> str:
    """The whole report at ``as_of`` in ``lang``: status summary, overview chart, one
    section per target (the furthest behind first), context figures, qualitative tasks."""
    ledger = ledger.for_plan(plan.id)  # whichever plan the ledger was opened for, this plan's figures
    overview = build_overview(plan, ledger, as_of)
    generated = (generated_at or dt.datetime.now(HANOI_TIME)).astimezone(HANOI_TIME)
    chart = _ChartWriter()
    body = [
        _header(plan, as_of, generated, lang),
        _summary(overview, lang),
        _section(
            t("overview.chart.title", lang),
            chart.html(overview_figure(overview.worst_first(), lang)),
            "overview",
        ),
        _reporting_section(reporting_of(plan, ledger, as_of), as_of, lang),
        _late_section(plan, changed_after_approval(plan, ledger), _anything_approved(plan, ledger), lang),
        f"<h2 class='part'>{escape(t('report.targets.title', lang))}</h2>",
        *(
            _target_section(plan, ledger, target, progress, index, chart, lang)
            for index, (target, progress) in enumerate(overview.worst_first(), start=1)
        ),
        _figures_section(overview.figures, lang),
        _tasks_section(_task_lines(plan, ledger, as_of, lang), as_of, lang),
        _footer(plan, as_of, lang),
    ]
    title = f"{t('report.heading', lang)} · {format_date(as_of)}"
    return _PAGE.format(
        lang=lang,
        title=escape(title),
        style=_STYLE + _page_margin_boxes(t("report.running_head", lang, as_of=format_date(as_of)), lang),
        plotly_js=get_plotlyjs(),
        chart_count=chart.count,
        body="\n".join(part for part in body if part),
    )


# --- charts ------------------------------------------------------------------------------


class _ChartWriter:
    """Each figure as a div and a ``Plotly.newPlot`` call; plotly.js itself is in the
    page's head once. Numbered, so every div has its own id and the page knows how many."""

    def __init__(self) -> None:
        self.count = 0

    def html(self, figure: go.Figure, height: int | None = None, flat_ticks: bool = False) -> str:
        self.count += 1
        shown = go.Figure(figure)  # a copy: the figure may be a cached one the app still shows
        shown.update_layout(width=FIGURE_WIDTH, autosize=False, paper_bgcolor="white", font_family=FONT_STACK)
        # plotly's own theme, whoever built the figure: inside the app, streamlit makes its
        # theme the default, whose colours are placeholders only streamlit's page fills in
        shown.update_layout(template=REPORT_TEMPLATE)
        if height is not None:
            shown.update_layout(height=height)
        if flat_ticks:
            # at print width plotly would tilt twelve month labels, and the legend below would hide their ends
            shown.update_xaxes(tickangle=0, tickfont_size=10)
        div = pio.to_html(
            shown,
            full_html=False,
            include_plotlyjs=False,
            config=PLOTLY_CONFIG,
            div_id=f"chart-{self.count}",
            default_width=f"{FIGURE_WIDTH}px",
        )
        return f"<div class='chart'>{div}</div>"


# --- sections ----------------------------------------------------------------------------


def _header(plan: Plan, as_of: dt.date, generated: dt.datetime, lang: Lang) -> str:
    period = t("app.period", lang, start=format_date(plan.period.start), end=format_date(plan.period.end))
    when = f"{format_date(generated.date())} {generated:%H:%M}"
    return (
        "<header class='report-header'>"
        f"<p class='kicker'>{escape(plan.issued_by.in_(lang))} · {escape(t('report.heading', lang))}</p>"
        f"<h1>{escape(plan.title.in_(lang))}</h1>"
        f"<p class='as-of'>{escape(t('report.as_of', lang, as_of=format_date(as_of)))}</p>"
        f"<p class='meta'>{escape(period)} · {escape(t('report.generated', lang, when=when))}</p>"
        "</header>"
    )


def _status_badge(colour: str, label: str) -> str:
    return f"<span class='status' style='background:{colour}'>{escape(label)}</span>"


def _summary(overview: Overview, lang: Lang) -> str:
    """How many targets stand in each status, the worst first; statuses nobody is in are left out."""
    counts = overview.status_counts()
    items = "".join(
        f"<li><span class='count' style='border-color:{STATUS_COLOURS[status]}'>{counts[status]}</span>"
        f"{_status_badge(STATUS_COLOURS[status], t(f'status.{status.value}', lang))}</li>"
        for status in SEVERITY
        if counts[status]
    )
    total = t("report.summary.total", lang, count=len(overview.targets))
    return _section(
        t("overview.status_counts", lang), f"<ul class='counts'>{items}</ul><p>{escape(total)}</p>", "summary"
    )


def _section(title: str, content: str, css_class: str) -> str:
    return f"<section class='{css_class}'><h2>{escape(title)}</h2>{content}</section>"


def _facts(rows: Iterable[tuple[str, str]]) -> str:
    """Label and value pairs; both already escaped."""
    return "<dl class='facts'>" + "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows) + "</dl>"


def _target_section(
    plan: Plan, ledger: Ledger, target: Target, progress: Progress, index: int, chart: _ChartWriter, lang: Lang
) -> str:
    unit = target.unit.in_(lang)
    status = t(f"status.{progress.status.value}", lang)
    pace = pace_of(plan, ledger, target, progress.as_of)
    needed = needed_text(target, pace, lang)
    category = plan.category_title(target.category)
    facts = [
        (t("report.field.goal", lang), f"{goal_text(target, lang)} {unit}"),
        (t("report.field.achieved", lang), f"{format_number(progress.achieved, lang, decimals_for(target))} {unit}"),
        (
            t("report.field.expected", lang, as_of=format_date(progress.as_of)),
            f"{format_number(progress.expected, lang, decimals_for(target))} {unit}",
        ),
        (t("report.field.percent", lang), percent_text(progress, lang)),
        (t("report.field.projection", lang), projection_text(target, pace, lang)),
        *([(t("report.field.needed", lang), needed)] if needed else []),
        (t("report.field.agency", lang), target.agency.in_(lang)),
        (t("report.field.funding", lang), target.funding.in_(lang) if target.funding else "–"),
        (t("report.field.category", lang), category.in_(lang) if category else target.category),
    ]
    shown = [(escape(label), escape(value)) for label, value in facts]
    shown.insert(3, (escape(t("col.status", lang)), _status_badge(STATUS_COLOURS[progress.status], status)))
    colour = STATUS_COLOURS[progress.status]
    parts = [
        f"<section class='target' id='target-{escape(target.id)}' style='border-color:{colour}'>",
        "<div class='keep'>",
        f"<h3><span class='index'>{index}.</span> {escape(target.title.in_(lang))}</h3>",
        _facts(shown),
        f"<blockquote lang='vi'><span class='label'>{escape(t('report.field.source', lang))}:</span> "
        f"«{escape(target.source_text)}»</blockquote>",
        "</div>",
    ]
    breakdown = district_breakdown_of(ledger, target, progress.as_of)
    if breakdown is not None:
        parts.append(_districts(target, breakdown, lang))
    parts.append(f"<div class='keep'><h4>{escape(t('pace.title', lang))}</h4>")
    parts.append(chart.html(pace_figure(target, pace, lang), PACE_HEIGHT, flat_ticks=True) + "</div>")
    parts.append("</section>")
    return "".join(parts)


def _districts(target: Target, breakdown: DistrictBreakdown, lang: Lang) -> str:
    """The districts that reported, the largest first, up to ten; the city-wide figure
    under them when there is one; and how many of the 30 reported."""
    reported = [row for row in breakdown.districts if row.reported]
    heading = f"<h4>{escape(t('report.districts.title', lang))} · {escape(reporting_summary(breakdown, lang))}</h4>"
    if not reported and not breakdown.city_wide.reported:
        return f"<div class='keep'>{heading}<p class='muted'>{escape(t('report.districts.none', lang))}</p></div>"
    shown = reported[:TOP_DISTRICTS]
    if breakdown.city_wide.reported:
        shown.append(breakdown.city_wide)
    quantity_header = t("breakdown.col.quantity", lang, unit=target.unit.in_(lang))
    rows = "".join(
        f"<tr{' class=city' if row.is_city_wide else ''}><td>{escape(district_label(row, lang))}</td>"
        f"<td class='num'>{escape(format_number(row.quantity, lang, 3))}</td>"
        f"<td class='num'>{escape(format_percent(row.share, lang))}</td></tr>"
        for row in shown
    )
    more = len(reported) - TOP_DISTRICTS
    extra = f"<p class='muted'>{escape(t('report.districts.more', lang, count=more))}</p>" if more > 0 else ""
    head = "".join(
        f"<th{' class=num' if i else ''}>{escape(h)}</th>"
        for i, h in enumerate((t("breakdown.col.district", lang), quantity_header, t("breakdown.col.share", lang)))
    )
    table = f"<table class='districts'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return f"<div class='keep'>{heading}{table}{extra}</div>"


def _figures_section(figures: list[FigureReading], lang: Lang) -> str:
    if not figures:
        return ""
    rows = []
    for reading in figures:
        baseline = format_number(reading.baseline, lang)
        if reading.figure.approximate:
            baseline = t("goal.approx", lang, value=baseline)
        latest = t("figure.none_recorded", lang) if reading.latest is None else format_number(reading.latest, lang, 3)
        rows.append(
            f"<tr><td>{escape(reading.figure.title.in_(lang))}"
            f"<div class='source' lang='vi'>«{escape(reading.figure.source_text)}»</div></td>"
            f"<td>{escape(reading.figure.unit.in_(lang))}</td>"
            f"<td class='num'>{escape(baseline)}</td><td class='num'>{escape(latest)}</td></tr>"
        )
    head = _head_row(
        [t("col.figure", lang), t("col.unit", lang), t("col.baseline", lang), t("col.latest", lang)], numeric_from=2
    )
    return _section(
        t("overview.figures.title", lang), f"<table>{head}<tbody>{''.join(rows)}</tbody></table>", "figures"
    )


def _head_row(headers: list[str], numeric_from: int) -> str:
    cells = "".join(f"<th{' class=num' if i >= numeric_from else ''}>{escape(h)}</th>" for i, h in enumerate(headers))
    return f"<thead><tr>{cells}</tr></thead>"


# --- the reporting cycle -----------------------------------------------------------------


def _reporting_section(reporting: Completeness, as_of: dt.date, lang: Lang) -> str:
    """One line per period due by ``as_of``: how many of those who owe a report sent one,
    how many on time; then who has sent nothing for the latest of them."""
    due = [summary for summary in reporting.by_period if summary.is_due]
    if not due:
        text = t("report.reporting.none_due", lang, as_of=format_date(as_of))
        return _section(t("report.reporting.title", lang), f"<p class='muted'>{escape(text)}</p>", "reporting")
    latest = reporting.latest_due()
    lines = []
    for summary in due:
        line = t(
            "report.reporting.line",
            lang,
            period=summary.period.label(lang),
            due=format_date(summary.period.due),
            reported=summary.reported,
            owed=summary.owed,
            rate=format_percent(summary.rate, lang),
            on_time=summary.on_time,
            late=summary.late,
            partial=summary.reported - summary.complete,  # sent something, not every target it owes
            missing=len(summary.missing),
        )
        shown = f"<strong>{escape(line)}</strong>" if summary is latest else escape(line)
        lines.append(f"<li>{shown}</li>")
    parts = [
        f"<p class='muted'>{escape(t('report.reporting.places', lang, as_of=format_date(as_of)))}</p>",
        f"<ul class='reporting'>{''.join(lines)}</ul>",
    ]
    if latest is not None and latest.missing:
        places = ", ".join(place_name(place, lang) for place in latest.missing)
        missing = t("report.reporting.missing", lang, period=latest.period.label(lang), places=places)
        parts.append(f"<p>{escape(missing)}</p>")
    return _section(t("report.reporting.title", lang), "".join(parts), "reporting")


def _anything_approved(plan: Plan, ledger: Ledger) -> bool:
    return any(event.action in (PeriodAction.approve, PeriodAction.lock) for event in period_events(plan, ledger))


def _late_section(plan: Plan, late: list[LateChange], approved: bool, lang: Lang) -> str:
    """*Thay đổi sau khi duyệt*: every change to an approved period's figures made after
    its first approval, or a line saying there is none."""
    title = t("report.late.title", lang)
    if not late:
        text = t("report.late.none" if approved else "report.late.none_approved", lang)
        return _section(title, f"<p class='muted'>{escape(text)}</p>", "late")
    frame = late_changes_table(late, plan, lang)
    period, place, target = t("history.col.period", lang), t("history.col.place", lang), t("col.target", lang)
    what, who, when = t("history.col.what", lang), t("history.col.who", lang), t("history.col.when", lang)
    approved_at = t("history.col.approved_at", lang)
    rows = "".join(
        f"<tr><td>{escape(row[period])}<div class='muted'>{escape(row[place])}</div></td>"
        f"<td>{escape(row[target])}</td><td>{escape(row[what])}</td>"
        f"<td>{escape(row[who])}<div class='muted'>{escape(row[when])}</div></td>"
        f"<td>{escape(row[approved_at])}</td></tr>"
        for row in frame.to_dict("records")
    )
    head = _head_row([f"{period} · {place}", target, what, f"{who} · {when}", approved_at], numeric_from=99)
    intro = f"<p>{escape(t('report.late.intro', lang, count=len(late)))}</p>"
    return _section(title, f"{intro}<table class='late'>{head}<tbody>{rows}</tbody></table>", "late")


# --- qualitative tasks -------------------------------------------------------------------


@dataclass(frozen=True)
class _TaskLine:
    """A task as the report shows it."""

    title: str
    owner: str
    status: TaskStatus
    updated: str | None  # "cập nhật 12/06/2017, Trần Lan"; None while the status is the plan's own
    notes: tuple[tuple[str, str, str], ...]  # (date, by, text), the newest first


def _task_lines(plan: Plan, ledger: Ledger, as_of: dt.date, lang: Lang) -> list[_TaskLine]:
    """Every task with the status staff set and its latest notes. Notes dated after the
    as-of date are left out, as entries are; the status is the one set most recently."""
    lines = []
    for state in task_states(plan, ledger.database):
        updated = None
        if state.updated_at is not None:
            day = format_date(state.updated_at.astimezone(HANOI_TIME).date())
            updated = t("report.tasks.updated", lang, date=day, by=state.updated_by or "–")
        notes = [note for note in state.notes if note.note_date <= as_of][:LATEST_NOTES]
        lines.append(
            _TaskLine(
                state.task.title.in_(lang),
                state.task.owner.in_(lang),
                state.status,
                updated,
                tuple((format_date(note.note_date), note.by, note.text) for note in notes),
            )
        )
    return lines


def _tasks_section(lines: list[_TaskLine], as_of: dt.date, lang: Lang) -> str:
    if not lines:
        return ""
    rows = []
    for line in lines:
        status = _status_badge(TASK_STATUS_COLOURS[line.status], t(f"task_status.{line.status.value}", lang))
        if line.updated:
            status += f"<div class='muted'>{escape(line.updated)}</div>"
        if line.notes:
            notes = (
                "<ul class='notes'>"
                + "".join(
                    f"<li><span class='muted'>{escape(day)} · {escape(by)}:</span> {_multiline(text)}</li>"
                    for day, by, text in line.notes
                )
                + "</ul>"
            )
        else:
            notes = f"<span class='muted'>{escape(t('report.tasks.no_notes', lang))}</span>"
        rows.append(
            f"<tr><td>{escape(line.title)}</td><td>{escape(line.owner)}</td><td>{status}</td><td>{notes}</td></tr>"
        )
    head = _head_row(
        [t("col.task", lang), t("col.owner", lang), t("col.status", lang), t("report.tasks.notes", lang)],
        numeric_from=99,
    )
    columns = "<colgroup><col class='task'><col class='owner'><col class='status'><col></colgroup>"
    table = f"<table class='tasks'>{columns}{head}<tbody>{''.join(rows)}</tbody></table>"
    # statuses are kept as they are now, not dated like the figures: say so
    caveat = f"<p class='muted'>{escape(t('report.tasks.as_now', lang, as_of=format_date(as_of)))}</p>"
    return _section(t("overview.tasks.title", lang), caveat + table, "tasks")


def _multiline(text: str) -> str:
    """A note as typed, its line breaks kept, nothing in it read as markup."""
    return escape(text).replace("\n", "<br>")


def _footer(plan: Plan, as_of: dt.date, lang: Lang) -> str:
    text = t("report.footer", lang, as_of=format_date(as_of), source=plan.source)
    return f"<footer><p>{escape(text)}</p></footer>"


# --- page --------------------------------------------------------------------------------


def _css_string(text: str) -> str:
    """A CSS string literal for ``content:``: anything but letters, digits and spaces as
    a hex escape, so a quote or ``</style>`` in a plan title cannot end it."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _page_margin_boxes(running_head: str, lang: Lang) -> str:
    """The as-of date at the top of every printed page and its number at the bottom."""
    return (
        "@page {"
        f" @top-left {{ content: {_css_string(running_head)}; font: 8pt {FONT_STACK}; color: #57606a; }}"
        f' @bottom-right {{ content: {_css_string(t("report.page", lang) + " ")} counter(page) " / " counter(pages);'
        f" font: 8pt {FONT_STACK}; color: #57606a; }}"
        " }"
    )


_STYLE = f"""
@page {{ size: A4; margin: 14mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font: 10.5pt/1.45 {FONT_STACK}; color: #1f2328; background: #f6f8fa; margin: 0; }}
main {{ max-width: calc(182mm + 40px); margin: 0 auto; padding: 24px 20px 40px; background: white; }}
h1 {{ font-size: 17pt; line-height: 1.25; margin: 0 0 6px; }}
h2 {{ font-size: 13pt; margin: 22px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 3px;
     break-after: avoid; }}
h2.part {{ margin-top: 28px; }}
h3 {{ font-size: 12pt; margin: 0 0 8px; break-after: avoid; }}
h4 {{ font-size: 10pt; margin: 12px 0 4px; color: #424a53; break-after: avoid; }}
p {{ margin: 4px 0; }}
.kicker {{ text-transform: uppercase; letter-spacing: .04em; font-size: 8.5pt; color: #57606a; }}
.as-of {{ font-size: 12pt; font-weight: bold; }}
.meta, .muted {{ color: #57606a; font-size: 9pt; }}
.report-header {{ border-bottom: 3px solid #1f2328; padding-bottom: 8px; }}
section, .keep, table, tr, blockquote, .chart {{ break-inside: avoid; }}
.status {{ display: inline-block; color: white; font-weight: bold; font-size: 9pt; padding: 1px 8px;
          border-radius: 9px; white-space: nowrap; }}
ul.counts {{ list-style: none; padding: 0; margin: 0 0 4px; display: flex; flex-wrap: wrap; gap: 6px 18px; }}
ul.counts li {{ display: flex; align-items: center; gap: 6px; }}
.count {{ font-size: 16pt; font-weight: bold; border-bottom: 3px solid; min-width: 1.2em; text-align: center; }}
.chart {{ width: {FIGURE_WIDTH}px; max-width: 100%; margin: 4px 0; overflow: hidden; }}
section.target {{ border-left: 4px solid; padding: 2px 0 6px 9px; margin: 0 0 18px; break-inside: auto; }}
.index {{ color: #57606a; }}
dl.facts {{ display: grid; grid-template-columns: 34% 66%; margin: 0; border-top: 1px solid #eaeef2; }}
dl.facts dt, dl.facts dd {{ margin: 0; padding: 2px 6px 2px 0; border-bottom: 1px solid #eaeef2; }}
dl.facts dt {{ color: #57606a; }}
blockquote {{ margin: 8px 0 0; padding: 4px 10px; border-left: 3px solid #d0d7de; color: #424a53;
             font-style: italic; }}
blockquote .label {{ font-style: normal; color: #57606a; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9.5pt; }}
th, td {{ text-align: left; vertical-align: top; padding: 3px 6px; border-bottom: 1px solid #eaeef2; }}
th {{ border-bottom: 2px solid #d0d7de; }}
.num {{ text-align: right; white-space: nowrap; }}
table.districts {{ width: auto; min-width: 60%; }}
table.tasks col.task {{ width: 36%; }}
table.tasks col.owner {{ width: 19%; }}
table.tasks col.status {{ width: 15%; }}
tr.city td {{ font-style: italic; border-top: 1px dotted #8c959f; }}
ul.reporting {{ margin: 4px 0; padding-left: 18px; }}
table.late {{ font-size: 9pt; }}
.source {{ font-size: 8.5pt; color: #57606a; font-style: italic; }}
ul.notes {{ margin: 0; padding-left: 14px; }}
footer {{ margin-top: 24px; border-top: 1px solid #d0d7de; color: #57606a; font-size: 8.5pt; }}
@media print {{
  body {{ background: white; }}
  main {{ max-width: none; padding: 0; }}
}}
"""

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="craft-village plan tracker">
<title>{title}</title>
<style>{style}</style>
<script>{plotly_js}</script>
</head>
<body data-charts="{chart_count}">
<main>
{body}
</main>
</body>
</html>
"""
