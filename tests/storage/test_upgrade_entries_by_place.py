"""Revision 0009 on the database of the release before it (release-64033db, at 0008:
entries of both plans, edits, a deletion, level figures, a nil report): the entries' index
by plan, target and day takes the district, nothing else changes, and an import's preview
still finds each place's recorded figure, the city's own too, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import tracker_command
from tests.helpers import PROJECT_ROOT
from tests.report_files import csv_bytes
from tests.storage.test_upgrade import empty_postgres, expected, rows, upgraded_release
from tracker.domain.entries import validate_entry
from tracker.domain.plan import read_plans
from tracker.service.imports import Outcome, preview_import
from tracker.service.spreadsheets import read_spreadsheet
from tracker.storage.ledger import Ledger

RELEASE = "release-64033db"
__all__ = ["empty_postgres"]  # the fixture release_database asks for, from the upgrade test


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_the_release_before_upgrades_with_its_entries_found_by_place(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = upgraded_release(RELEASE, kind, tmp_path, request, before="0008")
    want = expected(RELEASE)

    engine = sa.create_engine(url)
    try:
        indexes = {index["name"]: index["column_names"] for index in sa.inspect(engine).get_indexes("entries")}
    finally:
        engine.dispose()
    assert indexes["ix_entries_plan_target_date"] == [
        "plan_id", "target_id", "deleted", "ref_date", "district", "quantity_milli"
    ]  # fmt: skip
    for table in ("entries", "entry_changes", "report_days", "report_months", "target_days", "users"):
        assert rows(url, f"SELECT COUNT(*) AS n FROM {table}")[0]["n"] == want["row_counts"][table], table
    checked = tracker_command("--lang", "en", "db", "check", settings={"TRACKER_DATABASE_URL": url})
    assert checked.returncode == 0, checked.stdout

    # The release's own figures, one of a district's village and one of the city, found
    # again by a file that names them: the first as it is, the second corrected.
    district, city = want["entries"][0], want["entries"][2]
    assert (district["district"], city["district"]) == ("Chương Mỹ", None)
    plan = read_plans(PROJECT_ROOT / "targets.yaml").find("2017")
    assert plan is not None
    ledger = Ledger(url).with_plan(plan)
    try:
        # other villages' figures on the same days, many more than the file has rows: the
        # preview looks up each row's place and day along the new index
        for index in range(30):
            for entry in (district, city):
                figure = {key: entry[key] for key in ("target_id", "ref_date", "district")}
                ledger.record(validate_entry(plan, quantity=1, village=f"Làng {index}", entered_by="An", **figure))
        header = ("Quận/huyện", "Mã mục tiêu", "Ngày", "Số lượng", "Làng nghề")
        day = "{2}/{1}/{0}".format
        data = csv_bytes(
            [
                header,
                (district["district"], district["target_id"], day(*district["ref_date"].split("-")),
                 str(district["quantity_milli"] // 1000), district["village"]),
                ("Toàn thành phố", city["target_id"], day(*city["ref_date"].split("-")),
                 str(city["quantity_milli"] // 1000 + 1), ""),
            ]
        )  # fmt: skip
        preview = preview_import(plan, ledger, read_spreadsheet("bao-cao.csv", data))
        assert [(row.outcome, row.current.id if row.current else None) for row in preview.rows] == [
            (Outcome.unchanged, district["id"]),
            (Outcome.changed, city["id"]),
        ]
        assert preview.rows[1].current is not None
        assert preview.rows[1].current.quantity == Decimal(city["quantity_milli"]) / 1000
    finally:
        ledger.dispose()
