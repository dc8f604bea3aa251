"""The smoke run of bench/exports.py: a few thousand entries on SQLite and PostgreSQL,
sheets of 1.000 rows so that the workbook is split, so that the benchmark cannot rot. It
asserts that every measurement ran and proved it measured the ledger built for it (the
benchmark stops otherwise), and that it writes only its own section of the report, never
how long anything took."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT


@pytest.mark.postgres
def test_the_exports_benchmark_proves_each_file_on_both_databases(tmp_path: Path, postgres_available: None) -> None:
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## Another section\n\nkept as it is\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "bench/exports.py", "--size", "2500", "--sheet-rows", "1000", "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for backend in ("sqlite", "postgresql"):
        # every file read back holds the 2.500 entries built for this backend, and their total
        totals = set()
        for what in ("entries CSV", "python -m tracker export --format csv", "workbook"):
            found = re.search(rf"^{backend}: {re.escape(what)} proved: 2,500 rows.*total (\S+)", done.stdout, re.M)
            assert found, (backend, what, done.stdout)
            totals.add(found.group(1))
        assert len(totals) == 1, totals
        # 2.500 entries on sheets of 999 under their header: three sheets, the last of 502
        assert f"{backend}: workbook proved: 2,500 rows (999 + 999 + 502)" in done.stdout
        split = re.search(rf"^{backend}: split workbook proved: .* on sheets (.*)$", done.stdout, re.M)
        assert split and split.group(1) == "Bản ghi, Bản ghi (2), Bản ghi (3)", done.stdout
    report = out.read_text(encoding="utf-8")
    assert "## Another section\n\nkept as it is" in report
    assert "## Exports (bench/exports.py)" in report
    rows = re.findall(r"^\| (sqlite|postgresql) \| [\d,]+ \| entries CSV", report, flags=re.MULTILINE)
    assert rows == ["sqlite", "postgresql"]
