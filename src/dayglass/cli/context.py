"""What every command needs: settings, a migrated database, services."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine

from dayglass.adapters.name_resolver import system_resolver
from dayglass.composition import build_services, mail_setup
from dayglass.core.clock import Clock, SystemClock
from dayglass.services.registry import Services
from dayglass.services.webhook_targets import WebhookTargets
from dayglass.settings import Settings, load_settings
from dayglass.storage.engine import create_db_engine
from dayglass.storage.migrate import upgrade


@dataclass
class CliContext:
    """Lazily built settings, engine and services for one command."""

    config_file: Path | None = None
    data_dir: Path | None = None
    database_url: str | None = None
    clock: Clock = field(default_factory=SystemClock)

    @cached_property
    def settings(self) -> Settings:
        """Settings from flags, environment and file."""
        return load_settings(
            self.config_file, data_dir=self.data_dir, database_url=self.database_url
        )

    @cached_property
    def engine(self) -> Engine:
        """The database engine, migrated to the newest schema."""
        engine = create_db_engine(self.settings.sqlalchemy_url)
        upgrade(engine)
        return engine

    @cached_property
    def services(self) -> Services:
        """Services over the database."""
        allowed = self.settings.allow_internal_webhooks
        targets = WebhookTargets(system_resolver, allowed)
        return build_services(self.engine, self.clock, targets, mail_setup(self.settings))
