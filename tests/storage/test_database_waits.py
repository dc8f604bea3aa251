"""No page and no command waits in silence for a lock: a read or a write that meets a lock
another session holds longer than TRACKER_DB_LOCK_WAIT_SECONDS (default 5) is refused,
and on PostgreSQL a statement longer than TRACKER_DB_STATEMENT_SECONDS (default 30) is
cancelled; the page says "the database refused the query", a save is refused whole.
The schema's upgrade alone waits for its turn, however long.

A page used to wait 38 seconds in silence behind an ACCESS EXCLUSIVE lock, and a save
for as long as the lock was held.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
import uuid

import pytest
import sqlalchemy as sa

from tests.app.test_app import record_in_form
from tests.helpers import PROJECT_ROOT, open_dashboard, sign_in_as
from tracker import settings
from tracker.storage.database import SCHEMA_LOCK_KEY
from tracker.storage.ledger import Ledger

pytestmark = pytest.mark.postgres
# The session holding a lock lets go after a minute whatever happens, so that code that
# waits for it (as this code did) fails the test instead of hanging it.
HOLD_AT_MOST = "SET LOCAL idle_in_transaction_session_timeout = '60s'"


def session_settings(url: str) -> tuple[str, str]:
    """lock_timeout and statement_timeout, as a connection of the tracker has them."""
    ledger = Ledger(url)
    try:
        with ledger.database.reading() as connection:
            return (
                connection.execute(sa.text("SHOW lock_timeout")).scalar_one(),
                connection.execute(sa.text("SHOW statement_timeout")).scalar_one(),
            )
    finally:
        ledger.dispose()


def test_every_connection_has_the_office_s_waits(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, postgres_url: str
) -> None:
    monkeypatch.delenv("TRACKER_DB_LOCK_WAIT_SECONDS", raising=False)
    monkeypatch.delenv("TRACKER_DB_STATEMENT_SECONDS", raising=False)
    settings.current.cache_clear()  # as a process started now reads them
    assert session_settings(postgres_url) == ("5s", "30s")  # the defaults
    monkeypatch.setenv("TRACKER_DB_LOCK_WAIT_SECONDS", "2")
    monkeypatch.setenv("TRACKER_DB_STATEMENT_SECONDS", "0")
    settings.current.cache_clear()
    assert session_settings(postgres_url) == ("2s", "0")  # 0: no limit on a statement
    monkeypatch.setenv("TRACKER_DB_LOCK_WAIT_SECONDS", "năm giây")
    settings.current.cache_clear()
    with caplog.at_level(logging.WARNING, logger="tracker.settings"):
        assert session_settings(postgres_url)[0] == "5s"  # a typo keeps the default, and is logged
    assert "TRACKER_DB_LOCK_WAIT_SECONDS='năm giây' is not a positive number" in caplog.text


def test_a_statement_longer_than_the_limit_is_cancelled(monkeypatch: pytest.MonkeyPatch, postgres_url: str) -> None:
    monkeypatch.setenv("TRACKER_DB_STATEMENT_SECONDS", "0.5")
    settings.current.cache_clear()  # as a process started now reads them
    ledger = Ledger(postgres_url)
    try:
        started = time.monotonic()
        with pytest.raises(sa.exc.OperationalError, match="statement timeout"), ledger.database.reading() as connection:
            connection.execute(sa.text("SELECT pg_sleep(30)"))
        assert time.monotonic() - started < 15
        assert ledger.count_entries() == 0  # the next query runs as usual
    finally:
        ledger.dispose()


def test_a_page_behind_a_lock_says_the_database_refused_the_query_within_seconds(
    monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    """With the default wait: the page's reads meet the lock and give up after 5 seconds."""
    monkeypatch.delenv("TRACKER_DB_LOCK_WAIT_SECONDS", raising=False)
    app = open_dashboard(monkeypatch, postgres_url)
    assert app.title[0].value == "Tổng quan tiến độ"
    holder = sa.create_engine(postgres_url)
    try:
        with holder.connect() as connection, connection.begin():
            connection.execute(sa.text(HOLD_AT_MOST))
            connection.execute(sa.text("LOCK TABLE entries, ledger_state IN ACCESS EXCLUSIVE MODE"))
            started = time.monotonic()
            app.run()
            took = time.monotonic() - started
    finally:
        holder.dispose()
    assert not app.exception
    assert app.title[-1].value == "Cơ sở dữ liệu báo lỗi"  # it answers, and refused the query
    assert "số liệu đã lưu không bị thay đổi" in app.error[0].value and "lock timeout" in app.error[0].value
    assert took < 30  # it waited 38 seconds and more before
    app.run()
    assert app.title[0].value == "Tổng quan tiến độ"  # the lock gone, the page is back


def test_a_save_behind_a_lock_is_refused_whole_and_the_same_save_works_once_it_is_gone(
    monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    monkeypatch.setenv("TRACKER_DB_LOCK_WAIT_SECONDS", "0.5")
    app = sign_in_as(open_dashboard(monkeypatch, postgres_url), postgres_url, "Trần Lan")
    before = Ledger(postgres_url)
    revision = before.revision()
    before.dispose()
    holder = sa.create_engine(postgres_url)
    try:
        with holder.connect() as connection, connection.begin():
            connection.execute(sa.text(HOLD_AT_MOST))
            # Another session is writing (an operator's long import): it may be read, not written.
            connection.execute(sa.text("LOCK TABLE ledger_state IN EXCLUSIVE MODE"))
            app = record_in_form(app, quantity="450", district="Chương Mỹ")
    finally:
        holder.dispose()
    assert not app.exception
    assert not app.success
    refused = app.error[0].value
    assert refused.startswith("Chưa lưu: cơ sở dữ liệu không nhận lần ghi này") and "lock timeout" in refused
    after = Ledger(postgres_url)
    try:
        assert (after.count_entries(), after.revision()) == (0, revision)  # nothing of it was written
    finally:
        after.dispose()
    app = record_in_form(app, quantity="450", district="Chương Mỹ")
    assert app.success[0].value == "Đã lưu bản ghi #1: 450 lao động ngày 31/03/2017."


def test_the_upgrade_waits_for_its_turn_whatever_the_lock_wait(postgres_url: str) -> None:
    """Two upgrades take turns (README): the second waits for the first however long it
    takes, with a lock wait of one millisecond for everything else."""
    name = f"tracker-upgrade-{uuid.uuid4().hex[:8]}"
    holder = sa.create_engine(postgres_url)
    with holder.connect() as first:
        first.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": SCHEMA_LOCK_KEY})  # an upgrade under way
        first.commit()
        env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
        env |= {
            "TRACKER_DATABASE_URL": postgres_url,
            "TRACKER_DB_LOCK_WAIT_SECONDS": "0.001",
            "PGAPPNAME": name,  # to find its session among the server's
            "PYTHONPATH": str(PROJECT_ROOT),
            "PYTHONIOENCODING": "utf-8",
        }
        second = subprocess.Popen(
            [sys.executable, "-m", "tracker", "--lang", "en", "db", "upgrade"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        try:
            waiting = sa.text(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name AND wait_event_type = 'Lock'"
            )
            deadline = time.monotonic() + 60
            while first.execute(waiting, {"name": name}).scalar_one() == 0:
                first.commit()
                assert second.poll() is None, second.communicate()
                assert time.monotonic() < deadline, "the second upgrade never waited for the first"
                time.sleep(0.02)  # between two looks at the server's sessions
            first.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEMA_LOCK_KEY})
            first.commit()
            out, err = second.communicate(timeout=120)
        finally:
            if second.poll() is None:
                second.kill()
                second.wait()
    holder.dispose()
    assert second.returncode == 0, err
    assert out.startswith("The database is already at schema revision")
