"""The districts an account may write, on the users page (AppTest) and through the
service the page calls: an administrator adds a user with districts and changes them; the
list shows each user's districts («mọi quận, huyện» when none); anyone else is refused by
the write itself, and a name that is no district is refused with the account's message.
Nothing refused is written. SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import PASSWORD, as_read, open_page
from tracker.domain.access import AccessDeniedError, Credential, Role
from tracker.service import users_scope
from tracker.storage.accounts import AccountError, Accounts
from tracker.storage.ledger import Ledger


def with_users(url: str) -> Accounts:
    accounts = Accounts(Ledger(url).database)
    accounts.add_user("lan", "Trần Thị Lan", Role.editor, PASSWORD)
    accounts.add_user("quantri", "Quản Trị Viên", Role.admin, PASSWORD)
    return accounts


def sign_in(app: AppTest, username: str) -> AppTest:
    app.sidebar.text_input(key="sign_in_user").set_value(username)
    app.sidebar.text_input(key="sign_in_password").set_value(PASSWORD)
    return button(app, "Đăng nhập").click().run()


def button(app: AppTest, label: str) -> Any:
    return next(b for b in app.button if b.label == label)


def listed(app: AppTest) -> dict[str, str]:
    """User name → the districts column, as the list shows it."""
    frame = next(f.value for f in app.dataframe if "Tên đăng nhập" in f.value.columns)
    return dict(zip(frame["Tên đăng nhập"], frame["Quận, huyện được ghi"], strict=True))


def districts_of(accounts: Accounts) -> dict[str, tuple[str, ...]]:
    return {user.username: user.districts for user in accounts.list_users()}


def credential(accounts: Accounts, username: str) -> Credential:
    token, _ = accounts.sign_in(username, PASSWORD)
    return Credential(token=token)


def test_an_administrator_adds_a_user_with_districts_and_the_list_shows_them(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    accounts = with_users(database_url)
    app = sign_in(open_page(monkeypatch, database_url, "pages/users.py"), "quantri")
    assert listed(app) == {"lan": "mọi quận, huyện", "quantri": "mọi quận, huyện"}
    choices = app.multiselect(key="add_user_districts")
    assert len(choices.options) == 30 and "Chương Mỹ" in choices.options
    app.text_input(key="add_user_username").set_value("cm")
    app.text_input(key="add_user_name").set_value("Phòng Kinh tế Chương Mỹ")
    app.text_input(key="add_user_password").set_value("mật-khẩu-chương-mỹ")
    app.text_input(key="add_user_again").set_value("mật-khẩu-chương-mỹ")
    choices.set_value(["Chương Mỹ", "Ba Vì"])
    button(app, "Thêm").click().run()
    assert not app.exception
    assert app.success[0].value == "Đã thêm người dùng cm (biên tập viên)."
    assert listed(app)["cm"] == "Ba Vì, Chương Mỹ"
    assert districts_of(accounts)["cm"] == ("Ba Vì", "Chương Mỹ")
    assert app.multiselect(key="add_user_districts").value == []  # the form is empty again

    app.radio(key="lang").set_value("en").run()
    frame = next(f.value for f in app.dataframe if "User name" in f.value.columns)
    assert dict(zip(frame["User name"], frame["Districts it may write"], strict=True))["lan"] == "every district"


def test_an_administrator_changes_a_users_districts(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    accounts = with_users(database_url)
    app = sign_in(open_page(monkeypatch, database_url, "pages/users.py"), "quantri")
    app.selectbox(key="users_chosen").set_value("lan").run()
    app.multiselect(key="user_districts_lan_choice").set_value(["Sóc Sơn"])
    button(app, "Lưu quận, huyện").click().run()
    assert not app.exception
    assert as_read(app.success[0].value) == "Đã lưu: lan ghi được số liệu của Sóc Sơn."
    assert listed(app)["lan"] == "Sóc Sơn"
    assert districts_of(accounts)["lan"] == ("Sóc Sơn",)
    revision = Ledger(database_url).revision()
    button(app, "Lưu quận, huyện").click().run()  # the same again: nothing to write
    assert "lan đã được ghi số liệu của Sóc Sơn; không có gì thay đổi." in [as_read(i.value) for i in app.info]
    assert Ledger(database_url).revision() == revision
    app.multiselect(key="user_districts_lan_choice").set_value([])
    button(app, "Lưu quận, huyện").click().run()
    assert listed(app)["lan"] == "mọi quận, huyện"
    assert districts_of(accounts)["lan"] == ()


def test_a_demoted_administrators_press_writes_nothing(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    """The page was drawn for an administrator; by the time they press, they are not one:
    the page reads the role again and stops (the write itself refuses too: below)."""
    accounts = with_users(database_url)
    accounts.add_user("chinh", "Admin Hai", Role.admin, PASSWORD)
    app = sign_in(open_page(monkeypatch, database_url, "pages/users.py"), "chinh")
    app.selectbox(key="users_chosen").set_value("lan").run()
    accounts.set_role("chinh", Role.editor)  # another administrator demoted them meanwhile
    app.multiselect(key="user_districts_lan_choice").set_value(["Ba Vì"])
    button(app, "Lưu quận, huyện").click().run()
    assert not app.exception
    assert app.info[0].value.startswith("Chỉ quản trị viên")
    assert not [b for b in app.button if b.label == "Lưu quận, huyện"]
    assert districts_of(accounts)["lan"] == ()


def test_a_non_administrator_cannot_give_or_change_districts(database_url: str) -> None:
    accounts = with_users(database_url)
    store = Ledger(database_url)
    editor = credential(accounts, "lan")
    revision = store.revision()
    with pytest.raises(AccessDeniedError) as refused:
        users_scope.set_user_districts(store, editor, "lan", ["Chương Mỹ"])
    assert refused.value.message("vi") == "Chỉ quản trị viên mới được quản lý người dùng. Chưa có gì được lưu."
    with pytest.raises(AccessDeniedError):
        users_scope.add_user(store, editor, "cm", "Chương Mỹ", Role.editor, "mật-khẩu-chương-mỹ", ["Chương Mỹ"])
    assert store.revision() == revision
    assert districts_of(accounts) == {"lan": (), "quantri": ()}


def test_a_name_that_is_no_district_is_refused_with_the_accounts_message(database_url: str) -> None:
    accounts = with_users(database_url)
    store = Ledger(database_url)
    admin = credential(accounts, "quantri")
    revision = store.revision()
    with pytest.raises(AccountError) as refused:
        users_scope.set_user_districts(store, admin, "lan", ["Chương Mỹ", "Quận Mới"])
    assert refused.value.message("vi") == "«Quận Mới» không phải một quận, huyện của Hà Nội"
    assert refused.value.message("en") == "«Quận Mới» is not a district of Hanoi"
    with pytest.raises(AccountError):
        users_scope.add_user(store, admin, "cm", "Chương Mỹ", Role.editor, "mật-khẩu-chương-mỹ", ["Quận Mới"])
    assert store.revision() == revision
    assert "cm" not in districts_of(accounts)
    assert users_scope.set_user_districts(store, admin, "lan", ["chương mỹ"]) is True  # as the list writes it
    assert districts_of(accounts)["lan"] == ("Chương Mỹ",)
