"""What each place reported each day, kept beside the entries so that "who has reported"
never costs a pass over a million entries.

One row per plan, target, place (a district, or "" for city-wide) and day that has live
entries: how many, how many of them nil reports, and when the first and the last were
entered. Every write of an entry keeps it in its own transaction (tracker.storage.ledger:
an added entry counts in; a changed, deleted or reverted one has its days counted again
from the entries), so it is never behind them; ``differences`` recounts it whole, for a
check and for the tests. The migration that made it filled it from the entries there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    tuple_,
)

from tracker.storage.database import as_utc, metadata

CITY_PLACE = ""  # a city-wide entry's place: a key column cannot be NULL
CHUNK = 400  # keys per statement: well under both databases' parameter limits

report_days = Table(
    "report_days",
    metadata,
    Column("plan_id", String(64), primary_key=True),
    Column("target_id", String(64), primary_key=True),
    Column("place", String(64), primary_key=True),
    Column("ref_date", Date, primary_key=True),
    Column("entries", Integer, nullable=False),
    Column("nil", Integer, nullable=False),
    Column("first_at", DateTime(timezone=True), nullable=False),
    Column("last_at", DateTime(timezone=True), nullable=False),
    Index("ix_report_days_plan_date", "plan_id", "ref_date"),
)

Key = tuple[str, str, dt.date]  # target, place, day


def key_of(target_id: str, district: str | None, day: dt.date | str) -> Key:
    day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
    return target_id, CITY_PLACE if district is None else district, day


@dataclass
class DayTally:
    """The days one write transaction touched: entries added (counted in directly) and
    days whose entries changed otherwise (counted again from the entries)."""

    plan_id: str
    added: dict[Key, list[Any]]
    changed: set[Key]

    @classmethod
    def of(cls, plan_id: str) -> DayTally:
        return cls(plan_id, {}, set())

    def add(self, target_id: str, district: str | None, day: dt.date, nil: bool, at: dt.datetime) -> None:
        tally = self.added.setdefault(key_of(target_id, district, day), [0, 0, at, at])
        tally[0] += 1
        tally[1] += int(nil)
        tally[2] = min(tally[2], at)
        tally[3] = max(tally[3], at)

    def change(self, state: dict[str, Any] | None) -> None:
        if state is not None:
            self.changed.add(key_of(state["target_id"], state.get("district"), state["ref_date"]))

    def touched(self) -> dict[Key, int]:
        """Every day the write touched, with how many entries other than nil reports it
        added there (0: it only changed, or added nil reports)."""
        found = dict.fromkeys(self.changed, 0)
        for key, (count, nil, _, _) in self.added.items():
            found[key] = found.get(key, 0) + count - nil
        return found

    def settle(self, connection: Connection) -> None:
        """Bring the touched days up to date, inside the write's transaction."""
        recount = self.changed
        adds = {key: tally for key, tally in self.added.items() if key not in recount}
        if adds:
            _count_in(connection, self.plan_id, adds)
        if recount:
            _recount(connection, self.plan_id, sorted(recount))
        self.added, self.changed = {}, set()


def _chunks(keys: Sequence[Key]) -> Iterable[Sequence[Key]]:
    for start in range(0, len(keys), CHUNK):
        yield keys[start : start + CHUNK]


def _row_key(columns: Any) -> Any:
    return tuple_(columns.target_id, columns.place, columns.ref_date)


def _count_in(connection: Connection, plan_id: str, adds: dict[Key, list[Any]]) -> None:
    """New entries only: each day's counts grow and its times widen, a day without a row
    gets one; one upsert per day (a save of one entry adds a single statement)."""
    rows = [
        {"plan_id": plan_id, "target_id": key[0], "place": key[1], "ref_date": key[2],
         "entries": count, "nil": nil, "first_at": first, "last_at": last}
        for key, (count, nil, first, last) in sorted(adds.items())
    ]  # fmt: skip
    statement = _upsert(connection.dialect.name)
    for start in range(0, len(rows), CHUNK):
        connection.execute(statement, rows[start : start + CHUNK])


_UPSERTS: dict[str, Any] = {}


def _upsert(dialect: str) -> Any:
    """The upsert that counts new entries in, built once per database kind: a save pays
    for its statement, not for building it."""
    if dialect not in _UPSERTS:
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert

            earliest, latest = func.least, func.greatest
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]

            earliest, latest = func.min, func.max  # SQLite's two-argument min() and max()
        statement = upsert(report_days)
        table = report_days.c
        _UPSERTS[dialect] = statement.on_conflict_do_update(
            index_elements=[table.plan_id, table.target_id, table.place, table.ref_date],
            set_={
                "entries": table.entries + statement.excluded.entries,
                "nil": table.nil + statement.excluded.nil,
                "first_at": earliest(table.first_at, statement.excluded.first_at),
                "last_at": latest(table.last_at, statement.excluded.last_at),
            },
        )
    return _UPSERTS[dialect]


def _day_counts() -> list[Any]:
    """A day's columns counted from its live entries: how many, how many nil reports, the
    first and the last moment entered."""
    from tracker.storage.ledger import entries

    return [
        func.count().label("entries"),
        func.sum(case((entries.c.kind == "nil", 1), else_=0)).label("nil"),
        func.min(entries.c.entered_at).label("first_at"),
        func.max(entries.c.entered_at).label("last_at"),
    ]


def _counted(connection: Connection, plan_id: str, target_id: str, days: Sequence[dt.date]) -> Any:
    """The live entries of one target on these days, counted per place and day."""
    from tracker.storage.ledger import entries

    place = func.coalesce(entries.c.district, literal(CITY_PLACE))
    query = (
        select(place.label("place"), entries.c.ref_date, *_day_counts())
        .where(
            entries.c.plan_id == plan_id,
            entries.c.target_id == target_id,
            entries.c.deleted.is_(False),
            entries.c.ref_date.between(min(days), max(days)),
        )
        .group_by(place, entries.c.ref_date)
    )
    return connection.execute(query)


def _recount(connection: Connection, plan_id: str, keys: Sequence[Key]) -> None:
    """These days counted again from the entries: after an edit, a deletion, a revert."""
    by_target: dict[str, list[Key]] = defaultdict(list)
    for key in keys:
        by_target[key[0]].append(key)
    table = report_days.c
    for target_id, target_keys in by_target.items():
        target_keys.sort(key=lambda key: (key[2], key[1]))  # by day: each chunk a short stretch of days
        for chunk in _chunks(target_keys):
            wanted = set(chunk)
            connection.execute(delete(report_days).where(table.plan_id == plan_id, _row_key(table).in_(list(chunk))))
            rows = [
                {"plan_id": plan_id, "target_id": target_id, "place": row.place, "ref_date": row.ref_date,
                 "entries": int(row.entries), "nil": int(row.nil or 0), "first_at": as_utc(row.first_at),
                 "last_at": as_utc(row.last_at)}
                for row in _counted(connection, plan_id, target_id, [key[2] for key in chunk])
                if (target_id, row.place, row.ref_date) in wanted
            ]  # fmt: skip
            if rows:
                connection.execute(insert(report_days), rows)


def _whole_count(plan_id: str | None = None) -> Any:
    from tracker.storage.ledger import entries

    place = func.coalesce(entries.c.district, literal(CITY_PLACE))
    query = (
        select(entries.c.plan_id, entries.c.target_id, place.label("place"), entries.c.ref_date, *_day_counts())
        .where(entries.c.deleted.is_(False))
        .group_by(entries.c.plan_id, entries.c.target_id, place, entries.c.ref_date)
    )
    return query if plan_id is None else query.where(entries.c.plan_id == plan_id)


def rebuild(connection: Connection, plan_id: str | None = None) -> int:
    """Count every day again from the entries (all plans, or one); returns the rows kept.
    For a bulk load that bypassed the ledger (the benchmarks) and for a repair."""
    where = [] if plan_id is None else [report_days.c.plan_id == plan_id]
    connection.execute(delete(report_days).where(and_(True, *where)))
    columns = ["plan_id", "target_id", "place", "ref_date", "entries", "nil", "first_at", "last_at"]
    connection.execute(insert(report_days).from_select(columns, _whole_count(plan_id)))
    return int(connection.execute(select(func.count()).select_from(report_days).where(*where)).scalar_one())


def differences(connection: Connection, plan_id: str | None = None) -> list[str]:
    """Every day whose kept counts differ from a recount of the entries, said in a line
    each; empty when they agree."""
    kept = {
        (row.plan_id, row.target_id, row.place, row.ref_date): (
            int(row.entries),
            int(row.nil),
            as_utc(row.first_at),
            as_utc(row.last_at),
        )
        for row in connection.execute(
            select(report_days) if plan_id is None else select(report_days).where(report_days.c.plan_id == plan_id)
        )
    }
    counted = {
        (row.plan_id, row.target_id, row.place, row.ref_date): (
            int(row.entries),
            int(row.nil or 0),
            as_utc(row.first_at),
            as_utc(row.last_at),
        )
        for row in connection.execute(_whole_count(plan_id))
    }
    found = []
    for key in sorted(kept.keys() | counted.keys(), key=lambda key: (key[0], key[1], key[2], key[3])):
        if kept.get(key) != counted.get(key):
            found.append(f"{key}: kept {kept.get(key)}, counted {counted.get(key)}")
    return found
