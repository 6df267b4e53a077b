"""The dashboard's timeline, donut and trends in a real browser (Debian's Chromium), on a
pinned clock: spans and their hover, zoom, logging time away, the donut's drill-down."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from dayglass.core.clock import ManualClock
from dayglass.services.demo import load_demo
from test_ingest_api import batch, event
from test_web_feature_pages import PASSWORD, SCREENSHOTS, page, shot

__all__ = ["page"]  # a fixture, imported for pytest

DAY = "2026-11-20"  # a Friday, UTC+01:00 in Berlin
T = f"{DAY}T"
DAY_PAGE = f"/?span=day&day={DAY}"


@pytest.fixture
def database_url(sqlite_database_url) -> str:
    """Browser tests run on SQLite (test_timeline.py covers both engines over HTTP)."""
    return sqlite_database_url


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-25 in Berlin: the test day is in the past, whatever the real hour."""
    return ManualClock.at_local("2026-11-25T15:30")


@pytest.fixture
def seeded(live_server, account) -> None:
    """A laptop: code 09:00-10:00, github 10:30-11:00, Slack 11:00-11:20, code 16:00-16:30;
    a phone 09:30-09:35. Away: 10:00-10:30, and 11:20-16:00 (over 4 hours)."""
    api = live_server.client(account.key)
    laptop = batch(
        event(1, f"{T}09:00:00+01:00", 3600, "code", "main.py"),
        event(2, f"{T}10:30:00+01:00", 1800, "firefox", "PR 7", "https://github.com/a/b"),
        event(3, f"{T}11:00:00+01:00", 1200, "slack", "general"),
        event(4, f"{T}16:00:00+01:00", 1800, "code", "tests.py"),
    )
    phone = {**batch(event(5, f"{T}09:30:00+01:00", 300, "WhatsApp", ""), device="phone")}
    for body in (laptop, {**phone, "source_type": "mobile"}):
        assert api.post("/api/v1/events", json=body).status_code == 200


def tip(page: Page) -> str:
    """What the timeline's hover box says."""
    box = page.get_by_test_id("tl-tip")
    expect(box).to_be_visible()
    return box.inner_text()


def test_the_timeline_draws_each_span_and_tells_its_exact_times(page: Page, seeded):
    page.goto(DAY_PAGE)
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_have_attribute("data-spans", "5")
    expect(timeline.locator("rect.tl-span")).to_have_count(5)
    expect(page.get_by_test_id("tl-row")).to_have_count(3)  # laptop, phone, offline time
    first = timeline.locator("rect.tl-span").first
    first.hover()
    assert tip(page).startswith("09:00:00–10:00:00 (1h) · Visual Studio Code · main.py")
    assert "Editing & IDEs (Software Development)" in tip(page)
    # The keyboard goes from span to span, and focus shows the same details.
    first.focus()
    page.keyboard.press("ArrowRight")
    assert tip(page).startswith("10:30:00–11:00:00 (30m) · github.com")
    page.keyboard.press("ArrowRight")
    assert tip(page).startswith("11:00:00–11:20:00 (20m) · Slack · general")
    expect(timeline).to_have_attribute("data-ms", str((60 + 30 + 20 + 30 + 5) * 60_000))
    expect(page.get_by_test_id("total")).to_have_text("2h 25m")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#day-timeline").screenshot(path=SCREENSHOTS / "timeline.png")
    page.get_by_label("Zoom to").select_option("10")
    expect(page).to_have_url(re.compile(r"hour=10"))
    expect(timeline.locator("rect.tl-span")).to_have_count(1)
    timeline.locator("rect.tl-span").hover()
    assert tip(page).startswith("10:30:00–11:00:00")
    page.locator("#day-timeline").screenshot(path=SCREENSHOTS / "timeline-hour.png")


def _data(live_server, account) -> list[list[object]]:
    """The test day's offline activities through the Data API."""
    answer = live_server.client(account.key).get(
        "/anapi/data",
        params={
            "restrict_begin": DAY,
            "restrict_end": DAY,
            "restrict_kind": "activity",
            "restrict_source_type": "offline",
            "format": "json",
        },
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["rows"]


def test_log_an_away_gap_as_a_meeting(page: Page, seeded, live_server, account):
    page.goto(DAY_PAGE)
    gaps = page.locator(".tl-gap-link")
    expect(gaps).to_have_count(2)
    gaps.first.click()
    expect(page.get_by_label("From", exact=True)).to_have_value("10:00:00")
    expect(page.get_by_label("To", exact=True)).to_have_value("10:30:00")
    page.get_by_role("button", name="Meeting").click()
    expect(page.get_by_test_id("logged")).to_be_visible()
    expect(page.get_by_test_id("total")).to_have_text("2h 55m")
    offline = page.get_by_test_id("tl-row").filter(has_text="Offline time")
    offline.locator("rect.tl-span").hover()
    assert tip(page).startswith("10:00:00–10:30:00 (30m) · Meeting")
    expect(page.locator(".tl-gap-link")).to_have_count(1)
    assert [row[1:4] for row in _data(live_server, account)] == [[1800, 1, "Meeting"]]
    # The name just used comes first among the quick ones.
    quick = page.locator(".quick button")
    expect(quick.first).to_have_text("Meeting")
    shot(page, "dashboard-day-logged")


def test_part_of_a_gap_is_logged_and_a_gap_over_four_hours_refused(
    page: Page, seeded, live_server, account
):
    page.goto(DAY_PAGE)
    page.locator(".tl-gap-link").last.click()
    expect(page.get_by_label("From", exact=True)).to_have_value("11:20:00")
    expect(page.get_by_label("To", exact=True)).to_have_value("16:00:00")
    page.get_by_role("button", name="Lunch").click()
    expect(page.get_by_role("alert")).to_have_text(
        "end_time: at most 4 hours of offline time an entry"
    )
    expect(page.get_by_test_id("total")).to_have_text("2h 25m")
    assert _data(live_server, account) == []
    shot(page, "dashboard-day-refused")
    # Part of the gap: from 12:00 to 13:00, under a name of one's own.
    page.get_by_label("From", exact=True).fill("12:00:00")
    page.get_by_label("To", exact=True).fill("13:00:00")
    page.get_by_label("Doing").fill("Dentist")
    page.get_by_label("Doing").press("Enter")
    expect(page.get_by_test_id("total")).to_have_text("3h 25m")
    assert [row[1:4] for row in _data(live_server, account)] == [[3600, 1, "Dentist"]]
    expect(page.locator(".tl-gap-link")).to_have_count(3)


def click_slice(page: Page, index: int) -> None:
    """Click the middle of a slice of the donut, where Chart.js drew it."""
    canvas = page.locator("#donut")
    expect(canvas).to_have_attribute("data-drawn", "yes")
    canvas.scroll_into_view_if_needed()
    x, y = page.evaluate(
        "i => { const p = Chart.getChart('donut').getDatasetMeta(0).data[i].tooltipPosition();"
        " return [p.x, p.y]; }",
        index,
    )
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_the_donut_drills_down_like_the_tables(page: Page, seeded):
    page.goto(DAY_PAGE)
    legend = page.get_by_test_id("donut-legend")
    expect(legend.locator("li").first).to_contain_text("Software Development")
    expect(legend.locator("li").first).to_contain_text("2h · 83%")
    click_slice(page, 0)
    expect(page).to_have_url(re.compile(r"overview=Software\+Development|overview=Software%20"))
    expect(page.locator("#donut-h")).to_contain_text("sub-categories")
    expect(legend.locator("li").first).to_contain_text("Editing & IDEs")
    click_slice(page, 0)
    expect(page).to_have_url(re.compile(r"category=Editing"))
    expect(legend.locator("li").first).to_contain_text("Visual Studio Code")
    click_slice(page, 0)
    expect(page).to_have_url(re.compile(r"activity=Visual"))
    expect(legend).to_contain_text("main.py")
    shot(page, "dashboard-donut-drill")


@pytest.fixture
def demo_page(browser: Browser, live_server, account, services) -> Iterator[Page]:
    """A signed-in tab on six weeks of demo data."""
    load_demo(services.ingest, account.user_id, "Europe/Berlin", services.clock, days=42)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto("/")
    tab.get_by_label("Email").fill(account.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    yield tab
    context.close()


def test_week_and_month_against_the_usual_and_screenshots(demo_page: Page, browser, live_server):
    page = demo_page
    expect(page.locator("#donut")).to_have_attribute("data-drawn", "yes")
    expect(page.get_by_test_id("timeline").locator("rect.tl-span").first).to_be_visible()
    shot(page, "dashboard-timeline-day")
    page.goto("/?span=week&day=2026-11-18")
    trends = page.get_by_test_id("trends")
    expect(trends.locator("tbody tr")).to_have_count(7)
    expect(trends).to_contain_text(re.compile("more than usual|less than usual|as usual"))
    expect(page.get_by_test_id("trend-summary")).to_contain_text("usual")
    expect(page.locator("#timeline")).to_have_attribute("data-drawn", "yes")
    usual = page.evaluate("Chart.getChart('timeline').data.datasets[0].label")
    assert usual == "Usual"
    shot(page, "dashboard-trends-week")
    page.goto("/?span=month&day=2026-11-18")
    expect(page.get_by_test_id("trends").locator("tbody tr")).to_have_count(30)
    shot(page, "dashboard-trends-month")
    # Dark, at a phone's width.
    cookies = page.context.cookies()
    phone = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, color_scheme="dark"
    )
    phone.add_cookies(cookies)
    tab = phone.new_page()
    tab.goto("/?span=day&day=2026-11-24")
    expect(tab.get_by_test_id("timeline")).to_be_visible()
    shot(tab, "dashboard-timeline-phone-dark")
    phone.close()
