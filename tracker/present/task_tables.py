"""The tasks' tables: a task's note log and its history, in the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from tracker.domain.plan import Plan, TaskStatus
from tracker.i18n import Lang, format_date, format_moment, t
from tracker.storage.tasks import TaskAction, TaskChange, TaskState, status_label


def notes_frame(state: TaskState, language: Lang) -> pd.DataFrame:
    """The note log, newest date first; text stays text."""
    columns = [
        t("tasks.col.note_date", language),
        t("tasks.col.note", language),
        t("tasks.col.by", language),
        t("tasks.col.at", language),
    ]
    return pd.DataFrame(
        [
            [format_date(note.note_date), note.text, note.by, format_moment(note.at)]
            for note in state.notes
        ],
        columns=columns,
    )


def _snapshot_text(change: TaskChange, snapshot: dict[str, Any] | None, language: Lang) -> str:
    """A status, or a note as 'dd/mm/yyyy: text'; a note not in the log says so."""
    if snapshot is None:
        return t("tasks.absent", language) if change.note_id is not None else ""
    if "status" in snapshot:
        return status_label(TaskStatus(snapshot["status"]), language)
    return f"{format_date(dt.date.fromisoformat(snapshot['note_date']))}: {snapshot['text']}"


def _action_text(change: TaskChange, language: Lang) -> str:
    if change.action == TaskAction.revert and change.reverts_change_id is not None:
        return t("tasks.action.revert_of", language, id=change.reverts_change_id)
    return t(f"tasks.action.{change.action.value}", language)


def history_frame(changes: list[TaskChange], plan: Plan, language: Lang, with_task: bool = False) -> pd.DataFrame:
    """Changes newest first: when, who, what, before and after."""
    titles = {task.id: task.title.in_(language) for task in plan.tasks}
    columns = [
        t("history.col.change", language),
        t("history.col.when", language),
        t("history.col.who", language),
        t("history.col.action", language),
        *([t("col.task", language)] if with_task else []),
        t("history.col.before", language),
        t("history.col.after", language),
    ]
    rows = []
    for change in changes:
        task = [titles.get(change.task_id, change.task_id)] if with_task else []
        rows.append(
            [
                change.id,
                format_moment(change.changed_at),
                change.changed_by,
                _action_text(change, language),
                *task,
                _snapshot_text(change, change.before, language),
                _snapshot_text(change, change.after, language),
            ]
        )
    return pd.DataFrame(rows, columns=columns)
