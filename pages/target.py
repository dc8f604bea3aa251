"""A target's page: where it stands and why, its pace over time and the projection, what
the plan says, where the work happened, and its entries to edit."""

import streamlit as st

from tracker.domain.plan import Target
from tracker.i18n import t
from tracker.present.export import EntryFilters
from tracker.ui import display, editing, frame, reads, sign_in, target_parts, widgets

page = frame.page()
lang, plan, ledger, person = page.lang, page.plan, page.ledger, page.person

st.title(t("target.title", lang))
frame.show_flash()
picker, date = st.columns([3, 1])
with picker:
    target = widgets.target_picker(plan)
with date:
    as_of = widgets.as_of_picker(plan, "target.as_of", plan.period_of(target))
overview = reads.overview(plan, ledger, as_of)
display.item_caption(target, overview)

if isinstance(target, Target):
    series = reads.pace(plan, ledger, target, as_of)
    target_parts.standing(target, series)
    before = reads.last_year(page.plans, ledger, plan, target, as_of)
    if before is not None:
        st.subheader(t("target.last_year.title", lang))
        target_parts.last_year(page.plans, plan, target, series.progress, before)
    st.subheader(t("pace.title", lang))
    target_parts.over_time(target, series)
    st.subheader(t("target.about", lang))
    target_parts.plan_says(plan, target)
else:
    st.info(t("target.figure_no_pace", lang))
    with st.expander(t("target.source", lang)):
        st.text(target.source_text)  # the plan's own words, shown as text

breakdown = reads.breakdown(plan, ledger, target, overview.as_of)
if breakdown is not None:
    st.subheader(t("target.breakdown", lang))
    target_parts.breakdown(target, breakdown)

st.subheader(t("target.entries", lang))
if not sign_in.read_only_notice(person):
    st.caption(t("target.entries_help", lang))
filters = editing.grid_filters(plan.period_of(target))
editing.entries_grid(plan, ledger, target, filters, person)

if editing.can_set_total(target) and person.edit_controls:
    st.subheader(t("total.title", lang))
    editing.set_total_form(plan, ledger, target, person)

st.subheader(t("download.title", lang))
st.caption(t("download.filtered", lang))
display.downloads(plan, ledger, overview, EntryFilters(target.id, filters.districts, filters.start, filters.end))
