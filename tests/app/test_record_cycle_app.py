"""The record form under the reporting cycle (issue 19), on SQLite and PostgreSQL: a
district reports «nothing this period» for a target, asked first with the period named
(«Quý 2/2017»), and a second nil report is refused with the reason; a locked district and
period refuses a save and a nil report with the lock's own words, writing nothing and
keeping what was typed; a district office's account is offered its own district only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import PASSWORD, account, as_read, open_page
from tracker.domain.access import Credential, Role
from tracker.domain.entries import EntryKind
from tracker.domain.plan import Plan
from tracker.service.reporting import approve_period
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger

WORKERS = "workers-trained"
CM = "Chương Mỹ"
ADMIN = "Nguyễn Văn An"
SAVE, NIL = "Lưu bản ghi", "Báo cáo kỳ này không có số liệu"
NIL_CONFIRM, NIL_CANCEL = "Ghi «không có số liệu»", "Không ghi"
DISTRICT = ("Quận/huyện/thị xã", "District")


def button(app: AppTest, label: str) -> Any:
    return next(b for b in app.main.button if b.label == label)


def district_box(app: AppTest) -> Any:
    return next(box for box in app.selectbox if box.label in DISTRICT)


def fill(app: AppTest, day: dt.date, district: str | None = CM, quantity: str = "") -> AppTest:
    """Type into the form as a person does; nothing is pressed."""
    app.main.text_input[0].set_value(quantity)
    app.date_input[0].set_value(day)
    if district is not None:
        district_box(app).set_value(district)
    return app


def entries_in(url: str) -> list[tuple[dt.date, Decimal, str | None, EntryKind]]:
    ledger = Ledger(url)
    try:
        return [(row.ref_date, row.quantity, row.district, row.kind) for row in ledger.entries_of(WORKERS)]
    finally:
        ledger.dispose()


def approve_q2(url: str, plan: Plan) -> None:
    """The administrator approves Chương Mỹ's second quarter, which locks it."""
    ledger = Ledger(url)
    try:
        token, _ = Accounts(ledger.database).sign_in(account(url, ADMIN, Role.admin), PASSWORD)
        approve_period(plan, ledger, Credential(token=token), "2017-Q2", CM, "đã duyệt quý 2")
    finally:
        ledger.dispose()


def errors(app: AppTest) -> list[str]:
    return [as_read(error.value) for error in app.error]


@pytest.fixture
def form(monkeypatch: pytest.MonkeyPatch, database_url: str) -> AppTest:
    return open_page(monkeypatch, database_url, "pages/record.py", person="Trần Lan", query={"target": WORKERS})


def test_nothing_this_period_is_asked_with_the_period_named_then_recorded_once(
    form: AppTest, database_url: str
) -> None:
    app = button(fill(form, dt.date(2017, 5, 20)), NIL).click().run()
    assert not app.exception
    question = as_read(app.warning[0].value)
    assert question.startswith(
        "Ghi rằng **Chương Mỹ** không có số liệu «Đào tạo nghề cho lao động» trong **Quý 2/2017**"
    )
    assert "(01/04/2017–30/06/2017)" in question and "ngày 30/06/2017" in question
    assert entries_in(database_url) == []  # asked first: nothing written yet

    app = button(app, NIL_CONFIRM).click().run()
    assert not app.exception
    said = as_read(app.success[0].value)
    assert said == "Đã ghi báo cáo «không có số liệu» #1: Chương Mỹ, Quý 2/2017, «Đào tạo nghề cho lao động»."
    assert any(said == as_read(toast.value) for toast in app.toast)
    assert entries_in(database_url) == [(dt.date(2017, 6, 30), Decimal(0), CM, EntryKind.nil)]
    table = app.dataframe[-1].value  # the target's entries, under the form
    assert table.iloc[0]["Số lượng"] == "0"

    app = button(app, NIL).click().run()  # the same district and period again
    assert not app.exception
    assert not app.warning  # refused at once, not asked
    assert errors(app) == ["Chương Mỹ đã báo cáo «không có số liệu» cho «Đào tạo nghề cho lao động» trong Quý 2/2017."]
    assert len(entries_in(database_url)) == 1


def test_a_nil_report_where_figures_were_sent_is_refused_and_another_quarter_is_not(
    form: AppTest, database_url: str
) -> None:
    app = button(fill(form, dt.date(2017, 5, 20), quantity="450"), SAVE).click().run()
    assert app.success[0].value.startswith("Đã lưu bản ghi #1")
    app = button(fill(app, dt.date(2017, 6, 1)), NIL).click().run()
    assert errors(app) == ["Chương Mỹ đã có 1 bản ghi cho «Đào tạo nghề cho lao động» trong Quý 2/2017: "
                           "không thể báo cáo «không có số liệu»."]  # fmt: skip
    app = button(fill(app, dt.date(2017, 8, 1)), NIL).click().run()  # the third quarter is another period
    assert "trong **Quý 3/2017**" in as_read(app.warning[0].value)
    app = button(app, NIL_CANCEL).click().run()
    assert app.info[0].value == "Đã bỏ, không ghi báo cáo «không có số liệu»."
    assert len(entries_in(database_url)) == 1


def test_a_nil_report_needs_a_district_and_a_date_and_no_quantity(form: AppTest, database_url: str) -> None:
    app = button(form, NIL).click().run()
    message = errors(app)[0]
    assert message.startswith("Chưa ghi «không có số liệu» — hãy sửa các lỗi sau:")
    assert "chọn một ngày bất kỳ trong kỳ" in message and "chọn nơi không có số liệu" in message
    app = button(fill(app, dt.date(2017, 5, 20), quantity="12"), NIL).click().run()
    assert "báo cáo «không có số liệu» không có số lượng" in errors(app)[0]
    assert app.main.text_input[0].value == "12"  # what was typed stays
    assert entries_in(database_url) == []


def test_in_a_locked_period_the_form_refuses_with_the_lock_and_keeps_what_was_typed(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    approve_q2(database_url, plan)
    app = open_page(monkeypatch, database_url, "pages/record.py", person="Trần Lan", query={"target": WORKERS})
    app = button(fill(app, dt.date(2017, 5, 20), quantity="450"), SAVE).click().run()
    assert not app.exception
    message = errors(app)[0]
    assert message.startswith("Chương Mỹ, Quý 2/2017 đã khoá từ ")
    assert f"bởi {ADMIN}: đã duyệt quý 2. Không ghi gì; quản trị viên có thể mở lại kỳ này." in message
    assert any(message == as_read(toast.value) for toast in app.toast)
    assert app.main.text_input[0].value == "450" and app.date_input[0].value == dt.date(2017, 5, 20)
    assert entries_in(database_url) == []

    app = button(fill(app, dt.date(2017, 5, 20)), NIL).click().run()
    assert errors(app)[0].startswith("Chương Mỹ, Quý 2/2017 đã khoá từ ") and not app.warning
    app = button(fill(app, dt.date(2017, 7, 20), quantity="450"), SAVE).click().run()  # the third quarter is open
    assert app.success[0].value.startswith("Đã lưu bản ghi #1")
    assert entries_in(database_url) == [(dt.date(2017, 7, 20), Decimal(450), CM, EntryKind.report)]


def test_a_district_office_is_offered_its_own_district_only(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    username = account(database_url, "Lê Thu")
    ledger = Ledger(database_url)
    Accounts(ledger.database).set_districts(username, [CM])
    ledger.dispose()
    app = open_page(monkeypatch, database_url, "pages/record.py", person="Lê Thu", query={"target": WORKERS})
    box = district_box(app)
    assert box.options == [CM] and box.value == CM  # chosen already
    assert box.help == "Tài khoản của bạn ghi số liệu của Chương Mỹ."
    app.main.text_input[0].set_value("450")
    app.date_input[0].set_value(dt.date(2017, 5, 20))
    app = button(app, SAVE).click().run()
    assert app.success[0].value.startswith("Đã lưu bản ghi #1")
    assert entries_in(database_url) == [(dt.date(2017, 5, 20), Decimal(450), CM, EntryKind.report)]


def test_the_nil_question_speaks_english(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    app = open_page(
        monkeypatch, database_url, "pages/record.py", person="Trần Lan", query={"target": WORKERS, "lang": "en"}
    )
    app = button(fill(app, dt.date(2017, 11, 2)), "Report nothing for this period").click().run()
    question = as_read(app.warning[0].value)
    assert question.startswith("Record that **Chương Mỹ** has nothing for ")
    assert "in **Q4 2017** (01/10/2017–31/12/2017)?" in question
    app = button(app, "Record «nothing this period»").click().run()
    assert as_read(app.success[0].value).startswith("Recorded «nothing this period» #1: Chương Mỹ, Q4 2017, «")
