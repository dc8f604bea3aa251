"""Numbers typed the way each language writes them, through every write of the service, on
SQLite and PostgreSQL: the grid, a stated total and the import's text cells read "1.200"
as twelve hundred in Vietnamese, refuse what could mean two numbers with both readings,
and the import's preview says how each text number was read."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.conftest import at_server
from tests.report_files import csv_bytes
from tests.service.grid_helpers import EXPORTS, WORKERS, new_row, save, state, total, view
from tracker import service
from tracker.domain.entries import EntryError
from tracker.domain.plan import Plan
from tracker.i18n import Lang
from tracker.present.imports import preview_lines, preview_table
from tracker.service.grid import DECIMAL_PATTERN, WHOLE_PATTERN
from tracker.service.imports import Outcome, preview_import, write_import
from tracker.service.spreadsheets import read_spreadsheet
from tracker.storage.ledger import Ledger

# --- the grid ---------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "typed"), [("vi", "1.200"), ("en", "1,200"), ("vi", "1200"), ("vi", "1 200")])
def test_the_grid_reads_twelve_hundred_as_the_person_writes_it(
    plan: Plan, ledger: Ledger, lang: Lang, typed: str
) -> None:
    frame = view(ledger, lang)
    added = new_row(ref_date="2017-05-31", quantity=typed, district="Chương Mỹ")
    outcome = save(plan, ledger, frame, state(added=[added]), lang=lang)
    assert outcome.status == "saved", outcome
    assert total(ledger) == Decimal(1200)


@pytest.mark.parametrize(
    ("lang", "typed", "message"),
    [
        ("vi", "1,200", "'1,200': 1,2 hay 1.200? Dấu chấm phân cách hàng nghìn"),
        ("en", "1.200", "'1.200': 1.2 or 1,200? A comma groups thousands"),
    ],
)
def test_the_grid_refuses_a_number_with_two_readings_and_writes_nothing(
    plan: Plan, ledger: Ledger, lang: Lang, typed: str, message: str
) -> None:
    frame = view(ledger, lang, EXPORTS)
    added = new_row(ref_date="2017-05-31", quantity=typed)
    outcome = save(plan, ledger, frame, state(added=[added]), lang=lang, target_id=EXPORTS)
    assert outcome.status == "invalid"
    [problem] = outcome.problems
    assert problem.column == "quantity" and problem.message.startswith(message), problem.message
    assert ledger.count_entries() == 0


@pytest.mark.parametrize("typed", ["1.200", "1,200", "30 000", "12400", "1.234.567", " 7 "])
def test_the_grid_cell_lets_a_grouped_whole_number_through_to_the_server(typed: str) -> None:
    """The browser checks a cell against these patterns before the server sees it: a
    number grouped either way reaches the server, which reads it by the person's language."""
    assert re.fullmatch(WHOLE_PATTERN, typed) and re.fullmatch(DECIMAL_PATTERN, typed)


@pytest.mark.parametrize("typed", ["1.234,5", "22,5", "0,125", "1,234.5"])
def test_the_grid_cell_of_an_amount_lets_decimals_through(typed: str) -> None:
    assert re.fullmatch(DECIMAL_PATTERN, typed) and not re.fullmatch(WHOLE_PATTERN, typed)


@pytest.mark.parametrize("typed", ["abc", "1..2", ",5", "5,", "-5", "1e5", "１２"])
def test_the_grid_cell_stops_what_is_no_number(typed: str) -> None:
    assert not re.fullmatch(DECIMAL_PATTERN, typed) and not re.fullmatch(WHOLE_PATTERN, typed)


# --- a stated total ---------------------------------------------------------------------


def test_a_total_is_read_as_the_person_writes_it(plan: Plan, ledger: Ledger) -> None:
    hoa = at_server("Hoa")
    service.set_total(plan, ledger, target_id=WORKERS, total="12.400", as_of="2017-06-30", credential=hoa)
    assert total(ledger) == Decimal(12400)
    service.set_total(plan, ledger, target_id=WORKERS, total="12,500", as_of="2017-06-30", credential=hoa, lang="en")
    assert total(ledger) == Decimal(12500)
    with pytest.raises(EntryError) as refused:
        service.set_total(
            plan, ledger, target_id=WORKERS, total="12.600", as_of="2017-06-30", credential=hoa, lang="en"
        )
    assert refused.value.render("en") == [
        "Quantity: '12.600': 12.6 or 12,600? A comma groups thousands, a point marks decimals (1,200; 22.5); "
        "write it again so that it is clear"
    ]
    assert total(ledger) == Decimal(12500)


# --- the import's text cells --------------------------------------------------------------


def report(plan: Plan, twelve_hundred: str = "1.200") -> bytes:
    """A district's CSV: quantities as text (every CSV cell is), one as Vietnamese and
    English staff would both write it, one grouped the Vietnamese way."""
    workers = plan.target(WORKERS).title.vi
    return csv_bytes(
        [
            ("Quận/huyện", "Chỉ tiêu", "Kỳ báo cáo", "Số lượng"),
            ("Chương Mỹ", workers, "2017-01", twelve_hundred),
            ("Ba Vì", workers, "2017-01", "450"),
        ]
    )


def test_the_import_reads_text_numbers_by_the_importers_language(plan: Plan, ledger: Ledger) -> None:
    table = read_spreadsheet("bao-cao.csv", report(plan))
    in_vietnamese = preview_import(plan, ledger, table, entered_by="Lan")
    assert [(row.row, row.figure.entry.quantity) for row in in_vietnamese.in_order(Outcome.new)] == [  # type: ignore[union-attr]
        (2, Decimal(1200)),
        (3, Decimal(450)),
    ]
    in_english = preview_import(plan, ledger, table, entered_by="Lan", lang="en")
    [refused] = in_english.in_order(Outcome.error)
    assert refused.row == 2
    assert refused.problems[0].message("en").startswith("'1.200': 1.2 or 1,200?")
    assert write_import(plan, ledger, in_english, "Lan").status == "invalid"
    assert write_import(plan, ledger, in_vietnamese, "Lan").status == "saved"
    assert total(ledger) == Decimal(1650)


def test_a_number_cell_is_the_number_it_holds_in_either_language(plan: Plan, ledger: Ledger) -> None:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Quận/huyện", "Chỉ tiêu", "Kỳ báo cáo", "Số lượng"])
    sheet.append(["Chương Mỹ", plan.target(WORKERS).title.vi, "2017-01", 1.2])  # a number, not text
    out = io.BytesIO()
    workbook.save(out)
    table = read_spreadsheet("bao-cao.xlsx", out.getvalue())
    for lang in ("vi", "en"):
        preview = preview_import(plan, ledger, table, entered_by="Lan", lang=lang)  # type: ignore[arg-type]
        [row] = preview.in_order(Outcome.error)  # 1.2 workers: a count is whole, however it is written
        assert row.problems[0].code == "fraction_for_count"


def test_the_preview_says_how_each_text_number_was_read(plan: Plan, ledger: Ledger) -> None:
    table = read_spreadsheet("bao-cao.csv", report(plan))
    preview = preview_import(plan, ledger, table, entered_by="Lan")
    shown = preview_table(plan, preview, "vi")
    assert list(shown["Số lượng"]) == ["«1.200» đọc là 1200", "450"]
    lines = preview_lines(plan, preview, "vi")
    assert "  dòng 2: số lượng «1.200» đọc là 1200" in lines
    assert not any("dòng 3: số lượng" in line for line in lines)  # 450 is read as written

    english = read_spreadsheet("report.csv", report(plan, "1,200"))  # quoted in the CSV
    preview = preview_import(plan, ledger, english, entered_by="Lan", lang="en")
    assert list(preview_table(plan, preview, "en")["Quantity"]) == ["'1,200' read as 1200", "450"]
