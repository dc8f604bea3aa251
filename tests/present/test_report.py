"""The meeting report: one self-contained HTML file, from the package, the command line and the overview page.

The report is read back as text here: what the committee must find in it (every target,
its figures written the Vietnamese or the English way, every task, the as-of date, the
status counts), that nothing typed by people becomes markup, and that nothing in it
reaches for the network. tests/e2e/test_report_browser.py opens it in Chromium.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import plotly.io as pio
import pytest
from plotly.offline import get_plotlyjs

from tests.conftest import at_server
from tests.helpers import PROJECT_ROOT, open_dashboard, run_tracker
from tracker.domain.plan import Plan, Text
from tracker.domain.progress import SEVERITY
from tracker.i18n import Lang, format_number, t
from tracker.present.report import report_bytes, report_filename, report_html
from tracker.service import build_overview, record_entry
from tracker.storage.ledger import Ledger
from tracker.storage.tasks import TaskBoard

TARGETS_FILE = PROJECT_ROOT / "targets.yaml"
AS_OF = dt.date(2017, 6, 30)
GENERATED = dt.datetime(2017, 7, 1, 1, 30, tzinfo=dt.UTC)  # 08:30 in Hanoi
HOSTILE_VILLAGE = "<script>alert('village')</script>"
HOSTILE_NOTE = "<script>alert('note')</script>\nxong bước 1 & 2"
HOSTILE_AUTHOR = "Trần <b>Lan</b>"

# (target, quantity, date, district): a plausible mid-year ledger
ENTRIES = [
    ("workers-trained", "4200", "2017-03-31", "Chương Mỹ"),
    ("workers-trained", "3800", "2017-04-28", "Thường Tín"),
    ("workers-trained", "5100", "2017-06-15", "Phú Xuyên"),
    ("workers-trained", "700", "2017-06-16", None),
    ("managers-trained", "60", "2017-05-20", None),
    ("village-brands", "4", "2017-06-01", "Gia Lâm"),
    ("collective-trademarks", "5", "2017-05-10", None),
    ("fair-participants", "95", "2017-04-12", "Thạch Thất"),
    ("machinery-projects", "1", "2017-06-20", "Hoài Đức"),
    ("craft-village-exports", "180,5", "2017-06-30", None),
    ("workers-trained", "9999", "2017-07-15", "Ba Vì"),  # after the as-of date: not counted
]


def seed(plan: Plan, ledger: Ledger) -> None:
    """The entries above, each with a village that looks like markup, and two tasks
    that staff updated, one with a note that looks like markup."""
    for target_id, quantity, day, district in ENTRIES:
        record_entry(
            plan,
            ledger,
            at_server("Sở Công Thương"),
            target_id=target_id,
            quantity=quantity,
            ref_date=day,
            district=district,
            village=HOSTILE_VILLAGE,
        )
    board = TaskBoard(ledger.database)
    board.set_status(plan, "recognise-village-titles", "in_progress", 0, HOSTILE_AUTHOR)
    board.add_note(plan, "recognise-village-titles", "2017-06-12", HOSTILE_NOTE, HOSTILE_AUTHOR)
    board.add_note(plan, "recognise-village-titles", "2017-06-20", "Đã trình hồ sơ 3 làng", "Nguyễn An")
    board.add_note(plan, "recognise-village-titles", "2017-08-01", "ghi chú sau ngày báo cáo", "Nguyễn An")
    board.set_status(plan, "regional-linkage", "blocked", 0, "Nguyễn An")


@pytest.fixture
def seeded(plan: Plan, ledger: Ledger) -> Ledger:
    seed(plan, ledger)
    return ledger


def _text(fragment: str) -> str:
    """How a piece of text appears in the report's HTML."""
    return html.escape(fragment)


# --- contents ----------------------------------------------------------------------------


def test_the_vietnamese_report_says_what_the_committee_asks(plan: Plan, seeded: Ledger) -> None:
    page = report_html(plan, seeded, AS_OF, "vi", generated_at=GENERATED)

    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert _text(plan.title.vi) in page
    assert "Số liệu tính đến hết ngày 30/06/2017" in page
    assert "Lập lúc 01/07/2017 08:30 (giờ Hà Nội)" in page
    for target in plan.targets:
        assert _text(target.title.vi) in page
        assert _text(target.source_text) in page  # the plan's own sentence, verbatim
    # achieved and goals the Vietnamese way; the July entry is after the as-of date
    assert "13.800 lao động" in page
    assert "khoảng 30.000 lao động" in page
    assert "10–15 làng nghề" in page
    assert "480 cơ sở, DN" in page
    assert "22.799" not in page and "23.799" not in page
    assert "180,5" in page  # the context figure, with a decimal comma
    # the expected figure and the projection in words
    assert "Cần đạt đến 30/06/2017" in page
    assert "vào 31/12/2017" in page
    # districts: those that reported, the largest first, then the city-wide figure
    workers = page[page.index(_text(plan.target("workers-trained").title.vi)) :]
    workers = workers[: workers.index("</section>")]
    assert "3 / 30 quận, huyện, thị xã có báo cáo" in workers
    assert workers.index("Phú Xuyên") < workers.index("Chương Mỹ") < workers.index("Thường Tín")
    assert "Ba Vì" not in workers
    assert "5.100" in workers and "37%" in workers
    for task in plan.tasks:
        assert _text(task.title.vi) in page
        assert _text(task.owner.vi) in page


@pytest.mark.parametrize(
    ("lang", "needed"),
    [
        ("vi", "Để đạt mục tiêu còn cần 9 dự án trong 184 ngày còn lại (khoảng 1,5 mỗi tháng)."),
        ("en", "To meet the goal, 9 more projects are needed in the 184 days left (about 1.5 a month)."),
    ],
)
def test_the_pace_still_needed_is_not_rounded_down(plan: Plan, seeded: Ledger, lang: Lang, needed: str) -> None:
    """Issue 18: 9 projects in 184 days (1,49 a month) was said «khoảng 1 mỗi tháng»."""
    page = report_html(plan, seeded, AS_OF, lang, generated_at=GENERATED)
    machinery = page[page.index("id='target-machinery-projects'") :]
    machinery = machinery[: machinery.index("</section>")]
    assert _text(needed) in machinery


def test_status_counts_are_listed_worst_first(plan: Plan, seeded: Ledger) -> None:
    page = report_html(plan, seeded, AS_OF, "vi", generated_at=GENERATED)
    counts = build_overview(plan, seeded, AS_OF).status_counts()
    summary = page[page.index("<section class='summary'>") :]
    summary = summary[: summary.index("</section>")]
    listed = re.findall(r"<span class='count'[^>]*>(\d+)</span><span class='status'[^>]*>([^<]+)</span>", summary)
    expected = [(str(counts[s]), t(f"status.{s.value}", "vi")) for s in SEVERITY if counts[s]]
    assert listed == expected
    assert sum(int(n) for n, _ in listed) == len(plan.targets)
    assert f"Tổng số: {len(plan.targets)} chỉ tiêu" in summary


def test_targets_come_worst_first_each_with_a_pace_chart(plan: Plan, seeded: Ledger) -> None:
    page = report_html(plan, seeded, AS_OF, "vi", generated_at=GENERATED)
    ordered = [target.id for target, _ in build_overview(plan, seeded, AS_OF).worst_first()]
    assert re.findall(r"<section class='target' id='target-([a-z0-9-]+)'", page) == ordered
    charts = len(plan.targets) + 1  # the overview, then one pace chart per target
    assert page.count("Plotly.newPlot(") == charts
    assert f'data-charts="{charts}"' in page


def test_tasks_show_status_who_and_the_latest_notes_up_to_the_as_of_date(plan: Plan, seeded: Ledger) -> None:
    page = report_html(plan, seeded, AS_OF, "vi", generated_at=GENERATED)
    tasks = page[page.index("<section class='tasks'>") :]
    assert "Đang thực hiện" in tasks and "Vướng mắc" in tasks and "Chưa bắt đầu" in tasks
    assert "Đã trình hồ sơ 3 làng" in tasks
    assert tasks.index("Đã trình hồ sơ 3 làng") < tasks.index(_text("xong bước 1 & 2"))  # newest first
    assert "20/06/2017" in tasks
    assert "ghi chú sau ngày báo cáo" not in tasks  # dated after the as-of date
    assert "chưa có ghi chú" in tasks
    # statuses are today's, not dated like the figures: the report says so
    assert "Tình trạng nhiệm vụ là tình trạng lúc lập báo cáo; ghi chú tính đến hết ngày 30/06/2017." in tasks


def test_the_english_report_is_english(plan: Plan, seeded: Ledger) -> None:
    page = report_html(plan, seeded, AS_OF, "en", generated_at=GENERATED)

    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Figures up to and including 30/06/2017" in page
    assert "Generated 01/07/2017 08:30 (Hanoi time)" in page
    for target in plan.targets:
        assert _text(target.title.en) in page
    assert "13,800 workers" in page
    assert "about 30,000 workers" in page
    assert "180.5" in page
    for task in plan.tasks:
        assert _text(task.title.en) in page
    # no Vietnamese from the interface; the plan's sentences stay in the plan's language
    for key in ("report.as_of", "report.field.goal", "overview.tasks.title", "status.off_track", "col.owner"):
        assert t(key, "vi", as_of="30/06/2017") not in page, key


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_nothing_typed_by_people_becomes_markup(plan: Plan, seeded: Ledger, lang: Lang) -> None:
    page = report_html(plan, seeded, AS_OF, lang, generated_at=GENERATED)
    assert "<script>alert" not in page
    assert "<b>Lan</b>" not in page
    assert _text(HOSTILE_AUTHOR) in page
    assert _text("<script>alert('note')</script>") in page
    assert "<br>" + _text("xong bước 1 & 2") in page  # the note's own line break, kept


def test_a_plan_text_that_looks_like_markup_stays_text(plan: Plan, seeded: Ledger) -> None:
    """The plan file is written by people too: titles go into the page and into the charts."""
    first, *others = plan.targets
    title = Text(vi='<img src=x onerror="alert(1)"> Đào tạo', en="</style></script><b>Training</b>")
    hostile = plan.model_copy(update={"targets": (first.model_copy(update={"title": title}), *others), "title": title})
    for lang in ("vi", "en"):
        page = report_html(hostile, seeded, AS_OF, lang, generated_at=GENERATED)
        assert "<img src=x" not in page
        assert "</style></script><b>" not in page
        assert page.count("</style>") == 1 and page.count("<b>") == 0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_report_needs_no_network(plan: Plan, seeded: Ledger, lang: Lang) -> None:
    page = report_html(plan, seeded, AS_OF, lang, generated_at=GENERATED)
    bundle = get_plotlyjs()
    assert page.count(bundle[:2000]) == 1  # plotly.js inlined once
    # the bundle names web addresses in code the report never runs (map tiles, the modebar's
    # logo); the browser test proves nothing is fetched. The rest of the page names none.
    ours = page.replace(bundle, "")
    assert "<link" not in ours
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", ours, re.IGNORECASE)
    assert "http://" not in ours and "https://" not in ours
    assert set(re.findall(r"<script\b[^>]*>", ours)) == {"<script>"}  # none has a src
    style = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "@page" in style and "size: A4" in style and "break-inside: avoid" in style


def test_charts_keep_their_colours_when_built_inside_the_app(plan: Plan, seeded: Ledger) -> None:
    """Importing streamlit makes its plotly theme the default; its colours are placeholders
    ("#000001") that only streamlit's own page replaces, so the report must not use it."""
    import streamlit  # noqa: F401  (the import is what sets the default)

    assert pio.templates.default == "streamlit"
    page = report_html(plan, seeded, AS_OF, "vi", generated_at=GENERATED)
    assert not re.search(r'"#0000[0-9]{2}"', page.replace(get_plotlyjs(), ""))


def test_an_empty_ledger_still_makes_a_report(plan: Plan, ledger: Ledger) -> None:
    page = report_html(plan, ledger, AS_OF, "vi", generated_at=GENERATED)
    assert "Chưa quận, huyện, thị xã nào báo cáo." in page
    assert page.count("Plotly.newPlot(") == len(plan.targets) + 1
    assert "chưa ghi" in page  # the context figure has no recorded value


def test_at_most_ten_districts_are_listed(plan: Plan, ledger: Ledger) -> None:
    districts = ["Ba Vì", "Chương Mỹ", "Đan Phượng", "Đông Anh", "Gia Lâm", "Hoài Đức", "Mê Linh", "Mỹ Đức"]
    districts += ["Phú Xuyên", "Phúc Thọ", "Quốc Oai", "Sóc Sơn"]
    for rank, district in enumerate(districts):
        record_entry(
            plan,
            ledger,
            at_server("a"),
            target_id="fair-participants",
            quantity=100 + rank,
            ref_date="2017-05-02",
            district=district,
        )
    page = report_html(plan, ledger, AS_OF, "en", generated_at=GENERATED)
    section = page[page.index("id='target-fair-participants'") :]
    section = section[: section.index("</section>")]
    assert "12 of 30 districts reported" in section
    assert "and 2 more districts reported" in section
    assert "Sóc Sơn" in section and "Ba Vì" not in section and "Chương Mỹ" not in section  # the two smallest left out


def test_bytes_and_file_name(plan: Plan, seeded: Ledger) -> None:
    data = report_bytes(plan, seeded, AS_OF, "en", generated_at=GENERATED)
    assert data.decode("utf-8") == report_html(plan, seeded, AS_OF, "en", generated_at=GENERATED)
    assert report_filename(plan, AS_OF, "en") == "hanoi-craft-villages-2017-report-2017-06-30-en.html"
    assert report_filename(plan, AS_OF, "vi").endswith("-2017-06-30-vi.html")


# --- python -m tracker report ------------------------------------------------------------


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan) -> str:
    """The real plan and a seeded SQLite ledger of the test's own."""
    monkeypatch.setenv("TRACKER_TARGETS", str(TARGETS_FILE))
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    store = Ledger(sqlite_url)
    seed(plan, store)
    store.dispose()
    return sqlite_url


def test_report_command_writes_the_file_and_says_where(
    capsys: pytest.CaptureFixture[str], cli_env: str, tmp_path: Path
) -> None:
    path = tmp_path / "out" / "báo cáo họp.html"
    path.parent.mkdir()
    code, out, err = run_tracker(capsys, "--lang", "en", "report", "--as-of", "2017-06-30", "--out", str(path))
    assert (code, err) == (0, "")
    size = path.stat().st_size
    assert out == f"Wrote the meeting report ({format_number(size / 1_000_000, 'en', 1)} MB) to {path}\n"
    page = path.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "13,800 workers" in page
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind

    code, out, err = run_tracker(capsys, "report", "--as-of", "30/06/2017", "--out", str(path))
    assert (code, err) == (0, "")
    assert out.startswith("Đã lập báo cáo họp (") and out.endswith(f" MB) tại {path}\n")
    assert "13.800 lao động" in path.read_text(encoding="utf-8")


def test_report_command_defaults_to_the_periods_end_once_passed(
    capsys: pytest.CaptureFixture[str], cli_env: str, tmp_path: Path
) -> None:
    path = tmp_path / "r.html"
    code, _, err = run_tracker(capsys, "report", "--out", str(path))
    assert (code, err) == (0, "")
    page = path.read_text(encoding="utf-8")
    assert "Số liệu tính đến hết ngày 31/12/2017" in page
    assert "23.799 lao động" in page  # the July entry counts by the year's end


@pytest.mark.parametrize(
    ("as_of", "lang", "message"),
    [
        ("31/02/2017", "vi", "  --as-of '31/02/2017' không phải là ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)"),
        ("hôm qua", "en", "  --as-of 'hôm qua' is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"),
        ("2018-01-05", "vi", "  --as-of 05/01/2018 nằm ngoài thời kỳ của kế hoạch (01/01/2017–31/12/2017)"),
        ("31/12/2016", "en", "  --as-of 31/12/2016 lies outside the plan period (01/01/2017–31/12/2017)"),
    ],
)
def test_a_bad_as_of_date_is_explained_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], cli_env: str, tmp_path: Path, as_of: str, lang: str, message: str
) -> None:
    path = tmp_path / "r.html"
    code, out, err = run_tracker(capsys, "--lang", lang, "report", "--as-of", as_of, "--out", str(path))
    assert (code, out) == (1, "")
    heading = t("report.cli.not_written", "vi" if lang == "vi" else "en")
    assert err.splitlines() == [heading, message]
    assert not path.exists()


def test_an_unreachable_database_exits_2(
    capsys: pytest.CaptureFixture[str], cli_env: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("")
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{a_file / 'tracker.db'}")
    path = tmp_path / "r.html"
    code, out, err = run_tracker(capsys, "report", "--out", str(path))
    assert (code, out) == (2, "")
    assert err.startswith("TRACKER_DATABASE_URL: thư mục") and len(err.splitlines()) == 1
    assert not path.exists()


def test_a_report_that_cannot_be_written_says_so_and_keeps_the_old_file(
    capsys: pytest.CaptureFixture[str], cli_env: str, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder" / "r.html"
    code, out, err = run_tracker(capsys, "--lang", "en", "report", "--out", str(missing))
    assert (code, out) == (1, "")
    assert err == f"No report was written:\n  Cannot write {missing}: No such file or directory\n"

    existing = tmp_path / "old.html"
    existing.write_text("bản cũ", encoding="utf-8")
    code, _, _ = run_tracker(capsys, "report", "--as-of", "2019-01-01", "--out", str(existing))
    assert code == 1
    assert existing.read_text(encoding="utf-8") == "bản cũ"


def test_python_m_tracker_report(cli_env: str, tmp_path: Path) -> None:
    """The real command, as the brief's example runs it, with no traceback on a mistake."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env |= {
        "TRACKER_TARGETS": str(TARGETS_FILE),
        "TRACKER_DATABASE_URL": cli_env,
        "PYTHONPATH": str(PROJECT_ROOT),
        "PYTHONIOENCODING": "utf-8",
    }

    def tracker(*argv: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "tracker", *argv]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)

    written = tracker("--lang", "en", "report", "--as-of", "2017-06-30", "--out", "report.html")
    assert (written.returncode, written.stderr) == (0, "")
    assert re.fullmatch(r"Wrote the meeting report \(\d+\.\d MB\) to report\.html\n", written.stdout)
    assert "13,800 workers" in (tmp_path / "report.html").read_text(encoding="utf-8")

    refused = tracker("report", "--as-of", "2017-13-01", "--out", "x.html")
    assert (refused.returncode, refused.stdout) == (1, "")
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "x.html").exists()


# --- the overview page -------------------------------------------------------------------


def test_the_overview_page_offers_the_meeting_report(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    store = Ledger(sqlite_url)
    seed(plan, store)
    store.dispose()
    app = open_dashboard(monkeypatch, sqlite_url)
    assert not app.exception
    labels = [button.proto.label for button in app.get("download_button")]
    assert "Tải báo cáo họp (HTML)" in labels

    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    labels = [button.proto.label for button in app.get("download_button")]
    assert "Download meeting report (HTML)" in labels
