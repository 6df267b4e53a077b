"""The web app in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from dayglass.core.clock import ManualClock
from dayglass.services.demo import load_demo

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
PASSWORD = "correct horse"


@pytest.fixture
def database_url(sqlite_database_url) -> str:
    """Browser tests run on SQLite (the engines are covered by the API tests)."""
    return sqlite_database_url


@pytest.fixture
def clock() -> ManualClock:
    """Pages are looked at on a Wednesday afternoon in Berlin, whatever the real hour."""
    return ManualClock.at_local("2026-11-18T15:30")


@pytest.fixture
def demo_server(live_server, account, services):
    """A live server whose account has two weeks of demo data."""
    load_demo(services.ingest, account.user_id, "Europe/Berlin", services.clock, days=14)
    return live_server


@pytest.fixture
def page(browser: Browser, demo_server) -> Iterator[Page]:
    """A fresh browser tab."""
    context = browser.new_context(base_url=demo_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def shot(page: Page, name: str) -> None:
    """Save a screenshot for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def nav(page: Page, name: str) -> None:
    """Follow a link of the main navigation."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Fill in and send the sign-in form."""
    page.goto("/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_and_see_the_dashboard_drawn(page: Page, account):
    sign_in(page, account.email)
    expect(page.get_by_role("heading", name="Productivity pulse")).to_be_visible()
    expect(page.locator("#timeline")).to_have_attribute("data-drawn", "yes")
    expect(page.get_by_test_id("total")).not_to_have_text("no time")
    expect(page.get_by_test_id("activities")).to_contain_text("Visual Studio Code")
    shot(page, "dashboard-day")
    page.get_by_label("Show").select_option("week")
    page.get_by_role("button", name="Go").click()
    expect(page.locator("#timeline")).to_have_attribute("data-drawn", "yes")
    shot(page, "dashboard-week")


def test_drill_into_an_overview_then_an_activity(page: Page, account):
    sign_in(page, account.email)
    page.get_by_test_id("overviews").get_by_role("link", name="Software Development").click()
    expect(page.locator(".drill")).to_contain_text("Software Development")
    overviews = page.get_by_test_id("overviews")
    expect(overviews.locator("tbody tr")).to_have_count(1)
    page.get_by_test_id("activities").get_by_role("link", name="Visual Studio Code").click()
    expect(page.get_by_test_id("documents")).to_contain_text("dayglass")
    shot(page, "dashboard-drill")


def test_recategorize_and_watch_the_dashboard_change(page: Page, account):
    sign_in(page, account.email)
    activities = page.get_by_test_id("activities")
    row = activities.locator("tr", has_text="Visual Studio Code")
    expect(row).to_contain_text("Editing & IDEs")
    nav(page, "Categorize")
    page.get_by_label("Search").fill("Visual Studio")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("Sub-category of Visual Studio Code").select_option("Video")
    expect(page.get_by_test_id("categorize")).to_contain_text("yours")
    shot(page, "categorize")
    nav(page, "Dashboard")
    row = page.get_by_test_id("activities").locator("tr", has_text="Visual Studio Code")
    expect(row).to_contain_text("Video")
    expect(page.get_by_test_id("overviews")).to_contain_text("Entertainment")


def test_create_and_revoke_a_key(page: Page, account, demo_server):
    sign_in(page, account.email)
    nav(page, "API keys")
    page.get_by_label("Label").fill("browser test")
    page.get_by_role("button", name="Create key").click()
    key = page.get_by_test_id("new-key").inner_text().strip()
    assert re.fullmatch(r"dg_\S+", key)
    shot(page, "keys")
    api = httpx.Client(
        timeout=30, base_url=demo_server.url, headers={"Authorization": f"Bearer {key}"}
    )
    assert api.get("/api/v1/keys").status_code == 200
    page.get_by_role("button", name="Revoke browser test").click()
    expect(page.get_by_test_id("keys").locator("tr", has_text="browser test")).to_contain_text(
        "revoked"
    )
    assert api.get("/api/v1/keys").status_code == 401


def test_a_bad_form_shows_its_message_and_keeps_the_input(page: Page, account):
    sign_in(page, account.email)
    nav(page, "Account")
    page.get_by_label("Display name").fill("Ada L.")
    page.get_by_label("Time zone (IANA, e.g. Europe/Berlin)").fill("Mars/Olympus_Mons")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("unknown time zone")
    expect(page.get_by_label("Display name")).to_have_value("Ada L.")
    expect(page.get_by_label("Time zone (IANA, e.g. Europe/Berlin)")).to_have_value(
        "Mars/Olympus_Mons"
    )
    shot(page, "account-error")


def test_a_wrong_password_is_refused(page: Page, account):
    sign_in(page, account.email, "not the password")
    expect(page.get_by_role("alert")).to_have_text("Wrong email or password.")
    expect(page.get_by_label("Email")).to_have_value(account.email)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    shot(page, "login-error")


def test_reports_table_and_csv(page: Page, account):
    sign_in(page, account.email)
    nav(page, "Reports")
    page.get_by_label("Group by").select_option("overview")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("report")).to_contain_text("Software Development")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    text = Path(download.value.path()).read_text()
    assert text.startswith("period,overview,seconds\n")
    assert "Software Development" in text
    shot(page, "reports")
