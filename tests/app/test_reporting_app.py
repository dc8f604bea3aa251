"""The reporting page (pages/reporting.py) and the overview's line through AppTest, on the
real 2017 plan: the matrix in both languages, an empty plan, a period named in the
address, and the cycle's buttons as a district's editor and an administrator meet them.

The ledger, as of 01/08/2017 (Q1 due 10/04, Q2 due 10/07, Q3 and Q4 not yet due), each
entry as if entered at 09:00 that day in Hanoi:

    Chương Mỹ   Q1 every target, 05/04   → on time;   Q2 every target, 20/07 → late
    Ba Vì       Q1 a nil report for every target, 08/04 → nil report
    Đông Anh    Q1 workers trained only, 06/04 → partly reported
    the other 27 districts: nothing at all
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import PASSWORD, as_read, entered_on, open_page, sign_in_as, username_for
from tracker.domain.access import Credential, Role
from tracker.domain.entries import EntryKind, validate_entry
from tracker.domain.plan import Plan
from tracker.service.reporting import submit_period
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.storage.periods import PeriodBook, PeriodLockedError, PeriodStatus

AT_AUGUST = {"as_of": "2017-08-01"}
ADMIN = "Nguyễn Văn An"
CHUONG_MY_EDITOR = "Trần Thị Lan"






@pytest.fixture
def seeded(sqlite_url: str, plan: Plan) -> str:
    store = Ledger(sqlite_url, plan.id)
    try:
        for target in plan.targets:
            for day, entered in (("2017-03-20", "2017-04-05"), ("2017-06-20", "2017-07-20")):
                entry = validate_entry(
                    plan, target_id=target.id, quantity=5, ref_date=day, district="Chương Mỹ", entered_by="Sở"
                )
                entered_on(store, store.record(entry), entered)
            q1 = plan.reporting_period("2017-Q1")
            assert q1 is not None
            nil = validate_entry(
                plan,
                target_id=target.id,
                quantity=0,
                ref_date=q1.end,
                district="Ba Vì",
                entered_by="Sở",
                kind=EntryKind.nil,
            )
            entered_on(store, store.record_nil(nil, q1), "2017-04-08")
        entry = validate_entry(
            plan, target_id="workers-trained", quantity=40, ref_date="2017-02-01", district="Đông Anh", entered_by="Sở"
        )
        entered_on(store, store.record(entry), "2017-04-06")
    finally:
        store.dispose()
    return sqlite_url


def open_reporting(monkeypatch: pytest.MonkeyPatch, url: str, query: dict[str, str] | None = None) -> AppTest:
    app = open_page(monkeypatch, url, "pages/reporting.py", query={**AT_AUGUST, **(query or {})})
    assert not app.exception
    return app


def matrix(app: AppTest) -> pd.DataFrame:
    return app.table[0].value


def places(app: AppTest) -> pd.DataFrame:
    """The chosen period's table of places."""
    return app.table[1].value


def rows(frame: pd.DataFrame) -> dict[str, list[str]]:
    return {row[0]: list(row[1:]) for row in frame.itertuples(index=False)}


def texts(elements: Any) -> list[str]:
    return [as_read(element.value) for element in elements]


def status_of(url: str, plan: Plan, period: str, place: str) -> PeriodStatus | None:
    store = Ledger(url, plan.id)
    try:
        found = {(row.period, row.district): row.status for row in PeriodBook(store.database, plan.id).statuses()}
    finally:
        store.dispose()
    return found.get((period, place))


def scoped_editor(url: str, name: str, districts: list[str]) -> None:
    """An editor's account that may write only ``districts`` (signed in by its name)."""
    store = Ledger(url)
    try:
        Accounts(store.database).add_user(username_for(name), name, Role.editor, PASSWORD, districts=districts)
    finally:
        store.dispose()


def test_the_matrix_says_each_districts_state_worst_first(monkeypatch: pytest.MonkeyPatch, seeded: str) -> None:
    app = open_reporting(monkeypatch, seeded)
    assert app.title[0].value == "Tình hình báo cáo"
    table = matrix(app)
    assert list(table.columns) == [
        "Quận, huyện",
        "Quý 1/2017",
        "Quý 2/2017",
        "Quý 3/2017",
        "Quý 4/2017",
        "Tỉ lệ báo cáo",
        "Tỉ lệ đúng hạn",
    ]
    shown = rows(table)
    assert len(shown) == 30  # every district, those that sent nothing too
    assert shown["Chương Mỹ"] == ["Đúng hạn", "Trễ hạn", "Chưa đến hạn", "Chưa đến hạn", "2/2 (100%)", "1/2 (50%)"]
    assert shown["Ba Vì"] == [
        "Không phát sinh",
        "Chưa báo cáo",
        "Chưa đến hạn",
        "Chưa đến hạn",
        "1/2 (50%)",
        "1/2 (50%)",
    ]
    assert shown["Đông Anh"][:2] == ["Một phần", "Chưa báo cáo"]
    assert shown["Ba Đình"] == ["Chưa báo cáo", "Chưa báo cáo", "Chưa đến hạn", "Chưa đến hạn", "0/2 (0%)", "0/2 (0%)"]
    assert list(table["Quận, huyện"])[-3:] == ["Đông Anh", "Ba Vì", "Chương Mỹ"]  # worst first, best last
    # the latest period due is the one detailed, and the address names it
    assert app.selectbox(key="reporting_period.vi").value == "2017-Q2"
    assert app.query_params["period"] == "2017-Q2"
    assert "Chi tiết Quý 2/2017" in texts(app.subheader)
    missing = [text for text in texts(app.warning) if text.startswith("Quý 2/2017:")]
    assert missing and missing[0].startswith("Quý 2/2017: 29/30 nơi chưa gửi gì (hạn nộp 10/07/2017 đã qua): ")
    by_period = app.dataframe[0].value
    assert by_period.iloc[1].tolist() == [
        "Quý 2/2017",
        "10/07/2017",
        "1/30 (3,3%)",
        "0/30 (0%)",
        "1/30 (3,3%)",
        "1",
        "29",
    ]


def test_the_page_in_english(monkeypatch: pytest.MonkeyPatch, seeded: str) -> None:
    app = open_reporting(monkeypatch, seeded)
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Reporting"
    table = matrix(app)
    assert list(table.columns) == [
        "District",
        "Q1 2017",
        "Q2 2017",
        "Q3 2017",
        "Q4 2017",
        "Reporting rate",
        "On-time rate",
    ]
    shown = rows(table)
    assert shown["Chương Mỹ"][:3] == ["On time", "Late", "Not yet due"]
    assert shown["Ba Vì"][:2] == ["Nil report", "Missing"]
    assert shown["Đông Anh"][0] == "Partly"
    assert list(places(app).columns) == [
        "District",
        "State",
        "Entries",
        "Last entry",
        "Targets missing",
        "Period status",
    ]
    assert app.selectbox(key="reporting_target.en").value == "all"
    assert "Q2 2017 in detail" in texts(app.subheader)


def test_a_plan_with_no_entries_still_shows_the_matrix_and_says_what_the_page_is(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    app = open_page(monkeypatch, sqlite_url, "pages/reporting.py", query={"as_of": "2017-05-01"})
    assert not app.exception
    assert any(text.startswith("Chưa có số liệu nào cho kế hoạch này") for text in texts(app.info))
    assert any(text.startswith("Ai đã báo cáo kỳ nào") for text in texts(app.caption))
    shown = rows(matrix(app))
    assert len(shown) == 30
    assert all(row[:4] == ["Chưa báo cáo", "Chưa đến hạn", "Chưa đến hạn", "Chưa đến hạn"] for row in shown.values())
    assert app.selectbox(key="reporting_period.vi").value == "2017-Q1"  # the only period due by 01/05/2017


def test_the_period_in_the_address_is_the_one_detailed_and_the_address_follows_the_choice(
    monkeypatch: pytest.MonkeyPatch, seeded: str
) -> None:
    app = open_reporting(monkeypatch, seeded, {"period": "2017-Q1"})
    assert app.selectbox(key="reporting_period.vi").value == "2017-Q1"
    assert "Chi tiết Quý 1/2017" in texts(app.subheader)
    assert any("Quý 1/2017 được đóng khung" in text for text in texts(app.caption))
    detail = places(app).set_index("Quận, huyện")
    assert detail.loc["Đông Anh"].tolist() == [
        "Một phần",
        "1",
        "06/04/2017",
        "5/6: Tập huấn quản trị chủ DN, Thương hiệu làng nghề, Nhãn hiệu "
        "tập thể, DN dự hội chợ, triển lãm, Dự án máy móc hiện đại",
        "đang mở",
    ]
    assert detail.loc["Ba Vì"].tolist()[:2] == ["Không phát sinh", "6"]
    assert list(places(app)["Tình hình"])[:27] == ["Chưa báo cáo"] * 27  # who sent nothing first

    app.selectbox(key="reporting_period.vi").set_value("2017-Q3").run()
    assert app.query_params["period"] == "2017-Q3"
    assert "Chi tiết Quý 3/2017" in texts(app.subheader)
    assert any(
        text.startswith("Quý 3/2017: chưa đến hạn nộp (10/10/2017); 30/30 nơi chưa gửi gì: Ba Đình, ")
        for text in texts(app.info)
    )

    other = open_reporting(monkeypatch, seeded, {"period": "2018-Q2"})  # another plan's period: the default
    assert other.selectbox(key="reporting_period.vi").value == "2017-Q2"


def test_one_target_counts_alone(monkeypatch: pytest.MonkeyPatch, seeded: str) -> None:
    app = open_reporting(monkeypatch, seeded, {"target": "workers-trained"})
    shown = rows(matrix(app))
    assert shown["Đông Anh"][0] == "Đúng hạn"  # it owes only this one target here
    assert any("Chỉ tính chỉ tiêu: Đào tạo nghề cho lao động." in text for text in texts(app.caption))


def test_a_districts_editor_submits_their_district_and_only_theirs(
    monkeypatch: pytest.MonkeyPatch, seeded: str, plan: Plan
) -> None:
    scoped_editor(seeded, CHUONG_MY_EDITOR, ["Chương Mỹ"])
    app = open_reporting(monkeypatch, seeded)
    assert any(text.startswith("Đăng nhập để gửi báo cáo kỳ này") for text in texts(app.info))
    sign_in_as(app, seeded, CHUONG_MY_EDITOR)
    submits = [button for button in app.button if button.label.startswith("Gửi báo cáo kỳ này")]
    assert [button.label for button in submits] == ["Gửi báo cáo kỳ này: Chương Mỹ"]  # their district alone
    assert not [button for button in app.button if button.label.startswith(("Duyệt", "Khoá"))]
    assert "Chương Mỹ: đang mở" in texts(app.caption)

    submits[0].click().run()
    assert not app.exception
    assert "Đã gửi báo cáo Quý 2/2017 của Chương Mỹ." in texts(app.success)
    assert status_of(seeded, plan, "2017-Q2", "Chương Mỹ") == PeriodStatus.submitted
    status = places(app).set_index("Quận, huyện").loc["Chương Mỹ", "Trạng thái kỳ"]
    assert status.startswith(f"đã gửi (bởi {CHUONG_MY_EDITOR}, ")

    # sent: the button is off (the write refuses a second submission anyway, tests/storage)
    assert app.button(key="reporting_submit_Chương Mỹ").disabled
    assert "Chương Mỹ: đã gửi" in texts(app.caption)
    assert status_of(seeded, plan, "2017-Q2", "Chương Mỹ") == PeriodStatus.submitted


def test_an_administrator_approves_a_submitted_district_and_a_lock_needs_a_reason(
    monkeypatch: pytest.MonkeyPatch, seeded: str, plan: Plan
) -> None:
    store = Ledger(seeded, plan.id)
    try:
        q1 = plan.reporting_period("2017-Q1")
        assert q1 is not None
        PeriodBook(store.database, plan.id).submit(q1, "Chương Mỹ", CHUONG_MY_EDITOR, None)
    finally:
        store.dispose()
    app = open_reporting(monkeypatch, seeded, {"period": "2017-Q1"})
    sign_in_as(app, seeded, ADMIN, Role.admin)
    assert "Chờ duyệt (1)" in [as_read(text.value).strip("*") for text in app.markdown]
    assert not [button for button in app.button if button.label.startswith("Gửi báo cáo")]

    app.button(key="reporting_approve_0").click().run()
    assert not app.exception
    assert texts(app.success) == ["Đã duyệt Quý 1/2017 của Chương Mỹ: số liệu của kỳ này đã khoá."]
    assert status_of(seeded, plan, "2017-Q1", "Chương Mỹ") == PeriodStatus.approved
    assert places(app).set_index("Quận, huyện").loc["Chương Mỹ", "Trạng thái kỳ"].startswith(f"đã duyệt (bởi {ADMIN}, ")
    assert "Chờ duyệt (0)" in [as_read(text.value).strip("*") for text in app.markdown]

    app.button(key="reporting_lock").click().run()  # no reason given
    assert texts(app.error) == ["Không thực hiện được: Cần ghi lý do."]
    assert status_of(seeded, plan, "2017-Q1", "*") is None  # nothing written

    app.text_input(key="reporting_period_reason").input("đã họp quý 1")
    app.button(key="reporting_lock").click().run()
    assert texts(app.success) == ["Đã khoá cả Quý 1/2017 cho mọi quận, huyện."]
    assert status_of(seeded, plan, "2017-Q1", "*") == PeriodStatus.locked
    assert any(
        text.startswith("Cả kỳ đã khoá cho mọi quận, huyện từ ") and text.endswith(f"bởi {ADMIN}: đã họp quý 1")
        for text in texts(app.warning)
    )
    assert app.text_input(key="reporting_period_reason").value == ""  # done: the box is free again
    assert set(places(app)["Trạng thái kỳ"].str.split(" ").str[:2].str.join(" ")) == {"đã khoá"}

    app.selectbox(key="reporting_place").set_value("Chương Mỹ").run()
    app.text_input(key="reporting_place_reason").input("sửa số liệu")
    app.button(key="reporting_reopen_all").click().run()  # the whole period's reason box is empty
    assert texts(app.error) == ["Không thực hiện được: Cần ghi lý do."]
    app.text_input(key="reporting_period_reason").input("số liệu sai")
    app.button(key="reporting_reopen_all").click().run()
    assert texts(app.success) == ["Đã mở lại cả Quý 1/2017: gỡ 2 khoá."]
    assert status_of(seeded, plan, "2017-Q1", "Chương Mỹ") == PeriodStatus.open


def test_a_scoped_editor_is_refused_in_a_locked_period_with_the_locks_reason(
    monkeypatch: pytest.MonkeyPatch, seeded: str, plan: Plan
) -> None:
    store = Ledger(seeded, plan.id)
    try:
        q2 = plan.reporting_period("2017-Q2")
        assert q2 is not None
        PeriodBook(store.database, plan.id).lock_all(q2, ADMIN, "đã duyệt quý 2")
    finally:
        store.dispose()
    scoped_editor(seeded, CHUONG_MY_EDITOR, ["Chương Mỹ"])
    app = open_reporting(monkeypatch, seeded)
    sign_in_as(app, seeded, CHUONG_MY_EDITOR)
    # locked: the page says so and offers no submission; a forged press is refused by the write
    assert app.button(key="reporting_submit_Chương Mỹ").disabled
    assert "Chương Mỹ: đã khoá" in texts(app.caption)
    store = Ledger(seeded, plan.id)
    try:
        token, _ = Accounts(store.database).sign_in(username_for(CHUONG_MY_EDITOR), PASSWORD)
        with pytest.raises(PeriodLockedError) as refused:
            submit_period(plan, store, Credential(token=token), "2017-Q2", "Chương Mỹ")
    finally:
        store.dispose()
    assert refused.value.message("vi").endswith(
        f"bởi {ADMIN}: đã duyệt quý 2. Không ghi gì; quản trị viên có thể mở lại kỳ này."
    )
    assert status_of(seeded, plan, "2017-Q2", "Chương Mỹ") is None


def test_a_viewer_sees_the_matrix_and_no_buttons(monkeypatch: pytest.MonkeyPatch, seeded: str) -> None:
    app = open_reporting(monkeypatch, seeded)
    sign_in_as(app, seeded, "Lê Văn Xem", Role.viewer)
    assert len(matrix(app)) == 30
    assert not [button for button in app.button if button.label.startswith(("Gửi", "Duyệt", "Khoá", "Mở lại"))]
    assert any(text.startswith("Tài khoản của bạn chỉ được xem") for text in texts(app.info))


def overview_link(app: AppTest) -> Any:
    links = [element for element in app.main if type(element).__name__ == "PageLink"]
    return next((link for link in links if "reporting" in link.proto.page), None)


def test_the_overview_says_who_reported_the_latest_period_due_and_links_to_it(
    monkeypatch: pytest.MonkeyPatch, seeded: str
) -> None:
    app = open_page(monkeypatch, seeded, "pages/overview.py", query={"lang": "en"})
    assert not app.exception
    link = overview_link(app)
    assert link is not None
    # Q4 2017 is the latest period due today: nobody has sent anything for it
    assert link.proto.label == "Q4 2017: 0 of 30 districts have reported, 0 on time"
    assert "period=2017-Q4" in link.proto.query_string
    assert "lang=en" in link.proto.query_string and "plan=2017" in link.proto.query_string
