"""The History page with the reporting cycle, through AppTest: submits, approvals and
reopens among the entries' changes, with who and why; the action and period filters;
the «changed after approval» tab; a revert refused in a locked period. SQLite and
PostgreSQL."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import at_server
from tests.helpers import as_read, open_page
from tests.present.test_history_cycle import AN, LAN, WORKERS, record, tell_the_story
from tracker.domain.plan import Plan
from tracker.service import reporting
from tracker.storage.ledger import Ledger

EDITOR = "Phạm Thu Hoa"  # signed in; no district of her own
LATE_COLUMN = "Đã đổi (trước → sau)"


def seeded(url: str, plan: Plan) -> None:
    """The story, written before any account exists (at the server, names typed)."""
    store = Ledger(url)
    try:
        tell_the_story(plan, store)
    finally:
        store.dispose()


def history_of(app: AppTest) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if "Lý do" in frame.value.columns)


def late_of(app: AppTest) -> pd.DataFrame | None:
    return next((frame.value for frame in app.dataframe if LATE_COLUMN in frame.value.columns), None)


def button(app: AppTest, start: str) -> Any:
    return next(b for b in app.button if b.label.startswith(start))


def test_the_history_shows_submit_approve_and_reopen_with_who_and_why(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    seeded(database_url, plan)
    app = open_page(monkeypatch, database_url, "pages/history.py", person=EDITOR)
    assert not app.exception
    rows = history_of(app)
    assert rows["Thao tác"].tolist() == ["Thêm", "Thêm", "Sửa", "Mở lại", "Duyệt", "Gửi báo cáo", "Sửa", "Thêm"]
    reopen = rows[rows["Thao tác"] == "Mở lại"].iloc[0]
    assert (reopen["Người thay đổi"], reopen["Lý do"]) == (AN, "Chương Mỹ báo sai số lao động")
    assert (reopen["Kỳ báo cáo"], reopen["Quận, huyện"]) == ("Quý 1/2017", "Chương Mỹ")
    approve = rows[rows["Thao tác"] == "Duyệt"].iloc[0]
    assert (approve["Người thay đổi"], approve["Lý do"]) == (AN, "đã duyệt quý 1")
    person = next(box for box in app.main.selectbox if box.label == "Người thay đổi")
    assert AN in person.options  # the administrator, who entered no figure, can be chosen


def test_the_history_filters_by_action_and_period(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    seeded(database_url, plan)
    app = open_page(monkeypatch, database_url, "pages/history.py", person=EDITOR)
    actions = app.multiselect(key="history_actions")
    assert "Duyệt" in actions.options and "Mở lại" in actions.options and "Sửa" in actions.options
    actions.set_value(["approve", "reopen"]).run()
    assert not app.exception
    assert history_of(app)["Thao tác"].tolist() == ["Mở lại", "Duyệt"]
    assert not [box for box in app.selectbox if box.key == "history_change"]  # no entry's change to show
    app.multiselect(key="history_actions").set_value(["update", "submit"]).run()
    assert history_of(app)["Thao tác"].tolist() == ["Sửa", "Gửi báo cáo", "Sửa"]
    app.multiselect(key="history_actions").set_value([]).run()
    app.selectbox(key="history_period").set_value("2017-Q2").run()
    only_q2 = history_of(app)
    assert only_q2["Kỳ báo cáo"].tolist() == ["Quý 2/2017"]
    assert only_q2["Sau"].tolist() == ["300 · 15/05/2017 · Chương Mỹ"]
    person = next(box for box in app.main.selectbox if box.label == "Người thay đổi")
    app.selectbox(key="history_period").set_value(None).run()
    person.set_value(AN).run()
    assert history_of(app)["Thao tác"].tolist() == ["Mở lại", "Duyệt"]


def test_changed_after_approval_has_its_tab(monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan) -> None:
    seeded(database_url, plan)
    app = open_page(monkeypatch, database_url, "pages/history.py", person=EDITOR)
    assert [tab.label for tab in app.tabs] == ["Mọi thay đổi", "Thay đổi sau khi duyệt (1)"]
    late = late_of(app)
    assert late is not None
    [row] = late.to_dict("records")
    assert (row["Kỳ báo cáo"], row["Quận, huyện"]) == ("Quý 1/2017", "Chương Mỹ")
    assert row[LATE_COLUMN] == "Số lượng: 500 → 520"
    assert row["Người thay đổi"] == LAN
    app.radio(key="lang").set_value("en").run()
    assert [tab.label for tab in app.tabs] == ["Every change", "Changed after approval (1)"]
    english = next(frame.value for frame in app.dataframe if "What changed (before → after)" in frame.value.columns)
    assert english["What changed (before → after)"].tolist() == ["Quantity: 500 → 520"]


def test_the_empty_list_says_why_it_is_empty(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan) -> None:
    store = Ledger(sqlite_url)
    record(plan, store, 450, "2017-03-31", "Chương Mỹ", LAN)
    app = open_page(monkeypatch, sqlite_url, "pages/history.py")
    assert late_of(app) is None
    assert any(info.value.startswith("Chưa kỳ nào được duyệt hoặc khoá") for info in app.info)
    reporting.approve_period(plan, store, at_server(AN), "2017-Q1", "Chương Mỹ")
    app.run()
    assert [tab.label for tab in app.tabs][1] == "Thay đổi sau khi duyệt (0)"
    assert any(info.value.startswith("Không có thay đổi nào sau khi duyệt") for info in app.info)


def test_a_revert_in_an_approved_period_is_refused_and_says_why(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    store = Ledger(database_url)
    record(plan, store, 450, "2017-03-31", "Chương Mỹ", LAN)
    reporting.approve_period(plan, store, at_server(AN), "2017-Q1", "Chương Mỹ", "đã duyệt quý 1")
    app = open_page(monkeypatch, database_url, "pages/history.py", person=EDITOR)
    revision = store.revision()
    button(app, "Hoàn tác thay đổi #1").click().run()
    assert not app.exception
    said = " ".join(as_read(error.value) for error in app.error)
    assert "Chương Mỹ, Quý 1/2017 đã khoá từ" in said and f"bởi {AN}: đã duyệt quý 1" in said
    assert store.revision() == revision  # nothing written
    assert store.count_entries() == 1
    assert history_of(app)["Thao tác"].tolist() == ["Duyệt", "Thêm"]
    assert [entry.quantity for entry in store.entries_of(WORKERS)] == [450]
