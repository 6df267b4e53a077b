"""The documented example queries, and queries real clients send, answer in the documented shape."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from rescuetime_seed import (
    Seeded,
    seeded_server,  # noqa: F401 (the `seeded` fixture)
)

DAY = "2026-11-06"
EXAMPLES = [
    (  # the API documentation: productivity by hour for one day, JSON
        f"perspective=interval&restrict_kind=productivity&interval=hour"
        f"&restrict_begin={DAY}&restrict_end={DAY}&format=json",
        ["Date", "Time Spent (seconds)", "Number of People", "Productivity"],
        ["2026-11-06T10:00:00", 2400, 1, 2],
    ),
    (  # the API documentation: top-level categories ranked by time for one day, CSV
        f"perspective=rank&restrict_kind=overview&restrict_begin={DAY}&restrict_end={DAY}"
        "&format=csv",
        ["Rank", "Time Spent (seconds)", "Number of People", "Category"],
        ["1", "3600", "1", "Software Development"],
    ),
    (  # the OAuth documentation's data URL, asked with a key
        f"by=interval&taxonomy=productivity&interval=hour&restrict_begin={DAY}"
        f"&restrict_end={DAY}&format=json&scopes=time_data",
        ["Date", "Time Spent (seconds)", "Number of People", "Productivity"],
        ["2026-11-06T10:00:00", 2400, 1, 2],
    ),
    (  # the Ruby gem (leesharma/rescuetime)
        f"format=csv&operation=select&restrict_kind=activity&version=0&restrict_begin={DAY}"
        f"&restrict_end={DAY}",
        [
            "Rank",
            "Time Spent (seconds)",
            "Number of People",
            "Activity",
            "Category",
            "Productivity",
        ],
        ["1", "3000", "1", "Visual Studio Code", "Editing & IDEs", "2"],
    ),
    (  # OpenHumans: five-minute buckets, no restrict_kind
        f"perspective=interval&interval=minute&restrict_begin={DAY}&restrict_end={DAY}&format=json",
        [
            "Date",
            "Time Spent (seconds)",
            "Number of People",
            "Activity",
            "Category",
            "Productivity",
        ],
        ["2026-11-06T10:00:00", 300, 1, "Visual Studio Code", "Editing & IDEs", 2],
    ),
    (  # rescueTimeBar: a duplicated restrict_kind, no zero padding
        "perspective=interval&restrict_kind=productivity&restrict_kind=productivity"
        "&interval=day&restrict_begin=2026-11-6&restrict_end=2026-11-6",
        ["Date", "Time Spent (seconds)", "Number of People", "Productivity"],
        ["2026-11-06T00:00:00", 3600, 1, 2],
    ),
    (  # the PHP client: efficiency by week with legacy parameters
        "perspective=interval&restrict_kind=efficiency&resolution_time=week"
        "&restrict_begin=2026-10-01&restrict_end=2026-11-30&format=json&restrict_group=g",
        [
            "Date",
            "Time Spent (seconds)",
            "Number of People",
            "Efficiency (-2:2)",
            "Efficiency (percent)",
        ],
        ["2026-10-25T00:00:00", 300, 1, 2.0, 100.0],
    ),
]


@pytest.mark.parametrize(("query", "headers", "first_row"), EXAMPLES)
def test_documented_example(seeded: Seeded, query: str, headers: list[str], first_row: list):
    with seeded.client() as client:
        answer = client.get(f"/anapi/data?key={seeded.key}&{query}")
    assert answer.status_code == 200
    if dict(parse_qsl(query)).get("format") == "csv":
        assert answer.headers["content-type"] == "text/csv; charset=utf-8"
        lines = answer.text.splitlines()
        assert lines[0].split(",") == headers
        assert lines[1].split(",") == first_row
    else:
        assert answer.headers["content-type"] == "application/json; charset=utf-8"
        body = answer.json()
        assert list(body) == ["notes", "row_headers", "rows"]
        assert body["row_headers"] == headers
        assert body["rows"][0] == first_row
