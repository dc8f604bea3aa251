"""bench/all.py, the one run that writes BENCHMARKS.md: its head goes first, says what
did not finish, and every benchmark's own section stays as that benchmark wrote it. (Each
benchmark has a smoke run of its own; running them all again here would only repeat them.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT
from tests.service.test_bench_run import bench_module


def test_the_head_goes_first_and_every_section_stays(tmp_path: Path) -> None:
    every = bench_module("all")
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(
        "# Benchmarks\n\nAn older introduction.\n\n## Exports (bench/exports.py)\n\nfigures of exports\n\n"
        "## Clicks in Chromium (bench/clicks.py)\n\nfigures of clicks\n",
        encoding="utf-8",
    )
    outcomes = [
        every.Outcome(every.BENCHES[0], 61.0, 0, "0.5 0.4 0.3", "1.9 1.0 0.5"),
        every.Outcome(every.BENCHES[2], 30.0, 1, "1.9 1.0 0.5", "2.0 1.1 0.6"),
    ]
    for _ in range(2):  # a second run replaces the head, it does not add one
        every.write_head(report, every.head({"commit": "abc1234"}, outcomes, quick=False))
    text = report.read_text(encoding="utf-8")
    assert text.startswith(f"{every.TITLE}\n\n{every.INTRO}\n\n{every.HEAD}\n")
    assert text.count(every.HEAD) == 1 and "An older introduction" not in text
    assert "- commit: abc1234" in text
    assert "| `bench/run.py` | 1,0 min | 0.5 0.4 0.3 → 1.9 1.0 0.5 | yes |" in text
    assert "| `bench/exports.py` | 0,5 min |" in text and "**no** (exit 1; its section is from an earlier run)" in text
    assert "## Exports (bench/exports.py)\n\nfigures of exports\n" in text
    assert text.rstrip().endswith("## Clicks in Chromium (bench/clicks.py)\n\nfigures of clicks")


def test_a_benchmark_it_does_not_know_is_refused_before_anything_runs(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    done = subprocess.run(
        [sys.executable, "bench/all.py", "--only", "run,speed", "--out", str(report)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "no benchmark named speed" in done.stderr
    assert not report.exists()
