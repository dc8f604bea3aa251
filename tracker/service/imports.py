"""Importing a district's report: the preview that writes nothing, the save that writes
everything or nothing as one batch, and the undo of a whole batch.

file bytes -> SheetTable (service.spreadsheets) -> columns mapped -> rows checked
(domain.report_rows) -> each row compared with what is recorded -> ImportPreview.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tracker.domain.access import AccessDeniedError, Credential
from tracker.domain.districts import district_names
from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.periods import Reporter, ReportingPeriod
from tracker.domain.plan import Aggregation, ContextFigure, Plan, Target, Text
from tracker.domain.report_rows import (
    ReportFigure,
    RowProblem,
    find_header,
    missing_fields,
    propose_mapping,
    read_rows,
    repeated_fields,
)
from tracker.domain.reports import Field, PeriodKind
from tracker.i18n import HANOI_TIME, Lang, format_date, t
from tracker.service import of_plan, writer_of
from tracker.service.reporting import is_locked, locked_at, writable_scope
from tracker.service.spreadsheets import SheetTable
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import ConflictError, Edit, EntryRow, Ledger, NewBatch, TakenError, combined_level
from tracker.storage.periods import StatusRow, period_label, place_name


class Outcome(StrEnum):
    error = "error"
    new = "new"
    changed = "changed"
    nil = "nil"  # a 0 that is the place's only word on a target for a period: "nothing this period"
    unchanged = "unchanged"
    blank = "blank"  # the row names a figure but leaves the quantity empty: not reported


# Errors first, as the person fixing the file wants them.
OUTCOME_ORDER = (Outcome.error, Outcome.new, Outcome.changed, Outcome.nil, Outcome.unchanged, Outcome.blank)
# The outcomes that write something when the import is saved.
WRITING = (Outcome.new, Outcome.changed, Outcome.nil)


@dataclass(frozen=True)
class RowOutcome:
    row: int
    outcome: Outcome
    figure: ReportFigure | None = None
    current: EntryRow | None = None  # the recorded entry the row matches
    problems: tuple[RowProblem, ...] = ()
    changed_fields: tuple[str, ...] = ()  # quantity, note
    # the row's cells as the file wrote them, for a row without a figure (one that could not be read)
    raw: dict[Field, str] = field(default_factory=dict)
    # The reporting period the row's 0 says "nothing" for: a nil report the import makes
    # (Outcome.nil, the figure's entry is then the nil entry) or that is recorded already.
    nil: ReportingPeriod | None = None


@dataclass(frozen=True)
class FileProblem:
    """Why the file as a whole cannot be imported: the string import.file.<code>."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang = "vi") -> str:
        params = dict(self.params)
        if "fields" in params:  # the fields by their names in the reader's language
            params["fields"] = ", ".join(t(f"import.field.{name}", lang) for name in params["fields"])
        if "columns" in params:  # each field, and the columns (as Excel letters them) that name it
            params["columns"] = "; ".join(
                f"{t(f'import.field.{name}', lang)} ({letters})" for name, letters in params["columns"]
            )
        return t(f"import.file.{self.code}", lang, **params)


@dataclass(frozen=True)
class TargetChange:
    """A target's achieved figure now, and after the import."""

    item: Target | ContextFigure
    before: Decimal
    after: Decimal


@dataclass(frozen=True)
class ImportPreview:
    plan_id: str
    table: SheetTable
    header_row: int | None  # the row number that names the columns
    headers: tuple[str, ...]
    mapping: dict[Field, int]
    file_problems: tuple[FileProblem, ...]
    rows: tuple[RowOutcome, ...]
    totals: tuple[TargetChange, ...]
    revision: int  # the ledger's revision the preview was made at
    scope: frozenset[str] = frozenset()  # the districts the importing account may write; empty: all

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    def counts(self) -> dict[Outcome, int]:
        return {outcome: self.count(outcome) for outcome in OUTCOME_ORDER}

    @property
    def errors(self) -> list[tuple[int, Field | None, RowProblem]]:
        return [(row.row, p.column, p) for row in self.rows for p in row.problems]

    @property
    def can_save(self) -> bool:
        """Only a file without a single error is saved, and only if it changes something."""
        return not self.file_problems and not self.count(Outcome.error) and self.has_changes

    @property
    def has_changes(self) -> bool:
        return any(row.outcome in WRITING for row in self.rows)

    def nil_reports(self) -> int:
        """How many nil reports the save writes: several rows saying "0" for one target,
        place and period make one."""
        return len({row.figure.identity for row in self.rows if row.outcome == Outcome.nil and row.figure is not None})

    def in_order(self, only: Outcome | None = None) -> list[RowOutcome]:
        """The rows, errors first, then in the file's order; or only those of one outcome."""
        rank = {outcome: index for index, outcome in enumerate(OUTCOME_ORDER)}
        rows = [row for row in self.rows if only is None or row.outcome == only]
        return sorted(rows, key=lambda row: (rank[row.outcome], row.row))


def preview_import(
    plan: Plan,
    ledger: Ledger,
    table: SheetTable,
    mapping: Mapping[Field, int] | None = None,
    entered_by: str = "-",
    lang: Lang = "vi",
    writer: str | None = None,
) -> ImportPreview:
    """Everything the import would do, written nowhere. ``mapping`` overrides the columns
    proposed from the header names (the person corrected them). A quantity the file holds
    as text is read as ``lang``, the importing person's language, writes numbers ("1.200"
    is 1200 in Vietnamese); a number cell is the number it holds.

    ``writer`` is the importing account's user name (else the ledger's own writer, if it
    was handed ``written_by`` one): a row of a district outside its districts is an error,
    as is a row that would write into a locked district-period. The save checks both
    again inside its transaction."""
    ledger = of_plan(plan, ledger)
    revision = ledger.revision()
    scope = writable_scope(ledger, writer if writer is not None else ledger.writer)
    cells = [(row.number, row.cells) for row in table.rows]
    position = find_header(cells)
    header_index = position if position is not None else 0
    header_row = table.rows[header_index].number if table.rows else None
    headers = tuple("" if cell is None else str(cell).strip() for cell in (cells[header_index][1] if cells else ()))
    below = [row_cells for _, row_cells in cells[header_index + 1 :]]  # what the columns hold tells "Đơn vị" apart
    chosen = dict(mapping) if mapping is not None else propose_mapping(headers, below)

    problems: list[FileProblem] = []
    if not table.rows:
        problems.append(FileProblem("no_rows"))
    elif position is None and mapping is None:
        problems.append(FileProblem("no_header"))
    else:
        repeated = repeated_fields(headers) if mapping is None else {}
        if repeated:
            from openpyxl.utils import get_column_letter  # openpyxl only for such a file: a CSV's import needs none

            columns = tuple(
                (column.value, ", ".join(get_column_letter(i + 1) for i in indices))
                for column, indices in repeated.items()
            )
            problems.append(FileProblem("repeated_columns", {"columns": columns}))
        missing = [column for column in missing_fields(chosen) if column not in repeated]
        if missing:
            problems.append(FileProblem("missing_columns", {"fields": tuple(f.value for f in missing)}))
    merged = [r.ref for r in table.merged if header_row is not None and r.last_row >= header_row]
    if merged:
        problems.append(FileProblem("merged_cells", {"ranges": ", ".join(merged[:5])}))
    data_rows = table.rows[header_index + 1 :]
    if problems or not data_rows:
        if not problems:
            problems.append(FileProblem("no_rows"))
        return ImportPreview(plan.id, table, header_row, headers, chosen, tuple(problems), (), (), revision, scope)

    read = read_rows(plan, [(row.number, row.cells, row.hidden) for row in data_rows], chosen, entered_by, lang)
    outcomes = _nil_reports(plan, ledger, _compare(ledger, read.figures))
    outcomes = _guarded(outcomes, scope, locked_at(plan, ledger))
    outcomes += [RowOutcome(p.row, Outcome.error, problems=(p,)) for p in read.problems]
    outcomes += [RowOutcome(number, Outcome.blank) for number in read.blank]
    outcomes = _merge_problems(outcomes)
    unread = {outcome.row for outcome in outcomes if outcome.figure is None}
    if unread:  # a row that could not be read is shown as the file wrote it
        written = {row.number: _raw_cells(row.cells, chosen) for row in data_rows if row.number in unread}
        outcomes = [
            replace(outcome, raw=written.get(outcome.row, {})) if outcome.row in unread else outcome
            for outcome in outcomes
        ]
    totals = _totals(plan, ledger, outcomes)
    return ImportPreview(plan.id, table, header_row, headers, chosen, (), tuple(outcomes), totals, revision, scope)


_SHOWN_FIELDS = (Field.district, Field.target, Field.period, Field.date, Field.quantity, Field.village, Field.note)


def _raw_cells(cells: Sequence[object], mapping: Mapping[Field, int]) -> dict[Field, str]:
    """What a row holds in the columns that matter, as text, for a row that is shown as
    the file wrote it (one that could not be read)."""
    raw: dict[Field, str] = {}
    for column in _SHOWN_FIELDS:
        index = mapping.get(column)
        if index is not None and index < len(cells) and cells[index] is not None:
            value = cells[index]
            raw[column] = value.strftime("%d/%m/%Y") if isinstance(value, (dt.date, dt.datetime)) else str(value)
    return raw


def _merge_problems(outcomes: list[RowOutcome]) -> list[RowOutcome]:
    """One outcome per row: a row with several problems lists them all."""
    merged: dict[int, RowOutcome] = {}
    for outcome in outcomes:
        earlier = merged.get(outcome.row)
        if earlier is not None and earlier.outcome == Outcome.error and outcome.outcome == Outcome.error:
            merged[outcome.row] = RowOutcome(outcome.row, Outcome.error, problems=earlier.problems + outcome.problems)
        elif earlier is None:
            merged[outcome.row] = outcome
    return sorted(merged.values(), key=lambda row: row.row)


def _compare(ledger: Ledger, figures: Sequence[ReportFigure]) -> list[RowOutcome]:
    """Each checked row against what is recorded with the same target, district, village
    and day: new, the same, or a change of the recorded figure. A quarter's or a year's
    figure over months already recorded (in the ledger or in the same file) is an error:
    saved, it would count them twice."""
    if not figures:
        return []
    recorded = ledger.live_matching({(f.entry.target_id, f.entry.district, f.entry.ref_date) for f in figures})
    by_place: dict[tuple[Any, ...], set[dt.date]] = {}
    for target_id, district, village, day in recorded:
        by_place.setdefault((target_id, district, village), set()).add(day)
    spans = [f for f in figures if f.period is not None and f.period.kind != PeriodKind.month]
    if spans:  # the days a quarter's or a year's row covers, of its own places only
        inside = ledger.reported_days(
            {f.entry.target_id for f in spans},
            {f.entry.district for f in spans},
            min(f.period.first_day for f in spans if f.period is not None),
            max(f.period.last_day for f in spans if f.period is not None),
        )
        for target_id, district, village, day in inside:
            by_place.setdefault((target_id, district, village), set()).add(day)
    for figure in figures:
        target_id, district, village, day = figure.identity
        by_place.setdefault((target_id, district, village), set()).add(day)  # the file's own rows too
    outcomes = []
    for figure in figures:
        overlapped = _overlapped(figure, by_place)
        matches = recorded.get(figure.identity, [])
        if overlapped:
            problem = RowProblem(
                figure.row,
                Field.period,
                "period_overlaps",
                {"period": figure.period.label if figure.period else "", "count": len(overlapped)},
            )
            outcomes.append(RowOutcome(figure.row, Outcome.error, figure, problems=(problem,)))
        elif not matches:
            outcomes.append(RowOutcome(figure.row, Outcome.new, figure))
        elif len(matches) > 1:
            problem = RowProblem(figure.row, None, "ambiguous_match", {"count": len(matches)})
            outcomes.append(RowOutcome(figure.row, Outcome.error, figure, problems=(problem,)))
        else:
            [current] = matches
            changed = _changed_fields(figure.entry, current)
            outcome = Outcome.changed if changed else Outcome.unchanged
            outcomes.append(RowOutcome(figure.row, outcome, figure, current, changed_fields=changed))
    return outcomes


def _nil_reports(plan: Plan, ledger: Ledger, outcomes: list[RowOutcome]) -> list[RowOutcome]:
    """A new row whose quantity is 0 says "nothing this period" (a nil report) for its
    target, place and the plan's reporting period holding its day, when it is that
    place's only word on the target for the period: the target is one the place owes
    (a district's summed target, the city's level one), the row names no village, its own
    period lies within the reporting period, and neither the file nor the ledger holds a
    figure of the place for the target in that period. Several such rows make one nil
    report; a nil report already recorded leaves them unchanged.

    Beside a figure of the same period a 0 stays what it always was, a figure of 0 for
    its day (January 0, February 30: nothing in January), so that a monthly report in a
    quarterly plan is never refused for its zeros."""
    items = plan.recordable_by_id()

    def reporting_period(outcome: RowOutcome) -> ReportingPeriod | None:
        if outcome.outcome != Outcome.new or outcome.figure is None:
            return None
        entry = outcome.figure.entry
        item = items.get(entry.target_id)
        if entry.quantity != 0 or entry.village is not None or not isinstance(item, Target):
            return None
        if item.owed_by != (Reporter.city if entry.district is None else Reporter.districts):
            return None
        period = plan.reporting_period_at(entry.ref_date)
        span = outcome.figure.period
        if span is not None and (span.first_day < period.start or span.last_day > period.end):
            return None  # a year's 0 in a quarterly plan names no one period
        return period

    candidates = {o.row: period for o in outcomes if (period := reporting_period(o)) is not None}
    if not candidates:
        return outcomes
    spoken: set[tuple[str, str | None, str]] = set()  # (target, place, period) with a figure in the file
    for outcome in outcomes:
        if outcome.figure is None or outcome.row in candidates:
            continue
        entry, span = outcome.figure.entry, outcome.figure.period
        day = span.first_day if span is not None else entry.ref_date
        while day <= entry.ref_date:
            period = plan.reporting_period_at(day)
            spoken.add((entry.target_id, entry.district, period.name))
            day = period.end + dt.timedelta(days=1)
    periods = {period.name: period for period in candidates.values()}
    targets = {o.figure.entry.target_id for o in outcomes if o.row in candidates and o.figure is not None}
    sent = {
        (receipt.target_id, receipt.district, receipt.period): receipt
        for receipt in ledger.receipts([(p.name, p.start, p.end) for p in periods.values()], targets)
    }
    result = []
    for outcome in outcomes:
        period = candidates.get(outcome.row)
        if period is None or outcome.figure is None:
            result.append(outcome)
            continue
        entry = outcome.figure.entry
        key = (entry.target_id, entry.district, period.name)
        receipt = sent.get(key)
        if key in spoken or (receipt is not None and receipt.entries > receipt.nil):
            result.append(outcome)  # a figure of 0 beside the period's other figures
        elif receipt is not None and receipt.nil:
            result.append(replace(outcome, outcome=Outcome.unchanged, nil=period))
        else:
            day = plan.nil_day(items[entry.target_id], period) or entry.ref_date  # as every nil report is dated
            nil = replace(entry, quantity=Decimal(0), ref_date=day, kind=EntryKind.nil)
            result.append(replace(outcome, outcome=Outcome.nil, figure=replace(outcome.figure, entry=nil), nil=period))
    return result


def _guarded(outcomes: list[RowOutcome], scope: frozenset[str], locks: Sequence[StatusRow]) -> list[RowOutcome]:
    """The write's own checks, made on the preview: a row of a district outside the
    importing account's ``scope`` is an error, and so is a row that would write into a
    locked district-period (a row the ledger already holds as it is writes nothing and
    stays unchanged)."""
    result = []
    for outcome in outcomes:
        if outcome.figure is None:
            result.append(outcome)
            continue
        entry = outcome.figure.entry
        problems: list[RowProblem] = []
        if scope and (entry.district is None or entry.district not in scope):
            place = Text(vi=place_name(entry.district, "vi"), en=place_name(entry.district, "en"))
            problems.append(RowProblem(outcome.row, Field.district, "outside_scope",
                                       {"place": place, "districts": tuple(sorted(scope))}))  # fmt: skip
        elif outcome.outcome != Outcome.unchanged:
            lock = is_locked(locks, entry.district, entry.ref_date)
            if lock is not None:
                problems.append(_lock_problem(outcome.row, lock, entry.district))
        if problems:
            result.append(replace(outcome, outcome=Outcome.error, problems=outcome.problems + tuple(problems)))
        else:
            result.append(outcome)
    return result


def _lock_problem(row: int, lock: StatusRow, district: str | None) -> RowProblem:
    """The lock's own message (who locked it, when, why), for one row of the file."""
    params: dict[str, Any] = {
        "place": Text(vi=place_name(district, "vi"), en=place_name(district, "en")),
        "period": Text(vi=period_label(lock.period, "vi"), en=period_label(lock.period, "en")),
        "at": format_date(lock.changed_at.astimezone(HANOI_TIME).date()),
        "by": lock.changed_by,
        "status": Text(vi=t(f"periods.status.{lock.status}", "vi"), en=t(f"periods.status.{lock.status}", "en")),
    }
    if lock.reason:
        params["reason"] = lock.reason
    return RowProblem(row, Field.period, "locked" if lock.reason else "locked_no_reason", params)


def _overlapped(figure: ReportFigure, by_place: Mapping[tuple[Any, ...], set[dt.date]]) -> list[dt.date]:
    """The days inside a quarter's or a year's row with figures of the same place other
    than the row's own day (a month row overlaps nothing: its figure is one day's)."""
    period = figure.period
    if period is None or period.kind == PeriodKind.month:
        return []
    target_id, district, village, day = figure.identity
    inside = by_place.get((target_id, district, village), set())
    return sorted(other for other in inside if period.first_day <= other <= period.last_day and other != day)


def _changed_fields(entry: ValidEntry, current: EntryRow) -> tuple[str, ...]:
    """What the file changes of a recorded figure. An empty note in the file leaves the
    recorded note as it is: a district that writes no note is not deleting one."""
    changed = []
    if entry.quantity != current.quantity:
        changed.append("quantity")
    if entry.note is not None and entry.note != current.note:
        changed.append("note")
    return tuple(changed)


def _totals(plan: Plan, ledger: Ledger, outcomes: Sequence[RowOutcome]) -> tuple[TargetChange, ...]:
    """Each touched target's achieved figure for the whole period, now and after."""
    touched = [o for o in outcomes if o.outcome in (Outcome.new, Outcome.changed) and o.figure is not None]
    items = plan.recordable_by_id()
    ids = list(dict.fromkeys(o.figure.entry.target_id for o in touched if o.figure is not None))
    if not ids:
        return ()
    summed = [i for i in ids if items[i].aggregation == Aggregation.sum]
    latest = [i for i in ids if items[i].aggregation == Aggregation.latest]
    end = max(plan.period_of(items[i]).end for i in ids)
    before = ledger.achieved(end, summed, latest)
    changes = []
    for target_id in ids:
        now = before.get(target_id, Decimal(0))
        mine = [o for o in touched if o.figure is not None and o.figure.entry.target_id == target_id]
        if target_id in summed:
            after = now + sum(
                (o.figure.entry.quantity - (o.current.quantity if o.current else Decimal(0)) for o in mine if o.figure),
                Decimal(0),
            )
        else:
            after = _level_after(ledger, target_id, mine, end)
        changes.append(TargetChange(items[target_id], now, after))
    return tuple(changes)


def _level_after(ledger: Ledger, target_id: str, mine: Sequence[RowOutcome], end: dt.date) -> Decimal:
    """A level figure after the import: each place's latest report, the import's rows in
    place of the entries they change, by the ledger's own rule."""
    replaced = {o.current.id: o.figure.entry for o in mine if o.current is not None and o.figure is not None}
    reports: list[tuple[dt.date, int, str | None, Decimal]] = []
    for entry in ledger.entries_where(target_id=target_id, end=end):
        new = replaced.get(entry.id)
        reports.append((entry.ref_date, entry.id, entry.district, new.quantity if new else entry.quantity))
    after_all = 1 + max((entry_id for _, entry_id, _, _ in reports), default=0)
    for offset, outcome in enumerate(o for o in mine if o.current is None and o.figure is not None):
        assert outcome.figure is not None
        entry = outcome.figure.entry
        reports.append((entry.ref_date, after_all + offset, entry.district, entry.quantity))
    latest: dict[str | None, tuple[dt.date, int, Decimal]] = {}
    for day, entry_id, place, quantity in reports:
        if place not in latest or (day, entry_id) > latest[place][:2]:
            latest[place] = (day, entry_id, quantity)
    return combined_level({place: (day, quantity) for place, (day, _, quantity) in latest.items()})


@dataclass(frozen=True)
class ImportResult:
    status: str  # saved | nothing | invalid | stale
    batch_id: int | None = None
    stale_rows: tuple[int, ...] = ()


def write_import(plan: Plan, ledger: Ledger, preview: ImportPreview, by: str) -> ImportResult:
    """Write a previewed import under ``by``: everything in one batch, or nothing.

    Refused when the preview holds any error ("invalid"), when someone has changed an
    affected figure since the preview ("stale": the preview must be made again). The
    write's own check, in its transaction, raises OutsideScopeError or PeriodLockedError
    (nothing written) for a row outside the writer's districts (the ledger's
    ``written_by`` account) or in a district-period locked since the preview."""
    ledger = of_plan(plan, ledger)
    if preview.plan_id != plan.id or preview.file_problems or preview.count(Outcome.error):
        return ImportResult("invalid")
    if not preview.has_changes:
        return ImportResult("nothing")
    new = [o for o in preview.rows if o.outcome == Outcome.new and o.figure is not None]
    changed = [o for o in preview.rows if o.outcome == Outcome.changed and o.figure is not None]
    nils: dict[tuple[Any, ...], RowOutcome] = {}  # one nil report for the rows that say it together
    for outcome in preview.rows:
        if outcome.outcome == Outcome.nil and outcome.figure is not None:
            nils.setdefault(outcome.figure.identity, outcome)
    added = [*new, *nils.values()]
    adds = [_by(o.figure.entry, by) for o in added if o.figure is not None]
    edits = [
        Edit(
            o.current.id,
            o.current.version,
            _kept(replace(o.figure.entry, entered_by=by), o.current),
            frozenset(o.changed_fields),
        )
        for o in changed
        if o.current is not None and o.figure is not None
    ]
    batch = NewBatch(
        file_name=preview.table.file_name[:255],
        sha256=preview.table.sha256,
        rows=len(preview.rows),
        new=len(adds),
        changed=len(edits),
        unchanged=preview.count(Outcome.unchanged),
    )
    try:
        batch_id = ledger.import_batch(adds=adds, edits=edits, batch=batch, by=by)
    except ConflictError as error:
        moved = {c.entry_id for c in error.conflicts}
        rows = tuple(o.row for o in changed if o.current is not None and o.current.id in moved)
        return ImportResult("stale", stale_rows=rows)
    except TakenError as error:
        return ImportResult("stale", stale_rows=tuple(added[position].row for position in error.positions))
    return ImportResult("saved", batch_id)


def _by(entry: ValidEntry, by: str) -> ValidEntry:
    """The entry under the name that saves it (the preview's entries are made under it already)."""
    return entry if entry.entered_by == by else replace(entry, entered_by=by)


def _kept(entry: ValidEntry, current: EntryRow) -> ValidEntry:
    """What a changed figure keeps of the recorded one: its village as recorded (the row
    names the same village, perhaps in other case or look-alike letters), and its note when
    the row has none (see _changed_fields)."""
    return replace(entry, village=current.village, note=current.note if entry.note is None else entry.note)


@dataclass(frozen=True)
class Importer:
    """Who is importing, as far as the database vouches for them: their account (None:
    none, as before the first user) and the districts it may write (empty: every one and
    the city)."""

    username: str | None = None
    districts: frozenset[str] = frozenset()


def importer_of(ledger: Ledger, credential: Credential) -> Importer:
    """The account behind ``credential``, for the preview and the template. A credential
    the database does not vouch for (no session, a closed one) gets no account here: its
    save is refused by the write anyway."""
    if not credential.token:
        return Importer()
    try:
        who = Accounts(ledger.database).identity(credential.token)
    except AccessDeniedError:
        return Importer()
    return Importer(who.username, frozenset(who.districts))


def template_districts(importer: Importer) -> list[str]:
    """The districts whose rows the template ``importer`` downloads holds, in the list's
    order: a district office's own, or all 30."""
    return [name for name in district_names() if not importer.districts or name in importer.districts]


def save_import(plan: Plan, ledger: Ledger, preview: ImportPreview, credential: Credential) -> ImportResult:
    """The app's save: who is writing is checked against the database first (a viewer, a
    closed session write nothing), then the import is written under their name."""
    by, ledger = writer_of(ledger, credential)
    return write_import(plan, ledger, preview, by)


def revert_import(plan: Plan, ledger: Ledger, batch_id: int, credential: Credential) -> int:
    """Undo a whole import (BatchRevertError when it cannot be); how many entries moved."""
    by, ledger = writer_of(ledger, credential)
    return of_plan(plan, ledger).revert_batch(batch_id, by)


def preview_as_json(preview: ImportPreview, saved: bool, lang: Lang = "en") -> dict[str, Any]:
    """The shape `python -m tracker import --json` prints."""
    errors = [{"row": None, "column": None, "message": problem.message(lang)} for problem in preview.file_problems] + [
        {"row": row, "column": None if column is None else column.value, "message": problem.message(lang)}
        for row, column, problem in preview.errors
    ]
    return {
        "file": preview.table.file_name,
        "sha256": preview.table.sha256,
        "plan": preview.plan_id,
        "rows": len(preview.rows),
        "new": preview.count(Outcome.new),
        "unchanged": preview.count(Outcome.unchanged),
        "changed": preview.count(Outcome.changed),
        "nil": preview.count(Outcome.nil),
        "blank": preview.count(Outcome.blank),
        "errors": errors,
        "saved": saved,
    }
