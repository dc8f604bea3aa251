"""What each place reported each month (report_months: how many entries, how many nil
reports, when the first and the last were entered), added up from report_days, so that
"who has reported" reads a row per target, place and month instead of one per day: the
overview's line after a write at a million entries read about 75.000 days; and what they
add up to (in two parts, as report_days), for a target's figures per district. Filled
here from report_days.

Revision ID: 0008
Revises: 0007
Created: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_months",
        sa.Column("plan_id", sa.String(64), primary_key=True),
        sa.Column("target_id", sa.String(64), primary_key=True),
        sa.Column("place", sa.String(64), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("entries", sa.Integer, nullable=False),
        sa.Column("nil", sa.Integer, nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("total_high", sa.BigInteger, nullable=False),
        sa.Column("total_low", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_report_months_plan_month", "report_months", ["plan_id", "month"])
    # a month's first day: SQLite keeps a date as its ISO text
    if op.get_bind().dialect.name == "postgresql":
        month = "CAST(date_trunc('month', ref_date) AS DATE)"
    else:
        month = "date(ref_date, 'start of month')"
    op.execute(
        "INSERT INTO report_months (plan_id, target_id, place, month, entries, nil, first_at, last_at, "
        "total_high, total_low) "
        f"SELECT plan_id, target_id, place, {month}, SUM(entries), SUM(nil), MIN(first_at), MAX(last_at), "
        "SUM(total_high), SUM(total_low) "
        f"FROM report_days GROUP BY plan_id, target_id, place, {month}"
    )


def downgrade() -> None:
    op.drop_table("report_months")
