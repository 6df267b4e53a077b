"""Dates and times as real RescueTime clients send them: ISO 8601 with `T`, `Z` or an offset."""

from __future__ import annotations

import pytest

from dayglass.core.clock import ManualClock

# The same moment, 13:00 UTC on 2026-11-25, written as clients write it.
SAME_MOMENT = [
    "2026-11-25T13:00:00Z",
    "2026-11-25 13:00:00Z",
    "2026-11-25T13:00:00+00:00",
    "2026-11-25T18:45:00+05:45",
    "2026-11-25 18:45:00+05:45",
    "2026-11-25T09:00:00-04:00",
    "2026-11-25 09:00:00-04:00",
    "2026-11-25T09:00-0400",
    "2026-11-25T14:00:00",  # no offset: Berlin's wall clock
    "2026-11-25 14:00:00",
]
NOT_A_TIME = [
    "2026-11-25T25:00:00Z",
    "2026-11-25T09:00:00+15:00",
    "2026-11-25T09:00:00 -04:00 later",
    "2026-13-25T09:00:00Z",
    "next tuesday",
    "2026-11-25X09:00:00",
]


@pytest.fixture
def database_url(sqlite_database_url) -> str:
    """Parsing does not depend on the engine: these run on SQLite."""
    return sqlite_database_url


@pytest.fixture
def clock() -> ManualClock:
    """Thursday 2026-11-26 at noon in Berlin: the 25th is in the past."""
    return ManualClock.at_local("2026-11-26T12:00")


def offline_starts(s) -> list[str]:
    """The start of each offline entry, newest first, as the native API gives it."""
    with s.client(s.key) as client:
        return [entry["start"] for entry in client.get("/api/v1/offline").json()]


def test_the_ai_assistant_clients_request_stores_an_hour_from_13_00_utc(feed_server):
    s = feed_server
    form = {
        "start_time": "2026-11-25T09:00:00-04:00",
        "end_time": "2026-11-25T10:00:00-04:00",
        "activity_name": "Team Meeting",
        "activity_details": "Weekly planning with the design team",
    }
    answer = s.post("/anapi/offline_time_post", params={"key": s.key, "format": "json"}, data=form)
    assert answer.status_code == 200, answer.text
    assert offline_starts(s) == ["2026-11-25T14:00:00+01:00"]
    rows = s.get(
        "/anapi/data",
        format="json",
        perspective="interval",
        resolution_time="hour",
        restrict_kind="activity",
        restrict_source_type="offline",
        restrict_begin="2026-11-25",
        restrict_end="2026-11-25",
    ).json()["rows"]
    assert [(row[0], row[1], row[3]) for row in rows] == [
        ("2026-11-25T14:00:00", 3600, "Team Meeting")
    ]


@pytest.mark.parametrize("written", SAME_MOMENT)
def test_every_form_of_a_start_time_names_the_same_moment(feed_server, written):
    s = feed_server
    doc = {"start_time": written, "duration": 30, "activity_name": "Lunch"}
    answer = s.post("/anapi/offline_time_post", params={"key": s.key}, json=doc)
    assert answer.status_code == 200, answer.text
    assert offline_starts(s) == ["2026-11-25T14:00:00+01:00"]


@pytest.mark.parametrize("written", SAME_MOMENT[::3])
def test_an_end_time_with_an_offset_ends_where_it_says(feed_server, written):
    s = feed_server
    doc = {"start_time": "2026-11-25 13:30:00", "end_time": written, "activity_name": "Call"}
    answer = s.post("/anapi/offline_time_post", params={"key": s.key}, data=doc)
    assert answer.status_code == 200, answer.text
    with s.client(s.key) as client:
        (entry,) = client.get("/api/v1/offline").json()
    assert (entry["start"], entry["end"]) == (
        "2026-11-25T13:30:00+01:00",
        "2026-11-25T14:00:00+01:00",
    )


@pytest.mark.parametrize("written", NOT_A_TIME)
def test_what_is_no_time_is_still_refused_with_the_message(feed_server, written):
    s = feed_server
    doc = {"start_time": written, "duration": 30, "activity_name": "Lunch"}
    answer = s.post("/anapi/offline_time_post", params={"key": s.key}, data=doc)
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "# bad request",
        "messages": "start_time: expected 'YYYY-MM-DD HH:MM:SS' or a unix timestamp",
    }
    assert offline_starts(s) == []


@pytest.mark.parametrize("written", [*SAME_MOMENT, "2026-11-25T23:30:00-04:00"])
def test_a_highlight_date_written_as_a_date_time_uses_its_date(feed_server, written):
    s = feed_server
    body = {"highlight_date": written, "description": "Shipped"}
    answer = s.post("/anapi/highlights_post", params={"key": s.key}, data=body)
    assert answer.status_code == 200, answer.text
    feed = s.get("/anapi/highlights_feed").json()
    assert [h["date"] for h in feed] == ["2026-11-25"]


@pytest.mark.parametrize("written", NOT_A_TIME)
def test_a_highlight_date_that_is_no_date_is_refused(feed_server, written):
    s = feed_server
    body = {"highlight_date": written, "description": "Shipped"}
    answer = s.post("/anapi/highlights_post", params={"key": s.key}, data=body)
    assert answer.status_code == 400
    assert answer.json()["error"] == "# bad request"
    assert answer.json()["messages"].startswith("highlight_date: expected YYYY-MM-DD")


@pytest.mark.parametrize("written", SAME_MOMENT)
def test_data_api_days_written_as_date_times_use_their_dates(feed_server, written):
    s = feed_server
    s.ingest(s.key, ("2026-11-25T10:00:00+01:00", 600, "code"))
    s.ingest(s.key, ("2026-11-24T10:00:00+01:00", 300, "code"))
    answer = s.get("/anapi/data", format="json", restrict_begin=written, restrict_end=written)
    assert answer.status_code == 200, answer.text
    assert [row[1] for row in answer.json()["rows"]] == [600]
