"""The service wiring: SQL stores and the webhook sender into services, on one engine and clock.

Shared by the server's app factory and the command line, so a command such as `dayglass user add`
builds its services without importing the web framework.
"""

from __future__ import annotations

from sqlalchemy import Engine

from dayglass.adapters.name_resolver import system_resolver
from dayglass.adapters.smtp_sender import SmtpSender, SmtpServer
from dayglass.adapters.webhook_sender import HttpWebhookSender
from dayglass.catalog.loader import builtin_catalog
from dayglass.core.clock import Clock
from dayglass.services.accounts import AccountService
from dayglass.services.alerts import AlertService
from dayglass.services.categories import CategoryService
from dayglass.services.daily_summaries import DailySummaryService
from dayglass.services.day_closing import DayCloser
from dayglass.services.deletion import DeletionService
from dayglass.services.embeds import EmbedService
from dayglass.services.export import ExportService
from dayglass.services.export_restore import RestoreService
from dayglass.services.focus import FocusService
from dayglass.services.highlights import HighlightService
from dayglass.services.ingest import IngestService
from dayglass.services.oauth import OAuthService
from dayglass.services.offline import OfflineService
from dayglass.services.ports import ImportCursorStore
from dayglass.services.projects import ProjectService
from dayglass.services.registry import Services
from dayglass.services.reports import ReportService
from dayglass.services.schedules import ScheduleService
from dayglass.services.signin_limit import SignInLimit
from dayglass.services.team_reports import TeamReportService
from dayglass.services.teams import TeamService
from dayglass.services.timeline import TimelineService
from dayglass.services.web_sessions import SessionService
from dayglass.services.webhook_targets import WebhookTargets
from dayglass.services.webhooks import WebhookService
from dayglass.services.weekly_email import MailSetup, WeeklyEmailService
from dayglass.services.weekly_email_report import WeeklyReportBuilder
from dayglass.settings import Settings
from dayglass.storage.account_store import SqlAccountStore
from dayglass.storage.alert_store import SqlAlertStore
from dayglass.storage.category_store import SqlCategoryStore
from dayglass.storage.deletion_store import SqlDeletionStore
from dayglass.storage.embed_store import SqlEmbedStore
from dayglass.storage.export_restore_store import SqlRestoreStore
from dayglass.storage.export_store import SqlExportStore
from dayglass.storage.focus_store import SqlFocusStore
from dayglass.storage.highlight_store import SqlHighlightStore
from dayglass.storage.import_cursor_store import SqlImportCursorStore
from dayglass.storage.ingest_store import SqlIngestStore
from dayglass.storage.oauth_store import SqlOAuthStore
from dayglass.storage.offline_store import SqlOfflineStore
from dayglass.storage.project_store import SqlProjectStore
from dayglass.storage.report_store import SqlReportStore
from dayglass.storage.schedule_store import SqlScheduleStore
from dayglass.storage.session_store import SqlSessionStore
from dayglass.storage.signin_attempt_store import SqlSignInAttemptStore
from dayglass.storage.summary_store import SqlSummaryStore
from dayglass.storage.team_store import SqlTeamStore
from dayglass.storage.timeline_store import SqlTimelineStore
from dayglass.storage.weekly_email_store import SqlWeeklyEmailStore


def mail_setup(settings: Settings) -> MailSetup | None:
    """How the server sends email, from the SMTP settings; None (email off) without a host."""
    host = settings.smtp_host
    if not host:
        return None
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    server = SmtpServer(host, settings.smtp_port, settings.smtp_tls, settings.smtp_user, password)
    sender = settings.smtp_from or f"dayglass@{host}"
    return MailSetup(SmtpSender(server), sender, settings.public_url)


def build_services(
    engine: Engine,
    clock: Clock,
    webhook_targets: WebhookTargets | None = None,
    mail: MailSetup | None = None,
) -> Services:
    """Services over SQL stores on engine, every one reading the time from clock.

    Webhooks go only to public addresses unless webhook_targets allows internal ones; email
    goes out through mail (none: email is off).
    """
    targets = webhook_targets or WebhookTargets(system_resolver)
    catalog = builtin_catalog()
    report_store = SqlReportStore(engine)
    categories = CategoryService(catalog, SqlCategoryStore(engine), report_store)
    accounts = AccountService(SqlAccountStore(engine), clock)
    # SQLite's writers take turns: a process works on one batch at a time (see IngestService).
    sqlite = engine.dialect.name == "sqlite"
    ingest = IngestService(
        SqlIngestStore(engine, clock), catalog, clock, one_batch_at_a_time=sqlite
    )
    project_store = SqlProjectStore(engine)
    reports = ReportService(report_store, categories, project_store)
    alert_store = SqlAlertStore(engine)
    alerts = AlertService(alert_store, reports, accounts, catalog, clock, targets)
    summaries = DailySummaryService(SqlSummaryStore(engine), reports, accounts, catalog, clock)
    day_closer = DayCloser(accounts, summaries, alerts, clock)
    deletions = DeletionService(SqlDeletionStore(engine), accounts, summaries, day_closer, clock)
    projects = ProjectService(
        project_store, clock, lambda books: ReportService(report_store, categories, books)
    )
    highlights = HighlightService(SqlHighlightStore(engine), accounts, clock)
    weekly = WeeklyReportBuilder(reports, highlights, alerts)
    return Services(
        clock=clock,
        accounts=accounts,
        ingest=ingest,
        categories=categories,
        reports=reports,
        schedules=ScheduleService(SqlScheduleStore(engine), clock),
        summaries=summaries,
        alerts=alerts,
        webhooks=WebhookService(alert_store, accounts, clock, HttpWebhookSender(targets)),
        day_closer=day_closer,
        highlights=highlights,
        focus=FocusService(SqlFocusStore(engine), accounts, clock),
        offline=OfflineService(SqlOfflineStore(engine), ingest, accounts, catalog, clock),
        oauth=OAuthService(SqlOAuthStore(engine), clock),
        embeds=EmbedService(SqlEmbedStore(engine), reports, clock),
        exports=ExportService(SqlExportStore(engine), accounts, clock),
        restores=RestoreService(SqlRestoreStore(engine), ingest, accounts),
        deletions=deletions,
        sessions=SessionService(SqlSessionStore(engine), accounts, clock),
        signin_limit=SignInLimit(SqlSignInAttemptStore(engine), clock),
        projects=projects,
        teams=TeamService(SqlTeamStore(engine), accounts, clock),
        team_reports=TeamReportService(reports, projects),
        timeline=TimelineService(SqlTimelineStore(engine), categories),
        weekly_email=WeeklyEmailService(SqlWeeklyEmailStore(engine), weekly, accounts, clock, mail),
    )


def build_import_cursors(engine: Engine, clock: Clock) -> ImportCursorStore:
    """Where the importers keep how far each import of a user's history has come."""
    return SqlImportCursorStore(engine, clock)
