"""What each place reported each day, kept beside the entries so that "who has reported"
never costs a pass over a million entries.

One row per plan, target, place (a district, or "" for city-wide) and day that has live
entries: how many, how many of them nil reports, when the first and the last were
entered, what they add up to, and the day's level (the quantity of its last live entry
other than a nil report, by id); and beside it target_days, the same sums with the places
added up (a row per plan, target and day), and report_months, each place's days added up per month (a row per plan,
target, place and month: "who has reported" reads a period's months, a target's figures
per district its whole months). The overview, the target page and the year-on-year page
read their figures from them: a rerun after a write reads a row per day or month
reported, not every entry. Every write of an entry keeps all three in its own
transaction (tracker.storage.ledger: an added entry counts in; a changed, deleted or
reverted one has its days counted again from the entries; the touched days of
target_days and months of report_months are added up again from report_days; a write
that touches more days than one statement holds, an import, does each table in one
statement through a table of the touched days), so they are never behind them;
``differences`` recounts them whole, for ``python -m tracker db check`` and the tests.
The migrations that made them filled them from the entries there (0006, 0007, 0008).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
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
    literal_column,
    select,
    text,
    tuple_,
)

from tracker.storage.database import as_utc, copy_rows, metadata

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
    # The day's sum of live quantities in thousandths is total_high * 2^32 + total_low:
    # each entry adds its quotient and its remainder by 2^32 (truncated, as SQL divides),
    # so no 64-bit sum, here or over a year of days, can overflow (SQLite's SUM stops
    # past 2^63; one BIGINT would not hold 9.500 entries of 10^12).
    Column("total_high", BigInteger, nullable=False, server_default="0"),
    Column("total_low", BigInteger, nullable=False, server_default="0"),
    # The day's level: the quantity of its last live entry by id that is not a nil
    # report (a nil report says "nothing", not "0"); NULL when it has none.
    Column("level_milli", BigInteger, nullable=True),
    Index("ix_report_days_plan_date", "plan_id", "ref_date"),
    # A target's sums per district and its levels day by day, read from the index alone.
    Index("ix_report_days_sums", "plan_id", "target_id", "ref_date", "place", "total_high", "total_low", "level_milli"),
    # Each place's latest level: the index's last entry of the place.
    Index("ix_report_days_levels", "plan_id", "target_id", "place", "ref_date", "level_milli"),
)

# The same days with the places added up: one row per plan, target and day, what the
# overview's sums read (a year of one target is at most 366 rows, however many places and
# entries). Brought up to date from report_days in the same transaction.
target_days = Table(
    "target_days",
    metadata,
    Column("plan_id", String(64), primary_key=True),
    Column("target_id", String(64), primary_key=True),
    Column("ref_date", Date, primary_key=True),
    Column("entries", Integer, nullable=False),
    Column("total_high", BigInteger, nullable=False),
    Column("total_low", BigInteger, nullable=False),
)

# The same days added up per month, each place apart: what "who has reported" reads (a
# reporting period is whole months), a row per plan, target, place and month however many
# days were reported. Brought up to date from report_days in the same transaction.
report_months = Table(
    "report_months",
    metadata,
    Column("plan_id", String(64), primary_key=True),
    Column("target_id", String(64), primary_key=True),
    Column("place", String(64), primary_key=True),
    Column("month", Date, primary_key=True),  # its first day
    Column("entries", Integer, nullable=False),
    Column("nil", Integer, nullable=False),
    Column("first_at", DateTime(timezone=True), nullable=False),
    Column("last_at", DateTime(timezone=True), nullable=False),
    Column("total_high", BigInteger, nullable=False),  # the month's sum, in two parts as report_days'
    Column("total_low", BigInteger, nullable=False),
    Index("ix_report_months_plan_month", "plan_id", "month"),
)

Key = tuple[str, str, dt.date]  # target, place, day
SPLIT = 2**32  # total_high and total_low: the quotient and the remainder by it
_SPLIT_SQL = literal_column(str(SPLIT))


def split_milli(milli: int) -> tuple[int, int]:
    """An entry's thousandths as (quotient, remainder) by 2^32, truncated toward zero as
    both databases divide integers, so that a day counted in and a day recounted agree."""
    high = abs(milli) // SPLIT * (1 if milli >= 0 else -1)
    return high, milli - high * SPLIT


def joined(high: int | Any | None, low: int | Any | None) -> int:
    """The exact thousandths of summed (total_high, total_low) columns; NULL: no rows."""
    return int(high or 0) * SPLIT + int(low or 0)


def key_of(target_id: str, district: str | None, day: dt.date | str) -> Key:
    day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
    return target_id, CITY_PLACE if district is None else district, day


@dataclass
class _Added:
    """What the entries one write adds to one day come to."""

    entries: int
    nil: int
    first_at: dt.datetime
    last_at: dt.datetime
    total_high: int = 0
    total_low: int = 0
    level_milli: int | None = None


@dataclass
class DayTally:
    """The days one write transaction touched: entries added (counted in directly) and
    days whose entries changed otherwise (counted again from the entries)."""

    plan_id: str
    added: dict[Key, _Added]
    changed: set[Key]

    @classmethod
    def of(cls, plan_id: str) -> DayTally:
        return cls(plan_id, {}, set())

    def add(
        self, target_id: str, district: str | None, day: dt.date, nil: bool, at: dt.datetime, milli: int = 0
    ) -> None:
        """One new entry, in the order the write inserts them: a new entry has the highest
        id yet (writers queue behind the write lock), so the last one that is not a nil
        report is the day's level."""
        tally = self.added.setdefault(key_of(target_id, district, day), _Added(0, 0, at, at))
        tally.entries += 1
        tally.nil += int(nil)
        tally.first_at = min(tally.first_at, at)
        tally.last_at = max(tally.last_at, at)
        high, low = split_milli(milli)
        tally.total_high += high
        tally.total_low += low
        if not nil:
            tally.level_milli = milli

    def change(self, state: dict[str, Any] | None) -> None:
        if state is not None:
            self.changed.add(key_of(state["target_id"], state.get("district"), state["ref_date"]))

    def touched(self) -> dict[Key, int]:
        """Every day the write touched, with how many entries other than nil reports it
        added there (0: it only changed, or added nil reports)."""
        found = dict.fromkeys(self.changed, 0)
        for key, tally in self.added.items():
            found[key] = found.get(key, 0) + tally.entries - tally.nil
        return found

    def settle(self, connection: Connection) -> None:
        """Bring the touched days up to date, inside the write's transaction."""
        recount = self.changed
        adds = {key: tally for key, tally in self.added.items() if key not in recount}
        touched = self.added.keys() | recount
        large = len(touched) > CHUNK  # an import: a statement per table, not per day or chunk
        if adds:
            (_count_in_many if large else _count_in)(connection, self.plan_id, adds)
        if recount:
            _recount(connection, self.plan_id, sorted(recount))
        if large:
            _add_up_many(connection, self.plan_id, sorted(touched))
        else:
            _add_up(connection, self.plan_id, sorted({(key[0], key[2]) for key in touched}))
            _add_up_months(connection, self.plan_id, sorted({(key[0], key[1], month_of(key[2])) for key in touched}))
        self.added, self.changed = {}, set()


def _chunks(keys: Sequence[Key]) -> Iterable[Sequence[Key]]:
    for start in range(0, len(keys), CHUNK):
        yield keys[start : start + CHUNK]


def _row_key(columns: Any) -> Any:
    return tuple_(columns.target_id, columns.place, columns.ref_date)


def _count_in(connection: Connection, plan_id: str, adds: dict[Key, _Added]) -> None:
    """New entries only: each day's counts and sums grow, its times widen, its level is the
    last new one's if any, and a day without a row gets one; one upsert per day (a save of
    one entry adds a single statement)."""
    rows = [
        {"plan_id": plan_id, "target_id": key[0], "place": key[1], "ref_date": key[2],
         "entries": tally.entries, "nil": tally.nil, "first_at": tally.first_at, "last_at": tally.last_at,
         "total_high": tally.total_high, "total_low": tally.total_low, "level_milli": tally.level_milli}
        for key, tally in sorted(adds.items())
    ]  # fmt: skip
    statement = _upsert(connection.dialect.name)
    for start in range(0, len(rows), CHUNK):
        connection.execute(statement, rows[start : start + CHUNK])


def _count_in_many(connection: Connection, plan_id: str, adds: dict[Key, _Added]) -> None:
    """The same as ``_count_in`` for a large batch: SQLite takes plain tuples in one
    executemany (each value bound by its column's own processor, without SQLAlchemy's work
    per row); PostgreSQL takes the rows by COPY into a table of this session, then one
    INSERT … SELECT … ON CONFLICT."""
    rows = [
        (plan_id, key[0], key[1], key[2], tally.entries, tally.nil, tally.first_at, tally.last_at,
         tally.total_high, tally.total_low, tally.level_milli)
        for key, tally in sorted(adds.items())
    ]  # fmt: skip
    names = ", ".join(COLUMNS)
    if connection.dialect.name != "postgresql":
        processors = _processors(connection, report_days)
        marks = ", ".join("?" for _ in COLUMNS)
        bound = [tuple(process(value) for process, value in zip(processors, row, strict=True)) for row in rows]
        connection.exec_driver_sql(
            f"INSERT INTO report_days ({names}) VALUES ({marks}) {_ON_CONFLICT.format(least='min', greatest='max')}",
            bound,
        )
        return
    connection.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS report_days_new (LIKE report_days INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
    )
    connection.exec_driver_sql("DELETE FROM report_days_new")
    copy_rows(connection, f"COPY report_days_new ({names}) FROM STDIN", rows)
    connection.exec_driver_sql(
        f"INSERT INTO report_days ({names}) SELECT {names} FROM report_days_new "
        + _ON_CONFLICT.format(least="LEAST", greatest="GREATEST")
    )


# What a new day's counts do to a day already kept (as _upsert's): counts and sums grow,
# the times widen, a new level replaces the kept one.
_ON_CONFLICT = (
    "ON CONFLICT (plan_id, target_id, place, ref_date) DO UPDATE SET "
    "entries = report_days.entries + excluded.entries, nil = report_days.nil + excluded.nil, "
    "first_at = {least}(report_days.first_at, excluded.first_at), "
    "last_at = {greatest}(report_days.last_at, excluded.last_at), "
    "total_high = report_days.total_high + excluded.total_high, "
    "total_low = report_days.total_low + excluded.total_low, "
    "level_milli = COALESCE(excluded.level_milli, report_days.level_milli)"
)


def _processors(connection: Connection, table: Table) -> list[Any]:
    """Each column's bind processor: the value as SQLAlchemy would hand it to the driver."""
    dialect = connection.dialect
    found = []
    for column in table.c:
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        found.append(process if process is not None else _same)
    return found


def _same(value: Any) -> Any:
    return value


def _add_up_many(connection: Connection, plan_id: str, keys: Sequence[Key]) -> None:
    """``_add_up`` and ``_add_up_months`` for a large batch: the touched days put in a table
    of this session, then each table's touched rows deleted and added up again from
    report_days in one statement each."""
    postgresql = connection.dialect.name == "postgresql"
    if postgresql:
        connection.exec_driver_sql(
            "CREATE TEMP TABLE IF NOT EXISTS touched_days (target_id VARCHAR(64) NOT NULL, "
            "place VARCHAR(64) NOT NULL, ref_date DATE NOT NULL) ON COMMIT DELETE ROWS"
        )
        connection.exec_driver_sql("DELETE FROM touched_days")
        copy_rows(connection, "COPY touched_days (target_id, place, ref_date) FROM STDIN", keys)
        month = "CAST(date_trunc('month', {day}) AS DATE)"
    else:
        connection.exec_driver_sql(
            "CREATE TEMP TABLE IF NOT EXISTS touched_days (target_id TEXT NOT NULL, place TEXT NOT NULL, "
            "ref_date TEXT NOT NULL)"
        )
        connection.exec_driver_sql("DELETE FROM touched_days")
        connection.exec_driver_sql(
            "INSERT INTO touched_days (target_id, place, ref_date) VALUES (?, ?, ?)",
            [(target_id, place, day.isoformat()) for target_id, place, day in keys],
        )
        month = "date({day}, 'start of month')"
    days_month, touched_month = month.format(day="d.ref_date"), month.format(day="ref_date")
    plan = {"plan": plan_id}
    for statement in (
        "DELETE FROM target_days WHERE plan_id = :plan "
        "AND (target_id, ref_date) IN (SELECT target_id, ref_date FROM touched_days)",
        "INSERT INTO target_days (plan_id, target_id, ref_date, entries, total_high, total_low) "
        "SELECT d.plan_id, d.target_id, d.ref_date, SUM(d.entries), SUM(d.total_high), SUM(d.total_low) "
        "FROM report_days d WHERE d.plan_id = :plan "
        "AND (d.target_id, d.ref_date) IN (SELECT target_id, ref_date FROM touched_days) "
        "GROUP BY d.plan_id, d.target_id, d.ref_date",
        "DELETE FROM report_months WHERE plan_id = :plan "
        f"AND (target_id, place, month) IN (SELECT target_id, place, {touched_month} FROM touched_days)",
        f"INSERT INTO report_months ({', '.join(MONTH_COLUMNS)}) "
        f"SELECT d.plan_id, d.target_id, d.place, {days_month}, SUM(d.entries), SUM(d.nil), MIN(d.first_at), "
        "MAX(d.last_at), SUM(d.total_high), SUM(d.total_low) FROM report_days d WHERE d.plan_id = :plan "
        f"AND (d.target_id, d.place, {days_month}) IN (SELECT target_id, place, {touched_month} FROM touched_days) "
        f"GROUP BY d.plan_id, d.target_id, d.place, {days_month}",
    ):
        connection.execute(text(statement), plan)


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
                "total_high": table.total_high + statement.excluded.total_high,
                "total_low": table.total_low + statement.excluded.total_low,
                "level_milli": func.coalesce(statement.excluded.level_milli, table.level_milli),
            },
        )
    return _UPSERTS[dialect]


def _day_counts() -> list[Any]:
    """A day's columns counted from its live entries: how many, how many nil reports, the
    first and the last moment entered, the sum's two parts, and the id of the last entry
    that is not a nil report (whose quantity is the day's level)."""
    from tracker.storage.ledger import entries

    quantity = entries.c.quantity_milli
    return [
        func.count().label("entries"),
        func.sum(case((entries.c.kind == "nil", 1), else_=0)).label("nil"),
        func.min(entries.c.entered_at).label("first_at"),
        func.max(entries.c.entered_at).label("last_at"),
        func.sum(quantity.op("/")(_SPLIT_SQL)).label("total_high"),
        func.sum(quantity.op("%")(_SPLIT_SQL)).label("total_low"),
        func.max(case((entries.c.kind != "nil", entries.c.id), else_=None)).label("level_id"),
    ]


def _with_levels(counted: Any) -> Any:
    """Days counted (a GROUP BY with ``_day_counts``), each with its level: the quantity of
    the entry its level_id names."""
    from tracker.storage.ledger import entries

    days = counted.subquery()
    level = select(entries.c.quantity_milli).where(entries.c.id == days.c.level_id).scalar_subquery()
    columns = [column for column in days.c if column.name != "level_id"]
    return select(*columns, level.label("level_milli"))


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
    return connection.execute(_with_levels(query))


def _stored(row: Any) -> dict[str, Any]:
    """A counted day's columns as stored (the databases hand sums back as Decimal or int)."""
    return {
        "entries": int(row.entries),
        "nil": int(row.nil or 0),
        "first_at": as_utc(row.first_at),
        "last_at": as_utc(row.last_at),
        "total_high": int(row.total_high or 0),
        "total_low": int(row.total_low or 0),
        "level_milli": None if row.level_milli is None else int(row.level_milli),
    }


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
                 **_stored(row)}
                for row in _counted(connection, plan_id, target_id, [key[2] for key in chunk])
                if (target_id, row.place, row.ref_date) in wanted
            ]  # fmt: skip
            if rows:
                connection.execute(insert(report_days), rows)


def _add_up(connection: Connection, plan_id: str, days: Sequence[tuple[str, dt.date]]) -> None:
    """These targets' days of target_days added up again from their places' rows in
    report_days (at most 31 rows a day), after report_days was brought up to date."""
    table, places = target_days.c, report_days.c
    for start in range(0, len(days), CHUNK):
        chunk = list(days[start : start + CHUNK])
        connection.execute(
            delete(target_days).where(table.plan_id == plan_id, tuple_(table.target_id, table.ref_date).in_(chunk))
        )
        connection.execute(
            insert(target_days).from_select(
                TARGET_COLUMNS,
                _added_up(tuple_(places.target_id, places.ref_date).in_(chunk), places.plan_id == plan_id),
            )
        )


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _month_sql(dialect: str, day: Any) -> Any:
    """The first day of ``day``'s month, in SQL (SQLite keeps a date as its ISO text)."""
    if dialect == "postgresql":
        return func.cast(func.date_trunc("month", day), Date)
    return func.date(day, "start of month", type_=Date)


def _add_up_months(connection: Connection, plan_id: str, months: Sequence[tuple[str, str, dt.date]]) -> None:
    """These places' months of report_months added up again from their days in report_days
    (at most 31 rows each), after report_days was brought up to date: each chunk read along
    the (plan, target, place, day) index."""
    table, places = report_months.c, report_days.c
    month = _month_sql(connection.dialect.name, places.ref_date)
    for start in range(0, len(months), CHUNK):
        chunk = list(months[start : start + CHUNK])
        connection.execute(
            delete(report_months).where(
                table.plan_id == plan_id, tuple_(table.target_id, table.place, table.month).in_(chunk)
            )
        )
        connection.execute(
            insert(report_months).from_select(
                MONTH_COLUMNS,
                _months_added_up(
                    month,
                    places.plan_id == plan_id,
                    places.target_id.in_(sorted({key[0] for key in chunk})),
                    places.place.in_(sorted({key[1] for key in chunk})),
                    places.ref_date.between(min(key[2] for key in chunk), _month_end(max(key[2] for key in chunk))),
                    tuple_(places.target_id, places.place, month).in_(chunk),
                ),
            )
        )


MONTH_COLUMNS = ["plan_id", "target_id", "place", "month", "entries", "nil", "first_at", "last_at", "total_high",
                 "total_low"]  # fmt: skip


def _months_added_up(month: Any, *where: Any) -> Any:
    places = report_days.c
    return (
        select(
            places.plan_id,
            places.target_id,
            places.place,
            month.label("month"),
            func.sum(places.entries).label("entries"),
            func.sum(places.nil).label("nil"),
            func.min(places.first_at).label("first_at"),
            func.max(places.last_at).label("last_at"),
            func.sum(places.total_high).label("total_high"),
            func.sum(places.total_low).label("total_low"),
        )
        .where(*where)
        .group_by(places.plan_id, places.target_id, places.place, month)
    )


TARGET_COLUMNS = ["plan_id", "target_id", "ref_date", "entries", "total_high", "total_low"]


def _added_up(*where: Any) -> Any:
    places = report_days.c
    return (
        select(
            places.plan_id,
            places.target_id,
            places.ref_date,
            func.sum(places.entries).label("entries"),
            func.sum(places.total_high).label("total_high"),
            func.sum(places.total_low).label("total_low"),
        )
        .where(*where)
        .group_by(places.plan_id, places.target_id, places.ref_date)
    )


def _whole_count(plan_id: str | None = None) -> Any:
    from tracker.storage.ledger import entries

    place = func.coalesce(entries.c.district, literal(CITY_PLACE))
    query = (
        select(entries.c.plan_id, entries.c.target_id, place.label("place"), entries.c.ref_date, *_day_counts())
        .where(entries.c.deleted.is_(False))
        .group_by(entries.c.plan_id, entries.c.target_id, place, entries.c.ref_date)
    )
    return _with_levels(query if plan_id is None else query.where(entries.c.plan_id == plan_id))


COLUMNS = ["plan_id", "target_id", "place", "ref_date", "entries", "nil", "first_at", "last_at",
           "total_high", "total_low", "level_milli"]  # fmt: skip


def rebuild(connection: Connection, plan_id: str | None = None) -> int:
    """Count every day again from the entries (all plans, or one); returns the rows kept.
    For a bulk load that bypassed the ledger (the benchmarks) and for a repair."""
    where = [] if plan_id is None else [report_days.c.plan_id == plan_id]
    connection.execute(delete(report_days).where(and_(True, *where)))
    connection.execute(insert(report_days).from_select(COLUMNS, _whole_count(plan_id)))
    added_up = [] if plan_id is None else [target_days.c.plan_id == plan_id]
    connection.execute(delete(target_days).where(and_(True, *added_up)))
    connection.execute(insert(target_days).from_select(TARGET_COLUMNS, _added_up(*where)))
    in_months = [] if plan_id is None else [report_months.c.plan_id == plan_id]
    connection.execute(delete(report_months).where(and_(True, *in_months)))
    month = _month_sql(connection.dialect.name, report_days.c.ref_date)
    connection.execute(insert(report_months).from_select(MONTH_COLUMNS, _months_added_up(month, *where)))
    return int(connection.execute(select(func.count()).select_from(report_days).where(*where)).scalar_one())


@dataclass(frozen=True)
class Difference:
    """One day whose kept row differs from a recount of its entries (None: no row)."""

    plan_id: str
    target_id: str
    place: str
    ref_date: dt.date
    kept: dict[str, Any] | None
    counted: dict[str, Any] | None
    kept_in: str = "report_days"  # or target_days (place "*"), report_months (a month's first day)

    def columns(self) -> list[str]:
        """The columns that differ (all of them when a row is missing on one side)."""
        if self.kept is None or self.counted is None:
            return list((self.kept or self.counted or {}).keys())
        return [name for name in self.kept if self.kept[name] != self.counted.get(name)]

    def __str__(self) -> str:
        key = (self.plan_id, self.target_id, self.place, self.ref_date)
        where = "" if self.kept_in == "report_days" else f"{self.kept_in} "
        return f"{where}{key}: kept {self.kept}, counted {self.counted}"


def find_differences(connection: Connection, plan_id: str | None = None) -> list[Difference]:
    """Every day whose kept row differs from a recount of the entries; empty when they
    agree. Sums are compared joined (what a page reads), the rest column by column."""
    kept_query = select(report_days) if plan_id is None else select(report_days).where(report_days.c.plan_id == plan_id)
    kept = {
        (row.plan_id, row.target_id, row.place, row.ref_date): _compared(row) for row in connection.execute(kept_query)
    }
    counted = {
        (row.plan_id, row.target_id, row.place, row.ref_date): _compared(row)
        for row in connection.execute(_whole_count(plan_id))
    }
    found = []
    for key in sorted(kept.keys() | counted.keys()):
        if kept.get(key) != counted.get(key):
            found.append(Difference(*key, kept.get(key), counted.get(key)))
    return found + _target_differences(connection, plan_id) + _month_differences(connection, plan_id, counted)


def _month_differences(
    connection: Connection, plan_id: str | None, counted_days: dict[tuple[str, str, str, dt.date], dict[str, Any]]
) -> list[Difference]:
    """Every place's month whose row in report_months differs from its days counted again
    from the entries and added up (said with the month's first day, in report_months)."""
    counted: dict[tuple[str, str, str, dt.date], dict[str, Any]] = {}
    for (plan, target, place, day), row in counted_days.items():
        key = (plan, target, place, month_of(day))
        known = counted.get(key)
        if known is None:
            counted[key] = {name: row[name] for name in ("entries", "nil", "first_at", "last_at", "total_milli")}
        else:
            known["entries"] += row["entries"]
            known["nil"] += row["nil"]
            known["total_milli"] += row["total_milli"]
            known["first_at"] = min(known["first_at"], row["first_at"])
            known["last_at"] = max(known["last_at"], row["last_at"])
    query = select(report_months)
    if plan_id is not None:
        query = query.where(report_months.c.plan_id == plan_id)
    kept = {
        (row.plan_id, row.target_id, row.place, _as_date(row.month)): {
            "entries": int(row.entries), "nil": int(row.nil),
            "first_at": as_utc(row.first_at), "last_at": as_utc(row.last_at),
            "total_milli": joined(row.total_high, row.total_low),
        }
        for row in connection.execute(query)
    }  # fmt: skip
    return [
        Difference(*key, kept.get(key), counted.get(key), kept_in="report_months")
        for key in sorted(kept.keys() | counted.keys())
        if kept.get(key) != counted.get(key)
    ]


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


ALL_PLACES = "*"  # a difference in target_days, which adds the places up


def _target_differences(connection: Connection, plan_id: str | None) -> list[Difference]:
    """Every target and day whose row in target_days differs from the entries counted
    again (its place is said as "*": all places)."""
    from tracker.storage.ledger import entries

    table = target_days.c
    kept_query = select(target_days) if plan_id is None else select(target_days).where(table.plan_id == plan_id)
    quantity = entries.c.quantity_milli
    counted_query = (
        select(
            entries.c.plan_id,
            entries.c.target_id,
            entries.c.ref_date,
            func.count().label("entries"),
            func.sum(quantity.op("/")(_SPLIT_SQL)).label("total_high"),
            func.sum(quantity.op("%")(_SPLIT_SQL)).label("total_low"),
        )
        .where(entries.c.deleted.is_(False), *([] if plan_id is None else [entries.c.plan_id == plan_id]))
        .group_by(entries.c.plan_id, entries.c.target_id, entries.c.ref_date)
    )

    def shown(row: Any) -> dict[str, Any]:
        return {"entries": int(row.entries), "total_milli": joined(row.total_high, row.total_low)}

    kept = {(row.plan_id, row.target_id, row.ref_date): shown(row) for row in connection.execute(kept_query)}
    counted = {(row.plan_id, row.target_id, row.ref_date): shown(row) for row in connection.execute(counted_query)}
    return [
        Difference(key[0], key[1], ALL_PLACES, key[2], kept.get(key), counted.get(key), kept_in="target_days")
        for key in sorted(kept.keys() | counted.keys())
        if kept.get(key) != counted.get(key)
    ]


def _compared(row: Any) -> dict[str, Any]:
    stored = _stored(row)
    high, low = stored.pop("total_high"), stored.pop("total_low")
    return {**stored, "total_milli": joined(high, low)}


def differences(connection: Connection, plan_id: str | None = None) -> list[str]:
    """Every day whose kept counts differ from a recount of the entries, said in a line
    each; empty when they agree."""
    return [str(found) for found in find_differences(connection, plan_id)]
