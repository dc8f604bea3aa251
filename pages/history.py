"""History: every change to the ledger and every submit, approval, lock and reopen of a
period, who made it and when, before and after; revert; what changed after approval."""

import streamlit as st

from tracker.i18n import t
from tracker.ui import frame, history_parts, import_parts, sign_in

page = frame.page()
lang, plan, ledger, person = page.lang, page.plan, page.ledger, page.person

st.title(t("history.title", lang))
st.caption(t("history.intro", lang))
sign_in.read_only_notice(person)
frame.show_flash()
events = history_parts.cycle_events(plan, ledger)
late = history_parts.late_changes(plan, ledger)
everything, after_approval = st.tabs([t("history.tab.all", lang), history_parts.late_tab_title(late)])
with everything:
    chosen = history_parts.filters(plan, ledger, events)
    history_parts.history_list(plan, ledger, chosen, events, person)
    import_parts.batches(plan, ledger, person)
with after_approval:
    history_parts.changed_after_approval_list(plan, late, events)
