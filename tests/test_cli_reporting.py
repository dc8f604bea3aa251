"""python -m tracker completeness / period / nil-report, and the districts of user add,
user list and user districts: the reporting cycle as the server's operator runs it.

In-process (tests.helpers.run_tracker) on the real plan file, once on SQLite and once on
PostgreSQL; one run in a process of its own shows a refused write is a message, never a
traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import tracker_command
from tests.helpers import PROJECT_ROOT, run_tracker
from tests.report_files import csv_bytes
from tracker.domain.districts import district_names
from tracker.domain.periods import ReportingPeriod
from tracker.domain.plan import load_plan
from tracker.i18n import HANOI_TIME
from tracker.storage.ledger import Ledger, entries
from tracker.storage.periods import PeriodBook
from tracker.storage.report_days import rebuild

PLAN = load_plan(PROJECT_ROOT / "targets.yaml")  # 2017: six targets, each owed by the 30 districts
TARGETS = [target.id for target in PLAN.targets]
WORKERS = PLAN.target("workers-trained").title.vi
PASSWORD = "một mật khẩu đủ dài 2017"
LAN, AN = "Trần Thị Lan", "Nguyễn Văn An"


@pytest.fixture(autouse=True)
def environment(command_line: str, database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The real plan, and a fresh ledger on SQLite or PostgreSQL."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    return database_url


@pytest.fixture
def store(environment: str) -> Iterator[Ledger]:
    ledger = Ledger(environment).for_plan(PLAN.id)
    yield ledger
    ledger.dispose()


def tracker(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_tracker(capsys, *argv)


def record(capsys: pytest.CaptureFixture[str], target: str, day: str, district: str, *more: str) -> int:
    return tracker(capsys, "record", target, "3", "--date", day, "--district", district, "--by", LAN, *more)[0]


def arrived(ledger: Ledger, district: str | None, day: dt.date, moment: dt.datetime) -> None:
    """The entries of ``district`` dated ``day`` as if they reached the ledger at ``moment``:
    in 2017, by or after the due day, rather than now."""
    place = entries.c.district.is_(None) if district is None else entries.c.district == district
    with ledger.database.writing() as connection:
        connection.execute(entries.update().where(place, entries.c.ref_date == day).values(entered_at=moment))
        rebuild(connection)  # the days each place reported, counted again as a write would


def hanoi(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=HANOI_TIME)


def quarter(name: str) -> ReportingPeriod:
    found = PLAN.reporting_period(name)
    assert found is not None
    return found


def events(ledger: Ledger) -> int:
    return len(PeriodBook(ledger.database, PLAN.id).events())


# --- completeness, by hand --------------------------------------------------------------
#
# Today is 05/07/2017. Quý 1 (01/01–31/03) was due 10/04/2017; Quý 2 is due 10/07/2017,
# not yet.
#   Chương Mỹ: every target of Quý 1, entered 09/04 -> on time
#   Ba Vì: "nothing this period" for every target, entered 09/04 -> nil report, on time
#   Đông Anh: every target, the last entered at 00:30 on 11/04 Hanoi time -> late
#   Gia Lâm: two of the six targets, entered 01/04 -> partly reported (neither on time nor late)
#   the whole city: one entry, which no district's report counts
#   the other 26 districts: nothing -> missing
#   Quý 2: Chương Mỹ one target, entered 20/06 -> partly reported, the period not due yet


@pytest.fixture
def small_ledger(capsys: pytest.CaptureFixture[str], store: Ledger) -> Ledger:
    q1 = dt.date(2017, 3, 15)
    for target in TARGETS:
        assert record(capsys, target, "2017-03-15", "Chương Mỹ") == 0
        assert record(capsys, target, "2017-03-15", "Đông Anh") == 0
        code, _, err = tracker(capsys, "nil-report", target, "2017-Q1", "--district", "ba vi", "--by", LAN)
        assert (code, err) == (0, ""), err
    for target in TARGETS[:2]:
        assert record(capsys, target, "2017-03-16", "Gia Lâm") == 0
    assert tracker(capsys, "record", "workers-trained", "7", "--date", "2017-03-15", "--by", LAN)[0] == 0
    assert record(capsys, "workers-trained", "2017-05-02", "Chương Mỹ") == 0

    arrived(store, "Chương Mỹ", q1, hanoi("2017-04-09T09:00"))
    arrived(store, "Ba Vì", dt.date(2017, 3, 31), hanoi("2017-04-09T15:00"))  # a nil report is dated the last day
    arrived(store, "Đông Anh", q1, hanoi("2017-04-10T16:00"))
    with store.database.writing() as connection:  # its last target came half an hour past the due day
        connection.execute(
            entries.update()
            .where(entries.c.district == "Đông Anh", entries.c.target_id == TARGETS[-1])
            .values(entered_at=hanoi("2017-04-11T00:30"))
        )
        rebuild(connection)
    arrived(store, "Gia Lâm", dt.date(2017, 3, 16), hanoi("2017-04-01T08:00"))
    arrived(store, None, q1, hanoi("2017-04-02T08:00"))
    arrived(store, "Chương Mỹ", dt.date(2017, 5, 2), hanoi("2017-06-20T10:00"))
    return store


def test_completeness_json_counts_a_small_ledger_as_worked_out_by_hand(
    capsys: pytest.CaptureFixture[str], small_ledger: Ledger
) -> None:
    code, out, err = tracker(capsys, "completeness", "--today", "2017-07-05", "--json")
    assert (code, err) == (0, "")
    shown: dict[str, Any] = json.loads(out)
    assert shown["plan"] == PLAN.id
    assert [period["period"] for period in shown["periods"]] == ["2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4"]
    q1, q2, q3, _ = shown["periods"]

    reporting = {"Chương Mỹ", "Ba Vì", "Đông Anh", "Gia Lâm"}
    silent = [district for district in district_names() if district not in reporting]
    assert len(silent) == 26
    assert {key: q1[key] for key in ("start", "end", "due")} == {
        "start": "2017-01-01",
        "end": "2017-03-31",
        "due": "2017-04-10",
    }
    assert {key: q1[key] for key in ("owed", "reported", "complete", "on_time", "late", "nil")} == {
        "owed": 30,
        "reported": 4,  # Chương Mỹ, Ba Vì, Đông Anh, Gia Lâm
        "complete": 3,  # not Gia Lâm
        "on_time": 2,  # Chương Mỹ, Ba Vì
        "late": 1,  # Đông Anh
        "nil": 1,  # Ba Vì
    }
    assert q1["missing"] == silent  # in the district list's order; the city-wide entry counts for none
    by_target = {row["target"]: row for row in q1["targets"]}
    assert list(by_target) == TARGETS
    assert by_target["workers-trained"] == {"target": "workers-trained", "owed": 30, "reported": 4, "missing": silent}
    assert by_target["village-brands"] == {
        "target": "village-brands",
        "owed": 30,
        "reported": 3,  # Gia Lâm sent only workers and managers
        "missing": [d for d in district_names() if d not in reporting - {"Gia Lâm"}],
    }

    assert q2["due"] == "2017-07-10"
    assert {key: q2[key] for key in ("owed", "reported", "complete", "on_time", "late", "nil")} == {
        "owed": 30,
        "reported": 1,
        "complete": 0,
        "on_time": 0,
        "late": 0,
        "nil": 0,
    }
    assert q2["missing"] == [district for district in district_names() if district != "Chương Mỹ"]
    assert (q3["reported"], len(q3["missing"])) == (0, 30)

    code, out, _ = tracker(capsys, "completeness", "--today", "2017-07-05", "--period", "2017-q1", "--json")
    assert code == 0 and json.loads(out)["periods"] == [q1]


def test_completeness_text_says_one_line_per_period_in_either_language(
    capsys: pytest.CaptureFixture[str], small_ledger: Ledger
) -> None:
    code, out, err = tracker(capsys, "completeness", "--today", "05/07/2017")
    assert (code, err) == (0, "")
    heading, q1, q2, q3, q4 = out.splitlines()
    assert heading == "Tình hình báo cáo, kế hoạch hanoi-craft-villages-2017, ngày 05/07/2017 (mọi chỉ tiêu):"
    silent = ", ".join(d for d in district_names() if d not in {"Chương Mỹ", "Ba Vì", "Đông Anh", "Gia Lâm"})
    assert q1 == (
        "Quý 1/2017 (hạn 10/04/2017): 4/30 quận, huyện đã báo cáo, 2 đúng hạn, 1 muộn, 1 không có số liệu;"
        f" báo cáo chưa đủ chỉ tiêu: Gia Lâm; chưa báo cáo: {silent}"
    )
    assert q2.startswith(
        "Quý 2/2017 (hạn 10/07/2017, chưa đến hạn): 1/30 quận, huyện đã báo cáo, 0 đúng hạn, 0 muộn,"
        " 0 không có số liệu; báo cáo chưa đủ chỉ tiêu: Chương Mỹ; chưa báo cáo: Ba Đình, "
    )
    assert q3.endswith("0/30 quận, huyện đã báo cáo, 0 đúng hạn, 0 muộn, 0 không có số liệu; chưa báo cáo: cả 30")
    assert q4.startswith("Quý 4/2017 (hạn 10/01/2018, chưa đến hạn)")

    code, out, _ = tracker(
        capsys, "--lang", "en", "completeness", "--today", "2017-07-05", "--period", "2017-Q1", "--target",
        "workers-trained",
    )  # fmt: skip
    assert code == 0
    assert out.splitlines() == [
        "Reporting, plan hanoi-craft-villages-2017, as of 05/07/2017 (Workers trained in a craft):",
        # for this target alone, Đông Anh was on time: its late entry was another target's
        "Q1 2017 (due 10/04/2017): 4/30 districts have reported, 4 on time, 0 late, 1 with nothing this period;"
        f" not reported: {silent}",
    ]


def test_completeness_refuses_an_unknown_period_target_or_day(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = tracker(capsys, "completeness", "--period", "2017-Q5")
    assert (code, out) == (1, "")
    assert err == (
        "Không có kỳ báo cáo «2017-Q5» trong kế hoạch này (viết như 2017-Q2 hoặc 2017-03).\n"
        "Các kỳ của kế hoạch: 2017-Q1, 2017-Q2, 2017-Q3, 2017-Q4\n"
    )
    code, out, err = tracker(capsys, "--lang", "en", "completeness", "--period", "2018-Q1", "--json")
    assert (code, out) == (1, "")
    assert err.startswith("The plan has no reporting period") and "2018" in err and "Traceback" not in err
    code, _, err = tracker(capsys, "completeness", "--target", "villages")
    assert code == 1 and err.startswith("Không có chỉ tiêu 'villages' trong kế hoạch hanoi-craft-villages-2017.")
    code, _, err = tracker(capsys, "completeness", "--today", "31/02/2017")
    assert (code, err) == (1, "--today '31/02/2017' không phải là ngày YYYY-MM-DD hoặc DD/MM/YYYY\n")


# --- locks ------------------------------------------------------------------------------


def test_a_record_in_a_locked_period_is_refused_with_why_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], store: Ledger
) -> None:
    code, out, err = tracker(
        capsys, "period", "approve", "2017-Q2", "--district", "Chuong My", "--reason", "đã duyệt quý 2", "--by", AN
    )
    assert (code, out, err) == (0, "Đã duyệt Chương Mỹ, Quý 2/2017: số liệu của kỳ này đã khoá.\n", "")
    today = dt.datetime.now(HANOI_TIME).strftime("%d/%m/%Y")

    code, out, err = tracker(
        capsys, "record", "workers-trained", "40", "--date", "2017-05-02", "--district", "Chương Mỹ", "--by", LAN
    )
    assert (code, out) == (1, "")
    assert err == (
        "Chưa ghi gì vào sổ:\n"
        f"  Chương Mỹ, Quý 2/2017 đã khoá từ {today} bởi {AN}: đã duyệt quý 2."
        " Không ghi gì; quản trị viên có thể mở lại kỳ này.\n"
    )
    code, _, err = tracker(
        capsys, "--lang", "en", "nil-report", "village-brands", "2017-Q2", "--district", "Chương Mỹ", "--by", LAN
    )
    assert code == 1
    assert f"Chương Mỹ, Q2 2017 has been locked since {today} by {AN}: đã duyệt quý 2." in err
    assert store.count_entries() == 0

    assert record(capsys, "workers-trained", "2017-05-02", "Ba Vì") == 0  # another district is open
    assert record(capsys, "workers-trained", "2017-07-01", "Chương Mỹ") == 0  # and so is Quý 3
    assert store.count_entries() == 2


def test_a_refused_record_is_a_message_and_never_a_traceback_in_a_process_of_its_own(
    environment: str, store: Ledger
) -> None:
    PeriodBook(store.database, PLAN.id).lock_all(quarter("2017-Q1"), AN, "Ban Chỉ đạo đã họp")
    settings = {"TRACKER_DATABASE_URL": environment, "TRACKER_TARGETS": str(PROJECT_ROOT / "targets.yaml")}
    done = tracker_command("record", "workers-trained", "5", "--date", "2017-02-01", "--by", LAN, settings=settings)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("Chưa ghi gì vào sổ:\n  Toàn thành phố, Quý 1/2017 đã khoá từ ")
    assert "Ban Chỉ đạo đã họp" in done.stderr and "Traceback" not in done.stderr
    assert store.count_entries() == 0


def test_an_import_refused_by_a_lock_that_lands_after_its_preview_writes_nothing(
    capsys: pytest.CaptureFixture[str], store: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The administrator locks the quarter while the import reads its file: the save, in
    its own transaction, sees the lock and is refused whole."""
    import tracker.service.imports as imports

    report = tmp_path / "chuong-my.csv"
    report.write_bytes(
        csv_bytes(
            [
                ("Quận/huyện", "Mục tiêu", "Kỳ báo cáo", "Số lượng"),
                ("Chương Mỹ", WORKERS, "2017-04", "40"),
                ("Chương Mỹ", WORKERS, "2017-05", "12"),
            ]
        )
    )
    previewed = imports.preview_import

    def then_locked(*args: Any, **kwargs: Any) -> Any:
        preview = previewed(*args, **kwargs)
        PeriodBook(store.database, PLAN.id).lock_all(quarter("2017-Q2"), AN, "họp quý 2")
        return preview

    monkeypatch.setattr(imports, "preview_import", then_locked)
    code, out, err = tracker(capsys, "import", str(report), "--by", LAN)
    assert (code, err) == (1, "")
    assert out.splitlines()[-2:] == [
        "Chưa ghi gì:",
        f"  Chương Mỹ, Quý 2/2017 đã khoá từ {dt.datetime.now(HANOI_TIME):%d/%m/%Y} bởi {AN}: họp quý 2."
        " Không ghi gì; quản trị viên có thể mở lại kỳ này.",
    ]
    assert store.count_entries() == 0


# --- submit, approve, lock, reopen -------------------------------------------------------


def test_submit_approve_lock_and_reopen_round_trip_with_their_history(
    capsys: pytest.CaptureFixture[str], store: Ledger
) -> None:
    def period(*argv: str, lang: str = "vi") -> tuple[int, str, str]:
        return tracker(capsys, "--lang", lang, "period", *argv)

    assert period("submit", "2017-Q2", "--district", "chuong my", "--by", LAN) == (
        0,
        "Đã gửi báo cáo Chương Mỹ, Quý 2/2017.\n",
        "",
    )
    assert period("approve", "2017-Q2", "--district", "Chương Mỹ", "--by", AN)[0] == 0
    assert record(capsys, "workers-trained", "2017-05-02", "Chương Mỹ") != 0
    assert period("reopen", "2017-Q2", "--district", "Chương Mỹ", "--reason", "sửa số liệu tháng 5", "--by", AN) == (
        0,
        "Đã mở lại Chương Mỹ, Quý 2/2017: sửa số liệu tháng 5.\n",
        "",
    )
    assert record(capsys, "workers-trained", "2017-05-02", "Chương Mỹ") == 0
    assert period("lock", "2017-Q2", "--reason", "Ban Chỉ đạo đã họp", "--by", AN, lang="en") == (
        0,
        "Locked Q2 2017 for every district: Ban Chỉ đạo đã họp.\n",
        "",
    )
    assert record(capsys, "workers-trained", "2017-05-03", "Ba Vì") != 0
    assert period("reopen", "2017-Q2", "--reason", "bổ sung số liệu", "--by", AN) == (
        0,
        "Đã mở lại Quý 2/2017 cho mọi quận, huyện (1 khoá được gỡ): bổ sung số liệu.\n",
        "",
    )
    assert record(capsys, "workers-trained", "2017-05-03", "Ba Vì") == 0

    code, out, err = period("status", "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert shown["plan"] == PLAN.id
    rows = [(row["period"], row["district"], row["status"], row["by"], row["reason"]) for row in shown["statuses"]]
    assert rows == [
        ("2017-Q2", "*", "open", AN, "bổ sung số liệu"),
        ("2017-Q2", "Chương Mỹ", "open", AN, "sửa số liệu tháng 5"),
    ]
    approved = next(row for row in shown["statuses"] if row["district"] == "Chương Mỹ")["first_approved_at"]
    assert approved is not None  # reopening keeps when the committee first saw it
    history = [
        (event["action"], event["district"], event["before"], event["after"], event["by"], event["reason"])
        for event in shown["events"]
    ]
    assert history == [  # the newest first
        ("reopen", "*", "locked", "open", AN, "bổ sung số liệu"),
        ("lock", "*", "open", "locked", AN, "Ban Chỉ đạo đã họp"),
        ("reopen", "Chương Mỹ", "approved", "open", AN, "sửa số liệu tháng 5"),
        ("approve", "Chương Mỹ", "submitted", "approved", AN, None),
        ("submit", "Chương Mỹ", "open", "submitted", LAN, None),
    ]
    assert all(event["period"] == "2017-Q2" for event in shown["events"])

    code, out, _ = period("status")
    lines = out.splitlines()
    assert lines[0] == "Trạng thái các kỳ báo cáo, kế hoạch hanoi-craft-villages-2017:"
    assert lines[1].split() == ["Kỳ", "Quận,", "huyện", "Trạng", "thái", "Người", "Lúc", "Lý", "do"]
    assert lines[2].startswith("Quý 2/2017  mọi quận, huyện  đang mở") and lines[2].endswith("bổ sung số liệu")
    assert lines[3].startswith("Quý 2/2017  Chương Mỹ        đang mở")
    assert lines[5] == "Lịch sử (mới nhất trước):"
    assert lines[6].startswith("#5 ") and lines[6].endswith(
        f"{AN}: mở lại mọi quận, huyện, Quý 2/2017 (đã khoá → đang mở): bổ sung số liệu"
    )
    assert lines[10].endswith(f"{LAN}: gửi báo cáo Chương Mỹ, Quý 2/2017 (đang mở → đã gửi)")


def test_period_commands_refuse_what_cannot_be_done_and_change_nothing(
    capsys: pytest.CaptureFixture[str], store: Ledger
) -> None:
    def refused(*argv: str, lang: str = "vi") -> str:
        code, out, err = tracker(capsys, "--lang", lang, "period", *argv)
        assert (code, out) == (1, ""), err
        assert err.startswith(("Chưa thay đổi gì:\n  ", "Nothing was changed:\n  ")), err
        return err.split("\n", 1)[1].strip()

    assert refused("lock", "2017-Q2", "--by", AN) == '«period lock» cần lý do: thêm --reason "…"'
    assert refused("reopen", "2017-Q2", "--reason", "   ", "--by", AN) == '«period reopen» cần lý do: thêm --reason "…"'
    assert refused("approve", "2017-Q2", "--by", AN).startswith("«period approve» cần --district")
    assert refused("lock", "2017-Q2", "--district", "Ba Vì", "--reason", "họp", "--by", AN).startswith(
        "«period lock» khoá cả kỳ cho mọi quận, huyện"
    )
    assert refused("submit", "2017-Q2", "--district", "Chuong Mi", "--by", LAN, lang="en") == (
        "--district: 'Chuong Mi' is not one of Hanoi's districts in 2017; did you mean: Chương Mỹ?"
    )
    assert refused("submit", "2017-Q7", "--district", "Ba Vì", "--by", LAN).startswith("Không có kỳ báo cáo «2017-Q7»")
    assert refused("reopen", "2017-Q2", "--reason", "nhầm", "--by", AN) == (
        "mọi quận, huyện, Quý 2/2017 không bị khoá: không có gì để mở lại."
    )
    assert events(store) == 0

    assert tracker(capsys, "period", "submit", "2017-Q2", "--district", "Ba Vì", "--by", LAN)[0] == 0
    assert refused("submit", "2017-Q2", "--district", "Ba Vì", "--by", LAN) == (
        "Ba Vì, Quý 2/2017 đang ở trạng thái «đã gửi»: chỉ kỳ đang mở mới gửi được."
    )
    assert events(store) == 1

    code, out, _ = tracker(capsys, "period", "status", "--plan", "2018")
    assert (code, out) == (
        0,
        "Kế hoạch hanoi-craft-villages-2018 chưa có kỳ nào được gửi, duyệt hay khoá: mọi kỳ đang mở.\n",
    )


def test_a_nil_report_is_said_once_and_not_beside_entries(capsys: pytest.CaptureFixture[str], store: Ledger) -> None:
    code, out, err = tracker(capsys, "nil-report", "village-brands", "2017-Q1", "--district", "Ba Vì", "--by", LAN)
    assert (code, err) == (0, "")
    assert out == ("Đã ghi bản ghi #1: Ba Vì không có số liệu «Thương hiệu làng nghề» trong Quý 1/2017\n")
    code, _, err = tracker(capsys, "nil-report", "village-brands", "2017-Q1", "--district", "Ba Vì", "--by", LAN)
    assert (code, err) == (
        1,
        "Chưa ghi gì vào sổ:\n  Ba Vì đã báo cáo «không có số liệu» cho «Thương hiệu làng nghề» trong Quý 1/2017.\n",
    )
    assert record(capsys, "workers-trained", "2017-02-01", "Ba Vì") == 0
    code, _, err = tracker(capsys, "nil-report", "workers-trained", "2017-Q1", "--district", "Ba Vì", "--by", LAN)
    assert code == 1 and "Ba Vì đã có 1 bản ghi cho «" in err
    assert store.count_entries() == 2


# --- district accounts ------------------------------------------------------------------


def user(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return tracker(capsys, *argv)


def test_user_add_with_districts_then_user_list_shows_them(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    password = PASSWORD + "\n"
    argv = ("user", "add", "cm", "--role", "editor", "--name", LAN, "--password-stdin")
    code, out, err = user(
        capsys, monkeypatch, *argv, "--district", "huyện chương mỹ", "--district", "Ba Vi", stdin=password
    )
    assert (code, err) == (0, "")
    assert out == f"Đã thêm người dùng cm ({LAN}, biên tập viên).\nChỉ ghi được số liệu của: Chương Mỹ, Ba Vì.\n"
    assert user(capsys, monkeypatch, "user", "add", "quantri", "--role", "admin", "--name", AN, "--password-stdin",
                stdin=password)[0] == 0  # fmt: skip

    code, out, _ = user(capsys, monkeypatch, "user", "list")
    header, cm, admin = out.splitlines()
    assert header.endswith("Quận, huyện được ghi")
    assert cm.startswith("cm ") and cm.endswith("  Ba Vì, Chương Mỹ")
    assert admin.startswith("quantri ") and admin.endswith("  mọi quận, huyện")
    code, out, _ = user(capsys, monkeypatch, "--lang", "en", "user", "list")
    assert out.splitlines()[0].endswith("Districts") and out.splitlines()[2].endswith("  every district")
    code, out, _ = user(capsys, monkeypatch, "user", "list", "--json")
    listed = {row["username"]: row for row in json.loads(out)["users"]}
    assert (listed["cm"]["districts"], listed["cm"]["role"], listed["cm"]["name"]) == (
        ["Ba Vì", "Chương Mỹ"],
        "editor",
        LAN,
    )
    assert listed["quantri"]["districts"] == []

    assert user(capsys, monkeypatch, "user", "districts", "CM", "--district", "ứng hoà") == (
        0,
        "Từ nay cm chỉ ghi được số liệu của: Ứng Hòa.\n",
        "",
    )
    assert json.loads(user(capsys, monkeypatch, "user", "list", "--json")[1])["users"][0]["districts"] == ["Ứng Hòa"]
    assert user(capsys, monkeypatch, "--lang", "en", "user", "districts", "cm", "--all") == (
        0,
        "From now on cm may write the figures of every district and the whole city.\n",
        "",
    )
    assert json.loads(user(capsys, monkeypatch, "user", "list", "--json")[1])["users"][0]["districts"] == []


def test_an_unknown_district_is_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    password = PASSWORD + "\n"
    argv = ("user", "add", "cm", "--role", "editor", "--password-stdin", "--district")
    assert user(capsys, monkeypatch, *argv, "Chương Mĩ", stdin=password) == (
        1,
        "",
        "Chưa thực hiện:\n"
        "  --district: 'Chương Mĩ' không phải quận, huyện, thị xã của Hà Nội năm 2017; có phải: Chương Mỹ?\n",
    )
    code, _, err = user(capsys, monkeypatch, "--lang", "en", *argv, "Atlantis", stdin=password)
    assert (code, err) == (1, "Not done:\n  --district: 'Atlantis' is not one of Hanoi's districts in 2017\n")
    code, _, err = user(capsys, monkeypatch, *argv, "Toàn thành phố", stdin=password)
    assert code == 1 and "là toàn thành phố, không phải một quận, huyện" in err
    assert user(capsys, monkeypatch, "user", "list", "--json")[1] == '{\n  "users": []\n}\n'

    assert user(capsys, monkeypatch, "user", "add", "cm", "--role", "editor", "--district", "Ba Vì", "--password-stdin",
                stdin=password)[0] == 0  # fmt: skip
    code, _, err = user(capsys, monkeypatch, "user", "districts", "cm", "--district", "Ba Vì", "--district", "Hà Tây")
    assert code == 1 and "'Hà Tây' không phải quận, huyện" in err
    assert json.loads(user(capsys, monkeypatch, "user", "list", "--json")[1])["users"][0]["districts"] == ["Ba Vì"]
