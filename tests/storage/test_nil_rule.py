"""The rule of nil reports holds whatever the write, on SQLite and PostgreSQL: a place's
target never holds, in one reporting period, two nil reports or a nil report beside
figures. record_nil checks it itself; every other write of a ledger that knows its plan
(as the service and the command line hand it) checks it after the write, in the same
transaction, and is refused whole."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.plan import Plan
from tracker.storage.ledger import Edit, Ledger, NewBatch, NilReportError, Removal

WORKERS = "workers-trained"
PLACE = "Chương Mỹ"
BY = "Trần Văn Minh"


def nil(day: dt.date = dt.date(2017, 6, 30)) -> ValidEntry:
    return ValidEntry(WORKERS, day, Decimal(0), PLACE, None, None, BY, EntryKind.nil)


def figure(day: dt.date, quantity: int = 40) -> ValidEntry:
    return ValidEntry(WORKERS, day, Decimal(quantity), PLACE, None, None, BY)


def held(ledger: Ledger) -> tuple[list[tuple[int, int, bool]], int]:
    """What a person would notice: the entries (id, version, deleted) and the revision."""
    rows = [(row.id, row.version, row.deleted) for row in ledger.entries_where()]
    return sorted(rows), ledger.revision()


@pytest.fixture
def known(ledger: Ledger, plan: Plan) -> Ledger:
    return ledger.with_plan(plan)


def test_a_revert_cannot_bring_back_a_nil_report_beside_another(known: Ledger, plan: Plan) -> None:
    q2 = plan.reporting_period("2017-Q2")
    assert q2 is not None
    first = known.record_nil(nil(), q2)
    known.apply(removals=[Removal(first, 1)], by=BY)
    deletion = known.changes_of(first)[-1].id
    known.record_nil(nil(), q2)
    before = held(known)
    with pytest.raises(NilReportError) as refused:
        known.revert(deletion, BY)
    assert refused.value.code == "nil_twice"
    assert "Quý 2/2017" in refused.value.message("vi") and "Workers trained" in refused.value.message("en")
    assert held(known) == before


def test_an_edit_cannot_move_a_nil_report_beside_figures(known: Ledger, plan: Plan) -> None:
    q2 = plan.reporting_period("2017-Q2")
    assert q2 is not None
    nil_id = known.record_nil(nil(), q2)
    known.record(figure(dt.date(2017, 8, 2)))
    before = held(known)
    with pytest.raises(NilReportError) as refused:
        known.apply(edits=[Edit(nil_id, 1, nil(dt.date(2017, 9, 30)), frozenset({"ref_date"}))], by=BY)
    assert refused.value.code == "nil_with_entries"
    assert held(known) == before


def test_an_import_cannot_save_a_nil_report_beside_a_figure_recorded_since_its_preview(
    known: Ledger, plan: Plan
) -> None:
    known.record(figure(dt.date(2017, 5, 20)))  # after the preview, which saw nothing there
    before = held(known)
    batch = NewBatch("bao-cao-q2.csv", "0" * 64, rows=1, new=1, changed=0, unchanged=0)
    with pytest.raises(NilReportError):
        known.import_batch(adds=[nil()], edits=[], batch=batch, by=BY)
    assert held(known) == before


def test_a_figure_after_a_nil_report_is_refused_until_the_nil_report_goes(known: Ledger, plan: Plan) -> None:
    q2 = plan.reporting_period("2017-Q2")
    assert q2 is not None
    nil_id = known.record_nil(nil(), q2)
    before = held(known)
    with pytest.raises(NilReportError) as refused:
        known.record(figure(dt.date(2017, 5, 20)))
    assert refused.value.code == "entries_after_nil"
    assert "hãy xoá báo cáo đó" in refused.value.message("vi")
    assert held(known) == before
    known.apply(removals=[Removal(nil_id, 1)], by=BY)
    known.record(figure(dt.date(2017, 5, 20)))  # now it may
    known.record(figure(dt.date(2017, 7, 3)))  # and another quarter was never concerned
    assert [row.kind for row in known.entries_where()] == [EntryKind.report, EntryKind.report]
