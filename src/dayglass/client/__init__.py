"""A typed Python client for the RescueTime API and Dayglass's native API (needs only httpx).

`DayglassClient` / `AsyncDayglassClient` speak to a Dayglass server; `RescueTimeClient` /
`AsyncRescueTimeClient` speak only RescueTime's API, to rescuetime.com or any server speaking it.
Every error answer raises an `ApiError` subclass carrying the server's message.
"""

from dayglass.client.aio import AsyncDayglassClient, AsyncRescueTimeClient
from dayglass.client.call import Call
from dayglass.client.errors import (
    ApiError,
    AuthenticationError,
    BadRequest,
    Conflict,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    QueryError,
    RateLimited,
    ServerError,
    UnexpectedResponse,
)
from dayglass.client.native_calls import Event
from dayglass.client.native_results import (
    Activity,
    Alert,
    ApiKey,
    Category,
    FocusSession,
    FocusState,
    Highlight,
    IngestResult,
    NewApiKey,
    OfflineEntry,
    Rejected,
    Report,
    ReportRow,
    Schedule,
    Triggering,
    Window,
)
from dayglass.client.rescuetime_results import (
    AlertDefinition,
    AlertStatus,
    DailySummary,
    DataResult,
    FeedHighlight,
    FocusEnded,
    FocusStarted,
    OfflinePosted,
)
from dayglass.client.settings import DAYGLASS_URL, RESCUETIME_URL
from dayglass.client.sync import DayglassClient, RescueTimeClient

__all__ = [
    "DAYGLASS_URL",
    "RESCUETIME_URL",
    "Activity",
    "Alert",
    "AlertDefinition",
    "AlertStatus",
    "ApiError",
    "ApiKey",
    "AsyncDayglassClient",
    "AsyncRescueTimeClient",
    "AuthenticationError",
    "BadRequest",
    "Call",
    "Category",
    "Conflict",
    "DailySummary",
    "DataResult",
    "DayglassClient",
    "Event",
    "FeedHighlight",
    "FocusEnded",
    "FocusSession",
    "FocusStarted",
    "FocusState",
    "Highlight",
    "IngestResult",
    "NewApiKey",
    "NotFound",
    "OfflineEntry",
    "OfflinePosted",
    "PayloadTooLarge",
    "PermissionDenied",
    "QueryError",
    "RateLimited",
    "Rejected",
    "Report",
    "ReportRow",
    "RescueTimeClient",
    "Schedule",
    "ServerError",
    "Triggering",
    "UnexpectedResponse",
    "Window",
]
