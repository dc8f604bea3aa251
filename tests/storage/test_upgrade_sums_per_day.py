"""Revision 0007 on the database of the release before it (release-f4902e6: entries,
edits, deletions, a revert, a stated total, level figures with two reports on one day and a
deleted one, a nil report, and the 2018 plan's own entries), on SQLite and PostgreSQL:
the sums and levels it fills into report_days equal a recount of the entries, and every
figure the app shows is the figure the release itself computed from its entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import tracker_command
from tests.helpers import PROJECT_ROOT
from tests.storage.test_report_days_figures import level_of
from tests.storage.test_upgrade import empty_postgres, expected, rows, upgraded_release
from tracker import service
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Aggregation, read_plans
from tracker.storage.ledger import Ledger
from tracker.storage.report_days import differences

RELEASE = "release-f4902e6"
YEAR_END = dt.date(2017, 12, 31)
EXPORTS = "craft-village-exports"
__all__ = ["empty_postgres"]  # the fixture release_database asks for, from the upgrade test


def live_rows(url: str) -> list[SimpleNamespace]:
    query = "SELECT id, plan_id, target_id, ref_date, quantity_milli, district, kind FROM entries WHERE deleted = false"
    found = []
    for row in rows(url, query):
        day = row["ref_date"]
        found.append(
            SimpleNamespace(**{**row, "ref_date": day if isinstance(day, dt.date) else dt.date.fromisoformat(day)})
        )
    return found


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_the_release_before_upgrades_with_its_sums_and_levels_kept_and_its_figures_unchanged(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = upgraded_release(RELEASE, kind, tmp_path, request, before="0006")
    want = expected(RELEASE)
    assert rows(url, "SELECT COUNT(*) AS n FROM entries")[0]["n"] == want["row_counts"]["entries"]

    ledger = Ledger(url)
    try:
        with ledger.database.reading() as connection:
            assert differences(connection) == []  # the days filled equal a recount
        checked = tracker_command("--lang", "en", "db", "check", settings={"TRACKER_DATABASE_URL": url})
        assert (checked.returncode, checked.stdout.splitlines()[0]) == (
            0,
            f"The figures kept per day ({want['row_counts']['report_days']} rows) agree with the entries: "
            "no difference.",
        )

        plans = read_plans(PROJECT_ROOT / "targets.yaml")
        plan = plans.find("2017")
        assert plan is not None
        # The overview's figures, as the release itself computed them from its entries.
        overview = service.build_overview(plan, ledger, YEAR_END)
        for target_id, figure in want["achieved_2017_12_31"].items():
            if any(target.id == target_id for target in plan.targets):
                assert overview.progress_of(target_id).achieved == float(Decimal(figure)), target_id
        summed = [item.id for item in plan.recordable() if item.aggregation == Aggregation.sum]
        achieved, count = ledger.with_plan(plan).totals(YEAR_END, summed, [EXPORTS])
        assert {key: str(value.normalize()) for key, value in achieved.items()} == {
            key: str(Decimal(value).normalize()) for key, value in want["achieved_2017_12_31"].items()
        }
        live = live_rows(url)
        assert count == overview.entry_count == len([row for row in live if row.plan_id == plan.id])

        # The level figure day by day: the later of two reports on one day, the deleted one
        # left out, a city-wide report standing alone only while it is the most recent.
        exports = [row for row in live if row.plan_id == plan.id and row.target_id == EXPORTS]
        days = sorted({row.ref_date for row in exports if row.kind != "nil"})
        assert ledger.with_plan(plan).daily_levels(EXPORTS, YEAR_END) == [(day, level_of(exports, day)) for day in days]

        # The 2018 plan's figures: its own entries only, summed per target.
        plan_2018 = plans.find("2018")
        assert plan_2018 is not None
        later = ledger.with_plan(plan_2018)
        mine = [row for row in live if row.plan_id == plan_2018.id]
        assert mine  # the release wrote some
        sums = [item.id for item in plan_2018.recordable() if item.aggregation == Aggregation.sum]
        figures, counted = later.totals(dt.date(2018, 12, 31), sums)
        wanted: dict[str, Decimal] = {}
        for row in mine:
            if row.target_id in sums:
                wanted[row.target_id] = wanted.get(row.target_id, Decimal(0)) + Decimal(row.quantity_milli) / 1000
        assert figures == wanted and counted == len([row for row in mine if row.target_id in sums])

        # And a write after the upgrade keeps the days as a recount says.
        first = plan_2018.recordable()[0]
        later.record(validate_entry(plan_2018, target_id=first.id, quantity=7, ref_date="2018-02-10",
                                    district="Chương Mỹ", entered_by="Nguyễn An"))  # fmt: skip
        with ledger.database.reading() as connection:
            assert differences(connection) == []
    finally:
        ledger.dispose()
