"""feeds: daily summaries, alerts, highlights, focus sessions, offline time

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 19:18:33.870326
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import dayglass.storage.tables

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "alerts",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("comparison", sa.String(length=8), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=True),
        sa.Column("webhook_url", sa.String(length=2048), nullable=True),
        sa.Column("created_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_alerts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    op.create_index("ix_alerts_user", "alerts", ["user_id"], unique=False)

    op.create_table(
        "daily_summaries",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("total_seconds", sa.BigInteger(), nullable=False),
        sa.Column("seconds", sa.Text(), nullable=False),
        sa.Column("made_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_daily_summaries_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "day", name=op.f("pk_daily_summaries")),
    )
    op.create_table(
        "focus_sessions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("started_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("ends_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_focus_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_focus_sessions")),
    )
    op.create_index(
        "ix_focus_sessions_user_start", "focus_sessions", ["user_id", "started_at"], unique=False
    )

    op.create_table(
        "highlights",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=True),
        sa.Column("created_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_highlights_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_highlights")),
    )
    op.create_index("ix_highlights_user_day", "highlights", ["user_id", "day"], unique=False)

    op.create_table(
        "offline_entries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("start_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.Column("utc_offset_min", sa.SmallInteger(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=255), nullable=False),
        sa.Column("details", sa.String(length=255), nullable=False),
        sa.Column("device", sa.String(length=128), nullable=False),
        sa.Column("created_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_offline_entries_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_entries")),
    )
    op.create_index(
        "ix_offline_entries_user_start", "offline_entries", ["user_id", "start_at"], unique=False
    )

    op.create_table(
        "alert_triggerings",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("alert_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("message", sa.String(length=400), nullable=False),
        sa.Column("created_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "webhook_due_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column("webhook_attempts", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_alert_triggerings_alert_id_alerts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_triggerings")),
        sa.UniqueConstraint("alert_id", "day", name="uq_alert_triggerings_alert_day"),
    )
    op.create_index(
        "ix_alert_triggerings_due", "alert_triggerings", ["webhook_due_at"], unique=False
    )
    op.create_index(
        "ix_alert_triggerings_user", "alert_triggerings", ["user_id", "created_at"], unique=False
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_alert_triggerings_user", table_name="alert_triggerings")
    op.drop_index("ix_alert_triggerings_due", table_name="alert_triggerings")

    op.drop_table("alert_triggerings")
    op.drop_index("ix_offline_entries_user_start", table_name="offline_entries")

    op.drop_table("offline_entries")
    op.drop_index("ix_highlights_user_day", table_name="highlights")

    op.drop_table("highlights")
    op.drop_index("ix_focus_sessions_user_start", table_name="focus_sessions")

    op.drop_table("focus_sessions")
    op.drop_table("daily_summaries")
    op.drop_index("ix_alerts_user", table_name="alerts")

    op.drop_table("alerts")
