"""A district's report file under the reporting cycle, through the service, on SQLite and
PostgreSQL: a 0 that is a nil report and an empty cell that says nothing; the rows a
district office's account may not import; rows of a locked period; a lock or a change of
districts that lands between the preview and the save; the template of a district office."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

import openpyxl
import pytest

from tests.helpers import PASSWORD
from tracker.domain.access import Credential, Role
from tracker.domain.completeness import CellState
from tracker.domain.districts import district_names
from tracker.domain.entries import EntryKind, validate_entry
from tracker.domain.plan import Plan
from tracker.domain.reports import PeriodKind, ReportPeriod, periods_of
from tracker.present.imports import counts_line, prefilled, preview_table
from tracker.present.template import template_csv, template_rows, template_xlsx
from tracker.service.imports import (
    Importer,
    ImportPreview,
    Outcome,
    importer_of,
    preview_import,
    revert_import,
    save_import,
    template_districts,
    write_import,
)
from tracker.service.reporting import approve_period, lock_period, record_nil, reporting_of
from tracker.service.spreadsheets import read_spreadsheet
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.storage.periods import OutsideScopeError, PeriodLockedError

CM, BA_VI = "Chương Mỹ", "Ba Vì"
WORKERS, MANAGERS = "workers-trained", "managers-trained"
QUANTITY = 5  # the template's quantity column (E)
Q1 = ReportPeriod(2017, PeriodKind.quarter, 1)
Q2 = ReportPeriod(2017, PeriodKind.quarter, 2)
AFTER_THE_YEAR = dt.date(2018, 3, 1)  # every period of 2017 is due


def report(
    plan: Plan, districts: Sequence[str | None], periods: Sequence[ReportPeriod], figures: dict[int, object]
) -> bytes:
    """The template of ``districts`` × targets × ``periods``, some quantities (by row) filled in."""
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(plan, template_rows(plan, districts, periods))))
    for row, value in figures.items():
        workbook["Số liệu"].cell(row, QUANTITY).value = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def row_of(plan: Plan, periods: Sequence[ReportPeriod], target: str, period: ReportPeriod, place: int = 0) -> int:
    """The row of the template (district number ``place``, ``target``, ``period``)."""
    targets = [item.id for item in plan.targets]
    return 2 + (place * len(targets) + targets.index(target)) * len(periods) + list(periods).index(period)


def preview_of(plan: Plan, ledger: Ledger, data: bytes, writer: str | None = None) -> ImportPreview:
    return preview_import(plan, ledger, read_spreadsheet("bao-cao.xlsx", data), entered_by="Lê Thu", writer=writer)


def signed_in(
    ledger: Ledger, username: str, name: str, role: Role = Role.editor, districts: Sequence[str] = ()
) -> Credential:
    accounts = Accounts(ledger.database)
    accounts.add_user(username, name, role, PASSWORD, districts=districts)
    return Credential(token=accounts.sign_in(username, PASSWORD)[0])


def entries(ledger: Ledger) -> list[tuple[str, str | None, dt.date, Decimal, EntryKind]]:
    return sorted((e.target_id, e.district, e.ref_date, e.quantity, e.kind) for e in ledger.entries_where())


def test_a_0_is_a_nil_report_for_the_quarter_and_an_empty_cell_says_nothing(ledger: Ledger, plan: Plan) -> None:
    data = report(plan, [CM], [Q1], {row_of(plan, [Q1], WORKERS, Q1): 0})
    preview = preview_of(plan, ledger, data)
    [nil] = preview.in_order(Outcome.nil)
    assert (nil.row, preview.count(Outcome.blank), preview.count(Outcome.error)) == (2, 5, 0)
    assert preview.can_save and preview.nil_reports() == 1
    shown = preview_table(plan, preview, "vi", Outcome.nil)
    assert shown["Số lượng"].tolist() == ["0: không có số liệu kỳ này (Quý 1/2017)"]
    assert counts_line(preview, "en") == (
        "6 rows: 0 new, 0 changed, 1 nothing this period, 0 unchanged, 0 errors, 5 left empty"
    )

    assert write_import(plan, ledger, preview, "Lê Thu").status == "saved"
    # one nil entry, on the quarter's last day; the five empty cells wrote nothing
    assert entries(ledger) == [(WORKERS, CM, dt.date(2017, 3, 31), Decimal(0), EntryKind.nil)]
    matrix = reporting_of(plan, ledger, AFTER_THE_YEAR, WORKERS)
    assert matrix.cell(CM, "2017-Q1").state == CellState.nil  # reported: nothing this period
    assert matrix.cell(BA_VI, "2017-Q1").state == CellState.missing  # silence stays silence

    again = preview_of(plan, ledger, data)  # the same file again: the nil report is already there
    assert again.counts()[Outcome.unchanged] == 1 and not again.has_changes
    [batch] = ledger.batches()
    assert batch.new == 1


def test_zeros_in_every_month_of_a_quarter_make_one_nil_report(ledger: Ledger, plan: Plan) -> None:
    months = periods_of(plan.period)[:3]
    data = report(plan, [CM], months, {row_of(plan, months, MANAGERS, month): 0 for month in months})
    preview = preview_of(plan, ledger, data)
    assert (preview.count(Outcome.nil), preview.nil_reports()) == (3, 1)
    assert write_import(plan, ledger, preview, "Lê Thu").status == "saved"
    assert entries(ledger) == [(MANAGERS, CM, dt.date(2017, 3, 31), Decimal(0), EntryKind.nil)]


def test_a_prefilled_template_writes_a_recorded_nil_report_as_0_and_reads_back_unchanged(
    ledger: Ledger, plan: Plan
) -> None:
    months = periods_of(plan.period)[:3]
    record_nil(plan, ledger, signed_in(ledger, "thu", "Lê Thu"), target_id=WORKERS, district=CM, period="2017-Q1")
    rows = prefilled(plan, ledger, template_rows(plan, [CM], months))
    assert [row.quantity for row in rows if row.target.id == WORKERS] == [0, 0, 0]
    assert {row.quantity for row in rows if row.target.id != WORKERS} == {None}
    again = preview_of(plan, ledger, template_xlsx(plan, rows))
    assert again.count(Outcome.unchanged) == 3 and not again.has_changes


def test_a_0_beside_a_figure_of_the_same_quarter_is_a_figure_of_0(ledger: Ledger, plan: Plan) -> None:
    """January 0, February 30: nothing in January, 30 in February; no nil report, no error
    that would refuse a monthly report for its zeros."""
    months = periods_of(plan.period)[:3]
    data = report(plan, [CM], months, {row_of(plan, months, WORKERS, months[0]): 0,
                                       row_of(plan, months, WORKERS, months[1]): 30})  # fmt: skip
    preview = preview_of(plan, ledger, data)
    assert (preview.count(Outcome.new), preview.count(Outcome.nil), preview.count(Outcome.error)) == (2, 0, 0)
    assert write_import(plan, ledger, preview, "Lê Thu").status == "saved"
    assert entries(ledger) == [
        (WORKERS, CM, dt.date(2017, 1, 31), Decimal(0), EntryKind.report),
        (WORKERS, CM, dt.date(2017, 2, 28), Decimal(30), EntryKind.report),
    ]
    # and a March 0 imported later, beside February's 30 recorded: a figure of 0 too
    later = report(plan, [CM], months, {row_of(plan, months, WORKERS, months[2]): 0})
    assert preview_of(plan, ledger, later).count(Outcome.nil) == 0


def test_a_0_for_a_period_with_a_nil_report_recorded_changes_nothing(ledger: Ledger, plan: Plan) -> None:
    editor = signed_in(ledger, "thu", "Lê Thu")
    record_nil(plan, ledger, editor, target_id=WORKERS, district=CM, period="2017-Q1")
    preview = preview_of(plan, ledger, report(plan, [CM], [Q1], {2: 0}))
    [row] = preview.in_order(Outcome.unchanged)
    assert row.nil is not None and row.nil.name == "2017-Q1" and not preview.has_changes


def test_a_district_office_s_preview_makes_other_places_rows_errors_and_nothing_is_saved(
    ledger: Ledger, plan: Plan
) -> None:
    office = signed_in(ledger, "cm", "Lê Thu", districts=[CM])
    importer = importer_of(ledger, office)
    assert importer == Importer("cm", frozenset({CM}))
    data = report(plan, [CM, BA_VI, None], [Q1], {2: 40, 8: 25, 14: 7})  # Chương Mỹ, Ba Vì, the city: workers
    preview = preview_of(plan, ledger, data, writer=importer.username)
    assert [(row.row, row.outcome) for row in preview.rows if row.outcome != Outcome.blank] == [
        (2, Outcome.new),
        (8, Outcome.error),
        (14, Outcome.error),
    ]
    ba_vi, city = (preview.in_order(Outcome.error)[i].problems[0] for i in (0, 1))
    assert ba_vi.message("vi") == "dòng này thuộc Ba Vì; tài khoản của bạn chỉ được ghi số liệu của Chương Mỹ"
    assert city.message("en") == "this row belongs to Whole city; your account may only write figures of Chương Mỹ"
    assert not preview.can_save
    assert save_import(plan, ledger, preview, office).status == "invalid"
    assert entries(ledger) == [] and ledger.batches() == []

    # the department's own editor previews the same file with no error
    department = importer_of(ledger, signed_in(ledger, "hoa", "Phạm Hoa"))
    assert preview_of(plan, ledger, data, writer=department.username).count(Outcome.error) == 0


def test_rows_of_a_locked_period_are_errors_that_say_who_locked_it(ledger: Ledger, plan: Plan) -> None:
    admin = signed_in(ledger, "an", "Nguyễn Văn An", Role.admin)
    editor = signed_in(ledger, "thu", "Lê Thu")
    quarters = [Q1, Q2]
    first = report(plan, [CM], quarters, {row_of(plan, quarters, WORKERS, Q1): 40})
    assert save_import(plan, ledger, preview_of(plan, ledger, first), editor).status == "saved"
    approve_period(plan, ledger, admin, "2017-Q1", CM, "đã duyệt quý 1")

    figures = {
        row_of(plan, quarters, WORKERS, Q1): 40,  # as recorded: writes nothing, stays unchanged
        row_of(plan, quarters, WORKERS, Q2): 60,  # Q2 is open
        row_of(plan, quarters, MANAGERS, Q1): 5,  # a new figure in the approved quarter
        row_of(plan, quarters, MANAGERS, Q2): 0,  # a nil report in the open quarter
    }
    preview = preview_of(plan, ledger, report(plan, [CM], quarters, figures))
    outcomes = {row.row: row.outcome for row in preview.rows if row.outcome != Outcome.blank}
    assert outcomes == {2: Outcome.unchanged, 3: Outcome.new, 4: Outcome.error, 5: Outcome.nil}
    [locked] = preview.in_order(Outcome.error)
    today = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y")
    assert locked.problems[0].message("vi") == (
        f"Chương Mỹ, Quý 1/2017 đã khoá từ {today} bởi Nguyễn Văn An: đã duyệt quý 1; "
        "quản trị viên phải mở lại kỳ này trước khi nhập"
    )
    assert save_import(plan, ledger, preview, editor).status == "invalid"

    # a 0 in a quarter locked for everyone is refused too
    lock_period(plan, ledger, admin, "2017-Q2", "sau phiên họp")
    nil_locked = preview_of(plan, ledger, report(plan, [CM], quarters, {row_of(plan, quarters, MANAGERS, Q2): 0}))
    [row] = nil_locked.in_order(Outcome.error)
    assert "đã khoá từ" in row.problems[0].message("vi") and "sau phiên họp" in row.problems[0].message("vi")


def test_a_lock_that_lands_between_the_preview_and_the_save_refuses_it_whole(ledger: Ledger, plan: Plan) -> None:
    admin = signed_in(ledger, "an", "Nguyễn Văn An", Role.admin)
    editor = signed_in(ledger, "thu", "Lê Thu")
    ledger.record(validate_entry(plan, target_id=MANAGERS, quantity=3, ref_date="2017-03-31", district=CM,
                                 entered_by="An"))  # fmt: skip
    # a new figure, a changed one and a nil report, all in Chương Mỹ's first quarter
    data = report(plan, [CM, BA_VI], [Q1], {2: 40, 3: 4, 9: 0})
    preview = preview_of(plan, ledger, data)
    assert (preview.count(Outcome.new), preview.count(Outcome.changed), preview.count(Outcome.nil)) == (1, 1, 1)
    approve_period(plan, ledger, admin, "2017-Q1", CM, "đã duyệt")  # meanwhile
    before, revision = entries(ledger), ledger.revision()
    with pytest.raises(PeriodLockedError) as refused:
        save_import(plan, ledger, preview, editor)
    assert refused.value.message("en").startswith("Chương Mỹ, Q1 2017 has been locked since")
    assert entries(ledger) == before and ledger.batches() == []  # not even Ba Vì's nil report
    assert ledger.revision() == revision  # the refused write left nothing, not even a revision


def test_a_district_taken_from_the_account_after_the_preview_refuses_the_save_whole(ledger: Ledger, plan: Plan) -> None:
    office = signed_in(ledger, "cm", "Lê Thu", districts=[CM, BA_VI])
    data = report(plan, [CM, BA_VI], [Q1], {2: 40, 8: 25})
    preview = preview_of(plan, ledger, data, writer="cm")
    assert preview.count(Outcome.new) == 2 and preview.can_save
    Accounts(ledger.database).set_districts("cm", [CM])  # an administrator narrows the account meanwhile
    with pytest.raises(OutsideScopeError) as refused:
        save_import(plan, ledger, preview, office)
    assert "Ba Vì" in refused.value.message("vi")
    assert entries(ledger) == [] and ledger.batches() == []


def test_undoing_an_import_in_a_locked_period_or_of_another_district_is_refused(ledger: Ledger, plan: Plan) -> None:
    admin = signed_in(ledger, "an", "Nguyễn Văn An", Role.admin)
    editor = signed_in(ledger, "hoa", "Phạm Hoa")
    office = signed_in(ledger, "cm", "Lê Thu", districts=[CM])
    data = report(plan, [CM, BA_VI], [Q1], {2: 40, 8: 25})
    assert save_import(plan, ledger, preview_of(plan, ledger, data), editor).status == "saved"
    [batch] = ledger.batches()

    with pytest.raises(OutsideScopeError):  # Ba Vì's figure is not the office's to take back
        revert_import(plan, ledger, batch.id, office)
    approve_period(plan, ledger, admin, "2017-Q1", CM, "đã duyệt")
    with pytest.raises(PeriodLockedError):
        revert_import(plan, ledger, batch.id, editor)
    assert sorted((e.district, e.quantity) for e in ledger.entries_where()) == [(BA_VI, 25), (CM, 40)]
    assert ledger.batches()[0].reverted_at is None


def test_a_district_office_s_template_holds_its_own_districts_only(ledger: Ledger, plan: Plan) -> None:
    office = importer_of(ledger, signed_in(ledger, "cm", "Lê Thu", districts=[BA_VI, CM]))
    places = template_districts(office)
    assert places == [BA_VI, CM]  # in the list's order
    assert template_districts(Importer()) == list(district_names())
    rows = template_rows(plan, places, [Q1])
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(plan, rows, "vi", places)))
    written = {row[0] for row in book["Số liệu"].iter_rows(min_row=2, values_only=True)}
    assert written == {BA_VI, CM}
    choices = [row[0] for row in book["Danh sách"].iter_rows(min_row=2, values_only=True)]
    assert choices == [BA_VI, CM]  # the drop-down offers the office's districts, not the city
    csv_places = {line.split(",")[0] for line in template_csv(plan, rows).decode("utf-8-sig").splitlines()[1:]}
    assert csv_places == {BA_VI, CM}
    # what the office fills in is theirs to import
    filled = report(plan, places, [Q1], {2: 12, 8: 0})
    assert preview_of(plan, ledger, filled, writer="cm").can_save


def test_the_template_says_what_an_empty_cell_and_a_0_mean_in_both_languages(plan: Plan) -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(plan, template_rows(plan, [CM], [Q1]))))
    vietnamese = " ".join(str(row[0]) for row in book["Hướng dẫn"].iter_rows(values_only=True) if row[0])
    english = " ".join(str(row[1]) for row in book["Hướng dẫn"].iter_rows(values_only=True) if row[1])
    assert "để trống nghĩa là chưa nói gì" in vietnamese
    assert "Ghi 0 nghĩa là «không có số liệu kỳ này»: trong quý chứa dòng đó" in vietnamese
    assert "An empty quantity says nothing" in english
    assert "0 means «nothing this period»: in the quarter that holds the row" in english
