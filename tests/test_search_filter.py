"""The search filter of /api/v1/report on both databases: a plain keyword, in activity names
and documents, any case, with SQL wildcards taken literally."""

from __future__ import annotations

import pytest

from dayglass.core.clock import ManualClock
from test_ingest_api import DAY, batch, event, report

T = f"{DAY}T"  # the test day in Europe/Berlin (+01:00 in November)


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-25 15:30 in Berlin: after the day these tests store, at any real time."""
    return ManualClock.at_local("2026-11-25T15:30")


def _seed(client) -> None:
    """Code on two files, a Client XYZ page, chat with a wildcard-looking title, and a terminal."""
    answer = client.post(
        "/api/v1/events",
        json=batch(
            event(1, f"{T}09:00:00+01:00", 600, "code", "main.py"),
            event(2, f"{T}09:10:00+01:00", 300, "code", "client xyz notes.txt"),
            event(
                3, f"{T}10:00:00+01:00", 1200, "firefox", "Client XYZ invoice", "https://crm.io/a"
            ),
            event(4, f"{T}11:00:00+01:00", 240, "slack", "100% done_ today"),
            event(5, f"{T}12:00:00+01:00", 120, "xterm", "bash"),
        ),
    )
    assert answer.status_code == 200, answer.text


def _seconds(client, **params) -> dict[tuple[str, str], int]:
    rows = report(client, group_by="document", **params)
    return {(r["activity"], r["document"]): r["seconds"] for r in rows}


def test_search_keeps_time_whose_activity_or_document_contains_the_keyword(
    in_process_server, account
):
    client = in_process_server.client(account.key)
    _seed(client)
    assert _seconds(client, search="CLIENT xyz") == {
        ("crm.io", "Client XYZ invoice"): 1200,
        ("Visual Studio Code", "client xyz notes.txt"): 300,
    }
    # An activity's name matches all of its documents.
    assert _seconds(client, search="studio") == {
        ("Visual Studio Code", "main.py"): 600,
        ("Visual Studio Code", "client xyz notes.txt"): 300,
    }
    by_activity = report(client, search="xyz")
    assert [(r["activity"], r["seconds"]) for r in by_activity] == [
        ("crm.io", 1200),
        ("Visual Studio Code", 300),
    ]


def test_search_takes_sql_wildcards_literally(in_process_server, account):
    client = in_process_server.client(account.key)
    _seed(client)
    assert _seconds(client, search="0% d") == {("Slack", "100% done_ today"): 240}
    assert _seconds(client, search="e_ t") == {("Slack", "100% done_ today"): 240}
    assert _seconds(client, search="%") == {("Slack", "100% done_ today"): 240}
    assert _seconds(client, search="m%n") == {}
    assert _seconds(client, search="_") == {("Slack", "100% done_ today"): 240}


def test_search_combines_with_other_filters_and_cuts(in_process_server, account):
    client = in_process_server.client(account.key)
    _seed(client)
    rows = report(client, search="xyz", category="Editing & IDEs", resolution="hour")
    assert [(r["period"], r["activity"], r["seconds"]) for r in rows] == [
        (f"{T}09:00:00", "Visual Studio Code", 300)
    ]
    assert report(client, search="nothing like it") == []
