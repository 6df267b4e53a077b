"""`/oauth/authorize` (consent) and `/oauth/token` (code for token), with or without a slash."""

from __future__ import annotations

from urllib.parse import quote

# Authlib ships no type information; OAuth2Error is an exception class we only catch and read.
from authlib.oauth2 import OAuth2Error  # type: ignore[import-untyped]
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.oauth import parse_scopes
from dayglass.http.dependencies import OAuthServerDep, ServicesDep
from dayglass.http.oauth.captured import CapturedRequest, capture
from dayglass.http.oauth.server import DayglassAuthorizationServer, Person
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.rendering import page
from dayglass.http.web.session import SignInRequired, csrf_valid, session_user_id, signed_in_user
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute, include_in_schema=False)
_CONSENT_FIELDS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
)


def _refusal(request: Request, error: OAuth2Error) -> Response:
    # Never redirect to an unverified client or URI: tell the person instead.
    message = error.description or error.error
    return page(request, "oauth_error.html", 400, message=message)


def _sign_in_first(request: Request) -> Response:
    target = request.url.path + "?" + request.url.query
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def _consent_page(
    request: Request,
    services: Services,
    server: DayglassAuthorizationServer,
    captured: CapturedRequest,
) -> Response:
    try:
        user = signed_in_user(request, services)
    except SignInRequired:
        return _sign_in_first(request)
    try:
        grant = server.get_consent_grant(captured, Person(user.id))
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


@router.get("/oauth/authorize")
@router.get("/oauth/authorize/")
async def authorize(request: Request, services: ServicesDep, server: OAuthServerDep) -> Response:
    """Sign the person in if needed, then ask for their consent."""
    if session_user_id(request) is None:
        return _sign_in_first(request)
    captured = await capture(request)
    # The person, the client's checks and the page share one trip to a worker thread.
    return await run_in_threadpool(_consent_page, request, services, server, captured)


def _decision(
    request: Request,
    services: Services,
    server: DayglassAuthorizationServer,
    captured: CapturedRequest,
) -> Response:
    try:
        user = signed_in_user(request, services)
    except SignInRequired:
        return RedirectResponse("/login", status_code=303)
    if not csrf_valid(request, captured.form.get("csrf")):
        return page(
            request,
            "oauth_error.html",
            400,
            message="This form has expired. Go back to the application and try again.",
        )
    person = Person(user.id) if captured.form.get("decision") == "allow" else None
    try:
        grant = server.get_consent_grant(captured, Person(user.id))
    except OAuth2Error as error:
        return _refusal(request, error)
    answer: Response = server.create_authorization_response(captured, person, grant)
    return answer


@router.post("/oauth/authorize")
@router.post("/oauth/authorize/")
async def decide(request: Request, services: ServicesDep, server: OAuthServerDep) -> Response:
    """The person's answer: a code for the application, or `error=access_denied`."""
    if session_user_id(request) is None:
        return RedirectResponse("/login", status_code=303)
    captured = await capture(request)
    return await run_in_threadpool(_decision, request, services, server, captured)


def _token(server: DayglassAuthorizationServer, captured: CapturedRequest) -> Response:
    answer: Response = server.create_token_response(captured)
    return answer


@router.post("/oauth/token")
@router.post("/oauth/token/")
async def token(request: Request, server: OAuthServerDep) -> Response:
    """Exchange a code for an access token (form or JSON body)."""
    captured = await capture(request)
    return await run_in_threadpool(_token, server, captured)
