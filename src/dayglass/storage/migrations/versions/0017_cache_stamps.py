"""cache stamps: a counter on each user, raised by every change to what server processes keep
of the user in memory

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 19:30:00

A server process keeps each user's categorization overrides between requests and reads only
the user's `cache_stamp` (on Citus, a row of a reference table that the coordinator holds
itself) to see whether they changed. Existing users start at 0.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


# Not in batch mode: on SQLite that copies the table, and dropping the old users table would
# delete every row that cascades from it. SQLite alters a column in place (3.35 and later).


def upgrade() -> None:
    op.add_column(
        "users", sa.Column("cache_stamp", sa.BigInteger(), nullable=False, server_default="0")
    )


def downgrade() -> None:
    op.drop_column("users", "cache_stamp")
