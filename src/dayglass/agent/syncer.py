"""The sync thread: uploads the queue on schedule (or when woken) and follows focus sessions."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from dayglass.agent.backoff import Backoff
from dayglass.agent.config import AgentConfig
from dayglass.agent.connection import server_client
from dayglass.agent.focus import FocusClient, FocusFollower, Notifier
from dayglass.agent.queue import Queue
from dayglass.agent.uploader import Outcome, Uploader

log = logging.getLogger(__name__)


class Syncer(threading.Thread):
    """Runs beside the poll loop with its own queue connection and HTTP client."""

    def __init__(self, config: AgentConfig, queue_file: Path, notifier: Notifier) -> None:
        super().__init__(name="dayglass-sync", daemon=True)
        self._config = config
        self._queue_file = queue_file
        self._notifier = notifier
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._backoff = Backoff(first_s=min(config.sync_seconds, 5.0))

    def wake(self) -> None:
        """Upload now, unless the last attempt failed and its backoff has not run out."""
        self._wake.set()

    def stop(self) -> None:
        """Make a last upload attempt and end the thread."""
        self._stopping.set()
        self._wake.set()
        self.join()

    def run(self) -> None:
        """The thread's loop."""
        queue = Queue(self._queue_file)
        with server_client(self._config.server, self._config.key) as client:
            uploader = Uploader(queue, client, self._config.device)
            focus, follower = FocusClient(client), FocusFollower(self._notifier)
            next_try = time.monotonic() + self._config.sync_seconds
            while not self._stopping.is_set():
                woken = self._wake.wait(timeout=max(0.0, next_try - time.monotonic()))
                self._wake.clear()
                if self._stopping.is_set():
                    break
                if woken and self._backoff.failures and time.monotonic() < next_try:
                    continue
                next_try = time.monotonic() + self._attempt(uploader, focus, follower)
            self._last_attempt(uploader)
        queue.close()

    def _attempt(self, uploader: Uploader, focus: FocusClient, follower: FocusFollower) -> float:
        """One sync; the delay until the next. A fault here never stops syncing for good."""
        try:
            delay = self._sync(uploader)
            follower.update(focus.current(int(time.time() * 1000)))
        except Exception:  # e.g. a locked queue file: keep the events, try again later
            log.exception("sync failed; the events stay queued")
            delay = self._backoff.failed()
        return delay

    @staticmethod
    def _last_attempt(uploader: Uploader) -> None:
        try:
            uploader.flush()
        except Exception:
            log.exception("the last upload failed; the events stay queued for the next start")

    def _sync(self, uploader: Uploader) -> float:
        if uploader.flush() is Outcome.SENT:
            self._backoff.succeeded()
            return self._config.sync_seconds
        delay = self._backoff.failed()
        log.info("will try the server again in %.0f s", delay)
        return delay
