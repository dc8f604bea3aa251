"""Overview: for every target its goal, achieved, percent, expected and status, at a chosen date."""

import streamlit as st

from tracker.domain.progress import SEVERITY
from tracker.i18n import format_date, t
from tracker.ui import display, frame, reads, reporting_parts, widgets
from tracker.ui.report_button import report_button

page = frame.page()
lang, plan, ledger = page.lang, page.plan, page.ledger

st.title(t("overview.title", lang))
display.plan_caption(plan)
reporting_parts.overview_line(plan, ledger)  # the latest period due: who has reported, a link to the matrix
with st.columns([1, 3])[0]:
    as_of = widgets.as_of_picker(plan)
overview = reads.overview(plan, ledger, as_of)

if overview.is_empty:
    st.info(f"**{t('overview.empty.title', lang)}**\n\n{t('overview.empty.body', lang, targets=len(plan.targets))}")
    st.page_link(
        "pages/record.py",
        label=t("overview.go_record", lang),
        icon=":material/edit_note:",
        query_params=frame.plan_link(),
    )
    st.subheader(t("overview.empty.goals", lang))
    display.goals_table(plan)
    st.stop()

st.caption(t("overview.as_of_caption", lang, as_of=format_date(as_of)))
counts = overview.status_counts()
shown = [status for status in SEVERITY if counts[status]]
for column, status in zip(st.columns(len(shown)), shown, strict=True):
    column.metric(t(f"status.{status.value}", lang), counts[status])

st.subheader(t("overview.chart.title", lang))
display.overview_chart(overview)

st.subheader(t("overview.table.title", lang))
st.caption(t("overview.table.help", lang))
display.overview_table(overview)

if overview.figures:
    st.subheader(t("overview.figures.title", lang))
    display.figures_table(overview)
if plan.tasks:
    st.subheader(t("overview.tasks.title", lang))
    display.tasks_table(reads.tasks(plan, ledger))

st.subheader(t("download.title", lang))
display.downloads(plan, ledger, overview, filters=None)
report_button(plan, ledger, overview)
