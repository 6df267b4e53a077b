"""Running the agent: poll every second, cut spans for upload on schedule, stop cleanly."""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from dayglass.agent.config import AgentConfig
from dayglass.agent.focus import Notifier
from dayglass.agent.observation import Watcher
from dayglass.agent.queue import Queue
from dayglass.agent.recorder import Recorder
from dayglass.agent.syncer import Syncer

log = logging.getLogger(__name__)
PULSE_POLLS = 5  # polls a heartbeat may be late before the span counts as interrupted


def run_agent(
    config: AgentConfig,
    watcher: Watcher,
    queue_file: Path,
    notifier: Notifier,
    stop: threading.Event,
) -> None:
    """Record and sync until stop is set; whatever happens, close spans and flush at the end."""
    queue = Queue(queue_file)
    recovered = queue.recover()
    if recovered:
        log.info("recovered %d spans from an agent that did not stop cleanly", recovered)
    poll_ms = int(config.poll_seconds * 1000)
    recorder = Recorder(
        watcher,
        queue,
        config.privacy,
        away_after_ms=int(config.away_after_seconds * 1000),
        pulse_ms=poll_ms * PULSE_POLLS,
    )
    syncer = Syncer(config, queue_file, notifier)
    syncer.start()
    try:
        _poll_loop(config, recorder, syncer, stop)
    finally:
        recorder.finish()
        watcher.close()
        queue.close()
        syncer.stop()
        log.info("stopped")


def _poll_loop(
    config: AgentConfig, recorder: Recorder, syncer: Syncer, stop: threading.Event
) -> None:
    next_poll = next_cut = time.monotonic()
    next_cut += config.sync_seconds
    recorder.poll()
    log.info("recording from %s", datetime.now(UTC).isoformat(timespec="milliseconds"))
    while not stop.wait(max(0.0, next_poll + config.poll_seconds - time.monotonic())):
        next_poll = max(next_poll + config.poll_seconds, time.monotonic() - config.poll_seconds)
        recorder.poll()
        if time.monotonic() >= next_cut:
            recorder.cut()
            syncer.wake()
            next_cut = time.monotonic() + config.sync_seconds
