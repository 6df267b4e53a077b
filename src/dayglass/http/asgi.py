"""The app factory that server worker processes import: settings from the environment."""

from __future__ import annotations

from fastapi import FastAPI

from dayglass.http.app import create_app
from dayglass.settings import load_settings

APP_FACTORY = "dayglass.http.asgi:app_from_environment"


def app_from_environment() -> FastAPI:
    """A Dayglass app configured by `DAYGLASS_*` variables and the config file."""
    return create_app(load_settings())
