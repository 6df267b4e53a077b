"""The agent as a real process under headless GNOME Shell with the shipped extension."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from dayglass.agent.gnome_install import enable_extension, install_extension, shell_version

from .agent_process import AgentProcess, configure
from .wayland_desktop import GnomeDesktop, start_gnome


def install_like_a_user(data_home, env) -> None:
    """What `dayglass agent desktop-helpers` does: copy the extension, enable it in settings."""
    version = shell_version()
    assert version is not None, "gnome-shell is not installed"
    install_extension(data_home, version)
    enable_extension(env)


@pytest.fixture
def gnome() -> Iterator[GnomeDesktop]:
    """A fresh headless GNOME Shell with the Dayglass extension enabled."""
    started = start_gnome(install_like_a_user)
    yield started
    started.close()


def test_the_focused_window_on_gnome_is_recorded(gnome, serve, tmp_path):
    """Two windows, focus moved in the Shell: applications and titles within 2 s of the spans."""
    gnome.open_window("main.py - dayglass", "Code")
    gnome.open_window("Meeting notes", "Gedit")
    gnome.activate("main.py - dayglass")
    configure(tmp_path, serve.url, serve.key, sync_seconds=2.0)
    agent = AgentProcess(tmp_path, gnome)
    assert agent.logged("through the Dayglass Shell extension, idle through Mutter")
    time.sleep(3)
    switched = gnome.activate("Meeting notes")
    spent = {"code": switched - agent.recording_since}
    time.sleep(3)
    assert agent.stop() == 0, "".join(agent.log)
    spent["notes"] = time.time() - switched
    activities = serve.seconds("activity", agent.recording_since)
    documents = serve.seconds("document", agent.recording_since)
    assert set(activities) == {"Visual Studio Code", "gedit"}, activities
    assert abs(activities["Visual Studio Code"] - spent["code"]) <= 2, (activities, spent)
    assert abs(activities["gedit"] - spent["notes"]) <= 2, (activities, spent)
    assert abs(documents["main.py - dayglass"] - spent["code"]) <= 2, (documents, spent)
    assert abs(documents["Meeting notes"] - spent["notes"]) <= 2, (documents, spent)
