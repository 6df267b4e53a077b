"""Writers to a SQLite file take turns on its lock file: a writer waits while another holds its
turn and goes on once that one is done; a thread never waits for its own turn."""

from __future__ import annotations

import fcntl
import stat
import threading
from pathlib import Path

from tests.test_caching_snapshot import _add_user

from dayglass.storage.engine import create_db_engine, writer
from dayglass.storage.migrate import upgrade
from dayglass.storage.tables import users
from dayglass.storage.write_turns import WriteTurns

WAIT = 10.0  # seconds a step may take on a slow machine before the test fails


def _locked(path: Path) -> bool:
    with path.open("a") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(file, fcntl.LOCK_UN)
        return False


def test_a_writer_waits_for_the_turn_of_another_and_goes_on_after_it(tmp_path: Path) -> None:
    database = tmp_path / "dayglass.sqlite3"
    engine = create_db_engine(f"sqlite:///{database}")
    upgrade(engine)
    second_done = threading.Event()

    def second_writer() -> None:
        _add_user(engine, "second@example.org")
        second_done.set()

    with writer(engine).begin() as conn:  # the first writer's turn, held
        conn.execute(users.delete().where(users.c.email == "nobody@example.org"))
        thread = threading.Thread(target=second_writer)
        thread.start()
        # However long we wait, the second cannot get in while the first holds its turn,
        # and the turn is the lock file's (another process would wait on it as well).
        assert not second_done.wait(0.5)
        assert _locked(tmp_path / "dayglass.sqlite3.write-lock")
    thread.join(WAIT)
    assert second_done.is_set()
    lock_file = tmp_path / "dayglass.sqlite3.write-lock"
    assert stat.S_IMODE(lock_file.stat().st_mode) == 0o600
    assert not _locked(lock_file)  # every turn given back
    engine.dispose()


def test_a_thread_never_waits_for_its_own_turn(tmp_path: Path) -> None:
    turns = WriteTurns(tmp_path / "db.sqlite3")
    first: dict[str, object] = {}
    second: dict[str, object] = {}
    turns.take(first)
    taken = threading.Event()

    def other_thread() -> None:
        info: dict[str, object] = {}
        turns.take(info)
        taken.set()
        turns.give_back(info)

    other = threading.Thread(target=other_thread, daemon=True)
    other.start()
    turns.take(second)  # this thread holds a turn: it does not wait for itself
    assert not taken.wait(0.2)  # another thread does
    turns.give_back(second)  # it had no turn of its own to give back
    assert not taken.wait(0.2)
    turns.give_back(first)
    assert taken.wait(WAIT)
