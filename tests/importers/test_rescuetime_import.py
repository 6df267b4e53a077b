"""A RescueTime import from a second, seeded Dayglass server (it speaks the same wire)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from dayglass.client import DataResult, RescueTimeClient
from dayglass.client.call import Call
from dayglass.composition import build_import_cursors
from dayglass.core.clock import ManualClock
from dayglass.importers.pacing import Pacer
from dayglass.importers.rescuetime import RescueTimeImport, RescueTimeReport
from importers.conftest import Source, seed_source

KINDS = ["activity", "document", "category", "overview", "productivity"]
RANGE = {"restrict_begin": "2026-11-01", "restrict_end": "2026-11-09"}  # through yesterday


def answers(url: str, key: str) -> dict[str, list[list[object]]]:
    """The Data API's answers over the range: 5-minute, daily and ranked, for every kind."""
    found: dict[str, list[list[object]]] = {}
    with RescueTimeClient(key, base_url=url) as client:
        for kind in KINDS:
            for shape in ("minute", "day", "rank"):
                if shape == "rank":
                    result = client.data(restrict_kind=kind, **RANGE)
                else:
                    result = client.data(
                        perspective="interval", resolution_time=shape, restrict_kind=kind, **RANGE
                    )
                found[f"{kind}/{shape}"] = [result.row_headers, *result.rows]
    return found


class CountingClient(RescueTimeClient):
    """A client that counts the day requests it makes and, if told, dies after some of them."""

    def __init__(self, key: str, base_url: str, die_after: int | None = None) -> None:
        super().__init__(key, base_url=base_url)
        self.day_requests = 0
        self._die_after = die_after

    def send(self, call: Call) -> object:  # type: ignore[override]
        """Send, counting requests for one day's 5-minute rows."""
        if call.params.get("resolution_time") == "minute":
            if self._die_after is not None and self.day_requests >= self._die_after:
                raise KeyboardInterrupt("killed halfway")
            self.day_requests += 1
        return super().send(call)


def run_import(
    live_server, account, source: Source, client: RescueTimeClient, cursor: str = "c"
) -> RescueTimeReport:
    """Import the source account into the account, as `dayglass import rescuetime` does."""
    services = live_server.services
    engine_cursors = build_import_cursors(live_server.engine, services.clock)
    importer = RescueTimeImport(services, engine_cursors, client, cursor, Pacer(services.clock))
    return importer.run(account.user_id)


@pytest.fixture
def live_server(live_server, engine):
    """The importing server, with its engine at hand for the import cursors."""
    live_server.engine = engine
    return live_server


def test_import_reproduces_every_answer_with_the_categorization(live_server, account, source):
    with CountingClient(source.key, source.url) as client:
        report = run_import(live_server, account, source, client)
    assert report.days == 6 and report.store.rejected == 0
    assert client.day_requests == 6  # one request per day with time, none for empty days
    expected = answers(source.url, source.key)
    assert answers(live_server.url, account.key) == expected
    # Two devices at once made buckets of more than 300 seconds: they came through too.
    per_bucket: dict[object, int] = {}
    for row in expected["productivity/minute"][1:]:
        per_bucket[row[0]] = per_bucket.get(row[0], 0) + int(row[1])  # type: ignore[call-overload]
    assert max(per_bucket.values()) > 300
    # The categorization came along: the source's overrides are the importer's own now.
    assert {"Slack", "youtube.com", "Terminal", "news.ycombinator.com"} <= set(
        report.categories.overridden
    )
    # Today is not a whole day yet: it waits at the source for a later import.
    assert day_total(source.url, source.key, "2026-11-10") == 600
    assert day_total(live_server.url, account.key, "2026-11-10") == 0


def day_total(url: str, key: str, day: str) -> int:
    """The seconds of one local day."""
    with RescueTimeClient(key, base_url=url) as client:
        result = client.data(restrict_kind="productivity", restrict_begin=day, restrict_end=day)
    return sum(int(seconds) for seconds in result.column("Time Spent (seconds)"))


def test_a_second_run_adds_nothing(live_server, account, source):
    with RescueTimeClient(source.key, base_url=source.url) as client:
        run_import(live_server, account, source, client)
        before = answers(live_server.url, account.key)
        again = run_import(live_server, account, source, client)
        assert again.days == 0 and again.store.stored == 0  # the cursor says all is done
        # Even without the cursor (another one), every event is known by its id.
        fresh = run_import(live_server, account, source, client, cursor="another")
    assert fresh.days == 6 and fresh.store.stored == 0 and fresh.store.duplicates > 0
    assert answers(live_server.url, account.key) == before


def test_killed_halfway_the_rerun_continues_and_completes(live_server, account, source):
    dying = CountingClient(source.key, source.url, die_after=3)
    with dying, pytest.raises(KeyboardInterrupt):
        run_import(live_server, account, source, dying)
    with CountingClient(source.key, source.url) as client:
        report = run_import(live_server, account, source, client)
    assert client.day_requests == 3 and report.days == 3  # it went on from day four
    assert report.skipped_days > 0
    assert answers(live_server.url, account.key) == answers(source.url, source.key)


class Refusing:
    """An ASGI wrapper answering the Data API's first requests with the given statuses."""

    def __init__(self, app, statuses: list[int]) -> None:
        self.app = app
        self.statuses = statuses

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/anapi/data") and self.statuses:
            status = self.statuses.pop(0)
            headers = [(b"content-type", b"application/json")]
            if status == 429:
                headers.append((b"retry-after", b"7"))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            body = b'{"error": {"code": "busy", "message": "try later"}}'
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


@pytest.fixture
def busy_source(source_app, app_server) -> Iterator[tuple[Source, Refusing]]:
    """The seeded source behind a wrapper that first says 429, then 503, then 502."""
    services = source_app.state.services
    user_id, key = seed_source(services)
    refusing = Refusing(source_app, [429, 503, 502])
    with app_server(refusing) as url:
        yield Source(url, services, user_id, key), refusing


def test_polite_retries_with_backoff_on_the_clock(live_server, account, busy_source, clock):
    source, refusing = busy_source
    assert isinstance(clock, ManualClock)
    pacer = Pacer(clock, interval=1.0, first_backoff=2.0)
    cursors = build_import_cursors(live_server.engine, clock)
    started = clock.monotonic()
    with RescueTimeClient(source.key, base_url=source.url) as client:
        report = RescueTimeImport(live_server.services, cursors, client, "c", pacer).run(
            account.user_id, since=date(2026, 11, 1)
        )
    assert refusing.statuses == [] and pacer.retried == 3 and report.days == 6
    # Retry-After 7 s, then 2 s and 4 s of backoff; and a second between requests.
    assert clock.monotonic() - started >= 7 + 2 + 4
    assert answers(live_server.url, account.key) == answers(source.url, source.key)


def test_the_data_answers_are_the_shape_the_import_reads(source):
    with RescueTimeClient(source.key, base_url=source.url) as client:
        result: DataResult = client.data(
            perspective="interval",
            resolution_time="minute",
            restrict_kind="document",
            restrict_begin="2026-11-02",
            restrict_end="2026-11-02",
        )
    assert result.row_headers[3:] == ["Activity", "Document", "Category", "Productivity"]
    assert result.rows
