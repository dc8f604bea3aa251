"""Every benchmark in one run, one after the other, each writing its own section of one
report; then the report's head: the machine, the commit, how busy the machine was, what
ran, for how long, and whether it finished. Run from the project root, in its venv::

    python bench/all.py [--out BENCHMARKS.md] [--only run,imports] [--quick]

The benchmarks run one at a time because each times the machine: two at once would
measure each other. One that fails (a proof that did not hold, a crash) does not stop the
others; the head says so and the run exits with 1. ``--quick`` runs each at its smoke
size: to check that the whole chain works, not to publish figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ledgers import ROOT
from run import load_average, machine, replace_section

HEAD = "## This run (bench/all.py)"
TITLE = "# Benchmarks"
INTRO = (
    "Written by one run of `python bench/all.py` (see bench/README.md): each benchmark below "
    "in turn, on the machine named here, each writing its own section. Every figure is "
    "measured against the ledger built for it, and each benchmark stops if a page, a file or "
    "a command shows anything else. Numbers are written the Vietnamese way (1.234,5)."
)


@dataclass(frozen=True)
class Bench:
    name: str
    full: tuple[str, ...]  # the arguments of a publishing run
    quick: tuple[str, ...]  # the smoke size


BENCHES = (
    Bench("run", (), ("--sizes", "1000", "--repeats", "1", "--saves", "20", "--ten-plans", "300", "--no-rss")),
    Bench("imports", (), ("--repeats", "1", "--csv-rows", "300", "--no-profile")),
    Bench("exports", (), ("--size", "2500", "--sheet-rows", "1000")),
    Bench("clicks", (), ("--sizes", "realistic", "--backends", "sqlite", "--clicks", "2", "--sessions", "2")),
    Bench(
        "sessions",
        ("--backend", "postgresql"),
        ("--backend", "postgresql", "--sessions", "2", "--clicks", "2", "--read", "0"),
    ),
    Bench("reporting", (), ("--size", "1000", "--repeats", "1")),
    Bench("costly_files", (), ("--repeats", "1", "--scale", "0.02")),
    Bench("office_files", (), ("--scale", "0.01")),
    Bench("transfer", (), ("--size", "2000")),
)


@dataclass(frozen=True)
class Outcome:
    bench: Bench
    seconds: float
    code: int
    load_before: str
    load_after: str


def run_one(bench: Bench, out: Path, quick: bool) -> Outcome:
    arguments = bench.quick if quick else bench.full
    command = [sys.executable, str(ROOT / "bench" / f"{bench.name}.py"), *arguments, "--out", str(out)]
    print(f"== {' '.join(command[1:])}", flush=True)
    before, start = load_average(), time.perf_counter()
    code = subprocess.run(command, cwd=ROOT).returncode
    return Outcome(bench, time.perf_counter() - start, code, before, load_average())


def head(info: dict[str, str], outcomes: list[Outcome], quick: bool) -> str:
    lines = [HEAD, ""]
    if quick:
        lines += ["**A smoke run (`--quick`): the sizes are tiny and the figures mean nothing.**", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines += [f"- load average at end (1/5/15 min): {load_average()}", ""]
    lines += ["| benchmark | took | load before → after | finished |", "|---|---:|---|---|"]
    for outcome in outcomes:
        arguments = " ".join(outcome.bench.quick if quick else outcome.bench.full)
        command = f"`bench/{outcome.bench.name}.py{' ' + arguments if arguments else ''}`"
        finished = "yes" if outcome.code == 0 else f"**no** (exit {outcome.code}; its section is from an earlier run)"
        minutes = f"{outcome.seconds / 60:.1f}".replace(".", ",")
        lines.append(f"| {command} | {minutes} min | {outcome.load_before} → {outcome.load_after} | {finished} |")
    return "\n".join(lines) + "\n"


def write_head(out: Path, text: str) -> None:
    """The title and this run's head first, the benchmarks' sections after them."""
    replace_section(out, HEAD, text)
    body = out.read_text(encoding="utf-8")
    start = body.find(HEAD + "\n")
    following = body.find("\n## ", start + len(HEAD))
    section = body[start : following + 1 if following >= 0 else len(body)]
    rest = (body[:start] + body[following + 1 if following >= 0 else len(body) :]).strip("\n")
    if rest.startswith(TITLE + "\n"):  # the title and its paragraph, up to the first section
        first = rest.find("\n## ")
        rest = rest[first + 1 :] if first >= 0 else ""
    out.write_text(f"{TITLE}\n\n{INTRO}\n\n{section.rstrip()}\n\n{rest}".rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--only", default="", help="benchmarks to run, comma-separated (default: all)")
    parser.add_argument("--quick", action="store_true", help="each at its smoke size")
    args = parser.parse_args(argv)
    wanted = [name for name in args.only.split(",") if name]
    unknown = set(wanted) - {bench.name for bench in BENCHES}
    if unknown:
        parser.error(f"no benchmark named {', '.join(sorted(unknown))}")
    info = machine()  # the commit and the load before anything runs
    started = dt.datetime.now(dt.UTC)
    outcomes = [run_one(bench, args.out, args.quick) for bench in BENCHES if not wanted or bench.name in wanted]
    info["date"] = f"{started:%Y-%m-%d %H:%M} – {dt.datetime.now(dt.UTC):%H:%M} UTC"
    write_head(args.out, head(info, outcomes, args.quick))
    failed = [outcome.bench.name for outcome in outcomes if outcome.code != 0]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
