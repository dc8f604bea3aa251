"""Sign-in failure counters kept under a hash of the name or address, never the text typed.

Release 9074334 counted a failed sign-in under the name as typed (a password typed into
the name box by mistake stayed in the database in clear for up to a day) and under
"@address". Each such row moves to its hashed key, its count and pause kept (added to a
hashed row of the same key if one is there). A database with no such rows is unchanged.

Revision ID: 0002
Revises: 0001
Created: 2026-11-30
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen here as the accounts hashed them when this revision was written: a later change
# to how the accounts key their counters must not change what this revision did.
KEY_LENGTH = 39
HASHED = re.compile(r"[~@][0-9a-f]{39}")

attempts = sa.table(
    "sign_in_attempts",
    sa.column("username", sa.String),
    sa.column("failures", sa.Integer),
    sa.column("paused_until", sa.DateTime(timezone=True)),
    sa.column("last_failed_at", sa.DateTime(timezone=True)),
)


def _hashed(prefix: str, typed: str) -> str:
    return prefix + hashlib.sha256(typed.encode("utf-8", "surrogatepass")).hexdigest()[:KEY_LENGTH]


def _key(stored: str) -> str:
    if stored.startswith("@"):
        return _hashed("@", stored[1:] or "no-address")
    return _hashed("~", stored.strip().lower())


def _latest(*moments: dt.datetime | None) -> dt.datetime | None:
    known = [moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC) for moment in moments if moment is not None]
    return max(known, default=None)


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(attempts)).all()
    kept: dict[str, Any] = {row.username: row for row in rows if HASHED.fullmatch(row.username)}
    for row in rows:
        if row.username in kept:
            continue
        key = _key(row.username)
        connection.execute(attempts.delete().where(attempts.c.username == row.username))
        there = kept.get(key)
        values = {
            "failures": row.failures + (there.failures if there is not None else 0),
            "paused_until": _latest(row.paused_until, there.paused_until if there is not None else None),
            "last_failed_at": _latest(row.last_failed_at, there.last_failed_at if there is not None else None),
        }
        if there is None:
            connection.execute(attempts.insert().values(username=key, **values))
        else:
            connection.execute(attempts.update().where(attempts.c.username == key).values(**values))
        kept[key] = connection.execute(sa.select(attempts).where(attempts.c.username == key)).one()


def downgrade() -> None:
    """The names and addresses cannot be read back from their hashes; the counters stay."""
