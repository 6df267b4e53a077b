"""The async clients: the same endpoints as the sync ones, over httpx.AsyncClient."""

from __future__ import annotations

import asyncio
import inspect
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from dayglass.client import (
    AsyncDayglassClient,
    AsyncRescueTimeClient,
    AuthenticationError,
    DayglassClient,
    Event,
    NotFound,
    QueryError,
    RescueTimeClient,
)
from event_loops import run_async

DAY = date(2026, 11, 10)


def endpoints(kind: type) -> dict[str, inspect.Signature]:
    """The public endpoint methods of a client class and their signatures."""
    plumbing = {"send", "close", "aclose"}
    return {
        name: inspect.signature(getattr(kind, name))
        for name in dir(kind)
        if not name.startswith("_") and name not in plumbing and callable(getattr(kind, name))
    }


def test_sync_and_async_clients_offer_the_same_endpoints():
    assert endpoints(AsyncDayglassClient) == endpoints(DayglassClient)
    assert endpoints(AsyncRescueTimeClient) == endpoints(RescueTimeClient)
    assert len(endpoints(DayglassClient)) == len(endpoints(RescueTimeClient)) + 33


def test_the_async_client_ingests_reads_and_raises(live_server, account, raw):
    start = datetime(2026, 11, 10, 9, tzinfo=ZoneInfo("Europe/Berlin"))

    async def scenario() -> None:
        async with AsyncDayglassClient(account.key, base_url=live_server.url) as client:
            stored = await client.post_events("laptop", [Event("1", start, 600, "code")])
            assert stored.stored == 1
            report, data, highlight = await asyncio.gather(
                client.report(begin=DAY),
                client.data(restrict_kind="overview", restrict_begin=DAY),
                client.highlights_post(DAY, "Async"),
            )
            assert [r.seconds for r in report.rows] == [600]
            theirs = raw.get("/anapi/data", params={"restrict_kind": "overview"}).json()
            assert data.rows == theirs["rows"]
            assert [h.id for h in await client.highlights()] == [highlight.id]
            started = await client.start_focustime(25)
            assert (await client.focus()).active and started.duration == 25
            with pytest.raises(QueryError):
                await client.data(restrict_end="never")
            with pytest.raises(NotFound):
                await client.alert(1)
        async with AsyncRescueTimeClient("nope", base_url=live_server.url) as bad:
            with pytest.raises(AuthenticationError):
                await bad.daily_summary_feed()

    run_async(scenario())
