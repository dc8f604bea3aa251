"""The smoke run of bench/run.py: the smallest size on SQLite and PostgreSQL, one repeat,
and one plan among ten, so that the benchmark cannot rot. It asserts that every
measurement ran and proved it measured the ledger built for it (the benchmark stops
otherwise), and that it writes only its own section of the report, never how long
anything took. A second test shows that the proof bites: a page shown for another
ledger than the one the facts were counted from is refused."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import PROJECT_ROOT

BENCH = PROJECT_ROOT / "bench"


def bench_module(name: str) -> ModuleType:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return importlib.import_module(name)


@pytest.mark.postgres
def test_the_run_benchmark_proves_every_page_it_times_on_both_databases(
    tmp_path: Path, postgres_available: None
) -> None:
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## Another section\n\nkept as it is\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "1000", "--backends", "sqlite,postgresql", "--repeats", "1",
         "--saves", "3", "--ten-plans", "300", "--no-rss", "--out", str(out)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    proved = done.stdout
    for backend in ("sqlite", "postgresql"):
        # The 2017 plan of targets.yaml, six summed targets, after cached and after-write runs.
        assert re.search(rf"PROVED {backend} 1000: overview: 6 achieved figures \(after \d+ cached", proved)
        assert re.search(rf"PROVED {backend} 1000: target page: workers-trained achieved [\d.]+ \(after", proved)
        assert re.search(rf"PROVED {backend} 1000: years page: \d+ whole-year figures of 1 years \(after", proved)
        assert f"PROVED {backend} 1000: summary --json: 6 achieved figures" in proved
        # 1.000 loaded, and each entry the benchmark wrote since counted too.
        entries = re.search(rf"PROVED {backend} 1000: summary: (\d+) entries", proved)
        assert entries is not None and int(entries.group(1)) > 1000, proved
        for variant in ("single", "ten"):
            assert re.search(rf"PROVED {backend} ten-plans {variant}: overview: 10 achieved figures \(after", proved)
            assert re.search(rf"PROVED {backend} ten-plans {variant}: target page: workers-trained achieved", proved)
            assert f"PROVED {backend} ten-plans {variant}: summary --json: 10 achieved figures" in proved
    report = out.read_text(encoding="utf-8")
    assert "## Another section\n\nkept as it is" in report
    assert report.count("## Overview and pages (bench/run.py)") == 1
    rows = re.findall(r"^\| (sqlite|postgresql) \| 1\.000 \| (overview|target page|year-on-year page) \|", report, re.M)
    assert rows == [(b, p) for b in ("sqlite", "postgresql") for p in ("overview", "target page", "year-on-year page")]
    assert re.search(r"^\| one plan among ten: overview, cached rerun .*\| postgresql \|", report, re.M)


def test_a_page_that_shows_another_ledger_stops_the_benchmark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from tracker import settings
    from tracker.service import plan_as_of

    ledgers = bench_module("ledgers")
    run = bench_module("run")
    plan = ledgers.real_plan()
    shown = f"sqlite:///{tmp_path / 'shown.db'}"
    counted = ledgers.bulk_ledger(shown, plan, 400)
    other = ledgers.bulk_ledger(f"sqlite:///{tmp_path / 'other.db'}", plan, 401)
    monkeypatch.setenv("TRACKER_DATABASE_URL", shown)
    monkeypatch.setenv("TRACKER_TARGETS", str(PROJECT_ROOT / "targets.yaml"))
    settings.current.cache_clear()
    app = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=120)
    app.run()
    as_of = plan_as_of(plan)

    assert run.prove_overview(app, plan, counted, as_of) == "overview: 6 achieved figures"
    with pytest.raises(run.ProofError, match="the overview's achieved figures did not show the ledger built for it"):
        run.prove_overview(app, plan, other, as_of)
    app.switch_page("pages/target.py").run()
    target = plan.targets[0]
    assert run.prove_target(app, plan, target, counted, as_of).startswith("target page: workers-trained")
    with pytest.raises(run.ProofError, match="the target page of workers-trained"):
        run.prove_target(app, plan, target, other, as_of)
