"""Fixtures: a fresh database per test on SQLite, PostgreSQL (and Citus), and a live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, sync_playwright
from sqlalchemy import Engine

import dayglass.services.accounts
from databases import CitusPool, PostgresPool, SqliteTemplate
from dayglass.composition import build_services
from dayglass.core.clock import Clock, SystemClock
from dayglass.services.registry import Services
from dayglass.storage.engine import create_db_engine
from passwords import RememberingHasher
from serving import (
    Account,
    LiveServer,
    add_account,
    in_process_server_on,
    live_server_on,
    serve_app,
)

__all__ = ["Account", "LiveServer"]

POSTGRES_ENV = "DAYGLASS_TEST_POSTGRES_URL"
# A Citus coordinator (scripts/test-citus start): every PostgreSQL test runs on it as well.
CITUS_ENV = "DAYGLASS_TEST_CITUS_URL"
ENGINES = ["sqlite", "postgresql", *(["citus"] if os.environ.get(CITUS_ENV) else [])]
# The tests of how Dayglass is distributed exist where the cluster does (every CI run).
collect_ignore = [] if os.environ.get(CITUS_ENV) else ["citus"]


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.fail(
            f"{POSTGRES_ENV} is not set: run the tests through ./scripts/test, "
            "which starts a PostgreSQL server for them"
        )
    return url


@pytest.fixture(scope="session", autouse=True)
def _remembered_passwords() -> Iterator[None]:
    """Argon2 hashes and checks each password once in this process (see passwords.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dayglass.services.accounts, "PasswordHasher", RememberingHasher)
        yield


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    """A migrated SQLite file that each test's database is copied from."""
    return SqliteTemplate(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def postgres_pool() -> Iterator[PostgresPool]:
    """Migrated PostgreSQL databases of this test process, emptied for each test."""
    pool = PostgresPool(_postgres_admin_url())
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def citus_pool() -> Iterator[CitusPool]:
    """Migrated, distributed databases of this test process on the Citus cluster."""
    url = os.environ.get(CITUS_ENV)
    if not url:
        pytest.fail(f"{CITUS_ENV} is not set: scripts/test-citus start prints the cluster's URL")
    pool = CitusPool(url)
    yield pool
    pool.close()


@contextmanager
def _database(request: pytest.FixtureRequest, engine_name: str, folder) -> Iterator[str]:
    if engine_name == "sqlite":
        yield request.getfixturevalue("sqlite_template").copy_to(folder)
        return
    pool_name = "citus_pool" if engine_name == "citus" else "postgres_pool"
    pool: PostgresPool | CitusPool = request.getfixturevalue(pool_name)
    name = pool.take()
    try:
        yield pool.url(name)
    finally:
        pool.give_back(name)


@pytest.fixture
def sqlite_database_url(sqlite_template: SqliteTemplate, tmp_path) -> str:
    """A fresh SQLite database only, for tests whose subject does not depend on the engine."""
    return sqlite_template.copy_to(tmp_path)


@pytest.fixture
def postgres_database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh database on the single PostgreSQL server only, for tests of its plans."""
    with _database(request, "postgresql", tmp_path) as url:
        yield url


@pytest.fixture
def citus_database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, distributed database on the Citus cluster only, for tests of its plans."""
    with _database(request, "citus", tmp_path) as url:
        yield url


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, migrated database on each engine."""
    with _database(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=ENGINES)
def module_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated database on each engine shared by a module's tests (seeded once, read often)."""
    with _database(request, request.param, tmp_path_factory.mktemp("module-db")) as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test's database."""
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> Clock:
    """The clock of the test's services and server."""
    return SystemClock()


@pytest.fixture
def services(engine: Engine, clock: Clock) -> Services:
    """Services over the test's database, on the test's clock."""
    return build_services(engine, clock)


@pytest.fixture
def app_server():
    """serve_app, for tests that build their own app (with a test clock, say)."""
    return serve_app


@pytest.fixture
def live_server(engine: Engine, tmp_path, clock: Clock) -> Iterator[LiveServer]:
    """Serve the app over real HTTP from a background thread."""
    with live_server_on(engine, tmp_path, clock) as server:
        yield server


@pytest.fixture
def in_process_server(engine: Engine, tmp_path, clock: Clock) -> Iterator[LiveServer]:
    """The app in this process (no socket), for tests of what it answers rather than of HTTP."""
    with in_process_server_on(engine, tmp_path, clock) as server:
        yield server


@pytest.fixture
def account(services: Services) -> Account:
    """A user in Europe/Berlin with one API key."""
    return add_account(services)


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    found = os.environ.get("DAYGLASS_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail("Debian's chromium is not installed: apt-get install chromium (.ci/run does)")
    return found


@contextmanager
def _real_clock_for_children() -> Iterator[None]:
    """Start child processes without libfaketime, which scripts/test-faketime preloads.

    Chromium crawls under libfaketime, so the browser keeps the real clock while this process
    (and the server in it) keeps the faked one. Only LD_PRELOAD goes: libfaketime rereads
    FAKETIME now and then, so that stays.
    """
    saved = os.environ.pop("LD_PRELOAD", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["LD_PRELOAD"] = saved


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium from Debian's package."""
    with _real_clock_for_children():
        playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(
            executable_path=_chromium(), headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()
    finally:
        playwright.stop()
