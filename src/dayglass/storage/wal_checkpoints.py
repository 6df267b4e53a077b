"""Checkpoints of an SQLite database's write-ahead log, off the path of the requests.

SQLite copies its log back into the database file (a checkpoint) when a commit leaves more
than 1,000 pages in it, in that commit: an ingest batch that happens to cross the mark waits
for the copy and an fsync besides its own work. A server's engine turns that off
(`create_db_engine(..., checkpoints_in_background=True)`) and the server's background loop
calls `checkpoint` about once a second instead, on a thread of its own. A passive checkpoint
waits for no reader and no writer; each process of a server with several runs its own (one
finds the log already copied). Commands other than the server keep SQLite's automatic
checkpoints, and the last connection to close copies whatever is left.
"""

from __future__ import annotations

from sqlalchemy import Engine


def checkpoint(engine: Engine) -> int:
    """Copy what the log holds back into the database file, as far as readers allow, without
    waiting for anyone; the pages the log held (0 when it was empty or another process was
    checkpointing)."""
    # The driver's own connection: SQLAlchemy would open a transaction, which a checkpoint of
    # the same connection cannot pass.
    conn = engine.raw_connection()
    try:
        cursor = conn.cursor()
        busy, logged, _copied = cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        cursor.close()
    finally:
        conn.close()
    return 0 if busy else max(int(logged), 0)
