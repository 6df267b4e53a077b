"""The composition root: create_app(settings) wires storage into services into routes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import partial

import anyio.to_thread
from fastapi import FastAPI
from sqlalchemy import Engine

from dayglass import __version__
from dayglass.adapters.name_resolver import system_resolver
from dayglass.composition import build_services, mail_setup
from dayglass.core.clock import Clock, SystemClock
from dayglass.http.api_v1 import router as api_v1_router
from dayglass.http.background import Background
from dayglass.http.body_timeout import BodyTimeoutMiddleware
from dayglass.http.compat.rescuetime.feed_routes import router as feeds_router
from dayglass.http.compat.rescuetime.oauth_routes import router as oauth_api_router
from dayglass.http.compat.rescuetime.routes import router as rescuetime_router
from dayglass.http.embed.routes import router as embed_router
from dayglass.http.errors import install_error_handlers
from dayglass.http.log_redaction import install_log_redaction
from dayglass.http.loop_reads import process_connections, reads_on_loop, request_threads
from dayglass.http.oauth.routes import router as oauth_router
from dayglass.http.oauth.server import DayglassAuthorizationServer
from dayglass.http.security_headers import SecurityHeadersMiddleware
from dayglass.http.timing import ServerTimingMiddleware
from dayglass.http.web.routes import install_web, session_secret
from dayglass.http.web.throttle import SignInThrottle
from dayglass.services.webhook_targets import WebhookTargets
from dayglass.settings import Settings
from dayglass.storage.engine import backend_name, create_db_engine
from dayglass.storage.snapshot import SharedReads
from dayglass.storage.wal_checkpoints import checkpoint


def _lifespan(
    background: Background, threads: int, shared_reads: SharedReads
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        try:
            async with background.serving(app):
                yield
        finally:
            shared_reads.close()

    return lifespan


def create_app(
    settings: Settings, engine: Engine | None = None, clock: Clock | None = None
) -> FastAPI:
    """The Dayglass ASGI app for settings (the database must already be migrated).

    clock is the time every service, route and background loop reads (the system's by default).
    """
    if engine is None:
        dialect = backend_name(settings.sqlalchemy_url)
        engine = create_db_engine(
            settings.sqlalchemy_url,
            checkpoints_in_background=True,
            connections=process_connections(dialect),
        )
    targets = WebhookTargets(system_resolver, settings.allow_internal_webhooks)
    # Stores read through shared_reads: a route may give a whole request one read transaction
    # (on Citus, a user's one-statement question from the user's worker: at most one a thread).
    threads = request_threads(engine.dialect.name)
    shared_reads = SharedReads(engine, worker_connections=threads)
    services = build_services(
        shared_reads.as_engine(), clock or SystemClock(), targets, mail_setup(settings)
    )
    checkpoints = partial(checkpoint, engine) if engine.dialect.name == "sqlite" else None
    background = Background(services, checkpoint=checkpoints)
    app = FastAPI(
        title="Dayglass",
        version=__version__,
        summary="Self-hosted automatic time tracking with a RescueTime-compatible API.",
        lifespan=_lifespan(background, threads, shared_reads),
    )
    # Routes read these through the typed accessors of dayglass.http.dependencies.
    app.state.settings = settings
    app.state.engine = engine
    app.state.services = services
    app.state.snapshot = shared_reads.snapshot
    app.state.loop_reads = reads_on_loop(engine.dialect.name)
    app.state.background = background
    app.state.oauth_server = DayglassAuthorizationServer(services.oauth)
    secret = session_secret(settings.data_dir, settings.session_secret)
    app.state.signin_throttle = SignInThrottle(
        services.signin_limit, secret, settings.secure_cookies
    )
    install_error_handlers(app)
    app.add_middleware(ServerTimingMiddleware)
    app.add_middleware(BodyTimeoutMiddleware, seconds=settings.body_timeout_seconds)
    app.add_middleware(SecurityHeadersMiddleware)
    install_log_redaction()
    # The Data API first: the most polled routes are matched against the fewest before them.
    app.include_router(rescuetime_router)
    app.include_router(api_v1_router)
    app.include_router(feeds_router)
    app.include_router(oauth_router)
    app.include_router(oauth_api_router)
    app.include_router(embed_router)
    install_web(app, secret, settings.secure_cookies)
    return app
