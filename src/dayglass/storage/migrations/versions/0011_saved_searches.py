"""saved searches: an embed key keeps a search keyword, a project and a relative period

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 10:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Add search, project_id and period to embed_keys (all empty for existing keys)."""
    with op.batch_alter_table("embed_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search", sa.String(length=200), nullable=True))
        # No foreign key: a key whose project was removed answers nothing rather than
        # blocking the removal or silently widening to all time.
        batch_op.add_column(sa.Column("project_id", _ID, nullable=True))
        batch_op.add_column(sa.Column("period", sa.String(length=16), nullable=True))


def downgrade() -> None:
    """Drop the saved-search columns."""
    with op.batch_alter_table("embed_keys", schema=None) as batch_op:
        batch_op.drop_column("period")
        batch_op.drop_column("project_id")
        batch_op.drop_column("search")
