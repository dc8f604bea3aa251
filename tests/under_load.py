"""Run the whole suite several times in a row while every core is kept busy by another
process, as on a shared CI machine: a test that waits for a fixed time instead of for
what it needs fails here first.

    python -m tests.under_load            # three runs, one busy process per core
    python -m tests.under_load --runs 1 -- tests/e2e

Stops at the first failing run; the busy processes end with this script, however it ends.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from tests.helpers import PROJECT_ROOT

SPIN = "while True: pass"


@contextmanager
def cores_kept_busy(count: int) -> Iterator[None]:
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(count)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
        for spinner in spinners:
            spinner.wait()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--busy", type=int, default=os.cpu_count() or 2, help="busy processes (default: one per core)")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    options = parser.parse_args(argv)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options.pytest_args]
    with cores_kept_busy(options.busy):
        for run in range(1, options.runs + 1):
            started = time.monotonic()
            outcome = subprocess.run(command, cwd=PROJECT_ROOT, check=False)
            minutes = (time.monotonic() - started) / 60
            print(f"run {run}/{options.runs}, {options.busy} busy: exit {outcome.returncode}, {minutes:.1f} min")
            if outcome.returncode != 0:
                return outcome.returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
