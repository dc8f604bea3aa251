"""python -m tracker record: a figure identical to one recorded is refused with exit 1
unless --allow-repeat (issue 18, point 1), by the rule the record form asks by; and the
answer names the target as people know it, not by its id (point 7)."""

from __future__ import annotations

import pytest

from tests.helpers import TARGETS_FILE, run_tracker
from tracker.domain.plan import read_plans
from tracker.i18n import Lang
from tracker.storage.ledger import Ledger

FAIRS = ("fair-participants", "60", "--date", "20/06/2017", "--note", "Hội chợ tháng 6")


@pytest.fixture(autouse=True)
def environment(command_line: str) -> str:
    return command_line


def entries_in(url: str) -> int:
    ledger = Ledger(url)
    try:
        return ledger.count_entries()
    finally:
        ledger.dispose()


def fairs_title(lang: Lang) -> str:
    return read_plans(TARGETS_FILE).default.recordable_by_id()["fair-participants"].title.in_(lang)


def test_recording_answers_with_the_targets_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_tracker(capsys, "record", *FAIRS, "--by", "Lan")
    assert (code, err) == (0, "")
    assert out == f"Đã ghi bản ghi #1: 60 cho «{fairs_title('vi')}» ngày 20/06/2017\n"
    assert "fair-participants" not in out
    code, out, _ = run_tracker(capsys, "--lang", "en", "record", "fair-participants", "7", "--date", "2017-06-21")
    assert out == f"Recorded entry #2: 7 for «{fairs_title('en')}» on 21/06/2017\n"


def test_a_repeat_is_refused_naming_the_entry_and_how_to_override(
    capsys: pytest.CaptureFixture[str], environment: str
) -> None:
    assert run_tracker(capsys, "record", *FAIRS, "--by", "Lan")[0] == 0
    code, out, err = run_tracker(capsys, "record", *FAIRS, "--by", "Hoa")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == "Chưa ghi gì vào sổ:"
    assert lines[1].startswith("  Đã có một bản ghi giống hệt (số 1, do Lan nhập lúc ")
    assert lines[2] == f"  60 cơ sở, DN cho «{fairs_title('vi')}» ngày 20/06/2017, Toàn thành phố."
    assert lines[3] == "  Nếu đây thực sự là một báo cáo khác, thêm --allow-repeat để vẫn ghi."
    assert entries_in(environment) == 1

    code, _, err = run_tracker(capsys, "--lang", "en", "record", *FAIRS, "--by", "Hoa")
    assert code == 1
    assert "An identical entry is already recorded (#1, entered by Lan at " in err
    assert "add --allow-repeat to record it anyway" in err
    assert entries_in(environment) == 1


def test_allow_repeat_records_it_again(capsys: pytest.CaptureFixture[str], environment: str) -> None:
    assert run_tracker(capsys, "record", *FAIRS, "--by", "Lan")[0] == 0
    code, out, err = run_tracker(capsys, "record", *FAIRS, "--by", "Hoa", "--allow-repeat")
    assert (code, err) == (0, "")
    assert out.startswith("Đã ghi bản ghi #2: 60 cho «")
    assert entries_in(environment) == 2


def test_another_note_is_another_report(capsys: pytest.CaptureFixture[str], environment: str) -> None:
    assert run_tracker(capsys, "record", *FAIRS, "--by", "Lan")[0] == 0
    other = ("fair-participants", "60", "--date", "20/06/2017", "--note", "Hội chợ Bát Tràng", "--by", "Lan")
    assert run_tracker(capsys, "record", *other)[0] == 0
    assert entries_in(environment) == 2
