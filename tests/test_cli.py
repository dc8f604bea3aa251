"""python -m tracker: check the plan, record an entry, print the overview.

``main(argv)`` is called in-process (output read with capsys); a few tests run the real
``python -m tracker`` in a subprocess to prove the environment variables are honoured
and that no traceback reaches the person at the keyboard.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import tracker_command
from tests.helpers import BROKEN_PLANS, PROJECT_ROOT, run_tracker
from tracker.domain.plan import PlanError, load_plan
from tracker.domain.progress import Status
from tracker.storage.ledger import Ledger

TARGETS_FILE = PROJECT_ROOT / "targets.yaml"

TARGET_IDS = [
    "workers-trained",
    "managers-trained",
    "village-brands",
    "collective-trademarks",
    "fair-participants",
    "machinery-projects",
]
TOP_KEYS = {"plan", "as_of", "entries", "targets"}
TARGET_KEYS = {"id", "goal_min", "goal_max", "achieved", "expected", "status", "projected"}
YEAR_END = "2017-12-31"


@pytest.fixture(autouse=True)
def environment(command_line: str) -> str:
    """Every test uses the real plan and a fresh SQLite ledger, never data/tracker.db."""
    return command_line


def summary(capsys: pytest.CaptureFixture[str], as_of: str = YEAR_END) -> dict[str, Any]:
    code, out, err = run_tracker(capsys, "summary", "--json", "--as-of", as_of)
    assert (code, err) == (0, "")
    data: dict[str, Any] = json.loads(out)
    return data


def by_id(overview: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in overview["targets"]}


def entry_count(url: str) -> int:
    ledger = Ledger(url)
    try:
        return ledger.count_entries()
    finally:
        ledger.dispose()


def line_of(path: Path, text: str, before: str | None = None) -> int:
    """The number of the (last) line of ``path`` holding ``text`` (before the first line
    holding ``before``): where a message must point, however the file grows."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if before is not None:
        lines = lines[: next(n for n, line in enumerate(lines) if before in line)]
    return max(n for n, line in enumerate(lines, 1) if text in line)


def record(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_tracker(capsys, "record", *argv, "--by", "Nguyễn Thị Hoa")


# --- check ----------------------------------------------------------------------------


def test_check_accepts_the_real_plans_with_a_line_for_each(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_tracker(capsys, "check", str(TARGETS_FILE))
    assert (code, err) == (0, "")
    assert out == (
        f"{TARGETS_FILE}: hợp lệ — 2 kế hoạch, 4 chuỗi chỉ tiêu nối qua các năm\n"
        "  2017 (hanoi-craft-villages-2017) [mặc định]: 6 chỉ tiêu, 1 số liệu bối cảnh, 9 nhiệm vụ\n"
        "  2018 (hanoi-craft-villages-2018): 8 chỉ tiêu, 1 số liệu bối cảnh, 6 nhiệm vụ\n"
    )


def test_check_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_tracker(capsys, "--lang", "en", "check", str(TARGETS_FILE))
    assert code == 0
    assert out.splitlines()[0] == f"{TARGETS_FILE}: valid — 2 plans, 4 chains of targets linked across the years"
    assert out.splitlines()[1] == "  2017 (hanoi-craft-villages-2017) [default]: 6 targets, 1 context figures, 9 tasks"


def test_check_without_a_path_reads_tracker_targets(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = BROKEN_PLANS / "goal_negative.yaml"
    monkeypatch.setenv("TRACKER_TARGETS", str(broken))
    code, out, err = run_tracker(capsys, "check")
    assert (code, out) == (1, "")
    assert err == f"{broken}:{line_of(broken, 'value: -100')}: targets[1].goal.value: phải lớn hơn 0\n"


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN_PLANS.glob("*.yaml")))
def test_check_prints_one_line_per_problem(capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = BROKEN_PLANS / name
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    code, out, err = run_tracker(capsys, "check", str(path))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines == caught.value.render("vi")
    for line in lines:
        assert re.fullmatch(rf"{re.escape(str(path))}:[1-9]\d*: \S+: \S.*", line), line


def test_check_english_problem_lines(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN_PLANS / "unknown_field_goall.yaml"
    code, _, err = run_tracker(capsys, "--lang", "en", "check", str(path))
    assert code == 1
    assert err.splitlines() == [
        f"{path}:{line_of(path, '- id: managers-trained')}: targets[1].goal: required field is missing",
        f"{path}:{line_of(path, 'goall:')}: targets[1].goall: unknown field",
    ]


def test_check_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    code, out, err = run_tracker(capsys, "check", str(path))
    assert (code, out, err) == (1, "", f"{path}:1: -: không tìm thấy tệp\n")


def test_summary_and_record_refuse_a_broken_plan(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, environment: str
) -> None:
    broken = BROKEN_PLANS / "range_min_above_max.yaml"
    monkeypatch.setenv("TRACKER_TARGETS", str(broken))
    number = line_of(broken, "goal:", before="min: 20")
    line = f"{broken}:{number}: targets[2].goal: giá trị tối thiểu (min) lớn hơn tối đa (max)\n"
    assert run_tracker(capsys, "summary", "--json") == (1, "", line)
    assert record(capsys, "workers-trained", "10", "--date", "2017-03-01") == (1, "", line)
    assert entry_count(environment) == 0


# --- record ---------------------------------------------------------------------------


def test_record_shows_in_the_summary(capsys: pytest.CaptureFixture[str], environment: str) -> None:
    code, out, err = record(capsys, "workers-trained", "450", "--date", "2017-03-15", "--district", "chương  mỹ")
    assert (code, err) == (0, "")
    assert out == "Đã ghi bản ghi #1: 450 cho «Đào tạo nghề, truyền nghề cho lao động» ngày 15/03/2017\n"
    code, out, _ = record(capsys, "workers-trained", "1234", "--date", "20/04/2017")
    assert code == 0 and "1.234" in out and "20/04/2017" in out  # Vietnamese thousands and dates

    shown = summary(capsys)
    rows = by_id(shown)
    assert rows["workers-trained"]["achieved"] == 1684
    assert all(rows[other]["achieved"] == 0 for other in TARGET_IDS[1:])
    assert shown["entries"] == 2  # the entry count the text summary's first line says
    # an as-of date before the entry does not count it, nor count it among the entries
    before_april = summary(capsys, "2017-03-31")
    assert by_id(before_april)["workers-trained"]["achieved"] == 450
    assert before_april["entries"] == 1
    assert entry_count(environment) == 2


def test_record_an_amount_with_a_decimal_comma(capsys: pytest.CaptureFixture[str], environment: str) -> None:
    code, out, err = record(capsys, "craft-village-exports", "180,5", "--date", "2017-06-30")
    assert (code, err) == (0, "")
    assert "180,5" in out
    assert entry_count(environment) == 1


def test_record_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_tracker(
        capsys, "--lang", "en", "record", "fair-participants", "12", "--date", "2017-05-02", "--by", "a"
    )
    assert code == 0
    assert out == (
        "Recorded entry #1: 12 for «Workshops and businesses supported to attend fairs and exhibitions at home and"
        " abroad» on 02/05/2017\n"
    )


# args after "record", the field label and words the message must show (Vietnamese)
BAD_ENTRIES = {
    "unknown target": (["workers", "10"], "Chỉ tiêu: không có chỉ tiêu 'workers' trong kế hoạch"),
    "not a number": (["workers-trained", "abc"], "Số lượng: 'abc' không phải là một số"),
    "negative": (["workers-trained", "-5"], "Số lượng: số lượng không được âm"),
    "fraction for a count": (["workers-trained", "2,5"], "Số lượng: chỉ tiêu này đếm số lao động nên"),
    "ambiguous 30,000": (["workers-trained", "30,000"], "Số lượng: '30,000': 30 hay 30.000?"),
    "date outside 2017": (
        ["workers-trained", "10", "--date", "2018-01-05"],
        "Ngày: ngày 05/01/2018 nằm ngoài thời kỳ của kế hoạch (01/01/2017–31/12/2017)",
    ),
    "impossible date": (
        ["workers-trained", "10", "--date", "31/02/2017"],
        "Ngày: '31/02/2017' không phải là ngày hợp lệ",
    ),
    "unknown district": (
        ["workers-trained", "10", "--district", "Quận 1"],
        "Quận/huyện: 'Quận 1' không phải quận, huyện, thị xã của Hà Nội năm 2017",
    ),
}


@pytest.mark.parametrize("case", BAD_ENTRIES)
def test_a_bad_entry_is_explained_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], environment: str, case: str
) -> None:
    assert record(capsys, "managers-trained", "7", "--date", "2017-02-10")[0] == 0
    before = summary(capsys)

    args, message = BAD_ENTRIES[case]
    if "--date" not in args:
        args = [*args, "--date", "2017-03-01"]
    code, out, err = record(capsys, *args)

    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == "Chưa ghi gì vào sổ:"
    assert len(lines) == 2, lines  # exactly one problem, indented under the heading
    assert lines[1].startswith("  " + message), lines[1]
    assert "Traceback" not in err
    assert entry_count(environment) == 1
    assert summary(capsys) == before


def test_a_bad_entry_lists_every_problem_in_english(capsys: pytest.CaptureFixture[str], environment: str) -> None:
    code, out, err = run_tracker(capsys, "--lang", "en", "record", "workers-trained", "abc", "--date", "2019-01-01")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == "Nothing was recorded:"
    assert "  Quantity: 'abc' is not a number" in err.splitlines()
    assert "  Date: the date 01/01/2019 lies outside the plan period (01/01/2017–31/12/2017)" in err.splitlines()
    assert entry_count(environment) == 0


def test_record_refuses_an_empty_author(capsys: pytest.CaptureFixture[str], environment: str) -> None:
    code, _, err = run_tracker(capsys, "record", "workers-trained", "5", "--date", "2017-03-01", "--by", "  ")
    assert code == 1
    assert "  Người nhập: cần ghi tên người nhập" in err.splitlines()
    assert entry_count(environment) == 0


# --- summary --------------------------------------------------------------------------


def test_summary_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    overview = summary(capsys, "2017-06-30")
    assert set(overview) == TOP_KEYS
    assert overview["as_of"] == "2017-06-30"
    assert overview["plan"] == "hanoi-craft-villages-2017"  # the default plan, named
    assert overview["entries"] == 0  # nothing recorded yet
    assert [row["id"] for row in overview["targets"]] == TARGET_IDS
    for row in overview["targets"]:
        assert set(row) == TARGET_KEYS
        assert row["status"] in {status.value for status in Status}
        assert row["achieved"] == 0
        assert 0 < row["expected"] < row["goal_min"]  # half-way through the year
    rows = by_id(overview)
    goals = {target_id: (row["goal_min"], row["goal_max"]) for target_id, row in rows.items()}
    assert goals == {
        "workers-trained": (30000, 30000),
        "managers-trained": (100, 100),
        "village-brands": (10, 15),
        "collective-trademarks": (8, 10),
        "fair-participants": (480, 480),
        "machinery-projects": (10, 10),
    }


def test_summary_status_follows_the_ledger(capsys: pytest.CaptureFixture[str]) -> None:
    assert record(capsys, "village-brands", "10", "--date", "2017-05-01")[0] == 0
    assert record(capsys, "managers-trained", "20", "--date", "2017-05-01")[0] == 0
    rows = by_id(summary(capsys))
    assert rows["village-brands"]["status"] == "achieved"  # a range is met at its minimum
    assert rows["managers-trained"]["status"] == "missed"  # 20 of 100 at year end
    assert rows["machinery-projects"]["status"] == "missed"
    assert rows["managers-trained"]["expected"] == 100


def test_summary_text_in_vietnamese_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert record(capsys, "workers-trained", "12000", "--date", "2017-03-15")[0] == 0
    code, out, _ = run_tracker(capsys, "summary", "--as-of", "2017-06-30")
    assert code == 0
    assert out.splitlines()[0] == "Tiến độ đến ngày 30/06/2017 · số bản ghi trong sổ: 1"
    assert "- Đào tạo nghề, truyền nghề cho lao động: 12.000 / khoảng 30.000 lao động (40%)" in out
    assert "0 / 10–15 làng nghề" in out

    code, out, _ = run_tracker(capsys, "--lang", "en", "summary", "--as-of", "2017-06-30")
    assert code == 0
    assert out.splitlines()[0] == "Progress as of 30/06/2017 · entries in the ledger: 1"
    assert "- Craft training and transmission for workers: 12,000 / about 30,000 workers (40%)" in out
    assert "Đào tạo" not in out


def test_tracker_lang_sets_the_default_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_LANG", "en")
    _, out, _ = run_tracker(capsys, "summary", "--as-of", "2017-06-30")
    assert out.startswith("Progress as of 30/06/2017")
    _, out, _ = run_tracker(capsys, "--lang", "vi", "summary", "--as-of", "2017-06-30")
    assert out.startswith("Tiến độ đến ngày 30/06/2017")


@pytest.mark.parametrize("as_of", ["2017-13-45", "hôm qua", "2017-02-30"])
def test_summary_refuses_a_bad_as_of_date(capsys: pytest.CaptureFixture[str], as_of: str) -> None:
    assert run_tracker(capsys, "summary", "--as-of", as_of) == (
        1,
        "",
        f"--as-of '{as_of}' không phải là ngày YYYY-MM-DD\n",
    )
    assert run_tracker(capsys, "--lang", "en", "summary", "--json", "--as-of", as_of) == (
        1,
        "",
        f"--as-of '{as_of}' is not a date YYYY-MM-DD\n",
    )


def test_summary_accepts_a_vietnamese_as_of_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert summary(capsys, "30/06/2017")["as_of"] == "2017-06-30"


def test_an_unusable_database_is_reported_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("")
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{a_file / 'tracker.db'}")
    code, out, err = run_tracker(capsys, "summary", "--json")
    assert (code, out) == (2, "")
    assert err.startswith(f"TRACKER_DATABASE_URL: thư mục {a_file} không tồn tại.")
    assert len(err.splitlines()) == 1
    assert a_file.is_file()  # nothing was made in its place


def test_a_database_server_that_does_not_answer_is_reported_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=3")
    code, out, err = run_tracker(capsys, "summary", "--json")
    assert (code, out) == (2, "")
    assert err.startswith("Không kết nối được cơ sở dữ liệu: ")
    assert len(err.splitlines()) == 1


# --- the real command, in a subprocess ------------------------------------------------


def _tracker(tmp_path: Path, env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    settings = {key: value for key, value in env.items() if key.startswith("TRACKER_")}
    return tracker_command(*argv, settings=settings, cwd=tmp_path)  # not the project: paths come from the settings


def test_python_m_tracker_honours_the_environment(tmp_path: Path) -> None:
    # a copy of the plan whose last goal differs, so the output shows which file was read
    targets = tmp_path / "my-targets.yaml"
    original = TARGETS_FILE.read_text(encoding="utf-8")
    assert original.count("goal: {shape: exact, value: 10}") == 1
    targets.write_text(
        original.replace("goal: {shape: exact, value: 10}", "goal: {shape: exact, value: 12}"), encoding="utf-8"
    )
    database = tmp_path / "ledger" / "progress.db"
    database.parent.mkdir()  # a folder named in TRACKER_DATABASE_URL must exist: it is never made
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env |= {
        "TRACKER_TARGETS": str(targets),
        "TRACKER_DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": str(PROJECT_ROOT),
        "PYTHONIOENCODING": "utf-8",
    }

    checked = _tracker(tmp_path, env, "check")
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout.startswith(f"{targets}: hợp lệ")

    recorded = _tracker(tmp_path, env, "--lang", "en", "record", "machinery-projects", "3", "--date", "2017-04-01")
    assert (recorded.returncode, recorded.stderr) == (0, "")
    machinery = "«Investment projects applying advanced modern machinery»"
    assert recorded.stdout == f"Recorded entry #1: 3 for {machinery} on 01/04/2017\n"
    assert database.is_file()
    assert entry_count(f"sqlite:///{database}") == 1

    shown = _tracker(tmp_path, env, "summary", "--json", "--as-of", YEAR_END)
    assert shown.returncode == 0
    row = by_id(json.loads(shown.stdout))["machinery-projects"]
    assert (row["goal_min"], row["goal_max"], row["achieved"]) == (12, 12, 3)

    refused = _tracker(tmp_path, env, "record", "machinery-projects", "30,000", "--date", "2017-04-01")
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr.splitlines()[0] == "Chưa ghi gì vào sổ:"
    assert "Traceback" not in refused.stderr
    assert entry_count(f"sqlite:///{database}") == 1

    targets.write_text(original.replace("value: 480", "value: -480"), encoding="utf-8")
    broken = _tracker(tmp_path, env, "--lang", "en", "summary")
    assert (broken.returncode, broken.stdout) == (1, "")
    line = next(n for n, text in enumerate(original.splitlines(), 1) if "value: 480" in text)
    assert broken.stderr == f"{targets}:{line}: plans[0].targets[4].goal.value: must be greater than 0\n"


# --- export ---------------------------------------------------------------------------


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder of its own for exported files (the test's ledger lives in tmp_path)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def _read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_export_writes_a_workbook_and_says_what(capsys: pytest.CaptureFixture[str], out_dir: Path) -> None:
    assert record(capsys, "workers-trained", "450", "--date", "2017-03-15", "--district", "Chương Mỹ")[0] == 0
    assert record(capsys, "village-brands", "3", "--date", "2017-04-01", "--note", "=1+1")[0] == 0
    path = out_dir / "báo cáo.xlsx"

    code, out, err = run_tracker(capsys, "export", "--format", "xlsx", "--out", str(path), "--as-of", "2017-06-30")

    assert (code, err) == (0, "")
    assert out == f"Đã xuất 2 bản ghi và 6 chỉ tiêu vào {path}\n"
    book = load_workbook(path)
    assert book.sheetnames == ["Tổng quan", "Bản ghi", "Thông tin"]
    entries = [row for row in book["Bản ghi"].iter_rows(min_row=2, values_only=True)]
    assert sorted((row[1], row[4], row[8]) for row in entries) == [
        ("village-brands", 3, "'=1+1"),
        ("workers-trained", 450, None),
    ]
    overview = {row[0]: row for row in book["Tổng quan"].iter_rows(min_row=2, values_only=True)}
    assert overview["workers-trained"][6] == 450
    assert overview["workers-trained"][11] == dt.datetime(2017, 6, 30)
    assert [p.name for p in out_dir.iterdir()] == [path.name]  # no temporary file left behind


def test_export_csv_tables_filters_and_language(capsys: pytest.CaptureFixture[str], out_dir: Path) -> None:
    assert record(capsys, "workers-trained", "450", "--date", "2017-03-15", "--district", "Chương Mỹ")[0] == 0
    assert record(capsys, "workers-trained", "1200", "--date", "2017-05-20", "--district", "Ba Vì")[0] == 0
    assert record(capsys, "workers-trained", "80", "--date", "2017-05-21")[0] == 0
    assert record(capsys, "managers-trained", "7", "--date", "2017-05-21", "--district", "Ba Vì")[0] == 0
    path = out_dir / "entries.csv"

    code, out, err = run_tracker(
        capsys,
        "export",
        "--format",
        "csv",
        "--out",
        str(path),
        "--target",
        "workers-trained",
        "--district",
        "ba vì",
        "toàn thành phố",
        "--from",
        "01/05/2017",
        "--to",
        "2017-06-30",
    )
    assert (code, err) == (0, "")
    assert out == f"Đã xuất 2 dòng (Bản ghi) vào {path}\n"
    header, *rows = _read_csv(path)
    assert header[:5] == ["Mã bản ghi", "Mã chỉ tiêu", "Chỉ tiêu", "Ngày", "Số lượng"]
    assert sorted((row[3], row[4], row[6]) for row in rows) == [
        ("2017-05-20", "1200", "Ba Vì"),
        ("2017-05-21", "80", "Toàn thành phố"),
    ]

    overview = out_dir / "overview.csv"
    code, out, _ = run_tracker(
        capsys, "--lang", "en", "export", "--format", "csv", "--table", "overview", "--out", str(overview)
    )
    assert code == 0
    assert out == f"Wrote 6 rows (Overview) to {overview}\n"
    header, *rows = _read_csv(overview)
    assert header[:3] == ["Target id", "Target", "Status"]
    assert rows[0][:2] == ["workers-trained", "Craft training and transmission for workers"]
    assert rows[0][6] == "1730"
    assert rows[0][-1] == YEAR_END  # the default as-of date once 2017 has passed


# args after "export", and the lines the person reads under the heading (Vietnamese)
BAD_EXPORTS = {
    "unknown target": (["--target", "workers"], ["  Chỉ tiêu: không có chỉ tiêu 'workers' trong kế hoạch"]),
    "unknown district": (
        ["--district", "Chương Mỹ", "Quận 1"],
        ["  Quận/huyện: 'Quận 1' không phải quận, huyện, thị xã của Hà Nội năm 2017"],
    ),
    "bad date": (
        ["--from", "31/02/2017"],
        ["  Từ ngày: '31/02/2017' không phải là ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)"],
    ),
    "dates reversed": (
        ["--from", "2017-06-30", "--to", "2017-03-01"],
        ["  Đến ngày: ngày kết thúc 01/03/2017 trước ngày bắt đầu 30/06/2017"],
    ),
    "bad as-of": (["--as-of", "hôm qua"], ["  --as-of 'hôm qua' không phải là ngày YYYY-MM-DD"]),
    "several at once": (
        ["--target", "x", "--to", "abc"],
        [
            "  Chỉ tiêu: không có chỉ tiêu 'x' trong kế hoạch",
            "  Đến ngày: 'abc' không phải là ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
        ],
    ),
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("case", BAD_EXPORTS)
def test_a_bad_export_is_explained_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], out_dir: Path, case: str, fmt: str
) -> None:
    assert record(capsys, "workers-trained", "450", "--date", "2017-03-15")[0] == 0
    path = out_dir / f"out.{fmt}"
    args, lines = BAD_EXPORTS[case]

    code, out, err = run_tracker(capsys, "export", "--format", fmt, "--out", str(path), *args)

    assert (code, out) == (1, "")
    assert err.splitlines() == ["Chưa xuất tệp nào:", *lines]
    assert list(out_dir.iterdir()) == []


def test_an_export_that_cannot_be_written_says_so_and_keeps_the_old_file(
    capsys: pytest.CaptureFixture[str], out_dir: Path
) -> None:
    missing = out_dir / "no-such-folder" / "out.csv"
    code, out, err = run_tracker(capsys, "--lang", "en", "export", "--format", "csv", "--out", str(missing))
    assert (code, out) == (1, "")
    assert err == f"Nothing was exported:\n  Cannot write {missing}: No such file or directory\n"

    code, out, err = run_tracker(capsys, "export", "--format", "xlsx", "--out", str(out_dir))
    assert (code, out) == (1, "")
    assert err.splitlines()[1].startswith(f"  Không ghi được tệp {out_dir}: ")
    assert list(out_dir.iterdir()) == []

    existing = out_dir / "old.csv"
    existing.write_text("bản cũ", encoding="utf-8")
    code, _, _ = run_tracker(capsys, "export", "--format", "csv", "--out", str(existing), "--target", "nope")
    assert code == 1
    assert existing.read_text(encoding="utf-8") == "bản cũ"
    assert [p.name for p in out_dir.iterdir()] == ["old.csv"]


def test_python_m_tracker_export_never_shows_a_traceback(tmp_path: Path, environment: str) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env |= {
        "TRACKER_TARGETS": str(TARGETS_FILE),
        "TRACKER_DATABASE_URL": environment,
        "PYTHONPATH": str(PROJECT_ROOT),
        "PYTHONIOENCODING": "utf-8",
    }
    refused = _tracker(tmp_path, env, "export", "--format", "csv", "--out", "x.csv", "--district", "Quận 1")
    assert (refused.returncode, refused.stdout) == (1, "")
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "x.csv").exists()

    written = _tracker(tmp_path, env, "--lang", "en", "export", "--format", "xlsx", "--out", "plan.xlsx")
    assert (written.returncode, written.stderr) == (0, "")
    assert written.stdout == "Wrote 0 entries and 6 targets to plan.xlsx\n"
    assert load_workbook(tmp_path / "plan.xlsx").sheetnames == ["Overview", "Entries", "About"]
