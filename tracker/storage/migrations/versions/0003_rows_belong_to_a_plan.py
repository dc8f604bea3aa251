"""Every entry, entry change, task state, task note and task change belongs to a plan.

The releases before this one tracked one plan, the 2017 plan, so every row they wrote is
given to it. The same target or task id may then live in two plans (``workers-trained``
in 2017 and in 2018) without their figures ever mixing: the entries' covering index and
the changes' index lead with the plan, and a task's state is keyed by plan and task.

Revision ID: 0003
Revises: 0002
Created: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen here: the id of the one plan the earlier releases knew (targets.yaml's 2017 plan).
FIRST_PLAN_ID = "hanoi-craft-villages-2017"
NAME = 120  # a person's name, as revision 0001 made it


def _plan_column() -> sa.Column[str]:
    # SQLite adds a NOT NULL column only with a default, which fills the rows already there.
    return sa.Column("plan_id", sa.String(64), nullable=False, server_default=FIRST_PLAN_ID)


def upgrade() -> None:
    is_postgresql = op.get_bind().dialect.name == "postgresql"
    for table in ("entries", "entry_changes", "task_notes", "task_changes"):
        op.add_column(table, _plan_column())
        if is_postgresql:  # from now on every write names its plan; none may fall back to 2017
            op.alter_column(table, "plan_id", server_default=None)

    op.drop_index("ix_entries_target_date", table_name="entries")
    op.create_index(
        "ix_entries_plan_target_date", "entries", ["plan_id", "target_id", "deleted", "ref_date", "quantity_milli"]
    )
    op.drop_index("ix_entry_changes_target", table_name="entry_changes")
    op.create_index("ix_entry_changes_plan_target", "entry_changes", ["plan_id", "target_id", "id"])

    # A task's state is keyed by plan and task: a new table, the rows copied, the old one dropped.
    op.rename_table("task_state", "task_state_before_0003")
    op.create_table(
        "task_state",
        sa.Column("plan_id", sa.String(64), nullable=False),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.String(NAME), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("plan_id", "task_id", name="pk_task_state_plan_task"),
    )
    op.execute(
        sa.text(
            "INSERT INTO task_state (plan_id, task_id, status, version, updated_by, updated_at) "
            "SELECT :plan, task_id, status, version, updated_by, updated_at FROM task_state_before_0003"
        ).bindparams(plan=FIRST_PLAN_ID)
    )
    op.drop_table("task_state_before_0003")


def downgrade() -> None:
    """Back to one plan: refused while any row belongs to another plan (it would mix)."""
    connection = op.get_bind()
    for table in ("entries", "entry_changes", "task_state", "task_notes", "task_changes"):
        others = connection.execute(
            sa.text(f"SELECT COUNT(*) FROM {table} WHERE plan_id <> :plan").bindparams(plan=FIRST_PLAN_ID)
        ).scalar_one()
        if others:
            raise RuntimeError(f"{table} holds {others} rows of plans other than {FIRST_PLAN_ID}")
    op.rename_table("task_state", "task_state_after_0003")
    op.create_table(
        "task_state",
        sa.Column("task_id", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.String(NAME), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.execute(
        "INSERT INTO task_state (task_id, status, version, updated_by, updated_at) "
        "SELECT task_id, status, version, updated_by, updated_at FROM task_state_after_0003"
    )
    op.drop_table("task_state_after_0003")
    op.drop_index("ix_entry_changes_plan_target", table_name="entry_changes")
    op.create_index("ix_entry_changes_target", "entry_changes", ["target_id", "id"])
    op.drop_index("ix_entries_plan_target_date", table_name="entries")
    op.create_index("ix_entries_target_date", "entries", ["target_id", "deleted", "ref_date", "quantity_milli"])
    for table in ("entries", "entry_changes", "task_notes", "task_changes"):
        op.drop_column(table, "plan_id")
