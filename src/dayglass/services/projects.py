"""Projects: each user's named projects, their ordered rules and hand assignments."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dayglass.core.clock import Clock
from dayglass.core.errors import InvalidInput, NotFound
from dayglass.core.projects import (
    Assignment,
    Project,
    ProjectBook,
    ProjectRule,
    checked_minutes,
    checked_name,
    checked_rule,
)
from dayglass.core.query import Filters, GroupBy, Question, ReportRow
from dayglass.core.schedules import parse_clock
from dayglass.services.ports import ProjectStore
from dayglass.services.reports import ReportService

PREVIEW_DAYS = 30
PREVIEW_TOP = 5
_REFUSED = "a preview changes nothing"
_PREVIEW_ID = -1  # the hypothetical project's id: no stored project has a negative one

# Builds the one query engine over another source of project books (a hypothetical one).
ReportsOver = Callable[[ProjectStore], ReportService]


@dataclass(frozen=True, slots=True)
class RulePreview:
    """The time one rule would claim over some days: in total, and its top activities and
    documents."""

    begin: date
    end: date
    ms: int
    activities: list[ReportRow]
    documents: list[ReportRow]


class _HypotheticalBook:
    """A project store that holds one book in memory and refuses every change.

    The query engine reads projects only through `book`, so giving it this store asks the one
    engine what a book that is not stored would claim.
    """

    def __init__(self, book: ProjectBook) -> None:
        self._book = book

    def book(self, user_id: int) -> ProjectBook:
        """The hypothetical book, whoever asks (the engine asks for the user it answers)."""
        return self._book

    def device_names(self, user_id: int) -> list[str]:
        """No devices: a preview reads them from the facts' store."""
        return []

    def add_project(self, user_id: int, name: str, now: datetime) -> int:
        """Refused."""
        raise InvalidInput(_REFUSED)

    def rename_project(self, user_id: int, project_id: int, name: str) -> bool:
        """Refused."""
        raise InvalidInput(_REFUSED)

    def remove_project(self, user_id: int, project_id: int) -> bool:
        """Refused."""
        raise InvalidInput(_REFUSED)

    def reorder(self, user_id: int, project_ids: Sequence[int]) -> None:
        """Refused."""
        raise InvalidInput(_REFUSED)

    def add_rule(self, user_id: int, project_id: int, rule: ProjectRule) -> int | None:
        """Refused."""
        raise InvalidInput(_REFUSED)

    def remove_rule(self, user_id: int, project_id: int, rule_id: int) -> bool:
        """Refused."""
        raise InvalidInput(_REFUSED)

    def add_assignment(
        self, user_id: int, project_id: int, day: date, minutes: tuple[int, int], now: datetime
    ) -> int | None:
        """Refused."""
        raise InvalidInput(_REFUSED)

    def remove_assignment(self, user_id: int, assignment_id: int) -> bool:
        """Refused."""
        raise InvalidInput(_REFUSED)


def find_project(book: ProjectBook, name: str) -> Project | None:
    """The project a name means: matched case-sensitively, else case-insensitively; the first
    in the user's order when names repeat."""
    for project in book.projects:
        if project.name == name:
            return project
    folded = name.casefold()
    for project in book.projects:
        if project.name.casefold() == folded:
            return project
    return None


class ProjectService:
    """Creating, ordering and changing projects; reports read them through the engine."""

    def __init__(
        self, store: ProjectStore, clock: Clock, reports_over: ReportsOver | None = None
    ) -> None:
        self._store = store
        self._clock = clock
        self._reports_over = reports_over

    def book(self, user_id: int) -> ProjectBook:
        """The user's projects in order, with their rules and assignments."""
        return self._store.book(user_id)

    def device_names(self, user_id: int) -> list[str]:
        """The names of the user's devices, which device rules match (ignoring case)."""
        return self._store.device_names(user_id)

    def project(self, user_id: int, project_id: int) -> Project:
        """One of the user's projects, or NotFound."""
        for project in self._store.book(user_id).projects:
            if project.id == project_id:
                return project
        raise NotFound(f"project {project_id} not found")

    def find(self, user_id: int, name: str) -> Project | None:
        """The user's project of that name (see find_project), if any."""
        return find_project(self._store.book(user_id), name)

    def named(self, user_id: int, name: str) -> Project:
        """The user's project of that name, or NotFound."""
        project = self.find(user_id, name)
        if project is None:
            raise NotFound(f"no project named {name!r}")
        return project

    def add(self, user_id: int, name: str) -> Project:
        """Add a project after the user's others (so it claims what they leave)."""
        project_id = self._store.add_project(user_id, checked_name(name), self._clock.now())
        return self.project(user_id, project_id)

    def rename(self, user_id: int, project_id: int, name: str) -> Project:
        """Rename a project."""
        if not self._store.rename_project(user_id, project_id, checked_name(name)):
            raise NotFound(f"project {project_id} not found")
        return self.project(user_id, project_id)

    def remove(self, user_id: int, project_id: int) -> None:
        """Delete a project with its rules and assignments; its time is claimed anew."""
        if not self._store.remove_project(user_id, project_id):
            raise NotFound(f"project {project_id} not found")

    def move(self, user_id: int, project_id: int, position: int) -> ProjectBook:
        """Move a project to a 1-based position in the user's order."""
        ids = [p.id for p in self._store.book(user_id).projects]
        if project_id not in ids:
            raise NotFound(f"project {project_id} not found")
        if not 1 <= position <= len(ids):
            raise InvalidInput(f"position: must be from 1 to {len(ids)}")
        ids.remove(project_id)
        ids.insert(position - 1, project_id)
        self._store.reorder(user_id, ids)
        return self._store.book(user_id)

    def add_rule(self, user_id: int, project_id: int, kind: str, value: str) -> ProjectRule:
        """Add a rule to a project; history is re-sorted at once."""
        rule = checked_rule(kind, value)
        rule_id = self._store.add_rule(user_id, project_id, rule)
        if rule_id is None:
            raise NotFound(f"project {project_id} not found")
        return ProjectRule(rule.kind, rule.value, rule_id)

    def remove_rule(self, user_id: int, project_id: int, rule_id: int) -> None:
        """Delete one rule of a project."""
        if not self._store.remove_rule(user_id, project_id, rule_id):
            raise NotFound(f"rule {rule_id} of project {project_id} not found")

    def assign(self, user_id: int, project_id: int, day: date, start: str, end: str) -> Assignment:
        """Give local time [start, end) ("HH:MM", end may be 24:00) of a day to a project."""
        minutes = checked_minutes(parse_clock(start), parse_clock(end))
        assignment_id = self._store.add_assignment(
            user_id, project_id, day, minutes, self._clock.now()
        )
        if assignment_id is None:
            raise NotFound(f"project {project_id} not found")
        return Assignment(assignment_id, project_id, day, *minutes)

    def unassign(self, user_id: int, assignment_id: int) -> None:
        """Delete one hand assignment; rules decide that time again."""
        if not self._store.remove_assignment(user_id, assignment_id):
            raise NotFound(f"assignment {assignment_id} not found")

    def preview_rule(
        self, user_id: int, kind: str, value: str, today: date, days: int = PREVIEW_DAYS
    ) -> RulePreview:
        """The time a rule (not saved) would claim on its own in the user's last days up to
        today, asked of the one query engine with a book that holds only that rule."""
        if self._reports_over is None:
            raise InvalidInput("previews: not available here")
        rule = checked_rule(kind, value)
        book = ProjectBook([Project(_PREVIEW_ID, "preview", 1, (rule,))])
        reports = self._reports_over(_HypotheticalBook(book))
        begin = today - timedelta(days=days - 1)
        only = Filters(project=_PREVIEW_ID)
        activities = reports.answer(user_id, Question(begin, today, GroupBy.ACTIVITY, filters=only))
        documents = reports.answer(user_id, Question(begin, today, GroupBy.DOCUMENT, filters=only))
        return RulePreview(
            begin,
            today,
            sum(row.ms for row in activities),
            activities[:PREVIEW_TOP],
            documents[:PREVIEW_TOP],
        )
