"""The composition root: create_app(settings) wires storage into services into routes."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine

from dayglass import __version__
from dayglass.catalog.loader import builtin_catalog
from dayglass.http.api_v1 import router as api_v1_router
from dayglass.http.compat.rescuetime.routes import router as rescuetime_router
from dayglass.http.errors import install_error_handlers
from dayglass.http.services import Services
from dayglass.http.timing import ServerTimingMiddleware
from dayglass.http.web.routes import install_web, session_secret
from dayglass.services.accounts import AccountService
from dayglass.services.categories import CategoryService
from dayglass.services.ingest import IngestService
from dayglass.services.reports import ReportService
from dayglass.services.schedules import ScheduleService
from dayglass.settings import Settings
from dayglass.storage.account_store import SqlAccountStore
from dayglass.storage.category_store import SqlCategoryStore
from dayglass.storage.engine import create_db_engine
from dayglass.storage.ingest_store import SqlIngestStore
from dayglass.storage.report_store import SqlReportStore
from dayglass.storage.schedule_store import SqlScheduleStore


def build_services(engine: Engine) -> Services:
    """Services over SQL stores on engine."""
    catalog = builtin_catalog()
    report_store = SqlReportStore(engine)
    categories = CategoryService(catalog, SqlCategoryStore(engine), report_store)
    return Services(
        accounts=AccountService(SqlAccountStore(engine)),
        ingest=IngestService(SqlIngestStore(engine), catalog),
        categories=categories,
        reports=ReportService(report_store, categories),
        schedules=ScheduleService(SqlScheduleStore(engine)),
    )


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """The Dayglass ASGI app for settings (the database must already be migrated)."""
    engine = engine or create_db_engine(settings.sqlalchemy_url)
    app = FastAPI(
        title="Dayglass",
        version=__version__,
        summary="Self-hosted automatic time tracking with a RescueTime-compatible API.",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.services = build_services(engine)
    install_error_handlers(app)
    app.add_middleware(ServerTimingMiddleware)
    app.include_router(api_v1_router)
    app.include_router(rescuetime_router)
    secret = session_secret(settings.data_dir, settings.session_secret)
    install_web(app, secret, settings.secure_cookies)
    return app
