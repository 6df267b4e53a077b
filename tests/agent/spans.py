"""The agent tests' measured spans: focus moved on a schedule, and what the server must show."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from .agent_process import AgentProcess, configure, wait_for
from .servers import ServeProcess

# The two windows every desktop test opens: (title, application name it passes, name reported).
EDITOR = ("main.py - dayglass", "Code", "Visual Studio Code")
NOTES = ("Meeting notes", "Gedit", "gedit")


def switch_on_schedule(
    desktop, agent: AgentProcess, schedule: Sequence[tuple[float, str]]
) -> dict[str, float]:
    """From the editor, hold each window its seconds then activate the next; stop the agent.

    schedule is (seconds held, window) pairs, a window as the desktop's activate takes it; the
    answer is the seconds each title had the focus, measured around the switches.
    """
    spent = {EDITOR[0]: 0.0, NOTES[0]: 0.0}
    began, current = agent.recording_since, EDITOR[0]
    for hold, title in schedule:
        time.sleep(hold)
        switched = desktop.activate(title)
        spent[current] += switched - began
        began, current = switched, title
    time.sleep(2)
    assert agent.stop() == 0, "".join(agent.log)
    spent[current] += time.time() - began
    return spent


def assert_spans_recorded(
    serve: ServeProcess, agent: AgentProcess, spent: dict[str, float]
) -> None:
    """The server shows the editor's and the notes' time, as applications and documents, ±2 s."""
    activities = serve.seconds("activity", agent.recording_since)
    documents = serve.seconds("document", agent.recording_since)
    assert set(activities) == {EDITOR[2], NOTES[2]}, activities
    for title, _app, activity in (EDITOR, NOTES):
        assert abs(activities[activity] - spent[title]) <= 2, (activities, spent)
        assert abs(documents[title] - spent[title]) <= 2, (documents, spent)


def check_away_after_silence(desktop, serve: ServeProcess, home: Path) -> None:
    """Input through desktop.touch() keeps the user present; silence past 3 s is away."""
    desktop.open_window("Quiet room", "Quiet")
    configure(home, serve.url, serve.key, sync_seconds=1.0, away_after_seconds=3.0)
    agent = AgentProcess(home, desktop)
    for _ in range(4):  # four seconds at work
        desktop.touch()
        time.sleep(1)
    assert agent.queue_state("state") != "away", "".join(agent.log)  # input kept the user here
    desktop.touch()
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
