"""A target's page: where it stands, where the work happened, and its entries to edit."""

import streamlit as st

from tracker import ui, ui_editing
from tracker.i18n import t
from tracker.service import plan_as_of

lang = ui.language_switch()
plan = ui.plan()
ledger = ui.ledger()
person = ui.person()

st.title(t("target.title", lang))
ui.show_flash()
target = ui.target_picker(plan)
ui.item_caption(target, ui.overview(plan, ledger, plan_as_of(plan)))
with st.expander(t("target.source", lang)):
    st.text(target.source_text)  # the plan's own words, shown as text

st.subheader(t("target.entries", lang))
st.caption(t("target.entries_help", lang))
filters = ui_editing.grid_filters(plan.period_of(target))
ui_editing.entries_grid(plan, ledger, target, filters, person)

if ui_editing.can_set_total(target):
    st.subheader(t("total.title", lang))
    ui_editing.set_total_form(plan, ledger, target, person)
