"""Work the server does beside requests: closing days, evaluating alerts, webhooks, weekly emails,
and on SQLite checkpoints of the write-ahead log.

Started by the app's lifespan (`Background.serving`). Database work runs in threads, so the
event loop (and ingest) never waits for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import date

from fastapi import FastAPI

from dayglass.services.registry import Services

log = logging.getLogger(__name__)

CLOSE_EVERY_SECONDS = 60.0
WEBHOOK_EVERY_SECONDS = 15.0
WEEKLY_EMAIL_EVERY_SECONDS = 60.0
CHECKPOINT_EVERY_SECONDS = 1.0


class Background:
    """The server's background loops, and the queue of users whose alerts are due."""

    def __init__(
        self,
        services: Services,
        close_every: float = CLOSE_EVERY_SECONDS,
        webhook_every: float = WEBHOOK_EVERY_SECONDS,
        email_every: float = WEEKLY_EMAIL_EVERY_SECONDS,
        checkpoint: Callable[[], object] | None = None,
    ) -> None:
        """checkpoint: copies the SQLite log back into the database (see
        `dayglass.storage.wal_checkpoints`), run every CHECKPOINT_EVERY_SECONDS."""
        self._services = services
        self._checkpoint = checkpoint
        self._close_every = close_every
        self._webhook_every = webhook_every
        self._email_every = email_every
        # Users whose time changed: on which days, or None when not known (every recent day).
        self._pending: dict[int, frozenset[date] | None] = {}
        self._alerts_wake = asyncio.Event()
        self._webhooks_wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._caught_up = False  # closed days get late time added once at start, then per ingest

    def alerts_due(self, user_id: int, days: Iterable[date] | None = None) -> None:
        """Time arrived for user_id (on days, when known): evaluate their alerts and add the
        time to closed days soon (many batches, one evaluation). Only today's and yesterday's
        time can cross an alert, and only the last two weeks' closed days are kept up to date:
        a batch of other days costs two reads of the user's row (`bench/background.py`).

        Safe from any thread: routes that run in the thread pool call it too.
        """
        changed = None if days is None else frozenset(days)
        loop = self._loop
        if loop is None:
            self._note_due(user_id, changed)
        else:
            # asyncio's Event is not thread-safe: wake the loops from the loop itself.
            loop.call_soon_threadsafe(self._note_due, user_id, changed)

    def _note_due(self, user_id: int, days: frozenset[date] | None = None) -> None:
        known = self._pending.get(user_id, frozenset())
        self._pending[user_id] = None if known is None or days is None else known | days
        self._alerts_wake.set()

    async def start(self) -> None:
        """Start the loops; the first closing of days (catching up missed ones) runs at once."""
        self._loop = asyncio.get_running_loop()
        loops: tuple[Callable[[], Awaitable[None]], ...] = (
            self._close_days,
            self._evaluate_alerts,
            self._send_webhooks,
            self._send_weekly_emails,
        )
        if self._checkpoint is not None:
            loops = (*loops, self._checkpoint_log)
        self._tasks = [asyncio.create_task(_forever(loop)) for loop in loops]

    async def stop(self) -> None:
        """Stop the loops."""
        self._loop = None
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    @asynccontextmanager
    async def serving(self, _: FastAPI) -> AsyncIterator[None]:
        """The app's lifespan: run the loops while it serves."""
        await self.start()
        try:
            yield
        finally:
            await self.stop()

    async def _close_days(self) -> None:
        closer = self._services.day_closer
        closed = await asyncio.to_thread(closer.close_due)
        if not self._caught_up:
            closed += await asyncio.to_thread(closer.catch_up_everyone)
            self._caught_up = True
        # A batch stored while a day was being closed may be missing from its snapshot, and the
        # catch-up that batch woke may have run before the snapshot existed: catch up after it.
        for user_id in {user_id for user_id, _ in closed}:
            self._note_due(user_id)
        if closed:
            self._webhooks_wake.set()
        await asyncio.sleep(self._close_every)

    async def _evaluate_alerts(self) -> None:
        await self._alerts_wake.wait()
        self._alerts_wake.clear()
        users, self._pending = self._pending, {}
        for user_id, days in users.items():
            made = await asyncio.to_thread(self._evaluate_user, user_id, days)
            if made:
                self._webhooks_wake.set()

    def _evaluate_user(self, user_id: int, days: frozenset[date] | None) -> bool:
        """Fire the user's due alerts, add late time to closed days; whether any may have fired."""
        made = self._services.alerts.evaluate_recent(user_id, days)
        late = self._services.day_closer.catch_up(user_id, days)
        return bool(made or late)

    async def _send_webhooks(self) -> None:
        # Not asyncio.wait_for: on Python 3.11 it swallows a cancellation that arrives as the
        # event is set, and the loop would then outlive the server's shutdown.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._webhook_every):
                await self._webhooks_wake.wait()
        self._webhooks_wake.clear()
        await asyncio.to_thread(self._services.webhooks.deliver_due)

    async def _send_weekly_emails(self) -> None:
        # The service reads the Clock to see whose send moment has come; this only paces rounds.
        await asyncio.to_thread(self._services.weekly_email.send_due)
        await asyncio.sleep(self._email_every)

    async def _checkpoint_log(self) -> None:
        assert self._checkpoint is not None
        await asyncio.to_thread(self._checkpoint)
        await asyncio.sleep(CHECKPOINT_EVERY_SECONDS)


async def _forever(step: Callable[[], Awaitable[None]]) -> None:
    """Run step again and again; an error is logged and the loop goes on after a pause."""
    while True:
        try:
            await step()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("background work failed")
            await asyncio.sleep(1.0)
