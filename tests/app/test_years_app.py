"""The year-on-year page (pages/years.py) through AppTest, on the real 2017 and 2018 plans.

Issue 18: at ``?day=06-30`` every row said «Không đạt», the whole year's status placed
beside the «Đến 30/06» figures, though the 2018 overview at 30/06/2018 says the workers
were on track. Each row now says where the year stood on the compared day, beside the
figure by then, and the whole year's status in a column of its own; the compared day is
a day and a month (no year), chosen in two lists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from tests.helpers import TARGETS_FILE, as_read, open_page
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan, PlanSet, read_plans
from tracker.storage.ledger import Ledger

DAY_WIDGET = "compare_day.day.widget"
CHAIN_KEY = "years_chain"  # pages/years.py: the chain whose charts are shown
MONTH_WIDGET = "compare_day.month.{lang}"  # one per language: a label stays in the language it was drawn in

# (target, quantity, date) of each year. By hand, at 30/06 (day 181 of 365) and at the end:
#   workers   2017: 10.000 of 14.877 expected: needs acceleration; 29.000 of about 30.000: achieved
#             2018: 12.000 of 11.901 expected: on track;           13.000 of about 24.000: missed
#   brands    2017: 4 of 4,96: needs acceleration; 11 of 10–15: achieved
#             2018: 6 of 4,96: on track;           9 of 10–12: missed
#   machinery 2017: 2 of 4,96: off track;          10 of 10: achieved
#             2018: 5 of 6,94: needs acceleration; 5 of 14: missed (the measure changed)
#   managers  2017: 30 of 49,6: needs acceleration; 105 of 100: achieved
#             2018: 700 of 743,8: needs acceleration; 1.500 of about 1.500: achieved (changed)
ENTRIES = {
    "2017": (
        ("workers-trained", 4000, "2017-03-31"),
        ("workers-trained", 6000, "2017-06-30"),
        ("workers-trained", 5000, "2017-07-01"),
        ("workers-trained", 14000, "2017-11-15"),
        ("village-brands", 4, "2017-05-01"),
        ("village-brands", 7, "2017-09-01"),
        ("machinery-projects", 2, "2017-04-01"),
        ("machinery-projects", 8, "2017-10-01"),
        ("managers-trained", 30, "2017-02-28"),
        ("managers-trained", 75, "2017-08-20"),
    ),
    "2018": (
        ("workers-trained", 3000, "2018-02-10"),
        ("workers-trained", 9000, "2018-06-29"),
        ("workers-trained", 1000, "2018-07-02"),
        ("village-brands", 6, "2018-06-30"),
        ("village-brands", 3, "2018-12-31"),
        ("machinery-facilities", 5, "2018-06-01"),
        ("managers-trained", 700, "2018-06-30"),
        ("managers-trained", 800, "2018-09-09"),
    ),
}
COLUMNS_VI = ["Chỉ tiêu", "Năm", "Mục tiêu", "Đến 30/06", "Tình trạng 30/06", "Cả năm", "Tình trạng cả năm"]
COLUMNS_EN = ["Target", "Year", "Goal", "By 30/06", "Status at 30/06", "Whole year", "Whole-year status"]
ROWS_VI = [
    # short name, year, goal, by 30/06, status then, whole year, whole year's status
    ("Đào tạo nghề cho lao động", "2017", "khoảng 30.000 lao động", "10.000 (33,3%)", "Cần đẩy nhanh",
     "29.000 (96,7%)", "Đã đạt"),
    ("Đào tạo nghề nông thôn", "2018", "khoảng 24.000 lao động", "12.000 (50%)", "Đúng tiến độ",
     "13.000 (54,2%)", "Không đạt"),
    ("Thương hiệu làng nghề", "2017", "10–15 làng nghề", "4 (40%)", "Cần đẩy nhanh", "11 (110%)", "Đã đạt"),
    ("Thương hiệu làng nghề", "2018", "10–12 làng nghề", "6 (60%)", "Đúng tiến độ", "9 (90%)", "Không đạt"),
    ("Dự án máy móc hiện đại", "2017", "10 dự án", "2 (20%)", "Chậm tiến độ", "10 (100%)", "Đã đạt"),
    ("Cơ sở có dự án máy móc", "2018", "14 cơ sở (1)", "5 (35,7%)", "Cần đẩy nhanh", "5 (35,7%)", "Không đạt"),
    ("Tập huấn quản trị chủ DN", "2017", "100 chủ DN, cơ sở", "30 (30%)", "Cần đẩy nhanh", "105 (105%)", "Đã đạt"),
    ("Tập huấn quản trị DN", "2018", "khoảng 1.500 lượt người (2)", "700 (46,7%)", "Cần đẩy nhanh",
     "1.500 (100%)", "Đã đạt"),
]  # fmt: skip
NOTES_VI = [
    "(1) Cơ sở có dự án máy móc, 2018 — cách đo đã thay đổi: "
    "Năm 2017 đếm số dự án; năm 2018 đếm số cơ sở sản xuất có dự án",
    "(2) Tập huấn quản trị DN, 2018 — cách đo đã thay đổi: Năm 2017 đếm số chủ doanh nghiệp, cơ sở được "
    "tập huấn; năm 2018 đếm lượt người tham dự (một người có thể dự nhiều khoá)",
]


@pytest.fixture(scope="module")
def plans() -> PlanSet:
    return read_plans(TARGETS_FILE)


@pytest.fixture
def seeded(sqlite_url: str, plans: PlanSet) -> str:
    """The ledger above, each year's entries in its own plan; the database's address."""
    for year, rows in ENTRIES.items():
        plan: Plan | None = plans.find(year)
        assert plan is not None
        store = Ledger(sqlite_url, plan.id)
        try:
            for target, quantity, day in rows:
                store.record(validate_entry(plan, target_id=target, quantity=quantity, ref_date=day, entered_by="An"))
        finally:
            store.dispose()
    return sqlite_url


def open_years(monkeypatch: pytest.MonkeyPatch, url: str, query: dict[str, str] | None = None) -> AppTest:
    app = open_page(monkeypatch, url, "pages/years.py", query=query)
    assert not app.exception
    return app


def years_table(app: AppTest, year_column: str = "Năm") -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if year_column in frame.value.columns)


def chosen_day(app: AppTest, lang: str = "vi") -> tuple[int, int]:
    """What the two lists show: (day, month)."""
    return app.selectbox(key=DAY_WIDGET).value, app.selectbox(key=MONTH_WIDGET.format(lang=lang)).value


def test_each_year_says_its_status_at_the_compared_day_beside_the_days_figure(
    monkeypatch: pytest.MonkeyPatch, seeded: str
) -> None:
    app = open_years(monkeypatch, seeded, query={"day": "06-30"})
    table = years_table(app)
    assert list(table.columns) == COLUMNS_VI  # the day's status beside the day's figure
    assert [tuple(row) for row in table.itertuples(index=False)] == ROWS_VI
    notes = [as_read(caption.value) for caption in app.caption if as_read(caption.value).startswith("(")]
    assert notes == NOTES_VI  # the change of measure, written out right under the table


def test_the_years_page_in_english(monkeypatch: pytest.MonkeyPatch, seeded: str) -> None:
    app = open_years(monkeypatch, seeded, query={"day": "06-30"})
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    table = years_table(app, "Year").set_index(["Target", "Year"])
    assert list(table.columns) == COLUMNS_EN[2:]
    assert table.loc[("Rural vocational training", "2018")].tolist() == [
        "about 24,000 workers", "12,000 (50%)", "On track", "13,000 (54.2%)", "Missed",
    ]  # fmt: skip
    assert table.loc[("Machinery project facilities", "2018"), "Goal"] == "14 facilities (1)"
    assert chosen_day(app, "en") == (30, 6)
    assert app.selectbox(key=MONTH_WIDGET.format(lang="en")).options[5] == "June"


def test_the_compared_day_is_a_day_and_a_month_and_the_address_follows(
    monkeypatch: pytest.MonkeyPatch, seeded: str
) -> None:
    app = open_years(monkeypatch, seeded)
    assert not app.date_input  # no date of one year to choose
    day, month = app.selectbox(key=DAY_WIDGET), app.selectbox(key=MONTH_WIDGET.format(lang="vi"))
    assert (day.label, month.label) == ("So sánh tại ngày", "Tháng")
    assert chosen_day(app) == (31, 12)  # both plans over: the year's end
    assert month.options == [f"tháng {number}" for number in range(1, 13)]
    assert "Đến 31/12" in years_table(app).columns

    month.set_value(2).run()  # the 31st is no day of February: its last, the 29th (28/02 in 2017 and 2018)
    assert not app.exception
    assert chosen_day(app) == (29, 2)
    assert app.selectbox(key=DAY_WIDGET).options == [f"{number:02d}" for number in range(1, 30)]
    assert app.query_params["day"] == "02-29"
    assert list(years_table(app).columns)[3:5] == ["Đến 29/02", "Tình trạng 29/02"]

    app.selectbox(key=MONTH_WIDGET.format(lang="vi")).set_value(6).run()
    app.selectbox(key=DAY_WIDGET).set_value(30).run()
    assert app.query_params["day"] == "06-30"
    rows = years_table(app).set_index(["Chỉ tiêu", "Năm"])
    assert rows.loc[("Đào tạo nghề nông thôn", "2018"), ["Đến 30/06", "Tình trạng 30/06"]].tolist() == [
        "12.000 (50%)", "Đúng tiến độ",
    ]  # fmt: skip


@pytest.mark.parametrize(("linked", "shown"), [("09-30", (30, 9)), ("13-45", (31, 12)), ("02-30", (31, 12))])
def test_a_day_in_the_address_is_shown_and_one_that_is_no_day_left_for_the_default(
    monkeypatch: pytest.MonkeyPatch, seeded: str, linked: str, shown: tuple[int, int]
) -> None:
    app = open_years(monkeypatch, seeded, query={"day": linked})
    assert chosen_day(app) == shown
    assert f"Đến {shown[0]:02d}/{shown[1]:02d}" in years_table(app).columns


def test_the_page_opens_from_a_file_without_links(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    text = TARGETS_FILE.read_text(encoding="utf-8")
    alone = tmp_path / "targets.yaml"
    alone.write_text(text[: text.index("\n    tasks:")] + "\n", encoding="utf-8")  # the 2017 plan alone
    app = open_page(monkeypatch, sqlite_url, "pages/years.py", targets=alone)
    assert not app.exception
    assert chosen_day(app) == (31, 12)
    assert not app.dataframe


def _sending(widget: Any, raw: str) -> Any:
    """``widget`` as a hostile page sends it: any text as its value, whatever its options."""

    class Sent(type(widget)):  # type: ignore[misc]
        @property
        def _widget_state(self) -> WidgetState:
            state = WidgetState()
            state.id = self.id
            state.string_value = raw
            return state

    widget.__class__ = Sent
    return widget


@pytest.mark.parametrize(
    ("key", "raw"),
    [("compare_day.month.vi", "abc"), ("compare_day.month.vi", "13"), ("compare_day.day.widget", "0")],
)
def test_a_day_or_month_a_hostile_page_sends_changes_nothing_and_breaks_nothing(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, key: str, raw: str
) -> None:
    app = open_page(monkeypatch, sqlite_url, "pages/years.py", query={"day": "06-30"})
    _sending(app.selectbox(key=key), raw)
    app.run()
    app.run()  # and the runs after it
    assert not app.exception
    assert app.query_params.get("day") in ("06-30", ["06-30"])  # the day chosen before stands


def shown_chart(app: AppTest) -> dict[str, Any]:
    """The chart the page shows, as the browser receives it."""
    charts = app.get("plotly_chart")
    assert len(charts) == 1  # one chart drawn: the page opens fast whatever the number of chains
    return json.loads(charts[0].proto.spec)  # type: ignore[no-any-return]


def bar_labels(chart: dict[str, Any]) -> list[str]:
    return [label for trace in chart["data"] if trace["type"] == "bar" for label in trace["text"]]


def test_every_chains_charts_are_a_pick_away_with_every_years_figures(
    monkeypatch: pytest.MonkeyPatch, seeded: str
) -> None:
    """Four chains, one chart at a time: picking a chain shows its title, its years'
    goals and achieved figures on the bars and a curve per year; the chain's changed
    measure is marked (1) on its bar as in the table."""
    app = open_years(monkeypatch, seeded, query={"day": "06-30"})
    picker = app.radio(key=CHAIN_KEY)
    assert picker.options == [
        "Đào tạo nghề nông thôn (2017–2018)",
        "Thương hiệu làng nghề (2017–2018)",
        "Cơ sở có dự án máy móc (2017–2018)",
        "Tập huấn quản trị DN (2017–2018)",
    ]
    wanted = {
        0: ("Đào tạo nghề", ["khoảng 30.000", "khoảng 24.000", "29.000", "13.000"], ["2017", "2018"]),
        1: ("Thương hiệu", ["10–15", "10–12", "11", "9"], ["2017", "2018"]),
        2: ("máy móc", ["10", "14", "10", "5"], ["2017", "2018 (1)"]),
        3: ("quản trị", ["100", "khoảng 1.500", "105", "1.500"], ["2017", "2018 (2)"]),
    }
    for index, (title, labels, years) in wanted.items():
        if index:
            app.radio(key=CHAIN_KEY).set_value(index).run()
            assert not app.exception
        chart = shown_chart(app)
        titles = [note["text"] for note in chart["layout"]["annotations"]]
        assert any(title.lower() in text.lower() for text in titles), titles
        assert bar_labels(chart) == labels
        assert next(trace["y"] for trace in chart["data"] if trace["type"] == "bar") == years
        curves = [trace["name"] for trace in chart["data"] if trace.get("mode") == "lines"]
        assert curves == ["2017", "2018"]
        assert len(years_table(app)) == len(ROWS_VI)  # the table keeps every chain whatever the pick
