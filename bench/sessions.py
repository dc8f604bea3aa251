"""Many people at once: ten browser sessions on one app process, two of them saving an
entry every few seconds while the others browse, on PostgreSQL.

Not part of the test suite (tests/e2e/test_bench_clicks.py runs it tiny). From the
project root, in the project's venv::

    python bench/sessions.py [--backend postgresql] [--size realistic] [--sessions 10] [--savers 2]
                             [--seconds 120] [--clicks 40] [--every 3] [--read 5] [--out BENCHMARKS.md]

The ledger (bench/ledgers.py) and the app (bench/timed_server.py, loopback only) are
bench/clicks.py's. Each session is a Playwright context of one headless Chromium, its
name typed in the sidebar. Once all are open, for at most ``--seconds`` and at most
``--clicks`` clicks each, at the same time:

- the browsing sessions go round the overview: a target opened from the chart, the as-of
  date changed, the year-on-year page, another plan; each reads what a click showed for
  about ``--read`` seconds (half to one and a half times that, drawn from a fixed seed)
  before the next, as a person does;
- each saving session saves a form entry every ``--every`` seconds on the record page of
  the plan the app opens with (each its own target, so each knows the figure it must see).

Every click is timed from just before it to the page settled and proves its subject as in
bench/clicks.py; a page read while a save is under way may show the figure before or after
it, and either is accepted. A browsing click that proves wrong fails the run; a save that
fails is counted (the goal: none). It writes ``## Many people at once (bench/sessions.py)``
into ``--out`` (replaced in place) and ``--json`` if asked.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import clicks  # noqa: E402
from clicks import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    Click,
    Ledger,
    Person,
    Server,
    app_server,
    built_ledger,
    failure,
    load_average,
    log,
    median,
    percentile,
    replace_section,
    seconds,
)

HEADING = "## Many people at once (bench/sessions.py)"
GOAL_P95_S = 1.5


@dataclass
class Outcome:
    backend: str
    size: str
    entries: int
    sessions: int
    savers: int
    window_s: float = 0.0
    clicks: dict[str, list[Click]] = field(default_factory=dict)
    failed_saves: list[str] = field(default_factory=list)
    server_runs: list[float] = field(default_factory=list)  # every script run in the window, seconds
    hwm_mb: float = 0.0
    load_average: str = ""
    cpu_s: dict[str, float] = field(default_factory=dict)  # CPU used in the window, by program


def cpu_seconds(app_pid: int) -> dict[str, float]:
    """User + system CPU seconds so far of the app's process, of Chromium's processes and
    of PostgreSQL's (every process of the machine read from /proc): where the cores went."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"app": 0.0, "Chromium": 0.0, "PostgreSQL": 0.0, "other": 0.0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone since the listing
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        pid = int(stat.parent.name)
        group = (
            "app"
            if pid == app_pid
            else "Chromium"
            if name.startswith(("chrom", "headless"))
            else "PostgreSQL"
            if name.startswith("postgres")
            else "other"
        )
        used[group] += seconds
    return used


async def browsing(person: Person, index: int, stop: float, limit: int, read: float, outcome: Outcome) -> None:
    """Round the overview: a target, the as-of date, the years, another plan; until told to
    stop. Between clicks, the page is read: ten people clicking without a pause would be a
    test of how many clicks two cores draw, not of ten people at work."""
    rounds = (
        ("open_target", person.open_target),
        ("as_of", person.change_as_of),
        ("years", person.open_years),
        ("switch_plan", person.switch_plan),
    )
    reading = random.Random(index)  # the same pauses in every run
    for count in range(limit):
        if time.monotonic() >= stop:
            return
        key, action = rounds[(count + index) % len(rounds)]
        try:
            click = await action(count)
        except Exception as error:
            raise await failure(person.page, f"session {index + 1}, {key}, click {count + 1}", error) from error
        outcome.clicks.setdefault(key, []).append(click)
        await asyncio.sleep(read * reading.uniform(0.5, 1.5))


async def saving(person: Person, index: int, stop: float, limit: int, every: float, outcome: Outcome) -> None:
    """A form entry every ``every`` seconds on the record page, until told to stop. The
    page is opened at its address with the saver's target chosen, as a bookmark opens it:
    a choice in the form's list would be one more run to wait for before the first save."""
    address = f"{person.server.url}/record?target={person.summed()[person.save_target].id}"

    async def open_record() -> None:
        await person.page.goto(address, timeout=clicks.TIMEOUT_MS)
        await clicks.settled(person.page)
        await person.sign_name()

    await open_record()
    for count in range(limit):
        if time.monotonic() >= stop:
            return
        began = time.monotonic()
        try:
            click = await person.save_form(count)
        except Exception as error:
            outcome.failed_saves.append(str(await failure(person.page, f"saver {index + 1}, save {count + 1}", error)))
            await open_record()  # start again
            continue
        outcome.clicks.setdefault("save_form", []).append(click)
        # a person pausing between entries: the pace of the saves, not a wait for the page
        await asyncio.sleep(max(0.0, every - (time.monotonic() - began)))


async def crowd(outcome: Outcome, ledger: Ledger, workdir: Path, args: argparse.Namespace) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            with app_server(workdir, ledger, f"sessions-{outcome.backend}") as server:
                people = await open_sessions(browser, server, ledger, args)
                log(f"  {len(people)} sessions open; {args.seconds} s of clicks")
                began, wall = time.monotonic(), time.time()
                cpu_before = cpu_seconds(server.pid)
                stop = began + args.seconds
                tasks = [
                    saving(person, number, stop, args.clicks, args.every, outcome)
                    if number < args.savers
                    else browsing(person, number, stop, args.clicks, args.read, outcome)
                    for number, person in enumerate(people)
                ]
                await asyncio.gather(*tasks)
                outcome.window_s = time.monotonic() - began
                cpu_after = cpu_seconds(server.pid)
                outcome.cpu_s = {name: cpu_after[name] - cpu_before[name] for name in cpu_after}
                outcome.server_runs = [run["seconds"] for run in server.runs() if run["start"] >= wall]
                outcome.hwm_mb = server.memory_kb("VmHWM") / 1024
                for person in people:
                    await person.page.context.close()
        finally:
            await browser.close()


async def open_sessions(browser: object, server: Server, ledger: Ledger, args: argparse.Namespace) -> list[Person]:
    people = []
    for number in range(args.sessions):
        person = await clicks.new_person(browser, server, ledger, name=False)
        person.name = f"{clicks.PERSON} {number + 1}"
        person.save_target = number if number < args.savers else 0
        await person.sign_name()
        people.append(person)
    return people


def measure(args: argparse.Namespace) -> Outcome:
    workdir = Path(tempfile.mkdtemp(prefix=f"sessions-{args.backend}-"))
    log(f"{args.backend}, {args.size}: building the ledger")
    with built_ledger(args.backend, args.size, workdir) as ledger:
        outcome = Outcome(args.backend, args.size, ledger.entries(), args.sessions, args.savers)
        outcome.load_average = load_average()
        asyncio.run(crowd(outcome, ledger, workdir, args))
        outcome.load_average += f" → {load_average()}"
    return outcome


def markdown(outcome: Outcome, args: argparse.Namespace) -> str:
    every = [c.seconds for done in outcome.clicks.values() for c in done]
    saves = outcome.clicks.get("save_form", [])
    met = percentile(every, 0.95) <= GOAL_P95_S and not outcome.failed_saves and len(saves) > 0
    names = dict(clicks.INTERACTIONS)
    entries = f"{outcome.entries:,}".replace(",", ".")
    lines = [
        HEADING,
        "",
        f"`python bench/sessions.py --backend {args.backend} --size {args.size} --sessions {args.sessions} "
        f"--savers {args.savers} --seconds {args.seconds:g} --clicks {args.clicks} --every {args.every:g} "
        f"--read {args.read:g}`, "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; load average (1/5/15 min) {outcome.load_average}.",
        "",
        f"{outcome.sessions} Chromium sessions (Playwright contexts) on one app process, {outcome.backend}, "
        f"{entries} entries; {outcome.savers} of them saving a form entry every {args.every:g} s, the others "
        f"browsing, each reading a page {args.read / 2:g}–{args.read * 1.5:g} s before the next click; "
        f"{outcome.window_s:.0f} s. The sessions' Chromium runs on the app's two cores: each click's time "
        "includes drawing the page beside nine other browsers. Each click from just before it to the page "
        "settled, each proved.",
        "",
        "| interaction | clicks | median | p95 |",
        "|---|---:|---:|---:|",
    ]
    for key, done in outcome.clicks.items():
        times = [c.seconds for c in done]
        lines.append(f"| {names[key]} | {len(done)} | {seconds(median(times))} | {seconds(percentile(times, 0.95))} |")
    lines += [
        f"| **every click** | {len(every)} | {seconds(median(every))} | {seconds(percentile(every, 0.95))} |",
        "",
        f"- Saves: {len(saves)} proved, {len(outcome.failed_saves)} failed.",
        "- Clicks made again within their timed click (an option's list closed under the click by another "
        "page taking the focus): "
        f"{sum(1 for c in outcome.clicks.values() for click in c if 'lost click' in click.proof)}.",
        f"- Goal (p95 ≤ {GOAL_P95_S:g} s".replace(".", ",")
        + f" and no failed save): {'met' if met else '**not met**'}.",
        f"- The server's script runs in that time: {len(outcome.server_runs)}, median "
        f"{seconds(median(outcome.server_runs))}, p95 {seconds(percentile(outcome.server_runs, 0.95))} "
        "(one Python process: runs of different sessions share its two cores and its lock).",
        f"- The app process's peak RSS (VmHWM): {outcome.hwm_mb:.0f} MB.",
        "- CPU used in the window, of the machine's "
        + f"{(os.cpu_count() or 1) * outcome.window_s:.0f} core-seconds: ".replace(".", ",")
        + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in outcome.cpu_s.items())
        + ".",
    ]
    lines += [f"- Failed save: {text[:400]}" for text in outcome.failed_saves[:3]]
    return "\n".join(lines) + "\n"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="postgresql", choices=("sqlite", "postgresql"))
    parser.add_argument("--size", default=clicks.REALISTIC, help="'realistic' or an entry count")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--savers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=120, help="how long the sessions click, at most")
    parser.add_argument("--clicks", type=int, default=40, help="clicks (or saves) per session, at most")
    parser.add_argument("--every", type=float, default=3, help="seconds between one saver's saves")
    parser.add_argument("--read", type=float, default=5, help="seconds a browsing session reads a page, about")
    parser.add_argument("--out", type=Path, default=clicks.ROOT / "BENCHMARKS.md")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not 0 <= args.savers <= args.sessions:
        parser.error("--savers must be between 0 and --sessions")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: apt-get install -y chromium", file=sys.stderr)
        return 2
    outcome = measure(args)
    text = markdown(outcome, args)
    print(text)
    replace_section(args.out, HEADING, text)
    if args.json:
        args.json.write_text(json.dumps(asdict(outcome), indent=1, default=str), encoding="utf-8")
    return 1 if outcome.failed_saves else 0


if __name__ == "__main__":
    sys.exit(main())
