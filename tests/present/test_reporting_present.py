"""The reporting page's matrix, rates, hover text and the overview's line, worked out by
hand for a small ledger on SQLite and PostgreSQL.

The plan: the 2017 plan with three targets, two owed by every district (workers trained,
village brands) and one by the city (machinery projects). As of 01/08/2017, Q1 (due
10/04) and Q2 (due 10/07) are due, Q3 (due 10/10) and Q4 are not. What was sent, and when
it was entered (Hanoi time):

    Chương Mỹ   Q1 both targets, 05/04   → on time
                Q2 both targets, 20/07   → late
                Q3 workers only, 01/08   → partly reported
    Ba Vì       Q1 a nil report for both, 08/04 → nil report; Q2 nothing → missing
    Đông Anh    Q1 workers only, 01/05   → partly reported (neither on time nor late)
    the city    Q1 machinery, 02/04      → on time; Q2 nothing → missing
    the 27 other districts: nothing at all, still rows: missing Q1 and Q2, not due Q3 and Q4

Worst first: the 27 who sent nothing (in the district list's order), then Đông Anh (half
the due periods, none on time), Ba Vì and the city (half, half on time; Ba Vì's nil
ranks worse than the city's on time), then Chương Mỹ (both, one on time).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.helpers import entered_on
from tracker.domain.completeness import CellState, Completeness
from tracker.domain.districts import district_names
from tracker.domain.entries import EntryKind, validate_entry
from tracker.domain.periods import CITY, Reporter
from tracker.domain.plan import Plan
from tracker.present import reporting
from tracker.service.reporting import reporting_of, statuses_of
from tracker.storage.ledger import Ledger
from tracker.storage.periods import PeriodBook

AS_OF = dt.date(2017, 8, 1)
KEPT = ("workers-trained", "village-brands", "machinery-projects")
OTHERS = [name for name in district_names() if name not in ("Chương Mỹ", "Ba Vì", "Đông Anh")]


@pytest.fixture(scope="module")
def small_plan(plan: Plan) -> Plan:
    """Three targets of the 2017 plan; machinery projects reported by the city."""
    targets = tuple(
        target.model_copy(update={"reported_by": Reporter.city}) if target.id == "machinery-projects" else target
        for target in plan.targets
        if target.id in KEPT
    )
    return plan.model_copy(update={"targets": targets, "context_figures": (), "tasks": ()})






@pytest.fixture
def store(ledger: Ledger, small_plan: Plan) -> Ledger:
    store = ledger.for_plan(small_plan.id)

    def send(target: str, day: str, place: str | None, entered: str, quantity: int = 10) -> None:
        entry = validate_entry(
            small_plan, target_id=target, quantity=quantity, ref_date=day, district=place, entered_by="An"
        )
        entered_on(store, store.record(entry), entered)

    def nil(target: str, place: str, period: str, entered: str) -> None:
        chosen = small_plan.reporting_period(period)
        assert chosen is not None
        entry = validate_entry(
            small_plan,
            target_id=target,
            quantity=0,
            ref_date=chosen.end,
            district=place,
            entered_by="An",
            kind=EntryKind.nil,
        )
        entered_on(store, store.record_nil(entry, chosen), entered)

    send("workers-trained", "2017-03-20", "Chương Mỹ", "2017-04-05")
    send("village-brands", "2017-03-25", "Chương Mỹ", "2017-04-05")
    send("workers-trained", "2017-06-20", "Chương Mỹ", "2017-07-20")
    send("village-brands", "2017-06-20", "Chương Mỹ", "2017-07-20")
    send("workers-trained", "2017-07-15", "Chương Mỹ", "2017-08-01")
    nil("workers-trained", "Ba Vì", "2017-Q1", "2017-04-08")
    nil("village-brands", "Ba Vì", "2017-Q1", "2017-04-08")
    send("workers-trained", "2017-02-01", "Đông Anh", "2017-05-01")
    send("machinery-projects", "2017-03-31", None, "2017-04-02", quantity=2)
    return store


def matrix_at(small_plan: Plan, store: Ledger, day: dt.date = AS_OF) -> Completeness:
    return reporting_of(small_plan, store, day)


def rows_by_place(small_plan: Plan, store: Ledger, lang: str = "vi") -> dict[str, list[str]]:
    frame = reporting.matrix_frame(matrix_at(small_plan, store), lang)  # type: ignore[arg-type]
    return {row[0]: list(row[1:]) for row in frame.itertuples(index=False)}


def test_each_place_and_period_says_its_state_in_words_with_the_rates(small_plan: Plan, store: Ledger) -> None:
    frame = reporting.matrix_frame(matrix_at(small_plan, store), "vi")
    assert list(frame.columns) == [
        "Quận, huyện",
        "Quý 1/2017",
        "Quý 2/2017",
        "Quý 3/2017",
        "Quý 4/2017",
        "Tỉ lệ báo cáo",
        "Tỉ lệ đúng hạn",
    ]
    rows = rows_by_place(small_plan, store)
    assert rows["Chương Mỹ"] == ["Đúng hạn", "Trễ hạn", "Một phần", "Chưa đến hạn", "2/2 (100%)", "1/2 (50%)"]
    assert rows["Ba Vì"] == [
        "Không phát sinh",
        "Chưa báo cáo",
        "Chưa đến hạn",
        "Chưa đến hạn",
        "1/2 (50%)",
        "1/2 (50%)",
    ]
    assert rows["Đông Anh"] == ["Một phần", "Chưa báo cáo", "Chưa đến hạn", "Chưa đến hạn", "1/2 (50%)", "0/2 (0%)"]
    assert rows["Toàn thành phố"] == [
        "Đúng hạn",
        "Chưa báo cáo",
        "Chưa đến hạn",
        "Chưa đến hạn",
        "1/2 (50%)",
        "1/2 (50%)",
    ]
    # a district that sent nothing at all is a row too, never dropped
    assert rows["Ba Đình"] == ["Chưa báo cáo", "Chưa báo cáo", "Chưa đến hạn", "Chưa đến hạn", "0/2 (0%)", "0/2 (0%)"]
    assert len(rows) == 31  # the 30 districts and the city


def test_the_matrix_in_english(small_plan: Plan, store: Ledger) -> None:
    frame = reporting.matrix_frame(matrix_at(small_plan, store), "en")
    assert list(frame.columns) == [
        "District",
        "Q1 2017",
        "Q2 2017",
        "Q3 2017",
        "Q4 2017",
        "Reporting rate",
        "On-time rate",
    ]
    rows = rows_by_place(small_plan, store, "en")
    assert rows["Chương Mỹ"] == ["On time", "Late", "Partly", "Not yet due", "2/2 (100%)", "1/2 (50%)"]
    assert rows["Ba Vì"][:2] == ["Nil report", "Missing"]
    assert rows["Whole city"][:2] == ["On time", "Missing"]


def test_the_worst_come_first(small_plan: Plan, store: Ledger) -> None:
    frame = reporting.matrix_frame(matrix_at(small_plan, store), "vi")
    places = list(frame["Quận, huyện"])
    assert places[:27] == OTHERS  # sent nothing: in the district list's order
    assert places[27:] == ["Đông Anh", "Ba Vì", "Toàn thành phố", "Chương Mỹ"]


def hover_of(small_plan: Plan, store: Ledger, place: str, period: str, lang: str = "vi") -> list[str]:
    result = matrix_at(small_plan, store)
    return reporting.cell_hover(small_plan, result.cell(place, period), lang).split("\n")  # type: ignore[arg-type]


def test_the_hover_says_entries_last_day_missing_targets_due_day_and_status(small_plan: Plan, store: Ledger) -> None:
    assert hover_of(small_plan, store, "Chương Mỹ", "2017-Q2") == [
        "Chương Mỹ · Quý 2/2017",
        "Tình hình: Trễ hạn",
        "2 bản ghi",
        "Bản ghi cuối nhập ngày: 20/07/2017",
        "Hạn nộp: 10/07/2017",
        "Trạng thái kỳ: đang mở",
    ]
    assert hover_of(small_plan, store, "Đông Anh", "2017-Q1")[2:5] == [
        "1 bản ghi",
        "Bản ghi cuối nhập ngày: 01/05/2017",
        "Còn thiếu 1/2 chỉ tiêu: Thương hiệu làng nghề",
    ]
    assert hover_of(small_plan, store, "Ba Vì", "2017-Q1")[1:3] == [
        "Tình hình: Không phát sinh",
        "2 bản ghi, trong đó 2 báo cáo không phát sinh",
    ]
    assert hover_of(small_plan, store, "Ba Vì", "2017-Q2")[2:4] == [
        "Chưa có bản ghi nào",
        "Chưa gửi chỉ tiêu nào trong 2 chỉ tiêu phải báo cáo",
    ]
    assert hover_of(small_plan, store, CITY, "2017-Q1", "en") == [
        "Whole city · Q1 2017",
        "State: On time",
        "1 entries",
        "Last entry entered on: 02/04/2017",
        "Due: 10/04/2017",
        "Period status: open",
    ]


def test_the_hover_names_the_periods_status_once_approved_or_locked(small_plan: Plan, store: Ledger) -> None:
    book = PeriodBook(store.database, small_plan.id)
    q1, q2 = small_plan.reporting_periods()[:2]
    book.approve(q1, "Chương Mỹ", "Nguyễn Văn An")
    book.submit(q2, "Chương Mỹ", "Chương Mỹ", None)
    book.lock_all(q2, "Nguyễn Văn An", "đã duyệt quý 2")
    assert hover_of(small_plan, store, "Chương Mỹ", "2017-Q1")[-1] == "Trạng thái kỳ: đã duyệt"
    assert hover_of(small_plan, store, "Ba Vì", "2017-Q2")[-1] == "Trạng thái kỳ: đã khoá"  # the whole period
    result = matrix_at(small_plan, store)
    table = reporting.places_table(small_plan, result, q2, statuses_of(small_plan, store), "vi")
    chuong_my = table.set_index("Quận, huyện").loc["Chương Mỹ"]
    assert re.fullmatch(r"đã khoá \(bởi Nguyễn Văn An, \d\d/\d\d/\d{4} \d\d:\d\d\)", chuong_my["Trạng thái kỳ"])


def test_the_styled_matrix_carries_each_states_colour_and_the_hover(small_plan: Plan, store: Ledger) -> None:
    result = matrix_at(small_plan, store)
    html = reporting.matrix_styled(small_plan, result, "vi", "2017-Q2").to_html()
    row = result.places.index("Chương Mỹ")
    late_background = reporting.STATE_COLOURS[CellState.late][0]
    cell_rule = re.search(rf"#T_\w+_row{row}_col2 \{{([^}}]*)\}}", html)
    assert cell_rule is not None and f"background-color: {late_background}" in cell_rule.group(1)
    assert "border-left: 3px solid" in cell_rule.group(1)  # the period the address names is framed
    hover = re.search(rf"_row{row}_col2 \.pd-t::after \{{\s*content: \"([^\"]*)", html)
    assert hover is not None
    assert hover.group(1).split("\\A ") == hover_of(small_plan, store, "Chương Mỹ", "2017-Q2")


def test_hover_text_cannot_end_the_css_string_or_the_style_element() -> None:
    text = 'Nhãn "A" \\ </style><b>\nB'
    escaped = reporting.css_text(text)
    assert '"' not in escaped.replace('\\"', "") and "<" not in escaped and "\n" not in escaped
    assert escaped == 'Nhãn \\"A\\" \\\\ \\3C /style\\3E \\3C b\\3E \\A B'


def test_the_rates_per_period(small_plan: Plan, store: Ledger) -> None:
    frame = reporting.period_table(matrix_at(small_plan, store), "vi")
    assert list(frame.columns) == ["Kỳ", "Hạn nộp", "Đã báo cáo", "Đúng hạn", "Đủ chỉ tiêu", "Trễ hạn", "Chưa gửi gì"]
    assert [list(row) for row in frame.itertuples(index=False)] == [
        ["Quý 1/2017", "10/04/2017", "4/31 (12,9%)", "3/31 (9,7%)", "3/31 (9,7%)", "0", "27"],
        ["Quý 2/2017", "10/07/2017", "1/31 (3,2%)", "0/31 (0%)", "1/31 (3,2%)", "1", "30"],
        ["Quý 3/2017 (chưa đến hạn)", "10/10/2017", "1/31 (3,2%)", "0/31 (0%)", "0/31 (0%)", "0", "30"],
        ["Quý 4/2017 (chưa đến hạn)", "10/01/2018", "0/31 (0%)", "0/31 (0%)", "0/31 (0%)", "0", "31"],
    ]


def test_the_chosen_period_lists_who_sent_nothing_worst_first(small_plan: Plan, store: Ledger) -> None:
    result = matrix_at(small_plan, store)
    summary = result.summary_of("2017-Q1")
    assert summary is not None
    assert reporting.missing_sentence(summary, "vi") == (
        f"Quý 1/2017: 27/31 nơi chưa gửi gì (hạn nộp 10/04/2017 đã qua): {', '.join(OTHERS)}"
    )
    q1 = small_plan.reporting_periods()[0]
    table = reporting.places_table(small_plan, result, q1, {}, "en")
    assert list(table.columns) == ["District", "State", "Entries", "Last entry", "Targets missing", "Period status"]
    assert list(table["State"])[:28] == ["Missing"] * 27 + ["Partly"]
    shown = table.set_index("District")
    assert shown.loc["Đông Anh"].tolist() == ["Partly", "1", "01/05/2017", "1 of 2: Village brands", "open"]
    assert shown.loc["Ba Đình"].tolist() == ["Missing", "0", "–", "all (2)", "open"]


def test_the_overview_line_names_the_latest_period_due(small_plan: Plan, store: Ledger) -> None:
    assert reporting.overview_line(matrix_at(small_plan, store), "vi") == (
        "Quý 2/2017: 1/30 quận, huyện đã báo cáo, 0 đúng hạn; cấp thành phố chưa báo cáo"
    )
    assert reporting.overview_line(matrix_at(small_plan, store, dt.date(2017, 4, 11)), "en") == (
        "Q1 2017: 3 of 30 districts have reported, 2 on time; the city has reported"
    )
    # on the due day itself Q1 is not late yet: no period is due, no line
    assert reporting.overview_line(matrix_at(small_plan, store, dt.date(2017, 4, 10)), "vi") is None
