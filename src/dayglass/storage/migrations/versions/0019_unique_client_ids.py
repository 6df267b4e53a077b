"""a device's client ids are unique: its dedupe index says so

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 17:00:00

Ingest never stored an id twice for a device (it looked the batch's ids up under the device's
lock first); the index on them now says so, and a batch's events go in with ON CONFLICT DO
NOTHING, the rows of ids already stored left out by the index itself. On PostgreSQL, looking
the ids up first was at the planner's mercy: for a device newer than the table's statistics
(or a table never analyzed) it read all the device's rows, or did so once for each id.
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_COLUMNS = ["user_id", "device_id", "client_id"]


def upgrade() -> None:
    op.create_index("uq_raw_events_device_client", "raw_events", _COLUMNS, unique=True)
    op.drop_index("ix_raw_events_device_client", table_name="raw_events")


def downgrade() -> None:
    op.create_index("ix_raw_events_device_client", "raw_events", _COLUMNS)
    op.drop_index("uq_raw_events_device_client", table_name="raw_events")
