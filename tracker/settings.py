"""The settings an office sets once, read once per process: where the plan file and the
database are, whether looking needs a sign-in, how long a session lasts, how long a
sign-in pause is, how long a query waits for the database. The same for the app and the
command line.

Each setting comes from the environment, else from ``.streamlit/secrets.toml`` (kept out
of the repository by .gitignore: a database password belongs there, not in a file that
is committed), else its default. A bad number is logged and its default used, so that a
typo there does not keep the whole app from starting.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.storage.database import (
    DATABASE_SETTING,
    LOCK_WAIT_SECONDS,
    STATEMENT_SECONDS,
    Waits,
    default_database_url,
)

log = logging.getLogger(__name__)

TARGETS_ENV = "TRACKER_TARGETS"
DATABASE_ENV = DATABASE_SETTING
VIEW_NEEDS_SIGN_IN_ENV = "TRACKER_VIEW_NEEDS_SIGN_IN"
SESSION_HOURS_ENV = "TRACKER_SESSION_HOURS"
PAUSE_ENV = "TRACKER_SIGNIN_PAUSE_SECONDS"
LOCK_WAIT_ENV = "TRACKER_DB_LOCK_WAIT_SECONDS"
STATEMENT_ENV = "TRACKER_DB_STATEMENT_SECONDS"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
SESSION_HOURS = 12.0  # no sign-in lasts longer than a working day
PAUSE_SECONDS = 300.0  # the pause after five wrong passwords


@dataclass(frozen=True)
class Settings:
    targets_path: Path
    database_url: str
    viewing_needs_sign_in: bool
    session_hours: float
    sign_in_pause_seconds: float
    database_waits: Waits


@functools.cache
def current() -> Settings:
    """The settings of this process, read on first use. (Tests, which change the
    environment between cases as separate processes would, start each case afresh.)"""
    secrets = _secrets()

    def setting(name: str) -> str | None:
        return os.environ.get(name) or secrets.get(name)

    return Settings(
        targets_path=Path(setting(TARGETS_ENV) or PROJECT_ROOT / "targets.yaml"),
        database_url=setting(DATABASE_ENV) or default_database_url(),
        viewing_needs_sign_in=(setting(VIEW_NEEDS_SIGN_IN_ENV) or "").strip().lower() in {"1", "true", "yes", "on"},
        session_hours=_positive(SESSION_HOURS_ENV, setting(SESSION_HOURS_ENV), SESSION_HOURS),
        sign_in_pause_seconds=_positive(PAUSE_ENV, setting(PAUSE_ENV), PAUSE_SECONDS),
        database_waits=Waits(
            lock_seconds=_positive(LOCK_WAIT_ENV, setting(LOCK_WAIT_ENV), LOCK_WAIT_SECONDS),
            statement_seconds=_limit(STATEMENT_ENV, setting(STATEMENT_ENV), STATEMENT_SECONDS),
        ),
    )


def _secrets() -> dict[str, str]:
    """The top-level keys of .streamlit/secrets.toml, as text; none if it is absent or broken."""
    try:
        with SECRETS_FILE.open("rb") as file:
            found: dict[str, Any] = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {name: str(value) for name, value in found.items() if not isinstance(value, dict)}


_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # float() would also take "١٢", "1_2", "inf"


def _positive(name: str, raw: str | None, default: float) -> float:
    text = (raw or "").strip()
    if not text:
        return default
    value = float(text) if _PLAIN_NUMBER.fullmatch(text) else -1.0
    if not (0 < value < 1e7):
        log.warning("%s=%r is not a positive number; using %s", name, text, default)
        return default
    return value


def _limit(name: str, raw: str | None, default: float) -> float | None:
    """A positive number of seconds, or 0 for no limit (None)."""
    if (raw or "").strip() == "0":
        return None
    return _positive(name, raw, default)


def targets_path() -> Path:
    """``TRACKER_TARGETS``, or targets.yaml beside dashboard.py."""
    return current().targets_path


def database_url() -> str:
    """``TRACKER_DATABASE_URL`` (e.g. postgresql+psycopg://tracker:PASSWORD@db.local/tracker),
    or the embedded SQLite file data/tracker.db."""
    return current().database_url


def viewing_needs_sign_in() -> bool:
    """Whether even looking needs a signed-in user (default: no, the overview is open to
    anyone who can reach the app; every change needs an editor either way)."""
    return current().viewing_needs_sign_in


def database_waits() -> Waits:
    """How long a query waits before the database refuses it: ``TRACKER_DB_LOCK_WAIT_SECONDS``
    for a lock another session holds (default 5), ``TRACKER_DB_STATEMENT_SECONDS`` for a
    statement to finish on PostgreSQL (default 30; 0: no limit)."""
    return current().database_waits
