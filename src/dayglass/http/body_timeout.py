"""A read timeout for request bodies: a body shorter than its Content-Length gets a 408."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_TIMEOUT_ANSWER = b"request body timed out\n"


class BodyTimedOut(Exception):
    """The client stopped sending its body."""


class BodyTimeoutMiddleware:
    """Each read of the request body waits at most `seconds`; then 408 and the connection closes.

    Only while the body is incomplete: once it is whole, waiting for the client to go away
    (streamed answers do) has no limit.
    """

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app with a timed `receive`."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body_done = False
        started = False

        async def timed_receive() -> Message:
            nonlocal body_done
            if body_done:
                return await receive()
            try:
                async with asyncio.timeout(self.seconds):  # wait_for can swallow a cancellation
                    message = await receive()
            except TimeoutError:
                raise BodyTimedOut from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        async def noting_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, timed_receive, noting_send)
        except BodyTimedOut:
            if started:
                raise
            await send(
                {
                    "type": "http.response.start",
                    "status": 408,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": _TIMEOUT_ANSWER})
