"""summary activities: each daily summary keeps its activities' time and categorization

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the activities column (empty for summaries made before it)."""
    with op.batch_alter_table("daily_summaries") as batch:
        batch.add_column(sa.Column("activities", sa.Text(), nullable=True))


def downgrade() -> None:
    """Drop the activities column."""
    with op.batch_alter_table("daily_summaries") as batch:
        batch.drop_column("activities")
