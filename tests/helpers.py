"""What many tests share: where things are, opening the dashboard in AppTest as staff do
(on a page, signed in), and seeding a ledger with entries.

AppTest runs the pages with no network connection behind them, so, like every session
without an address, it is not "this computer": before any user exists it may only look
(tracker.access.is_this_computer). A test that changes figures therefore signs in, as
every editor does once the first administrator exists. The typed-name mode of a fresh
install, which only a browser at the server itself gets, is tested in a real browser
(tests/e2e).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from tracker import settings
from tracker.cli import main as tracker_main
from tracker.domain.access import Role
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.i18n import HANOI_TIME
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger, entries
from tracker.storage.report_days import rebuild

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(PROJECT_ROOT / "dashboard.py")
TARGETS_FILE = PROJECT_ROOT / "targets.yaml"
BROKEN_PLANS = Path(__file__).resolve().parent / "domain" / "broken_plans"  # plan files with one mistake each
PASSWORD = "mật-khẩu-đủ-dài-2017"
TIMEOUT = 60
_SIGN_IN_LABELS = {"Đăng nhập", "Sign in"}


def open_dashboard(
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    page: str | None = None,
    *,
    targets: Path | None = None,
    query: dict[str, str] | None = None,
) -> AppTest:
    """The dashboard on ``url`` (and ``targets``, else the real plan), run once, then on
    ``page`` if one is named, as a link with ``query`` would open it."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", url)
    if targets is None:
        monkeypatch.delenv("TRACKER_TARGETS", raising=False)
    else:
        monkeypatch.setenv("TRACKER_TARGETS", str(targets))
    settings.current.cache_clear()  # the app starts: it reads the settings as they are now
    app = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    app.query_params.update(query or {})
    app.run()
    if page is not None:
        app.switch_page(page).run()
    return app


def username_for(display_name: str) -> str:
    """A user name for a person named in a test (user names are ASCII, names are not)."""
    return "u" + hashlib.sha256(display_name.encode("utf-8")).hexdigest()[:12]


def account(url: str, display_name: str, role: Role = Role.editor) -> str:
    """The user name of ``display_name``'s account, made with ``role`` if there is none."""
    username = username_for(display_name)
    store = Ledger(url)
    try:
        accounts = Accounts(store.database)
        if all(user.username != username for user in accounts.list_users()):
            accounts.add_user(username, display_name, role, PASSWORD)
    finally:
        store.dispose()
    return username


def sign_in_as(app: AppTest, url: str, display_name: str, role: Role = Role.editor) -> AppTest:
    """Sign in through the sidebar's form as ``display_name`` (an account with ``role`` is
    made first if none has that name), as a person would; the page is run again."""
    username = account(url, display_name, role)
    app.run()  # the sign-in form shows once an account exists
    app.sidebar.text_input(key="sign_in_user").set_value(username)
    app.sidebar.text_input(key="sign_in_password").set_value(PASSWORD)
    sign_in_button(app).click().run()
    assert not app.exception
    assert any(display_name in text.value for text in app.sidebar.text), f"{display_name} is not signed in"
    return app


def sign_in_button(app: AppTest) -> Any:
    return next(button for button in app.sidebar.button if button.label in _SIGN_IN_LABELS)


def as_read(text: str) -> str:
    """A Markdown body as a person reads it on the page: a character escaped so that it
    shows as written (``\\(`` for a bracket) reads as itself, and the invisible joiner that
    keeps a bare address from becoming a link is not there to see."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def open_page(
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    page: str,
    *,
    person: str | None = None,
    query: dict[str, str] | None = None,
    targets: Path | None = None,
) -> AppTest:
    """``page`` as a link with ``query`` opens it; with ``person``, signed in as that editor."""
    app = open_dashboard(monkeypatch, url, page, targets=targets, query=query)
    if person is not None:
        sign_in_as(app, url, person)
    assert not app.exception
    return app


def record(url: str, plan: Plan, *rows: tuple[str, object, str, str | None], by: str = "Sở") -> list[int]:
    """Entries as if recorded earlier, each (target, quantity, date, district), checked as
    any entry is, written straight to the ledger of ``url``; their ids."""
    store = Ledger(url)
    try:
        return [
            store.record(
                validate_entry(plan, target_id=target, quantity=quantity, ref_date=day, district=place, entered_by=by)
            )
            for target, quantity, day, place in rows
        ]
    finally:
        store.dispose()


def run_tracker(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``python -m tracker argv``, in-process."""
    capsys.readouterr()
    code = tracker_main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def entered_on(store: Ledger, entry_id: int, day: str) -> None:
    """The entry as if entered at 09:00 that day in Hanoi (the ledger stamps the present),
    and the days each place reported (tracker.storage.report_days) counted again, as after
    a bulk load: who has reported reads them."""
    moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9), tzinfo=HANOI_TIME)
    with store.database.engine.begin() as connection:
        connection.execute(update(entries).where(entries.c.id == entry_id).values(entered_at=moment))
        rebuild(connection, store.plan_id)
