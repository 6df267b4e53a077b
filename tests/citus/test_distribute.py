"""`dayglass db distribute`: an existing database moved onto the cluster, twice; every table
has its place; a database without Citus is refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, text

from commands import run_here
from databases import CitusPool
from dayglass.composition import build_services
from dayglass.core.clock import SystemClock
from dayglass.core.query import GroupBy, Question
from dayglass.storage.distribution import DISTRIBUTED, PLACEMENTS, REFERENCE, placement_of
from dayglass.storage.engine import create_db_engine
from dayglass.storage.tables import metadata
from teams.team_seed import DAY, seed_team


@pytest.fixture
def plain_engine(citus_pool: CitusPool) -> Iterator[Engine]:
    """A migrated database on the cluster whose tables are still the coordinator's own."""
    engine = create_db_engine(citus_pool.url(citus_pool.undistributed()))
    yield engine
    engine.dispose()


def placed_on_cluster(engine: Engine) -> dict[str, tuple[str, str]]:
    """Each table Citus knows: (reference or distributed, distribution column)."""
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT table_name::text, citus_table_type, distribution_column FROM citus_tables")
        )
        return {name: (kind, column) for name, kind, column in rows}


def shards_not_vacuumed_and_analyzed(engine: Engine, table: str) -> int:
    """How many of table's shards no VACUUM or no ANALYZE has seen yet (on the workers that
    hold them)."""
    never = (
        "SELECT count(*) FROM pg_stat_user_tables WHERE relid = '%s'::regclass"
        " AND (last_vacuum IS NULL OR last_analyze IS NULL)"
    )
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT result FROM run_command_on_placements(:t, :c)"), {"t": table, "c": never}
        )
        results = [int(row.result) for row in found]
    assert results
    return sum(results)


def answers(engine: Engine, user_ids: list[int]) -> list[list[tuple[str, int]]]:
    """Each user's milliseconds per activity on DAY."""
    services = build_services(engine, SystemClock())
    day = date.fromisoformat(DAY)
    return [
        [
            (row.activity, row.ms)
            for row in services.reports.answer(u, Question(day, day, GroupBy.ACTIVITY))
        ]
        for u in user_ids
    ]


def test_an_existing_database_is_distributed_once_and_keeps_its_rows(plain_engine):
    team = seed_team(build_services(plain_engine, SystemClock()))
    people = [person.user_id for person in team.people.values()]
    before = answers(plain_engine, people)
    assert placed_on_cluster(plain_engine) == {}
    env = {"DAYGLASS_DATABASE_URL": plain_engine.url.render_as_string(hide_password=False)}
    first = run_here("db", "distribute", env=env)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert "users -> reference" in lines
    assert "facts -> distributed by user_id" in lines
    assert "api_keys -> distributed by key_hash" in lines
    assert "signin_attempts -> local (stays on the coordinator)" in lines
    assert len(lines) == len(metadata.tables)
    assert answers(plain_engine, people) == before
    assert sum(ms for rows in before for _, ms in rows) > 0
    assert shards_not_vacuumed_and_analyzed(plain_engine, "daily_facts") == 0
    again = run_here("db", "distribute", env=env)
    assert again.returncode == 0, again.stderr
    moved = [line for line in again.stdout.splitlines() if "-> local" not in line]
    assert moved and all(line.endswith(" (already)") for line in moved), again.stdout
    assert answers(plain_engine, people) == before


def test_every_table_has_a_placement_and_gets_it(citus_database_url):
    for table in metadata.tables:
        placement_of(table)  # raises for a table with none
    assert set(PLACEMENTS) == set(metadata.tables)
    expected = {
        name: (p.kind, p.column if p.kind == DISTRIBUTED else "<none>")
        for name, p in PLACEMENTS.items()
        if p.kind in (REFERENCE, DISTRIBUTED)
    }
    engine = create_db_engine(citus_database_url)
    assert placed_on_cluster(engine) == expected
    engine.dispose()


def test_a_table_without_placement_stops_distribution(plain_engine):
    with plain_engine.begin() as conn:
        conn.execute(text("CREATE TABLE forgotten (user_id bigint PRIMARY KEY)"))
    env = {"DAYGLASS_DATABASE_URL": plain_engine.url.render_as_string(hide_password=False)}
    done = run_here("db", "distribute", env=env)
    assert done.returncode == 1
    assert "forgotten" in done.stderr and "placement" in done.stderr
    # Nothing was placed: the check comes before the first table.
    assert placed_on_cluster(plain_engine) == {}


def test_a_database_without_citus_is_refused(sqlite_database_url):
    done = run_here("db", "distribute", env={"DAYGLASS_DATABASE_URL": sqlite_database_url})
    assert done.returncode == 1
    assert "not PostgreSQL with the citus extension" in done.stderr
