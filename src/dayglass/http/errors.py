"""The one table that maps domain errors to HTTP responses of the native API."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from dayglass.core.errors import (
    Conflict,
    DayglassError,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PayloadTooLarge,
)

STATUS: dict[type[DayglassError], int] = {
    InvalidInput: 400,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    PayloadTooLarge: 413,
}


def status_of(error: DayglassError) -> int:
    """The HTTP status of a domain error."""
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 400


def error_response(status: int, code: str, message: str) -> JSONResponse:
    """The native API's error body: {"error": {"code", "message"}}."""
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": {"code": code, "message": message}}, status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Make every error, expected or not, answer in the native error shape."""

    @app.exception_handler(DayglassError)
    async def _domain(_: Request, error: DayglassError) -> JSONResponse:
        return error_response(status_of(error), error.code, error.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"][1:]) or "request"
        return error_response(400, InvalidInput.code, f"{where}: {first['msg']}")

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, error: Exception) -> JSONResponse:
        # Logged by the server; the client gets the native shape, never a stack trace.
        return error_response(500, "internal_error", "internal error; see the server log")

    @app.exception_handler(HTTPException)
    async def _http(_: Request, error: HTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        return error_response(error.status_code, code, str(error.detail))
