"""The smoke run of bench/reporting.py: a few thousand entries on SQLite and PostgreSQL,
one repeat, so that the benchmark cannot rot. It asserts that every measurement ran and
proved it measured the ledger built for it (the benchmark stops otherwise), and that it
writes only its own section of the report, never how long anything took."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT


@pytest.mark.postgres
def test_the_reporting_benchmark_proves_each_figure_on_both_databases(tmp_path: Path, postgres_available: None) -> None:
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## Another section\n\nkept as it is\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "bench/reporting.py", "--size", "3000", "--repeats", "1", "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for backend in ("sqlite", "postgresql"):
        for what in ("reporting_of", "completeness --json", "page"):
            assert re.search(rf"{backend}: {re.escape(what)} .*proved", done.stdout), (backend, what, done.stdout)
    report = out.read_text(encoding="utf-8")
    assert "## Another section\n\nkept as it is" in report
    assert "## Reporting completeness (bench/reporting.py)" in report
    rows = re.findall(r"^\| (sqlite|postgresql) \|", report, flags=re.MULTILINE)
    assert rows == ["sqlite", "postgresql"]
