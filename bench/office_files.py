"""What the costliest .xls and .ods the app accepts (APP_LIMITS) cost to read, beside the
same reports as .xlsx: a script, not a test (tests/service/test_bench_office_files.py runs
it small, so that it cannot rot). Needs LibreOffice (soffice) to write the files.

    python bench/office_files.py [--scale 1] [--workdir /tmp/office-bench] [--out BENCHMARKS.md]

The files, each the most of one thing the bounds let through, written by openpyxl then
saved by LibreOffice as .xls and .ods:

- *most cells*: 10.000 rows of 15 columns (150.000 cells), 4 distinct texts a row;
- *most strings*: 10.000 rows of 5 distinct texts (50.000, the .xls's shared strings);
- *most elements (.ods)*: written by hand, 150.000 text cells each a paragraph with a span
  (460.000 elements, 17 MB of XML: the most the .ods census lets through).

Each is read by ``read_spreadsheet`` with the app's bounds in a process of its own
(``--child``), which reports as JSON the rows it read (or the refusal), wall and CPU time
(the machine may be busy: CPU time is the steadier) and its peak resident memory (VmHWM)
before and after. Every file must be read with exactly the rows it was built with, not
refused: else the run says which file gave what and exits with 1, writing nothing.
``--scale`` shrinks the row counts (0.01 for the smoke run). With ``--out``, the section
"## Office files (bench/office_files.py)" of that report is written (replaced if there,
else appended).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from tracker.service.spreadsheets import APP_LIMITS, UnreadableFileError, read_spreadsheet  # noqa: E402

HEADING = "## Office files (bench/office_files.py)"
KINDS = ("xlsx", "xls", "ods")


@dataclass
class Measured:
    file_name: str
    size: int
    expected_rows: int
    found: dict[str, Any]  # the child's JSON, or {"failed": its stderr}

    @property
    def outcome(self) -> str:
        if "rows" in self.found:
            return f"{self.found['rows']} rows"
        if "refused" in self.found:
            return f"refused: {self.found['refused']}"
        return f"failed: {self.found.get('failed', '')}"

    @property
    def as_expected(self) -> bool:
        return self.found.get("rows") == self.expected_rows


# --- the files ------------------------------------------------------------------------


def workbook(rows: Sequence[Sequence[object]]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Số liệu")
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def most_cells(rows: int) -> bytes:
    """``rows`` rows (the header one of them) of 15 cells."""
    header = [f"Cột {column}" for column in range(15)]
    body = [
        [f"Quận {n}", f"làng nghề số {n}", f"ghi chú {n}", f"nguồn {n}", n, *(n * 1.5 + c for c in range(10))]
        for n in range(rows - 1)
    ]
    return workbook([header, *body])


def most_strings(rows: int) -> bytes:
    return workbook([[f"{n:06d}-{c} chữ tiếng Việt có dấu" for c in range(5)] for n in range(rows)])


def most_elements_ods(rows: int) -> bytes:
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p><text:span>{r}</text:span>-{c}</text:p>'
            "</table:table-cell>"
            for c in range(15)
        )
        + "</table:table-row>"
        for r in range(rows)
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="Số liệu">{body}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        package.writestr("content.xml", content)
    return out.getvalue()


def build(workdir: Path, rows: int) -> list[Path]:
    """The files, each of ``rows`` rows: the two workbooks as .xlsx and as LibreOffice saves
    them as .xls and .ods, then the hand-made .ods."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to write .xls and .ods files: apt-get install libreoffice-calc-nogui")
    sources = {"most-cells": most_cells(rows), "most-strings": most_strings(rows)}
    for name, data in sources.items():
        (workdir / f"{name}.xlsx").write_bytes(data)
    for kind in KINDS[1:]:
        done = subprocess.run(
            [soffice, f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless", "--norestore",
             "--convert-to", kind, "--outdir", str(workdir), *(str(workdir / f"{name}.xlsx") for name in sources)],
            capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
        for name in sources:
            if not (workdir / f"{name}.{kind}").exists():
                sys.exit(f"soffice did not write {name}.{kind}: {done.stdout}{done.stderr}")
    (workdir / "most-elements.ods").write_bytes(most_elements_ods(rows))
    return [*(workdir / f"{name}.{kind}" for name in sources for kind in KINDS), workdir / "most-elements.ods"]


# --- one measurement, in a process of its own ------------------------------------------


def peak_memory_mb() -> int:
    """This process's peak resident size so far (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def child(path: Path) -> None:
    """Read one file with the app's bounds; print what it cost, and the rows read, as JSON."""
    import tracker.service.ods_files
    import tracker.service.xls_files  # noqa: F401 (imported before the clock starts)

    data = path.read_bytes()
    before, wall, cpu = peak_memory_mb(), time.perf_counter(), time.process_time()
    outcome: dict[str, object]
    try:
        outcome = {"rows": len(read_spreadsheet(path.name, data, limits=APP_LIMITS).rows)}
    except UnreadableFileError as error:
        outcome = {"refused": error.code}
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"wall": wall, "cpu": cpu, "before_mb": before, "peak_mb": peak_memory_mb(), **outcome}))


def measure(path: Path, expected_rows: int) -> Measured:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        capture_output=True, text=True, check=False, cwd=ROOT, timeout=600,
    )  # fmt: skip
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        found: dict[str, Any] = {"failed": done.stderr.strip()[-300:] or f"exit code {done.returncode}"}
    else:
        found = json.loads(lines[-1])
    return Measured(path.name, path.stat().st_size, expected_rows, found)


def line(measured: Measured) -> str:
    found = measured.found
    cost = (
        f"{found['wall']:.2f} s wall, {found['cpu']:.2f} s CPU, peak {found['peak_mb']} MB "
        f"(before {found['before_mb']} MB), "
        if "wall" in found
        else ""
    )
    return f"{measured.file_name:20s} {measured.size / 1e6:5.2f} MB  {cost}{measured.outcome}"


# --- the report -----------------------------------------------------------------------


def section(measured: list[Measured], scale: float, rows: int, elapsed: float, load: str) -> str:
    from run import code_measured  # bench/ is on sys.path when this runs as a script

    at = code_measured()
    lines = [
        HEADING,
        "",
        f"Written by `python bench/office_files.py` (see its docstring) on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} "
        f"UTC at commit {at}: `--scale {scale:g}`, {elapsed:.0f} s in all (LibreOffice's saving included); load "
        f"average at start {load}.",
        "",
        f"Each file ({rows:,} rows) read by `read_spreadsheet` with the app's bounds in a process of its own, once: "
        "wall and CPU time, the process's peak resident size (`VmHWM`) and how much it grew during the read. "
        "The run checked that every file was read with all the rows it was built with.",
        "",
        "| file | size | rows read | wall | CPU | peak memory | grown by |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measured:
        f = m.found
        lines.append(
            f"| {m.file_name} | {m.size / 2**20:.1f} MB | {f['rows']:,} | {f['wall']:.2f} s | {f['cpu']:.2f} s "
            f"| {f['peak_mb']} MB | {f['peak_mb'] - f['before_mb']} MB |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the row counts (0.01 for a smoke run)")
    parser.add_argument("--workdir", type=Path, help="where the files are written (default: a new temporary folder)")
    parser.add_argument("--out", type=Path, help="the Markdown report to write the section into (default: none)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child)
        return 0
    from run import load_average, replace_section  # bench/ is on sys.path when this runs as a script

    load = load_average()
    began = time.perf_counter()
    workdir: Path = args.workdir or Path(tempfile.mkdtemp(prefix="office-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = int(APP_LIMITS.max_rows * args.scale)  # the header row among them
    measured = []
    for path in build(workdir, rows):
        measured.append(measure(path, rows))
        print(line(measured[-1]), flush=True)
    wrong = [m for m in measured if not m.as_expected]
    if wrong:
        print(f"{len(wrong)} of {len(measured)} files not read as built, so not measured:", file=sys.stderr)
        for m in wrong:
            print(f"  {m.file_name}: expected {m.expected_rows} rows read, got {m.outcome}", file=sys.stderr)
        return 1
    if args.out is not None:
        replace_section(args.out, HEADING, section(measured, args.scale, rows, time.perf_counter() - began, load))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
