"""A seeded server for the RescueTime compatibility tests, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from rescuetime_seed import SEED, Seeded, post_seed


@pytest.fixture
def seeded(live_server, account) -> Seeded:
    """The live server with the seed stored for the Berlin account."""
    with live_server.client(account.key) as client:
        post_seed(client, SEED)
    return Seeded(live_server.url, account.key, account.user_id, live_server.services)
