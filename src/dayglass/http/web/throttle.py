"""The sign-in limit at the door: the client's address and the browser's device cookie."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from dayglass.services.signin_limit import SignInLimit

DEVICE_COOKIE = "dayglass_device"
_DEVICE_DAYS = 365


class SignInThrottle:
    """Asks the sign-in limit, naming the client and the browser (when it signed in before)."""

    def __init__(self, limit: SignInLimit, secret: str, https_only: bool) -> None:
        self._limit = limit
        self._secret = secret.encode()
        self._https_only = https_only

    def _mac(self, nonce: str, email: str) -> str:
        message = f"{nonce}\0{email.strip().lower()}".encode("utf-8", "surrogatepass")
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def device(self, request: Request, email: str) -> str | None:
        """The browser's device token for this account, when it signed in to it before."""
        nonce, _, mac = request.cookies.get(DEVICE_COOKIE, "").partition(".")
        if nonce and mac and hmac.compare_digest(mac, self._mac(nonce, email)):
            return nonce
        return None

    def admit(self, request: Request, email: str) -> float | None:
        """Count a try (blocks on the database); None to go ahead, else seconds to wait."""
        return self._limit.admit(email, _address(request), self.device(request, email))

    def succeeded(self, request: Request, email: str, response: Response) -> None:
        """Forget the account's count, and mark this browser as known to the account."""
        device = self.device(request, email)
        self._limit.succeeded(email, _address(request), device)
        nonce = device or secrets.token_urlsafe(16)
        response.set_cookie(
            DEVICE_COOKIE,
            f"{nonce}.{self._mac(nonce, email)}",
            max_age=_DEVICE_DAYS * 86_400,
            path="/login",
            httponly=True,
            samesite="lax",
            secure=self._https_only,
        )


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
