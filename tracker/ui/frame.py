"""The frame every page is drawn in, in one call: the page's set-up, the menu, the language
switch, the plan, the database, and who is signed in (tracker.ui.sign_in).

With a ``pages/`` folder, Streamlit runs a page that is opened directly (a deep link, a
first request after a start, AppTest's switch_page) without the entry script; so each
page calls ``page()`` itself, and the frame is still drawn in this one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import streamlit as st

from tracker import settings
from tracker.domain.plan import Plan, PlanError, load_plan
from tracker.i18n import Lang, t
from tracker.storage.ledger import Ledger
from tracker.ui import language, sign_in
from tracker.ui.errors import DATABASE_ERRORS, database_stop
from tracker.ui.sign_in import Visitor

FLASH_KEY = "flash"

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


@dataclass(frozen=True)
class Page:
    """What every page works with: the language to draw in, the plan, the ledger, and the
    person at the keyboard as far as the database vouches for them."""

    lang: Lang
    plan: Plan
    ledger: Ledger
    person: Visitor


def page() -> Page:
    """Draw the frame and give the page what it works with. A plan file with mistakes, or a
    database the app cannot use, shows its own page instead and stops this one."""
    chrome()
    current_plan = plan()
    store = ledger()
    return Page(language.lang(), current_plan, store, sign_in.visitor(store))


def chrome() -> None:
    """The page's set-up, the menu and the language switch (also on the error pages)."""
    st.set_page_config(**PAGE_CONFIG)  # again here: a first deep link skips dashboard.py
    for script, title, icon, _ in PAGES:
        st.sidebar.page_link(script, label=t(title, language.lang()), icon=icon)
    st.sidebar.divider()
    language.switch()


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
    path = settings.targets_path()
    try:
        stat = os.stat(path)
        loaded = _plan_cached(str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        loaded = _plan_cached(str(path), 0, 0)
    if isinstance(loaded, PlanError):
        lang = language.lang()
        st.title(t("app.plan_error.title", lang))
        st.error(t("app.plan_error.intro", lang, path=loaded.path))
        st.code("\n".join(loaded.render(lang)), language=None)
        st.caption(t("app.plan_error.hint", lang, path=loaded.path))
        st.stop()
    return loaded


@st.cache_resource(show_spinner=False)
def _ledger_cached(url: str) -> Ledger:
    """One Database per process and URL: opened (and an SQLite file brought up to date)
    on the first page load, shared by every session after."""
    return Ledger(url)


def ledger() -> Ledger:
    """The ledger of TRACKER_DATABASE_URL, or the database page when it cannot be used."""
    try:
        return _ledger_cached(settings.database_url())
    except DATABASE_ERRORS as error:
        database_stop(error)


def flash(message: str) -> None:
    """Keep a success message for the next run, so a save can rerun the page and still
    say what it did."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if isinstance(message, str):
        st.success(message)
