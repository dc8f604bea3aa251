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
from tracker.domain.plan import Plan, PlanError, PlanSet, read_plans
from tracker.domain.text import shown_text
from tracker.i18n import Lang, t
from tracker.storage.ledger import Ledger
from tracker.ui import language, reads, sign_in, widgets
from tracker.ui.errors import DATABASE_ERRORS, database_stop
from tracker.ui.sign_in import Visitor
from tracker.ui.text import md_escape

FLASH_KEY = "flash"
PLAN_KEY = "plan_choice"  # the plan chosen, kept across pages
PLAN_PARAM = "plan"
PLAN_DRAWN_KEY = "plan_drawn"  # the plan the last run drew, to notice a change of plan
OTHER_PLAN_PARAMS = ("target", "as_of")  # what the address says that belongs to one plan

# The pages, in menu order: (script, title key, icon, address). dashboard.py registers
# them with st.navigation; every page draws the menu from the same list.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("pages/overview.py", "nav.overview", ":material/monitoring:", "overview"),
    ("pages/reporting.py", "nav.reporting", ":material/fact_check:", "reporting"),
    ("pages/record.py", "nav.record", ":material/edit_note:", "record"),
    ("pages/target.py", "nav.target", ":material/table_edit:", "target"),
    ("pages/imports.py", "nav.import", ":material/upload_file:", "imports"),
    ("pages/years.py", "nav.years", ":material/compare_arrows:", "years"),
    ("pages/tasks.py", "nav.tasks", ":material/task_alt:", "tasks"),
    ("pages/history.py", "nav.history", ":material/history:", "history"),
    ("pages/users.py", "nav.users", ":material/group:", "users"),
)

PAGE_CONFIG: dict[str, str] = {
    "page_title": "Làng nghề Hà Nội · Craft villages",
    "page_icon": "🏺",
    "layout": "wide",
}


@dataclass(frozen=True)
class Page:
    """What every page works with: the language to draw in, the chosen plan (and all the
    plans of the file), the ledger seen from that plan, and the person at the keyboard as
    far as the database vouches for them."""

    lang: Lang
    plan: Plan
    ledger: Ledger
    person: Visitor
    plans: PlanSet


def page() -> Page:
    """Draw the frame and give the page what it works with. A plan file with mistakes, or a
    database the app cannot use, shows its own page instead and stops this one."""
    st.set_page_config(**PAGE_CONFIG)  # again here: a first deep link skips dashboard.py
    language.settle()
    all_plans = plans()
    # Who is signed in, or the sign-in form, comes first in the sidebar: on a laptop's
    # 768 pixels the form must not wait below the plan, the menu and the language.
    sign_in_place = st.sidebar.container()
    current_plan = plan_switch(all_plans)
    st.set_page_config(page_title=f"Làng nghề Hà Nội {current_plan.year} · Craft villages")  # the tab says the year
    chrome({PLAN_PARAM: all_plans.key(current_plan)})
    store = ledger().with_plan(current_plan)
    unknown = sorted(reads.plans_in_use(current_plan, store) - {item.id for item in all_plans})
    if unknown:  # figures the file cannot show: a plan renamed or taken out of the file
        named = ", ".join(shown_text(item) for item in unknown)
        st.sidebar.warning(t("app.plans_not_in_file", language.lang(), plans=md_escape(named)))
    person = sign_in.visitor(store, sign_in_place)  # may open the person's own language: a new run
    return Page(language.lang(), current_plan, store, person, all_plans)


def chrome(keep: dict[str, str] | None = None) -> None:
    """The page's set-up, the language switch and the menu (also on the error pages).
    The menu's links keep ``keep`` in the address (the chosen plan), and the language."""
    if keep is None:  # an error page: no plan to name
        st.set_page_config(**PAGE_CONFIG)
    language.settle()
    language.switch()  # above the menu: in view on a laptop's screen, under the sign-in form
    kept = {**(keep or {}), **language.link()}
    for script, title, icon, _ in PAGES:
        st.sidebar.page_link(script, label=t(title, language.lang()), icon=icon, query_params=kept)


@st.cache_resource(show_spinner=False, max_entries=8)
def _plans_cached(path: str, modified_ns: int, size: int) -> PlanSet | PlanError:
    """Loaded once per version of the file: editing targets.yaml shows on the next page
    load. The file's time and size are part of the cache key (Streamlit leaves a
    parameter whose name starts with "_" out of it, which kept an edited file unseen)."""
    try:
        return read_plans(path)
    except PlanError as error:
        return error


def plans() -> PlanSet:
    """The plans of the file, or a readable error page (and nothing else) when the file
    has mistakes."""
    path = settings.targets_path()
    try:
        stat = os.stat(path)
        loaded = _plans_cached(str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        loaded = _plans_cached(str(path), 0, 0)
    if isinstance(loaded, PlanError):
        chrome()
        lang = language.lang()
        st.title(t("app.plan_error.title", lang))
        st.error(t("app.plan_error.intro", lang, path=loaded.path))
        st.code("\n".join(loaded.render(lang)), language=None)
        st.caption(t("app.plan_error.hint", lang, path=loaded.path))
        st.stop()
    return loaded


def plan() -> Plan:
    """The plan the page shows (see plan_switch), without drawing the switch."""
    all_plans = plans()
    return all_plans.find(str(st.session_state.get(PLAN_KEY, ""))) or all_plans.default


def plan_switch(all_plans: PlanSet) -> Plan:
    """The plan chosen in the sidebar. The address names it (``?plan=2018``), so a link
    opens the same plan; without one, the plan chosen earlier in this session, else the
    file's default. An address naming no plan of the file says so and shows the default."""
    lang = language.lang()
    linked = st.query_params.get(PLAN_PARAM)
    if linked is not None:
        found = all_plans.find(str(linked))
        if found is None:
            st.sidebar.warning(t("app.plan_unknown", lang, plan=md_escape(shown_text(linked))))
        else:
            st.session_state[PLAN_KEY] = found.id
    current = all_plans.find(str(st.session_state.get(PLAN_KEY, ""))) or all_plans.default
    if len(all_plans) > 1:
        widget = f"{PLAN_KEY}.{lang}"  # a key per language: the label is drawn in it
        st.session_state[widget] = current.id
        labels = {
            item.id: t("app.plan_option", lang, year=all_plans.key(item), title=item.title.in_(lang))
            for item in all_plans
        }

        def to_link() -> None:
            chosen = all_plans.find(str(st.session_state[widget])) or all_plans.default
            st.session_state[PLAN_KEY] = chosen.id
            for other in OTHER_PLAN_PARAMS:  # a target or a date of one year means nothing in another
                st.query_params.pop(other, None)
            st.query_params[PLAN_PARAM] = all_plans.key(chosen)

        st.sidebar.selectbox(
            t("app.plan", lang),
            options=list(labels),
            format_func=labels.__getitem__,
            key=widget,
            on_change=to_link,
            help=t("app.plan_help", lang),
        )
        current = all_plans.find(str(st.session_state[widget])) or current
    st.query_params[PLAN_PARAM] = all_plans.key(current)
    if st.session_state.get(PLAN_DRAWN_KEY) != current.id:
        st.session_state.pop(widgets.AS_OF_KEY, None)  # a date of another plan's year
        st.session_state[PLAN_DRAWN_KEY] = current.id
    return current


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


def plan_link() -> dict[str, str]:
    """The address's plan and the language, for a link or a page switch that must keep
    them (a link may be opened in a new tab: a new session, which knows only the address)."""
    chosen = st.query_params.get(PLAN_PARAM)
    return {**({PLAN_PARAM: str(chosen)} if chosen else {}), **language.link()}


def flash(message: str) -> None:
    """Keep a success message for the next run, so a save can rerun the page and still
    say what it did."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if isinstance(message, str):
        st.success(message)
