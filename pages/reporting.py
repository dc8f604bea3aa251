"""Who has reported which period: the matrix of districts × periods for the chosen plan and
target, the rates, and for the chosen period who has sent nothing, each district's status,
and the cycle's buttons (submit, approve, lock, reopen)."""

import streamlit as st

from tracker.i18n import t
from tracker.ui import display, frame, reporting_parts

page = frame.page()
lang, plan, ledger, person = page.lang, page.plan, page.ledger, page.person

st.title(t("nav.reporting", lang))
display.plan_caption(plan)
st.caption(t("reporting.intro", lang))
outcome = reporting_parts.handle_request(plan, ledger, person)  # before anything is drawn: the matrix shows it

target_column, period_column, as_of_column = st.columns([3, 2, 2])
with target_column:
    target_id = reporting_parts.target_choice(plan)
with as_of_column:
    as_of = reporting_parts.as_of_choice(plan)
with period_column:
    period = reporting_parts.period_choice(plan, as_of)
result = reporting_parts.completeness(plan, ledger, as_of, target_id)

if reporting_parts.is_empty(result):
    st.info(t("reporting.empty", lang))

st.subheader(t("reporting.matrix.title", lang))
reporting_parts.matrix(plan, result, period)

st.subheader(t("reporting.periods.title", lang))
reporting_parts.period_rates(result)

st.subheader(t("reporting.chosen.title", lang, period=period.label(lang)))
reporting_parts.period_detail(plan, result, period, reporting_parts.statuses(plan, ledger))

st.subheader(t("reporting.actions.title", lang))
reporting_parts.actions(plan, ledger, person, result, period, outcome)
