"""Your data: download everything as a zip, delete a range of days, or delete the account."""

from __future__ import annotations

import os
import tempfile
import zipfile
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.background import BackgroundTask

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError, InvalidInput
from dayglass.core.timestamps import local_today
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.forms import Posted
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser, sign_out
from dayglass.services.export_files import ZipSink
from dayglass.services.export_format import FORMATS, KINDS

router = APIRouter(route_class=OneHopRoute)


def _render(
    request: Request,
    user: User,
    status: int = 200,
    error: str | None = None,
    done: str | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    return page(
        request, "data.html", status, kinds=KINDS, error=error, done=done, values=values or {}
    )


def _day(fields: dict[str, str], name: str, label: str) -> date:
    try:
        return date.fromisoformat(fields.get(name, "").strip())
    except ValueError:
        raise InvalidInput(f"{label}: a day such as 2026-11-03.") from None


def _confirmed(fields: dict[str, str], user: User) -> None:
    if fields.get("confirm", "").strip().lower() != user.email:
        raise InvalidInput("Confirmation: type your email address exactly to delete.")


@router.get("/account/data")
def data_page(request: Request, user: CurrentUser) -> Response:
    """What can be downloaded and deleted."""
    return _render(request, user)


@router.get("/account/data/export.zip")
def download(
    services: ServicesDep,
    user: CurrentUser,
    file_format: Annotated[str, Query(alias="format")] = "jsonl",
) -> Response:
    """Everything of the signed-in person as a zip of the export's files."""
    chosen = file_format if file_format in FORMATS else "jsonl"
    # Written to a scratch file first: memory stays flat whatever the size of the history.
    handle, path = tempfile.mkstemp(prefix="dayglass-export-", suffix=".zip")
    os.close(handle)
    try:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            services.exports.write(user.id, ZipSink(archive), chosen)
    except BaseException:
        os.unlink(path)
        raise
    today = local_today(services.clock.now(), user.timezone)
    return FileResponse(
        path,
        media_type="application/zip",
        filename=f"dayglass-export-{today.isoformat()}.zip",
        background=BackgroundTask(os.unlink, path),
    )


@router.post("/account/data/delete-range")
def delete_range(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Delete the time of a range of local days, once confirmed."""
    fields: dict[str, str] = {}
    try:
        fields = posted.checked()
        first, last = _day(fields, "first", "From"), _day(fields, "last", "To")
        _confirmed(fields, user)
        done = services.deletions.delete_range(user.id, first, last)
    except DayglassError as error:
        values = {k: fields.get(k, "") for k in ("first", "last")}
        return _render(request, user, 400, error=error.message, values=values)
    message = f"Deleted your time from {first} to {last} ({done.events} events)."
    return _render(request, user, done=message)


@router.post("/account/data/delete-account")
def delete_account(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Delete the account and everything of it, once confirmed; then sign out."""
    try:
        fields = posted.checked()
        _confirmed(fields, user)
        services.deletions.delete_account(user.id, user.email)
    except DayglassError as error:
        return _render(request, user, 400, error=error.message)
    sign_out(request, services)
    return RedirectResponse("/login?deleted=1", status_code=303)
