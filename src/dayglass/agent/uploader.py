"""The uploader: sends finished events in batches; drops only what the server rejects."""

from __future__ import annotations

import logging
from enum import Enum

import httpx

from dayglass.agent.queue import Queue
from dayglass.agent.wire import batch_json
from dayglass.core.clock import Clock, unix_ms

log = logging.getLogger(__name__)
BATCH_SIZE = 1_000  # the server takes up to 5,000
LAST_SYNC = "last_sync_ms"  # state key


class Outcome(Enum):
    """How an attempt to empty the queue ended."""

    SENT = "sent"  # the queue has no finished event left
    RETRY = "retry"  # the server could not be reached, failed, or refused the whole batch


class Uploader:
    """Empties the queue into `POST /api/v1/events`, oldest first."""

    def __init__(self, queue: Queue, client: httpx.Client, device: str, clock: Clock) -> None:
        self._queue = queue
        self._client = client
        self._device = device
        self._clock = clock

    def flush(self) -> Outcome:
        """Send batches until the queue is empty or an attempt fails."""
        while events := self._queue.pending(BATCH_SIZE):
            try:
                response = self._client.post(
                    "/api/v1/events", json=batch_json(self._device, events)
                )
            except httpx.HTTPError as failure:
                log.warning("cannot reach the server: %s", failure)
                return Outcome.RETRY
            if response.status_code != 200:
                # 5xx: the server's trouble; other 4xx: the whole request (key, shape) is wrong.
                # Either way the events are not at fault: keep them and try again later.
                log.warning("the server answered %s: %s", response.status_code, response.text[:300])
                return Outcome.RETRY
            for rejection in response.json().get("rejected", []):
                log.warning(
                    "the server rejected event %s, dropping it: %s",
                    rejection.get("id"),
                    rejection.get("reason"),
                )
            self._queue.remove(e.id for e in events)
            self._queue.put(LAST_SYNC, str(unix_ms(self._clock)))
        return Outcome.SENT
