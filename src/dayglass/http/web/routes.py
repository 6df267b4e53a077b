"""Installing the web app into the ASGI app: sessions, static files, pages."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from dayglass.http.web import (
    alerts_pages,
    auth_pages,
    categorize_pages,
    connected_apps_pages,
    dashboard_pages,
    data_pages,
    developer_apps_pages,
    focus_pages,
    highlights_pages,
    keys_pages,
    offline_pages,
    org_pages,
    project_report_pages,
    projects_pages,
    reports_pages,
    summaries_pages,
    team_pages,
    timeline_pages,
)
from dayglass.http.web.session import SignInRequired

_STATIC = Path(__file__).parent / "static"
SESSION_DAYS = 30


def session_secret(data_dir: Path, configured: str | None) -> str:
    """The configured session secret, else one kept in the data directory (made once)."""
    if configured:
        return configured
    path = data_dir / "session-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def install_web(app: FastAPI, secret: str, https_only: bool) -> None:
    """Add the pages, their session cookie and their static files to app."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="dayglass_session",
        max_age=SESSION_DAYS * 86_400,
        same_site="lax",
        https_only=https_only,
    )
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    for module in (
        auth_pages,
        dashboard_pages,
        timeline_pages,
        developer_apps_pages,
        categorize_pages,
        keys_pages,
        reports_pages,
        project_report_pages,
        projects_pages,
        connected_apps_pages,
        alerts_pages,
        highlights_pages,
        focus_pages,
        offline_pages,
        summaries_pages,
        data_pages,
        org_pages,
        team_pages,
    ):
        app.include_router(module.router, include_in_schema=False)

    @app.exception_handler(SignInRequired)
    async def _to_login(request: Request, _: SignInRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
