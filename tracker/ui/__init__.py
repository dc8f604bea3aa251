"""The small layer between the pages and the package: streamlit state, caches, error pages.

The only module besides the pages that imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler
from sqlalchemy.exc import SQLAlchemyError

from tracker import settings as config
from tracker.domain.access import AccessDeniedError
from tracker.domain.clock import hanoi_today
from tracker.domain.districts import district_names
from tracker.domain.entries import MAX_AUTHOR, MAX_NOTE, MAX_VILLAGE, NOT_CHOSEN
from tracker.domain.plan import Aggregation, ContextFigure, Measure, Period, Plan, PlanError, Target, load_plan
from tracker.domain.progress import default_as_of
from tracker.i18n import LANGS, Lang, format_date, format_number, t
from tracker.present import charts, tables
from tracker.present.charts import STATUS_COLOURS, goal_text
from tracker.present.export import (
    MIME_TYPES,
    EntryFilters,
    entries_csv_bytes,
    export_filename,
    overview_csv_bytes,
    xlsx_bytes,
)
from tracker.service import Overview, build_overview
from tracker.storage.database import DatabaseOpenError, DatabaseSettingError, SchemaError
from tracker.storage.ledger import Ledger

LANG_KEY = "lang"  # the switch widget
LANG_CHOICE_KEY = "lang_choice"  # the language chosen, kept across pages
AUTHOR_KEY = "author_name"  # who is working, kept across pages
PERSON_WIDGET_KEY = "person"
FLASH_KEY = "flash"
AS_OF_KEY = "as_of"
AS_OF_PARAM = "as_of"
TARGET_KEY = "target"
TARGET_PARAM = "target"


def lang() -> Lang:
    """The language chosen in the sidebar; Vietnamese until someone switches."""
    chosen = st.session_state.get(LANG_CHOICE_KEY, "vi")
    return chosen if chosen in LANGS else "vi"


def _remember_language() -> None:
    st.session_state[LANG_CHOICE_KEY] = st.session_state[LANG_KEY]


# The pages, in menu order: (script, title key, icon, address). dashboard.py registers
# them with st.navigation; every page draws the menu from the same list.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("pages/overview.py", "nav.overview", ":material/monitoring:", "overview"),
    ("pages/record.py", "nav.record", ":material/edit_note:", "record"),
    ("pages/target.py", "nav.target", ":material/table_edit:", "target"),
    ("pages/tasks.py", "nav.tasks", ":material/task_alt:", "tasks"),
    ("pages/history.py", "nav.history", ":material/history:", "history"),
    ("pages/users.py", "nav.users", ":material/group:", "users"),
)


PAGE_CONFIG: dict[str, str] = {
    "page_title": "Làng nghề Hà Nội 2017 · Craft villages",
    "page_icon": "🏺",
    "layout": "wide",
}


def _menu(language: Lang) -> None:
    """The page menu, drawn by each page rather than by Streamlit: with a ``pages/``
    folder, the very first request after a start (a deep link such as /target) runs
    in Streamlit's old folder mode, whose own menu would list file names."""
    for script, title, icon, _ in PAGES:
        st.sidebar.page_link(script, label=t(title, language), icon=icon)
    st.sidebar.divider()


def language_switch() -> Lang:
    """The Tiếng Việt / English switch in the sidebar; returns the language to draw in.

    Each page draws it (not the entry script) and the choice lives under a key of its
    own, so it survives page changes, when Streamlit forgets the widgets of the last page.
    """
    st.set_page_config(**PAGE_CONFIG)  # again here: a first deep link skips dashboard.py
    _menu(lang())
    st.session_state[LANG_KEY] = lang()
    st.sidebar.radio(
        t("app.language", lang()),
        options=list(LANGS),
        format_func=lambda code: t(f"app.lang.{code}", code),
        key=LANG_KEY,
        horizontal=True,
        on_change=_remember_language,
    )
    return lang()


@st.cache_resource(show_spinner=False, max_entries=8)
def _plan_cached(path: str, modified_ns: int, size: int) -> Plan | PlanError:
    """Loaded once per version of the file: editing targets.yaml shows on the next page
    load. The file's time and size are part of the cache key (Streamlit leaves a
    parameter whose name starts with "_" out of it, which kept an edited file unseen)."""
    try:
        return load_plan(path)
    except PlanError as error:
        return error


def plan() -> Plan:
    """The plan, or a readable error page (and nothing else) when the file has mistakes."""
    path = config.targets_path()
    try:
        stat = os.stat(path)
        loaded = _plan_cached(str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        loaded = _plan_cached(str(path), 0, 0)
    if isinstance(loaded, PlanError):
        _plan_error_page(loaded)
        st.stop()
    return loaded


def _plan_error_page(error: PlanError) -> None:
    language = language_switch()
    st.title(t("app.plan_error.title", language))
    st.error(t("app.plan_error.intro", language, path=error.path))
    st.code("\n".join(error.render(language)), language=None)
    st.caption(t("app.plan_error.hint", language, path=error.path))


@st.cache_resource(show_spinner=False)
def _ledger_cached(url: str) -> Ledger:
    return Ledger(url)


def ledger() -> Ledger:
    """The ledger for TRACKER_DATABASE_URL, or an error page when the setting is wrong or
    the database is unreachable."""
    try:
        return _ledger_cached(config.database_url())
    except (DatabaseSettingError, SchemaError) as error:  # the setting, or a schema this code cannot use
        title = "app.db_setting_error.title" if isinstance(error, DatabaseSettingError) else "app.db_schema_error.title"
        st.title(t(title, lang()))
        st.error(md_escape(error.message(lang())))
        st.stop()
        raise  # unreachable: st.stop() ends the run
    except (DatabaseOpenError, SQLAlchemyError) as error:
        database_error_page(error)
        st.stop()
        raise


@contextmanager
def database_guard() -> Iterator[None]:
    """Around a write: if the database fails, or refuses the person, say so plainly and
    stop the page. The write was one transaction, so nothing of it was kept."""
    try:
        yield
    except SQLAlchemyError as error:
        st.error(t("app.db_write_error", lang(), detail=str(error).splitlines()[0]))
        st.stop()
    except AccessDeniedError as denied:  # checked by the write itself, against the database
        st.error(denied.message(lang()))
        st.stop()


def database_error_page(error: Exception, store: Ledger | None = None) -> None:
    """Why the page cannot be drawn: the database is down, or (it still answers) it
    refused the query, which is a different problem for a different person to fix."""
    language = lang()
    detail = md_escape(str(error).splitlines()[0])
    if isinstance(error, DatabaseOpenError):
        answered = error.answered
    else:
        answered = store is not None and store.database.answers()
    if answered:
        st.title(t("app.db_query_error.title", language))
        st.error(t("app.db_query_error.intro", language, detail=detail))
        return
    st.title(t("app.db_error.title", language))
    st.error(t("app.db_error.intro", language, detail=detail))


@st.cache_data(show_spinner=False, max_entries=64)
def _overview_cached(_plan: Plan, plan_key: str, url: str, revision: int, as_of: dt.date) -> Overview:
    """Keyed on the ledger's revision: a write anywhere makes the next rerun recompute."""
    return build_overview(_plan, _ledger_cached(url), as_of)


def overview(current_plan: Plan, store: Ledger, as_of: dt.date) -> Overview:
    try:
        return _overview_cached(current_plan, str(hash(current_plan)), store.url, store.revision(), as_of)
    except SQLAlchemyError as error:
        database_error_page(error, store)
        st.stop()
        raise


@st.cache_resource(show_spinner=False, max_entries=32)
def _overview_figure(content: int, _overview: Overview, language: Lang) -> go.Figure:
    return charts.overview_figure(_overview.worst_first(), language)


def overview_chart(current_overview: Overview, language: Lang) -> None:
    """The planned-against-achieved chart, built once per set of figures and language:
    building a plotly figure costs more than reading the cached figures."""
    key = hash((current_overview.as_of, tuple(current_overview.targets)))  # targets and progress are frozen
    figure = _overview_figure(key, current_overview, language)
    event = st.plotly_chart(
        figure,
        width="stretch",
        config={"displaylogo": False},
        on_select="rerun",
        selection_mode="points",
        key="overview_chart",
    )
    chosen = [point.get("customdata") for point in event.selection.points if point.get("customdata")]
    if chosen:
        open_target(str(chosen[0]), current_overview.as_of)


def overview_table(current_overview: Overview, language: Lang) -> None:
    """The targets worst first; choosing a row opens that target's page (the link column
    does the same in a new tab, and can be copied)."""
    rows = current_overview.worst_first()
    styled = status_styled(tables.overview_table(rows, language), language)
    event = _table(styled, on_select="rerun", selection_mode="single-row", key="overview_table")
    if event is not None and event.selection.rows:
        open_target(rows[event.selection.rows[0]][0].id, current_overview.as_of)


def open_target(target_id: str, as_of: dt.date) -> None:
    """Go to a target's page at the date the overview shows."""
    st.switch_page("pages/target.py", query_params={TARGET_PARAM: target_id, AS_OF_PARAM: as_of.isoformat()})


def _remember_person() -> None:
    st.session_state[AUTHOR_KEY] = st.session_state[PERSON_WIDGET_KEY].strip()


def person() -> str:
    """Who is making changes: asked once per browser session, in the sidebar, and stored
    with every change. Sign-in will replace this one function."""
    st.session_state[PERSON_WIDGET_KEY] = st.session_state.get(AUTHOR_KEY, "")
    st.sidebar.text_input(
        t("app.person", lang()),
        key=PERSON_WIDGET_KEY,
        max_chars=MAX_AUTHOR,
        on_change=_remember_person,
        help=t("app.person_help", lang()),
        placeholder=t("app.person_placeholder", lang()),
    )
    return str(st.session_state.get(AUTHOR_KEY, "")).strip()


def district_options() -> list[str]:
    """The whole city ("") first, then the 30 districts."""
    return ["", *district_names()]


# Every ASCII punctuation mark, each of which Markdown lets a backslash make literal.
_MARKDOWN_SPECIALS = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit's Markdown also turns a bare http://..., www.... or name@host into a link, after
# the escapes are read; an invisible word joiner (U+2060) where each begins keeps them text.
_AUTOLINKS = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?<=@)")


def md_escape(text: str) -> str:
    """Text shown through Markdown (captions, labels, alerts, headings) exactly as written:
    a name, a note or a word of the plan never becomes a link, an image or a formula."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _AUTOLINKS.sub("\u2060", text))


def flash(kind: str, message: str) -> None:
    """Keep a message for the next run, so a save can rerun the page and still say what it did."""
    st.session_state[FLASH_KEY] = (kind, message)


def show_flash() -> None:
    kind, message = st.session_state.pop(FLASH_KEY, (None, None))
    if kind == "success":
        st.success(message)


def quantity_input(item: Target | ContextFigure, label: str, container: object = st) -> str:
    """The quantity as typed. A text box, not a number box: a browser's number box turns a
    Vietnamese "30.000" into 30 before anyone can check it; the server parses the text
    and refuses what could mean two things."""
    language = lang()
    example = "30000" if item.measure == Measure.count else ("175,25" if language == "vi" else "175.25")
    return container.text_input(label, placeholder=t("record.quantity_placeholder", language, example=example))  # type: ignore[attr-defined]


def entry_form(item: Target | ContextFigure, period: Period) -> dict[str, object] | None:
    """The entry form; the values as typed once Save is pressed, else None.

    The date and the district must be chosen (a forgotten field must not save quietly
    as 31/12 or as the whole city); the server checks everything again before writing.
    """
    language = lang()
    with st.form("record_entry"):
        left, right = st.columns(2)
        quantity = quantity_input(item, t("record.quantity", language, unit=md_escape(item.unit.in_(language))), left)
        ref_date = right.date_input(
            t("record.date", language),
            value=None,
            min_value=period.start,
            max_value=period.end,
            format="DD/MM/YYYY",
        )
        district = left.selectbox(
            t("record.district", language),
            options=district_options(),
            index=None,
            format_func=lambda d: d or t("district.city_wide", language),
            placeholder=t("record.district_placeholder", language),
        )
        village = right.text_input(t("record.village", language), max_chars=MAX_VILLAGE)
        note = st.text_area(t("record.note", language), max_chars=MAX_NOTE, height=80)
        if not st.form_submit_button(t("record.save", language), type="primary"):
            return None
    return {
        "quantity": quantity,
        "ref_date": ref_date,
        "district": NOT_CHOSEN if district is None else district,
        "village": village,
        "note": note,
    }


def linked_choice(label: str, labels: dict[str, str], key: str, param: str, language: Lang) -> str:
    """A choice among ids that the address carries: ``?param=ID`` opens it directly, and
    the address follows the choice, so a link can be shared. Returns the chosen id.

    The choice is kept under ``key``; the widget has a key per language, because a
    browser keeps showing the chosen option's label in the language it was drawn in."""
    linked = st.query_params.get(param)
    if linked in labels and st.session_state.get(key) != linked:
        st.session_state[key] = linked
    if st.session_state.get(key) not in labels:
        st.session_state[key] = next(iter(labels))
    widget = f"{key}.{language}"
    st.session_state[widget] = st.session_state[key]

    def to_link() -> None:
        st.session_state[key] = st.session_state[widget]
        st.query_params[param] = st.session_state[widget]

    chosen = st.selectbox(label, options=list(labels), format_func=labels.__getitem__, key=widget, on_change=to_link)
    st.query_params[param] = chosen
    return str(chosen)


def target_picker(current_plan: Plan) -> Target | ContextFigure:
    """Which target (or context figure) the page is about, by ``?target=ID``."""
    items = current_plan.recordable_by_id()
    language = lang()
    labels = {item_id: item.title.in_(language) for item_id, item in items.items()}
    return items[linked_choice(t("record.target", language), labels, TARGET_KEY, TARGET_PARAM, language)]


def item_caption(item: Target | ContextFigure, current_overview: Overview) -> None:
    """The goal and the figure so far (or, for a context figure, its baseline)."""
    language = lang()
    if isinstance(item, Target):
        achieved = current_overview.progress_of(item.id).achieved
        goal = goal_text(item, language)
        st.caption(
            t(
                "record.goal_line",
                language,
                goal=goal,
                unit=md_escape(item.unit.in_(language)),  # a caption reads Markdown: the plan's words as written
                achieved=format_number(achieved, language),
            )
        )
    else:
        st.caption(
            t(
                "record.baseline_line",
                language,
                baseline=format_number(item.baseline, language),
                unit=md_escape(item.unit.in_(language)),
            )
        )
    intro = "record.intro_latest" if item.aggregation == Aggregation.latest else "record.intro"
    st.caption(t(intro, language))


def _as_of_from_link(period: Period) -> dt.date | None:
    """``?as_of=2017-06-30`` in the address: a link that opens the overview at that date."""
    raw = st.query_params.get(AS_OF_PARAM)
    try:
        day = dt.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None
    return min(max(day, period.start), period.end) if day else None


def _as_of_to_link() -> None:
    chosen = st.session_state.get(AS_OF_KEY)
    if isinstance(chosen, dt.date):
        st.query_params[AS_OF_PARAM] = chosen.isoformat()


def as_of_picker(current_plan: Plan, label_key: str = "overview.as_of", period: Period | None = None) -> dt.date:
    """The as-of date, visible and changeable; default today or the period's end, or the
    date in the page's address, which follows the picker so the view can be shared."""
    language = lang()
    period = period or current_plan.period  # a target may run on a period of its own
    default = _as_of_from_link(period) or default_as_of(period, hanoi_today())
    chosen = st.date_input(
        t(label_key, language),
        value=default,
        min_value=period.start,
        max_value=period.end,
        format="DD/MM/YYYY",
        help=t("overview.as_of_help", language),
        key=AS_OF_KEY,
        on_change=_as_of_to_link,
    )
    return chosen if isinstance(chosen, dt.date) else default


def plan_caption(current_plan: Plan) -> None:
    language = lang()
    st.caption(
        f"{md_escape(current_plan.title.in_(language))} · "
        + t(
            "app.period",
            language,
            start=format_date(current_plan.period.start),
            end=format_date(current_plan.period.end),
        )
    )


def table(frame: pd.DataFrame | Styler, names_first: bool = True) -> None:
    """A read-only table; when the first column holds names, it keeps a readable width."""
    _table(frame, names_first)


def _table(frame: pd.DataFrame | Styler, names_first: bool = True, **selection: Any) -> Any:
    columns = (frame.data if isinstance(frame, Styler) else frame).columns
    config: dict[str, object] = {columns[0]: st.column_config.TextColumn(width="large")} if names_first else {}
    details = t("col.details", lang())
    if details in columns:  # a link to each target's own page
        config[details] = st.column_config.LinkColumn(details, display_text=t("col.details_link", lang()))
    return st.dataframe(frame, hide_index=True, width="stretch", column_config=config or None, **selection)


def status_styled(frame: pd.DataFrame, language: Lang) -> Styler:
    """Colour the status column by status, as the chart does."""
    colours = {t(f"status.{status.value}", language): colour for status, colour in STATUS_COLOURS.items()}
    column = t("col.status", language)

    def paint(value: object) -> str:
        colour = colours.get(str(value))
        return f"background-color: {colour}; color: white; font-weight: 600" if colour else ""

    return frame.style.map(paint, subset=[column])


def downloads(current_plan: Plan, store: Ledger, current_overview: Overview, filters: EntryFilters | None) -> None:
    """Excel and CSV downloads of the entries (as filtered) and the overview. Files are
    made when a button is pressed, not on every rerun: a ledger may be large."""
    language = lang()
    as_of = current_overview.as_of
    workbook, entries_csv, overview_csv = st.columns(3)
    workbook.download_button(
        t("download.xlsx", language),
        data=lambda: xlsx_bytes(current_plan, store, current_overview, filters, language),
        file_name=export_filename(current_plan, "workbook", "xlsx", as_of),
        mime=MIME_TYPES["xlsx"],
        icon=":material/table_view:",
    )
    entries_csv.download_button(
        t("download.entries_csv", language),
        data=lambda: entries_csv_bytes(current_plan, store, filters, language),
        file_name=export_filename(current_plan, "entries", "csv", as_of),
        mime=MIME_TYPES["csv"],
        icon=":material/download:",
    )
    overview_csv.download_button(
        t("download.overview_csv", language),
        data=lambda: overview_csv_bytes(current_overview, language),
        file_name=export_filename(current_plan, "overview", "csv", as_of),
        mime=MIME_TYPES["csv"],
        icon=":material/download:",
    )
