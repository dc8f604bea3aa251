"""A grid's edit state comes from the browser, which can send anything: a forged state
(an unknown column, a year 0000, a row that is not in the grid) gets the grid's ordinary
message in the sender's own session, never a traceback, and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import at_server
from tests.helpers import open_dashboard, record, sign_in_as
from tracker import service
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.service.grid import grid_frame
from tracker.storage.ledger import Ledger

WORKERS = "workers-trained"
FORGED: list[Any] = [
    pytest.param({"edited_rows": {0: {"bogus": 1}}, "added_rows": [], "deleted_rows": []}, id="no-such-column"),
    pytest.param({"edited_rows": {0: {"ref_date": "0000-01-01"}}, "added_rows": [], "deleted_rows": []}, id="year-0"),
    pytest.param(
        {"edited_rows": {}, "added_rows": [{"ref_date": "0000-12-31", "quantity": "5"}], "deleted_rows": []},
        id="new-row-year-0",
    ),
    pytest.param({"edited_rows": {}, "added_rows": [{"nope": "x"}], "deleted_rows": []}, id="new-row-unknown-column"),
    pytest.param({"edited_rows": {"99": {"quantity": "5"}}, "added_rows": [], "deleted_rows": []}, id="row-99"),
    pytest.param({"edited_rows": {}, "added_rows": [], "deleted_rows": [42]}, id="delete-row-42"),
]


def seed(url: str, plan: Plan) -> Ledger:
    record(url, plan, (WORKERS, 450, "2017-03-31", None))
    return Ledger(url)


@pytest.mark.parametrize("forged", FORGED)
def test_a_forged_grid_state_gets_the_grid_message_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan, forged: dict[str, Any]
) -> None:
    store = seed(sqlite_url, plan)
    app = open_dashboard(monkeypatch, sqlite_url, "pages/target.py", query={"target": WORKERS})
    app = sign_in_as(app, sqlite_url, "Trần Thị Lan")
    revision = store.revision()
    forged_key = f"grid-hanoi-craft-villages-2017-{WORKERS}-0"
    app.session_state[forged_key] = forged  # what a forged websocket message would carry
    app.run()
    assert not app.exception
    assert any(error.value.startswith("Không đọc được các thay đổi gửi từ bảng") for error in app.error)
    assert app.data_editor, "the grid is drawn again, fresh"
    next(button for button in app.button if button.label == "Lưu tất cả thay đổi").click().run()
    assert not app.exception
    assert store.revision() == revision and store.count_entries() == 1
    assert store.entries_of(WORKERS)[0].quantity == 450


@pytest.mark.parametrize(
    "forged",
    [
        {"edited_rows": {"99": {"quantity": "5"}}},
        {"edited_rows": {"-1": {"quantity": "5"}}},  # pandas would read it as the last row
        {"edited_rows": {"٠": {"quantity": "5"}}},  # an Arabic-Indic zero: int() reads it as row 0
        {"deleted_rows": ["０"]},  # a full-width zero
        {"deleted_rows": [42]},
        {"deleted_rows": ["first"]},
        {"edited_rows": {"0": ["quantity", "5"]}},
        {"edited_rows": [["0", {"quantity": "5"}]]},
        {"added_rows": ["a row"]},
        {"added_rows": 7},
    ],
)
def test_the_save_itself_refuses_a_state_the_grid_cannot_have_made(
    plan: Plan, ledger: Ledger, forged: dict[str, Any]
) -> None:
    ledger.record(validate_entry(plan, target_id=WORKERS, quantity=450, ref_date="2017-03-31", entered_by="Sở"))
    revision = ledger.revision()
    shown = grid_frame(ledger.entries_of(WORKERS), "vi")
    outcome = service.save_grid(plan, ledger, WORKERS, shown, forged, at_server("Trần Thị Lan"), "vi")
    assert outcome.status == "invalid"
    assert [problem.message for problem in outcome.problems] == [
        "Không đọc được các thay đổi gửi từ bảng (một cột, một dòng hoặc một ngày không có thật). "
        "Chưa có gì được lưu; bảng đã được tải lại, hãy sửa lại."
    ]
    assert ledger.revision() == revision and ledger.count_entries() == 1
