"""Each user's projects, their rules and hand assignments in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from dayglass.core.fact_devices import known_device
from dayglass.core.projects import Assignment, Project, ProjectBook, ProjectRule, RuleKind
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.tables import devices, project_assignments, project_rules, projects

if TYPE_CHECKING:
    from dayglass.services.ports import ProjectStore


class SqlProjectStore:
    """Projects in the user's order, with their rules and assignments."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def book(self, user_id: int) -> ProjectBook:
        """All of a user's projects (in order) and assignments."""
        heads = (
            select(projects.c.id, projects.c.name, projects.c.position)
            .where(projects.c.user_id == user_id)
            .order_by(projects.c.position, projects.c.id)
        )
        rules = (
            select(
                project_rules.c.project_id,
                project_rules.c.kind,
                project_rules.c.value,
                project_rules.c.id,
            )
            .where(project_rules.c.user_id == user_id)
            .order_by(project_rules.c.id)
        )
        hands = select(
            project_assignments.c.id,
            project_assignments.c.project_id,
            project_assignments.c.day,
            project_assignments.c.start_minute,
            project_assignments.c.end_minute,
        ).where(project_assignments.c.user_id == user_id)
        with self._engine.connect() as conn:
            by_project: dict[int, list[ProjectRule]] = defaultdict(list)
            for project_id, kind, value, rule_id in conn.execute(rules):
                by_project[project_id].append(ProjectRule(RuleKind(kind), value, rule_id))
            ordered = [
                Project(i, name, position, tuple(by_project[i]))
                for i, name, position in conn.execute(heads)
            ]
            assigned = [Assignment(*row) for row in conn.execute(hands)]
        return ProjectBook(ordered, sorted(assigned, key=lambda a: a.id))

    def device_names(self, user_id: int) -> list[str]:
        """The names of the user's devices that device rules can match, sorted."""
        query = (
            select(devices.c.name, devices.c.source_type)
            .where(devices.c.user_id == user_id)
            .order_by(devices.c.name)
        )
        with self._engine.connect() as conn:
            return [name for name, source in conn.execute(query) if known_device(name, source)]

    def add_project(self, user_id: int, name: str, now: datetime) -> int:
        """Insert a project after the user's last one; its id."""
        with self._writer.begin() as conn:
            last = conn.execute(
                select(func.max(projects.c.position)).where(projects.c.user_id == user_id)
            ).scalar()
            values = {
                "user_id": user_id,
                "name": name,
                "position": (last or 0) + 1,
                "created_at": now,
            }
            return inserted_id(conn.execute(insert(projects).values(values)))

    def rename_project(self, user_id: int, project_id: int, name: str) -> bool:
        """Rename a project; False when the user has no such project."""
        query = (
            update(projects)
            .where(projects.c.user_id == user_id, projects.c.id == project_id)
            .values(name=name)
        )
        with self._writer.begin() as conn:
            return conn.execute(query).rowcount > 0

    def remove_project(self, user_id: int, project_id: int) -> bool:
        """Delete a project with its rules and assignments; False when there was none."""
        with self._writer.begin() as conn:
            if not _owned(conn, user_id, project_id):
                return False
            for table in (project_rules, project_assignments):
                conn.execute(
                    delete(table).where(
                        table.c.user_id == user_id, table.c.project_id == project_id
                    )
                )
            conn.execute(
                delete(projects).where(projects.c.user_id == user_id, projects.c.id == project_id)
            )
            return True

    def reorder(self, user_id: int, project_ids: Sequence[int]) -> None:
        """Give the projects positions 1, 2, ... in the order of project_ids."""
        with self._writer.begin() as conn:
            for position, project_id in enumerate(project_ids, start=1):
                conn.execute(
                    update(projects)
                    .where(projects.c.user_id == user_id, projects.c.id == project_id)
                    .values(position=position)
                )

    def add_rule(self, user_id: int, project_id: int, rule: ProjectRule) -> int | None:
        """Add a rule to a project; its id, or None when the user has no such project."""
        with self._writer.begin() as conn:
            if not _owned(conn, user_id, project_id):
                return None
            values = {
                "user_id": user_id,
                "project_id": project_id,
                "kind": rule.kind.value,
                "value": rule.value,
            }
            return inserted_id(conn.execute(insert(project_rules).values(values)))

    def remove_rule(self, user_id: int, project_id: int, rule_id: int) -> bool:
        """Delete one rule of a project; False when there was none."""
        query = delete(project_rules).where(
            project_rules.c.user_id == user_id,
            project_rules.c.project_id == project_id,
            project_rules.c.id == rule_id,
        )
        with self._writer.begin() as conn:
            return conn.execute(query).rowcount > 0

    def add_assignment(
        self, user_id: int, project_id: int, day: date, minutes: tuple[int, int], now: datetime
    ) -> int | None:
        """Assign minutes [start, end) of a local day to a project; the assignment's id."""
        with self._writer.begin() as conn:
            if not _owned(conn, user_id, project_id):
                return None
            values = {
                "user_id": user_id,
                "project_id": project_id,
                "day": day,
                "start_minute": minutes[0],
                "end_minute": minutes[1],
                "created_at": now,
            }
            return inserted_id(conn.execute(insert(project_assignments).values(values)))

    def remove_assignment(self, user_id: int, assignment_id: int) -> bool:
        """Delete one hand assignment; False when there was none."""
        query = delete(project_assignments).where(
            project_assignments.c.user_id == user_id, project_assignments.c.id == assignment_id
        )
        with self._writer.begin() as conn:
            return conn.execute(query).rowcount > 0


def _owned(conn: Connection, user_id: int, project_id: int) -> bool:
    query = select(projects.c.id).where(projects.c.user_id == user_id, projects.c.id == project_id)
    return conn.execute(query).first() is not None


if TYPE_CHECKING:

    def _implements_project_store(store: SqlProjectStore) -> ProjectStore:
        return store
