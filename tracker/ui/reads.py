"""The one way a page reads what the database holds: computed once per set of inputs and
kept until the next write, because the cache is keyed on the database's revision (which
every write moves), the plan's content and the arguments. A database that fails shows
the one database page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from tracker.domain.pace import PaceSeries
from tracker.domain.plan import Plan, PlanSet, Target
from tracker.i18n import Lang
from tracker.present.report import report_bytes
from tracker.service import Overview, build_overview, pace_of
from tracker.service import years as years_service
from tracker.service.years import Comparison, LastYear, MonthDay, compare_years
from tracker.storage.ledger import BatchRow, ChangeRow, Ledger
from tracker.storage.tasks import TaskState, task_states
from tracker.ui.errors import DATABASE_ERRORS, database_stop

T = TypeVar("T")


@st.cache_data(show_spinner=False, max_entries=128)
def _kept(
    name: str, plan_key: str, url: str, revision: int, arguments: tuple[Hashable, ...], _compute: Callable[..., Any],
    _plan: Plan, _store: Ledger,
) -> Any:  # fmt: skip
    """``name`` tells the reads apart in the key (the function itself is not hashed)."""
    return _compute(_plan, _store, *arguments)


def read(compute: Callable[..., T], plan: Plan, store: Ledger, *arguments: Hashable) -> T:
    """``compute(plan, store, *arguments)``, from the cache unless something was written
    since; the page stops with the database page if the database fails."""
    try:
        name = f"{compute.__module__}.{compute.__qualname__}"
        kept: T = _kept(name, str(hash(plan)), store.url, store.revision(), arguments, compute, plan, store)
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


def years(plans: PlanSet, store: Ledger, day: MonthDay) -> tuple[MonthDay, list[Comparison]]:
    """Every chain of linked targets, year on year. Read on each run (a few grouped
    queries per year), not kept: its inputs span several plans."""
    try:
        return compare_years(plans, store, day)
    except DATABASE_ERRORS as error:
        database_stop(error, store)


def last_year(plans: PlanSet, store: Ledger, plan: Plan, target: Target, as_of: dt.date) -> LastYear | None:
    """The target this one continues, at the same day of its own year."""
    try:
        return years_service.last_year(plans, store, plan, target, as_of)
    except DATABASE_ERRORS as error:
        database_stop(error, store)


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
