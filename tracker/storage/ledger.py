"""The progress ledger: every entry staff record, and every change to it, in a database.

SQLite is the embedded default (a file under data/, WAL mode); PostgreSQL is used through
a URL. Achieved figures are always derived from entries by GROUP BY in the database,
never stored beside them and never computed by loading the whole ledger into Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    inspect,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from tracker.domain.entries import EntryKind, ValidEntry
from tracker.i18n import HANOI_TIME, Lang, t

# Quantities are stored as whole thousandths so that sums are exact in every database.
SCALE = 1000
# The largest thousandths a BIGINT holds: a difference set_total would store beyond it is refused.
MAX_STORED_MILLI = 2**63 - 1
# SQLite's SUM stops with "integer overflow" past 2^63 (9.500 entries of 10^12 did it).
# Summed apart, the quotient and the remainder by 2^32 stay far inside that range for up
# to 2^31 entries of any stored size, and Python, whose integers have no limit, joins them.
_SUM_SPLIT = 2**32
SQLITE_BUSY_TIMEOUT_MS = 30_000
SCHEMA_LOCK_KEY = 20_170_101  # PostgreSQL advisory lock taken while creating the tables

metadata = MetaData()
_Id = BigInteger().with_variant(Integer(), "sqlite")  # SQLite needs INTEGER for rowid keys

entries = Table(
    "entries",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("target_id", String(64), nullable=False),
    Column("ref_date", Date, nullable=False),
    Column("quantity_milli", BigInteger, nullable=False),
    Column("district", String(64), nullable=True),  # NULL: city-wide
    Column("village", String(200), nullable=True),
    Column("note", Text, nullable=True),
    Column("entered_by", String(120), nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
    Column("kind", String(16), nullable=False, default=EntryKind.report.value),
    Column("version", Integer, nullable=False, default=1),
    Column("deleted", Boolean, nullable=False, default=False),
    # quantity_milli in the index lets totals be read from the index alone (a covering index)
    Index("ix_entries_target_date", "target_id", "deleted", "ref_date", "quantity_milli"),
)

# One row per change (create, edit, delete, revert): who, when, before and after.
entry_changes = Table(
    "entry_changes",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("entry_id", _Id, ForeignKey("entries.id"), nullable=False, index=True),
    Column("target_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),  # the entry's version after this change
    Column("action", String(16), nullable=False),
    Column("reverts_change_id", _Id, nullable=True),
    Column("changed_by", String(120), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Index("ix_entry_changes_target", "target_id", "id"),
)


# One row: a counter every write transaction increments. Caches key on it, and on
# PostgreSQL the row lock makes concurrent writers queue, so a transaction that reads a
# total and writes from it (set_total) never races another writer.
ledger_state = Table(
    "ledger_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("revision", BigInteger, nullable=False),
)


@dataclass(frozen=True)
class EntryRow:
    """An entry as stored, for display."""

    id: int
    target_id: str
    ref_date: dt.date
    quantity: Decimal
    district: str | None
    village: str | None
    note: str | None
    entered_by: str
    entered_at: dt.datetime
    version: int
    kind: EntryKind = EntryKind.report
    deleted: bool = False


class Action(StrEnum):
    create = "create"
    update = "update"
    delete = "delete"
    revert = "revert"


@dataclass(frozen=True)
class ChangeRow:
    """One change to one entry: who, when, and the entry before and after (None: absent)."""

    id: int
    entry_id: int
    target_id: str
    version: int
    action: Action
    changed_by: str
    changed_at: dt.datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reverts_change_id: int | None


@dataclass(frozen=True)
class Edit:
    """Replace entry ``entry_id``, last seen at ``version``, with ``entry``.

    ``fields`` names what the person actually changed (ref_date, quantity, district,
    village, note), so that their edit can later be laid on top of someone else's."""

    entry_id: int
    version: int
    entry: ValidEntry
    fields: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Removal:
    """Delete entry ``entry_id``, last seen at ``version``."""

    entry_id: int
    version: int


@dataclass(frozen=True)
class Conflict:
    """An entry that changed after the person saw it: what they saw, what it is now."""

    entry_id: int
    seen_version: int
    current: EntryRow | None  # None: the entry no longer exists


class ConflictError(Exception):
    """Nothing was written: some entries changed underneath the person saving."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__(f"{len(conflicts)} entries changed since they were read")


class AdjustmentTooLargeError(Exception):
    """set_total would store a difference larger than a database integer holds; nothing was written."""

    def __init__(self, difference: Decimal) -> None:
        self.difference = difference
        super().__init__(f"the adjustment {difference} is too large to store")


class RevertError(Exception):
    """A change that cannot be reverted (unknown, or the entry changed after it)."""

    def __init__(self, code: str, change_id: int) -> None:
        self.code = code
        self.change_id = change_id
        super().__init__(f"change {change_id}: {code}")


DEFAULT_DATABASE = Path(__file__).resolve().parent.parent / "data" / "tracker.db"
DATABASE_SETTING = "TRACKER_DATABASE_URL"
_SUPPORTED_DRIVERS = {"sqlite": "pysqlite", "postgresql": "psycopg"}


def default_database_url() -> str:
    """The embedded SQLite file data/tracker.db; its folder is the one folder the tracker
    makes by itself (any other must exist: a mistyped path must not look like an empty
    database, which before any user exists would open the app to anyone at the server)."""
    DEFAULT_DATABASE.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DATABASE}"


class DatabaseSettingError(Exception):
    """TRACKER_DATABASE_URL cannot be used as it is; nothing was created or written.
    The message names the setting and never repeats the URL, which may hold a password."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "vi") -> str:
        return t(f"database.setting.{self.code}", lang, setting=DATABASE_SETTING, **self.params)


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


SumParts = tuple[Any, Any]
Join = Callable[[Any, Any], int]


def _read_sums(connection: Connection, build: Callable[[SumParts], Any]) -> tuple[list[Any], Join]:
    """The rows of a query that sums thousandths, and how to join each row's two sum
    columns into one exact integer. ``build`` places the two columns it is given.

    The plain SUM goes first: one aggregate, what the covering index serves fastest. Only
    if SQLite's 64-bit SUM overflows is the query run again with the sum split into
    quotient and remainder by 2^32, which cannot overflow. (PostgreSQL sums a BIGINT as
    NUMERIC, which never overflows.)"""
    column = entries.c.quantity_milli
    try:
        return connection.execute(build((func.sum(column), literal_column("0")))).all(), _joined_plain
    except OperationalError as error:
        if "integer overflow" not in str(error.orig):
            raise
    split = literal_column(str(_SUM_SPLIT))
    parts = (func.sum(column.op("/")(split)), func.sum(column.op("%")(split)))
    return connection.execute(build(parts)).all(), _joined_split


def _joined_plain(total: int | Decimal | None, _: object) -> int:
    return int(total or 0)  # NULL: no rows


def _joined_split(high: int | Decimal | None, low: int | Decimal | None) -> int:
    return int(high or 0) * _SUM_SPLIT + int(low or 0)


def _to_milli(quantity: Decimal) -> int:
    return int(quantity * SCALE)


def _from_milli(milli: int | Decimal | None) -> Decimal:
    return Decimal(int(milli or 0)) / SCALE


def hanoi_today() -> dt.date:
    """Today where the staff are: a server on UTC is still on yesterday until 07:00 in Hanoi."""
    return dt.datetime.now(HANOI_TIME).date()


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight in Hanoi, where staff live their days, as a UTC moment."""
    return dt.datetime.combine(day, dt.time(), tzinfo=HANOI_TIME).astimezone(dt.UTC)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes; everything is written in UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _combined_level(latest: Mapping[str | None, tuple[dt.date, int]]) -> int:
    """A level figure from each place's latest report (date, thousandths): a city-wide
    report already counts every district, so it stands alone when it is the newest;
    otherwise the districts' levels add up."""
    city = latest.get(None)
    districts = [report for place, report in latest.items() if place is not None]
    if city is not None and all(city[0] >= day for day, _ in districts):
        return city[1]
    return sum(milli for _, milli in districts)


def _prepare_sqlite(engine: Engine) -> None:
    """WAL so readers never wait for a writer; a busy timeout so writers queue, not fail;
    explicit BEGIN IMMEDIATE for writes so two writers never deadlock on an upgrade."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Ledger:
    """Entries and their changes in one database."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_database_url()
        parsed = checked_database_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            self.engine = create_engine(
                self.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
            )
            _prepare_sqlite(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        try:
            self._create_schema()
        except SQLAlchemyError as error:
            answered = self.answers()
            self.engine.dispose()
            raise DatabaseOpenError(error, answered) from error

    def _create_schema(self) -> None:
        with self.creating_tables(metadata) as connection:
            if connection.execute(select(ledger_state.c.id)).first() is None:
                connection.execute(ledger_state.insert().values(id=1, revision=0))

    @contextmanager
    def creating_tables(self, tables: MetaData) -> Iterator[Connection]:
        """Create a module's tables (the ledger's, the tasks', the accounts') once, even
        when several processes open a new database at the same moment: the creation runs
        under the database's write lock. A table of another version is refused."""
        with self.engine.connect().execution_options(write=True) as connection, connection.begin():
            if not self.is_sqlite:  # SQLite: BEGIN IMMEDIATE already holds the lock
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            tables.create_all(connection)
            _check_columns(connection, tables)
            yield connection

    def dispose(self) -> None:
        self.engine.dispose()

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
    def _writing(self) -> Iterator[Connection]:
        """One short transaction; everything in it is written, or nothing is.

        It starts by moving the ledger's revision on: that takes the write lock at once
        (SQLite: BEGIN IMMEDIATE; PostgreSQL: the row lock), so writers queue rather
        than interleave, and any cache keyed on the revision is outdated on commit.
        """
        with self.engine.connect().execution_options(write=True) as connection, connection.begin():
            connection.execute(
                ledger_state.update().where(ledger_state.c.id == 1).values(revision=ledger_state.c.revision + 1)
            )
            yield connection

    # --- writing ---------------------------------------------------------------------

    def record(self, entry: ValidEntry) -> int:
        """Add a checked entry and its 'create' change in one transaction; return its id."""
        return self.apply(adds=[entry], by=entry.entered_by)[0]

    def apply(
        self,
        *,
        adds: Sequence[ValidEntry] = (),
        edits: Sequence[Edit] = (),
        removals: Sequence[Removal] = (),
        by: str,
    ) -> list[int]:
        """Apply a whole batch in one transaction and return the new entries' ids.

        An edit or removal names the version the person saw; if any of those entries
        has changed since, ConflictError lists them all and nothing at all is written.
        """
        now = dt.datetime.now(dt.UTC)
        conflicts: list[Conflict] = []
        new_ids: list[int] = []
        try:
            with self._writing() as connection:
                for edit in edits:
                    before = self._claim(connection, edit.entry_id, edit.version, conflicts)
                    if before is not None:
                        self._set_state(connection, before, _snapshot(edit.entry), Action.update, by, now)
                for removal in removals:
                    before = self._claim(connection, removal.entry_id, removal.version, conflicts)
                    if before is not None:
                        self._set_state(connection, before, None, Action.delete, by, now)
                if conflicts:
                    raise _StaleError(conflicts[0].entry_id, conflicts[0].seen_version)
                for entry in adds:
                    new_ids.append(self._insert(connection, entry, now))
        except _StaleError as stale:
            if not any(c.entry_id == stale.entry_id for c in conflicts):
                conflicts.append(Conflict(stale.entry_id, stale.seen_version, None))
            raise ConflictError(
                [Conflict(c.entry_id, c.seen_version, self.entry(c.entry_id)) for c in conflicts]
            ) from None
        return new_ids

    def revert(self, change_id: int, by: str) -> int:
        """Put the entry back as it was before ``change_id``, as a new change; return its id.

        Only an entry's latest change can be reverted: reverting an older one would
        silently undo the changes after it too.
        """
        now = dt.datetime.now(dt.UTC)
        with self._writing() as connection:
            change = connection.execute(select(entry_changes).where(entry_changes.c.id == change_id)).first()
            if change is None:
                raise RevertError("unknown_change", change_id)
            current = connection.execute(select(entries).where(entries.c.id == change.entry_id)).first()
            if current is None or int(current.version) != int(change.version):
                raise RevertError("changed_since", change_id)
            try:
                return self._set_state(
                    connection, current._mapping, change.before, Action.revert, by, now, reverts=change_id
                )
            except _StaleError:
                raise RevertError("changed_since", change_id) from None

    def _claim(
        self, connection: Connection, entry_id: int, version: int, conflicts: list[Conflict]
    ) -> Mapping[str, Any] | None:
        """The entry's row if it is still at ``version``, else note a conflict."""
        row = connection.execute(select(entries).where(entries.c.id == entry_id)).first()
        if row is None or row.deleted or int(row.version) != version:
            conflicts.append(Conflict(entry_id, version, None))
            return None
        return row._mapping

    def _insert(self, connection: Connection, entry: ValidEntry, now: dt.datetime) -> int:
        state = _snapshot(entry)
        values = {**_columns(state), "entered_by": entry.entered_by, "entered_at": now, "version": 1, "deleted": False}
        entry_id = int(connection.execute(entries.insert().values(**values)).inserted_primary_key[0])
        connection.execute(
            entry_changes.insert().values(
                entry_id=entry_id,
                target_id=entry.target_id,
                version=1,
                action=Action.create.value,
                changed_by=entry.entered_by,
                changed_at=now,
                before=None,
                after=state,
            )
        )
        return entry_id

    def _set_state(
        self,
        connection: Connection,
        row: Mapping[str, Any],
        state: dict[str, Any] | None,
        action: Action,
        by: str,
        now: dt.datetime,
        reverts: int | None = None,
    ) -> int:
        """Move an entry to ``state`` (None: deleted) as the next version; record the change.

        The UPDATE names the version it read, so a concurrent writer that got there
        first makes it match nothing, and the transaction is abandoned.
        """
        before = None if row["deleted"] else _state_of(row)
        version = int(row["version"]) + 1
        values: dict[str, Any] = {"version": version, "deleted": state is None}
        if state is not None:
            values.update(_columns(state))
        updated = connection.execute(
            entries.update().where(entries.c.id == row["id"], entries.c.version == row["version"]).values(**values)
        )
        if updated.rowcount != 1:
            raise _StaleError(int(row["id"]), int(row["version"]))
        result = connection.execute(
            entry_changes.insert().values(
                entry_id=row["id"],
                target_id=row["target_id"],
                version=version,
                action=action.value,
                reverts_change_id=reverts,
                changed_by=by,
                changed_at=now,
                before=before,
                after=state,
            )
        )
        return int(result.inserted_primary_key[0])

    def set_total(self, entry: ValidEntry) -> int | None:
        """Record what makes the target's total at ``entry.ref_date`` equal ``entry.quantity``.

        The difference from the ledger's total at that date is written as one
        adjustment entry, in the same transaction that reads the total, so a
        concurrent save cannot slip in between. Returns None when nothing differs.
        """
        now = dt.datetime.now(dt.UTC)
        try:
            with self._writing() as connection:
                [current], join = _read_sums(
                    connection,
                    lambda total: select(*total).where(
                        entries.c.target_id == entry.target_id,
                        entries.c.deleted.is_(False),
                        entries.c.ref_date <= entry.ref_date,
                    ),
                )
                difference = _to_milli(entry.quantity) - join(*current)
                if difference == 0:
                    raise _NothingToWriteError  # roll back: not even the revision moves
                if abs(difference) > MAX_STORED_MILLI:
                    raise AdjustmentTooLargeError(Decimal(difference) / SCALE)
                adjustment = replace(entry, quantity=Decimal(difference) / SCALE, kind=EntryKind.adjustment)
                return self._insert(connection, adjustment, now)
        except _NothingToWriteError:
            return None

    # --- reading ---------------------------------------------------------------------

    def achieved(self, as_of: dt.date, sum_ids: Iterable[str], latest_ids: Iterable[str] = ()) -> dict[str, Decimal]:
        """Achieved figure of each target up to and including ``as_of``, aggregated in the database.

        Targets with no entry by then are absent from the result.

        Summed targets add their entries; level figures take the latest report of each
        place (see _levels).
        """
        return self.totals(as_of, sum_ids, latest_ids)[0]

    def totals(
        self, as_of: dt.date, sum_ids: Iterable[str], latest_ids: Iterable[str] = ()
    ) -> tuple[dict[str, Decimal], int]:
        """The achieved figures (as ``achieved``) and how many entries of these targets
        count by ``as_of``, from the same pass over the index."""
        sum_ids, latest_ids = list(sum_ids), list(latest_ids)
        result: dict[str, Decimal] = {}
        counted = 0
        with self.engine.connect() as connection:
            if sum_ids:
                rows, join = _read_sums(
                    connection,
                    lambda total: select(entries.c.target_id, *total, func.count())
                    .where(entries.c.target_id.in_(sum_ids), entries.c.deleted.is_(False), entries.c.ref_date <= as_of)
                    .group_by(entries.c.target_id),
                )
                for target_id, high, low, count in rows:
                    result[target_id] = _from_milli(join(high, low))
                    counted += int(count)
            if latest_ids:
                for target_id, level in self._levels(connection, latest_ids, as_of).items():
                    result[target_id] = level
                counted += int(
                    connection.execute(
                        select(func.count())
                        .select_from(entries)
                        .where(
                            entries.c.target_id.in_(latest_ids),
                            entries.c.deleted.is_(False),
                            entries.c.ref_date <= as_of,
                        )
                    ).scalar_one()
                )
        return result, counted

    def has_entries(self) -> bool:
        """Whether anything at all has been recorded (one index probe, not a count)."""
        with self.engine.connect() as connection:
            return (
                connection.execute(select(entries.c.id).where(entries.c.deleted.is_(False)).limit(1)).first()
                is not None
            )

    @staticmethod
    def _levels(connection: Connection, target_ids: list[str], as_of: dt.date) -> dict[str, Decimal]:
        """Level figures: the latest report of each place, found by the database.

        A city-wide level already counts every district, so it is used alone when it
        is the most recent report; otherwise the districts' latest levels are added up.
        """
        ranked = (
            select(
                entries.c.target_id,
                entries.c.district,
                entries.c.ref_date,
                entries.c.quantity_milli,
                func.row_number()
                .over(
                    partition_by=(entries.c.target_id, entries.c.district),
                    order_by=(entries.c.ref_date.desc(), entries.c.id.desc()),
                )
                .label("rank"),
            )
            .where(entries.c.target_id.in_(target_ids), entries.c.deleted.is_(False), entries.c.ref_date <= as_of)
            .subquery()
        )
        latest = select(ranked.c.target_id, ranked.c.district, ranked.c.ref_date, ranked.c.quantity_milli).where(
            ranked.c.rank == 1
        )
        by_target: dict[str, dict[str | None, tuple[dt.date, int]]] = {}
        for row in connection.execute(latest):  # at most 31 rows per target: one per place
            by_target.setdefault(row.target_id, {})[row.district] = (row.ref_date, int(row.quantity_milli))
        return {target_id: _from_milli(_combined_level(places)) for target_id, places in by_target.items()}

    def entries_of(self, target_id: str, limit: int | None = 500) -> list[EntryRow]:
        """A target's live entries, the most recent date first."""
        query = (
            select(entries)
            .where(entries.c.target_id == target_id, entries.c.deleted.is_(False))
            .order_by(entries.c.ref_date.desc(), entries.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return [_row(r._mapping) for r in connection.execute(query)]

    def entries_where(
        self,
        *,
        target_id: str | None = None,
        districts: Sequence[str | None] | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int | None = None,
    ) -> Iterator[EntryRow]:
        """Live entries filtered by target, districts (None in the list: city-wide) and
        date range, newest date first; streamed, so an export of a million rows never
        holds them all at once."""
        query = select(entries).where(entries.c.deleted.is_(False))
        if target_id is not None:
            query = query.where(entries.c.target_id == target_id)
        if districts is not None:
            named = [d for d in districts if d is not None]
            wanted = entries.c.district.in_(named)
            query = query.where(or_(wanted, entries.c.district.is_(None)) if None in districts else wanted)
        if start is not None:
            query = query.where(entries.c.ref_date >= start)
        if end is not None:
            query = query.where(entries.c.ref_date <= end)
        query = query.order_by(entries.c.target_id, entries.c.ref_date.desc(), entries.c.id.desc()).limit(limit)
        with self.engine.connect() as connection:
            for row in connection.execution_options(yield_per=2000).execute(query):
                yield _row(row._mapping)

    def entry_dates(self, target_id: str) -> list[dt.date]:
        """The distinct dates a target has entries on (at most one per day of the period)."""
        query = (
            select(entries.c.ref_date)
            .where(entries.c.target_id == target_id, entries.c.deleted.is_(False))
            .distinct()
            .order_by(entries.c.ref_date)
        )
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def daily_totals(self, target_id: str, as_of: dt.date) -> list[tuple[dt.date, Decimal]]:
        """A summed target's total per day up to ``as_of``, oldest first: at most one row
        per day of the period, read from the covering index."""
        with self.engine.connect() as connection:
            rows, join = _read_sums(
                connection,
                lambda total: select(entries.c.ref_date, *total)
                .where(entries.c.target_id == target_id, entries.c.deleted.is_(False), entries.c.ref_date <= as_of)
                .group_by(entries.c.ref_date)
                .order_by(entries.c.ref_date),
            )
        return [(day, _from_milli(join(high, low))) for day, high, low in rows]

    def daily_levels(self, target_id: str, as_of: dt.date) -> list[tuple[dt.date, Decimal]]:
        """A level figure as it stood at the end of each day something was reported, up
        to ``as_of``, by the same rule as ``_levels`` (the latest report of each place;
        a city-wide report alone when it is the most recent)."""
        ranked = (
            select(
                entries.c.district,
                entries.c.ref_date,
                entries.c.quantity_milli,
                func.row_number()
                .over(partition_by=(entries.c.district, entries.c.ref_date), order_by=entries.c.id.desc())
                .label("rank"),
            )
            .where(entries.c.target_id == target_id, entries.c.deleted.is_(False), entries.c.ref_date <= as_of)
            .subquery()
        )
        last_of_day = (
            select(ranked.c.district, ranked.c.ref_date, ranked.c.quantity_milli)
            .where(ranked.c.rank == 1)
            .order_by(ranked.c.ref_date)
        )
        with self.engine.connect() as connection:
            reports = list(connection.execute(last_of_day))  # at most 31 places per day
        latest: dict[str | None, tuple[dt.date, int]] = {}
        series: list[tuple[dt.date, Decimal]] = []
        for index, report in enumerate(reports):
            latest[report.district] = (report.ref_date, int(report.quantity_milli))
            if index + 1 < len(reports) and reports[index + 1].ref_date == report.ref_date:
                continue  # the day is not complete yet
            series.append((report.ref_date, _from_milli(_combined_level(latest))))
        return series

    def totals_by_district(self, target_id: str, as_of: dt.date) -> dict[str | None, Decimal]:
        """A summed target's achieved figure per district (None: city-wide), up to ``as_of``."""
        with self.engine.connect() as connection:
            rows, join = _read_sums(
                connection,
                lambda total: select(entries.c.district, *total)
                .where(entries.c.target_id == target_id, entries.c.deleted.is_(False), entries.c.ref_date <= as_of)
                .group_by(entries.c.district),
            )
        return {district: _from_milli(join(high, low)) for district, high, low in rows}

    def count_entries(self, target_id: str | None = None) -> int:
        query = select(func.count()).select_from(entries).where(entries.c.deleted.is_(False))
        if target_id is not None:
            query = query.where(entries.c.target_id == target_id)
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def revision(self) -> int:
        """Grows with every committed write; caches keyed on it are invalidated by writes,
        not by time."""
        with self.engine.connect() as connection:
            return int(connection.execute(select(ledger_state.c.revision).where(ledger_state.c.id == 1)).scalar_one())

    def entry(self, entry_id: int) -> EntryRow | None:
        """One entry as it is now, deleted or not; None if it never existed."""
        with self.engine.connect() as connection:
            row = connection.execute(select(entries).where(entries.c.id == entry_id)).first()
        return None if row is None else _row(row._mapping)

    def changes_of(self, entry_id: int) -> list[ChangeRow]:
        """Every change to one entry, oldest first."""
        return self.changes(entry_id=entry_id, newest_first=False, limit=None)

    def changes(
        self,
        *,
        target_id: str | None = None,
        entry_id: int | None = None,
        person: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = 500,
        newest_first: bool = True,
    ) -> list[ChangeRow]:
        """The history of changes, filtered by target, entry, person and day of the change."""
        query = select(entry_changes)
        if target_id is not None:
            query = query.where(entry_changes.c.target_id == target_id)
        if entry_id is not None:
            query = query.where(entry_changes.c.entry_id == entry_id)
        if person:
            query = query.where(entry_changes.c.changed_by == person)
        if since is not None:
            query = query.where(entry_changes.c.changed_at >= _day_start(since))
        if until is not None:
            query = query.where(entry_changes.c.changed_at < _day_start(until + dt.timedelta(days=1)))
        query = query.order_by(entry_changes.c.id.desc() if newest_first else entry_changes.c.id).limit(limit)
        with self.engine.connect() as connection:
            return [_change(r._mapping) for r in connection.execute(query)]

    def people(self) -> list[str]:
        """Everyone who has changed anything, for the history filter."""
        query = select(entry_changes.c.changed_by).distinct().order_by(entry_changes.c.changed_by)
        with self.engine.connect() as connection:
            return [str(name) for name in connection.execute(query).scalars()]


class DatabaseOpenError(Exception):
    """The database could not be opened: ``answered`` tells a database that is down from
    one that answers but refused (a lock, a permission), which someone else must fix."""

    def __init__(self, error: SQLAlchemyError, answered: bool) -> None:
        self.answered = answered
        self.detail = str(error).splitlines()[0]
        super().__init__(self.detail)


class LedgerSchemaError(Exception):
    """The database holds the tables of another version of the tracker."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(f"the database lacks columns {', '.join(missing)}")


def _check_columns(connection: Connection, tables: MetaData) -> None:
    """Refuse, with a clear message, a database made by an older version of the tracker
    rather than fail later in the middle of a page."""
    inspector = inspect(connection)
    missing = [
        f"{table.name}.{column.name}"
        for table in tables.sorted_tables
        for column in table.columns
        if column.name not in {c["name"] for c in inspector.get_columns(table.name)}
    ]
    if missing:
        raise LedgerSchemaError(missing)


class _NothingToWriteError(Exception):
    """Leave the transaction without writing anything."""


class _StaleError(Exception):
    """An entry moved on between reading and writing it: abandon the transaction."""

    def __init__(self, entry_id: int, seen_version: int) -> None:
        self.entry_id = entry_id
        self.seen_version = seen_version
        super().__init__(f"entry {entry_id} is no longer at version {seen_version}")


def _snapshot(entry: ValidEntry) -> dict[str, Any]:
    """An entry's content as stored in the history (JSON): exact quantity as text."""
    return {
        "target_id": entry.target_id,
        "ref_date": entry.ref_date.isoformat(),
        "quantity": str(entry.quantity),
        "district": entry.district,
        "village": entry.village,
        "note": entry.note,
        "kind": entry.kind.value,
    }


def _state_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The same snapshot, read from a stored row."""
    return {
        "target_id": row["target_id"],
        "ref_date": row["ref_date"].isoformat(),
        "quantity": str(_from_milli(row["quantity_milli"])),
        "district": row["district"],
        "village": row["village"],
        "note": row["note"],
        "kind": row["kind"],
    }


def _columns(state: Mapping[str, Any]) -> dict[str, Any]:
    """Column values for a snapshot."""
    return {
        "target_id": state["target_id"],
        "ref_date": dt.date.fromisoformat(state["ref_date"]),
        "quantity_milli": _to_milli(Decimal(state["quantity"])),
        "district": state["district"],
        "village": state["village"],
        "note": state["note"],
        "kind": state.get("kind", EntryKind.report.value),
    }


def _row(mapping: Any) -> EntryRow:
    return EntryRow(
        id=int(mapping["id"]),
        target_id=mapping["target_id"],
        ref_date=mapping["ref_date"],
        quantity=_from_milli(mapping["quantity_milli"]),
        district=mapping["district"],
        village=mapping["village"],
        note=mapping["note"],
        entered_by=mapping["entered_by"],
        entered_at=as_utc(mapping["entered_at"]),
        version=int(mapping["version"]),
        kind=EntryKind(mapping["kind"]),
        deleted=bool(mapping["deleted"]),
    )


def _change(mapping: Any) -> ChangeRow:
    return ChangeRow(
        id=int(mapping["id"]),
        entry_id=int(mapping["entry_id"]),
        target_id=mapping["target_id"],
        version=int(mapping["version"]),
        action=Action(mapping["action"]),
        changed_by=mapping["changed_by"],
        changed_at=as_utc(mapping["changed_at"]),
        before=mapping["before"],
        after=mapping["after"],
        reverts_change_id=mapping["reverts_change_id"],
    )
