"""What the pages and the command line ask for, in one place: plan + ledger -> progress.

Data flows one way: the plan and the ledger feed progress, progress feeds charts and
pages. Nothing here imports streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from tracker.domain.access import AccessDeniedError, Credential, Permission, Role
from tracker.domain.breakdown import DistrictBreakdown, district_breakdown
from tracker.domain.clock import hanoi_today
from tracker.domain.entries import EntryError, EntryProblem, ValidEntry, validate_entry
from tracker.domain.pace import PaceSeries, pace_series
from tracker.domain.plan import Aggregation, ContextFigure, Plan, Target, TaskStatus
from tracker.domain.progress import Progress, Status, assess, default_as_of, severity_key
from tracker.i18n import Lang
from tracker.storage.accounts import Accounts, Identity, normalise_username
from tracker.storage.ledger import AdjustmentTooLargeError, Conflict, ConflictError, Edit, EntryRow, Ledger, Removal
from tracker.storage.tasks import TaskBoard

if TYPE_CHECKING:  # the grid's code needs pandas, which a command such as `completeness` does not
    import pandas as pd

    from tracker.service.grid import CellProblem, GridBatch


@dataclass(frozen=True)
class FigureReading:
    """A context figure: the plan's baseline and the latest value staff recorded, if any."""

    figure: ContextFigure
    baseline: float
    latest: float | None


@dataclass(frozen=True)
class Overview:
    as_of: dt.date
    targets: list[tuple[Target, Progress]]  # in the plan's order
    figures: list[FigureReading]
    entry_count: int  # entries counted by the as-of date
    has_entries: bool  # anything recorded at all, whatever its date

    @property
    def is_empty(self) -> bool:
        return not self.has_entries

    def worst_first(self) -> list[tuple[Target, Progress]]:
        """The targets with the late ones at the top, as the committee reads them."""
        return sorted(self.targets, key=lambda pair: severity_key(pair[1]))

    def progress_of(self, target_id: str) -> Progress:
        return next(p for target, p in self.targets if target.id == target_id)

    def status_counts(self) -> dict[Status, int]:
        """How many targets stand in each status, every status listed."""
        counts = dict.fromkeys(Status, 0)
        for _, progress in self.targets:
            counts[progress.status] += 1
        return counts


def plan_as_of(plan: Plan, today: dt.date | None = None) -> dt.date:
    return default_as_of(plan.period, today or hanoi_today())


def _split_by_aggregation(items: tuple[Target | ContextFigure, ...]) -> tuple[list[str], list[str]]:
    summed = [i.id for i in items if i.aggregation == Aggregation.sum]
    latest = [i.id for i in items if i.aggregation == Aggregation.latest]
    return summed, latest


def of_plan(plan: Plan, ledger: Ledger) -> Ledger:
    """The ledger seen from ``plan``: what the service reads and writes is that plan's,
    whichever plan the ledger it was handed was opened for."""
    return ledger.with_plan(plan)


def build_overview(plan: Plan, ledger: Ledger, as_of: dt.date) -> Overview:
    """Every target's progress and every context figure at ``as_of``: one GROUP BY query."""
    ledger = of_plan(plan, ledger)
    summed, latest = _split_by_aggregation(plan.recordable())
    achieved, counted = ledger.totals(as_of, summed, latest)
    rows = [
        (
            target,
            assess(
                target,
                plan.period_of(target),
                plan.status_thresholds,
                float(achieved.get(target.id, Decimal(0))),
                as_of,
            ),
        )
        for target in plan.targets
    ]
    figures = [
        FigureReading(figure, float(figure.baseline), float(achieved[figure.id]) if figure.id in achieved else None)
        for figure in plan.context_figures
    ]
    return Overview(as_of, rows, figures, counted, counted > 0 or ledger.has_entries())


def overview_as_json(overview: Overview) -> dict[str, Any]:
    """The shape `python -m tracker summary --json` prints."""
    return {
        "as_of": overview.as_of.isoformat(),
        "entries": overview.entry_count,  # as the text summary's first line counts them
        "targets": [
            {
                "id": p.target_id,
                "goal_min": p.goal_min,
                "goal_max": p.goal_max,
                "achieved": p.achieved,
                "expected": round(p.expected, 3),
                "status": p.status.value,
                "projected": None if p.projected is None else round(p.projected, 3),
            }
            for _, p in overview.targets
        ],
    }


def author_of(ledger: Ledger, credential: Credential, permission: Permission = Permission.edit) -> str:
    """The name a change is recorded under, after the database has confirmed that the
    credential may make it (raises AccessDeniedError, writing nothing). Every write the app
    offers goes through here; the page hiding a button is a courtesy, not the check."""
    return Accounts(ledger.database).author(credential, permission)


def writer_of(ledger: Ledger, credential: Credential, permission: Permission = Permission.edit) -> tuple[str, Ledger]:
    """The author's name (as ``author_of``) and the ledger whose writes are checked against
    their account's districts, inside each write's own transaction."""
    name, username = Accounts(ledger.database).writer(credential, permission)
    return name, ledger.written_by(username)


def _author_of_form(
    ledger: Ledger, credential: Credential, check_form: Callable[[str], object]
) -> tuple[str, Ledger]:
    """The author of a form's write and the ledger checked against their districts.
    Before there are users, a missing name is one more problem of the form, listed with
    the others (EntryError) rather than alone."""
    try:
        return writer_of(ledger, credential)
    except AccessDeniedError as denied:
        if denied.code == "no_name":
            check_form("")  # raises EntryError with every problem, the missing name among them
        raise


def record_entry(
    plan: Plan, ledger: Ledger, credential: Credential, allow_repeat: bool = False, **raw: object
) -> tuple[int, ValidEntry]:
    """Check who is writing and the entry as typed (raises AccessDeniedError or EntryError,
    writing nothing), then record it under the author's name. An entry identical to a live
    one (tracker.domain.repeats) is refused with RepeatedEntryError unless ``allow_repeat``:
    a person confirms a repeat, they do not make one by pressing Save twice."""
    by, ledger = _author_of_form(ledger, credential, lambda name: validate_entry(plan, **raw, entered_by=name))  # type: ignore[arg-type]
    entry = validate_entry(plan, **raw, entered_by=by)  # type: ignore[arg-type]
    return of_plan(plan, ledger).record(entry, allow_repeat=allow_repeat), entry


SaveStatus = Literal["saved", "nothing", "invalid", "needs_confirmation", "conflict", "ready"]


@dataclass(frozen=True)
class SaveOutcome:
    """What became of one press of Save on the grid."""

    status: SaveStatus
    batch: GridBatch | None = None
    problems: list[CellProblem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)


def save_grid(
    plan: Plan,
    ledger: Ledger,
    target_id: str,
    shown: pd.DataFrame,
    edit_state: Mapping[str, Any],
    credential: Credential,
    lang: Lang = "vi",
    confirmed: bool = False,
    write: bool = True,
) -> SaveOutcome:
    """Everything Save does with a grid's edit state: check every cell, ask to confirm
    what looks unusual, then write the whole batch in one transaction or nothing.
    With ``write=False`` a batch that passed is returned as "ready", unwritten."""
    by = author_of(ledger, credential)
    ledger = of_plan(plan, ledger)
    try:
        from tracker.service.grid import GridError, plan_grid_save  # here: it needs pandas

        batch = plan_grid_save(plan, target_id, shown, edit_state, by, lang, ledger.entry_dates(target_id))
    except GridError as error:
        return SaveOutcome("invalid", problems=error.problems)
    if not write:
        return SaveOutcome("nothing" if batch.is_empty else "ready", batch)
    return write_batch(ledger, batch, credential, confirmed)


def write_batch(ledger: Ledger, batch: GridBatch, credential: Credential, confirmed: bool = False) -> SaveOutcome:
    """Write a checked batch in one transaction. Who writes is checked again here: a
    batch may wait for a confirmation while the person's session ends or their role
    changes, and the entries carry the name confirmed now."""
    by, ledger = writer_of(ledger, credential)
    if batch.plan_id is not None:
        ledger = ledger.for_plan(batch.plan_id)
    if batch.is_empty:
        return SaveOutcome("nothing", batch)
    if (batch.warnings or batch.removals) and not confirmed:  # a deletion, like a doubt, is asked about first
        return SaveOutcome("needs_confirmation", batch)
    adds = [replace(entry, entered_by=by) for entry in batch.adds]
    edits = [replace(edit, entry=replace(edit.entry, entered_by=by)) for edit in batch.edits]
    try:
        new_ids = ledger.apply(adds=adds, edits=edits, removals=batch.removals, by=by)
    except ConflictError as error:
        return SaveOutcome("conflict", batch, conflicts=error.conflicts)
    return SaveOutcome("saved", batch, new_ids=new_ids)


def keep_mine(batch: GridBatch, conflicts: list[Conflict]) -> GridBatch:
    """The same batch, laid on top of the entries as they are now.

    For an entry someone else changed, only the cells this person edited are taken
    from their edit; the other person's changes to the other cells stay. Edits and
    deletions of entries someone else deleted are dropped: nothing is left to change.
    The person has seen the current values before choosing this.
    """
    current = {c.entry_id: c.current for c in conflicts}
    edits: list[Edit] = []
    for edit in batch.edits:
        if edit.entry_id not in current:
            edits.append(edit)
            continue
        now = current[edit.entry_id]
        if now is None or now.deleted:
            continue
        edits.append(Edit(edit.entry_id, now.version, _on_top_of(now, edit), edit.fields))
    removals = []
    for removal in batch.removals:
        now = current.get(removal.entry_id) if removal.entry_id in current else None
        if removal.entry_id not in current:
            removals.append(removal)
        elif now is not None and not now.deleted:
            removals.append(Removal(removal.entry_id, now.version))
    from tracker.service.grid import GridBatch

    return GridBatch(adds=list(batch.adds), edits=edits, removals=removals, warnings=[], plan_id=batch.plan_id)


def _on_top_of(now: EntryRow, edit: Edit) -> ValidEntry:
    """The entry as it is now, with only the fields this edit changed replaced."""
    if not edit.fields:
        return edit.entry
    base = ValidEntry(
        now.target_id, now.ref_date, now.quantity, now.district, now.village, now.note, edit.entry.entered_by, now.kind
    )
    return replace(base, **{name: getattr(edit.entry, name) for name in edit.fields})


def set_total(
    plan: Plan,
    ledger: Ledger,
    *,
    target_id: str,
    total: object,
    as_of: object,
    credential: Credential,
    note: object = None,
    lang: Lang = "vi",
) -> tuple[int | None, ValidEntry]:
    """ "We have reached 12.400 by 30/06": record the difference as an adjustment entry.

    The total is checked like any entry (a whole number for counts, not negative, a date
    in the period; typed text read as ``lang`` writes numbers); returns the adjustment's
    id, or None when the ledger already says so.
    """
    def stated_by(name: str) -> ValidEntry:
        return validate_entry(
            plan, target_id=target_id, quantity=total, ref_date=as_of, entered_by=name, note=note, lang=lang
        )

    by, ledger = _author_of_form(ledger, credential, stated_by)
    stated = stated_by(by)
    item = plan.recordable_by_id()[stated.target_id]
    if item.aggregation != Aggregation.sum:
        raise EntryError([EntryProblem("target", "total_needs_sum")])
    try:
        return of_plan(plan, ledger).set_total(stated), stated
    except AdjustmentTooLargeError:
        raise EntryError([EntryProblem("quantity", "adjustment_too_large")]) from None


def pace_of(plan: Plan, ledger: Ledger, target: Target, as_of: dt.date) -> PaceSeries:
    """A target over time up to ``as_of``: its daily figures, the cumulative line, the
    planned pace and the projection (one GROUP BY over the target's entries)."""
    period = plan.period_of(target)
    ledger = of_plan(plan, ledger)
    if target.aggregation == Aggregation.sum:
        daily = ledger.daily_totals(target.id, as_of)
    else:
        daily = ledger.daily_levels(target.id, as_of)
    return pace_series(target, period, plan.status_thresholds, daily, as_of)


def revert_change(ledger: Ledger, change_id: int, credential: Credential) -> int:
    """Undo an entry's latest change, as a new change by the author (RevertError if it
    is not the latest any more)."""
    by, ledger = writer_of(ledger, credential)
    return ledger.revert(change_id, by)


# The tasks' writes, each behind the same check as the entries'.


def set_task_status(
    plan: Plan, ledger: Ledger, task_id: str, status: TaskStatus | str, seen_version: int, credential: Credential
) -> int | None:
    by = author_of(ledger, credential)
    return TaskBoard(ledger.database, plan.id).set_status(plan, task_id, status, seen_version, by)


def add_task_note(
    plan: Plan, ledger: Ledger, task_id: str, note_date: dt.date | str | None, text: str, credential: Credential
) -> int:
    return TaskBoard(ledger.database, plan.id).add_note(plan, task_id, note_date, text, author_of(ledger, credential))


def withdraw_task_note(plan: Plan, ledger: Ledger, note_id: int, credential: Credential) -> int:
    return TaskBoard(ledger.database, plan.id).withdraw_note(plan, note_id, author_of(ledger, credential))


def revert_task_change(plan: Plan, ledger: Ledger, change_id: int, credential: Credential) -> int:
    return TaskBoard(ledger.database, plan.id).revert(plan, change_id, author_of(ledger, credential))


# Users, managed by an administrator (or, before there is any user, from this computer).


def add_user(
    ledger: Ledger, credential: Credential, username: str, display_name: str, role: Role | str, password: str
) -> Identity:
    """An administrator adds an account. Before there is any, the person at the server's
    own computer (a local credential, name or not) may add the first one, an administrator."""
    accounts = Accounts(ledger.database)
    if credential.token is None and credential.local_name is not None and not accounts.has_users():
        if not credential.at_this_computer:  # checked here, in the write, whatever the page drew
            raise AccessDeniedError("not_this_computer")
        return accounts.add_user(username, display_name, role, password, first=True)
    author_of(ledger, credential, Permission.manage_users)
    return accounts.add_user(username, display_name, role, password)


def set_user_role(ledger: Ledger, credential: Credential, username: str, role: Role | str) -> bool:
    """Give an account another role; False, and nothing written, when it has that role."""
    author_of(ledger, credential, Permission.manage_users)
    accounts = Accounts(ledger.database)
    wanted = role.value if isinstance(role, Role) else str(role)
    name = normalise_username(username)
    if any(user.username == name and user.role.value == wanted for user in accounts.list_users()):
        return False
    accounts.set_role(username, role)
    return True


def set_user_password(ledger: Ledger, credential: Credential, username: str, password: str) -> None:
    author_of(ledger, credential, Permission.manage_users)
    Accounts(ledger.database).set_password(username, password)


def remove_user(ledger: Ledger, credential: Credential, username: str) -> None:
    author_of(ledger, credential, Permission.manage_users)
    Accounts(ledger.database).remove_user(username)


def district_breakdown_of(ledger: Ledger, item: Target | ContextFigure, as_of: dt.date) -> DistrictBreakdown | None:
    """Where a summed target's work happened, district by district; None for a level figure."""
    if not isinstance(item, Target) or item.aggregation != Aggregation.sum:
        return None
    return district_breakdown(ledger.totals_by_district(item.id, as_of))


def recent_entries(ledger: Ledger, target_id: str, limit: int = 200) -> tuple[list[EntryRow], int]:
    """The latest ``limit`` entries of a target, and how many it has in all."""
    return ledger.entries_of(target_id, limit=limit), ledger.count_entries(target_id)
