"""Reading posted forms: the form token is checked on every one."""

from __future__ import annotations

from fastapi import Request

from dayglass.core.errors import InvalidInput
from dayglass.http.web.session import csrf_valid


async def posted_form(request: Request) -> dict[str, str]:
    """The posted fields as strings, or InvalidInput when the form token is wrong."""
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    if not csrf_valid(request, fields.get("csrf")):
        raise InvalidInput("This form has expired. Reload the page and try again.")
    return fields
