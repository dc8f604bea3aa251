"""Totals that no input can break, on SQLite and PostgreSQL.

9.500 entries of the largest quantity an earlier release accepted (just under 10¹²,
stored in thousandths) made SQLite's SUM overflow, and from then on the overview and
`summary` failed for everyone, with a message that blamed the connection. Now one entry
holds at most 100.000.000, sums are exact whatever is stored, and a database error is
reported as what it is.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.conftest import at_server
from tests.helpers import open_dashboard
from tracker import service
from tracker.cli import main
from tracker.domain.entries import MAX_QUANTITY, EntryError, ValidEntry, validate_entry
from tracker.domain.plan import Plan
from tracker.storage.ledger import SCALE, Ledger, NewBatch, entries
from tracker.storage.report_days import differences, rebuild

WORKERS = "workers-trained"
EXPORTS = "craft-village-exports"  # a level figure in million USD
OLD_LARGEST = Decimal(10) ** 12 - 1  # the largest quantity the previous release accepted
COUNT = 9_500


def store_as_an_earlier_release_did(ledger: Ledger, count: int, quantity: Decimal, target_id: str = WORKERS) -> None:
    """``count`` entries of ``quantity`` written straight into the table, as databases in
    use already hold them (one multi-row insert: this is about reading them back), and
    their days counted into report_days, as the upgrade to revision 0007 counts them."""
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "plan_id": ledger.plan_id,
            "target_id": target_id,
            "ref_date": dt.date(2017, 1, 1) + dt.timedelta(days=index % 365),
            "quantity_milli": int(quantity * SCALE),
            "district": "Chương Mỹ" if index % 2 else None,
            "village": None,
            "note": None,
            "entered_by": "Sở",
            "entered_at": now,
            "kind": "report",
            "version": 1,
            "deleted": False,
        }
        for index in range(count)
    ]
    with ledger.database.engine.begin() as connection:
        connection.execute(entries.insert(), rows)
        rebuild(connection, ledger.plan_id)


def test_sums_stay_exact_far_beyond_a_64_bit_integer(plan: Plan, ledger: Ledger) -> None:
    store_as_an_earlier_release_did(ledger, COUNT, OLD_LARGEST)
    expected = COUNT * OLD_LARGEST  # 9.499.999.999.990.500: its thousandths overflow 2^63
    assert expected * SCALE > 2**63
    year_end = dt.date(2017, 12, 31)
    assert ledger.achieved(year_end, [WORKERS])[WORKERS] == expected
    assert sum(total for _, total in ledger.daily_totals(WORKERS, year_end)) == expected
    by_district = ledger.totals_by_district(WORKERS, year_end)
    assert by_district[None] + by_district["Chương Mỹ"] == expected
    overview = service.build_overview(plan, ledger, year_end)
    assert overview.progress_of(WORKERS).achieved == float(expected)
    assert overview.entry_count == COUNT
    with ledger.database.reading() as connection:
        assert differences(connection) == []  # the recount of the kept days does not overflow either


def test_one_day_whose_sum_no_64_bit_integer_holds_is_kept_exactly(plan: Plan, ledger: Ledger) -> None:
    """An import of 9.500 such figures on one day: the day's kept sum is beyond 2^63, and
    counting them in (not a recount) keeps it exact."""
    day = dt.date(2017, 6, 30)
    adds = [ValidEntry(WORKERS, day, OLD_LARGEST, "Chương Mỹ", f"Làng {index}", None, "Sở") for index in range(COUNT)]
    ledger.import_batch(adds=adds, edits=[], batch=NewBatch("lon.csv", "0" * 64, COUNT, COUNT, 0, 0), by="Sở")
    expected = COUNT * OLD_LARGEST
    assert ledger.daily_totals(WORKERS, day) == [(day, expected)]
    assert service.build_overview(plan, ledger, day).progress_of(WORKERS).achieved == float(expected)
    with ledger.database.reading() as connection:
        assert differences(connection) == []


def test_negative_adjustments_are_summed_exactly_too(ledger: Ledger) -> None:
    store_as_an_earlier_release_did(ledger, 3_000, OLD_LARGEST)
    store_as_an_earlier_release_did(ledger, 2_999, -OLD_LARGEST)  # adjustments may be negative
    assert ledger.achieved(dt.date(2017, 12, 31), [WORKERS])[WORKERS] == OLD_LARGEST


def test_summary_works_for_everyone_after_such_entries(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    ledger = Ledger(database_url)
    store_as_an_earlier_release_did(ledger, COUNT, OLD_LARGEST)
    ledger.dispose()
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    monkeypatch.delenv("TRACKER_TARGETS", raising=False)
    capsys.readouterr()
    assert main(["summary", "--json", "--as-of", "2017-12-31"]) == 0
    out, err = capsys.readouterr()
    achieved = {row["id"]: row["achieved"] for row in json.loads(out)["targets"]}
    assert err == "" and achieved[WORKERS] == float(COUNT * OLD_LARGEST)


def test_the_overview_page_works_after_such_entries(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    ledger = Ledger(database_url)
    store_as_an_earlier_release_did(ledger, COUNT, OLD_LARGEST)
    ledger.dispose()
    app = open_dashboard(monkeypatch, database_url, query={"as_of": "2017-12-31"})
    assert not app.exception and not app.error
    assert app.title[0].value == "Tổng quan tiến độ"


def test_one_entry_holds_at_most_a_hundred_million_and_the_message_says_so(plan: Plan) -> None:
    assert validate_entry(plan, target_id=WORKERS, quantity="100000000", ref_date="2017-03-31", entered_by="An")
    with pytest.raises(EntryError) as refused:
        validate_entry(plan, target_id=EXPORTS, quantity="100000000,001", ref_date="2017-03-31", entered_by="An")
    assert [problem.code for problem in refused.value.problems] == ["too_large"]
    assert "tối đa 100.000.000" in refused.value.render("vi")[0]
    assert "at most 100,000,000" in refused.value.render("en")[0]
    assert MAX_QUANTITY == 100_000_000


def test_a_total_whose_difference_no_database_integer_holds_is_refused(plan: Plan, ledger: Ledger) -> None:
    store_as_an_earlier_release_did(ledger, COUNT, OLD_LARGEST)
    revision, count = ledger.revision(), ledger.count_entries()
    with pytest.raises(EntryError) as refused:
        service.set_total(
            plan, ledger, target_id=WORKERS, total="30000", as_of="2017-12-31", credential=at_server("Trần Thị Lan")
        )
    assert [problem.code for problem in refused.value.problems] == ["adjustment_too_large"]
    assert (ledger.revision(), ledger.count_entries()) == (revision, count)


# --- a database error is reported as what it is ---------------------------------------


@pytest.mark.postgres
def test_a_refused_query_is_not_called_an_unreachable_database(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    url = postgres_url
    monkeypatch.setenv("TRACKER_DB_LOCK_WAIT_SECONDS", "0.3")  # a query waiting on a lock gives up after 300 ms
    Ledger(url).dispose()  # the tables exist
    app = open_dashboard(monkeypatch, url)
    assert app.title[0].value == "Tổng quan tiến độ"
    holder = sa.create_engine(postgres_url)
    with holder.connect() as connection, connection.begin():
        connection.execute(
            sa.text("LOCK TABLE entries, report_days, ledger_state IN ACCESS EXCLUSIVE MODE")
        )  # readers must wait
        app.run()
        assert not app.exception
        assert app.title[-1].value == "Cơ sở dữ liệu báo lỗi"  # not "cannot be reached": it answers
        assert "số liệu đã lưu không bị thay đổi" in app.error[0].value
        capsys.readouterr()
        assert main(["summary"]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("Cơ sở dữ liệu báo lỗi (vẫn kết nối được") and "lock" in err
    holder.dispose()
    assert Ledger(url).database.answers()


def test_an_unreachable_database_is_called_so(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_dashboard(monkeypatch, "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=3")
    assert not app.exception
    assert app.title[0].value == "Không kết nối được cơ sở dữ liệu"
