"""Revoking a credential row: keys, embed keys and OAuth grants share the same rule."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, Table, update


def revoke_row(
    writer: Engine, table: Table, row_id: int, now: datetime, user_id: int | None = None
) -> bool:
    """Set revoked_at once on the row (of user_id, when given); whether it was active."""
    conditions = [table.c.id == row_id, table.c.revoked_at.is_(None)]
    if user_id is not None:
        conditions.append(table.c.user_id == user_id)
    with writer.begin() as conn:
        result = conn.execute(update(table).where(*conditions).values(revoked_at=now))
    return result.rowcount > 0
