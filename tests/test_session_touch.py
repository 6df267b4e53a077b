"""A browser session's use is noted once a minute, by one of the requests that find it due."""

from __future__ import annotations

import pytest

from dayglass.core.clock import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    """Any fixed moment: the test moves it on."""
    return ManualClock.at_local("2026-11-25T15:30")


def test_requests_that_find_the_noting_due_together_write_it_once(services, account, clock):
    sessions = services.sessions
    token = sessions.start(account.user_id, "Browser/1")
    clock.advance(minutes=2)
    # Many requests of one page load read the session before any of them noted its use.
    seen = [sessions.signed_in(account.user_id, token) for _ in range(3)]
    found = [session for _, session in filter(None, seen)]
    assert [sessions.take_touch(session) for session in found] == [True, False, False]
    sessions.touch(found[0])
    noted = sessions.signed_in(account.user_id, token)
    assert noted is not None and noted[1].last_seen_at == clock.now()
    assert not sessions.take_touch(noted[1])

    clock.advance(seconds=61)
    later = sessions.signed_in(account.user_id, token)
    assert later is not None and sessions.take_touch(later[1])


def test_each_session_is_noted_on_its_own(services, account, clock):
    sessions = services.sessions
    tokens = [sessions.start(account.user_id, agent) for agent in ("Laptop/1", "Phone/1")]
    clock.advance(minutes=2)
    found = [sessions.signed_in(account.user_id, token) for token in tokens]
    assert [sessions.take_touch(f[1]) for f in found if f is not None] == [True, True]
