"""The change history as tables: before and after side by side, in Vietnamese and English,
the changed fields marked."""

from __future__ import annotations

import datetime as dt

from tests.service.grid_helpers import (
    BINH,
    EXPORTS,
    HOA,
    WORKERS,
    D,
    at,
    make,
    save,
    state,
    view,
)
from tracker.domain.plan import Plan
from tracker.present import history
from tracker.storage.ledger import Ledger, Removal

# --- 9. history, side by side ------------------------------------------------------------


def _history_fixture(plan: Plan, ledger: Ledger) -> int:
    entry_id = ledger.record(make(12400, D(2017, 6, 30), "Chương Mỹ", village="Phụng Châu"))
    frame = view(ledger)
    outcome = save(
        plan,
        ledger,
        frame,
        state(edited={at(frame, entry_id): {"quantity": 12450.0, "district": "Ba Vì"}}),
        by=BINH,
    )
    assert outcome.status == "saved"
    return entry_id


def test_history_table_shows_before_and_after_in_vietnamese(plan: Plan, ledger: Ledger) -> None:
    entry_id = _history_fixture(plan, ledger)
    table = history.history_table(ledger.changes(target_id=WORKERS), plan, "vi")
    assert list(table.columns) == [
        "Thay đổi #",
        "Thời điểm",
        "Người thay đổi",
        "Thao tác",
        "Chỉ tiêu",
        "Bản ghi #",
        "Trước",
        "Sau",
    ]
    edit, create = table.iloc[0], table.iloc[1]  # newest first
    assert (edit["Thao tác"], edit["Người thay đổi"], edit["Bản ghi #"]) == ("Sửa", BINH, entry_id)
    assert edit["Trước"] == "12.400 · 30/06/2017 · Chương Mỹ · Phụng Châu"
    assert edit["Sau"] == "12.450 · 30/06/2017 · Ba Vì · Phụng Châu"
    assert (create["Thao tác"], create["Trước"]) == ("Thêm", "")
    assert create["Chỉ tiêu"] == "Đào tạo nghề, truyền nghề cho lao động"
    assert dt.datetime.strptime(edit["Thời điểm"], "%d/%m/%Y %H:%M").year >= 2024  # when it was changed


def test_history_table_in_english_keeps_the_english_number_format(plan: Plan, ledger: Ledger) -> None:
    _history_fixture(plan, ledger)
    ledger.revert(ledger.changes(target_id=WORKERS)[0].id, by=HOA)
    table = history.history_table(ledger.changes(target_id=WORKERS), plan, "en")
    revert, edit = table.iloc[0], table.iloc[1]
    assert revert["Action"] == f"Revert of #{ledger.changes(target_id=WORKERS)[1].id}"
    assert revert["Before"] == "12,450 · 30/06/2017 · Ba Vì · Phụng Châu"
    assert revert["After"] == "12,400 · 30/06/2017 · Chương Mỹ · Phụng Châu"
    assert edit["Action"] == "Edited" and edit["By"] == BINH


def test_change_detail_marks_the_changed_fields(plan: Plan, ledger: Ledger) -> None:
    _history_fixture(plan, ledger)
    edit = ledger.changes(target_id=WORKERS)[0]
    vi = history.change_detail_table(edit, "vi").set_index("Trường")
    assert vi.loc["Số lượng", "Trước"] == "12.400" and vi.loc["Số lượng", "Sau"] == "12.450"
    assert vi.loc["Quận/huyện", "Trước"] == "Chương Mỹ" and vi.loc["Quận/huyện", "Sau"] == "Ba Vì"
    assert vi.loc["Ngày", "Trước"] == vi.loc["Ngày", "Sau"] == "30/06/2017"
    assert vi["Đổi"].to_dict() == {
        "Ngày": "",
        "Số lượng": "●",
        "Quận/huyện": "●",
        "Làng nghề": "",
        "Ghi chú": "",
        "Loại": "",
    }
    en = history.change_detail_table(edit, "en").set_index("Field")
    assert en.loc["Quantity", "Before"] == "12,400" and en.loc["Quantity", "After"] == "12,450"
    assert en.loc["Kind", "Before"] == en.loc["Kind", "After"] == "Report"
    assert en["Changed"].tolist().count("●") == 2


def test_change_detail_of_a_delete_and_a_create(plan: Plan, ledger: Ledger) -> None:
    entry_id = ledger.record(make("1234.5", D(2017, 6, 30), None, target_id=EXPORTS))
    ledger.apply(removals=[Removal(entry_id, 1)], by=BINH)
    create, delete = ledger.changes_of(entry_id)
    created = history.change_detail_table(create, "vi").set_index("Trường")
    assert created.loc["Số lượng", "Trước"] == "" and created.loc["Số lượng", "Sau"] == "1.234,5"
    assert created.loc["Quận/huyện", "Sau"] == "Toàn thành phố"
    assert (created["Đổi"] == "●").sum() >= 3
    deleted = history.change_detail_table(delete, "en").set_index("Field")
    assert deleted.loc["Quantity", "Before"] == "1,234.5" and deleted.loc["Quantity", "After"] == ""
    assert history.history_table([delete], plan, "vi").iloc[0]["Sau"] == "(không có / đã xoá)"


