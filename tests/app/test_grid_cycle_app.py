"""The target page's grid under the reporting cycle (issue 19), on SQLite and PostgreSQL:
rows of a locked district and period, and for a district office's account the rows of
other districts and of the whole city, are shown apart from the editor, read-only, and
the page says why before anyone types; an edit state that touches a locked row anyway (a
lock that landed while the person edited, or a forged one) is refused whole with the
lock's words, and nothing is written; stating a total in a locked period is refused the
same way, and a district office is told why it cannot state one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import PASSWORD, account, as_read, open_page, record
from tracker.domain.access import Credential, Role
from tracker.domain.plan import Plan
from tracker.service.reporting import approve_period, lock_period, record_nil
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger

WORKERS = "workers-trained"
CM = "Chương Mỹ"
ADMIN = "Nguyễn Văn An"
EDITOR_KEY = f"grid-hanoi-craft-villages-2017-{WORKERS}-0"
SAVE = "Lưu tất cả thay đổi"


def admin_credential(url: str, ledger: Ledger) -> Credential:
    token, _ = Accounts(ledger.database).sign_in(account(url, ADMIN, Role.admin), PASSWORD)
    return Credential(token=token)


def approve_q2(url: str, plan: Plan) -> None:
    """The administrator approves Chương Mỹ's second quarter, which locks it."""
    ledger = Ledger(url)
    try:
        approve_period(plan, ledger, admin_credential(url, ledger), "2017-Q2", CM, "đã duyệt quý 2")
    finally:
        ledger.dispose()


def lock_q2(url: str, plan: Plan) -> None:
    """The administrator locks the whole second quarter after the committee's meeting."""
    ledger = Ledger(url)
    try:
        lock_period(plan, ledger, admin_credential(url, ledger), "2017-Q2", "họp Ban Chỉ đạo 10/07")
    finally:
        ledger.dispose()


def seed(url: str, plan: Plan) -> list[int]:
    """Chương Mỹ in March and May, Gia Lâm in May, the whole city in May."""
    return record(
        url,
        plan,
        (WORKERS, 450, "2017-03-31", CM),
        (WORKERS, 300, "2017-05-02", CM),
        (WORKERS, 200, "2017-05-03", "Gia Lâm"),
        (WORKERS, 100, "2017-05-04", None),
    )


def editor_grid(app: AppTest) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if str(frame.key or "").startswith("grid-"))


def read_only_grid(app: AppTest) -> pd.DataFrame | None:
    """The read-only rows, apart from the editor: the table that says why."""
    return next((frame.value for frame in app.dataframe if "why" in frame.value.columns), None)


def notices(app: AppTest) -> list[str]:
    return [as_read(info.value) for info in app.info]


def errors(app: AppTest) -> list[str]:
    return [as_read(error.value) for error in app.error]


def ids(frame: pd.DataFrame) -> list[int]:
    return [int(value) for value in frame["id"]]


def target_page(monkeypatch: pytest.MonkeyPatch, url: str, person: str = "Trần Lan") -> AppTest:
    return open_page(monkeypatch, url, "pages/target.py", person=person, query={"target": WORKERS})


def entries_now(url: str) -> list[tuple[int, int, object, dt.date, str | None, str | None]]:
    ledger = Ledger(url)
    try:
        rows = ledger.entries_of(WORKERS)
        return [(row.id, row.version, row.quantity, row.ref_date, row.district, row.note) for row in rows]
    finally:
        ledger.dispose()


def save(app: AppTest) -> AppTest:
    return next(b for b in app.button if b.label == SAVE).click().run()


def test_rows_of_a_locked_period_are_read_only_and_the_page_says_so_before_anyone_types(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    march, may, gia_lam, city = seed(database_url, plan)
    approve_q2(database_url, plan)
    app = target_page(monkeypatch, database_url)
    assert not app.exception
    assert sorted(ids(editor_grid(app))) == [march, gia_lam, city]  # Chương Mỹ's May row is not in the editor
    held = read_only_grid(app)
    assert held is not None and ids(held) == [may]
    assert held["why"].tolist() == ["Quý 2/2017 đã khoá"]
    said = notices(app)
    locked = next(text for text in said if text.startswith("Các dòng của kỳ đã khoá (Quý 2/2017, Chương Mỹ)"))
    assert " chỉ xem được: đã khoá từ " in locked and f" bởi {ADMIN}: đã duyệt quý 2." in locked
    assert "Một dòng mới trong kỳ đã khoá hoặc của nơi khác sẽ bị từ chối khi lưu" in locked


def test_without_locks_or_limits_every_row_is_in_the_editor(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    seed(sqlite_url, plan)
    app = target_page(monkeypatch, sqlite_url)
    assert len(editor_grid(app)) == 4
    assert read_only_grid(app) is None
    assert not [text for text in notices(app) if "chỉ xem được" in text]


def test_a_district_office_edits_its_own_rows_and_sees_the_others_read_only(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    march, may, gia_lam, city = seed(database_url, plan)
    ledger = Ledger(database_url)
    Accounts(ledger.database).set_districts(account(database_url, "Lê Thu"), [CM])
    ledger.dispose()
    app = target_page(monkeypatch, database_url, person="Lê Thu")
    assert not app.exception
    assert sorted(ids(editor_grid(app))) == [march, may]
    held = read_only_grid(app)
    assert held is not None and sorted(ids(held)) == [gia_lam, city]
    assert set(held["why"]) == {"nơi khác"}
    assert (
        "Các dòng của quận, huyện khác và của toàn thành phố chỉ xem được: tài khoản của bạn chỉ ghi số liệu "
        "của Chương Mỹ." in "\n".join(notices(app))
    )
    # a total is a city-wide figure: said instead of a form the write would refuse
    assert not [box for box in app.text_input if box.label.startswith("Tổng số đã đạt")]
    assert (
        "Điều chỉnh tổng là số liệu của toàn thành phố; tài khoản chỉ ghi số liệu của Chương Mỹ không ghi được."
        in notices(app)
    )

    # a new row of another district, sent anyway: refused with the scope's words, nothing written
    before = entries_now(database_url)
    added = {"ref_date": "2017-07-20", "quantity": "80", "district": "Gia Lâm", "village": None, "note": None}
    app.session_state[EDITOR_KEY] = {"edited_rows": {}, "added_rows": [added], "deleted_rows": []}
    app = save(app.run())
    assert not app.exception
    assert errors(app) == [
        "Tài khoản của bạn chỉ được ghi số liệu của Chương Mỹ; dòng này thuộc Gia Lâm. Không ghi gì."
    ]
    assert entries_now(database_url) == before


def test_an_edit_of_a_row_locked_while_it_was_being_edited_is_refused_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    march, may, _, _ = seed(database_url, plan)
    app = target_page(monkeypatch, database_url)
    grid = editor_grid(app)
    position = {entry: index for index, entry in enumerate(ids(grid))}
    # the person edits March and May; meanwhile the administrator approves the second quarter
    edits: dict[str, Any] = {
        "edited_rows": {position[march]: {"quantity": "500"}, position[may]: {"note": "sửa sau khi duyệt"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.session_state[EDITOR_KEY] = edits
    app.run()
    approve_q2(database_url, plan)
    before = entries_now(database_url)
    app = save(app)
    assert not app.exception
    [message] = errors(app)
    assert message.startswith("Chương Mỹ, Quý 2/2017 đã khoá từ ")
    assert f"bởi {ADMIN}: đã duyệt quý 2. Không ghi gì" in message
    assert entries_now(database_url) == before  # not even the March edit beside it
    assert app.session_state[EDITOR_KEY] == edits  # what was typed is kept, to be changed

    app = next(b for b in app.button if b.label.startswith("Tải lại")).click().run()
    assert may not in ids(editor_grid(app))  # read again: the locked row is read-only now
    assert may in ids(read_only_grid(app))  # type: ignore[arg-type]


UNREADABLE = "Không đọc được các thay đổi gửi từ bảng"
LOCKED = "Chương Mỹ, Quý 2/2017 đã khoá từ "


@pytest.mark.parametrize(
    ("forged", "refusal"),
    [
        pytest.param({"edited_rows": {"1": {"quantity": "5"}}}, UNREADABLE, id="the-locked-row-by-position"),
        pytest.param({"deleted_rows": [1]}, UNREADABLE, id="delete-the-locked-row-by-position"),
        pytest.param(
            {"added_rows": [{"ref_date": "2017-05-20", "quantity": "80", "district": CM}]},
            LOCKED,
            id="new-row-locked-period",
        ),
        pytest.param({"edited_rows": {"0": {"ref_date": "2017-04-01"}}}, LOCKED, id="move-an-open-row-into-the-lock"),
    ],
)
def test_a_forged_edit_state_cannot_reach_a_locked_row(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan, forged: dict[str, Any], refusal: str
) -> None:
    """The editor holds March only: the locked May row has no position in it to name, and
    what can be named (a new row, an open row's date) is refused by the write."""
    record(database_url, plan, (WORKERS, 450, "2017-03-31", CM), (WORKERS, 300, "2017-05-02", CM))
    approve_q2(database_url, plan)
    app = target_page(monkeypatch, database_url)
    assert len(editor_grid(app)) == 1  # March only; May is read-only
    before = entries_now(database_url)
    app.session_state[EDITOR_KEY] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []} | forged
    app.run()
    said = errors(app)  # a row the editor does not have: refused as soon as the grid reads it
    app = save(app)
    assert not app.exception
    said += errors(app)  # or by the write, with the lock's words
    assert len(said) == 1, said
    assert said[0].startswith(refusal)
    assert entries_now(database_url) == before


def test_stating_a_total_in_a_locked_period_is_refused_with_the_lock(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    seed(database_url, plan)
    lock_q2(database_url, plan)
    app = target_page(monkeypatch, database_url)
    before = entries_now(database_url)
    next(box for box in app.text_input if box.label.startswith("Tổng số đã đạt")).set_value("12400")
    next(d for d in app.date_input if d.label == "Tính đến ngày").set_value(dt.date(2017, 6, 30))
    app = next(b for b in app.button if b.label == "Ghi điều chỉnh").click().run()
    assert not app.exception
    [message] = errors(app)
    assert message.startswith("Toàn thành phố, Quý 2/2017 đã khoá từ ")
    assert f"bởi {ADMIN}: họp Ban Chỉ đạo 10/07. Không ghi gì" in message
    assert entries_now(database_url) == before
    # every district's rows of the quarter are read-only, said once for the whole period
    held = read_only_grid(app)
    assert held is not None and len(held) == 3
    assert any(text.startswith("Các dòng của kỳ đã khoá (Quý 2/2017, mọi quận, huyện)") for text in notices(app))


def test_a_nil_report_shows_in_the_grid_as_one(monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan) -> None:
    app = target_page(monkeypatch, database_url)
    ledger = Ledger(database_url)
    try:
        token, _ = Accounts(ledger.database).sign_in(account(database_url, "Trần Lan"), PASSWORD)
        record_nil(plan, ledger, Credential(token=token), target_id=WORKERS, district=CM, period="2017-Q3")
    finally:
        ledger.dispose()
    grid = editor_grid(app.run())
    assert grid[["quantity", "district", "kind"]].values.tolist() == [["0", CM, "Không có số liệu"]]
