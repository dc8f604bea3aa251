"""One database: where it is, its engine, the write transaction every store uses, the
revision that keys every cache, and its schema, which Alembic's migrations own.

SQLite is the embedded default (a file, WAL mode); PostgreSQL is used through a URL. The
stores (entries, tasks, accounts) receive a ``Database`` and keep only their tables and
queries; none of them opens a connection of its own kind or creates a table.

On start (``open_database``) the app and the command line find out whether the schema is
behind the code: an embedded SQLite file is upgraded at once, after a copy of it is saved
beside it; a PostgreSQL database is never upgraded by the app, which says which command
the operator must run; a database newer than the code is refused and never written.

No query waits long in silence: a lock another session holds is waited for a few seconds
(``Waits``: SQLite's busy timeout, PostgreSQL's lock_timeout), and on PostgreSQL a
statement runs for at most half a minute; then the query is refused, and a write with it,
whole. Only the schema's upgrade waits its turn however long it takes.

An SQLite file this process may read but not write (a read-only file, folder or mount) is
opened read-only: it is read as usual, and every write is refused with CannotWriteError,
which names the file or folder, before anything is tried.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from tracker.domain.errors import CodedError
from tracker.i18n import Lang, t

if TYPE_CHECKING:  # Alembic is loaded only when the schema is not at this code's head
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

DATABASE_SETTING = "TRACKER_DATABASE_URL"
DEFAULT_DATABASE = Path(__file__).resolve().parent.parent.parent / "data" / "tracker.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest of the migrations above, their head: a database at it is opened without
# Alembic (Database.at_head). A new migration changes it; tests/storage/test_upgrade.py
# holds the two together.
HEAD_REVISION = "0009"
LOCK_WAIT_SECONDS = 5.0  # a save queues behind others' saves (milliseconds) and an import's (seconds), no longer
STATEMENT_SECONDS = 30.0  # a page's slowest read takes a fraction of a second on a million entries
UPGRADE_LOCK_WAIT_MS = 3_600_000  # an SQLite upgrade waits up to an hour for another process's upgrade
PARTIAL = ".partial"  # the copy before an upgrade is written under its name + this, then renamed
SCHEMA_LOCK_KEY = 20_170_101  # the PostgreSQL advisory lock held while a schema is upgraded
UPGRADE_COMMAND = "python -m tracker db upgrade"
# The releases before plans over several years tracked one plan, the 2017 plan; what they
# recorded belongs to it (migration 0003), and a store opened without a plan reads it.
FIRST_PLAN_ID = "hanoi-craft-villages-2017"
_SUPPORTED_DRIVERS = {"sqlite": "pysqlite", "postgresql": "psycopg"}

# Every table of the tracker, on one MetaData: the stores define theirs on it, Alembic
# compares the migrations with it.
metadata = MetaData()
Id = BigInteger().with_variant(Integer(), "sqlite")  # SQLite needs INTEGER for rowid keys

# One row: a counter every write transaction increments. Caches key on it, and on
# PostgreSQL the row lock makes concurrent writers queue, so a transaction that reads a
# total and writes from it never races another writer.
ledger_state = Table(
    "ledger_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("revision", BigInteger, nullable=False),
)


# --- errors ------------------------------------------------------------------------------


class DatabaseSettingError(CodedError):
    """TRACKER_DATABASE_URL cannot be used as it is; nothing was created or written.
    The message names the setting and never repeats the URL, which may hold a password."""

    prefix = "database.setting."

    def shown(self, lang: Lang) -> dict[str, Any]:
        return {"setting": DATABASE_SETTING, **self.params}


class SchemaError(CodedError):
    """The database's schema is not the one this code uses, and nothing was written:
    ``behind`` (run the upgrade command), ``newer`` (made by a later version),
    ``foreign`` (tables of another program or of a tracker this code does not know),
    ``failed`` (an upgrade went wrong and was undone; ``copy`` names the saved file)."""

    prefix = "database.schema."

    def shown(self, lang: Lang) -> dict[str, Any]:
        return {"command": UPGRADE_COMMAND, **self.params}


class CannotWriteError(SQLAlchemyError):
    """The database can be read here but not written, and nothing was written: the SQLite
    file, or the folder that must hold its journal, is read-only for this process (its
    permissions, a read-only mount), or PostgreSQL runs the session read-only. ``place``
    names the file or folder. ``reason``: ``read_only`` (a write was refused),
    ``cannot_create`` (there is no database yet, and the folder cannot hold one),
    ``cannot_create_folder`` (the default data/ folder cannot be made; ``detail`` says
    why), ``upgrade_needed`` (the schema is behind and cannot be upgraded here).

    A SQLAlchemyError, so that whatever catches a failed query catches this too."""

    def __init__(self, reason: str, place: str | Path, **params: Any) -> None:
        self.reason = reason
        self.params = {"place": str(place), "command": UPGRADE_COMMAND, **params}
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "vi") -> str:
        return t(f"database.cannot_write.{self.reason}", lang, **self.params)


class DatabaseOpenError(Exception):
    """The database could not be opened: ``answered`` tells a database that is down from
    one that answers but refused (a lock, a permission), which someone else must fix;
    ``cannot_write`` is set when it can be read here but opening it needs a write."""

    def __init__(self, error: SQLAlchemyError, answered: bool) -> None:
        self.answered = answered
        self.cannot_write = error if isinstance(error, CannotWriteError) else None
        self.detail = str(error).splitlines()[0]
        super().__init__(self.detail)


def read_only_failure(error: BaseException) -> bool:
    """Whether a failed statement was a write the database refuses to take here: SQLite's
    SQLITE_READONLY family (a read-only file, folder or mount), PostgreSQL's
    read_only_sql_transaction (a standby, or a session set read-only)."""
    if isinstance(error, CannotWriteError):
        return True
    original = getattr(error, "orig", None) or error
    if isinstance(original, sqlite3.Error):
        return getattr(original, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_READONLY
    return getattr(original, "sqlstate", None) == "25006"


@dataclass(frozen=True)
class Waits:
    """How long a query waits before it is refused: ``lock_seconds`` for a lock another
    session holds (SQLite's busy timeout; PostgreSQL's lock_timeout), ``statement_seconds``
    for the statement to finish (PostgreSQL's statement_timeout; None: no limit; SQLite
    has no such limit). TRACKER_DB_LOCK_WAIT_SECONDS and TRACKER_DB_STATEMENT_SECONDS."""

    lock_seconds: float = LOCK_WAIT_SECONDS
    statement_seconds: float | None = STATEMENT_SECONDS

    def without_statement_limit(self) -> Waits:
        """For the operator's bulk import: its statements may run longer, while it waits
        no longer than anyone for a lock."""
        return replace(self, statement_seconds=None)


def _milliseconds(seconds: float | None) -> int:
    """A wait as both databases take it: whole milliseconds, at least 1, at most 2³¹ − 1.
    None (no limit) is 0, which PostgreSQL reads so."""
    if seconds is None:
        return 0
    return max(1, min(int(seconds * 1000), 2**31 - 1))


def _office_waits() -> Waits:
    """The waits the office set (TRACKER_DB_*), read with the other settings."""
    from tracker import settings  # imported here: settings imports this module

    return settings.database_waits()


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes; everything is written in UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


class StaleError(Exception):
    """A row moved on between reading and writing it: abandon the transaction."""


class NothingToWriteError(Exception):
    """Leave a write transaction without writing anything (not even the revision)."""


# --- the setting -------------------------------------------------------------------------


def sqlite_url(path: PurePath) -> str:
    """The URL of the SQLite file at ``path``, as SQLAlchemy reads it back to that very path:
    sqlite:/// and the path as its system writes it (/srv/tracker/tracker.db, or
    C:\\Users\\...\\tracker.db), a ? or % in a folder's name escaped, not an option."""
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def sqlite_file_uri(path: PurePath, query: str) -> str:
    """SQLite's own URI of an absolute path, with ``query`` (mode=ro, immutable=1): the
    path's letters percent-encoded and its separators as /, whichever system it is of
    (file:///srv/... or file:///C:/...), so that a ?, # or % in a folder's name is a
    letter of it, not the start of the options."""
    uri = path.as_uri()
    if not uri.startswith("file:///"):  # a Windows share, file://server/share/...: SQLite reads it with four slashes
        uri = "file:////" + uri.removeprefix("file://")
    return f"{uri}?{query}"


def copy_rows(connection: Connection, statement: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """Rows through PostgreSQL's COPY, in the connection's transaction; what the driver
    raises is raised as SQLAlchemy's error, as every other statement's."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as error:
        raise DBAPIError.instance("COPY", None, error, psycopg.Error) from error


def default_database_url() -> str:
    """The embedded SQLite file data/tracker.db. Its folder is the one folder the tracker
    makes by itself, when the database is opened (``Database``); any other must exist: a
    mistyped path must not look like an empty database, which before any user exists
    would open the app to anyone at the server. Reading the settings makes nothing, so
    that where data/ cannot be made, every command still starts and says so."""
    return sqlite_url(DEFAULT_DATABASE)


def _make_default_folder() -> None:
    folder = DEFAULT_DATABASE.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CannotWriteError("cannot_create_folder", folder, detail=error.strerror or str(error)) from error


def _unwritable(path: Path) -> Path | None:
    """The file, or the folder, that keeps this process from writing the SQLite file at
    ``path`` (SQLite writes its journal, or its WAL and shared-memory files, beside it);
    None when both may be written. os.access answers for this process: its user, and a
    read-only mount, which stops root too (and is named by its folder)."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return path
    return None


def _in_wal_mode(path: Path) -> bool:
    """Whether the file's header says WAL (bytes 18 and 19 are 2)."""
    try:
        with path.open("rb") as file:
            header = file.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == header[19] == 2


def _read_only_connection(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection that reads ``path`` and never writes. A file in WAL mode needs its
    shared-memory file: while a writer (another user's process) has the database open it
    exists, and SQLite reads through it, the writer's latest commits included; when
    nobody has the file open there is none, and none can be made in a read-only folder,
    so the file is read as it stands ("immutable": nobody is writing it)."""
    shared_memory = path.with_name(path.name + "-shm")
    mode = "immutable=1" if _in_wal_mode(path) and not shared_memory.exists() else "mode=ro"
    return sqlite3.connect(sqlite_file_uri(path, mode), uri=True, timeout=timeout, check_same_thread=False)


def _plain_port(raw: str) -> bool:
    """Whether the port is written with the digits 0-9 (make_url reads it with int(), which
    takes "٥٤٣٢" for 5432: a setting nobody could read back as it is used)."""
    authority = raw.strip().partition("://")[2].split("/", 1)[0].rpartition("@")[2]
    port = authority.rpartition("]")[2].rpartition(":")[2] if ":" in authority.rpartition("]")[2] else ""
    return port.isascii() and port.isdigit()


def checked_database_url(raw: str) -> URL:
    """The URL of a database the tracker can use, or DatabaseSettingError saying why not:
    text that is not a URL, a port that is not a number, a kind other than SQLite or
    PostgreSQL (through psycopg), a database in memory, or an SQLite file in a folder
    that does not exist (which is never created)."""
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise DatabaseSettingError("not_a_url") from None
    except ValueError:  # make_url reads the port with int()
        raise DatabaseSettingError("bad_port") from None
    backend = url.get_backend_name()
    if backend not in _SUPPORTED_DRIVERS:  # before asking for its driver: that loads the dialect, unknown ones fail
        raise DatabaseSettingError("unsupported", kind=url.drivername)
    if _SUPPORTED_DRIVERS[backend] != url.get_driver_name():
        raise DatabaseSettingError("unsupported", kind=url.drivername)
    if url.port is not None and (not 0 < url.port < 65536 or not _plain_port(raw)):
        raise DatabaseSettingError("bad_port")
    if backend == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            raise DatabaseSettingError("in_memory")
        if url.query:  # ?uri=true&vfs=memdb, ?mode=memory, ?timeout=abc: the tracker sets what SQLite needs
            raise DatabaseSettingError("sqlite_options", options=", ".join(sorted(url.query)))
        folder = Path(database).absolute().parent  # as SQLite will open it: "~" is not the home folder
        if not folder.is_dir():
            raise DatabaseSettingError("folder_missing", folder=str(folder))
    return url


# One queue per SQLite file and process. Streamlit's sessions are threads of one process:
# left to SQLite's busy handler, which polls with growing sleeps, twenty writers at once on
# a busy machine can starve one of them past its wait. Here they wait in line, first come
# first served, and the next one starts as soon as the last commits; SQLite still queues
# other processes.
class _Turns:
    """A first-come, first-served lock: a plain lock lets the thread that just released it
    take it again before a waiter wakes, and a writer saving in a loop keeps the others out."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._waiting: deque[object] = deque()
        self._held = False

    def acquire(self, timeout: float) -> bool:
        me = object()
        deadline = time.monotonic() + timeout
        with self._changed:
            self._waiting.append(me)
            while self._held or self._waiting[0] is not me:
                left = deadline - time.monotonic()
                if left <= 0:
                    self._waiting.remove(me)
                    self._changed.notify_all()  # the one behind may be first now
                    return False
                self._changed.wait(left)
            self._waiting.popleft()
            self._held = True
            return True

    def release(self) -> None:
        with self._changed:
            self._held = False
            self._changed.notify_all()


_WRITE_TURNS: dict[Path, _Turns] = {}
_WRITE_TURNS_GUARD = threading.Lock()


def _write_turn(path: Path) -> _Turns:
    with _WRITE_TURNS_GUARD:
        return _WRITE_TURNS.setdefault(path, _Turns())


_BUSY = "tracker_busy_timeout_ms"  # a connection's busy timeout now, kept in its pool record's info


def _prepare_sqlite(engine: Engine, lock_ms: int, writable: bool) -> None:
    """WAL so readers never wait for a writer; a busy timeout so writers queue for a few
    seconds, then give up; explicit BEGIN IMMEDIATE for writes so two writers never
    deadlock on an upgrade. A file this process cannot write is read as it is: switching
    it to WAL would be a write, and one a file in WAL mode does not need (the file keeps
    its mode). A transaction begun with the ``lock_wait_ms`` option waits that long."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={lock_ms}")
        record.info[_BUSY] = lock_ms
        if writable:
            _switch_to_wal(cursor, lock_ms)
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        wait = int(options.get("lock_wait_ms", lock_ms))
        info = connection.connection.info
        if info.get(_BUSY) != wait:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={wait}")
            info[_BUSY] = wait
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get("write", False) else "BEGIN")


def _prepare_postgresql(engine: Engine, waits: Waits) -> None:
    """Every session waits at most ``waits.lock_seconds`` for a lock and runs a statement
    for at most ``waits.statement_seconds``; then PostgreSQL cancels the statement, and
    the transaction it was in is rolled back whole. These replace any that the URL's
    options set; a transaction may lift them with SET LOCAL, as the upgrade does."""
    lock, statement = f"{_milliseconds(waits.lock_seconds)}ms", f"{_milliseconds(waits.statement_seconds)}ms"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True  # session settings, outside any transaction
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('lock_timeout', %s, false), set_config('statement_timeout', %s, false)",
                    (lock, statement),
                )
        finally:
            dbapi_connection.autocommit = autocommit


def _switch_to_wal(cursor: sqlite3.Cursor, lock_ms: int) -> None:
    """Put the file in WAL mode once. Two connections switching a new file at the same
    moment can deadlock on it, and SQLite then answers "locked" at once instead of
    waiting; the one that lost retries until the other has switched (then there is
    nothing left to do) or the busy timeout has passed."""
    deadline = time.monotonic() + lock_ms / 1000
    pause = 0.005
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


# --- the schema's state ----------------------------------------------------------------


@dataclass(frozen=True)
class SchemaState:
    """Where a database's schema stands against this code's migrations."""

    current: str | None  # the revision it is at; None: no version recorded
    head: str  # the revision this code needs
    has_tables: bool  # any table of the tracker at all (a database of the first releases has no version)
    known: bool  # whether ``current`` is one of this code's revisions

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def newer(self) -> bool:
        return self.current is not None and not self.known

    @property
    def unversioned(self) -> bool:
        """Tables made before the schema was put under Alembic (releases up to 0f33ca4)."""
        return self.current is None and self.has_tables


class Database:
    """A database the tracker can use: its URL checked, its engine ready. Nothing is read
    or written until asked; ``open_database`` is how the app and the command line open one."""

    def __init__(self, url: str | None = None, migrations: Path = MIGRATIONS, waits: Waits | None = None) -> None:
        self.url = url or default_database_url()
        if self.url == default_database_url():
            _make_default_folder()
        parsed = checked_database_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path = Path(parsed.database).absolute() if self.is_sqlite and parsed.database else None
        self.migrations = migrations
        self.waits = waits or _office_waits()
        # SQLite: the file or folder that keeps this process from writing (None: it may write).
        self.unwritable = _unwritable(self.path) if self.path is not None else None
        if self.path is not None:
            lock_ms = _milliseconds(self.waits.lock_seconds)
            if self.unwritable is None:
                connect_args = {"timeout": lock_ms / 1000, "check_same_thread": False}
                self.engine = create_engine(self.url, connect_args=connect_args)
            else:  # a connection of its own each time: whether a writer has the file open may change
                path = self.path
                self.engine = create_engine(
                    self.url, creator=lambda: _read_only_connection(path, lock_ms / 1000), poolclass=NullPool
                )
            _prepare_sqlite(self.engine, lock_ms, writable=self.unwritable is None)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
            _prepare_postgresql(self.engine, self.waits)

    @property
    def place(self) -> str:
        """Where the database is, as a message names it: the SQLite file (or the file or
        folder that cannot be written), or PostgreSQL's host and database, never a password."""
        if self.path is not None:
            return str(self.unwritable or self.path)
        parsed = make_url(self.url)
        return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"

    def refused_write(self, error: BaseException) -> CannotWriteError | None:
        """``error`` as "cannot write here", when that is what it is."""
        if isinstance(error, CannotWriteError):
            return error
        return CannotWriteError("read_only", self.place) if read_only_failure(error) else None

    def failures(self) -> tuple[type[BaseException], ...]:
        """What a failed query raises: SQLAlchemy's errors, and the driver's own where a
        store talks to the driver directly (PostgreSQL's COPY)."""
        return (SQLAlchemyError, self.engine.dialect.loaded_dbapi.Error)

    def _refuse_writes(self) -> None:
        if self.unwritable is not None:
            raise CannotWriteError("read_only", self.unwritable)

    def dispose(self) -> None:
        self.engine.dispose()

    # --- reading and writing -------------------------------------------------------

    def answers(self) -> bool:
        """Whether the database can be reached at all: after a failed query, this tells a
        database that is down from one that refused that query (say so, not "unreachable")."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """One consistent view for several reads while others write (a recount, a copy):
        SQLite's read transaction, PostgreSQL's REPEATABLE READ, read only. Without it each
        statement sees the database as it is then, and a save between two of them looks
        like a difference."""
        with self.engine.connect() as connection:
            if not self.is_sqlite:
                connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with connection.begin():
                connection.execute(select(ledger_state.c.revision))  # SQLite's snapshot begins at the first read
                yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One short transaction; everything in it is written, or nothing is.

        It starts by moving the revision on: that takes the write lock at once (SQLite:
        BEGIN IMMEDIATE; PostgreSQL: the row lock), so writers queue rather than
        interleave, and any cache keyed on the revision is outdated on commit. Raising
        NothingToWriteError inside leaves it without writing anything. A database this
        process cannot write refuses at once (CannotWriteError).
        """
        self._refuse_writes()
        with (
            self._turn() as options,
            self.engine.connect().execution_options(**options) as connection,
            connection.begin(),
        ):
            connection.execute(
                ledger_state.update().where(ledger_state.c.id == 1).values(revision=ledger_state.c.revision + 1)
            )
            yield connection

    @contextmanager
    def writing_quietly(self) -> Iterator[Connection]:
        """A write transaction that leaves the revision as it is, for bookkeeping that no
        page shows (a session's last use): moving the revision would throw away every
        page's cache. Only for one guarded statement that needs no queue."""
        self._refuse_writes()
        with (
            self._turn() as options,
            self.engine.connect().execution_options(**options) as connection,
            connection.begin(),
        ):
            yield connection

    @contextmanager
    def _turn(self) -> Iterator[dict[str, Any]]:
        """This process's turn to write an SQLite file (``_write_turn``), waited for as long
        as SQLite's own lock would be; the options the write's connection begins with. If
        the turn does not come in time, the write begins anyway with no wait left, so it is
        refused as a locked database always was."""
        options: dict[str, Any] = {"write": True}
        if self.path is None:
            yield options
            return
        turn = _write_turn(self.path)
        if not turn.acquire(timeout=self.waits.lock_seconds):
            yield {**options, "lock_wait_ms": 1}
            return
        try:
            yield options
        finally:
            turn.release()

    def revision(self) -> int:
        """Grows with every committed write; caches keyed on it are invalidated by writes,
        not by time."""
        with self.engine.connect() as connection:
            return int(connection.execute(select(ledger_state.c.revision).where(ledger_state.c.id == 1)).scalar_one())

    # --- the schema ------------------------------------------------------------------

    def at_head(self) -> bool:
        """Whether the database holds this code's head revision, read by plain SQL: the
        usual case, in which opening a database need not load Alembic and its scripts
        (a seventh of a command's start-up). Any doubt (no version table, an error, another
        revision, migrations of a test) is left to ``schema``."""
        if self.migrations != MIGRATIONS:
            return False
        try:
            with self.engine.connect() as connection:
                stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except SQLAlchemyError:
            return False
        return stored == [HEAD_REVISION]

    def _config(self, connection: Connection | None = None) -> Config:
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(self.migrations))
        config.attributes["connection"] = connection
        return config

    def _script(self) -> ScriptDirectory:
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self._config())

    def schema(self) -> SchemaState:
        """Where the schema stands, read without writing anything."""
        script = self._script()
        head = script.get_current_head()
        assert head is not None, "the migrations have no head"
        with self.engine.connect() as connection:
            return _state(connection, script, head)

    def history(self) -> list[tuple[str, str]]:
        """This code's revisions, oldest first: (revision, what it does)."""
        revisions = list(self._script().walk_revisions())
        return [(rev.revision, (rev.doc or "").strip()) for rev in reversed(revisions)]

    def upgrade(self, copy: bool = True, target: str = "head") -> Path | None:
        """Bring the schema to this code's head, all in one transaction under the schema
        lock (another process upgrading at the same moment waits, then finds nothing to
        do). An SQLite file with tables is first copied beside itself
        (``tracker.db.before-<revision>``); the copy's path is returned. A database of the
        first releases (tables, no version) is upgraded from the start, revision 0001
        keeping what it finds, once its columns are checked. Refuses a newer or foreign
        schema; on failure nothing of the upgrade is kept (SchemaError "failed", naming
        the copy). ``target`` stops at an earlier revision (for tests of one revision).

        The upgrade waits for its turn however long it takes (the schema lock, other
        sessions' locks on the tables it changes) and its statements have no time limit:
        the operator runs it deliberately, and can stop it, which undoes it whole. A
        database this process cannot write is upgraded by no one here (CannotWriteError),
        unless it has nothing to do."""
        saved: Path | None = None
        script = self._script()
        head = script.get_current_head()
        assert head is not None, "the migrations have no head"
        wanted = head if target == "head" else target
        if self.unwritable is not None:
            state = self.schema()
            if state.newer:
                raise SchemaError("newer", current=state.current, head=state.head)
            if state.current == wanted:
                return None
            raise CannotWriteError("upgrade_needed", self.unwritable, current=state.current or "—", head=wanted)
        try:
            waiting = self.engine.connect().execution_options(write=True, lock_wait_ms=UPGRADE_LOCK_WAIT_MS)
            with waiting as connection, connection.begin():
                if not self.is_sqlite:  # SQLite: BEGIN IMMEDIATE already holds the lock
                    connection.execute(text("SET LOCAL lock_timeout = 0"))
                    connection.execute(text("SET LOCAL statement_timeout = 0"))
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
                state = _state(connection, script, head)
                _refuse_unusable(connection, state)
                if state.current == wanted:
                    return None
                if copy and self.is_sqlite and state.has_tables:
                    saved = self._copy_before(state.current or "unversioned")
                from alembic import command

                command.upgrade(self._config(connection), target)
        except SchemaError:
            raise
        except Exception as error:
            log.exception("the upgrade of %s failed; nothing of it was kept", self.path or "the database")
            raise SchemaError("failed", detail=str(error).splitlines()[0], copy=str(saved or "")) from error
        if saved is not None:
            log.warning("upgraded the database; the file as it was is kept at %s", saved)
        return saved

    def _copy_before(self, revision: str) -> Path:
        """A consistent copy of the SQLite file (the WAL included), through SQLite's own
        backup, beside it; an earlier copy of the same name is never overwritten.

        The copy is written under a temporary name (``….before-<revision>.partial``),
        checked against the file (SQLite's quick_check, and every table's row count), and
        only then renamed: the documented name is a whole copy or absent, whenever the
        process is stopped. What a stopped copy left is removed first; the caller holds
        the write lock, so no other process is copying at the same time. The copy is one
        file (its journal mode DELETE), whatever the mode of the database."""
        assert self.path is not None
        _remove_partial_copies(self.path)
        target = self.path.with_name(f"{self.path.name}.before-{revision}")
        serial = 1
        while target.exists():
            serial += 1
            target = self.path.with_name(f"{self.path.name}.before-{revision}-{serial}")
        partial = target.with_name(target.name + PARTIAL)
        try:
            source = sqlite3.connect(self.path)
            try:
                copy = sqlite3.connect(partial)
                try:
                    with copy:
                        source.backup(copy)
                    copy.execute("PRAGMA journal_mode=DELETE")  # one file is the whole copy, no WAL beside it
                finally:
                    copy.close()
                _check_copy(source, partial)
            finally:
                source.close()
            os.replace(partial, target)
        except BaseException:
            _remove_partial_copies(self.path)
            raise
        sync_folder(target.parent)
        return target


def _remove_partial_copies(path: Path) -> None:
    """Whatever a copy stopped half-way left beside ``path``: the temporary file and its
    journal (never a copy: none has the temporary name)."""
    prefix = f"{path.name}.before-"
    for leftover in path.parent.iterdir():
        name = leftover.name
        if name.startswith(prefix) and (name.endswith(PARTIAL) or PARTIAL + "-" in name):
            leftover.unlink(missing_ok=True)


def _check_copy(source: sqlite3.Connection, copy: Path) -> None:
    """The copy as written to disk, read afresh: SQLite finds it sound, and each table
    holds as many rows as the file it was copied from (which the write lock keeps still)."""
    checking = sqlite3.connect(sqlite_file_uri(copy.absolute(), "mode=ro"), uri=True)
    try:
        verdict = checking.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"the copy {copy} is damaged: {verdict}")
        tables = [row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            count = f'SELECT COUNT(*) FROM "{table}"'
            if source.execute(count).fetchone() != checking.execute(count).fetchone():
                raise sqlite3.DatabaseError(f"the copy {copy} does not hold every row of {table}")
    finally:
        checking.close()


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (where the system allows it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _state(connection: Connection, script: ScriptDirectory, head: str) -> SchemaState:
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
    known = current is None or _known(script, current)
    return SchemaState(current, head, bool(tables), known)


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises its own errors for an id it does not know
        return False


def _refuse_unusable(connection: Connection, state: SchemaState) -> None:
    if state.newer:
        raise SchemaError("newer", current=state.current, head=state.head)
    if state.unversioned:
        missing = _missing_baseline_columns(connection)
        if missing:
            raise SchemaError("foreign", missing=", ".join(missing))


# The tables and columns the first releases made with create_all, as revision 0001 makes
# them: a database without a version must have all of these to be taken for one of ours.
BASELINE_COLUMNS: dict[str, tuple[str, ...]] = {
    "entries": (
        "id", "target_id", "ref_date", "quantity_milli", "district", "village", "note",
        "entered_by", "entered_at", "kind", "version", "deleted",
    ),
    "entry_changes": (
        "id", "entry_id", "target_id", "version", "action", "reverts_change_id",
        "changed_by", "changed_at", "before", "after",
    ),
    "ledger_state": ("id", "revision"),
}  # fmt: skip


def _missing_baseline_columns(connection: Connection) -> list[str]:
    """The baseline columns a database without a version lacks: such a database was made
    by something else (or by a tracker this code does not know), and is left alone."""
    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    missing = []
    for table, columns in BASELINE_COLUMNS.items():
        found = {column["name"] for column in inspector.get_columns(table)} if table in present else set()
        missing += [f"{table}.{column}" for column in columns if column not in found]
    return missing


# --- opening a database, as the app and the command line do ------------------------------


def open_database(url: str | None = None, waits: Waits | None = None) -> Database:
    """The database of ``url`` (TRACKER_DATABASE_URL), ready for this code: an SQLite
    file behind the code is upgraded at once after a copy is saved beside it; PostgreSQL
    behind the code, any database newer than it, or tables of something else are
    refused (SchemaError) without writing anything. An SQLite file this process may
    only read is opened to be read, if it needs no upgrade; otherwise DatabaseOpenError
    says it cannot be written here (``cannot_write``). ``waits``: the office's, unless given."""
    try:
        database = Database(url, waits=waits)
    except CannotWriteError as error:  # the default data/ folder cannot be made
        raise DatabaseOpenError(error, answered=False) from error
    try:
        if database.unwritable is not None and database.path is not None and not database.path.exists():
            raise CannotWriteError("cannot_create", database.unwritable, file=database.path)
        if database.at_head():
            return database
        state = database.schema()
        if state.up_to_date:
            return database
        if state.newer:
            raise SchemaError("newer", current=state.current, head=state.head)
        if not database.is_sqlite:
            raise SchemaError("behind", current=state.current or "—", head=state.head)
        database.upgrade()
        return database
    except SQLAlchemyError as error:
        answered = isinstance(error, CannotWriteError) or database.answers()
        database.dispose()
        raise DatabaseOpenError(database.refused_write(error) or error, answered) from error
    except SchemaError:
        database.dispose()
        raise
