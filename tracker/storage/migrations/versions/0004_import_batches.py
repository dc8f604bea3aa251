"""District reports imported from a file are kept as batches: who imported which file
(its name and SHA-256), when, how many rows were new, changed or unchanged, and whether
the batch was undone. Each entry change an import made names its batch, so the whole
import is listed, and undone, as one.

Revision ID: 0004
Revises: 0003
Created: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NAME = 120  # a person's name, as revision 0001 made it
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("plan_id", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("imported_by", sa.String(NAME), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("new", sa.Integer, nullable=False),
        sa.Column("changed", sa.Integer, nullable=False),
        sa.Column("unchanged", sa.Integer, nullable=False),
        sa.Column("reverted_by", sa.String(NAME), nullable=True),
        sa.Column("reverted_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_import_batches_plan", "import_batches", ["plan_id", "id"])
    # NULL for every change made before imports existed, and for changes made by hand.
    op.add_column("entry_changes", sa.Column("batch_id", Id, nullable=True))
    op.create_index("ix_entry_changes_batch", "entry_changes", ["batch_id"])


def downgrade() -> None:
    op.drop_index("ix_entry_changes_batch", table_name="entry_changes")
    op.drop_column("entry_changes", "batch_id")
    op.drop_index("ix_import_batches_plan", table_name="import_batches")
    op.drop_table("import_batches")
