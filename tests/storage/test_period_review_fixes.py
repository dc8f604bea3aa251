"""The period book after review, on SQLite and PostgreSQL: a district is never "reopened"
alone while its whole period stays locked (the page said «Đã mở lại» and every write was
still refused), and a reason is checked as every typed text is, for each action that
stores one: refused (never cut short) when too long or holding a hidden character.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tracker.domain.entries import ValidEntry
from tracker.domain.periods import ALL_DISTRICTS, ReportingPeriod
from tracker.domain.plan import Plan
from tracker.i18n import HANOI_TIME
from tracker.storage.ledger import Ledger
from tracker.storage.periods import MAX_REASON, PeriodBook, PeriodError, PeriodLockedError, PeriodStatus, StatusRow

ADMIN = "Nguyễn Văn An"
CHUONG_MY, BA_VI = "Chương Mỹ", "Ba Vì"


def quarter(plan: Plan, name: str) -> ReportingPeriod:
    period = plan.reporting_period(name)
    assert period is not None
    return period


def today() -> str:
    return dt.datetime.now(HANOI_TIME).strftime("%d/%m/%Y")


def status(book: PeriodBook, period: str, place: str) -> StatusRow | None:
    return next((row for row in book.statuses() if (row.period, row.district) == (period, place)), None)


def figure(district: str, day: dt.date) -> ValidEntry:
    return ValidEntry("workers-trained", day, Decimal(3), district, None, None, "Minh")


@pytest.fixture
def book(ledger: Ledger, plan: Plan) -> PeriodBook:
    return PeriodBook(ledger.database, plan.id)


# --- a district's reopen under a whole-period lock ----------------------------------------


def test_a_district_is_not_reopened_alone_while_its_whole_period_is_locked(
    book: PeriodBook, plan: Plan, ledger: Ledger
) -> None:
    q2 = quarter(plan, "2017-Q2")
    book.approve(q2, CHUONG_MY, ADMIN, "đã duyệt")
    book.lock_all(q2, ADMIN, "họp quý 2")
    statuses, events = book.statuses(), book.events()

    for place in (CHUONG_MY, BA_VI):  # approved before the lock, and never approved
        for _ in range(2):  # a second press says the same, never «không bị khoá»
            with pytest.raises(PeriodError) as refused:
                book.reopen(q2, place, ADMIN, "sửa số liệu")
            assert refused.value.code == "whole_locked"
            assert refused.value.message("vi") == (
                f"Quý 2/2017 đang khoá cho mọi quận, huyện từ {today()} bởi {ADMIN}: họp quý 2. "
                f"Không thể mở lại riêng {place}: hãy mở lại cả kỳ (cho mọi quận, huyện). Không thay đổi gì."
            )
            assert refused.value.message("en") == (
                f"Q2 2017 is locked for every district since {today()} by {ADMIN}: họp quý 2. "
                f"{place} cannot be reopened alone: reopen the whole period (for every district). Nothing was changed."
            )
    assert (book.statuses(), book.events()) == (statuses, events)
    with pytest.raises(PeriodLockedError):
        ledger.record(figure(CHUONG_MY, dt.date(2017, 5, 2)))

    assert book.reopen(q2, ALL_DISTRICTS, ADMIN, "cho sửa quý 2") == 2  # the way the message points to
    ledger.record(figure(CHUONG_MY, dt.date(2017, 5, 2)))
    assert ledger.count_entries() == 1


def test_a_district_approved_in_another_period_is_still_reopened_alone(book: PeriodBook, plan: Plan) -> None:
    """Only the whole lock of the same period stands in the way."""
    book.approve(quarter(plan, "2017-Q3"), CHUONG_MY, ADMIN, "quý 3")
    book.lock_all(quarter(plan, "2017-Q2"), ADMIN, "họp quý 2")
    assert book.reopen(quarter(plan, "2017-Q3"), CHUONG_MY, ADMIN, "sửa quý 3") == 1
    row = status(book, "2017-Q3", CHUONG_MY)
    assert row is not None and row.status == PeriodStatus.open


def test_a_district_submit_or_approve_under_a_whole_lock_says_the_lock(book: PeriodBook, plan: Plan) -> None:
    q2 = quarter(plan, "2017-Q2")
    book.lock_all(q2, ADMIN, "họp quý 2")
    events = book.events()
    moves = (lambda: book.submit(q2, BA_VI, "Phòng Kinh tế Ba Vì", None), lambda: book.approve(q2, BA_VI, ADMIN))
    for move in moves:
        with pytest.raises(PeriodLockedError) as refused:
            move()
        assert refused.value.message("vi") == (
            f"Ba Vì, Quý 2/2017 đã khoá từ {today()} bởi {ADMIN}: họp quý 2. "
            "Không ghi gì; quản trị viên có thể mở lại kỳ này."
        )
    assert book.events() == events


# --- reasons -------------------------------------------------------------------------------


def test_a_reason_too_long_is_refused_never_cut_short(book: PeriodBook, plan: Plan) -> None:
    q2, q3 = quarter(plan, "2017-Q2"), quarter(plan, "2017-Q3")
    long = "x" * (MAX_REASON + 1)
    actions = (
        lambda: book.approve(q2, CHUONG_MY, ADMIN, "x" * 100_000),  # stored whole before
        lambda: book.lock_all(q3, ADMIN, long),  # cut to 500 before
    )
    for act in actions:
        with pytest.raises(PeriodError) as refused:
            act()
        assert (
            refused.value.message("vi")
            == f"Lý do quá dài (tối đa {MAX_REASON} ký tự): hãy viết ngắn lại. Không thay đổi gì."
        )
        assert refused.value.message("en") == (
            f"The reason is too long (at most {MAX_REASON} characters): shorten it. Nothing was changed."
        )
    assert (book.statuses(), book.events()) == ([], [])

    book.approve(q2, CHUONG_MY, ADMIN, "y" * MAX_REASON)  # the limit itself is allowed
    with pytest.raises(PeriodError) as refused:
        book.reopen(q2, CHUONG_MY, ADMIN, long)
    assert refused.value.code == "reason_too_long"
    row = status(book, "2017-Q2", CHUONG_MY)
    assert row is not None and row.status == PeriodStatus.approved and row.reason == "y" * MAX_REASON


def test_a_reason_with_a_hidden_or_control_character_is_refused(book: PeriodBook, plan: Plan) -> None:
    q2 = quarter(plan, "2017-Q2")
    escape = "họp \x1b[2J\x1b]0;owned\x07 xong"  # clears a terminal that prints it
    for act in (
        lambda: book.approve(q2, CHUONG_MY, ADMIN, escape),
        lambda: book.lock_all(q2, ADMIN, escape),
        lambda: book.lock_all(q2, ADMIN, "họp\u202equý 2"),  # a direction override
    ):
        with pytest.raises(PeriodError) as refused:
            act()
        assert refused.value.code == "reason_hidden_character"
    assert refused.value.message("vi") == (
        "Lý do chứa ký tự ẩn U+202E (ký tự điều khiển, đảo chiều hoặc không độ rộng); "
        "hãy gõ lại thay vì dán. Không thay đổi gì."
    )
    assert refused.value.message("en") == (
        "The reason contains the hidden character U+202E (a control, direction or zero-width character); "
        "type it instead of pasting. Nothing was changed."
    )
    book.approve(q2, CHUONG_MY, ADMIN, "đã duyệt")
    with pytest.raises(PeriodError) as refused:
        book.reopen(q2, CHUONG_MY, ADMIN, escape)
    assert refused.value.message("en").startswith("The reason contains the hidden character U+001B")
    assert [event.reason for event in book.events()] == ["đã duyệt"]


def test_a_reason_is_stored_as_typed_text_blank_approval_none(book: PeriodBook, plan: Plan) -> None:
    q2 = quarter(plan, "2017-Q2")
    book.approve(q2, CHUONG_MY, ADMIN, "   ")  # optional for an approval: blank is none
    book.approve(q2, BA_VI, ADMIN, "  đã   xem\u00a0kỹ ")
    book.lock_all(quarter(plan, "2017-Q3"), ADMIN, " họp\r\nquý  3\t")  # typed over two lines: one line
    assert [(event.district, event.reason) for event in reversed(book.events())] == [
        (CHUONG_MY, None),
        (BA_VI, "đã xem kỹ"),
        (ALL_DISTRICTS, "họp quý 3"),
    ]
    row = status(book, "2017-Q2", CHUONG_MY)
    assert row is not None and row.reason is None
    for act in (lambda: book.lock_all(q2, ADMIN, "  "), lambda: book.reopen(q2, CHUONG_MY, ADMIN, "\n")):
        with pytest.raises(PeriodError) as refused:  # required for a lock and a reopen
            act()
        assert refused.value.code == "reason_required"
