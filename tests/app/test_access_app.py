"""Sign-in and roles as people meet them in the app (AppTest): each role sees and can do
exactly what it should; a viewer's crafted session state writes nothing; repeated
wrong passwords pause the sign-in; a session ended elsewhere ends here too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import PASSWORD, open_page, record
from tracker.domain.access import Role
from tracker.domain.plan import Plan
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.storage.tasks import TaskBoard

TASK = "recognise-village-titles"


def with_users(url: str) -> None:
    accounts = Accounts(Ledger(url).database)
    accounts.add_user("xem", "Người Xem", Role.viewer, PASSWORD)
    accounts.add_user("lan", "Trần Thị Lan", Role.editor, PASSWORD)
    accounts.add_user("quantri", "Quản Trị Viên", Role.admin, PASSWORD)


def sign_in(app: AppTest, username: str, password: str = PASSWORD) -> AppTest:
    app.sidebar.text_input(key="sign_in_user").set_value(username)
    app.sidebar.text_input(key="sign_in_password").set_value(password)
    return button(app, "Đăng nhập").click().run()


def button(app: AppTest, label: str) -> Any:
    return next(b for b in app.button if b.label == label)


def labels(app: AppTest) -> set[str]:
    return {b.label for b in app.button}


def seed_entry(url: str, plan: Plan) -> None:
    record(url, plan, ("workers-trained", 450, "2017-03-01", None))


def test_a_fresh_install_seen_without_an_address_may_only_look_and_says_how_to_create_the_first_admin(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    """AppTest has no network connection, so it is not the server's own computer: before
    any user exists it is told so, may look, and cannot make the first administrator.
    (Anyone-here-can-edit at the server itself is tested in a real browser.)"""
    app = open_page(monkeypatch, sqlite_url, "pages/record.py")
    banner = app.sidebar.warning[0].value
    assert banner.startswith("Ứng dụng chưa có tài khoản người dùng, nên từ máy khác chỉ xem được.")
    assert "python -m tracker user add admin --role admin" in banner
    assert not [box for box in app.text_input if box.key == "person"]  # no name is asked
    assert "Lưu bản ghi" not in labels(app)
    app.switch_page("pages/users.py").run()
    assert not app.exception
    assert app.info[0].value.startswith("Chưa có tài khoản nào. Quản trị viên đầu tiên chỉ được tạo ngay trên máy chủ")
    assert not [box for box in app.text_input if box.key == "add_user_username"]
    assert "Thêm" not in labels(app)
    assert not Accounts(Ledger(sqlite_url).database).has_users()


def test_a_visitor_who_is_not_signed_in_may_look_but_sees_no_edit_controls(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    with_users(sqlite_url)
    seed_entry(sqlite_url, plan)
    app = open_page(monkeypatch, sqlite_url, "pages/target.py", query={"target": "workers-trained"})
    assert not app.exception
    assert not app.sidebar.warning  # no "anyone can edit" banner once there are users
    assert "Đăng nhập" in labels(app)
    assert app.info[0].value.startswith("Bạn đang xem mà chưa đăng nhập.")
    assert not [frame for frame in app.dataframe if str(frame.key or "").startswith("grid-")]  # no editable grid
    assert not {"Ghi điều chỉnh", "Lưu tất cả thay đổi"} & labels(app)


@pytest.mark.parametrize(
    ("page", "edit_controls"),
    [
        ("pages/record.py", {"Lưu bản ghi"}),
        ("pages/target.py", {"Lưu tất cả thay đổi", "Ghi điều chỉnh"}),
        ("pages/history.py", {"Hoàn tác thay đổi #1"}),
    ],
)
def test_a_viewer_sees_no_edit_controls_and_an_editor_does(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan, page: str, edit_controls: set[str]
) -> None:
    with_users(sqlite_url)
    seed_entry(sqlite_url, plan)
    viewer = sign_in(open_page(monkeypatch, sqlite_url, page, query={"target": "workers-trained"}), "xem")
    assert "Người Xem · người xem" in [text.value for text in app_sidebar_texts(viewer)]
    assert not edit_controls & labels(viewer)
    assert any(info.value.startswith("Tài khoản của bạn chỉ được xem") for info in viewer.info)
    editor = sign_in(open_page(monkeypatch, sqlite_url, page, query={"target": "workers-trained"}), "lan")
    assert edit_controls <= labels(editor)


def app_sidebar_texts(app: AppTest) -> list[Any]:
    return list(app.sidebar.text)


def test_an_editor_records_under_the_signed_in_name_and_the_history_shows_it(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    with_users(database_url)
    app = sign_in(open_page(monkeypatch, database_url, "pages/record.py"), "lan")
    app.main.text_input[0].set_value("450")  # the quantity, as typed
    app.main.date_input[0].set_value(dt.date(2017, 3, 31))
    app.main.selectbox[1].set_value("Chương Mỹ")
    button(app, "Lưu bản ghi").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("Đã lưu bản ghi #1")
    [entry] = Ledger(database_url).entries_of("workers-trained")
    assert entry.entered_by == "Trần Thị Lan"
    app.switch_page("pages/history.py").run()
    history = app.dataframe[0].value
    assert "Trần Thị Lan" in history.to_string()


def test_a_viewers_crafted_session_state_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    with_users(sqlite_url)
    store = Ledger(sqlite_url)
    app = sign_in(open_page(monkeypatch, sqlite_url, "pages/tasks.py"), "xem")
    before = (store.revision(), len(TaskBoard(store.database).changes()))
    # a stale page's request, or one planted in the session: the write itself refuses it
    app.session_state["task_request"] = {"kind": "status", "task_id": TASK, "status": "done", "seen": 0}
    app.session_state["author_name"] = "Trần Thị Lan"  # a name typed into the state is not a sign-in
    app.session_state["role"] = "editor"
    app.run()
    assert not app.exception
    assert any(error.value.startswith("Tài khoản của bạn chỉ được xem") for error in app.error)
    assert (store.revision(), len(TaskBoard(store.database).changes())) == before
    app.session_state["session_token"] = "a-token-made-up-in-the-browser"
    app.session_state["task_request"] = {"kind": "note", "task_id": TASK, "note_date": "2017-05-01", "text": "x"}
    app.run()
    assert (store.revision(), len(TaskBoard(store.database).changes())) == before
    assert "Đăng nhập" in labels(app)  # the made-up token signed nobody in


def test_wrong_passwords_get_one_message_and_then_a_pause(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    with_users(sqlite_url)
    app = open_page(monkeypatch, sqlite_url, "pages/overview.py")
    wrong_user = sign_in(app, "khong-co-ai", "sai-mat-khau-123").sidebar.error[0].value
    wrong_password = sign_in(app, "lan", "sai-mat-khau-123").sidebar.error[0].value
    assert wrong_user == wrong_password == "Tên đăng nhập hoặc mật khẩu không đúng."  # existence is not told
    for _ in range(4):
        sign_in(app, "lan", "sai-mat-khau-123")
    paused = sign_in(app, "lan", PASSWORD)  # the right password, but too late
    assert "Đăng nhập" in labels(paused)
    assert paused.sidebar.error[0].value != wrong_user
    assert paused.sidebar.error[0].value.startswith("Đăng nhập sai quá nhiều lần. Hãy thử lại sau ")


def test_a_session_ended_elsewhere_ends_here_and_says_so(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    with_users(sqlite_url)
    app = sign_in(open_page(monkeypatch, sqlite_url, "pages/record.py"), "lan")
    assert "Lưu bản ghi" in labels(app)
    Accounts(Ledger(sqlite_url).database).set_password("lan", "mật-khẩu-mới-rất-dài")  # an admin reset it
    app.run()
    assert app.sidebar.info[0].value.startswith("Phiên đăng nhập đã hết hạn")
    assert "Đăng nhập" in labels(app) and "Đăng xuất" not in labels(app)


def test_signing_out_removes_the_edit_controls(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    with_users(sqlite_url)
    app = sign_in(open_page(monkeypatch, sqlite_url, "pages/record.py"), "lan")
    button(app, "Đăng xuất").click().run()
    assert "Lưu bản ghi" not in labels(app)
    assert "Đăng nhập" in labels(app)


def test_only_an_administrator_manages_users(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    with_users(sqlite_url)
    editor = sign_in(open_page(monkeypatch, sqlite_url, "pages/users.py"), "lan")
    assert editor.info[0].value.startswith("Chỉ quản trị viên")
    assert not editor.dataframe
    admin = sign_in(open_page(monkeypatch, sqlite_url, "pages/users.py"), "quantri")
    listed = admin.dataframe[0].value
    assert listed["Tên đăng nhập"].tolist() == ["lan", "quantri", "xem"]
    assert "hash" not in listed.to_string().lower() and "$argon2" not in listed.to_string()
    admin.text_input(key="add_user_username").set_value("binh")
    admin.text_input(key="add_user_name").set_value("Trần Văn Bình")
    admin.text_input(key="add_user_password").set_value("mật-khẩu-của-bình")
    admin.text_input(key="add_user_again").set_value("mật-khẩu-của-bình")
    button(admin, "Thêm").click().run()
    assert not admin.exception
    assert admin.success[0].value == "Đã thêm người dùng binh (biên tập viên)."
    assert "binh" in admin.dataframe[0].value["Tên đăng nhập"].tolist()


def test_an_editors_typing_survives_a_session_that_ends_and_is_saved_after_signing_in_again(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    with_users(sqlite_url)
    store = Ledger(sqlite_url)
    app = sign_in(open_page(monkeypatch, sqlite_url, "pages/record.py"), "lan")
    app.main.text_input[0].set_value("450")
    app.main.date_input[0].set_value(dt.date(2017, 3, 31))
    app.main.selectbox[1].set_value("Chương Mỹ")
    Accounts(store.database).set_password("lan", "mật-khẩu-mới-rất-dài")  # her session ends meanwhile
    button(app, "Lưu bản ghi").click().run()
    assert not app.exception
    assert store.count_entries() == 0  # refused: nobody is signed in any more
    assert any(w.value.startswith("Phiên đăng nhập đã kết thúc. Những gì bạn đã nhập vẫn còn") for w in app.warning)
    assert app.main.text_input[0].value == "450"  # what she typed is still there
    app = sign_in(app, "lan", "mật-khẩu-mới-rất-dài")
    button(app, "Lưu bản ghi").click().run()
    assert app.success[0].value.startswith("Đã lưu bản ghi #1")
    assert [e.entered_by for e in store.entries_of("workers-trained")] == ["Trần Thị Lan"]


def test_a_viewer_whose_session_ends_gets_no_edit_forms(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    with_users(sqlite_url)
    app = sign_in(open_page(monkeypatch, sqlite_url, "pages/record.py"), "xem")
    Accounts(Ledger(sqlite_url).database).set_password("xem", "mật-khẩu-mới-rất-dài")
    app.run()
    assert "Lưu bản ghi" not in labels(app)


def test_the_first_account_made_elsewhere_closes_the_open_app_on_the_next_run(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    """Whether any account exists is kept between runs until the next write: making one
    (here from another connection, as the command line does) is a write, and shows at once."""
    app = open_page(monkeypatch, sqlite_url, "pages/overview.py")
    assert app.sidebar.warning[0].value.startswith("Ứng dụng chưa có tài khoản người dùng")
    app.run()  # a rerun that reads the kept answer
    assert app.sidebar.warning and "Đăng nhập" not in labels(app)
    with_users(sqlite_url)
    app.run()
    assert not app.sidebar.warning
    assert "Đăng nhập" in labels(app)


def test_an_account_removed_elsewhere_ends_its_session_on_the_next_run(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    with_users(sqlite_url)
    app = sign_in(open_page(monkeypatch, sqlite_url, "pages/record.py"), "lan")
    assert "Lưu bản ghi" in labels(app)
    app.run()  # signed in on a rerun too
    assert "Đăng xuất" in labels(app)
    accounts = Accounts(Ledger(sqlite_url).database)
    accounts.remove_user("lan")
    app.run()
    assert app.sidebar.info[0].value.startswith("Phiên đăng nhập đã hết hạn")
    assert "Đăng nhập" in labels(app) and "Đăng xuất" not in labels(app)
