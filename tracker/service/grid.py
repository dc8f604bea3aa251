"""The entries grid: the frame shown in st.data_editor, and what its edit state means.

Streamlit reports a grid's edits as a dict: ``edited_rows`` ({row position: {column:
value}}), ``added_rows`` ([{column: value}]) and ``deleted_rows`` ([row position]). This
module turns that dict, read against the rows the person was shown, into one batch for
the ledger, after checking every cell; it never imports streamlit, so the page and the
tests call the same code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd

from tracker.domain.entries import NOT_CHOSEN, EntryError, EntryKind, ValidEntry, validate_entry
from tracker.domain.lookalikes import village_key
from tracker.domain.numbers import typed_back
from tracker.domain.plan import Aggregation, Plan, Target
from tracker.i18n import Lang, format_date, format_number, t
from tracker.storage.ledger import Edit, EntryRow, Removal
from tracker.storage.periods import StatusRow

# Internal column names; the page gives them labels in the person's language.
COLUMNS = (
    "id", "version", "ref_date", "quantity", "district", "village", "note", "kind", "entered_by", "stored", "kind_code"
)  # fmt: skip
EDITABLE = ("ref_date", "quantity", "district", "village", "note")
FIELD_OF_COLUMN = {
    "ref_date": "date",
    "quantity": "quantity",
    "district": "district",
    "village": "village",
    "note": "note",
}
FAR_DAYS = 90  # an entry this far from every other entry of its target asks for confirmation


def grid_frame(rows: Sequence[EntryRow], lang: Lang) -> pd.DataFrame:
    """The rows as the grid shows them; city-wide is written out in the person's language."""
    records = [
        {
            "id": row.id,
            "version": row.version,
            "ref_date": row.ref_date,
            "quantity": typed_back(row.quantity, lang),  # 1.200 as the app writes it, read back the same
            "district": row.district or t("district.city_wide", lang),
            "village": row.village or "",
            "note": row.note or "",
            "kind": t(f"entry.kind.{row.kind.value}", lang),
            "entered_by": row.entered_by,
            # the exact stored quantity, never shown: an untouched cell is read from here,
            # not re-parsed from its text (175,250 could be read two ways)
            "stored": row.quantity,
            # the entry's kind as stored, never shown nor editable: a save keeps a nil report
            # nil and an adjustment an adjustment, whatever the shown words say
            "kind_code": row.kind.value,
        }
        for row in rows
    ]
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    return frame.astype({"id": "Int64", "version": "Int64"})


@dataclass(frozen=True)
class HeldRow:
    """A row the grid shows its person but does not let them edit, and why: the lock that
    holds its district and day, or (lock None) a district outside their account's."""

    row: EntryRow
    lock: StatusRow | None


def held_back(
    rows: Sequence[EntryRow], locks: Sequence[StatusRow], scope: frozenset[str]
) -> tuple[list[EntryRow], list[HeldRow]]:
    """The rows a person may edit, and the others, read-only: those of a locked district
    and period, and for an account limited to some districts (``scope``), those of other
    districts and of the whole city. The same rule as the write's own check (WriteGuard),
    which refuses them anyway: this only shows it before anyone types."""
    from tracker.service.reporting import is_locked  # the reporting service imports this module's users

    editable: list[EntryRow] = []
    held: list[HeldRow] = []
    for row in rows:
        if scope and (row.district is None or row.district not in scope):
            held.append(HeldRow(row, None))
            continue
        lock = is_locked(locks, row.district, row.ref_date)
        if lock is None:
            editable.append(row)
        else:
            held.append(HeldRow(row, lock))
    return editable, held


def plain_number(quantity: Decimal, lang: Lang) -> str:
    """A quantity as a person types it back: no thousands separator, the language's
    decimal sign (9000; 175,25 or 175.25)."""
    text = format(quantity.normalize(), "f")
    return text.replace(".", ",") if lang == "vi" else text


# What the grid lets a person type in the quantity cell (the digits 0-9 only, grouped by
# threes or not, as the server reads them); the server reads it by the person's language
# (1.200 is 1200 in Vietnamese) and refuses what could mean two numbers.
WHOLE_PATTERN = r"^\s*([0-9]+|[1-9][0-9]{0,2}([., \u00a0][0-9]{3})+)\s*$"
DECIMAL_PATTERN = r"^\s*[0-9]+([., \u00a0][0-9]+)*\s*$"


@dataclass(frozen=True)
class CellProblem:
    """A refused cell: which row (entry #id, or the n-th new row), which column, why."""

    row: str
    column: str
    message: str


@dataclass(frozen=True)
class Caution:
    """Something unusual that the person must confirm before it is saved."""

    row: str
    message: str


@dataclass
class GridBatch:
    """What a Save would write, once every cell has passed."""

    adds: list[ValidEntry] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    warnings: list[Caution] = field(default_factory=list)
    plan_id: str | None = None  # the plan whose entries these are; None: the ledger's

    @property
    def is_empty(self) -> bool:
        return not (self.adds or self.edits or self.removals)


class GridError(ValueError):
    """Some cells are refused; nothing is written until every one is fixed."""

    def __init__(self, problems: list[CellProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.row} {p.column}: {p.message}" for p in problems))


def _row_label(lang: Lang, entry_id: int | None = None, new_index: int | None = None) -> str:
    if entry_id is not None:
        return t("grid.row_entry", lang, id=entry_id)
    return t("grid.row_new", lang, n=(new_index or 0) + 1)


def _cell(value: Any) -> Any:
    """A grid cell as the checks expect it: NaN and blank text are empty."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _check(
    plan: Plan,
    target_id: str,
    values: Mapping[str, Any],
    by: str,
    label: str,
    lang: Lang,
    kind: EntryKind,
    problems: list[CellProblem],
) -> ValidEntry | None:
    try:
        return validate_entry(
            plan,
            target_id=target_id,
            quantity=_cell(values.get("quantity")),
            ref_date=_cell(values.get("ref_date")),
            district=_cell(values.get("district")),
            village=_cell(values.get("village")),
            note=_cell(values.get("note")),
            entered_by=by,
            kind=kind,
            lang=lang,  # a typed quantity is read as the person's language writes numbers
        )
    except EntryError as error:
        for problem in error.problems:
            column = next((c for c, f in FIELD_OF_COLUMN.items() if f == problem.field), problem.field)
            problems.append(CellProblem(label, column, problem.message(lang)))
        return None


def _differs(entry: ValidEntry, row: pd.Series, lang: Lang) -> bool:
    """Whether an edited row really changes the entry (re-typing the same value is no edit)."""
    shown_district = entry.district or t("district.city_wide", lang)
    return (
        entry.ref_date != row["ref_date"]
        or entry.quantity != row["stored"]
        or shown_district != row["district"]
        or (entry.village or None) != (_cell(row["village"]) or None)
        or (entry.note or None) != (_cell(row["note"]) or None)
    )


def plan_grid_save(
    plan: Plan,
    target_id: str,
    shown: pd.DataFrame,
    edit_state: Mapping[str, Any],
    by: str,
    lang: Lang = "vi",
    other_dates: Sequence[dt.date] = (),
) -> GridBatch:
    """Read the grid's edit state against the rows the person was shown.

    Every cell of every added or edited row is checked; if any is refused, GridError
    lists them all (row and column) and nothing is to be written. Otherwise the batch
    carries the versions the person saw, so the ledger can refuse a stale save, and
    warnings for what looks unusual (an entry above the whole goal, a date far from
    all other entries, a row that repeats another).
    """
    problems: list[CellProblem] = []
    batch = GridBatch(plan_id=plan.id)
    if not by or not str(by).strip():
        problems.append(CellProblem("—", "entered_by", t("entry.problem.missing_author", lang)))
    deleted, edited, added_rows = _read_edit_state(edit_state, len(shown), lang)
    for position in sorted(deleted):
        row = shown.iloc[position]
        batch.removals.append(Removal(int(row["id"]), int(row["version"])))
    for position, changes in edited:
        if position in deleted:
            continue
        row = shown.iloc[position]
        merged = {column: row[column] for column in EDITABLE} | {"quantity": row["stored"]}
        merged |= {column: value for column, value in changes.items() if column in EDITABLE}
        label = _row_label(lang, entry_id=int(row["id"]))
        kind = EntryKind(row["kind_code"])
        entry = _check(plan, target_id, merged, by, label, lang, kind, problems)
        if entry is not None and _differs(entry, row, lang):
            touched = frozenset(column for column in changes if column in EDITABLE)
            batch.edits.append(Edit(int(row["id"]), int(row["version"]), entry, touched))
    for index, added in enumerate(added_rows):
        if not any(_cell(v) not in (None, "") for v in added.values()):
            continue  # an empty new row the person never filled in
        label = _row_label(lang, new_index=index)
        if _cell(added.get("district")) in (None, ""):
            added = {**added, "district": NOT_CHOSEN}  # a new row must say where, not default to the city
        entry = _check(plan, target_id, added, by, label, lang, EntryKind.report, problems)
        if entry is not None:
            batch.adds.append(entry)
    if problems:
        raise GridError(problems)
    batch.warnings = _warnings(plan, target_id, batch, shown, other_dates, lang)
    return batch


def _read_edit_state(
    edit_state: Mapping[str, Any], row_count: int, lang: Lang
) -> tuple[set[int], list[tuple[int, Mapping[str, Any]]], list[Mapping[str, Any]]]:
    """The deleted positions, the edited rows (position, changes) in order, and the added
    rows, from an edit state as the browser sent it. Anything that is not the shape
    st.data_editor makes (a row that is not in the grid, a row that is not a mapping) is
    refused whole with the grid's message: the browser can send anything."""
    try:
        deleted = {_position(position) for position in edit_state.get("deleted_rows", [])}
        edited = sorted(
            ((_position(position), changes) for position, changes in edit_state.get("edited_rows", {}).items()),
            key=lambda pair: pair[0],
        )
        added = list(edit_state.get("added_rows", []))
    except (AttributeError, TypeError, ValueError):
        deleted, edited, added = {-1}, [], []
    positions = deleted | {position for position, _ in edited}
    shapes_fit = all(isinstance(changes, Mapping) for _, changes in edited) and all(
        isinstance(row, Mapping) for row in added
    )
    if not shapes_fit or any(not 0 <= position < row_count for position in positions):
        raise GridError([CellProblem("—", "—", t("grid.unreadable", lang))])
    return deleted, edited, added


def _position(raw: object) -> int:
    """A row's position as the browser names it: a number, or its digits 0-9 as text (a
    JSON key). int() would read "٣" or "３" as 3 too, and pick a row the grid never named."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.isascii() and raw.isdigit():
        return int(raw)
    raise ValueError(raw)


def _warnings(
    plan: Plan, target_id: str, batch: GridBatch, shown: pd.DataFrame, other_dates: Sequence[dt.date], lang: Lang
) -> list[Caution]:
    item = plan.recordable_by_id()[target_id]
    found: list[Caution] = []
    known_dates = list(other_dates) or [d for d in shown["ref_date"] if isinstance(d, dt.date)]
    labelled = [(_row_label(lang, new_index=i), e) for i, e in enumerate(batch.adds)]
    labelled += [(_row_label(lang, entry_id=edit.entry_id), edit.entry) for edit in batch.edits]
    found += outlier_warnings(item, labelled, known_dates, lang)
    seen = {_fingerprint_row(row) for _, row in shown.iterrows()}
    for label, entry in labelled[: len(batch.adds)]:
        key = _fingerprint(entry)
        if key in seen:
            found.append(Caution(label, t("grid.warn.duplicate", lang)))
        seen.add(key)
    return found


def outlier_warnings(
    item: Any, labelled: Sequence[tuple[str, ValidEntry]], known_dates: Sequence[dt.date], lang: Lang
) -> list[Caution]:
    """An entry larger than the target's whole goal, or dated far from all the others."""
    found: list[Caution] = []
    for label, entry in labelled:
        if isinstance(item, Target) and item.aggregation == Aggregation.sum and entry.quantity > item.goal_max:
            found.append(
                Caution(
                    label,
                    t(
                        "grid.warn.above_goal",
                        lang,
                        quantity=format_number(entry.quantity, lang),
                        goal=format_number(item.goal_max, lang),
                    ),
                )
            )
        others = [d for d in known_dates if d != entry.ref_date]
        if len(others) >= 3 and min(abs((entry.ref_date - d).days) for d in others) > FAR_DAYS:
            found.append(Caution(label, t("grid.warn.far_date", lang, date=format_date(entry.ref_date), days=FAR_DAYS)))
    return found


def _fingerprint(entry: ValidEntry) -> tuple[Any, ...]:
    return (entry.ref_date, Decimal(entry.quantity), entry.district, village_key(entry.village or None))


def _fingerprint_row(row: pd.Series) -> tuple[Any, ...]:
    district = row["district"]
    city = district in (t("district.city_wide", "vi"), t("district.city_wide", "en"))
    return (
        row["ref_date"],
        row["stored"],
        None if city else district,
        village_key(_cell(row["village"]) or None),  # a look-alike spelling repeats the row too
    )
