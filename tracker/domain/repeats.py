"""When a new entry repeats one already recorded: the one rule the ledger applies to every
entry a person records (the form, the command line), so that pressing Save twice does
not count a figure twice without a word.

An entry repeats a recorded one when it says exactly the same: the same target, day,
quantity, district, village and note, and the same kind. The forms compared are the
stored ones (a checked entry's canonical district and cleaned text, the quantity as a
number: 60 and 60,000 are one quantity), so "chương  mỹ" repeats "Chương Mỹ". Two
different notes are two reports, and so are two villages: only a figure that differs in
nothing is asked about.

Plain Python: the ledger finds the candidates, this decides.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Protocol

from tracker.domain.entries import EntryKind, ValidEntry


class Recorded(Protocol):
    """What the rule reads of a recorded entry (tracker.storage.ledger.EntryRow has it)."""

    @property
    def target_id(self) -> str: ...
    @property
    def ref_date(self) -> dt.date: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def district(self) -> str | None: ...
    @property
    def village(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def kind(self) -> EntryKind: ...


# What must be equal, in the order a reader checks them.
COMPARED = ("target_id", "ref_date", "quantity", "district", "village", "note", "kind")


def repeats(entry: ValidEntry, recorded: Recorded) -> bool:
    """Whether ``entry`` says exactly what ``recorded`` already says."""
    return all(getattr(entry, name) == getattr(recorded, name) for name in COMPARED)
