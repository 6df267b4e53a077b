"""Highlights: /anapi/highlights_post and /anapi/highlights_feed, and the native API."""

from __future__ import annotations

import pytest

BAD_POSTS = [
    ({"description": "shipped"}, "highlight_date"),
    ({"highlight_date": "2026-11-09"}, "description"),
    ({"highlight_date": "2026-11-09", "description": "x" * 256}, "255"),
    ({"highlight_date": "9th of November", "description": "shipped"}, "highlight_date"),
    ({"highlight_date": "2026-02-30", "description": "shipped"}, "highlight_date"),
    ({"highlight_date": "2026-11-09", "description": "shipped", "source": "s" * 256}, "source"),
]


def test_highlights_post_wherever_the_key_and_fields_are_and_the_feed_lists_them(feed_server):
    s = feed_server
    # The query string of an empty POST (rescue-api), a form (the git hook), JSON with Bearer.
    first = s.post(
        "/anapi/highlights_post",
        params={"key": s.key, "highlight_date": "2026-11-09", "description": "Shipped v1"},
    )
    assert first.status_code == 200, first.text
    assert first.headers["content-type"] == "application/json; charset=utf-8"
    form = {
        "key": s.key,
        "highlight_date": "1762732800",
        "description": "Fixed #4",
        "source": "git",
    }
    assert s.post("/anapi/highlights_post.json", data=form).status_code == 200
    with s.client(s.key) as client:
        answer = client.post(
            "/anapi/highlights_post",
            json={"highlight_date": "2026-11-08", "description": "Wrote docs", "unknown": 1},
        )
    assert answer.status_code == 200, answer.text

    feed = s.get("/anapi/highlights_feed")
    assert feed.status_code == 200
    items = feed.json()
    assert [h["description"] for h in items] == ["Wrote docs", "Fixed #4", "Shipped v1"]
    assert set(items[0]) == {"id", "description", "date", "created_at", "source"}
    # 1762732800 is 2025-11-10T00:00Z: 01:00 in Berlin, so that local day.
    assert items[1] == {**items[1], "date": "2025-11-10", "source": "git"}
    assert items[0]["created_at"] == "2026-11-10T12:00:00+01:00"
    only = s.get("/anapi/highlights_feed.json", restrict_begin="2026-11-09")
    assert [h["description"] for h in only.json()] == ["Shipped v1"]
    ranged = s.get("/anapi/highlights_feed", start_date="2026-11-08", end_date="2026-11-08")
    assert [h["description"] for h in ranged.json()] == ["Wrote docs"]


@pytest.mark.parametrize(("fields", "named"), BAD_POSTS)
def test_bad_highlights_are_refused_with_a_reason_and_nothing_stored(feed_server, fields, named):
    s = feed_server
    answer = s.post("/anapi/highlights_post", data={"key": s.key, **fields})
    assert answer.status_code == 400
    assert named in answer.json()["messages"]
    assert s.get("/anapi/highlights_feed").json() == []


def test_a_revoked_key_is_refused(feed_server, services):
    s = feed_server
    key_id = services.accounts.keys(s.user_id)[0].id
    services.accounts.revoke_key(key_id)
    fields = {"key": s.key, "highlight_date": "2026-11-09", "description": "x"}
    answer = s.post("/anapi/highlights_post", data=fields)
    assert answer.status_code == 400
    assert answer.json() == {"error": "# key not found", "messages": "key not found"}
    assert s.get("/anapi/highlights_feed").status_code == 400
    assert services.highlights.highlights(s.user_id) == []


def test_the_native_api_lists_changes_and_deletes_highlights(feed_server):
    s = feed_server
    with s.client(s.key) as client:
        made = client.post("/api/v1/highlights", json={"date": "2026-11-09", "description": "a"})
        assert made.status_code == 201, made.text
        hid = made.json()["id"]
        changed = client.put(
            f"/api/v1/highlights/{hid}",
            json={"date": "2026-11-10", "description": "b", "source": "cli"},
        )
        assert changed.json()["description"] == "b" and changed.json()["date"] == "2026-11-10"
        assert [h["id"] for h in client.get("/api/v1/highlights").json()] == [hid]
        too_long = client.put(
            f"/api/v1/highlights/{hid}", json={"date": "2026-11-10", "description": "x" * 256}
        )
        assert too_long.status_code == 400
        assert client.delete(f"/api/v1/highlights/{hid}").status_code == 204
        assert client.delete(f"/api/v1/highlights/{hid}").status_code == 404
        assert client.get("/api/v1/highlights").json() == []
