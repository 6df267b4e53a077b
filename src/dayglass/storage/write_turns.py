"""Writers to a SQLite file take turns on a lock file, woken as soon as the last one is done.

SQLite lets one writer in at a time, and one that finds the file locked polls: its busy handler
sleeps 1, 2, 5, ... up to 100 ms between tries, while a writer arriving later may get in first.
With four clients sending batches of 1,000 events, most of a batch's time went to those sleeps
(py-spy: 4,204 of 5,786 database samples were `BEGIN IMMEDIATE` waiting) and one batch in a
hundred waited 1.6 s or more. Here each write transaction first takes an exclusive `flock` on
`<database>.write-lock`, which the kernel hands to a waiter the moment it is released, across
threads and server processes alike (each transaction opens the file anew, so two threads of one
process exclude each other too). The turn is held from `BEGIN IMMEDIATE` until the connection
goes back to the pool, after its COMMIT or ROLLBACK.

A thread that already holds a turn and opens a second write transaction does not wait for
itself: that transaction meets SQLite's own lock, as it did before there were turns.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path
from typing import Any

_TURN = "dayglass_write_turn"


class WriteTurns:
    """The turns of the writers to one SQLite file."""

    def __init__(self, database: Path) -> None:
        self._path = database.with_name(database.name + ".write-lock")
        self._holders: set[int] = set()  # threads that hold a turn now
        self._guard = threading.Lock()

    def take(self, info: dict[str, Any]) -> None:
        """Wait for this thread's turn, noting it in a pooled connection's info."""
        thread = threading.get_ident()
        with self._guard:
            if thread in self._holders or _TURN in info:
                return
        descriptor = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except BaseException:
            os.close(descriptor)
            raise
        with self._guard:
            self._holders.add(thread)
        info[_TURN] = (descriptor, thread)

    def give_back(self, info: dict[str, Any]) -> None:
        """End the turn noted in a connection's info, if any (closing the file unlocks it)."""
        held = info.pop(_TURN, None)
        if held is None:
            return
        descriptor, thread = held
        with self._guard:
            self._holders.discard(thread)
        os.close(descriptor)
