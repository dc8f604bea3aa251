"""The record form after a save (issue 18, point 1 and the form's part of point 8): the
quantity box is empty, so the form does not invite a second press; an entry identical to
one recorded asks "Vẫn lưu?" beside the Save button, and confirming saves it exactly once;
every outcome is said under the button and as a toast."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import as_read, open_page
from tracker.storage.ledger import Ledger

FAIRS = "fair-participants"
JUNE_20 = dt.date(2017, 6, 20)
SAVE, CONFIRM, CANCEL = "Lưu bản ghi", "Vẫn lưu", "Không lưu"


def fill(app: AppTest, quantity: str, note: str = "Hội chợ tháng 6", day: dt.date | None = JUNE_20) -> AppTest:
    """Type the fairs figure as a person does, then press Save; the district stays as chosen
    (the whole city) once chosen."""
    app.main.text_input[0].set_value(quantity)
    if day is not None:
        app.date_input[0].set_value(day)
    if app.selectbox[1].value is None:
        app.selectbox[1].set_value("")
    app.text_area[0].set_value(note)
    return button(app, SAVE).click().run()


def button(app: AppTest, label: str) -> Any:
    return next(b for b in app.main.button if b.label == label)


def entries_in(url: str) -> list[tuple[dt.date, object, str | None]]:
    ledger = Ledger(url)
    try:
        return [(row.ref_date, row.quantity, row.note) for row in ledger.entries_of(FAIRS)]
    finally:
        ledger.dispose()


@pytest.fixture
def form(monkeypatch: pytest.MonkeyPatch, database_url: str) -> AppTest:
    return open_page(monkeypatch, database_url, "pages/record.py", person="Trần Lan", query={"target": FAIRS})


def test_after_a_save_the_quantity_is_empty_and_the_target_date_and_district_stay(
    form: AppTest, database_url: str
) -> None:
    app = fill(form, "60")
    assert not app.exception
    assert as_read(app.success[0].value) == "Đã lưu bản ghi #1: 60 cơ sở, DN ngày 20/06/2017."
    assert [toast.value for toast in app.toast] == [app.success[0].value]  # seen wherever the page is scrolled
    assert app.main.text_input[0].value == ""  # nothing there to save twice
    assert app.date_input[0].value == JUNE_20
    assert app.selectbox[1].value == ""  # the whole city, still chosen
    assert app.text_area[0].value == "Hội chợ tháng 6"  # the note stays with the place and the date
    assert app.selectbox(key="target.vi").value == FAIRS
    assert len(entries_in(database_url)) == 1

    app = fill(app, "25")  # the next figure needs only its quantity
    assert app.success[0].value.startswith("Đã lưu bản ghi #2: 25")
    assert len(entries_in(database_url)) == 2


def test_typing_the_quantity_again_after_a_save_asks_before_saving_it_twice(form: AppTest, database_url: str) -> None:
    app = fill(form, "60")
    app.main.text_input[0].set_value("60")  # the one box the save emptied, typed again; nothing else touched
    app = button(app, SAVE).click().run()
    assert not app.exception
    assert as_read(app.warning[0].value).startswith("Đã có một bản ghi giống hệt (số 1, do Trần Lan nhập lúc ")
    assert len(entries_in(database_url)) == 1  # 60 on 20/06/2017 is not counted twice


def test_the_same_figure_again_asks_and_confirming_saves_it_once(form: AppTest, database_url: str) -> None:
    app = fill(form, "60")
    app = fill(app, "60")  # the same figure, the same note: what a second press sent
    assert not app.exception
    question = as_read(app.warning[0].value)
    assert question.startswith("Đã có một bản ghi giống hệt (số 1, do Trần Lan nhập lúc ")
    assert "). Vẫn lưu?" in question
    assert "Sẽ lưu thêm: 60 cơ sở, DN ngày 20/06/2017, Toàn thành phố." in question
    assert any("giống hệt" in toast.value for toast in app.toast)
    assert len(entries_in(database_url)) == 1  # nothing written until confirmed

    app = button(app, CONFIRM).click().run()
    assert not app.exception
    assert as_read(app.success[0].value) == "Đã lưu bản ghi #2: 60 cơ sở, DN ngày 20/06/2017."
    assert not app.warning and all(b.label != CONFIRM for b in app.main.button)  # nothing left to confirm
    assert [quantity for _, quantity, _ in entries_in(database_url)] == [60, 60]
    assert app.run().main.text_input[0].value == ""
    assert len(entries_in(database_url)) == 2  # a double click on «Vẫn lưu»: tests/e2e/test_record_repeats.py


def test_a_question_is_about_the_target_it_was_asked_on(form: AppTest, database_url: str) -> None:
    app = fill(form, "60")
    app = fill(app, "60")
    assert app.warning
    app = app.selectbox(key="target.vi").set_value("workers-trained").run()  # another target on the form
    assert not app.warning and all(b.label != CONFIRM for b in app.main.button)
    app = app.selectbox(key="target.vi").set_value(FAIRS).run()
    assert not app.warning  # dropped, not hidden
    assert len(entries_in(database_url)) == 1


def test_declining_writes_nothing_and_another_note_is_another_report(form: AppTest, database_url: str) -> None:
    app = fill(form, "60")
    app = fill(app, "60")
    app = button(app, CANCEL).click().run()
    assert not app.exception
    assert app.info[0].value == "Đã bỏ, không lưu bản ghi trùng."
    assert not app.warning
    assert len(entries_in(database_url)) == 1

    app = fill(app, "60", note="Hội chợ Bát Tràng")  # two different notes are two reports
    assert app.success[0].value.startswith("Đã lưu bản ghi #2: 60")
    assert len(entries_in(database_url)) == 2


def test_a_refusal_is_said_under_the_button_and_as_a_toast(form: AppTest, database_url: str) -> None:
    app = fill(form, "abc")
    message = as_read(app.error[0].value)
    assert message.startswith("Chưa lưu")
    assert "'abc' không phải là một số" in message
    assert any("'abc' không phải là một số" in as_read(toast.value) for toast in app.toast)
    assert app.main.text_input[0].value == "abc"  # a refused figure stays, to be corrected
    assert entries_in(database_url) == []
