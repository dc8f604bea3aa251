"""The grid's tests' helpers: entries to seed, the grid's frame, an edit state as Streamlit
makes it, a Save as the page does it, and a picture of what the ledger holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa

from tests.conftest import at_server
from tracker import service
from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.plan import Plan
from tracker.service import grid
from tracker.storage.ledger import EntryRow, Ledger, entry_changes

WORKERS = "workers-trained"  # a count, summed; goal about 30 000 workers
EXPORTS = "craft-village-exports"  # a context figure, latest level
D = dt.date
YEAR_END = D(2017, 12, 31)
HOA = "Nguyễn Thị Hoa"  # the person using the grid
BINH = "Trần Văn Bình"  # a colleague saving at the same time
AS_HOA, AS_BINH = at_server(HOA), at_server(BINH)  # no users yet: the name typed

# --- helpers -------------------------------------------------------------------------------


def make(
    quantity: int | str | Decimal,
    ref_date: dt.date,
    district: str | None = "Chương Mỹ",
    village: str | None = None,
    note: str | None = None,
    by: str = HOA,
    target_id: str = WORKERS,
    kind: EntryKind = EntryKind.report,
) -> ValidEntry:
    return ValidEntry(target_id, ref_date, Decimal(quantity), district, village, note, by, kind)


def total(ledger: Ledger, target_id: str = WORKERS, as_of: dt.date = YEAR_END) -> Decimal:
    return ledger.achieved(as_of, [target_id]).get(target_id, Decimal(0))


def view(ledger: Ledger, lang: str = "vi", target_id: str = WORKERS) -> pd.DataFrame:
    """The grid as a person opens it now."""
    return grid.grid_frame(ledger.entries_of(target_id), lang)  # type: ignore[arg-type]


def at(frame: pd.DataFrame, entry_id: int) -> int:
    """The row position of an entry in the grid (what edited_rows and deleted_rows use)."""
    positions = [p for p, value in enumerate(frame["id"]) if int(value) == entry_id]
    assert len(positions) == 1, f"entry {entry_id} is not shown once"
    return positions[0]


def state(
    edited: dict[int, dict[str, Any]] | None = None,
    added: list[dict[str, Any]] | None = None,
    deleted: list[int] | None = None,
) -> dict[str, Any]:
    return {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}


def save(
    plan: Plan,
    ledger: Ledger,
    frame: pd.DataFrame,
    edit_state: dict[str, Any],
    by: str = HOA,
    lang: str = "vi",
    target_id: str = WORKERS,
    confirmed: bool = False,
) -> service.SaveOutcome:
    """Save as a person presses Save; ``confirmed`` when they have said yes to what it asks
    (a deletion, an unusual value)."""
    return service.save_grid(
        plan, ledger, target_id, frame, edit_state, at_server(by), lang, confirmed=confirmed  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Picture:
    """Everything a person could see of the ledger: entries, their count, total, history."""

    count: int
    revision: int
    total: Decimal
    rows: tuple[EntryRow, ...]
    changes: int
    last_change: int


def picture(ledger: Ledger) -> Picture:
    with ledger.database.engine.connect() as connection:
        changes = int(connection.execute(sa.select(sa.func.count()).select_from(entry_changes)).scalar_one())
    return Picture(
        ledger.count_entries(),
        ledger.revision(),
        total(ledger),
        tuple(ledger.entries_of(WORKERS)),
        changes,
        last_change(ledger),
    )


def new_row(**cells: Any) -> dict[str, Any]:
    """An added row as Streamlit reports it: every editable column, the ones typed filled in
    (the district chosen as the whole city unless said otherwise)."""
    row: dict[str, Any] = {"ref_date": None, "quantity": None, "district": CITY, "village": None, "note": None}
    row.update(cells)
    return row


CITY = "Toàn thành phố"


def last_change(ledger: Ledger) -> int:
    """The id of the latest change in the history (0: none yet)."""
    latest = ledger.changes(limit=1)
    return latest[0].id if latest else 0


def changes_since(ledger: Ledger, change_id: int) -> list[Any]:
    """The changes after ``change_id``, oldest first."""
    return [c for c in ledger.changes(newest_first=False, limit=None) if c.id > change_id]


@pytest.fixture
def five(ledger: Ledger) -> list[int]:
    """Five entries of workers trained, 2 250 in all, on five dates in spring."""
    return [
        ledger.record(make(450, D(2017, 3, 1), "Chương Mỹ")),
        ledger.record(make(1200, D(2017, 3, 15), "Thường Tín", village="Vạn Điểm")),
        ledger.record(make(300, D(2017, 4, 10), None, note="Sở báo cáo")),
        ledger.record(make(200, D(2017, 4, 20), "Ba Vì")),
        ledger.record(make(100, D(2017, 5, 2), "Mỹ Đức")),
    ]


def nine_thousand(ledger: Ledger) -> None:
    ledger.record(make(4000, D(2017, 3, 31)))
    ledger.record(make(3000, D(2017, 5, 15), "Ba Vì"))
    ledger.record(make(2000, D(2017, 6, 30), None))
    ledger.record(make(700, D(2017, 7, 1), "Mỹ Đức"))  # after the as-of date: not counted


