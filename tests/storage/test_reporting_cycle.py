"""The reporting cycle's storage, on SQLite and PostgreSQL: a district-period's status
moves open → submitted → approved and back only by a reopen with a reason, each move a
row of the history (who, when, why); nil reports ("nothing this period") are entries that
say so once and change no figure; accounts carry the districts they may write.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from tests.storage.reporting_writes import held
from tracker.domain.entries import EntryKind, ValidEntry, validate_entry
from tracker.domain.periods import ALL_DISTRICTS, CITY, ReportingPeriod
from tracker.domain.plan import Plan
from tracker.storage.accounts import AccountError, Accounts
from tracker.storage.ledger import Action, Ledger, NewBatch, NilReportError, TakenError
from tracker.storage.periods import (
    OutsideScopeError,
    PeriodAction,
    PeriodBook,
    PeriodError,
    PeriodLockedError,
    PeriodStatus,
    StatusRow,
)

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "mật-khẩu-đủ-dài-2017"
ADMIN = "Nguyễn Văn An"
OFFICE = "Phòng Kinh tế Chương Mỹ"
CHUONG_MY = "Chương Mỹ"
THUONG_TIN = "Thường Tín"
BA_VI = "Ba Vì"
WORKERS = "workers-trained"
EXPORTS = "craft-village-exports"  # a level figure (million USD), owed by the city
YEAR_END = dt.date(2017, 12, 31)


def quarter(plan: Plan, name: str) -> ReportingPeriod:
    period = plan.reporting_period(name)
    assert period is not None
    return period


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@pytest.fixture
def book(ledger: Ledger, plan: Plan) -> PeriodBook:
    return PeriodBook(ledger.database, plan.id)


@pytest.fixture
def accounts(ledger: Ledger) -> Accounts:
    return Accounts(ledger.database, hasher=CHEAP)


def status(book: PeriodBook, period: str, place: str) -> StatusRow | None:
    return next((row for row in book.statuses() if (row.period, row.district) == (period, place)), None)


def shown_status(book: PeriodBook, period: str, place: str) -> PeriodStatus:
    row = status(book, period, place)
    return PeriodStatus.open if row is None else row.status


def report(plan: Plan, district: str | None, day: dt.date, quantity: int | str, target: str = WORKERS) -> ValidEntry:
    return validate_entry(plan, target_id=target, quantity=quantity, ref_date=day, district=district,
                          entered_by=OFFICE)  # fmt: skip


def nil(plan: Plan, district: str | None, period: ReportingPeriod, target: str = WORKERS) -> ValidEntry:
    return validate_entry(plan, target_id=target, quantity=0, ref_date=period.end, district=district,
                          entered_by=OFFICE, kind=EntryKind.nil)  # fmt: skip


# --- submit, approve, lock, reopen ---------------------------------------------------------


def test_a_district_period_is_submitted_then_approved_each_step_in_the_history(
    book: PeriodBook, plan: Plan, ledger: Ledger
) -> None:
    q2 = quarter(plan, "2017-Q2")
    assert shown_status(book, "2017-Q2", CHUONG_MY) == PeriodStatus.open and book.events() == []
    started = now()
    book.submit(q2, CHUONG_MY, OFFICE, None)
    submitted = status(book, "2017-Q2", CHUONG_MY)
    assert submitted is not None
    assert (submitted.status, submitted.changed_by, submitted.reason) == (PeriodStatus.submitted, OFFICE, None)
    assert (submitted.start, submitted.end, submitted.first_approved_at) == (q2.start, q2.end, None)
    assert not submitted.locks
    ledger.record(report(plan, CHUONG_MY, dt.date(2017, 6, 1), 40))  # submitted is not locked: still writable

    book.approve(q2, CHUONG_MY, ADMIN, "đã duyệt quý 2")
    ended = now()
    approved = status(book, "2017-Q2", CHUONG_MY)
    assert approved is not None and approved.locks
    assert (approved.status, approved.changed_by, approved.reason) == (PeriodStatus.approved, ADMIN, "đã duyệt quý 2")
    assert approved.first_approved_at == approved.changed_at
    assert started <= submitted.changed_at <= approved.changed_at <= ended

    events = book.events()
    assert [(e.action, e.status_before, e.status_after, e.changed_by, e.reason, e.district, e.period)
            for e in events] == [
        (PeriodAction.approve, PeriodStatus.submitted, PeriodStatus.approved, ADMIN, "đã duyệt quý 2", CHUONG_MY,
         "2017-Q2"),
        (PeriodAction.submit, PeriodStatus.open, PeriodStatus.submitted, OFFICE, None, CHUONG_MY, "2017-Q2"),
    ]  # fmt: skip
    assert [e.changed_at for e in events] == [approved.changed_at, submitted.changed_at]
    assert book.events(limit=1) == events[:1]
    assert PeriodBook(ledger.database, "hanoi-craft-villages-2018").events() == []  # another plan's history


def test_moves_a_status_does_not_allow_are_refused_and_write_nothing(
    book: PeriodBook, plan: Plan, ledger: Ledger
) -> None:
    q2 = quarter(plan, "2017-Q2")
    with pytest.raises(PeriodError) as nothing_to_reopen:
        book.reopen(q2, CHUONG_MY, ADMIN, "mở lại")
    assert nothing_to_reopen.value.message("vi") == "Chương Mỹ, Quý 2/2017 không bị khoá: không có gì để mở lại."
    with pytest.raises(PeriodError) as nothing_locked:
        book.reopen(q2, ALL_DISTRICTS, ADMIN, "mở lại")
    assert nothing_locked.value.code == "not_locked"

    book.approve(q2, CHUONG_MY, ADMIN, "đã duyệt quý 2")  # straight from open: an administrator may
    events, revision = book.events(), ledger.revision()
    with pytest.raises(PeriodError) as resubmitted:
        book.submit(q2, CHUONG_MY, OFFICE, None)
    assert resubmitted.value.message("vi") == (
        "Chương Mỹ, Quý 2/2017 đang ở trạng thái «đã duyệt»: chỉ kỳ đang mở mới gửi được."
    )
    with pytest.raises(PeriodError) as reapproved:
        book.approve(q2, CHUONG_MY, ADMIN, "duyệt lần nữa")
    assert reapproved.value.message("en") == (
        "Chương Mỹ, Q2 2017 is «approved»: only a submitted or open period can be approved."
    )
    assert (book.events(), ledger.revision()) == (events, revision)

    book.lock_all(q2, ADMIN, "đã họp Ban Chỉ đạo")
    events = book.events()
    with pytest.raises(PeriodError) as relocked:
        book.lock_all(q2, ADMIN, "khoá lần nữa")
    assert relocked.value.message("vi") == "Quý 2/2017 đã khoá cho mọi quận, huyện."
    with pytest.raises(PeriodError) as no_reason:
        book.lock_all(quarter(plan, "2017-Q3"), ADMIN, " ")
    assert no_reason.value.code == "reason_required"
    for move in (lambda: book.submit(q2, THUONG_TIN, OFFICE, None), lambda: book.approve(q2, THUONG_TIN, ADMIN)):
        with pytest.raises(PeriodLockedError):  # the whole quarter is locked: no district moves inside it
            move()
    assert book.events() == events and shown_status(book, "2017-Q2", THUONG_TIN) == PeriodStatus.open


def test_reopening_a_whole_period_reopens_its_lock_and_every_approval_in_it(
    book: PeriodBook, plan: Plan, ledger: Ledger
) -> None:
    q2, q3 = quarter(plan, "2017-Q2"), quarter(plan, "2017-Q3")
    book.approve(q2, CHUONG_MY, ADMIN, "đã duyệt")
    book.submit(q2, THUONG_TIN, OFFICE, None)
    book.approve(q2, THUONG_TIN, ADMIN)
    book.submit(q2, BA_VI, OFFICE, None)  # submitted, never approved: it stays as it is
    book.approve(q3, CHUONG_MY, ADMIN, "quý 3")  # another quarter: it stays locked
    book.lock_all(q2, ADMIN, "đã họp Ban Chỉ đạo")
    approved = status(book, "2017-Q2", CHUONG_MY)
    assert approved is not None and approved.first_approved_at is not None
    before = len(book.events())

    assert book.reopen(q2, ALL_DISTRICTS, ADMIN, "Ban Chỉ đạo cho sửa số liệu quý 2") == 3
    assert {place: shown_status(book, "2017-Q2", place) for place in (CHUONG_MY, THUONG_TIN, ALL_DISTRICTS, BA_VI)} == {
        CHUONG_MY: PeriodStatus.open,
        THUONG_TIN: PeriodStatus.open,
        ALL_DISTRICTS: PeriodStatus.open,
        BA_VI: PeriodStatus.submitted,
    }
    assert shown_status(book, "2017-Q3", CHUONG_MY) == PeriodStatus.approved
    reopened = book.events()[:3]
    assert len(book.events()) == before + 3
    assert {e.district: (e.action, e.status_before, e.reason, e.changed_by) for e in reopened} == {
        CHUONG_MY: (PeriodAction.reopen, PeriodStatus.approved, "Ban Chỉ đạo cho sửa số liệu quý 2", ADMIN),
        THUONG_TIN: (PeriodAction.reopen, PeriodStatus.approved, "Ban Chỉ đạo cho sửa số liệu quý 2", ADMIN),
        ALL_DISTRICTS: (PeriodAction.reopen, PeriodStatus.locked, "Ban Chỉ đạo cho sửa số liệu quý 2", ADMIN),
    }
    for place in (CHUONG_MY, THUONG_TIN, None):
        ledger.record(report(plan, place, dt.date(2017, 5, 2), 10))
    with pytest.raises(PeriodLockedError):
        ledger.record(report(plan, CHUONG_MY, dt.date(2017, 8, 2), 10))

    book.approve(q2, CHUONG_MY, ADMIN, "duyệt lại")  # approved again: the first approval is still the first
    again = status(book, "2017-Q2", CHUONG_MY)
    assert again is not None and again.first_approved_at == approved.first_approved_at != again.changed_at


def test_a_scoped_account_submits_only_its_own_districts(
    book: PeriodBook, plan: Plan, accounts: Accounts, ledger: Ledger
) -> None:
    accounts.add_user("cm", OFFICE, "editor", PASSWORD, districts=[CHUONG_MY])
    q2 = quarter(plan, "2017-Q2")
    revision = ledger.revision()
    for place in (THUONG_TIN, CITY):
        with pytest.raises(OutsideScopeError) as refused:
            book.submit(q2, place, OFFICE, "cm")
        assert refused.value.message("vi").endswith(
            f"dòng này thuộc {THUONG_TIN if place == THUONG_TIN else 'Toàn thành phố'}. Không ghi gì."
        )
    assert (book.statuses(), book.events(), ledger.revision()) == ([], [], revision)
    book.submit(q2, CHUONG_MY, OFFICE, "cm")
    assert shown_status(book, "2017-Q2", CHUONG_MY) == PeriodStatus.submitted
    book.submit(q2, THUONG_TIN, "Sở Công Thương", None)  # an account with no district submits any
    assert shown_status(book, "2017-Q2", THUONG_TIN) == PeriodStatus.submitted


def test_an_approval_without_a_reason_says_so_in_the_refusal(book: PeriodBook, plan: Plan, ledger: Ledger) -> None:
    book.approve(quarter(plan, "2017-Q2"), CHUONG_MY, ADMIN)
    with pytest.raises(PeriodLockedError) as refused:
        ledger.record(report(plan, CHUONG_MY, dt.date(2017, 4, 1), 5))
    said = refused.value.message("vi")
    assert said.startswith("Chương Mỹ, Quý 2/2017 đã khoá từ ") and said.endswith(
        f"bởi {ADMIN} (đã duyệt). Không ghi gì; quản trị viên có thể mở lại kỳ này."
    )


# --- nil reports -------------------------------------------------------------------------------


def test_a_nil_report_then_an_entry_of_the_same_period_is_allowed(ledger: Ledger, plan: Plan) -> None:
    q2 = quarter(plan, "2017-Q2")
    nil_id = ledger.record_nil(nil(plan, CHUONG_MY, q2), q2)
    stored = ledger.entry(nil_id)
    assert stored is not None
    assert (stored.kind, stored.quantity, stored.ref_date, stored.district) == (EntryKind.nil, 0, q2.end, CHUONG_MY)
    assert [change.action for change in ledger.changes_of(nil_id)] == [Action.create]
    ledger.record(report(plan, CHUONG_MY, dt.date(2017, 6, 2), 40))  # a late figure after all
    (receipt,) = ledger.receipts([(q2.name, q2.start, q2.end)])
    assert (receipt.target_id, receipt.district, receipt.period, receipt.entries, receipt.nil) == (
        WORKERS,
        CHUONG_MY,
        "2017-Q2",
        2,
        1,
    )


def test_a_nil_report_is_refused_twice_and_after_entries_with_nothing_written(ledger: Ledger, plan: Plan) -> None:
    q2 = quarter(plan, "2017-Q2")
    ledger.record_nil(nil(plan, CHUONG_MY, q2), q2)
    before = held(ledger, plan)
    with pytest.raises(NilReportError) as twice:
        ledger.record_nil(nil(plan, CHUONG_MY, q2), q2)
    assert twice.value.code == "nil_twice"
    assert twice.value.message("vi") == (f"Chương Mỹ đã báo cáo «không có số liệu» cho «{WORKERS}» trong Quý 2/2017.")
    assert held(ledger, plan) == before

    ledger.record(report(plan, THUONG_TIN, dt.date(2017, 4, 3), 25))
    ledger.record(report(plan, THUONG_TIN, dt.date(2017, 6, 30), 5))
    before = held(ledger, plan)
    with pytest.raises(NilReportError) as after_entries:
        ledger.record_nil(nil(plan, THUONG_TIN, q2), q2)
    assert (after_entries.value.code, after_entries.value.params["count"]) == ("nil_with_entries", 2)
    assert "Thường Tín already has 2 entries for" in after_entries.value.message("en")
    assert held(ledger, plan) == before

    # What another place, target or period holds does not count: each is nil on its own.
    ledger.record_nil(nil(plan, None, q2), q2)
    ledger.record_nil(nil(plan, THUONG_TIN, q2, target="managers-trained"), q2)
    ledger.record_nil(nil(plan, THUONG_TIN, quarter(plan, "2017-Q3")), quarter(plan, "2017-Q3"))
    assert ledger.count_entries() == 6


def test_a_nil_report_changes_no_figure(ledger: Ledger, plan: Plan) -> None:
    q3, q4 = quarter(plan, "2017-Q3"), quarter(plan, "2017-Q4")
    ledger.record(report(plan, CHUONG_MY, dt.date(2017, 3, 1), 120))
    ledger.record(report(plan, None, dt.date(2017, 6, 30), "180,5", target=EXPORTS))
    figures = ledger.achieved(YEAR_END, [WORKERS], [EXPORTS])
    by_district = ledger.totals_by_district(WORKERS, YEAR_END)
    levels = ledger.daily_levels(EXPORTS, YEAR_END)

    ledger.record_nil(nil(plan, THUONG_TIN, q3), q3)
    ledger.record_nil(nil(plan, CHUONG_MY, q4), q4)
    # a district's nil, newer than the city's level: read as a level it would replace 180,5 by 0
    ledger.record_nil(nil(plan, "Gia Lâm", q3, target=EXPORTS), q3)
    ledger.record_nil(nil(plan, None, q4, target=EXPORTS), q4)
    assert (
        ledger.achieved(YEAR_END, [WORKERS], [EXPORTS])
        == figures
        == {
            WORKERS: Decimal(120),
            EXPORTS: Decimal("180.5"),
        }
    )
    assert ledger.daily_levels(EXPORTS, YEAR_END) == levels
    assert {place: total for place, total in ledger.totals_by_district(WORKERS, YEAR_END).items() if total} == {
        place: total for place, total in by_district.items() if total
    }


def test_a_nil_report_is_reverted_like_any_entry(ledger: Ledger, plan: Plan) -> None:
    q2 = quarter(plan, "2017-Q2")
    nil_id = ledger.record_nil(nil(plan, CHUONG_MY, q2), q2)
    revision = ledger.revision()
    (created,) = ledger.changes_of(nil_id)
    ledger.revert(created.id, by=ADMIN)
    gone = ledger.entry(nil_id)
    assert gone is not None and gone.deleted and ledger.revision() > revision
    reverted = ledger.changes_of(nil_id)[-1]
    assert (reverted.action, reverted.reverts_change_id, reverted.changed_by, reverted.after) == (
        Action.revert,
        created.id,
        ADMIN,
        None,
    )
    assert reverted.before is not None and reverted.before["kind"] == "nil"
    assert ledger.receipts([(q2.name, q2.start, q2.end)]) == []  # nothing said for the period any more
    ledger.record(report(plan, CHUONG_MY, dt.date(2017, 5, 5), 7))  # and the figure that was missing
    assert ledger.count_entries() == 1


def test_a_nil_report_dated_outside_its_period_is_refused(ledger: Ledger, plan: Plan) -> None:
    q2, q3 = quarter(plan, "2017-Q2"), quarter(plan, "2017-Q3")
    ledger.record(report(plan, CHUONG_MY, dt.date(2017, 8, 1), 5))  # Q3 has a figure; Q2 none
    revision = ledger.revision()
    with pytest.raises(ValueError, match="2017-Q2"):  # checked for Q2, it would land in Q3 beside that figure
        ledger.record_nil(nil(plan, CHUONG_MY, q3), q2)
    assert ledger.revision() == revision and ledger.count_entries() == 1


def test_an_import_s_nil_report_is_refused_when_another_was_recorded_since_its_preview(
    ledger: Ledger, plan: Plan
) -> None:
    """The preview found Chương Mỹ silent and read its 0 as a nil report; meanwhile the
    office reported nil from the form. Saved as well, it would say "nothing" twice."""
    q2 = quarter(plan, "2017-Q2")
    ledger.record_nil(nil(plan, CHUONG_MY, q2), q2)
    before = held(ledger, plan)
    adds = [report(plan, THUONG_TIN, dt.date(2017, 5, 1), 30), nil(plan, CHUONG_MY, q2), nil(plan, BA_VI, q2)]
    batch = NewBatch(file_name="quy-2.xlsx", sha256="0" * 64, rows=3, new=3, changed=0, unchanged=0)
    with pytest.raises(TakenError) as taken:
        ledger.import_batch(adds=adds, edits=[], batch=batch, by=OFFICE)
    assert taken.value.positions == [1]
    assert held(ledger, plan) == before
    ledger.import_batch(adds=[adds[0], adds[2]], edits=[], batch=batch, by=OFFICE)
    receipts = {(r.district, r.nil) for r in ledger.receipts([(q2.name, q2.start, q2.end)])}
    assert receipts == {(CHUONG_MY, 1), (BA_VI, 1), (THUONG_TIN, 0)}


def test_two_nil_reports_at_once_one_is_saved_and_the_other_told(database_url: str, plan: Plan) -> None:
    q2 = quarter(plan, "2017-Q2")
    offices = [Ledger(database_url), Ledger(database_url)]
    barrier = threading.Barrier(2)

    def say_nothing(office: Ledger) -> int | BaseException:
        barrier.wait()
        try:
            return office.record_nil(nil(plan, CHUONG_MY, q2), q2)
        except NilReportError as error:
            return error

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            outcomes = list(pool.map(say_nothing, offices))
        saved = [o for o in outcomes if isinstance(o, int)]
        refused = [o for o in outcomes if isinstance(o, NilReportError)]
        assert len(saved) == 1 and [error.code for error in refused] == ["nil_twice"]
        assert [(r.entries, r.nil) for r in offices[0].receipts([(q2.name, q2.start, q2.end)])] == [(1, 1)]
    finally:
        for office in offices:
            office.dispose()


# --- accounts and their districts ----------------------------------------------------------------


def test_an_account_is_scoped_to_districts_spelt_as_people_type_them(accounts: Accounts) -> None:
    made = accounts.add_user("cm", OFFICE, "editor", PASSWORD,
                             districts=["chuong my", "Huyện Thường Tín", "  CHƯƠNG MỸ "])  # fmt: skip
    assert made.districts == (CHUONG_MY, THUONG_TIN)
    accounts.add_user("lan", "Nguyễn Thị Lan", "admin", PASSWORD)
    listed = {user.username: user.districts for user in accounts.list_users()}
    assert listed == {"cm": (CHUONG_MY, THUONG_TIN), "lan": ()}
    assert accounts.sign_in("cm", PASSWORD)[1].districts == (CHUONG_MY, THUONG_TIN)
    assert accounts.set_districts("cm", ["ba vi"]) == (BA_VI,)
    assert {user.username: user.districts for user in accounts.list_users()}["cm"] == (BA_VI,)


def scope_rows(ledger: Ledger) -> list[tuple[str, str]]:
    with ledger.database.engine.connect() as connection:
        found = connection.execute(sa.text("SELECT username, district FROM user_districts ORDER BY 1, 2"))
        return [(str(name), str(district)) for name, district in found]


def test_an_unknown_district_is_refused_and_nothing_is_written(accounts: Accounts, ledger: Ledger) -> None:
    accounts.add_user("cm", OFFICE, "editor", PASSWORD, districts=[CHUONG_MY])
    revision, users, scopes = ledger.revision(), accounts.list_users(), scope_rows(ledger)
    for wrong in (["Chương Mỹ", "Atlantis"], ["toàn thành phố"], [""]):
        with pytest.raises(AccountError) as refused:
            accounts.add_user("tt", "Phòng Kinh tế Thường Tín", "editor", PASSWORD, districts=wrong)
        assert refused.value.code == "unknown_district"
        with pytest.raises(AccountError) as not_set:
            accounts.set_districts("cm", wrong)
        assert not_set.value.code == "unknown_district"
    with pytest.raises(AccountError) as named:
        accounts.set_districts("cm", ["Atlantis"])
    assert "«Atlantis»" in named.value.message("vi")
    assert (ledger.revision(), accounts.list_users(), scope_rows(ledger)) == (revision, users, scopes)


def test_removing_an_account_removes_its_districts(accounts: Accounts, ledger: Ledger) -> None:
    accounts.add_user("lan", "Nguyễn Thị Lan", "admin", PASSWORD)
    accounts.add_user("cm", OFFICE, "editor", PASSWORD, districts=[CHUONG_MY, BA_VI])
    accounts.add_user("tt", "Phòng Kinh tế Thường Tín", "editor", PASSWORD, districts=[THUONG_TIN])
    accounts.remove_user("cm")
    assert scope_rows(ledger) == [("tt", THUONG_TIN)]
    again = accounts.add_user("cm", OFFICE, "editor", PASSWORD)  # the name again: no district left over
    assert again.districts == () and {u.username: u.districts for u in accounts.list_users()}["cm"] == ()
