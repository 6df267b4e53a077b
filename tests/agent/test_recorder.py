"""The recorder's rules on a ManualClock: spans, switches, away and locked time, pause, cuts.

The screen is scripted and its idle time comes from the same clock, so every boundary is exact.
(The X11 watcher itself is tested on a real X server in test_x11_watcher.py.)
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from dayglass.agent.pause import pause, resume
from dayglass.agent.privacy import PrivacyRules
from dayglass.agent.queue import Queue
from dayglass.agent.recorder import Recorder
from dayglass.core.heartbeats import Attention, Sample

from .scripted_screen import ScriptedScreen, ms

WRITER = Sample("Writer", "Report draft")
MAIL = Sample("Mail", "Inbox")


@pytest.fixture
def screen(manual_clock) -> ScriptedScreen:
    """A scripted screen on the test's clock, the report draft in front."""
    screen = ScriptedScreen(manual_clock)
    screen.focus(WRITER.app, WRITER.title)
    return screen


@pytest.fixture
def queue(tmp_path):
    """The agent's durable queue in tmp_path."""
    queue = Queue(tmp_path / "queue.sqlite3")
    yield queue
    queue.close()


def recorder_for(screen, queue, clock, away_after_ms: int = 300_000) -> Recorder:
    """A recorder as the runner makes it: one-second polls, a pulse of five polls."""
    return Recorder(screen, queue, PrivacyRules(), away_after_ms, pulse_ms=5_000, clock=clock)


def polls(recorder: Recorder, screen: ScriptedScreen, seconds: int, active: bool) -> list[str]:
    """Poll once a second for seconds, with input before each poll when active."""
    states = []
    for _ in range(seconds):
        if active:
            screen.touch()
        states.append(recorder.poll())
        screen.clock.advance(seconds=1)
    return states


def spans(queue: Queue) -> list[Attention]:
    """The finished spans waiting for upload, oldest first."""
    return [e.attention for e in queue.pending(100)]


def test_polls_merge_into_spans_and_a_switch_starts_the_next(screen, queue, manual_clock):
    t0 = ms(manual_clock.now())
    recorder = recorder_for(screen, queue, manual_clock)
    assert polls(recorder, screen, 3, active=True) == ["recording"] * 3
    screen.focus(MAIL.app, MAIL.title)
    polls(recorder, screen, 2, active=True)
    # Mail's span is open and checkpointed: a crash now would keep it up to the last poll.
    assert queue.length() == (1, 1)
    recorder.finish()
    assert recorder.state == "stopped"
    assert spans(queue) == [
        Attention(t0, t0 + 3_000, WRITER),
        Attention(t0 + 3_000, t0 + 5_000, MAIL),
    ]


def test_a_crash_keeps_the_open_span_up_to_its_last_poll(screen, queue, manual_clock, tmp_path):
    t0 = ms(manual_clock.now())
    polls(recorder_for(screen, queue, manual_clock), screen, 4, active=True)
    # The agent dies here without finish(); the next start takes the checkpoint as final.
    again = Queue(tmp_path / "queue.sqlite3")
    try:
        assert again.recover() == 1
        assert spans(again) == [Attention(t0, t0 + 3_000, WRITER)]
    finally:
        again.close()


def test_idle_beyond_the_threshold_is_away_from_the_last_input_and_input_ends_it(
    screen, queue, manual_clock
):
    t0 = ms(manual_clock.now())
    recorder = recorder_for(screen, queue, manual_clock, away_after_ms=2_000)
    states = polls(recorder, screen, 4, active=True)  # input at 0, 1, 2 and 3 s
    last_input = ms(screen.last_input)
    states += polls(recorder, screen, 4, active=False)  # 4 s: idle 1 s; 5 s: idle 2 s, away
    assert states == ["recording"] * 5 + ["away"] * 3
    # Away counts from the last input, not from when the threshold passed.
    assert spans(queue) == [Attention(t0, last_input, WRITER)]
    back = ms(manual_clock.now())
    states = polls(recorder, screen, 3, active=True)  # input ends it
    assert states == ["recording"] * 3
    recorder.finish()
    assert last_input == t0 + 3_000 and back == t0 + 8_000
    assert spans(queue) == [
        Attention(t0, last_input, WRITER),
        Attention(back, ms(manual_clock.now()), WRITER),
    ]


def test_a_locked_screen_is_away_from_the_last_input(screen, queue, manual_clock):
    t0 = ms(manual_clock.now())
    recorder = recorder_for(screen, queue, manual_clock)
    polls(recorder, screen, 3, active=True)  # input at 0, 1 and 2 s
    screen.locked = True
    assert polls(recorder, screen, 60, active=False) == ["away"] * 60
    assert spans(queue) == [Attention(t0, t0 + 2_000, WRITER)]
    screen.locked = False
    unlocked = ms(manual_clock.now())
    polls(recorder, screen, 2, active=True)
    recorder.finish()
    assert spans(queue)[1:] == [Attention(unlocked, unlocked + 2_000, WRITER)]


def test_pause_records_nothing_until_it_runs_out_or_is_resumed(screen, queue, manual_clock):
    t0 = ms(manual_clock.now())
    recorder = recorder_for(screen, queue, manual_clock)
    polls(recorder, screen, 3, active=True)
    pause(queue, ms(manual_clock.now()), 30 * 60_000)
    ends = manual_clock.now() + timedelta(minutes=30)
    screen.focus("Planner", "Holiday plans")
    assert polls(recorder, screen, 10, active=True) == ["paused"] * 10
    manual_clock.set(ends - timedelta(seconds=1))
    assert polls(recorder, screen, 1, active=True) == ["paused"]
    assert polls(recorder, screen, 2, active=True) == ["recording"] * 2  # at `ends` exactly
    pause(queue, ms(manual_clock.now()), None)  # until resumed
    assert polls(recorder, screen, 1, active=True) == ["paused"]
    manual_clock.advance(hours=30)
    assert polls(recorder, screen, 1, active=True) == ["paused"]
    resume(queue)
    resumed = ms(manual_clock.now())
    assert polls(recorder, screen, 2, active=True) == ["recording"] * 2
    recorder.finish()
    planner = Sample("Planner", "Holiday plans")
    assert spans(queue) == [
        Attention(t0, t0 + 3_000, WRITER),
        Attention(ms(ends), ms(ends) + 2_000, planner),
        Attention(resumed, resumed + 2_000, planner),
    ]


def test_a_cut_finishes_the_open_span_at_the_last_input_and_recording_goes_on(
    screen, queue, manual_clock
):
    t0 = ms(manual_clock.now())
    recorder = recorder_for(screen, queue, manual_clock)
    polls(recorder, screen, 5, active=True)  # the last poll and input at 4 s
    recorder.cut()
    assert spans(queue) == [Attention(t0, t0 + 4_000, WRITER)]
    assert queue.length() == (1, 0)
    polls(recorder, screen, 2, active=True)
    assert queue.length() == (1, 1)
    recorder.finish()  # at 7 s: within a pulse of the last poll, so the span lasts until now
    assert spans(queue)[1:] == [Attention(t0 + 4_000, t0 + 7_000, WRITER)]
