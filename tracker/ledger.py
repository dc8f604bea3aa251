"""The progress ledger: every entry staff record, and every change to it, in a database.

SQLite is the embedded default (a file under data/, WAL mode); PostgreSQL is used through
a URL. Achieved figures are always derived from entries by GROUP BY in the database,
never stored beside them and never computed by loading the whole ledger into Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
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
    select,
)
from sqlalchemy.engine import make_url

from tracker.entries import ValidEntry

# Quantities are stored as whole thousandths so that sums are exact in every database.
SCALE = 1000
SQLITE_BUSY_TIMEOUT_MS = 30_000

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
    Column("version", Integer, nullable=False, default=1),
    Column("deleted", Boolean, nullable=False, default=False),
    Index("ix_entries_target_date", "target_id", "deleted", "ref_date"),
)

# One row per change (create, edit, delete, revert): who, when, before and after.
entry_changes = Table(
    "entry_changes",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("entry_id", _Id, ForeignKey("entries.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("action", String(16), nullable=False),
    Column("changed_by", String(120), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
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


def default_database_url() -> str:
    data_dir = Path(__file__).resolve().parent.parent / "data"
    return f"sqlite:///{data_dir / 'tracker.db'}"


def _to_milli(quantity: Decimal) -> int:
    return int(quantity * SCALE)


def _from_milli(milli: int | Decimal | None) -> Decimal:
    return Decimal(int(milli or 0)) / SCALE


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


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
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            database = parsed.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(
                self.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
            )
            _prepare_sqlite(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        metadata.create_all(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One short transaction; everything in it is written, or nothing is."""
        with self.engine.connect().execution_options(write=True) as connection, connection.begin():
            yield connection

    # --- writing ---------------------------------------------------------------------

    def record(self, entry: ValidEntry) -> int:
        """Add a checked entry and its 'create' change in one transaction; return its id."""
        now = dt.datetime.now(dt.UTC)
        values = {
            "target_id": entry.target_id,
            "ref_date": entry.ref_date,
            "quantity_milli": _to_milli(entry.quantity),
            "district": entry.district,
            "village": entry.village,
            "note": entry.note,
            "entered_by": entry.entered_by,
            "entered_at": now,
            "version": 1,
            "deleted": False,
        }
        with self._writing() as connection:
            entry_id = int(connection.execute(entries.insert().values(**values)).inserted_primary_key[0])
            connection.execute(
                entry_changes.insert().values(
                    entry_id=entry_id,
                    version=1,
                    action="create",
                    changed_by=entry.entered_by,
                    changed_at=now,
                    before=None,
                    after=_snapshot(entry),
                )
            )
        return entry_id

    # --- reading ---------------------------------------------------------------------

    def achieved(self, as_of: dt.date, sum_ids: Iterable[str], latest_ids: Iterable[str] = ()) -> dict[str, Decimal]:
        """Achieved figure of each target up to and including ``as_of``, aggregated in the database.

        Targets with no entry by then are absent from the result.

        Summed targets add their entries; level targets take each district's latest
        level (by date, then by order of entry) and add those up.
        """
        sum_ids, latest_ids = list(sum_ids), list(latest_ids)
        result: dict[str, Decimal] = {}
        with self.engine.connect() as connection:
            if sum_ids:
                summed = (
                    select(entries.c.target_id, func.sum(entries.c.quantity_milli))
                    .where(entries.c.target_id.in_(sum_ids), entries.c.deleted.is_(False), entries.c.ref_date <= as_of)
                    .group_by(entries.c.target_id)
                )
                for target_id, milli in connection.execute(summed):
                    result[target_id] = _from_milli(milli)
            if latest_ids:
                ranked = (
                    select(
                        entries.c.target_id,
                        entries.c.quantity_milli,
                        func.row_number()
                        .over(
                            partition_by=(entries.c.target_id, entries.c.district),
                            order_by=(entries.c.ref_date.desc(), entries.c.id.desc()),
                        )
                        .label("rank"),
                    )
                    .where(
                        entries.c.target_id.in_(latest_ids), entries.c.deleted.is_(False), entries.c.ref_date <= as_of
                    )
                    .subquery()
                )
                levels = (
                    select(ranked.c.target_id, func.sum(ranked.c.quantity_milli))
                    .where(ranked.c.rank == 1)
                    .group_by(ranked.c.target_id)
                )
                for target_id, milli in connection.execute(levels):
                    result[target_id] = _from_milli(milli)
        return result

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

    def count_entries(self, target_id: str | None = None) -> int:
        query = select(func.count()).select_from(entries).where(entries.c.deleted.is_(False))
        if target_id is not None:
            query = query.where(entries.c.target_id == target_id)
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def revision(self) -> int:
        """Grows with every change; caches keyed on it are invalidated by writes, not by time."""
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.coalesce(func.max(entry_changes.c.id), 0))).scalar_one())

    def changes_of(self, entry_id: int) -> list[dict[str, Any]]:
        query = select(entry_changes).where(entry_changes.c.entry_id == entry_id).order_by(entry_changes.c.id)
        with self.engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(query)]


def _snapshot(entry: ValidEntry) -> dict[str, Any]:
    return {
        "target_id": entry.target_id,
        "ref_date": entry.ref_date.isoformat(),
        "quantity": str(entry.quantity),
        "district": entry.district,
        "village": entry.village,
        "note": entry.note,
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
        entered_at=_utc(mapping["entered_at"]),
        version=int(mapping["version"]),
    )
