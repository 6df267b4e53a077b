"""Running the agent: poll on schedule, sync beside it, stop cleanly."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from dayglass.agent.browser_endpoint import start_endpoint
from dayglass.agent.browser_focus import FocusBlock, FocusWatch
from dayglass.agent.browser_tabs import BrowserTabs, BrowserWatcher
from dayglass.agent.config import AgentConfig
from dayglass.agent.focus import Notifier
from dayglass.agent.observation import Watcher
from dayglass.agent.poll_loop import PollLoop
from dayglass.agent.queue import Queue
from dayglass.agent.recorder import Recorder
from dayglass.agent.syncer import Syncer
from dayglass.core.clock import Clock

log = logging.getLogger(__name__)
PULSE_POLLS = 5  # polls a heartbeat may be late before the span counts as interrupted


def run_agent(
    config: AgentConfig,
    watcher: Watcher,
    queue_file: Path,
    notifier: Notifier,
    stop: threading.Event,
    clock: Clock,
) -> None:
    """Record and sync until stop is set; whatever happens, close spans and flush at the end."""
    queue = Queue(queue_file)
    recovered = queue.recover()
    if recovered:
        log.info("recovered %d spans from an agent that did not stop cleanly", recovered)
    poll_ms = int(config.poll_seconds * 1000)
    tabs = BrowserTabs(clock, record_incognito=config.privacy.record_incognito)
    focus = FocusBlock()
    endpoint = start_endpoint(tabs, focus, config.browser_port, config.browser_secret)
    focus_watch = FocusWatch(config.server, config.key, focus, tabs, config.focus_blocks)
    if endpoint is not None and config.focus_blocks != "off":
        focus_watch.start()
    recorder = Recorder(
        BrowserWatcher(watcher, tabs),
        queue,
        config.privacy,
        away_after_ms=int(config.away_after_seconds * 1000),
        pulse_ms=poll_ms * PULSE_POLLS,
        clock=clock,
    )
    syncer = Syncer(config, queue_file, notifier, clock)
    syncer.start()
    try:
        loop = PollLoop(recorder, syncer.wake, clock, config.poll_seconds, config.sync_seconds)
        loop.start()
        log.info("recording from %s", clock.now().isoformat(timespec="milliseconds"))
        # The schedule is the clock's; the stop event only makes the wait end early.
        while not stop.wait(loop.delay()):
            loop.step()
    finally:
        if endpoint is not None:
            endpoint.stop()
        if focus_watch.is_alive():
            focus_watch.stop()
        recorder.finish()
        watcher.close()
        queue.close()
        syncer.stop()
        log.info("stopped")
