"""Who has reported which period, as the reporting page shows it: the matrix of places ×
periods (each cell a word on its state's colour, and what lies behind it on hover), the
rates per place and per period, the chosen period's places, and the overview's one line.

Plain pandas: a Styler carries the colours and the hover text, which ``st.table`` draws
(``st.dataframe`` draws no hover text of a cell's own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape

import pandas as pd
from pandas.io.formats.style import Styler

from tracker.domain.completeness import SEVERITY, Cell, CellState, Completeness, PeriodSummary
from tracker.domain.periods import ALL_DISTRICTS, CITY, ReportingPeriod
from tracker.domain.plan import Plan
from tracker.i18n import HANOI_TIME, Lang, format_date, format_moment, format_percent, t
from tracker.present.markdown import md_escape
from tracker.present.tables import LOOKS, ColumnLook
from tracker.storage.periods import StatusRow, place_name

# The order the legend lists the states in: done, then what needs chasing, then not yet.
STATES: tuple[CellState, ...] = (
    CellState.on_time,
    CellState.nil,
    CellState.late,
    CellState.partial,
    CellState.missing,
    CellState.not_due,
)
# A state's colour and the colour of its word on it (contrast 4.5:1 or more, as the
# status colours of the overview); the word says the state without the colour.
STATE_COLOURS: dict[CellState, tuple[str, str]] = {
    CellState.on_time: ("#1a7f37", "#ffffff"),
    CellState.nil: ("#ddf4ff", "#0a3069"),
    CellState.late: ("#bc4c00", "#ffffff"),
    CellState.partial: ("#f5d77a", "#24292f"),
    CellState.missing: ("#cf222e", "#ffffff"),
    CellState.not_due: ("#f6f8fa", "#57606a"),
}
STATE_KEYS: dict[CellState, str] = {
    CellState.on_time: "reporting.state.on_time",
    CellState.nil: "reporting.state.nil",
    CellState.late: "reporting.state.late",
    CellState.partial: "reporting.state.partial",
    CellState.missing: "reporting.state.missing",
    CellState.not_due: "reporting.state.not_due",
}
STATE_HELP_KEYS: dict[CellState, str] = {
    CellState.on_time: "reporting.state_help.on_time",
    CellState.nil: "reporting.state_help.nil",
    CellState.late: "reporting.state_help.late",
    CellState.partial: "reporting.state_help.partial",
    CellState.missing: "reporting.state_help.missing",
    CellState.not_due: "reporting.state_help.not_due",
}
CHOSEN_BORDER = "3px solid #0969da"  # the period the address names, framed down its column
# The hover box: dark, one line per fact, at most 340 px wide; it lets the mouse through.
TOOLTIP_CSS = (
    "visibility: hidden; position: absolute; z-index: 50; background-color: #24292f; color: #ffffff; "
    "white-space: pre-line; width: max-content; max-width: 340px; padding: 6px 10px; border-radius: 6px; "
    "font-size: 13px; font-weight: 400; line-height: 1.45; text-align: left; pointer-events: none"
)
# The table scrolls inside a box that cuts off what passes its edges, so each box opens
# where there is room: below a cell of the first rows, above the others; to the right of
# a cell in the left half, to the left in the right half. A short table keeps room below.
_BELOW_ROWS = 4
_ROOM_ROWS = 9  # fewer rows than this: every box opens below, into room kept under the table
_ROOM_BELOW = "margin-bottom: 240px"


# st.table reads every cell as Markdown: a stored name ("[Bấm vào đây](https://…)") would
# be drawn as a link.
def table_text(value: object) -> str:
    """A cell as st.table draws it from a Styler's display value: as written (a person's
    name, the plan's words), never a link, emphasis or a formula."""
    return md_escape(str(value))


def state_word(state: CellState, lang: Lang) -> str:
    return t(STATE_KEYS[state], lang)


def place_label(place: str, lang: Lang) -> str:
    """A district by its name, the city as «Toàn thành phố»."""
    return place_name(place, lang)


def share_text(count: int, of: int, lang: Lang) -> str:
    """«3/4 (75%)»; «–» when nothing was owed."""
    if not of:
        return "–"
    return f"{count}/{of} ({format_percent(count / of, lang)})"


def _last_day(moment: dt.datetime | None) -> str:
    return format_date(moment.astimezone(HANOI_TIME).date()) if moment is not None else "–"


def _short_names(plan: Plan, target_ids: Sequence[str], lang: Lang) -> str:
    targets = {target.id: target for target in plan.targets}
    return ", ".join(targets[item].short.in_(lang) if item in targets else item for item in target_ids)


def cell_hover(plan: Plan, cell: Cell, lang: Lang) -> str:
    """What lies behind a cell, one fact a line: the place and period, the state, how many
    entries and the last one's day, the targets still missing, the due day and the status."""
    lines = [
        f"{place_label(cell.place, lang)} · {cell.period.label(lang)}",
        t("reporting.hover.state", lang, state=state_word(cell.state, lang)),
    ]
    if not cell.entries:
        lines.append(t("reporting.hover.no_entries", lang))
    else:
        lines.append(
            t("reporting.hover.entries", lang, count=cell.entries, nil=cell.nil)
            if cell.nil
            else t("reporting.hover.entries_plain", lang, count=cell.entries)
        )
        lines.append(t("reporting.hover.last", lang, day=_last_day(cell.last_at)))
    lines.append(missing_targets_text(plan, cell, lang, "reporting.hover.missing", "reporting.hover.missing_all"))
    lines.append(t("reporting.hover.due", lang, day=format_date(cell.period.due)))
    lines.append(t("reporting.hover.status", lang, status=t(f"periods.status.{cell.status}", lang)))
    return "\n".join(line for line in lines if line)


def missing_targets_text(plan: Plan, cell: Cell, lang: Lang, some_key: str, all_key: str) -> str:
    """The targets a place still owes for a period by short name; all of them in a word;
    "" when it owes none."""
    if not cell.missing_targets:
        return ""
    if not cell.covered:
        return t(all_key, lang, of=len(cell.owed))
    names = _short_names(plan, cell.missing_targets, lang)
    return t(some_key, lang, count=len(cell.missing_targets), of=len(cell.owed), targets=names)


def place_header(lang: Lang) -> str:
    return t("reporting.col.place", lang)


def rate_headers(lang: Lang) -> tuple[str, str]:
    return t("reporting.col.rate", lang), t("reporting.col.on_time_rate", lang)


def matrix_frame(result: Completeness, lang: Lang) -> pd.DataFrame:
    """One row per place, worst first (every place that owes, those that sent nothing
    too); a column per period with the state's word; then the place's reporting and
    on-time rates over the periods already due."""
    rate, on_time = rate_headers(lang)
    rows = []
    for place in result.places:
        summary = result.by_place[place]
        row = {place_header(lang): place_label(place, lang)}
        for period in result.periods:
            row[period.label(lang)] = state_word(result.cell(place, period.name).state, lang)
        row[rate] = share_text(summary.reported, summary.due_periods, lang)
        row[on_time] = share_text(summary.on_time, summary.due_periods, lang)
        rows.append(row)
    columns = [place_header(lang), *(period.label(lang) for period in result.periods), rate, on_time]
    return pd.DataFrame(rows, columns=columns)


def matrix_hover(plan: Plan, result: Completeness, lang: Lang) -> pd.DataFrame:
    """The hover text of each cell of ``matrix_frame``, in the same shape; the rates say
    what they count."""
    rate, on_time = rate_headers(lang)
    rows = []
    for place in result.places:
        summary = result.by_place[place]
        row = {place_header(lang): ""}
        for period in result.periods:
            row[period.label(lang)] = cell_hover(plan, result.cell(place, period.name), lang)
        row[rate] = t("reporting.hover.place_rate", lang, reported=summary.reported, due=summary.due_periods)
        row[on_time] = t("reporting.hover.place_on_time", lang, on_time=summary.on_time, due=summary.due_periods)
        rows.append(row)
    return pd.DataFrame(rows, columns=matrix_frame(result, lang).columns)


def css_text(text: str) -> str:
    """``text`` as the inside of a CSS string: quotes and backslashes escaped, a new line
    as CSS writes it, and no "<" that could end the style element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace(">", "\\3E ")
    return escaped.replace("\r", "").replace("\n", "\\A ")


def matrix_styled(plan: Plan, result: Completeness, lang: Lang, chosen: str | None = None) -> Styler:
    """The matrix with each cell on its state's colour, its facts on hover, and the
    period ``chosen`` (a name, 2017-Q2) framed."""
    frame = matrix_frame(result, lang)
    hover = matrix_hover(plan, result, lang).map(css_text)
    css = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for row, place in enumerate(result.places):
        for period in result.periods:
            background, text = STATE_COLOURS[result.cell(place, period.name).state]
            style = f"background-color: {background}; color: {text}; font-weight: 600; white-space: nowrap"
            if period.name == chosen:
                style += f"; border-left: {CHOSEN_BORDER}; border-right: {CHOSEN_BORDER}"
            css.loc[row, period.label(lang)] = style
    for header in rate_headers(lang):
        css[header] = "text-align: right; white-space: nowrap"
    css[place_header(lang)] = "white-space: nowrap; font-weight: 600"
    styled = frame.style.apply(lambda _: css, axis=None).set_tooltips(hover, props=TOOLTIP_CSS)
    table_styles = _tooltip_places(len(frame.index), len(frame.columns))
    chosen_period = next((period for period in result.periods if period.name == chosen), None)
    if chosen_period is not None:
        column = list(frame.columns).index(chosen_period.label(lang))
        table_styles.append(
            {
                "selector": f"th.col{column}",
                "props": f"border: {CHOSEN_BORDER}; border-bottom: none; font-weight: 700; color: #0969da",
            }
        )
    return styled.set_table_styles(table_styles, overwrite=False)


def _tooltip_places(rows: int, columns: int) -> list[dict[str, str]]:
    """Where each cell's hover box opens (see _BELOW_ROWS): one rule per cell."""
    styles = []
    for row in range(rows):
        below = rows < _ROOM_ROWS or row < _BELOW_ROWS
        for column in range(1, columns):
            left = column > columns // 2
            shift_x = "-100%" if left else "0"
            shift_y = "0" if below else "-100%"
            margin = f"margin-top: {'22px' if below else '-4px'}; margin-left: {'0' if left else '-80px'}"
            styles.append(
                {
                    "selector": f"td.row{row}.col{column} .pd-t",
                    "props": f"transform: translate({shift_x}, {shift_y}); {margin}",
                }
            )
    if rows < _ROOM_ROWS:
        styles.append({"selector": "", "props": _ROOM_BELOW})
    return styles


def legend_html(lang: Lang) -> str:
    """Each state's word on its colour, with what it means on hover: the key to the matrix."""
    chips = []
    for state in STATES:
        background, text = STATE_COLOURS[state]
        chips.append(
            f'<span title="{escape(t(STATE_HELP_KEYS[state], lang))}" style="background-color: {background}; '
            f"color: {text}; font-weight: 600; font-size: 14px; padding: 1px 8px; border-radius: 4px; "
            f"margin-right: 6px; border: 1px solid #d0d7de; white-space: nowrap; display: inline-block; "
            f'margin-bottom: 4px">'
            f"{escape(state_word(state, lang))}</span>"
        )
    return f'<div aria-label="{escape(t("reporting.legend", lang))}" style="line-height: 2">{"".join(chips)}</div>'


def legend_lines(lang: Lang) -> list[str]:
    """«Đúng hạn: ...», one line per state: how to read the matrix, in words."""
    return [f"{state_word(state, lang)}: {t(STATE_HELP_KEYS[state], lang)}" for state in STATES]


# --- per period -------------------------------------------------------------------------


def _period_columns(lang: Lang) -> dict[str, ColumnLook]:
    """The per-period table's columns and their looks: 840 px, within a laptop's 904."""
    specs = (
        ("reporting.col.period", "reporting.col.help.period", 120, False),
        ("reporting.col.due", "reporting.col.help.due", 100, False),
        ("reporting.col.reported", "reporting.col.help.reported", 140, True),
        ("reporting.col.on_time", "reporting.col.help.on_time", 140, True),
        ("reporting.col.complete", "reporting.col.help.complete", 140, True),
        ("reporting.col.late", "reporting.col.help.late", 80, True),
        ("reporting.col.missing_count", "reporting.col.help.missing_count", 110, True),
    )
    return {
        t(header, lang): ColumnLook(
            label=t(header, lang), help=t(tip, lang), width=width, alignment="right" if numbers else "left"
        )
        for header, tip, width, numbers in specs
    }


def period_table(result: Completeness, lang: Lang) -> pd.DataFrame:
    """Per period: its due day, how many places reported (and the rate), how many on
    time, how many covered every target they owe, how many late, how many sent nothing."""
    looks = _period_columns(lang)
    headers = list(looks)
    rows = []
    for summary in result.by_period:
        label = summary.period.label(lang)
        if not summary.is_due:
            label = t("reporting.period_not_due", lang, period=label)
        rows.append(
            dict(
                zip(
                    headers,
                    [
                        label,
                        format_date(summary.period.due),
                        share_text(summary.reported, summary.owed, lang),
                        share_text(summary.on_time, summary.owed, lang),
                        share_text(summary.complete, summary.owed, lang),
                        str(summary.late),
                        str(len(summary.missing)),
                    ],
                    strict=True,
                )
            )
        )
    frame = pd.DataFrame(rows, columns=headers)
    frame.attrs[LOOKS] = looks
    return frame


# --- the chosen period ------------------------------------------------------------------


def whole_period_lock(statuses: Mapping[tuple[str, str], StatusRow], period: str) -> StatusRow | None:
    """The lock of a whole period for every place, if there is one."""
    row = statuses.get((ALL_DISTRICTS, period))
    return row if row is not None and row.locks else None


def status_text(row: StatusRow | None, status: str, lang: Lang) -> str:
    """«đã duyệt · Nguyễn Văn An, 05/07/2017 14:00»: the status and who set it when."""
    word = t(f"periods.status.{status}", lang)
    if row is None or row.status.value != status:
        return word
    return t("reporting.status_by", lang, status=word, by=row.changed_by, at=format_moment(row.changed_at))


def places_table(
    plan: Plan, result: Completeness, period: ReportingPeriod, statuses: Mapping[tuple[str, str], StatusRow], lang: Lang
) -> pd.DataFrame:
    """Every place in the chosen period, worst first in it: its state, entries, last entry's
    day, the targets it still owes, and the period's status for it (and who set it)."""
    rows = []
    whole = whole_period_lock(statuses, period.name)
    worst = sorted(result.places, key=lambda place: SEVERITY[result.cell(place, period.name).state])  # stable
    for place in worst:
        cell = result.cell(place, period.name)
        own = statuses.get((place, period.name))
        rows.append(
            {
                t("reporting.col.place", lang): place_label(place, lang),
                t("reporting.col.state", lang): state_word(cell.state, lang),
                t("reporting.col.entries", lang): str(cell.entries),
                t("reporting.col.last", lang): _last_day(cell.last_at),
                t("reporting.col.targets_missing", lang): (
                    missing_targets_text(plan, cell, lang, "reporting.missing_targets", "reporting.missing_targets_all")
                    or "–"
                ),
                t("reporting.col.status", lang): status_text(whole if whole is not None else own, cell.status, lang),
            }
        )
    return pd.DataFrame(rows)


def places_styled(frame: pd.DataFrame, lang: Lang) -> Styler:
    """The state column on its colours, as in the matrix; every cell shown as written
    (table_text): who set a status and the plan's short names are text, never Markdown.
    Only what is drawn is escaped: the frame keeps the text itself."""
    colours = {state_word(state, lang): STATE_COLOURS[state] for state in STATES}

    def paint(value: object) -> str:
        found = colours.get(str(value))
        return f"background-color: {found[0]}; color: {found[1]}; font-weight: 600" if found else ""

    return frame.style.map(paint, subset=[t("reporting.col.state", lang)]).format(table_text)


def missing_places(summary: PeriodSummary, lang: Lang) -> list[str]:
    """The places that sent nothing for the period, by name, in the list's order."""
    return [place_label(place, lang) for place in summary.missing]


def missing_sentence(summary: PeriodSummary, lang: Lang) -> str:
    """What the committee asks first about a period: who has sent nothing."""
    label = summary.period.label(lang)
    names = missing_places(summary, lang)
    if not names:
        return t("reporting.missing.none", lang, period=label)
    key = "reporting.missing.list" if summary.is_due else "reporting.missing.list_not_due"
    return t(
        key,
        lang,
        period=label,
        count=len(names),
        owed=summary.owed,
        places=", ".join(names),
        due=format_date(summary.period.due),
    )


# --- the overview's line ------------------------------------------------------------------


def overview_line(result: Completeness, lang: Lang) -> str | None:
    """«Quý 2/2017: 24/30 quận, huyện đã báo cáo, 19 đúng hạn» for the latest period whose
    due day has passed (and the city's report, where the city owes one); None before any."""
    summary = result.latest_due()
    if summary is None:
        return None
    name = summary.period.name
    # the districts that owe something in that period (a target of its own period may owe nothing)
    cells = [result.cell(place, name) for place in result.places if place != CITY]
    cells = [cell for cell in cells if cell.is_owed]
    reported = [cell for cell in cells if cell.reported]
    on_time = [cell for cell in reported if cell.on_time]
    label = summary.period.label(lang)
    line = (
        t(
            "reporting.overview_line",
            lang,
            period=label,
            reported=len(reported),
            owed=len(cells),
            on_time=len(on_time),
        )
        if cells
        else label
    )
    if CITY in result.places and result.cell(CITY, name).is_owed:
        city = result.cell(CITY, name)
        line += t("reporting.overview_city_reported" if city.reported else "reporting.overview_city_missing", lang)
    return line
