"""weekly_email: each user's weekly report choice, and the claimed and sent weeks

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 10:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import dayglass.storage.tables

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _stamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, dayglass.storage.tables.UtcDateTime(timezone=True), nullable=nullable)


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_user_id_users")
    return sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=name, ondelete="CASCADE")


def upgrade() -> None:
    """Create weekly_email_choices and weekly_email_sends."""
    op.create_table(
        "weekly_email_choices",
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        _stamp("updated_at"),
        _user_fk("weekly_email_choices"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_weekly_email_choices")),
    )
    op.create_table(
        "weekly_email_sends",
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.SmallInteger(), nullable=False),
        _stamp("due_at", nullable=True),
        _stamp("updated_at"),
        _user_fk("weekly_email_sends"),
        sa.PrimaryKeyConstraint("user_id", "week", name=op.f("pk_weekly_email_sends")),
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_table("weekly_email_sends")
    op.drop_table("weekly_email_choices")
