"""Fixtures: a fresh database per test on SQLite and PostgreSQL, and a live HTTP server."""

from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, sync_playwright
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from dayglass.composition import build_services
from dayglass.core.clock import Clock, SystemClock
from dayglass.http.app import create_app
from dayglass.services.registry import Services
from dayglass.settings import Settings
from dayglass.storage.engine import create_db_engine
from dayglass.storage.migrate import upgrade
from free_port import free_port

POSTGRES_ENV = "DAYGLASS_TEST_POSTGRES_URL"


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.fail(
            f"{POSTGRES_ENV} is not set: run the tests through ./scripts/test, "
            "which starts a PostgreSQL server for them"
        )
    return url


@pytest.fixture(scope="session")
def postgres_template() -> str:
    """A migrated PostgreSQL database that each test's database is copied from."""
    admin_url = _postgres_admin_url()
    name = f"dayglass_template_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_db_engine(make_url(admin_url).set(database=name).render_as_string(False))
    upgrade(engine)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def migrated_sqlite(folder) -> str:
    """The URL of a fresh SQLite file in folder, migrated to the newest schema."""
    url = f"sqlite:///{folder / 'dayglass.sqlite3'}"
    engine = create_db_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture
def sqlite_database_url(tmp_path) -> str:
    """A fresh SQLite database only, for tests whose subject does not depend on the engine."""
    return migrated_sqlite(tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, migrated database on each engine."""
    if request.param == "sqlite":
        yield migrated_sqlite(tmp_path)
        return
    template = request.getfixturevalue("postgres_template")
    admin_url = _postgres_admin_url()
    name = f"dayglass_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield make_url(admin_url).set(database=name).render_as_string(False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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


@dataclass
class LiveServer:
    """A real Dayglass server on a loopback port."""

    url: str
    services: Services

    def client(self, key: str | None = None) -> httpx.Client:
        """An HTTP client for the server, sending key as a Bearer token."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


@contextmanager
def serve_app(app) -> Iterator[str]:
    """Serve an ASGI app (lifespan included) over real HTTP from a thread; yields its URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def app_server():
    """serve_app, for tests that build their own app (with a test clock, say)."""
    return serve_app


@pytest.fixture
def live_server(engine: Engine, tmp_path, clock: Clock) -> Iterator[LiveServer]:
    """Serve the app over real HTTP from a background thread."""
    settings = Settings(
        data_dir=tmp_path, database_url=engine.url.render_as_string(hide_password=False)
    )
    app = create_app(settings, engine, clock)
    with serve_app(app) as url:
        yield LiveServer(url, app.state.services)


@dataclass
class Account:
    """A user with an API key."""

    user_id: int
    email: str
    key: str


@pytest.fixture
def account(services: Services) -> Account:
    """A user in Europe/Berlin with one API key."""
    user = services.accounts.add_user("ada@example.org", "correct horse", "Ada", "Europe/Berlin")
    _, key = services.accounts.create_key(user.id, "test")
    return Account(user.id, user.email, key)


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium from Debian's package."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=_chromium(), headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()
