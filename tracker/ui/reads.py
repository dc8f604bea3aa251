"""The one way a page reads what the database holds: computed once per set of inputs and
kept until the next write, because the cache is keyed on the database's revision (which
every write moves, in whichever process), the plan's content and the arguments. A
database that fails shows the one database page.

What is kept is shared by every session of the process, not copied for each: a rerun
that finds its figures must not pay for unpickling them. So what a read returns is read,
never changed in place. The same holds for what ``drawn`` keeps: the figures and tables
built from what was read, kept by the very values they were built from.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from streamlit.runtime.scriptrunner import ScriptRunContext, get_script_run_ctx

from tracker.domain.breakdown import DistrictBreakdown
from tracker.domain.clock import hanoi_today
from tracker.domain.pace import PaceSeries
from tracker.domain.plan import ContextFigure, Plan, PlanSet, Target
from tracker.i18n import Lang
from tracker.present.report import report_bytes
from tracker.service import Overview, build_overview, district_breakdown_of, pace_of
from tracker.service import years as years_service
from tracker.service.years import Comparison, LastYear, MonthDay, compare_years
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import BatchRow, ChangeRow, EntryRow, Ledger
from tracker.storage.tasks import TaskState, task_states
from tracker.ui.errors import DATABASE_ERRORS, database_stop

T = TypeVar("T")


class _Kept:
    """The latest ``size`` results, by their exact key, in this process. A result is
    computed once per key, even when several sessions ask for it at once (the others
    wait for it); a failure is not kept. Plain dictionaries rather than st.cache_resource:
    Streamlit hashes every argument of a cached function again at each call, and a page
    makes a dozen such calls per run."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.kept: OrderedDict[Hashable, Any] = OrderedDict()
        self.computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
                return self.kept[key]  # type: ignore[no-any-return]
            turn = self.computing.setdefault(key, threading.Lock())
        with turn:  # one computation per key; whoever waited finds it kept
            with self.lock:
                if key in self.kept:
                    return self.kept[key]  # type: ignore[no-any-return]
            try:
                value = compute()
            except BaseException:
                with self.lock:
                    self.computing.pop(key, None)
                raise
            with self.lock:
                self.kept[key] = value
                self.computing.pop(key, None)
                while len(self.kept) > self.size:
                    self.kept.popitem(last=False)
            return value


_reads = _Kept(128)


# The revision a run has read, per session (by its script context, which is not hashable):
# a page makes several reads, and each would otherwise ask the database again for a
# revision that moves only when something is written. A run that writes
# (tracker.ui.writes.attempt) forgets it, so what it reads after its own write is read
# afresh; a write by anyone else, in any process, shows on the next run.
_run_revisions: dict[int, tuple[weakref.ref[ScriptRunContext], object, str, int]] = {}
_runs_lock = threading.Lock()


def revision(store: Ledger) -> int:
    """The database's revision, asked once per run of a page (see ``_run_revisions``)."""
    context = get_script_run_ctx(suppress_warning=True)
    if context is None:
        return store.revision()
    this_run = context.cursors  # a new dict at the start of each run (ScriptRunContext.reset)
    known = _run_revisions.get(id(context))
    if known is not None and known[0]() is context and known[1] is this_run and known[2] == store.url:
        return known[3]
    current = store.revision()
    with _runs_lock:
        if len(_run_revisions) > 1000:  # sessions long closed
            for key, entry in list(_run_revisions.items()):
                if entry[0]() is None:
                    del _run_revisions[key]
        _run_revisions[id(context)] = (weakref.ref(context), this_run, store.url, current)
    return current


def forget_revision() -> None:
    """After a write in this run: the next read asks the database for the revision again."""
    context = get_script_run_ctx(suppress_warning=True)
    if context is not None:
        _run_revisions.pop(id(context), None)


def read(compute: Callable[..., T], plan: Plan, store: Ledger, *arguments: Hashable) -> T:
    """``compute(plan, store, *arguments)``, from the cache unless something was written
    since; the page stops with the database page if the database fails."""
    try:
        name = f"{compute.__module__}.{compute.__qualname__}"
        key = (name, hash(plan), store.url, revision(store), arguments)
        kept: T = _reads.get(key, lambda: compute(plan, store, *arguments))
    except DATABASE_ERRORS as error:
        database_stop(error, store)
    return kept


def any_accounts(store: Ledger) -> bool:
    """Whether the database holds any account (else the app is open at this computer),
    kept until the next write: adding or removing an account moves the revision
    (tracker.storage.accounts writes them through ``database.writing()``). Only this is
    kept: who a session's token belongs to is asked of the database on every run."""
    try:
        key = ("tracker.storage.accounts.Accounts.has_users", store.url, revision(store))
        kept: bool = _reads.get(key, lambda: Accounts(store.database).has_users())
    except DATABASE_ERRORS as error:
        database_stop(error, store)
    return kept


def overview(plan: Plan, store: Ledger, as_of: dt.date) -> Overview:
    return read(build_overview, plan, store, as_of)


def pace(plan: Plan, store: Ledger, target: Target, as_of: dt.date) -> PaceSeries:
    return read(_pace, plan, store, target.id, as_of)


def _pace(plan: Plan, store: Ledger, target_id: str, as_of: dt.date) -> PaceSeries:
    return pace_of(plan, store, plan.target(target_id), as_of)


def tasks(plan: Plan, store: Ledger) -> list[TaskState]:
    """Every task as it stands (the overview's list and the tasks page)."""
    return read(_tasks, plan, store)


def _tasks(plan: Plan, store: Ledger) -> list[TaskState]:
    return task_states(plan, store.database)


def read_plans(compute: Callable[..., T], plans: PlanSet, store: Ledger, *arguments: Hashable) -> T:
    """As ``read``, for what spans the plans of the file (every plan's content is in the key)."""
    try:
        name = f"{compute.__module__}.{compute.__qualname__}"
        key = (name, hash(tuple(plans)), store.url, revision(store), arguments)
        kept: T = _reads.get(key, lambda: compute(plans, store, *arguments))
    except DATABASE_ERRORS as error:
        database_stop(error, store)
    return kept


def years(plans: PlanSet, store: Ledger, day: MonthDay) -> tuple[MonthDay, list[Comparison]]:
    """Every chain of linked targets, year on year, kept until the next write (or the next
    day: a year still running is read at today)."""
    return read_plans(_years, plans, store, str(day), hanoi_today())


def _years(plans: PlanSet, store: Ledger, day: str, today: dt.date) -> tuple[MonthDay, list[Comparison]]:
    return compare_years(plans, store, MonthDay.parse(day), today)


def last_year(plans: PlanSet, store: Ledger, plan: Plan, target: Target, as_of: dt.date) -> LastYear | None:
    """The target this one continues, at the same day of its own year (kept until the next write)."""
    return read_plans(_last_year, plans, store, plan.id, target.id, as_of, hanoi_today())


def _last_year(
    plans: PlanSet, store: Ledger, plan_id: str, target_id: str, as_of: dt.date, today: dt.date
) -> LastYear | None:
    plan = next(item for item in plans if item.id == plan_id)
    return years_service.last_year(plans, store, plan, plan.target(target_id), as_of, today)


def breakdown(plan: Plan, store: Ledger, item: Target | ContextFigure, as_of: dt.date) -> DistrictBreakdown | None:
    """Where a summed target's work happened, district by district (kept until the next write)."""
    return read(_breakdown, plan, store, item.id, as_of)


def entries(
    plan: Plan,
    store: Ledger,
    target_id: str,
    districts: tuple[str | None, ...] | None,
    start: dt.date | None,
    end: dt.date | None,
    limit: int,
) -> tuple[EntryRow, ...]:
    """A target's live entries as filtered, newest date first (kept until the next write)."""
    return read(_entries, plan, store, target_id, districts, start, end, limit)


def _entries(
    plan: Plan,
    store: Ledger,
    target_id: str,
    districts: tuple[str | None, ...] | None,
    start: dt.date | None,
    end: dt.date | None,
    limit: int,
) -> tuple[EntryRow, ...]:
    return tuple(store.entries_where(target_id=target_id, districts=districts, start=start, end=end, limit=limit))


def _breakdown(plan: Plan, store: Ledger, item_id: str, as_of: dt.date) -> DistrictBreakdown | None:
    item = next(found for found in plan.recordable() if found.id == item_id)
    return district_breakdown_of(store, item, as_of)


def plans_in_use(plan: Plan, store: Ledger) -> set[str]:
    """The plan ids the database holds entries of (kept until the next write)."""
    return read(_plans_in_use, plan, store)


def _plans_in_use(plan: Plan, store: Ledger) -> set[str]:
    return store.plans_in_use()


def report(plan: Plan, store: Ledger, as_of: dt.date, language: Lang) -> bytes:
    """The meeting report, about 5 MB (plotly.js inlined): kept, so a second press or a
    colleague's is immediate."""
    return read(report_bytes, plan, store, as_of, language)


def imports(plan: Plan, store: Ledger, limit: int) -> list[tuple[BatchRow, list[ChangeRow]]]:
    """The plan's latest imports with their changes: read again only after a write."""
    return read(_imports, plan, store, limit)


def _imports(plan: Plan, store: Ledger, limit: int) -> list[tuple[BatchRow, list[ChangeRow]]]:
    ledger = store.for_plan(plan.id)
    return [(batch, ledger.batch_changes(batch.id, limit=500)) for batch in ledger.batches(limit=limit)]


class _Shelf:
    """What ``drawn`` keeps: the latest few hundred drawings, each with what it was drawn from."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.kept: OrderedDict[tuple[Hashable, ...], tuple[object, Any]] = OrderedDict()


_SHELF = _Shelf(256)


def drawn(build: Callable[..., T], source: object, *arguments: Hashable) -> T:
    """``build(source, *arguments)``, kept for the next run that draws the same ``source``
    with equal arguments (the language, the plan's address...).

    ``source`` is what a read above returned: kept until the next write and shared by
    every session, so the very same object means the very same figures, and a write
    (here or in another process) reads a new one, which is drawn afresh. So a rerun
    draws its figures and tables without building them, and never an old drawing: the
    drawing keeps its source alive, so no other object can take its place in the key.
    What is returned is shared by every session too: draw it, never change it."""
    key = (build.__module__, build.__qualname__, id(source), *arguments)
    shelf = _SHELF
    with shelf.lock:
        found = shelf.kept.get(key)
        if found is not None and found[0] is source:
            shelf.kept.move_to_end(key)
            return found[1]  # type: ignore[no-any-return]
    value = build(source, *arguments)  # outside the lock: another session's drawing need not wait
    with shelf.lock:
        shelf.kept[key] = (source, value)
        while len(shelf.kept) > shelf.size:
            shelf.kept.popitem(last=False)
    return value
