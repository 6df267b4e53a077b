"""Which requests read the database on the event loop itself, and how many worker threads
the others get.

On SQLite a read is work done in this process: the file is local, and in WAL mode a reader
never waits for a writer. A worker thread gains such a read nothing and costs it much under
load: Python's `sqlite3` lets go of the GIL at every row it steps, so a worker thread and the
event loop (and the other workers) hand the GIL to each other hundreds of times a request.
Measured with `bench/load.py` (one-day `/anapi/data`, one process): 434, 471 and 485 requests/s
at 1, 4 and 16 clients read on the loop, against 411, 275 and 295 on two worker threads.

The Data API's short questions, the API key and the browser session behind a request, and the
endpoints marked `short_read` (`dayglass.http.one_hop`: the dashboard, the focus check) read
this way. A question that could take long still goes to a worker thread, so that it does not
hold up the other requests of its process: one over more than `LOOP_READ_DAYS` days, an
organization's, and anything on PostgreSQL, whose reads wait on the network (a worker thread
waits there while the loop goes on with other requests). Writes never run on the loop.
"""

from __future__ import annotations

LOOP_READ_DAYS = 31

# Worker threads for routes' blocking work. Forty (anyio's default) only fought over the GIL and
# the connection pool, so that more clients got less done. On SQLite that work is all Python and
# CPU: with 6 threads one process served 34 signed-in dashboards a second to one client and 20
# to four, with 2 threads 36 and 31 (and `/api/v1/focus` rose from 473 to 736 requests/s from 1
# to 64 clients); 2 rather than 1, so that one long request (an export) does not hold up all the
# others. On PostgreSQL a thread spends much of a request waiting on the network: 6.
_REQUEST_THREADS = {"sqlite": 2}
_REQUEST_THREADS_ELSEWHERE = 6


def reads_on_loop(dialect_name: str) -> bool:
    """Whether short reads of a database of this dialect are made on the event loop."""
    return dialect_name == "sqlite"


def request_threads(dialect_name: str) -> int:
    """How many worker threads a server process gives routes' blocking work."""
    return _REQUEST_THREADS.get(dialect_name, _REQUEST_THREADS_ELSEWHERE)


# Connections a server process uses at most at once, beside two for each request thread (its
# request's read and a write of its own): the reads made on the event loop and the background
# loops (days closing, alerts, webhooks, checkpoints).
_CONNECTIONS_BESIDE_THREADS = 6


def process_connections(dialect_name: str) -> int:
    """How many database connections a server process keeps open."""
    return 2 * request_threads(dialect_name) + _CONNECTIONS_BESIDE_THREADS
