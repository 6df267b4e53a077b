"""Reading posted forms: the form token is checked on every one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from dayglass.core.errors import InvalidInput
from dayglass.http.web.session import csrf_valid

EXPIRED = "This form has expired. Reload the page and try again."


@dataclass(frozen=True, slots=True)
class PostedForm:
    """A posted form's string fields, and whether it carried the session's form token."""

    fields: dict[str, str]
    token_valid: bool

    def checked(self) -> dict[str, str]:
        """The fields, or InvalidInput when the form token is wrong."""
        if not self.token_valid:
            raise InvalidInput(EXPIRED)
        return self.fields


async def read_form(request: Request) -> PostedForm:
    """FastAPI dependency: the posted form, read on the event loop so the page need not be."""
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    return PostedForm(fields, csrf_valid(request, fields.get("csrf")))


async def posted_form(request: Request) -> dict[str, str]:
    """The posted fields as strings, or InvalidInput when the form token is wrong."""
    return (await read_form(request)).checked()


Posted = Annotated[PostedForm, Depends(read_form)]
