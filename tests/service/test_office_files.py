"""Files as offices send them: the app's template saved by LibreOffice as an old Excel
97-2003 workbook (.xls) and as an OpenDocument spreadsheet (.ods) reads, and imports, exactly
as the same template saved by LibreOffice as .xlsx; the bounds refuse a costly one before it
is parsed; a file that is not what its name says is told apart.

LibreOffice (Debian's libreoffice-calc-nogui) converts the files once for the module, in a
profile of its own so that parallel runs do not collide. Locally, without it, these tests
are skipped with a message; in CI (CI=true) they fail instead: .ci/run installs it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from tests import report_files as files
from tests.conftest import PROJECT_ROOT, soffice_command, tracker_command
from tracker.domain.plan import Plan
from tracker.domain.reports import DATA_SHEET, periods_of
from tracker.present.template import template_rows, template_xlsx
from tracker.service.imports import Outcome, preview_import, write_import
from tracker.service.spreadsheets import (
    APP_LIMITS,
    FileLimits,
    MergedRange,
    SheetTable,
    UnreadableFileError,
    read_spreadsheet,
)
from tracker.storage.ledger import Ledger

FORMATS = ("xlsx", "xls", "ods")
QUANTITY, NOTE, VILLAGE = 5, 7, 6  # the template's columns, counted from 1 (E, G, F)


def save_with_libreoffice(
    sources: Mapping[str, bytes], folder: Path, kinds: Sequence[str] = (*FORMATS, "html")
) -> dict[str, dict[str, bytes]]:
    """Each workbook (name -> .xlsx bytes) opened and saved by LibreOffice as each of
    ``kinds`` (one soffice run a kind, all the files in it): FORMATS, and a web page (HTML)."""
    soffice = soffice_command()
    source_folder = folder / "source"
    source_folder.mkdir(parents=True)
    for name, data in sources.items():
        (source_folder / f"{name}.xlsx").write_bytes(data)
    saved: dict[str, dict[str, bytes]] = {name: {} for name in sources}
    for kind in kinds:
        out = folder / kind
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            kind,
            "--outdir",
            str(out),
            *(str(source_folder / f"{name}.xlsx") for name in sources),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        for name in sources:
            path = out / f"{name}.{kind}"
            assert path.exists(), f"soffice did not write {path}: {done.stdout}{done.stderr}"
            saved[name][kind] = path.read_bytes()
    return saved


def filled_template(plan: Plan, *, hidden_row: int | None = None, merged: str | None = None) -> bytes:
    """The app's template of a quarter for Chương Mỹ, filled in as a district does: whole
    and decimal figures, one computed by a formula, a date typed in a note."""
    rows = template_rows(plan, ["Chương Mỹ"], periods_of(plan.period)[:3])
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(plan, rows)))
    sheet = book[DATA_SHEET]
    sheet.cell(2, QUANTITY).value = 40
    sheet.cell(3, QUANTITY).value = "=20+22"  # LibreOffice computes it when it opens the file
    sheet.cell(4, QUANTITY).value = 1250
    sheet.cell(5, QUANTITY).value = 7
    sheet.cell(6, QUANTITY).value = 3
    sheet.cell(3, NOTE).value = dt.datetime(2017, 3, 31)
    sheet.cell(4, NOTE).value = "báo cáo  quý I"
    if hidden_row is not None:
        sheet.row_dimensions[hidden_row].hidden = True
    if merged is not None:
        sheet.merge_cells(merged)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def values_workbook() -> bytes:
    """One cell of each kind a person types, on a sheet that is neither first nor named
    "Số liệu" but the one the file opens on, beside a hidden sheet."""
    rows: list[list[files.Cell]] = [
        ["Chữ", "Số nguyên", "Số thập phân", "Âm", "Ngày", "Ngày giờ", "Giờ", "Lớn"],
        ["Ứng Hòa", 30000, 176.25, -0.125, dt.date(2017, 6, 20), dt.datetime(2017, 6, 20, 14, 30), dt.time(8, 15),
         1234567890123],
        ["dòng một\ndòng hai", "=B2*2", "=C2/0", '=A2&" xã"', None, None, None, "  cách  "],
    ]  # fmt: skip
    return files.xlsx(
        [["trang đầu"]],
        sheet="Hướng dẫn",
        other_sheets={"Tổng hợp": rows, "Ẩn": [["không đọc"]]},
        hidden_sheets=("Ẩn",),
        active="Tổng hợp",
    )


def many_rows_workbook(rows: int = 60) -> bytes:
    """A report of ``rows`` rows of ten columns, each text distinct (each a shared string in .xls)."""
    header = ["Quận/huyện", "Mục tiêu", "Kỳ", "Số lượng", "Làng nghề", "Ghi chú", "A", "B", "C", "D"]
    body = [[f"{files.DISTRICTS[n % 8]} {n}", f"mục tiêu {n}", "2017-01", n, f"làng {n}", f"ghi chú {n}", n, n, n, n]
            for n in range(rows)]  # fmt: skip
    return files.xlsx([header, *body])


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> dict[str, dict[str, bytes]]:
    return save_with_libreoffice(
        {
            "mau": filled_template(plan),
            "mau-an-gop": filled_template(plan, hidden_row=6, merged="F8:G8"),
            "mau-an": filled_template(plan, hidden_row=6),
            "mau-gop": filled_template(plan, merged="F8:G8"),
            "kieu": values_workbook(),
            "nhieu-dong": many_rows_workbook(),
        },
        tmp_path_factory.mktemp("libreoffice"),
    )


def read(name: str, data: bytes, limits: FileLimits = APP_LIMITS) -> SheetTable:
    return read_spreadsheet(name, data, limits=limits)


def refusal(name: str, data: bytes, limits: FileLimits = APP_LIMITS) -> UnreadableFileError:
    with pytest.raises(UnreadableFileError) as caught:
        read_spreadsheet(name, data, limits=limits)
    error = caught.value
    assert name in error.message("vi") and name in error.message("en")
    return error


def shape(table: SheetTable) -> tuple[object, ...]:
    """What a person sees of a file read: the sheet, each row's number, cells and whether it
    is hidden, and the merged ranges."""
    return table.sheet, [(row.number, row.cells, row.hidden) for row in table.rows], table.merged


# --- read alike --------------------------------------------------------------------------------


def test_the_template_saved_as_xls_and_ods_reads_as_the_same_template_saved_as_xlsx(
    saved: dict[str, dict[str, bytes]],
) -> None:
    copies = saved["mau-an-gop"]
    tables = {kind: read(f"bao-cao.{kind}", copies[kind]) for kind in FORMATS}
    assert [table.kind for table in tables.values()] == list(FORMATS)
    assert shape(tables["xls"]) == shape(tables["xlsx"]) and shape(tables["ods"]) == shape(tables["xlsx"])
    for table in tables.values():  # and what is read is what was typed
        rows = {row.number: row for row in table.rows}
        assert table.sheet == DATA_SHEET and rows[1].cells[0] == "Quận/huyện"
        assert [rows[n].cell(QUANTITY) for n in range(2, 7)] == [40, 42, 1250, 7, 3]  # 42: the formula's value
        assert type(rows[2].cell(QUANTITY)) is int
        assert rows[3].cell(NOTE) == dt.datetime(2017, 3, 31)
        assert rows[4].cell(NOTE) == "báo cáo  quý I"
        assert [row.number for row in table.rows if row.hidden] == [6]
        assert table.merged == (MergedRange("F8:G8", 8, 8, 6, 7),)


def test_each_kind_of_value_reads_the_same_from_the_sheet_the_file_opens_on(saved: dict[str, dict[str, bytes]]) -> None:
    copies = {**saved["kieu"], "ods": files.ods_opening_on(saved["kieu"]["ods"], "Tổng hợp")}
    tables = {kind: read(f"tong-hop.{kind}", copies[kind]) for kind in FORMATS}
    assert shape(tables["xls"]) == shape(tables["xlsx"]) and shape(tables["ods"]) == shape(tables["xlsx"])
    for table in tables.values():
        assert table.sheet == "Tổng hợp"
        values, computed = table.rows[1].cells, table.rows[2].cells
        assert values == (
            "Ứng Hòa",
            30000,
            176.25,
            -0.125,
            dt.datetime(2017, 6, 20),
            dt.datetime(2017, 6, 20, 14, 30),
            dt.time(8, 15),
            1234567890123,
        )
        assert computed == ("dòng một\ndòng hai", 60000, "#DIV/0!", "Ứng Hòa xã", None, None, None, "  cách  ")


def test_files_are_told_by_their_content_not_their_name(saved: dict[str, dict[str, bytes]]) -> None:
    copies = saved["mau"]
    assert read("bao-cao.xls", copies["xlsx"]).kind == "xlsx"  # a .xlsx renamed .xls is what it is
    assert read("bao-cao.xlsx", copies["ods"]).kind == "ods"
    assert read("bao-cao.ods", copies["xls"]).kind == "xls"
    # A web page saved under a .xls name, as older systems export "Excel": refused, and said so.
    error = refusal("bao-cao.xls", copies["html"])
    assert error.code == "not_a_spreadsheet"
    assert "HTML" in error.message("vi") and "trang web" in error.message("vi") and ".xlsx" in error.message("vi")
    assert "HTML" in error.message("en") and "web page" in error.message("en")


@pytest.mark.parametrize(
    ("kind", "damage", "code", "vi", "en"),
    [
        (
            "xls",
            lambda data: files.encrypted_xls(),
            "password_protected",
            "Mã hoá bằng Mật khẩu",
            "Encrypt with Password",
        ),
        ("ods", files.encrypted_ods, "password_protected_ods", "Lưu với mật khẩu", "Save with password"),
        ("xls", lambda data: data[: len(data) // 2], "corrupt", "hỏng", "damaged"),
        ("ods", lambda data: data[: len(data) // 2], "corrupt", "hỏng", "damaged"),
        ("xls", files.xls_with_a_broken_last_text, "corrupt", "hỏng", "damaged"),
        ("ods", files.ods_broken_after_first_sheet, "corrupt", "hỏng", "damaged"),
        ("ods", files.ods_with_a_damaged_content, "corrupt", "hỏng", "damaged"),
        ("ods", files.ods_with_a_bomb, "expands_too_far", "giải nén", "Unpacked"),
    ],
    ids=[
        "xls_password",
        "ods_password",
        "xls_cut",
        "ods_cut",
        "xls_damaged",
        "ods_damaged",
        "ods_inflates_wrong",
        "ods_bomb",
    ],
)
def test_a_file_that_cannot_be_read_says_what_to_do(
    saved: dict[str, dict[str, bytes]], kind: str, damage: Callable[[bytes], bytes], code: str, vi: str, en: str
) -> None:
    error = refusal(f"bao-cao.{kind}", damage(saved["mau"][kind]))
    assert error.code == code
    assert vi in error.message("vi") and en in error.message("en")


# --- the same bounds, before the parse ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_the_bounds_refuse_a_costly_file_before_it_is_parsed(saved: dict[str, dict[str, bytes]], kind: str) -> None:
    """The file's last text is damaged: a reader that parsed the file through would call it
    damaged; refused for a bound, it stopped before."""
    data = saved["nhieu-dong"][kind]
    assert len(read(f"r.{kind}", data).rows) == 61
    damaged = files.xls_with_a_broken_last_text(data) if kind == "xls" else files.ods_broken_after_first_sheet(data)
    assert refusal(f"r.{kind}", damaged).code == "corrupt"
    rows = refusal(f"r.{kind}", damaged, replace(APP_LIMITS, max_rows=50))
    assert (
        rows.code == "too_many_rows"
        and "hơn 50 dòng" in rows.message("vi")
        and "more than 50 rows" in rows.message("en")
    )
    cells = refusal(f"r.{kind}", damaged, replace(APP_LIMITS, max_cells=300))
    assert cells.code == "too_many_cells" and "hơn 300 ô" in cells.message("vi")
    size = refusal(f"r.{kind}", data, replace(APP_LIMITS, max_bytes=len(data) - 1))
    assert size.code == "too_big"
    if kind == "xls":  # every text of an .xls is in one table, read when the file opens
        assert refusal("r.xls", damaged, replace(APP_LIMITS, max_strings=100)).code == "too_many_strings"
    else:  # content.xml holds every sheet, and is read as text
        assert refusal("r.ods", damaged, replace(APP_LIMITS, max_text_bytes=20_000)).code == "too_much_text"


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_the_command_line_reads_what_the_app_refuses(saved: dict[str, dict[str, bytes]], kind: str) -> None:
    data = saved["nhieu-dong"][kind]
    app = replace(APP_LIMITS, max_rows=50)
    assert refusal(f"r.{kind}", data, app).code == "too_many_rows"
    assert len(read(f"r.{kind}", data, replace(app, max_rows=61)).rows) == 61


# --- imported alike -------------------------------------------------------------------------------


def _seen(preview: object) -> tuple[object, ...]:
    """A preview as the import page shows it, without the file's own name, size and digest."""
    return tuple(
        getattr(preview, name) for name in ("header_row", "headers", "mapping", "file_problems", "rows", "totals")
    )


def test_the_import_preview_of_an_xls_or_ods_is_that_of_the_same_template_as_xlsx(
    saved: dict[str, dict[str, bytes]], plan: Plan, ledger: Ledger
) -> None:
    for name in ("mau-an", "mau-gop"):
        previews = {
            kind: preview_import(plan, ledger, read(f"bao-cao.{kind}", saved[name][kind]), entered_by="Lan")
            for kind in FORMATS
        }
        assert _seen(previews["xls"]) == _seen(previews["xlsx"]) and _seen(previews["ods"]) == _seen(previews["xlsx"])
        for preview in previews.values():
            assert not preview.can_save
            if name == "mau-an":
                assert [(row.row, row.problems[0].code) for row in preview.in_order(Outcome.error)] == [
                    (6, "hidden_row")
                ]
            else:
                assert [problem.code for problem in preview.file_problems] == ["merged_cells"]
                assert "F8:G8" in preview.file_problems[0].message("vi")


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_a_template_saved_as_xls_or_ods_is_saved_with_the_figures_typed(
    saved: dict[str, dict[str, bytes]], plan: Plan, ledger: Ledger, kind: str
) -> None:
    preview = preview_import(plan, ledger, read(f"bao-cao.{kind}", saved["mau"][kind]), entered_by="Lan")
    reference = preview_import(plan, ledger, read("bao-cao.xlsx", saved["mau"]["xlsx"]), entered_by="Lan")
    assert _seen(preview) == _seen(reference)
    assert (preview.count(Outcome.new), preview.count(Outcome.error), preview.can_save) == (5, 0, True)
    figures = sorted(float(row.figure.entry.quantity) for row in preview.in_order(Outcome.new) if row.figure)
    assert figures == [3, 7, 40, 42, 1250]
    assert write_import(plan, ledger, preview, "Lan").status == "saved"
    again = preview_import(plan, ledger, read(f"bao-cao.{kind}", saved["mau"][kind]), entered_by="Lan")
    assert again.count(Outcome.new) == 0 and not again.has_changes  # the same file again changes nothing


def test_the_command_line_imports_an_xls_and_then_finds_the_same_figures_in_the_ods(
    saved: dict[str, dict[str, bytes]], sqlite_url: str, tmp_path: Path
) -> None:
    Ledger(sqlite_url).dispose()  # the database, at this code's schema
    settings = {"TRACKER_DATABASE_URL": sqlite_url, "TRACKER_TARGETS": str(PROJECT_ROOT / "targets.yaml")}
    said = {}
    for kind in ("xls", "ods"):
        path = tmp_path / f"chuong-my.{kind}"
        path.write_bytes(saved["mau"][kind])
        done = tracker_command("import", str(path), "--json", "--by", "Trần Lan", settings=settings)
        assert done.returncode == 0, done.stderr
        said[kind] = json.loads(done.stdout)
    assert [said["xls"][key] for key in ("file", "rows", "new", "errors", "saved")] == [
        "chuong-my.xls",
        18,
        5,
        [],
        True,
    ]
    assert [said["ods"][key] for key in ("new", "unchanged", "changed", "saved")] == [0, 5, 0, False]


def test_styles_and_other_elements_are_bounded_before_the_parse(saved: dict[str, dict[str, bytes]]) -> None:
    """The .xls's globals (formats, fonts, styles, names) and the elements of the .ods's
    XML (formatting inside texts among them) are counted before anything is parsed."""
    xls = files.xls_with_a_broken_last_text(saved["mau"]["xls"])
    assert refusal("r.xls", xls, replace(APP_LIMITS, max_elements=20)).code == "too_complex"
    spaced = files.edit_member(
        saved["mau"]["ods"], "content.xml", lambda xml: xml.replace("<text:p>", "<text:p>" + "<text:s/>" * 5000, 1)
    )
    ods = files.ods_broken_after_first_sheet(spaced)
    assert refusal("r.ods", ods).code == "corrupt"  # the app's bounds let it through to the damage
    error = refusal("r.ods", ods, replace(APP_LIMITS, max_elements=0, max_cells=1_000))
    assert error.code == "too_complex" and "3.000" in error.message("vi")
