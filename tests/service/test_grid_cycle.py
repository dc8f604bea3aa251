"""The entries grid under the reporting cycle, on SQLite and PostgreSQL, through the
functions the target page calls: nil reports keep their kind through a save, the rows a
person may not edit are held back from the editor (a locked district and period; for an
account limited to some districts, the others and the whole city), and a save that
touches any of them anyway (a lock that landed after the grid was read, a forged edit, a
new row there) is refused whole by the write, with the lock's or the scope's message."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest

from tests.helpers import PASSWORD, account
from tests.service.grid_helpers import HOA, WORKERS, D, at, make, new_row, picture, state, view
from tracker import service
from tracker.domain.access import Credential, Role
from tracker.domain.entries import EntryError, EntryKind
from tracker.domain.plan import Plan
from tracker.service import grid
from tracker.service.reporting import approve_period, is_locked, lock_period, locked_at, record_nil
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.storage.periods import OutsideScopeError, PeriodLockedError

CM = "Chương Mỹ"
ADMIN = "Nguyễn Văn An"


def signed_in(ledger: Ledger, name: str, role: Role = Role.editor, districts: tuple[str, ...] = ()) -> Credential:
    """``name`` signed in (an account made with ``role`` and ``districts`` if none has that name)."""
    username = account(ledger.url, name, role)
    accounts = Accounts(ledger.database)
    accounts.set_districts(username, districts)
    token, _ = accounts.sign_in(username, PASSWORD)
    return Credential(token=token)


@dataclass(frozen=True)
class People:
    admin: Credential  # approves and locks
    hoa: Credential  # the department's editor: every district and the city
    chuong_my: Credential  # the Chương Mỹ office's editor: that district only


@pytest.fixture
def people(ledger: Ledger) -> People:
    return People(
        signed_in(ledger, ADMIN, Role.admin), signed_in(ledger, HOA), signed_in(ledger, "Lê Thu", districts=(CM,))
    )


def approve_q2(plan: Plan, ledger: Ledger, people: People) -> None:
    approve_period(plan, ledger, people.admin, "2017-Q2", CM, "đã duyệt quý 2")


def save(plan: Plan, ledger: Ledger, people: People, frame: pd.DataFrame, edits: dict[str, Any]) -> service.SaveOutcome:
    """Save as Hoa presses Save on the target page (a deletion or doubt confirmed)."""
    return service.save_grid(plan, ledger, WORKERS, frame, edits, people.hoa, "vi", confirmed=True)


# --- nil reports in the grid -------------------------------------------------------------


def test_a_nil_report_shows_as_one_and_stays_nil_when_its_note_is_edited(
    plan: Plan, ledger: Ledger, people: People
) -> None:
    nil_id = record_nil(plan, ledger, people.hoa, target_id=WORKERS, district=CM, period="2017-Q2")
    for lang, kind in (("vi", "Không có số liệu"), ("en", "Nil report")):
        frame = view(ledger, lang)
        shown = frame.iloc[at(frame, nil_id)]
        assert (shown["kind"], shown["quantity"], shown["ref_date"]) == (kind, "0", D(2017, 6, 30))
    frame = view(ledger)
    outcome = save(plan, ledger, people, frame, state(edited={at(frame, nil_id): {"note": "Phòng Kinh tế xác nhận"}}))
    assert outcome.status == "saved", outcome
    entry = ledger.entry(nil_id)
    assert entry is not None
    assert (entry.kind, entry.quantity, entry.note) == (EntryKind.nil, 0, "Phòng Kinh tế xác nhận")
    assert view(ledger).iloc[at(view(ledger), nil_id)]["kind"] == "Không có số liệu"  # not turned into a report


def test_a_nil_report_given_a_quantity_in_the_grid_is_refused(plan: Plan, ledger: Ledger, people: People) -> None:
    nil_id = record_nil(plan, ledger, people.hoa, target_id=WORKERS, district=CM, period="2017-Q2")
    frame = view(ledger)
    before = picture(ledger)
    outcome = save(plan, ledger, people, frame, state(edited={at(frame, nil_id): {"quantity": "450"}}))
    assert outcome.status == "invalid"
    assert [(p.row, p.column) for p in outcome.problems] == [(f"Bản ghi #{nil_id}", "quantity")]
    assert "báo cáo «không có số liệu» có số lượng 0" in outcome.problems[0].message
    assert picture(ledger) == before


# --- held back from the editor -----------------------------------------------------------


def test_rows_of_a_locked_period_are_held_back_and_for_a_district_account_other_districts_too(
    plan: Plan, ledger: Ledger, people: People
) -> None:
    march = ledger.record(make(450, D(2017, 3, 31), CM))
    may = ledger.record(make(300, D(2017, 5, 2), CM))
    gia_lam = ledger.record(make(200, D(2017, 5, 3), "Gia Lâm"))
    city = ledger.record(make(100, D(2017, 5, 4), None))
    approve_q2(plan, ledger, people)
    rows = ledger.entries_of(WORKERS)
    locks = locked_at(plan, ledger)
    assert is_locked(locks, CM, D(2017, 5, 2)) is not None and is_locked(locks, CM, D(2017, 7, 1)) is None

    editable, held = grid.held_back(rows, locks, frozenset())
    assert sorted(row.id for row in editable) == [march, gia_lam, city]
    assert [(h.row.id, h.lock.period if h.lock else None) for h in held] == [(may, "2017-Q2")]

    editable, held = grid.held_back(rows, locks, frozenset({CM}))
    assert [row.id for row in editable] == [march]
    assert {(h.row.id, h.lock is None) for h in held} == {(may, False), (gia_lam, True), (city, True)}


def test_a_whole_locked_period_holds_back_every_district_and_the_city(
    plan: Plan, ledger: Ledger, people: People
) -> None:
    ledger.record(make(300, D(2017, 5, 2), CM))
    ledger.record(make(100, D(2017, 5, 4), None))
    october = ledger.record(make(100, D(2017, 10, 4), "Ba Vì"))
    lock_period(plan, ledger, people.admin, "2017-Q2", "họp Ban Chỉ đạo 10/07")
    editable, held = grid.held_back(ledger.entries_of(WORKERS), locked_at(plan, ledger), frozenset())
    assert [row.id for row in editable] == [october]
    assert {h.lock.district for h in held if h.lock} == {"*"}


# --- the write refuses what the editor would not have offered -------------------------


def test_a_save_that_touches_a_row_locked_after_the_grid_was_read_is_refused_whole(
    plan: Plan, ledger: Ledger, people: People
) -> None:
    march = ledger.record(make(450, D(2017, 3, 31), CM))
    may = ledger.record(make(300, D(2017, 5, 2), CM))
    frame = view(ledger)  # read before the approval: both rows in the editor
    approve_q2(plan, ledger, people)
    before = picture(ledger)
    edits = state(edited={at(frame, march): {"quantity": "500"}, at(frame, may): {"note": "sửa sau khi duyệt"}})
    with pytest.raises(PeriodLockedError) as refused:
        save(plan, ledger, people, frame, edits)
    message = refused.value.message("vi")
    assert message.startswith(f"{CM}, Quý 2/2017 đã khoá từ ")
    assert f"bởi {ADMIN}: đã duyệt quý 2. Không ghi gì" in message
    assert picture(ledger) == before  # the March edit beside it is not written either


@pytest.mark.parametrize(
    "added",
    [
        pytest.param(new_row(ref_date="2017-05-20", quantity="80", district=CM), id="locked-period"),
        pytest.param(new_row(ref_date="2017-08-20", quantity="80", district="Gia Lâm"), id="other-district"),
        pytest.param(new_row(ref_date="2017-08-20", quantity="80"), id="city-wide"),
    ],
)
def test_a_district_editor_adding_a_row_they_may_not_write_is_refused_with_the_reason(
    plan: Plan, ledger: Ledger, people: People, added: dict[str, object]
) -> None:
    ledger.record(make(450, D(2017, 3, 31), CM))
    approve_q2(plan, ledger, people)
    editor = people.chuong_my
    frame = view(ledger)
    before = picture(ledger)
    batch = service.save_grid(plan, ledger, WORKERS, frame, state(added=[added]), editor, write=False).batch
    assert batch is not None
    with pytest.raises((PeriodLockedError, OutsideScopeError)) as refused:
        service.write_batch(ledger, batch, editor)
    message = refused.value.message("vi")
    if added["district"] == CM:
        assert message.startswith(f"{CM}, Quý 2/2017 đã khoá từ ")
    else:
        place = added["district"]
        assert message == (f"Tài khoản của bạn chỉ được ghi số liệu của {CM}; dòng này thuộc {place}. Không ghi gì.")
    assert picture(ledger) == before

    # their own district, in an open period: written
    mine = new_row(ref_date="2017-08-20", quantity="80", district=CM)
    assert service.save_grid(plan, ledger, WORKERS, view(ledger), state(added=[mine]), editor).status == "saved"


def test_moving_an_open_row_into_a_locked_period_is_refused(plan: Plan, ledger: Ledger, people: People) -> None:
    march = ledger.record(make(450, D(2017, 3, 31), CM))
    approve_q2(plan, ledger, people)
    frame = view(ledger)
    before = picture(ledger)
    with pytest.raises(PeriodLockedError):
        save(plan, ledger, people, frame, state(edited={at(frame, march): {"ref_date": "2017-04-01"}}))
    assert picture(ledger) == before


# --- set total --------------------------------------------------------------------------


def test_set_total_in_a_locked_period_or_by_a_district_account_is_refused(
    plan: Plan, ledger: Ledger, people: People
) -> None:
    ledger.record(make(450, D(2017, 3, 31), CM))
    lock_period(plan, ledger, people.admin, "2017-Q2", "họp Ban Chỉ đạo 10/07")
    before = picture(ledger)
    with pytest.raises(PeriodLockedError) as refused:
        service.set_total(
            plan, ledger, target_id=WORKERS, total="1000", as_of=dt.date(2017, 6, 30), credential=people.hoa
        )
    assert refused.value.message("vi").startswith("Toàn thành phố, Quý 2/2017 đã khoá từ ")
    assert refused.value.message("en").startswith("Whole city, Q2 2017 has been locked since ")
    with pytest.raises(OutsideScopeError):
        service.set_total(
            plan, ledger, target_id=WORKERS, total="1000", as_of=dt.date(2017, 9, 30), credential=people.chuong_my
        )
    assert picture(ledger) == before
    # an open period, an account not limited to districts: the adjustment is written
    adjustment, _ = service.set_total(
        plan, ledger, target_id=WORKERS, total="1000", as_of=dt.date(2017, 9, 30), credential=people.admin
    )
    assert adjustment is not None and ledger.entry(adjustment).quantity == Decimal(550)  # type: ignore[union-attr]


def test_a_nil_report_in_a_locked_period_is_refused(plan: Plan, ledger: Ledger, people: People) -> None:
    approve_q2(plan, ledger, people)
    with pytest.raises(PeriodLockedError):
        record_nil(plan, ledger, people.hoa, target_id=WORKERS, district=CM, period="2017-Q2")
    with pytest.raises(EntryError):  # a district the ledger does not know is an entry's mistake first
        record_nil(plan, ledger, people.hoa, target_id=WORKERS, district="Nowhere", period="2017-Q3")
    assert ledger.count_entries() == 0
