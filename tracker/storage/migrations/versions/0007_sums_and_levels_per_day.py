"""What each place's entries of each day add up to and the day's level, kept in
report_days (total_high, total_low, level_milli), and the same sums with the places added
up, one row per plan, target and day (target_days), so that the overview, the target page
and the year-on-year page read a row per day reported instead of every entry. Filled
here from the entries there: every row of report_days is counted again.

The sum is kept in two parts (each entry's quotient and remainder by 2^32, truncated as
both databases divide integers) that no 64-bit sum overflows; the level is the quantity of
the day's last live entry, by id, that is not a nil report (NULL when there is none).

Revision ID: 0007
Revises: 0006
Created: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SPLIT = 2**32

# One recount of every day from the live entries, the same on SQLite and PostgreSQL:
# the level is the quantity of the entry whose id is the day's largest among its entries
# that are not nil reports.
RECOUNT = f"""
INSERT INTO report_days (plan_id, target_id, place, ref_date, entries, nil, first_at, last_at,
                         total_high, total_low, level_milli)
SELECT days.plan_id, days.target_id, days.place, days.ref_date, days.entries, days.nil, days.first_at,
       days.last_at, days.total_high, days.total_low,
       (SELECT level.quantity_milli FROM entries level WHERE level.id = days.level_id)
FROM (
    SELECT plan_id, target_id, COALESCE(district, '') AS place, ref_date, COUNT(*) AS entries,
           SUM(CASE WHEN kind = 'nil' THEN 1 ELSE 0 END) AS nil,
           MIN(entered_at) AS first_at, MAX(entered_at) AS last_at,
           SUM(quantity_milli / {SPLIT}) AS total_high, SUM(quantity_milli % {SPLIT}) AS total_low,
           MAX(CASE WHEN kind <> 'nil' THEN id END) AS level_id
    FROM entries WHERE deleted = false
    GROUP BY plan_id, target_id, COALESCE(district, ''), ref_date
) days
"""


def upgrade() -> None:
    op.add_column("report_days", sa.Column("total_high", sa.BigInteger, nullable=False, server_default="0"))
    op.add_column("report_days", sa.Column("total_low", sa.BigInteger, nullable=False, server_default="0"))
    op.add_column("report_days", sa.Column("level_milli", sa.BigInteger, nullable=True))
    op.execute("DELETE FROM report_days")
    op.execute(RECOUNT)
    op.create_index(
        "ix_report_days_sums",
        "report_days",
        ["plan_id", "target_id", "ref_date", "place", "total_high", "total_low", "level_milli"],
    )
    op.create_index(
        "ix_report_days_levels", "report_days", ["plan_id", "target_id", "place", "ref_date", "level_milli"]
    )
    op.create_table(
        "target_days",
        sa.Column("plan_id", sa.String(64), primary_key=True),
        sa.Column("target_id", sa.String(64), primary_key=True),
        sa.Column("ref_date", sa.Date, primary_key=True),
        sa.Column("entries", sa.Integer, nullable=False),
        sa.Column("total_high", sa.BigInteger, nullable=False),
        sa.Column("total_low", sa.BigInteger, nullable=False),
    )
    op.execute(
        "INSERT INTO target_days (plan_id, target_id, ref_date, entries, total_high, total_low) "
        "SELECT plan_id, target_id, ref_date, SUM(entries), SUM(total_high), SUM(total_low) "
        "FROM report_days GROUP BY plan_id, target_id, ref_date"
    )


def downgrade() -> None:
    op.drop_table("target_days")
    op.drop_index("ix_report_days_levels", table_name="report_days")
    op.drop_index("ix_report_days_sums", table_name="report_days")
    with op.batch_alter_table("report_days") as table:
        table.drop_column("level_milli")
        table.drop_column("total_low")
        table.drop_column("total_high")
