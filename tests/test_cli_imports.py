"""python -m tracker template / import: the template written from the command line, and a
report imported with the same preview the app shows, as text or JSON, with its exit
codes: 0 saved (or a clean dry run), 1 errors and nothing written, 2 a file that cannot
be read. In-process (tests.helpers.run_tracker) on a fresh SQLite ledger; one run as the
operator runs it, in a process of its own."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import tracker_command
from tests.helpers import PROJECT_ROOT, run_tracker
from tests.report_files import csv_bytes, renamed_pdf
from tracker.domain.plan import load_plan
from tracker.storage.ledger import Ledger

PLAN = load_plan(PROJECT_ROOT / "targets.yaml")
WORKERS = PLAN.target("workers-trained").title.vi


@pytest.fixture(autouse=True)
def environment(command_line: str) -> str:
    return command_line


def entries(url: str) -> int:
    ledger = Ledger(url)
    try:
        return ledger.count_entries()
    finally:
        ledger.dispose()


def filled(path: Path, figures: dict[int, object]) -> Path:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Số liệu"]
    for row, value in figures.items():
        sheet.cell(row, 5).value = value
    out = path.with_name("filled-" + path.name)
    workbook.save(out)
    return out


def test_the_template_of_the_whole_plan_has_a_row_per_district_target_and_month(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "mau.xlsx"
    code, said, _ = run_tracker(capsys, "--lang", "en", "template", "--out", str(out))
    assert (code, said) == (0, f"Wrote the report template {out}: 2,160 rows.\n")
    sheet = openpyxl.load_workbook(out)["Số liệu"]
    assert sheet.max_row == 2161


def test_a_district_s_template_for_a_quarter_comes_back_through_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str
) -> None:
    template = tmp_path / "chuong-my.xlsx"
    code, said, _ = run_tracker(
        capsys, "template", "--district", "H. Chương Mỹ", "--period", "2017-Q1", "--out", str(template)
    )
    assert (code, said) == (0, f"Đã ghi mẫu báo cáo {template}: 6 dòng.\n")
    report = filled(template, {2: 120, 3: 4})

    code, said, _ = run_tracker(capsys, "--lang", "en", "import", str(report), "--dry-run", "--by", "Trần Lan")
    assert code == 0 and entries(sqlite_url) == 0  # a dry run writes nothing
    assert "6 rows: 2 new, 0 changed, 0 unchanged, 0 errors, 4 left empty" in said
    assert "Dry run: nothing was written." in said

    code, said, _ = run_tracker(capsys, "--lang", "en", "import", str(report), "--by", "Trần Lan")
    assert code == 0 and entries(sqlite_url) == 2
    assert said.splitlines()[-1] == "Saved as import number 1: 2 new entries, 0 changed."
    assert "  Craft training and transmission for workers: 0 → 120 workers" in said

    code, said, _ = run_tracker(capsys, "--lang", "en", "import", str(report), "--by", "Trần Lan")
    assert code == 0 and entries(sqlite_url) == 2  # the same file again: nothing new
    assert said.splitlines()[-1] == "Nothing to write: every figure of the file is already recorded as it is."


def test_a_file_with_errors_is_listed_row_by_row_as_json_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str
) -> None:
    report = tmp_path / "ba-vi.csv"
    report.write_bytes(
        csv_bytes(
            [
                ("Quận/huyện", "Mục tiêu", "Kỳ báo cáo", "Số lượng"),
                ("Ba Vì", WORKERS, "2017-03", "40"),
                ("Ba Vi", WORKERS, "2017-04", "30.000"),
                ("Chuong Mi", WORKERS, "2017-05", "5"),
            ]
        )
    )
    code, said, _ = run_tracker(capsys, "--lang", "en", "import", str(report), "--json", "--by", "An")
    assert code == 1 and entries(sqlite_url) == 0
    shown = json.loads(said)
    assert {key: shown[key] for key in ("file", "rows", "new", "unchanged", "changed", "saved")} == {
        "file": "ba-vi.csv",
        "rows": 3,
        "new": 1,
        "unchanged": 0,
        "changed": 0,
        "saved": False,
    }
    assert len(shown["sha256"]) == 64
    assert [(error["row"], error["column"]) for error in shown["errors"]] == [(3, "quantity"), (4, "district")]
    assert shown["errors"][0]["message"].startswith("'30.000': 30 or 30,000?")  # read as --lang en writes numbers
    assert "did you mean: Chương Mỹ" in shown["errors"][1]["message"]


def test_a_file_that_cannot_be_read_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fake = tmp_path / "bao-cao.xlsx"
    fake.write_bytes(renamed_pdf())
    code, _, err = run_tracker(capsys, "--lang", "en", "import", str(fake))
    assert code == 2 and err.startswith(f"Cannot read the file {fake}: ") and "PDF" in err
    code, _, err = run_tracker(capsys, "--lang", "en", "import", str(tmp_path / "missing.csv"))
    assert code == 2 and "missing.csv" in err


def test_columns_named_with_map_when_the_headers_say_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str
) -> None:
    report = tmp_path / "x.csv"
    report.write_bytes(csv_bytes([("Đơn vị", "Nội dung", "Thời gian", "Tổng"), ("Ba Vì", WORKERS, "2017-Q2", "12")]))
    code, _, _ = run_tracker(capsys, "--lang", "en", "import", str(report))
    assert code == 1 and entries(sqlite_url) == 0
    code, said, _ = run_tracker(
        capsys,
        "--lang", "en", "import", str(report),
        "--map", "district=Đơn vị", "--map", "period=Thời gian", "--map", "quantity=tong",
    )  # fmt: skip
    assert code == 0 and entries(sqlite_url) == 1, said
    code, _, err = run_tracker(capsys, "--lang", "en", "import", str(report), "--map", "quantity=Số lượng")
    assert (code, err) == (1, "there is no column 'Số lượng' in the header row\n")


def test_the_operator_s_import_in_a_process_of_its_own(tmp_path: Path, sqlite_url: str) -> None:
    report = tmp_path / "2018.xlsx"
    settings = {"TRACKER_DATABASE_URL": sqlite_url, "TRACKER_TARGETS": str(PROJECT_ROOT / "targets.yaml")}
    made = tracker_command("template", "--plan", "2018", "--district", "Ba Vì", "--period", "2018-01",
                           "--out", str(report), settings=settings)  # fmt: skip
    assert made.returncode == 0, made.stderr
    done = tracker_command("--lang", "en", "import", str(filled(report, {2: 9})), "--by", "Lan", settings=settings)
    assert done.returncode == 0, done.stderr
    assert "plan hanoi-craft-villages-2018" in done.stdout  # the file names its plan; no --plan needed
    ledger = Ledger(sqlite_url, "hanoi-craft-villages-2018")
    try:
        [entry] = ledger.entries_where()
        assert (entry.district, entry.quantity, entry.entered_by) == ("Ba Vì", 9, "Lan")
    finally:
        ledger.dispose()


def test_the_name_is_stored_as_every_write_stores_it_and_a_file_cannot_drive_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str
) -> None:
    report = tmp_path / "esc.csv"
    report.write_bytes(
        csv_bytes(
            [("Quận/huyện", "Mục tiêu", "Kỳ báo cáo", "Số lượng"), ("\x1b[2J\x1b]0;owned\x07", WORKERS, "2017-03", "5")]
        )
    )
    code, said, _ = run_tracker(capsys, "--lang", "en", "import", str(report), "--dry-run")
    assert code == 1 and "\x1b" not in said and "\x07" not in said and "⟨U+001B⟩[2J" in said

    good = tmp_path / "ok.csv"
    good.write_bytes(
        csv_bytes([("Quận/huyện", "Mục tiêu", "Kỳ báo cáo", "Số lượng"), ("Ba Vì", WORKERS, "2017-03", "5")])
    )
    code, _, _ = run_tracker(capsys, "import", str(good), "--by", "  Trần   Lan ")
    assert code == 0
    ledger = Ledger(sqlite_url)
    try:
        assert [entry.entered_by for entry in ledger.entries_where()] == ["Trần Lan"]
        assert [batch.imported_by for batch in ledger.batches()] == ["Trần Lan"]
    finally:
        ledger.dispose()
    code, _, err = run_tracker(capsys, "--lang", "en", "import", str(good), "--by", "Lan\u202e")
    assert code == 1 and "hidden character" in err
