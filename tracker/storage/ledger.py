"""The progress ledger: every entry staff record, and every change to it.

A store on the one Database (tracker.storage.database): its tables and its queries only.
Achieved figures are derived in the database by GROUP BY over report_days, the sums and
levels of each target, place and day kept beside the entries in the transaction of every
write (tracker.storage.report_days); never by loading the whole ledger into Python.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    case,
    func,
    or_,
    select,
    text,
    tuple_,
    union_all,
    values,
)
from sqlalchemy import column as named_column
from sqlalchemy.exc import DBAPIError

from tracker.domain.clock import day_start
from tracker.domain.completeness import Receipt
from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.errors import CodedError
from tracker.domain.lookalikes import village_key
from tracker.domain.periods import ReportingPeriod
from tracker.domain.plan import Plan
from tracker.domain.repeats import repeats
from tracker.domain.text import shown_text
from tracker.i18n import Lang, format_moment
from tracker.storage.database import (
    FIRST_PLAN_ID,
    Database,
    Id,
    NothingToWriteError,
    StaleError,
    as_utc,
    metadata,
    open_database,
)
from tracker.storage.periods import PeriodError, WriteGuard
from tracker.storage.report_days import joined, report_days, report_months, target_days

# Quantities are stored as whole thousandths so that sums are exact in every database.
SCALE = 1000
# The largest thousandths a BIGINT holds: a difference set_total would store beyond it is refused.
MAX_STORED_MILLI = 2**63 - 1
# Sums are read from report_days, whose two parts no 64-bit sum overflows (SQLite's SUM
# stopped with "integer overflow" past 2^63 when 9.500 entries of 10^12 were summed).
entries = Table(
    "entries",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("plan_id", String(64), nullable=False),
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
    # quantity_milli in the index lets totals be read from the index alone (a covering
    # index); the district after the day finds a place's entries of a day without reading
    # the day's other places' (an import's rows are compared with what their place recorded)
    Index("ix_entries_plan_target_date", "plan_id", "target_id", "deleted", "ref_date", "district", "quantity_milli"),
)

# One row per change (create, edit, delete, revert): who, when, before and after.
entry_changes = Table(
    "entry_changes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("entry_id", Id, ForeignKey("entries.id"), nullable=False, index=True),
    Column("plan_id", String(64), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),  # the entry's version after this change
    Column("action", String(16), nullable=False),
    Column("reverts_change_id", Id, nullable=True),
    Column("changed_by", String(120), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Column("batch_id", Id, nullable=True),  # the import that made this change; NULL: made by hand
    Index("ix_entry_changes_plan_target", "plan_id", "target_id", "id"),
    Index("ix_entry_changes_batch", "batch_id"),
)

# One row per file imported: who, when, which file (name and SHA-256), what it did, and
# whether it was undone. Its changes are the entry_changes naming it.
PlaceDay = tuple[str, str | None, dt.date]  # a target, a district (None: the city), a day
STRETCH_PER_KEY = 8  # entries of the stretch per key below which reading it whole costs less
KEYS_PER_STATEMENT = 300  # places and days in one statement: well under both databases' parameter limits


def _in_places(places: set[str | None]) -> Any:
    """Entries of these districts, and the city's own (a district of None) if None is one."""
    named = entries.c.district.in_(sorted(place for place in places if place is not None))
    return or_(named, entries.c.district.is_(None)) if None in places else named


import_batches = Table(
    "import_batches",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("plan_id", String(64), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_by", String(120), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("new", Integer, nullable=False),
    Column("changed", Integer, nullable=False),
    Column("unchanged", Integer, nullable=False),
    Column("reverted_by", String(120), nullable=True),
    Column("reverted_at", DateTime(timezone=True), nullable=True),
    Index("ix_import_batches_plan", "plan_id", "id"),
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
    batch_id: int | None = None


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


class RevertError(CodedError):
    """A change that cannot be reverted (unknown, or the entry changed after it)."""

    prefix = "history.revert_error."

    def __init__(self, code: str, change_id: int) -> None:
        self.change_id = change_id
        super().__init__(code, id=change_id)


@dataclass(frozen=True)
class NewBatch:
    """The file an import comes from and what its preview found."""

    file_name: str
    sha256: str
    rows: int
    new: int
    changed: int
    unchanged: int


@dataclass(frozen=True)
class BatchRow:
    """An import as stored: its file, who, when, its counts, and whether it was undone."""

    id: int
    file_name: str
    sha256: str
    imported_by: str
    imported_at: dt.datetime
    rows: int
    new: int
    changed: int
    unchanged: int
    reverted_by: str | None
    reverted_at: dt.datetime | None


class BatchRevertError(CodedError):
    """An import that cannot be undone as a whole; nothing was written."""

    prefix = "import.revert_error."


class RepeatedEntryError(CodedError):
    """Nothing was written: the entry repeats ``earlier``, a live entry that says exactly
    the same (tracker.domain.repeats). ``entry`` is what was refused, for a confirmation
    to offer exactly that again."""

    prefix = "repeat."

    def __init__(self, code: str, entry: ValidEntry, earlier: EntryRow) -> None:
        self.entry = entry
        self.earlier = earlier
        super().__init__(code, id=earlier.id, by=earlier.entered_by, at=earlier.entered_at)

    def shown(self, lang: Lang) -> dict[str, Any]:
        return {**self.params, "by": shown_text(self.earlier.entered_by), "at": format_moment(self.earlier.entered_at)}


class TakenError(Exception):
    """Nothing was written: figures the import was to add as new have been recorded by
    someone else since the preview (``rows`` are their positions in the import's adds)."""

    def __init__(self, positions: list[int]) -> None:
        self.positions = positions
        super().__init__(f"{len(positions)} figures were recorded since the preview")


# The distinct plans of the entries, one index probe per plan (the index on entries starts
# with plan_id): a DISTINCT would read every entry, on every page after every write.
_PLANS_IN_USE = text(
    "WITH RECURSIVE plans(plan_id) AS ("
    " SELECT MIN(plan_id) FROM entries"
    " UNION ALL SELECT (SELECT MIN(plan_id) FROM entries WHERE plan_id > plans.plan_id) FROM plans"
    " WHERE plans.plan_id IS NOT NULL"
    ") SELECT plan_id FROM plans WHERE plan_id IS NOT NULL"
)


def _to_milli(quantity: Decimal) -> int:
    return int(quantity * SCALE)


def _from_milli(milli: int | Decimal | None) -> Decimal:
    return Decimal(int(milli or 0)) / SCALE


def _combined_level(latest: Mapping[str | None, tuple[dt.date, int]]) -> int:
    """A level figure from each place's latest report (date, thousandths): a city-wide
    report already counts every district, so it stands alone when it is the newest;
    otherwise the districts' levels add up."""
    city = latest.get(None)
    districts = [report for place, report in latest.items() if place is not None]
    if city is not None and all(city[0] >= day for day, _ in districts):
        return city[1]
    return sum(milli for _, milli in districts)


def combined_level(latest: Mapping[str | None, tuple[dt.date, Decimal]]) -> Decimal:
    """The same rule for figures in their unit (an import's preview computes one before it
    is written)."""
    city = latest.get(None)
    districts = [report for place, report in latest.items() if place is not None]
    if city is not None and all(city[0] >= day for day, _ in districts):
        return city[1]
    return sum((quantity for _, quantity in districts), Decimal(0))


# A nil report says "nothing this period", not "the level is 0": levels never read it.
_a_level = entries.c.kind != EntryKind.nil.value


class NilReportError(PeriodError):
    """A nil report that contradicts what the district already sent for the period;
    nothing was written: ``nil_with_entries`` (``count`` live entries there) or
    ``nil_twice``. ``target`` is the target's id until the service names it."""


class Ledger:
    """The entries of one plan and their changes, on one Database. ``Ledger(url)`` opens a
    database of its own (``open_database``), as scripts and tests do; the app hands its one
    Database. Every query names the plan, so two plans' figures never mix, even where
    their targets share an id; ``for_plan`` gives the same database seen from another plan."""

    def __init__(
        self,
        database: Database | str | None = None,
        plan_id: str = FIRST_PLAN_ID,
        writer: str | None = None,
        plan: Plan | None = None,
    ) -> None:
        self.database = database if isinstance(database, Database) else open_database(database)
        self.url = self.database.url
        self.plan_id = plan_id
        # The account whose districts every write is checked against (None: no account,
        # no district limit). Locks are checked for everyone.
        self.writer = writer
        # The plan itself, when known (tracker.service.of_plan): its reporting periods let
        # every write keep the rule of nil reports (_refuse_contradicting_nil).
        self.plan = plan if plan is not None and plan.id == plan_id else None

    def for_plan(self, plan_id: str) -> Ledger:
        return self if plan_id == self.plan_id else Ledger(self.database, plan_id, self.writer)

    def with_plan(self, plan: Plan) -> Ledger:
        """The ledger of ``plan``, knowing its reporting periods."""
        if plan.id == self.plan_id and self.plan is plan:
            return self
        return Ledger(self.database, plan.id, self.writer, plan)

    def written_by(self, username: str | None) -> Ledger:
        """The same ledger, its writes checked against ``username``'s districts."""
        return self if username == self.writer else Ledger(self.database, self.plan_id, username, self.plan)

    def _guard(self, connection: Connection) -> WriteGuard:
        """The scope and lock check of one write transaction (tracker.storage.periods)."""
        return WriteGuard(connection, self.plan_id, self.writer)

    @contextmanager
    def _writing(self) -> Iterator[tuple[Connection, WriteGuard]]:
        """Every write of an entry: one transaction, its scope and lock check, and the days
        it touched counted again in report_days before it commits (never after a refusal)."""
        with self.database.writing() as connection:
            guard = self._guard(connection)
            yield connection, guard
            touched = guard.days.touched()
            guard.days.settle(connection)
            if self.plan is not None:
                self._refuse_contradicting_nil(connection, self.plan, touched)

    def _refuse_contradicting_nil(self, connection: Connection, plan: Plan, touched: dict[Any, int]) -> None:
        """After any write (an edit moving a nil report, a revert bringing one back, a figure
        recorded or imported beside one): refuse it whole (NilReportError) if a place's
        target now holds, in one reporting period, two nil reports, or a nil report beside
        figures. Read from report_months, just brought up to date in this transaction."""
        groups: dict[tuple[str, str, str], list[Any]] = {}
        by_month: dict[tuple[int, int], Any] = {}  # an import touches thousands of days of a few months
        for (target_id, place, day), reports_added in touched.items():
            period = by_month.get((day.year, day.month))
            if period is None:
                period = by_month[(day.year, day.month)] = plan.reporting_period_at(day)
            group = groups.setdefault((target_id, place, period.name), [period, 0])
            group[1] += reports_added
        if not groups:
            return
        months = report_months.c  # a reporting period is whole months
        periods = {name: slot[0] for (_, _, name), slot in groups.items()}
        bucket = case(*[(months.month.between(p.start, p.end), name) for name, p in periods.items()])
        query = (
            select(months.target_id, months.place, bucket, func.sum(months.entries), func.sum(months.nil))
            .where(
                months.plan_id == self.plan_id,
                tuple_(months.target_id, months.place).in_(sorted({(t, p) for t, p, _ in groups})),
                months.month.between(min(p.start for p in periods.values()), max(p.end for p in periods.values())),
            )
            .group_by(months.target_id, months.place, bucket)
        )
        items = plan.recordable_by_id()
        for target_id, place, name, count, nil in connection.execute(query):
            group = groups.get((target_id, place, name))
            if group is None or not nil:
                continue
            item = items.get(target_id)
            said = {"district": place or None, "period": name, "target": target_id, "target_en": target_id}
            if item is not None:
                said.update(target=item.short.vi, target_en=item.short.en)
            if int(nil) > 1:
                raise NilReportError("nil_twice", **said)
            if int(count) > int(nil):
                code = "entries_after_nil" if group[1] else "nil_with_entries"
                raise NilReportError(code, count=int(count) - int(nil), **said)

    @property
    def _days(self) -> Any:
        """This plan's rows of report_days."""
        return report_days.c.plan_id == self.plan_id

    @property
    def _target_days(self) -> Any:
        """This plan's rows of target_days."""
        return target_days.c.plan_id == self.plan_id

    @property
    def _live(self) -> Any:
        """This plan's entries that are not deleted."""
        return and_(entries.c.plan_id == self.plan_id, entries.c.deleted.is_(False))

    def dispose(self) -> None:
        self.database.dispose()

    def revision(self) -> int:
        return self.database.revision()

    # --- writing ---------------------------------------------------------------------

    def record(self, entry: ValidEntry, *, allow_repeat: bool = True) -> int:
        """Add a checked entry and its 'create' change in one transaction; return its id.

        With ``allow_repeat=False`` an entry that repeats a live one (tracker.domain.repeats)
        is refused with RepeatedEntryError, nothing written: the check and the insert are one
        transaction, behind the write lock, so two people pressing Save on the same figure
        at once cannot both pass it. What a person records asks for it (the service's
        record_entry and the command line refuse by default); a script, a seed or a test
        that records what it is given does not."""
        if allow_repeat:
            return self.apply(adds=[entry], by=entry.entered_by)[0]
        now = dt.datetime.now(dt.UTC)
        with self._writing() as (connection, guard):
            guard.check(entry.district, entry.ref_date)
            earlier = self._repeated(connection, entry)
            if earlier is not None:
                raise RepeatedEntryError("same_entry", entry, earlier)
            return self._insert(connection, entry, now, guard)

    def _repeated(self, connection: Connection, entry: ValidEntry) -> EntryRow | None:
        """The latest live entry that ``entry`` repeats, if any. The query narrows to the
        target, day and quantity (the index's columns); the domain's rule decides."""
        query = (
            select(entries)
            .where(
                self._live,
                entries.c.target_id == entry.target_id,
                entries.c.ref_date == entry.ref_date,
                entries.c.quantity_milli == _to_milli(entry.quantity),
            )
            .order_by(entries.c.id.desc())
        )
        return next((row for row in map(_row, connection.execute(query).mappings()) if repeats(entry, row)), None)

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
            with self._writing() as (connection, guard):
                for edit in edits:
                    before = self._claim(connection, edit.entry_id, edit.version, conflicts)
                    if before is not None:
                        self._set_state(connection, before, _snapshot(edit.entry), Action.update, by, now, guard)
                for removal in removals:
                    before = self._claim(connection, removal.entry_id, removal.version, conflicts)
                    if before is not None:
                        self._set_state(connection, before, None, Action.delete, by, now, guard)
                if conflicts:
                    raise _StaleError(conflicts[0].entry_id, conflicts[0].seen_version)
                for entry in adds:
                    new_ids.append(self._insert(connection, entry, now, guard))
        except _StaleError as stale:
            raise self._conflict(stale, conflicts) from None
        return new_ids

    def _conflict(self, stale: _StaleError, conflicts: list[Conflict]) -> ConflictError:
        """Every entry that moved on, as it is now (read after the abandoned transaction)."""
        if not any(c.entry_id == stale.entry_id for c in conflicts):
            conflicts.append(Conflict(stale.entry_id, stale.seen_version, None))
        return ConflictError([Conflict(c.entry_id, c.seen_version, self.entry(c.entry_id)) for c in conflicts])

    def revert(self, change_id: int, by: str) -> int:
        """Put the entry back as it was before ``change_id``, as a new change; return its id.

        Only an entry's latest change can be reverted: reverting an older one would
        silently undo the changes after it too.
        """
        now = dt.datetime.now(dt.UTC)
        with self._writing() as (connection, guard):
            change = connection.execute(
                select(entry_changes).where(entry_changes.c.id == change_id, entry_changes.c.plan_id == self.plan_id)
            ).first()
            if change is None:
                raise RevertError("unknown_change", change_id)
            undone = select(entry_changes.c.id).where(
                entry_changes.c.entry_id == change.entry_id, entry_changes.c.reverts_change_id == change_id
            )
            if connection.execute(undone).first() is not None:  # a second press: said as such, nothing written
                raise RevertError("already_reverted", change_id)
            current = connection.execute(select(entries).where(entries.c.id == change.entry_id)).first()
            if current is None or int(current.version) != int(change.version):
                raise RevertError("changed_since", change_id)
            try:
                return self._set_state(
                    connection, current._mapping, change.before, Action.revert, by, now, guard, reverts=change_id,
                )  # fmt: skip
            except _StaleError:
                raise RevertError("changed_since", change_id) from None

    def _claim(
        self, connection: Connection, entry_id: int, version: int, conflicts: list[Conflict]
    ) -> Mapping[str, Any] | None:
        """The entry's row if it is still at ``version``, else note a conflict."""
        row = connection.execute(
            select(entries).where(entries.c.id == entry_id, entries.c.plan_id == self.plan_id)
        ).first()
        if row is None or row.deleted or int(row.version) != version:
            conflicts.append(Conflict(entry_id, version, None))
            return None
        return row._mapping

    def _insert(self, connection: Connection, entry: ValidEntry, now: dt.datetime, guard: WriteGuard) -> int:
        guard.check(entry.district, entry.ref_date)
        guard.days.add(
            entry.target_id, entry.district, entry.ref_date, entry.kind == EntryKind.nil, now, _to_milli(entry.quantity)
        )
        state = _snapshot(entry)
        values = {
            **_columns(state),
            "plan_id": self.plan_id,
            "entered_by": entry.entered_by,
            "entered_at": now,
            "version": 1,
            "deleted": False,
        }
        entry_id = int(connection.execute(entries.insert().values(**values)).inserted_primary_key[0])
        connection.execute(
            entry_changes.insert().values(
                entry_id=entry_id,
                plan_id=self.plan_id,
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
        guard: WriteGuard,
        reverts: int | None = None,
        batch_id: int | None = None,
    ) -> int:
        """Move an entry to ``state`` (None: deleted) as the next version; record the change.

        The UPDATE names the version it read, so a concurrent writer that got there
        first makes it match nothing, and the transaction is abandoned. Both the district
        and period the entry leaves and those it enters must be the writer's and open.
        """
        before = None if row["deleted"] else _state_of(row)
        guard.check_state(before)
        guard.check_state(state)
        guard.days.change(before)
        guard.days.change(state)
        version = int(row["version"]) + 1
        values: dict[str, Any] = {"version": version, "deleted": state is None}
        if state is not None:
            values.update(_columns(state))
        updated = connection.execute(
            entries.update()
            .where(entries.c.id == row["id"], entries.c.plan_id == self.plan_id, entries.c.version == row["version"])
            .values(**values)
        )
        if updated.rowcount != 1:
            raise _StaleError(int(row["id"]), int(row["version"]))
        result = connection.execute(
            entry_changes.insert().values(
                entry_id=row["id"],
                plan_id=row["plan_id"],
                target_id=row["target_id"],
                version=version,
                action=action.value,
                reverts_change_id=reverts,
                batch_id=batch_id,
                changed_by=by,
                changed_at=now,
                before=before,
                after=state,
            )
        )
        return int(result.inserted_primary_key[0])

    def record_nil(self, entry: ValidEntry, period: ReportingPeriod) -> int:
        """Record "nothing this period" for the entry's target and district in ``period``
        (a nil entry, quantity 0, audited and reverted like any). Refused with
        NilReportError, nothing written, when the place already sent entries or a nil
        report for that period: checked in the insert's transaction. The entry's day must
        lie in ``period`` (ValueError): the check reads that period, the lock its day."""
        if not period.contains(entry.ref_date):
            raise ValueError(f"a nil report for {period.name} dated {entry.ref_date}, outside the period")
        now = dt.datetime.now(dt.UTC)
        nil = replace(entry, quantity=Decimal(0), kind=EntryKind.nil)
        place = entries.c.district.is_(None) if nil.district is None else entries.c.district == nil.district
        start, end = period.start, period.end
        with self._writing() as (connection, guard):
            guard.check(nil.district, nil.ref_date)
            query = (
                select(entries.c.kind, func.count())
                .where(self._live, entries.c.target_id == nil.target_id, place, entries.c.ref_date.between(start, end))
                .group_by(entries.c.kind)
            )
            sent = {kind: int(count) for kind, count in connection.execute(query)}
            if sent.get(EntryKind.nil.value):
                raise NilReportError("nil_twice", district=nil.district, target=nil.target_id, period=period.name)
            others = sum(sent.values())
            if others:
                raise NilReportError("nil_with_entries", district=nil.district, target=nil.target_id, count=others,
                                     period=period.name)  # fmt: skip
            return self._insert(connection, nil, now, guard)

    def receipts(
        self, periods: Sequence[tuple[str, dt.date, dt.date]], target_ids: Iterable[str] | None = None
    ) -> list[Receipt]:
        """For each target, place and named period (name, first day, last day): how many
        live entries, how many of them nil reports, and when the first and last were
        entered. One GROUP BY over the months kept in report_months (a row per target,
        place and month reported) when every period is whole months, as a plan's are, else
        over the days kept in report_days; never over the entries themselves."""
        if not periods:
            return []
        whole_months = all(first.day == 1 and (last + dt.timedelta(days=1)).day == 1 for _, first, last in periods)
        kept = report_months.c if whole_months else report_days.c
        day = kept.month if whole_months else kept.ref_date
        bucket = case(*[(day.between(first, last), name) for name, first, last in periods]).label("period")
        query = (
            select(
                kept.target_id,
                kept.place,
                bucket,
                func.sum(kept.entries),
                func.sum(kept.nil),
                func.min(kept.first_at),
                func.max(kept.last_at),
            )
            .where(
                kept.plan_id == self.plan_id,
                day.between(min(p[1] for p in periods), max(p[2] for p in periods)),
            )
            .group_by(kept.target_id, kept.place, bucket)
        )
        if target_ids is not None:
            query = query.where(kept.target_id.in_(list(target_ids)))
        with self.database.reading() as connection:
            return [
                Receipt(target_id, place or None, period, int(count), int(nil or 0), as_utc(first), as_utc(last))
                for target_id, place, period, count, nil, first, last in connection.execute(query)
                if period is not None
            ]

    def changes_since(self, moment: dt.datetime) -> list[ChangeRow]:
        """Every change to this plan's entries made after ``moment``, oldest first."""
        query = (
            select(entry_changes)
            .where(entry_changes.c.plan_id == self.plan_id, entry_changes.c.changed_at > moment)
            .order_by(entry_changes.c.id)
        )
        with self.database.reading() as connection:
            return [_change(row._mapping) for row in connection.execute(query)]

    def set_total(self, entry: ValidEntry) -> int | None:
        """Record what makes the target's total at ``entry.ref_date`` equal ``entry.quantity``.

        The difference from the ledger's total at that date is written as one
        adjustment entry, in the same transaction that reads the total, so a
        concurrent save cannot slip in between. Returns None when nothing differs.
        """
        now = dt.datetime.now(dt.UTC)
        try:
            with self._writing() as (connection, guard):
                days = target_days.c  # up to date: every write settles it before it commits
                high, low = connection.execute(
                    select(func.sum(days.total_high), func.sum(days.total_low)).where(
                        self._target_days, days.target_id == entry.target_id, days.ref_date <= entry.ref_date
                    )
                ).one()
                difference = _to_milli(entry.quantity) - joined(high, low)
                if difference == 0:
                    raise NothingToWriteError  # roll back: not even the revision moves
                if abs(difference) > MAX_STORED_MILLI:
                    raise AdjustmentTooLargeError(Decimal(difference) / SCALE)
                adjustment = replace(entry, quantity=Decimal(difference) / SCALE, kind=EntryKind.adjustment)
                return self._insert(connection, adjustment, now, guard)
        except NothingToWriteError:
            return None

    # --- imports ---------------------------------------------------------------------

    def import_batch(self, *, adds: Sequence[ValidEntry], edits: Sequence[Edit], batch: NewBatch, by: str) -> int:
        """Write an import as one batch in one transaction and return the batch's id.

        Every edit names the version the preview saw (ConflictError if one moved on), and
        every add must still be new: if a live entry with its target, district, village
        and day has appeared since the preview, TakenError. Either way nothing is written.
        """
        now = dt.datetime.now(dt.UTC)
        conflicts: list[Conflict] = []
        try:
            with self._writing() as (connection, guard):
                for district, day in dict.fromkeys((entry.district, entry.ref_date) for entry in adds):
                    guard.check(district, day)  # a place and a day pass or fail alike, whatever the row
                for entry in adds:
                    guard.days.add(entry.target_id, entry.district, entry.ref_date, entry.kind == EntryKind.nil, now,
                                   _to_milli(entry.quantity))  # fmt: skip
                claimed = self._claim_all(connection, edits, conflicts)
                if conflicts:
                    raise _StaleError(conflicts[0].entry_id, conflicts[0].seen_version)
                taken = self._taken(connection, adds)
                if taken:
                    raise TakenError(taken)
                batch_id = int(
                    connection.execute(
                        import_batches.insert().values(
                            plan_id=self.plan_id,
                            file_name=batch.file_name,
                            sha256=batch.sha256,
                            imported_by=by,
                            imported_at=now,
                            rows=batch.rows,
                            new=batch.new,
                            changed=batch.changed,
                            unchanged=batch.unchanged,
                        )
                    ).inserted_primary_key[0]
                )
                for edit, row in zip(edits, claimed, strict=True):
                    self._set_state(
                        connection, row, _snapshot(edit.entry), Action.update, by, now, guard, batch_id=batch_id
                    )
                self._insert_many(connection, adds, by, now, batch_id)
        except _StaleError as stale:
            raise self._conflict(stale, conflicts) from None
        return batch_id

    def _claim_all(self, connection: Connection, edits: Sequence[Edit], conflicts: list[Conflict]) -> list[Any]:
        """The rows of the entries the edits name, read in chunks; a conflict for each that
        is gone, deleted or at another version than the one seen."""
        rows: dict[int, Any] = {}
        ids = [edit.entry_id for edit in edits]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            query = select(entries).where(entries.c.id.in_(chunk), entries.c.plan_id == self.plan_id)
            rows.update((int(row.id), row._mapping) for row in connection.execute(query))
        claimed = []
        for edit in edits:
            row = rows.get(edit.entry_id)
            if row is None or row["deleted"] or int(row["version"]) != edit.version:
                conflicts.append(Conflict(edit.entry_id, edit.version, None))
            claimed.append(row)
        return claimed

    def _taken(self, connection: Connection, adds: Sequence[ValidEntry]) -> list[int]:
        """The positions of the adds whose target, district, village and day already have a
        live report; for a nil report, also a nil report there (every nil is dated on its
        period's last day): one recorded since the preview found none, saved too, would
        say "nothing" twice."""
        if not adds:
            return []
        report, nil = EntryKind.report.value, EntryKind.nil.value
        villages: dict[str | None, str | None] = {}  # an import names the same villages row after row

        def village_of(name: str | None) -> str | None:
            if name not in villages:
                villages[name] = village_key(name)
            return villages[name]

        with_nil = any(entry.kind == EntryKind.nil for entry in adds)
        kinds = entries.c.kind.in_([nil, report] if with_nil else [report])
        columns = (entries.c.kind, entries.c.target_id, entries.c.district, entries.c.village, entries.c.ref_date)
        places = {(entry.target_id, entry.district, entry.ref_date) for entry in adds}
        # what is recorded where the adds go, read first: an import into an empty stretch of
        # the ledger then looks at none of its rows again
        recorded = {
            (row.kind, row.target_id, row.district, village_of(row.village), row.ref_date)
            for row in self._reported_at(connection, columns, places, kinds)
        }
        if not recorded:
            return []
        taken: list[int] = []
        for position, entry in enumerate(adds):
            place = (entry.target_id, entry.district, village_of(entry.village), entry.ref_date)
            if (report, *place) in recorded or (entry.kind == EntryKind.nil and (nil, *place) in recorded):
                taken.append(position)
        return taken

    def _insert_many(
        self, connection: Connection, adds: Sequence[ValidEntry], by: str, now: dt.datetime, batch_id: int
    ) -> None:
        """New entries and their 'create' changes. PostgreSQL takes them by COPY, its way
        of loading many rows. SQLite takes them in one executemany per table, each value
        bound as SQLAlchemy binds it (the columns' own processors) but without its work
        per row, which cost more than the inserts; the new ids are read back: inside this
        write transaction nobody else inserts, and SQLite numbers new rows upwards in the
        order they come, so the ids above the highest before are the rows', in order."""
        if not adds:
            return
        if connection.dialect.name == "postgresql":
            self._copy_many(connection, adds, by, now, batch_id)
            return
        dialect = connection.dialect

        def bound(table: Table) -> dict[str, Any]:
            """Each column's processor: the value as SQLAlchemy would hand it to the driver."""
            processors = {}
            for column in table.c:
                process = column.type.dialect_impl(dialect).bind_processor(dialect)
                processors[column.name] = process if process is not None else (lambda value: value)
            return processors

        def insert(table: Table, names: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
            marks = ", ".join("?" for _ in names)
            connection.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", rows)

        e = bound(entries)
        plan_id, author, at = e["plan_id"](self.plan_id), e["entered_by"](by), e["entered_at"](now)
        first, live = e["version"](1), e["deleted"](False)

        def entry_row(entry: ValidEntry) -> tuple[Any, ...]:
            return (
                e["target_id"](entry.target_id),
                e["ref_date"](entry.ref_date),
                e["quantity_milli"](_to_milli(entry.quantity)),
                e["district"](entry.district),
                e["village"](entry.village),
                e["note"](entry.note),
                e["kind"](entry.kind.value),
                plan_id,
                author,
                at,
                first,
                live,
            )

        before = int(connection.execute(select(func.coalesce(func.max(entries.c.id), 0))).scalar_one())
        entry_names = ("target_id", "ref_date", "quantity_milli", "district", "village", "note", "kind")
        entry_names += ("plan_id", "entered_by", "entered_at", "version", "deleted")
        insert(entries, entry_names, [entry_row(entry) for entry in adds])
        query = select(entries.c.id).where(entries.c.id > before).order_by(entries.c.id)
        ids = [int(entry_id) for entry_id in connection.execute(query).scalars()]
        if len(ids) != len(adds):  # never seen; the transaction is rolled back rather than misnumbered
            raise RuntimeError(f"{len(adds)} entries inserted, {len(ids)} found")
        c = bound(entry_changes)
        change_names = ("entry_id", "target_id", "after", "plan_id", "version", "action", "reverts_change_id")
        change_names += ("batch_id", "changed_by", "changed_at", "before")
        same = (c["plan_id"](self.plan_id), c["version"](1), c["action"](Action.create.value))
        same += (c["reverts_change_id"](None), c["batch_id"](batch_id), c["changed_by"](by), c["changed_at"](now))
        same += (c["before"](None),)
        changes = [
            (c["entry_id"](entry_id), c["target_id"](entry.target_id), c["after"](_snapshot(entry)), *same)
            for entry_id, entry in zip(ids, adds, strict=True)
        ]
        insert(entry_changes, change_names, changes)

    def _copy_many(
        self, connection: Connection, adds: Sequence[ValidEntry], by: str, now: dt.datetime, batch_id: int
    ) -> None:
        """The same rows through COPY, in the transaction of the import: the ids are taken
        from the entries' own sequence first, so that each change names its entry. COPY is
        the driver's own: what it raises (a lock waited on too long, a full disk) is raised
        as SQLAlchemy's error, as every other statement's, for the page and the command to say."""
        if not adds:
            return
        import psycopg

        try:
            self._copy_rows(connection, adds, by, now, batch_id)
        except psycopg.Error as error:
            raise DBAPIError.instance("COPY", None, error, psycopg.Error) from error

    def _copy_rows(
        self, connection: Connection, adds: Sequence[ValidEntry], by: str, now: dt.datetime, batch_id: int
    ) -> None:
        ids = list(
            connection.execute(
                text("SELECT nextval(pg_get_serial_sequence('entries', 'id')) FROM generate_series(1, :count)"),
                {"count": len(adds)},
            ).scalars()
        )
        states = [_snapshot(entry) for entry in adds]
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        entry_columns = (
            "id, plan_id, target_id, ref_date, quantity_milli, district, village, note, kind, "
            "entered_by, entered_at, version, deleted"
        )
        with cursor.copy(f"COPY entries ({entry_columns}) FROM STDIN") as copy:
            for entry_id, entry in zip(ids, adds, strict=True):  # the entry's own values, as _columns reads them back
                copy.write_row(
                    (
                        entry_id, self.plan_id, entry.target_id, entry.ref_date, _to_milli(entry.quantity),
                        entry.district, entry.village, entry.note, entry.kind.value, by, now, 1, False,
                    )
                )  # fmt: skip
        change_columns = "entry_id, plan_id, target_id, version, action, batch_id, changed_by, changed_at, after"
        with cursor.copy(f"COPY entry_changes ({change_columns}) FROM STDIN") as copy:
            for entry_id, state in zip(ids, states, strict=True):
                copy.write_row(
                    (entry_id, self.plan_id, state["target_id"], 1, Action.create.value, batch_id, by, now,
                     json.dumps(state, ensure_ascii=False))
                )  # fmt: skip

    def revert_batch(self, batch_id: int, by: str) -> int:
        """Undo a whole import as one change set: each entry it created is deleted, each it
        changed is put back as it was. Refused (BatchRevertError, nothing written) when the
        batch is unknown or already undone, or when a later change touched any of its
        entries. Returns how many entries were put back."""
        now = dt.datetime.now(dt.UTC)
        with self._writing() as (connection, guard):
            batch = connection.execute(
                select(import_batches).where(import_batches.c.id == batch_id, import_batches.c.plan_id == self.plan_id)
            ).first()
            if batch is None:
                raise BatchRevertError("unknown", id=batch_id)
            if batch.reverted_at is not None:
                raise BatchRevertError("already", id=batch_id, by=batch.reverted_by)
            changes = list(
                connection.execute(
                    select(entry_changes).where(entry_changes.c.batch_id == batch_id).order_by(entry_changes.c.id)
                )
            )
            current: dict[int, Any] = {}
            ids = [int(change.entry_id) for change in changes]
            for start in range(0, len(ids), 500):
                query = select(entries).where(entries.c.id.in_(ids[start : start + 500]))
                current.update((int(row.id), row._mapping) for row in connection.execute(query))
            # An entry is as the batch left it when its content is what the batch wrote, even
            # if later changes were made and undone since (each undo is a version of its own).
            moved = [
                change.entry_id
                for change in changes
                if not _same_state(_state_or_none(current[int(change.entry_id)]), change.after)
            ]
            if moved:
                raise BatchRevertError("changed_since", id=batch_id, count=len(moved), entries=_listed(moved))
            for change in changes:
                self._set_state(
                    connection, current[int(change.entry_id)], change.before, Action.revert, by, now, guard,
                    reverts=change.id,
                )  # fmt: skip
            connection.execute(
                import_batches.update().where(import_batches.c.id == batch_id).values(reverted_by=by, reverted_at=now)
            )
            return len(changes)

    def batches(self, limit: int | None = 100) -> list[BatchRow]:
        """This plan's imports, the newest first."""
        query = (
            select(import_batches)
            .where(import_batches.c.plan_id == self.plan_id)
            .order_by(import_batches.c.id.desc())
            .limit(limit)
        )
        with self.database.reading() as connection:
            return [_batch(row._mapping) for row in connection.execute(query)]

    def batch(self, batch_id: int) -> BatchRow | None:
        query = select(import_batches).where(import_batches.c.id == batch_id, import_batches.c.plan_id == self.plan_id)
        with self.database.reading() as connection:
            row = connection.execute(query).first()
        return None if row is None else _batch(row._mapping)

    def batch_changes(self, batch_id: int, limit: int | None = None) -> list[ChangeRow]:
        """The changes an import made, in the order it made them."""
        query = (
            select(entry_changes)
            .where(entry_changes.c.batch_id == batch_id, entry_changes.c.plan_id == self.plan_id)
            .order_by(entry_changes.c.id)
            .limit(limit)
        )
        with self.database.reading() as connection:
            return [_change(row._mapping) for row in connection.execute(query)]

    def live_matching(self, keys: Iterable[PlaceDay]) -> dict[tuple[Any, ...], list[EntryRow]]:
        """The live reports at these (target, district or None for the city, day), and
        perhaps others of their days, by target, district, village (``village_key``) and
        day: what an import's rows are compared with. An adjustment (a stated total's
        difference) is no district's report: never matched."""
        found: dict[tuple[Any, ...], list[EntryRow]] = {}
        with self.database.reading() as connection:
            for row in self._reported_at(connection, entries.c, keys, entries.c.kind == EntryKind.report.value):
                entry = _row(row._mapping)
                key = (entry.target_id, entry.district, village_key(entry.village), entry.ref_date)
                found.setdefault(key, []).append(entry)
        return found

    def reported_days(
        self, target_ids: Iterable[str], places: Iterable[str | None], start: dt.date, end: dt.date
    ) -> set[tuple[str, str | None, str | None, dt.date]]:
        """The days from ``start`` to ``end`` on which these places reported on these
        targets, by target, district, village (``village_key``) and day: what a quarter's or
        a year's row of an import must not overlap. Only these places are read, never the
        whole ledger's stretch of days."""
        wanted = set(places)
        query = (
            select(entries.c.target_id, entries.c.district, entries.c.village, entries.c.ref_date)
            .distinct()
            .where(
                self._live,
                entries.c.kind == EntryKind.report.value,
                entries.c.target_id.in_(sorted(set(target_ids))),
                entries.c.ref_date.between(start, end),
                _in_places(wanted),
            )
        )
        with self.database.reading() as connection:
            return {
                (target_id, district, village_key(village), day)
                for target_id, district, village, day in connection.execute(query)
            }

    def _reported_at(
        self, connection: Connection, columns: Sequence[Any], keys: Iterable[PlaceDay], *where: Any
    ) -> Iterator[Any]:
        """Rows of ``columns`` of this plan's live entries (``where`` too) at these
        (target, district or None, day), perhaps with others of the same stretch of days.
        Two ways to find them, the cheaper chosen by what target_days counts: the whole
        stretch from the first day to the last when it holds few entries more than there
        are keys (a large file, a ledger still small), else each place and day on its own
        (a small file in a large ledger: at a million entries the stretch is most of it)."""
        wanted = {(target_id, place, day) for target_id, place, day in keys}
        if not wanted:
            return
        targets = sorted({key[0] for key in wanted})
        first, last = min(key[2] for key in wanted), max(key[2] for key in wanted)
        days = target_days.c
        held = connection.execute(
            select(func.coalesce(func.sum(days.entries), 0)).where(
                days.plan_id == self.plan_id, days.target_id.in_(targets), days.ref_date.between(first, last)
            )
        ).scalar_one()
        if int(held) <= STRETCH_PER_KEY * len(wanted):
            stretch = and_(entries.c.target_id.in_(targets), entries.c.ref_date.between(first, last))
            yield from connection.execute(select(*columns).where(self._live, stretch, *where))
            return
        for query in self._where_reported(columns, wanted):
            yield from connection.execute(query.where(*where))

    def _where_reported(self, columns: Sequence[Any], keys: Iterable[PlaceDay]) -> Iterator[Any]:
        """``columns`` of this plan's live entries at these (target, district or None for
        the city, day) places and days, a statement per few hundred of them, each found
        along the (plan, target, day, place) index: never the whole stretch of days
        between the first and the last, nor a day's other places, which at a million
        entries are most of the ledger."""
        wanted = sorted({(target_id, place or "", day) for target_id, place, day in keys})
        districts = [key for key in wanted if key[1]]
        city = [(target_id, day) for target_id, place, day in wanted if not place]
        shape = (named_column("target_id", String), named_column("place", String), named_column("day", Date))
        for start in range(0, len(districts), KEYS_PER_STATEMENT):
            chunk = values(*shape, name="wanted").data(districts[start : start + KEYS_PER_STATEMENT]).cte("wanted")
            on = and_(
                entries.c.target_id == chunk.c.target_id,
                entries.c.district == chunk.c.place,
                entries.c.ref_date == chunk.c.day,
            )
            yield select(*columns).select_from(chunk).join(entries, on).where(self._live)
        for start in range(0, len(city), KEYS_PER_STATEMENT):
            chunk = values(*shape[::2], name="wanted").data(city[start : start + KEYS_PER_STATEMENT]).cte("wanted")
            on = and_(entries.c.target_id == chunk.c.target_id, entries.c.ref_date == chunk.c.day)
            yield select(*columns).select_from(chunk).join(entries, on).where(self._live, entries.c.district.is_(None))

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
        count by ``as_of``: read from report_days, a row per target, place and day
        reported, never from the entries themselves."""
        sum_ids, latest_ids = list(sum_ids), list(latest_ids)
        result: dict[str, Decimal] = {}
        counted = 0
        days = target_days.c  # a row per target and day: at most 366 a target
        with self.database.reading() as connection:
            if sum_ids:
                query = (
                    select(days.target_id, func.sum(days.total_high), func.sum(days.total_low), func.sum(days.entries))
                    .where(self._target_days, days.target_id.in_(sum_ids), days.ref_date <= as_of)
                    .group_by(days.target_id)
                )
                for target_id, high, low, count in connection.execute(query):
                    result[target_id] = _from_milli(joined(high, low))
                    counted += int(count)
            if latest_ids:
                for target_id, level in self._levels(connection, latest_ids, as_of).items():
                    result[target_id] = level
                counted += int(
                    connection.execute(
                        select(func.coalesce(func.sum(days.entries), 0)).where(
                            self._target_days, days.target_id.in_(latest_ids), days.ref_date <= as_of
                        )
                    ).scalar_one()
                )
        return result, counted

    def has_entries(self) -> bool:
        """Whether anything at all has been recorded (one index probe, not a count)."""
        with self.database.reading() as connection:
            query = select(target_days.c.plan_id).where(self._target_days).limit(1)
            return connection.execute(query).first() is not None

    def _levels(self, connection: Connection, target_ids: list[str], as_of: dt.date) -> dict[str, Decimal]:
        """Level figures: the latest report of each place (its latest day's level in
        report_days, the day's last entry that is not a nil report), read in the order of
        the index ix_report_days_levels.

        A city-wide level already counts every district, so it is used alone when it
        is the most recent report; otherwise the districts' latest levels are added up.
        """
        days = report_days.c
        where = (self._days, days.level_milli.is_not(None), days.target_id.in_(target_ids), days.ref_date <= as_of)
        if connection.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import distinct_on

            latest = (
                select(days.target_id, days.place, days.ref_date, days.level_milli)
                .where(*where)
                .ext(distinct_on(days.target_id, days.place))
                .order_by(days.target_id.desc(), days.place.desc(), days.ref_date.desc())  # the index backwards
            )
        else:  # SQLite gives the row of the one max() aggregate: one step per index entry, no sort
            latest = (
                select(days.target_id, days.place, func.max(days.ref_date).label("ref_date"), days.level_milli)
                .where(*where)
                .group_by(days.target_id, days.place)
            )
        by_target: dict[str, dict[str | None, tuple[dt.date, int]]] = {}
        for row in connection.execute(latest):  # at most 31 rows per target: one per place
            by_target.setdefault(row.target_id, {})[row.place or None] = (row.ref_date, int(row.level_milli))
        return {target_id: _from_milli(_combined_level(places)) for target_id, places in by_target.items()}

    def entries_of(self, target_id: str, limit: int | None = 500) -> list[EntryRow]:
        """A target's live entries, the most recent date first."""
        query = (
            select(entries)
            .where(self._live, entries.c.target_id == target_id)
            .order_by(entries.c.ref_date.desc(), entries.c.id.desc())
            .limit(limit)
        )
        with self.database.reading() as connection:
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
        query = select(entries).where(self._live)
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
        with self.database.reading() as connection:
            for row in connection.execution_options(yield_per=2000).execute(query):
                yield _row(row._mapping)

    def entry_dates(self, target_id: str) -> list[dt.date]:
        """The distinct dates a target has entries on (at most one per day of the period)."""
        days = target_days.c
        query = select(days.ref_date).where(self._target_days, days.target_id == target_id).order_by(days.ref_date)
        with self.database.reading() as connection:
            return list(connection.execute(query).scalars())

    def daily_totals(self, target_id: str, as_of: dt.date) -> list[tuple[dt.date, Decimal]]:
        """A summed target's total per day up to ``as_of``, oldest first: at most one row
        per day of the period, read from target_days (the places already added up)."""
        days = target_days.c
        query = (
            select(days.ref_date, days.total_high, days.total_low)
            .where(self._target_days, days.target_id == target_id, days.ref_date <= as_of)
            .order_by(days.ref_date)
        )
        with self.database.reading() as connection:
            rows = list(connection.execute(query))
        return [(day, _from_milli(joined(high, low))) for day, high, low in rows]

    def daily_levels(self, target_id: str, as_of: dt.date) -> list[tuple[dt.date, Decimal]]:
        """A level figure as it stood at the end of each day something was reported, up
        to ``as_of``, by the same rule as ``_levels`` (the latest report of each place;
        a city-wide report alone when it is the most recent)."""
        days = report_days.c
        query = (
            select(days.place, days.ref_date, days.level_milli)
            .where(self._days, days.level_milli.is_not(None), days.target_id == target_id, days.ref_date <= as_of)
            .order_by(days.ref_date)
        )
        with self.database.reading() as connection:  # at most 31 places per day
            reports = [(place or None, day, int(level)) for place, day, level in connection.execute(query)]
        latest: dict[str | None, tuple[dt.date, int]] = {}
        series: list[tuple[dt.date, Decimal]] = []
        for index, (place, day, level) in enumerate(reports):
            latest[place] = (day, level)
            if index + 1 < len(reports) and reports[index + 1][1] == day:
                continue  # the day is not complete yet
            series.append((day, _from_milli(_combined_level(latest))))
        return series

    def totals_by_district(self, target_id: str, as_of: dt.date) -> dict[str | None, Decimal]:
        """A summed target's achieved figure per district (None: city-wide), up to ``as_of``."""
        # the whole months before as_of's from report_months (a row per place and month),
        # the days of as_of's month from report_days
        days, months, month = report_days.c, report_months.c, as_of.replace(day=1)
        query = union_all(
            select(months.place, months.total_high, months.total_low).where(
                months.plan_id == self.plan_id, months.target_id == target_id, months.month < month
            ),
            select(days.place, days.total_high, days.total_low).where(
                self._days, days.target_id == target_id, days.ref_date.between(month, as_of)
            ),
        )
        found: dict[str, int] = {}
        with self.database.reading() as connection:
            for place, high, low in connection.execute(query):
                found[place] = found.get(place, 0) + joined(high, low)
        return {place or None: _from_milli(found[place]) for place in sorted(found)}

    def count_entries(self, target_id: str | None = None) -> int:
        """How many live entries (of one target): summed over target_days' rows."""
        days = target_days.c
        query = select(func.coalesce(func.sum(days.entries), 0)).where(self._target_days)
        if target_id is not None:
            query = query.where(days.target_id == target_id)
        with self.database.reading() as connection:
            return int(connection.execute(query).scalar_one())

    def entry(self, entry_id: int) -> EntryRow | None:
        """One entry as it is now, deleted or not; None if it never existed."""
        with self.database.reading() as connection:
            row = connection.execute(
                select(entries).where(entries.c.id == entry_id, entries.c.plan_id == self.plan_id)
            ).first()
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
        query = select(entry_changes).where(entry_changes.c.plan_id == self.plan_id)
        if target_id is not None:
            query = query.where(entry_changes.c.target_id == target_id)
        if entry_id is not None:
            query = query.where(entry_changes.c.entry_id == entry_id)
        if person:
            query = query.where(entry_changes.c.changed_by == person)
        if since is not None:
            query = query.where(entry_changes.c.changed_at >= day_start(since))
        if until is not None:
            query = query.where(entry_changes.c.changed_at < day_start(until + dt.timedelta(days=1)))
        query = query.order_by(entry_changes.c.id.desc() if newest_first else entry_changes.c.id).limit(limit)
        with self.database.reading() as connection:
            return [_change(r._mapping) for r in connection.execute(query)]

    def plans_in_use(self) -> set[str]:
        """Every plan id the database holds entries of, whichever plan this ledger reads."""
        with self.database.reading() as connection:
            return {str(plan_id) for plan_id in connection.execute(_PLANS_IN_USE).scalars()}

    def people(self) -> list[str]:
        """Everyone who has changed anything, for the history filter."""
        query = (
            select(entry_changes.c.changed_by)
            .where(entry_changes.c.plan_id == self.plan_id)
            .distinct()
            .order_by(entry_changes.c.changed_by)
        )
        with self.database.reading() as connection:
            return [str(name) for name in connection.execute(query).scalars()]


class _StaleError(StaleError):
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
        batch_id=mapping.get("batch_id"),
    )


def _state_or_none(row: Mapping[str, Any]) -> dict[str, Any] | None:
    return None if row["deleted"] else _state_of(row)


def _same_state(now: Mapping[str, Any] | None, then: Mapping[str, Any] | None) -> bool:
    """Two snapshots of an entry say the same: 40 and 40.0 are one quantity."""
    if now is None or then is None:
        return now is then
    if Decimal(str(now["quantity"])) != Decimal(str(then["quantity"])):
        return False
    same = all(now.get(key) == then.get(key) for key in ("target_id", "ref_date", "district", "village", "note"))
    return same and now.get("kind", "report") == then.get("kind", "report")


def _listed(entry_ids: Sequence[int]) -> str:
    """A few entry numbers for a message: #3, #7, #9 and 12 more."""
    shown = ", ".join(f"#{entry_id}" for entry_id in entry_ids[:5])
    return shown if len(entry_ids) <= 5 else f"{shown} (+{len(entry_ids) - 5})"


def _batch(mapping: Any) -> BatchRow:
    return BatchRow(
        id=int(mapping["id"]),
        file_name=mapping["file_name"],
        sha256=mapping["sha256"],
        imported_by=mapping["imported_by"],
        imported_at=as_utc(mapping["imported_at"]),
        rows=int(mapping["rows"]),
        new=int(mapping["new"]),
        changed=int(mapping["changed"]),
        unchanged=int(mapping["unchanged"]),
        reverted_by=mapping["reverted_by"],
        reverted_at=None if mapping["reverted_at"] is None else as_utc(mapping["reverted_at"]),
    )
