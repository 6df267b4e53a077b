"""server-side web sessions and the sign-in limit's counters

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import dayglass.storage.tables

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the sessions and sign-in attempts tables."""
    op.create_table(
        "web_sessions",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "last_seen_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("user_agent", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_web_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "token_hash", name=op.f("pk_web_sessions")),
    )
    op.create_table(
        "signin_attempts",
        sa.Column("subject", sa.LargeBinary(length=16), nullable=False),
        sa.Column(
            "window_start", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("subject", name=op.f("pk_signin_attempts")),
    )
    op.create_index(
        "ix_signin_attempts_window_start", "signin_attempts", ["window_start"], unique=False
    )


def downgrade() -> None:
    """Drop the sessions and sign-in attempts tables."""
    op.drop_index("ix_signin_attempts_window_start", table_name="signin_attempts")
    op.drop_table("signin_attempts")
    op.drop_table("web_sessions")
