"""Installing Dayglass's GNOME Shell extension for the user, the version this Shell loads."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from importlib.resources import as_file, files
from pathlib import Path

from dayglass.agent.gnome import EXTENSION_UUID

HELPERS = files("dayglass.agent") / "desktop_helpers" / "gnome-shell"
FIRST_ESM_SHELL = 45  # GNOME Shell 45 moved extensions to JavaScript modules


def shell_version() -> int | None:
    """The installed GNOME Shell's major version, or None without one."""
    try:
        out = subprocess.run(
            ["gnome-shell", "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"(\d+)", out)
    return int(found.group(1)) if found else None


def install_extension(data_home: Path, version: int) -> Path:
    """Copy the extension for Shell version into data_home's extensions; its directory."""
    target = data_home / "gnome-shell" / "extensions" / EXTENSION_UUID
    flavour = "esm" if version >= FIRST_ESM_SHELL else "legacy"
    shutil.rmtree(target, ignore_errors=True)
    with as_file(HELPERS / flavour) as source:
        shutil.copytree(source, target)
    return target


def enable_extension(env: Mapping[str, str] | None = None) -> str:
    """Turn the extension on in the user's settings (the Shell loads it at the next login)."""
    listed = _gsettings(env, "get", "org.gnome.shell", "enabled-extensions")
    uuids = re.findall(r"'([^']+)'", listed)
    if EXTENSION_UUID not in uuids:
        uuids.append(EXTENSION_UUID)
    _gsettings(env, "set", "org.gnome.shell", "enabled-extensions", repr(uuids))
    _gsettings(env, "set", "org.gnome.shell", "disable-user-extensions", "false")
    return EXTENSION_UUID


def _gsettings(env: Mapping[str, str] | None, *args: str) -> str:
    return subprocess.run(
        ["gsettings", *args], env=env, capture_output=True, text=True, timeout=30, check=True
    ).stdout
