"""A target with a period of its own (``period:`` in the plan file) is owed only in the
reporting periods its period reaches, and its nil report is dated on the same day by the
service, the command line and an import: the last day of the reporting period that lies
within the target's period (``Plan.nil_day``).

The plan (``OWN_PERIODS``) runs all of 2017 and reports quarterly. The districts owe
"workers" from 01/01 to 15/05 (Q1 and Q2) and "owners" from 01/08 (Q3 and Q4); the city
owes "fairs" from 01/01 to 15/05, and nothing else: in Q3 and Q4 it is not owed at all.
Today is 20/01/2018, every quarter is due. A place that owes nothing in a period is not
owed there: its cell owes no target, is never «missing», and counts in no rate (its state
is the grey «not due», see tracker.domain.completeness).

The matrix is worked out by hand on receipts made by hand; the writes run on the real
ledger, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import at_server
from tests.domain.test_completeness import hanoi, receipt
from tests.helpers import run_tracker
from tracker.domain.completeness import CellState, as_json, completeness
from tracker.domain.districts import district_names
from tracker.domain.entries import EntryError, EntryKind
from tracker.domain.periods import CITY
from tracker.domain.plan import Plan, parse_plan
from tracker.domain.reports import PeriodKind, ReportPeriod
from tracker.present.template import template_rows, template_xlsx
from tracker.service.imports import Outcome, preview_import, write_import
from tracker.service.reporting import record_nil, reporting_of
from tracker.service.spreadsheets import read_spreadsheet
from tracker.storage.ledger import Ledger, NilReportError

OWN_PERIODS = """\
id: own-periods-2017
title: {vi: "Kế hoạch có chỉ tiêu theo thời kỳ riêng", en: "A plan with targets of their own periods"}
issued_by: {vi: "UBND thành phố Hà Nội", en: "Hanoi People's Committee"}
source: "plan-2017-article.vi.txt"
period: {start: 2017-01-01, end: 2017-12-31}
reporting: {cadence: quarterly, due_days: 10}
categories:
  - id: training
    title: {vi: "Đào tạo nghề", en: "Craft training"}
targets:
  - id: workers
    title: {vi: "Đào tạo nghề cho lao động", en: "Craft training for workers"}
    short: {vi: "Lao động học nghề", en: "Workers trained"}
    unit: {vi: "lao động", en: "workers"}
    goal: {shape: exact, value: 30000}
    period: {start: 2017-01-01, end: 2017-05-15}
    agency: {vi: "UBND thành phố", en: "City"}
    category: training
    source_text: "đào tạo nghề cho 30.000 lao động"
  - id: owners
    title: {vi: "Tập huấn chủ doanh nghiệp", en: "Owners trained"}
    short: {vi: "Chủ DN tập huấn", en: "Owners trained"}
    unit: {vi: "chủ DN", en: "owners"}
    goal: {shape: exact, value: 100}
    period: {start: 2017-08-01, end: 2017-12-31}
    agency: {vi: "UBND thành phố", en: "City"}
    category: training
    source_text: "tập huấn cho 100 chủ DN"
  - id: fairs
    title: {vi: "Hội chợ của thành phố", en: "City fairs"}
    short: {vi: "Hội chợ", en: "Fairs"}
    unit: {vi: "hội chợ", en: "fairs"}
    goal: {shape: exact, value: 4}
    reported_by: city
    period: {start: 2017-01-01, end: 2017-05-15}
    agency: {vi: "UBND thành phố", en: "City"}
    category: training
    source_text: "tổ chức 4 hội chợ"
"""

D = dt.date
TODAY = D(2018, 1, 20)
PERIODS = ("2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4")
CM, BA_VI = "Chương Mỹ", "Ba Vì"
LAN = "Trần Thị Lan"
S = CellState

RECEIPTS = [
    receipt("workers", CM, "2017-Q1", hanoi(D(2017, 4, 3))),
    receipt("workers", CM, "2017-Q2", hanoi(D(2017, 7, 3))),
    receipt("owners", CM, "2017-Q3", hanoi(D(2017, 10, 20))),  # after the due day: late
    receipt("fairs", None, "2017-Q1", hanoi(D(2017, 4, 2))),
    receipt("fairs", None, "2017-Q2", hanoi(D(2017, 7, 2))),
]


@pytest.fixture(scope="module")
def plan() -> Plan:  # type: ignore[override]
    return parse_plan(OWN_PERIODS.encode(), "own-periods.yaml")


# --- what is owed, and when -------------------------------------------------------------


def test_a_nil_report_is_dated_on_the_last_day_of_the_quarter_within_the_target_s_period(plan: Plan) -> None:
    days = {
        target: [plan.nil_day(target, plan.reporting_period(name)) for name in PERIODS]  # type: ignore[arg-type]
        for target in ("workers", "owners", "fairs")
    }
    assert days == {
        "workers": [D(2017, 3, 31), D(2017, 5, 15), None, None],  # it ends on 15/05
        "owners": [None, None, D(2017, 9, 30), D(2017, 12, 31)],  # it begins on 01/08
        "fairs": [D(2017, 3, 31), D(2017, 5, 15), None, None],
    }
    assert plan.nil_day(plan.target("workers"), plan.reporting_period("2017-Q2")) == D(2017, 5, 15)  # type: ignore[arg-type]
    assert plan.nil_day("no-such-target", plan.reporting_period("2017-Q2")) is None  # type: ignore[arg-type]


def test_a_target_is_owed_only_in_the_quarters_its_own_period_reaches(plan: Plan) -> None:
    result = completeness(plan, RECEIPTS, TODAY)
    cm = [result.cell(CM, name) for name in PERIODS]
    assert [cell.owed for cell in cm] == [("workers",), ("workers",), ("owners",), ("owners",)]
    assert [cell.state for cell in cm] == [S.on_time, S.on_time, S.late, S.missing]
    ba_vi = [result.cell(BA_VI, name).state for name in PERIODS]
    assert ba_vi == [S.missing] * 4  # silent in every quarter: it owes one target in each
    # the city owes nothing after Q2: not owed there, never «missing», whatever today is
    city = [result.cell(CITY, name) for name in PERIODS]
    assert [cell.is_owed for cell in city] == [True, True, False, False]
    assert [cell.state for cell in city] == [S.on_time, S.on_time, S.not_due, S.not_due]
    assert city[2].missing_targets == () and city[2].owed == ()
    assert CITY in result.places  # a row still: it owes in Q1 and Q2


def test_the_overview_line_says_nothing_of_the_city_where_it_owes_nothing(plan: Plan) -> None:
    """Q4 is the latest due: the districts owe "owners" there, the city nothing."""
    from tracker.present.reporting import overview_line

    line = overview_line(completeness(plan, RECEIPTS, TODAY), "vi")
    assert line is not None and line.startswith("Quý 4/2017: ")
    assert "thành phố" not in line  # before: «; cấp thành phố chưa báo cáo», of a report it did not owe


def test_the_periods_rates_and_json_count_only_those_who_owe(plan: Plan) -> None:
    result = completeness(plan, RECEIPTS, TODAY)
    owed = {s.period.name: (s.owed, s.reported, s.on_time, s.late, len(s.missing)) for s in result.by_period}
    assert owed == {
        "2017-Q1": (31, 2, 2, 0, 29),  # 30 districts and the city
        "2017-Q2": (31, 2, 2, 0, 29),
        "2017-Q3": (30, 1, 0, 1, 29),  # the districts only: the city owes nothing
        "2017-Q4": (30, 0, 0, 0, 30),
    }
    q3 = result.summary_of("2017-Q3")
    assert q3 is not None and CITY not in q3.missing
    assert {row["target"]: row["owed"] for row in q3.targets} == {"workers": 0, "owners": 30, "fairs": 0}
    city = result.by_place[CITY]
    assert (city.due_periods, city.reported, city.on_time, city.rate) == (2, 2, 2, 1.0)  # Q3, Q4 are not its
    assert result.by_place[CM].due_periods == 4 and result.by_place[CM].rate == 3 / 4

    shown = json.loads(json.dumps(as_json(result), ensure_ascii=False))
    assert set(shown) == {"plan", "periods"}
    q4 = shown["periods"][3]
    assert set(q4) == {"period", "start", "end", "due", "owed", "reported", "complete", "on_time", "late", "nil",
                       "missing", "targets"}  # fmt: skip
    assert (q4["owed"], CITY in q4["missing"]) == (30, False)
    assert q4["targets"][0] == {"target": "workers", "owed": 0, "reported": 0, "missing": []}


def test_one_target_is_owed_by_no_one_after_it_ends(plan: Plan) -> None:
    workers = completeness(plan, RECEIPTS, TODAY, target_id="workers")
    assert [s.owed for s in workers.by_period] == [30, 30, 0, 0]
    assert [s.missing for s in workers.by_period][2:] == [(), ()]
    assert {workers.cell(place, "2017-Q4").state for place in district_names()} == {S.not_due}
    assert workers.by_place[BA_VI].due_periods == 2 and workers.by_place[BA_VI].rate == 0.0
    latest = workers.latest_due()  # what the overview names: the last quarter anyone owes
    assert latest is not None and latest.period.name == "2017-Q2"


# --- the nil report of the target's last quarter, written three ways ------------------------


def nil_days(ledger: Ledger) -> list[tuple[str, str | None, dt.date, EntryKind]]:
    return sorted((e.target_id, e.district, e.ref_date, e.kind) for e in ledger.entries_where())


def test_the_service_records_the_nil_report_on_the_target_s_last_day(plan: Plan, ledger: Ledger) -> None:
    record_nil(plan, ledger, at_server(LAN), target_id="workers", district=CM, period="2017-Q2")
    record_nil(plan, ledger, at_server(LAN), target_id="fairs", district=None, period="2017-Q2")
    mine = ledger.with_plan(plan)
    assert nil_days(mine) == [("fairs", None, D(2017, 5, 15), EntryKind.nil),
                              ("workers", CM, D(2017, 5, 15), EntryKind.nil)]  # fmt: skip
    matrix = reporting_of(plan, ledger, TODAY)
    assert matrix.cell(CM, "2017-Q2").state == S.nil
    assert matrix.cell(CITY, "2017-Q2").state == S.nil
    # a quarter the target does not reach: nothing to say «nothing» for, and nothing written
    with pytest.raises(EntryError) as refused:
        record_nil(plan, ledger, at_server(LAN), target_id="workers", district=CM, period="2017-Q3")
    assert "15/05/2017" in refused.value.render("vi")[0]
    assert len(nil_days(mine)) == 2


def test_the_command_line_records_the_nil_report_on_the_target_s_last_day(
    plan: Plan, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_file = tmp_path / "targets.yaml"
    plan_file.write_text(OWN_PERIODS, encoding="utf-8")
    monkeypatch.setenv("TRACKER_TARGETS", str(plan_file))
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    code, out, err = run_tracker(capsys, "nil-report", "workers", "2017-Q2", "--district", CM, "--by", LAN)
    assert (code, err) == (0, ""), err
    assert "Quý 2/2017" in out
    code, _, err = run_tracker(capsys, "nil-report", "workers", "2017-Q3", "--district", CM, "--by", LAN)
    assert code == 1 and "15/05/2017" in err  # the target ended before the quarter
    ledger = Ledger(database_url).for_plan(plan.id)
    try:
        assert nil_days(ledger) == [("workers", CM, D(2017, 5, 15), EntryKind.nil)]
    finally:
        ledger.dispose()


def test_an_import_records_the_nil_report_on_the_target_s_last_day(plan: Plan, ledger: Ledger) -> None:
    q2 = ReportPeriod(2017, PeriodKind.quarter, 2)
    rows = template_rows(plan, [CM], [q2])
    assert [row.target.id for row in rows] == ["workers", "fairs"]  # "owners" begins in August
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(plan, rows)))
    workbook["Số liệu"].cell(2, 5).value = 0  # the quantity: «nothing this period»
    data = io.BytesIO()
    workbook.save(data)
    preview = preview_import(plan, ledger, read_spreadsheet("bao-cao.xlsx", data.getvalue()), entered_by=LAN)
    assert [row.nil.name for row in preview.in_order(Outcome.nil) if row.nil is not None] == ["2017-Q2"]
    assert write_import(plan, ledger, preview, LAN).status == "saved"
    mine = ledger.with_plan(plan)
    assert nil_days(mine) == [("workers", CM, D(2017, 5, 15), EntryKind.nil)]
    assert [e.quantity for e in mine.entries_where()] == [Decimal(0)]
    # the service reads the import's nil report as its own: said already, not said twice
    with pytest.raises(NilReportError) as twice:
        record_nil(plan, ledger, at_server(LAN), target_id="workers", district=CM, period="2017-Q2")
    assert twice.value.code == "nil_twice"
