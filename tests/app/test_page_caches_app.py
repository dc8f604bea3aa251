"""What a page keeps between reruns (tracker.ui.reads: the reads, and the figures and
tables drawn from them) never shows an old figure: a write made elsewhere (another
Ledger on the same database, as another app process or the command line would make it)
shows on the next run of the overview, the target page and the year-on-year page, and a
change of language draws every figure's words in the other language."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_editing_app import open_page
from tests.helpers import open_dashboard, record
from tracker.domain.plan import Plan


def charts(app: AppTest) -> list[str]:
    """Every chart's figure as Streamlit sends it to the browser (its JSON, its words
    written out rather than escaped)."""
    return [json.dumps(json.loads(chart.proto.spec), ensure_ascii=False) for chart in app.get("plotly_chart")]


def figure_names(app: AppTest) -> set[str]:
    """The names of every chart's traces (their legends)."""
    return {trace.get("name") for spec in charts(app) for trace in json.loads(spec)["data"] if trace.get("name")}


def table_with(app: AppTest, column: str) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def achieved_of(app: AppTest, short_name: str) -> str:
    table = table_with(app, "Đã đạt")
    return str(table.set_index("Chỉ tiêu").loc[short_name, "Đã đạt"])


def test_the_overview_shows_a_write_made_elsewhere_in_its_table_and_its_chart(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    record(database_url, plan, ("workers-trained", 2500, "2017-02-01", "Chương Mỹ"))
    app = open_dashboard(monkeypatch, database_url, query={"as_of": "2017-06-30"})
    assert achieved_of(app, "Đào tạo nghề cho lao động") == "2.500"
    before = charts(app)
    app.run()  # nothing written: the same figures, from what was kept
    assert achieved_of(app, "Đào tạo nghề cho lao động") == "2.500"
    assert charts(app) == before

    record(database_url, plan, ("workers-trained", 1234, "2017-03-01", None))  # another Ledger, as another process
    app.run()
    assert not app.exception
    assert achieved_of(app, "Đào tạo nghề cho lao động") == "3.734"
    after = charts(app)
    assert after != before
    assert "3.734" in after[0]  # the chart's hover says the new figure too


def test_the_target_page_shows_a_write_made_elsewhere_in_its_figures_and_its_entries(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    record(database_url, plan, ("workers-trained", 2500, "2017-02-01", "Chương Mỹ"))
    app = open_page(
        monkeypatch, database_url, "pages/target.py", query={"target": "workers-trained", "as_of": "2017-06-30"}
    )
    assert not app.exception
    assert {metric.label: metric.value for metric in app.metric}["Đã đạt (lao động)"] == "2.500"
    entries = table_with(app, "#")
    assert len(entries) == 1
    pace_before = charts(app)[0]

    record(database_url, plan, ("workers-trained", 1234, "2017-03-01", "Gia Lâm"))
    app.run()
    assert not app.exception
    assert {metric.label: metric.value for metric in app.metric}["Đã đạt (lao động)"] == "3.734"
    entries = table_with(app, "#")
    assert len(entries) == 2
    assert "Gia Lâm" in entries.iloc[:, 3].tolist()  # the district's column
    assert charts(app)[0] != pace_before
    assert "3.734" in charts(app)[0]


def test_the_years_page_shows_a_write_made_elsewhere(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    record(sqlite_url, plan, ("workers-trained", 2500, "2017-02-01", "Chương Mỹ"))
    app = open_page(monkeypatch, sqlite_url, "pages/years.py", query={"day": "12-31"})
    assert not app.exception
    before = table_with(app, "Năm").to_string()
    assert "2.500" in before
    app.run()
    assert table_with(app, "Năm").to_string() == before

    record(sqlite_url, plan, ("workers-trained", 1234, "2017-03-01", None))
    app.run()
    assert not app.exception
    after = table_with(app, "Năm").to_string()
    assert "3.734" in after and "2.500" not in after
    assert any("3.734" in spec for spec in charts(app))


def test_a_change_of_language_draws_every_figure_in_it_and_back(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    record(sqlite_url, plan, ("workers-trained", 2500, "2017-02-01", "Chương Mỹ"))
    app = open_page(
        monkeypatch, sqlite_url, "pages/target.py", query={"target": "workers-trained", "as_of": "2017-06-30"}
    )
    assert {"Tiến độ cần đạt", "Đã đạt (luỹ kế)"} <= figure_names(app)
    vietnamese = charts(app)
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    names = figure_names(app)
    assert {"Pace needed", "Achieved (cumulative)"} <= names
    assert "Tiến độ cần đạt" not in names
    app.sidebar.radio(key="lang").set_value("vi").run()
    assert charts(app) == vietnamese  # kept, and the same as drawn first

    app.switch_page("pages/overview.py").run()
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    overview_english = charts(app)[0]
    assert "Workers trained in a craft" in overview_english
    app.sidebar.radio(key="lang").set_value("vi").run()
    overview_vietnamese = charts(app)[0]
    assert "Đào tạo nghề cho lao động" in overview_vietnamese
    assert "Workers trained in a craft" not in overview_vietnamese
