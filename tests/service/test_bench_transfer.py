"""The smoke run of bench/transfer.py: a few thousand entries, so that the benchmark cannot
rot. It asserts that every command ran and was proved against the source it copied (the
benchmark stops otherwise), and that it writes only its own section of the report, never
how long anything took."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

STEPS = (
    "backup of SQLite",
    "copy SQLite → PostgreSQL",
    "backup of PostgreSQL",
    "restore → PostgreSQL",
    "restore → SQLite",
    "copy PostgreSQL → SQLite",
)


@pytest.mark.postgres
def test_the_transfer_benchmark_proves_every_copy(tmp_path: Path, postgres_available: None) -> None:
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## Another section\n\nkept as it is\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "bench/transfer.py", "--size", "2000", "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for step in STEPS:
        assert re.search(rf"{re.escape(step)}: proved \(2,000 entries, 2,000 changes, 3 accounts\)", done.stdout), step
    report = out.read_text(encoding="utf-8")
    assert "## Another section\n\nkept as it is" in report
    assert "## Backup, restore and copy (bench/transfer.py)" in report
    rows = re.findall(r"^\| ([^|]+) \| `python -m tracker", report, flags=re.MULTILINE)
    assert [row.strip() for row in rows] == list(STEPS)
