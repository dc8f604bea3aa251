"""History: every change to the ledger, who made it and when, before and after; revert."""

import streamlit as st

from tracker import ui, ui_access, ui_editing
from tracker.i18n import t

lang = ui.language_switch()
plan = ui.plan()
ledger = ui.ledger()
person = ui_access.visitor(ledger)

st.title(t("history.title", lang))
st.caption(t("history.intro", lang))
ui_access.read_only_notice(person)
ui.show_flash()
filters = ui_editing.history_filters(plan, ledger)
ui_editing.history_list(plan, ledger, filters, person)
