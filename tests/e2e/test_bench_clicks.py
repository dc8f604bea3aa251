"""The smoke runs of bench/clicks.py and bench/sessions.py: the realistic ledger, one click
of each interaction, one first load, two sessions' memory; and three sessions at once on
PostgreSQL, one of them saving. They assert that every interaction ran and proved what it
reached against the ledger built (the benchmark fails otherwise), never how long anything
took, so that a benchmark that stops measuring what it claims fails the suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import IN_CI, POSTGRES_URL, PROJECT_ROOT
from tests.e2e.server import CHROMIUM

REALISTIC_ENTRIES = 36_040  # ten years × 12 months × 30 districts × 10 targets, and four level readings a year
INTERACTIONS = {"open_target", "as_of", "switch_plan", "years", "save_form", "save_grid", "history", "import_preview"}


def needs_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`"
        pytest.fail(message) if IN_CI else pytest.skip(message)


def run_bench(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BENCH_POSTGRES_URL": POSTGRES_URL}
    return subprocess.run(
        [sys.executable, *argv], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=1500, check=False
    )


def test_the_clicks_benchmark_proves_every_interaction_on_the_ledger_it_built(tmp_path: Path) -> None:
    needs_chromium()
    out, found = tmp_path / "BENCHMARKS.md", tmp_path / "clicks.json"
    out.write_text("# Benchmarks\n\n## Another section\n\nkept as it is\n", encoding="utf-8")
    done = run_bench(
        "bench/clicks.py",
        *("--sizes", "realistic", "--backends", "sqlite", "--clicks", "1", "--first-loads", "1"),
        *("--sessions", "2", "--out", str(out), "--json", str(found)),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    [run] = json.loads(found.read_text(encoding="utf-8"))
    assert (run["backend"], run["entries"]) == ("sqlite", REALISTIC_ENTRIES)
    assert set(run["clicks"]) == INTERACTIONS
    proofs = {key: [click["proof"] for click in done_] for key, done_ in run["clicks"].items()}
    assert all(len(shown) == 1 and shown[0] for shown in proofs.values()), proofs
    assert "đã đạt đến nay" in proofs["open_target"][0]
    assert proofs["as_of"][0].startswith("10 targets' achieved figures at ")
    assert proofs["save_form"][0].startswith("entry #")
    assert "→" in proofs["save_grid"][0]
    assert proofs["history"][0].startswith("#")
    assert "2.000 mới, 0 lỗi" in proofs["import_preview"][0]
    assert len(run["first_loads"]) == 1 and run["first_loads"][0]["static_files"] > 0
    assert run["memory"]["sessions"] == 2 and run["memory"]["hwm_mb"] > 0
    report = out.read_text(encoding="utf-8")
    assert "## Another section\n\nkept as it is" in report
    assert "## Clicks in Chromium (bench/clicks.py)" in report
    assert report.count("| sqlite | 36.040 (realistic) |") == len(INTERACTIONS) + 2  # clicks, first load, memory


@pytest.mark.postgres
def test_many_sessions_at_once_save_and_browse_on_postgresql(tmp_path: Path, postgres_available: None) -> None:
    needs_chromium()
    out, found = tmp_path / "BENCHMARKS.md", tmp_path / "sessions.json"
    done = run_bench(
        "bench/sessions.py",
        *("--backend", "postgresql", "--size", "realistic", "--sessions", "3", "--savers", "1"),
        *("--seconds", "600", "--clicks", "2", "--every", "0", "--read", "0", "--out", str(out), "--json", str(found)),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    outcome = json.loads(found.read_text(encoding="utf-8"))
    assert (outcome["entries"], outcome["sessions"], outcome["failed_saves"]) == (REALISTIC_ENTRIES, 3, [])
    assert [click["proof"][:7] for click in outcome["clicks"]["save_form"]] == ["entry #", "entry #"]
    browsed = [click for key, done_ in outcome["clicks"].items() if key != "save_form" for click in done_]
    assert len(browsed) == 4 and all(click["proof"] for click in browsed)  # two browsing sessions, two clicks each
    assert "## Many people at once (bench/sessions.py)" in out.read_text(encoding="utf-8")
