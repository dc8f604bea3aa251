"""An index of the entries by plan, target, place and day, so that an import's rows are
compared with what their own place recorded on their own day: along the (plan, target,
day) index alone, a 2.000-row preview at a million entries read every place's entries of
each day it named (13 s on the benchmark's machine).

Revision ID: 0009
Revises: 0008
Created: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_entries_plan_target_place_date", "entries", ["plan_id", "target_id", "district", "ref_date"]
    )


def downgrade() -> None:
    op.drop_index("ix_entries_plan_target_place_date", table_name="entries")
