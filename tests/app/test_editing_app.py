"""The target page (grid, quick total) and the History page, through AppTest.

AppTest cannot type into st.data_editor; the grid's save path is covered in
test_grid.py by calling the function the page calls, and in the browser tests.
"""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import open_page, record
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger

REMOTE_BANNER = "Ứng dụng chưa có tài khoản người dùng, nên từ máy khác chỉ xem được"
PAGES = ("pages/overview.py", "pages/record.py", "pages/target.py", "pages/history.py", "pages/tasks.py")
SAVE_BUTTONS = {"Lưu bản ghi", "Lưu tất cả thay đổi", "Ghi điều chỉnh", "Lưu tình trạng", "Lưu ghi chú"}


def grid_of(app: AppTest) -> object:
    """The entries grid (st.data_editor) among the page's tables."""
    return next(frame for frame in app.dataframe if str(frame.key or "").startswith("grid-"))


def seed(url: str, plan: Plan, quantity: int = 9000, day: str = "2017-03-31") -> int:
    return record(url, plan, ("workers-trained", quantity, day, "Chương Mỹ"), by="Nguyễn An")[0]


def test_target_page_opens_from_a_link_with_its_entries(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    seed(sqlite_url, plan)
    app = open_page(
        monkeypatch, sqlite_url, "pages/target.py", person="Trần Lan", query={"target": "fair-participants"}
    )
    assert not app.exception
    assert app.selectbox(key="target.vi").value == "fair-participants"
    app.selectbox(key="target.vi").set_value("workers-trained").run()
    assert app.query_params["target"] == "workers-trained"  # the address follows, so it can be shared
    grid = grid_of(app)
    assert grid.value["quantity"].tolist() == ["9.000"]  # as the app writes it, and read back the same
    assert grid.value["district"].tolist() == ["Chương Mỹ"]
    assert "đã đạt đến nay: 9.000" in app.caption[0].value
    assert plan.target("workers-trained").source_text in [text.value for text in app.text]  # the plan's own words


def test_target_page_shows_where_the_work_happened(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    seed(sqlite_url, plan)
    seed(sqlite_url, plan, quantity=3000, day="2017-05-31")
    app = open_page(monkeypatch, sqlite_url, "pages/target.py")
    assert any("1 / 30" in caption.value for caption in app.caption)  # one district of thirty has reported
    # the cumulative pace and the districts (their chart tabs are open); the periods wait behind their tab
    assert len(app.get("plotly_chart")) == 2
    assert len(app.get("download_button")) == 3
    assert not any("Quận, huyện, thị xã" in frame.value.columns for frame in app.dataframe)  # its tab is closed
    app.session_state["breakdown_tab"] = "Bảng"  # the districts' table tab, opened as a person opens it
    app.run()
    table = next(frame.value for frame in app.dataframe if "Quận, huyện, thị xã" in frame.value.columns)
    assert len(table) == 31  # every district, and the whole city
    first = table.iloc[0].to_dict()
    assert list(first.values())[:3] == ["Chương Mỹ", "huyện", "12.000"]
    assert (table.iloc[:, 2] == "chưa báo cáo").sum() == 30  # 29 districts and the city-wide row
    assert len(app.get("plotly_chart")) == 1  # the districts' chart gave way to their table
    app.session_state["pace_tab"] = "Theo từng kỳ"  # the figures per period, opened
    app.run()
    assert len(app.get("plotly_chart")) == 1  # the periods' chart took the cumulative line's place
    assert app.segmented_control(key="pace_step").value == "month"


def test_stating_a_total_records_the_difference_as_an_adjustment(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    seed(database_url, plan)
    app = open_page(monkeypatch, database_url, "pages/target.py", person="Trần Lan")
    form_total = next(n for n in app.text_input if n.label.startswith("Tổng số đã đạt"))
    form_total.set_value("12400")
    next(d for d in app.date_input if d.label == "Tính đến ngày").set_value(dt.date(2017, 6, 30))
    next(b for b in app.button if b.label == "Ghi điều chỉnh").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("Đã ghi bản ghi điều chỉnh")
    assert "12.400" in app.success[0].value
    store = Ledger(database_url)
    assert store.achieved(dt.date(2017, 6, 30), ["workers-trained"]) == {"workers-trained": 12400}
    adjustment = next(e for e in store.entries_of("workers-trained") if e.kind.value == "adjustment")
    assert adjustment.quantity == 3400
    assert adjustment.entered_by == "Trần Lan"
    grid = grid_of(app).value
    assert "Điều chỉnh tổng" in grid["kind"].tolist()  # the grid was reloaded with it


def test_without_users_a_session_with_no_address_cannot_state_a_total_or_edit_the_grid(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    """AppTest has no network connection, so it is not "this computer": before the first
    user exists it sees the entries but gets no grid to edit, no total form, no name box."""
    seed(sqlite_url, plan)
    app = open_page(monkeypatch, sqlite_url, "pages/target.py", query={"target": "workers-trained"})
    assert not app.exception
    assert app.sidebar.warning[0].value.startswith(REMOTE_BANNER)
    assert not [box for box in app.text_input if box.key == "person"]
    assert not [n for n in app.text_input if n.label.startswith("Tổng số đã đạt")]
    assert not {"Ghi điều chỉnh", "Lưu tất cả thay đổi"} & {b.label for b in app.button}
    assert not [frame for frame in app.dataframe if str(frame.key or "").startswith("grid-")]
    assert Ledger(sqlite_url).count_entries() == 1


def test_history_lists_changes_and_reverts_one(monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan) -> None:
    entry_id = seed(database_url, plan)
    store = Ledger(database_url)
    [entry] = store.entries_of("workers-trained")
    edit = validate_entry(
        plan,
        target_id="workers-trained",
        quantity=900,
        ref_date="2017-03-31",
        district="Chương Mỹ",
        entered_by="Lê Bình",
    )
    from tracker.storage.ledger import Edit

    store.apply(edits=[Edit(entry_id, entry.version, edit)], by="Lê Bình")

    app = open_page(monkeypatch, database_url, "pages/history.py", person="Trần Lan")
    assert not app.exception
    changes = app.dataframe[0].value
    assert changes["Người thay đổi"].tolist() == ["Lê Bình", "Nguyễn An"]
    assert changes["Thao tác"].tolist() == ["Sửa", "Thêm"]
    assert changes["Trước"].tolist()[0].startswith("9.000 · 31/03/2017 · Chương Mỹ")
    assert changes["Sau"].tolist()[0].startswith("900 · 31/03/2017")
    detail = app.dataframe[1].value
    quantity_row = detail[detail["Trường"] == "Số lượng"].iloc[0]
    assert (quantity_row["Trước"], quantity_row["Sau"], quantity_row["Đổi"]) == ("9.000", "900", "●")

    next(b for b in app.button if b.label.startswith("Hoàn tác thay đổi")).click().run()
    assert not app.exception
    assert app.success[0].value.startswith("Đã hoàn tác thay đổi")
    assert Ledger(database_url).achieved(dt.date(2017, 12, 31), ["workers-trained"]) == {"workers-trained": 9000}
    changes = app.dataframe[0].value
    assert changes["Người thay đổi"].tolist()[0] == "Trần Lan"
    assert changes["Thao tác"].tolist()[0].startswith("Hoàn tác #")


def test_history_filters_by_person(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan) -> None:
    seed(sqlite_url, plan)
    store = Ledger(sqlite_url)
    store.record(
        validate_entry(plan, target_id="fair-participants", quantity=20, ref_date="2017-04-02", entered_by="Lê Bình")
    )
    app = open_page(monkeypatch, sqlite_url, "pages/history.py")
    assert len(app.dataframe[0].value) == 2
    app.selectbox[1].set_value("Lê Bình").run()
    assert app.dataframe[0].value["Người thay đổi"].tolist() == ["Lê Bình"]
    app.selectbox[1].set_value(None).run()
    app.selectbox[0].set_value("workers-trained").run()
    assert app.dataframe[0].value["Người thay đổi"].tolist() == ["Nguyễn An"]


def test_two_sessions_a_stale_revert_is_refused_and_loses_nothing(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    """Two people on the History page at once: the second press of Revert on the same
    change finds it reverted, and the button now says so, disabled (the write itself
    refuses a second revert too: tests/app/test_feedback_app.py); the first person's work stays."""
    seed(database_url, plan)
    first = open_page(monkeypatch, database_url, "pages/history.py", person="Trần Lan")
    second = open_page(monkeypatch, database_url, "pages/history.py", person="Lê Bình")
    revert_first = next(b for b in first.button if b.label.startswith("Hoàn tác thay đổi"))
    revert_second = next(b for b in second.button if b.label.startswith("Hoàn tác thay đổi"))

    revert_first.click().run()
    assert first.success, "the first revert goes through"
    revert_second.click().run()
    assert not second.exception
    assert next(b for b in second.button if b.label.startswith("Đã hoàn tác (thay đổi #")).disabled
    store = Ledger(database_url)
    assert store.count_entries() == 0  # the first person's revert (a delete) stands
    assert [c.changed_by for c in store.changes()] == ["Trần Lan", "Nguyễn An"]


def test_without_users_a_session_with_no_address_is_asked_no_name_on_any_page(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    """The name typed once per session is for the server's own computer only (tested in a
    real browser); a session without an address may look at every page, and nothing more."""
    app = open_page(monkeypatch, sqlite_url, "pages/target.py")
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, page
        assert app.sidebar.warning[0].value.startswith(REMOTE_BANNER), page
        assert not [box for box in app.text_input if box.key == "person"], page
        assert not SAVE_BUTTONS & {b.label for b in app.button}, page
    app.switch_page("pages/users.py").run()
    assert app.info[0].value.startswith("Chưa có tài khoản nào")  # nor make the first administrator
    assert not Accounts(Ledger(sqlite_url).database).has_users()


def test_every_page_renders_in_english(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan) -> None:
    seed(sqlite_url, plan)
    app = open_page(monkeypatch, sqlite_url, "pages/overview.py")
    app.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "Progress overview"
    titles = {}
    for page in ("pages/overview.py", "pages/record.py", "pages/target.py", "pages/history.py"):
        app.switch_page(page).run()
        assert not app.exception, page
        titles[page] = app.title[0].value
    assert titles == {
        "pages/overview.py": "Progress overview",
        "pages/record.py": "Record progress",
        "pages/target.py": "Targets and entries",
        "pages/history.py": "Change history",
    }
