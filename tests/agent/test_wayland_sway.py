"""The agent as a real process under headless sway (wlroots) with real Wayland windows."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from .agent_process import AgentProcess, configure, wait_for
from .wayland_desktop import SwayDesktop, start_sway


@pytest.fixture
def sway() -> Iterator[SwayDesktop]:
    """A fresh headless sway."""
    started = start_sway()
    yield started
    started.close()


def test_switching_wayland_windows_is_reported_with_the_right_durations(sway, serve, tmp_path):
    """Two foot windows, focus switched with swaymsg for measured times, synced."""
    sway.open_window("main.py - dayglass", "Code")
    sway.open_window("Meeting notes", "Gedit")
    sway.activate("main.py - dayglass")
    configure(tmp_path, serve.url, serve.key, sync_seconds=2.0)
    agent = AgentProcess(tmp_path, sway)
    assert agent.logged("org_kde_kwin_idle") or agent.logged("ext-idle-notify-v1")
    spent = {"code": 0.0, "notes": 0.0}
    began, current = agent.recording_since, "code"
    for hold, title, name in [(3, "Meeting notes", "notes"), (3, "main.py - dayglass", "code")]:
        time.sleep(hold)
        switched = sway.activate(title)
        spent[current] += switched - began
        began, current = switched, name
    time.sleep(2)
    assert agent.stop() == 0, "".join(agent.log)
    spent[current] += time.time() - began
    activities = serve.seconds("activity", agent.recording_since)
    documents = serve.seconds("document", agent.recording_since)
    assert set(activities) == {"Visual Studio Code", "gedit"}, activities
    assert abs(activities["Visual Studio Code"] - spent["code"]) <= 2, (activities, spent)
    assert abs(activities["gedit"] - spent["notes"]) <= 2, (activities, spent)
    assert abs(documents["main.py - dayglass"] - spent["code"]) <= 2, (documents, spent)
    assert abs(documents["Meeting notes"] - spent["notes"]) <= 2, (documents, spent)


def test_no_input_past_the_threshold_is_away_on_wayland(sway, serve, tmp_path):
    """Input through a virtual keyboard keeps the user present; silence past 3 s is away."""
    sway.open_window("Quiet room", "Quiet")
    configure(tmp_path, serve.url, serve.key, sync_seconds=1.0, away_after_seconds=3.0)
    agent = AgentProcess(tmp_path, sway)
    for _ in range(4):  # four seconds at work
        sway.touch()
        time.sleep(1)
    sway.touch()
    last_input = time.time()
    wait_for(lambda: agent.queue_state("state") == "away")
    noticed = time.time()
    assert noticed - last_input >= 3 - 1, (noticed, last_input)  # not before the threshold
    time.sleep(1)
    assert agent.stop() == 0, "".join(agent.log)
    present = last_input - agent.recording_since
    total = serve.seconds("activity", agent.recording_since)["Quiet"]
    # Away counts from the last input: the silent seconds are not recorded.
    assert abs(total - present) <= 2, (total, present)
