"""The reporting cycle's service on the real ledger, on SQLite and PostgreSQL: the matrix
counted from what was written (entries, nil reports, edits, deletions, reverts), the
changes made after the committee approved a period, and the refusals a person reads.

The timing cases (on time against late, the due day in Hanoi time) are worked out by hand
in tests/domain/test_completeness.py: here every entry is written now, by the server's clock.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.conftest import at_server
from tests.domain.test_completeness import SMALL_PLAN
from tracker.domain.clock import hanoi_today
from tracker.domain.completeness import CellState, as_json
from tracker.domain.districts import district_names
from tracker.domain.entries import EntryKind, ValidEntry, validate_entry
from tracker.domain.periods import CITY
from tracker.domain.plan import Plan, parse_plan
from tracker.present.reporting import overview_line
from tracker.service import of_plan, revert_change
from tracker.service.reporting import approve_period as approve
from tracker.service.reporting import (
    changed_after_approval,
    late_changes_as_json,
    latest_due_reporting,
    lock_period,
    period_of_plan,
    place_of,
    record_nil,
    reopen_period,
    reporting_of,
)
from tracker.storage.ledger import Action, Edit, Ledger, NilReportError, Removal
from tracker.storage.periods import PeriodError

D = dt.date
AN = at_server("Nguyễn Văn An")  # before any account exists, the server's own computer may do all of it
LONG_AFTER = D(2030, 1, 1)  # every 2017 quarter long due; everything written today is late for them
S = CellState


@pytest.fixture(scope="module")
def plan() -> Plan:  # type: ignore[override]
    return parse_plan(SMALL_PLAN.encode(), "small.yaml")


def entry(plan: Plan, target: str, day: dt.date, district: str | None, quantity: float = 10,
          note: str | None = None) -> ValidEntry:  # fmt: skip
    return validate_entry(plan, target_id=target, quantity=quantity, ref_date=day, district=district, note=note,
                          entered_by="Nguyễn Văn An")  # fmt: skip


def write(plan: Plan, ledger: Ledger, target: str, day: dt.date, district: str | None, quantity: float = 10) -> int:
    return of_plan(plan, ledger).record(entry(plan, target, day, district, quantity, note=f"{district} {day}"))


# --- the matrix from the ledger's own count ----------------------------------------------------


def test_the_matrix_counts_what_the_ledger_holds(plan: Plan, ledger: Ledger) -> None:
    mine = of_plan(plan, ledger)
    # Chương Mỹ: both targets in Q1, one of them twice
    write(plan, ledger, "workers", D(2017, 2, 1), "Chương Mỹ")
    write(plan, ledger, "workers", D(2017, 3, 1), "Chương Mỹ", 20)
    write(plan, ledger, "owners", D(2017, 3, 31), "Chương Mỹ")
    # Sơn Tây: "nothing this period" for both
    record_nil(plan, ledger, AN, target_id="workers", district="Sơn Tây", period="2017-Q1")
    record_nil(plan, ledger, AN, target_id="owners", district="Sơn Tây", period="2017-Q1")
    # Thanh Oai: one target only
    write(plan, ledger, "workers", D(2017, 1, 15), "Thanh Oai")
    # Mỹ Đức: its only entry deleted
    gone = write(plan, ledger, "workers", D(2017, 2, 2), "Mỹ Đức")
    mine.apply(removals=[Removal(gone, 1)], by="Nguyễn Văn An")
    # Hoài Đức: an entry moved by an edit from Q1 to Q2
    moved = write(plan, ledger, "owners", D(2017, 3, 20), "Hoài Đức")
    mine.apply(edits=[Edit(moved, 1, entry(plan, "owners", D(2017, 4, 20), "Hoài Đức"))], by="Nguyễn Văn An")
    # Gia Lâm: a nil report taken back
    record_nil(plan, ledger, AN, target_id="workers", district="Gia Lâm", period="2017-Q1")
    nil_change = mine.changes_since(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))[-1]
    assert nil_change.after is not None and nil_change.after["district"] == "Gia Lâm"
    revert_change(mine, nil_change.id, AN)
    # the city: its level and its fairs, and a city-wide row of a district target (not owed)
    write(plan, ledger, "villages", D(2017, 3, 31), None, 120)
    write(plan, ledger, "fairs", D(2017, 3, 10), None, 1)
    write(plan, ledger, "workers", D(2017, 3, 10), None)
    # a figure of another plan on the same database is none of this plan's
    ledger.for_plan("another-plan").record(entry(plan, "owners", D(2017, 2, 1), "Ba Vì"))

    matrix = reporting_of(plan, ledger, LONG_AFTER)
    q1, q2 = "2017-Q1", "2017-Q2"
    states = {place: (matrix.cell(place, q1).state, matrix.cell(place, q2).state) for place in matrix.places}
    expected = {place: (S.missing, S.missing) for place in (*district_names(), CITY)}
    expected |= {
        "Chương Mỹ": (S.late, S.missing),  # whole, but written today: long after the due day
        "Sơn Tây": (S.nil, S.missing),
        "Thanh Oai": (S.partial, S.missing),
        "Hoài Đức": (S.missing, S.partial),
        CITY: (S.late, S.missing),
    }
    assert states == expected
    chuong_my = matrix.cell("Chương Mỹ", q1)
    assert (chuong_my.entries, chuong_my.nil, chuong_my.covered) == (3, 0, ("workers", "owners"))
    assert chuong_my.first_at is not None and chuong_my.last_at is not None
    assert chuong_my.first_at <= chuong_my.last_at <= dt.datetime.now(dt.UTC)
    assert chuong_my.first_at.tzinfo is not None  # a moment, comparable with the due day in Hanoi time
    son_tay = matrix.cell("Sơn Tây", q1)
    assert (son_tay.entries, son_tay.nil) == (2, 2)
    city = matrix.cell(CITY, q1)
    assert (city.covered, city.entries) == (("villages", "fairs"), 2)

    summary = matrix.summary_of(q1)
    assert summary is not None
    counted = (summary.owed, summary.reported, summary.complete, summary.on_time, summary.late, summary.nil)
    assert counted == (31, 4, 3, 0, 3, 1)
    assert set(summary.missing) == {*district_names(), CITY} - {"Chương Mỹ", "Sơn Tây", "Thanh Oai", CITY}
    shown = as_json(matrix)
    assert shown["plan"] == "small-2017"
    first = shown["periods"][0]
    assert (first["reported"], first["complete"], first["late"], first["nil"]) == (4, 3, 3, 1)
    assert "Mỹ Đức" in first["missing"] and "Gia Lâm" in first["missing"]
    workers = next(row for row in first["targets"] if row["target"] == "workers")
    assert (workers["owed"], workers["reported"]) == (30, 3)

    one = reporting_of(plan, ledger, LONG_AFTER, target_id="workers")
    assert one.cell("Thanh Oai", q1).state == S.late and CITY not in one.places


def test_the_overviews_line_read_for_the_latest_period_due_alone_says_what_the_whole_matrix_says(
    plan: Plan, ledger: Ledger
) -> None:
    assert latest_due_reporting(plan, ledger, D(2017, 4, 1)).latest_due() is None  # nothing due yet
    write(plan, ledger, "workers", D(2017, 2, 1), "Chương Mỹ")
    write(plan, ledger, "owners", D(2017, 3, 31), "Chương Mỹ")
    write(plan, ledger, "workers", D(2017, 5, 2), "Thanh Oai")
    write(plan, ledger, "owners", D(2017, 6, 30), "Thanh Oai")
    write(plan, ledger, "workers", D(2017, 6, 1), "Sơn Tây")
    write(plan, ledger, "villages", D(2017, 6, 30), None, 120)
    record_nil(plan, ledger, AN, target_id="owners", district="Gia Lâm", period="2017-Q2")
    for today in (D(2017, 4, 11), D(2017, 7, 11), D(2017, 12, 31), LONG_AFTER):
        whole, alone = reporting_of(plan, ledger, today), latest_due_reporting(plan, ledger, today)
        due = whole.latest_due()
        assert due is not None and alone.latest_due() == due, today
        for lang in ("vi", "en"):
            assert overview_line(alone, lang) == overview_line(whole, lang), (today, lang)
        for place in whole.places:
            assert alone.cell(place, due.period.name) == whole.cell(place, due.period.name), (today, place)


def test_a_report_written_before_the_due_day_is_on_time(ledger: Ledger) -> None:
    """The real clock: a plan of this year, its current period reported today, read once due."""
    today = hanoi_today()
    year = today.year
    plan = parse_plan(SMALL_PLAN.replace("2017", str(year)).encode(), "this-year.yaml")
    period = plan.reporting_period_at(today)
    write(plan, ledger, "workers", today, "Chương Mỹ")
    write(plan, ledger, "owners", period.start, "Chương Mỹ")
    write(plan, ledger, "workers", today, "Ba Vì")
    before = reporting_of(plan, ledger, today)
    assert before.cell("Chương Mỹ", period.name).state == S.on_time
    assert before.cell("Ba Vì", period.name).state == S.partial
    assert before.cell("Sóc Sơn", period.name).state == S.not_due
    after_due = reporting_of(plan, ledger, period.due + dt.timedelta(days=1))
    assert after_due.cell("Chương Mỹ", period.name).state == S.on_time
    assert after_due.cell("Sóc Sơn", period.name).state == S.missing
    summary = after_due.summary_of(period.name)
    assert summary is not None and (summary.reported, summary.complete, summary.on_time, summary.late) == (2, 1, 1, 0)


# --- changed after approval ---------------------------------------------------------------------


def test_changes_after_approval_are_listed_and_others_are_not(plan: Plan, ledger: Ledger) -> None:
    mine = of_plan(plan, ledger)
    first = write(plan, ledger, "workers", D(2017, 2, 1), "Chương Mỹ", 100)
    second = write(plan, ledger, "owners", D(2017, 3, 1), "Chương Mỹ", 5)
    q2_entry = write(plan, ledger, "workers", D(2017, 5, 1), "Chương Mỹ", 40)
    ba_vi = write(plan, ledger, "workers", D(2017, 2, 3), "Ba Vì", 7)
    # a correction before the committee saw the quarter
    mine.apply(edits=[Edit(first, 1, entry(plan, "workers", D(2017, 2, 1), "Chương Mỹ", 110))], by="Trần Lan")
    assert changed_after_approval(plan, ledger) == []  # nothing approved yet

    approve(plan, ledger, AN, "2017-Q1", "Chương Mỹ")
    reopen_period(plan, ledger, AN, "2017-Q1", "Chương Mỹ", "sửa số theo công văn mới")
    mine.apply(edits=[Edit(first, 2, entry(plan, "workers", D(2017, 2, 1), "Chương Mỹ", 150))], by="Trần Lan")
    mine.apply(removals=[Removal(second, 1)], by="Trần Lan")
    edit_after = mine.changes_of(first)[-1]
    revert_change(mine, edit_after.id, at_server("Lê Hoa"))
    # not approved: Chương Mỹ's Q2, Ba Vì's Q1
    mine.apply(edits=[Edit(q2_entry, 1, entry(plan, "workers", D(2017, 5, 1), "Chương Mỹ", 45))], by="Trần Lan")
    mine.apply(edits=[Edit(ba_vi, 1, entry(plan, "workers", D(2017, 2, 3), "Ba Vì", 8))], by="Trần Lan")

    late = changed_after_approval(plan, ledger)
    assert [(c.change.entry_id, c.change.action, c.period.name, c.place) for c in late] == [
        (first, Action.update, "2017-Q1", "Chương Mỹ"),
        (second, Action.delete, "2017-Q1", "Chương Mỹ"),
        (first, Action.revert, "2017-Q1", "Chương Mỹ"),
    ]
    assert [c.change.changed_by for c in late] == ["Trần Lan", "Trần Lan", "Lê Hoa"]
    assert all(c.change.changed_at > c.approved_at for c in late)
    assert late[0].change.before is not None and Decimal(late[0].change.before["quantity"]) == 110  # since approval
    shown = late_changes_as_json(late)
    assert set(shown[0]) == {"change", "entry", "period", "district", "action", "by", "at", "approved_at"}
    assert [row["action"] for row in shown] == ["update", "delete", "revert"]


def test_a_whole_period_lock_counts_as_approval_for_every_district(plan: Plan, ledger: Ledger) -> None:
    mine = of_plan(plan, ledger)
    ba_vi = write(plan, ledger, "workers", D(2017, 8, 1), "Ba Vì", 7)
    city = write(plan, ledger, "fairs", D(2017, 9, 1), None, 1)
    other_quarter = write(plan, ledger, "workers", D(2017, 11, 1), "Ba Vì", 3)
    lock_period(plan, ledger, AN, "2017-Q3", "Hội nghị Ban Chỉ đạo quý 3")
    reopen_period(plan, ledger, AN, "2017-Q3", None, "bổ sung số liệu")
    mine.apply(edits=[Edit(ba_vi, 1, entry(plan, "workers", D(2017, 8, 1), "Ba Vì", 9))], by="Trần Lan")
    mine.apply(removals=[Removal(city, 1)], by="Trần Lan")
    mine.apply(edits=[Edit(other_quarter, 1, entry(plan, "workers", D(2017, 11, 1), "Ba Vì", 4))], by="Trần Lan")
    # approved only now: the committee saw Ba Vì's Q3 at the lock, before the edit
    approve(plan, ledger, AN, "2017-Q3", "Ba Vì")
    late = changed_after_approval(plan, ledger)
    assert [(c.change.entry_id, c.period.name, c.place) for c in late] == [
        (ba_vi, "2017-Q3", "Ba Vì"),
        (city, "2017-Q3", CITY),
    ]
    assert late[0].approved_at < late[0].change.changed_at


def test_an_edit_moving_an_entry_out_of_an_approved_period_is_listed(plan: Plan, ledger: Ledger) -> None:
    mine = of_plan(plan, ledger)
    moved = write(plan, ledger, "workers", D(2017, 3, 30), "Chương Mỹ", 12)
    approve(plan, ledger, AN, "2017-Q1", "Chương Mỹ")
    reopen_period(plan, ledger, AN, "2017-Q1", "Chương Mỹ", "nhập nhầm quý")
    mine.apply(edits=[Edit(moved, 1, entry(plan, "workers", D(2017, 4, 2), "Chương Mỹ", 12))], by="Trần Lan")
    assert [(c.change.entry_id, c.period.name) for c in changed_after_approval(plan, ledger)] == [(moved, "2017-Q1")]


# --- what a person reads when a name is wrong ----------------------------------------------------


def test_period_of_plan_takes_the_names_people_type(plan: Plan) -> None:
    assert period_of_plan(plan, "2017-Q2").start == D(2017, 4, 1)
    assert period_of_plan(plan, " 2017-q4 ").name == "2017-Q4"


@pytest.mark.parametrize(
    ("typed", "vi", "en"),
    [
        ("2017-Q5", "Không có kỳ báo cáo «2017-Q5» trong kế hoạch này (viết như 2017-Q2 hoặc 2017-03).",
         "The plan has no reporting period «2017-Q5» (write it as 2017-Q2 or 2017-03)."),
        ("quý 2", "Không có kỳ báo cáo «quý 2» trong kế hoạch này (viết như 2017-Q2 hoặc 2017-03).",
         "The plan has no reporting period «quý 2» (write it as 2017-Q2 or 2017-03)."),
        ("2019-Q1", "Kế hoạch này không có kỳ báo cáo Quý 1/2019: các kỳ của nó từ 2017-Q1 đến 2017-Q4.",
         "The plan has no reporting period Q1 2019: its periods run from 2017-Q1 to 2017-Q4."),
        ("2017-03", "Kế hoạch này không có kỳ báo cáo Tháng 3/2017: các kỳ của nó từ 2017-Q1 đến 2017-Q4.",
         "The plan has no reporting period March 2017: its periods run from 2017-Q1 to 2017-Q4."),
    ],
)  # fmt: skip
def test_period_of_plan_refuses_with_a_message_that_says_what_to_type(plan: Plan, typed: str, vi: str, en: str) -> None:
    with pytest.raises(PeriodError) as refused:
        period_of_plan(plan, typed)
    assert (refused.value.message("vi"), refused.value.message("en")) == (vi, en)


@pytest.mark.parametrize(
    ("typed", "place"),
    [(None, CITY), ("", CITY), ("  ", CITY), ("(city)", CITY), ("toàn thành phố", CITY), ("Toàn TP", CITY),
     ("Chương Mỹ", "Chương Mỹ"), ("chuong my", "Chương Mỹ"), ("huyện Chương Mỹ", "Chương Mỹ")],
)  # fmt: skip
def test_place_of_reads_a_district_or_the_city(typed: str | None, place: str) -> None:
    assert place_of(typed) == place


@pytest.mark.parametrize(
    ("typed", "vi", "en"),
    [
        ("Paris", "«Paris» không phải một quận, huyện của Hà Nội.", "«Paris» is not a district of Hanoi."),
        ("*", "«*» không phải một quận, huyện của Hà Nội.", "«*» is not a district of Hanoi."),
        ("Chương Mi", "«Chương Mi» không phải một quận, huyện của Hà Nội; có phải là Chương Mỹ?",
         "«Chương Mi» is not a district of Hanoi; did you mean Chương Mỹ?"),
        ("Từ Liêm", "«Từ Liêm» không phải một quận, huyện của Hà Nội; có phải là Nam Từ Liêm, Bắc Từ Liêm?",
         "«Từ Liêm» is not a district of Hanoi; did you mean Nam Từ Liêm, Bắc Từ Liêm?"),
    ],
)  # fmt: skip
def test_place_of_refuses_what_is_no_district_and_suggests_a_close_one(typed: str, vi: str, en: str) -> None:
    with pytest.raises(PeriodError) as refused:
        place_of(typed)
    assert (refused.value.message("vi"), refused.value.message("en")) == (vi, en)


# --- nil reports --------------------------------------------------------------------------------


def test_a_nil_report_is_an_entry_of_nothing_on_the_periods_last_day(plan: Plan, ledger: Ledger) -> None:
    entry_id = record_nil(plan, ledger, AN, target_id="workers", district="chuong my", period="2017-Q2",
                          note="không phát sinh")  # fmt: skip
    stored = of_plan(plan, ledger).entry(entry_id)
    assert stored is not None
    assert (stored.quantity, stored.ref_date, stored.district, stored.kind) == (0, D(2017, 6, 30), "Chương Mỹ",
                                                                                EntryKind.nil)  # fmt: skip
    assert of_plan(plan, ledger).changes_of(entry_id)[-1].changed_by == "Nguyễn Văn An"


def test_a_second_nil_report_is_refused_naming_the_target_in_each_language(plan: Plan, ledger: Ledger) -> None:
    record_nil(plan, ledger, AN, target_id="workers", district="Chương Mỹ", period="2017-Q2")
    with pytest.raises(NilReportError) as refused:
        record_nil(plan, ledger, AN, target_id="workers", district="Chương Mỹ", period="2017-Q2")
    assert refused.value.message("vi") == (
        "Chương Mỹ đã báo cáo «không có số liệu» cho «Lao động học nghề» trong Quý 2/2017."
    )
    assert refused.value.message("en") == (
        "Chương Mỹ has already reported «nothing this period» for «Workers trained» in Q2 2017."
    )
    assert of_plan(plan, ledger).count_entries() == 1


def test_a_nil_report_beside_entries_is_refused_with_their_count(plan: Plan, ledger: Ledger) -> None:
    write(plan, ledger, "fairs", D(2017, 4, 3), None, 1)
    write(plan, ledger, "fairs", D(2017, 5, 3), None, 1)
    with pytest.raises(NilReportError) as refused:
        record_nil(plan, ledger, AN, target_id="fairs", district=None, period="2017-Q2")
    assert refused.value.message("vi") == (
        "Toàn thành phố đã có 2 bản ghi cho «Hội chợ» trong Quý 2/2017: không thể báo cáo «không có số liệu»."
    )
    assert refused.value.message("en") == (
        "Whole city already has 2 entries for «Fairs» in Q2 2017: it cannot report «nothing this period»."
    )
    assert of_plan(plan, ledger).count_entries() == 2


def test_a_nil_report_for_a_period_the_plan_does_not_have_is_refused(plan: Plan, ledger: Ledger) -> None:
    with pytest.raises(PeriodError) as refused:
        record_nil(plan, ledger, AN, target_id="workers", district="Chương Mỹ", period="2018-Q1")
    assert refused.value.code == "period_not_in_plan"
    assert of_plan(plan, ledger).count_entries() == 0
