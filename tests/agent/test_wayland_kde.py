"""The agent as a real process under headless KWin (KDE Plasma's compositor) with its script."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from .agent_process import AgentProcess, configure
from .kde_desktop import SCRIPTING, KdeDesktop, start_kwin
from .spans import (
    EDITOR,
    NOTES,
    assert_spans_recorded,
    check_away_after_silence,
    switch_on_schedule,
)


@pytest.fixture
def kwin() -> Iterator[KdeDesktop]:
    """A fresh headless KWin."""
    started = start_kwin()
    yield started
    started.close()


def dayglass_script_loaded(kwin: KdeDesktop) -> bool:
    """Whether KWin has the agent's script loaded, as KWin's Scripting interface says."""
    service, path, interface = SCRIPTING
    return "true" in kwin.gdbus(service, path, f"{interface}.isScriptLoaded", "dayglass")


def test_the_active_window_on_kde_is_recorded(kwin, serve, tmp_path):
    """Two windows, activated by KWin scripts for measured times: within 2 s of the spans."""
    for title, app_id, _activity in (EDITOR, NOTES):
        kwin.open_window(title, app_id)
    kwin.activate(EDITOR[0])
    configure(tmp_path, serve.url, serve.key, sync_seconds=2.0)
    agent = AgentProcess(tmp_path, kwin)
    assert agent.logged("windows through the KWin script, idle through"), "".join(agent.log)
    assert dayglass_script_loaded(kwin)
    spent = switch_on_schedule(kwin, agent, [(3, NOTES[0]), (3, EDITOR[0])])
    assert_spans_recorded(serve, agent, spent)
    assert not dayglass_script_loaded(kwin), "the agent left its script in KWin as it stopped"


def test_no_input_past_the_threshold_is_away_on_kde(kwin, serve, tmp_path):
    """Input KWin counts (its idle protocol's simulated activity) keeps the user present."""
    check_away_after_silence(kwin, serve, tmp_path)


def test_a_caption_changing_in_the_active_window_is_recorded(kwin, serve, tmp_path):
    """The script follows the active window's caption: each title gets its own time."""
    kwin.open_window("Draft 1", "Code")
    configure(tmp_path, serve.url, serve.key, sync_seconds=1.0)
    agent = AgentProcess(tmp_path, kwin)
    time.sleep(3)
    retitled = kwin.retitle("Draft 1", "Draft 2")
    time.sleep(3)
    assert agent.stop() == 0, "".join(agent.log)
    spent = {"Draft 1": retitled - agent.recording_since, "Draft 2": time.time() - retitled}
    documents = serve.seconds("document", agent.recording_since)
    assert set(documents) == set(spent), documents
    for title, seconds in spent.items():
        assert abs(documents[title] - seconds) <= 2, (documents, spent)
