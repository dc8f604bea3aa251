"""User accounts: sign-in, sessions, roles, and the author check every write makes.

Each test runs on SQLite and on PostgreSQL. Time is a fake clock the tests move, never a
sleep. Most tests hash with cheap Argon2id parameters so that the suite stays quick; one
test shows a password stored that way is rehashed with the library's defaults.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import os
import secrets
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from tests.conftest import at_server
from tests.helpers import PROJECT_ROOT
from tracker import settings
from tracker.cli import EXIT_OK, EXIT_PROBLEM, EXIT_UNAVAILABLE, main
from tracker.domain.access import AccessDeniedError, Connection, Credential, Permission, Role
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.settings import PAUSE_ENV, SESSION_HOURS_ENV
from tracker.storage import accounts as accounts_module
from tracker.storage.accounts import (
    MAX_FAILURES,
    PAUSE,
    SESSION_IDLE,
    SESSION_MAX,
    AccountError,
    Accounts,
    Identity,
    SignInError,
    UserRow,
    sign_in_attempts,
    user_sessions,
    users,
)
from tracker.storage.database import as_utc
from tracker.storage.ledger import Ledger

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # still argon2id
PASSWORD = "đúng-mật-khẩu-2017"
START = dt.datetime(2017, 3, 1, 1, 30, tzinfo=dt.UTC)  # 08:30 in Hanoi


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def default_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PAUSE_ENV, raising=False)
    monkeypatch.delenv(SESSION_HOURS_ENV, raising=False)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(ledger: Ledger, clock: Clock) -> Accounts:
    return Accounts(ledger.database, clock=clock, hasher=CHEAP)


def add(accounts: Accounts, username: str, role: Role = Role.editor, name: str | None = None) -> Identity:
    return accounts.add_user(username, name or f"Người {username}", role, PASSWORD)


def rows(ledger: Ledger, table: sa.Table) -> list[Any]:
    with ledger.database.engine.connect() as connection:
        return list(connection.execute(sa.select(table)))


def state(ledger: Ledger) -> tuple[int, int, int, int]:
    """The revision and the row count of every account table: equal means nothing written."""
    return (
        ledger.revision(),
        len(rows(ledger, users)),
        len(rows(ledger, user_sessions)),
        len(rows(ledger, sign_in_attempts)),
    )


def refusal(accounts: Accounts, username: str, password: str) -> SignInError:
    with pytest.raises(SignInError) as caught:
        accounts.sign_in(username, password)
    return caught.value


def denied(call: Any, *args: Any) -> str:
    with pytest.raises(AccessDeniedError) as caught:
        call(*args)
    return caught.value.code


# --- storing users -------------------------------------------------------------------


def test_passwords_are_stored_as_argon2id_hashes_only(accounts: Accounts, ledger: Ledger) -> None:
    identity = accounts.add_user(" Lan.Tran ", " Trần Thị Lan ", "editor", PASSWORD)
    assert identity == Identity("lan.tran", "Trần Thị Lan", Role.editor)
    (row,) = rows(ledger, users)
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    assert row.created_at is not None and row.password_changed_at is not None


def test_the_list_of_users_never_carries_a_hash(accounts: Accounts, clock: Clock) -> None:
    add(accounts, "lan", Role.admin, "Trần Thị Lan")
    add(accounts, "anh", Role.viewer)
    listed = accounts.list_users()
    assert [user.username for user in listed] == ["anh", "lan"]
    fields = {field.name for field in dataclasses.fields(UserRow)}
    assert fields == {
        "username",
        "display_name",
        "role",
        "created_at",
        "password_changed_at",
        "active_sessions",
        "districts",
    }
    assert "argon2" not in repr(listed)
    assert listed[1] == UserRow("lan", "Trần Thị Lan", Role.admin, START, START, 0)


BAD_USERS = [
    ("a", "Lan", "editor", PASSWORD, "bad_username"),
    ("x" * 41, "Lan", "editor", PASSWORD, "bad_username"),
    ("lan tran", "Lan", "editor", PASSWORD, "bad_username"),
    ("trần", "Lan", "editor", PASSWORD, "bad_username"),
    ("lan@so", "Lan", "editor", PASSWORD, "bad_username"),
    ("lan", "   ", "editor", PASSWORD, "bad_display_name"),
    ("lan", "L" * 121, "editor", PASSWORD, "bad_display_name"),
    ("lan", "Lan\x00", "editor", PASSWORD, "bad_display_name"),
    ("lan", "Lan\u202eadmin", "editor", PASSWORD, "bad_display_name"),
    ("lan", "Lan", "boss", PASSWORD, "bad_role"),
    ("lan", "Lan", "editor", "ngắn-quá", "password_too_short"),
    ("lan", "Lan", "editor", "", "password_too_short"),
    ("lan", "Lan", "editor", "p" * 257, "password_too_long"),
    ("nguyen.van.an", "An", "editor", "Nguyen.Van.An", "password_is_username"),
    ("lan", "Lan", "editor", "mật-khẩu-\udcff-dài", "password_unreadable"),  # a byte stdin could not decode
]


@pytest.mark.parametrize(("username", "name", "role", "password", "code"), BAD_USERS)
def test_bad_new_users_are_refused_and_nothing_is_written(
    accounts: Accounts, ledger: Ledger, username: str, name: str, role: str, password: str, code: str
) -> None:
    before = state(ledger)
    with pytest.raises(AccountError) as caught:
        accounts.add_user(username, name, role, password)
    assert caught.value.code == code
    assert state(ledger) == before
    vi, en = caught.value.message("vi"), caught.value.message("en")
    assert vi and en and vi != en


def test_passwords_of_the_limits_are_accepted(accounts: Accounts) -> None:
    accounts.add_user("short", "A", "viewer", "p" * 10)
    accounts.add_user("long", "B", "viewer", "p" * 256)
    assert accounts.sign_in("long", "p" * 256)[1].username == "long"


def test_user_names_are_unique_whatever_their_case(accounts: Accounts, ledger: Ledger) -> None:
    add(accounts, " Lan ")
    before = state(ledger)
    with pytest.raises(AccountError) as caught:
        add(accounts, "LAN", name="Someone else")
    assert (caught.value.code, caught.value.params) == ("username_taken", {"username": "lan"})
    assert state(ledger) == before
    assert [user.username for user in accounts.list_users()] == ["lan"]


def test_two_users_may_not_share_a_full_name(accounts: Accounts, ledger: Ledger) -> None:
    """Changes are recorded under the full name: the history could not tell them apart."""
    add(accounts, "lan", name="Trần Thị Lan")
    before = state(ledger)
    with pytest.raises(AccountError) as caught:
        add(accounts, "lan2", name="trần thị lan")
    assert caught.value.code == "display_name_taken"
    assert state(ledger) == before


@pytest.mark.parametrize("change", ["set_password", "set_role", "remove_user"])
def test_changing_an_unknown_user_is_refused(accounts: Accounts, ledger: Ledger, change: str) -> None:
    add(accounts, "lan", Role.admin)
    before = state(ledger)
    arguments = {"set_password": (PASSWORD,), "set_role": ("viewer",), "remove_user": ()}[change]
    with pytest.raises(AccountError) as caught:
        getattr(accounts, change)("nobody", *arguments)
    assert caught.value.code == "unknown_user"
    assert state(ledger) == before


def test_creating_the_tables_again_is_harmless(ledger: Ledger, clock: Clock) -> None:
    accounts = Accounts(ledger.database, clock=clock, hasher=CHEAP)
    add(accounts, "lan")
    again = Ledger(ledger.url)
    try:
        assert [user.username for user in Accounts(again.database, hasher=CHEAP).list_users()] == ["lan"]
    finally:
        again.dispose()


# --- signing in ----------------------------------------------------------------------


def test_the_right_password_gives_a_token_and_the_identity(accounts: Accounts) -> None:
    add(accounts, "lan", name="Trần Thị Lan")
    token, identity = accounts.sign_in("  LAN ", PASSWORD)
    assert identity == Identity("lan", "Trần Thị Lan", Role.editor)
    assert isinstance(token, str) and len(token) >= 40
    assert accounts.identity(token) == identity
    assert accounts.sign_in("lan", PASSWORD)[0] != token  # every sign-in is a session of its own


def test_a_password_typed_with_decomposed_accents_still_matches(accounts: Accounts) -> None:
    add(accounts, "lan")
    decomposed = "đúng-mật-khẩu-2017".replace("ú", "u\u0301").replace("ậ", "a\u0323\u0302")
    assert decomposed != PASSWORD
    assert accounts.sign_in("lan", decomposed)[1].username == "lan"


def test_a_wrong_password_and_an_unknown_user_read_the_same(accounts: Accounts) -> None:
    add(accounts, "lan")
    wrong = refusal(accounts, "lan", "not-the-password")
    unknown = refusal(accounts, "nobody", PASSWORD)
    invalid = refusal(accounts, "no such name!", PASSWORD)
    assert wrong.code == unknown.code == invalid.code == "wrong"
    assert wrong.until is None and unknown.until is None
    assert wrong.message("vi") == unknown.message("vi") == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert wrong.message("en") == unknown.message("en") == "Wrong user name or password."


def test_passwords_that_were_never_allowed_are_simply_wrong(accounts: Accounts) -> None:
    add(accounts, "lan")
    for password in [PASSWORD + "x" * 300, PASSWORD + "\udcff", "", None]:
        assert refusal(accounts, "lan", password).code == "wrong"  # type: ignore[arg-type]


@pytest.mark.parametrize("username", ["lan", "nobody"])
def test_too_many_failures_pause_a_name_existing_or_not(
    accounts: Accounts, ledger: Ledger, clock: Clock, username: str
) -> None:
    add(accounts, "lan")
    for _ in range(MAX_FAILURES - 1):
        assert refusal(accounts, username, "not-the-password").code == "wrong"
    paused = refusal(accounts, username, "not-the-password")
    assert (paused.code, paused.until) == ("paused", START + PAUSE)
    assert paused.message("vi") == "Đăng nhập sai quá nhiều lần. Hãy thử lại sau 08:35."
    assert paused.message("en") == "Too many wrong attempts. Try again after 08:35."

    before = state(ledger)
    clock.advance(seconds=PAUSE.total_seconds() - 1)
    still = refusal(accounts, username, PASSWORD)  # even the right password
    assert (still.code, still.until) == ("paused", START + PAUSE)
    assert state(ledger) == before  # a refusal while paused writes nothing

    clock.advance(seconds=1)
    if username == "lan":
        assert accounts.sign_in(username, PASSWORD)[1].username == "lan"
    else:
        assert refusal(accounts, username, PASSWORD).code == "wrong"


def test_a_pause_reads_the_same_for_a_user_and_an_unknown_name(accounts: Accounts) -> None:
    add(accounts, "lan")
    for _ in range(MAX_FAILURES):
        refusal(accounts, "lan", "not-the-password")
        refusal(accounts, "nobody", "not-the-password")
    known, unknown = refusal(accounts, "lan", PASSWORD), refusal(accounts, "nobody", PASSWORD)
    assert (known.code, known.until) == (unknown.code, unknown.until)
    assert known.message("vi") == unknown.message("vi")


def test_a_success_resets_the_failures(accounts: Accounts, ledger: Ledger) -> None:
    add(accounts, "lan")
    for _ in range(MAX_FAILURES - 1):
        refusal(accounts, "lan", "not-the-password")
    accounts.sign_in("lan", PASSWORD)
    assert rows(ledger, sign_in_attempts) == []
    for _ in range(MAX_FAILURES - 1):
        assert refusal(accounts, "lan", "not-the-password").code == "wrong"
    assert refusal(accounts, "lan", "not-the-password").code == "paused"


def test_a_pause_is_per_name(accounts: Accounts) -> None:
    add(accounts, "lan")
    add(accounts, "anh")
    for _ in range(MAX_FAILURES):
        refusal(accounts, "lan", "not-the-password")
    assert accounts.sign_in("anh", PASSWORD)[1].username == "anh"


def test_failures_made_at_the_same_moment_are_all_counted(accounts: Accounts) -> None:
    """Ten wrong passwords at once: the first MAX_FAILURES are counted one after the
    other, so the fifth pauses the name and the others are refused as paused."""
    add(accounts, "lan")
    results: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        error = refusal(accounts, "lan", "not-the-password")
        with lock:
            results.append(error.code)

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["paused"] * (10 - MAX_FAILURES + 1) + ["wrong"] * (MAX_FAILURES - 1)
    assert refusal(accounts, "lan", PASSWORD).code == "paused"


def test_an_old_hash_is_upgraded_on_a_successful_sign_in(ledger: Ledger, clock: Clock) -> None:
    Accounts(ledger.database, clock=clock, hasher=CHEAP).add_user("lan", "Lan", "editor", PASSWORD)
    (before,) = rows(ledger, users)
    modern = Accounts(ledger.database, clock=clock)  # the library's default parameters
    modern.sign_in("lan", PASSWORD)
    (after,) = rows(ledger, users)
    assert after.password_hash != before.password_hash
    assert after.password_hash.startswith("$argon2id$") and "m=65536" in after.password_hash
    assert not modern.hasher.check_needs_rehash(after.password_hash)
    assert modern.sign_in("lan", PASSWORD)[1].username == "lan"
    assert refusal(modern, "lan", "not-the-password").code == "wrong"


def test_settings_come_from_the_environment_once_per_process(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, clock: Clock
) -> None:
    defaults = Accounts(ledger.database, clock=clock, hasher=CHEAP)
    assert (defaults.pause, defaults.session_idle, defaults.session_max) == (PAUSE, SESSION_IDLE, SESSION_MAX)
    monkeypatch.setenv(PAUSE_ENV, "60")
    monkeypatch.setenv(SESSION_HOURS_ENV, "2")
    assert Accounts(ledger.database, clock=clock, hasher=CHEAP).pause == PAUSE  # read once: kept by this process
    settings.current.cache_clear()  # the next process
    changed = Accounts(ledger.database, clock=clock, hasher=CHEAP)
    assert (changed.pause, changed.session_max) == (dt.timedelta(seconds=60), dt.timedelta(hours=2))
    add(changed, "lan")
    token, _ = changed.sign_in("lan", PASSWORD)
    clock.advance(hours=1, minutes=59)
    changed.identity(token)
    clock.advance(minutes=1)
    assert denied(changed.identity, token) == "expired"
    monkeypatch.setenv(PAUSE_ENV, "five minutes")
    monkeypatch.setenv(SESSION_HOURS_ENV, "-3")
    settings.current.cache_clear()
    fallen_back = Accounts(ledger.database, clock=clock, hasher=CHEAP)
    assert (fallen_back.pause, fallen_back.session_max) == (PAUSE, SESSION_MAX)
    for unread in ("٣", "1_5", "inf", "nan"):  # float() takes each of them
        monkeypatch.setenv(SESSION_HOURS_ENV, unread)
        settings.current.cache_clear()
        assert Accounts(ledger.database, clock=clock, hasher=CHEAP).session_max == SESSION_MAX, unread


# --- sessions ------------------------------------------------------------------------


def test_a_session_ends_after_being_idle(accounts: Accounts, clock: Clock) -> None:
    add(accounts, "lan")
    token, _ = accounts.sign_in("lan", PASSWORD)
    clock.advance(hours=3)
    assert accounts.identity(token).username == "lan"  # and that use starts the idle time again
    clock.advance(seconds=SESSION_IDLE.total_seconds() - 1)
    assert accounts.identity(token).username == "lan"
    fresh, _ = accounts.sign_in("lan", PASSWORD)
    clock.advance(seconds=SESSION_IDLE.total_seconds())  # well before either session's maximum
    assert denied(accounts.identity, fresh) == "expired"


def test_a_session_in_use_still_ends_after_its_maximum(accounts: Accounts, clock: Clock) -> None:
    add(accounts, "lan")
    token, _ = accounts.sign_in("lan", PASSWORD)
    for _ in range(int(SESSION_MAX / dt.timedelta(hours=1)) - 1):
        clock.advance(hours=1)
        accounts.identity(token)
    clock.advance(minutes=59)
    accounts.identity(token)
    clock.advance(minutes=1)
    assert denied(accounts.identity, token) == "expired"


def test_last_seen_is_refreshed_at_most_once_a_minute_without_moving_the_revision(
    accounts: Accounts, ledger: Ledger, clock: Clock
) -> None:
    """Pages cache on the revision: a session being used must not throw their caches away."""
    add(accounts, "lan")
    token, _ = accounts.sign_in("lan", PASSWORD)
    revision = ledger.revision()
    clock.advance(seconds=30)
    accounts.identity(token)
    assert as_utc(rows(ledger, user_sessions)[0].last_seen_at) == START
    clock.advance(seconds=31)
    accounts.identity(token)
    assert as_utc(rows(ledger, user_sessions)[0].last_seen_at) == START + dt.timedelta(seconds=61)
    assert ledger.revision() == revision


def test_signing_out_ends_the_session(accounts: Accounts, ledger: Ledger) -> None:
    add(accounts, "lan")
    token, _ = accounts.sign_in("lan", PASSWORD)
    other, _ = accounts.sign_in("lan", PASSWORD)
    accounts.sign_out(token)
    assert denied(accounts.identity, token) == "expired"
    assert accounts.identity(other).username == "lan"  # the same person elsewhere stays in
    assert {row.revoked for row in rows(ledger, user_sessions)} == {True, False}
    accounts.sign_out(token)  # twice, or a token never issued: nothing happens
    accounts.sign_out(secrets.token_urlsafe(32))
    assert [user.active_sessions for user in accounts.list_users()] == [1]


def test_a_new_password_ends_every_session_of_that_user(accounts: Accounts, clock: Clock) -> None:
    add(accounts, "lan")
    add(accounts, "anh")
    tokens = [accounts.sign_in("lan", PASSWORD)[0] for _ in range(2)]
    theirs, _ = accounts.sign_in("anh", PASSWORD)
    clock.advance(hours=1)
    accounts.set_password("LAN", "mật-khẩu-mới-2018")
    for token in tokens:
        assert denied(accounts.identity, token) == "expired"
    assert accounts.identity(theirs).username == "anh"
    assert refusal(accounts, "lan", PASSWORD).code == "wrong"
    assert accounts.sign_in("lan", "mật-khẩu-mới-2018")[1].username == "lan"
    changed = {user.username: user.password_changed_at for user in accounts.list_users()}
    assert changed == {"lan": START + dt.timedelta(hours=1), "anh": START}


def test_removing_a_user_ends_their_sessions_and_keeps_their_name_in_the_history(
    accounts: Accounts, ledger: Ledger, plan: Plan
) -> None:
    add(accounts, "admin", Role.admin)
    add(accounts, "lan", name="Trần Thị Lan")
    token, _ = accounts.sign_in("lan", PASSWORD)
    by = accounts.author(Credential(token=token), Permission.edit)
    entry = validate_entry(plan, target_id="workers-trained", quantity="450", ref_date="2017-03-01", entered_by=by)
    entry_id = ledger.record(entry)
    accounts.remove_user("lan")
    assert denied(accounts.identity, token) == "expired"
    assert [user.username for user in accounts.list_users()] == ["admin"]
    stored = ledger.entry(entry_id)
    assert stored is not None and stored.entered_by == "Trần Thị Lan"
    assert [change.changed_by for change in ledger.changes_of(entry_id)] == ["Trần Thị Lan"]
    assert refusal(accounts, "lan", PASSWORD).code == "wrong"


def test_a_new_role_applies_to_an_open_session_at_once(accounts: Accounts) -> None:
    add(accounts, "admin", Role.admin)
    add(accounts, "lan", Role.editor, "Trần Thị Lan")
    token, _ = accounts.sign_in("lan", PASSWORD)
    assert accounts.author(Credential(token=token), Permission.edit) == "Trần Thị Lan"
    accounts.set_role("lan", "viewer")
    assert accounts.identity(token).role == Role.viewer
    assert denied(accounts.author, Credential(token=token), Permission.edit) == "no_permission"
    accounts.set_role("lan", Role.admin)
    assert accounts.author(Credential(token=token), Permission.manage_users) == "Trần Thị Lan"


def test_forged_and_tampered_tokens_are_refused(accounts: Accounts) -> None:
    add(accounts, "lan")
    token, _ = accounts.sign_in("lan", PASSWORD)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for forged in [secrets.token_urlsafe(32), tampered, token + "x", token.upper(), "", "x" * 10_000]:
        assert denied(accounts.identity, forged) == "expired"
        # An empty token is no token at all: then the user is simply not signed in.
        expected = "expired" if forged else "not_signed_in"
        assert denied(accounts.author, Credential(token=forged), Permission.view) == expected
    digest = hashlib.sha256(token.encode()).hexdigest()
    assert denied(accounts.identity, digest) == "expired"  # a stolen copy of the table is no key


def test_the_database_holds_only_the_tokens_hash(accounts: Accounts, ledger: Ledger) -> None:
    add(accounts, "lan")
    token, _ = accounts.sign_in("lan", PASSWORD)
    (session,) = rows(ledger, user_sessions)
    assert session.token_hash == hashlib.sha256(token.encode()).hexdigest()
    every_value = [
        str(value) for table in (users, user_sessions, sign_in_attempts) for r in rows(ledger, table) for value in r
    ]
    assert not any(token in value for value in every_value)
    assert not any(PASSWORD in value for value in every_value)


def test_active_sessions_are_counted_per_user(accounts: Accounts, clock: Clock) -> None:
    add(accounts, "lan")
    add(accounts, "anh")
    accounts.sign_in("lan", PASSWORD)
    ended, _ = accounts.sign_in("lan", PASSWORD)
    accounts.sign_out(ended)
    assert {user.username: user.active_sessions for user in accounts.list_users()} == {"anh": 0, "lan": 1}
    clock.advance(seconds=SESSION_IDLE.total_seconds())
    assert {user.username: user.active_sessions for user in accounts.list_users()} == {"anh": 0, "lan": 0}


# --- the author of a write -----------------------------------------------------------


def test_the_author_check_follows_the_role(accounts: Accounts, ledger: Ledger) -> None:
    add(accounts, "xem", Role.viewer, "Người Xem")
    add(accounts, "lan", Role.editor, "Trần Thị Lan")
    add(accounts, "quan", Role.admin, "Quản Trị")
    viewer, editor, admin = (Credential(token=accounts.sign_in(name, PASSWORD)[0]) for name in ("xem", "lan", "quan"))
    before = state(ledger)
    assert accounts.author(viewer, Permission.view) == "Người Xem"
    assert denied(accounts.author, viewer, Permission.edit) == "no_permission"
    assert denied(accounts.author, viewer, Permission.manage_users) == "no_manage"
    assert accounts.author(editor, Permission.edit) == "Trần Thị Lan"
    assert denied(accounts.author, editor, Permission.manage_users) == "no_manage"
    assert accounts.author(admin, Permission.edit) == "Quản Trị"
    assert accounts.author(admin, Permission.manage_users) == "Quản Trị"
    assert state(ledger) == before


APP = "127.0.0.1:8631"


@pytest.mark.parametrize(
    "connection",
    [
        Connection("127.0.0.1", APP, "http://127.0.0.1:8640", scheme="ws"),  # a page of another port
        Connection("127.0.0.1", APP, "https://127.0.0.1:8631", scheme="ws"),  # of the other scheme
        Connection("127.0.0.1", APP, "http://localhost:8631", scheme="ws"),  # of another name
        Connection("127.0.0.1", APP, "null", scheme="ws"),  # a sandboxed frame
        Connection("127.0.0.1", APP, "http://127.0.0.1:8631", scheme=None),  # the scheme not known
    ],
    ids=["other-port", "other-scheme", "other-host", "null", "no-scheme"],
)
def test_a_valid_token_from_another_origins_page_writes_nothing(
    accounts: Accounts, ledger: Ledger, connection: Connection
) -> None:
    """The browser sends the sign-in cookie to every port of the host: the write itself
    refuses a token that a page of another origin presents, whatever the page showed."""
    add(accounts, "lan", Role.admin, "Trần Thị Lan")
    token = accounts.sign_in("lan", PASSWORD)[0]
    before = state(ledger)
    for permission in Permission:
        assert denied(accounts.author, Credential(token=token, connection=connection), permission) == "foreign_page"
    assert state(ledger) == before
    own = Connection("127.0.0.1", APP, "http://127.0.0.1:8631", scheme="ws")
    assert accounts.author(Credential(token=token, connection=own), Permission.edit) == "Trần Thị Lan"
    no_page = Connection("10.0.0.7", APP, None, scheme="ws")  # a program that holds the token
    assert accounts.author(Credential(token=token, connection=no_page), Permission.edit) == "Trần Thị Lan"


def test_without_users_the_typed_name_is_the_author(accounts: Accounts, ledger: Ledger) -> None:
    before = state(ledger)
    assert not accounts.has_users()
    assert accounts.author(at_server("  Trần Thị Lan "), Permission.edit) == "Trần Thị Lan"
    assert denied(accounts.author, at_server("   "), Permission.edit) == "no_name"
    assert denied(accounts.author, at_server("Trần\u202eLan"), Permission.edit) == "bad_name"
    assert denied(accounts.author, at_server("Trần\u200bLan"), Permission.edit) == "bad_name"
    assert state(ledger) == before


@pytest.mark.parametrize(
    "connection",
    [
        Connection(None, "localhost:8501"),  # no address at all: Streamlit's agent API, AppTest
        Connection("10.0.0.7", "localhost:8501"),  # another computer
        Connection("127.0.0.1", "rebind.evil.example:8501"),  # a page of another site, its name made to resolve here
        Connection("127.0.0.1", None),
        Connection("::ffff:10.0.0.7", "127.0.0.1:8501"),
        Connection("127.0.0.1", "127.0.0.1:8501", "http://localhost:3000"),  # another web page on this computer
        Connection("127.0.0.1", "127.0.0.1:8501", "null"),  # a sandboxed frame
        Connection("127.0.0.1", "localhost:8501", "http://localhost:8501", proxied=True),  # via a proxy here
    ],
    ids=["no-address", "elsewhere", "rebinding", "no-host", "mapped", "other-origin", "null-origin", "proxy"],
)
def test_without_users_a_typed_name_counts_only_from_the_server_itself(
    accounts: Accounts, ledger: Ledger, connection: Connection
) -> None:
    before = state(ledger)
    remote = Credential(local_name="Trần Thị Lan", connection=connection)
    assert denied(accounts.author, remote, Permission.edit) == "not_this_computer"
    assert denied(accounts.author, Credential(local_name="Trần Thị Lan"), Permission.edit) == "not_this_computer"
    assert state(ledger) == before


@pytest.mark.parametrize(
    "connection",
    [
        Connection("127.0.0.1", "localhost:8501", "http://localhost:8501"),
        Connection("::1", "[::1]:8501", "http://[::1]:8501"),
        Connection("::ffff:127.0.0.1", "127.0.0.1:8501", "http://127.0.0.1:8501"),  # the app bound to "::"
        Connection("127.0.0.1", "localhost:8501"),  # no Origin: a program on the server, not a page
    ],
)
def test_a_browser_at_the_server_may_write_under_its_typed_name(accounts: Accounts, connection: Connection) -> None:
    here = Credential(local_name="Trần Thị Lan", connection=connection)
    assert accounts.author(here, Permission.edit) == "Trần Thị Lan"


def test_once_there_are_users_a_typed_name_is_not_enough(accounts: Accounts, ledger: Ledger) -> None:
    add(accounts, "lan", Role.admin)
    assert accounts.has_users()
    before = state(ledger)
    assert denied(accounts.author, at_server("Trần Thị Lan"), Permission.edit) == "local_closed"
    assert denied(accounts.author, at_server("  "), Permission.edit) == "not_signed_in"
    assert denied(accounts.author, Credential(), Permission.view) == "not_signed_in"
    assert state(ledger) == before


def test_every_refusal_has_a_message_in_both_languages() -> None:
    for code in (
        "expired",
        "no_permission",
        "no_manage",
        "no_name",
        "bad_name",
        "local_closed",
        "not_signed_in",
        "not_this_computer",
        "foreign_page",
    ):
        vi, en = AccessDeniedError(code).message("vi"), AccessDeniedError(code).message("en")
        assert vi and en and vi != en


def test_the_token_is_never_shown_in_a_credentials_repr() -> None:
    assert "secret-token" not in repr(Credential(token="secret-token"))


# --- administrators ------------------------------------------------------------------


def test_the_last_administrator_cannot_be_demoted_or_removed(accounts: Accounts, ledger: Ledger) -> None:
    add(accounts, "quan", Role.admin)
    add(accounts, "lan", Role.editor)
    before = state(ledger)
    for change in (lambda: accounts.set_role("quan", "editor"), lambda: accounts.remove_user("quan")):
        with pytest.raises(AccountError) as caught:
            change()
        assert caught.value.code == "last_admin"
    assert state(ledger) == before
    accounts.set_role("quan", "admin")  # staying an administrator is fine
    accounts.set_role("lan", "admin")
    accounts.set_role("quan", "viewer")  # now someone else can manage users
    with pytest.raises(AccountError):
        accounts.remove_user("lan")
    accounts.remove_user("quan")
    assert [(user.username, user.role) for user in accounts.list_users()] == [("lan", Role.admin)]


# --- the command line ----------------------------------------------------------------


@pytest.fixture
def cli_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ledger]:
    """python -m tracker against the test database; a ledger to look at what it wrote."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    monkeypatch.setenv("TRACKER_TARGETS", str(PROJECT_ROOT / "targets.yaml"))
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    store = Ledger(database_url)
    yield store
    store.dispose()


def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_manages_users_from_adding_to_removing(
    cli_database: Ledger, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run = lambda *argv, stdin="": cli(capsys, monkeypatch, *argv, stdin=stdin)  # noqa: E731

    assert run("user", "list")[:2] == (
        EXIT_OK,
        "Chưa có người dùng nào: ứng dụng đang mở trên máy này, ai cũng ghi được dưới tên mình tự nhập.\n",
    )
    code, out, err = run("user", "add", "Quan", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert (code, err) == (EXIT_OK, "")
    assert out == "Đã thêm người dùng quan (quan, quản trị viên).\n"
    code, out, _ = run(
        "--lang",
        "en",
        "user",
        "add",
        "lan",
        "--role",
        "editor",
        "--name",
        "Trần Thị Lan",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert (code, out) == (EXIT_OK, "Added user lan (Trần Thị Lan, editor).\n")

    accounts = Accounts(cli_database.database, hasher=CHEAP)
    token, identity = accounts.sign_in("lan", PASSWORD)  # the whole line but its newline is the password
    assert identity == Identity("lan", "Trần Thị Lan", Role.editor)

    code, out, _ = run("--lang", "en", "user", "list")
    today = dt.datetime.now(dt.UTC).astimezone(accounts_module.HANOI_TIME).strftime("%d/%m/%Y")
    lines = out.splitlines()
    assert code == EXIT_OK and len(lines) == 3
    assert lines[0].split() == ["User", "name", "Full", "name", "Role", "Created", "Open", "sessions", "Districts"]
    assert lines[1].split() == ["lan", "Trần", "Thị", "Lan", "editor", today, "1", "every", "district"]
    assert lines[2].split() == ["quan", "quan", "administrator", today, "0", "every", "district"]

    assert run("user", "role", "LAN", "viewer")[:2] == (EXIT_OK, "Đã đổi quyền của lan thành người xem.\n")
    assert accounts.identity(token).role == Role.viewer

    code, out, _ = run("user", "passwd", "lan", "--password-stdin", stdin="mật-khẩu-mới-2018\n")
    assert code == EXIT_OK and out.startswith("Đã đổi mật khẩu của lan")
    assert denied(accounts.identity, token) == "expired"
    accounts.sign_in("lan", "mật-khẩu-mới-2018")

    assert run("user", "remove", "lan")[0] == EXIT_OK
    assert [user.username for user in accounts.list_users()] == ["quan"]


def test_cli_asks_for_the_password_twice(
    cli_database: Ledger, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([PASSWORD, PASSWORD, PASSWORD, "something-else-2017"])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert cli(capsys, monkeypatch, "user", "add", "lan", "--role", "editor")[0] == EXIT_OK
    assert prompts == ["Mật khẩu: ", "Nhập lại mật khẩu: "]
    code, _, err = cli(capsys, monkeypatch, "--lang", "en", "user", "passwd", "lan")
    assert (code, err) == (EXIT_PROBLEM, "Not done:\n  the two passwords differ\n")
    Accounts(cli_database.database, hasher=CHEAP).sign_in("lan", PASSWORD)  # unchanged


def test_cli_refuses_a_short_password_in_either_language_and_stores_nothing(
    cli_database: Ledger, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ("user", "add", "lan", "--role", "editor", "--password-stdin")
    code, out, err = cli(capsys, monkeypatch, *argv, stdin="ngắn\n")
    assert (code, out, err) == (EXIT_PROBLEM, "", "Chưa thực hiện:\n  mật khẩu phải có ít nhất 10 ký tự\n")
    code, out, err = cli(capsys, monkeypatch, "--lang", "en", *argv, stdin="short\n")
    assert (code, out, err) == (EXIT_PROBLEM, "", "Not done:\n  the password must have at least 10 characters\n")
    assert not Accounts(cli_database.database, hasher=CHEAP).has_users()


def test_cli_refuses_before_asking_for_a_password(
    cli_database: Ledger, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_prompt(prompt: str = "") -> str:
        raise AssertionError("asked for a password")

    monkeypatch.setattr("getpass.getpass", no_prompt)
    refused = {
        ("user", "add", "l", "--role", "editor"): "bad_username",
        ("user", "add", "lan", "--role", "boss"): "bad_role",
        ("user", "passwd", "nobody"): "unknown_user",
    }
    for argv, code in refused.items():
        exit_code, _, err = cli(capsys, monkeypatch, "--lang", "en", *argv)
        assert exit_code == EXIT_PROBLEM
        assert err.startswith("Not done:\n  ") and code  # the message, not a traceback
    cli(capsys, monkeypatch, "user", "add", "lan", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    exit_code, _, err = cli(capsys, monkeypatch, "user", "add", "LAN", "--role", "editor")
    assert (exit_code, err) == (EXIT_PROBLEM, "Chưa thực hiện:\n  đã có người dùng lan\n")
    exit_code, _, err = cli(capsys, monkeypatch, "--lang", "en", "user", "remove", "lan")
    assert (exit_code, err) == (
        EXIT_PROBLEM,
        "Not done:\n  lan is the last administrator; make someone else an administrator first\n",
    )
    exit_code, _, err = cli(capsys, monkeypatch, "--lang", "en", "user", "role", "lan", "editor")
    assert exit_code == EXIT_PROBLEM and "last administrator" in err


def test_cli_says_when_the_database_cannot_be_reached(tmp_path: Path) -> None:
    """A real process: exit 2 and one clear line, never a traceback."""
    environment = {
        **os.environ,
        "TRACKER_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2",
        "TRACKER_LANG": "en",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "user", "add", "lan", "--role", "editor", "--password-stdin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == EXIT_UNAVAILABLE
    assert result.stderr.startswith("Cannot reach the database:")
    assert "Traceback" not in result.stderr


def test_cli_reads_the_password_from_stdin_in_a_real_process(database_url: str) -> None:
    environment = {**os.environ, "TRACKER_DATABASE_URL": database_url, "TRACKER_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "user", "add", "lan", "--role", "editor", "--password-stdin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=environment,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (EXIT_OK, "")
    ledger = Ledger(database_url)
    try:
        assert Accounts(ledger.database, hasher=CHEAP).sign_in("lan", PASSWORD)[1].username == "lan"
    finally:
        ledger.dispose()


def test_one_address_trying_many_names_is_paused_whatever_the_names(accounts: Accounts, clock: Clock) -> None:
    add(accounts, "lan")
    for attempt in range(accounts.max_address_failures):  # one wrong try per name: no name is paused
        with pytest.raises(SignInError):
            accounts.sign_in(f"ten{attempt}", "sai-mat-khau-123", address="192.0.2.9")
    with pytest.raises(SignInError) as refused:
        accounts.sign_in("lan", PASSWORD, address="192.0.2.9")  # the right password, from that address
    assert refused.value.code == "paused"
    token, _ = accounts.sign_in("lan", PASSWORD, address="192.0.2.10")  # another computer is not held up
    assert accounts.identity(token).username == "lan"
    clock.advance(seconds=accounts.pause.total_seconds() + 1)
    assert accounts.sign_in("lan", PASSWORD, address="192.0.2.9")[1].username == "lan"
