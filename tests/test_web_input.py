"""Web pages answer any input without a 500, and guard their forms."""

from __future__ import annotations

import re

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture
def signed_in(live_server, account) -> httpx.Client:
    """A client with a signed-in session."""
    client = httpx.Client(timeout=30, base_url=live_server.url, follow_redirects=False)
    page = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    answer = client.post(
        "/login",
        data={"csrf": token, "email": account.email, "password": "correct horse", "next": "/"},
    )
    assert answer.status_code == 303, answer.text
    return client


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
PARAMS = st.dictionaries(
    st.sampled_from(
        [
            "span",
            "day",
            "overview",
            "category",
            "activity",
            "begin",
            "end",
            "group_by",
            "resolution",
            "format",
            "q",
            "next",
            "edit",
        ]
    ),
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "day",
                "week",
                "month",
                "2026-02-30",
                "2026-11-20",
                "1900-01-01",
                "9999-12-31",
                "document",
                "minute",
                "csv",
            ]
        ),
    ),
    max_size=5,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(
        [
            "/",
            "/reports",
            "/categorize",
            "/keys",
            "/account",
            "/connected-apps",
            "/login",
            "/developer-apps",
            "/oauth/authorize",
            "/embed/x/chart.json",
            "/alerts",
            "/highlights",
            "/focus",
            "/offline",
            "/summaries",
        ]
    ),
    params=PARAMS,
)
def test_pages_never_answer_500(signed_in, path, params):
    answer = signed_in.get(path, params=params)
    assert answer.status_code < 500, (path, params, answer.text[:500])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(
        [
            "/categorize",
            "/keys",
            "/account",
            "/login",
            "/keys/1/revoke",
            "/developer-apps",
            "/reports/embed",
            "/connected-apps/1/revoke",
            "/keys/embed/1/revoke",
            "/alerts",
            "/alerts/1",
            "/alerts/1/delete",
            "/highlights",
            "/highlights/1",
            "/highlights/1/delete",
            "/focus/start",
            "/focus/end",
            "/offline",
            "/offline/1",
            "/offline/1/delete",
        ]
    ),
    data=st.dictionaries(
        st.sampled_from(
            [
                "activity",
                "category",
                "productivity",
                "label",
                "display_name",
                "timezone",
                "new_password",
                "email",
                "password",
                "reset",
            ]
        ),
        TEXT,
        max_size=4,
    ),
)
def test_forms_without_their_token_change_nothing(signed_in, live_server, account, path, data):
    answer = signed_in.post(path, data=data)
    assert answer.status_code < 500
    assert live_server.services.accounts.keys(account.user_id)[0].active
    assert live_server.services.accounts.user(account.user_id).display_name == "Ada"


def test_pages_need_a_session(live_server):
    client = httpx.Client(timeout=30, base_url=live_server.url, follow_redirects=False)
    for path in (
        "/",
        "/reports",
        "/categorize",
        "/keys",
        "/account",
        "/connected-apps",
        "/alerts",
        "/highlights",
        "/focus",
        "/offline",
        "/summaries",
    ):
        answer = client.get(path)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_session_cookie_is_http_only_and_same_site(live_server, account):
    client = httpx.Client(timeout=30, base_url=live_server.url)
    answer = client.get("/login")
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_no_open_redirect_after_sign_in(live_server, account):
    client = httpx.Client(timeout=30, base_url=live_server.url, follow_redirects=False)
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    answer = client.post(
        "/login",
        data={
            "csrf": token,
            "email": account.email,
            "password": "correct horse",
            "next": "//evil.example/",
        },
    )
    assert answer.headers["location"] == "/"
