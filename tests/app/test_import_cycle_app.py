"""The import page through AppTest under the reporting cycle: a district office's editor
gets a template of their district, their preview marks other places' rows as errors and
saves nothing, a 0 saves a nil report; a lock that lands between the preview and the
save is said and nothing is written; an undo in a locked period is refused with the lock."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import account, as_read, open_page, sign_in_as
from tracker.domain.entries import EntryKind
from tracker.domain.plan import Plan
from tracker.domain.reports import PeriodKind, ReportPeriod
from tracker.present.template import template_rows, template_xlsx
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.storage.periods import PeriodBook

PAGE = "pages/imports.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CM, BA_VI = "Chương Mỹ", "Ba Vì"
OFFICE = "Lê Thu"  # the Chương Mỹ office's editor
Q1 = ReportPeriod(2017, PeriodKind.quarter, 1)


def report(plan: Plan, districts: Sequence[str], figures: dict[int, object]) -> bytes:
    """The first quarter's template of ``districts`` (six targets each), some quantities filled in."""
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(plan, template_rows(plan, districts, [Q1]))))
    for row, value in figures.items():
        workbook["Số liệu"].cell(row, 5).value = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def office_page(monkeypatch: pytest.MonkeyPatch, url: str) -> AppTest:
    """The import page, signed in as the Chương Mỹ office's editor."""
    username = account(url, OFFICE)
    ledger = Ledger(url)
    try:
        Accounts(ledger.database).set_districts(username, [CM])
    finally:
        ledger.dispose()
    app = open_page(monkeypatch, url, PAGE)
    return sign_in_as(app, url, OFFICE)


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader[0].set_value((name, data, XLSX)).run()
    assert not app.exception
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def button(app: AppTest, starts: str) -> object:
    return next(b for b in app.button if b.label.startswith(starts))


def stored(url: str) -> list[tuple[str, str | None, Decimal, EntryKind]]:
    ledger = Ledger(url)
    try:
        return sorted((e.target_id, e.district, e.quantity, e.kind) for e in ledger.entries_where())
    finally:
        ledger.dispose()


def approve_q1(url: str, plan: Plan) -> None:
    """An administrator approves Chương Mỹ's first quarter (elsewhere, meanwhile)."""
    ledger = Ledger(url)
    try:
        PeriodBook(ledger.database, plan.id).approve(plan.reporting_periods()[0], CM, "Nguyễn Văn An", "đã duyệt")
    finally:
        ledger.dispose()


def test_a_district_office_imports_its_own_rows_only(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    app = office_page(monkeypatch, database_url)
    infos = [as_read(info.value) for info in app.info]
    assert any(text.startswith("Tài khoản của bạn nhập số liệu của Chương Mỹ: mẫu báo cáo chỉ có") for text in infos)
    district = app.selectbox(key="import_template_district_mine")
    assert district.options == [CM] and district.value == CM  # the template holds Chương Mỹ's rows only

    # a file with Ba Vì's rows too (rows 8-13): those are errors, named, and nothing can be saved
    upload(app, "bao-cao.xlsx", report(plan, [CM, BA_VI], {2: 40, 8: 25}))
    assert metrics(app)["Lỗi"] == "1" and metrics(app)["Mới"] == "1"
    [error] = [as_read(e.value) for e in app.error]
    assert "dòng 8: Quận/huyện: dòng này thuộc Ba Vì; tài khoản của bạn chỉ được ghi số liệu của Chương Mỹ" in error
    assert button(app, "Lưu 1 thay đổi").disabled  # type: ignore[attr-defined]
    assert stored(database_url) == []

    # its own quarter: a figure, and a 0 that says «nothing this period»
    upload(app, "bao-cao-chuong-my.xlsx", report(plan, [CM], {2: 40, 3: 0}))
    assert metrics(app) == {
        "Lỗi": "0",
        "Mới": "1",
        "Thay đổi": "0",
        "Không có số liệu": "1",
        "Không đổi": "0",
        "Để trống": "4",
    }
    rows = app.dataframe[1].value
    assert rows[rows["Kết quả"] == "Không có số liệu"]["Số lượng"].tolist() == [
        "0: không có số liệu kỳ này (Quý 1/2017)"
    ]
    button(app, "Lưu 2 thay đổi").click().run()  # type: ignore[attr-defined]
    assert not app.exception
    assert any("1 báo cáo «không có số liệu kỳ này»" in s.value for s in app.success)
    assert stored(database_url) == [
        ("managers-trained", CM, Decimal(0), EntryKind.nil),
        ("workers-trained", CM, Decimal(40), EntryKind.report),
    ]


def test_a_lock_between_the_preview_and_the_save_is_said_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = office_page(monkeypatch, sqlite_url)
    upload(app, "bao-cao-chuong-my.xlsx", report(plan, [CM], {2: 40, 3: 0}))
    assert metrics(app)["Lỗi"] == "0"
    approve_q1(sqlite_url, plan)

    button(app, "Lưu 2 thay đổi").click().run()  # type: ignore[attr-defined]
    assert not app.exception
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y")
    [refused] = [as_read(e.value) for e in app.error if as_read(e.value).startswith("Chưa lưu gì")]
    assert refused.startswith(f"Chưa lưu gì: Chương Mỹ, Quý 1/2017 đã khoá từ {today} bởi Nguyễn Văn An: đã duyệt.")
    assert refused.endswith("Bản xem trước đã được làm lại theo tình hình hiện nay.")
    assert stored(sqlite_url) == []
    # the preview made again says which rows the lock holds
    assert metrics(app)["Lỗi"] == "2"
    assert button(app, "Lưu 0 thay đổi").disabled  # type: ignore[attr-defined]


def test_an_undo_in_a_locked_period_is_refused_with_the_lock(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Phạm Hoa")
    upload(app, "bao-cao-chuong-my.xlsx", report(plan, [CM], {2: 40}))
    button(app, "Lưu 1 thay đổi").click().run()  # type: ignore[attr-defined]
    approve_q1(sqlite_url, plan)

    app.run()
    button(app, "Hoàn tác lần nhập số 1").click().run()  # type: ignore[attr-defined]
    button(app, "Có, hoàn tác lần nhập số 1").click().run()  # type: ignore[attr-defined]
    assert not app.exception
    [refused] = [as_read(e.value) for e in app.error]
    assert "Chương Mỹ, Quý 1/2017 đã khoá từ" in refused and "bởi Nguyễn Văn An: đã duyệt" in refused
    assert stored(sqlite_url) == [("workers-trained", CM, Decimal(40), EntryKind.report)]


def test_the_department_s_editor_still_gets_every_district(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Phạm Hoa")
    district = app.selectbox(key="import_template_district")
    assert len(district.options) == 31 and district.options[0] == "Tất cả 30 quận, huyện, thị xã"
    assert not [info for info in app.info if "Tài khoản của bạn nhập số liệu của" in info.value]
