"""The tables of the first releases, as they made them with create_all (9074334 to 0f33ca4).

A database of those releases has some or all of these tables and no version: they made
the task and account tables only when a page first needed them, so a ledger kept only
from the command line may lack them. Each table is made only if it is not there, and the
revision row only if it is missing; what those releases wrote is left as it is.

Revision ID: 0001
Revises:
Created: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen here as they were: later changes to the code's tables come as new revisions.
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # SQLite needs INTEGER for rowid keys
NAME = 120  # a person's name, as typed or as a user's display name
USERNAME = 40


def _missing(table: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    if _missing("entries"):
        _entries()
    if _missing("entry_changes"):
        _entry_changes()
    if _missing("ledger_state"):
        op.create_table(
            "ledger_state",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("revision", sa.BigInteger, nullable=False),
        )
    ledger_state = sa.table("ledger_state", sa.column("id", sa.Integer), sa.column("revision", sa.BigInteger))
    if op.get_bind().execute(sa.select(ledger_state.c.id).where(ledger_state.c.id == 1)).first() is None:
        op.bulk_insert(ledger_state, [{"id": 1, "revision": 0}])
    for table, make in (
        ("task_state", _task_state),
        ("task_notes", _task_notes),
        ("task_changes", _task_changes),
        ("users", _users),
        ("user_sessions", _user_sessions),
        ("sign_in_attempts", _sign_in_attempts),
    ):
        if _missing(table):
            make()


def _entries() -> None:
    op.create_table(
        "entries",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("ref_date", sa.Date, nullable=False),
        sa.Column("quantity_milli", sa.BigInteger, nullable=False),
        sa.Column("district", sa.String(64), nullable=True),
        sa.Column("village", sa.String(200), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("entered_by", sa.String(NAME), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
    )
    op.create_index("ix_entries_target_date", "entries", ["target_id", "deleted", "ref_date", "quantity_milli"])


def _entry_changes() -> None:
    op.create_table(
        "entry_changes",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("entry_id", Id, sa.ForeignKey("entries.id"), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reverts_change_id", Id, nullable=True),
        sa.Column("changed_by", sa.String(NAME), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("before", sa.JSON, nullable=True),
        sa.Column("after", sa.JSON, nullable=True),
    )
    op.create_index("ix_entry_changes_entry_id", "entry_changes", ["entry_id"])
    op.create_index("ix_entry_changes_target", "entry_changes", ["target_id", "id"])


def _task_state() -> None:
    op.create_table(
        "task_state",
        sa.Column("task_id", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.String(NAME), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def _task_notes() -> None:
    op.create_table(
        "task_notes",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("note_date", sa.Date, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(NAME), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn", sa.Boolean, nullable=False),
    )
    op.create_index("ix_task_notes_task", "task_notes", ["task_id", "withdrawn", "note_date"])


def _task_changes() -> None:
    op.create_table(
        "task_changes",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("note_id", Id, sa.ForeignKey("task_notes.id"), nullable=True),
        sa.Column("note_date", sa.Date, nullable=True),
        sa.Column("before", sa.JSON, nullable=True),
        sa.Column("after", sa.JSON, nullable=True),
        sa.Column("changed_by", sa.String(NAME), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reverts_change_id", Id, nullable=True),
    )
    op.create_index("ix_task_changes_task", "task_changes", ["task_id", "id"])


def _users() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(USERNAME), primary_key=True),
        sa.Column("display_name", sa.String(NAME), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
    )


def _user_sessions() -> None:
    op.create_table(
        "user_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(USERNAME), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_index("ix_user_sessions_username", "user_sessions", ["username"])


def _sign_in_attempts() -> None:
    op.create_table(
        "sign_in_attempts",
        sa.Column("username", sa.String(USERNAME), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    for table in (
        "sign_in_attempts",
        "user_sessions",
        "users",
        "task_changes",
        "task_notes",
        "task_state",
        "ledger_state",
        "entry_changes",
        "entries",
    ):
        op.drop_table(table)
