"""A target's page: where it stands, where the work happened, and its entries to edit."""

import streamlit as st

from tracker import charts, tables, ui, ui_editing
from tracker.breakdown import reporting_summary
from tracker.export import EntryFilters
from tracker.i18n import t
from tracker.service import district_breakdown_of, plan_as_of

lang = ui.language_switch()
plan = ui.plan()
ledger = ui.ledger()
person = ui.person()

st.title(t("target.title", lang))
ui.show_flash()
target = ui.target_picker(plan)
overview = ui.overview(plan, ledger, plan_as_of(plan))
ui.item_caption(target, overview)
with st.expander(t("target.source", lang)):
    st.text(target.source_text)  # the plan's own words, shown as text

breakdown = district_breakdown_of(ledger, target, overview.as_of)
if breakdown is not None:
    st.subheader(t("target.breakdown", lang))
    st.caption(reporting_summary(breakdown, lang))
    chart_tab, table_tab = st.tabs([t("target.breakdown_chart", lang), t("target.breakdown_table", lang)])
    chart_tab.plotly_chart(charts.district_figure(target, breakdown, lang), config={"displaylogo": False})
    with table_tab:
        ui.table(tables.district_table(target, breakdown, lang))

st.subheader(t("target.entries", lang))
st.caption(t("target.entries_help", lang))
filters = ui_editing.grid_filters(plan.period_of(target))
ui_editing.entries_grid(plan, ledger, target, filters, person)

if ui_editing.can_set_total(target):
    st.subheader(t("total.title", lang))
    ui_editing.set_total_form(plan, ledger, target, person)

st.subheader(t("download.title", lang))
st.caption(t("download.filtered", lang))
ui.downloads(plan, ledger, overview, EntryFilters(target.id, filters.districts, filters.start, filters.end))
