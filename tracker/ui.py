"""The small layer between the pages and the package: streamlit state, caches, error pages.

The only module besides the pages that imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from tracker import config
from tracker.charts import STATUS_COLOURS
from tracker.i18n import LANGS, Lang, format_date, t
from tracker.ledger import Ledger
from tracker.plan import Plan, PlanError, load_plan
from tracker.service import Overview, build_overview, plan_as_of

LANG_KEY = "lang"
AUTHOR_KEY = "entered_by"


def lang() -> Lang:
    """The language chosen in the sidebar; Vietnamese until someone switches."""
    chosen = st.session_state.get(LANG_KEY, "vi")
    return chosen if chosen in LANGS else "vi"


def language_switch() -> Lang:
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = "vi"
    st.sidebar.radio(
        t("app.language", lang()),
        options=list(LANGS),
        format_func=lambda code: t(f"app.lang.{code}", code),
        key=LANG_KEY,
        horizontal=True,
    )
    return lang()


@st.cache_resource(show_spinner=False)
def _plan_cached(path: str, _modified_ns: int, _size: int) -> Plan | PlanError:
    """Loaded once per version of the file: editing targets.yaml shows on the next rerun."""
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
    language = lang()
    st.title(t("app.plan_error.title", language))
    st.error(t("app.plan_error.intro", language, path=error.path))
    st.code("\n".join(error.render(language)), language=None)
    st.caption(t("app.plan_error.hint", language, path=error.path))


@st.cache_resource(show_spinner=False)
def _ledger_cached(url: str) -> Ledger:
    return Ledger(url)


def ledger() -> Ledger:
    """The ledger for TRACKER_DATABASE_URL, or an error page when the database is unreachable."""
    try:
        return _ledger_cached(config.database_url())
    except SQLAlchemyError as error:
        database_error_page(error)
        st.stop()
        raise  # unreachable: st.stop() ends the run


def database_error_page(error: Exception) -> None:
    language = lang()
    st.title(t("app.db_error.title", language))
    st.error(t("app.db_error.intro", language, detail=str(error).splitlines()[0]))


@st.cache_data(show_spinner=False, max_entries=64)
def _overview_cached(_plan: Plan, plan_key: str, url: str, revision: int, as_of: dt.date) -> Overview:
    """Keyed on the ledger's revision: a write anywhere makes the next rerun recompute."""
    return build_overview(_plan, _ledger_cached(url), as_of)


def overview(current_plan: Plan, store: Ledger, as_of: dt.date) -> Overview:
    try:
        return _overview_cached(current_plan, str(hash(current_plan)), store.url, store.revision(), as_of)
    except SQLAlchemyError as error:
        database_error_page(error)
        st.stop()
        raise


def as_of_picker(current_plan: Plan) -> dt.date:
    """The as-of date, visible and changeable; default today or the period's end."""
    language = lang()
    period = current_plan.period
    chosen = st.date_input(
        t("overview.as_of", language),
        value=plan_as_of(current_plan),
        min_value=period.start,
        max_value=period.end,
        format="DD/MM/YYYY",
        help=t("overview.as_of_help", language),
        key="as_of",
    )
    return chosen if isinstance(chosen, dt.date) else plan_as_of(current_plan)


def plan_caption(current_plan: Plan) -> None:
    language = lang()
    st.caption(
        f"{current_plan.title.in_(language)} · "
        + t(
            "app.period",
            language,
            start=format_date(current_plan.period.start),
            end=format_date(current_plan.period.end),
        )
    )


def status_styled(frame: pd.DataFrame, language: Lang) -> pd.io.formats.style.Styler:
    """Colour the status column by status, as the chart does."""
    colours = {t(f"status.{status.value}", language): colour for status, colour in STATUS_COLOURS.items()}
    column = t("col.status", language)

    def paint(value: object) -> str:
        colour = colours.get(str(value))
        return f"background-color: {colour}; color: white; font-weight: 600" if colour else ""

    return frame.style.map(paint, subset=[column])
