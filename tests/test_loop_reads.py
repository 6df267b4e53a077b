"""Where a Data API question is read: on the event loop for a personal key's short question on
SQLite, on a worker thread otherwise."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from tests.serving import Account, LiveServer

from dayglass.http.compat.rescuetime.responses import KEY_NOT_FOUND

WORKER_THREAD = "AnyIO worker thread"
BACKGROUND_THREAD = "asyncio_"  # the loop's own executor, where the background loops read
TODAY = date(2026, 3, 11)  # any day: the questions name their days


@pytest.fixture
def read_threads(in_process_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads the app's requests read reports on, in order."""
    seen: list[str] = []
    reports = in_process_server.services.reports
    stream: Callable[..., Iterator[Any]] = reports.stream

    def noting_stream(*args: Any, **kwargs: Any) -> Iterator[Any]:
        name = threading.current_thread().name
        if not name.startswith(BACKGROUND_THREAD):
            seen.append(name)
        return stream(*args, **kwargs)

    monkeypatch.setattr(reports, "stream", noting_stream)
    return seen


def _ask(server: LiveServer, key: str, days: int) -> list[list[object]]:
    first = TODAY - timedelta(days=days - 1)
    params = {
        "format": "json",
        "restrict_begin": first.isoformat(),
        "restrict_end": TODAY.isoformat(),
    }
    answer = server.client(key).get("/anapi/data", params=params)
    assert answer.status_code == 200, answer.text
    rows: list[list[object]] = answer.json()["rows"]
    return rows


def test_a_short_question_is_read_on_the_loop_on_sqlite_only(
    in_process_server: LiveServer, account: Account, engine: Engine, read_threads: list[str]
) -> None:
    _ask(in_process_server, account.key, 1)  # the key's first use: noted on a worker thread
    assert read_threads == [WORKER_THREAD]
    _ask(in_process_server, account.key, 1)
    _ask(in_process_server, account.key, 31)
    on_loop = engine.dialect.name == "sqlite"
    assert [name != WORKER_THREAD for name in read_threads[1:]] == [on_loop, on_loop]


def test_a_long_question_is_read_on_a_worker_thread(
    in_process_server: LiveServer, account: Account, read_threads: list[str]
) -> None:
    _ask(in_process_server, account.key, 32)
    assert read_threads == [WORKER_THREAD]


def test_a_question_read_on_the_loop_notes_the_keys_use(
    in_process_server: LiveServer, account: Account
) -> None:
    accounts = in_process_server.services.accounts
    (before,) = accounts.keys(account.user_id)
    assert before.last_used_at is None
    _ask(in_process_server, account.key, 1)
    (after,) = accounts.keys(account.user_id)
    assert after.last_used_at is not None


def test_a_revoked_key_is_refused_on_the_loop_at_once(
    in_process_server: LiveServer, account: Account
) -> None:
    accounts = in_process_server.services.accounts
    _ask(in_process_server, account.key, 1)
    (record,) = accounts.keys(account.user_id)
    accounts.revoke_key(record.id)
    answer = in_process_server.client(account.key).get("/anapi/data", params={"format": "json"})
    assert answer.content == KEY_NOT_FOUND  # RescueTime's answer to a revoked key (a 200)
