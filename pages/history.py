"""History: every change to the ledger, who made it and when, before and after; revert."""

import streamlit as st

from tracker import ui
from tracker.i18n import t
from tracker.ui import editing, sign_in

lang = ui.language_switch()
plan = ui.plan()
ledger = ui.ledger()
person = sign_in.visitor(ledger)

st.title(t("history.title", lang))
st.caption(t("history.intro", lang))
sign_in.read_only_notice(person)
ui.show_flash()
filters = editing.history_filters(plan, ledger)
editing.history_list(plan, ledger, filters, person)
