"""The command line reads a district and a number as the app's other ways in do: "chuong
my" is Chương Mỹ for `record` and `export` as for the import, a name that is none is
refused with the closest one, and 1.200 is twelve hundred in Vietnamese."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import tracker_command
from tests.helpers import PROJECT_ROOT, run_tracker
from tracker.storage.ledger import Ledger

TARGETS_FILE = PROJECT_ROOT / "targets.yaml"


@pytest.fixture(autouse=True)
def environment(command_line: str) -> str:
    return command_line


def recorded(url: str) -> list[tuple[str | None, object]]:
    ledger = Ledger(url)
    try:
        return [(row.district, row.quantity) for row in ledger.entries_of("workers-trained")]
    finally:
        ledger.dispose()


def test_record_and_export_take_a_district_written_without_accents(tmp_path: Path, environment: str) -> None:
    settings = {"TRACKER_TARGETS": str(TARGETS_FILE), "TRACKER_DATABASE_URL": environment}
    written = tracker_command(
        "record", "workers-trained", "1.200", "--date", "2017-03-31", "--district", "chuong my", "--by", "Lan",
        settings=settings, cwd=tmp_path,
    )  # fmt: skip
    assert (written.returncode, written.stderr) == (0, "")
    assert recorded(environment) == [("Chương Mỹ", 1200)]

    refused = tracker_command(
        "record", "workers-trained", "5", "--date", "2017-03-31", "--district", "chuong mi", "--by", "Lan",
        settings=settings, cwd=tmp_path,
    )  # fmt: skip
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr.splitlines() == [
        "Chưa ghi gì vào sổ:",
        "  Quận/huyện: 'chuong mi' không phải quận, huyện, thị xã của Hà Nội năm 2017; có phải: Chương Mỹ?",
    ]
    assert recorded(environment) == [("Chương Mỹ", 1200)]

    exported = tracker_command(
        "export", "--format", "csv", "--out", "x.csv", "--district", "huyen chuong my", settings=settings, cwd=tmp_path
    )
    assert (exported.returncode, exported.stderr) == (0, "")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text(encoding="utf-8-sig"))))
    assert [row["Quận/huyện"] for row in rows] == ["Chương Mỹ"]


def test_export_names_the_closest_district(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = str(tmp_path / "x.csv")
    code, _, err = run_tracker(capsys, "--lang", "en", "export", "--format", "csv", "--out", out, "--district", "ba vy")
    assert code == 1
    assert "District: 'ba vy' is not one of Hanoi's districts in 2017; did you mean: Ba Vì?" in err
    assert not Path(out).exists()


def test_import_reads_text_numbers_by_the_chosen_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, environment: str
) -> None:
    report = tmp_path / "chuong-my.csv"
    report.write_text("Quận/huyện,Chỉ tiêu,Kỳ báo cáo,Số lượng\r\nhuyen chuong my,workers-trained,2017-01,1.200\r\n")
    code, out, err = run_tracker(capsys, "--lang", "en", "import", str(report), "--by", "Lan")
    assert code == 1 and "'1.200': 1.2 or 1,200?" in out + err
    assert recorded(environment) == []
    code, out, err = run_tracker(capsys, "import", str(report), "--by", "Lan")
    assert (code, err) == (0, "")
    assert "  dòng 2: số lượng «1.200» đọc là 1200" in out.splitlines()
    assert recorded(environment) == [("Chương Mỹ", 1200)]


def test_record_reads_the_number_by_the_chosen_language(capsys: pytest.CaptureFixture[str], environment: str) -> None:
    code, _, err = run_tracker(
        capsys, "--lang", "en", "record", "workers-trained", "1.200", "--date", "2017-03-31", "--by", "Lan"
    )
    assert code == 1
    assert "  Quantity: '1.200': 1.2 or 1,200? A comma groups thousands" in err.splitlines()[1]
    assert recorded(environment) == []
    code, _, _ = run_tracker(
        capsys, "--lang", "en", "record", "workers-trained", "1,200", "--date", "2017-03-31", "--by", "Lan"
    )
    assert code == 0
    assert recorded(environment) == [(None, 1200)]
