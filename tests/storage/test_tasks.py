"""The plan's tasks in the database (tracker.tasks): status, notes, history, revert.

Every test runs on SQLite and on PostgreSQL (the ``ledger`` fixture takes ``database_url``).
"""

from __future__ import annotations

import ast
import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest

from tracker.domain.clock import hanoi_today
from tracker.domain.plan import Plan, TaskStatus
from tracker.i18n import LANGS, STRINGS
from tracker.storage import tasks
from tracker.storage.ledger import Ledger
from tracker.storage.tasks import (
    TaskAction,
    TaskBoard,
    TaskConflictError,
    TaskError,
    TaskState,
    task_states,
)

TASK = "brand-building-support"
OTHER = "regional-linkage"
DAY = dt.date(2017, 3, 31)


@pytest.fixture
def board(ledger: Ledger) -> TaskBoard:
    return TaskBoard(ledger.database)


def state_of(board: TaskBoard, plan: Plan, task_id: str = TASK) -> TaskState:
    return next(s for s in board.states(plan) if s.task.id == task_id)


def snapshot(board: TaskBoard, plan: Plan) -> tuple[Any, ...]:
    """Everything a write could touch: states, notes, the log, the ledger's revision."""
    return (board.states(plan), board.changes(), board.database.revision())


# --- reading --------------------------------------------------------------------------


def test_untouched_tasks_have_the_plans_status_in_the_plans_order(board: TaskBoard, plan: Plan) -> None:
    states = board.states(plan)
    assert [s.task.id for s in states] == [task.id for task in plan.tasks]
    assert all(s.status == s.task.status and s.version == 0 for s in states)
    assert all(s.updated_by is None and s.updated_at is None and s.notes == [] for s in states)
    assert board.changes() == []


def test_task_states_is_the_plain_function_reports_call(ledger: Ledger, plan: Plan) -> None:
    TaskBoard(ledger.database).set_status(plan, TASK, TaskStatus.done, 0, "Nguyễn An")
    states = task_states(plan, ledger.database)
    assert [s.task.id for s in states] == [task.id for task in plan.tasks]
    assert next(s for s in states if s.task.id == TASK).status == TaskStatus.done


def test_creating_the_tables_again_is_harmless(ledger: Ledger, plan: Plan) -> None:
    TaskBoard(ledger.database).add_note(plan, TASK, DAY, "kept", "Nguyễn An")
    second = Ledger(ledger.url)  # another process opening the same database
    try:
        again = TaskBoard(second.database)
        assert [n.text for n in state_of(again, plan).notes] == ["kept"]
    finally:
        second.dispose()


def test_a_plan_without_tasks_has_no_states(board: TaskBoard, plan: Plan) -> None:
    assert board.states(plan.model_copy(update={"tasks": ()})) == []


# --- status ---------------------------------------------------------------------------


def test_a_status_change_is_stored_with_who_when_before_and_after(board: TaskBoard, plan: Plan) -> None:
    before = dt.datetime.now(dt.UTC)
    change_id = board.set_status(plan, TASK, TaskStatus.in_progress, 0, "  Nguyễn An ")
    state = state_of(board, plan)
    assert (state.status, state.version, state.updated_by) == (TaskStatus.in_progress, 1, "Nguyễn An")
    assert state.updated_at is not None and state.updated_at >= before - dt.timedelta(seconds=1)
    assert state_of(board, plan, OTHER).version == 0  # only that task moved

    board.set_status(plan, TASK, "blocked", 1, "Lê Bình")
    changes = board.changes(TASK)
    assert [c.action for c in changes] == [TaskAction.status, TaskAction.status]
    latest, first = changes
    assert first.id == change_id
    assert (first.before, first.after, first.changed_by) == (
        {"status": "not_started"},
        {"status": "in_progress"},
        "Nguyễn An",
    )
    assert (latest.before, latest.after, latest.changed_by, latest.version) == (
        {"status": "in_progress"},
        {"status": "blocked"},
        "Lê Bình",
        2,
    )
    assert latest.changed_at.tzinfo is not None and latest.changed_at >= first.changed_at
    assert board.changes(OTHER) == []
    assert [c.id for c in board.changes(limit=1)] == [latest.id]


def test_an_unchanged_status_writes_nothing(board: TaskBoard, plan: Plan) -> None:
    before = snapshot(board, plan)
    assert board.set_status(plan, TASK, TaskStatus.not_started, 0, "Nguyễn An") is None
    assert snapshot(board, plan) == before


def test_a_stale_version_is_a_conflict_and_writes_nothing(board: TaskBoard, plan: Plan) -> None:
    board.set_status(plan, TASK, TaskStatus.in_progress, 0, "Nguyễn An")
    before = snapshot(board, plan)
    with pytest.raises(TaskConflictError) as caught:
        board.set_status(plan, TASK, TaskStatus.blocked, 0, "Lê Bình")  # saw version 0, it is at 1
    assert caught.value.seen_version == 0
    assert (caught.value.current.status, caught.value.current.version) == (TaskStatus.in_progress, 1)
    assert caught.value.current.updated_by == "Nguyễn An"
    for lang in LANGS:
        assert "Nguyễn An" in caught.value.message(lang)
    assert snapshot(board, plan) == before


def test_a_colleagues_note_does_not_block_a_status_but_a_status_change_does(board: TaskBoard, plan: Plan) -> None:
    """A note added since the page was read changes nothing the person is overwriting;
    a status set (or restored by an undo) since then does."""
    board.add_note(plan, TASK, DAY, "đã làm việc với huyện", "Nguyễn An")
    assert board.set_status(plan, TASK, TaskStatus.done, 0, "Lê Bình") is not None
    assert state_of(board, plan).status == TaskStatus.done
    board.set_status(plan, TASK, TaskStatus.blocked, 2, "Nguyễn An")
    with pytest.raises(TaskConflictError):
        board.set_status(plan, TASK, TaskStatus.in_progress, 2, "Lê Bình")  # saw "done", it is "blocked" now
    board.revert(plan, board.changes(TASK)[0].id, "Nguyễn An")  # back to done, by an undo
    with pytest.raises(TaskConflictError):
        board.set_status(plan, TASK, TaskStatus.in_progress, 3, "Lê Bình")


def test_the_same_status_chosen_twice_at_once_is_no_conflict(board: TaskBoard, plan: Plan) -> None:
    board.set_status(plan, TASK, TaskStatus.done, 0, "Nguyễn An")
    assert board.set_status(plan, TASK, TaskStatus.done, 0, "Lê Bình") is None  # nothing to overwrite


def test_two_people_saving_at_once_one_wins_the_other_is_told(board: TaskBoard, plan: Plan) -> None:
    results: dict[str, object] = {}
    start = threading.Barrier(2)

    def save(name: str, status: TaskStatus) -> None:
        start.wait()
        try:
            results[name] = board.set_status(plan, TASK, status, 0, name)
        except TaskConflictError as conflict:
            results[name] = conflict

    threads = [
        threading.Thread(target=save, args=("Nguyễn An", TaskStatus.done)),
        threading.Thread(target=save, args=("Lê Bình", TaskStatus.blocked)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    conflicts = [r for r in results.values() if isinstance(r, TaskConflictError)]
    assert len(conflicts) == 1
    state = state_of(board, plan)
    assert state.version == 1 and len(board.changes(TASK)) == 1
    assert conflicts[0].current.status == state.status


@pytest.mark.parametrize(
    ("task_id", "status", "by", "code"),
    [
        ("no-such-task", TaskStatus.done, "Nguyễn An", "unknown_task"),
        (TASK, "finished", "Nguyễn An", "unknown_status"),
        (TASK, TaskStatus.done, "", "missing_author"),
        (TASK, TaskStatus.done, "   ", "missing_author"),
        (TASK, TaskStatus.done, "x" * 121, "author_too_long"),
        (TASK, TaskStatus.done, "An\x00", "hidden_character"),
        (TASK, TaskStatus.done, "An\nBình", "hidden_character"),
        (TASK, TaskStatus.done, "An\u2066Bình", "hidden_character"),  # a bidi isolate
    ],
)
def test_bad_status_saves_are_refused_and_write_nothing(
    board: TaskBoard, plan: Plan, task_id: str, status: str, by: str, code: str
) -> None:
    before = snapshot(board, plan)
    with pytest.raises(TaskError) as caught:
        board.set_status(plan, task_id, status, 0, by)
    assert caught.value.code == code
    assert snapshot(board, plan) == before


# --- notes ----------------------------------------------------------------------------


def test_notes_are_kept_stripped_newest_date_first(board: TaskBoard, plan: Plan) -> None:
    first = board.add_note(plan, TASK, DAY, "  Đã họp với huyện Chương Mỹ\nvề mặt bằng  ", "Nguyễn An")
    board.add_note(plan, TASK, "15/05/2017", "Gửi công văn\tlần 2", "Lê Bình")
    board.add_note(plan, TASK, dt.date(2017, 1, 10), "Khởi động", "Lê Bình")
    board.add_note(plan, TASK, hanoi_today(), "Hôm nay", "Lê Bình")  # today in Hanoi is allowed
    state = state_of(board, plan)
    assert [n.text for n in state.notes] == [
        "Hôm nay",
        "Gửi công văn\tlần 2",
        "Đã họp với huyện Chương Mỹ\nvề mặt bằng",
        "Khởi động",
    ]
    assert state.notes[2].note_date == DAY and state.notes[2].by == "Nguyễn An"
    assert state.version == 4 and state.status == TaskStatus.not_started
    change = next(c for c in board.changes(TASK) if c.id == first)
    assert change.action == TaskAction.note and change.before is None
    assert change.after == {"note_id": change.note_id, "note_date": "2017-03-31", "text": state.notes[2].text}
    assert change.note_date == DAY


def test_a_note_of_the_longest_length_is_kept(board: TaskBoard, plan: Plan) -> None:
    board.add_note(plan, TASK, DAY, "ư" * 2000, "Nguyễn An")
    assert len(state_of(board, plan).notes[0].text) == 2000


TOMORROW = object()  # stands for the day after the day in Hanoi when the test runs


@pytest.mark.parametrize(
    ("task_id", "day", "text", "by", "code"),
    [
        (TASK, DAY, "", "Nguyễn An", "empty_note"),
        (TASK, DAY, " \n\t  ", "Nguyễn An", "empty_note"),
        (TASK, DAY, "x" * 2001, "Nguyễn An", "note_too_long"),
        (TASK, DAY, "a\x00b", "Nguyễn An", "hidden_character"),
        (TASK, DAY, "bell\x07", "Nguyễn An", "hidden_character"),
        (TASK, DAY, "escape \x1b[31m", "Nguyễn An", "hidden_character"),
        (TASK, DAY, "del\x7f", "Nguyễn An", "hidden_character"),
        (TASK, DAY, "surrogate \ud800", "Nguyễn An", "hidden_character"),
        (TASK, DAY, "đã xong\u202e", "Nguyễn An", "hidden_character"),  # a right-to-left override
        (TASK, DAY, "đã\u200bxong", "Nguyễn An", "hidden_character"),  # a zero-width space
        (TASK, DAY, "đã xong", "Nguyễn\u202eAn", "hidden_character"),
        (TASK, TOMORROW, "ngày mai", "Nguyễn An", "future_date"),
        (TASK, dt.date(2099, 1, 1), "xa", "Nguyễn An", "future_date"),
        (TASK, dt.date(1999, 12, 31), "xưa", "Nguyễn An", "date_too_early"),
        (TASK, None, "không ngày", "Nguyễn An", "missing_date"),
        (TASK, "31/02/2017", "ngày sai", "Nguyễn An", "bad_date"),
        ("no-such-task", DAY, "ghi chú", "Nguyễn An", "unknown_task"),
        (TASK, DAY, "ghi chú", "", "missing_author"),
    ],
)
def test_bad_notes_are_refused_and_write_nothing(
    board: TaskBoard, plan: Plan, task_id: str, day: Any, text: str, by: str, code: str
) -> None:
    if day is TOMORROW:  # tomorrow as the test runs, not as it was collected: a run may cross midnight
        day = hanoi_today() + dt.timedelta(days=1)
    before = snapshot(board, plan)
    with pytest.raises(TaskError) as caught:
        board.add_note(plan, task_id, day, text, by)
    assert caught.value.code == code
    for lang in LANGS:
        assert caught.value.message(lang).strip()
    assert snapshot(board, plan) == before


def test_a_note_can_be_withdrawn_and_stays_in_the_history(board: TaskBoard, plan: Plan) -> None:
    board.add_note(plan, TASK, DAY, "nhầm", "Nguyễn An")
    board.add_note(plan, TASK, DAY, "đúng", "Nguyễn An")
    wrong = next(n for n in state_of(board, plan).notes if n.text == "nhầm")
    change_id = board.withdraw_note(plan, wrong.id, "Lê Bình")
    assert [n.text for n in state_of(board, plan).notes] == ["đúng"]
    change = board.changes(TASK)[0]
    assert (change.id, change.action, change.after, change.changed_by) == (
        change_id,
        TaskAction.withdraw_note,
        None,
        "Lê Bình",
    )
    assert change.before is not None and change.before["text"] == "nhầm"

    before = snapshot(board, plan)
    with pytest.raises(TaskError) as caught:
        board.withdraw_note(plan, wrong.id, "Lê Bình")
    assert caught.value.code == "note_withdrawn"
    with pytest.raises(TaskError) as caught:
        board.withdraw_note(plan, 10_000, "Lê Bình")
    assert caught.value.code == "unknown_note"
    assert snapshot(board, plan) == before


# --- revert ---------------------------------------------------------------------------


def test_reverting_a_status_change_restores_the_previous_status(board: TaskBoard, plan: Plan) -> None:
    board.set_status(plan, TASK, TaskStatus.in_progress, 0, "Nguyễn An")
    change_id = board.set_status(plan, TASK, TaskStatus.done, 1, "Nguyễn An")
    assert change_id is not None
    revert_id = board.revert(plan, change_id, "Lê Bình")
    state = state_of(board, plan)
    assert (state.status, state.version, state.updated_by) == (TaskStatus.in_progress, 3, "Lê Bình")
    revert = board.changes(TASK)[0]
    assert (revert.id, revert.action, revert.reverts_change_id) == (revert_id, TaskAction.revert, change_id)
    assert (revert.before, revert.after) == ({"status": "done"}, {"status": "in_progress"})

    again = board.revert(plan, revert_id, "Trần Lan")  # reverting the revert applies the change again
    assert state_of(board, plan).status == TaskStatus.done
    assert board.changes(TASK)[0].id == again


def test_reverting_the_first_change_goes_back_to_the_plans_status(board: TaskBoard, plan: Plan) -> None:
    change_id = board.set_status(plan, TASK, TaskStatus.blocked, 0, "Nguyễn An")
    assert change_id is not None
    board.revert(plan, change_id, "Lê Bình")
    state = state_of(board, plan)
    assert state.status == state.task.status and state.version == 2


def test_reverting_a_note_withdraws_it_and_reverting_that_brings_it_back(board: TaskBoard, plan: Plan) -> None:
    board.add_note(plan, TASK, DAY, "giữ lại", "Nguyễn An")
    note_change = board.add_note(plan, TASK, DAY, "thêm nhầm", "Nguyễn An")
    revert_id = board.revert(plan, note_change, "Lê Bình")
    assert [n.text for n in state_of(board, plan).notes] == ["giữ lại"]
    revert = board.changes(TASK)[0]
    assert revert.after is None and revert.before is not None and revert.before["text"] == "thêm nhầm"
    board.revert(plan, revert_id, "Lê Bình")
    assert sorted(n.text for n in state_of(board, plan).notes) == ["giữ lại", "thêm nhầm"]


def test_reverting_a_withdrawal_brings_the_note_back(board: TaskBoard, plan: Plan) -> None:
    board.add_note(plan, TASK, DAY, "quan trọng", "Nguyễn An")
    note = state_of(board, plan).notes[0]
    withdrawal = board.withdraw_note(plan, note.id, "Lê Bình")
    board.revert(plan, withdrawal, "Nguyễn An")
    assert [n.id for n in state_of(board, plan).notes] == [note.id]


def test_only_the_latest_change_of_a_task_can_be_reverted(board: TaskBoard, plan: Plan) -> None:
    first = board.set_status(plan, TASK, TaskStatus.in_progress, 0, "Nguyễn An")
    board.add_note(plan, TASK, DAY, "sau đó", "Lê Bình")
    other = board.set_status(plan, OTHER, TaskStatus.done, 0, "Lê Bình")  # another task's change
    assert first is not None and other is not None
    before = snapshot(board, plan)
    with pytest.raises(TaskError) as caught:
        board.revert(plan, first, "Trần Lan")
    assert caught.value.code == "changed_since"
    with pytest.raises(TaskError) as caught:
        board.revert(plan, 10_000, "Trần Lan")
    assert caught.value.code == "unknown_change"
    with pytest.raises(TaskError) as caught:
        board.revert(plan, other, "")
    assert caught.value.code == "missing_author"
    assert snapshot(board, plan) == before
    board.revert(plan, other, "Trần Lan")  # the other task's own latest change still can
    assert state_of(board, plan, OTHER).status == TaskStatus.not_started


def test_the_same_revert_twice_is_refused_the_second_time(board: TaskBoard, plan: Plan) -> None:
    change_id = board.set_status(plan, TASK, TaskStatus.done, 0, "Nguyễn An")
    assert change_id is not None
    board.revert(plan, change_id, "Lê Bình")
    with pytest.raises(TaskError) as caught:
        board.revert(plan, change_id, "Trần Lan")
    assert caught.value.code == "changed_since"
    assert state_of(board, plan).status == TaskStatus.not_started


def test_a_change_to_a_task_no_longer_in_the_plan_cannot_be_reverted(board: TaskBoard, plan: Plan) -> None:
    change_id = board.set_status(plan, TASK, TaskStatus.done, 0, "Nguyễn An")
    assert change_id is not None
    smaller = plan.model_copy(update={"tasks": tuple(task for task in plan.tasks if task.id != TASK)})
    with pytest.raises(TaskError) as caught:
        board.revert(smaller, change_id, "Lê Bình")
    assert caught.value.code == "unknown_task"


# --- one transaction, one revision ----------------------------------------------------


@pytest.mark.parametrize("write", ["status", "note", "withdraw", "revert"])
def test_a_crash_in_the_middle_of_a_write_leaves_everything_as_it_was(
    board: TaskBoard, plan: Plan, monkeypatch: pytest.MonkeyPatch, write: str
) -> None:
    """The change row is written last, after the state and the note: if it fails, the
    transaction takes the rest back with it."""
    note_change = board.add_note(plan, TASK, DAY, "có sẵn", "Nguyễn An")
    note_id = state_of(board, plan).notes[0].id
    before = snapshot(board, plan)

    def crash(*args: object, **kwargs: object) -> int:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(tasks, "_log_change", crash)
    with pytest.raises(RuntimeError):
        if write == "status":
            board.set_status(plan, TASK, TaskStatus.done, 1, "Lê Bình")
        elif write == "note":
            board.add_note(plan, TASK, DAY, "mất", "Lê Bình")
        elif write == "withdraw":
            board.withdraw_note(plan, note_id, "Lê Bình")
        else:
            board.revert(plan, note_change, "Lê Bình")
    assert snapshot(board, plan) == before


def test_every_task_write_moves_the_ledger_revision_and_refusals_do_not(board: TaskBoard, plan: Plan) -> None:
    ledger = board.database
    revisions = [ledger.revision()]
    change = board.set_status(plan, TASK, TaskStatus.in_progress, 0, "Nguyễn An")
    revisions.append(ledger.revision())
    note = board.add_note(plan, TASK, DAY, "ghi chú", "Nguyễn An")
    revisions.append(ledger.revision())
    board.withdraw_note(plan, board.changes(TASK)[0].note_id or 0, "Nguyễn An")
    revisions.append(ledger.revision())
    board.revert(plan, board.changes(TASK)[0].id, "Nguyễn An")
    revisions.append(ledger.revision())
    assert change is not None and note is not None
    assert revisions == list(range(revisions[0], revisions[0] + 5))
    with pytest.raises(TaskConflictError):
        board.set_status(plan, TASK, TaskStatus.done, 0, "Lê Bình")
    with pytest.raises(TaskError):
        board.add_note(plan, TASK, DAY, "", "Lê Bình")
    board.set_status(plan, TASK, TaskStatus.in_progress, 4, "Lê Bình")  # unchanged
    assert ledger.revision() == revisions[-1]


# --- messages -------------------------------------------------------------------------


def test_every_task_error_code_has_its_message_in_both_languages() -> None:
    """The codes raised in tracker/storage/tasks.py, read from its source, each have a string."""
    source = ast.parse(Path(tasks.__file__).read_text(encoding="utf-8"))
    codes = {
        node.args[0].value
        for node in ast.walk(source)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"TaskError", "_no_stale"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert len(codes) > 10
    missing = sorted(code for code in codes if f"tasks.problem.{code}" not in STRINGS)
    assert not missing
    for code in codes:
        for lang in LANGS:
            params = {"task": "x", "status": "x", "limit": 120, "value": "x", "date": "x", "today": "x"}
            params |= {"earliest": "x", "id": 1, "character": "U+202E"}
            assert TaskError(code, **params).message(lang).strip()
    assert "2.000" in TaskError("note_too_long", limit=2000).message("vi")
