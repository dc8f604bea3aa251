"""Streamlit pieces for the plan's qualitative tasks: the list, one task's status and
note forms, its note log and its history with the revert button.

The decisions live in tracker.tasks; this module draws and keeps the page's state.

Every button here only records what was asked (an on_click callback, run before the
page's next run, with the version and the values the person had on screen). The page
then carries it out once, near the top, before anything is drawn: so a save checks
against what the person saw, not against what a rerun happens to read, and the forms
below are drawn from the state after the save.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import streamlit as st

from tracker import service
from tracker.domain.clock import hanoi_today
from tracker.domain.entries import MAX_NOTE
from tracker.domain.plan import Plan, TaskStatus
from tracker.i18n import format_date, format_moment, t
from tracker.present.task_tables import history_frame, notes_frame
from tracker.storage.ledger import Ledger
from tracker.storage.tasks import (
    TaskBoard,
    TaskConflictError,
    TaskState,
    earliest_note_date,
    status_label,
)
from tracker.ui.display import table
from tracker.ui.language import lang
from tracker.ui.sign_in import Visitor
from tracker.ui.text import md_escape
from tracker.ui.widgets import linked_choice
from tracker.ui.writes import Refused, attempt

HISTORY_LIMIT = 500  # changes listed at once
_REQUEST_KEY = "task_request"  # what the last button press asked for
_CHOICE_KEY = "task_choice"  # the task the page is about
_TASK_PARAM = "task"  # ?task=ID opens that task


@dataclass(frozen=True)
class Outcome:
    """What became of the last request, to be said beside the part that asked for it."""

    section: str  # status | note | notes | history
    level: str  # success | info | warning | error
    message: str  # Markdown-safe already


# --- data ------------------------------------------------------------------------------


def board(store: Ledger) -> TaskBoard:
    """The tasks of this ledger's database."""
    return TaskBoard(store.database, store.plan_id)


# --- requests ----------------------------------------------------------------------------


def _status_key(task_id: str) -> str:
    return f"task_status_{task_id}"


def _status_shown_key(task_id: str) -> str:
    return f"task_status_shown_{task_id}"


def _note_date_key(task_id: str) -> str:
    return f"task_note_date_{task_id}"


def _note_text_key(task_id: str) -> str:
    return f"task_note_text_{task_id}"


def _withdraw_key(task_id: str) -> str:
    return f"task_withdraw_{task_id}"


def _ask(request: dict[str, Any]) -> None:
    st.session_state[_REQUEST_KEY] = request


def _ask_status(task_id: str, seen_version: int) -> None:
    chosen = st.session_state.get(_status_key(task_id))
    _ask({"kind": "status", "task_id": task_id, "status": chosen, "seen": seen_version})


def _ask_note(task_id: str) -> None:
    _ask(
        {
            "kind": "note",
            "task_id": task_id,
            "note_date": st.session_state.get(_note_date_key(task_id)),
            "text": st.session_state.get(_note_text_key(task_id), ""),
        }
    )


def _ask_withdraw(task_id: str) -> None:
    _ask({"kind": "withdraw", "task_id": task_id, "note_id": st.session_state.get(_withdraw_key(task_id))})


def _ask_revert(task_id: str, change_id: int) -> None:
    _ask({"kind": "revert", "task_id": task_id, "change_id": change_id})


def handle_request(plan: Plan, store: Ledger, person: Visitor) -> Outcome | None:
    """Carry out what the last button press asked for; say how it went.

    Nothing is written without a name, and a refused request writes nothing at all.
    """
    request = st.session_state.pop(_REQUEST_KEY, None)
    if request is None:
        return None
    language = lang()
    kind = request["kind"]
    section = {"status": "status", "note": "note", "withdraw": "notes", "revert": "history"}[kind]

    def carry_out() -> Outcome:
        if kind == "status":
            changed = service.set_task_status(
                plan, store, request["task_id"], request["status"], request["seen"], person.credential
            )
            label = status_label(TaskStatus(request["status"]), language)
            if changed is None:
                return Outcome(section, "info", t("tasks.status.unchanged", language, status=label))
            return Outcome(section, "success", t("tasks.status.saved", language, status=label, id=changed))
        if kind == "note":
            changed = service.add_task_note(
                plan, store, request["task_id"], request["note_date"], request["text"], person.credential
            )
            st.session_state[_note_text_key(request["task_id"])] = ""  # saved: the box is free again
            return Outcome(section, "success", t("tasks.note.saved", language, id=changed))
        if kind == "withdraw":
            if request["note_id"] is None:
                return Outcome(section, "error", t("tasks.note.choose_first", language))
            changed = service.withdraw_task_note(plan, store, int(request["note_id"]), person.credential)
            st.session_state.pop(_withdraw_key(request["task_id"]), None)
            return Outcome(section, "success", t("tasks.note.withdrawn", language, id=changed))
        changed = service.revert_task_change(plan, store, int(request["change_id"]), person.credential)
        return Outcome(section, "success", t("tasks.reverted", language, id=request["change_id"], new=changed))

    said: list[str] = []
    try:
        outcome = attempt(carry_out, say=said.append, problem_key="tasks.not_saved")
    except TaskConflictError as conflict:
        # Drawn from the current state below: the form shows the status now, to choose again.
        return Outcome(section, "warning", md_escape(conflict.message(language)))  # a name is text, not markup
    if isinstance(outcome, Refused):
        if not person.edit_controls:  # no form of theirs on the page to say it beside
            st.error(said[0])
            return None
        return Outcome(section, "error", said[0])
    return outcome


def _say(outcome: Outcome | None, section: str) -> None:
    if outcome is None or outcome.section != section:
        return
    {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[outcome.level](outcome.message)


# --- drawing -----------------------------------------------------------------------------


def _may_write(person: Visitor) -> bool:
    """Buttons that write are live for an editor with a name; the write checks again."""
    return person.can_edit and bool(person.name)


def person_warning(person: Visitor) -> None:
    """Without a name nothing can be saved: say so, and say where the name goes."""
    if person.can_edit and not person.name:
        st.warning(t("tasks.need_person", lang()))


def task_picker(states: list[TaskState]) -> TaskState:
    """Which task the page is about; ``?task=ID`` opens it directly and follows the choice."""
    by_id = {state.task.id: state for state in states}
    language = lang()
    labels = {
        task_id: f"{status_label(state.status, language)} · {state.task.title.in_(language)}"
        for task_id, state in by_id.items()
    }
    return by_id[linked_choice(t("tasks.choose", language), labels, _CHOICE_KEY, _TASK_PARAM)]


def task_header(state: TaskState) -> None:
    """The task's title, owner, status and last change; the plan's own words on demand."""
    language = lang()
    st.subheader(md_escape(state.task.title.in_(language)))  # the plan's words as written, never markup
    owner, status, updated = st.columns([2, 1, 2])
    owner.caption(t("col.owner", language))
    owner.text(state.task.owner.in_(language))
    status.caption(t("col.status", language))
    status.text(status_label(state.status, language))
    updated.caption(t("tasks.updated", language))
    if state.updated_by and state.updated_at:
        updated.text(f"{state.updated_by} · {format_moment(state.updated_at)}")
    else:
        updated.text(t("tasks.never_updated", language))
    with st.expander(t("target.source", language)):
        st.text(state.task.source_text)  # the plan's own words, shown as text


def editing_forms(plan: Plan, state: TaskState, person: Visitor, outcome: Outcome | None) -> None:
    """The status and note forms side by side, for those who may change tasks."""
    if not person.can_edit:
        return
    language = lang()
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('tasks.status.title', language)}**")
        status_form(state, person, outcome)
    with right:
        st.markdown(f"**{t('tasks.note.title', language)}**")
        note_form(plan, state, person, outcome)


def status_form(state: TaskState, person: Visitor, outcome: Outcome | None) -> None:
    """Choose a status and save it. The save names the version shown here: if someone
    changed the task meanwhile, nothing is written and the form shows the status now."""
    language = lang()
    task_id = state.task.id
    key, shown = _status_key(task_id), _status_shown_key(task_id)
    # Put the selector on the current status when the task has moved on (or the selector
    # is new); otherwise leave it as the person left it.
    if key not in st.session_state or st.session_state.get(shown) != state.version:
        st.session_state[key] = state.status.value
        st.session_state[shown] = state.version
    with st.form(f"task_status_form_{task_id}"):
        st.selectbox(
            t("tasks.status.label", language),
            options=[status.value for status in TaskStatus],
            format_func=lambda value: status_label(TaskStatus(value), language),
            key=key,
        )
        st.form_submit_button(
            t("tasks.status.save", language),
            type="primary",
            disabled=not _may_write(person),
            on_click=_ask_status,
            args=(task_id, state.version),
        )
    _say(outcome, "status")


def note_form(plan: Plan, state: TaskState, person: Visitor, outcome: Outcome | None) -> None:
    """A dated note for the task's log. The text stays in the box until it is saved."""
    language = lang()
    task_id = state.task.id
    today = hanoi_today()
    with st.form(f"task_note_form_{task_id}"):
        st.date_input(
            t("tasks.note.date", language),
            value=today,
            min_value=earliest_note_date(plan),
            max_value=today,
            format="DD/MM/YYYY",
            key=_note_date_key(task_id),
        )
        st.text_area(
            t("tasks.note.text", language),
            max_chars=MAX_NOTE,
            height=100,
            placeholder=t("tasks.note.placeholder", language),
            key=_note_text_key(task_id),
        )
        st.form_submit_button(
            t("tasks.note.save", language), disabled=not _may_write(person), on_click=_ask_note, args=(task_id,)
        )
    _say(outcome, "note")


def note_log(state: TaskState, person: Visitor, outcome: Outcome | None) -> None:
    """The task's notes; a note written by mistake can be withdrawn (it stays in the history)."""
    language = lang()
    _say(outcome, "notes")
    if not state.notes:
        st.info(t("tasks.notes.empty", language))
        return
    table(notes_frame(state, language), names_first=False)
    by_id = {note.id: note for note in state.notes}
    with st.expander(t("tasks.note.withdraw_title", language)):
        st.caption(t("tasks.note.withdraw_help", language))
        st.selectbox(
            t("tasks.note.withdraw_choose", language),
            options=list(by_id),
            index=None,
            format_func=lambda i: _note_label(by_id[i].note_date, by_id[i].text),
            key=_withdraw_key(state.task.id),
        )
        st.button(
            t("tasks.note.withdraw", language),
            disabled=not _may_write(person),
            on_click=_ask_withdraw,
            args=(state.task.id,),
            key=f"task_withdraw_button_{state.task.id}",
        )


def _note_label(day: dt.date, text: str) -> str:
    first_line = text.splitlines()[0] if text else ""
    return f"{format_date(day)} · {first_line[:80]}"


def task_history(plan: Plan, store: Ledger, state: TaskState, person: Visitor, outcome: Outcome | None) -> None:
    """The task's changes, newest first, and a revert button for the latest one."""
    language = lang()
    _say(outcome, "history")
    changes = board(store).changes(state.task.id, limit=HISTORY_LIMIT)
    if not changes:
        st.info(t("tasks.history.empty", language))
    else:
        table(history_frame(changes, plan, language), names_first=False)
        latest = changes[0]
        if latest.version == state.version:  # only the latest change can be undone
            st.button(
                t("tasks.revert", language, id=latest.id),
                disabled=not _may_write(person),
                on_click=_ask_revert,
                args=(state.task.id, latest.id),
                key=f"task_revert_{state.task.id}",
                help=t("tasks.revert_help", language),
            )
    with st.expander(t("tasks.history.all", language)):
        every = board(store).changes(limit=HISTORY_LIMIT)
        if every:
            table(history_frame(every, plan, language, with_task=True), names_first=False)
        else:
            st.info(t("tasks.history.empty", language))
