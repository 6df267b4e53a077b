"""The sync thread: runs the sync schedule beside the poll loop, woken early when spans are cut."""

from __future__ import annotations

import threading
from pathlib import Path

from dayglass.agent.backoff import Backoff
from dayglass.agent.config import AgentConfig
from dayglass.agent.connection import server_client
from dayglass.agent.focus import FocusClient, FocusFollower, Notifier
from dayglass.agent.queue import Queue
from dayglass.agent.sync_loop import SyncLoop
from dayglass.agent.uploader import Uploader
from dayglass.core.clock import Clock


class Syncer(threading.Thread):
    """Runs beside the poll loop with its own queue connection and HTTP client."""

    def __init__(
        self, config: AgentConfig, queue_file: Path, notifier: Notifier, clock: Clock
    ) -> None:
        super().__init__(name="dayglass-sync", daemon=True)
        self._config = config
        self._queue_file = queue_file
        self._notifier = notifier
        self._clock = clock
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def wake(self) -> None:
        """Upload now, unless the last attempt failed and its backoff has not run out."""
        self._wake.set()

    def stop(self) -> None:
        """Make a last upload attempt and end the thread."""
        self._stopping.set()
        self._wake.set()
        self.join()

    def run(self) -> None:
        """The thread's loop: wait for the schedule or a wake-up, then do what is due."""
        config = self._config
        queue = Queue(self._queue_file)
        with server_client(config.server, config.key) as client:
            loop = SyncLoop(
                Uploader(queue, client, config.device, self._clock),
                FocusClient(client),
                FocusFollower(self._notifier),
                self._clock,
                config.sync_seconds,
                Backoff(first_s=min(config.sync_seconds, 5.0)),
            )
            while not self._stopping.is_set():
                woken = self._wake.wait(timeout=loop.delay())
                self._wake.clear()
                if self._stopping.is_set():
                    break
                loop.step(woken)
            loop.finish()
        queue.close()
