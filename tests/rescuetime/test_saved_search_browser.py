"""In a real browser: search the reports page, press Embed with raw access, and the key it gives
answers that search through `/anapi/data`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from test_saved_search import DAY, FRIDAY, SEARCH

from dayglass.core.clock import ManualClock

COLUMNS = ["Activity", "Document"]
MATCHING = {"client xyz notes.txt", "Invoice Client XYZ.docx", "Client XYZ board"}


@pytest.fixture
def database_url(sqlite_database_url) -> str:
    """Browser tests run on SQLite (the engines are covered by the HTTP tests)."""
    return sqlite_database_url


@pytest.fixture
def clock() -> ManualClock:
    """Friday 2026-11-20 18:00 in Berlin, after the day's events, at any real time."""
    return ManualClock.at_local(f"{DAY}T18:00")


@pytest.fixture
def page(browser: Browser, live_server, account) -> Iterator[Page]:
    """A signed-in browser tab, and an account with Friday's time."""
    batch = {"device": "laptop", "source_type": "computers", "events": FRIDAY}
    live_server.client(account.key).post("/api/v1/events", json=batch).raise_for_status()
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.goto("/login")
    tab.get_by_label("Email").fill(account.email)
    tab.get_by_label("Password").fill("correct horse")
    tab.get_by_role("button", name="Sign in").click()
    yield tab
    context.close()


def test_search_embed_with_raw_access_then_fetch_through_the_data_api(page: Page):
    page.goto(f"/reports?begin={DAY}&end={DAY}&group_by=document")
    table = page.get_by_test_id("report")
    expect(table).to_contain_text("main.py")
    page.get_by_label("Search").fill(SEARCH)
    page.get_by_role("button", name="Show", exact=True).click()
    expect(table.locator("tbody tr")).to_have_count(len(MATCHING))
    expect(table).not_to_contain_text("main.py")
    page.get_by_text("Embed this report on another page").click()
    page.get_by_label("Title").fill("Client XYZ daily")
    page.get_by_label("Days").select_option("today")
    page.get_by_label("enable raw data").check()
    page.get_by_role("button", name="Embed", exact=True).click()
    data_url = page.get_by_test_id("data-url").inner_text().strip()
    answer = httpx.get(f"{data_url}&restrict_begin=2026-01-01")  # a widening that is ignored
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0][:5] == [
        "Rank",
        "Time Spent (seconds)",
        "Number of People",
        "Activity",
        "Document",
    ]
    assert {r[4] for r in rows[1:]} == MATCHING
    assert sum(int(r[1]) for r in rows[1:]) == 600 + 1200 + 420
    page.goto("/keys")
    expect(page.get_by_test_id("embeds")).to_contain_text(f"today, per none, search “{SEARCH}”")
