"""The OAuth provider over HTTP: tokens, scopes and every refusal, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

import httpx
import pytest
from oauth_helpers import code_from, consent, register, token_for

from commands import run, run_here
from dayglass.core.clock import ManualClock
from dayglass.services.oauth import OAuthService
from dayglass.storage.oauth_store import SqlOAuthStore
from serving import signed_in

DAY = "2026-11-20"
EVENTS = {
    "device": "laptop",
    "events": [
        {
            "id": "a",
            "start": f"{DAY}T10:00:00+01:00",
            "duration": 600,
            "app": "code",
            "title": "secret-project.py",
        },
        {
            "id": "b",
            "start": f"{DAY}T10:10:00+01:00",
            "duration": 300,
            "app": "firefox",
            "title": "Videos",
            "url": "https://www.youtube.com/watch",
        },
    ],
}
ALL = "time_data category_data productivity_data alert_data highlight_data focustime_data"


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-25 15:30 in Berlin: after every day these tests store, at any real time."""
    return ManualClock.at_local("2026-11-25T15:30")


@pytest.fixture
def server(in_process_server):
    """The app in process: these tests are about what OAuth answers, not about sockets."""
    return in_process_server


@pytest.fixture
def app_client(server, services):
    """A registered application whose redirect URI is a page of the test server."""
    return register(services, f"{server.url}/callback")


@pytest.fixture
def browser(server, account):
    """A signed-in person."""
    server.client(account.key).post("/api/v1/events", json=EVENTS).raise_for_status()
    return signed_in(server, account.email)


def _exchange(server, client, code: str, as_json: bool, **changes) -> httpx.Response:
    body = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": client.redirect_uri,
        "client_id": client.client_id,
        "client_secret": client.secret,
        **changes,
    }
    if as_json:
        return server.client().post("/oauth/token", json=body)
    return server.client().post("/oauth/token/", data=body)


@pytest.mark.parametrize("as_json", [False, True])
def test_code_for_token_with_a_form_or_a_json_body(server, app_client, browser, as_json):
    code = code_from(consent(browser, app_client, "time_data category_data"))
    answer = _exchange(server, app_client, code, as_json)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) == {"access_token", "token_type", "scope", "created_at"}
    assert body["scope"] == "time_data category_data"
    assert body["token_type"].lower() == "bearer" and isinstance(body["created_at"], int)
    rows = (
        server.client()
        .get(
            "/api/oauth/data",
            params={
                "access_token": body["access_token"],
                "restrict_begin": DAY,
                "restrict_end": DAY,
                "format": "json",
            },
        )
        .json()["rows"]
    )
    assert [r[3] for r in rows] == ["Visual Studio Code", "youtube.com"]


def test_every_route_with_a_token_of_every_scope(server, app_client, browser):
    token = token_for(server, browser, app_client, ALL)
    api = server.client(token)
    day = {"restrict_begin": DAY, "restrict_end": DAY}
    headers = {
        path: api.get(f"/api/oauth/{path}", params=day).json()["row_headers"]
        for path in ("data", "overview_data", "category_data", "productivity_data")
    }
    assert headers["data"][3:] == ["Activity", "Category", "Productivity"]
    assert headers["overview_data"][3:] == ["Category"]
    assert headers["category_data"][3:] == ["Category"]
    assert headers["productivity_data"][3:] == ["Productivity"]
    for path in (
        "daily_summary_feed",
        "alerts_feed",
        "highlights_feed",
        "focustime_started_feed",
        "focustime_ended_feed",
    ):
        answer = api.get(f"/api/oauth/{path}")
        assert answer.status_code == 200 and isinstance(answer.json(), list), path
    posted = api.post(
        "/api/oauth/highlights_post", data={"highlight_date": DAY, "description": "Shipped OAuth"}
    )
    assert posted.status_code == 200, posted.text
    assert api.get("/api/oauth/highlights_feed").json()[0]["description"] == "Shipped OAuth"
    assert api.post("/api/oauth/start_focustime", params={"duration": 25}).status_code == 200
    assert api.post("/api/oauth/end_focustime").status_code == 200
    offline = api.post(
        "/api/oauth/offline_time_post",
        json={"start_time": f"{DAY} 14:00:00", "duration": 30, "activity_name": "Meeting"},
    )
    assert offline.status_code == 200, offline.text


def test_a_narrow_scope_cannot_drill_into_activities(server, app_client, browser):
    token = token_for(server, browser, app_client, "category_data")
    answer = server.client().get(
        "/api/oauth/overview_data",
        params={
            "access_token": token,
            "restrict_begin": DAY,
            "restrict_end": DAY,
            "restrict_kind": "activity",
            "restrict_thing": "Visual Studio Code",
        },
    )
    body = answer.json()
    assert body["row_headers"][3:] == ["Category"]
    assert "secret-project.py" not in answer.text and "Visual Studio Code" not in answer.text


@pytest.mark.parametrize(
    ("path", "needs"),
    [
        ("data", "time_data"),
        ("productivity_data", "productivity_data"),
        ("alerts_feed", "alert_data"),
        ("highlights_feed", "highlight_data"),
        ("focustime_started_feed", "focustime_data"),
        ("daily_summary_feed", "time_data"),
    ],
)
def test_a_route_outside_the_tokens_scopes_is_refused(server, app_client, browser, path, needs):
    granted = "category_data" if needs != "category_data" else "time_data"
    token = token_for(server, browser, app_client, granted)
    answer = server.client().get(f"/api/oauth/{path}", params={"access_token": token})
    assert answer.status_code == 403
    assert answer.json() == {
        "error": "insufficient_scope",
        "error_description": f"this needs the {needs} scope",
    }


def test_a_wrong_redirect_uri_is_never_followed(server, app_client, browser):
    page = browser.get(
        "/oauth/authorize",
        params={
            "client_id": app_client.client_id,
            "redirect_uri": "https://evil.example/cb",
            "response_type": "code",
            "scope": "time_data",
        },
    )
    assert page.status_code == 400
    assert "location" not in page.headers and "not supported by client" in page.text
    assert "Nothing was shared" in page.text


def test_an_unknown_client_is_refused(server, browser):
    page = browser.get("/oauth/authorize", params={"client_id": "nope", "response_type": "code"})
    assert page.status_code == 400 and "location" not in page.headers


def test_a_code_works_once(server, app_client, browser):
    code = code_from(consent(browser, app_client, "time_data"))
    assert _exchange(server, app_client, code, False).status_code == 200
    again = _exchange(server, app_client, code, False)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_an_expired_code_is_refused(server, app_client, account, engine, clock):
    past = clock.now() - timedelta(minutes=11)
    then = OAuthService(SqlOAuthStore(engine), ManualClock(past))
    client = then.client(app_client.client_id)
    then.save_code(
        "old-code", client, account.user_id, app_client.redirect_uri, "time_data", None, None
    )
    answer = _exchange(server, app_client, "old-code", True)
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"


def test_a_wrong_client_secret_is_refused(server, app_client, browser):
    code = code_from(consent(browser, app_client, "time_data"))
    answer = _exchange(server, app_client, code, False, client_secret="guess")
    assert answer.status_code in (400, 401) and answer.json()["error"] == "invalid_client"
    assert "access_token" not in answer.text


def test_a_wrong_redirect_uri_at_the_token_endpoint_is_refused(server, app_client, browser):
    code = code_from(consent(browser, app_client, "time_data"))
    answer = _exchange(server, app_client, code, True, redirect_uri=f"{server.url}/other")
    assert answer.status_code == 400 and "access_token" not in answer.text


def test_refusal_redirects_with_access_denied(server, app_client, browser):
    answer = consent(browser, app_client, "time_data", decision="deny")
    assert answer.status_code in (302, 303)
    assert "error=access_denied" in answer.headers["location"]
    assert "code=" not in answer.headers["location"]


def test_pkce_is_checked_when_the_client_uses_it(server, app_client, browser):
    import base64
    import hashlib

    verifier = "v" * 50
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    code = code_from(
        consent(
            browser, app_client, "time_data", code_challenge=challenge, code_challenge_method="S256"
        )
    )
    wrong = _exchange(server, app_client, code, False, code_verifier="w" * 50)
    assert wrong.status_code == 400
    code = code_from(
        consent(
            browser, app_client, "time_data", code_challenge=challenge, code_challenge_method="S256"
        )
    )
    right = _exchange(server, app_client, code, False, code_verifier=verifier)
    assert right.status_code == 200, right.text


def test_a_revoked_grant_is_refused_at_once(server, app_client, browser, services, account):
    token = token_for(server, browser, app_client, "time_data")
    assert server.client().get("/api/oauth/data", params={"access_token": token}).status_code == 200
    grant = services.oauth.grants(account.user_id)[0]
    services.oauth.revoke(account.user_id, grant.id)
    answer = server.client().get("/api/oauth/data", params={"access_token": token})
    assert answer.status_code == 401 and answer.json()["error"] == "invalid_token"


def test_a_token_reads_only_its_own_users_data(server, app_client, services, account):
    other = services.accounts.add_user("bob@example.org", "bobs password", "Bob", "UTC")
    _, other_key = services.accounts.create_key(other.id)
    server.client(other_key).post("/api/v1/events", json={**EVENTS, "device": "bob"})
    bob = signed_in(server, "bob@example.org", "bobs password")
    token = token_for(server, bob, app_client, "time_data")
    rows = (
        server.client()
        .get(
            "/api/oauth/data",
            params={"access_token": token, "restrict_begin": DAY, "restrict_end": DAY},
        )
        .json()["rows"]
    )
    assert sum(r[1] for r in rows) == 900  # Bob's own 15 minutes, none of Ada's
    assert (
        server.client().get("/api/oauth/data", params={"access_token": "forged"}).status_code == 401
    )


def test_an_api_key_is_not_an_access_token(server, account):
    answer = server.client().get("/api/oauth/data", params={"access_token": account.key})
    assert answer.status_code == 401


def test_register_an_application_in_the_web_app(server, account, browser, services):
    page = browser.get("/developer-apps").text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    bad = browser.post(
        "/developer-apps", data={"csrf": token, "name": "Mine", "redirect_uris": "not a url"}
    )
    assert bad.status_code == 400 and "redirect URI" in bad.text and "Mine" in bad.text
    made = browser.post(
        "/developer-apps",
        data={"csrf": token, "name": "Mine", "redirect_uris": "https://mine.example/cb\n"},
    )
    assert made.status_code == 201
    client_id = re.search(r'data-testid="client-id">([^<]+)<', made.text).group(1)
    secret = re.search(r'data-testid="client-secret">([^<]+)<', made.text).group(1)
    assert services.oauth.secret_matches(client_id, secret)
    assert [c.name for c in services.oauth.clients(account.user_id)] == ["Mine"]
    other = services.accounts.add_user("mallory@example.org", "mallorys pw", None, "UTC")
    with pytest.raises(Exception, match="no OAuth client"):
        services.oauth.remove_client(client_id, other.id)
    gone = browser.post(f"/developer-apps/{client_id}/remove", data={"csrf": token})
    assert gone.status_code == 303 and services.oauth.client(client_id) is None


def test_cli_registers_lists_and_removes_clients(database_url, tmp_path):
    """The first command as a real process, the rest in process (tests/commands.py)."""
    env = {"DAYGLASS_DATABASE_URL": database_url, "DAYGLASS_DATA_DIR": str(tmp_path)}

    def client_command(*args: str, here: bool = True) -> subprocess.CompletedProcess:
        return (run_here if here else run)("oauth", "client", *args, env=env)

    added = client_command(
        "add", "--name", "Beeminder", "--redirect-uri", "https://b.example/cb", here=False
    )
    assert added.returncode == 0, added.stderr
    client_id = _re_value(added.stdout, "client_id")
    assert _re_value(added.stdout, "client_secret")
    assert "Beeminder" in client_command("list").stdout
    assert client_command("remove", client_id).returncode == 0
    assert "Beeminder" not in client_command("list").stdout
    assert client_command("add", "--name", "X", "--redirect-uri", "ftp://x").returncode == 1


def _re_value(text: str, name: str) -> str:
    return re.search(rf"{name}:\s+(\S+)", text).group(1)


def test_a_malformed_redirect_uri_is_refused_with_a_message(services):
    with pytest.raises(Exception, match="redirect URI"):
        services.oauth.add_client("Broken", ["http://["])
