"""`/oauth/authorize` (consent) and `/oauth/token` (code for token), with or without a slash."""

from __future__ import annotations

from urllib.parse import quote

from authlib.oauth2 import OAuth2Error
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.oauth import parse_scopes
from dayglass.http.oauth.captured import capture
from dayglass.http.oauth.server import DayglassAuthorizationServer, Person
from dayglass.http.web.rendering import page
from dayglass.http.web.session import SignInRequired, csrf_valid, current_user

router = APIRouter(include_in_schema=False)
_CONSENT_FIELDS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
)


def _server(request: Request) -> DayglassAuthorizationServer:
    return request.app.state.oauth_server


def _refusal(request: Request, error: OAuth2Error) -> Response:
    # Never redirect to an unverified client or URI: tell the person instead.
    message = error.description or error.error
    return page(request, "oauth_error.html", 400, message=message)


@router.get("/oauth/authorize")
@router.get("/oauth/authorize/")
async def authorize(request: Request) -> Response:
    """Sign the person in if needed, then ask for their consent."""
    try:
        user = await current_user(request)
    except SignInRequired:
        target = request.url.path + "?" + request.url.query
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    captured = await capture(request)
    server = _server(request)
    try:
        grant = await run_in_threadpool(server.get_consent_grant, captured, Person(user.id))
    except OAuth2Error as error:
        return _refusal(request, error)
    scopes = parse_scopes(captured.payload.scope)
    fields = {k: captured.payload.data.get(k, "") for k in _CONSENT_FIELDS}
    return page(
        request,
        "oauth_consent.html",
        client=grant.client.client,
        scopes=server.oauth.describe(scopes),
        fields=fields,
    )


@router.post("/oauth/authorize")
@router.post("/oauth/authorize/")
async def decide(request: Request) -> Response:
    """The person's answer: a code for the application, or `error=access_denied`."""
    try:
        user = await current_user(request)
    except SignInRequired:
        return RedirectResponse("/login", status_code=303)
    captured = await capture(request)
    if not csrf_valid(request, captured.form.get("csrf")):
        return page(
            request,
            "oauth_error.html",
            400,
            message="This form has expired. Go back to the application and try again.",
        )
    person = Person(user.id) if captured.form.get("decision") == "allow" else None
    server = _server(request)
    try:
        grant = await run_in_threadpool(server.get_consent_grant, captured, Person(user.id))
    except OAuth2Error as error:
        return _refusal(request, error)
    return await run_in_threadpool(server.create_authorization_response, captured, person, grant)


@router.post("/oauth/token")
@router.post("/oauth/token/")
async def token(request: Request) -> Response:
    """Exchange a code for an access token (form or JSON body)."""
    captured = await capture(request)
    return await run_in_threadpool(_server(request).create_token_response, captured)
