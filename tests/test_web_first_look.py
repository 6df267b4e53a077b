"""A newcomer's first look at any hour, and the calendar's first and last days on every page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from dayglass.core.clock import ManualClock
from dayglass.services.demo import load_demo

PASSWORD = "correct horse"


@pytest.fixture
def database_url(sqlite_database_url) -> str:
    """Page tests run on SQLite (the engines are covered by the API tests)."""
    return sqlite_database_url


@pytest.fixture
def clock() -> ManualClock:
    """04:00 on a Monday in Berlin: the demo's working hours of today have not begun."""
    return ManualClock.at_local("2026-11-16T04:00")


@pytest.fixture
def signed_in(live_server, account, services) -> Iterator[httpx.Client]:
    """A signed-in client of a server whose account has two weeks of demo data."""
    load_demo(services.ingest, account.user_id, "Europe/Berlin", services.clock, days=14)
    with httpx.Client(timeout=30, base_url=live_server.url, follow_redirects=False) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
        assert token
        form = {"csrf": token.group(1), "email": account.email, "password": PASSWORD, "next": "/"}
        assert client.post("/login", data=form).status_code == 303
        yield client


def _total(html: str) -> str:
    found = re.search(r'data-testid="total">([^<]*)<', html)
    assert found, html
    return found.group(1).strip()


def test_an_empty_today_opens_on_the_latest_day_with_time(signed_in):
    html = signed_in.get("/").text
    assert 'data-testid="moved"' in html
    assert "No time yet today" in html
    assert "Sunday, 15 November 2026" in html  # the phone had time on Sunday evening
    assert _total(html) != "no time"
    assert 'href="/?span=day&amp;day=2026-11-16"' in html or "day=2026-11-16" in html


def test_asking_for_today_shows_today_even_when_empty(signed_in):
    html = signed_in.get("/", params={"day": "2026-11-16"}).text
    assert 'data-testid="moved"' not in html
    assert _total(html) == "no time"


def test_an_empty_week_opens_on_the_latest_week_with_time(signed_in):
    html = signed_in.get("/", params={"span": "week"}).text
    # Sunday the 15th starts this week; the demo's phone has time on Sunday, so it is not empty.
    assert 'data-testid="moved"' not in html
    assert _total(html) != "no time"


EDGE_DAYS = ["0001-01-01", "0001-01-06", "0001-12-31", "9999-01-01", "9999-12-25", "9999-12-31"]


@pytest.mark.parametrize("span", ["day", "week", "month"])
def test_the_dashboard_answers_at_the_ends_of_the_calendar(signed_in, span):
    for day in EDGE_DAYS:
        answer = signed_in.get("/", params={"span": span, "day": day})
        assert answer.status_code == 200, (day, answer.text[:300])
        assert _total(answer.text) == "no time"
        if day == "9999-12-31":
            assert "Next →" not in answer.text
        if day == "0001-01-01":
            assert "← Previous" not in answer.text


@pytest.mark.parametrize(
    "path",
    ["/reports", "/highlights", "/offline", "/alerts", "/focus", "/summaries", "/categorize"],
)
def test_every_page_answers_at_the_ends_of_the_calendar(signed_in, path):
    for day in EDGE_DAYS:
        for params in (
            {"begin": day, "end": day},
            {"begin": "0001-01-01", "end": "9999-12-31"},
            {"day": day, "span": "month"},
            {"begin": day, "end": day, "format": "csv"},
        ):
            answer = signed_in.get(path, params=params)
            assert answer.status_code < 500, (path, params, answer.text[:300])
