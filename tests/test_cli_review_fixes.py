"""The command line after review, on SQLite and PostgreSQL.

--by that names an account (its user name or its display name) writes as that account:
a district office's account writes its own districts only, under its display name, as it
does in the app; the history said the Chương Mỹ office wrote Ba Vì's figures. A name that
is no account is the operator's, as before. ``period status`` writes out what a stored
name or reason holds, never handing an escape sequence to the terminal; and a district is
not reopened alone under its whole period's lock.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT, run_tracker
from tests.report_files import csv_bytes
from tracker.domain.plan import load_plan
from tracker.i18n import HANOI_TIME
from tracker.storage.ledger import Ledger
from tracker.storage.periods import PeriodBook, period_events, period_statuses

PLAN = load_plan(PROJECT_ROOT / "targets.yaml")
WORKERS = PLAN.target("workers-trained").title.vi
PASSWORD = "một mật khẩu đủ dài 2017"
OFFICE = "Phòng Kinh tế Chương Mỹ"
AN = "Nguyễn Văn An"
SCOPE_REFUSED = "Tài khoản của bạn chỉ được ghi số liệu của Chương Mỹ; dòng này thuộc Ba Vì. Không ghi gì."


@pytest.fixture(autouse=True)
def environment(command_line: str, database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    return database_url


@pytest.fixture
def store(environment: str) -> Iterator[Ledger]:
    ledger = Ledger(environment).for_plan(PLAN.id)
    yield ledger
    ledger.dispose()


def tracker(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_tracker(capsys, *argv)


def add_user(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, username: str, name: str, role: str, *more: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    argv = ("user", "add", username, "--role", role, "--name", name, "--password-stdin", *more)
    assert tracker(capsys, *argv)[0] == 0


@pytest.fixture
def office(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, store: Ledger) -> str:
    """The Chương Mỹ office's account, limited to Chương Mỹ, beside an administrator."""
    add_user(capsys, monkeypatch, "quantri", AN, "admin")
    add_user(capsys, monkeypatch, "cm", OFFICE, "editor", "--district", "Chương Mỹ")
    return "cm"


def authors(store: Ledger) -> list[tuple[str | None, str]]:
    return [(entry.district, entry.entered_by) for entry in store.entries_of("workers-trained")]


# --- --by names an account -------------------------------------------------------------------


def test_record_by_a_district_account_writes_its_own_districts_only_under_its_name(
    capsys: pytest.CaptureFixture[str], store: Ledger, office: str
) -> None:
    def record(by: str, district: str, *more: str) -> tuple[int, str, str]:
        return tracker(capsys, *more, "record", "workers-trained", "7", "--date", "2017-05-02",
                       "--district", district, "--by", by)  # fmt: skip

    assert record("cm", "Ba Vì") == (1, "", f"Chưa ghi gì vào sổ:\n  {SCOPE_REFUSED}\n")
    assert record(OFFICE.upper(), "Ba Vì")[0] == 1  # its display name, however it is typed
    code, _, err = record("CM", "Ba Vì", "--lang", "en")
    assert (code, err) == (1, "Nothing was recorded:\n  Your account may only write figures of Chương Mỹ; "
                              "this row belongs to Ba Vì. Nothing was written.\n")  # fmt: skip
    assert store.count_entries() == 0

    code, out, err = record("cm", "Chương Mỹ")
    assert (code, err) == (0, ""), err
    assert out.startswith("Đã ghi bản ghi #")
    assert authors(store) == [("Chương Mỹ", OFFICE)]  # under the account's display name, not «cm»

    assert record("Trần Lan", "Ba Vì")[0] == 0  # no account has that name: the operator's, as before
    assert sorted(authors(store)) == [("Ba Vì", "Trần Lan"), ("Chương Mỹ", OFFICE)]


def test_nil_report_and_submit_by_a_district_account_keep_to_its_districts(
    capsys: pytest.CaptureFixture[str], store: Ledger, office: str
) -> None:
    code, _, err = tracker(capsys, "nil-report", "village-brands", "2017-Q1", "--district", "Ba Vì", "--by", "cm")
    assert (code, err) == (1, f"Chưa ghi gì vào sổ:\n  {SCOPE_REFUSED}\n")
    code, _, err = tracker(capsys, "period", "submit", "2017-Q2", "--district", "Ba Vì", "--by", "cm")
    assert (code, err) == (1, f"Chưa thay đổi gì:\n  {SCOPE_REFUSED}\n")
    book = PeriodBook(store.database, PLAN.id)
    assert (store.count_entries(), book.events()) == (0, [])

    assert tracker(capsys, "nil-report", "village-brands", "2017-Q1", "--district", "Chương Mỹ", "--by", "cm")[0] == 0
    assert tracker(capsys, "period", "submit", "2017-Q2", "--district", "Chương Mỹ", "--by", "cm")[0] == 0
    assert [entry.entered_by for entry in store.entries_of("village-brands")] == [OFFICE]
    assert [(event.district, event.changed_by) for event in book.events()] == [("Chương Mỹ", OFFICE)]


def test_an_account_that_may_not_approve_is_refused_by_name(
    capsys: pytest.CaptureFixture[str], store: Ledger, office: str
) -> None:
    code, out, err = tracker(capsys, "period", "approve", "2017-Q2", "--district", "Chương Mỹ", "--by", "cm")
    assert (code, out) == (1, "")
    assert err == (
        "Chưa thay đổi gì:\n  --by cm: tài khoản cm (biên tập viên) không được duyệt, khoá hay mở lại "
        "kỳ báo cáo: chỉ quản trị viên mới được.\n"
    )
    assert PeriodBook(store.database, PLAN.id).events() == []
    code, _, err = tracker(capsys, "period", "approve", "2017-Q2", "--district", "Chương Mỹ", "--by", "quantri")
    assert (code, err) == (0, "")
    assert [event.changed_by for event in PeriodBook(store.database, PLAN.id).events()] == [AN]


def test_import_by_a_district_account_refuses_another_districts_rows(
    capsys: pytest.CaptureFixture[str], store: Ledger, office: str, tmp_path: Path
) -> None:
    report = tmp_path / "bao-cao.csv"
    report.write_bytes(
        csv_bytes(
            [
                ("Quận/huyện", "Mục tiêu", "Kỳ báo cáo", "Số lượng"),
                ("Chương Mỹ", WORKERS, "2017-04", "40"),
                ("Ba Vì", WORKERS, "2017-04", "12"),
            ]
        )
    )
    code, out, _ = tracker(capsys, "import", str(report), "--by", "cm")
    assert code == 1
    assert "  dòng 3: Quận/huyện: dòng này thuộc Ba Vì; tài khoản của bạn chỉ được ghi số liệu của Chương Mỹ" in out
    assert out.endswith("Chưa ghi gì: tệp có lỗi, hãy sửa rồi nhập lại.\n")
    assert store.count_entries() == 0
    assert tracker(capsys, "import", str(report), "--by", "Trần Lan", "--dry-run")[0] == 0  # the operator's: no limit

    report.write_bytes(
        csv_bytes([("Quận/huyện", "Mục tiêu", "Kỳ báo cáo", "Số lượng"), ("Chương Mỹ", WORKERS, "2017-04", "40")])
    )
    code, _, err = tracker(capsys, "import", str(report), "--by", "cm")
    assert (code, err) == (0, "")
    assert authors(store) == [("Chương Mỹ", OFFICE)]


# --- period status writes out what it holds ------------------------------------------------


def test_period_status_writes_out_control_characters_of_stored_names_and_reasons(
    capsys: pytest.CaptureFixture[str], store: Ledger
) -> None:
    """Rows stored before reasons were checked (or by another program) print as text."""
    escape = "họp \x1b[2J\x1b]0;owned\x07 xong"
    moment = dt.datetime(2017, 7, 5, 7, tzinfo=dt.UTC)
    with store.database.writing() as connection:
        connection.execute(
            period_statuses.insert().values(
                plan_id=PLAN.id, period="2017-Q2", district="Ba Vì\x1b[31m", start_date=dt.date(2017, 4, 1),
                end_date=dt.date(2017, 6, 30), status="approved", changed_by="An\x1b[8m", changed_at=moment,
                reason=escape,
            )
        )  # fmt: skip
        connection.execute(
            period_events.insert().values(
                plan_id=PLAN.id, period="2017-Q2", district="Ba Vì\x1b[31m", action="approve", status_before="open",
                status_after="approved", changed_by="An\x1b[8m", changed_at=moment, reason=escape + "\x9b",
            )
        )  # fmt: skip
    code, out, _ = tracker(capsys, "period", "status")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    lines = out.splitlines()
    assert lines[2].split("  ")[1] == "Ba Vì⟨U+001B⟩[31m"
    assert "An⟨U+001B⟩[8m" in lines[2] and lines[2].endswith("họp ⟨U+001B⟩[2J⟨U+001B⟩]0;owned⟨U+0007⟩ xong")
    assert lines[5].endswith(
        "An⟨U+001B⟩[8m: duyệt Ba Vì⟨U+001B⟩[31m, Quý 2/2017 (đang mở → đã duyệt): "
        "họp ⟨U+001B⟩[2J⟨U+001B⟩]0;owned⟨U+0007⟩ xong⟨U+009B⟩"
    )
    code, out, _ = tracker(capsys, "period", "status", "--json")
    assert "\x1b" not in out and "\x9b" not in out  # JSON escapes them all
    assert json.loads(out)["events"][0]["reason"] == escape + "\x9b"  # the data itself, whole


def test_period_commands_refuse_a_reason_the_book_refuses(capsys: pytest.CaptureFixture[str], store: Ledger) -> None:
    code, _, err = tracker(capsys, "period", "lock", "2017-Q2", "--reason", "x" * 501, "--by", AN)
    assert code == 1 and "500" in err
    code, _, err = tracker(capsys, "period", "lock", "2017-Q2", "--reason", "họp\x1b[2J", "--by", AN)
    assert code == 1 and "U+001B" in err and "\x1b" not in err
    assert PeriodBook(store.database, PLAN.id).events() == []


# --- a district under its whole period's lock ------------------------------------------------


def test_reopening_a_district_under_a_whole_lock_says_to_reopen_the_whole_period(
    capsys: pytest.CaptureFixture[str], store: Ledger
) -> None:
    def period(*argv: str) -> tuple[int, str, str]:
        return tracker(capsys, "period", *argv, "--by", AN)

    assert period("approve", "2017-Q2", "--district", "Chương Mỹ")[0] == 0
    assert period("lock", "2017-Q2", "--reason", "họp quý 2")[0] == 0
    today = dt.datetime.now(HANOI_TIME).strftime("%d/%m/%Y")
    refused = (
        1,
        "",
        f"Chưa thay đổi gì:\n  Quý 2/2017 đang khoá cho mọi quận, huyện từ {today} bởi {AN}: họp quý 2. "
        "Không thể mở lại riêng Chương Mỹ: hãy mở lại cả kỳ (cho mọi quận, huyện). Không thay đổi gì.\n",
    )
    assert period("reopen", "2017-Q2", "--district", "Chương Mỹ", "--reason", "sửa số liệu") == refused
    assert period("reopen", "2017-Q2", "--district", "Chương Mỹ", "--reason", "thử lại") == refused
    assert period("reopen", "2017-Q2", "--reason", "cho sửa quý 2")[0] == 0
