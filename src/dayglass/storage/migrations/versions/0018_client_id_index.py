"""raw events deduplicated by an index on the client's id instead of on a hash of it

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 04:00:00

The dedupe index was on a 63-bit hash of each event's client id: small, but a batch's thousand
new rows landed on a thousand scattered index pages, each one written again at commit (on
SQLite about 4 MB of write-ahead log for 1,000 rows of a 600,000-row table, against 140 KB with
an index on the ids, which a client makes in order). The hash column goes with its index.
Downgrading computes the hashes again (the same 63-bit BLAKE2b of the id).
"""

from __future__ import annotations

from hashlib import blake2b

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_ROWS_AT_ONCE = 10_000


def upgrade() -> None:
    op.create_index(
        "ix_raw_events_device_client", "raw_events", ["user_id", "device_id", "client_id"]
    )
    op.drop_index("ix_raw_events_device_hash", table_name="raw_events")
    # Not in batch mode: SQLite drops an unindexed column in place (3.35 and later).
    op.drop_column("raw_events", "client_hash")


def _id_hash(client_id: str) -> int:
    digest = blake2b(client_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def downgrade() -> None:
    op.add_column(
        "raw_events",
        sa.Column("client_hash", sa.BigInteger(), nullable=False, server_default="0"),
    )
    conn = op.get_bind()
    rows = sa.table(
        "raw_events",
        sa.column("id", sa.BigInteger),
        sa.column("user_id", sa.BigInteger),
        sa.column("client_id", sa.String),
        sa.column("client_hash", sa.BigInteger),
    )
    fill = (
        sa.update(rows)
        .where(rows.c.user_id == sa.bindparam("u"), rows.c.id == sa.bindparam("i"))
        .values(client_hash=sa.bindparam("h"))
    )
    last = (-1, -1)
    while True:
        batch = conn.execute(
            sa.select(rows.c.user_id, rows.c.id, rows.c.client_id)
            .where(sa.tuple_(rows.c.user_id, rows.c.id) > sa.tuple_(*last))
            .order_by(rows.c.user_id, rows.c.id)
            .limit(_ROWS_AT_ONCE)
        ).all()
        if not batch:
            break
        conn.execute(fill, [{"u": u, "i": i, "h": _id_hash(c)} for u, i, c in batch])
        last = (batch[-1][0], batch[-1][1])
    op.create_index(
        "ix_raw_events_device_hash", "raw_events", ["user_id", "device_id", "client_hash"]
    )
    op.drop_index("ix_raw_events_device_client", table_name="raw_events")
