"""Importing a district's report, through the service, on SQLite and PostgreSQL: the
template's round trip, a re-import that changes nothing, a corrected file that changes
exactly what was corrected, a messy file from a district that never saw the template,
and the save's checks (errors, stale figures, who may write)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

import openpyxl
import pytest

from tests.helpers import PASSWORD
from tests.report_files import cp1258, csv_bytes
from tracker.domain.access import AccessDeniedError, Credential, Role
from tracker.domain.districts import district_names
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.domain.reports import periods_of
from tracker.present.export import EntryFilters, export_entries_csv
from tracker.present.imports import prefilled
from tracker.present.template import template_csv, template_rows, template_xlsx
from tracker.service.imports import ImportPreview, Outcome, preview_import, save_import, write_import
from tracker.service.spreadsheets import SheetTable, read_spreadsheet
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import BatchRevertError, Ledger

WORKERS = "workers-trained"
QUANTITY = 5  # the template's quantity column, counted from 1 (E)
END = dt.date(2017, 12, 31)


def filled_template(plan: Plan, figures: dict[int, object], districts: Sequence[str] = ("Chương Mỹ",)) -> bytes:
    """The template of a quarter for ``districts``, with the quantities of some rows
    (by row number) filled in, as a district saves it."""
    rows = template_rows(plan, list(districts), periods_of(plan.period)[:3])
    return fill(template_xlsx(plan, rows), figures)


def fill(workbook_bytes: bytes, figures: dict[int, object], column: int = QUANTITY) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    sheet = workbook["Số liệu"]
    for row, value in figures.items():
        sheet.cell(row, column).value = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def preview_of(plan: Plan, ledger: Ledger, data: bytes, name: str = "bao-cao.xlsx") -> ImportPreview:
    return preview_import(plan, ledger, read_spreadsheet(name, data), entered_by="Trần Lan")


def achieved(plan: Plan, ledger: Ledger) -> dict[str, Decimal]:
    summed = [t.id for t in plan.targets]
    return ledger.achieved(END, summed, ["craft-village-exports"])


def test_the_template_comes_back_as_the_figures_typed_into_it_and_the_export_says_so(
    ledger: Ledger, plan: Plan
) -> None:
    rows = template_rows(plan, list(district_names()), periods_of(plan.period))
    assert len(rows) == 30 * 6 * 12
    typed = {row: (row * 37) % 500 for row in range(2, len(rows) + 2)}
    preview = preview_of(plan, ledger, fill(template_xlsx(plan, rows), typed))
    assert (preview.count(Outcome.new), preview.count(Outcome.error), preview.file_problems) == (2160, 0, ())
    result = write_import(plan, ledger, preview, "Trần Lan")
    assert result.status == "saved"

    out = io.BytesIO()
    export_entries_csv(plan, ledger, EntryFilters(), "vi", out)
    exported = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    header, body = exported[0], exported[1:]
    columns = [header.index(name) for name in ("Mã chỉ tiêu", "Quận/huyện", "Ngày", "Số lượng")]
    exported_figures = {tuple(line[i] for i in columns[:3]): Decimal(line[columns[3]]) for line in body}
    typed_figures = {
        (row.target.id, row.district, str(row.period.report_day(plan.period))): Decimal(typed[number])
        for row, number in zip(rows, range(2, len(rows) + 2), strict=True)
    }
    assert exported_figures == typed_figures  # every figure typed, and only those, each where it was typed


def test_the_same_file_imported_again_changes_nothing(ledger: Ledger, plan: Plan) -> None:
    data = filled_template(plan, {2: 40, 3: 50, 4: 60})
    first = preview_of(plan, ledger, data)
    assert write_import(plan, ledger, first, "Trần Lan").status == "saved"
    revision, totals = ledger.revision(), achieved(plan, ledger)

    again = preview_of(plan, ledger, data)
    assert again.counts()[Outcome.unchanged] == 3 and not again.has_changes and not again.can_save
    assert write_import(plan, ledger, again, "Trần Lan").status == "nothing"
    assert (ledger.revision(), achieved(plan, ledger), len(ledger.batches())) == (revision, totals, 1)


def test_a_corrected_file_changes_exactly_the_corrected_figures(ledger: Ledger, plan: Plan) -> None:
    data = filled_template(plan, {2: 40, 3: 50, 4: 60, 5: 7})
    assert write_import(plan, ledger, preview_of(plan, ledger, data), "Trần Lan").status == "saved"
    versions = {entry.id: entry.version for entry in ledger.entries_where()}

    corrected = fill(data, {3: 55, 5: 8})
    preview = preview_of(plan, ledger, corrected, "bao-cao-sua.xlsx")
    changed = preview.in_order(Outcome.changed)
    assert [(row.row, row.current.quantity, row.figure.entry.quantity) for row in changed] == [  # type: ignore[union-attr]
        (3, Decimal(50), Decimal(55)),
        (5, Decimal(7), Decimal(8)),
    ]
    assert preview.count(Outcome.unchanged) == 2
    [workers] = [change for change in preview.totals if change.item.id == WORKERS]
    assert (workers.before, workers.after) == (Decimal(150), Decimal(155))
    result = write_import(plan, ledger, preview, "Nguyễn An")
    assert result.status == "saved"
    touched = {row.current.id for row in changed if row.current is not None}
    for entry in ledger.entries_where():
        assert entry.version == versions[entry.id] + (1 if entry.id in touched else 0)
    [batch, _] = ledger.batches()
    assert (batch.file_name, batch.new, batch.changed, batch.unchanged, batch.imported_by) == (
        "bao-cao-sua.xlsx",
        0,
        2,
        2,
        "Nguyễn An",
    )


def test_an_empty_note_keeps_the_recorded_one_and_a_new_note_changes_it(ledger: Ledger, plan: Plan) -> None:
    ledger.record(
        validate_entry(
            plan, target_id=WORKERS, quantity=40, ref_date="2017-01-31", district="Chương Mỹ", note="lớp mây tre",
            entered_by="An",
        )
    )  # fmt: skip
    same = preview_of(plan, ledger, filled_template(plan, {2: 40}))
    assert same.count(Outcome.unchanged) == 1
    noted = preview_of(plan, ledger, fill(filled_template(plan, {2: 40}), {2: "lớp sơn mài"}, column=7))
    [row] = noted.in_order(Outcome.changed)
    assert row.changed_fields == ("note",)
    assert write_import(plan, ledger, noted, "An").status == "saved"
    assert [e.note for e in ledger.entries_where()] == ["lớp sơn mài"]


def test_a_messy_file_from_a_district_that_never_saw_the_template_is_read(ledger: Ledger, plan: Plan) -> None:
    """Windows-1258, semicolons, a title above the header, headers without accents, the
    district written five ways, periods as the office writes them, numbers as text."""
    workers = plan.target(WORKERS).title.vi
    fairs = plan.target("fair-participants").title.vi
    lines = [
        ["BAO CAO KET QUA THANG 3/2017", "", "", ""],
        ["Quan/Huyen", "Chi tieu", "Ky bao cao", "Ket qua thuc hien"],
        ["H. Chương Mỹ", workers, "T1/2017", "120"],
        [unicodedata.normalize("NFD", "Huyện Ứng Hoà"), workers, "Tháng 2/2017", "80"],
        ["chuong my", fairs, "Quý I/2017", "3"],
        ["TX. Sơn Tây", workers, "2017-03", "30,000"],
        ["Chuong Mi", workers, "2017-03", "5"],
        ["Dan Phuong", workers, "31/03/2017", "12,5"],
    ]
    text = "\r\n".join(";".join(line) for line in lines) + "\r\n"
    table = read_spreadsheet("bao-cao.csv", cp1258(text))
    assert (table.encoding, table.delimiter) == ("cp1258", ";")
    preview = preview_import(plan, ledger, table, entered_by="An")
    assert preview.file_problems == ()
    assert [(r.row, r.figure.entry.district) for r in preview.in_order(Outcome.new)] == [  # type: ignore[union-attr]
        (3, "Chương Mỹ"),
        (4, "Ứng Hòa"),
        (5, "Chương Mỹ"),
    ]
    errors = {row.row: " | ".join(p.message("en") for p in row.problems) for row in preview.in_order(Outcome.error)}
    assert set(errors) == {6, 7, 8}
    assert "'30,000': 30 or 30,000?" in errors[6]  # read the Vietnamese way: 30 or thirty thousand?
    assert "did you mean: Chương Mỹ" in errors[7]
    assert "whole number" in errors[8]  # 12,5 workers
    assert write_import(plan, ledger, preview, "An").status == "invalid"
    assert ledger.count_entries() == 0  # nothing of a file with errors is written


def test_the_person_corrects_a_column_the_headers_did_not_name(ledger: Ledger, plan: Plan) -> None:
    data = csv_bytes(
        [("Đơn vị báo cáo", "Chỉ tiêu", "Kỳ", "Tổng cộng"), ("Ba Vì", plan.target(WORKERS).title.vi, "2017-Q1", "75")]
    )
    table = read_spreadsheet("ba-vi.csv", data)
    proposed = preview_import(plan, ledger, table)
    assert [p.code for p in proposed.file_problems] == ["no_header"]
    mapping = {**proposed.mapping}
    from tracker.domain.reports import Field

    mapping.update({Field.district: 0, Field.target: 1, Field.period: 2, Field.quantity: 3})
    chosen = preview_import(plan, ledger, table, mapping)
    [row] = chosen.rows
    assert (row.outcome, row.figure.identity) == (  # type: ignore[union-attr]
        Outcome.new,
        (WORKERS, "Ba Vì", None, dt.date(2017, 3, 31)),
    )


def test_nothing_is_saved_when_someone_changed_an_affected_figure_after_the_preview(ledger: Ledger, plan: Plan) -> None:
    data = filled_template(plan, {2: 40, 4: 60})
    assert write_import(plan, ledger, preview_of(plan, ledger, data), "An").status == "saved"
    preview = preview_of(plan, ledger, fill(data, {2: 45, 3: 50}))  # one change, one new
    assert (preview.count(Outcome.changed), preview.count(Outcome.new)) == (1, 1)

    ledger.record(  # meanwhile someone records the figure the file brings as new
        validate_entry(plan, target_id=WORKERS, quantity=1, ref_date="2017-02-28", district="Chương Mỹ", entered_by="B")
    )
    revision = ledger.revision()
    result = write_import(plan, ledger, preview, "An")
    assert (result.status, result.stale_rows) == ("stale", (3,))
    assert ledger.revision() == revision and len(ledger.batches()) == 1

    redone = preview_of(plan, ledger, fill(data, {2: 45, 3: 50}))  # the preview made again
    assert [(r.row, r.outcome) for r in redone.rows if r.outcome not in (Outcome.unchanged, Outcome.blank)] == [
        (2, Outcome.changed),
        (3, Outcome.changed),
    ]
    assert write_import(plan, ledger, redone, "An").status == "saved"


def test_only_an_editor_may_save_an_import(ledger: Ledger, plan: Plan) -> None:
    accounts = Accounts(ledger.database)
    for username, name, role in (("xem", "Người Xem", Role.viewer), ("lan", "Trần Thị Lan", Role.editor)):
        accounts.add_user(username, name, role, PASSWORD)
    viewer = Credential(token=accounts.sign_in("xem", PASSWORD)[0])
    editor = Credential(token=accounts.sign_in("lan", PASSWORD)[0])
    preview = preview_of(plan, ledger, filled_template(plan, {2: 40}))

    with pytest.raises(AccessDeniedError):
        save_import(plan, ledger, preview, viewer)
    with pytest.raises(AccessDeniedError):
        save_import(plan, ledger, preview, Credential(token="forged"))
    assert ledger.count_entries() == 0
    result = save_import(plan, ledger, preview, editor)
    assert result.status == "saved"
    [entry] = ledger.entries_where()
    assert entry.entered_by == "Trần Thị Lan"  # the name the database vouches for, not the preview's


def test_a_level_figure_after_the_import_follows_the_ledger_s_rule(ledger: Ledger, plan: Plan) -> None:
    exports = "craft-village-exports"
    for quantity, day, place in ((90, "2017-06-30", "Chương Mỹ"), (40, "2017-06-30", "Ba Vì")):
        ledger.record(
            validate_entry(plan, target_id=exports, quantity=quantity, ref_date=day, district=place, entered_by="An")
        )
    data = csv_bytes(
        [
            ("Quận/huyện", "Mã mục tiêu", "Kỳ báo cáo", "Số lượng"),
            ("Chương Mỹ", exports, "2017-09", "100"),  # Chương Mỹ's newest level
            ("Ba Vì", exports, "2017-06", "45"),  # Ba Vì's June figure corrected
        ]
    )
    preview = preview_import(plan, ledger, read_spreadsheet("x.csv", data))
    [change] = preview.totals
    assert (change.before, change.after) == (Decimal(130), Decimal(145))
    assert write_import(plan, ledger, preview, "An").status == "saved"
    assert achieved(plan, ledger)[exports] == change.after


def test_merged_cells_in_the_data_and_a_hidden_row_are_named(ledger: Ledger, plan: Plan) -> None:
    data = filled_template(plan, {2: 40, 3: 50})
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Số liệu"]
    sheet.row_dimensions[3].hidden = True
    out = io.BytesIO()
    workbook.save(out)
    hidden = preview_of(plan, ledger, out.getvalue())
    assert [(row.row, row.problems[0].code) for row in hidden.in_order(Outcome.error)] == [(3, "hidden_row")]

    sheet.row_dimensions[3].hidden = False
    sheet.merge_cells("A2:A4")
    out = io.BytesIO()
    workbook.save(out)
    merged = preview_of(plan, ledger, out.getvalue())
    assert [p.code for p in merged.file_problems] == ["merged_cells"]
    assert "A2:A4" in merged.file_problems[0].message("vi") and not merged.can_save


def test_a_file_of_another_plan_is_refused(ledger: Ledger, plan: Plan) -> None:
    from tests.helpers import TARGETS_FILE
    from tracker.domain.plan import read_plans

    plan_2018 = read_plans(TARGETS_FILE).find("2018")
    assert plan_2018 is not None
    rows = template_rows(plan_2018, ["Ba Vì"], periods_of(plan_2018.period)[:1])
    data = fill(template_xlsx(plan_2018, rows), {2: 10})
    preview = preview_of(plan, ledger, data)
    assert {p.code for row in preview.in_order(Outcome.error) for p in row.problems} == {"other_plan"}
    assert "hanoi-craft-villages-2018" in preview.in_order(Outcome.error)[0].problems[0].message("en")


def test_a_prefilled_template_round_trips_to_no_change(ledger: Ledger, plan: Plan) -> None:
    for quantity, day, village in ((40, "2017-01-31", None), (7, "2017-01-31", "Phú Vinh")):
        ledger.record(
            validate_entry(
                plan, target_id=WORKERS, quantity=quantity, ref_date=day, district="Chương Mỹ", village=village,
                entered_by="An",
            )
        )  # fmt: skip
    rows = prefilled(plan, ledger, template_rows(plan, ["Chương Mỹ"], periods_of(plan.period)[:1]))
    assert [(r.target.id, r.quantity, r.village) for r in rows if r.quantity is not None] == [
        (WORKERS, Decimal(40), None),
        (WORKERS, Decimal(7), "Phú Vinh"),
    ]
    preview = preview_of(plan, ledger, template_xlsx(plan, rows))
    assert preview.counts()[Outcome.unchanged] == 2 and not preview.has_changes


def test_a_sheet_table_without_rows_says_so(ledger: Ledger, plan: Plan) -> None:
    empty = SheetTable("x.csv", "0" * 64, 10, "csv", None, "utf-8", ",", (), ())
    preview = preview_import(plan, ledger, empty)
    assert [p.message("en") for p in preview.file_problems] == ["the file holds no rows of figures"]


@pytest.mark.parametrize("crowded", [False, True], ids=["the stretch read whole", "each place and day"])
def test_a_file_is_compared_with_its_own_days_and_places_whatever_the_ledger_holds_between(
    ledger: Ledger, plan: Plan, crowded: bool
) -> None:
    # A figure on another day, or of another place on the same day, is neither a match nor
    # in the way, whether the preview reads the whole stretch of days the file names (a
    # ledger holding few entries there) or each of its places and days on its own (one
    # holding many more entries than the file has rows: the days between are filled).
    for day in ("2017-01-31", "2017-02-15", "2017-02-28", "2017-03-31"):
        for district in ("Chương Mỹ", "Ba Vì", None):
            ledger.record(validate_entry(plan, target_id=WORKERS, quantity=10, ref_date=day, district=district,
                                         entered_by="An"))  # fmt: skip
    if crowded:
        for index in range(40):
            day = dt.date(2017, 2, 1) + dt.timedelta(days=index % 27)
            ledger.record(validate_entry(plan, target_id=WORKERS, quantity=1, ref_date=day.isoformat(),
                                         district=district_names()[index % 30], village=f"Làng {index}",
                                         entered_by="An"))  # fmt: skip
    header = ("Quận/huyện", "Mã mục tiêu", "Ngày", "Số lượng")
    rows = [("Chương Mỹ", "31/01/2017", "10"), ("Chương Mỹ", "31/03/2017", "12"),
            ("Toàn thành phố", "28/02/2017", "10"), ("Đông Anh", "28/02/2017", "7")]  # fmt: skip
    data = csv_bytes([header, *((place, WORKERS, day, quantity) for place, day, quantity in rows)])
    preview = preview_import(plan, ledger, read_spreadsheet("x.csv", data))
    assert [(row.outcome, row.current.quantity if row.current else None) for row in preview.rows] == [
        (Outcome.unchanged, Decimal(10)),
        (Outcome.changed, Decimal(10)),
        (Outcome.unchanged, Decimal(10)),  # the city's own figure of that day
        (Outcome.new, None),
    ]


def test_a_quarter_overlaps_the_months_of_its_own_place_only(ledger: Ledger, plan: Plan) -> None:
    ledger.record(validate_entry(plan, target_id=WORKERS, quantity=5, ref_date="2017-02-28", district="Ba Vì",
                                 entered_by="An"))  # fmt: skip
    ledger.record(validate_entry(plan, target_id=WORKERS, quantity=5, ref_date="2017-02-28", entered_by="An"))
    header = ("Quận/huyện", "Mã mục tiêu", "Kỳ báo cáo", "Số lượng")
    quarters = csv_bytes([header, ("Chương Mỹ", WORKERS, "2017-Q1", "300"), ("Ba Vì", WORKERS, "2017-Q1", "30")])
    preview = preview_import(plan, ledger, read_spreadsheet("q1.csv", quarters))
    assert [row.outcome for row in preview.rows] == [Outcome.new, Outcome.error]  # Ba Vì's February is inside
    assert preview.rows[1].problems[0].code == "period_overlaps"
    city = csv_bytes([header, ("Toàn thành phố", WORKERS, "2017-Q1", "300")])
    [row] = preview_import(plan, ledger, read_spreadsheet("q1.csv", city)).rows
    assert (row.outcome, row.problems[0].code) == (Outcome.error, "period_overlaps")  # the city's own February


def test_a_stated_total_s_adjustment_is_never_taken_for_a_district_s_report(ledger: Ledger, plan: Plan) -> None:
    from tests.conftest import at_server
    from tracker.service import set_total

    ledger.record(validate_entry(plan, target_id=WORKERS, quantity=500, ref_date="2017-05-31", entered_by="An"))
    set_total(plan, ledger, target_id=WORKERS, total=300, as_of="2017-06-30", credential=at_server("An"))
    data = csv_bytes(
        [("Quận/huyện", "Mã mục tiêu", "Kỳ báo cáo", "Số lượng"), ("Toàn thành phố", WORKERS, "2017-06", "40")]
    )
    preview = preview_import(plan, ledger, read_spreadsheet("x.csv", data))
    assert [row.outcome for row in preview.rows] == [Outcome.new]  # beside the adjustment, not over it
    assert write_import(plan, ledger, preview, "An").status == "saved"
    assert achieved(plan, ledger)[WORKERS] == Decimal(340)
    kinds = sorted(entry.kind.value for entry in ledger.entries_where())
    assert kinds == ["adjustment", "report", "report"]


def test_a_quarter_over_months_already_recorded_is_refused_as_counting_twice(ledger: Ledger, plan: Plan) -> None:
    months = filled_template(plan, {2: 100, 3: 100, 4: 100})  # January to March, workers
    assert write_import(plan, ledger, preview_of(plan, ledger, months), "An").status == "saved"
    quarter = csv_bytes(
        [("Quận/huyện", "Mã mục tiêu", "Kỳ báo cáo", "Số lượng"), ("Chương Mỹ", WORKERS, "2017-Q1", "300")]
    )
    preview = preview_import(plan, ledger, read_spreadsheet("q1.csv", quarter))
    [row] = preview.rows
    assert (row.outcome, row.problems[0].code) == (Outcome.error, "period_overlaps")
    assert "2017-Q1" in row.problems[0].message("en") and "count twice" in row.problems[0].message("en")
    year_and_month = csv_bytes(
        [
            ("Quận/huyện", "Mã mục tiêu", "Kỳ báo cáo", "Số lượng"),
            ("Ba Vì", WORKERS, "2017-05", "10"),
            ("Ba Vì", WORKERS, "2017", "120"),  # the year over May of the same file
        ]
    )
    both = preview_import(plan, ledger, read_spreadsheet("y.csv", year_and_month))
    assert [(r.row, r.outcome) for r in both.rows] == [(2, Outcome.new), (3, Outcome.error)]
    assert achieved(plan, ledger)[WORKERS] == Decimal(300)


def test_a_village_is_the_same_whatever_its_case_and_spacing(ledger: Ledger, plan: Plan) -> None:
    ledger.record(
        validate_entry(
            plan, target_id=WORKERS, quantity=30, ref_date="2017-03-31", district="Chương Mỹ",
            village="Làng nghề Sơn Đồng", entered_by="An",
        )
    )  # fmt: skip
    data = csv_bytes(
        [("Quận/huyện", "Mã mục tiêu", "Kỳ báo cáo", "Số lượng", "Làng nghề"),
         ("Chương Mỹ", WORKERS, "2017-03", "30", "làng nghề  sơn đồng")]
    )  # fmt: skip
    preview = preview_import(plan, ledger, read_spreadsheet("x.csv", data))
    assert [row.outcome for row in preview.rows] == [Outcome.unchanged]


def test_an_import_is_undone_once_the_later_import_over_it_is_undone(ledger: Ledger, plan: Plan) -> None:
    data = filled_template(plan, {2: 40})
    assert write_import(plan, ledger, preview_of(plan, ledger, data), "An").status == "saved"
    assert write_import(plan, ledger, preview_of(plan, ledger, fill(data, {2: 45})), "An").status == "saved"
    first, second = sorted(batch.id for batch in ledger.batches())
    with pytest.raises(BatchRevertError):
        ledger.revert_batch(first, "An")  # the second import changed its figure since
    ledger.revert_batch(second, "An")
    ledger.revert_batch(first, "An")  # the figure is as the first import left it: its undo is allowed
    assert ledger.count_entries() == 0


def test_the_app_s_own_csv_template_comes_back_as_it_went(ledger: Ledger, plan: Plan) -> None:
    ledger.record(
        validate_entry(
            plan, target_id=WORKERS, quantity=30, ref_date="2017-01-31", district="Chương Mỹ",
            village="+Phú Vinh", note="- lớp mây tre", entered_by="An",
        )
    )  # fmt: skip
    rows = prefilled(plan, ledger, template_rows(plan, ["Chương Mỹ"], periods_of(plan.period)[:1]))
    preview = preview_import(plan, ledger, read_spreadsheet("mau.csv", template_csv(plan, rows)))
    assert preview.counts()[Outcome.unchanged] == 1 and not preview.has_changes
