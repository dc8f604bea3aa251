"""Numbers typed on the pages the way the page's language writes them: the record form
saves "1.200" as twelve hundred in Vietnamese, refuses what could mean two numbers with
both readings, and the import's preview says how a number written as text was read."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import as_read, open_dashboard, open_page, sign_in_as
from tracker.domain.plan import Plan
from tracker.domain.reports import periods_of
from tracker.i18n import Lang
from tracker.present.template import template_rows, template_xlsx
from tracker.storage.ledger import Ledger

WORKERS = "workers-trained"
EXPORTS = "craft-village-exports"  # million USD: decimals are allowed
SAVE = {"vi": "Lưu bản ghi", "en": "Save entry"}


def record_in_form(app: AppTest, lang: Lang, target_id: str, quantity: str) -> AppTest:
    """The record form filled as a person would: the whole city, 31/03/2017."""
    app.switch_page("pages/record.py").run()
    app.selectbox(key=f"target.{lang}").set_value(target_id).run()
    app.main.text_input[0].set_value(quantity)
    app.date_input[0].set_value(dt.date(2017, 3, 31))
    app.selectbox[1].set_value("")
    return next(b for b in app.main.button if b.label == SAVE[lang]).click().run()


def recorded(url: str, target_id: str) -> list[Decimal]:
    ledger = Ledger(url)
    try:
        return [row.quantity for row in ledger.entries_of(target_id)]
    finally:
        ledger.dispose()


def signed_in(monkeypatch: pytest.MonkeyPatch, url: str, lang: Lang) -> AppTest:
    app = sign_in_as(open_dashboard(monkeypatch, url), url, "Lan")
    if lang == "en":
        app.radio(key="lang").set_value("en").run()
    return app


def test_the_form_saves_1_200_as_twelve_hundred_in_vietnamese(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = record_in_form(signed_in(monkeypatch, sqlite_url, "vi"), "vi", WORKERS, "1.200")
    assert not app.exception and not app.error
    assert app.success[0].value.startswith("Đã lưu bản ghi #1: 1.200 lao động")
    assert recorded(sqlite_url, WORKERS) == [Decimal(1200)]


def test_the_form_refuses_a_number_with_two_readings_and_shows_both(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    app = record_in_form(signed_in(monkeypatch, sqlite_url, "vi"), "vi", EXPORTS, "1,200")
    assert "Số lượng: '1,200': 1,2 hay 1.200?" in as_read(app.error[0].value)
    assert recorded(sqlite_url, EXPORTS) == []


def test_in_english_the_form_reads_the_english_way(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    app = record_in_form(signed_in(monkeypatch, sqlite_url, "en"), "en", WORKERS, "1.200")
    assert "Quantity: '1.200': 1.2 or 1,200?" in as_read(app.error[0].value)
    assert recorded(sqlite_url, WORKERS) == []
    app = record_in_form(app, "en", WORKERS, "1,200")
    assert not app.error
    assert recorded(sqlite_url, WORKERS) == [Decimal(1200)]


def test_the_import_preview_shows_how_a_text_number_was_read(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    rows = template_rows(plan, ["Chương Mỹ"], periods_of(plan.period)[:3])
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(plan, rows)))
    workbook["Số liệu"].cell(2, 5).value = "1.200"  # typed as text, the Vietnamese way
    workbook["Số liệu"].cell(3, 5).value = 450  # a number cell
    out = io.BytesIO()
    workbook.save(out)

    app = open_page(monkeypatch, sqlite_url, "pages/imports.py", person="Trần Lan")
    app.file_uploader[0].set_value(("bao-cao.xlsx", out.getvalue(), "application/octet-stream")).run()
    assert not app.exception
    shown = next(frame.value for frame in app.dataframe if "Số lượng" in frame.value.columns)
    assert {"«1.200» đọc là 1200", "450"} <= set(shown["Số lượng"])  # the template's other rows are blank
