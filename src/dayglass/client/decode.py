"""Reading a decoded JSON answer into typed values, or UnexpectedResponse."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from dayglass.client.errors import UnexpectedResponse

T = TypeVar("T")


def _wrong(what: str, value: object) -> UnexpectedResponse:
    return UnexpectedResponse(f"{what}: unexpected {value!r:.80}", status=200, body=value)


class Fields:
    """A JSON object whose fields are read with their expected types."""

    def __init__(self, value: object, what: str = "answer") -> None:
        if not isinstance(value, dict):
            raise _wrong(f"{what}: expected an object", value)
        self.raw: dict[str, object] = value
        self.what = what

    def _get(self, name: str, kinds: type | tuple[type, ...], optional: bool = False) -> object:
        value = self.raw.get(name)
        if value is None and optional:
            return None
        # bool is an int to Python, never to a JSON schema
        if isinstance(value, bool) and bool not in (
            kinds if isinstance(kinds, tuple) else (kinds,)
        ):
            raise _wrong(f"{self.what}.{name}", value)
        if not isinstance(value, kinds):
            raise _wrong(f"{self.what}.{name}", value)
        return value

    def text(self, name: str) -> str:
        """A text field."""
        value = self._get(name, str)
        assert isinstance(value, str)
        return value

    def opt_text(self, name: str) -> str | None:
        """A text field that may be null or absent."""
        value = self._get(name, str, optional=True)
        assert value is None or isinstance(value, str)
        return value

    def integer(self, name: str) -> int:
        """An integer field."""
        value = self._get(name, int)
        assert isinstance(value, int)
        return value

    def opt_integer(self, name: str) -> int | None:
        """An integer field that may be null or absent."""
        value = self._get(name, int, optional=True)
        assert value is None or isinstance(value, int)
        return value

    def number(self, name: str) -> float:
        """A number field, as a float."""
        value = self._get(name, (int, float))
        assert isinstance(value, int | float)
        return float(value)

    def flag(self, name: str) -> bool:
        """A true/false field."""
        value = self._get(name, bool)
        assert isinstance(value, bool)
        return value

    def array(self, name: str) -> list[object]:
        """A list field."""
        value = self._get(name, list)
        assert isinstance(value, list)
        return value

    def day(self, name: str) -> date:
        """A `YYYY-MM-DD` field."""
        text = self.text(name)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _wrong(f"{self.what}.{name}", text) from None

    def moment(self, name: str) -> datetime:
        """An ISO 8601 date and time field."""
        text = self.text(name)
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise _wrong(f"{self.what}.{name}", text) from None

    def opt_moment(self, name: str) -> datetime | None:
        """An ISO 8601 date and time field that may be null or absent."""
        return None if self.raw.get(name) is None else self.moment(name)


def items(value: object, what: str = "answer") -> list[Fields]:
    """A JSON array of objects."""
    if not isinstance(value, list):
        raise _wrong(f"{what}: expected an array", value)
    return [Fields(v, f"{what}[{i}]") for i, v in enumerate(value)]


def text_list(value: object, what: str) -> list[str]:
    """A JSON array of strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _wrong(f"{what}: expected an array of strings", value)
    return [str(v) for v in value]
