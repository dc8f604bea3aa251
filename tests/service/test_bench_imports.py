"""The smoke run of bench/imports.py: the year's template and a CSV of a few hundred rows on
SQLite and PostgreSQL, one repeat, no profiles, so that the benchmark cannot rot. It asserts
that every import the benchmark timed (in its process and through the command line) left
in the database exactly the file's rows and total (the benchmark stops otherwise), and that
it writes only its own section of the report, never how long anything took."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

HEADING = "## District report import (bench/imports.py)"


@pytest.mark.postgres
def test_the_import_benchmark_proves_every_import_on_both_databases(tmp_path: Path, postgres_available: None) -> None:
    out = tmp_path / "BENCHMARKS.md"
    out.write_text(
        f"# Benchmarks\n\n{HEADING}\n\nan old run\n\n## Another section\n\nkept as it is\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "bench/imports.py", "--csv-rows", "300", "--repeats", "1", "--no-profile", "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # the file's own count and total, as the benchmark wrote them, found in the database
    written = {
        kind: (rows, total)
        for kind, rows, total in re.findall(
            r"file: bao-cao-\S+\.(xlsx|csv), ([\d,]+) rows, .* summing to (\d+)", done.stdout
        )
    }
    assert set(written) == {"xlsx", "csv"}, done.stdout
    assert written["xlsx"][0] == "2,160" and written["csv"][0] == "300"
    for backend in ("sqlite", "postgresql"):
        for kind, (rows, total) in written.items():
            for how in ("write_import", "python -m tracker import"):
                proof = f"{backend} {kind}: {how}: {rows} entries summing to {total} as the file, proved"
                assert proof in done.stdout, (proof, done.stdout)
    report = out.read_text(encoding="utf-8")
    assert "## Another section\n\nkept as it is" in report
    assert report.count(HEADING) == 1 and "an old run" not in report
    rows = re.findall(r"^\| (sqlite|postgresql) \| (xlsx|csv) \| ([\d,]+) \|", report, flags=re.MULTILINE)
    assert rows == [
        ("sqlite", "xlsx", "2,160"),
        ("sqlite", "csv", "300"),
        ("postgresql", "xlsx", "2,160"),
        ("postgresql", "csv", "300"),
    ]
