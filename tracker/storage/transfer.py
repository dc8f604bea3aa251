"""A whole database moved or kept: ``copy_database`` copies every table of the tracker from
one database to another (SQLite to PostgreSQL and back), ``backup`` writes a consistent
snapshot of a database people are using into one file, ``restore`` copies such a file
into a database. The command line (tracker.cli_database) says what happened.

The backup file is an SQLite database of the tracker's schema at the revision of the
database it was taken from (its ``alembic_version``), in one file (journal mode DELETE):
it restores into either backend, and any SQLite tool can open it. ``restore`` reads it as
any source, through a copy of it that is upgraded first when the file is older.

A copy proves itself before it is committed, in the target's one transaction: each
table's rows are counted and summed (an order-free checksum of every value) on both
sides, and the figures kept per day are recounted from the copied entries
(``find_differences``). Any difference rolls the whole copy back: the target is then as
it was. The source is read in one snapshot (SQLite: one read transaction; PostgreSQL:
REPEATABLE READ, read only), so people may keep saving while it is copied.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import JSON, Boolean, Connection, Date, DateTime, Table, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tracker.domain.errors import CodedError
from tracker.storage.database import (
    PARTIAL,
    Database,
    SchemaError,
    copy_rows,
    ledger_state,
    metadata,
    sqlite_file_uri,
    sqlite_url,
    sync_folder,
)

CHUNK = 5_000  # rows read and written at a time: memory stays flat at a million entries
SQLITE_HEADER = b"SQLite format 3\x00"
_SUM_MODULUS = 1 << 128
# The revision only keys caches: a copy into a database that apps already read moves it
# on past what they saw, so it is not summed (its row is counted).
_NOT_SUMMED = {("ledger_state", "revision")}
# Kept by the tracker for itself, never data: a target holding only these is empty.
_BOOKKEEPING = {"ledger_state", "alembic_version"}


class TransferError(CodedError):
    """A copy, backup or restore refused or undone; the target is as it was. Codes:
    ``same_database``, ``target_has_data`` (table, rows), ``source_behind`` /
    ``target_newer`` / ``source_newer`` (current, head), ``file_exists`` (file),
    ``not_a_backup`` (file), ``backup_newer`` (current, head), ``differs`` (tables),
    ``totals_differ`` (count), ``no_file`` (file), ``no_folder`` (folder), ``in_use`` (file),
    ``wal_unreadable`` (file, journal), ``damaged`` (detail)."""

    prefix = "transfer.error."


class Progress(Protocol):
    """Told how far a long copy has got: ``begin`` a step of ``total`` rows, ``advance``
    by some, ``end`` it. The command line draws a bar on a terminal; tests pass nothing."""

    def begin(self, step: str, total: int) -> None: ...

    def advance(self, rows: int) -> None: ...

    def end(self) -> None: ...


class _Silent:
    def begin(self, step: str, total: int) -> None:
        pass

    def advance(self, rows: int) -> None:
        pass

    def end(self) -> None:
        pass


SILENT: Progress = _Silent()


@dataclass(frozen=True)
class TableProof:
    """One table on both sides: its rows counted, and its checksum (hex)."""

    name: str
    source_rows: int
    target_rows: int
    source_sum: str
    target_sum: str

    @property
    def agrees(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


@dataclass(frozen=True)
class CopyProof:
    """What a copy wrote and how it was checked: every table, the schema revision, the
    kept days recounted, and the ledger revision the target now holds."""

    tables: tuple[TableProof, ...]
    schema_revision: str
    days_recounted: int
    ledger_revision: int
    upgraded_from: str | None = None  # restore: the backup's older revision, upgraded in a copy

    @property
    def agrees(self) -> bool:
        return all(table.agrees for table in self.tables)

    @property
    def rows(self) -> int:
        return sum(table.target_rows for table in self.tables)


# --- the tables ------------------------------------------------------------------------


def tables() -> list[Table]:
    """Every table of the tracker, parents before the tables that point at them."""
    # each store defines its tables on the shared metadata when it is imported
    from tracker.storage import accounts, late_changes, ledger, periods, report_days, tasks  # noqa: F401

    return list(metadata.sorted_tables)


# Every value travels in one canonical form, the one SQLite stores (so a copy between two
# SQLite files converts nothing): a moment as UTC text 'YYYY-MM-DD HH:MM:SS.ffffff', a day
# as 'YYYY-MM-DD', a yes/no as 1/0, JSON as its text (a JSON null and an SQL NULL stay
# what they were). PostgreSQL writes its values in that form itself (to_char, CAST), and
# reads it back with the session's time zone set to UTC.
_MOMENT_TEXT = len("2017-01-01 00:00:00.000000")


def _select_sql(table: Table, dialect: str) -> str:
    parts = []
    for column in table.c:
        name = f'"{column.name}"'
        kind = column.type
        if dialect == "postgresql" and isinstance(kind, DateTime):
            name = f"to_char({name} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
        elif dialect == "postgresql" and isinstance(kind, Date):
            name = f"to_char({name}, 'YYYY-MM-DD')"
        elif dialect == "postgresql" and isinstance(kind, Boolean):
            name = f"CAST({name} AS INTEGER)"
        elif dialect == "postgresql" and isinstance(kind, JSON):
            name = f"CAST({name} AS TEXT)"
        parts.append(name)
    return f'SELECT {", ".join(parts)} FROM "{table.name}"'


def _moment_positions(table: Table) -> list[int]:
    return [index for index, column in enumerate(table.c) if isinstance(column.type, DateTime)]


def _canonical_moment(value: str) -> str:
    """A moment SQLite holds in another spelling (no fraction of a second, a 'T', a zone),
    written as SQLAlchemy writes one: rows from old releases or other tools."""
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _fixed(row: tuple[Any, ...], moments: Sequence[int]) -> tuple[Any, ...]:
    values = list(row)
    for index in moments:
        value = values[index]
        if value is not None and (len(value) != _MOMENT_TEXT or value[10] != " "):
            values[index] = _canonical_moment(value)
    return tuple(values)


def _rows(connection: Connection, table: Table, progress: Progress) -> Iterator[list[tuple[Any, ...]]]:
    """The table's rows in chunks, in the canonical form, through the driver itself (a
    million rows through SQLAlchemy's result objects cost more than the copy), inside the
    connection's transaction: the snapshot it began."""
    driver: Any = connection.connection.driver_connection
    postgresql = connection.dialect.name == "postgresql"
    cursor = driver.cursor(name=f"transfer_{table.name}") if postgresql else driver.cursor()
    moments = [] if postgresql else _moment_positions(table)
    failures = connection.dialect.loaded_dbapi.Error
    try:
        if postgresql:
            cursor.itersize = CHUNK
        try:
            cursor.execute(_select_sql(table, connection.dialect.name))
            rows = cursor.fetchmany(CHUNK)
        except failures as error:  # said as every other statement's failure is
            raise DBAPIError.instance("SELECT", None, error, failures) from error
        while rows:
            if moments:
                rows = [_fixed(row, moments) for row in rows]
            progress.advance(len(rows))
            yield rows
            try:
                rows = cursor.fetchmany(CHUNK)
            except failures as error:
                raise DBAPIError.instance("SELECT", None, error, failures) from error
    finally:
        cursor.close()


class _Sum:
    """An order-free checksum of a table: the sum of each row's hash, modulo 2**128, so the
    two databases need not return the rows in the same order (their collations differ)."""

    def __init__(self, table: Table) -> None:
        self.skipped = [index for index, column in enumerate(table.c) if (table.name, column.name) in _NOT_SUMMED]
        self.total = 0
        self.rows = 0

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        total = self.total
        skipped = self.skipped
        for row in rows:
            values = tuple(value for index, value in enumerate(row) if index not in skipped) if skipped else row
            # marshal's version 2 writes no back-references: the same values, the same bytes
            digest = hashlib.blake2b(marshal.dumps(tuple(values), 2), digest_size=16).digest()
            total += int.from_bytes(digest, "big")
        self.total = total % _SUM_MODULUS
        self.rows += len(rows)

    @property
    def hex(self) -> str:
        return f"{self.total:032x}"


def _summed(connection: Connection, table: Table, progress: Progress) -> _Sum:
    found = _Sum(table)
    for rows in _rows(connection, table, progress):
        found.add(rows)
    return found


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


# --- writing ---------------------------------------------------------------------------


def _insert(connection: Connection, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
    """Canonical rows into the target: SQLite stores them as they are; PostgreSQL reads
    them through COPY (its session in UTC, see ``_writing_in_utc``)."""
    if not rows:
        return
    names = ", ".join(f'"{column.name}"' for column in table.c)
    if connection.dialect.name == "postgresql":
        copy_rows(connection, f'COPY "{table.name}" ({names}) FROM STDIN', rows)
        return
    marks = ", ".join("?" for _ in table.c)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)
    except sqlite3.Error as error:
        from sqlalchemy.exc import DBAPIError

        raise DBAPIError.instance("INSERT", None, error, sqlite3.Error) from error
    finally:
        cursor.close()


def _continue_counters(connection: Connection, table: Table) -> None:
    """PostgreSQL: the table's id counter goes on after the highest id copied (a copied
    row's id was given, not drawn). SQLite takes the next rowid by itself."""
    if connection.dialect.name != "postgresql":
        return
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not keys[0].autoincrement or keys[0].type.python_type is not int:
        return
    sequence = connection.execute(
        text("SELECT pg_get_serial_sequence(:table, :column)"), {"table": f'"{table.name}"', "column": keys[0].name}
    ).scalar_one()
    if sequence is None:
        return
    # setval is not undone by a rollback: a copy that fails must not leave the counter
    # below ids the target still holds, so it never moves back
    connection.execute(
        text(f'SELECT setval(:sequence, GREATEST((SELECT COALESCE(MAX("{keys[0].name}"), 0) FROM "{table.name}"), '
             f"(SELECT last_value FROM {sequence})), true)"),
        {"sequence": sequence},
    )  # fmt: skip


# --- the databases on both sides ----------------------------------------------------------


def same_database(first: Database, second: Database) -> bool:
    """Whether two URLs name one database: the same SQLite file, or the same PostgreSQL
    server, database and options (a test's schema is an option)."""
    if first.is_sqlite != second.is_sqlite:
        return False
    if first.path is not None and second.path is not None:
        return first.path.resolve() == second.path.resolve()
    one, other = make_url(first.url), make_url(second.url)
    return (one.host or "localhost", one.port or 5432, one.database, dict(one.query)) == (
        other.host or "localhost",
        other.port or 5432,
        other.database,
        dict(other.query),
    )


def _refuse_missing(source: Database) -> None:
    """An SQLite source that is not there: said, and no empty file made where the
    operator expects data (a mistyped path). One this account may not write, whose latest
    commits are in its -wal with no shared-memory file beside it, would be read as it was
    before them (SQLite reads such a file "immutable"): refused, with what to do."""
    if source.path is None:
        return
    if not source.path.exists():
        raise TransferError("no_file", file=str(source.path))
    journal = source.path.with_name(source.path.name + "-wal")
    shared = source.path.with_name(source.path.name + "-shm")
    if source.unwritable is not None and journal.exists() and journal.stat().st_size > 0 and not shared.exists():
        raise TransferError("wal_unreadable", file=str(source.path), journal=str(journal))


def _source_ready(source: Database) -> str:
    """The source's schema revision, which must be this code's head."""
    state = source.schema()
    if state.newer:
        raise TransferError("source_newer", current=state.current, head=state.head)
    if not state.up_to_date:
        raise TransferError("source_behind", current=state.current or "—", head=state.head)
    return state.head


def _target_ready(target: Database, replace: bool) -> None:
    """The target at this code's head, and empty unless ``replace``: an empty database
    gets the schema (committed apart: an empty schema is harmless if the copy fails); a
    database behind is upgraded (an SQLite file keeps its copy from before)."""
    state = target.schema()
    if state.newer:
        raise TransferError("target_newer", current=state.current, head=state.head)
    if state.has_tables and not replace:
        with target.reading() as connection:
            _refuse_data(connection)
    if not state.up_to_date:
        target.upgrade()


def _refuse_data(connection: Connection) -> None:
    present = set(_table_names(connection))
    for table in tables():
        if table.name in _BOOKKEEPING or table.name not in present:
            continue
        rows = _count(connection, table)
        if rows:
            raise TransferError("target_has_data", table=table.name, rows=rows)


def _table_names(connection: Connection) -> list[str]:
    from sqlalchemy import inspect

    return list(inspect(connection).get_table_names())


def _copy_tables(
    reading: Connection, writing: Connection, old_revision: int, progress: Progress
) -> tuple[list[TableProof], int]:
    """Every table from ``reading`` into ``writing`` (emptied first), summed on the way;
    then each read back from ``writing`` and summed again. Returns the proofs and the
    ledger revision the target is left at."""
    every = tables()
    for table in reversed(every):
        if table is not ledger_state:  # its one row stays: a save queued on its lock finds it after the copy
            writing.execute(table.delete())
    counts = {table.name: _count(reading, table) for table in every}
    progress.begin("copy", sum(counts.values()))
    sums: dict[str, _Sum] = {}
    for table in every:
        found = _Sum(table)
        for rows in _rows(reading, table, progress):
            found.add(rows)
            if table is not ledger_state:
                _insert(writing, table, rows)
        sums[table.name] = found
        _continue_counters(writing, table)
    progress.end()
    source_revision = int(reading.execute(select(ledger_state.c.revision)).scalar_one())
    revision = max(source_revision, old_revision)
    writing.execute(ledger_state.update().values(revision=revision))
    progress.begin("check", sum(counts.values()))
    proofs = []
    for table in every:
        copied = _summed(writing, table, progress)
        proofs.append(TableProof(table.name, sums[table.name].rows, copied.rows, sums[table.name].hex, copied.hex))
    progress.end()
    return proofs, revision


def _prove(writing: Connection, proofs: Sequence[TableProof], progress: Progress) -> int:
    """Raise unless every table agrees and the kept figures agree with the copied entries;
    returns how many kept days were recounted."""
    from tracker.storage.report_days import find_differences, report_days

    differing = [proof.name for proof in proofs if not proof.agrees]
    if differing:
        raise TransferError("differs", tables=", ".join(differing))
    progress.begin("recount", 0)
    found = find_differences(writing)
    progress.end()
    if found:
        raise TransferError("totals_differ", count=len(found))
    return _count(writing, report_days)


def copy_database(
    source: Database, target: Database, *, replace: bool = False, progress: Progress = SILENT
) -> CopyProof:
    """Every table of ``source`` into ``target``, in one transaction on the target, proven
    before it is committed (see the module). Refuses (TransferError, nothing written) the
    same database on both sides, a source not at this code's schema, a target newer than
    it, and a target that holds data unless ``replace``, whose rows are then replaced."""
    if same_database(source, target):
        raise TransferError("same_database")
    _refuse_missing(source)
    revision = _source_ready(source)
    _target_ready(target, replace)
    with source.snapshot() as reading, target.writing() as writing:
        if not target.is_sqlite:  # the canonical moments are UTC: COPY reads them so
            writing.exec_driver_sql("SET LOCAL TimeZone = 'UTC'")
        if not replace:  # again under the write lock: a save since the first look is not overwritten
            _refuse_data(writing)
        old_revision = int(writing.execute(select(ledger_state.c.revision)).scalar_one())
        proofs, ledger_revision = _copy_tables(reading, writing, old_revision, progress)
        days = _prove(writing, proofs, progress)
    return CopyProof(tuple(proofs), revision, days, ledger_revision)


# --- the backup file -------------------------------------------------------------------


def backup(source: Database, file: Path, *, replace: bool = False, progress: Progress = SILENT) -> CopyProof:
    """A consistent snapshot of ``source`` in ``file`` (see the module), while others may
    be saving: SQLite's online backup read in one transaction, or PostgreSQL's tables read
    in one REPEATABLE READ transaction into a new SQLite file. The file is written under a
    temporary name, proven against the snapshot (rows and checksums of every table, the
    kept figures recounted), and only then renamed: ``file`` is a whole backup or absent.
    Refuses an existing ``file`` unless ``replace``."""
    file = file.absolute()
    if not file.parent.is_dir():  # never made here: a mistyped folder must not look like a backup kept
        raise TransferError("no_folder", folder=str(file.parent))
    if file.exists() and not replace:
        raise TransferError("file_exists", file=str(file))
    if source.path is not None and file.resolve() == source.path.resolve():
        raise TransferError("same_database")
    _refuse_missing(source)
    revision = _source_ready(source)
    partial = file.with_name(file.name + PARTIAL)
    partial.unlink(missing_ok=True)
    try:
        if source.is_sqlite:
            proof = _sqlite_backup(source, partial, revision, progress)
        else:
            written = Database(sqlite_url(partial))
            try:
                written.upgrade(copy=False)
                proof = copy_database(source, written, progress=progress)
            finally:
                written.dispose()
        _one_file(partial)
        for stale in _companions(file):  # an older file's journal must not be applied to the new one
            stale.unlink(missing_ok=True)
        os.replace(partial, file)
    except BaseException:
        for leftover in (partial, *_companions(partial)):
            leftover.unlink(missing_ok=True)
        raise
    sync_folder(file.parent)
    return proof


def _sqlite_backup(source: Database, partial: Path, revision: str, progress: Progress) -> CopyProof:
    """SQLite's online backup from a connection inside a read transaction: the backup is
    that transaction's snapshot, and the sums of the snapshot are read in it too."""
    with source.snapshot() as reading:
        every = tables()
        progress.begin("copy", 0)
        raw: sqlite3.Connection = reading.connection.driver_connection  # type: ignore[assignment]
        try:
            written = sqlite3.connect(partial)
            try:
                raw.backup(written)
            finally:
                written.close()
        except sqlite3.Error as error:  # a full disk, a locked file: said as a database's failure
            raise DBAPIError.instance("BACKUP", None, error, sqlite3.Error) from error
        progress.end()
        total = sum(_count(reading, table) for table in every)
        progress.begin("check", total * 2)
        sums = {table.name: _summed(reading, table, progress) for table in every}
        ledger_revision = int(reading.execute(select(ledger_state.c.revision)).scalar_one())
    copy = Database(sqlite_url(partial))
    try:
        with copy.reading() as checking:
            verdict = checking.exec_driver_sql("PRAGMA quick_check").scalar_one()
            if verdict != "ok":
                raise TransferError("damaged", detail=str(verdict))
            proofs = []
            for table in every:
                copied = _summed(checking, table, progress)
                found = sums[table.name]
                proofs.append(TableProof(table.name, found.rows, copied.rows, found.hex, copied.hex))
            progress.end()
            days = _prove(checking, proofs, progress)
    finally:
        copy.dispose()
    return CopyProof(tuple(proofs), revision, days, ledger_revision)


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _one_file(path: Path) -> None:
    """The whole database in ``path`` itself, on disk: no WAL beside it."""
    try:
        connection = sqlite3.connect(sqlite_file_uri(path, "mode=rw"), uri=True)  # never makes a file
        try:
            connection.execute("PRAGMA journal_mode=DELETE")
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise DBAPIError.instance("PRAGMA", None, error, sqlite3.Error) from error
    with open(path, "rb+") as written:
        os.fsync(written.fileno())


def backup_revision(file: Path) -> str | None:
    """The schema revision a backup file holds; TransferError if it is no tracker backup."""
    if not file.is_file():
        raise TransferError("no_file", file=str(file))
    with open(file, "rb") as opened:
        if opened.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise TransferError("not_a_backup", file=str(file))
    try:
        connection = sqlite3.connect(sqlite_file_uri(file.absolute(), "mode=ro&immutable=1"), uri=True)
    except sqlite3.Error as error:
        raise TransferError("not_a_backup", file=str(file)) from error
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in names or "entries" not in names:
            raise TransferError("not_a_backup", file=str(file))
        found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error as error:
        raise TransferError("not_a_backup", file=str(file)) from error
    finally:
        connection.close()
    if len(found) != 1:
        raise TransferError("not_a_backup", file=str(file))
    return str(found[0][0])


def restore(file: Path, target: Database, *, replace: bool = False, progress: Progress = SILENT) -> CopyProof:
    """The backup ``file`` copied into ``target`` (``copy_database``: one transaction,
    proven, refusing a target with data unless ``replace``). The file itself is never
    changed: it is read through a copy, which is upgraded first when the file is from an
    older schema; one from a newer schema is refused."""
    revision = backup_revision(file.absolute())
    if target.path is not None and target.path.resolve() == file.resolve():
        raise TransferError("same_database")
    journal = file.with_name(file.name + "-wal")
    if journal.exists() and journal.stat().st_size > 0:  # a database in use, not a backup: its latest commits are there
        raise TransferError("in_use", file=str(file))
    with tempfile.TemporaryDirectory(prefix="tracker-restore-") as folder:
        working = Path(folder) / "backup.db"
        shutil.copyfile(file, working)
        source = Database(sqlite_url(working))
        try:
            state = source.schema()
            if state.newer:
                raise TransferError("backup_newer", current=state.current, head=state.head)
            upgraded = None
            if not state.up_to_date:
                try:
                    source.upgrade(copy=False)
                except SchemaError as error:
                    raise TransferError("not_a_backup", file=str(file)) from error
                upgraded = revision
            proof = copy_database(source, target, replace=replace, progress=progress)
        finally:
            source.dispose()
    return CopyProof(proof.tables, proof.schema_revision, proof.days_recounted, proof.ledger_revision, upgraded)
