"""python -m tracker with the file of two plans (2017, the default, and 2018): `plans`,
`--plan` on summary/record/export/report, `compare` year on year, and `check`.

``main(argv)`` runs in-process (tests.helpers.run_tracker), on the real targets.yaml and a
fresh SQLite ledger of the test's own, as in tests/test_cli.py.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.helpers import PROJECT_ROOT, run_tracker
from tracker.domain.plan import read_plans
from tracker.service.years import MonthDay, compare_years, comparison_as_json
from tracker.storage.ledger import Ledger

TARGETS_FILE = PROJECT_ROOT / "targets.yaml"
P17 = "hanoi-craft-villages-2017"
P18 = "hanoi-craft-villages-2018"
TITLE_17_VI = "Kế hoạch hoạt động của Ban Chỉ đạo phát triển nghề và làng nghề thành phố Hà Nội năm 2017"
TITLE_18_VI = "Kế hoạch phát triển nghề và làng nghề thành phố Hà Nội năm 2018"
TARGETS_2017 = [
    "workers-trained",
    "managers-trained",
    "village-brands",
    "collective-trademarks",
    "fair-participants",
    "machinery-projects",
]
TARGETS_2018 = [
    "workers-trained",
    "village-brands",
    "machinery-facilities",
    "export-design-consultants",
    "skill-transfer-facilities",
    "rural-workers-taught",
    "managers-trained",
    "trained-workers-employed",
]
KNOWN_PLANS = f"2017 ({P17}), 2018 ({P18})"
UNKNOWN_2019 = {
    "vi": f"Không có kế hoạch '2019'. Các kế hoạch: {KNOWN_PLANS}\n",
    "en": f"There is no plan '2019'. The plans: {KNOWN_PLANS}\n",
}


@pytest.fixture(autouse=True)
def environment(command_line: str) -> str:
    """Every test uses the real plan file and a fresh SQLite ledger, never data/tracker.db."""
    return command_line


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder of its own for written files (the test's ledger lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def record(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_tracker(capsys, "record", *argv, "--by", "Nguyễn Thị Hoa")


def recorded(capsys: pytest.CaptureFixture[str], *argv: str) -> None:
    code, out, err = record(capsys, *argv)
    assert (code, err) == (0, ""), err
    assert out.startswith("Đã ghi bản ghi #")


def summary(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = run_tracker(capsys, "summary", "--json", *argv)
    assert (code, err) == (0, "")
    data: dict[str, Any] = json.loads(out)
    return data


def achieved(overview: dict[str, Any]) -> dict[str, float]:
    return {row["id"]: row["achieved"] for row in overview["targets"]}


def entries_in(url: str, plan_id: str) -> int:
    ledger = Ledger(url, plan_id)
    try:
        return ledger.count_entries()
    finally:
        ledger.dispose()


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def seed_both_years(capsys: pytest.CaptureFixture[str]) -> None:
    """A few entries in each plan, through the command: 2017 (the default plan) and 2018."""
    recorded(capsys, "workers-trained", "4321", "--date", "2017-03-15", "--district", "Chương Mỹ")
    recorded(capsys, "workers-trained", "6000", "--date", "2017-09-01")
    recorded(capsys, "machinery-projects", "2", "--date", "2017-04-01")
    recorded(capsys, "managers-trained", "30", "--date", "2017-06-30")
    recorded(capsys, "--plan", "2018", "workers-trained", "7000", "--date", "2018-03-01", "--district", "Ba Vì")
    recorded(capsys, "--plan", "2018", "workers-trained", "900", "--date", "2018-08-08")
    recorded(capsys, "--plan", "2018", "machinery-facilities", "5", "--date", "2018-06-01", "--district", "Ba Vì")
    recorded(capsys, "--plan", P18, "managers-trained", "700", "--date", "2018-06-30")


# --- plans and check --------------------------------------------------------------------


def test_plans_lists_both_plans_with_their_periods_and_targets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_tracker(capsys, "plans")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"2017 ({P17}) [mặc định]: {TITLE_17_VI}",
        "  Thời kỳ kế hoạch: 01/01/2017 – 31/12/2017 · 6 chỉ tiêu, 1 số liệu bối cảnh, 9 nhiệm vụ",
        f"2018 ({P18}): {TITLE_18_VI}",
        "  Thời kỳ kế hoạch: 01/01/2018 – 31/12/2018 · 8 chỉ tiêu, 1 số liệu bối cảnh, 6 nhiệm vụ",
    ]
    code, out, _ = run_tracker(capsys, "--lang", "en", "plans")
    assert code == 0
    assert out.splitlines()[0].startswith(f"2017 ({P17}) [default]: 2017 action plan of Hanoi's Steering Committee")
    assert out.splitlines()[3] == "  Plan period: 01/01/2018 – 31/12/2018 · 8 targets, 1 context figures, 6 tasks"


def test_plans_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_tracker(capsys, "plans", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "plans": [
            {
                "id": P17,
                "key": "2017",
                "title": TITLE_17_VI,
                "start": "2017-01-01",
                "end": "2017-12-31",
                "targets": 6,
                "default": True,
            },
            {
                "id": P18,
                "key": "2018",
                "title": TITLE_18_VI,
                "start": "2018-01-01",
                "end": "2018-12-31",
                "targets": 8,
                "default": False,
            },
        ]
    }


def test_check_prints_a_line_for_the_file_and_one_per_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_tracker(capsys, "check", str(TARGETS_FILE))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{TARGETS_FILE}: hợp lệ — 2 kế hoạch, 4 chuỗi chỉ tiêu nối qua các năm",
        f"  2017 ({P17}) [mặc định]: 6 chỉ tiêu, 1 số liệu bối cảnh, 9 nhiệm vụ",
        f"  2018 ({P18}): 8 chỉ tiêu, 1 số liệu bối cảnh, 6 nhiệm vụ",
    ]
    code, out, _ = run_tracker(capsys, "--lang", "en", "check")  # TRACKER_TARGETS
    assert code == 0
    assert out.splitlines() == [
        f"{TARGETS_FILE}: valid — 2 plans, 4 chains of targets linked across the years",
        f"  2017 ({P17}) [default]: 6 targets, 1 context figures, 9 tasks",
        f"  2018 ({P18}): 8 targets, 1 context figures, 6 tasks",
    ]


# --- record and summary with --plan -----------------------------------------------------


def test_an_entry_recorded_in_2018_shows_in_the_2018_summary_only(
    capsys: pytest.CaptureFixture[str], environment: str
) -> None:
    code, out, err = record(capsys, "--plan", "2018", "workers-trained", "700", "--date", "2018-03-01")
    assert (code, err) == (0, "")
    assert out == "Đã ghi bản ghi #1: 700 cho «Đào tạo nghề cho lao động nông thôn» ngày 01/03/2018\n"
    recorded(capsys, "workers-trained", "450", "--date", "2017-03-15")  # the default plan: 2017

    of_2018 = summary(capsys, "--plan", "2018")
    assert (of_2018["plan"], of_2018["as_of"]) == (P18, "2018-12-31")
    assert [row["id"] for row in of_2018["targets"]] == TARGETS_2018
    assert achieved(of_2018)["workers-trained"] == 700
    assert summary(capsys, "--plan", P18) == of_2018  # by its id as by its year

    of_2017 = summary(capsys, "--as-of", "2017-12-31")
    assert (of_2017["plan"], of_2017["as_of"]) == (P17, "2017-12-31")
    assert [row["id"] for row in of_2017["targets"]] == TARGETS_2017
    assert achieved(of_2017)["workers-trained"] == 450
    assert summary(capsys, "--plan", "2017", "--as-of", "2017-12-31") == of_2017
    assert summary(capsys, "--plan", "2018", "--as-of", "2018-02-28")["targets"][0]["achieved"] == 0

    code, out, _ = run_tracker(capsys, "summary", "--plan", "2018")
    assert code == 0
    assert out.splitlines()[0] == "Tiến độ đến ngày 31/12/2018 · số bản ghi trong sổ: 1"
    assert "- Đào tạo nghề cho lao động nông thôn: 700 / khoảng 24.000 lao động" in out
    assert (entries_in(environment, P17), entries_in(environment, P18)) == (1, 1)


def test_record_checks_the_entry_against_the_plan_named(capsys: pytest.CaptureFixture[str], environment: str) -> None:
    code, out, err = record(capsys, "--plan", "2018", "workers-trained", "10", "--date", "2017-03-01")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Chưa ghi gì vào sổ:",
        "  Ngày: ngày 01/03/2017 nằm ngoài thời kỳ của kế hoạch (01/01/2018–31/12/2018)",
    ]
    # a target of 2018 alone is not one of the default plan's
    code, out, err = record(capsys, "export-design-consultants", "3", "--date", "2017-05-01")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Chưa ghi gì vào sổ:",
        "  Chỉ tiêu: không có chỉ tiêu 'export-design-consultants' trong kế hoạch",
    ]
    assert (entries_in(environment, P17), entries_in(environment, P18)) == (0, 0)
    recorded(capsys, "--plan", "2018", "export-design-consultants", "3", "--date", "2018-05-01")
    assert (entries_in(environment, P17), entries_in(environment, P18)) == (0, 1)


UNKNOWN_PLAN_COMMANDS = {
    "summary": ["summary", "--plan", "2019"],
    "summary-json": ["summary", "--json", "--plan", "2019"],
    "record": ["record", "--plan", "2019", "workers-trained", "5", "--date", "2019-03-01", "--by", "Hoa"],
    "export": ["export", "--plan", "2019", "--format", "csv", "--out", "{out}/entries.csv"],
    "report": ["report", "--plan", "2019", "--out", "{out}/report.html"],
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", UNKNOWN_PLAN_COMMANDS)
def test_an_unknown_plan_is_refused_naming_the_plans_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], environment: str, out_dir: Path, command: str, lang: str
) -> None:
    recorded(capsys, "workers-trained", "450", "--date", "2017-03-15")
    argv = [arg.replace("{out}", str(out_dir)) for arg in UNKNOWN_PLAN_COMMANDS[command]]
    assert run_tracker(capsys, "--lang", lang, *argv) == (1, "", UNKNOWN_2019[lang])
    assert (entries_in(environment, P17), entries_in(environment, P18)) == (1, 0)
    assert list(out_dir.iterdir()) == []


# --- compare ----------------------------------------------------------------------------


def test_compare_json_gives_the_services_figures(capsys: pytest.CaptureFixture[str], environment: str) -> None:
    seed_both_years(capsys)
    code, out, err = run_tracker(capsys, "compare", "--json", "--as-of-day", "06-30")
    assert (code, err) == (0, "")
    shown = json.loads(out)

    ledger = Ledger(environment)
    try:
        expected = comparison_as_json(*compare_years(read_plans(TARGETS_FILE), ledger, MonthDay(6, 30)), "vi")
    finally:
        ledger.dispose()
    assert shown == expected

    # and the figures, by hand: both years are over, so each year's is its final one
    by_chain = {series["id"]: series["years"] for series in shown["series"]}
    assert shown["as_of_day"] == "06-30"
    workers = by_chain[f"{P17}/workers-trained"]
    assert [(y["plan"], y["achieved_at_day"], y["achieved"], y["status"]) for y in workers] == [
        (P17, 4321, 10321, "missed"),
        (P18, 7000, 7900, "missed"),
    ]
    machinery = by_chain[f"{P17}/machinery-projects"]
    assert [(y["target"], y["achieved_at_day"], y["measure_changed"]) for y in machinery] == [
        ("machinery-projects", 2, False),
        ("machinery-facilities", 5, True),
    ]
    assert machinery[1]["change_note"] == "Năm 2017 đếm số dự án; năm 2018 đếm số cơ sở sản xuất có dự án"
    managers = by_chain[f"{P17}/managers-trained"]
    assert [(y["achieved_at_day"], y["achieved"]) for y in managers] == [(30, 30), (700, 700)]


def test_compare_text_says_each_year_and_the_change_of_measure(capsys: pytest.CaptureFixture[str]) -> None:
    seed_both_years(capsys)
    code, out, err = run_tracker(capsys, "--lang", "en", "compare", "--as-of-day", "06-30")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Year on year, at 30/06 of each year"
    machinery = lines.index("- Production facilities with investment projects applying advanced modern machinery")
    assert lines[machinery + 1].startswith(
        "    2017: goal 10 projects; by the compared day 2 (Off track); whole period 2 ("
    )
    assert lines[machinery + 2].startswith(
        "    2018: goal 14 facilities; by the compared day 5 (Needs acceleration); whole period 5 ("
    )
    assert lines[machinery + 3] == (
        "      Measure changed: 2017 counted projects; 2018 counts the production facilities that have one"
    )


@pytest.mark.parametrize("day", ["13-45", "02-30", "6-30", "30/06", "hôm nay"])
def test_compare_refuses_a_day_that_is_not_mm_dd(capsys: pytest.CaptureFixture[str], day: str) -> None:
    assert run_tracker(capsys, "compare", "--as-of-day", day) == (
        1,
        "",
        f"Ngày trong năm '{day}' không hợp lệ; hãy viết MM-DD, ví dụ 06-30\n",
    )
    assert run_tracker(capsys, "--lang", "en", "compare", "--json", "--as-of-day", day) == (
        1,
        "",
        f"The day of the year '{day}' is not valid; write it as MM-DD, e.g. 06-30\n",
    )


# --- export and report with --plan ----------------------------------------------------


def test_export_csv_of_2018_holds_only_2018_entries(capsys: pytest.CaptureFixture[str], out_dir: Path) -> None:
    seed_both_years(capsys)
    path = out_dir / "entries.csv"
    code, out, err = run_tracker(capsys, "export", "--plan", "2018", "--format", "csv", "--out", str(path))
    assert (code, err) == (0, "")
    assert out == f"Đã xuất 4 dòng (Bản ghi) vào {path}\n"
    header, *rows = read_csv(path)
    assert header[:5] == ["Mã bản ghi", "Mã chỉ tiêu", "Chỉ tiêu", "Ngày", "Số lượng"]
    assert sorted((row[1], row[3], row[4]) for row in rows) == [
        ("machinery-facilities", "2018-06-01", "5"),
        ("managers-trained", "2018-06-30", "700"),
        ("workers-trained", "2018-03-01", "7000"),
        ("workers-trained", "2018-08-08", "900"),
    ]
    titles = {row[1]: row[2] for row in rows}
    assert titles["workers-trained"] == "Đào tạo nghề cho lao động nông thôn"  # the 2018 target's title

    overview = out_dir / "overview.csv"
    code, out, _ = run_tracker(
        capsys,
        "--lang",
        "en",
        "export",
        "--plan",
        "2018",
        "--format",
        "csv",
        "--table",
        "overview",
        "--out",
        str(overview),
    )
    assert code == 0
    assert out == f"Wrote 8 rows (Overview) to {overview}\n"
    _, *targets = read_csv(overview)
    assert [row[0] for row in targets] == TARGETS_2018
    workers = targets[0]
    assert (workers[1], workers[6], workers[-1]) == ("Vocational training for rural workers", "7900", "2018-12-31")
    # the command writes the files it is told to, under the names it is given
    assert sorted(p.name for p in out_dir.iterdir()) == ["entries.csv", "overview.csv"]


def test_export_xlsx_of_2018_follows_the_2018_plan(capsys: pytest.CaptureFixture[str], out_dir: Path) -> None:
    seed_both_years(capsys)
    path = out_dir / "plan.xlsx"
    code, out, err = run_tracker(capsys, "export", "--plan", "2018", "--format", "xlsx", "--out", str(path))
    assert (code, err) == (0, "")
    assert out == f"Đã xuất 4 bản ghi và 8 chỉ tiêu vào {path}\n"
    book = load_workbook(path)
    entries = list(book["Bản ghi"].iter_rows(min_row=2, values_only=True))
    assert sorted((row[1], row[4]) for row in entries) == [
        ("machinery-facilities", 5),
        ("managers-trained", 700),
        ("workers-trained", 900),
        ("workers-trained", 7000),
    ]
    assert [row[0] for row in book["Tổng quan"].iter_rows(min_row=2, values_only=True)] == TARGETS_2018
    about = {row[0]: row[1] for row in book["Thông tin"].iter_rows(min_row=2, values_only=True)}
    assert about["Kế hoạch"] == TITLE_18_VI
    assert [p.name for p in out_dir.iterdir()] == ["plan.xlsx"]


def test_export_of_2018_refuses_a_target_of_2017_alone(capsys: pytest.CaptureFixture[str], out_dir: Path) -> None:
    path = out_dir / "x.csv"
    argv = ["export", "--plan", "2018", "--format", "csv", "--out", str(path), "--target"]
    code, out, err = run_tracker(capsys, *argv, "machinery-projects")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Chưa xuất tệp nào:",
        "  Chỉ tiêu: không có chỉ tiêu 'machinery-projects' trong kế hoạch",
    ]
    assert list(out_dir.iterdir()) == []
    assert run_tracker(capsys, *argv, "machinery-facilities")[0] == 0


def test_report_of_2018_follows_the_2018_plan(capsys: pytest.CaptureFixture[str], out_dir: Path) -> None:
    seed_both_years(capsys)
    path = out_dir / "report.html"
    code, out, err = run_tracker(capsys, "report", "--plan", "2018", "--out", str(path))
    assert (code, err) == (0, "")
    assert out.startswith("Đã lập báo cáo họp (") and out.endswith(f" MB) tại {path}\n")
    assert [p.name for p in out_dir.iterdir()] == ["report.html"]
    page = path.read_text(encoding="utf-8")
    assert TITLE_18_VI in page and TITLE_17_VI not in page
    assert "Số liệu tính đến hết ngày 31/12/2018" in page  # the 2018 plan's end, once it has passed
    assert "7.900 lao động" in page  # 2018's workers: 7 000 + 900
    assert "4.321" not in page and "10.321" not in page  # 2017's workers are not in it
    plans = read_plans(TARGETS_FILE)
    plan_2017, plan_2018 = plans.plans
    for target in plan_2018.targets:
        assert target.title.vi in page
    assert plan_2017.target("machinery-projects").title.vi not in page
    assert "Hội nghị cung cầu nguyên liệu hàng thủ công mỹ nghệ" in page  # a 2018 task
    assert "Làm việc và giải quyết vướng mắc trong sản xuất" not in page  # a 2017 task

    code, out, err = run_tracker(capsys, "report", "--plan", "2018", "--as-of", "2017-06-30", "--out", str(path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Chưa lập báo cáo:",
        "  --as-of 30/06/2017 nằm ngoài thời kỳ của kế hoạch (01/01/2018–31/12/2018)",
    ]
