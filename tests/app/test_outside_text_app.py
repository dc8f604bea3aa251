"""Text from outside the app, as the pages repeat it: an address's value never brings a
hidden character onto the page (a right-to-left override that makes "8102" read "2018",
a NUL); it is shown written out, as ⟨U+202E⟩, and cut to a line."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from tests.helpers import as_read, open_dashboard, open_page, record
from tests.report_files import csv_bytes
from tracker.domain.plan import Plan
from tracker.domain.reports import Field
from tracker.storage.ledger import Ledger
from tracker.ui import import_parts

WORKERS = "workers-trained"

UNKNOWN_PLAN = "Địa chỉ nêu kế hoạch '{plan}', không có trong tệp kế hoạch; đang hiện kế hoạch mặc định."


def sidebar_warnings(monkeypatch: pytest.MonkeyPatch, url: str, plan: str) -> list[str]:
    app = open_dashboard(monkeypatch, url, query={"plan": plan})
    assert not app.exception
    return [as_read(warning.value) for warning in app.sidebar.warning]


@pytest.mark.parametrize(
    ("linked", "shown"),
    [
        ("\u202e8102", "⟨U+202E⟩8102"),  # ?plan=%E2%80%AE8102: reads "2018" in the browser
        ("\x00", "⟨U+0000⟩"),  # ?plan=%00
        ("20\u200b18", "20⟨U+200B⟩18"),  # a zero-width space between the digits
    ],
    ids=["right-to-left override", "NUL", "zero-width space"],
)
def test_an_unknown_plan_in_the_address_is_repeated_with_its_hidden_characters_written_out(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, linked: str, shown: str
) -> None:
    warnings = sidebar_warnings(monkeypatch, sqlite_url, linked)
    assert UNKNOWN_PLAN.format(plan=shown) in warnings
    hidden = linked.strip("0123456789")
    assert not [warning for warning in warnings if hidden in warning]


def test_a_long_unknown_plan_is_cut_to_a_line(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    warnings = sidebar_warnings(monkeypatch, sqlite_url, "\u202e" + "9" * 200)
    assert UNKNOWN_PLAN.format(plan="⟨U+202E⟩" + "9" * 72 + "…") in warnings


# --- village names that mix alphabets, refused in the form and in the grid -----------------

SON_DONG_CYRILLIC_O = "Làng S\u043en Đồng"  # a Cyrillic о where the o is
MIXED = "tên trộn chữ của nhiều bảng chữ cái: 'о' (U+043E, chữ Kirin) không phải chữ Latinh như các chữ khác"


def test_the_form_refuses_a_village_with_a_letter_of_another_alphabet(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    app = open_page(monkeypatch, database_url, "pages/record.py", person="Trần Lan")
    app.main.text_input[0].set_value("10")
    app.date_input[0].set_value(dt.date(2017, 3, 31))
    app.selectbox[1].set_value("Hoài Đức")
    next(box for box in app.main.text_input if box.label == "Làng nghề (không bắt buộc)").set_value(SON_DONG_CYRILLIC_O)
    next(button for button in app.main.button if button.label == "Lưu bản ghi").click().run()
    assert not app.exception
    message = as_read(app.error[0].value)
    assert message.startswith("Chưa lưu") and f"Làng nghề: {MIXED}" in message
    assert Ledger(database_url).count_entries() == 0


def test_the_grid_refuses_a_village_with_a_letter_of_another_alphabet(
    monkeypatch: pytest.MonkeyPatch, database_url: str, plan: Plan
) -> None:
    record(database_url, plan, (WORKERS, 10, "2017-03-31", "Hoài Đức"))
    app = open_page(monkeypatch, database_url, "pages/target.py", person="Trần Lan", query={"target": WORKERS})
    # AppTest cannot type into the grid: its edit state is what the browser sends
    app.session_state[f"grid-hanoi-craft-villages-2017-{WORKERS}-0"] = {
        "edited_rows": {0: {"village": SON_DONG_CYRILLIC_O}},
        "added_rows": [{"ref_date": "2017-04-30", "quantity": "5", "district": "Hoài Đức", "village": "Phù Lαng"}],
        "deleted_rows": [],
    }
    app.run()
    next(button for button in app.button if button.label == "Lưu tất cả thay đổi").click().run()
    assert not app.exception
    assert app.error[0].value.startswith("Chưa lưu gì: 2 ô cần sửa.")
    problems = next(frame.value for frame in app.dataframe if "Vấn đề" in frame.value.columns)
    said = problems.set_index("Dòng")
    assert said.loc["Bản ghi #1", "Cột"] == "Làng nghề" and said.loc["Bản ghi #1", "Vấn đề"].startswith(MIXED)
    assert "'α' (U+03B1, chữ Hy Lạp)" in said.loc["Dòng mới 1", "Vấn đề"]
    store = Ledger(database_url)
    [entry] = store.entries_where()
    assert (entry.village, entry.version, store.count_entries()) == (None, 1, 1)


# --- addresses written with digits of other scripts ---------------------------------------------


def test_an_as_of_date_in_other_digits_is_no_date_and_the_default_is_shown(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    app = open_dashboard(monkeypatch, sqlite_url, query={"as_of": "２０１７-06-30"})
    assert not app.exception
    assert app.date_input(key="as_of").value == dt.date(2017, 12, 31)  # the year is over: its end


def test_a_compared_day_in_other_digits_is_left_for_the_default(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    app = open_page(monkeypatch, sqlite_url, "pages/years.py", query={"day": "٠٦-٣٠"})
    assert not app.exception
    day, month = app.selectbox(key="compare_day.day.widget"), app.selectbox(key="compare_day.month.vi")
    assert (day.value, month.value) == (31, 12)  # the year's end


# --- an uploaded file's headers and cells, as the import page repeats them ----------------------


def test_the_import_page_writes_out_hidden_characters_of_headers_and_cells(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    data = csv_bytes(
        [
            ("Quận/huyện", "Mã mục tiêu", "Kỳ báo cáo", "Số lượng", "Ghi chép\u202e"),
            ("Hoài Đức\u202e", WORKERS, "2017-03", "10", ""),
            ("Hoài Đức", WORKERS, "T٣/2017", "10", ""),
        ]
    )
    app = open_page(monkeypatch, sqlite_url, "pages/imports.py", person="Trần Lan")
    app.file_uploader[0].set_value(("bao-cao.csv", data, "text/csv")).run()
    assert not app.exception
    [error] = [as_read(e.value) for e in app.error]
    assert "dòng 2: Quận/huyện: 'Hoài Đức⟨U+202E⟩' không phải" in error
    assert "dòng 3: Kỳ báo cáo: 'T٣/2017' có chữ số không phải 0–9" in error
    note = app.selectbox(key=import_parts.column_key(hashlib.sha256(data).hexdigest(), Field.note))
    assert "Ghi chép⟨U+202E⟩" in note.options  # a column the person may choose, named as written
    shown = [str(cell) for frame in app.dataframe for cell in frame.value.to_numpy().ravel()]
    assert "Hoài Đức⟨U+202E⟩" in shown
    everything = [error, *note.options, *shown, *[as_read(c.value) for c in app.caption]]
    assert not [text for text in everything if "\u202e" in text]
