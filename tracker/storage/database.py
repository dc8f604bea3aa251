"""One database: where it is, its engine, the write transaction every store uses, the
revision that keys every cache, and its schema, which Alembic's migrations own.

SQLite is the embedded default (a file, WAL mode); PostgreSQL is used through a URL. The
stores (entries, tasks, accounts) receive a ``Database`` and keep only their tables and
queries; none of them opens a connection of its own kind or creates a table.

On start (``open_database``) the app and the command line find out whether the schema is
behind the code: an embedded SQLite file is upgraded at once, after a copy of it is saved
beside it; a PostgreSQL database is never upgraded by the app, which says which command
the operator must run; a database newer than the code is refused and never written.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
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

from tracker.domain.errors import CodedError
from tracker.i18n import Lang

log = logging.getLogger(__name__)

DATABASE_SETTING = "TRACKER_DATABASE_URL"
DEFAULT_DATABASE = Path(__file__).resolve().parent.parent.parent / "data" / "tracker.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
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


class DatabaseOpenError(Exception):
    """The database could not be opened: ``answered`` tells a database that is down from
    one that answers but refused (a lock, a permission), which someone else must fix."""

    def __init__(self, error: SQLAlchemyError, answered: bool) -> None:
        self.answered = answered
        self.detail = str(error).splitlines()[0]
        super().__init__(self.detail)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes; everything is written in UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


class StaleError(Exception):
    """A row moved on between reading and writing it: abandon the transaction."""


class NothingToWriteError(Exception):
    """Leave a write transaction without writing anything (not even the revision)."""


# --- the setting -------------------------------------------------------------------------


def default_database_url() -> str:
    """The embedded SQLite file data/tracker.db; its folder is the one folder the tracker
    makes by itself (any other must exist: a mistyped path must not look like an empty
    database, which before any user exists would open the app to anyone at the server)."""
    DEFAULT_DATABASE.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DATABASE}"


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
    if _SUPPORTED_DRIVERS.get(backend) != url.get_driver_name():
        raise DatabaseSettingError("unsupported", kind=url.drivername)
    if url.port is not None and not 0 < url.port < 65536:
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


def _prepare_sqlite(engine: Engine) -> None:
    """WAL so readers never wait for a writer; a busy timeout so writers queue, not fail;
    explicit BEGIN IMMEDIATE for writes so two writers never deadlock on an upgrade."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """Put the file in WAL mode once. Two connections switching a new file at the same
    moment can deadlock on it, and SQLite then answers "locked" at once instead of
    waiting; the one that lost retries until the other has switched (then there is
    nothing left to do) or the busy timeout has passed."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
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

    def __init__(self, url: str | None = None, migrations: Path = MIGRATIONS) -> None:
        self.url = url or default_database_url()
        parsed = checked_database_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path = Path(parsed.database).absolute() if self.is_sqlite and parsed.database else None
        self.migrations = migrations
        if self.is_sqlite:
            self.engine = create_engine(
                self.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
            )
            _prepare_sqlite(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)

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
    def writing(self) -> Iterator[Connection]:
        """One short transaction; everything in it is written, or nothing is.

        It starts by moving the revision on: that takes the write lock at once (SQLite:
        BEGIN IMMEDIATE; PostgreSQL: the row lock), so writers queue rather than
        interleave, and any cache keyed on the revision is outdated on commit. Raising
        NothingToWriteError inside leaves it without writing anything.
        """
        with self.engine.connect().execution_options(write=True) as connection, connection.begin():
            connection.execute(
                ledger_state.update().where(ledger_state.c.id == 1).values(revision=ledger_state.c.revision + 1)
            )
            yield connection

    @contextmanager
    def writing_quietly(self) -> Iterator[Connection]:
        """A write transaction that leaves the revision as it is, for bookkeeping that no
        page shows (a session's last use): moving the revision would throw away every
        page's cache. Only for one guarded statement that needs no queue."""
        with self.engine.connect().execution_options(write=True) as connection, connection.begin():
            yield connection

    def revision(self) -> int:
        """Grows with every committed write; caches keyed on it are invalidated by writes,
        not by time."""
        with self.engine.connect() as connection:
            return int(connection.execute(select(ledger_state.c.revision).where(ledger_state.c.id == 1)).scalar_one())

    # --- the schema ------------------------------------------------------------------

    def _config(self, connection: Connection | None = None) -> Config:
        config = Config()
        config.set_main_option("script_location", str(self.migrations))
        config.attributes["connection"] = connection
        return config

    def _script(self) -> ScriptDirectory:
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
        the copy). ``target`` stops at an earlier revision (for tests of one revision)."""
        saved: Path | None = None
        script = self._script()
        head = script.get_current_head()
        assert head is not None, "the migrations have no head"
        try:
            with self.engine.connect().execution_options(write=True) as connection, connection.begin():
                if not self.is_sqlite:  # SQLite: BEGIN IMMEDIATE already holds the lock
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
                state = _state(connection, script, head)
                _refuse_unusable(connection, state)
                if state.current == (head if target == "head" else target):
                    return None
                if copy and self.is_sqlite and state.has_tables:
                    saved = self._copy_before(state.current or "unversioned")
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
        backup, beside it; an earlier copy of the same name is never overwritten."""
        assert self.path is not None
        target = self.path.with_name(f"{self.path.name}.before-{revision}")
        serial = 1
        while target.exists():
            serial += 1
            target = self.path.with_name(f"{self.path.name}.before-{revision}-{serial}")
        source = sqlite3.connect(self.path)
        try:
            copy = sqlite3.connect(target)
            with copy:
                source.backup(copy)
            copy.close()
        finally:
            source.close()
        return target


def _state(connection: Connection, script: ScriptDirectory, head: str) -> SchemaState:
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


def open_database(url: str | None = None) -> Database:
    """The database of ``url`` (TRACKER_DATABASE_URL), ready for this code: an SQLite
    file behind the code is upgraded at once after a copy is saved beside it; PostgreSQL
    behind the code, any database newer than it, or tables of something else are
    refused (SchemaError) without writing anything."""
    database = Database(url)
    try:
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
        answered = database.answers()
        database.dispose()
        raise DatabaseOpenError(error, answered) from error
    except SchemaError:
        database.dispose()
        raise


