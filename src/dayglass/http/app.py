"""The composition root: create_app(settings) wires storage into services into routes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import Engine

from dayglass import __version__
from dayglass.catalog.loader import builtin_catalog
from dayglass.http.api_v1 import router as api_v1_router
from dayglass.http.background import Background, lifespan
from dayglass.http.compat.rescuetime.feed_routes import router as feeds_router
from dayglass.http.compat.rescuetime.oauth_routes import router as oauth_api_router
from dayglass.http.compat.rescuetime.routes import router as rescuetime_router
from dayglass.http.embed.routes import router as embed_router
from dayglass.http.errors import install_error_handlers
from dayglass.http.oauth.routes import router as oauth_router
from dayglass.http.oauth.server import DayglassAuthorizationServer
from dayglass.http.services import Services
from dayglass.http.timing import ServerTimingMiddleware
from dayglass.http.web.routes import install_web, session_secret
from dayglass.services.accounts import AccountService
from dayglass.services.alerts import AlertService
from dayglass.services.categories import CategoryService
from dayglass.services.daily_summaries import DailySummaryService
from dayglass.services.day_closing import DayCloser
from dayglass.services.embeds import EmbedService
from dayglass.services.focus import FocusService
from dayglass.services.highlights import HighlightService
from dayglass.services.ingest import IngestService
from dayglass.services.oauth import OAuthService
from dayglass.services.offline import OfflineService
from dayglass.services.reports import ReportService
from dayglass.services.schedules import ScheduleService
from dayglass.services.webhooks import WebhookService
from dayglass.settings import Settings
from dayglass.storage.account_store import SqlAccountStore
from dayglass.storage.alert_store import SqlAlertStore
from dayglass.storage.category_store import SqlCategoryStore
from dayglass.storage.embed_store import SqlEmbedStore
from dayglass.storage.engine import create_db_engine
from dayglass.storage.focus_store import SqlFocusStore
from dayglass.storage.highlight_store import SqlHighlightStore
from dayglass.storage.ingest_store import SqlIngestStore
from dayglass.storage.oauth_store import SqlOAuthStore
from dayglass.storage.offline_store import SqlOfflineStore
from dayglass.storage.report_store import SqlReportStore
from dayglass.storage.schedule_store import SqlScheduleStore
from dayglass.storage.summary_store import SqlSummaryStore

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def build_services(engine: Engine, now: Clock = _utc_now) -> Services:
    """Services over SQL stores on engine; now is the clock of summaries, alerts and focus."""
    catalog = builtin_catalog()
    report_store = SqlReportStore(engine)
    categories = CategoryService(catalog, SqlCategoryStore(engine), report_store)
    accounts = AccountService(SqlAccountStore(engine))
    ingest = IngestService(SqlIngestStore(engine), catalog)
    reports = ReportService(report_store, categories)
    alert_store = SqlAlertStore(engine)
    alerts = AlertService(alert_store, reports, accounts, catalog, now)
    summaries = DailySummaryService(SqlSummaryStore(engine), reports, accounts, catalog, now)
    return Services(
        accounts=accounts,
        ingest=ingest,
        categories=categories,
        reports=reports,
        schedules=ScheduleService(SqlScheduleStore(engine)),
        summaries=summaries,
        alerts=alerts,
        webhooks=WebhookService(alert_store, accounts, now=now),
        day_closer=DayCloser(accounts, summaries, alerts, now),
        highlights=HighlightService(SqlHighlightStore(engine), accounts, now),
        focus=FocusService(SqlFocusStore(engine), accounts, now),
        offline=OfflineService(SqlOfflineStore(engine), ingest, accounts, catalog, now),
        oauth=OAuthService(SqlOAuthStore(engine), now),
        embeds=EmbedService(SqlEmbedStore(engine), reports, now),
    )


def create_app(settings: Settings, engine: Engine | None = None, now: Clock = _utc_now) -> FastAPI:
    """The Dayglass ASGI app for settings (the database must already be migrated).

    now is the clock of the background work (closing days, alerts, webhooks) and focus.
    """
    engine = engine or create_db_engine(settings.sqlalchemy_url)
    app = FastAPI(
        title="Dayglass",
        version=__version__,
        summary="Self-hosted automatic time tracking with a RescueTime-compatible API.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.services = build_services(engine, now)
    app.state.background = Background(app.state.services)
    install_error_handlers(app)
    app.add_middleware(ServerTimingMiddleware)
    app.include_router(api_v1_router)
    app.include_router(rescuetime_router)
    app.include_router(feeds_router)
    app.state.oauth_server = DayglassAuthorizationServer(app.state.services.oauth)
    app.include_router(oauth_router)
    app.include_router(oauth_api_router)
    app.include_router(embed_router)
    secret = session_secret(settings.data_dir, settings.session_secret)
    install_web(app, secret, settings.secure_cookies)
    return app
