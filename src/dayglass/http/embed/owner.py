"""The day an embed key's owner is living in: what its relative period counts from."""

from __future__ import annotations

from datetime import date

from dayglass.core.clock import local_date
from dayglass.core.embeds import EmbedKey
from dayglass.services.registry import Services


def owner_today(services: Services, record: EmbedKey) -> date:
    """Today in the time zone of the key's owner."""
    return local_date(services.clock, services.accounts.user(record.user_id).timezone)
