"""The plan's qualitative tasks: their status and dated notes, with every change kept.

A task (targets.yaml ``tasks:``) is followed by status (not started, in progress, done,
blocked) and by a log of dated notes. Every change is a row of ``task_changes`` (who,
when, before, after), so the history can be shown and a task's latest change reverted;
a revert is itself a change. The tables live in the one Database and every write runs in
its write transaction: task writes queue behind entry writes, either all of a write is
stored or nothing, and the revision the pages' caches key on moves.

Plain Python: nothing here imports streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Row,
    String,
    Table,
    Text,
    select,
)

from tracker.domain.clock import hanoi_today
from tracker.domain.entries import MAX_AUTHOR, MAX_NOTE, parse_date
from tracker.domain.errors import CodedError
from tracker.domain.plan import Plan, Task, TaskStatus
from tracker.domain.text import TypedTextError, typed_text
from tracker.i18n import Lang, format_date, format_moment, format_number, t
from tracker.storage.database import FIRST_PLAN_ID, Database, Id, NothingToWriteError, StaleError, as_utc, metadata

# One row per task that has ever changed; a task without a row has the plan's status and
# version 0. ``version`` counts the task's changes: a save names the version it saw.
task_state = Table(
    "task_state",
    metadata,
    Column("plan_id", String(64), primary_key=True),
    Column("task_id", String(64), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_by", String(MAX_AUTHOR), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# The dated notes; a withdrawn note stays (the history refers to it) but leaves the log.
task_notes = Table(
    "task_notes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("plan_id", String(64), nullable=False),
    Column("task_id", String(64), nullable=False),
    Column("note_date", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("created_by", String(MAX_AUTHOR), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("withdrawn", Boolean, nullable=False, default=False),
    Index("ix_task_notes_task", "task_id", "withdrawn", "note_date"),
)

# The append-only log. ``before``/``after`` hold {"status": ...} for a status change, and
# for a note change the note ({"note_id", "note_date", "text"}) or None when it is not in
# the log (not yet written, or withdrawn).
task_changes = Table(
    "task_changes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("plan_id", String(64), nullable=False),
    Column("task_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),  # the task's version after this change
    Column("action", String(16), nullable=False),
    Column("note_id", Id, ForeignKey("task_notes.id"), nullable=True),
    Column("note_date", Date, nullable=True),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Column("changed_by", String(MAX_AUTHOR), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("reverts_change_id", Id, nullable=True),
    Index("ix_task_changes_task", "task_id", "id"),
)

# Shown beside a status wherever it is listed: the colour reads before the word does.
STATUS_ICON: dict[TaskStatus, str] = {
    TaskStatus.not_started: "⚪",
    TaskStatus.in_progress: "🔵",
    TaskStatus.done: "🟢",
    TaskStatus.blocked: "🔴",
}


def status_label(status: TaskStatus, lang: Lang) -> str:
    """'🟢 Hoàn thành': the status with its colour, in the reader's language."""
    return f"{STATUS_ICON[status]} {t(f'task_status.{status.value}', lang)}"


class TaskAction(StrEnum):
    status = "status"
    note = "note"
    withdraw_note = "withdraw_note"
    revert = "revert"


@dataclass(frozen=True)
class TaskNote:
    id: int
    task_id: str
    note_date: dt.date
    text: str
    by: str
    at: dt.datetime  # UTC


@dataclass(frozen=True)
class TaskState:
    """A task as it stands: the plan's task, its status now, and its note log."""

    task: Task
    status: TaskStatus
    version: int  # 0: never changed, the plan's status
    updated_by: str | None
    updated_at: dt.datetime | None  # UTC
    notes: list[TaskNote] = field(default_factory=list)  # newest note_date first, withdrawn excluded


@dataclass(frozen=True)
class TaskChange:
    """One change to one task: who, when, and what it was before and after."""

    id: int
    task_id: str
    version: int
    action: TaskAction
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note_id: int | None
    note_date: dt.date | None
    changed_by: str
    changed_at: dt.datetime  # UTC
    reverts_change_id: int | None


class TaskError(CodedError):
    """Nothing was written; ``code`` says why (tasks.problem.<code> in i18n)."""

    prefix = "tasks.problem."

    def shown(self, lang: Lang) -> dict[str, Any]:
        return {key: format_number(value, lang, 0) if key == "limit" else value for key, value in self.params.items()}


class TaskConflictError(Exception):
    """Nothing was written: the task changed after the person saw it at ``seen_version``."""

    def __init__(self, task_id: str, seen_version: int, current: TaskState) -> None:
        self.task_id = task_id
        self.seen_version = seen_version
        self.current = current
        super().__init__(f"task {task_id} is at version {current.version}, not {seen_version}")

    def message(self, lang: Lang = "vi") -> str:
        return t(
            "tasks.conflict",
            lang,
            who=self.current.updated_by or "–",
            when=format_moment(self.current.updated_at),
            status=status_label(self.current.status, lang),
        )


@contextmanager
def _no_stale(code: str, **params: Any) -> Iterator[None]:
    """Writers queue on the ledger's revision, so a stale version should not reach an
    UPDATE; if it ever does, the person gets a plain refusal, not a traceback."""
    try:
        yield
    except StaleError:
        raise TaskError(code, **params) from None


class TaskBoard:
    """The tasks' status, notes and history, on the one Database. Every row belongs to a
    plan: the methods given a plan work on that plan's tasks; ``changes`` lists those of
    the plan the board was opened for."""

    def __init__(self, database: Database, plan_id: str = FIRST_PLAN_ID) -> None:
        self.database = database
        self.plan_id = plan_id

    # --- reading ---------------------------------------------------------------------

    def states(self, plan: Plan) -> list[TaskState]:
        """Every task of the plan as it stands, in the plan's order, in two queries."""
        ids = [task.id for task in plan.tasks]
        if not ids:
            return []
        notes: dict[str, list[TaskNote]] = {}
        with self.database.reading() as connection:
            rows = {
                row.task_id: row
                for row in connection.execute(
                    select(task_state).where(task_state.c.plan_id == plan.id, task_state.c.task_id.in_(ids))
                )
            }
            query = (
                select(task_notes)
                .where(
                    task_notes.c.plan_id == plan.id, task_notes.c.task_id.in_(ids), task_notes.c.withdrawn.is_(False)
                )
                .order_by(task_notes.c.note_date.desc(), task_notes.c.id.desc())
            )
            for row in connection.execute(query):
                notes.setdefault(row.task_id, []).append(_note(row))
        return [_state(task, rows.get(task.id), notes.get(task.id, [])) for task in plan.tasks]

    def state(self, plan: Plan, task_id: str) -> TaskState:
        """One task as it stands."""
        task = _task(plan, task_id)
        with self.database.reading() as connection:
            row = _state_row(connection, plan.id, task_id)
            query = (
                select(task_notes)
                .where(
                    task_notes.c.plan_id == plan.id, task_notes.c.task_id == task_id, task_notes.c.withdrawn.is_(False)
                )
                .order_by(task_notes.c.note_date.desc(), task_notes.c.id.desc())
            )
            notes = [_note(r) for r in connection.execute(query)]
        return _state(task, row, notes)

    def changes(self, task_id: str | None = None, limit: int | None = 500) -> list[TaskChange]:
        """The history of changes, newest first; of one task, or of all."""
        query = select(task_changes).where(task_changes.c.plan_id == self.plan_id)
        if task_id is not None:
            query = query.where(task_changes.c.task_id == task_id)
        query = query.order_by(task_changes.c.id.desc()).limit(limit)
        with self.database.reading() as connection:
            return [_change(row) for row in connection.execute(query)]

    # --- writing ---------------------------------------------------------------------

    def set_status(self, plan: Plan, task_id: str, status: TaskStatus | str, seen_version: int, by: str) -> int | None:
        """Set a task's status; return the change's id, or None when it already had it.

        ``seen_version`` is the version the person saw: if the task changed since,
        TaskConflictError carries its current state and nothing is written.
        """
        task = _task(plan, task_id)
        wanted = _status(status)
        author = _author(by)
        now = dt.datetime.now(dt.UTC)
        try:
            with self.database.writing() as connection:
                row = _state_row(connection, plan.id, task_id)
                current = _current_status(task, row)
                if current == wanted:  # nothing would change, so nobody is overwritten either
                    raise NothingToWriteError
                if _version(row) != seen_version and _status_changed_since(connection, plan.id, task_id, seen_version):
                    raise StaleError  # a note added meanwhile is no reason to refuse a status
                version = _advance(connection, plan, task, row, wanted, author, now)
                return _log_change(
                    connection,
                    plan_id=plan.id,
                    task_id=task_id,
                    version=version,
                    action=TaskAction.status,
                    before={"status": current.value},
                    after={"status": wanted.value},
                    by=author,
                    now=now,
                )
        except NothingToWriteError:
            return None
        except StaleError:
            raise TaskConflictError(task_id, seen_version, self.state(plan, task_id)) from None

    def add_note(self, plan: Plan, task_id: str, note_date: dt.date | str | None, text: str, by: str) -> int:
        """Add a dated note to a task's log; return the change's id.

        Notes are only ever added, so they never conflict: no version is asked for.
        """
        task = _task(plan, task_id)
        day = _note_day(plan, note_date)
        body = _note_text(text)
        author = _author(by)
        now = dt.datetime.now(dt.UTC)
        with _no_stale("try_again"), self.database.writing() as connection:
            row = _state_row(connection, plan.id, task_id)
            note_id = int(
                connection.execute(
                    task_notes.insert().values(
                        plan_id=plan.id,
                        task_id=task_id,
                        note_date=day,
                        text=body,
                        created_by=author,
                        created_at=now,
                        withdrawn=False,
                    )
                ).inserted_primary_key[0]
            )
            version = _advance(connection, plan, task, row, _current_status(task, row), author, now)
            return _log_change(
                connection,
                plan_id=plan.id,
                task_id=task_id,
                version=version,
                action=TaskAction.note,
                before=None,
                after=_note_snapshot(note_id, day, body),
                by=author,
                now=now,
                note_id=note_id,
                note_date=day,
            )

    def withdraw_note(self, plan: Plan, note_id: int, by: str) -> int:
        """Take a note out of the log (it stays in the history); return the change's id."""
        author = _author(by)
        now = dt.datetime.now(dt.UTC)
        with _no_stale("try_again"), self.database.writing() as connection:
            note = connection.execute(
                select(task_notes).where(task_notes.c.id == note_id, task_notes.c.plan_id == plan.id)
            ).first()
            if note is None:
                raise TaskError("unknown_note", id=note_id)
            task = _task(plan, note.task_id)
            if note.withdrawn:
                raise TaskError("note_withdrawn", id=note_id)
            connection.execute(task_notes.update().where(task_notes.c.id == note_id).values(withdrawn=True))
            row = _state_row(connection, plan.id, task.id)
            version = _advance(connection, plan, task, row, _current_status(task, row), author, now)
            return _log_change(
                connection,
                plan_id=plan.id,
                task_id=task.id,
                version=version,
                action=TaskAction.withdraw_note,
                before=_note_snapshot(int(note.id), note.note_date, note.text),
                after=None,
                by=author,
                now=now,
                note_id=int(note.id),
                note_date=note.note_date,
            )

    def revert(self, plan: Plan, change_id: int, by: str) -> int:
        """Put the task back as it was before ``change_id``, as a new change; return its id.

        Only a task's latest change can be reverted: undoing an older one would silently
        undo the changes after it too. A status goes back to what it was; a note added
        is withdrawn, a note withdrawn comes back; reverting a revert applies it again.
        """
        author = _author(by)
        now = dt.datetime.now(dt.UTC)
        with _no_stale("changed_since", id=change_id), self.database.writing() as connection:
            change = connection.execute(
                select(task_changes).where(task_changes.c.id == change_id, task_changes.c.plan_id == plan.id)
            ).first()
            if change is None:
                raise TaskError("unknown_change", id=change_id)
            task = _task(plan, change.task_id)
            row = _state_row(connection, plan.id, task.id)
            if _version(row) != int(change.version):
                raise TaskError("changed_since", id=change_id)
            status = _current_status(task, row)
            before: dict[str, Any] | None
            after: dict[str, Any] | None
            if change.note_id is None:  # a status change, or a revert of one
                before = {"status": status.value}
                status = _status(change.before["status"])
                after = {"status": status.value}
            else:
                note = connection.execute(select(task_notes).where(task_notes.c.id == change.note_id)).one()
                snapshot = _note_snapshot(int(note.id), note.note_date, note.text)
                before = None if note.withdrawn else snapshot
                back_in_log = change.before is not None
                after = snapshot if back_in_log else None
                connection.execute(
                    task_notes.update().where(task_notes.c.id == note.id).values(withdrawn=not back_in_log)
                )
            version = _advance(connection, plan, task, row, status, author, now)
            return _log_change(
                connection,
                plan_id=plan.id,
                task_id=task.id,
                version=version,
                action=TaskAction.revert,
                before=before,
                after=after,
                by=author,
                now=now,
                note_id=change.note_id,
                note_date=change.note_date,
                reverts=change_id,
            )


def task_states(plan: Plan, database: Database) -> list[TaskState]:
    """Every task of the plan as it stands (for reports that do not keep a TaskBoard)."""
    return TaskBoard(database, plan.id).states(plan)


# --- checks --------------------------------------------------------------------------

def _task(plan: Plan, task_id: str) -> Task:
    task = next((task for task in plan.tasks if task.id == task_id), None)
    if task is None:
        raise TaskError("unknown_task", task=task_id)
    return task


def _status(value: TaskStatus | str) -> TaskStatus:
    try:
        return TaskStatus(value)
    except ValueError:
        raise TaskError("unknown_status", status=value) from None


def _author(by: str) -> str:
    """Who is changing: a name, as the ledger stores it for entries (tracker.text's rule)."""
    try:
        name = typed_text(by, limit=MAX_AUTHOR)
    except TypedTextError as problem:
        raise _text_error(problem, "author_too_long") from None
    if name is None:
        raise TaskError("missing_author")
    return name


def _note_text(raw: str) -> str:
    try:
        body = typed_text(raw, limit=MAX_NOTE, multiline=True)
    except TypedTextError as problem:
        raise _text_error(problem, "note_too_long") from None
    if body is None:
        raise TaskError("empty_note")
    return body


def _text_error(problem: TypedTextError, too_long: str) -> TaskError:
    if problem.code == "too_long":
        return TaskError(too_long, limit=problem.limit)
    return TaskError("hidden_character", character=problem.character)


def earliest_note_date(plan: Plan) -> dt.date:
    """Notes may tell of preparations in the year before the plan, not of older times."""
    return dt.date(plan.period.start.year - 1, 1, 1)


def _note_day(plan: Plan, raw: dt.date | str | None) -> dt.date:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise TaskError("missing_date")
    try:
        day = parse_date(raw)
    except ValueError:
        raise TaskError("bad_date", value=str(raw)) from None
    today = hanoi_today()  # the staff's today, not the server's
    if day > today:
        raise TaskError("future_date", date=format_date(day), today=format_date(today))
    earliest = earliest_note_date(plan)
    if day < earliest:
        raise TaskError("date_too_early", date=format_date(day), earliest=format_date(earliest))
    return day


# --- rows ----------------------------------------------------------------------------


def _status_changed_since(connection: Connection, plan_id: str, task_id: str, seen_version: int) -> bool:
    """Whether any change after ``seen_version`` set or restored the task's status."""
    later = select(task_changes.c.before, task_changes.c.after).where(
        task_changes.c.plan_id == plan_id, task_changes.c.task_id == task_id, task_changes.c.version > seen_version
    )
    return any("status" in (before or {}) or "status" in (after or {}) for before, after in connection.execute(later))


def _state_row(connection: Connection, plan_id: str, task_id: str) -> Row[Any] | None:
    return connection.execute(
        select(task_state).where(task_state.c.plan_id == plan_id, task_state.c.task_id == task_id)
    ).first()


def _current_status(task: Task, row: Row[Any] | None) -> TaskStatus:
    return task.status if row is None else TaskStatus(row.status)


def _version(row: Row[Any] | None) -> int:
    return 0 if row is None else int(row.version)


def _advance(
    connection: Connection, plan: Plan, task: Task, row: Row[Any] | None, status: TaskStatus, by: str, now: dt.datetime
) -> int:
    """Move the task to its next version with ``status``; return that version.

    The UPDATE names the version it read, so a writer that got there first makes it
    match nothing and the whole transaction is abandoned.
    """
    values = {"status": status.value, "updated_by": by, "updated_at": now}
    if row is None:
        connection.execute(task_state.insert().values(plan_id=plan.id, task_id=task.id, version=1, **values))
        return 1
    version = int(row.version) + 1
    updated = connection.execute(
        task_state.update()
        .where(task_state.c.plan_id == plan.id, task_state.c.task_id == task.id, task_state.c.version == row.version)
        .values(version=version, **values)
    )
    if updated.rowcount != 1:
        raise StaleError
    return version


def _log_change(
    connection: Connection,
    *,
    plan_id: str,
    task_id: str,
    version: int,
    action: TaskAction,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    by: str,
    now: dt.datetime,
    note_id: int | None = None,
    note_date: dt.date | None = None,
    reverts: int | None = None,
) -> int:
    result = connection.execute(
        task_changes.insert().values(
            plan_id=plan_id,
            task_id=task_id,
            version=version,
            action=action.value,
            note_id=note_id,
            note_date=note_date,
            before=before,
            after=after,
            changed_by=by,
            changed_at=now,
            reverts_change_id=reverts,
        )
    )
    return int(result.inserted_primary_key[0])


def _note_snapshot(note_id: int, day: dt.date, body: str) -> dict[str, Any]:
    return {"note_id": note_id, "note_date": day.isoformat(), "text": body}


def _state(task: Task, row: Row[Any] | None, notes: list[TaskNote]) -> TaskState:
    if row is None:
        return TaskState(task, task.status, 0, None, None, notes)
    return TaskState(task, TaskStatus(row.status), int(row.version), row.updated_by, as_utc(row.updated_at), notes)


def _note(row: Row[Any]) -> TaskNote:
    return TaskNote(
        id=int(row.id),
        task_id=row.task_id,
        note_date=row.note_date,
        text=row.text,
        by=row.created_by,
        at=as_utc(row.created_at),
    )


def _change(row: Row[Any]) -> TaskChange:
    mapping: Mapping[str, Any] = row._mapping
    return TaskChange(
        id=int(mapping["id"]),
        task_id=mapping["task_id"],
        version=int(mapping["version"]),
        action=TaskAction(mapping["action"]),
        before=mapping["before"],
        after=mapping["after"],
        note_id=None if mapping["note_id"] is None else int(mapping["note_id"]),
        note_date=mapping["note_date"],
        changed_by=mapping["changed_by"],
        changed_at=as_utc(mapping["changed_at"]),
        reverts_change_id=None if mapping["reverts_change_id"] is None else int(mapping["reverts_change_id"]),
    )
