"""The service's writes beside the grid's Save: stating a total (an adjustment for the
difference) and reverting a change, on SQLite and PostgreSQL; each writes everything or
nothing, and says why when it refuses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.service.grid_helpers import (
    AS_BINH,
    AS_HOA,
    BINH,
    EXPORTS,
    HOA,
    WORKERS,
    YEAR_END,
    D,
    at,
    changes_since,
    last_change,
    make,
    new_row,
    nine_thousand,
    picture,
    save,
    state,
    total,
    view,
)
from tracker import service
from tracker.domain.entries import EntryError, EntryKind
from tracker.domain.plan import Plan
from tracker.storage.ledger import Action, Edit, Ledger, Removal, RevertError

# --- 6. revert -------------------------------------------------------------------------


def test_reverting_an_edit_puts_the_values_back_as_a_new_change(ledger: Ledger) -> None:
    entry_id = ledger.record(make(450, D(2017, 3, 1), note="gốc"))
    ledger.apply(edits=[Edit(entry_id, 1, make(500, D(2017, 3, 2), "Ba Vì", note="sửa"))], by=BINH)
    edit = ledger.changes_of(entry_id)[-1]
    assert total(ledger) == 500

    new_change = ledger.revert(edit.id, by=HOA)
    entry = ledger.entry(entry_id)
    assert entry is not None
    assert (entry.quantity, entry.ref_date, entry.district, entry.note, entry.version) == (
        450,
        D(2017, 3, 1),
        "Chương Mỹ",
        "gốc",
        3,
    )
    revert = ledger.changes_of(entry_id)[-1]
    assert revert.id == new_change
    assert (revert.action, revert.reverts_change_id, revert.changed_by) == (Action.revert, edit.id, HOA)
    assert revert.before == edit.after and revert.after == edit.before
    assert total(ledger) == 450
    assert ledger.totals_by_district(WORKERS, YEAR_END) == {"Chương Mỹ": 450}


def test_reverting_a_delete_brings_the_entry_back(ledger: Ledger) -> None:
    entry_id = ledger.record(make(450, D(2017, 3, 1)))
    ledger.record(make(50, D(2017, 3, 5)))
    ledger.apply(removals=[Removal(entry_id, 1)], by=BINH)
    assert total(ledger) == 50 and ledger.count_entries() == 1
    deletion = ledger.changes_of(entry_id)[-1]

    ledger.revert(deletion.id, by=HOA)
    assert total(ledger) == 500 and ledger.count_entries() == 2
    revert = ledger.changes_of(entry_id)[-1]
    assert (revert.action, revert.before, revert.reverts_change_id) == (Action.revert, None, deletion.id)
    assert revert.after is not None and Decimal(revert.after["quantity"]) == 450


def test_reverting_a_create_takes_the_entry_out_of_the_totals(ledger: Ledger) -> None:
    ledger.record(make(450, D(2017, 3, 1)))
    mistaken = ledger.record(make(4500, D(2017, 3, 2)))
    create = ledger.changes_of(mistaken)[0]
    ledger.revert(create.id, by=HOA)
    assert total(ledger) == 450
    assert ledger.count_entries(WORKERS) == 1
    assert ledger.entry(mistaken).deleted  # type: ignore[union-attr]
    assert [c.action for c in ledger.changes_of(mistaken)] == [Action.create, Action.revert]


def test_reverting_a_revert_redoes_the_change(ledger: Ledger) -> None:
    entry_id = ledger.record(make(450, D(2017, 3, 1)))
    ledger.apply(edits=[Edit(entry_id, 1, make(500, D(2017, 3, 1)))], by=BINH)
    first = ledger.revert(ledger.changes_of(entry_id)[-1].id, by=HOA)
    assert total(ledger) == 450
    second = ledger.revert(first, by=BINH)
    assert total(ledger) == 500
    last = ledger.changes_of(entry_id)[-1]
    assert (last.id, last.action, last.reverts_change_id) == (second, Action.revert, first)
    assert ledger.entry(entry_id).version == 4  # type: ignore[union-attr]


def test_reverting_an_older_change_is_refused_when_a_later_one_exists(ledger: Ledger) -> None:
    entry_id = ledger.record(make(450, D(2017, 3, 1)))
    ledger.apply(edits=[Edit(entry_id, 1, make(500, D(2017, 3, 1)))], by=BINH)
    ledger.apply(edits=[Edit(entry_id, 2, make(520, D(2017, 3, 1)))], by=HOA)
    older = ledger.changes_of(entry_id)[1]
    before = picture(ledger)
    with pytest.raises(RevertError) as refused:
        ledger.revert(older.id, by=HOA)
    assert (refused.value.code, refused.value.change_id) == ("changed_since", older.id)
    assert picture(ledger) == before
    assert total(ledger) == 520
    with pytest.raises(RevertError) as refused_create:
        ledger.revert(ledger.changes_of(entry_id)[0].id, by=HOA)
    assert refused_create.value.code == "changed_since"


def test_reverting_an_unknown_change_is_refused(ledger: Ledger) -> None:
    ledger.record(make(450, D(2017, 3, 1)))
    before = picture(ledger)
    with pytest.raises(RevertError) as refused:
        ledger.revert(987654, by=HOA)
    assert (refused.value.code, refused.value.change_id) == ("unknown_change", 987654)
    assert refused.value.message("en") == "There is no change #987654."
    assert refused.value.message("vi") == "Không có thay đổi #987654."
    assert picture(ledger) == before


def test_a_grid_save_can_be_reverted_change_by_change(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    frame = view(ledger)
    before = last_change(ledger)
    outcome = save(
        plan,
        ledger,
        frame,
        state(
            edited={at(frame, five[0]): {"quantity": 900}},
            added=[new_row(ref_date="2017-06-01", quantity=40)],
            deleted=[at(frame, five[1])],
        ),
        confirmed=True,
    )
    assert outcome.status == "saved"
    assert total(ledger) == Decimal(2250 + 450 + 40 - 1200)
    assert len(changes_since(ledger, before)) == 3
    for change in changes_since(ledger, before):
        ledger.revert(change.id, by=BINH)
    assert total(ledger) == Decimal(2250)
    assert ledger.count_entries(WORKERS) == 5
    assert {e.id for e in ledger.entries_of(WORKERS)} == set(five)


# --- 7. stating a total ------------------------------------------------------------------


def test_stating_a_total_records_the_difference_as_an_adjustment(plan: Plan, ledger: Ledger) -> None:
    nine_thousand(ledger)
    adjustment_id, stated = service.set_total(
        plan, ledger, target_id=WORKERS, total=12400, as_of="30/06/2017", credential=AS_HOA, note="báo cáo 6 tháng"
    )
    assert adjustment_id is not None and stated.quantity == 12400
    adjustment = ledger.entry(adjustment_id)
    assert adjustment is not None
    assert (adjustment.quantity, adjustment.ref_date, adjustment.kind, adjustment.district) == (
        3400,
        D(2017, 6, 30),
        EntryKind.adjustment,
        None,
    )
    assert (adjustment.entered_by, adjustment.note) == (HOA, "báo cáo 6 tháng")
    assert total(ledger, as_of=D(2017, 6, 30)) == Decimal(12400)
    assert total(ledger) == Decimal(13100)  # the July entry still counts after 30/06
    [create] = ledger.changes_of(adjustment_id)
    assert create.action == Action.create and create.after["kind"] == "adjustment"  # type: ignore[index]
    assert "Điều chỉnh tổng" in view(ledger)["kind"].tolist()


def test_a_lower_total_records_a_negative_adjustment(plan: Plan, ledger: Ledger) -> None:
    nine_thousand(ledger)
    adjustment_id, _ = service.set_total(
        plan, ledger, target_id=WORKERS, total="8000", as_of=D(2017, 6, 30), credential=AS_HOA
    )
    assert adjustment_id is not None
    assert ledger.entry(adjustment_id).quantity == -1000  # type: ignore[union-attr]
    assert total(ledger, as_of=D(2017, 6, 30)) == Decimal(8000)


def test_stating_the_same_total_again_writes_nothing(plan: Plan, ledger: Ledger) -> None:
    nine_thousand(ledger)
    first, _ = service.set_total(plan, ledger, target_id=WORKERS, total=12400, as_of="2017-06-30", credential=AS_HOA)
    assert first is not None
    before = picture(ledger)
    again, _ = service.set_total(plan, ledger, target_id=WORKERS, total=12400, as_of="2017-06-30", credential=AS_BINH)
    assert again is None
    after = picture(ledger)
    # no entry and no change is written (the cache revision may move on: not something a person sees)
    assert (after.count, after.total, after.rows, after.changes) == (
        before.count,
        before.total,
        before.rows,
        before.changes,
    )


@pytest.mark.parametrize(
    ("target_id", "total_", "as_of", "field", "code"),
    [
        pytest.param(WORKERS, "12400,5", "2017-06-30", "quantity", "fraction_for_count", id="fraction-for-count"),
        pytest.param(WORKERS, -5, "2017-06-30", "quantity", "negative", id="negative"),
        pytest.param(WORKERS, 12400, "2018-01-05", "date", "date_outside_period", id="outside-period"),
        pytest.param(WORKERS, "30,000", "2017-06-30", "quantity", "ambiguous_separator", id="ambiguous"),
        pytest.param(EXPORTS, 180, "2017-06-30", "target", "total_needs_sum", id="latest-figure"),
    ],
)
def test_a_total_that_cannot_be_stated_is_refused_and_writes_nothing(
    plan: Plan, ledger: Ledger, target_id: str, total_: object, as_of: object, field: str, code: str
) -> None:
    nine_thousand(ledger)
    ledger.record(make(175, D(2017, 1, 1), None, target_id=EXPORTS))
    before = picture(ledger)
    with pytest.raises(EntryError) as refused:
        service.set_total(plan, ledger, target_id=target_id, total=total_, as_of=as_of, credential=AS_HOA)
    assert [(p.field, p.code) for p in refused.value.problems] == [(field, code)]
    assert all(message for message in refused.value.render("vi"))
    assert picture(ledger) == before
    assert total(ledger, EXPORTS) == 175


def test_a_total_is_checked_against_entries_up_to_its_date_only(plan: Plan, ledger: Ledger) -> None:
    ledger.record(make(9000, D(2017, 3, 31)))
    ledger.record(make(5000, D(2017, 9, 1)))
    adjustment_id, _ = service.set_total(
        plan, ledger, target_id=WORKERS, total=9500, as_of="2017-06-30", credential=AS_HOA
    )
    assert ledger.entry(adjustment_id).quantity == 500  # type: ignore[arg-type, union-attr]
    assert total(ledger, as_of=D(2017, 6, 30)) == 9500
    assert total(ledger) == 14500


def test_an_adjustment_can_be_reverted(plan: Plan, ledger: Ledger) -> None:
    nine_thousand(ledger)
    adjustment_id, _ = service.set_total(
        plan, ledger, target_id=WORKERS, total=12400, as_of="2017-06-30", credential=AS_HOA
    )
    assert adjustment_id is not None
    ledger.revert(ledger.changes_of(adjustment_id)[0].id, by=BINH)
    assert total(ledger, as_of=D(2017, 6, 30)) == 9000


