"""Tasks: the plan's qualitative tasks, their status and dated notes, with history and undo."""

import streamlit as st

from tracker.i18n import t
from tracker.present import tables
from tracker.ui import display, frame, reads, sign_in, task_parts

page = frame.page()
lang, plan, ledger, person = page.lang, page.plan, page.ledger, page.person

st.title(t("tasks.title", lang))
st.caption(t("tasks.intro", lang))
if not plan.tasks:
    st.info(t("tasks.none", lang))
    st.stop()

outcome = task_parts.handle_request(plan, ledger, person)  # a button pressed on the last run
if not sign_in.read_only_notice(person):
    task_parts.person_warning(person)
states = reads.tasks(plan, ledger)
display.table(tables.tasks_table(states, lang))

state = task_parts.task_picker(states)
task_parts.task_header(state)
task_parts.editing_forms(plan, state, person, outcome)

st.subheader(t("tasks.notes.title", lang))
task_parts.note_log(state, person, outcome)

st.subheader(t("tasks.history.title", lang))
st.caption(t("tasks.history.intro", lang))
task_parts.task_history(plan, ledger, state, person, outcome)
