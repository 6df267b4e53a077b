"""The SQL engine agrees with the in-memory reference on random data, on both databases."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dayglass.catalog.loader import builtin_catalog
from dayglass.core.categorization import ActivityOverride, Categorizer, Overrides
from dayglass.core.clock import ManualClock
from dayglass.core.localtime import Resolution
from dayglass.core.naming import name_event
from dayglass.core.projects import ProjectBook
from dayglass.core.query import Filters, GroupBy, Question
from dayglass.core.reference import Fact, reference_report
from dayglass.core.schedules import make_windows, week_ranges
from dayglass.core.spans import Coverage, split_into_buckets

BERLIN = ZoneInfo("Europe/Berlin")
# Days around both 2026 daylight-saving changes in Berlin, and a plain day.
WINDOWS = [datetime(2026, 3, 28, 20), datetime(2026, 10, 24, 20), datetime(2026, 6, 1, 8)]
FIXED_OFFSETS = [timedelta(hours=5, minutes=45), timedelta(hours=-3, minutes=-30), timedelta(0)]
APPS = [
    ("code", None, "main.py"),
    ("Code", None, "test.py"),
    ("code-oss", None, "main.py"),
    ("firefox", "https://www.github.com/x", "PRs"),
    ("firefox", "https://www.youtube.com/watch", "Video"),
    ("firefox", "https://docs.python.org/3/", "Docs"),
    ("unknown-tool", None, ""),
    ("slack", None, "general"),
    ("slack", None, "100% done_ MAIN"),
]
_counter = itertools.count()


@st.composite
def event_batches(draw):
    batches = []
    for _ in range(draw(st.integers(1, 4))):
        device = draw(st.sampled_from(["laptop", "desktop", "phone"]))
        source = "mobile" if device == "phone" else "computers"
        events = []
        for _ in range(draw(st.integers(1, 25))):
            base = draw(st.sampled_from(WINDOWS))
            naive = base + timedelta(seconds=draw(st.integers(0, 30 * 3600)))
            zone = draw(st.sampled_from(["berlin", *range(len(FIXED_OFFSETS))]))
            if zone == "berlin":
                start = naive.replace(tzinfo=BERLIN)
            else:
                start = naive.replace(tzinfo=timezone(FIXED_OFFSETS[zone]))
            app, url, title = draw(st.sampled_from(APPS))
            events.append(
                {
                    "id": f"ev{draw(st.integers(0, 60))}",
                    "start": start.isoformat(),
                    "duration": draw(st.integers(1, 7200)) / draw(st.sampled_from([1, 2, 10])),
                    "app": app,
                    "title": title,
                    "url": url,
                }
            )
        batches.append({"device": device, "source_type": source, "events": events})
    return batches


def reference_facts(batches, catalog) -> list[Fact]:
    """Facts as the domain defines them, computed without any database."""
    coverage: dict[str, Coverage] = defaultdict(Coverage)
    seen: set[tuple[str, str]] = set()
    out = []
    for b in batches:
        for e in b["events"]:
            if (b["device"], e["id"]) in seen:
                continue
            seen.add((b["device"], e["id"]))
            start = datetime.fromisoformat(e["start"])
            offset = int(start.utcoffset().total_seconds() // 60)
            start_ms = round(start.timestamp() * 1000)
            span = (start_ms, start_ms + max(round(e["duration"] * 1000), 1))
            naming = name_event(e["app"], e["title"], e["url"], catalog.canonical_app)
            for part in coverage[b["device"]].claim(span):
                for bucket, ms in split_into_buckets(part, offset):
                    out.append(
                        Fact(
                            bucket,
                            b["source_type"],
                            naming.activity,
                            naming.document,
                            ms,
                            b["device"],
                        )
                    )
    return out


FILTER_VALUES = {
    "source_type": [None, "computers", "mobile"],
    "overview": [None, "Software Development", "Entertainment", "Uncategorized"],
    "category": [None, "Editing & IDEs", "Video", "Uncategorized"],
    "activity": [None, "Visual Studio Code", "github.com", "unknown-tool"],
    "document": [None, "main.py", "PRs"],
    "productivity": [None, 2, -2, 0],
    # An index into the user's projects (0: the first); 9 names no project of the user's.
    "project": [None, 0, 1, 2, 9],
    # Activity names and documents, any case; SQL LIKE wildcards are plain characters.
    "search": [None, "py", "CODE", "Main", "github", "%", "_", "0% d", "e_ m", "zzz"],
    "schedule": [
        None,
        week_ranges(make_windows(range(5), 9 * 60, 17 * 60 + 30)),  # weekdays 09:00-17:30
        week_ranges(make_windows([5, 6], 0, 24 * 60) + make_windows([0], 22 * 60, 23 * 60)),
        (),  # a schedule without windows keeps nothing
    ],
}


@st.composite
def questions(draw):
    begin = draw(st.dates(date(2026, 3, 27), date(2026, 11, 1)))
    end = begin + timedelta(days=draw(st.integers(0, 240)))
    chosen = {k: draw(st.sampled_from(v)) for k, v in FILTER_VALUES.items()}
    # Most questions carry at most one filter, as reports do; some carry several.
    if draw(st.booleans()):
        keep = draw(st.sampled_from(list(FILTER_VALUES)))
        chosen = {k: (v if k == keep else None) for k, v in chosen.items()}
    return Question(
        begin,
        end,
        draw(st.sampled_from(list(GroupBy))),
        draw(st.sampled_from(list(Resolution))),
        Filters(**chosen),
    )


@st.composite
def document_questions(draw):
    """Questions the engine answers from the daily document rollup: whole days, a search or a
    project (or both), not grouped by document."""
    question = draw(questions())
    filters = replace(
        question.filters,
        schedule=None,
        document=None,
        search=draw(st.none() | st.sampled_from(FILTER_VALUES["search"][1:])),
        project=draw(st.none() | st.sampled_from([0, 1, 2])),
    )
    group_by = draw(st.sampled_from([g for g in GroupBy if g is not GroupBy.DOCUMENT]))
    resolution = draw(st.sampled_from([r for r in Resolution if r.value not in ("minute", "hour")]))
    return replace(question, group_by=group_by, resolution=resolution, filters=filters)


RULES = [
    ("activity", "Visual Studio Code"),
    ("activity", "GITHUB.COM"),
    ("activity_pattern", "*.com"),
    ("activity_pattern", "unknown-*"),
    ("keyword", "py"),
    ("keyword", "pr"),
    ("regex", "^(main|Docs)"),
    ("regex", "^$"),
    ("host", "github.com"),
    ("host", "python.org"),
    ("path", "/"),
    ("device", "LAPTOP"),
    ("device", "phone"),
    ("device", "tablet"),
]
ASSIGNABLE_DAYS = [date(2026, 3, 29), date(2026, 10, 25), date(2026, 6, 1), date(2026, 6, 2)]

projects_strategy = st.lists(
    st.tuples(
        st.sampled_from(["Client XYZ", "Dayglass", "client xyz"]),
        st.lists(st.sampled_from(RULES), max_size=3),
    ),
    max_size=3,
)
assignments_strategy = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.sampled_from(ASSIGNABLE_DAYS),
        st.integers(0, 280),
        st.integers(1, 60),
    ),
    max_size=3,
)


def add_projects(services, user_id, chosen, assigned) -> list[int]:
    """The drawn projects, rules and assignments made through the service; the project ids."""
    ids = []
    for name, rules in chosen:
        project = services.projects.add(user_id, name)
        ids.append(project.id)
        for kind, value in rules:
            services.projects.add_rule(user_id, project.id, kind, value)
    for index, day, start, steps in assigned:
        if index < len(ids):
            begin = start * 5
            end = min(begin + steps * 5, 24 * 60)
            services.projects.assign(
                user_id,
                ids[index],
                day,
                f"{begin // 60:02d}:{begin % 60:02d}",
                f"{end // 60:02d}:{end % 60:02d}",
            )
    if ids and len(ids) > 1:
        services.projects.move(user_id, ids[-1], 1)  # the order is the user's, not creation's
    return ids


def with_project_ids(question: Question, ids: list[int]) -> Question:
    """The question with its project index replaced by that project's id."""
    index = question.filters.project
    if index is None:
        return question
    real = ids[index] if index < len(ids) else 10**9
    return replace(question, filters=replace(question.filters, project=real))


overrides_strategy = st.fixed_dictionaries(
    {
        "activities": st.dictionaries(
            st.sampled_from(["Visual Studio Code", "youtube.com", "unknown-tool"]),
            st.tuples(
                st.sampled_from([None, "Video", "Writing", "Email"]), st.sampled_from([None, -1, 1])
            ),
            max_size=2,
        ),
        "categories": st.dictionaries(
            st.sampled_from(["Editing & IDEs", "Video", "Search"]), st.integers(-2, 2), max_size=2
        ),
    }
)


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-25 15:30 in Berlin: after every day the examples store, at any time."""
    return ManualClock.at_local("2026-11-25T15:30")


@settings(
    max_examples=35,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    batches=event_batches(),
    asked=st.lists(questions(), min_size=1, max_size=6),
    chosen=overrides_strategy,
    projects=projects_strategy,
    assigned=assignments_strategy,
)
def test_sql_engine_agrees_with_reference(services, batches, asked, chosen, projects, assigned):
    check_answers(services, batches, asked, chosen, projects, assigned)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    batches=event_batches(),
    asked=st.lists(document_questions(), min_size=1, max_size=6),
    chosen=overrides_strategy,
    projects=projects_strategy,
    assigned=assignments_strategy,
)
def test_rollup_of_documents_agrees_with_reference(
    services, batches, asked, chosen, projects, assigned
):
    check_answers(services, batches, asked, chosen, projects, assigned)


def check_answers(services, batches, asked, chosen, projects, assigned) -> None:
    """Store the drawn data, then the SQL engine answers every question as the reference does."""
    catalog = builtin_catalog()
    user = services.accounts.add_user(f"u{next(_counter)}@example.org", "password1", None, "UTC")
    for b in batches:
        result = services.ingest.ingest(user.id, b)
        assert not result.rejected
    activity_overrides = {}
    for activity, (category, level) in chosen["activities"].items():
        if category or level is not None:
            services.categories.set_activity(user.id, activity, category, level)
            activity_overrides[activity.casefold()] = ActivityOverride(category, level)
    for category, level in chosen["categories"].items():
        services.categories.set_category_productivity(user.id, category, level)
    categorizer = Categorizer(catalog, Overrides(activity_overrides, chosen["categories"]))
    ids = add_projects(services, user.id, projects, assigned)
    book: ProjectBook = services.projects.book(user.id)
    facts = reference_facts(batches, catalog)
    for drawn in asked:
        question = with_project_ids(drawn, ids)
        assert services.reports.answer(user.id, question) == reference_report(
            facts, question, categorizer, book
        ), question
