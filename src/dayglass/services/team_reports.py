"""Team reports: one engine question answered for each member a viewer may see, then summed.

`TeamReportService.allowed` is the one place that decides what an organization may read of a
member: every route that reads team data asks its question through this service. Each member's
time is answered by the one query engine with the member's own categorization and projects;
a member whose consent does not cover the question adds nothing (nothing is estimated).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from dayglass.core.query import Question, ReportRow, RowKey, ordered
from dayglass.core.teams import Group, Member, Share, TeamRow, consented
from dayglass.services.projects import ProjectService
from dayglass.services.reports import ReportService
from dayglass.services.teams import Audience

# No project has this id: a member without a project of the asked name adds nothing.
_NO_SUCH_PROJECT = -1
# The fewest people with time in an aggregate (a team total, a group's row) for it to include
# members who chose group totals only: with fewer, the aggregate would tell their time, so
# they are left out of it.
MIN_AGGREGATE_PEOPLE = 3


@dataclass(frozen=True, slots=True)
class TeamQuestion:
    """A question for a team: the engine question and, by name, the project to keep (the
    members' projects are their own, so each member's project of that name is used)."""

    question: Question
    project: str | None = None


@dataclass(frozen=True, slots=True)
class Selection:
    """The members and groups a team answer covers after restrict_group and restrict_user."""

    members: list[Member]
    groups: list[Group]


def _matches(text: str, wanted: str) -> bool:
    return text.casefold() == wanted.strip().casefold()


def select_members(audience: Audience, group: str | None, user: str | None) -> Selection:
    """Narrow an audience to a group (by name, first match) and a person shown by name (by
    display name or email, first match); a name that matches nothing selects no one."""
    members, groups = audience.members, audience.groups
    if group is not None:
        groups = [g for g in groups if _matches(g.name, group)][:1]
        inside = set().union(*(g.members for g in groups))
        members = [m for m in members if m.user_id in inside]
    if user is not None:
        named = [m for m in members if m.by_name]
        found = [m for m in named if _matches(m.display_name, user) or _matches(m.email, user)]
        members = found[:1]
        groups = [g for g in groups if any(m.user_id in g.members for m in members)]
    return Selection(members, groups)


def summed(answers: Iterable[tuple[int, Iterable[ReportRow]]]) -> list[TeamRow]:
    """Rows of several people summed per period and thing, each naming the people behind it."""
    totals: dict[RowKey, int] = defaultdict(int)
    people: dict[RowKey, set[int]] = defaultdict(set)
    for user_id, rows in answers:
        for r in rows:
            key = (
                r.period,
                r.overview,
                r.category,
                r.activity,
                r.document,
                r.productivity,
                r.project,
            )
            totals[key] += r.ms
            people[key].add(user_id)
    merged = (
        TeamRow(key[0], ms, *key[1:], people=frozenset(people[key])) for key, ms in totals.items()
    )
    return [row for row in ordered(merged) if isinstance(row, TeamRow)]


Answers = list[tuple[Member, list[ReportRow]]]


def guarded(answers: Answers) -> Answers:
    """The answers one aggregate may sum: members who chose group totals only count only when
    at least MIN_AGGREGATE_PEOPLE people have time in it, else they are left out."""
    present = [(m, rows) for m, rows in answers if rows]
    if len(present) >= MIN_AGGREGATE_PEOPLE or all(m.by_name for m, _ in present):
        return present
    return [(m, rows) for m, rows in present if m.by_name]


def _inside(group: Group, answers: dict[int, tuple[Member, list[ReportRow]]]) -> Answers:
    return [answers[uid] for uid in sorted(group.members) if uid in answers]


People = list[tuple[Member, list[TeamRow]]]


def total_of(answers: Answers) -> list[TeamRow]:
    """Members' answers summed: one row per period and thing, with its people (see
    `guarded` for members who chose group totals only)."""
    return summed((m.user_id, rows) for m, rows in guarded(answers))


def per_person_of(answers: Answers) -> People:
    """Members' answers one member at a time, only those shown by name, most time first."""
    each = [(m, summed([(m.user_id, rows)])) for m, rows in answers if m.by_name]
    return sorted(each, key=lambda one: (-sum(r.ms for r in one[1]), one[0].user_id))


class TeamReportService:
    """Answers team questions member by member through the one engine, within consent."""

    def __init__(self, reports: ReportService, projects: ProjectService) -> None:
        self._reports = reports
        self._projects = projects

    def allowed(self, member: Member, asked: TeamQuestion) -> Question | None:
        """What the organization may ask of member's time: the question as their consent
        allows it, or None when it needs more than they share."""
        question = consented(asked.question, member.share)
        if question is None or asked.project is None:
            return question
        if member.share < Share.DOCUMENTS:  # project rules look at titles and keywords
            return None
        found = self._projects.find(member.user_id, asked.project)
        project_id = _NO_SUCH_PROJECT if found is None else found.id
        return replace(question, filters=replace(question.filters, project=project_id))

    def answers(self, members: Iterable[Member], asked: TeamQuestion) -> Answers:
        """Each member's rows within their consent (members who add nothing are left out), in
        the members' order; members asked the same question are answered together."""
        return self.answers_all(members, [asked])[0]

    def answers_all(self, members: Iterable[Member], asks: Sequence[TeamQuestion]) -> list[Answers]:
        """`answers` for several questions, read together (the team dashboard's figures)."""
        everyone = list(members)
        plan: list[tuple[Question, list[Member]]] = []
        ends: list[int] = []
        for asked in asks:
            asking: list[tuple[Question, list[Member]]] = []
            for member in everyone:
                question = self.allowed(member, asked)
                if question is None:
                    continue
                same = next((who for q, who in asking if q == question), None)
                if same is None:
                    asking.append((question, [member]))
                else:
                    same.append(member)
            plan.extend(asking)
            ends.append(len(plan))
        found = self._reports.answer_many_all([([m.user_id for m in w], q) for q, w in plan])
        result, begin = [], 0
        for end in ends:
            rows: dict[int, list[ReportRow]] = {}
            for part in found[begin:end]:
                rows.update(part)
            result.append([(m, rows[m.user_id]) for m in everyone if m.user_id in rows])
            begin = end
        return result

    def total(self, members: Iterable[Member], asked: TeamQuestion) -> list[TeamRow]:
        """The members' time summed: one row per period and thing, with its people (see
        `guarded` for members who chose group totals only)."""
        return total_of(self.answers(members, asked))

    def per_person(self, members: Iterable[Member], asked: TeamQuestion) -> People:
        """Rows per member shown by name (never those who chose group totals only), the
        members with the most time first."""
        return per_person_of(self.answers([m for m in members if m.by_name], asked))

    def per_group(
        self, selection: Selection, asked: TeamQuestion
    ) -> list[tuple[Group, list[TeamRow]]]:
        """Rows per group: the selected members of each group summed (every member counts,
        by name or not, as `guarded` allows), the groups with the most time first."""
        answers = {m.user_id: (m, rows) for m, rows in self.answers(selection.members, asked)}
        each = [
            (g, summed((m.user_id, rows) for m, rows in guarded(_inside(g, answers))))
            for g in selection.groups
        ]
        return sorted(each, key=lambda found: (-sum(r.ms for r in found[1]), found[0].name))
