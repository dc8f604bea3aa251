"""The smoke run of bench/costly_files.py: small files, one run each, so that the benchmark
cannot rot. It asserts that each file was measured as the file it was built to be (the
rows read, or the refusal expected), never how long anything took."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT


def test_the_costly_files_benchmark_measures_the_files_it_built(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## Another section\n\nkept as it is\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "bench/costly_files.py", "--repeats", "1", "--scale", "0.02", "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = out.read_text(encoding="utf-8")
    assert "## Another section\n\nkept as it is" in report
    rows = dict(re.findall(r"^\| ([^|]+?) \| [0-9.]+ MB \| ([^|]+?) \|", report, flags=re.MULTILINE))
    assert rows == {
        "review: shared strings": "refused: too_much_text",
        "review: wide CSV": "refused: too_many_columns",
        "most cells (xlsx)": "499 rows read, all new",
        "most rows (CSV)": "499 rows read, all new",
        "most shared strings (xlsx)": "30 rows read, all new",
        "most styles (xlsx)": "30 rows read, all new",
    }
