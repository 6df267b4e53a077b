"""Alembic environment: runs migrations on the connection that `dayglass.storage.migrate` passes."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from dayglass.storage.distribution import has_citus
from dayglass.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    if connection.dialect.name == "postgresql" and has_citus(connection):
        # One connection per worker for the whole upgrade: Citus refuses to change a reference
        # table (users) after a parallel operation on a distributed one in the same transaction,
        # and several migrations may run in one.
        connection.execute(text("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"))
    context.run_migrations()
