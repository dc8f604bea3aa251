"""Tasks: the plan's qualitative tasks, their status and dated notes, with history and undo."""

import streamlit as st

from tracker import tables, ui, ui_access, ui_tasks
from tracker.i18n import t

lang = ui.language_switch()
plan = ui.plan()
ledger = ui.ledger()
person = ui_access.visitor(ledger)

st.title(t("tasks.title", lang))
st.caption(t("tasks.intro", lang))
if not plan.tasks:
    st.info(t("tasks.none", lang))
    st.stop()

outcome = ui_tasks.handle_request(plan, ledger, person)  # a button pressed on the last run
if not ui_access.read_only_notice(person):
    ui_tasks.person_warning(person)
states = ui_tasks.task_states(plan, ledger)
ui.table(tables.tasks_table(states, lang))

state = ui_tasks.task_picker(states)
ui_tasks.task_header(state)
ui_tasks.editing_forms(plan, state, person, outcome)

st.subheader(t("tasks.notes.title", lang))
ui_tasks.note_log(state, person, outcome)

st.subheader(t("tasks.history.title", lang))
st.caption(t("tasks.history.intro", lang))
ui_tasks.task_history(plan, ledger, state, person, outcome)
