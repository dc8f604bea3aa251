"""What the command line repeats of its arguments and files: hidden characters written
out (⟨U+202E⟩), as the pages do, never passed to the terminal, which would obey them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import tracker_command
from tests.helpers import TARGETS_FILE
from tracker.storage.ledger import Ledger


@pytest.fixture
def settings(sqlite_url: str) -> dict[str, str]:
    return {"TRACKER_TARGETS": str(TARGETS_FILE), "TRACKER_DATABASE_URL": sqlite_url}


@pytest.mark.parametrize(
    "argv",
    [
        ("summary", "--plan"),
        ("record", "workers-trained", "5", "--date", "2017-03-31", "--by", "Lan", "--plan"),
        ("template", "--out", "mau.csv", "--plan"),
    ],
    ids=["summary", "record", "template"],
)
def test_an_unknown_plan_is_repeated_with_its_direction_override_written_out(
    settings: dict[str, str], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    done = tracker_command(*argv, "\u202e8102", settings=settings, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("Không có kế hoạch '⟨U+202E⟩8102'. Các kế hoạch: 2017 (hanoi-craft-villages-2017)")
    assert "\u202e" not in done.stderr


def test_an_import_with_an_unknown_plan_says_so_the_same_way(settings: dict[str, str], tmp_path: Path) -> None:
    report = tmp_path / "bao-cao.csv"
    report.write_text("Quận/huyện,Mục tiêu,Kỳ báo cáo,Số lượng\n", encoding="utf-8")
    done = tracker_command("import", str(report), "--plan", "\x1b[2J2018", settings=settings, cwd=tmp_path)
    assert done.returncode == 1
    assert "Không có kế hoạch '⟨U+001B⟩[2J2018'." in done.stderr
    assert "\x1b" not in done.stderr


def test_a_mistyped_date_is_repeated_with_nothing_hidden(settings: dict[str, str], tmp_path: Path) -> None:
    done = tracker_command("summary", "--as-of", "2017-06-30\u200b", settings=settings, cwd=tmp_path)
    assert done.returncode == 1
    assert "'2017-06-30⟨U+200B⟩'" in done.stderr
    assert "\u200b" not in done.stderr


def test_record_refuses_a_village_with_a_letter_of_another_alphabet(
    settings: dict[str, str], tmp_path: Path, sqlite_url: str
) -> None:
    argv = ("record", "workers-trained", "10", "--date", "2017-03-31", "--district", "Hoài Đức", "--by", "Lan")
    done = tracker_command(*argv, "--village", "Làng S\u043en Đồng", settings=settings, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Chưa ghi gì vào sổ:",
        "  Làng nghề: tên trộn chữ của nhiều bảng chữ cái: 'о' (U+043E, chữ Kirin) không phải chữ Latinh như các "
        "chữ khác, dù trông giống nhau; hãy gõ lại tên bằng bàn phím tiếng Việt thay vì dán",
    ]
    assert Ledger(sqlite_url).count_entries() == 0
    done = tracker_command(*argv, "--village", "Làng Sơn Đồng", settings=settings, cwd=tmp_path)
    assert done.returncode == 0 and Ledger(sqlite_url).count_entries() == 1


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("summary", "--as-of", "٢٠١٧-06-30"), "--as-of '٢٠١٧-06-30' không phải là ngày YYYY-MM-DD"),
        (("compare", "--as-of-day", "٠٦-٣٠"), "Ngày trong năm '٠٦-٣٠' không hợp lệ; hãy viết MM-DD, ví dụ 06-30"),
        (
            ("template", "--out", "mau.csv", "--period", "２０１７-０３"),
            "'２０１７-０３' không phải kỳ báo cáo của kế hoạch (ví dụ 2017-03, 2017-Q1, 2017)",
        ),
        (("record", "workers-trained", "10", "--date", "٣١/03/2017", "--by", "Lan"), "không phải là ngày hợp lệ"),
    ],
    ids=["summary --as-of", "compare --as-of-day", "template --period", "record --date"],
)
def test_dates_days_and_periods_in_other_digits_are_refused_with_their_message(
    settings: dict[str, str], tmp_path: Path, argv: tuple[str, ...], said: str
) -> None:
    done = tracker_command(*argv, settings=settings, cwd=tmp_path)
    assert done.returncode == 1 and said in done.stderr
    assert not (tmp_path / "mau.csv").exists()


def test_an_export_filter_is_repeated_with_nothing_hidden_and_cut_to_a_line(
    settings: dict[str, str], tmp_path: Path
) -> None:
    district = "Chương Mỹ\u202e" + "x" * 100
    done = tracker_command(
        "export", "--format", "csv", "--out", "e.csv", "--district", district, settings=settings, cwd=tmp_path
    )
    assert done.returncode == 1
    assert "'Chương Mỹ⟨U+202E⟩" + "x" * 63 + "…' không phải quận" in done.stderr
    assert "\u202e" not in done.stderr and not (tmp_path / "e.csv").exists()
