"""User accounts: who may sign in, with which role, and the check every write makes.

Anyone allowed may look, only editors change numbers, and every change names its
author. Passwords are hashed with Argon2id (argon2-cffi); a session is a random token
the browser keeps, of which the database stores only the SHA-256, so a copy of the
database lets nobody sign in. The tables live in the one Database and every write runs
in its write transaction, so writers queue and nothing is half done; the
one exception is the once-a-minute note of a session's last use (see ``_touch``).

While the app has no users at all it runs in open local mode: a write is signed with
the name typed in the sidebar. Once the first user exists, only a signed-in session
may write.

Plain Python: nothing here imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    Row,
    String,
    Table,
    and_,
    delete,
    func,
    or_,
    select,
    update,
)

from tracker import settings
from tracker.domain.access import AccessDeniedError, Credential, Permission, Role, allows, from_own_page
from tracker.domain.districts import UnknownDistrictError, canonical_district
from tracker.domain.errors import CodedError
from tracker.domain.text import TypedTextError, typed_text
from tracker.i18n import HANOI_TIME, LANGS, Lang
from tracker.storage.database import Database, as_utc, metadata
from tracker.storage.periods import user_districts

# --- settings ------------------------------------------------------------------------

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256  # argon2 takes any length; a cap keeps a huge paste from costing memory
MAX_FAILURES = 5  # wrong passwords in a row before a name is paused
MAX_ADDRESS_FAILURES = 20  # wrong passwords from one network address, whatever the names, before it is paused
PAUSE = dt.timedelta(seconds=settings.PAUSE_SECONDS)  # unless the office sets another
SESSION_IDLE = dt.timedelta(hours=8)  # a session unused this long is over
SESSION_MAX = dt.timedelta(hours=settings.SESSION_HOURS)  # and none lasts longer than a working day
TOUCH_EVERY = dt.timedelta(minutes=1)  # last_seen_at is refreshed at most this often
ATTEMPT_MEMORY = dt.timedelta(days=1)  # failures older than this (and not pausing) are forgotten

MAX_USERNAME = 40
MAX_DISPLAY_NAME = 120
_USERNAME = re.compile(r"[a-z0-9._-]{2,40}", re.ASCII)  # "cm": a district office by its initials
_MAX_TOKEN = 256  # ours are 43 characters; anything far longer is not one of ours

# --- tables --------------------------------------------------------------------------


users = Table(
    "users",
    metadata,
    Column("username", String(MAX_USERNAME), primary_key=True),
    Column("display_name", String(MAX_DISPLAY_NAME), nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("password_changed_at", DateTime(timezone=True), nullable=False),
    # The language the person last chose in the sidebar (revision 0005); NULL: never
    # chosen, the app's default applies.
    Column("language", String(8), nullable=True),
)

# No foreign key to users: a removed user's sessions stay, revoked, until they expire.
user_sessions = Table(
    "user_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(MAX_USERNAME), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
    Index("ix_user_sessions_username", "username"),
)

# Keyed by a hash of any name tried, existing or not (so that a pause says nothing about
# whether a user exists), or of a network address; the column keeps its first name,
# ``username``, and never holds typed text. ``last_failed_at`` lets old rows go.
sign_in_attempts = Table(
    "sign_in_attempts",
    metadata,
    Column("username", String(MAX_USERNAME), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("paused_until", DateTime(timezone=True), nullable=True),
    Column("last_failed_at", DateTime(timezone=True), nullable=True),
)


# --- values and errors ---------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """A signed-in person, as the database says they are right now."""

    username: str
    display_name: str
    role: Role
    language: Lang | None = None  # the language they last chose; None: never chosen
    districts: tuple[str, ...] = ()  # the only districts they may write; (): every one and the city

    def can(self, permission: Permission | str) -> bool:
        return allows(self.role, Permission(permission))


@dataclass(frozen=True)
class UserRow:
    """A user as listed for administrators: never the password hash."""

    username: str
    display_name: str
    role: Role
    created_at: dt.datetime  # UTC
    password_changed_at: dt.datetime  # UTC
    active_sessions: int
    districts: tuple[str, ...] = ()  # (): not limited to any


class AccountError(CodedError):
    """Nothing was written; ``code`` says why (accounts.problem.<code> in i18n)."""

    prefix = "accounts.problem."


class SignInError(CodedError):
    """A refused sign-in. "wrong" and "paused" read the same for every name tried,
    existing or not; ``until`` (UTC) is when a pause ends."""

    prefix = "accounts.signin."

    def __init__(self, code: str, until: dt.datetime | None = None) -> None:
        self.until = until
        super().__init__(code)

    def shown(self, lang: Lang) -> dict[str, Any]:
        return {"time": self.until.astimezone(HANOI_TIME).strftime("%H:%M")} if self.until else {}


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# A hash to verify against when the name tried is nobody's, so an unknown name costs
# the same time as a wrong password. One per set of hasher parameters.
_DUMMY_HASHES: dict[tuple[Any, ...], str] = {}


class _RefusedError(Exception):
    """Leave a sign-in transaction without writing anything, carrying the refusal."""

    def __init__(self, error: SignInError) -> None:
        self.error = error
        super().__init__(error.code)


class Accounts:
    """Users, sessions and sign-in attempts, on the one Database."""

    def __init__(
        self,
        database: Database,
        clock: Callable[[], dt.datetime] = _utc_now,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.hasher = hasher or PasswordHasher()  # argon2id, the library's current recommendation
        self.min_password_length = MIN_PASSWORD_LENGTH
        self.max_password_length = MAX_PASSWORD_LENGTH
        self.max_failures = MAX_FAILURES
        self.max_address_failures = MAX_ADDRESS_FAILURES
        office = settings.current()  # TRACKER_SIGNIN_PAUSE_SECONDS, TRACKER_SESSION_HOURS
        self.pause = dt.timedelta(seconds=office.sign_in_pause_seconds)
        self.session_idle = SESSION_IDLE
        self.session_max = dt.timedelta(hours=office.session_hours)

    def _now(self) -> dt.datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the accounts clock must return an aware datetime")
        return now.astimezone(dt.UTC)

    # --- reading ---------------------------------------------------------------------

    def has_users(self) -> bool:
        """Whether anyone can sign in; without users the app runs in open local mode."""
        with self.database.reading() as connection:
            return connection.execute(select(users.c.username).limit(1)).first() is not None

    def list_users(self) -> list[UserRow]:
        """Every user with the number of sessions still usable, by user name."""
        now = self._now()
        active = (
            select(user_sessions.c.username, func.count().label("sessions"))
            .where(*_alive(now, self.session_idle))
            .group_by(user_sessions.c.username)
            .subquery()
        )
        query = (
            select(
                users.c.username,
                users.c.display_name,
                users.c.role,
                users.c.created_at,
                users.c.password_changed_at,
                active.c.sessions,
            )
            .select_from(users.outerjoin(active, active.c.username == users.c.username))
            .order_by(users.c.username)
        )
        with self.database.reading() as connection:
            scopes = _all_scopes(connection)
            return [
                UserRow(
                    username=row.username,
                    display_name=row.display_name,
                    role=Role(row.role),
                    created_at=as_utc(row.created_at),
                    password_changed_at=as_utc(row.password_changed_at),
                    active_sessions=int(row.sessions or 0),
                    districts=scopes.get(row.username, ()),
                )
                for row in connection.execute(query)
            ]

    # --- managing users --------------------------------------------------------------

    def add_user(
        self,
        username: str,
        display_name: str,
        role: Role | str,
        password: str,
        *,
        first: bool = False,
        districts: Iterable[str] = (),
    ) -> Identity:
        """Add an account. ``first``: only if there is no account yet, and only an
        administrator (checked under the write lock, so two first admins cannot race).
        ``districts``: the only districts it may write (none: every one, and the city)."""
        name, shown, wanted = check_user_fields(username, display_name, role)
        scope = check_districts(districts)
        if first and wanted != Role.admin:
            raise AccountError("first_must_be_admin")
        self.check_password(name, password)
        hashed = self.hasher.hash(_password_text(password))  # before the lock: hashing takes a while
        now = self._now()
        with self.database.writing() as connection:
            if first and connection.execute(select(users.c.username).limit(1)).first() is not None:
                raise AccountError("not_first")
            if _user_row(connection, name) is not None:
                raise AccountError("username_taken", username=name)
            _refuse_taken_display_name(connection, shown, name)
            connection.execute(
                users.insert().values(
                    username=name,
                    display_name=shown,
                    role=wanted.value,
                    password_hash=hashed,
                    created_at=now,
                    password_changed_at=now,
                )
            )
            _write_scope(connection, name, scope)
        return Identity(name, shown, wanted, districts=scope)

    def set_districts(self, username: str, districts: Iterable[str]) -> tuple[str, ...]:
        """The districts an account may write from now on (none: no limit); takes effect at
        once, also in open sessions: every write reads them in its own transaction."""
        name = normalise_username(username)
        scope = check_districts(districts)
        with self.database.writing() as connection:
            if _user_row(connection, name) is None:
                raise AccountError("unknown_user", username=name)
            connection.execute(delete(user_districts).where(user_districts.c.username == name))
            _write_scope(connection, name, scope)
        return scope

    def set_password(self, username: str, password: str) -> None:
        """A new password; every session of that user ends, wherever it was opened."""
        name = normalise_username(username)
        self.check_password(name, password)
        hashed = self.hasher.hash(_password_text(password))
        now = self._now()
        with self.database.writing() as connection:
            if _user_row(connection, name) is None:
                raise AccountError("unknown_user", username=name)
            connection.execute(
                update(users).where(users.c.username == name).values(password_hash=hashed, password_changed_at=now)
            )
            _revoke_all(connection, name)

    def set_role(self, username: str, role: Role | str) -> None:
        """Takes effect at once, also in open sessions: the role is read on every check."""
        name = normalise_username(username)
        wanted = _role(role)
        with self.database.writing() as connection:
            row = _user_row(connection, name)
            if row is None:
                raise AccountError("unknown_user", username=name)
            if row.role == Role.admin.value and wanted != Role.admin:
                _refuse_last_admin(connection, name)
            connection.execute(update(users).where(users.c.username == name).values(role=wanted.value))

    def remove_user(self, username: str) -> None:
        """The account and its sessions go; the history keeps the name it recorded."""
        name = normalise_username(username)
        with self.database.writing() as connection:
            row = _user_row(connection, name)
            if row is None:
                raise AccountError("unknown_user", username=name)
            if row.role == Role.admin.value:
                _refuse_last_admin(connection, name)
            connection.execute(delete(user_districts).where(user_districts.c.username == name))
            connection.execute(delete(users).where(users.c.username == name))
            _revoke_all(connection, name)

    def check_password(self, username: str, password: str) -> None:
        """Raise AccountError when ``password`` may not be ``username``'s: the rule every
        password write applies, also asked by the command line before it asks it twice."""
        value = _password_text(password)
        if not _encodable(value):  # e.g. bytes a terminal could not decode: the hash could not be checked later
            raise AccountError("password_unreadable")
        if len(value) < self.min_password_length:
            raise AccountError("password_too_short", min=self.min_password_length)
        if len(value) > self.max_password_length:
            raise AccountError("password_too_long", max=self.max_password_length)
        if value.strip().casefold() == username.casefold():
            raise AccountError("password_is_username")

    # --- signing in and out ----------------------------------------------------------

    def sign_in(self, username: str, password: str, address: str | None = None) -> tuple[str, Identity]:
        """A new session's token (give it to the browser, it is not stored) and who it is.

        Every refusal reads the same whether the name exists or not, and costs the same
        time: an unknown name is checked against a dummy hash."""
        name = _user_name_or_none(username)
        key = _attempt_key(username)
        # Failures are also counted per network address, so that one computer cannot try
        # password after password across many names (a success does not clear this count).
        where = None if address is None else _address_key(address)
        keys = [key] if where is None else [key, where]
        now = self._now()
        with self.database.reading() as connection:
            until = _paused_until(connection, keys, now)
            row = None if name is None else _user_row(connection, name)
        if until is not None:  # refused before hashing: a paused name costs the server nothing
            raise SignInError("paused", until)
        given = _password_text(password)
        # Longer than allowed, or not encodable: never stored, so never right.
        unusable = len(given) > self.max_password_length or not _encodable(given)
        if unusable:
            given = ""  # still verified against the hash below, so the reply takes as long
        stored = row.password_hash if row is not None else self._dummy_hash()
        verified = self._verify(stored, given) and row is not None and not unusable
        rehashed = None
        if verified and self.hasher.check_needs_rehash(stored):
            rehashed = self.hasher.hash(given)  # stronger parameters than when it was set
        token = secrets.token_urlsafe(32)
        try:
            with self.database.writing() as connection:
                # Decided again under the write lock: attempts made in parallel are counted
                # one after the other, so no more than MAX_FAILURES are tried per pause.
                until = _paused_until(connection, keys, now)
                if until is not None:
                    raise _RefusedError(SignInError("paused", until))  # leaves without writing
                current = _user_row(connection, name) if verified and name is not None else None
                # Wrong, or the password changed or the user went while we were hashing.
                if current is None or current.password_hash != stored:
                    paused_until = self._count_failure(connection, key, now, self.max_failures)
                    if where is not None:
                        paused_until = (
                            self._count_failure(connection, where, now, self.max_address_failures) or paused_until
                        )
                    refusal = SignInError("wrong") if paused_until is None else SignInError("paused", paused_until)
                else:
                    connection.execute(delete(sign_in_attempts).where(sign_in_attempts.c.username == key))
                    if rehashed is not None:
                        connection.execute(
                            update(users)
                            .where(users.c.username == current.username, users.c.password_hash == stored)
                            .values(password_hash=rehashed)
                        )
                    self._open_session(connection, current.username, token, now)
                    return token, replace(_identity(current), districts=_scope(connection, current.username))
        except _RefusedError as refused:
            raise refused.error from None
        raise refusal  # after the failure was committed

    def _count_failure(self, connection: Connection, key: str, now: dt.datetime, limit: int) -> dt.datetime | None:
        """One more wrong password for ``key``; the MAX_FAILURES-th pauses it (returned:
        until when), and the count starts again once the pause is over."""
        connection.execute(
            delete(sign_in_attempts).where(
                sign_in_attempts.c.last_failed_at < now - ATTEMPT_MEMORY,
                or_(sign_in_attempts.c.paused_until.is_(None), sign_in_attempts.c.paused_until < now),
            )
        )
        row = connection.execute(select(sign_in_attempts).where(sign_in_attempts.c.username == key)).first()
        failures = (int(row.failures) if row is not None else 0) + 1
        paused_until = now + self.pause if failures >= limit else None
        values: dict[str, Any] = {
            "failures": 0 if paused_until else failures,
            "paused_until": paused_until,
            "last_failed_at": now,
        }
        if row is None:
            connection.execute(sign_in_attempts.insert().values(username=key, **values))
        else:
            connection.execute(update(sign_in_attempts).where(sign_in_attempts.c.username == key).values(**values))
        return paused_until

    def _open_session(self, connection: Connection, username: str, token: str, now: dt.datetime) -> None:
        # Sessions past their time are of no use to anyone: cleared as new ones open.
        connection.execute(delete(user_sessions).where(~and_(*_alive(now, self.session_idle))))
        connection.execute(
            user_sessions.insert().values(
                token_hash=_digest(token),
                username=username,
                created_at=now,
                expires_at=now + self.session_max,
                last_seen_at=now,
                revoked=False,
            )
        )

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return bool(self.hasher.verify(hashed, password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _dummy_hash(self) -> str:
        parameters = (
            self.hasher.time_cost,
            self.hasher.memory_cost,
            self.hasher.parallelism,
            self.hasher.hash_len,
            self.hasher.salt_len,
            self.hasher.type,
        )
        if parameters not in _DUMMY_HASHES:
            _DUMMY_HASHES[parameters] = self.hasher.hash(secrets.token_urlsafe(24))
        return _DUMMY_HASHES[parameters]

    def identity(self, token: str) -> Identity:
        """Who holds ``token`` now; AccessDeniedError("expired") for a token that is unknown,
        signed out, past its time, or whose user was removed. The role is read from the
        users table each time, so a change of role applies at once."""
        if not isinstance(token, str) or not token or len(token) > _MAX_TOKEN:
            raise AccessDeniedError("expired")
        digest = _digest(token)
        now = self._now()
        query = (
            select(user_sessions, users.c.display_name, users.c.role, users.c.language)
            .select_from(user_sessions.join(users, users.c.username == user_sessions.c.username))
            .where(user_sessions.c.token_hash == digest)
        )
        with self.database.reading() as connection:
            row = connection.execute(query).first()
            scope = () if row is None else _scope(connection, row.username)
        if row is None or row.revoked or now >= as_utc(row.expires_at):
            raise AccessDeniedError("expired")
        last_seen = as_utc(row.last_seen_at)
        if now - last_seen >= self.session_idle:
            raise AccessDeniedError("expired")
        if now - last_seen >= TOUCH_EVERY:
            self._touch(digest, now)
        return replace(_identity(row), districts=scope)

    def _touch(self, digest: str, now: dt.datetime) -> None:
        """Refresh last_seen_at. Deliberately not in ``database.writing()``: moving the
        revision would throw away every page's cache once a minute per person signed in.
        One guarded UPDATE of one row needs no queue behind other writers."""
        with self.database.writing_quietly() as connection:
            connection.execute(
                update(user_sessions)
                .where(
                    user_sessions.c.token_hash == digest,
                    user_sessions.c.revoked.is_(False),
                    user_sessions.c.last_seen_at <= now - TOUCH_EVERY,
                )
                .values(last_seen_at=now)
            )

    def set_language(self, credential: Credential, language: str) -> None:
        """Keep the language the person at ``credential`` chose, on their own account: the
        user is the one the session belongs to, so no session can set another's. Any role
        may choose. A language the app does not speak is refused (AccountError), as is a
        session that is not signed in, has ended, or is presented by another origin's page
        (AccessDeniedError); nothing is written then. One guarded statement, and no figure
        changes, so the revision stays (see ``_touch``)."""
        if language not in LANGS:
            raise AccountError("bad_language")
        token = credential.token
        if not token:
            raise AccessDeniedError("not_signed_in")
        if credential.connection is not None and not from_own_page(credential.connection):
            raise AccessDeniedError("foreign_page")
        if len(token) > _MAX_TOKEN:
            raise AccessDeniedError("expired")
        session_user = select(user_sessions.c.username).where(
            user_sessions.c.token_hash == _digest(token), *_alive(self._now(), self.session_idle)
        )
        with self.database.writing_quietly() as connection:
            written = connection.execute(
                update(users).where(users.c.username == session_user.scalar_subquery()).values(language=language)
            ).rowcount
        if written != 1:
            raise AccessDeniedError("expired")

    def sign_out(self, token: str) -> None:
        """End a session; an unknown or already ended one is left as it is."""
        if not isinstance(token, str) or not token or len(token) > _MAX_TOKEN:
            return
        with self.database.writing() as connection:
            connection.execute(
                update(user_sessions).where(user_sessions.c.token_hash == _digest(token)).values(revoked=True)
            )

    # --- the check every write makes -------------------------------------------------

    def author(self, credential: Credential, permission: Permission) -> str:
        return self.writer(credential, permission)[0]

    def writer(self, credential: Credential, permission: Permission) -> tuple[str, str | None]:
        """The name a write is recorded under, or AccessDeniedError before anything is written.

        With a token: its session must be valid and its user's role must allow
        ``permission``, and a page of another origin (another port of the host, say)
        must not be presenting it: the browser sends it the cookie too. Without one: only
        while the app has no users (open local mode), and then under the name typed in
        the sidebar."""
        if credential.token:
            if credential.connection is not None and not from_own_page(credential.connection):
                raise AccessDeniedError("foreign_page")
            who = self.identity(credential.token)
            if not who.can(permission):
                raise AccessDeniedError(_REFUSALS.get(permission, "no_permission"))
            return who.display_name, who.username
        local_name = (credential.local_name or "").strip()
        if self.has_users():
            raise AccessDeniedError("local_closed" if local_name else "not_signed_in")
        if not credential.at_this_computer:  # before any user exists, only the server's own computer writes
            raise AccessDeniedError("not_this_computer")
        try:
            name = typed_text(local_name, limit=MAX_DISPLAY_NAME)  # the rule every typed name follows
        except TypedTextError:
            raise AccessDeniedError("bad_name") from None
        if name is None:
            raise AccessDeniedError("no_name")
        return name, None


# --- checks and helpers --------------------------------------------------------------


def normalise_username(raw: str) -> str:
    """' Lan.Tran ' -> 'lan.tran'; AccountError("bad_username") unless 2 to 40 of a-z 0-9 . _ -."""
    name = unicodedata.normalize("NFC", str(raw or "")).strip().lower()
    if not _USERNAME.fullmatch(name):
        raise AccountError("bad_username")
    return name


def check_user_fields(username: str, display_name: str, role: Role | str) -> tuple[str, str, Role]:
    """A new user's name, full name and role as they would be stored (AccountError if not),
    so that a form or the command line can refuse them before asking for a password."""
    return normalise_username(username), _display_name(display_name), _role(role)


def _display_name(raw: str) -> str:
    """Changes are recorded under this name: tracker.text's rule keeps one name from
    posing as another (no hidden characters)."""
    try:
        name = typed_text(raw, limit=MAX_DISPLAY_NAME)
    except TypedTextError:
        name = None
    if name is None:
        raise AccountError("bad_display_name", max=MAX_DISPLAY_NAME)
    return name


def _role(value: Role | str) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        raise AccountError("bad_role", role=value) from None


def _password_text(password: str) -> str:
    """NFC, so that the same Vietnamese password typed with another input method (which
    may send decomposed accents) still matches. Never stripped: spaces count."""
    return unicodedata.normalize("NFC", password) if isinstance(password, str) else ""


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return False
    return True


def _user_name_or_none(raw: str) -> str | None:
    """The user name as stored, or None for text no user name can be."""
    try:
        return normalise_username(raw)
    except AccountError:
        return None


# Sign-in failures are counted under a hash of what was typed, never the text itself: a
# password typed into the name box by mistake must not lie in the database in clear.
# "~" and "@" cannot begin a user name, so these keys never collide with one (revision
# 0002 moved the counters of earlier releases under these keys).


def _hashed(prefix: str, text: str) -> str:
    return prefix + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[: MAX_USERNAME - 1]


def _attempt_key(raw: str) -> str:
    """The row a name's failures are counted under: a hash of the name as a user name is
    compared (composed, trimmed, lower case), whether or not any user has it."""
    return _hashed("~", unicodedata.normalize("NFC", str(raw or "")).strip().lower())


# What a session that has no network address is counted under: all of them together.
NO_ADDRESS = "no-address"


def _address_key(address: str) -> str:
    """The row a network address's failures are counted under (NO_ADDRESS for sessions
    that have none: they share one count, so none escapes the pause)."""
    return _hashed("@", address or NO_ADDRESS)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _alive(now: dt.datetime, idle: dt.timedelta) -> tuple[Any, ...]:
    """Conditions of a session that can still be used."""
    return (
        user_sessions.c.revoked.is_(False),
        user_sessions.c.expires_at > now,
        user_sessions.c.last_seen_at > now - idle,
    )


_REFUSALS = {Permission.manage_users: "no_manage", Permission.approve: "no_approve"}


def check_districts(districts: Iterable[str]) -> tuple[str, ...]:
    """Each name as the district list writes it, each once, in order; AccountError
    ("unknown_district") for a name that is no district of Hanoi (nor a close spelling)."""
    scope: list[str] = []
    for raw in districts:
        try:
            name = canonical_district(str(raw), suggest=False)
        except UnknownDistrictError:
            raise AccountError("unknown_district", district=str(raw)[:80]) from None
        if name is None:
            raise AccountError("unknown_district", district=str(raw)[:80])
        if name not in scope:
            scope.append(name)
    return tuple(scope)


def _write_scope(connection: Connection, username: str, scope: tuple[str, ...]) -> None:
    if scope:
        connection.execute(user_districts.insert(), [{"username": username, "district": d} for d in scope])


def _scope(connection: Connection, username: str) -> tuple[str, ...]:
    query = select(user_districts.c.district).where(user_districts.c.username == username)
    return tuple(sorted(connection.execute(query).scalars()))


def _all_scopes(connection: Connection) -> dict[str, tuple[str, ...]]:
    scopes: dict[str, list[str]] = {}
    for username, district in connection.execute(select(user_districts.c.username, user_districts.c.district)):
        scopes.setdefault(username, []).append(district)
    return {username: tuple(sorted(names)) for username, names in scopes.items()}


def _identity(row: Row[Any]) -> Identity:
    """Who a users row (or a session joined to it) says the person is."""
    language = row.language
    return Identity(row.username, row.display_name, Role(row.role), language if language in LANGS else None)


def _user_row(connection: Connection, username: str) -> Row[Any] | None:
    return connection.execute(select(users).where(users.c.username == username)).first()


def _paused_until(connection: Connection, keys: list[str], now: dt.datetime) -> dt.datetime | None:
    """The latest pause still running for any of ``keys`` (a name, an address)."""
    pauses = connection.execute(
        select(sign_in_attempts.c.paused_until).where(
            sign_in_attempts.c.username.in_(keys), sign_in_attempts.c.paused_until.is_not(None)
        )
    ).scalars()
    running = [as_utc(until) for until in pauses if as_utc(until) > now]
    return max(running, default=None)


def _revoke_all(connection: Connection, username: str) -> None:
    connection.execute(
        update(user_sessions)
        .where(user_sessions.c.username == username, user_sessions.c.revoked.is_(False))
        .values(revoked=True)
    )


def _refuse_last_admin(connection: Connection, username: str) -> None:
    """Someone must always be able to manage users from the app."""
    admins = connection.execute(
        select(func.count()).select_from(users).where(users.c.role == Role.admin.value)
    ).scalar_one()
    if int(admins) <= 1:
        raise AccountError("last_admin", username=username)


def _refuse_taken_display_name(connection: Connection, shown: str, username: str) -> None:
    """Changes are recorded under the display name: two people with one name could not be
    told apart in the history."""
    wanted = shown.casefold()
    for other in connection.execute(select(users.c.username, users.c.display_name)):
        if other.username != username and other.display_name.casefold() == wanted:
            raise AccountError("display_name_taken", name=shown)
