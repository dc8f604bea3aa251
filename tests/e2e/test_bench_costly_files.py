"""The smoke run of bench/costly_files.py: small files, one run each, in its own processes
and through a real server in Chromium, so that the benchmark cannot rot. It asserts that
each file was measured as the file it was built to be (the rows read, or the refusal
expected, in the app too), never how long anything took."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import IN_CI, PROJECT_ROOT
from tests.e2e.server import CHROMIUM


def test_the_costly_files_benchmark_measures_the_files_it_built(tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## Another section\n\nkept as it is\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "bench/costly_files.py", "--repeats", "1", "--scale", "0.02", "--app", "--out", str(out)],
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
        "most cells (xlsx)": "199 rows read, all new",
        "most rows (CSV)": "199 rows read, all new",
        "most shared strings (xlsx)": "30 rows read, all new",
        "most styles (xlsx)": "30 rows read, all new",
    }
    assert "| in the app | server grew by |" in report
    assert re.search(r"The overview in a browser of its own.*: [0-9.]+ s on a quiet server, [0-9.]+ s while", report)
