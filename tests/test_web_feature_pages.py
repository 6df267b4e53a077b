"""Alerts, highlights, focus, offline time and daily summaries pages in a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from dayglass.core.clock import Clock, ManualClock

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
PASSWORD = "correct horse"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def database_url(sqlite_database_url) -> str:
    """Browser tests run on SQLite (the engines are covered by the API tests)."""
    return sqlite_database_url


@pytest.fixture
def clock() -> ManualClock:
    """01:30 on a Monday in Berlin: three hours back is yesterday, whatever the real hour."""
    return ManualClock.at_local("2026-11-16T01:30")


@pytest.fixture
def page(browser: Browser, live_server, account) -> Iterator[Page]:
    """A fresh browser tab, signed in as the account."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto("/")
    tab.get_by_label("Email").fill(account.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.get_by_role("navigation", name="Main")).to_be_visible()
    yield tab
    context.close()


def shot(page: Page, name: str) -> None:
    """Save a screenshot for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def nav(page: Page, name: str) -> None:
    """Follow a link of the main navigation."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def local_hours_ago(clock: Clock, hours: float) -> str:
    """A Berlin wall-clock time some hours before the clock's now, as the offline form takes it."""
    return (clock.now().astimezone(BERLIN) - timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")


def test_create_an_alert_see_it_listed_then_delete_it(page: Page):
    nav(page, "Alerts")
    page.get_by_label("When a day has").select_option("more")
    page.get_by_label("Hours", exact=True).fill("2.5")
    page.get_by_label("Of", exact=True).select_option("all_distracting")
    page.get_by_role("button", name="Add alert").click()
    alerts = page.get_by_test_id("alerts")
    expect(alerts).to_contain_text("More than 2.5 hours of All Distracting Time")
    shot(page, "alerts")
    page.get_by_role("link", name="Change More than 2.5 hours of All Distracting Time").click()
    page.get_by_label("Hours", exact=True).fill("3")
    page.get_by_role("button", name="Save alert").click()
    expect(alerts).to_contain_text("More than 3 hours of All Distracting Time")
    page.get_by_role("button", name="Delete More than 3 hours of All Distracting Time").click()
    expect(alerts).to_contain_text("No alerts yet.")


def test_a_bad_alert_shows_the_api_message_and_keeps_the_input(page: Page):
    nav(page, "Alerts")
    page.get_by_label("Hours", exact=True).fill("-3")
    page.get_by_label("Of", exact=True).select_option("overview")
    page.get_by_label("Name or level").fill("Software Development")
    page.get_by_role("button", name="Add alert").click()
    expect(page.get_by_role("alert")).to_have_text("hours: more than 0 and at most 24")
    expect(page.get_by_label("Hours", exact=True)).to_have_value("-3")
    expect(page.get_by_label("Of", exact=True)).to_have_value("overview")
    expect(page.get_by_label("Name or level")).to_have_value("Software Development")
    shot(page, "alerts-error")


def test_add_rewrite_and_delete_a_highlight(page: Page):
    nav(page, "Highlights")
    page.get_by_label("What got done", exact=True).fill("Shipped the web pages")
    page.get_by_role("button", name="Add highlight").click()
    highlights = page.get_by_test_id("highlights")
    expect(highlights).to_contain_text("Shipped the web pages")
    page.get_by_role("link", name="Rewrite Shipped the web pages").click()
    page.get_by_label("What got done", exact=True).fill("Shipped five web pages")
    page.get_by_label("Day (YYYY-MM-DD)").fill("2026-02-30")
    page.get_by_role("button", name="Save highlight").click()
    expect(page.get_by_role("alert")).to_contain_text("highlight_date: expected YYYY-MM-DD")
    expect(page.get_by_label("What got done", exact=True)).to_have_value("Shipped five web pages")
    page.get_by_label("Day (YYYY-MM-DD)").fill("2026-02-28")
    page.get_by_role("button", name="Save highlight").click()
    expect(highlights).to_contain_text("Shipped five web pages")
    expect(highlights).to_contain_text("2026-02-28")
    shot(page, "highlights")
    page.get_by_role("button", name="Delete Shipped five web pages").click()
    expect(highlights).to_contain_text("No highlights yet.")


def test_start_a_focus_session_and_end_it(page: Page):
    nav(page, "Focus")
    expect(page.get_by_test_id("focus-now")).to_contain_text("No session is running.")
    page.get_by_label("Minutes (a multiple of 5").fill("7")
    page.get_by_role("button", name="Start session").click()
    expect(page.get_by_role("alert")).to_contain_text("duration: a positive multiple of 5 minutes")
    expect(page.get_by_label("Minutes (a multiple of 5")).to_have_value("7")
    page.get_by_label("Minutes (a multiple of 5").fill("25")
    page.get_by_role("button", name="Start session").click()
    expect(page.get_by_test_id("focus-now")).to_contain_text("Focusing since")
    expect(page.get_by_test_id("focus-sessions")).to_contain_text("running")
    shot(page, "focus")
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_test_id("focus-now")).to_contain_text("No session is running.")
    expect(page.get_by_test_id("focus-sessions")).to_contain_text("(early)")


def test_add_offline_time_and_a_five_hour_entry_is_refused(page: Page, clock: ManualClock):
    nav(page, "Offline")
    start = local_hours_ago(clock, 3)
    page.get_by_label("Start (YYYY-MM-DD HH:MM, your time)").fill(start)
    page.get_by_label("Minutes", exact=True).fill("45")
    page.get_by_label("Activity", exact=True).fill("Team meeting")
    page.get_by_role("button", name="Add offline time").click()
    entries = page.get_by_test_id("offline")
    expect(entries).to_contain_text("Team meeting")
    expect(entries).to_contain_text(start)
    expect(entries).to_contain_text("45m")
    page.get_by_label("Start (YYYY-MM-DD HH:MM, your time)").fill(local_hours_ago(clock, 6))
    page.get_by_label("Minutes", exact=True).fill("300")
    page.get_by_label("Activity", exact=True).fill("Long hike")
    page.get_by_role("button", name="Add offline time").click()
    expect(page.get_by_role("alert")).to_have_text(
        "duration: at most 4 hours of offline time an entry"
    )
    expect(page.get_by_label("Minutes", exact=True)).to_have_value("300")
    expect(page.get_by_label("Activity", exact=True)).to_have_value("Long hike")
    shot(page, "offline")
    page.get_by_role("link", name="Change Team meeting").click()
    page.get_by_label("Minutes", exact=True).fill("60")
    page.get_by_role("button", name="Save entry").click()
    expect(entries).to_contain_text("1h")
    page.get_by_role("button", name="Delete Team meeting").click()
    expect(entries).to_contain_text("No offline time yet.")


def test_the_summaries_page_lists_a_summarized_day(page: Page, services, account, clock):
    yesterday = clock.now().astimezone(BERLIN).date() - timedelta(days=1)
    fields = {
        "start_time": f"{yesterday} 10:00",
        "duration": 90,
        "activity_name": "Reading",
    }
    services.offline.add(account.user_id, fields)
    assert services.summaries.snapshot(account.user_id, yesterday)
    nav(page, "Summaries")
    row = page.get_by_test_id("summaries").locator("tr", has_text=yesterday.isoformat())
    expect(row).to_contain_text("1h 30m")
    shot(page, "summaries")
