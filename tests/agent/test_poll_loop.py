"""The poll loop's schedule, driven by a ManualClock: polls, cuts, wake-ups, stalls."""

from __future__ import annotations

from dayglass.agent.poll_loop import PollLoop
from dayglass.agent.privacy import PrivacyRules
from dayglass.agent.queue import Queue
from dayglass.agent.recorder import Recorder
from dayglass.core.heartbeats import Attention, Sample

from .scripted_screen import ScriptedScreen, ms


class Loop:
    """A poll loop over a scripted screen and a real queue, counting the syncer's wake-ups."""

    def __init__(self, clock, tmp_path, poll_s: float = 1.0, sync_s: float = 3.0) -> None:
        self.clock = clock
        self.screen = ScriptedScreen(clock)
        self.screen.focus("Code", "main.py")
        self.queue = Queue(tmp_path / "queue.sqlite3")
        self.polled_at: list[int] = []
        self.woken_at: list[int] = []
        recorder = Recorder(
            self, self.queue, PrivacyRules(), away_after_ms=300_000, pulse_ms=5_000, clock=clock
        )
        self.loop = PollLoop(
            recorder, lambda: self.woken_at.append(self.since_start()), clock, poll_s, sync_s
        )
        self.start_ms = ms(clock.now())

    def observe(self):
        """The screen, as the recorder's watcher; remembers when it was looked at."""
        self.polled_at.append(self.since_start())
        self.screen.touch()  # the user keeps working
        return self.screen.observe()

    def close(self) -> None:
        """Nothing to release."""

    def since_start(self) -> int:
        """Milliseconds since the loop was made."""
        return ms(self.clock.now()) - self.start_ms

    def run(self, steps: int) -> None:
        """What the runner does, with the wait done by moving the clock."""
        for _ in range(steps):
            self.clock.sleep(self.loop.delay())
            self.loop.step()


def test_polls_every_interval_and_cuts_for_the_syncer_every_sync_interval(manual_clock, tmp_path):
    agent = Loop(manual_clock, tmp_path, poll_s=1.0, sync_s=3.0)
    agent.loop.start()
    assert agent.polled_at == [0] and agent.loop.delay() == 1.0
    agent.run(9)
    assert agent.polled_at == [i * 1_000 for i in range(10)]
    assert agent.woken_at == [3_000, 6_000, 9_000]
    code = Sample("Code", "main.py")
    start = agent.start_ms
    # Each cut makes the span so far final (up to the last input), ready for the syncer.
    assert [e.attention for e in agent.queue.pending(10)] == [
        Attention(start, start + 3_000, code),
        Attention(start + 3_000, start + 6_000, code),
        Attention(start + 6_000, start + 9_000, code),
    ]
    agent.queue.close()


def test_a_late_poll_keeps_the_schedule_and_a_stall_restarts_it_without_a_burst(
    manual_clock, tmp_path
):
    agent = Loop(manual_clock, tmp_path, poll_s=1.0, sync_s=30.0)
    agent.loop.start()
    manual_clock.advance(seconds=1.25)  # woken a quarter poll late
    agent.loop.step()
    assert agent.loop.delay() == 0.75  # the next poll is still on the one-second grid
    agent.run(1)
    assert agent.polled_at == [0, 1_250, 2_000]
    manual_clock.advance(minutes=10)  # a suspended laptop
    assert agent.loop.delay() == 0.0
    agent.loop.step()  # one poll now, and the sync that fell due meanwhile
    assert agent.loop.delay() == 1.0  # then one a second again, not ten minutes' worth at once
    agent.run(2)
    assert agent.polled_at[3:] == [602_000, 603_000, 604_000]
    assert agent.woken_at == [602_000]
    agent.queue.close()
