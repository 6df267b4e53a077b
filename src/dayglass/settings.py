"""Settings: one typed object from flags, `DAYGLASS_*` variables, a TOML file and defaults."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_PORT = 8425


def default_data_dir() -> Path:
    """The platform's per-user data directory for Dayglass."""
    return Path(platformdirs.user_data_dir("dayglass", appauthor=False))


class Settings(BaseSettings):
    """Everything the server needs to know about its environment."""

    model_config = SettingsConfigDict(env_prefix="DAYGLASS_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    log_level: str = "info"
    workers: int = Field(default=1, ge=1, le=64)
    session_secret: str | None = None  # default: a secret kept in the data directory
    secure_cookies: bool = False  # set when the server is reached over HTTPS
    max_body_bytes: int = 16 * 1024 * 1024
    # Alert webhooks may reach loopback, private and link-local addresses (the server's own
    # networks) only when the administrator says so.
    allow_internal_webhooks: bool = False
    # A request body that stops arriving for this long gets 408 and the connection closes.
    body_timeout_seconds: float = Field(default=30.0, gt=0, le=3600)
    # Between requests on a kept-alive connection (uvicorn's timeout_keep_alive).
    keep_alive_seconds: int = Field(default=5, ge=1, le=3600)
    # Where people reach the server (links in emails), e.g. https://time.example.org.
    public_url: str | None = None
    # Outgoing mail for the weekly report; without a host the weekly email is off.
    smtp_host: str | None = None
    smtp_port: int | None = Field(default=None, ge=1, le=65535)  # default: by smtp_tls
    smtp_tls: Literal["none", "starttls", "tls"] = "starttls"
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None  # SecretStr: shown as ****** in logs and reprs
    smtp_from: str | None = None  # default: dayglass@ the SMTP host

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags win over the environment, which wins over the TOML file."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL: DAYGLASS_DATABASE_URL, else a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'dayglass.sqlite3'}"


def default_config_file() -> Path | None:
    """`DAYGLASS_CONFIG`, else `server.toml` in the platform's config directory if it exists."""
    named = os.environ.get("DAYGLASS_CONFIG")
    if named:
        return Path(named)
    default = Path(platformdirs.user_config_dir("dayglass", appauthor=False)) / "server.toml"
    return default if default.is_file() else None


def load_settings(config_file: Path | None = None, **flags: Any) -> Settings:
    """Build settings; flags left as None fall through to the environment and the file."""
    toml_file = config_file or default_config_file()
    settings_cls: type[Settings] = Settings
    if toml_file is not None:
        settings_cls = type(
            "FileSettings",
            (Settings,),
            {"model_config": {**Settings.model_config, "toml_file": toml_file}},
        )
    return settings_cls(**{k: v for k, v in flags.items() if v is not None})


def settings_environment(settings: Settings) -> dict[str, str]:
    """`DAYGLASS_*` variables that rebuild these settings in another process."""
    values = settings.model_dump(exclude_none=True)
    return {f"DAYGLASS_{name.upper()}": _plain(value) for name, value in values.items()}


def _plain(value: object) -> str:
    # The other process needs the secret itself, not its masked form.
    return value.get_secret_value() if isinstance(value, SecretStr) else str(value)
