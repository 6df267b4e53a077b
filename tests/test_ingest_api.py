"""POST /api/v1/events on SQLite and PostgreSQL: in process, and a huge body over real HTTP."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from dayglass.core.clock import ManualClock
from dayglass.storage.tables import facts, raw_events

DAY = "2026-11-20"


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-25 15:30 in Berlin: after every day these tests store, at any real time."""
    return ManualClock.at_local("2026-11-25T15:30")


def event(i: int, start: str, duration: float, app: str = "code", title: str = "main.py", url=None):
    """An event as an agent sends it."""
    return {
        "id": f"e{i}",
        "start": start,
        "duration": duration,
        "app": app,
        "title": title,
        "url": url,
    }


def batch(*events, device: str = "laptop") -> dict:
    """A batch from one device."""
    return {"device": device, "source_type": "computers", "events": list(events)}


def report(client, **params) -> list[dict]:
    """Rows of the native report for the test day."""
    answer = client.get("/api/v1/report", params={"begin": DAY, "end": DAY, **params})
    assert answer.status_code == 200, answer.text
    return answer.json()["rows"]


def totals(engine) -> tuple[int, int, int]:
    """(raw events, fact rows, fact milliseconds) stored."""
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(raw_events)).scalar_one(),
            conn.execute(select(func.count()).select_from(facts)).scalar_one(),
            conn.execute(select(func.coalesce(func.sum(facts.c.ms), 0))).scalar_one(),
        )


def test_events_show_up_categorized_in_the_report(in_process_server, account):
    client = in_process_server.client(account.key)
    answer = client.post(
        "/api/v1/events",
        json=batch(
            event(1, f"{DAY}T10:00:00+01:00", 120, "code", "main.py - dayglass"),
            event(
                2,
                f"{DAY}T10:02:00+01:00",
                60,
                "firefox",
                "Pull requests",
                "https://github.com/dayglass/dayglass/pulls",
            ),
        ),
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"stored": 2, "duplicates": 0, "rejected": []}
    rows = report(client)
    assert [(r["activity"], r["seconds"]) for r in rows] == [
        ("Visual Studio Code", 120),
        ("github.com", 60),
    ]
    assert rows[0]["category"] == "Editing & IDEs" and rows[0]["productivity"] == 2
    assert rows[0]["overview"] == "Software Development"
    docs = report(client, group_by="document")
    assert {(r["activity"], r["document"]) for r in docs} == {
        ("Visual Studio Code", "main.py - dayglass"),
        ("github.com", "Pull requests"),
    }


def test_buckets_are_cut_in_the_devices_local_time(in_process_server, account):
    client = in_process_server.client(account.key)
    client.post("/api/v1/events", json=batch(event(1, f"{DAY}T10:03:30+01:00", 240)))
    rows = report(client, resolution="minute")
    assert [(r["period"], r["seconds"]) for r in rows] == [
        (f"{DAY}T10:00:00", 90),
        (f"{DAY}T10:05:00", 150),
    ]


def test_sending_a_batch_twice_changes_nothing(in_process_server, account, engine):
    client = in_process_server.client(account.key)
    body = batch(*(event(i, f"{DAY}T09:{i:02d}:00+01:00", 45.5) for i in range(30)))
    first = client.post("/api/v1/events", json=body).json()
    before = totals(engine), report(client)
    second = client.post("/api/v1/events", json=body).json()
    assert first["stored"] == 30 and second == {"stored": 0, "duplicates": 30, "rejected": []}
    assert (totals(engine), report(client)) == before


def test_the_same_id_twice_in_a_batch_counts_once(in_process_server, account):
    client = in_process_server.client(account.key)
    answer = client.post(
        "/api/v1/events",
        json=batch(event(1, f"{DAY}T10:00:00+01:00", 60), event(1, f"{DAY}T11:00:00+01:00", 60)),
    ).json()
    assert (answer["stored"], answer["duplicates"]) == (1, 1)
    assert report(client)[0]["seconds"] == 60


def test_overlapping_events_of_one_device_are_clipped(in_process_server, account):
    client = in_process_server.client(account.key)
    client.post("/api/v1/events", json=batch(event(1, f"{DAY}T10:00:00+01:00", 600)))
    client.post(
        "/api/v1/events",
        json=batch(
            event(2, f"{DAY}T10:05:00+01:00", 600, "slack", "general"),
            event(3, f"{DAY}T10:12:00+01:00", 120, "slack", "general"),
        ),
    )
    rows = {r["activity"]: r["seconds"] for r in report(client)}
    assert rows == {"Visual Studio Code": 600, "Slack": 300}


def test_other_devices_may_overlap(in_process_server, account):
    client = in_process_server.client(account.key)
    client.post("/api/v1/events", json=batch(event(1, f"{DAY}T10:00:00+01:00", 600)))
    client.post(
        "/api/v1/events", json=batch(event(1, f"{DAY}T10:00:00+01:00", 600), device="desktop")
    )
    assert report(client)[0]["seconds"] == 1200


BAD_EVENTS = [
    ({"start": f"{DAY}T10:00:00Z", "duration": 5, "app": "x"}, "id"),
    (event(0, "yesterday", 5), "start"),
    (event(0, f"{DAY}T10:00:00", 5), "start"),  # no offset
    (event(0, f"{DAY}T10:00:00Z", "5"), "duration"),
    (event(0, f"{DAY}T10:00:00Z", -1), "duration"),
    (event(0, f"{DAY}T10:00:00Z", 0), "duration"),
    (event(0, f"{DAY}T10:00:00Z", 10**9), "duration"),
    (event(0, "2999-01-01T00:00:00Z", 5), "future"),
    (event(0, "1990-01-01T00:00:00Z", 5), "2000"),
    (event(0, f"{DAY}T10:00:00Z", 5, title="t" * 5000), "title"),
    (event(0, f"{DAY}T10:00:00Z", 5, app=""), "app"),
    (event(0, f"{DAY}T10:00:00Z", 5, app=7), "app"),
    ({**event(0, f"{DAY}T10:00:00Z", 5), "id": "x" * 65}, "id"),
    ("not an object", "event"),
]


@pytest.mark.parametrize(("bad", "mentions"), BAD_EVENTS)
def test_a_bad_event_is_rejected_alone(in_process_server, account, bad, mentions):
    client = in_process_server.client(account.key)
    good = event(1, f"{DAY}T10:00:00+01:00", 60)
    answer = client.post("/api/v1/events", json=batch(good, bad))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["stored"] == 1
    assert [r["index"] for r in body["rejected"]] == [1]
    assert mentions in body["rejected"][0]["reason"]
    assert report(client)[0]["seconds"] == 60


@pytest.mark.parametrize(
    ("content", "headers", "status"),
    [
        (b"{not json", {"Content-Type": "application/json"}, 400),
        (json.dumps([1, 2]).encode(), {"Content-Type": "application/json"}, 400),
        (json.dumps({"device": "d"}).encode(), {"Content-Type": "application/json"}, 400),
        (json.dumps({"device": "d", "events": {}}).encode(), {}, 400),
        (json.dumps({"device": 5, "events": []}).encode(), {}, 400),
        (json.dumps({"device": "d", "source_type": "tv", "events": []}).encode(), {}, 400),
        (b"", {}, 400),
    ],
)
def test_unusable_requests_get_a_clear_error(
    in_process_server, account, engine, content, headers, status
):
    client = in_process_server.client(account.key)
    client.post("/api/v1/events", json=batch(event(1, f"{DAY}T10:00:00+01:00", 60)))
    before = totals(engine)
    answer = client.post("/api/v1/events", content=content, headers=headers)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert error["code"] == "invalid_input" and error["message"]
    assert totals(engine) == before


def test_too_many_events_and_a_huge_body_are_refused(live_server, account, engine):
    """Over a real socket: the server refuses a huge body as it streams in."""
    client = live_server.client(account.key)
    many = batch(*(event(i, f"{DAY}T10:00:00+01:00", 1) for i in range(5001)))
    assert client.post("/api/v1/events", json=many).status_code == 413
    huge = b'{"device": "d", "events": [' + b" " * (20 * 1024 * 1024) + b"]}"
    answer = client.post(
        "/api/v1/events", content=huge, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "payload_too_large"
    assert totals(engine) == (0, 0, 0)


def test_keys_are_accepted_in_query_body_and_header(in_process_server, account):
    plain = in_process_server.client()
    body = batch(event(1, f"{DAY}T10:00:00+01:00", 60))
    assert plain.post("/api/v1/events", params={"key": account.key}, json=body).status_code == 200
    body = {**batch(event(2, f"{DAY}T11:00:00+01:00", 60)), "key": account.key}
    assert plain.post("/api/v1/events", json=body).status_code == 200
    assert (
        in_process_server.client(account.key)
        .get("/api/v1/report", params={"begin": DAY})
        .status_code
        == 200
    )


def test_missing_unknown_and_revoked_keys_are_refused(in_process_server, account, services, engine):
    body = batch(event(1, f"{DAY}T10:00:00+01:00", 60))
    assert in_process_server.client().post("/api/v1/events", json=body).status_code == 401
    assert in_process_server.client("dg_nope").post("/api/v1/events", json=body).status_code == 401
    record = services.accounts.keys(account.user_id)[0]
    services.accounts.revoke_key(record.id)
    answer = in_process_server.client(account.key).post("/api/v1/events", json=body)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "not_authenticated"
    assert totals(engine) == (0, 0, 0)


def test_one_user_never_sees_anothers_data(in_process_server, account, services):
    other = services.accounts.add_user("bob@example.org", "another secret", "Bob", "UTC")
    _, other_key = services.accounts.create_key(other.id)
    in_process_server.client(account.key).post(
        "/api/v1/events", json=batch(event(1, f"{DAY}T10:00:00+01:00", 60))
    )
    bob = in_process_server.client(other_key)
    assert report(bob) == []
    assert bob.get("/api/v1/activities").json() == []


def test_the_openapi_document_describes_the_batch(in_process_server):
    document = in_process_server.client().get("/openapi.json").json()
    body = document["paths"]["/api/v1/events"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    event = schema["properties"]["events"]["items"]
    assert {"id", "start", "duration", "app", "title", "url"} <= set(event["properties"])
    assert set(event["required"]) == {"id", "start", "duration", "app"}
    assert schema["properties"]["events"]["maxItems"] == 5000


def test_a_malformed_url_counts_for_its_app(in_process_server, account):
    client = in_process_server.client(account.key)
    answer = client.post(
        "/api/v1/events",
        json=batch(event(1, f"{DAY}T10:00:00+01:00", 60, "firefox", "Page", "http://[::1")),
    )
    assert answer.status_code == 200 and answer.json()["stored"] == 1
    assert [r["activity"] for r in report(client)] == ["Firefox"]


def test_nul_characters_are_refused_not_stored(in_process_server, account, engine):
    client = in_process_server.client(account.key)
    answer = client.post(
        "/api/v1/events",
        json=batch(
            event(1, f"{DAY}T10:00:00+01:00", 60),
            event(2, f"{DAY}T10:01:00+01:00", 60, "a\x00b"),
            event(3, f"{DAY}T10:02:00+01:00", 60, title="t\x00"),
        ),
    )
    assert answer.status_code == 200
    assert answer.json()["stored"] == 1 and [r["index"] for r in answer.json()["rejected"]] == [
        1,
        2,
    ]
    bad_device = client.post(
        "/api/v1/events", json=batch(event(4, f"{DAY}T11:00:00+01:00", 5), device="lap\x00top")
    )
    assert bad_device.status_code == 400
    search = client.get("/api/v1/report", params={"begin": DAY, "activity": "x\x00"})
    assert search.status_code in (200, 400)
    assert totals(engine)[0] == 1
