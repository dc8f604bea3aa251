"""The language the person reads in: chosen in the sidebar, kept for the whole session.

The one convention: UI functions look the language up here (``lang()``); they never take
it as an argument. Presentation code (tracker.present) takes it as an argument instead.
"""

from __future__ import annotations

import streamlit as st

from tracker.i18n import LANGS, Lang, t

_WIDGET_KEY = "lang"  # the switch widget
_CHOICE_KEY = "lang_choice"  # the language chosen, kept across pages


def lang() -> Lang:
    """The language chosen in the sidebar; Vietnamese until someone switches."""
    chosen = st.session_state.get(_CHOICE_KEY, "vi")
    return chosen if chosen in LANGS else "vi"


def _remember() -> None:
    st.session_state[_CHOICE_KEY] = st.session_state[_WIDGET_KEY]


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
