"""Where the plan file and the database are, and the settings an office sets once: the
same for the app and the command line.

Each setting comes from the environment, else from ``.streamlit/secrets.toml`` (kept out
of the repository by .gitignore: a database password belongs there, not in a file that
is committed), else its default.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from tracker.storage.database import DATABASE_SETTING, default_database_url

TARGETS_ENV = "TRACKER_TARGETS"
DATABASE_ENV = DATABASE_SETTING
VIEW_NEEDS_SIGN_IN_ENV = "TRACKER_VIEW_NEEDS_SIGN_IN"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"


def _secret(name: str) -> str | None:
    """A setting from .streamlit/secrets.toml (top-level key of the same name), if any."""
    try:
        with SECRETS_FILE.open("rb") as file:
            value = tomllib.load(file).get(name)
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return None if value is None else str(value)


def setting(name: str) -> str | None:
    return os.environ.get(name) or _secret(name)


def targets_path() -> Path:
    """``TRACKER_TARGETS``, or targets.yaml beside dashboard.py."""
    return Path(setting(TARGETS_ENV) or PROJECT_ROOT / "targets.yaml")


def database_url() -> str:
    """``TRACKER_DATABASE_URL`` (e.g. postgresql+psycopg://tracker:PASSWORD@db.local/tracker),
    or the embedded SQLite file data/tracker.db."""
    return setting(DATABASE_ENV) or default_database_url()


def viewing_needs_sign_in() -> bool:
    """Whether even looking needs a signed-in user (default: no, the overview is open to
    anyone who can reach the app; every change needs an editor either way)."""
    return (setting(VIEW_NEEDS_SIGN_IN_ENV) or "").strip().lower() in {"1", "true", "yes", "on"}
