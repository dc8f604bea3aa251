"""Where the plan file and the database are: the same for the app and the command line."""

from __future__ import annotations

import os
from pathlib import Path

from tracker.ledger import default_database_url

TARGETS_ENV = "TRACKER_TARGETS"
DATABASE_ENV = "TRACKER_DATABASE_URL"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def targets_path() -> Path:
    """``TRACKER_TARGETS``, or targets.yaml beside dashboard.py."""
    return Path(os.environ.get(TARGETS_ENV) or PROJECT_ROOT / "targets.yaml")


def database_url() -> str:
    """``TRACKER_DATABASE_URL`` (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test),
    or the embedded SQLite file data/tracker.db."""
    return os.environ.get(DATABASE_ENV) or default_database_url()
