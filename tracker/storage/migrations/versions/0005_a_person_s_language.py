"""Each person's language is kept on their account: chosen once in the sidebar, it comes
back at the next sign-in, in any browser. NULL for every account made before (and for
anyone who never switched): the app's default, Vietnamese, applies.

Revision ID: 0005
Revises: 0004
Created: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LANGUAGE = 8  # "vi", "en": room for a code such as "zh-Hant", never free text


def upgrade() -> None:
    op.add_column("users", sa.Column("language", sa.String(LANGUAGE), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as table:  # SQLite drops a column by copying the table
        table.drop_column("language")
