"""Feedback where the eye is (issue 18.8, 18.9, 18.13), through AppTest: an outcome is said
beside the button pressed and as a toast, what has been done cannot be pressed again,
deleting asks first with the counts, the import's column panel belongs to its file, and a
role change that changes nothing says so.

AppTest cannot type into st.data_editor: the grid's edits are put in its state as the
browser sends them (as tests/app/test_grid_forged.py does)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import at_server
from tests.helpers import PASSWORD, account, open_page, record, sign_in_as, username_for
from tracker import service
from tracker.domain.access import Credential, Role
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.domain.reports import Field
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Edit, Ledger, RevertError
from tracker.ui import import_parts

WORKERS = "workers-trained"
GRID_KEY = f"grid-hanoi-craft-villages-2017-{WORKERS}-0"
NO_EDITS: dict[str, Any] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def button(app: AppTest, starts: str) -> Any:
    return next(b for b in app.button if b.label.startswith(starts))


def order(app: AppTest) -> list[Any]:
    """The page's elements from top to bottom, as drawn."""
    return [node for node in app.main if not hasattr(node, "children") or not node.children]


def position(app: AppTest, element: Any) -> int:
    return next(i for i, node in enumerate(order(app)) if node is element)


def grid_page(monkeypatch: pytest.MonkeyPatch, url: str, plan: Plan) -> AppTest:
    record(url, plan, (WORKERS, 450, "2017-03-31", "Chương Mỹ"), (WORKERS, 300, "2017-04-30", "Ba Vì"))
    return open_page(monkeypatch, url, "pages/target.py", person="Trần Lan", query={"target": WORKERS})


def test_an_empty_cell_of_the_grid_looks_empty_not_none(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = grid_page(monkeypatch, sqlite_url, plan)
    grid = app.data_editor[0]
    assert grid.proto.HasField("placeholder") and grid.proto.placeholder == ""  # unset, Streamlit writes "None"


def test_a_grid_save_is_said_beside_the_save_button_and_as_a_toast(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = grid_page(monkeypatch, sqlite_url, plan)
    app.session_state[GRID_KEY] = {**NO_EDITS, "edited_rows": {0: {"quantity": "350"}}}
    button(app, "Lưu tất cả thay đổi").click().run()
    assert not app.exception
    said = "Đã lưu: 0 bản ghi mới, 1 bản ghi sửa, 0 bản ghi xoá."
    [success] = [s for s in app.success if s.value == said]
    assert position(app, success) > position(app, button(app, "Lưu tất cả thay đổi"))  # below it, not at the top
    assert [toast.value for toast in app.toast] == [said]
    assert Ledger(sqlite_url).entry(2).quantity == 350


def test_a_grid_save_that_deletes_asks_first_with_the_count(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    app = grid_page(monkeypatch, database_url, plan)
    store = Ledger(database_url)
    app.session_state[GRID_KEY] = {**NO_EDITS, "deleted_rows": [1]}  # the grid shows #2 first, then #1
    button(app, "Lưu tất cả thay đổi").click().run()
    assert not app.exception
    assert "Lưu sẽ xoá 1 bản ghi (#1). Tiếp tục?" in [w.value for w in app.warning]
    assert store.count_entries() == 2  # asked, not done

    button(app, "Xác nhận và lưu").click().run()
    assert not app.exception
    assert "Đã lưu: 0 bản ghi mới, 0 bản ghi sửa, 1 bản ghi xoá." in [s.value for s in app.success]
    assert store.count_entries() == 1 and store.entry(1).deleted


def test_a_yes_to_one_deletion_does_not_delete_another(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    """The yes is for what was asked: a second row deleted after the question (or a state
    sent by a hostile page) is asked about again, and nothing is written meanwhile."""
    app = grid_page(monkeypatch, sqlite_url, plan)
    store = Ledger(sqlite_url)
    app.session_state[GRID_KEY] = {**NO_EDITS, "deleted_rows": [1]}
    button(app, "Lưu tất cả thay đổi").click().run()
    app.session_state[GRID_KEY] = {**NO_EDITS, "deleted_rows": [0, 1]}
    button(app, "Xác nhận và lưu").click().run()
    assert not app.exception
    assert store.count_entries() == 2
    warnings = [w.value for w in app.warning]
    assert "Bảng đã đổi sau khi bạn được hỏi; chưa lưu gì. Hãy xem lại rồi xác nhận lần nữa." in warnings
    assert "Lưu sẽ xoá 2 bản ghi (#2, #1). Tiếp tục?" in warnings
    button(app, "Xác nhận và lưu").click().run()
    assert store.count_entries() == 0


def test_applying_mine_after_a_conflict_does_not_delete_rows_nobody_was_asked_about(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    """After a conflict the grid stays editable (or a hostile page sends another state):
    «Áp dụng thay đổi của tôi» asks about deletions added since, and writes nothing first."""
    app = grid_page(monkeypatch, sqlite_url, plan)
    store = Ledger(sqlite_url)
    app.session_state[GRID_KEY] = {**NO_EDITS, "edited_rows": {0: {"note": "của tôi"}}}
    theirs = store.entry(2)  # the grid's first row, changed by someone else meanwhile
    assert theirs is not None
    changed = validate_entry(plan, target_id=WORKERS, quantity=451, ref_date=theirs.ref_date, entered_by="Người khác")
    store.apply(edits=[Edit(theirs.id, theirs.version, changed, ("quantity",))], by="Người khác")
    button(app, "Lưu tất cả thay đổi").click().run()
    assert button(app, "Áp dụng thay đổi của tôi")  # the conflict, and the choice it offers
    app.session_state[GRID_KEY] = {**NO_EDITS, "edited_rows": {0: {"note": "của tôi"}}, "deleted_rows": [1]}
    button(app, "Áp dụng thay đổi của tôi").click().run()
    assert not app.exception
    assert not store.entry(1).deleted  # type: ignore[union-attr]  # nothing deleted unasked
    assert "Lưu sẽ xoá 1 bản ghi (#1). Tiếp tục?" in [w.value for w in app.warning]


def test_a_revert_is_said_beside_its_button_which_is_then_disabled(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    record(database_url, plan, (WORKERS, 450, "2017-03-31", "Chương Mỹ"))
    app = open_page(monkeypatch, database_url, "pages/history.py", person="Trần Lan")
    button(app, "Hoàn tác thay đổi #1").click().run()
    assert not app.exception
    said = "Đã hoàn tác thay đổi #1 (thay đổi mới #2)."
    [success] = [s for s in app.success if s.value == said]
    done = button(app, "Đã hoàn tác (thay đổi #2)")
    assert done.disabled
    assert position(app, success) > position(app, done)  # beside the button, not at the top
    assert [toast.value for toast in app.toast] == [said]
    assert not [b for b in app.button if b.label.startswith("Hoàn tác thay đổi #1")]


def test_a_second_revert_of_the_same_change_is_refused_as_such_and_writes_nothing(
    database_url: str, plan: Plan
) -> None:
    """The write itself refuses it (a page drawn before the first revert, or a forged
    press of the disabled button), saying that it was reverted, not something vaguer."""
    [entry_id] = record(database_url, plan, (WORKERS, 450, "2017-03-31", "Chương Mỹ"))
    store = Ledger(database_url)
    edit = store.entry(entry_id)
    assert edit is not None
    first = service.revert_change(store, 1, at_server("Trần Lan"))
    revision = store.revision()
    with pytest.raises(RevertError) as refused:
        service.revert_change(store, 1, at_server("Lê Bình"))
    assert refused.value.message("vi") == "Thay đổi #1 đã được hoàn tác rồi; không ghi gì thêm."
    assert store.revision() == revision
    assert [c.id for c in store.changes()] == [first, 1]


def test_an_older_change_of_an_entry_cannot_be_pressed(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    [entry_id] = record(sqlite_url, plan, (WORKERS, 450, "2017-03-31", "Chương Mỹ"))
    store = Ledger(sqlite_url)
    service.revert_change(store, 1, at_server("Sở"))  # before any user exists
    app = open_page(monkeypatch, sqlite_url, "pages/history.py", person="Trần Lan")
    app.selectbox(key="history_change").set_value(1).run()
    assert button(app, "Đã hoàn tác (thay đổi #2)").disabled
    app.selectbox(key="history_change").set_value(2).run()
    assert not button(app, "Hoàn tác thay đổi #2").disabled  # the latest change of the entry: a redo
    assert store.entry(entry_id).deleted


def csv_file(*lines: str) -> bytes:
    """A district's report as CSV; TARGET stands for the workers' target by its title."""
    text = "\n".join(lines) + "\n"
    return text.replace("TARGET", '"Đào tạo nghề, truyền nghề cho lao động"').encode("utf-8")


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not app.exception
    return app


def panel(app: AppTest, sha_of: bytes) -> dict[str, str]:
    """The column panel of a file: each field with the header chosen for it."""
    sha = hashlib.sha256(sha_of).hexdigest()
    shown: dict[str, str] = {}
    for field in (Field.district, Field.target, Field.period, Field.quantity):
        box = app.selectbox(key=import_parts.column_key(sha, field))
        shown[field.value] = box.options[box.index] if box.index is not None else ""
    return shown


FIRST = csv_file(
    "Quận/huyện,Mục tiêu,Kỳ báo cáo,Số lượng",
    "Chương Mỹ,TARGET,2017-03,40",
)
SECOND = csv_file(
    "Ghi chú,Huyện/thị xã,Chỉ tiêu,Tháng,Kết quả",
    "tốt,Ba Vì,TARGET,2017-04,30",
)


def test_the_column_panel_follows_the_file_uploaded(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, "pages/imports.py", person="Trần Lan")
    upload(app, "thang-3.csv", FIRST)
    assert panel(app, FIRST) == {
        "district": "Quận/huyện",
        "target": "Mục tiêu",
        "period": "Kỳ báo cáo",
        "quantity": "Số lượng",
    }
    upload(app, "thang-4.csv", SECOND)
    assert panel(app, SECOND) == {
        "district": "Huyện/thị xã",
        "target": "Chỉ tiêu",
        "period": "Tháng",
        "quantity": "Kết quả",
    }
    assert not app.error


def test_before_the_district_is_chosen_the_rows_are_counted_and_what_is_missing_said(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, "pages/imports.py", person="Trần Lan")
    three = csv_file(
        "Nơi,Mục tiêu,Kỳ báo cáo,Số lượng",
        "Chương Mỹ,TARGET,2017-01,10",
        "Chương Mỹ,TARGET,2017-02,20",
        "Chương Mỹ,TARGET,2017-03,30",
    )
    upload(app, "ba-dong.csv", three)
    [caption] = [c.value for c in app.caption if "SHA-256" in c.value]
    assert "0 dòng" not in caption
    assert caption.endswith("3 dòng dưới dòng tiêu đề, chưa đọc được: chưa chọn cột Quận/huyện")


def test_a_column_headed_don_vi_that_names_districts_is_read_as_the_district(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, "pages/imports.py", person="Trần Lan")
    rows = ("Ba Vì,TARGET,2017-03,5", "H. Thường Tín,TARGET,2017-03,7")
    upload(app, "don-vi.csv", csv_file("Đơn vị,Mục tiêu,Kỳ báo cáo,Số lượng", *rows))
    assert not [i.value for i in app.info if i.value.startswith("Cột «Đơn vị»")]
    assert {m.label: m.value for m in app.metric}["Mới"] == "2"  # read, district by district


def test_a_unit_column_is_offered_as_the_district_when_no_district_column_is_found(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_page(monkeypatch, sqlite_url, "pages/imports.py", person="Trần Lan")
    upload(app, "don-vi.csv", csv_file("Đơn vị,Mục tiêu,Kỳ báo cáo,Số lượng", "lao động,TARGET,2017-03,5"))
    hints = [i.value for i in app.info]
    assert any(h.startswith("Cột «Đơn vị» được hiểu là đơn vị tính") for h in hints)


def test_undoing_an_import_asks_first_with_the_counts(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    record(sqlite_url, plan, (WORKERS, 100, "2017-03-31", "Chương Mỹ"))
    app = open_page(monkeypatch, sqlite_url, "pages/imports.py", person="Trần Lan")
    report = csv_file(
        "Quận/huyện,Mục tiêu,Kỳ báo cáo,Số lượng",
        "Chương Mỹ,TARGET,2017-01,40",
        "Chương Mỹ,TARGET,2017-02,50",
        "Chương Mỹ,TARGET,2017-03,120",
    )
    upload(app, "bao-cao.csv", report)
    button(app, "Lưu 3 thay đổi").click().run()
    store = Ledger(sqlite_url)
    assert store.count_entries() == 3

    button(app, "Hoàn tác lần nhập số 1").click().run()
    assert not app.exception
    assert "Hoàn tác lần nhập này sẽ xoá 2 bản ghi và khôi phục 1. Tiếp tục?" in [w.value for w in app.warning]
    assert store.count_entries() == 3  # asked, not done
    button(app, "Không hoàn tác").click().run()
    assert store.count_entries() == 3 and not app.warning

    button(app, "Hoàn tác lần nhập số 1").click().run()
    button(app, "Có, hoàn tác lần nhập số 1").click().run()
    assert not app.exception
    said = "Đã hoàn tác lần nhập số 1: 3 bản ghi đã trở lại như trước."
    assert said in [s.value for s in app.expander[-1].success]  # in the import's own box, opened
    assert said in [toast.value for toast in app.toast]
    assert store.count_entries() == 1 and store.entries_of(WORKERS)[0].quantity == 100


def test_changing_a_role_to_the_same_role_says_nothing_changed_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    account(database_url, "Quản Trị", Role.admin)
    editor = account(database_url, "Trần Lan", Role.editor)
    app = open_page(monkeypatch, database_url, "pages/users.py")
    sign_in_as(app, database_url, "Quản Trị", Role.admin)
    app.selectbox(key="users_chosen").set_value(editor).run()
    button(app, "Đổi quyền").click().run()
    assert not app.exception
    assert not [s for s in app.success if "Đã đổi quyền" in s.value]
    assert f"Không có gì thay đổi: {editor} đã có quyền biên tập viên." in [i.value for i in app.info]
    roles = {user.username: user.role for user in Accounts(Ledger(database_url).database).list_users()}
    assert roles[username_for("Trần Lan")] == Role.editor


def test_the_service_writes_no_role_that_is_already_there(database_url: str) -> None:
    admin = account(database_url, "Quản Trị", Role.admin)
    editor = account(database_url, "Trần Lan", Role.editor)
    store = Ledger(database_url)
    token, _ = Accounts(store.database).sign_in(admin, PASSWORD)
    signed_in = Credential(token=token)
    assert service.set_user_role(store, signed_in, editor, Role.editor) is False
    assert service.set_user_role(store, signed_in, editor, "viewer") is True
    roles = {user.username: user.role for user in Accounts(store.database).list_users()}
    assert roles[editor] == Role.viewer
