"""Two plans in one database, on SQLite and on PostgreSQL: the 2017 and the 2018 plan both
have a target ``workers-trained``, and what one plan records is never counted, listed,
changed or reverted from the other. A task id both plans use keeps a status and a note
log per plan. The service writes into the plan it is given, whatever plan the ledger it
is handed was opened for.

Every query is asked over both years (as of 31/12/2018), so that a plan's figures cannot
stay apart merely because the other plan's entries are dated in another year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from tests.conftest import at_server
from tests.helpers import TARGETS_FILE
from tracker import service
from tracker.domain.entries import EntryError, EntryKind, ValidEntry
from tracker.domain.plan import Plan, PlanSet, TaskStatus, read_plans
from tracker.service.grid import grid_frame
from tracker.storage.ledger import Action, Conflict, ConflictError, Edit, Ledger, Removal, RevertError
from tracker.storage.tasks import TaskBoard, TaskError, TaskState

PLAN_2017 = "hanoi-craft-villages-2017"
PLAN_2018 = "hanoi-craft-villages-2018"
WORKERS = "workers-trained"  # a summed target in both plans, with the same id
TASK = "brand-building-support"  # a 2017 task; given to 2018 too in ``with_shared_task``
HOA = "Nguyễn Thị Hoa"  # records the 2017 figures
BINH = "Trần Văn Bình"  # records the 2018 figures
D = dt.date
BOTH_YEARS = D(2018, 12, 31)  # an as-of date that every entry of both plans is on or before


@pytest.fixture(scope="module")
def plans() -> PlanSet:
    return read_plans(TARGETS_FILE)


@pytest.fixture
def plan_2017(plans: PlanSet) -> Plan:
    found = plans.find("2017")
    assert found is not None and found.id == PLAN_2017
    return found


@pytest.fixture
def plan_2018(plans: PlanSet) -> Plan:
    found = plans.find("2018")
    assert found is not None and found.id == PLAN_2018
    return found


def make(quantity: int, day: dt.date, district: str | None, by: str, note: str | None = None) -> ValidEntry:
    return ValidEntry(WORKERS, day, Decimal(quantity), district, None, note, by)


@dataclass(frozen=True)
class TwoYears:
    """The same database seen from each plan, and the ids of what each recorded."""

    of_2017: Ledger
    of_2018: Ledger
    ids_2017: list[int]  # 450 on 01/03, 1200 on 20/05, 30 city-wide on 30/06/2017
    ids_2018: list[int]  # 7000 on 01/03, 5 on 20/05/2018


@pytest.fixture
def two_years(ledger: Ledger) -> Iterator[TwoYears]:
    """Five entries of workers trained, recorded turn about in the two plans (so the ids
    interleave): 1 680 in 2017, 7 005 in 2018."""
    assert ledger.plan_id == PLAN_2017  # a ledger opened without a plan is the 2017 plan's
    of_2018 = ledger.for_plan(PLAN_2018)
    a = ledger.record(make(450, D(2017, 3, 1), "Chương Mỹ", HOA, "quý I"))
    d = of_2018.record(make(7000, D(2018, 3, 1), "Chương Mỹ", BINH, "quý I"))
    b = ledger.record(make(1200, D(2017, 5, 20), "Ba Vì", HOA))
    e = of_2018.record(make(5, D(2018, 5, 20), "Mỹ Đức", BINH))
    c = ledger.record(make(30, D(2017, 6, 30), None, HOA))
    yield TwoYears(ledger, of_2018, [a, b, c], [d, e])


def everything(ledger: Ledger) -> tuple[object, ...]:
    """All a person could see of one plan's entries: totals, rows, history, revision."""
    return (
        ledger.totals(BOTH_YEARS, [WORKERS]),
        tuple(ledger.entries_of(WORKERS)),
        tuple(ledger.changes(limit=None)),
        ledger.revision(),
    )


# --- reading: each plan adds up and lists its own entries only ----------------------------


def test_each_plan_adds_up_only_its_own_entries(two_years: TwoYears) -> None:
    assert two_years.of_2017.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(1680)}
    assert two_years.of_2018.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(7005)}
    assert two_years.of_2017.totals(BOTH_YEARS, [WORKERS]) == ({WORKERS: Decimal(1680)}, 3)
    assert two_years.of_2018.totals(BOTH_YEARS, [WORKERS]) == ({WORKERS: Decimal(7005)}, 2)
    # by the end of 2017, the 2018 plan has nothing, though 2017's entries are dated then
    assert two_years.of_2018.achieved(D(2017, 12, 31), [WORKERS]) == {}
    assert two_years.of_2018.totals(D(2017, 12, 31), [WORKERS]) == ({}, 0)


def test_daily_totals_and_districts_are_each_plans_own(two_years: TwoYears) -> None:
    assert two_years.of_2017.daily_totals(WORKERS, BOTH_YEARS) == [
        (D(2017, 3, 1), Decimal(450)),
        (D(2017, 5, 20), Decimal(1200)),
        (D(2017, 6, 30), Decimal(30)),
    ]
    assert two_years.of_2018.daily_totals(WORKERS, BOTH_YEARS) == [
        (D(2018, 3, 1), Decimal(7000)),
        (D(2018, 5, 20), Decimal(5)),
    ]
    # Chương Mỹ reported in both years: each plan sees its own figure for it
    assert two_years.of_2017.totals_by_district(WORKERS, BOTH_YEARS) == {
        "Chương Mỹ": Decimal(450),
        "Ba Vì": Decimal(1200),
        None: Decimal(30),
    }
    assert two_years.of_2018.totals_by_district(WORKERS, BOTH_YEARS) == {
        "Chương Mỹ": Decimal(7000),
        "Mỹ Đức": Decimal(5),
    }
    assert two_years.of_2017.entry_dates(WORKERS) == [D(2017, 3, 1), D(2017, 5, 20), D(2017, 6, 30)]
    assert two_years.of_2018.entry_dates(WORKERS) == [D(2018, 3, 1), D(2018, 5, 20)]


def test_entries_are_listed_and_counted_in_their_own_plan_only(two_years: TwoYears) -> None:
    of_2017, of_2018 = two_years.of_2017, two_years.of_2018
    a, b, c = two_years.ids_2017
    d, e = two_years.ids_2018

    assert [row.id for row in of_2017.entries_of(WORKERS)] == [c, b, a]
    assert [row.id for row in of_2018.entries_of(WORKERS)] == [e, d]
    assert {row.entered_by for row in of_2018.entries_of(WORKERS)} == {BINH}

    assert [row.id for row in of_2017.entries_where()] == [c, b, a]
    assert [row.id for row in of_2018.entries_where(target_id=WORKERS)] == [e, d]
    assert [row.id for row in of_2017.entries_where(districts=["Chương Mỹ"])] == [a]
    assert [row.id for row in of_2018.entries_where(districts=["Chương Mỹ", None])] == [d]
    assert [row.id for row in of_2018.entries_where(start=D(2017, 1, 1), end=BOTH_YEARS)] == [e, d]
    assert list(of_2018.entries_where(end=D(2017, 12, 31))) == []

    assert (of_2017.count_entries(), of_2017.count_entries(WORKERS)) == (3, 3)
    assert (of_2018.count_entries(), of_2018.count_entries(WORKERS)) == (2, 2)

    # an entry of the other plan is not there at all, not even as a deleted one
    assert of_2018.entry(a) is None and of_2017.entry(d) is None
    found = of_2018.entry(d)
    assert found is not None and found.quantity == 7000


def test_a_plan_with_nothing_of_its_own_has_no_entries(ledger: Ledger) -> None:
    of_2018 = ledger.for_plan(PLAN_2018)
    ledger.record(make(450, D(2017, 3, 1), "Chương Mỹ", HOA))
    assert ledger.has_entries()
    assert not of_2018.has_entries()
    assert (of_2018.count_entries(), of_2018.entries_of(WORKERS)) == (0, [])
    assert of_2018.achieved(BOTH_YEARS, [WORKERS]) == {}
    of_2018.record(make(7000, D(2018, 3, 1), "Chương Mỹ", BINH))
    assert of_2018.has_entries()
    assert Ledger(ledger.database, PLAN_2018).count_entries() == 1  # another store opened for 2018 reads it too


def test_the_history_and_its_people_are_each_plans_own(two_years: TwoYears) -> None:
    of_2017, of_2018 = two_years.of_2017, two_years.of_2018
    a = two_years.ids_2017[0]
    d = two_years.ids_2018[0]

    assert sorted(change.entry_id for change in of_2017.changes()) == sorted(two_years.ids_2017)
    assert sorted(change.entry_id for change in of_2018.changes(target_id=WORKERS)) == sorted(two_years.ids_2018)
    assert of_2017.people() == [HOA]
    assert of_2018.people() == [BINH]
    assert of_2018.changes(person=HOA) == []
    assert [change.action for change in of_2017.changes_of(a)] == [Action.create]
    assert of_2018.changes_of(a) == [] and of_2017.changes_of(d) == []


# --- writing: an adjustment, an edit, a removal, a revert --------------------------------


def test_a_stated_total_is_made_up_from_its_own_plans_entries(two_years: TwoYears) -> None:
    of_2017, of_2018 = two_years.of_2017, two_years.of_2018
    # 2018 by 30/06/2018: 7 000 + 5 (the 2017 entries, dated earlier, are not 2018's)
    adjustment_id = of_2018.set_total(make(10000, D(2018, 6, 30), None, BINH))
    assert adjustment_id is not None
    adjustment = of_2018.entry(adjustment_id)
    assert adjustment is not None
    assert (adjustment.quantity, adjustment.kind, adjustment.ref_date) == (2995, EntryKind.adjustment, D(2018, 6, 30))
    assert of_2018.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(10000)}
    assert of_2017.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(1680)}
    assert of_2017.entry(adjustment_id) is None

    # 2017 by 30/06/2017: 450 + 1 200 + 30 = 1 680
    adjustment_2017 = of_2017.set_total(make(2000, D(2017, 6, 30), None, HOA))
    assert adjustment_2017 is not None
    assert of_2017.entry(adjustment_2017).quantity == 320  # type: ignore[union-attr]
    assert of_2018.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(10000)}

    # stating what a plan already says writes nothing, whatever the other plan holds
    assert of_2018.set_total(make(10000, D(2018, 12, 31), None, BINH)) is None


def test_the_service_states_a_total_in_the_plan_it_is_given(plan_2018: Plan, two_years: TwoYears) -> None:
    adjustment_id, stated = service.set_total(
        plan_2018,
        two_years.of_2017,  # opened for 2017: the plan decides
        target_id=WORKERS,
        total="10000",
        as_of="30/06/2018",
        credential=at_server(BINH),
    )
    assert adjustment_id is not None and stated.quantity == 10000
    assert two_years.of_2018.entry(adjustment_id).quantity == 2995  # type: ignore[union-attr]
    assert two_years.of_2017.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(1680)}


@pytest.mark.parametrize("write", ["edit", "removal", "edit-with-an-add"])
def test_an_edit_or_removal_naming_the_other_plans_entry_is_refused_and_writes_nothing(
    two_years: TwoYears, write: str
) -> None:
    of_2017, of_2018 = two_years.of_2017, two_years.of_2018
    foreign = two_years.ids_2017[0]  # 450 in Chương Mỹ, 2017, at version 1
    before_2017, before_2018 = everything(of_2017), everything(of_2018)

    with pytest.raises(ConflictError) as refused:
        if write == "removal":
            of_2018.apply(removals=[Removal(foreign, 1)], by=BINH)
        else:
            edit = Edit(foreign, 1, make(9999, D(2018, 3, 2), "Ba Vì", BINH), frozenset({"quantity"}))
            adds = [make(1, D(2018, 4, 1), None, BINH)] if write == "edit-with-an-add" else []
            of_2018.apply(adds=adds, edits=[edit], by=BINH)

    # to the 2018 plan the entry does not exist: nothing of 2017's is shown through it
    assert refused.value.conflicts == [Conflict(foreign, 1, None)]
    assert (everything(of_2017), everything(of_2018)) == (before_2017, before_2018)
    entry = of_2017.entry(foreign)
    assert entry is not None and (entry.quantity, entry.version, entry.deleted) == (450, 1, False)


def test_a_grid_save_in_2018_over_a_forged_2017_row_is_a_conflict_and_writes_nothing(
    plan_2018: Plan, two_years: TwoYears
) -> None:
    """A grid of the 2018 plan that (forged) shows a 2017 entry and deletes it."""
    of_2017, of_2018 = two_years.of_2017, two_years.of_2018
    shown = grid_frame(of_2017.entries_of(WORKERS), "vi")
    before_2017, before_2018 = everything(of_2017), everything(of_2018)
    deleting = {"deleted_rows": [0]}
    outcome = service.save_grid(plan_2018, of_2017, WORKERS, shown, deleting, at_server(BINH), "vi", confirmed=True)
    assert outcome.status == "conflict"
    assert [(c.entry_id, c.current) for c in outcome.conflicts] == [(two_years.ids_2017[-1], None)]
    assert (everything(of_2017), everything(of_2018)) == (before_2017, before_2018)


def test_edits_removals_and_reverts_in_2018_stay_in_2018(two_years: TwoYears) -> None:
    """Every row a change writes names its plan (on PostgreSQL no column falls back to one)."""
    of_2017, of_2018 = two_years.of_2017, two_years.of_2018
    d, e = two_years.ids_2018
    before_2017 = everything(of_2017)[:3]  # the revision is the database's: it moves with any write

    of_2018.apply(edits=[Edit(d, 1, make(7100, D(2018, 3, 1), "Chương Mỹ", BINH))], removals=[Removal(e, 1)], by=BINH)
    assert of_2018.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(7100)}
    removal = of_2018.changes_of(e)[-1]
    assert [c.action for c in of_2018.changes_of(d)] == [Action.create, Action.update]
    assert [c.action for c in of_2018.changes_of(e)] == [Action.create, Action.delete]

    of_2018.revert(removal.id, by=BINH)
    assert of_2018.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(7105)}
    assert [c.action for c in of_2018.changes_of(e)] == [Action.create, Action.delete, Action.revert]
    assert len(of_2018.changes(limit=None)) == 5 and of_2018.people() == [BINH]
    assert everything(of_2017)[:3] == before_2017


def test_a_grid_batch_is_written_into_its_own_plan(plan_2018: Plan, two_years: TwoYears) -> None:
    """The grid of 2018, checked and then written through a ledger opened for 2017."""
    of_2017, of_2018 = two_years.of_2017, two_years.of_2018
    shown = grid_frame(of_2018.entries_of(WORKERS), "vi")
    added = {"ref_date": "2018-06-01", "quantity": 40, "district": "Toàn thành phố", "village": None, "note": None}
    edit_state = {"edited_rows": {0: {"quantity": 6}}, "added_rows": [added], "deleted_rows": []}
    before_2017 = everything(of_2017)[:3]
    ready = service.save_grid(plan_2018, of_2017, WORKERS, shown, edit_state, at_server(BINH), "vi", write=False)
    assert ready.status == "ready" and ready.batch is not None
    outcome = service.write_batch(of_2017, ready.batch, at_server(BINH))
    assert outcome.status == "saved"
    [new_id] = outcome.new_ids
    assert of_2018.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(7000 + 6 + 40)}
    assert of_2018.entry(new_id) is not None and of_2017.entry(new_id) is None
    assert everything(of_2017)[:3] == before_2017


def test_a_revert_naming_the_other_plans_change_is_refused_and_writes_nothing(two_years: TwoYears) -> None:
    of_2017, of_2018 = two_years.of_2017, two_years.of_2018
    foreign = two_years.ids_2017[0]
    of_2017.apply(edits=[Edit(foreign, 1, make(500, D(2017, 3, 1), "Chương Mỹ", HOA))], by=HOA)
    edit_2017 = of_2017.changes_of(foreign)[-1]
    create_2018 = of_2018.changes_of(two_years.ids_2018[0])[0]
    before_2017, before_2018 = everything(of_2017), everything(of_2018)

    for ledger, change in ((of_2018, edit_2017), (of_2017, create_2018)):
        with pytest.raises(RevertError) as refused:
            ledger.revert(change.id, by=BINH)
        assert (refused.value.code, refused.value.change_id) == ("unknown_change", change.id)
        assert refused.value.message("vi") == f"Không có thay đổi #{change.id}."
    with pytest.raises(RevertError):
        service.revert_change(of_2018, edit_2017.id, at_server(BINH))

    assert (everything(of_2017), everything(of_2018)) == (before_2017, before_2018)
    assert of_2017.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(1730)}  # the edit stands: 500, not 450
    # and from its own plan the same change reverts as ever
    of_2017.revert(edit_2017.id, by=HOA)
    assert of_2017.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(1680)}
    assert everything(of_2018)[:3] == before_2018[:3]


# --- the service writes into the plan it is given ----------------------------------------


def test_the_service_records_into_the_plan_it_is_given_not_the_ledgers(plan_2018: Plan, ledger: Ledger) -> None:
    assert ledger.plan_id == PLAN_2017
    entry_id, entry = service.record_entry(
        plan_2018,
        ledger,
        at_server(BINH),
        target_id=WORKERS,
        quantity="1400",
        ref_date="15/03/2018",
        district="Chương Mỹ",
    )
    assert (entry.quantity, entry.ref_date, entry.entered_by) == (1400, D(2018, 3, 15), BINH)
    of_2018 = ledger.for_plan(PLAN_2018)
    assert [row.id for row in of_2018.entries_of(WORKERS)] == [entry_id]
    assert of_2018.achieved(BOTH_YEARS, [WORKERS]) == {WORKERS: Decimal(1400)}
    assert ledger.count_entries() == 0 and ledger.entry(entry_id) is None
    assert ledger.achieved(BOTH_YEARS, [WORKERS]) == {}
    overview = service.build_overview(plan_2018, ledger, D(2018, 12, 31))
    assert overview.progress_of(WORKERS).achieved == 1400


def test_a_2018_entry_dated_in_2017_is_refused_with_the_period_and_writes_nothing(
    plan_2018: Plan, two_years: TwoYears
) -> None:
    before_2017, before_2018 = everything(two_years.of_2017), everything(two_years.of_2018)
    with pytest.raises(EntryError) as refused:
        service.record_entry(
            plan_2018,
            two_years.of_2018,
            at_server(BINH),
            target_id=WORKERS,
            quantity=500,
            ref_date="2017-06-05",
            district="Ba Vì",
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [("date", "date_outside_period")]
    assert refused.value.render("vi") == [
        "Ngày: ngày 05/06/2017 nằm ngoài thời kỳ của kế hoạch (01/01/2018–31/12/2018)"
    ]
    assert refused.value.render("en") == [
        "Date: the date 05/06/2017 lies outside the plan period (01/01/2018–31/12/2018)"
    ]
    assert (everything(two_years.of_2017), everything(two_years.of_2018)) == (before_2017, before_2018)


# --- tasks ----------------------------------------------------------------------------------


def with_shared_task(plan_2017: Plan, plan_2018: Plan) -> Plan:
    """The 2018 plan with the 2017 plan's task ``TASK`` among its own (same id)."""
    task = next(task for task in plan_2017.tasks if task.id == TASK)
    assert all(own.id != TASK for own in plan_2018.tasks)
    return plan_2018.model_copy(update={"tasks": (*plan_2018.tasks, task)})


def state(board: TaskBoard, plan: Plan) -> TaskState:
    return next(s for s in board.states(plan) if s.task.id == TASK)


def test_a_task_id_in_two_plans_keeps_a_status_and_notes_per_plan(
    ledger: Ledger, plan_2017: Plan, plan_2018: Plan
) -> None:
    plan_18 = with_shared_task(plan_2017, plan_2018)
    board_17, board_18 = TaskBoard(ledger.database, PLAN_2017), TaskBoard(ledger.database, PLAN_2018)
    board_17.set_status(plan_2017, TASK, TaskStatus.done, 0, HOA)
    board_17.add_note(plan_2017, TASK, "2017-03-31", "Đã hỗ trợ 3 làng", HOA)

    untouched = state(board_18, plan_18)
    assert (untouched.status, untouched.version, untouched.notes, untouched.updated_by) == (
        TaskStatus.not_started,
        0,
        [],
        None,
    )
    assert board_18.changes() == []

    # 2018 saw version 0 of its own task: 2017's two changes are no conflict for it
    assert board_18.set_status(plan_18, TASK, TaskStatus.blocked, 0, BINH) is not None
    board_18.add_note(plan_18, TASK, "2018-02-01", "Chờ kinh phí", BINH)

    of_2017, of_2018 = board_17.state(plan_2017, TASK), board_18.state(plan_18, TASK)
    assert (of_2017.status, of_2017.version, of_2017.updated_by) == (TaskStatus.done, 2, HOA)
    assert [(note.text, note.by) for note in of_2017.notes] == [("Đã hỗ trợ 3 làng", HOA)]
    assert (of_2018.status, of_2018.version, of_2018.updated_by) == (TaskStatus.blocked, 2, BINH)
    assert [(note.text, note.by) for note in of_2018.notes] == [("Chờ kinh phí", BINH)]
    assert [change.changed_by for change in board_17.changes()] == [HOA, HOA]
    assert [change.changed_by for change in board_18.changes(TASK)] == [BINH, BINH]


def test_the_service_writes_a_task_into_the_plan_it_is_given(ledger: Ledger, plan_2017: Plan, plan_2018: Plan) -> None:
    plan_18 = with_shared_task(plan_2017, plan_2018)
    service.set_task_status(plan_18, ledger, TASK, "in_progress", 0, at_server(BINH))
    service.add_task_note(plan_18, ledger, TASK, "2018-05-02", "Đã chọn 2 làng", at_server(BINH))

    board_17, board_18 = TaskBoard(ledger.database, PLAN_2017), TaskBoard(ledger.database, PLAN_2018)
    assert (state(board_17, plan_2017).status, state(board_17, plan_2017).notes) == (TaskStatus.not_started, [])
    assert board_17.changes() == []
    of_2018 = state(board_18, plan_18)
    assert (of_2018.status, [note.text for note in of_2018.notes]) == (TaskStatus.in_progress, ["Đã chọn 2 làng"])

    # the 2017 plan, given the same ledger, writes its own
    service.set_task_status(plan_2017, ledger, TASK, "done", 0, at_server(HOA))
    assert state(board_17, plan_2017).status == TaskStatus.done
    assert state(board_18, plan_18).status == TaskStatus.in_progress


def test_a_note_or_change_of_the_other_plan_cannot_be_withdrawn_or_reverted(
    ledger: Ledger, plan_2017: Plan, plan_2018: Plan
) -> None:
    plan_18 = with_shared_task(plan_2017, plan_2018)
    board_17, board_18 = TaskBoard(ledger.database, PLAN_2017), TaskBoard(ledger.database, PLAN_2018)
    note_change = board_17.add_note(plan_2017, TASK, "2017-03-31", "Đã hỗ trợ 3 làng", HOA)
    [note] = state(board_17, plan_2017).notes
    own_change = board_18.add_note(plan_18, TASK, "2018-02-01", "Chờ kinh phí", BINH)
    [own_note] = state(board_18, plan_18).notes

    def seen() -> tuple[object, ...]:
        return (
            board_17.states(plan_2017),
            board_17.changes(),
            board_18.states(plan_18),
            board_18.changes(),
            ledger.revision(),
        )

    before = seen()
    with pytest.raises(TaskError) as withdrawn:
        board_18.withdraw_note(plan_18, note.id, BINH)
    assert withdrawn.value.code == "unknown_note"
    with pytest.raises(TaskError) as reverted:
        board_18.revert(plan_18, note_change, BINH)
    assert reverted.value.code == "unknown_change"
    with pytest.raises(TaskError) as through_service:
        service.withdraw_task_note(plan_18, ledger, note.id, at_server(BINH))
    assert through_service.value.message("vi") == f"không có ghi chú #{note.id}"
    assert seen() == before

    # 2018's own note is withdrawn and brought back in 2018 alone
    withdrawal = board_18.withdraw_note(plan_18, own_note.id, BINH)
    assert state(board_18, plan_18).notes == []
    board_18.revert(plan_18, withdrawal, BINH)
    assert [n.text for n in state(board_18, plan_18).notes] == ["Chờ kinh phí"]
    assert [c.id for c in board_18.changes()][-1] == own_change
    assert (board_17.states(plan_2017), board_17.changes()) == before[:2]
