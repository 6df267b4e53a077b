"""Secrets kept out of the server's log: keys, tokens, codes and passwords are redacted."""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
_PARAMETERS = "key|access_token|refresh_token|code|client_secret|password|token"
_IN_QUERY = re.compile(rf"(?i)(?<![\w-])((?:{_PARAMETERS})=)[^&\s\"']*")
_AUTHORIZATION = re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)(?:\w+\s+)?[^\s\"',]+")
_KEYS_IN_PATHS = re.compile(r"\b(dge?_)[A-Za-z0-9_-]{8,}")  # API and embed keys anywhere


def redact(text: str) -> str:
    """text with every secret parameter's value, Authorization value and key replaced."""
    text = _IN_QUERY.sub(rf"\1{REDACTED}", text)
    text = _AUTHORIZATION.sub(rf"\1{REDACTED}", text)
    return _KEYS_IN_PATHS.sub(rf"\1{REDACTED}", text)


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and arguments before any handler formats them."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact, and always let the record through."""
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


_FILTER = RedactSecrets()
LOGGERS = ("uvicorn.access", "uvicorn.error", "uvicorn", "dayglass")


def install_log_redaction() -> None:
    """Put the filter on the server's loggers (once, however many apps are made)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
