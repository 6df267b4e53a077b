"""The team dashboard's one-query read of many members gives exactly each member's own answer
from the engine, whatever the grouping, cut, filters and categorization overrides."""

from __future__ import annotations

from datetime import date

import pytest

from dayglass.core.clock import ManualClock
from dayglass.core.localtime import Resolution
from dayglass.core.query import Filters, GroupBy, Question
from dayglass.services.demo import demo_batches
from serving import add_account

FILTERS = [
    Filters(),
    Filters(overview="Software Development"),
    Filters(category="Editing & IDEs"),
    Filters(activity="Slack"),
    Filters(productivity=-2),
]


@pytest.fixture
def clock() -> ManualClock:
    """A Wednesday afternoon in Berlin."""
    return ManualClock.at_local("2026-11-18T15:30")


def test_answer_many_is_each_members_answer(services):
    people = []
    # Days made in several zones: time falls at different local hours for each.
    for n, zone in enumerate(("Europe/Berlin", "America/New_York", "Asia/Tokyo")):
        person = add_account(services, f"p{n}@example.org", f"P{n}")
        for batch in demo_batches(10, zone, services.clock.now(), f"P{n}"):
            services.ingest.ingest(person.user_id, batch)
        people.append(person.user_id)
    # One member files Slack as very productive, and rates a sub-category down.
    services.categories.set_activity(people[1], "slack", "Editing & IDEs", 2)
    services.categories.set_category_productivity(people[2], "Editing & IDEs", -2)
    idle = add_account(services, "idle@example.org", "Idle").user_id  # no time at all
    everyone = [*people, idle]
    begin, end = date(2026, 11, 1), date(2026, 11, 18)
    for group_by in (GroupBy.OVERVIEW, GroupBy.CATEGORY, GroupBy.ACTIVITY, GroupBy.PRODUCTIVITY):
        for resolution in (Resolution.NONE, Resolution.DAY, Resolution.WEEK, Resolution.MONTH):
            for filters in FILTERS:
                question = Question(begin, end, group_by, resolution, filters)
                many = services.reports.answer_many(everyone, question)
                assert many == {u: services.reports.answer(u, question) for u in everyone}
                periods = {type(r.period) for rows in many.values() for r in rows}
                assert periods <= {int, type(None)}, periods  # not a Decimal that equals one
    before_1970 = Question(date(1969, 12, 1), end, GroupBy.PRODUCTIVITY, Resolution.WEEK)
    many = services.reports.answer_many(everyone, before_1970)
    assert many == {u: services.reports.answer(u, before_1970) for u in everyone}
    assert any(many[u] for u in people) and many[idle] == []
