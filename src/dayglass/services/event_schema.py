"""The wire shape of an ingest batch, validated with pydantic."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
)
from typing_extensions import TypedDict

MAX_EVENTS = 5_000
MAX_DURATION_S = 86_400
MAX_TITLE = 1_024
MAX_URL = 2_048
MAX_APP = 256
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL characters
SHOWN = r"^[^\x00]*[^\x00\s][^\x00]*$"  # and at least one character that is not a space


class EventIn(TypedDict):
    """One event as an agent sends it (validated into a plain dict, which is fast)."""

    id: Annotated[str, Field(strict=True, min_length=1, max_length=64, pattern=NO_NUL)]
    start: AwareDatetime
    duration: Annotated[float, Field(strict=True, gt=0, le=MAX_DURATION_S, allow_inf_nan=False)]
    # The pattern (a non-space character, no NUL) runs inside pydantic-core: fast.
    app: Annotated[str, Field(strict=True, min_length=1, max_length=MAX_APP, pattern=SHOWN)]
    title: NotRequired[Annotated[str, Field(strict=True, max_length=MAX_TITLE, pattern=NO_NUL)]]
    url: NotRequired[Annotated[str | None, Field(strict=True, max_length=MAX_URL, pattern=NO_NUL)]]


class BatchIn(BaseModel):
    """A batch of events from one device."""

    model_config = ConfigDict(extra="ignore")

    device: Annotated[str, Field(strict=True, min_length=1, max_length=128, pattern=NO_NUL)]
    source_type: Literal["computers", "mobile", "offline"] = "computers"
    events: Annotated[list[Any], Field(max_length=MAX_EVENTS)]


class BatchDescription(BaseModel):
    """A batch as the API documents it (events are validated one by one, not by this model)."""

    device: Annotated[str, Field(min_length=1, max_length=128, examples=["laptop"])]
    source_type: Literal["computers", "mobile", "offline"] = "computers"
    events: Annotated[list[EventIn], Field(max_length=MAX_EVENTS)]


def batch_json_schema() -> dict[str, Any]:
    """The JSON schema of a batch, self-contained (for the OpenAPI document)."""
    schema = BatchDescription.model_json_schema()
    definitions = schema.pop("$defs", {})
    schema["properties"]["events"]["items"] = definitions["EventIn"]
    return schema


EVENTS = TypeAdapter(list[EventIn])
EVENT = TypeAdapter(EventIn)
