"""The entries grid's Save, on SQLite and on PostgreSQL, through the function the page calls.

AppTest cannot type into st.data_editor, so each test builds the edit-state dict Streamlit
produces ({"edited_rows": {position: {column: value}}, "added_rows": [...],
"deleted_rows": [...]}, positions into ``grid.grid_frame(rows, lang)``, values as the
browser sends them) and hands it to ``service.save_grid``, exactly as the page does. What
is asserted is what a person would notice: the status of the save, the messages (row,
column, wording in Vietnamese and English), the totals, and the history of changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa

from tests.service.grid_helpers import (
    AS_HOA,
    BINH,
    EXPORTS,
    HOA,
    WORKERS,
    YEAR_END,
    D,
    Picture,
    at,
    changes_since,
    make,
    new_row,
    nine_thousand,
    picture,
    save,
    state,
    total,
    view,
)
from tracker import service
from tracker.domain.access import AccessDeniedError
from tracker.domain.entries import EntryKind
from tracker.domain.plan import Plan
from tracker.present import history
from tracker.service import grid
from tracker.storage.ledger import Action, Edit, Ledger, Removal, entries, entry_changes

# --- 1. the happy path ---------------------------------------------------------------------


def _assert_happy_save(
    ledger: Ledger, five: list[int], outcome: service.SaveOutcome, before: Picture, edited: dict[int, dict[str, Any]]
) -> None:
    e1, e2, e3, e4, e5 = five
    assert outcome.status == "saved", outcome
    assert outcome.problems == [] and outcome.conflicts == []
    assert len(outcome.new_ids) == 2
    first, second = (ledger.entry(i) for i in outcome.new_ids)
    assert first is not None and second is not None
    assert (first.ref_date, first.quantity, first.district, first.village, first.note) == (
        D(2017, 5, 20),
        Decimal(75),
        "Sóc Sơn",
        "Xuân Thu",
        "lớp mây tre",
    )
    assert (second.ref_date, second.quantity, second.district) == (D(2017, 5, 21), Decimal("25"), None)
    assert first.entered_by == HOA and second.entered_by == HOA
    assert ledger.entry(e5) is not None and ledger.entry(e5).deleted  # type: ignore[union-attr]
    for entry_id, expected in edited.items():
        row = ledger.entry(entry_id)
        assert row is not None and not row.deleted and row.version == 2
        for name, value in expected.items():
            assert getattr(row, name) == value, (entry_id, name)
    assert ledger.count_entries(WORKERS) == 6
    # every change is in the history: who, what, before and after
    changes = changes_since(ledger, before.last_change)
    assert len(changes) == len(edited) + 1 + 2
    assert {c.changed_by for c in changes} == {HOA}
    by_entry = {c.entry_id: c for c in changes}
    for entry_id in edited:
        change = by_entry[entry_id]
        assert change.action == Action.update
        assert change.before is not None and change.after is not None
        assert change.version == 2
    deletion = by_entry[e5]
    assert deletion.action == Action.delete
    assert deletion.before is not None and deletion.before["quantity"] in ("100", "100.000", "100.0")
    assert deletion.after is None
    for new_id in outcome.new_ids:
        assert by_entry[new_id].action == Action.create and by_entry[new_id].before is None
    assert by_entry[outcome.new_ids[0]].after["quantity"] in ("75", "75.0")  # type: ignore[index]
    assert by_entry[e1].before["quantity"] in ("450", "450.0")  # type: ignore[index]
    assert Decimal(by_entry[e1].after["quantity"]) == 500  # type: ignore[index]
    assert e2 in by_entry and e3 in by_entry and e4 in by_entry


def _happy_additions() -> list[dict[str, Any]]:
    return [
        new_row(ref_date="2017-05-20", quantity="75", district="Sóc Sơn", village="Xuân Thu", note="lớp mây tre"),
        new_row(ref_date="2017-05-21", quantity=25.0, district="Toàn thành phố"),
    ]


def test_one_save_applies_every_kind_of_change(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    """A quantity, a date, a district, a village and a note edited, two rows added, one
    deleted: one Save, all of it written, the totals exact, every change in the history."""
    e1, e2, e3, e4, e5 = five
    frame = view(ledger)
    before = picture(ledger)
    outcome = save(
        plan,
        ledger,
        frame,
        state(
            edited={
                at(frame, e1): {"quantity": "500"},
                at(frame, e2): {"ref_date": "2017-03-31"},
                at(frame, e3): {"district": "Chương Mỹ"},
                at(frame, e4): {"village": "Tản Hồng"},
                at(frame, e5): {"note": "ignored: the row is deleted"},
            },
            added=_happy_additions(),
            deleted=[at(frame, e5)],
        ),
        confirmed=True,  # the deletion asked about, and said yes to
    )
    edited = {
        e1: {"quantity": Decimal(500)},
        e2: {"ref_date": D(2017, 3, 31), "quantity": Decimal(1200), "village": "Vạn Điểm"},
        e3: {"district": "Chương Mỹ", "quantity": Decimal(300), "note": "Sở báo cáo"},
        e4: {"village": "Tản Hồng", "district": "Ba Vì"},
    }
    _assert_happy_save(ledger, five, outcome, before, edited)
    assert total(ledger) == Decimal(500 + 1200 + 300 + 200 + 75 + 25)
    assert total(ledger, as_of=D(2017, 3, 15)) == Decimal(500)  # 1 200 moved to 31/03
    assert ledger.totals_by_district(WORKERS, YEAR_END)[None] == Decimal(25)  # 300 moved to Chương Mỹ
    detail = ledger.changes_of(e2)[-1]
    assert (detail.before["ref_date"], detail.after["ref_date"]) == ("2017-03-15", "2017-03-31")  # type: ignore[index]


def test_an_edit_by_someone_else_keeps_the_original_author_and_records_the_editor(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    frame = view(ledger)
    outcome = save(plan, ledger, frame, state(edited={at(frame, five[1]): {"quantity": 1250}}), by=BINH)
    assert outcome.status == "saved"
    entry = ledger.entry(five[1])
    assert entry is not None and entry.quantity == 1250 and entry.entered_by == HOA
    last = ledger.changes_of(five[1])[-1]
    assert (last.action, last.changed_by) == (Action.update, BINH)
    assert total(ledger) == Decimal(2250 + 50)


def test_a_grid_in_english_saves_the_same_way(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    frame = view(ledger, "en")
    assert "City-wide" in frame["district"].tolist()
    outcome = save(
        plan,
        ledger,
        frame,
        state(
            edited={at(frame, five[2]): {"quantity": 310}},  # the city-wide row, shown "City-wide"
            added=[new_row(ref_date="2017-06-01", quantity=5, district="City-wide")],
        ),
        lang="en",
    )
    assert outcome.status == "saved"
    assert ledger.entry(five[2]).district is None  # type: ignore[union-attr]
    assert ledger.entry(outcome.new_ids[0]).district is None  # type: ignore[union-attr]
    assert total(ledger) == Decimal(2250 + 10 + 5)


# --- 2. the corpus of bad input ---------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    name: str
    column: str
    value: Any
    vi: str  # a part of the Vietnamese message
    en: str  # the same in English


REFUSED = [
    Refused("text-in-number", "quantity", "abc", "'abc' không phải là một số", "'abc' is not a number"),
    Refused("negative", "quantity", -5, "số lượng không được âm", "must not be negative"),
    Refused("huge", "quantity", "100000001", "số lượng quá lớn", "too large"),
    Refused("fraction-for-count", "quantity", "0,5", "phải là số nguyên", "whole number"),  # 0.5 in either language
    Refused("fraction-for-count-float", "quantity", 2.5, "phải là số nguyên", "whole workers"),
    # a number the two languages read differently: tests/service/test_numbers_typed.py
    Refused("empty-quantity", "quantity", None, "hãy nhập số lượng", "enter a quantity"),
    Refused("empty-date", "ref_date", None, "hãy chọn ngày", "choose the date"),
    Refused("blank-date", "ref_date", "", "hãy chọn ngày", "choose the date"),
    Refused("blank-quantity", "quantity", "  ", "hãy nhập số lượng", "enter a quantity"),
    Refused("outside-period", "ref_date", "2018-01-05", "05/01/2018 nằm ngoài thời kỳ", "05/01/2018 lies outside"),
    Refused("impossible-date", "ref_date", "2017-02-30", "'2017-02-30' không phải là ngày hợp lệ", "not a valid date"),
    Refused("unknown-district", "district", "Paris", "'Paris' không phải quận, huyện", "'Paris' is not one of Hanoi"),
    Refused("control-chars-in-village", "village", "Vạn\x00Điểm", "ký tự ẩn U+0000", "hidden character U+0000"),
    Refused("bidi-override-in-village", "village", "Vạn\u202eĐiểm", "ký tự ẩn U+202E", "hidden character U+202E"),
    Refused("zero-width-in-note", "note", "hai\u200bba", "ký tự ẩn U+200B", "hidden character U+200B"),
    Refused("arabic-indic-zero", "quantity", "1\u06605", "chữ số không phải 0–9", "digit other than 0–9"),
    Refused("full-width-digit", "quantity", "\uff13", "chữ số không phải 0–9", "digit other than 0–9"),
    Refused("village-too-long", "village", "x" * 201, "quá dài", "too long"),
]


def _corpus() -> list[Any]:
    params = []
    for case in REFUSED:
        for where in ("edit", "add"):
            params.append(pytest.param(case, where, id=f"{case.name}-{where}"))
    return params


def _bad_save(case: Refused, where: str, frame: pd.DataFrame, five: list[int]) -> tuple[dict[str, Any], str, str]:
    """A save with one refused cell beside valid changes; the row label in vi and en."""
    valid_add = new_row(ref_date="2017-06-01", quantity=40, district="Chương Mỹ")
    if where == "edit":
        return (
            state(
                edited={at(frame, five[0]): {"quantity": 460}, at(frame, five[1]): {case.column: case.value}},
                added=[valid_add],
                deleted=[at(frame, five[4])],
            ),
            f"Bản ghi #{five[1]}",
            f"Entry #{five[1]}",
        )
    bad = new_row(ref_date="2017-06-02", quantity=10, district="Đan Phượng")
    bad[case.column] = case.value
    return (
        state(edited={at(frame, five[0]): {"quantity": 460}}, added=[valid_add, bad], deleted=[at(frame, five[4])]),
        "Dòng mới 2",
        "New row 2",
    )


@pytest.mark.parametrize(("case", "where"), _corpus())
def test_a_refused_cell_is_named_and_nothing_is_written(
    plan: Plan, ledger: Ledger, five: list[int], case: Refused, where: str
) -> None:
    before = picture(ledger)
    for lang, message_part in (("vi", case.vi), ("en", case.en)):
        frame = view(ledger, lang)
        edit_state, label_vi, label_en = _bad_save(case, where, frame, five)
        outcome = save(plan, ledger, frame, edit_state, lang=lang)
        assert outcome.status == "invalid", outcome
        assert outcome.new_ids == []
        assert [(p.row, p.column) for p in outcome.problems] == [(label_vi if lang == "vi" else label_en, case.column)]
        message = outcome.problems[0].message
        assert message_part in message, message
        assert "None" not in message and "nan" not in message.lower()
    assert picture(ledger) == before  # the valid edit, add and delete were not written either


@pytest.mark.parametrize(
    ("lang", "limit"),
    [
        ("vi", "100.000.000"),
        ("en", "100,000,000"),
    ],
)
def test_a_huge_number_is_refused_with_the_limit_written_the_local_way(
    plan: Plan, ledger: Ledger, lang: str, limit: str
) -> None:
    frame = view(ledger, lang)
    outcome = save(plan, ledger, frame, state(added=[new_row(ref_date="2017-06-01", quantity="100000001")]), lang=lang)
    assert outcome.status == "invalid"
    assert limit in outcome.problems[0].message, outcome.problems[0].message


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("note", "<script>alert('xss')</script><b>đậm</b>"),
        ("note", '<img src=x onerror="alert(1)">'),
        ("note", "'); DROP TABLE entries; --"),
        ("village", "Vạn Điểm'; DELETE FROM entry_changes WHERE '1'='1"),
        ("note", 'Robert\'); DROP TABLE entry_changes;-- "quoted" % _ \\'),
    ],
)
def test_markup_and_sql_looking_text_is_stored_verbatim(
    plan: Plan, ledger: Ledger, five: list[int], column: str, text: str
) -> None:
    frame = view(ledger)
    outcome = save(plan, ledger, frame, state(added=[new_row(ref_date="2017-06-01", quantity=7, **{column: text})]))
    assert outcome.status == "saved", outcome
    stored = ledger.entry(outcome.new_ids[0])
    assert stored is not None and getattr(stored, column) == text
    assert ledger.changes_of(stored.id)[0].after[column] == text  # type: ignore[index]
    # the tables survive, with every entry and change in them
    assert ledger.count_entries() == 6
    assert total(ledger) == Decimal(2250 + 7)
    with ledger.database.engine.connect() as connection:
        for table in (entries, entry_changes):
            assert connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one() == 6
    assert (view(ledger)[column] == text).sum() == 1  # the grid shows it back as typed


@pytest.fixture
def amounts(ledger: Ledger) -> list[int]:
    """Export figures (million USD, a level per district) with decimals, city-wide and per district."""
    return [
        ledger.record(make("175.25", D(2017, 1, 15), None, target_id=EXPORTS)),
        ledger.record(make("12.5", D(2017, 2, 15), "Chương Mỹ", target_id=EXPORTS)),
        ledger.record(make("3", D(2017, 3, 15), "Ba Vì", target_id=EXPORTS)),
    ]


@pytest.mark.parametrize(
    ("lang", "shown", "typed"),
    [
        ("vi", "175,25", "180,5"),
        ("en", "175.25", "180.5"),
    ],
)
def test_amounts_with_decimals_are_shown_and_typed_the_local_way(
    plan: Plan, ledger: Ledger, amounts: list[int], lang: str, shown: str, typed: str
) -> None:
    frame = view(ledger, lang, EXPORTS)
    row = at(frame, amounts[0])
    assert frame.iloc[row]["quantity"] == shown
    outcome = save(
        plan,
        ledger,
        frame,
        state(
            edited={row: {"note": "số liệu của Sở"}},  # the quantity cell is sent back as shown
            added=[new_row(ref_date="2017-04-15", quantity=typed, district="Mỹ Đức")],
        ),
        lang=lang,
        target_id=EXPORTS,
    )
    assert outcome.status == "saved", outcome
    edited = ledger.entry(amounts[0])
    assert edited is not None and (edited.quantity, edited.note) == (Decimal("175.25"), "số liệu của Sở")
    assert ledger.entry(outcome.new_ids[0]).quantity == Decimal("180.5")  # type: ignore[union-attr]
    # a level per district; the city-wide January figure is older than the districts' reports
    assert ledger.achieved(YEAR_END, [], [EXPORTS])[EXPORTS] == Decimal("12.5") + 3 + Decimal("180.5")


@pytest.mark.parametrize(("language", "shown"), [("vi", "12.000"), ("en", "12,000")])
def test_a_count_is_shown_grouped_as_the_app_writes_it_and_reads_back_unchanged(
    plan: Plan, ledger: Ledger, language: str, shown: str
) -> None:
    entry_id = ledger.record(make("12000", D(2017, 5, 2), "Ba Vì"))
    frame = view(ledger, language)
    assert frame.iloc[at(frame, entry_id)]["quantity"] == shown
    outcome = save(plan, ledger, frame, state(edited={at(frame, entry_id): {"note": "đã đối chiếu"}}), lang=language)
    assert outcome.status == "saved", outcome
    entry = ledger.entry(entry_id)
    assert entry is not None and (entry.quantity, entry.note) == (Decimal(12000), "đã đối chiếu")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_amount_with_three_decimals_survives_an_edit_of_another_cell(
    plan: Plan, ledger: Ledger, amounts: list[int], lang: str
) -> None:
    """234.125 is shown as 234,125 (vi) or 234.125 (en); editing its note must not
    turn the untouched quantity into an 'ambiguous separator' the person never typed."""
    precise = ledger.record(make("234.125", D(2017, 4, 1), "Sóc Sơn", target_id=EXPORTS))
    frame = view(ledger, lang, EXPORTS)
    outcome = save(
        plan, ledger, frame, state(edited={at(frame, precise): {"note": "đã đối chiếu"}}), lang=lang, target_id=EXPORTS
    )
    assert outcome.status == "saved", outcome
    entry = ledger.entry(precise)
    assert entry is not None and (entry.quantity, entry.note) == (Decimal("234.125"), "đã đối chiếu")


def test_text_typed_the_way_people_write_numbers_is_read_as_they_meant(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    frame = view(ledger)
    outcome = save(
        plan,
        ledger,
        frame,
        state(
            added=[
                new_row(ref_date="31/05/2017", quantity="1200", district="chương  mỹ"),
                new_row(ref_date="2017-05-30", quantity=" 30000 ", district="Ứng Hoà"),
            ]
        ),
        # 30 000 in one entry is the whole goal, not above it: no question asked
    )
    assert outcome.status == "saved", outcome
    first, second = (ledger.entry(i) for i in outcome.new_ids)
    assert first is not None and (first.ref_date, first.quantity, first.district) == (
        D(2017, 5, 31),
        1200,
        "Chương Mỹ",
    )
    assert second is not None and (second.quantity, second.district) == (30000, "Ứng Hòa")
    assert total(ledger) == Decimal(2250 + 1200 + 30000)


def test_a_save_without_a_name_is_refused(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    before = picture(ledger)
    frame = view(ledger)
    with pytest.raises(AccessDeniedError) as refused:
        save(plan, ledger, frame, state(added=[new_row(ref_date="2017-06-01", quantity=3)]), by="  ")
    assert refused.value.message("vi").startswith("Hãy nhập tên của bạn ở thanh bên trái")
    assert picture(ledger) == before


# --- 3. several bad cells in one save --------------------------------------------------


def test_every_bad_cell_of_a_save_is_reported_row_by_row(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    e1, e2, e3, _, _ = five
    before = picture(ledger)
    frame = view(ledger)
    outcome = save(
        plan,
        ledger,
        frame,
        state(
            edited={
                at(frame, e1): {"quantity": "abc", "district": "Paris"},
                at(frame, e2): {"ref_date": "2018-01-05", "quantity": -3},
                at(frame, e3): {"quantity": 305},  # valid
            },
            added=[
                new_row(ref_date="2017-06-01", quantity=40),  # valid
                new_row(ref_date="2017-02-30", quantity=None, district="Paris"),
                new_row(ref_date="2017-06-03", quantity="2,5", note="ok"),
            ],
        ),
    )
    assert outcome.status == "invalid"
    found = [(p.row, p.column) for p in outcome.problems]
    # row by row: the edited rows in the grid's order, then the new rows in theirs
    edited_in_order = sorted([e1, e2], key=lambda i: at(frame, i))
    expected_rows = [f"Bản ghi #{i}" for i in edited_in_order] + ["Dòng mới 2", "Dòng mới 3"]
    rows_seen = list(dict.fromkeys(row for row, _ in found))
    assert rows_seen == expected_rows
    assert {c for r, c in found if r == f"Bản ghi #{e1}"} == {"quantity", "district"}
    assert {c for r, c in found if r == f"Bản ghi #{e2}"} == {"quantity", "ref_date"}
    assert {c for r, c in found if r == "Dòng mới 2"} == {"quantity", "ref_date", "district"}
    assert {c for r, c in found if r == "Dòng mới 3"} == {"quantity"}
    assert len(found) == 8  # each cell once
    messages = {(p.row, p.column): p.message for p in outcome.problems}
    assert "'abc' không phải là một số" in messages[(f"Bản ghi #{e1}", "quantity")]
    assert "'Paris'" in messages[("Dòng mới 2", "district")]
    assert "số lượng không được âm" in messages[(f"Bản ghi #{e2}", "quantity")]
    assert "nằm ngoài thời kỳ" in messages[(f"Bản ghi #{e2}", "ref_date")]
    assert picture(ledger) == before


# --- 4. outliers ask for confirmation --------------------------------------------------


def test_outliers_ask_for_confirmation_then_are_written(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    before = picture(ledger)
    frame = view(ledger)
    outcome = save(
        plan,
        ledger,
        frame,
        state(
            added=[
                new_row(ref_date="2017-04-01", quantity=50000, district="Chương Mỹ"),  # above the whole goal
                new_row(ref_date="2017-12-20", quantity=30, district="Ba Vì"),  # 90+ days from every entry
                new_row(ref_date="2017-03-01", quantity=450, district="Chương Mỹ"),  # repeats the first entry
                new_row(ref_date="2017-05-03", quantity=60, district="Ba Vì"),  # nothing unusual
            ]
        ),
    )
    assert outcome.status == "needs_confirmation"
    assert outcome.batch is not None
    warned = [(c.row, c.message) for c in outcome.batch.warnings]
    assert len(warned) == 3
    assert warned[0] == ("Dòng mới 1", "một bản ghi 50.000 lớn hơn cả mục tiêu (30.000)")
    assert warned[1][0] == "Dòng mới 2" and "20/12/2017" in warned[1][1] and "90 ngày" in warned[1][1]
    assert warned[2][0] == "Dòng mới 3" and warned[2][1].startswith("trùng với một bản ghi đã có")
    assert picture(ledger) == before  # nothing yet

    confirmed = service.write_batch(ledger, outcome.batch, AS_HOA, confirmed=True)
    assert confirmed.status == "saved"
    assert len(confirmed.new_ids) == 4
    assert ledger.count_entries(WORKERS) == 9
    assert total(ledger) == Decimal(2250 + 50000 + 30 + 450 + 60)


def test_a_row_repeating_an_entry_in_look_alike_letters_asks_for_confirmation(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    """Entry 2 is 1.200 in Vạn Điểm (Thường Tín); the same figure with a full-width V and a
    Latin alpha ɑ for the a is the same row to the eye, and to the check."""
    outcome = save(
        plan,
        ledger,
        view(ledger),
        state(
            added=[
                new_row(ref_date="2017-03-15", quantity=1200, district="Thường Tín", village="Ｖ\u0251\u0323n ĐIỂM"),
                new_row(ref_date="2017-03-15", quantity=1200, district="Thường Tín", village="Văn Điểm"),  # another
            ]
        ),
    )
    assert outcome.status == "needs_confirmation" and outcome.batch is not None
    assert [(c.row, c.message) for c in outcome.batch.warnings] == [
        ("Dòng mới 1", "trùng với một bản ghi đã có (cùng ngày, số lượng, quận/huyện, làng nghề)")
    ]
    assert ledger.count_entries() == 5


def test_outlier_warnings_are_in_english_too(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    frame = view(ledger, "en")
    outcome = save(
        plan,
        ledger,
        frame,
        state(added=[new_row(ref_date="2017-12-20", quantity=50000, district="City-wide")]),
        lang="en",
    )
    assert outcome.status == "needs_confirmation"
    assert outcome.batch is not None
    messages = [c.message for c in outcome.batch.warnings]
    assert [c.row for c in outcome.batch.warnings] == ["New row 1", "New row 1"]
    assert messages[0] == "a single entry of 50,000 is larger than the whole goal (30,000)"
    assert "20/12/2017" in messages[1] and "90 days" in messages[1]


def test_a_far_date_needs_three_other_entries_to_be_an_outlier(plan: Plan, ledger: Ledger) -> None:
    ledger.record(make(10, D(2017, 3, 1)))
    ledger.record(make(10, D(2017, 3, 2)))
    outcome = save(plan, ledger, view(ledger), state(added=[new_row(ref_date="2017-12-20", quantity=5)]))
    assert outcome.status == "saved"
    assert total(ledger) == 25


def test_a_row_added_twice_in_one_save_asks_for_confirmation(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    twice = new_row(ref_date="2017-05-10", quantity=33, district="Ba Vì", village="Phú Vinh")
    outcome = save(plan, ledger, view(ledger), state(added=[twice, dict(twice)]))
    assert outcome.status == "needs_confirmation"
    assert outcome.batch is not None
    assert [c.row for c in outcome.batch.warnings] == ["Dòng mới 2"]
    assert ledger.count_entries() == 5


def test_an_edit_that_lifts_an_entry_above_the_goal_asks_for_confirmation(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    frame = view(ledger)
    outcome = save(plan, ledger, frame, state(edited={at(frame, five[0]): {"quantity": 45000}}))
    assert outcome.status == "needs_confirmation"
    assert outcome.batch is not None
    assert [c.row for c in outcome.batch.warnings] == [f"Bản ghi #{five[0]}"]
    assert ledger.entry(five[0]).quantity == 450  # type: ignore[union-attr]
    assert service.write_batch(ledger, outcome.batch, AS_HOA, confirmed=True).status == "saved"
    assert ledger.entry(five[0]).quantity == 45000  # type: ignore[union-attr]


# --- 5. conflicts ----------------------------------------------------------------------


def test_a_stale_edit_is_refused_whole_and_keep_mine_applies_it_on_top(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    e1 = five[0]
    frame_a = view(ledger)  # Hoa opens the grid
    # Bình changes the same entry in the meantime
    ledger.apply(edits=[Edit(e1, 1, make(470, D(2017, 3, 1), note="Bình sửa"))], by=BINH)
    after_b = picture(ledger)

    outcome = save(
        plan,
        ledger,
        frame_a,
        state(
            edited={at(frame_a, e1): {"quantity": 480}},
            added=[new_row(ref_date="2017-06-01", quantity=40)],  # unrelated, refused with the rest
        ),
    )
    assert outcome.status == "conflict"
    assert outcome.new_ids == []
    assert picture(ledger) == after_b  # nothing of Hoa's written; Bình's value stays
    assert ledger.entry(e1).quantity == 470  # type: ignore[union-attr]
    [conflict] = outcome.conflicts
    assert conflict.entry_id == e1 and conflict.seen_version == 1
    assert conflict.current is not None
    assert (conflict.current.version, conflict.current.quantity, conflict.current.note) == (2, 470, "Bình sửa")
    table = history.conflicts_table(outcome.conflicts, outcome.batch, "vi")
    assert table.iloc[0]["Giá trị hiện tại"].startswith("470 · 01/03/2017 · Chương Mỹ")
    assert table.iloc[0]["Thay đổi của bạn"].startswith("480 · 01/03/2017")
    assert (table.iloc[0]["Phiên bản bạn đã xem"], table.iloc[0]["Phiên bản hiện tại"]) == (1, 2)

    assert outcome.batch is not None
    mine = service.keep_mine(outcome.batch, outcome.conflicts)
    kept = service.write_batch(ledger, mine, AS_HOA, confirmed=True)
    assert kept.status == "saved"
    entry = ledger.entry(e1)
    assert entry is not None and entry.quantity == 480 and entry.version == 3
    assert [c.action for c in ledger.changes_of(e1)] == [Action.create, Action.update, Action.update]
    assert [c.changed_by for c in ledger.changes_of(e1)] == [HOA, BINH, HOA]
    assert ledger.changes_of(e1)[-1].before["quantity"] in ("470", "470.0")  # type: ignore[index]
    assert total(ledger) == Decimal(2250 - 450 + 480 + 40)


def test_keep_mine_applies_my_cells_and_keeps_the_cells_someone_else_changed(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    e1 = five[0]
    frame_a = view(ledger)
    ledger.apply(edits=[Edit(e1, 1, make(450, D(2017, 3, 1), note="Bình: số liệu đã đối chiếu"))], by=BINH)
    outcome = save(plan, ledger, frame_a, state(edited={at(frame_a, e1): {"quantity": "480"}}))
    assert outcome.status == "conflict" and outcome.batch is not None
    kept = service.write_batch(ledger, service.keep_mine(outcome.batch, outcome.conflicts), AS_HOA, confirmed=True)
    assert kept.status == "saved"
    entry = ledger.entry(e1)
    assert entry is not None and entry.quantity == 480  # Hoa's change
    assert entry.note == "Bình: số liệu đã đối chiếu"  # Bình's change, which Hoa never touched


def test_a_row_deleted_underneath_is_a_conflict_and_keep_mine_drops_it(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    e1, e2 = five[0], five[1]
    frame_a = view(ledger)
    ledger.apply(removals=[Removal(e2, 1)], by=BINH)
    after_b = picture(ledger)

    outcome = save(
        plan,
        ledger,
        frame_a,
        state(
            edited={at(frame_a, e1): {"quantity": 451}, at(frame_a, e2): {"quantity": 1300}},
            added=[new_row(ref_date="2017-06-01", quantity=40)],
        ),
    )
    assert outcome.status == "conflict"
    assert picture(ledger) == after_b
    [conflict] = outcome.conflicts
    assert conflict.entry_id == e2 and conflict.current is not None and conflict.current.deleted
    table = history.conflicts_table(outcome.conflicts, outcome.batch, "en")
    assert table.iloc[0]["Current values"] == "(absent / deleted)"

    assert outcome.batch is not None
    kept = service.write_batch(ledger, service.keep_mine(outcome.batch, outcome.conflicts), AS_HOA, confirmed=True)
    assert kept.status == "saved"
    assert ledger.entry(e2).deleted  # type: ignore[union-attr]  # Bình's deletion stands
    assert ledger.entry(e1).quantity == 451  # type: ignore[union-attr]
    assert len(kept.new_ids) == 1
    assert total(ledger) == Decimal(2250 - 1200 + 1 + 40)


def test_a_stale_delete_is_a_conflict_and_keep_mine_deletes_the_current_version(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    e4 = five[3]
    frame_a = view(ledger)
    ledger.apply(edits=[Edit(e4, 1, make(250, D(2017, 4, 20), "Ba Vì"))], by=BINH)
    after_b = picture(ledger)

    outcome = save(plan, ledger, frame_a, state(deleted=[at(frame_a, e4)]), confirmed=True)
    assert outcome.status == "conflict"
    assert picture(ledger) == after_b
    [conflict] = outcome.conflicts
    assert (conflict.entry_id, conflict.seen_version, conflict.current.version) == (e4, 1, 2)  # type: ignore[union-attr]
    assert history.conflicts_table(outcome.conflicts, outcome.batch, "vi").iloc[0]["Thay đổi của bạn"] == "Xoá"

    assert outcome.batch is not None
    kept = service.write_batch(ledger, service.keep_mine(outcome.batch, outcome.conflicts), AS_HOA, confirmed=True)
    assert kept.status == "saved"
    assert ledger.entry(e4).deleted  # type: ignore[union-attr]
    assert ledger.changes_of(e4)[-1].before["quantity"] in ("250", "250.0")  # type: ignore[index]
    assert total(ledger) == Decimal(2250 - 200)


def test_a_save_from_a_fresh_view_after_someone_elses_change_is_no_conflict(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    ledger.apply(edits=[Edit(five[0], 1, make(470, D(2017, 3, 1)))], by=BINH)
    frame = view(ledger)  # reloaded after Bình's change
    outcome = save(plan, ledger, frame, state(edited={at(frame, five[0]): {"quantity": 480}}))
    assert outcome.status == "saved"
    assert ledger.entry(five[0]).version == 3  # type: ignore[union-attr]


# --- 8. corners of the edit state --------------------------------------------------------


def test_a_deletion_is_asked_about_by_the_write_itself_and_nothing_is_deleted_unasked(
    plan: Plan, ledger: Ledger, five: list[int]
) -> None:
    frame = view(ledger)
    before = picture(ledger)
    outcome = save(plan, ledger, frame, state(deleted=[at(frame, five[1])]))
    assert outcome.status == "needs_confirmation"
    assert picture(ledger) == before
    ready = save(plan, ledger, frame, state(deleted=[at(frame, five[1])]), confirmed=True)
    deleted = ledger.entry(five[1])
    assert ready.status == "saved" and deleted is not None and deleted.deleted


def test_a_row_edited_and_deleted_is_only_deleted(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    frame = view(ledger)
    row = at(frame, five[1])
    outcome = save(plan, ledger, frame, state(edited={row: {"quantity": "abc"}}, deleted=[row]), confirmed=True)
    assert outcome.status == "saved"  # the refused cell belonged to a row that is going away
    assert [c.action for c in ledger.changes_of(five[1])] == [Action.create, Action.delete]
    assert total(ledger) == Decimal(2250 - 1200)


def test_retyping_the_same_values_is_not_an_edit(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    frame = view(ledger)
    before = picture(ledger)
    outcome = save(
        plan,
        ledger,
        frame,
        state(
            edited={
                at(frame, five[0]): {"quantity": 450, "ref_date": "2017-03-01", "district": "Chương Mỹ"},
                at(frame, five[1]): {"quantity": 1200.0, "village": "Vạn Điểm", "note": ""},
                at(frame, five[2]): {"quantity": 300, "district": "Toàn thành phố", "note": "Sở báo cáo"},
            }
        ),
    )
    assert outcome.status == "nothing"
    assert picture(ledger) == before


def test_retyping_the_same_note_is_not_an_edit(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    frame = view(ledger)
    before = picture(ledger)
    outcome = save(plan, ledger, frame, state(edited={at(frame, five[2]): {"note": "Sở báo cáo"}}))
    assert outcome.status == "nothing"
    assert picture(ledger) == before


@pytest.mark.parametrize(
    "blank",
    [
        pytest.param({}, id="no-cells"),
        pytest.param(new_row(district=None), id="all-none"),
        pytest.param(new_row(district=None, village="", note="", quantity=float("nan")), id="blank-and-nan"),
    ],
)
def test_an_added_row_left_empty_is_ignored(plan: Plan, ledger: Ledger, five: list[int], blank: dict) -> None:
    frame = view(ledger)
    before = picture(ledger)
    assert save(plan, ledger, frame, state(added=[blank])).status == "nothing"
    outcome = save(plan, ledger, frame, state(added=[blank, new_row(ref_date="2017-06-01", quantity=4)]))
    assert outcome.status == "saved" and len(outcome.new_ids) == 1
    assert ledger.count_entries() == before.count + 1


def test_an_adjustment_stays_an_adjustment_when_edited_in_the_grid(plan: Plan, ledger: Ledger) -> None:
    nine_thousand(ledger)
    adjustment_id, _ = service.set_total(
        plan, ledger, target_id=WORKERS, total=8000, as_of="2017-06-30", credential=AS_HOA
    )
    assert adjustment_id is not None
    for lang in ("vi", "en"):
        frame = view(ledger, lang)
        version = ledger.entry(adjustment_id).version  # type: ignore[union-attr]
        wanted = -800 if lang == "vi" else -900
        outcome = save(
            plan,
            ledger,
            frame,
            state(edited={at(frame, adjustment_id): {"quantity": wanted, "note": f"sửa ({lang})"}}),
            lang=lang,
        )
        assert outcome.status == "saved", outcome
        entry = ledger.entry(adjustment_id)
        assert entry is not None
        assert (entry.quantity, entry.kind, entry.version) == (wanted, EntryKind.adjustment, version + 1)
    assert total(ledger, as_of=D(2017, 6, 30)) == Decimal(9000 - 900)


def test_a_report_cannot_be_made_negative_in_the_grid(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    frame = view(ledger)
    outcome = save(plan, ledger, frame, state(edited={at(frame, five[0]): {"quantity": -450}}))
    assert outcome.status == "invalid"
    assert [(p.row, p.column) for p in outcome.problems] == [(f"Bản ghi #{five[0]}", "quantity")]


def test_an_empty_save_is_nothing(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    before = picture(ledger)
    assert save(plan, ledger, view(ledger), state()).status == "nothing"
    assert save(plan, ledger, view(ledger), {}).status == "nothing"
    assert picture(ledger) == before


def test_edit_state_keys_may_be_text(plan: Plan, ledger: Ledger, five: list[int]) -> None:
    """Streamlit's JSON has text keys for edited rows; both kinds mean the same row."""
    frame = view(ledger)
    row = at(frame, five[0])
    outcome = save(
        plan, ledger, frame, {"edited_rows": {str(row): {"quantity": 451}}, "deleted_rows": [], "added_rows": []}
    )
    assert outcome.status == "saved"
    assert ledger.entry(five[0]).quantity == 451  # type: ignore[union-attr]


def test_a_new_row_without_a_district_is_refused_not_saved_as_city_wide(plan: Plan, ledger: Ledger) -> None:
    """A forgotten district must not quietly become the whole city."""
    frame = grid.grid_frame([], "vi")
    state = {"edited_rows": {}, "added_rows": [{"ref_date": "2017-05-02", "quantity": "77"}], "deleted_rows": []}
    outcome = service.save_grid(plan, ledger, WORKERS, frame, state, AS_HOA, "vi")
    assert outcome.status == "invalid"
    assert [(p.row, p.column, p.message) for p in outcome.problems] == [
        ("Dòng mới 1", "district", "hãy chọn quận/huyện, hoặc «Toàn thành phố»")
    ]
    assert ledger.count_entries() == 0
