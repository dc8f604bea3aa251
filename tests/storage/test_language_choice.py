"""A signed-in person's language is kept on their account: written by their own session
(never another user's), read back at every sign-in and with every identity. Both
databases; a fake clock, never a sleep."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from tracker.domain.access import AccessDeniedError, Connection, Credential, Role
from tracker.storage.accounts import SESSION_IDLE, AccountError, Accounts, users
from tracker.storage.ledger import Ledger

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "đúng-mật-khẩu-2017"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2017, 3, 1, 1, 30, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(ledger: Ledger, clock: Clock) -> Accounts:
    store = Accounts(ledger.database, clock=clock, hasher=CHEAP)
    store.add_user("lan", "Trần Thị Lan", Role.admin, PASSWORD)
    store.add_user("hoa", "Lê Thị Hoa", Role.viewer, PASSWORD)
    return store


def languages(ledger: Ledger) -> dict[str, Any]:
    with ledger.database.engine.connect() as connection:
        return dict(connection.execute(sa.select(users.c.username, users.c.language)).all())


def test_a_person_s_choice_is_kept_and_comes_back_at_the_next_sign_in(accounts: Accounts, ledger: Ledger) -> None:
    token, first = accounts.sign_in("hoa", PASSWORD)
    assert first.language is None  # nobody has chosen yet: the app's default applies
    revision = ledger.revision()
    accounts.set_language(Credential(token=token), "en")  # a viewer may choose too: it changes no figure
    assert accounts.identity(token).language == "en"
    assert ledger.revision() == revision  # no figure changed: no page's cache is thrown away
    _, elsewhere = accounts.sign_in("hoa", PASSWORD)  # another browser, another day
    assert elsewhere.language == "en"
    assert languages(ledger) == {"hoa": "en", "lan": None}
    accounts.set_language(Credential(token=token), "vi")
    assert accounts.sign_in("hoa", PASSWORD)[1].language == "vi"


def test_a_session_changes_only_its_own_person_s_language(accounts: Accounts, ledger: Ledger) -> None:
    hoa, _ = accounts.sign_in("hoa", PASSWORD)
    accounts.set_language(Credential(token=hoa), "en")
    assert languages(ledger) == {"hoa": "en", "lan": None}  # there is no way to name another user


@pytest.mark.parametrize("language", ["xx", "EN", "en ", "", "<script>", "vi" * 10])
def test_a_language_the_app_does_not_speak_is_refused_and_nothing_is_written(
    accounts: Accounts, ledger: Ledger, language: str
) -> None:
    token, _ = accounts.sign_in("lan", PASSWORD)
    with pytest.raises(AccountError) as caught:
        accounts.set_language(Credential(token=token), language)
    assert caught.value.code == "bad_language"
    assert caught.value.message("vi") and caught.value.message("en")
    assert languages(ledger) == {"hoa": None, "lan": None}


def test_no_session_an_ended_one_or_another_site_s_page_writes_nothing(
    accounts: Accounts, ledger: Ledger, clock: Clock
) -> None:
    def refused(credential: Credential) -> str:
        with pytest.raises(AccessDeniedError) as caught:
            accounts.set_language(credential, "en")
        return caught.value.code

    assert refused(Credential()) == "not_signed_in"
    assert refused(Credential(local_name="Lan")) == "not_signed_in"
    assert refused(Credential(token="not-a-token-of-ours")) == "expired"
    signed_out, _ = accounts.sign_in("lan", PASSWORD)
    accounts.sign_out(signed_out)
    assert refused(Credential(token=signed_out)) == "expired"
    token, _ = accounts.sign_in("lan", PASSWORD)
    foreign = Connection("127.0.0.1", "localhost:8501", "http://localhost:9999", scheme="http")
    assert refused(Credential(token=token, connection=foreign)) == "foreign_page"
    clock.now += SESSION_IDLE  # left open all night
    assert refused(Credential(token=token)) == "expired"
    assert languages(ledger) == {"hoa": None, "lan": None}
