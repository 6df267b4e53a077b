"""The wire shape of an ingest batch, validated with pydantic."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, field_validator

MAX_EVENTS = 5_000
MAX_DURATION_S = 86_400
MAX_TITLE = 1_024
MAX_URL = 2_048
MAX_APP = 256

StrictText = Annotated[str, Field(strict=True)]


class EventIn(BaseModel):
    """One event as an agent sends it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: Annotated[str, Field(strict=True, min_length=1, max_length=64)]
    start: AwareDatetime
    duration: Annotated[float, Field(strict=True, gt=0, le=MAX_DURATION_S)]
    app: Annotated[str, Field(strict=True, min_length=1, max_length=MAX_APP)]
    title: Annotated[str, Field(strict=True, max_length=MAX_TITLE)] = ""
    url: Annotated[str | None, Field(strict=True, max_length=MAX_URL)] = None

    @field_validator("duration")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("duration must be a finite number of seconds")
        return value

    @field_validator("app")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("app must not be blank")
        return value


class BatchIn(BaseModel):
    """A batch of events from one device."""

    model_config = ConfigDict(extra="ignore")

    device: Annotated[str, Field(strict=True, min_length=1, max_length=128)]
    source_type: Literal["computers", "mobile", "offline"] = "computers"
    events: Annotated[list[Any], Field(max_length=MAX_EVENTS)]


EVENTS = TypeAdapter(list[EventIn])
EVENT = TypeAdapter(EventIn)
