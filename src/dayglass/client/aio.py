"""The asyncio clients: the same endpoints as the blocking ones, on httpx.AsyncClient."""

from __future__ import annotations

from types import TracebackType
from typing import Self, TypeVar

import httpx

from dayglass.client import native_calls as native
from dayglass.client import rescuetime_calls as rescuetime
from dayglass.client.binding import async_endpoint as endpoint
from dayglass.client.call import Call, Credentials, interpret, prepare
from dayglass.client.settings import DAYGLASS_URL, RESCUETIME_URL, TIMEOUT, user_agent

T = TypeVar("T")


class AsyncRescueTimeClient:
    """Async: RescueTime's API (Data API, feeds, posts) on rescuetime.com or any server speaking it.

    Give an API key (sent as RescueTime's clients send it, `key=` on `/anapi/...`) or an OAuth
    access token (sent as a Bearer token to `/api/oauth/...`).
    """

    def __init__(
        self,
        key: str | None = None,
        *,
        access_token: str | None = None,
        base_url: str = RESCUETIME_URL,
        timeout: float = TIMEOUT,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.credentials = Credentials(key, access_token)
        self._own_http = http is None
        self.http = http or httpx.AsyncClient(
            base_url=base_url, timeout=timeout, headers={"User-Agent": user_agent()}
        )

    async def send(self, call: Call[T]) -> T:
        """Make the call's request and read its answer (raises ApiError for an error answer)."""
        return interpret(call, await self.http.send(prepare(self.http, call, self.credentials)))

    async def aclose(self) -> None:
        """Close the connections (unless the httpx client was handed in)."""
        if self._own_http:
            await self.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.aclose()

    data = endpoint(rescuetime.data)
    oauth_data = endpoint(rescuetime.oauth_data)
    daily_summary_feed = endpoint(rescuetime.daily_summary_feed)
    alerts_feed = endpoint(rescuetime.alerts_feed)
    alerts_list = endpoint(rescuetime.alerts_list)
    highlights_feed = endpoint(rescuetime.highlights_feed)
    highlights_post = endpoint(rescuetime.highlights_post)
    start_focustime = endpoint(rescuetime.start_focustime)
    end_focustime = endpoint(rescuetime.end_focustime)
    focustime_started_feed = endpoint(rescuetime.focustime_started_feed)
    focustime_ended_feed = endpoint(rescuetime.focustime_ended_feed)
    offline_time_post = endpoint(rescuetime.offline_time_post)


class AsyncDayglassClient(AsyncRescueTimeClient):
    """A Dayglass server, async: the RescueTime API and the native `/api/v1` API with one key."""

    def __init__(
        self,
        key: str | None = None,
        *,
        access_token: str | None = None,
        base_url: str = DAYGLASS_URL,
        timeout: float = TIMEOUT,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            key, access_token=access_token, base_url=base_url, timeout=timeout, http=http
        )

    post_events = endpoint(native.post_events)
    report = endpoint(native.report)
    activities = endpoint(native.activities)
    set_activity = endpoint(native.set_activity)
    reset_activity = endpoint(native.reset_activity)
    categories = endpoint(native.categories)
    set_category = endpoint(native.set_category)
    api_keys = endpoint(native.api_keys)
    create_key = endpoint(native.create_key)
    revoke_key = endpoint(native.revoke_key)
    schedules = endpoint(native.schedules)
    schedule = endpoint(native.schedule)
    add_schedule = endpoint(native.add_schedule)
    remove_schedule = endpoint(native.remove_schedule)
    alerts = endpoint(native.alerts)
    alert = endpoint(native.alert)
    add_alert = endpoint(native.add_alert)
    change_alert = endpoint(native.change_alert)
    remove_alert = endpoint(native.remove_alert)
    alert_triggerings = endpoint(native.alert_triggerings)
    highlights = endpoint(native.highlights)
    add_highlight = endpoint(native.add_highlight)
    change_highlight = endpoint(native.change_highlight)
    remove_highlight = endpoint(native.remove_highlight)
    offline_entries = endpoint(native.offline_entries)
    add_offline = endpoint(native.add_offline)
    change_offline = endpoint(native.change_offline)
    remove_offline = endpoint(native.remove_offline)
    focus = endpoint(native.focus)
    start_focus = endpoint(native.start_focus)
    end_focus = endpoint(native.end_focus)
    focus_sessions = endpoint(native.focus_sessions)
    daily_summaries = endpoint(native.daily_summaries)
