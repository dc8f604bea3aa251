"""The language the person reads in: chosen in the sidebar, kept in the address
(``?lang=en``) so that a reload, a link opened in a new tab or a shared link opens in it,
and kept on a signed-in person's account so that their next sign-in opens in it.

Which language a run draws in, first match wins:
1. the address's ``?lang=`` (a value the app does not speak falls back to Vietnamese);
2. the choice made earlier in this session (the switch, an address, the account);
3. the signed-in person's stored choice (applied by ``follow_account``, once a session);
4. Vietnamese, the default. A session that has chosen nothing leaves the address
   without ``lang``: every address people saved before stays as it was, and a link
   that names no language leaves the reader's own stored choice free to apply.

The one convention: UI functions look the language up here (``lang()``); they never take
it as an argument. Presentation code (tracker.present) takes it as an argument instead.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from tracker.i18n import LANGS, Lang, t

PARAM = "lang"  # the address's parameter
DEFAULT: Lang = "vi"
_WIDGET_KEY = "lang"  # the switch widget
_CHOICE_KEY = "lang_choice"  # the language chosen in this session, kept across pages
_SWITCHED_KEY = "lang_switched"  # the switch was just used: a signed-in person's choice to keep


def lang() -> Lang:
    """The language this run draws in (see the module's order)."""
    linked = st.query_params.get(PARAM)
    if linked is not None:
        return linked if linked in LANGS else DEFAULT
    chosen = st.session_state.get(_CHOICE_KEY, DEFAULT)
    return chosen if chosen in LANGS else DEFAULT


def settle() -> None:
    """First in every run: the address's language becomes the session's choice, and the
    session's choice is written back into the address, so that a link that dropped it
    (or an unknown value, replaced by Vietnamese) does not stay in the address bar."""
    linked = st.query_params.get(PARAM)
    if linked is not None:
        st.session_state[_CHOICE_KEY] = linked if linked in LANGS else DEFAULT
    chosen = st.session_state.get(_CHOICE_KEY)
    if chosen in LANGS and linked != chosen:
        st.query_params[PARAM] = chosen


def link() -> dict[str, str]:
    """The language for a link or a page switch that must keep it: nothing while the
    session has chosen none (the reader's default, or their stored choice, applies)."""
    chosen = st.session_state.get(_CHOICE_KEY)
    return {PARAM: chosen} if chosen in LANGS else {}


def _remember() -> None:
    chosen = st.session_state[_WIDGET_KEY]
    st.session_state[_CHOICE_KEY] = chosen
    st.session_state[_SWITCHED_KEY] = chosen
    st.query_params[PARAM] = chosen  # the address follows the switch (and wins over the rest)


def switch() -> None:
    """The Tiếng Việt / English switch in the sidebar. The choice lives under a key of its
    own, so it survives page changes, when Streamlit forgets the widgets of the last page."""
    st.session_state[_WIDGET_KEY] = lang()
    st.sidebar.radio(
        t("app.language", lang()),
        options=list(LANGS),
        format_func=lambda code: t(f"app.lang.{code}", code),
        key=_WIDGET_KEY,
        horizontal=True,
        on_change=_remember,
    )


def switched() -> Lang | None:
    """The language the switch was set to since the last run, once (then None)."""
    chosen = st.session_state.pop(_SWITCHED_KEY, None)
    return chosen if chosen in LANGS else None


def follow_account(stored: Lang | None, just_switched: Lang | None, keep: Callable[[Lang], object]) -> None:
    """For a signed-in person: keep a switch they just made on their account (``keep``
    writes it, with their session's credential), or, in a session that has chosen no
    language and whose address names none, open in the one they chose before. The page
    is then run again, so that everything drawn so far is drawn in it."""
    if just_switched is not None:
        if just_switched != stored:
            keep(just_switched)
        return
    if stored is None or stored not in LANGS or _CHOICE_KEY in st.session_state or PARAM in st.query_params:
        return
    drawn = lang()
    st.session_state[_CHOICE_KEY] = stored
    st.query_params[PARAM] = stored
    if stored != drawn:
        st.rerun()


def apply_at_sign_in(stored: Lang | None) -> None:
    """Signing in opens the person's stored language, unless the address names one (the
    address wins: the person chose it on this page, or followed a link made in it)."""
    if stored in LANGS and PARAM not in st.query_params:
        st.session_state[_CHOICE_KEY] = stored
        st.query_params[PARAM] = stored
