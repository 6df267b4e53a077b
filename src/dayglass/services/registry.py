"""Every service of the server in one typed bundle, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

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
from dayglass.services.projects import ProjectService
from dayglass.services.reports import ReportService
from dayglass.services.schedules import ScheduleService
from dayglass.services.signin_limit import SignInLimit
from dayglass.services.team_reports import TeamReportService
from dayglass.services.teams import TeamService
from dayglass.services.timeline import TimelineService
from dayglass.services.web_sessions import SessionService
from dayglass.services.webhooks import WebhookService
from dayglass.services.weekly_email import WeeklyEmailService


@dataclass(frozen=True)
class Services:
    """Everything a request handler may call, and the clock they all read."""

    clock: Clock

    accounts: AccountService
    ingest: IngestService
    categories: CategoryService
    reports: ReportService
    schedules: ScheduleService
    summaries: DailySummaryService
    alerts: AlertService
    webhooks: WebhookService
    day_closer: DayCloser
    highlights: HighlightService
    focus: FocusService
    offline: OfflineService
    oauth: OAuthService
    embeds: EmbedService
    exports: ExportService
    restores: RestoreService
    deletions: DeletionService
    sessions: SessionService
    signin_limit: SignInLimit
    projects: ProjectService
    teams: TeamService
    team_reports: TeamReportService
    timeline: TimelineService
    weekly_email: WeeklyEmailService
