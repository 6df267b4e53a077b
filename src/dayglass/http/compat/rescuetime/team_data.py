"""`/anapi/data` with an organization key: the team's rows, within each member's consent.

The key's owner must still be a manager, admin or owner of the organization; they read the
members they may see (admins: everyone; managers: the groups they manage). Dates, schedules
and "today" are the key owner's; each member's time is their own local time, categorized by
their own rules. `restrict_group` and `restrict_user` narrow (first match), "Number of People"
counts the people behind each row, and `perspective=member` gives a row per person shown by
name (or per group with `members=groups`).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from fastapi import Response

from dayglass.core.accounts import ApiKey
from dayglass.core.clock import local_date
from dayglass.core.errors import Forbidden, NotFound
from dayglass.core.teams import OrgKey
from dayglass.http.compat.rescuetime import layout, responses
from dayglass.http.compat.rescuetime.data import cells_response, schedule_of
from dayglass.http.compat.rescuetime.params import RawParams
from dayglass.http.compat.rescuetime.plan import Plan, plan
from dayglass.http.compat.rescuetime.request import (
    Format,
    Perspective,
    QueryError,
    TeamNarrowing,
    parse_data_request,
    parse_team_narrowing,
)
from dayglass.services.registry import Services
from dayglass.services.team_reports import Selection, TeamQuestion, select_members

NOT_A_READER = "this organization key's owner no longer reads the organization's reports"


def _cells(
    services: Services, layout_: Plan, asked: TeamQuestion, chosen: Selection, by_group: bool
) -> Iterator[list[layout.Cell]]:
    teams = services.team_reports
    if layout_.perspective is not Perspective.MEMBER:
        return layout.cells(layout_, teams.total(chosen.members, asked), "")
    if by_group:
        groups = teams.per_group(chosen, asked)
        return chain.from_iterable(layout.cells(layout_, rows, g.name) for g, rows in groups)
    people = teams.per_person(chosen.members, asked)
    return chain.from_iterable(layout.cells(layout_, rows, m.display_name) for m, rows in people)


def _answer(
    services: Services, key: ApiKey, scope: OrgKey, params: RawParams, suffix: Format | None
) -> Response:
    audience = services.teams.audience(key.user_id, scope.org_id)
    wanted = parse_data_request(params, suffix)
    narrowing: TeamNarrowing = parse_team_narrowing(params)
    viewer = services.accounts.user(key.user_id)
    today = local_date(services.clock, viewer.timezone)
    schedule = schedule_of(services, key.user_id, wanted)
    layout_ = plan(wanted, today, schedule, services.categories.catalog)
    headers = layout.row_headers(layout_)
    if layout_.question is None:
        return cells_response(headers, iter(()), wanted.format)
    asked = TeamQuestion(layout_.question, wanted.project)
    chosen = select_members(audience, narrowing.group, narrowing.user)
    cells = _cells(services, layout_, asked, chosen, narrowing.by_group)
    return cells_response(headers, cells, wanted.format)


def team_data_response(
    services: Services, key: ApiKey, scope: OrgKey, params: RawParams, suffix: Format | None
) -> Response:
    """The organization's rows for an organization key, or the error RescueTime clients read."""
    try:
        return _answer(services, key, scope, params, suffix)
    except (Forbidden, NotFound):
        return responses.key_refused(NOT_A_READER)
    except QueryError:
        return responses.query_error()
