"""The agent as a real process under headless sway (wlroots) with real Wayland windows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .agent_process import AgentProcess, configure
from .spans import (
    EDITOR,
    NOTES,
    assert_spans_recorded,
    check_away_after_silence,
    switch_on_schedule,
)
from .wayland_desktop import SwayDesktop, start_sway


@pytest.fixture
def sway() -> Iterator[SwayDesktop]:
    """A fresh headless sway."""
    started = start_sway()
    yield started
    started.close()


def test_switching_wayland_windows_is_reported_with_the_right_durations(sway, serve, tmp_path):
    """Two foot windows, focus switched with swaymsg for measured times, synced."""
    for title, app_id, _activity in (EDITOR, NOTES):
        sway.open_window(title, app_id)
    sway.activate(EDITOR[0])
    configure(tmp_path, serve.url, serve.key, sync_seconds=2.0)
    agent = AgentProcess(tmp_path, sway)
    assert agent.logged("org_kde_kwin_idle") or agent.logged("ext-idle-notify-v1")
    spent = switch_on_schedule(sway, agent, [(3, NOTES[0]), (3, EDITOR[0])])
    assert_spans_recorded(serve, agent, spent)


def test_no_input_past_the_threshold_is_away_on_wayland(sway, serve, tmp_path):
    """Input through a virtual keyboard keeps the user present; silence past 3 s is away."""
    check_away_after_silence(sway, serve, tmp_path)
