"""The import page through AppTest: a page that explains itself when empty, an upload
previewed with its counts and rows, one save, the overview changed, one undo; a viewer
who cannot save; a file that cannot be read; column choices the browser forged."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import threading
from decimal import Decimal

import openpyxl
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from tests.helpers import account, as_read, open_page, record, sign_in_as, username_for
from tests.report_files import renamed_pdf, wide_csv
from tests.storage.test_database_waits import HOLD_AT_MOST
from tracker.domain.access import Role
from tracker.domain.plan import Plan
from tracker.domain.reports import Field, periods_of
from tracker.present.template import template_rows, template_xlsx
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.ui import import_parts

PAGE = "pages/imports.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report(plan: Plan, figures: dict[int, object]) -> bytes:
    """Chương Mỹ's template for the first quarter, some quantities filled in."""
    workbook = openpyxl.load_workbook(
        io.BytesIO(template_xlsx(plan, template_rows(plan, ["Chương Mỹ"], periods_of(plan.period)[:3])))
    )
    for row, value in figures.items():
        workbook["Số liệu"].cell(row, 5).value = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader[0].set_value((name, data, XLSX)).run()
    assert not app.exception
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def button(app: AppTest, starts: str) -> object:
    return next(b for b in app.button if b.label.startswith(starts))


def workers(url: str) -> Decimal:
    ledger = Ledger(url)
    try:
        return ledger.achieved(dt.date(2017, 12, 31), ["workers-trained"]).get("workers-trained", Decimal(0))
    finally:
        ledger.dispose()


def test_the_empty_page_says_what_to_do(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    assert app.title[0].value == "Nhập số liệu từ tệp"
    infos = [info.value for info in app.info]
    assert "Chưa có tệp nào. Tải tệp lên để xem trước; chưa có gì được ghi cho đến khi bạn bấm Lưu." in infos
    assert "Chưa có lần nhập nào cho kế hoạch này." in infos
    assert [b.label for b in app.get("download_button")] == ["Tải mẫu Excel (.xlsx)", "Tải mẫu CSV"]


def test_upload_preview_save_and_undo(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan) -> None:
    record(sqlite_url, plan, ("workers-trained", 100, "2017-03-31", "Chương Mỹ"), by="Nguyễn An")
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    upload(app, "bao-cao-chuong-my.xlsx", report(plan, {2: 40, 3: 50, 4: 120, 5: 7}))

    assert metrics(app) == {"Lỗi": "0", "Mới": "3", "Thay đổi": "1", "Không đổi": "0", "Để trống": "14"}
    totals = app.dataframe[0].value
    assert totals.iloc[0].tolist()[:4] == ["Đào tạo nghề cho lao động", "100", "210", "+110"]  # the short name
    hover = json.loads(app.dataframe[0].proto.columns)["Mục tiêu"]["help"]
    assert "Đào tạo nghề cho lao động**: Đào tạo nghề\\, truyền nghề cho lao động" in hover  # the title (escaped)
    rows = app.dataframe[1].value
    read = rows[rows["Kết quả"].isin(["Mới", "Thay đổi"])]  # a blank row shows the file's own words
    assert set(read["Mục tiêu"]) == {"Đào tạo nghề cho lao động", "Tập huấn quản trị chủ DN"}
    changed = rows[rows["Kết quả"] == "Thay đổi"]
    assert changed["Số lượng"].tolist() == ["100 → 120"] and changed["Dòng"].tolist() == [4]

    button(app, "Lưu 4 thay đổi").click().run()  # type: ignore[attr-defined]
    assert not app.exception
    assert any("Đã lưu lần nhập số 1: 3 bản ghi mới, 1 bản ghi sửa." in s.value for s in app.success)
    assert workers(sqlite_url) == Decimal(210)
    assert app.file_uploader[0].value is None  # emptied after the save: the same file is not saved twice

    overview = open_page(monkeypatch, sqlite_url, "pages/overview.py", query={"as_of": "2017-12-31"})
    shown = overview.dataframe[0].value
    assert dict(zip(shown.iloc[:, 0], shown["Đã đạt"], strict=True))[plan.target("workers-trained").short.vi] == "210"

    app.run()
    assert as_read(app.expander[-1].label).startswith("Lần nhập số 1: bao-cao-chuong-my.xlsx · Trần Lan")
    button(app, "Hoàn tác lần nhập số 1").click().run()  # type: ignore[attr-defined]
    button(app, "Có, hoàn tác lần nhập số 1").click().run()  # type: ignore[attr-defined]  # asked first
    assert not app.exception
    assert any("Đã hoàn tác lần nhập số 1: 4 bản ghi đã trở lại như trước." in s.value for s in app.success)
    assert workers(sqlite_url) == Decimal(100)
    assert "đã hoàn tác bởi Trần Lan" in as_read(app.expander[-1].label)
    assert not [b for b in app.button if b.label.startswith("Hoàn tác lần nhập")]


EDITORS_ONLY = (
    "Chỉ biên tập viên và quản trị viên tải được tệp lên để xem trước và nhập; hãy đăng nhập. "
    "Mẫu báo cáo ở trên thì ai cũng tải về được."
)


@pytest.mark.parametrize("role", [None, Role.viewer])
def test_only_a_person_who_may_import_gets_the_uploader(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, role: Role | None
) -> None:
    """Reading a file costs the server: a viewer, or a visitor who has not signed in, is
    offered the template only."""
    account(sqlite_url, "Quản Trị", Role.admin)  # the app has users: looking needs no sign-in
    app = open_page(monkeypatch, sqlite_url, PAGE)
    if role is not None:
        sign_in_as(app, sqlite_url, "Người Xem", role)
    assert not app.file_uploader
    assert EDITORS_ONLY in [info.value for info in app.info]
    assert [b.label for b in app.get("download_button")] == ["Tải mẫu Excel (.xlsx)", "Tải mẫu CSV"]


def test_an_editor_made_a_viewer_loses_the_uploader_and_the_preview_at_once(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    upload(app, "r.xlsx", report(plan, {2: 40}))
    assert metrics(app)["Mới"] == "1"
    store = Ledger(sqlite_url)
    Accounts(store.database).set_role(username_for("Trần Lan"), Role.viewer)
    store.dispose()
    app.run()
    assert not app.exception
    assert not app.file_uploader and not app.metric and not app.dataframe
    assert EDITORS_ONLY in [info.value for info in app.info]


def test_errors_are_listed_and_nothing_can_be_saved(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    upload(app, "r.xlsx", report(plan, {2: 40, 3: "30,000"}))
    [error] = [e.value for e in app.error]
    assert error.startswith("1 dòng có lỗi (xem cột Lỗi). Chưa lưu được gì")
    assert "dòng 3: Số lượng: '30,000': 30 hay 30.000?" in error.replace("\\", "")
    assert button(app, "Lưu 1 thay đổi").disabled  # type: ignore[attr-defined]


def test_a_file_that_cannot_be_read_says_why(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    upload(app, "bao-cao.xlsx", renamed_pdf())
    [error] = [e.value for e in app.error]
    assert error.startswith("Không đọc được tệp: ") and error.endswith("\\. Chưa ghi gì.")  # one full stop
    assert "PDF" in error and not app.metric


def test_a_forged_column_choice_is_not_used(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    data = report(plan, {2: 40})
    upload(app, "r.xlsx", data)
    quantity_key = import_parts.column_key(hashlib.sha256(data).hexdigest(), Field.quantity)
    app.session_state[quantity_key] = 999  # no such column: the browser sent what it liked
    app.run()
    assert not app.exception
    assert not metrics(app)  # not read from a column nobody chose: the person is asked to choose
    assert [e.value for e in app.error] == ["chưa biết cột nào chứa\\: Số lượng\\; hãy chọn cột cho các mục này"]
    assert app.selectbox(key=quantity_key).value == -1  # "(không có trong tệp)", to be chosen


def test_a_file_name_is_shown_as_text_and_kept_with_its_hidden_characters_written_out(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    upload(app, "[bấm vào đây](javascript:alert(1))\u202e\u3164.xlsx", report(plan, {2: 40}))
    button(app, "Lưu 1 thay đổi").click().run()  # type: ignore[attr-defined]
    label = app.expander[-1].label
    assert "](" not in label.replace("\\]", "").replace("\\(", "")  # not a link: every bracket escaped
    shown = "[bấm vào đây](javascript:alert(1))⟨U+202E⟩⟨U+3164⟩.xlsx"  # a direction override, a blank letter
    assert as_read(label).startswith(f"Lần nhập số 1: {shown} · Trần Lan")
    [batch] = Ledger(sqlite_url).batches()
    assert batch.file_name == shown


def test_a_figure_recorded_after_the_preview_stops_the_save_and_the_preview_is_made_again(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    upload(app, "r.xlsx", report(plan, {4: 120}))  # workers, March: new
    assert metrics(app)["Mới"] == "1"
    record(sqlite_url, plan, ("workers-trained", 95, "2017-03-31", "Chương Mỹ"), by="Lê Bình")  # a colleague, meanwhile

    button(app, "Lưu 1 thay đổi").click().run()  # type: ignore[attr-defined]
    assert not app.exception
    assert any(w.value.startswith("Chưa lưu gì: 1 số liệu đã được người khác ghi hoặc sửa") for w in app.warning)
    assert workers(sqlite_url) == Decimal(95)  # the colleague's figure stands
    assert metrics(app)["Thay đổi"] == "1" and metrics(app)["Mới"] == "0"  # the preview as things are now
    rows = app.dataframe[1].value
    assert rows[rows["Kết quả"] == "Thay đổi"]["Số lượng"].tolist() == ["95 → 120"]


def test_the_same_bytes_under_another_name_are_saved_under_that_name(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    data = report(plan, {2: 40})
    upload(app, "bao-cao-ba-vi.xlsx", data)
    upload(app, "bao-cao-chuong-my.xlsx", data)
    assert any(as_read(c.value).startswith("bao-cao-chuong-my.xlsx · ") for c in app.caption)
    button(app, "Lưu 1 thay đổi").click().run()  # type: ignore[attr-defined]
    [batch] = Ledger(sqlite_url).batches()
    assert batch.file_name == "bao-cao-chuong-my.xlsx"


def test_the_template_s_choices_survive_a_change_of_language(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE)
    app.selectbox(key="import_template_district").set_value("Chương Mỹ")
    app.selectbox(key="import_template_period").set_value("2017-Q1").run()
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Import figures from a file"
    assert app.selectbox(key="import_template_district").value == "Chương Mỹ"
    assert app.selectbox(key="import_template_period").value == "2017-Q1"
    assert [b.label for b in app.get("download_button")] == [
        "Download the Excel template (.xlsx)",
        "Download the CSV template",
    ]


def test_a_file_wider_than_a_report_is_refused_before_any_column_is_offered(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    """The review's CSV of 560.000 columns: the page used to offer each as a choice, and the
    browser tab died. It is refused with its reason; no column choice is drawn."""
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    app.file_uploader[0].set_value(("rong.csv", wide_csv(560_000), "text/csv")).run()
    assert not app.exception
    [error] = [e.value for e in app.error]
    assert as_read(error).startswith("Không đọc được tệp: Dòng 1 của tệp «rong.csv» có số liệu ở quá 200 cột")
    assert not [box.key for box in app.selectbox if str(box.key).startswith("import_column_")]
    assert not app.metric


def _hold_reading_slot() -> None:
    assert import_parts._readers.acquire(timeout=5), "a reading slot was left taken"


def test_a_file_waits_while_the_server_reads_another_then_is_read(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    """One file is read at a time on a server: a second waits for the first (here, a slot
    held by the test, released once the page is waiting for it), then gets its preview."""
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    _hold_reading_slot()
    released = threading.Event()

    def release_when_waited_for() -> None:
        if import_parts.wait_until_someone_waits(timeout=60):
            import_parts._readers.release()
            released.set()

    helper = threading.Thread(target=release_when_waited_for)
    helper.start()
    try:
        upload(app, "r.xlsx", report(plan, {2: 40}))
    finally:
        helper.join()
        if not released.is_set():
            import_parts._readers.release()
    assert released.is_set(), "the page read the file without waiting for the slot"
    assert metrics(app)["Mới"] == "1"


def test_a_file_that_waits_too_long_is_kept_to_try_again(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, PAGE, person="Trần Lan")
    monkeypatch.setattr(import_parts, "READ_WAIT_SECONDS", 0.05)
    _hold_reading_slot()
    try:
        upload(app, "r.xlsx", report(plan, {2: 40}))
    finally:
        import_parts._readers.release()
    [busy] = [w.value for w in app.warning]
    assert busy.startswith("Máy chủ vẫn bận đọc tệp của người khác sau ") and "chưa đọc tệp của bạn" in busy
    assert not app.metric and not [b for b in app.button if b.label.startswith("Lưu")]
    button(app, "Thử lại").click().run()  # type: ignore[attr-defined]
    assert not app.exception and not app.warning
    assert metrics(app)["Mới"] == "1"


@pytest.mark.postgres
def test_a_save_whose_rows_cannot_be_loaded_is_said_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, postgres_url: str, plan: Plan
) -> None:
    """PostgreSQL loads an import's new rows by the driver's COPY: a lock that holds it past
    the wait is said as every refused write is, not a traceback, and nothing is written."""
    monkeypatch.setenv("TRACKER_DB_LOCK_WAIT_SECONDS", "0.5")
    app = open_page(monkeypatch, postgres_url, PAGE, person="Trần Lan")
    upload(app, "r.xlsx", report(plan, {2: 40, 3: 50}))
    assert metrics(app)["Mới"] == "2"
    holder = sa.create_engine(postgres_url)
    try:
        with holder.connect() as connection, connection.begin():
            connection.execute(sa.text(HOLD_AT_MOST))
            # Someone reads the entries in a mode that lets reading go on and holds off new rows.
            connection.execute(sa.text("LOCK TABLE entries IN SHARE MODE"))
            button(app, "Lưu 2 thay đổi").click().run()  # type: ignore[attr-defined]
    finally:
        holder.dispose()
    assert not app.exception
    [refused] = [e.value for e in app.error]
    assert refused.startswith("Chưa lưu: cơ sở dữ liệu không nhận lần ghi này") and "lock timeout" in refused
    assert workers(postgres_url) == Decimal(0) and not Ledger(postgres_url).batches()
    button(app, "Lưu 2 thay đổi").click().run()  # type: ignore[attr-defined]
    assert workers(postgres_url) == Decimal(90)  # the lock gone, the same preview saves
