"""What the costliest report files cost the app to read and preview, within its bounds.

Not part of the test suite (tests/test_bench_costly_files.py runs it small, so that it
cannot rot). Run from the project root, in the project's venv::

    python bench/costly_files.py [--repeats 3] [--scale 1] [--out BENCHMARKS.md]

The files, built once per run with the same bytes for every measurement, each the most
of one thing that the app's bounds (``APP_LIMITS`` in tracker/service/spreadsheets.py)
let through, plus the two files of the second review, which the bounds now refuse:

- *review: shared strings*: 1.700.000 shared strings no cell uses (99 MB unpacked, ~4 MB
  as a file): it took 27,7 s and 330 MB before;
- *review: wide CSV*: a first line of 560.000 columns (4,4 MB): it killed the browser tab;
- *most cells (xlsx)*: a report of the most rows and cells the app reads (10 columns of
  the report, its texts distinct: villages, notes, sources; and numbers in 5 more), every
  row a new figure;
- *most rows (CSV)*: the same rows as CSV, as many as 5.000.000 bytes hold (what the
  browser's uploader lets through);
- *most shared strings (xlsx)*: a short report and the most distinct texts allowed, as
  long as the bound on text lets them be;
- *most styles (xlsx)*: a short report and the most cell formats allowed.

Each measurement runs in a process of its own (``--child``): the plan and an empty SQLite
ledger opened, then ``read_spreadsheet`` with the app's bounds and ``preview_import``,
timed, and the process's peak resident memory (``VmHWM``) before and after. Every
run checks that it measured the file it was built for: a file within the bounds must be
read and previewed with exactly the rows it was built with, all of them new figures; a
review file must be refused with the reason expected. ``--scale`` shrinks the files (0.02
for the smoke run) but the review's two, which stay as the review built them. The section
"## Costly report files (bench/costly_files.py)" of ``--out`` is written (replaced if
there, else appended).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# bench/ is on sys.path when this runs as a script; run.py puts the project root there too.
from run import ROOT, code_measured, load_average, replace_section

from tests import report_files as files
from tracker.domain.districts import district_names
from tracker.domain.plan import Aggregation, Plan, load_plan
from tracker.service.spreadsheets import APP_LIMITS, UnreadableFileError, read_spreadsheet

HEADING = "## Costly report files (bench/costly_files.py)"
COLUMNS = (
    *("Quận/huyện", "Mục tiêu", "Đơn vị", "Ngày", "Số lượng"),
    *("Làng nghề", "Ghi chú", "Người báo cáo", "Nguồn", "Mã"),
)
PLAN_FILE = ROOT / "targets.yaml"
SHORT_REPORT = 30  # a month of one target for every district: the rows beside the strings and styles


@dataclass
class Case:
    name: str
    file_name: str
    data: bytes
    rows: int  # data rows it was built with; 0 for a file that must be refused
    refused_for: str = ""  # the refusal code expected
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    grown_mb: list[float] = field(default_factory=list)
    app_seconds: list[float] = field(default_factory=list)  # chosen in the browser to the preview drawn
    app_grown_mb: list[float] = field(default_factory=list)  # how far the server's peak rose above its size before


@dataclass
class Overview:
    """The overview in a browser of its own: reloaded on a quiet server, and while a file is read."""

    idle: list[float] = field(default_factory=list)
    busy: list[float] = field(default_factory=list)
    overlapped: list[bool] = field(default_factory=list)  # the file was still being read when the overview was drawn


# --- the files ------------------------------------------------------------------------


def report_rows(plan: Plan, count: int) -> list[list[object]]:
    """``count`` distinct figures of the plan's summed targets, all new: row i is district
    i mod 30, target i/30, a day of the year, its own village, note and source."""
    districts = list(district_names())
    targets = [target for target in plan.targets if target.aggregation is Aggregation.sum]
    start = plan.period.start
    rows = []
    for i in range(count):
        target = targets[(i // len(districts)) % len(targets)]
        day = start + dt.timedelta(days=(i // (len(districts) * len(targets))) % 365)
        rows.append(
            [
                districts[i % len(districts)],
                target.title.vi,
                target.unit.vi,
                day.strftime("%d/%m/%Y"),
                (i * 7) % 200,
                f"Làng nghề truyền thống thôn {i:06d}",
                f"Báo cáo tháng của phòng kinh tế, dòng {i:06d}: số liệu đã đối chiếu với sổ theo dõi",
                f"Cán bộ {i % 97:02d}",
                f"Công văn số {i:06d}/UBND-KT",
                i,
            ]
        )
    return rows


def report_xlsx(plan: Plan, count: int, unused_strings: int = 0, extra_columns: int = 0) -> bytes:
    """``count`` rows of figures as Excel writes them, with ``extra_columns`` more columns of
    numbers that the import does not read (a district's own workings), and ``unused_strings``
    more distinct texts of about a hundred characters in its shared strings (as other
    sheets' texts would be): as long as the bound on text lets the most strings allowed be."""
    strings = files.SharedStrings()
    extra = [f"Cột thêm {number}" for number in range(1, extra_columns + 1)]
    sheet = [files.row_xml(1, [*COLUMNS, *extra], strings)]
    sheet += [
        files.row_xml(n, [*row, *range(n, n + extra_columns)], strings)
        for n, row in enumerate(report_rows(plan, count), start=2)
    ]
    for number in range(unused_strings - len(strings.index)):
        strings(f"Ghi chú của một trang tính khác, số {number:060d}")
    return files.handwritten_xlsx(sheet, strings)


def most_cells_xlsx(plan: Plan, scale: float) -> tuple[bytes, int]:
    """The most rows allowed, each as wide as the bound on cells then allows."""
    count = int(APP_LIMITS.max_rows * scale) - 1  # with the header: every row allowed
    width = APP_LIMITS.max_cells // APP_LIMITS.max_rows  # with the header: every cell allowed
    return report_xlsx(plan, count, extra_columns=width - len(COLUMNS)), count


# Streamlit's uploader takes server.maxUploadSize (5) MB as 5.000.000 bytes in the browser,
# a little less than the server's own bound (5 MiB): the most a person can upload.
BROWSER_MAX_BYTES = 5_000_000


def most_rows_csv(plan: Plan, scale: float) -> tuple[bytes, int]:
    """The most rows allowed, or as many as the size a browser uploads allows."""
    count = int(APP_LIMITS.max_rows * scale) - 1
    most = min(APP_LIMITS.max_bytes, BROWSER_MAX_BYTES)
    while True:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(report_rows(plan, count))
        data = out.getvalue().encode("utf-8")
        if len(data) <= most:
            return data, count
        count = int(count * most / len(data)) - 10


def cases(plan: Plan, scale: float) -> list[Case]:
    xlsx, xlsx_rows = most_cells_xlsx(plan, scale)
    text, csv_rows = most_rows_csv(plan, scale)
    strings = report_xlsx(plan, SHORT_REPORT, unused_strings=int(APP_LIMITS.max_strings * scale))
    styles = files.with_member(
        report_xlsx(plan, SHORT_REPORT), "xl/styles.xml", files.many_styles(int(APP_LIMITS.max_elements * 0.96 * scale))
    )
    return [
        Case("review: shared strings", "review-strings.xlsx", files.shared_strings_xlsx(1_700_000), 0, "too_much_text"),
        Case("review: wide CSV", "review-wide.csv", files.wide_csv(560_000), 0, "too_many_columns"),
        Case("most cells (xlsx)", "most-cells.xlsx", xlsx, xlsx_rows),
        Case("most rows (CSV)", "most-rows.csv", text, csv_rows),
        Case("most shared strings (xlsx)", "most-strings.xlsx", strings, SHORT_REPORT),
        Case("most styles (xlsx)", "most-styles.xlsx", styles, SHORT_REPORT),
    ]  # fmt: skip


# --- one measurement, in a process of its own ------------------------------------------


def peak_memory_mb() -> float:
    """This process's peak resident size so far (VmHWM; ru_maxrss would carry the parent's
    peak across the exec that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def child(path: Path, url: str) -> None:
    """Read and preview one file as the import page does; print what it cost as JSON."""
    from tracker.service.imports import Outcome, preview_import
    from tracker.storage.ledger import Ledger

    plan = load_plan(PLAN_FILE)
    ledger = Ledger(url)
    ledger.revision()
    data = path.read_bytes()
    before = peak_memory_mb()
    began = time.perf_counter()
    outcome: dict[str, object]
    try:
        table = read_spreadsheet(path.name, data)
        preview = preview_import(plan, ledger, table)
        counts = preview.counts()
        outcome = {
            "rows": len(preview.rows),
            "new": counts[Outcome.new],
            "errors": counts[Outcome.error],
            "problems": [p.message("en") for p in preview.file_problems],
        }
    except UnreadableFileError as refused:
        outcome = {"refused": refused.code}
    seconds = time.perf_counter() - began
    peak = peak_memory_mb()
    ledger.dispose()
    print(json.dumps({"seconds": seconds, "before_mb": before, "peak_mb": peak, **outcome}))


def measure(case: Case, workdir: Path, url: str) -> None:
    path = workdir / case.file_name
    path.write_bytes(case.data)
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--url", url],
        capture_output=True, text=True, check=False, cwd=ROOT, timeout=600,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{case.name}: the measurement failed:\n{done.stderr}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if case.refused_for:
        if found.get("refused") != case.refused_for:
            raise RuntimeError(f"{case.name}: expected a refusal for {case.refused_for}, got {found}")
    elif found.get("refused") or found["rows"] != case.rows or found["new"] != case.rows or found["problems"]:
        raise RuntimeError(f"{case.name}: expected {case.rows:,} new rows, got {found}")
    case.seconds.append(found["seconds"])
    case.peak_mb.append(found["peak_mb"])
    case.grown_mb.append(found["peak_mb"] - found["before_mb"])


# --- the same files through the app, in Chromium -----------------------------------------

PASSWORD = "mật-khẩu-của-phép-đo-2017"


def server_memory_mb(pid: int, field_name: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field_name} for process {pid}")


def in_app(all_cases: list[Case], workdir: Path, repeats: int, overview: Overview) -> None:
    """Each file chosen in the import page of a real server, as an editor, until its preview
    (or its refusal) is drawn and the page is idle; the server's peak memory meanwhile
    (VmHWM, reset before each file through /proc/PID/clear_refs). Then the overview in a
    browser of its own, reloaded on a quiet server and while the costliest file is read."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, dashboard_process
    from tests.e2e.waiting import IDLE, after_run, settled
    from tracker.domain.access import Role
    from tracker.i18n import format_number
    from tracker.storage.accounts import Accounts
    from tracker.storage.database import Database

    folder = workdir / "app"
    folder.mkdir()
    url = f"sqlite:///{folder / 'tracker.db'}"
    database = Database(url)
    database.upgrade()
    Accounts(database).add_user("bench", "Người Đo", Role.editor, PASSWORD)
    database.dispose()
    with dashboard_process(folder, url) as (base, pid), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(180_000)
        page.goto(f"{base}/imports")
        settled(page)
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_role("textbox", name="Tên đăng nhập").fill("bench")
        sidebar.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
        sidebar.get_by_role("button", name="Đăng nhập").click()
        chooser = page.locator("input[type='file']")
        chooser.wait_for(state="attached")
        settled(page)

        def fresh_page() -> None:
            """The import page loaded again, still signed in (the cookie), the uploader empty."""
            page.goto(f"{base}/imports")
            chooser.wait_for(state="attached")
            settled(page)
        # The overview in a browser of its own: tabs of one browser may share a renderer, and
        # the preview's table would then hold the overview's drawing up, not the server.
        other = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS).new_page()
        other.set_default_timeout(180_000)

        def overview_seconds() -> float:
            began = time.perf_counter()
            other.goto(f"{base}/")
            settled(other)
            return time.perf_counter() - began

        overview_seconds()  # the first draw warms the caches
        overview.idle += [overview_seconds() for _ in range(repeats)]

        def drawn(case: Case) -> None:
            """Wait for the preview's count of new rows, or the refusal, then for the page."""
            if case.refused_for:
                page.get_by_text("Không đọc được tệp").wait_for()
            else:
                new = format_number(case.rows, "vi", 0)
                page.get_by_test_id("stMetric").filter(has_text="Mới").get_by_text(new, exact=True).wait_for()
            settled(page)

        for case in all_cases:
            print(f"{case.name}: in the app", flush=True)
            for run in range(repeats):
                path = workdir / f"{run}-{case.file_name}"  # the same name again is no new choice to the uploader
                path.write_bytes(case.data)
                Path(f"/proc/{pid}/clear_refs").write_text("5")  # the peak starts again from now
                before = server_memory_mb(pid, "VmRSS")
                began = time.perf_counter()
                after_run(page, lambda: chooser.set_input_files(str(path)))  # noqa: B023 (called at once)
                drawn(case)
                case.app_seconds.append(time.perf_counter() - began)
                case.app_grown_mb.append(server_memory_mb(pid, "VmHWM") - before)
                fresh_page()

        worst = max((c for c in all_cases if not c.refused_for), key=lambda c: statistics.median(c.app_seconds))
        for run in range(repeats):
            path = workdir / f"busy-{run}-{worst.file_name}"
            path.write_bytes(worst.data)
            chooser.set_input_files(str(path))
            page.wait_for_selector("[data-testid='stApp'][data-test-script-state='running']")
            overview.busy.append(overview_seconds())
            overview.overlapped.append(page.locator(IDLE).count() == 0)
            drawn(worst)
            fresh_page()
        browser.close()


# --- the report -----------------------------------------------------------------------


def section(
    all_cases: list[Case], overview: Overview | None, repeats: int, scale: float, elapsed: float, load: str
) -> str:
    at = code_measured()
    lines = [
        HEADING,
        "",
        f"Written by `python bench/costly_files.py` (see its docstring) on "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC at commit {at}: `--repeats {repeats} "
        f"--scale {scale:g}{' --app' if overview else ''}`, {elapsed:.0f} s in all; load average at start {load}. "
        f"The app's bounds: {APP_LIMITS.max_bytes // 2**20} MB, {APP_LIMITS.max_rows:,} rows, "
        f"{APP_LIMITS.max_cells:,} cells, {APP_LIMITS.max_columns} columns, {APP_LIMITS.max_strings:,} shared "
        f"strings, {APP_LIMITS.max_elements:,} other elements, {APP_LIMITS.max_text_bytes // 2**20} MB of XML text.",
        "",
        "Each file read and previewed (`read_spreadsheet` with the app's bounds + `preview_import` on an empty "
        "SQLite ledger) in a process of its own; time: median of the runs; memory: the process's peak resident "
        "size (`VmHWM`), and how much it grew during the read and preview (largest of the runs). Every run "
        "checked that the file was read with all the rows it was built with, each a new figure, or refused for "
        "the reason expected."
        + (
            " *In the app*: the same file chosen on the import page of a real server (`streamlit run`, SQLite), "
            "signed in as an editor, in headless Chromium: from choosing it to the preview's count of new rows (or "
            "the refusal) drawn and the page idle, the table of every row included; how far the server's peak "
            "resident size (`VmHWM`, reset before each file) rose above its size before (`VmRSS`; the sessions of "
            "earlier files are kept two minutes after their page is left, `server.disconnectedSessionTTL`)."
            if overview
            else ""
        ),
        "",
        "| file | size | outcome | read + preview | peak memory | grown by |"
        + (" in the app | server grew by |" if overview else ""),
        "|---|---:|---|---:|---:|---:|" + ("---:|---:|" if overview else ""),
    ]
    for case in all_cases:
        outcome = f"refused: {case.refused_for}" if case.refused_for else f"{case.rows:,} rows read, all new"
        app = (
            f" {statistics.median(case.app_seconds):.2f} s | {max(case.app_grown_mb):.0f} MB |" if overview else ""
        )
        lines.append(
            f"| {case.name} | {len(case.data) / 2**20:.1f} MB | {outcome} | {statistics.median(case.seconds):.2f} s "
            f"| {max(case.peak_mb):.0f} MB | {max(case.grown_mb):.0f} MB |{app}"
        )
    worst = max((c for c in all_cases if not c.refused_for), key=lambda c: statistics.median(c.seconds))
    lines += [
        "",
        "The second review's files, before these bounds: the shared strings took 27,7 s and raised the server "
        "from 222 to 549 MB; the wide CSV crashed the browser tab after 68 s and raised the server from 692 to "
        "1.153 MB. Now both are refused before they are parsed, with a message saying why.",
        "",
        f"The worst file the app accepts here is *{worst.name}*: {statistics.median(worst.seconds):.2f} s and "
        f"{max(worst.grown_mb):.0f} MB more memory while it is read and previewed. A server reads one file at a "
        "time (tracker/ui/import_parts.py, `READERS_AT_ONCE`): a second upload waits for the first, with a "
        "notice, instead of sharing the processor with it, so two such files cost twice the time, one after "
        "the other, not twice the memory at once.",
        "",
    ]
    if overview:
        overlapped = sum(overview.overlapped)
        lines += [
            f"The overview in a browser of its own, reloaded until drawn: "
            f"{statistics.median(overview.idle):.2f} s on a quiet server, {statistics.median(overview.busy):.2f} s "
            f"while *{worst.name}* was being read (medians; in {overlapped} of {len(overview.overlapped)} runs the "
            "file was still being read when the overview was drawn). The reading holds Python's lock, which the "
            "server's other threads get in turns: of 0,5 ms since dashboard.py sets it so (at Python's default 5 ms "
            "the same overview took 6,7 s in the first run of this benchmark, since each of its many short steps "
            "waited a whole turn).",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink every file (0.02 for a smoke run)")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--app", action="store_true", help="also through a real server, in Chromium")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child, args.url)
        return 0
    load = load_average()
    began = time.perf_counter()
    plan = load_plan(PLAN_FILE)
    with tempfile.TemporaryDirectory(prefix="bench-files-") as folder:
        workdir = Path(folder)
        url = f"sqlite:///{workdir / 'tracker.db'}"
        from tracker.storage.database import Database

        Database(url).upgrade()  # the schema, as `db upgrade` makes it: not timed
        built = cases(plan, args.scale)
        for case in built:
            for _ in range(args.repeats):
                measure(case, workdir, url)
            print(f"{case.name}: {statistics.median(case.seconds):.2f} s, peak {max(case.peak_mb):.0f} MB", flush=True)
        overview = Overview() if args.app else None
        if overview is not None:
            in_app(built, workdir, args.repeats, overview)
            for case in built:
                print(f"{case.name}, in the app: {statistics.median(case.app_seconds):.2f} s", flush=True)
    elapsed = time.perf_counter() - began
    replace_section(args.out, HEADING, section(built, overview, args.repeats, args.scale, elapsed, load))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
