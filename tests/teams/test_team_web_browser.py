"""In a real browser: an admin invites a member, the member opens the link, signs in, joins
sharing their activities, and the manager sees that member's time on the group's dashboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from dayglass.core.clock import ManualClock
from serving import PASSWORD, add_account
from teams.team_seed import NOW, spend


@pytest.fixture
def database_url(sqlite_database_url) -> str:
    """Browser tests run on SQLite (the engines are covered by the HTTP tests)."""
    return sqlite_database_url


@pytest.fixture
def clock() -> ManualClock:
    """Five days after the day the member has time on, in Berlin."""
    return ManualClock.at_local(NOW)


@pytest.fixture
def tabs(browser: Browser, live_server) -> Iterator[tuple[Page, Page]]:
    """Two people's browsers: the admin's and the member's."""
    contexts = [browser.new_context(base_url=live_server.url) for _ in range(2)]
    yield contexts[0].new_page(), contexts[1].new_page()
    for context in contexts:
        context.close()


def sign_in(page: Page, email: str) -> None:
    """Fill in and send the sign-in form the page shows."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_invited_member_joins_and_the_manager_sees_their_time(live_server, tabs):
    services = live_server.services
    olivia = add_account(services, "olivia@example.org", "Olivia")
    kim = add_account(services, "kim@example.org", "Kim")
    spend(services, kim.user_id, 1500, "code", "main.py")  # 25 minutes
    admin, member = tabs

    admin.goto("/")
    sign_in(admin, olivia.email)
    admin.get_by_role("navigation", name="Main").get_by_role("link", name="Teams").click()
    admin.get_by_label("New organization").fill("Acme")
    admin.get_by_role("button", name="Create organization").click()
    expect(admin.get_by_role("heading", name="Acme")).to_be_visible()
    admin.get_by_label("New group").fill("Backend")
    admin.get_by_role("button", name="Add group").click()
    admin.get_by_label("Person for Backend").select_option(label="Olivia")
    admin.get_by_label("In Backend as").select_option("managers")
    admin.get_by_role("button", name="Add to Backend").click()
    admin.get_by_role("button", name="Create invitation").click()
    link = admin.get_by_test_id("invitation-link").input_value()
    assert "/join/dgi_" in link

    member.goto(link)
    sign_in(member, kim.email)  # the link asks to sign in first, then comes back
    expect(member.get_by_role("heading", name="Join Acme")).to_be_visible()
    expect(member.get_by_label("Totals by productivity and overview only")).to_be_checked()
    member.get_by_label("Also activities (applications and sites)").check()
    member.get_by_role("button", name="Join Acme").click()
    expect(member.get_by_role("heading", name="Acme")).to_be_visible()
    expect(member.get_by_label("Acme may see")).to_have_value("activities")

    admin.reload()
    admin.get_by_label("Person for Backend").select_option(label="Kim")
    admin.get_by_label("In Backend as").select_option("members")
    admin.get_by_role("button", name="Add to Backend").click()
    admin.get_by_role("link", name="Dashboard of Backend").click()
    expect(admin.get_by_role("heading", name="Backend", exact=False)).to_be_visible()
    expect(admin.get_by_test_id("team-members")).to_contain_text("Kim")
    expect(admin.get_by_test_id("team-members")).to_contain_text("25m")
    expect(admin.get_by_test_id("team-total")).to_have_text("25m")
    expect(admin.get_by_test_id("team-activities")).to_contain_text("Visual Studio Code")
