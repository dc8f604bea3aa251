"""What the costliest .xls and .ods the app accepts (APP_LIMITS) cost to read, beside the
same reports as .xlsx: a script, not a test. Needs LibreOffice (soffice) to write the files.

    python bench/office_files.py [--workdir /tmp/office-bench]

The files, each the most of one thing the bounds let through, written by openpyxl then
saved by LibreOffice as .xls and .ods:

- *most cells*: 10.000 rows of 15 columns (150.000 cells), 4 distinct texts a row;
- *most strings*: 10.000 rows of 5 distinct texts (50.000, the .xls's shared strings);
- *most elements (.ods)*: written by hand, 150.000 text cells each a paragraph with a span
  (460.000 elements, 17 MB of XML: the most the .ods census lets through).

Each is read by ``read_spreadsheet`` with the app's bounds in a process of its own, which
prints wall and CPU time (the machine may be busy: CPU time is the steadier) and its peak
resident memory (VmHWM) before and after.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) // 1024
from tracker.service.spreadsheets import APP_LIMITS, UnreadableFileError, read_spreadsheet
import tracker.service.ods_files, tracker.service.xls_files  # imported before the clock starts
data = open(sys.argv[1], "rb").read()
before, wall, cpu = peak(), time.perf_counter(), time.process_time()
try:
    what = f"{len(read_spreadsheet(sys.argv[1], data, limits=APP_LIMITS).rows)} rows"
except UnreadableFileError as error:
    what = "refused: " + error.code
print(f"{time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU, "
      f"peak {peak()} MB (before {before} MB), {what}")
"""


def workbook(rows: Sequence[Sequence[object]]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Số liệu")
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def most_cells() -> bytes:
    header = [f"Cột {column}" for column in range(15)]
    body = [
        [f"Quận {n}", f"làng nghề số {n}", f"ghi chú {n}", f"nguồn {n}", n, *(n * 1.5 + c for c in range(10))]
        for n in range(9_999)
    ]
    return workbook([header, *body])


def most_strings() -> bytes:
    return workbook([[f"{n:06d}-{c} chữ tiếng Việt có dấu" for c in range(5)] for n in range(10_000)])


def most_elements_ods() -> bytes:
    rows = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p><text:span>{r}</text:span>-{c}</text:p>'
            "</table:table-cell>"
            for c in range(15)
        )
        + "</table:table-row>"
        for r in range(10_000)
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="Số liệu">{rows}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        package.writestr("content.xml", content)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.mkdtemp(prefix="office-bench-")))
    workdir: Path = parser.parse_args().workdir
    workdir.mkdir(parents=True, exist_ok=True)
    sources = {"most-cells": most_cells(), "most-strings": most_strings()}
    for name, data in sources.items():
        (workdir / f"{name}.xlsx").write_bytes(data)
    for kind in ("xls", "ods"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless", "--convert-to",
             kind, "--outdir", str(workdir), *(str(workdir / f"{name}.xlsx") for name in sources)],
            capture_output=True, timeout=900, check=True,
        )  # fmt: skip
    (workdir / "most-elements.ods").write_bytes(most_elements_ods())
    for path in [
        *(workdir / f"{n}.{k}" for n in sources for k in ("xlsx", "xls", "ods")),
        workdir / "most-elements.ods",
    ]:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path), str(ROOT)], capture_output=True, text=True)
        print(f"{path.name:20s} {path.stat().st_size / 1e6:5.2f} MB  {done.stdout.strip()}{done.stderr.strip()[-300:]}")


if __name__ == "__main__":
    main()
