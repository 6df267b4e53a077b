"""Error answers become typed exceptions carrying the server's message."""

from __future__ import annotations

import pytest

from dayglass.client import (
    ApiError,
    AuthenticationError,
    BadRequest,
    DayglassClient,
    NotFound,
    PermissionDenied,
    QueryError,
    RescueTimeClient,
)


def test_a_bad_key_is_an_authentication_error_on_every_api(live_server):
    with DayglassClient("dg_not_a_key", base_url=live_server.url) as bad:
        with pytest.raises(AuthenticationError) as data:  # 200 with RescueTime's body
            bad.data()
        assert data.value.message == "key not found" and data.value.status == 200
        with pytest.raises(AuthenticationError) as csv:  # JSON, even for CSV
            bad.data(format="csv")
        assert csv.value.message == "key not found"
        with pytest.raises(AuthenticationError) as feed:  # 400 with the same body
            bad.highlights_feed()
        assert feed.value.status == 400 and feed.value.code == "key not found"
        with pytest.raises(AuthenticationError) as native:  # 401, the native shape
            bad.report()
        assert native.value.status == 401 and native.value.message
        assert native.value.code == native.value.body["error"]["code"]  # type: ignore[index]
    with RescueTimeClient(access_token="nope", base_url=live_server.url) as token:
        with pytest.raises(AuthenticationError) as oauth:
            token.daily_summary_feed()
        assert oauth.value.code == "invalid_token"


def test_a_bad_parameter_is_a_bad_request_with_the_servers_reason(client, live_server, account):
    with pytest.raises(QueryError) as query:
        client.data(restrict_begin="2026-13-45")
    assert query.value.message == "Error: Likely a badly formatted or missing parameter"
    with pytest.raises(QueryError):
        client.data(restrict_kind="efficiency")  # needs perspective=interval
    with pytest.raises(BadRequest) as focus:
        client.start_focustime(7)
    assert focus.value.status == 400 and "5" in focus.value.message
    with pytest.raises(BadRequest) as post:
        client.highlights_post("2026-11-10", "")
    assert "description" in post.value.message
    with pytest.raises(BadRequest) as native:
        client.report(productivity=5)
    assert native.value.status == 400 and native.value.message.startswith("productivity")
    with pytest.raises(BadRequest) as alert:
        client.add_alert("more", 2, "overview", "No Such Overview")
    assert alert.value.code == "invalid_input"
    with pytest.raises(ValueError):  # caught before anything is sent
        client.offline_time_post("2026-11-10 08:00:00", "Meeting")

    oauth = live_server.services.oauth
    app, _ = oauth.add_client("Narrow", ["https://narrow.example/cb"])
    token, _ = oauth.issue_token(app, account.user_id, "time_data")
    with RescueTimeClient(access_token=token, base_url=live_server.url) as narrow:
        with pytest.raises(PermissionDenied) as scope:
            narrow.oauth_data("productivity_data")
        assert scope.value.status == 403 and "productivity_data" in scope.value.message


def test_a_missing_row_is_not_found(client):
    for missing in (
        lambda: client.alert(999),
        lambda: client.change_alert(999, "more", 1, "all_distracting"),
        lambda: client.remove_schedule(999),
        lambda: client.schedule(999),
        lambda: client.remove_highlight(999),
        lambda: client.remove_offline(999),
        lambda: client.revoke_key(999),
    ):
        with pytest.raises(NotFound) as error:
            missing()
        assert error.value.status == 404 and error.value.message
        assert isinstance(error.value, ApiError)
    with pytest.raises(BadRequest) as none_running:  # RescueTime says 400 for this
        client.end_focustime()
    assert "no FocusTime session" in none_running.value.message
