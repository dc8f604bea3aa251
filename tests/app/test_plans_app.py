"""Two yearly plans in one file (targets.yaml: 2017, the default, and 2018), through AppTest:
the plan switch in the sidebar and in the address (``?plan=2018``), every page reading and
writing the chosen plan's entries only, the year-on-year page, and last year's figure on
a target's page.

Each test seeds the ledger of the plan it means (``Ledger(url, plan_id)``): the two plans
share target ids (workers-trained, village-brands, managers-trained), and a figure that
shows in the other year is the bug these tests look for.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import TARGETS_FILE, as_read, open_dashboard, open_page
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan, PlanSet, read_plans
from tracker.storage.ledger import Ledger

PLAN_2017 = "hanoi-craft-villages-2017"
PLAN_2018 = "hanoi-craft-villages-2018"
SWITCH = "plan_choice.vi"  # the sidebar's plan switch, drawn in Vietnamese
TITLE_2017 = "Kế hoạch hoạt động của Ban Chỉ đạo phát triển nghề và làng nghề thành phố Hà Nội năm 2017"
TITLE_2018 = "Kế hoạch phát triển nghề và làng nghề thành phố Hà Nội năm 2018"
WORKERS_2017 = "Đào tạo nghề, truyền nghề cho lao động"
WORKERS_2018 = "Đào tạo nghề cho lao động nông thôn"
BRANDS = "Hỗ trợ làng nghề xây dựng và phát triển thương hiệu"  # the same words both years
MACHINERY_2017 = "Dự án đầu tư, ứng dụng máy móc thiết bị tiên tiến hiện đại"
MACHINERY_2018 = "Cơ sở sản xuất có dự án đầu tư ứng dụng máy móc, thiết bị tiên tiến hiện đại"
MANAGERS_2017 = "Tập huấn nâng cao năng lực quản trị cho chủ doanh nghiệp và cơ sở sản xuất làng nghề"
MANAGERS_2018 = (
    "Tập huấn nâng cao năng lực quản trị doanh nghiệp cho lãnh đạo doanh nghiệp, chủ cơ sở sản xuất nông thôn"
)
MACHINERY_NOTE = "Năm 2017 đếm số dự án; năm 2018 đếm số cơ sở sản xuất có dự án"
MANAGERS_NOTE = (
    "Năm 2017 đếm số chủ doanh nghiệp, cơ sở được tập huấn; "
    "năm 2018 đếm lượt người tham dự (một người có thể dự nhiều khoá)"
)
EMPTY = "Chưa có kết quả nào được ghi nhận"
UNKNOWN_PLAN = "Địa chỉ nêu kế hoạch '1999', không có trong tệp kế hoạch; đang hiện kế hoạch mặc định."

# A ledger over both years: (target, quantity, date, district). The 2017 workers reach
# 9.000 by 30/06 and 21.000 by the year's end; 2018's machinery comes after 30/06.
LEDGER_2017 = (
    ("workers-trained", 9000, "2017-03-31", "Chương Mỹ"),
    ("workers-trained", 12000, "2017-09-30", None),
    ("village-brands", 4, "2017-05-02", "Gia Lâm"),
    ("machinery-projects", 3, "2017-06-01", None),
    ("managers-trained", 60, "2017-04-01", None),
)
LEDGER_2018 = (
    ("workers-trained", 6000, "2018-03-31", "Ba Vì"),
    ("village-brands", 5, "2018-05-02", "Gia Lâm"),
    ("machinery-facilities", 7, "2018-07-01", None),
    ("managers-trained", 400, "2018-04-01", None),
)


@pytest.fixture(scope="module")
def plans() -> PlanSet:
    return read_plans(TARGETS_FILE)


def seed(url: str, plan: Plan, *rows: tuple[str, object, str, str | None], by: str = "Nguyễn An") -> list[int]:
    """Entries recorded earlier in ``plan``'s ledger, checked as any entry is; their ids."""
    store = Ledger(url, plan.id)
    try:
        return [
            store.record(
                validate_entry(plan, target_id=target, quantity=quantity, ref_date=day, district=place, entered_by=by)
            )
            for target, quantity, day, place in rows
        ]
    finally:
        store.dispose()


def seed_both_years(url: str, plans: PlanSet) -> None:
    seed(url, plans.find("2017"), *LEDGER_2017)  # type: ignore[arg-type]
    seed(url, plans.find("2018"), *LEDGER_2018)  # type: ignore[arg-type]


def count(url: str, plan_id: str) -> int:
    store = Ledger(url, plan_id)
    try:
        return store.count_entries()
    finally:
        store.dispose()


def plan_caption(app: AppTest) -> str:
    """The overview's first caption: the plan's title and its period."""
    return as_read(app.caption[0].value)


def table_with(app: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column``."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def achieved(app: AppTest) -> dict[str, str]:
    """The overview table: each target's title and its achieved figure (the table names a
    target by its short name, unique in its plan; read back here as the title)."""
    table = table_with(app, "Đã đạt")
    titles = {target.short.vi: target.title.vi for plan in read_plans(TARGETS_FILE) for target in plan.targets}
    return dict(zip([titles[short] for short in table["Chỉ tiêu"]], table["Đã đạt"], strict=True))


def links(app: AppTest) -> dict[str, str]:
    """Every page link drawn (the sidebar's menu and the page's own), label to address query."""
    return {link.proto.label: link.proto.query_string for link in app.get("page_link")}


def shown(app: AppTest) -> list[str]:
    return [as_read(block.value) for block in app.markdown]


def captions(app: AppTest) -> list[str]:
    return [as_read(caption.value) for caption in app.caption]


def choose_plan(app: AppTest, plan_id: str, key: str = SWITCH) -> AppTest:
    app.sidebar.selectbox(key=key).set_value(plan_id).run()
    assert not app.exception
    return app


# --- The switch and the address ---------------------------------------------------------


def test_the_dashboard_opens_on_the_2017_plan_as_before(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed(sqlite_url, plans.find("2018"), ("workers-trained", 1200, "2018-04-15", None))  # type: ignore[arg-type]
    app = open_dashboard(monkeypatch, sqlite_url)
    assert not app.exception
    assert app.title[0].value == "Tổng quan tiến độ"
    assert plan_caption(app).startswith(f"{TITLE_2017} · ")
    switch = app.sidebar.selectbox(key=SWITCH)
    assert switch.label == "Kế hoạch"
    assert switch.value == PLAN_2017
    assert switch.options == [f"2017 · {TITLE_2017}", f"2018 · {TITLE_2018}"]
    assert app.query_params["plan"] == "2017"  # the address names the plan shown
    assert app.date_input(key="as_of").value == dt.date(2017, 12, 31)
    # 2018's entry is not 2017's: the 2017 ledger is still empty, its six goals listed
    assert app.info[0].value.startswith(f"**{EMPTY}**")
    assert "Kế hoạch có 6 chỉ tiêu" in app.info[0].value
    assert len(table_with(app, "Mục tiêu")) == 6


def test_plan_2018_in_the_address_shows_its_eight_targets_and_says_nothing_is_recorded(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed(sqlite_url, plans.find("2017"), *LEDGER_2017)  # type: ignore[arg-type]
    app = open_dashboard(monkeypatch, sqlite_url, query={"plan": "2018"})
    assert not app.exception
    assert plan_caption(app) == f"{TITLE_2018} · Thời kỳ kế hoạch: 01/01/2018 – 31/12/2018"
    assert app.sidebar.selectbox(key=SWITCH).value == PLAN_2018
    assert app.date_input(key="as_of").value == dt.date(2018, 12, 31)
    # 2017 has five entries, 2018 none: the 2018 overview is the empty one
    assert app.info[0].value.startswith(f"**{EMPTY}**")
    assert "Kế hoạch có 8 chỉ tiêu" in app.info[0].value
    assert len(app.get("plotly_chart")) == 0
    goals = table_with(app, "Mục tiêu")
    assert goals["Chỉ tiêu"].tolist() == [target.short.vi for target in plans.find("2018").targets]  # type: ignore[union-attr]
    assert {"Đào tạo nghề nông thôn", "Cơ sở có dự án máy móc", "Tập huấn quản trị DN"} <= set(goals["Chỉ tiêu"])
    assert WORKERS_2017 not in set(goals["Chỉ tiêu"])
    assert {"khoảng 24.000", "10–12", "14", "ít nhất 1.100"} <= set(goals["Mục tiêu"])
    assert links(app)["Ghi nhận kết quả đầu tiên"] == "plan=2018"  # the way to record keeps the plan


def test_each_year_counts_only_its_own_entries(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed_both_years(sqlite_url, plans)
    app = open_dashboard(monkeypatch, sqlite_url, query={"plan": "2018"})
    assert not app.exception
    figures = achieved(app)
    assert len(figures) == 8
    assert figures[WORKERS_2018] == "6.000"  # not 6.000 + 21.000: the same target id in 2017
    assert figures[BRANDS] == "5"
    assert figures[MANAGERS_2018] == "400"
    assert figures["Lao động sau đào tạo được cơ sở bố trí việc làm, có thu nhập ổn định"] == "0"

    choose_plan(app, PLAN_2017)
    figures = achieved(app)
    assert len(figures) == 6
    assert figures[WORKERS_2017] == "21.000"
    assert figures[BRANDS] == "4"
    assert figures[MANAGERS_2017] == "60"


def test_switching_the_plan_in_the_sidebar_changes_the_overview_and_the_address(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed(sqlite_url, plans.find("2017"), ("workers-trained", 9000, "2017-03-31", None))  # type: ignore[arg-type]
    app = open_dashboard(monkeypatch, sqlite_url, query={"as_of": "2017-06-30"})
    assert app.date_input(key="as_of").value == dt.date(2017, 6, 30)
    assert achieved(app)[WORKERS_2017] == "9.000"

    choose_plan(app, PLAN_2018)
    assert plan_caption(app).startswith(f"{TITLE_2018} · ")
    assert app.info[0].value.startswith(f"**{EMPTY}**")
    assert "Kế hoạch có 8 chỉ tiêu" in app.info[0].value
    # the address names 2018 and forgets 2017's date, which means nothing in 2018
    assert dict(app.query_params) == {"plan": "2018"}
    assert app.date_input(key="as_of").value == dt.date(2018, 12, 31)
    # every menu link (and the record link) keeps it; the line of who has reported names its period too
    assert {query.split("&period=")[0] for query in links(app).values()} == {"plan=2018"}
    assert any(query.endswith("&period=2018-Q4") for query in links(app).values())

    choose_plan(app, PLAN_2017)
    assert plan_caption(app).startswith(f"{TITLE_2017} · ")
    assert app.query_params["plan"] == "2017"
    assert achieved(app)[WORKERS_2017] == "9.000"


def test_the_chosen_plan_follows_the_person_to_every_page(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    """A page opened from the menu without ``?plan`` keeps the plan chosen in the session,
    and names it in its address again."""
    seed_both_years(sqlite_url, plans)
    app = open_dashboard(monkeypatch, sqlite_url)
    choose_plan(app, PLAN_2018)
    for page in ("pages/record.py", "pages/target.py", "pages/history.py", "pages/tasks.py", "pages/years.py"):
        app.query_params.clear()
        app.switch_page(page).run()
        assert not app.exception, page
        assert app.sidebar.selectbox(key=SWITCH).value == PLAN_2018, page
        assert app.query_params["plan"] == "2018", page
    app.query_params.clear()
    app.switch_page("pages/record.py").run()
    assert app.caption[0].value == "Mục tiêu: khoảng 24.000 lao động · đã đạt đến nay: 6.000"


def test_an_unknown_plan_in_the_address_is_said_and_the_2017_plan_shown(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed(sqlite_url, plans.find("2017"), ("workers-trained", 9000, "2017-03-31", None))  # type: ignore[arg-type]
    app = open_dashboard(monkeypatch, sqlite_url, query={"plan": "1999"})
    assert not app.exception
    assert app.sidebar.warning[0].value == UNKNOWN_PLAN
    assert plan_caption(app).startswith(f"{TITLE_2017} · ")
    assert app.sidebar.selectbox(key=SWITCH).value == PLAN_2017
    assert achieved(app)[WORKERS_2017] == "9.000"
    assert app.query_params["plan"] == "2017"  # the address now names the plan shown


def test_a_plan_named_by_its_id_opens_and_the_address_says_its_year(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    app = open_dashboard(monkeypatch, sqlite_url, query={"plan": PLAN_2018})
    assert not app.exception
    assert not [warning for warning in app.sidebar.warning if "kế hoạch mặc định" in warning.value]
    assert plan_caption(app).startswith(f"{TITLE_2018} · ")
    assert app.query_params["plan"] == "2018"


# --- Recording and reading one plan's entries -----------------------------------------------


def test_an_entry_recorded_on_the_2018_record_page_belongs_to_2018(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    app = open_page(monkeypatch, database_url, "pages/record.py", person="Trần Lan", query={"plan": "2018"})
    assert app.sidebar.selectbox(key=SWITCH).value == PLAN_2018
    app.main.selectbox(key="target.vi").set_value("workers-trained").run()
    day = app.main.date_input[0]
    assert (day.min, day.max) == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))  # the 2018 plan's period
    app.main.text_input[0].set_value("1200")
    day.set_value(dt.date(2018, 4, 15))
    app.main.selectbox[1].set_value("Chương Mỹ")
    next(button for button in app.main.button if button.label == "Lưu bản ghi").click().run()
    assert not app.exception
    assert app.success[0].value == "Đã lưu bản ghi #1: 1.200 lao động ngày 15/04/2018."
    assert app.caption[0].value == "Mục tiêu: khoảng 24.000 lao động · đã đạt đến nay: 1.200"
    assert table_with(app, "Người nhập")["Người nhập"].tolist() == ["Trần Lan"]
    assert (count(database_url, PLAN_2018), count(database_url, PLAN_2017)) == (1, 0)

    app.switch_page("pages/overview.py").run()
    assert not app.exception
    assert app.query_params["plan"] == "2018"
    assert achieved(app)[WORKERS_2018] == "1.200"

    choose_plan(app, PLAN_2017)
    assert app.info[0].value.startswith(f"**{EMPTY}**")  # nothing of 2017's recorded
    app.switch_page("pages/record.py").run()
    assert app.caption[0].value == "Mục tiêu: khoảng 30.000 lao động · đã đạt đến nay: 0"
    assert "Chưa có bản ghi nào" in app.info[0].value


def test_the_history_of_2018_lists_only_2018_changes(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed(sqlite_url, plans.find("2017"), *LEDGER_2017[:2], by="Nguyễn An")  # type: ignore[arg-type]
    [entry] = seed(sqlite_url, plans.find("2018"), LEDGER_2018[0], by="Lê Bình")  # type: ignore[arg-type]
    app = open_page(monkeypatch, sqlite_url, "pages/history.py", query={"plan": "2018"})
    assert app.title[0].value == "Lịch sử thay đổi"
    changes = table_with(app, "Người thay đổi")
    assert changes["Người thay đổi"].tolist() == ["Lê Bình"]
    assert changes["Chỉ tiêu"].tolist() == ["Đào tạo nghề nông thôn"]  # WORKERS_2018 by its short name
    assert changes["Bản ghi #"].tolist() == [entry]
    assert changes["Sau"].tolist() == ["6.000 · 31/03/2018 · Ba Vì"]
    people = next(box for box in app.main.selectbox if box.label == "Người thay đổi")
    assert people.options == ["Mọi người", "Lê Bình"]  # 2017's Nguyễn An is not a choice here

    choose_plan(app, PLAN_2017)
    changes = table_with(app, "Người thay đổi")
    assert changes["Người thay đổi"].tolist() == ["Nguyễn An", "Nguyễn An"]
    assert set(changes["Chỉ tiêu"]) == {"Đào tạo nghề cho lao động"}  # WORKERS_2017 by its short name


def test_the_overview_links_to_a_2018_target_keep_the_plan(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed(sqlite_url, plans.find("2018"), *LEDGER_2018)  # type: ignore[arg-type]
    app = open_dashboard(monkeypatch, sqlite_url, query={"plan": "2018"})
    table = table_with(app, "Chi tiết")
    link = table[table["Chỉ tiêu"] == "Cơ sở có dự án máy móc"].iloc[0]["Chi tiết"]  # MACHINERY_2018, short
    query = parse_qs(urlsplit(link).query)
    assert query["target"] == ["machinery-facilities"]
    assert query.get("plan") == ["2018"]


# --- Switching plan on a page about one target ---------------------------------------------


def test_switching_plan_on_a_target_page_forgets_the_other_years_target_and_date(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed_both_years(sqlite_url, plans)
    app = open_page(
        monkeypatch,
        sqlite_url,
        "pages/target.py",
        query={"plan": "2017", "target": "machinery-projects", "as_of": "2017-06-30"},
    )
    assert app.selectbox(key="target.vi").value == "machinery-projects"
    assert app.date_input(key="as_of").value == dt.date(2017, 6, 30)
    assert "Năm trước, cùng thời điểm" not in [header.value for header in app.subheader]  # 2017 has no year before

    choose_plan(app, PLAN_2018)
    assert app.query_params["plan"] == "2018"
    assert app.query_params.get("as_of") is None
    assert app.selectbox(key="target.vi").value in plans.find("2018").recordable_by_id()  # type: ignore[union-attr]
    assert app.query_params["target"] == app.selectbox(key="target.vi").value  # a 2018 target, named again
    assert app.date_input(key="as_of").value == dt.date(2018, 12, 31)


# --- Last year on a target's page ------------------------------------------------------------


def test_the_2018_target_page_shows_last_year_at_the_same_day(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed_both_years(sqlite_url, plans)
    app = open_page(
        monkeypatch,
        sqlite_url,
        "pages/target.py",
        query={"plan": "2018", "target": "workers-trained", "as_of": "2018-06-30"},
    )
    assert not app.exception
    assert "Năm trước, cùng thời điểm" in [header.value for header in app.subheader]
    said = shown(app)
    assert "2018, đến ngày 30/06/2018: **6.000** / khoảng 24.000 lao động (25%)" in said
    # 9.000 by 30/06/2017 (the 12.000 of September not yet), 21.000 for the whole of 2017
    assert "2017, đến ngày 30/06/2017: **9.000** / khoảng 30.000 lao động (30%) · cả kỳ 21.000" in said
    assert not [caption for caption in captions(app) if caption.startswith("Cách đo đã thay đổi")]  # same measure
    assert links(app)["Mở chỉ tiêu năm 2017"] == "plan=2017&target=workers-trained&as_of=2017-06-30"

    # the link opens the 2017 target at that day
    before = open_page(
        monkeypatch,
        sqlite_url,
        "pages/target.py",
        query={"plan": "2017", "target": "workers-trained", "as_of": "2017-06-30"},
    )
    assert not before.exception
    assert before.sidebar.selectbox(key=SWITCH).value == PLAN_2017
    assert before.date_input(key="as_of").value == dt.date(2017, 6, 30)
    assert before.caption[0].value == "Mục tiêu: khoảng 30.000 lao động · đã đạt đến nay: 9.000"
    assert "Năm trước, cùng thời điểm" not in [header.value for header in before.subheader]


def test_a_2018_target_that_continues_nothing_has_no_last_year(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed_both_years(sqlite_url, plans)
    app = open_page(
        monkeypatch, sqlite_url, "pages/target.py", query={"plan": "2018", "target": "export-design-consultants"}
    )
    assert not app.exception
    assert app.selectbox(key="target.vi").value == "export-design-consultants"
    assert "Năm trước, cùng thời điểm" not in [header.value for header in app.subheader]
    assert "Mở chỉ tiêu năm 2017" not in links(app)


def test_last_year_with_a_changed_measure_says_so_in_english(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    seed_both_years(sqlite_url, plans)
    app = open_page(
        monkeypatch,
        sqlite_url,
        "pages/target.py",
        query={"plan": "2018", "target": "managers-trained", "as_of": "2018-06-30"},
    )
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.sidebar.selectbox(key="plan_choice.en").label == "Plan"
    assert app.sidebar.selectbox(key="plan_choice.en").value == PLAN_2018  # the plan survives the language
    assert app.query_params["plan"] == "2018"
    assert "Last year at the same point" in [header.value for header in app.subheader]
    said = shown(app)
    assert "2018, by 30/06/2018: **400** / about 1,500 attendances (26.7%)" in said
    assert "2017, by 30/06/2017: **60** / 100 owners (60%) · whole period 60" in said
    assert (
        "The measure changed: 2017 counted the owners trained; 2018 counts attendances "
        "(one person may attend several courses)"
    ) in captions(app)
    assert links(app)["Open the 2017 target"] == "plan=2017&target=managers-trained&as_of=2017-06-30&lang=en"


# --- Year on year ----------------------------------------------------------------------------


def open_years(
    monkeypatch: pytest.MonkeyPatch, url: str, query: dict[str, str] | None = None, targets: Path | None = None
) -> AppTest:
    app = open_page(monkeypatch, url, "pages/years.py", query=query, targets=targets)
    assert not app.exception
    return app


# The table, its columns and the compared day's picker: tests/app/test_years_app.py.


def test_with_one_plan_and_no_links_the_years_page_explains_itself(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    text = TARGETS_FILE.read_text(encoding="utf-8")
    alone = tmp_path / "targets.yaml"
    alone.write_text(text[: text.index("\n    tasks:")] + "\n", encoding="utf-8")  # the 2017 plan alone
    app = open_years(monkeypatch, sqlite_url, targets=alone)
    assert app.title[0].value == "So sánh các năm"
    assert app.info[0].value == (
        "Chưa có chỉ tiêu nào nối với chỉ tiêu của năm trước. Trong tệp kế hoạch, thêm "
        "`continues: id-kế-hoạch/id-chỉ-tiêu` vào chỉ tiêu của năm sau."
    )
    assert not app.dataframe
    assert len(app.get("plotly_chart")) == 0
    assert not app.sidebar.selectbox  # one plan: nothing to switch
    assert app.query_params["plan"] == "2017"


# --- Found in review ------------------------------------------------------------------------


def test_a_plan_in_the_address_is_shown_as_text_never_as_a_link_or_image(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    app = open_dashboard(
        monkeypatch, sqlite_url, query={"plan": "![x](http://evil.example/t.png) [go](http://evil.example)"}
    )
    assert not app.exception
    warning = app.sidebar.warning[0].value
    assert "![x](http://" not in warning and "[go](http://" not in warning  # every mark escaped
    assert "evil\\.example" in warning  # the text itself is still said, its dot escaped


def test_unsaved_grid_edits_of_one_year_never_show_on_the_other_years_grid(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet
) -> None:
    """workers-trained is in both plans; a 2017 grid with an edit not yet saved must not
    follow the person to the 2018 page (found in review: the 2017 rows were shown there)."""
    seed_both_years(sqlite_url, plans)
    app = open_page(
        monkeypatch,
        sqlite_url,
        "pages/target.py",
        person="Trần Lan",
        query={"plan": "2017", "target": "workers-trained"},
    )
    grid = next(frame for frame in app.dataframe if str(frame.key or "").startswith("grid-"))
    app.session_state[str(grid.key)] = {"edited_rows": {0: {"note": "chưa lưu"}}, "added_rows": [], "deleted_rows": []}
    app.run()
    choose_plan(app, PLAN_2018)
    app.selectbox(key="target.vi").set_value("workers-trained").run()
    grid_2018 = next(frame for frame in app.dataframe if str(frame.key or "").startswith("grid-"))
    assert str(grid_2018.key).startswith(f"grid-{PLAN_2018}-")
    assert [day.year for day in pd.to_datetime(grid_2018.value["ref_date"])] == [2018]  # 2018's one entry alone


def test_figures_of_a_plan_the_file_no_longer_holds_are_said_not_hidden(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plans: PlanSet, tmp_path: Path
) -> None:
    """A database upgraded from a release whose plan file had another id keeps its rows
    under the 2017 id; an office whose file names its plan otherwise is told so."""
    seed_both_years(sqlite_url, plans)
    renamed = tmp_path / "targets.yaml"
    text = TARGETS_FILE.read_text(encoding="utf-8")
    renamed.write_text(text.replace("id: hanoi-craft-villages-2017", "id: my-office-plan-2017"), encoding="utf-8")
    renamed.write_text(
        renamed.read_text(encoding="utf-8").replace("hanoi-craft-villages-2017/", "my-office-plan-2017/"),
        encoding="utf-8",
    )
    app = open_dashboard(monkeypatch, sqlite_url, targets=renamed)
    assert not app.exception
    said = (
        "Cơ sở dữ liệu có số liệu của kế hoạch hanoi\\-craft\\-villages\\-2017, không có trong tệp kế hoạch: "
        "các số liệu đó không hiện ở đâu. Hãy thêm lại kế hoạch ấy (đúng id) vào tệp."
    )
    assert said in [w.value for w in app.sidebar.warning]
    normal = open_dashboard(monkeypatch, sqlite_url)
    assert said not in [w.value for w in normal.sidebar.warning]  # the file names both plans: nothing to say
