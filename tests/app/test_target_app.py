"""The target page as the committee reads it, through AppTest: where the target stands,
the projection in words, the pace over time by month or quarter, what the plan says,
and the link from the overview that opens it at the overview's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.app.test_editing_app import open_page
from tests.conftest import TARGETS_FILE as TARGETS
from tests.helpers import as_read, open_dashboard, record
from tracker.domain.plan import Plan, load_plan


def seed(url: str, plan: Plan, *entries: tuple[str, object, str, str | None]) -> None:
    record(url, plan, *entries, by="Lan")


def test_a_shared_link_opens_the_target_at_its_date_with_the_projection_in_words(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    # 14/03/2017 is a fifth of the year: 5.500 trained by then projects to 27.500
    seed(
        sqlite_url,
        plan,
        ("workers-trained", 2500, "2017-02-01", "Chương Mỹ"),
        ("workers-trained", 3000, "2017-03-10", None),
    )
    app = open_page(
        monkeypatch, sqlite_url, "pages/target.py", query={"target": "workers-trained", "as_of": "2017-03-14"}
    )
    assert not app.exception
    assert app.date_input(key="as_of").value == dt.date(2017, 3, 14)
    said = shown(app)
    assert "**Theo tốc độ hiện nay, dự kiến đạt 27.500 / 30.000 (91,7%) vào 31/12/2017.**" in said
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Đã đạt (lao động)"] == "5.500"
    assert metrics["Dự kiến cuối kỳ"] == "27.500"
    assert ":orange-badge[Cần đẩy nhanh]" in said  # the status, in the chart's colour family
    assert plan.target("workers-trained").source_text in [text.value for text in app.text]
    assert "Kinh phí khuyến công, khuyến nông…" in [text.value for text in app.text]


def test_per_period_figures_switch_between_months_and_quarters(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    seed(
        sqlite_url,
        plan,
        ("fair-participants", 40, "2017-02-10", "Gia Lâm"),
        ("fair-participants", 25, "2017-05-02", None),
    )
    app = open_page(
        monkeypatch, sqlite_url, "pages/target.py", query={"target": "fair-participants", "as_of": "2017-06-30"}
    )
    periods = period_table(app)
    assert len(periods) == 12
    assert periods["Kỳ"].tolist()[:2] == ["T1/2017", "T2/2017"]
    assert periods["Đã đạt trong kỳ"].tolist()[:6] == ["0", "40", "0", "0", "25", "0"]
    app.segmented_control(key="pace_step").set_value("quarter").run()
    periods = period_table(app)
    assert periods["Kỳ"].tolist() == ["Quý 1/2017", "Quý 2/2017", "Quý 3/2017", "Quý 4/2017"]
    assert periods["Đã đạt trong kỳ"].tolist() == ["40", "25", "–", "–"]
    assert periods["Luỹ kế đã đạt"].tolist()[:2] == ["40", "65"]


def test_an_empty_target_explains_its_chart(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = open_page(
        monkeypatch, sqlite_url, "pages/target.py", query={"target": "machinery-projects", "as_of": "2017-06-30"}
    )
    assert not app.exception
    assert app.info[0].value.startswith("Chưa có bản ghi nào cho chỉ tiêu này đến ngày 30/06/2017.")
    assert "**Chưa có số liệu nào đến ngày 30/06/2017, nên chưa thể dự báo.**" in shown(app)


def test_a_context_figure_says_it_has_no_pace(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = open_page(monkeypatch, sqlite_url, "pages/target.py", query={"target": "craft-village-exports"})
    assert not app.exception
    assert app.info[0].value == "Đây là số liệu bối cảnh, không phải chỉ tiêu: không có tiến độ cần đạt."


def test_the_target_page_speaks_english(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan) -> None:
    seed(sqlite_url, plan, ("village-brands", 3, "2017-02-01", "Gia Lâm"))
    app = open_page(
        monkeypatch, sqlite_url, "pages/target.py", query={"target": "village-brands", "as_of": "2017-03-14"}
    )
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert "**At the pace so far, projected to reach 15 / 10–15 (150%) by 31/12/2017.**" in shown(app)
    assert period_table(app)["Period"].tolist()[:2] == ["Jan 2017", "Feb 2017"]


def shown(app: object) -> list[str]:
    """The page's Markdown blocks as they read: a character escaped so that the plan's
    words show as written (``\\(`` for a bracket) reads as itself."""
    return [as_read(block.value) for block in app.markdown]  # type: ignore[attr-defined]


def period_table(app: object) -> object:
    """The per-period table, its tab and its expander opened first as a person opens them:
    a closed one is not drawn (a hidden grid cost the browser as much as a shown one)."""

    def found() -> object:
        return next(
            (
                frame.value
                for frame in app.dataframe  # type: ignore[attr-defined]
                if "Kỳ" in frame.value.columns or "Period" in frame.value.columns
            ),
            None,
        )

    for tab in ("Theo từng kỳ", "Per period"):  # the tab of the page's language
        if found() is None:
            app.session_state["pace_tab"] = tab  # type: ignore[attr-defined]
            app.session_state["pace_table"] = True  # type: ignore[attr-defined]
            app.run()  # type: ignore[attr-defined]
    table = found()
    assert table is not None
    return table


def test_a_target_with_a_period_of_its_own_can_be_seen_to_its_end(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    """The plan runs in 2017; a target that runs into 2018 is viewed up to its own end."""
    plan_text = TARGETS.read_text(encoding="utf-8").replace(
        "        goal: {shape: exact, value: 480}\n",
        "        goal: {shape: exact, value: 480}\n        period: {start: 2017-03-15, end: 2018-02-10}\n",
    )
    own = tmp_path / "targets.yaml"
    own.write_text(plan_text, encoding="utf-8")
    plan = load_plan(own)
    seed(
        sqlite_url, plan, ("fair-participants", 200, "2017-06-01", None), ("fair-participants", 300, "2018-01-20", None)
    )
    app = open_dashboard(
        monkeypatch,
        sqlite_url,
        "pages/target.py",
        targets=own,
        query={"target": "fair-participants", "as_of": "2018-02-10"},
    )
    assert not app.exception
    assert app.date_input(key="as_of").value == dt.date(2018, 2, 10)
    said = shown(app)
    assert "**Kỳ kế hoạch đã kết thúc ngày 10/02/2018: đạt 500 / 480 (104,2%).**" in said
    assert period_table(app)["Kỳ"].tolist()[-2:] == ["T1/2018", "T2/2018"]


def test_the_pace_tabs_fall_back_to_the_cumulative_line(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    """The per-period tab, opened, is drawn alone; after a switch of language (its label
    is another) or with a choice no tab has (a forged widget state), the page draws the
    cumulative line again rather than nothing."""
    seed(sqlite_url, plan, ("village-brands", 3, "2017-02-01", "Gia Lâm"))
    app = open_page(
        monkeypatch, sqlite_url, "pages/target.py", query={"target": "village-brands", "as_of": "2017-03-14"}
    )
    app.session_state["pace_tab"] = "Theo từng kỳ"  # type: ignore[attr-defined]
    app.run()
    assert app.segmented_control(key="pace_step").value == "month"  # the periods' tab is drawn
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.session_state["pace_tab"] == "Cumulative against the pace needed"  # type: ignore[attr-defined]
    assert not app.get("segmented_control")
    app.session_state["pace_tab"] = "<script>alert(1)</script>"  # type: ignore[attr-defined]
    app.run()
    assert not app.exception
    assert app.session_state["pace_tab"] == "Cumulative against the pace needed"  # type: ignore[attr-defined]
