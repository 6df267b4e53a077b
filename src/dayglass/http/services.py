"""The services an app serves, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from dayglass.services.accounts import AccountService
from dayglass.services.categories import CategoryService
from dayglass.services.ingest import IngestService
from dayglass.services.reports import ReportService
from dayglass.services.schedules import ScheduleService


@dataclass(frozen=True)
class Services:
    """Everything a request handler may call."""

    accounts: AccountService
    ingest: IngestService
    categories: CategoryService
    reports: ReportService
    schedules: ScheduleService
