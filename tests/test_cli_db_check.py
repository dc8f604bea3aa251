"""python -m tracker db check: the figures kept per day (report_days, what the pages read)
recounted from the entries, as the server's operator runs it after a crash or a restore.
In-process on SQLite and PostgreSQL, against a ledger written through every kind of write,
and once with rows deliberately damaged: each damaged day is named, the exit code says so,
and --repair counts them again in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.helpers import PROJECT_ROOT, run_tracker
from tracker import service
from tracker.domain.entries import EntryKind, ValidEntry
from tracker.domain.plan import load_plan
from tracker.storage.ledger import Edit, Ledger, NewBatch, Removal
from tracker.storage.report_days import report_days, target_days

PLAN = load_plan(PROJECT_ROOT / "targets.yaml")
WORKERS, EXPORTS, MACHINERY = "workers-trained", "craft-village-exports", "machinery-projects"
AN = "Nguyễn Văn An"
YEAR_END = dt.date(2017, 12, 31)


@pytest.fixture(autouse=True)
def environment(command_line: str, database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    return database_url


@pytest.fixture
def store(environment: str) -> Iterator[Ledger]:
    ledger = Ledger(environment).with_plan(PLAN)
    yield ledger
    ledger.dispose()


def entry(target: str, day: str, quantity: str, district: str | None, village: str | None = None) -> ValidEntry:
    return ValidEntry(target, dt.date.fromisoformat(day), Decimal(quantity), district, village, None, AN)


def written_every_way(store: Ledger) -> None:
    """Records, an edit, a deletion, a revert, a stated total, an import and a nil report."""
    first, _ = store.apply(
        adds=[entry(WORKERS, "2017-03-01", "40", "Ba Vì"), entry(EXPORTS, "2017-03-01", "2.5", None)], by=AN
    )
    store.apply(edits=[Edit(first, 1, entry(WORKERS, "2017-03-02", "45", "Ba Vì"))], by=AN)
    third = store.record(entry(WORKERS, "2017-04-10", "7", "Chương Mỹ"))
    store.apply(removals=[Removal(third, 1)], by=AN)
    store.revert(store.changes(limit=1)[0].id, AN)  # the deletion undone
    store.set_total(entry(WORKERS, "2017-06-30", "100", None))
    adds = [entry(EXPORTS, "2017-05-05", quantity, "Ba Vì", f"Làng {quantity}") for quantity in ("1", "3")]
    store.import_batch(adds=adds, edits=[], batch=NewBatch("ba-vi.csv", "0" * 64, 2, 2, 0, 0), by=AN)
    nil = ValidEntry(MACHINERY, dt.date(2017, 3, 31), Decimal(0), "Ba Vì", None, None, AN, EntryKind.nil)
    store.record_nil(nil, PLAN.reporting_period_at(nil.ref_date))


def test_a_ledger_written_every_way_agrees_and_the_check_says_so(
    capsys: pytest.CaptureFixture[str], store: Ledger
) -> None:
    written_every_way(store)
    code, out, err = run_tracker(capsys, "db", "check")
    assert (code, err) == (0, "")
    assert out == "Số liệu tổng hợp theo ngày (6 dòng) khớp với các bản ghi: không có gì khác nhau.\n"
    code, out, _ = run_tracker(capsys, "--lang", "en", "db", "check", "--json")
    assert code == 0 and json.loads(out) == {"agree": True, "days": 6, "differences": [], "repaired": False}


def test_damaged_rows_are_named_with_a_failing_exit_and_repair_counts_them_again(
    capsys: pytest.CaptureFixture[str], store: Ledger
) -> None:
    written_every_way(store)
    right = service.build_overview(PLAN, store, YEAR_END)
    days = report_days.c
    with store.database.engine.begin() as connection:  # as a crash or a hand edit might leave it
        connection.execute(
            sa.update(report_days)
            .where(days.target_id == WORKERS, days.ref_date == dt.date(2017, 3, 2))
            .values(total_low=days.total_low + 5000, entries=days.entries + 1)
        )
        connection.execute(sa.delete(report_days).where(days.target_id == EXPORTS, days.place == ""))
        added_up = target_days.c
        connection.execute(
            sa.update(target_days)
            .where(added_up.target_id == WORKERS, added_up.ref_date == dt.date(2017, 3, 2))
            .values(total_low=added_up.total_low + 5000)
        )
    assert service.build_overview(PLAN, store, YEAR_END).progress_of(WORKERS).achieved == float(right.progress_of(
        WORKERS).achieved) + 5  # what the pages would show: the damage is real  # fmt: skip

    code, out, err = run_tracker(capsys, "--lang", "en", "db", "check")
    assert code == 1 and err == ""
    assert out.splitlines() == [
        "The figures kept per day (5 rows) differ from the entries on 3 days:",
        "  plan hanoi-craft-villages-2017, target craft-village-exports, place city-wide, day 2017-03-01: "
        "entries kept (no row), counted 1; nil kept (no row), counted 0; first_at kept (no row), counted "
        + store.entries_of(EXPORTS)[-1].entered_at.isoformat()
        + "; last_at kept (no row), counted "
        + store.entries_of(EXPORTS)[-1].entered_at.isoformat()
        + "; level_milli kept (no row), counted 2500; total_milli kept (no row), counted 2500",
        "  plan hanoi-craft-villages-2017, target workers-trained, place Ba Vì, day 2017-03-02: "
        "entries kept 2, counted 1; total_milli kept 50000, counted 45000",
        "  plan hanoi-craft-villages-2017, target workers-trained, place all places added up, day 2017-03-02: "
        "total_milli kept 50000, counted 45000",
        "The entries are untouched. To count the figures again from them: python -m tracker db check --repair",
    ]
    code, out, _ = run_tracker(capsys, "db", "check", "--json")
    found = json.loads(out)
    assert code == 1 and not found["agree"]
    assert [(d["target_id"], d["district"], d["ref_date"], d["columns"]) for d in found["differences"]] == [
        (EXPORTS, None, "2017-03-01", ["entries", "nil", "first_at", "last_at", "level_milli", "total_milli"]),
        (WORKERS, "Ba Vì", "2017-03-02", ["entries", "total_milli"]),
        (WORKERS, "*", "2017-03-02", ["total_milli"]),
    ]
    assert found["differences"][1]["kept"]["total_milli"] == 50000
    assert found["differences"][1]["counted"]["total_milli"] == 45000

    revision = store.revision()
    code, out, _ = run_tracker(capsys, "db", "check", "--repair")
    assert code == 0
    assert out.splitlines()[-1] == "Đã đếm lại toàn bộ từ các bản ghi trong một giao dịch: 6 dòng."
    assert store.revision() > revision  # every page reads the figures again
    assert run_tracker(capsys, "db", "check")[0] == 0
    assert service.build_overview(PLAN, store, YEAR_END) == right
