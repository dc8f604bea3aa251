"""The embedded default on a department's Windows PC: the path and file-name logic takes a
Windows path as it takes a POSIX one. An SQLite file's URL and SQLite's own URI are made
from either kind of path (C:\\Users\\..., folders with spaces, accents, ? # %), every file
the app offers for download has a name Windows accepts, and an upload's name loses the
folder a Windows browser puts before it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from sqlalchemy.engine import make_url

from tests.helpers import TARGETS_FILE
from tracker.domain.districts import district_names
from tracker.domain.plan import read_plans
from tracker.domain.reports import PeriodKind, ReportPeriod
from tracker.present.export import TABLES, export_filename
from tracker.present.report import report_filename
from tracker.present.template import template_file_name
from tracker.service.spreadsheets import read_spreadsheet
from tracker.storage.database import checked_database_url, sqlite_file_uri, sqlite_url
from tracker.storage.transfer import backup_revision

WINDOWS_FILES = [
    PureWindowsPath(r"C:\Users\Phòng Kinh tế\tracker\data\tracker.db"),
    PureWindowsPath(r"D:\Sở Công Thương (2017)\dữ liệu #1\tracker.db"),
    PureWindowsPath(r"\\may-chu\chia se\tracker.db"),  # a shared folder of the office's file server
]
# What Windows refuses in a file name, and the names it keeps for devices.
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


@pytest.mark.parametrize("path", WINDOWS_FILES, ids=str)
def test_an_sqlite_url_of_a_windows_path_reads_back_as_that_path(path: PureWindowsPath) -> None:
    url = sqlite_url(path)
    assert make_url(url).get_backend_name() == "sqlite"
    assert make_url(url).database == str(path)
    assert checked_database_url(url).database == str(path)  # no option, no memory database read into it


def test_sqlite_s_own_uri_of_either_kind_of_path_keeps_every_letter_of_it() -> None:
    assert sqlite_file_uri(WINDOWS_FILES[0], "mode=ro") == (
        "file:///C:/Users/Ph%C3%B2ng%20Kinh%20t%E1%BA%BF/tracker/data/tracker.db?mode=ro"
    )
    assert sqlite_file_uri(WINDOWS_FILES[1], "mode=ro&immutable=1").startswith(
        "file:///D:/S%E1%BB%9F%20C%C3%B4ng%20Th%C6%B0%C6%A1ng%20%282017%29/d%E1%BB%AF%20li%E1%BB%87u%20%231/"
    )
    assert sqlite_file_uri(WINDOWS_FILES[2], "mode=ro") == "file:////may-chu/chia%20se/tracker.db?mode=ro"
    assert sqlite_file_uri(PurePosixPath("/srv/sao lưu ?%/t.db"), "mode=ro") == (
        "file:///srv/sao%20l%C6%B0u%20%3F%25/t.db?mode=ro"
    )


def test_a_backup_in_a_folder_named_with_uri_letters_is_read(tmp_path: Path) -> None:
    """The URI is what SQLite opens: a ? # or % in a folder's name must not cut the path."""
    folder = tmp_path / "sao lưu #1 ?%"
    folder.mkdir()
    file = folder / "tracker.db"
    with sqlite3.connect(file) as connection:
        connection.executescript(
            "CREATE TABLE alembic_version (version_num TEXT); INSERT INTO alembic_version VALUES ('0009');"
            "CREATE TABLE entries (id INTEGER PRIMARY KEY);"
        )
    connection.close()
    assert backup_revision(file) == "0009"


def test_every_file_offered_for_download_has_a_name_windows_accepts() -> None:
    names: list[str] = []
    for plan in read_plans(TARGETS_FILE):
        as_of = plan.period.end
        names += [export_filename(plan, table, fmt, as_of) for table in TABLES for fmt in ("csv", "xlsx")]
        names += [export_filename(plan, "workbook", "xlsx", as_of), report_filename(plan, as_of, "vi")]
        periods: list[ReportPeriod | None] = [None, ReportPeriod(plan.year, PeriodKind.year)]
        periods += [ReportPeriod(plan.year, PeriodKind.quarter, n) for n in range(1, 5)]
        periods += [ReportPeriod(plan.year, PeriodKind.month, n) for n in range(1, 13)]
        for district in (None, *district_names()):
            names += [template_file_name(plan, district, period, ext) for period in periods for ext in ("xlsx", "csv")]
    assert len(names) > 2 * 31 * 18 * 2
    for name in names:
        assert not FORBIDDEN.search(name), name
        assert name == name.rstrip(". ") and len(name) <= 255, name
        assert name.split(".")[0].lower() not in DEVICES, name


def test_an_upload_s_name_loses_the_folder_a_windows_browser_puts_before_it() -> None:
    data = "Quận/huyện,Mục tiêu,Ngày,Số lượng\nBa Vì,Đào tạo nghề cho lao động,31/03/2017,5\n".encode()
    for sent in (r"C:\fakepath\Báo cáo Ba Vì.csv", r"\\may-chu\chia se\Báo cáo Ba Vì.csv", "Báo cáo Ba Vì.csv"):
        assert read_spreadsheet(sent, data).file_name == "Báo cáo Ba Vì.csv"
