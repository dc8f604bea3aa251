"""A district's report whose villages, periods or cells play with Unicode, on SQLite and
PostgreSQL: a village with a letter of another alphabet is refused, a look-alike spelling
of a recorded village is that village's figure (never a second one), Vietnamese villages
that differ by a mark stay apart, a period written with other digits is an error with its
reason, and a hidden character of a cell is shown written out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import pytest

from tests.report_files import csv_bytes
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.present.imports import preview_table
from tracker.service.imports import ImportPreview, Outcome, preview_import, write_import
from tracker.service.spreadsheets import read_spreadsheet
from tracker.storage.ledger import Ledger

WORKERS = "workers-trained"
HEADER = ("Quận/huyện", "Mã mục tiêu", "Kỳ báo cáo", "Số lượng", "Làng nghề")
SON_DONG = "Làng Sơn Đồng"
SON_DONG_CYRILLIC_O = "Làng S\u043en Đồng"  # the reviewer's: a Cyrillic о where the o is
CAO_XA = "Cao Xá"
CAO_XA_CYRILLIC = "\u0421\u0430\u043e \u0425\u0430\u0301"  # Сао Ха́: every letter Cyrillic, alike to the eye


def report(*rows: tuple[str, str, str]) -> bytes:
    """A district's CSV: each row (period, quantity, village) of Hoài Đức's trained workers."""
    return csv_bytes(
        [HEADER, *[("Hoài Đức", WORKERS, period, quantity, village) for period, quantity, village in rows]]
    )


def preview(plan: Plan, ledger: Ledger, data: bytes) -> ImportPreview:
    return preview_import(plan, ledger, read_spreadsheet("bao-cao.csv", data), entered_by="Trần Lan")


def imported(plan: Plan, ledger: Ledger, data: bytes) -> ImportPreview:
    shown = preview(plan, ledger, data)
    assert write_import(plan, ledger, shown, "Trần Lan").status == "saved"
    return shown


def workers(ledger: Ledger) -> Decimal:
    """The trained workers achieved by the year's end, as the overview shows them."""
    return ledger.achieved(dt.date(2017, 12, 31), [WORKERS]).get(WORKERS, Decimal(0))


def errors(shown: ImportPreview, lang: str = "en") -> list[tuple[int, str]]:
    return [(row, problem.message(lang)) for row, _, problem in shown.errors]  # type: ignore[arg-type]


def outcomes(shown: ImportPreview) -> Sequence[tuple[int, Outcome]]:
    return [(row.row, row.outcome) for row in shown.rows]


# --- the reviewer's scenario ---------------------------------------------------------------


def test_a_village_with_a_cyrillic_letter_is_refused_and_the_total_stays(ledger: Ledger, plan: Plan) -> None:
    imported(plan, ledger, report(("2017-03", "10", SON_DONG)))
    assert workers(ledger) == 10

    again = preview(plan, ledger, report(("2017-03", "12", SON_DONG_CYRILLIC_O)))
    assert outcomes(again) == [(2, Outcome.error)]
    assert errors(again) == [
        (
            2,
            "the name mixes alphabets: 'о' (U+043E, Cyrillic) is not Latin like the other letters, though they "
            "look alike; type the name on a Vietnamese keyboard rather than pasting it",
        )
    ]
    assert errors(again, "vi")[0][1].startswith("tên trộn chữ của nhiều bảng chữ cái: 'о' (U+043E, chữ Kirin)")
    assert not again.can_save and write_import(plan, ledger, again, "Trần Lan").status == "invalid"
    assert workers(ledger) == 10 and ledger.count_entries() == 1


def test_a_name_wholly_in_look_alike_letters_is_the_recorded_village_not_a_second_one(
    ledger: Ledger, plan: Plan
) -> None:
    imported(plan, ledger, report(("2017-03", "10", CAO_XA)))
    again = preview(plan, ledger, report(("2017-03", "12", CAO_XA_CYRILLIC)))
    assert outcomes(again) == [(2, Outcome.changed)]  # not "new": the preview says 10 → 12
    [change] = again.totals
    assert (change.before, change.after) == (Decimal(10), Decimal(12))
    write_import(plan, ledger, again, "Trần Lan")
    assert workers(ledger) == 12
    [entry] = ledger.entries_where()
    assert (entry.quantity, entry.village) == (Decimal(12), CAO_XA)  # the village as it was recorded


def test_two_look_alike_rows_of_one_file_are_one_figure_twice(ledger: Ledger, plan: Plan) -> None:
    shown = preview(
        plan,
        ledger,
        report(
            ("2017-03", "10", "Bát Tràng"),
            ("2017-03", "12", "Bát Tr\u0251\u0300ng"),  # a Latin alpha ɑ for the a
            ("2017-03", "7", CAO_XA),
            ("2017-03", "8", CAO_XA_CYRILLIC),
            ("2017-03", "9", SON_DONG_CYRILLIC_O),
        ),
    )
    assert outcomes(shown) == [
        (2, Outcome.new), (3, Outcome.error), (4, Outcome.new), (5, Outcome.error), (6, Outcome.error),
    ]  # fmt: skip
    said = dict(errors(shown))
    repeated = "the same figure as row {} (same target, district, village and period); give each figure one row"
    assert (said[3], said[5]) == (repeated.format(2), repeated.format(4))
    assert said[6].startswith("the name mixes alphabets: 'о' (U+043E, Cyrillic)")


def test_vietnamese_villages_that_differ_by_a_mark_stay_apart(ledger: Ledger, plan: Plan) -> None:
    villages = ["Sơn Đồng", "Son Dong", "Sởn Đồng", "Sơn Đông", "Bát Tràng", "Bạt Tràng", "Vạn Phúc", "Văn Phúc"]
    villages += ["Phù Lãng", "Phú Lãng", "Phù Lăng", "Phu Lang"]
    shown = imported(plan, ledger, report(*[("2017-03", "1", village) for village in villages]))
    assert shown.count(Outcome.new) == len(villages) and not shown.errors
    assert workers(ledger) == len(villages)
    again = preview(plan, ledger, report(*[("2017-03", "1", village.upper()) for village in villages]))
    assert again.count(Outcome.unchanged) == len(villages)  # each matched to its own, case forgiven


# --- periods, and cells shown as written ------------------------------------------------------


@pytest.mark.parametrize("period", ["T٣/2017", "٢٠١٧-03", "２０１７-０３", "১২/2017"])
def test_a_period_written_with_other_digits_is_an_error_with_its_reason(
    ledger: Ledger, plan: Plan, period: str
) -> None:
    shown = preview(plan, ledger, report((period, "10", "")))
    assert errors(shown) == [
        (
            2,
            f"'{period}' holds a digit other than 0–9 (such as an Arabic-Indic or full-width digit); "
            "type it again with the keys 0–9",
        )
    ]
    assert workers(ledger) == 0


def test_a_hidden_character_of_a_cell_is_written_out_in_the_message_and_the_table(ledger: Ledger, plan: Plan) -> None:
    shown = preview(plan, ledger, report(("2017-03", "10", "Làng \u202eSơn Đồng"), ("\u202e2017-03", "5", "")))
    said = dict(errors(shown))
    assert said[2] == (
        "contains the hidden character U+202E (a control, direction or zero-width character); "
        "type it instead of pasting"
    )
    assert said[3] == (
        "'⟨U+202E⟩2017-03' is neither a period (2017-03, 2017-Q1, 2017) nor a date (dd/mm/yyyy, yyyy-mm-dd)"
    )
    table = preview_table(plan, shown, "en")
    assert table["Village"].tolist()[0] == "Làng ⟨U+202E⟩Sơn Đồng"
    assert table["Day recorded"].tolist()[1] == "⟨U+202E⟩2017-03"
    assert not table.map(lambda cell: "\u202e" in str(cell)).any().any()


def test_two_recorded_look_alike_figures_are_never_guessed_between(ledger: Ledger, plan: Plan) -> None:
    """Figures recorded before (or one by one in the form) whose villages only look alike
    stay as they are and both count; a file's row for them is an error, not a third."""
    for village in (CAO_XA, CAO_XA_CYRILLIC):
        ledger.record(
            validate_entry(
                plan, target_id=WORKERS, quantity=10, ref_date="2017-03-31", district="Hoài Đức", village=village,
                entered_by="An",
            )
        )  # fmt: skip
    shown = preview(plan, ledger, report(("2017-03", "12", CAO_XA)))
    assert errors(shown) == [
        (2, "2 entries already share this target, district, village and day; edit them on the target's page")
    ]
    assert write_import(plan, ledger, shown, "Trần Lan").status == "invalid"
    assert workers(ledger) == 20 and ledger.count_entries() == 2
