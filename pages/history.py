"""History: every change to the ledger, who made it and when, before and after; revert."""

import streamlit as st

from tracker.i18n import t
from tracker.ui import editing, frame, import_parts, sign_in

page = frame.page()
lang, plan, ledger, person = page.lang, page.plan, page.ledger, page.person

st.title(t("history.title", lang))
st.caption(t("history.intro", lang))
sign_in.read_only_notice(person)
frame.show_flash()
filters = editing.history_filters(plan, ledger)
editing.history_list(plan, ledger, filters, person)
import_parts.batches(plan, ledger, person)
