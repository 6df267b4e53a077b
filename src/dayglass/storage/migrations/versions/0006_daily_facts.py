"""daily facts: the seconds of facts summed per local day and activity

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 19:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the rollup and fill it from the facts already stored."""
    op.create_table(
        "daily_facts",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.BigInteger(), nullable=False),
        sa.Column("source_type", sa.SmallInteger(), nullable=False),
        sa.Column("activity_id", sa.BigInteger(), nullable=False),
        sa.Column("ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "user_id", "day", "source_type", "activity_id", name=op.f("pk_daily_facts")
        ),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO daily_facts (user_id, day, source_type, activity_id, ms) "
        "SELECT user_id, bucket - bucket % 86400, source_type, activity_id, SUM(ms) "
        "FROM facts GROUP BY user_id, bucket - bucket % 86400, source_type, activity_id"
    )


def downgrade() -> None:
    """Drop the rollup."""
    op.drop_table("daily_facts")
