"""A Dayglass app served over real HTTP or in process, and the accounts tests sign in with."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import anyio.abc
import anyio.from_thread
import httpx
import uvicorn
from fastapi import FastAPI
from sqlalchemy import Engine

from dayglass.core.clock import Clock
from dayglass.http.app import create_app
from dayglass.services.registry import Services
from dayglass.settings import Settings
from free_port import free_port

PASSWORD = "correct horse"
# One TLS context for every test client: httpx loads the CA bundle again for each new client
# (tens of milliseconds), though the tests speak plain HTTP on loopback.
TLS = httpx.create_ssl_context()
# The in-process app's address: nothing listens there. A loopback host, as a real test server
# has, so what the app allows only on loopback (OAuth over plain HTTP) works the same.
IN_PROCESS_URL = "http://127.0.0.1"
SHUTDOWN_SECONDS = 5.0


@dataclass
class LiveServer:
    """A real Dayglass server on a loopback port."""

    url: str
    services: Services

    def client(self, key: str | None = None) -> httpx.Client:
        """An HTTP client for the server, sending key as a Bearer token."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30, verify=TLS)


@dataclass
class Account:
    """A user with an API key."""

    user_id: int
    email: str
    key: str


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
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def live_server_on(engine: Engine, data_dir: Path, clock: Clock) -> Iterator[LiveServer]:
    """The app over engine, on clock, served over real HTTP."""
    settings = Settings(
        data_dir=data_dir, database_url=engine.url.render_as_string(hide_password=False)
    )
    app = create_app(settings, engine, clock)
    with serve_app(app) as url:
        yield LiveServer(url, app.state.services)


class PortalTransport(httpx.BaseTransport):
    """A sync client's requests, answered by an ASGI app on an event loop in another thread."""

    def __init__(self, app: FastAPI, portal: anyio.from_thread.BlockingPortal) -> None:
        # A server error is a 500 answer, as a real server gives, not an exception here.
        self._asgi = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        self._portal = portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send request to the app, on its event loop; the answer comes back whole."""
        sent = httpx.Request(
            request.method, request.url, headers=request.headers, content=request.read()
        )
        status, headers, body = self._portal.call(self._send, sent)
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))

    async def _send(self, request: httpx.Request) -> tuple[int, httpx.Headers, bytes]:
        answer = await self._asgi.handle_async_request(request)
        body = b"".join([chunk async for chunk in answer.stream])
        return answer.status_code, answer.headers, body


@dataclass
class InProcessServer(LiveServer):
    """The app in this process, its lifespan running: for tests a socket adds nothing to."""

    transport: PortalTransport | None = None

    def client(self, key: str | None = None) -> httpx.Client:
        """An HTTP client for the app, sending key as a Bearer token."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, transport=self.transport)


@contextmanager
def in_process_server_on(
    engine: Engine, data_dir: Path, clock: Clock, **more_settings: object
) -> Iterator[LiveServer]:
    """The app over engine, on clock, its lifespan (background loops) running in a thread."""
    settings = Settings(
        data_dir=data_dir,
        database_url=engine.url.render_as_string(hide_password=False),
        **more_settings,  # type: ignore[arg-type]
    )
    app = create_app(settings, engine, clock)
    with anyio.from_thread.start_blocking_portal() as portal:
        running, stop = portal.start_task(_lifespan, app)
        try:
            yield InProcessServer(IN_PROCESS_URL, app.state.services, PortalTransport(app, portal))
        finally:
            portal.call(stop.set)
            _wait_for_shutdown(running)


async def _lifespan(app: FastAPI, *, task_status: anyio.abc.TaskStatus[anyio.Event]) -> None:
    """Run the app's lifespan until the event it hands out is set."""
    stop = anyio.Event()
    async with app.router.lifespan_context(app):
        task_status.started(stop)
        await stop.wait()


def _wait_for_shutdown(running: Future[None]) -> None:
    """Wait for the lifespan to end: a shutdown that hangs is the app's fault and fails a test."""
    try:
        running.result(timeout=SHUTDOWN_SECONDS)
    except TimeoutError:
        running.cancel()
        raise AssertionError(
            f"the app's lifespan did not end within {SHUTDOWN_SECONDS} s of being told to stop"
        ) from None


def add_account(services: Services, email: str = "ada@example.org", name: str = "Ada") -> Account:
    """A user in Europe/Berlin with one API key."""
    user = services.accounts.add_user(email, PASSWORD, name, "Europe/Berlin")
    _, key = services.accounts.create_key(user.id, "test")
    return Account(user.id, user.email, key)


def signed_in(server: LiveServer, email: str, password: str = PASSWORD) -> httpx.Client:
    """A client of server with a signed-in web session."""
    client = server.client()
    form = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token, form
    data = {"csrf": token.group(1), "email": email, "password": password, "next": "/"}
    assert client.post("/login", data=data).status_code == 303
    return client
