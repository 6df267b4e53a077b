"""A member who chose group totals only is never told by an aggregate of too few people."""

from __future__ import annotations

from datetime import date

import pytest

from dayglass.core.clock import ManualClock
from dayglass.core.query import GroupBy, Question
from dayglass.core.teams import Share
from dayglass.services.team_reports import MIN_AGGREGATE_PEOPLE, Selection, TeamQuestion
from serving import add_account
from teams.team_seed import DAY, NOW, join, spend

ASKED = TeamQuestion(Question(date.fromisoformat(DAY), date.fromisoformat(DAY), GroupBy.OVERVIEW))


@pytest.fixture
def clock() -> ManualClock:
    """Five days after the seeded day, in Berlin."""
    return ManualClock.at_local(NOW)


@pytest.mark.parametrize("named", range(MIN_AGGREGATE_PEOPLE + 1))
def test_an_aggregate_holds_hidden_members_only_with_enough_people(services, named):
    owner = add_account(services, "olivia@example.org", "Olivia")
    org = services.teams.create("Acme", owner.user_id)
    group = services.teams.add_group(None, org.id, "A")
    people = []
    for n in range(named + 1):
        person = add_account(services, f"p{n}@example.org", f"P{n}")
        join(services, org.id, person, Share.TOTALS, by_name=n > 0)  # p0: group totals only
        services.teams.link(None, org.id, group.id, person.user_id, "members", True)
        spend(services, person.user_id, 100 * (n + 1))
        people.append(person.user_id)
    audience = services.teams.audience(owner.user_id, org.id)
    members = [m for m in audience.members if m.user_id in people]
    enough = named + 1 >= MIN_AGGREGATE_PEOPLE
    expected = sum(100 * (n + 1) for n in range(named + 1) if n > 0 or enough)
    teams = services.team_reports
    total = teams.total(members, ASKED)
    assert sum(r.ms for r in total) == expected * 1000
    assert all((people[0] in r.people) is enough for r in total)
    groups = teams.per_group(Selection(members, services.teams.groups(None, org.id)), ASKED)
    assert [sum(r.ms for r in rows) for _, rows in groups] == [expected * 1000]
    # Never a row of their own, whatever the count.
    assert people[0] not in {m.user_id for m, _ in teams.per_person(members, ASKED)}
