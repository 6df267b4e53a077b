"""A live Dayglass server on SQLite and a test clock, with clients for the Berlin account."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from dayglass.client import DayglassClient
from dayglass.core.clock import ManualClock

DAY = "2026-11-10"


@pytest.fixture
def database_url(sqlite_database_url: str) -> str:
    """The client talks HTTP; the engine behind the server does not matter here."""
    return sqlite_database_url


@pytest.fixture
def clock() -> ManualClock:
    """Tuesday 2026-11-10 12:00 in Berlin, standing still."""
    return ManualClock.at_local(f"{DAY}T12:00")


@pytest.fixture
def client(live_server, account) -> Iterator[DayglassClient]:
    """The library's client for the account's key."""
    with DayglassClient(account.key, base_url=live_server.url) as made:
        yield made


@pytest.fixture
def raw(live_server, account) -> Iterator[httpx.Client]:
    """Plain HTTP with the account's key as a Bearer token, to check the client against."""
    with live_server.client(account.key) as made:
        yield made
