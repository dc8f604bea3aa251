"""What the pages and the command line ask for, in one place: plan + ledger -> progress.

Data flows one way: the plan and the ledger feed progress, progress feeds charts and
pages. Nothing here imports streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.entries import ValidEntry, validate_entry
from tracker.ledger import EntryRow, Ledger
from tracker.plan import Aggregation, ContextFigure, Plan, Target
from tracker.progress import Progress, Status, assess, default_as_of


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
    entry_count: int

    @property
    def is_empty(self) -> bool:
        return self.entry_count == 0

    def progress_of(self, target_id: str) -> Progress:
        return next(p for target, p in self.targets if target.id == target_id)

    def status_counts(self) -> dict[Status, int]:
        """How many targets stand in each status, every status listed."""
        counts = dict.fromkeys(Status, 0)
        for _, progress in self.targets:
            counts[progress.status] += 1
        return counts


def plan_as_of(plan: Plan, today: dt.date | None = None) -> dt.date:
    return default_as_of(plan.period, today or dt.date.today())


def _split_by_aggregation(items: tuple[Target | ContextFigure, ...]) -> tuple[list[str], list[str]]:
    summed = [i.id for i in items if i.aggregation == Aggregation.sum]
    latest = [i.id for i in items if i.aggregation == Aggregation.latest]
    return summed, latest


def build_overview(plan: Plan, ledger: Ledger, as_of: dt.date) -> Overview:
    """Every target's progress and every context figure at ``as_of``: one GROUP BY query."""
    summed, latest = _split_by_aggregation(plan.recordable())
    achieved = ledger.achieved(as_of, summed, latest)
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
    return Overview(as_of, rows, figures, ledger.count_entries())


def overview_as_json(overview: Overview) -> dict[str, Any]:
    """The shape `python -m tracker summary --json` prints."""
    return {
        "as_of": overview.as_of.isoformat(),
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


def record_entry(plan: Plan, ledger: Ledger, **raw: object) -> tuple[int, ValidEntry]:
    """Check an entry as typed (raises EntryError, writing nothing) and record it."""
    entry = validate_entry(plan, **raw)  # type: ignore[arg-type]
    return ledger.record(entry), entry


def recent_entries(ledger: Ledger, target_id: str, limit: int = 200) -> tuple[list[EntryRow], int]:
    """The latest ``limit`` entries of a target, and how many it has in all."""
    return ledger.entries_of(target_id, limit=limit), ledger.count_entries(target_id)
