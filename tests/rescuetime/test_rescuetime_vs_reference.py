"""The Data API agrees with the in-memory reference over random data and random valid queries.

The expected rows are laid out here from the reference engine's rows, independently of the
wire package, following wire-format.md 2.4 and 2.5.
"""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dayglass.catalog.loader import builtin_catalog
from dayglass.core.categorization import Categorizer
from dayglass.core.clock import ManualClock
from dayglass.core.localtime import Resolution, label
from dayglass.core.query import Filters, GroupBy, Question
from dayglass.core.reference import reference_report
from test_engine_vs_reference import event_batches, reference_facts

NAMES = {
    "perspective": ["perspective", "pv", "by"],
    "resolution": ["resolution_time", "rs", "interval", "i"],
    "begin": ["restrict_begin", "rb"],
    "end": ["restrict_end", "re"],
    "kind": ["restrict_kind", "rk", "taxonomy", "ty"],
    "thing": ["restrict_thing", "rt", "taxon", "tx"],
    "thingy": ["restrict_thingy", "ry", "sub_taxon", "tn"],
    "source_type": ["restrict_source_type"],
    "format": ["format"],
}
KINDS = ["overview", "category", "activity", "productivity", "document", "efficiency"]
THINGS = {
    "overview": ["Software Development", "Entertainment", "Uncategorized"],
    "category": ["Editing & IDEs", "Video", "Instant Message"],
    "activity": ["Visual Studio Code", "www.github.com", "youtube.com", "unknown-tool"],
    "document": ["Visual Studio Code", "slack"],
    "productivity": ["Software Development", "Video", "github.com"],
    "efficiency": ["Entertainment", "Editing & IDEs", "unknown-tool"],
}
THINGYS = ["main.py", "PRs", "No Details", "general"]
_users = itertools.count()


@st.composite
def wire_queries(draw) -> dict[str, str]:
    """Valid Data API parameters, each under a randomly chosen one of its names."""
    perspective = draw(st.sampled_from(["rank", "interval", "member"]))
    kinds = KINDS if perspective != "rank" else KINDS[:-1]
    chosen = {
        "perspective": perspective,
        "kind": draw(st.sampled_from(kinds)),
        "resolution": draw(st.sampled_from(["minute", "hour", "day", "week", "month"])),
        "format": draw(st.sampled_from(["json", "csv"])),
    }
    begin = draw(st.dates(date(2026, 3, 26), date(2026, 10, 30)))
    chosen["begin"] = begin.isoformat()
    chosen["end"] = (begin + timedelta(days=draw(st.integers(0, 220)))).isoformat()
    if draw(st.booleans()):
        chosen["thing"] = draw(st.sampled_from(THINGS[chosen["kind"]]))
    if draw(st.integers(0, 3)) == 0:
        chosen["thingy"] = draw(st.sampled_from(THINGYS))
    if draw(st.integers(0, 3)) == 0:
        chosen["source_type"] = draw(st.sampled_from(["computers", "mobile"]))
    return {draw(st.sampled_from(NAMES[k])): v for k, v in chosen.items()}


def _read(params: dict[str, str]) -> dict[str, str]:
    return {k: v for k, names in NAMES.items() for n, v in params.items() if n in names}


def _question(q: dict[str, str], catalog) -> tuple[Question, str]:
    """The reference question for the parameters, and what the rows show."""
    kind, thing = q["kind"], q.get("thing")
    shows = (
        {"overview": "activity", "category": "activity", "activity": "documents"}.get(kind, kind)
        if thing
        else kind
    )
    group = {
        "overview": GroupBy.OVERVIEW,
        "category": GroupBy.CATEGORY,
        "activity": GroupBy.ACTIVITY,
        "documents": GroupBy.DOCUMENT,
        "document": GroupBy.DOCUMENT,
        "productivity": GroupBy.PRODUCTIVITY,
        "efficiency": GroupBy.PRODUCTIVITY,
    }[shows]
    where: dict = {}
    if thing and kind in ("overview", "category"):
        where[kind] = thing
    elif thing and {o.name for o in catalog.overviews} & {thing} and kind != "document":
        where["overview"] = thing
    elif thing and catalog.sub_category(thing) and kind not in ("activity", "document"):
        where["category"] = thing
    elif thing:
        where["activity"] = thing.removeprefix("www.")
    thingy = q.get("thingy")
    resolution = Resolution(q["resolution"]) if q["perspective"] == "interval" else Resolution.NONE
    filters = Filters(
        source_type=q.get("source_type"),
        document=None if thingy is None else ("" if thingy == "No Details" else thingy),
        **where,
    )
    begin, end = date.fromisoformat(q["begin"]), date.fromisoformat(q["end"])
    return Question(begin, end, group, resolution, filters), shows


def _tail(shows: str, row) -> list:
    document = row.document or "No Details"
    return {
        "overview": lambda: [row.overview],
        "category": lambda: [row.category],
        "activity": lambda: [row.activity, row.category, row.productivity],
        "documents": lambda: [document, row.category, row.productivity],
        "document": lambda: [row.activity, document, row.category, row.productivity],
        "productivity": lambda: [row.productivity],
    }[shows]()


def _timed(rows, shows: str):
    """(period, ms, tail cells) per output row."""
    if shows != "efficiency":
        return [(r.period, r.ms, _tail(shows, r)) for r in rows]
    out = []
    for period, group in itertools.groupby(rows, key=lambda r: r.period):
        group = list(group)
        total = sum(r.ms for r in group)
        weighted = sum(r.productivity * r.ms for r in group)
        shifted = sum((r.productivity + 2) * r.ms for r in group)
        out.append(
            (period, total, [round(weighted / total, 2), round(shifted / (total * 4) * 100, 2)])
        )
    return out


def expected_rows(q: dict[str, str], facts, categorizer, catalog, person: str) -> list[list]:
    """The rows the Data API must answer, from the reference engine."""
    question, shows = _question(q, catalog)
    rows = []
    for period, ms, tail in _timed(reference_report(facts, question, categorizer), shows):
        seconds = (ms + 500) // 1000
        if seconds == 0:
            continue
        if q["perspective"] == "member":
            rows.append([person, seconds, *tail])
        elif q["perspective"] == "interval":
            rows.append([label(period), seconds, 1, *tail])
        else:
            rows.append([len(rows) + 1, seconds, 1, *tail])
    return rows


def _as_csv_cells(rows: list[list]) -> list[list[str]]:
    return [[repr(c) if isinstance(c, float) else str(c) for c in row] for row in rows]


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-18 15:30 in Berlin: after every day the examples store, at any time."""
    return ManualClock.at_local("2026-11-18T15:30")


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batches=event_batches(), asked=st.lists(wire_queries(), min_size=1, max_size=8))
def test_data_api_agrees_with_reference(live_server, batches, asked):
    services = live_server.services
    catalog = builtin_catalog()
    user = services.accounts.add_user(f"w{next(_users)}@example.org", "password1", "Wire", "UTC")
    _, key = services.accounts.create_key(user.id)
    for b in batches:
        assert not services.ingest.ingest(user.id, b).rejected
    facts = reference_facts(batches, catalog)
    categorizer = Categorizer(catalog)
    with live_server.client() as client:
        for params in asked:
            answer = client.get("/anapi/data", params={"key": key, **params})
            assert answer.status_code == 200
            q = _read(params)
            expected = expected_rows(q, facts, categorizer, catalog, "Wire")
            if q["format"] == "csv":
                got = list(csv.reader(io.StringIO(answer.text)))[1:]
                assert got == _as_csv_cells(expected), params
            else:
                assert answer.json()["rows"] == expected, params
