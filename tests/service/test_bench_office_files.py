"""The smoke run of bench/office_files.py: its files at a hundredth of their rows, saved by
LibreOffice and each read in a process of its own, so that the benchmark cannot rot. It
asserts that every file was read with the rows it was built with (none refused), never how
long anything took. Without LibreOffice it is skipped locally and fails in CI, as
test_office_files.py is."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT, soffice_command

FILES = [*(f"{name}.{kind}" for name in ("most-cells", "most-strings") for kind in ("xlsx", "xls", "ods")),
         "most-elements.ods"]  # fmt: skip


def test_the_office_files_benchmark_reads_every_file_with_the_rows_it_was_built_with(tmp_path: Path) -> None:
    soffice_command()
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## Another section\n\nkept as it is\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "bench/office_files.py", "--scale", "0.01", "--workdir", str(tmp_path), "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    printed = dict(re.findall(r"^(\S+) +[0-9.]+ MB .*, (.+)$", done.stdout, flags=re.MULTILINE))
    assert printed == dict.fromkeys(FILES, "100 rows")
    report = out.read_text(encoding="utf-8")
    assert "## Another section\n\nkept as it is" in report
    table = dict(re.findall(r"^\| (\S+) \| [0-9.]+ MB \| ([0-9,]+) \|", report, flags=re.MULTILINE))
    assert table == dict.fromkeys(FILES, "100")
