"""The Tasks page through AppTest: status, notes, history and revert as a person meets them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import TARGETS_FILE, as_read, open_page
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan, TaskStatus
from tracker.storage.ledger import Ledger
from tracker.storage.tasks import TaskBoard, status_label

TASK = "brand-building-support"
DAY = dt.date(2017, 3, 31)
REMOTE_BANNER = "Ứng dụng chưa có tài khoản người dùng, nên từ máy khác chỉ xem được"


def open_tasks(
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    person: str | None = None,
    query: dict[str, str] | None = None,
    targets: Path | None = None,
) -> AppTest:
    """The Tasks page; with ``person``, signed in as that editor."""
    return open_page(monkeypatch, url, "pages/tasks.py", person=person, query=query, targets=targets)


def choose(app: AppTest, task_id: str = TASK) -> AppTest:
    app.selectbox(key="task_choice.vi").set_value(task_id).run()
    return app


def button(app: AppTest, label_start: str) -> object:
    return next(b for b in app.button if b.label.startswith(label_start))


def frame_with(app: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column``."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def history(app: AppTest) -> pd.DataFrame:
    return frame_with(app, "Người thay đổi")


def summary_row(app: AppTest, plan: Plan, task_id: str = TASK) -> dict[str, object]:
    title = next(task.title.vi for task in plan.tasks if task.id == task_id)
    table = frame_with(app, "Nhiệm vụ")
    return table[table["Nhiệm vụ"] == title].iloc[0].to_dict()


def test_the_page_lists_every_task_with_its_owner_and_status(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_tasks(monkeypatch, sqlite_url)
    assert app.title[0].value == "Nhiệm vụ định tính"
    table = frame_with(app, "Nhiệm vụ")
    assert table["Nhiệm vụ"].tolist() == [task.title.vi for task in plan.tasks]
    assert table["Đơn vị chủ trì"].tolist() == [task.owner.vi for task in plan.tasks]
    assert table["Tình trạng"].tolist() == [status_label(task.status, "vi") for task in plan.tasks]
    assert any(info.value.startswith("Chưa có ghi chú nào") for info in app.info)
    assert any(info.value == "Chưa có thay đổi nào." for info in app.info)
    assert any("Chưa cập nhật" in text.value for text in app.text)


def test_setting_a_status_and_adding_a_note_show_them_and_the_history_names_the_person(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    app = choose(open_tasks(monkeypatch, database_url, person="Trần Lan"))
    app.selectbox(key=f"task_status_{TASK}").set_value(TaskStatus.in_progress.value)
    button(app, "Lưu tình trạng").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("Đã lưu tình trạng «🔵 Đang thực hiện»")
    assert summary_row(app, plan)["Tình trạng"] == "🔵 Đang thực hiện"
    assert app.selectbox(key=f"task_status_{TASK}").value == TaskStatus.in_progress.value

    note = "Đã làm việc với *Bát Tràng* về [nhãn hiệu](http://example.com) <b>tập thể</b>"
    app.date_input(key=f"task_note_date_{TASK}").set_value(DAY)
    app.text_area(key=f"task_note_text_{TASK}").set_value(note)
    button(app, "Lưu ghi chú").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("Đã lưu ghi chú")
    assert app.text_area(key=f"task_note_text_{TASK}").value == ""  # saved: the box is free again
    notes = frame_with(app, "Người ghi")
    assert notes.iloc[0][["Ngày", "Ghi chú", "Người ghi"]].tolist() == ["31/03/2017", note, "Trần Lan"]
    assert summary_row(app, plan)["Ghi chú mới nhất"] == f"31/03/2017: {note}"
    assert summary_row(app, plan)["Cập nhật lần cuối"].startswith("Trần Lan · ")

    changes = history(app)
    assert changes["Người thay đổi"].tolist() == ["Trần Lan", "Trần Lan"]
    assert changes["Thao tác"].tolist() == ["Thêm ghi chú", "Đổi tình trạng"]
    assert changes["Sau"].tolist() == [f"31/03/2017: {note}", "🔵 Đang thực hiện"]
    assert changes["Trước"].tolist()[1] == "⚪ Chưa bắt đầu"

    state = next(s for s in TaskBoard(Ledger(database_url).database).states(plan) if s.task.id == TASK)
    assert (state.status, state.version, [n.text for n in state.notes]) == (TaskStatus.in_progress, 2, [note])


def test_revert_puts_the_status_back_and_is_itself_a_change(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    change_id = TaskBoard(Ledger(database_url).database).set_status(plan, TASK, TaskStatus.done, 0, "Nguyễn An")
    app = choose(open_tasks(monkeypatch, database_url, person="Trần Lan"))
    assert summary_row(app, plan)["Tình trạng"] == "🟢 Hoàn thành"
    button(app, f"Hoàn tác thay đổi #{change_id}").click().run()
    assert not app.exception
    assert app.success[0].value.startswith(f"Đã hoàn tác thay đổi #{change_id}")
    assert summary_row(app, plan)["Tình trạng"] == "⚪ Chưa bắt đầu"
    changes = history(app)
    assert changes["Người thay đổi"].tolist() == ["Trần Lan", "Nguyễn An"]
    assert changes["Thao tác"].tolist() == [f"Hoàn tác #{change_id}", "Đổi tình trạng"]
    assert app.selectbox(key=f"task_status_{TASK}").value == TaskStatus.not_started.value


def test_a_note_added_by_mistake_is_reverted_and_the_log_explains_itself(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    TaskBoard(Ledger(sqlite_url).database).add_note(plan, TASK, DAY, "nhầm nhiệm vụ", "Nguyễn An")
    app = choose(open_tasks(monkeypatch, sqlite_url, person="Trần Lan"))
    assert frame_with(app, "Người ghi")["Ghi chú"].tolist() == ["nhầm nhiệm vụ"]
    button(app, "Hoàn tác thay đổi").click().run()
    assert not app.exception
    assert any(info.value.startswith("Chưa có ghi chú nào") for info in app.info)
    assert history(app)["Sau"].tolist()[0] == "(không có trong nhật ký)"


def test_a_note_can_be_withdrawn_from_the_log(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan) -> None:
    board = TaskBoard(Ledger(sqlite_url).database)
    board.add_note(plan, TASK, DAY, "nhầm", "Nguyễn An")
    board.add_note(plan, TASK, DAY, "đúng", "Nguyễn An")
    wrong = next(n for s in board.states(plan) if s.task.id == TASK for n in s.notes if n.text == "nhầm")
    app = choose(open_tasks(monkeypatch, sqlite_url, person="Trần Lan"))
    app.selectbox(key=f"task_withdraw_{TASK}").set_value(wrong.id)
    button(app, "Rút ghi chú đã chọn").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("Đã rút ghi chú")
    assert frame_with(app, "Người ghi")["Ghi chú"].tolist() == ["đúng"]
    assert history(app)["Thao tác"].tolist()[0] == "Rút ghi chú"


def test_a_bad_note_is_refused_with_its_reason_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = choose(open_tasks(monkeypatch, sqlite_url, person="Trần Lan"))
    app.text_area(key=f"task_note_text_{TASK}").set_value("   ")
    button(app, "Lưu ghi chú").click().run()
    assert not app.exception
    assert app.error[0].value == "Chưa lưu: hãy viết nội dung ghi chú."
    assert TaskBoard(Ledger(sqlite_url).database).changes() == []


def test_without_users_a_session_with_no_address_can_save_nothing(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    """AppTest has no network connection, so it is not "this computer": before the first
    user exists it may look, is asked no name, and even a request planted in its session
    with a typed name writes nothing. (The typed name at the server itself: a browser test.)"""
    board = TaskBoard(Ledger(sqlite_url).database)
    board.set_status(plan, TASK, TaskStatus.blocked, 0, "Nguyễn An")
    board.add_note(plan, TASK, DAY, "ghi chú", "Nguyễn An")
    app = choose(open_tasks(monkeypatch, sqlite_url))
    assert app.sidebar.warning[0].value.startswith(REMOTE_BANNER)
    assert not [box for box in app.text_input if box.key == "person"]
    assert not [w for w in app.warning if w.value.startswith("Hãy nhập tên")]
    labels = {b.label for b in app.button}
    assert not {"Lưu tình trạng", "Lưu ghi chú"} & labels
    for label in ("Hoàn tác thay đổi", "Rút ghi chú đã chọn"):
        assert button(app, label).disabled, label
    app.session_state["author_name"] = "Trần Lan"  # a name typed into the state is not this computer
    app.session_state["task_request"] = {"kind": "status", "task_id": TASK, "status": "done", "seen": 1}
    app.run()
    assert not app.exception
    assert [error.value for error in app.error] == [
        "Chưa có tài khoản người dùng nào, nên chỉ trình duyệt trên chính máy chủ (mở bằng localhost hoặc 127.0.0.1) "
        "mới được thay đổi số liệu và tạo quản trị viên đầu tiên. Chưa có gì được lưu."
    ]
    assert len(board.changes()) == 2


def test_a_status_changed_meanwhile_is_not_overwritten_and_is_shown(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    app = choose(open_tasks(monkeypatch, database_url, person="Trần Lan"))
    TaskBoard(Ledger(database_url).database).set_status(plan, TASK, TaskStatus.blocked, 0, "Nguyễn An")  # someone else
    app.selectbox(key=f"task_status_{TASK}").set_value(TaskStatus.done.value)
    button(app, "Lưu tình trạng").click().run()
    assert not app.exception
    warning = as_read(app.warning[0].value)
    assert warning.startswith("Chưa lưu: Nguyễn An đã thay đổi nhiệm vụ này")
    assert "🔴 Vướng mắc" in warning
    assert app.selectbox(key=f"task_status_{TASK}").value == TaskStatus.blocked.value  # choose again from here
    state = next(s for s in TaskBoard(Ledger(database_url).database).states(plan) if s.task.id == TASK)
    assert (state.status, state.version, state.updated_by) == (TaskStatus.blocked, 1, "Nguyễn An")

    # Chosen again, the save now names the version shown since the conflict, and goes through.
    app.selectbox(key=f"task_status_{TASK}").set_value(TaskStatus.done.value)
    button(app, "Lưu tình trạng").click().run()
    assert app.success[0].value.startswith("Đã lưu tình trạng «🟢 Hoàn thành»")


def test_a_link_opens_its_task_and_the_address_follows(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    app = open_tasks(monkeypatch, sqlite_url, query={"task": "regional-linkage"})
    assert app.selectbox(key="task_choice.vi").value == "regional-linkage"
    assert as_read(app.subheader[0].value) == next(t.title.vi for t in plan.tasks if t.id == "regional-linkage")
    choose(app, TASK)
    assert app.query_params["task"] == TASK


def test_vietnamese_and_english_both_render(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan) -> None:
    TaskBoard(Ledger(sqlite_url).database).add_note(plan, TASK, DAY, "ghi chú", "Nguyễn An")
    app = choose(open_tasks(monkeypatch, sqlite_url, person="Trần Lan"))
    assert app.title[0].value == "Nhiệm vụ định tính"
    assert frame_with(app, "Nhiệm vụ")["Tình trạng"].tolist()[0] == "⚪ Chưa bắt đầu"
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Qualitative tasks"
    table = frame_with(app, "Task")
    assert table["Task"].tolist() == [task.title.en for task in plan.tasks]
    assert table["Status"].tolist()[0] == "⚪ Not started"
    assert frame_with(app, "Action")["Action"].tolist() == ["Note added"]
    assert button(app, "Save status") and button(app, "Save note") and button(app, "Revert change #")
    app.selectbox(key=f"task_status_{TASK}").set_value(TaskStatus.done.value)
    button(app, "Save status").click().run()
    assert app.success[0].value.startswith("Saved the status «🟢 Done»")


def test_a_plan_without_tasks_says_so(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path) -> None:
    text = TARGETS_FILE.read_text(encoding="utf-8")
    no_tasks = tmp_path / "targets.yaml"
    no_tasks.write_text(text[: text.index("\n    tasks:")] + "\n", encoding="utf-8")  # the 2017 plan alone
    app = open_tasks(monkeypatch, sqlite_url, targets=no_tasks)
    assert app.info[0].value.startswith("Kế hoạch này không có nhiệm vụ định tính nào")
    assert not app.dataframe


def test_the_overview_shows_each_tasks_status_from_the_database(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    store = Ledger(sqlite_url)
    store.record(validate_entry(plan, target_id="workers-trained", quantity=450, ref_date=DAY, entered_by="Nguyễn An"))
    board = TaskBoard(store.database)
    board.set_status(plan, TASK, TaskStatus.done, 0, "Nguyễn An")
    board.add_note(plan, TASK, DAY, "đã xong", "Nguyễn An")
    app = open_tasks(monkeypatch, sqlite_url)
    app.switch_page("pages/overview.py").run()
    assert not app.exception
    row = summary_row(app, plan)
    assert row["Tình trạng"] == "🟢 Hoàn thành"
    assert row["Ghi chú mới nhất"] == "31/03/2017: đã xong"
