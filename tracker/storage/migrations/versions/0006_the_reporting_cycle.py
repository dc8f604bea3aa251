"""The reporting cycle: the districts an account may write (user_districts), one status
per plan, district and period (period_statuses: open, submitted, approved, locked) and
their history (period_events), and what each place reported each day (report_days,
filled from the entries there). Nil reports are entries of kind "nil" and need no table.

Every account made before has no district: it may write every district and the city, as
before. Nothing is locked: every period starts open.

Revision ID: 0006
Revises: 0005
Created: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

USERS = "users"  # the accounts' table
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "user_districts",
        sa.Column("username", sa.String(40), sa.ForeignKey(f"{USERS}.username", ondelete="CASCADE"), primary_key=True),
        sa.Column("district", sa.String(64), primary_key=True),
    )
    op.create_table(
        "period_statuses",
        sa.Column("plan_id", sa.String(64), primary_key=True),
        sa.Column("period", sa.String(16), primary_key=True),
        sa.Column("district", sa.String(64), primary_key=True),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("changed_by", sa.String(120), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("first_approved_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_period_statuses_days", "period_statuses", ["plan_id", "status", "start_date"])
    op.create_table(
        "period_events",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("plan_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("district", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("status_before", sa.String(16), nullable=False),
        sa.Column("status_after", sa.String(16), nullable=False),
        sa.Column("changed_by", sa.String(120), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
    )
    op.create_index("ix_period_events_plan", "period_events", ["plan_id", "id"])


    # What each place reported each day (tracker.storage.report_days), counted from the
    # entries there: "who has reported" reads it instead of every entry.
    op.create_table(
        "report_days",
        sa.Column("plan_id", sa.String(64), primary_key=True),
        sa.Column("target_id", sa.String(64), primary_key=True),
        sa.Column("place", sa.String(64), primary_key=True),
        sa.Column("ref_date", sa.Date, primary_key=True),
        sa.Column("entries", sa.Integer, nullable=False),
        sa.Column("nil", sa.Integer, nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_report_days_plan_date", "report_days", ["plan_id", "ref_date"])
    op.execute(
        "INSERT INTO report_days (plan_id, target_id, place, ref_date, entries, nil, first_at, last_at) "
        "SELECT plan_id, target_id, COALESCE(district, ''), ref_date, COUNT(*), "
        "SUM(CASE WHEN kind = 'nil' THEN 1 ELSE 0 END), MIN(entered_at), MAX(entered_at) "
        "FROM entries WHERE deleted = false GROUP BY plan_id, target_id, COALESCE(district, ''), ref_date"
    )


def downgrade() -> None:
    op.drop_index("ix_report_days_plan_date", table_name="report_days")
    op.drop_table("report_days")
    op.drop_index("ix_period_events_plan", table_name="period_events")
    op.drop_table("period_events")
    op.drop_index("ix_period_statuses_days", table_name="period_statuses")
    op.drop_table("period_statuses")
    op.drop_table("user_districts")
