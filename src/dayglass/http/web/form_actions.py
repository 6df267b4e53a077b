"""Pages whose forms are a table of actions: the row ids a form's path names, and one POST
route per action, its form read and its token checked by the page's own `act`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dayglass.core.accounts import User
from dayglass.core.errors import NotFound
from dayglass.http.api_v1.ids import MAX_ID
from dayglass.http.dependencies import ServicesDep
from dayglass.http.web.forms import Posted, PostedForm
from dayglass.http.web.session import CurrentUser
from dayglass.services.registry import Services

Fields = dict[str, str]  # a posted form's fields
Ids = dict[str, int]  # the row ids a form's path names


class FormPath(Protocol):
    """An action that posts to a path (which may name row ids such as `{project_id:int}`)."""

    @property
    def path(self) -> str:
        """Where its form posts."""
        ...


A = TypeVar("A", bound=FormPath)
Act = Callable[[A, Request, Services, User, PostedForm], Response]


def path_ids(request: Request) -> Ids:
    """The path's row ids, or NotFound for one no SQL integer can hold."""
    ids = {name: int(value) for name, value in request.path_params.items()}
    if any(not 0 < value <= MAX_ID for value in ids.values()):
        raise NotFound("not found")
    return ids


def route_posts(router: APIRouter, actions: Iterable[A], act: Act[A], summary: str) -> None:
    """Add a POST route to router for each action, answered by act (summary: its docstring)."""
    for action in actions:
        _route_post(router, action, act, summary)


def _route_post(router: APIRouter, action: A, act: Act[A], summary: str) -> None:
    def post_form(
        request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
    ) -> Response:
        return act(action, request, services, user, posted)

    post_form.__doc__ = summary
    router.add_api_route(action.path, post_form, methods=["POST"])
