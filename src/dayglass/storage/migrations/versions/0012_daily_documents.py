"""daily documents: the seconds of facts summed per local day, activity and document

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 11:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the rollup and fill it from the facts already stored."""
    op.create_table(
        "daily_documents",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.BigInteger(), nullable=False),
        sa.Column("source_type", sa.SmallInteger(), nullable=False),
        sa.Column("activity_id", sa.BigInteger(), nullable=False),
        sa.Column("document_id", sa.BigInteger(), nullable=False),
        sa.Column("ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "user_id",
            "day",
            "source_type",
            "activity_id",
            "document_id",
            name=op.f("pk_daily_documents"),
        ),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_daily_documents_document",
        "daily_documents",
        ["user_id", "document_id", "day", "ms"],
        unique=False,
    )
    op.execute(
        "INSERT INTO daily_documents (user_id, day, source_type, activity_id, document_id, ms) "
        "SELECT user_id, bucket - bucket % 86400, source_type, activity_id, document_id, SUM(ms) "
        "FROM facts "
        "GROUP BY user_id, bucket - bucket % 86400, source_type, activity_id, document_id"
    )


def downgrade() -> None:
    """Drop the rollup."""
    op.drop_index("ix_daily_documents_document", table_name="daily_documents")
    op.drop_table("daily_documents")
