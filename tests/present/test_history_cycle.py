"""The reporting cycle in the history: submit, approve, lock and reopen are rows of the
same history as the entries' changes (who, when, period, district, reason), merged by
time and filterable by action and period; nil reports read «Không có số liệu»; and
«changed after approval» lists exactly the changes made after a period's first approval.
On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import at_server
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.i18n import format_moment
from tracker.present import history
from tracker.service import reporting
from tracker.storage.ledger import Edit, Ledger, Removal
from tracker.storage.periods import PeriodLockedError

WORKERS = "workers-trained"
LAN = "Trần Thị Lan"  # Chương Mỹ's editor
AN = "Nguyễn Văn An"  # the department's administrator
BINH = "Lê Bình"


@dataclass(frozen=True)
class Story:
    early: int  # Chương Mỹ's Q1 entry, edited before the approval and after the reopen
    late_q2: int  # a Q2 entry, its period never approved
    ba_vi: int  # Ba Vì's Q1 entry, Ba Vì never approved


def edit(plan: Plan, ledger: Ledger, entry_id: int, quantity: int, by: str) -> None:
    row = ledger.entry(entry_id)
    assert row is not None
    entry = validate_entry(
        plan, target_id=WORKERS, quantity=quantity, ref_date=row.ref_date, district=row.district, entered_by=by
    )
    ledger.apply(edits=[Edit(entry_id, row.version, entry, ("quantity",))], by=by)


def record(plan: Plan, ledger: Ledger, quantity: int, day: str, district: str, by: str) -> int:
    return ledger.record(
        validate_entry(plan, target_id=WORKERS, quantity=quantity, ref_date=day, district=district, entered_by=by)
    )


def tell_the_story(plan: Plan, ledger: Ledger) -> Story:
    """Chương Mỹ reports Q1, corrects it, submits; the department approves; a correction
    is refused; the department reopens with a reason; Chương Mỹ corrects again. Ba Vì
    reports Q1 late and Chương Mỹ starts Q2, neither approved."""
    early = record(plan, ledger, 450, "2017-03-31", "Chương Mỹ", LAN)
    edit(plan, ledger, early, 500, LAN)  # before any approval: not a late change
    reporting.submit_period(plan, ledger, at_server(LAN), "2017-Q1", "Chương Mỹ")
    reporting.approve_period(plan, ledger, at_server(AN), "2017-Q1", "Chương Mỹ", "đã duyệt quý 1")
    with pytest.raises(PeriodLockedError):
        edit(plan, ledger, early, 510, LAN)
    reporting.reopen_period(plan, ledger, at_server(AN), "2017-Q1", "Chương Mỹ", "Chương Mỹ báo sai số lao động")
    edit(plan, ledger, early, 520, LAN)  # after the first approval: listed
    ba_vi = record(plan, ledger, 80, "2017-03-20", "Ba Vì", BINH)
    late_q2 = record(plan, ledger, 300, "2017-05-15", "Chương Mỹ", LAN)
    return Story(early, late_q2, ba_vi)


def test_submit_approve_and_reopen_are_rows_of_the_history_with_who_and_why(plan: Plan, ledger: Ledger) -> None:
    tell_the_story(plan, ledger)
    table = history.cycle_history_table(ledger.changes(), reporting.period_events(plan, ledger), plan, "vi")
    assert list(table.columns) == [
        "Thay đổi #",
        "Thời điểm",
        "Người thay đổi",
        "Thao tác",
        "Kỳ báo cáo",
        "Quận, huyện",
        "Lý do",
        "Trước",
        "Sau",
        "Chỉ tiêu",
        "Bản ghi #",
    ]
    # newest first, the periods' rows where they happened among the entries' changes
    assert table["Thao tác"].tolist() == ["Thêm", "Thêm", "Sửa", "Mở lại", "Duyệt", "Gửi báo cáo", "Sửa", "Thêm"]
    cycle = table[table["Bản ghi #"].isna()].set_index("Thao tác")
    assert cycle.loc["Gửi báo cáo", "Người thay đổi"] == LAN
    assert cycle.loc["Duyệt", "Người thay đổi"] == AN
    assert cycle.loc["Duyệt", "Lý do"] == "đã duyệt quý 1"
    assert cycle.loc["Mở lại", "Lý do"] == "Chương Mỹ báo sai số lao động"
    assert set(cycle["Kỳ báo cáo"]) == {"Quý 1/2017"} and set(cycle["Quận, huyện"]) == {"Chương Mỹ"}
    assert (cycle.loc["Duyệt", "Trước"], cycle.loc["Duyệt", "Sau"]) == ("đã gửi", "đã duyệt")
    assert (cycle.loc["Mở lại", "Trước"], cycle.loc["Mở lại", "Sau"]) == ("đã duyệt", "đang mở")
    entries = table[table["Bản ghi #"].notna()]
    assert entries["Kỳ báo cáo"].tolist() == ["Quý 2/2017", "Quý 1/2017", "Quý 1/2017", "Quý 1/2017", "Quý 1/2017"]


def test_the_history_in_english(plan: Plan, ledger: Ledger) -> None:
    tell_the_story(plan, ledger)
    table = history.cycle_history_table([], reporting.period_events(plan, ledger), plan, "en")
    assert table["Action"].tolist() == ["Reopened", "Approved", "Submitted"]
    assert table["Period"].tolist() == ["Q1 2017"] * 3
    assert table["Target"].tolist() == ["Every target"] * 3
    assert table["Reason"].tolist()[0] == "Chương Mỹ báo sai số lao động"


def test_the_history_filters_by_action_and_period(plan: Plan, ledger: Ledger) -> None:
    tell_the_story(plan, ledger)
    events = reporting.period_events(plan, ledger)
    changes = ledger.changes()
    approvals = history.select_events(events, actions=frozenset({"approve", "reopen"}))
    assert [event.action.value for event in approvals] == ["reopen", "approve"]
    assert history.select_changes(changes, plan, frozenset({"approve", "reopen"}), None) == []
    edits = history.select_changes(changes, plan, frozenset({"update"}), None)
    assert [change.after["quantity"] for change in edits if change.after] == ["520", "500"]
    q2 = history.select_changes(changes, plan, frozenset(), "2017-Q2")
    assert [change.after["ref_date"] for change in q2 if change.after] == ["2017-05-15"]
    assert history.select_events(events, period="2017-Q2") == []
    assert len(history.select_events(events, person=AN)) == 2
    assert {history.action_name(action, "vi") for action in history.CYCLE_ACTIONS} == {
        "Gửi báo cáo",
        "Duyệt",
        "Khoá cả kỳ",
        "Mở lại",
    }


def test_a_nil_report_reads_nothing_this_period_in_the_history(plan: Plan, ledger: Ledger) -> None:
    reporting.record_nil(plan, ledger, at_server(BINH), target_id=WORKERS, district="Ba Vì", period="2017-Q1")
    [change] = ledger.changes()
    vi = history.cycle_history_table([change], [], plan, "vi").iloc[0]
    assert vi["Sau"] == "Không có số liệu · 31/03/2017 · Ba Vì"
    en = history.cycle_history_table([change], [], plan, "en").iloc[0]
    assert en["After"] == "Nil report · 31/03/2017 · Ba Vì"
    ledger.revert(change.id, by=BINH)
    reverted = history.cycle_history_table(ledger.changes(), [], plan, "vi").iloc[0]
    assert reverted["Trước"] == "Không có số liệu · 31/03/2017 · Ba Vì"


def test_changed_after_approval_lists_exactly_the_changes_after_the_first_approval(
    plan: Plan, ledger: Ledger
) -> None:
    story = tell_the_story(plan, ledger)
    late = reporting.changed_after_approval(plan, ledger)
    assert [item.change.entry_id for item in late] == [story.early]  # not Ba Vì's, not Q2's, not the early edit
    table = history.late_changes_table(late, plan, "vi")
    [row] = table.to_dict("records")
    assert row["Kỳ báo cáo"] == "Quý 1/2017"
    assert row["Quận, huyện"] == "Chương Mỹ"
    assert row["Thao tác"] == "Sửa"
    assert row["Đã đổi (trước → sau)"] == "Số lượng: 500 → 520"
    assert row["Người thay đổi"] == LAN
    [approval] = [e for e in reporting.period_events(plan, ledger) if e.action.value == "approve"]
    assert row["Đã duyệt lúc"] == format_moment(approval.changed_at)
    english = history.late_changes_table(late, plan, "en").iloc[0]
    assert english["What changed (before → after)"] == "Quantity: 500 → 520"


def test_a_whole_period_lock_counts_as_an_approval_and_a_deletion_is_listed(plan: Plan, ledger: Ledger) -> None:
    story = tell_the_story(plan, ledger)
    reporting.lock_period(plan, ledger, at_server(AN), "2017-Q2", "sau cuộc họp quý 2")
    reporting.reopen_period(plan, ledger, at_server(AN), "2017-Q2", None, "bổ sung số liệu")
    row = ledger.entry(story.late_q2)
    assert row is not None
    ledger.apply(removals=[Removal(story.late_q2, row.version)], by=LAN)
    late = reporting.changed_after_approval(plan, ledger)
    listed = [(item.change.entry_id, item.period.name) for item in late]
    assert listed == [(story.early, "2017-Q1"), (story.late_q2, "2017-Q2")]
    deleted = history.late_changes_table(late, plan, "vi").iloc[1]
    assert deleted["Thao tác"] == "Xoá"
    assert deleted["Đã đổi (trước → sau)"] == "300 · 15/05/2017 · Chương Mỹ → (không có / đã xoá)"


def test_with_nothing_approved_the_list_is_empty_with_its_headers(plan: Plan, ledger: Ledger) -> None:
    record(plan, ledger, 450, "2017-03-31", "Chương Mỹ", LAN)
    assert reporting.changed_after_approval(plan, ledger) == []
    table = history.late_changes_table([], plan, "vi")
    assert table.empty and "Đã duyệt lúc" in table.columns

