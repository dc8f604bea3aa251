"""The pages as a user meets them, through streamlit.testing.v1.AppTest.

AppTest runs the real dashboard.py in this process against a real database (SQLite
in a temporary folder, and PostgreSQL where the test takes ``database_url``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import DASHBOARD, as_read, open_dashboard, sign_in_as
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger

REMOTE_BANNER = "Ứng dụng chưa có tài khoản người dùng, nên từ máy khác chỉ xem được"


def signed_in(monkeypatch: pytest.MonkeyPatch, database_url: str, name: str) -> AppTest:
    """The dashboard with ``name`` signed in as an editor, as staff record figures."""
    return sign_in_as(open_dashboard(monkeypatch, database_url), database_url, name)


def overview_row(app: AppTest, short_name: str) -> dict[str, object]:
    """The overview table's row of a target, by the short name the table shows."""
    table = app.dataframe[0].value
    return table[table.iloc[:, 0] == short_name].iloc[0].to_dict()


def record_in_form(
    app: AppTest,
    *,
    target_id: str | None = None,
    quantity: str | None,
    district: str | None,
    note: str = "",
    day: dt.date | None = dt.date(2017, 3, 31),
) -> AppTest:
    """Fill the record form as a person would (signed in: the entry is theirs); district
    "" is the whole city, None is left unchosen."""
    app.switch_page("pages/record.py").run()
    if target_id is not None:
        app.selectbox(key="target.vi").set_value(target_id).run()
    if quantity is not None:
        app.main.text_input[0].set_value(quantity)
    if day is not None:
        app.date_input[0].set_value(day)
    if district is not None:
        app.selectbox[1].set_value(district)
    app.text_area[0].set_value(note)
    return next(b for b in app.main.button if b.label == "Lưu bản ghi").click().run()


def test_empty_ledger_explains_what_to_do_first(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = open_dashboard(monkeypatch, sqlite_url)
    assert not app.exception
    assert app.title[0].value == "Tổng quan tiến độ"
    assert "Chưa có kết quả nào được ghi nhận" in app.info[0].value
    assert "Ghi nhận kết quả" in app.info[0].value  # it names the page to go to
    assert len(app.get("plotly_chart")) == 0  # no empty axes
    goals = app.dataframe[0].value
    assert len(goals) == 6
    assert "Thương hiệu làng nghề" in set(goals["Chỉ tiêu"])  # a short name, the title on hover
    hover = json.loads(app.dataframe[0].proto.columns)["Chỉ tiêu"]["help"]
    assert "Hỗ trợ làng nghề xây dựng và phát triển thương hiệu" in hover
    assert "khoảng 30.000" in set(goals["Mục tiêu"])
    assert "10–15" in set(goals["Mục tiêu"])


def test_recording_in_the_form_changes_the_overview(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    app = signed_in(monkeypatch, database_url, "Trần Lan")
    app = record_in_form(app, quantity="450", district="Chương Mỹ")
    assert not app.exception
    assert app.success[0].value == "Đã lưu bản ghi #1: 450 lao động ngày 31/03/2017."
    assert "đã đạt đến nay: 450" in app.caption[0].value  # the total above the form includes it
    app.switch_page("pages/overview.py").run()
    app.switch_page("pages/record.py").run()
    assert "Trần Lan · biên tập viên" in [text.value for text in app.sidebar.text]  # signed in once per session
    entries = app.dataframe[0].value
    assert list(entries["Quận/huyện"]) == ["Chương Mỹ"]
    assert list(entries["Người nhập"]) == ["Trần Lan"]

    app.switch_page("pages/overview.py").run()
    assert not app.exception
    assert len(app.get("plotly_chart")) == 1
    row = overview_row(app, "Đào tạo nghề cho lao động")
    assert row["Đã đạt"] == "450"
    assert row["% mục tiêu (tối thiểu)"] == "1,5%"
    assert row["Tình trạng"] == "Không đạt"  # as of 31/12/2017 the year is over and 450 < 28.500


def test_a_bad_entry_is_refused_with_every_reason_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    app = signed_in(monkeypatch, sqlite_url, "Lan")
    app = record_in_form(app, quantity=None, district=None, day=None)
    assert not app.exception
    message = as_read(app.error[0].value)
    assert message.startswith("Chưa lưu")
    assert "Số lượng: hãy nhập số lượng" in message
    assert "Ngày: hãy chọn ngày của số liệu" in message  # a forgotten date is not quietly 31/12
    assert "Quận/huyện: hãy chọn quận/huyện, hoặc «Toàn thành phố»" in message  # nor the whole city
    assert "Người nhập" not in message  # signed in: the entry is hers, no name to forget
    assert Ledger(sqlite_url).count_entries() == 0
    assert "Chưa có bản ghi nào" in app.info[0].value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("30,000", "'30,000': 30 hay 30.000? Dấu chấm phân cách hàng nghìn, dấu phẩy là phần thập phân"),
        ("+1,200", "'+1,200': 1,2 hay 1.200?"),
        ("2,5", "chỉ tiêu này đếm số lao động nên số lượng phải là số nguyên"),
        ("-5", "số lượng không được âm"),
        ("năm trăm", "'năm trăm' không phải là một số"),
    ],
)
def test_a_typed_quantity_that_could_be_misread_is_refused(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, typed: str, message: str
) -> None:
    """A browser number box would turn "30.000" into 30; the form sends the text as typed."""
    app = signed_in(monkeypatch, sqlite_url, "Lan")
    app = record_in_form(app, quantity=typed, district="")
    assert message in as_read(app.error[0].value)
    assert Ledger(sqlite_url).count_entries() == 0


def test_a_decimal_amount_is_accepted_for_a_figure(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = signed_in(monkeypatch, sqlite_url, "Lan")
    app = record_in_form(app, target_id="craft-village-exports", quantity="180,5", district="")
    assert app.success[0].value.startswith("Đã lưu bản ghi #1: 180,5 triệu USD")
    assert Ledger(sqlite_url).achieved(dt.date(2017, 12, 31), [], ["craft-village-exports"]) == {
        "craft-village-exports": pytest.approx(180.5)
    }


def test_notes_with_markup_are_shown_as_text(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = signed_in(monkeypatch, sqlite_url, "Lan")
    note = "<script>alert(1)</script> **đậm** '; DROP TABLE entries; --"
    app = record_in_form(app, quantity="5", district="", note=note)
    assert list(app.dataframe[0].value["Ghi chú"]) == [note]
    assert all("<script>" not in m.value for m in app.markdown)


def test_without_users_a_session_with_no_address_may_only_look_and_is_asked_no_name(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    """AppTest, like Streamlit's agent API, has no network connection, so it is not "this
    computer": before the first user exists it may look but not record, and no name is
    asked. (The typed name at the server's own computer is tested in a real browser.)"""
    app = open_dashboard(monkeypatch, sqlite_url, "pages/record.py")
    assert not app.exception
    assert app.sidebar.warning[0].value.startswith(REMOTE_BANNER)
    assert not [box for box in app.text_input if box.key == "person"]
    assert "Lưu bản ghi" not in {button.label for button in app.button}
    assert not app.main.text_input and not app.text_area  # no form to fill
    assert Ledger(sqlite_url).count_entries() == 0
    assert not Accounts(Ledger(sqlite_url).database).has_users()


def test_english_switch_translates_and_formats_numbers(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    store = Ledger(sqlite_url)
    store.record(
        validate_entry(plan, target_id="workers-trained", quantity=12400, ref_date="30/06/2017", entered_by="Lan")
    )
    app = open_dashboard(monkeypatch, sqlite_url)
    assert overview_row(app, "Đào tạo nghề cho lao động")["Đã đạt"] == "12.400"
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Progress overview"
    row = overview_row(app, "Workers trained in a craft")
    assert row["Achieved"] == "12,400"
    assert row["Goal"] == "about 30,000 workers"
    app.radio(key="lang").set_value("vi").run()
    assert app.title[0].value == "Tổng quan tiến độ"


def test_moving_the_as_of_date_back_shows_the_past(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    store = Ledger(sqlite_url)
    for day, quantity in (("2017-03-31", 9000), ("2017-09-30", 9000)):
        store.record(
            validate_entry(plan, target_id="workers-trained", quantity=quantity, ref_date=day, entered_by="Lan")
        )
    app = open_dashboard(monkeypatch, sqlite_url)
    assert app.date_input[0].value == dt.date(2017, 12, 31)  # the plan year is over
    assert overview_row(app, "Đào tạo nghề cho lao động")["Đã đạt"] == "18.000"
    app.date_input[0].set_value(dt.date(2017, 6, 30)).run()
    row = overview_row(app, "Đào tạo nghề cho lao động")
    assert row["Đã đạt"] == "9.000"
    assert row["Cần đạt đến nay"] == "14.877"
    assert row["Tình trạng"] == "Cần đẩy nhanh"  # 9.000 / 14.877 = 0,60
    assert "30/06/2017" in app.caption[1].value


def test_a_broken_plan_file_shows_a_readable_error_page(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    broken = tmp_path / "targets.yaml"
    good = (Path(DASHBOARD).parent / "targets.yaml").read_text(encoding="utf-8")
    broken.write_text(
        good.replace("{shape: range, min: 10, max: 15}", "{shape: range, min: 15, max: 10}"), encoding="utf-8"
    )
    app = open_dashboard(monkeypatch, sqlite_url, targets=broken)
    assert not app.exception  # no traceback on the page
    assert app.title[0].value == "Không đọc được tệp kế hoạch"
    line = next(n for n, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if "min: 15" in text)
    said = "plans[0].targets[2].goal: giá trị tối thiểu (min) lớn hơn tối đa (max)"
    assert f"{broken}:{line}: {said}" in app.code[0].value


def test_an_unreachable_database_gets_an_error_page(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_dashboard(monkeypatch, "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert not app.exception
    assert app.title[0].value == "Không kết nối được cơ sở dữ liệu"
    assert "TRACKER_DATABASE_URL" in app.error[0].value


def test_each_overview_row_links_to_its_target_page(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    Ledger(sqlite_url).record(
        validate_entry(plan, target_id="fair-participants", quantity=20, ref_date="2017-04-02", entered_by="Lan")
    )
    app = open_dashboard(monkeypatch, sqlite_url)
    row = overview_row(app, "DN dự hội chợ, triển lãm")
    assert row["Chi tiết"] == "target?plan=2017&target=fair-participants&as_of=2017-12-31"  # the plan, the date
