"""An entry identical to a live one is refused by the write itself (issue 18, point 1), on
SQLite and PostgreSQL: the check and the insert are one transaction, so a second press of
Save, or two people saving the same figure at once, cannot count it twice unasked."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace
from decimal import Decimal

import pytest

from tests.conftest import at_server
from tracker import service
from tracker.domain.entries import ValidEntry
from tracker.domain.plan import Plan
from tracker.storage.ledger import Ledger, Removal, RepeatedEntryError

FAIRS = "fair-participants"
D = dt.date


def fairs(
    quantity: Decimal | int | str = 60,
    *,
    district: str | None = None,
    village: str | None = None,
    note: str | None = "Hội chợ tháng 6",
    by: str = "Lan",
) -> ValidEntry:
    return ValidEntry(FAIRS, D(2017, 6, 20), Decimal(quantity), district, village, note, by)


def test_a_repeat_is_refused_naming_the_entry_it_repeats_and_nothing_is_written(ledger: Ledger) -> None:
    first = ledger.record(fairs(), allow_repeat=False)
    revision, before = ledger.revision(), ledger.entry(first)
    assert before is not None
    with pytest.raises(RepeatedEntryError) as refused:
        ledger.record(fairs("60.000", by="Hoa"), allow_repeat=False)  # 60 and 60,000 are one quantity
    assert (refused.value.earlier.id, refused.value.earlier.entered_by) == (first, "Lan")
    assert refused.value.earlier.entered_at == before.entered_at
    assert refused.value.entry == fairs("60.000", by="Hoa")  # what was refused, to confirm exactly that
    when = before.entered_at.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y %H:%M")
    assert refused.value.message("vi") == f"Đã có một bản ghi giống hệt (số {first}, do Lan nhập lúc {when})."
    english = f"An identical entry is already recorded (#{first}, entered by Lan at {when})."
    assert refused.value.message("en") == english
    assert ledger.count_entries() == 1 and ledger.revision() == revision  # not even the revision moved
    assert len(ledger.changes()) == 1


def test_allowing_the_repeat_records_it(ledger: Ledger) -> None:
    ledger.record(fairs(), allow_repeat=False)
    ledger.record(fairs(), allow_repeat=True)
    assert ledger.count_entries() == 2
    assert ledger.achieved(D(2017, 12, 31), [FAIRS]) == {FAIRS: Decimal(120)}


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(fairs(note="Hội chợ Bát Tràng"), id="another-note"),
        pytest.param(fairs(note=None), id="no-note"),
        pytest.param(fairs(61), id="another-quantity"),
        pytest.param(fairs(district="Chương Mỹ"), id="a-district"),
        pytest.param(fairs(district=None, village="Phú Vinh"), id="a-village"),
        pytest.param(replace(fairs(), ref_date=D(2017, 6, 21)), id="another-day"),
        pytest.param(replace(fairs(), target_id="managers-trained"), id="another-target"),
    ],
)
def test_an_entry_that_differs_in_anything_is_another_report(ledger: Ledger, other: ValidEntry) -> None:
    ledger.record(fairs(), allow_repeat=False)
    ledger.record(other, allow_repeat=False)
    assert ledger.count_entries() == 2


def test_a_deleted_entry_is_not_repeated(ledger: Ledger) -> None:
    first = ledger.record(fairs(), allow_repeat=False)
    ledger.apply(removals=[Removal(first, 1)], by="Lan")
    again = ledger.record(fairs(), allow_repeat=False)
    assert again != first and ledger.count_entries() == 1


def test_the_repeat_named_is_a_live_one_the_latest(ledger: Ledger) -> None:
    first = ledger.record(fairs())
    second = ledger.record(fairs())  # a script may record what it is given (the default)
    ledger.apply(removals=[Removal(second, 1)], by="Lan")
    with pytest.raises(RepeatedEntryError) as refused:
        ledger.record(fairs(), allow_repeat=False)
    assert refused.value.earlier.id == first


def test_two_people_saving_the_same_figure_at_once_record_it_once(database_url: str) -> None:
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def save(name: str) -> None:
        own = Ledger(database_url)
        try:
            barrier.wait()
            outcomes.append(own.record(fairs(by=name), allow_repeat=False))
        except RepeatedEntryError as refused:
            outcomes.append(refused)
        finally:
            own.dispose()

    people = [threading.Thread(target=save, args=(name,)) for name in ("Lan", "Hoa")]
    for person in people:
        person.start()
    for person in people:
        person.join()
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["RepeatedEntryError", "int"]
    check = Ledger(database_url)
    try:
        assert check.count_entries() == 1
    finally:
        check.dispose()


def test_the_service_refuses_a_repeat_unless_told(plan: Plan, ledger: Ledger) -> None:
    """The form and the command line write through here: a repeat must be confirmed."""
    typed = {"target_id": FAIRS, "quantity": "60", "ref_date": "20/06/2017", "district": "", "note": " Hội chợ "}
    first, _ = service.record_entry(plan, ledger, at_server("Lan"), **typed)
    with pytest.raises(RepeatedEntryError) as refused:
        service.record_entry(plan, ledger, at_server("Hoa"), **{**typed, "note": "Hội chợ"})  # cleaned, it is one
    assert refused.value.earlier.id == first
    assert ledger.count_entries() == 1
    service.record_entry(plan, ledger, at_server("Hoa"), allow_repeat=True, **typed)
    assert ledger.count_entries() == 2
