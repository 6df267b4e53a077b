"""Security headers on every answer: a strict Content-Security-Policy and no framing.

The pages load only their own scripts and styles (JSON data blocks are not scripts), so the
policy allows nothing else. Embeds (`/embed/...`, `/static/embed.js`) are made for other
sites, so only they may be framed.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
EMBED_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"
_EMBEDDABLE = ("/embed/", "/static/embed.js")


def headers_for(path: str) -> list[tuple[bytes, bytes]]:
    """The headers an answer for path gets."""
    common = [
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    ]
    if path.startswith(_EMBEDDABLE):
        return [(b"content-security-policy", EMBED_CSP.encode()), *common]
    return [
        (b"content-security-policy", CSP.encode()),
        (b"x-frame-options", b"DENY"),
        *common,
    ]


class SecurityHeadersMiddleware:
    """Adds the headers to each HTTP answer that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the answer's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = headers_for(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in added if n not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
