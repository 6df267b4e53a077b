"""The sign-in limit over real HTTP: parallel guesses, the owner afterwards, memory."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from tests.security.conftest import post_login

from dayglass.core.clock import ManualClock
from dayglass.services.signin_limit import ACCOUNT_TRIES, ADDRESS_TRIES, WINDOW
from event_loops import run_async
from serving import PASSWORD


@pytest.fixture
def clock() -> ManualClock:
    """A clock that stands still: the whole burst falls in one window."""
    return ManualClock.at_local("2026-11-10T12:00")


def _guess(url: str, email: str, attempt: int) -> int:
    with httpx.Client(base_url=url, timeout=60) as client:
        return post_login(client, email, f"wrong guess {attempt}").status_code


def test_parallel_guesses_get_no_more_than_the_limit_and_the_owner_then_signs_in(
    live_server, account, clock, sign_in
):
    known = sign_in(account.email, agent="the owner's laptop")  # signed in here before
    with ThreadPoolExecutor(max_workers=100) as pool:
        answers = list(pool.map(lambda n: _guess(live_server.url, account.email, n), range(100)))
    assert set(answers) <= {401, 429}
    assert answers.count(401) == ACCOUNT_TRIES  # passwords checked: exactly the limit
    # The owner's known browser is counted on its own: it signs in at once.
    assert post_login(known, account.email, PASSWORD).status_code == 303
    # From a new browser the owner waits for the window to end, no longer.
    with httpx.Client(base_url=live_server.url, timeout=30) as fresh:
        refused = post_login(fresh, account.email, PASSWORD)
        assert refused.status_code == 429
        wait = int(refused.headers["Retry-After"])
        assert 0 < wait <= WINDOW.total_seconds()
        clock.advance(seconds=wait)
        assert post_login(fresh, account.email, PASSWORD).status_code == 303
        assert fresh.get("/account").status_code == 200


def test_guesses_at_many_accounts_stop_at_the_address_limit(live_server, account, clock):
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        answers = [
            post_login(client, f"nobody{n}@example.com", "wrong guess").status_code
            for n in range(40)
        ]
    assert answers.count(401) == ADDRESS_TRIES
    assert answers.count(429) == 40 - ADDRESS_TRIES


async def _flood(url: str, emails: list[str]) -> list[int]:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        token = await _token(client)
        queue = list(reversed(emails))
        statuses: list[int] = []

        async def worker() -> None:
            while queue:
                email = queue.pop()
                data = {"csrf": token, "email": email, "password": "x", "next": "/"}
                statuses.append((await client.post("/login", data=data)).status_code)

        await asyncio.gather(*(worker() for _ in range(8)))
    return statuses


async def _token(client: httpx.AsyncClient) -> str:
    page = (await client.get("/login")).text
    return page.split('name="csrf" value="', 1)[1].split('"', 1)[0]


def _emails(first: int, count: int, long_every: int) -> list[str]:
    # Every long_every-th email is 100 KB: the server must keep none of them.
    return [
        ("x" * 100_000 if n % long_every == 0 else f"guess{n}") + f"{n}@example.com"
        for n in range(first, first + count)
    ]


def test_twenty_thousand_emails_leave_memory_bounded(served):
    run_async(_flood(served.url, _emails(0, 1_000, 100)))  # warm up: pages, pools, caches
    before = served.rss_kib()
    statuses = run_async(_flood(served.url, _emails(1_000, 20_000, 100)))
    after = served.rss_kib()
    assert len(statuses) == 20_000 and set(statuses) <= {401, 429}
    assert after - before < 16 * 1024, (before, after)  # KiB: at most 16 MiB more
