"""An account scoped to its districts writes only their figures, on SQLite and PostgreSQL:
every write of another district's row or of a city-wide row is refused with a message
that names the place, nothing written (a mixed save refused whole); its own district's
writes go through; an account with no district writes everything; a change of scope
holds at once for a session already open.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from argon2 import PasswordHasher

from tests.storage.reporting_writes import WRITES, held, prepare
from tracker import service
from tracker.domain.access import Credential
from tracker.domain.entries import ValidEntry, validate_entry
from tracker.domain.plan import Plan
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.storage.periods import OutsideScopeError

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "mật-khẩu-đủ-dài-2017"
CHUONG_MY = "Chương Mỹ"
THUONG_TIN = "Thường Tín"
IN_Q2 = dt.date(2017, 5, 10)
IN_Q3 = dt.date(2017, 8, 10)
OUTSIDE = {"another_district": THUONG_TIN, "city_wide": None}


@pytest.fixture
def accounts(ledger: Ledger) -> Accounts:
    """An administrator with no district, and the Chương Mỹ office's account ``cm``."""
    made = Accounts(ledger.database, hasher=CHEAP)
    made.add_user("lan", "Nguyễn Thị Lan", "admin", PASSWORD, first=True)
    made.add_user("cm", "Phòng Kinh tế Chương Mỹ", "editor", PASSWORD, districts=["chuong my"])
    return made


@pytest.mark.parametrize("place", sorted(OUTSIDE))
@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_outside_the_account_s_districts_is_refused_whole(
    write: str, place: str, ledger: Ledger, plan: Plan, accounts: Accounts
) -> None:
    scene = prepare(ledger, plan, OUTSIDE[place], IN_Q2, CHUONG_MY, IN_Q3)  # made by the department
    before = held(ledger, plan)
    with pytest.raises(OutsideScopeError) as refused:
        WRITES[write](ledger.written_by("cm"), scene)
    assert held(ledger, plan) == before
    shown = THUONG_TIN if OUTSIDE[place] else "Toàn thành phố"
    assert refused.value.message("vi") == (
        f"Tài khoản của bạn chỉ được ghi số liệu của {CHUONG_MY}; dòng này thuộc {shown}. Không ghi gì."
    )


@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_of_the_account_s_own_district_goes_through(
    write: str, ledger: Ledger, plan: Plan, accounts: Accounts
) -> None:
    scene = prepare(ledger, plan, CHUONG_MY, IN_Q2, CHUONG_MY, IN_Q3)
    before = held(ledger, plan)
    WRITES[write](ledger.written_by("cm"), scene)
    after = held(ledger, plan)
    assert after["revision"] > before["revision"]
    assert len(after["entry_changes"]) > len(before["entry_changes"])


@pytest.mark.parametrize("place", sorted(OUTSIDE))
@pytest.mark.parametrize("write", list(WRITES))
def test_an_account_with_no_district_writes_every_district_and_the_city(
    write: str, place: str, ledger: Ledger, plan: Plan, accounts: Accounts
) -> None:
    scene = prepare(ledger, plan, OUTSIDE[place], IN_Q2, CHUONG_MY, IN_Q3)
    before = held(ledger, plan)
    WRITES[write](ledger.written_by("lan"), scene)
    assert len(held(ledger, plan)["entry_changes"]) > len(before["entry_changes"])


def test_a_scoped_account_still_reads_every_district(ledger: Ledger, plan: Plan, accounts: Accounts) -> None:
    prepare(ledger, plan, THUONG_TIN, IN_Q2, None, IN_Q3)
    scoped = ledger.written_by("cm")
    assert {row.district for row in scoped.entries_where()} == {THUONG_TIN, None}
    assert scoped.achieved(dt.date(2017, 12, 31), ["workers-trained"]) == ledger.achieved(
        dt.date(2017, 12, 31), ["workers-trained"]
    )


def test_a_new_scope_holds_at_once_for_a_session_already_open(ledger: Ledger, plan: Plan, accounts: Accounts) -> None:
    token, identity = accounts.sign_in("cm", PASSWORD)
    assert identity.districts == (CHUONG_MY,)
    signed_in = Credential(token=token)

    def record(district: str | None) -> int:
        return service.record_entry(plan, ledger, signed_in, target_id="workers-trained", quantity=Decimal(5),
                                    ref_date=IN_Q2, district=district, note=f"{district}")[0]  # fmt: skip

    name, scoped = service.writer_of(ledger, signed_in)
    assert (name, scoped.writer) == ("Phòng Kinh tế Chương Mỹ", "cm")
    record(CHUONG_MY)
    with pytest.raises(OutsideScopeError):
        record(THUONG_TIN)

    assert accounts.set_districts("cm", ["Chương Mỹ", "thuong tin"]) == (CHUONG_MY, THUONG_TIN)
    record(THUONG_TIN)  # the same session, no new sign-in
    scoped.record(scoped_entry(plan, THUONG_TIN))  # and the ledger the session was handed before
    with pytest.raises(OutsideScopeError):
        record(None)

    accounts.set_districts("cm", ["Ba Vì"])
    with pytest.raises(OutsideScopeError) as narrowed:
        record(CHUONG_MY)
    assert narrowed.value.message("en").startswith("Your account may only write figures of Ba Vì; ")
    with pytest.raises(OutsideScopeError):
        scoped.record(scoped_entry(plan, CHUONG_MY))

    accounts.set_districts("cm", [])  # no district: every one, and the city
    record(None)
    assert [row.district for row in ledger.entries_of("workers-trained")] == [THUONG_TIN, None, THUONG_TIN, CHUONG_MY]


def scoped_entry(plan: Plan, district: str | None) -> ValidEntry:
    return validate_entry(plan, target_id="workers-trained", quantity=1, ref_date=IN_Q3, district=district,
                          entered_by="Phòng Kinh tế Chương Mỹ")  # fmt: skip
