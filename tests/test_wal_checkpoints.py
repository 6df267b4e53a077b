"""A server's SQLite log is copied back into the database file by its background loop, not by
the commit that happens to cross SQLite's 1,000-page mark; other engines keep SQLite's own
checkpoints."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import Engine

from dayglass.composition import build_services
from dayglass.core.clock import SystemClock
from dayglass.http.background import Background
from dayglass.storage.engine import create_db_engine, writer
from dayglass.storage.migrate import upgrade
from dayglass.storage.wal_checkpoints import checkpoint
from event_loops import run_async

AUTOMATIC_MARK = 1000  # pages: SQLite checkpoints at the commit that passes it, unless told not to
WAIT = 30.0  # seconds the loop may take on a slow machine before the test fails


def _engine(folder: Path, background: bool) -> Engine:
    engine = create_db_engine(
        f"sqlite:///{folder / 'dayglass.sqlite3'}", checkpoints_in_background=background
    )
    upgrade(engine)
    with writer(engine).begin() as conn:
        conn.exec_driver_sql("CREATE TABLE padding (value TEXT)")
    return engine


def _write_pages(engine: Engine, commits: int = 15) -> None:
    """About 1,500 pages of log, a hundred a commit."""
    for _ in range(commits):
        with writer(engine).begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO padding VALUES (?)", [("x" * 3000,) for _ in range(100)]
            )


def test_a_server_engine_leaves_the_log_to_its_checkpoints(tmp_path: Path) -> None:
    engine = _engine(tmp_path, background=True)
    _write_pages(engine)
    assert checkpoint(engine) > AUTOMATIC_MARK  # no commit copied it
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM padding").scalar_one() == 1500
    engine.dispose()


def test_other_engines_keep_sqlites_own_checkpoints(tmp_path: Path) -> None:
    engine = _engine(tmp_path, background=False)
    _write_pages(engine)
    assert checkpoint(engine) < AUTOMATIC_MARK  # the commit that passed the mark copied it
    engine.dispose()


def test_the_background_loop_checkpoints_a_sqlite_server(tmp_path: Path) -> None:
    engine = _engine(tmp_path, background=True)
    _write_pages(engine)
    copied: list[int] = []

    def copy() -> int:
        copied.append(checkpoint(engine))
        return copied[-1]

    async def serve_a_while() -> None:
        background = Background(build_services(engine, SystemClock()), checkpoint=copy)
        await background.start()
        try:
            async with asyncio.timeout(WAIT):
                while not any(pages > AUTOMATIC_MARK for pages in copied):
                    await asyncio.sleep(0.05)
        finally:
            await background.stop()

    run_async(serve_a_while())
    assert max(copied) > AUTOMATIC_MARK  # the log the commits left, copied by the loop
    engine.dispose()
