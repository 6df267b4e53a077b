"""Turning an endpoint function (arguments -> Call) into a client method, sync or async.

A method made here has the endpoint's own signature and docstring, so each endpoint is written
once, in `rescuetime_calls` or `native_calls`, and both clients offer it fully typed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from dayglass.client.call import Call

P = ParamSpec("P")
T = TypeVar("T")


class Sender(Protocol):
    """A sync client: sends a call and returns its result."""

    def send(self, call: Call[T]) -> T:
        """Make the request and read its answer."""
        ...


class AsyncSender(Protocol):
    """An async client: sends a call and returns its result."""

    async def send(self, call: Call[T]) -> T:
        """Make the request and read its answer."""
        ...


def _describe(method: Callable[..., object], build: Callable[..., object]) -> None:
    """Give method the name, docstring and signature (with self) of the endpoint it sends."""
    method.__name__ = build.__name__
    method.__qualname__ = build.__name__
    method.__doc__ = build.__doc__
    signature = inspect.signature(build)
    this = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
    # The endpoint returns a Call; the method returns what the Call reads, so no annotation.
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[this, *signature.parameters.values()],
        return_annotation=inspect.Signature.empty,
    )


def endpoint(build: Callable[P, Call[T]]) -> Callable[Concatenate[Sender, P], T]:
    """A sync client method that sends the Call build makes."""

    def method(self: Sender, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self.send(build(*args, **kwargs))

    _describe(method, build)
    return method


def async_endpoint(
    build: Callable[P, Call[T]],
) -> Callable[Concatenate[AsyncSender, P], Coroutine[Any, Any, T]]:
    """An async client method that sends the Call build makes."""

    async def method(self: AsyncSender, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await self.send(build(*args, **kwargs))

    _describe(method, build)
    return method
