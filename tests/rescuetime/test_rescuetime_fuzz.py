"""Fuzzing the Data API's parameter space: every request gets rows or the query error.

Never a 500, never a hang (each request has a 30-second budget, far above what any takes).
"""

from __future__ import annotations

import csv
import io

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rescuetime_seed import (
    Seeded,
    seeded_server,  # noqa: F401 (the `seeded` fixture)
)

QUERY_ERROR = (
    b'{"error": "# query error","messages": "Error: Likely a badly formatted or missing parameter"}'
)
NAMES = [
    *("perspective", "pv", "by", "resolution_time", "rs", "interval", "i"),
    *("restrict_begin", "rb", "restrict_end", "re", "restrict_kind", "rk", "taxonomy", "ty"),
    *("restrict_thing", "rt", "taxon", "tx", "restrict_thingy", "ry", "sub_taxon", "tn"),
    *("restrict_source_type", "restrict_schedule_id", "rsi", "schedule_id", "s", "format"),
    *("operation", "version", "restrict_group", "restrict_user", "restrict_project", "op"),
]
GOOD = [
    *("rank", "interval", "member", "month", "week", "day", "hour", "minute"),
    *("overview", "category", "activity", "productivity", "efficiency", "document"),
    *("computers", "mobile", "offline", "json", "csv", "CSV", "Rank", "1", "-1", "0"),
    *("Software Development", "Video", "Visual Studio Code", "www.youtube.com", "No Details"),
]
text = st.text(st.characters(codec="utf-8"), max_size=30)
dates = st.builds(
    "{}-{}-{}{}".format,
    st.integers(-1, 10000),
    st.integers(-1, 14),
    st.integers(-1, 33),
    st.sampled_from(["", "T00:00:00", " 12:00", "Z", "x"]),
)
values = st.one_of(st.sampled_from(GOOD), dates, text, st.integers(-(2**70), 2**70).map(str))
params = st.lists(st.tuples(st.sampled_from(NAMES) | text, values), max_size=10)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | values,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=6,
)


def _check(answer: httpx.Response) -> None:
    """Rows in the format asked, or the query error; nothing else."""
    assert answer.status_code == 200, answer.text
    if answer.content == QUERY_ERROR:
        return
    if answer.headers["content-type"].startswith("text/csv"):
        lines = list(csv.reader(io.StringIO(answer.text)))
        assert answer.text.endswith("\n") and all(len(r) == len(lines[0]) for r in lines)
        return
    body = answer.json()
    assert list(body) == ["notes", "row_headers", "rows"]
    assert all(len(r) == len(body["row_headers"]) for r in body["rows"])


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(["/anapi/data", "/anapi/data.json", "/anapi/data.csv"]),
    how=st.sampled_from(["get", "form", "json"]),
    pairs=params,
    body=st.dictionaries(st.sampled_from(NAMES) | text, json_values, max_size=6),
)
def test_no_parameters_break_the_data_api(seeded: Seeded, path, how, pairs, body):
    with seeded.client() as client:
        query = [("key", seeded.key), *pairs]
        if how == "get":
            answer = client.get(path, params=query)
        elif how == "form":
            answer = client.post(path, params=[("key", seeded.key)], data=dict(pairs))
        else:
            answer = client.post(path, params=query[:1], json={**body, **dict(pairs)})
    _check(answer)
