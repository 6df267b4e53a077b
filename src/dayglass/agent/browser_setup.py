"""Handing the browser extension over: where it is, its secret, and how to load it."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path

from dayglass.agent.config import AgentConfig

EXTENSION_DIR = Path(__file__).parent / "extension"


def with_browser_secret(config: AgentConfig) -> AgentConfig:
    """The settings with a browser secret, a new random one when they have none yet."""
    return config if config.browser_secret else replace(config, browser_secret=new_secret())


def new_secret() -> str:
    """A per-installation secret the extension proves it was given."""
    return secrets.token_urlsafe(24)


def install_steps(config: AgentConfig) -> list[str]:
    """What a person does to install the extension and connect it to this agent."""
    return [
        f"The Dayglass browser extension is in {EXTENSION_DIR}",
        "",
        "Chromium, Chrome, Edge, Brave, Vivaldi:",
        "  1. open chrome://extensions and switch on Developer mode",
        f"  2. Load unpacked, and choose {EXTENSION_DIR}",
        "Firefox (121 or later):",
        "  1. open about:debugging#/runtime/this-firefox",
        f"  2. Load Temporary Add-on, and choose {EXTENSION_DIR / 'manifest.json'}",
        "     (Firefox forgets it at exit unless it is signed; see the README)",
        "",
        "Then open the extension's options (Details > Extension options) and paste:",
        f"  port:   {config.browser_port}",
        f"  secret: {config.browser_secret}",
        "",
        "It reports only to this agent at 127.0.0.1; private windows are not recorded",
        "unless [privacy] record_incognito = true. Restart the agent after changing the port.",
    ]
