"""The API keys page lists embed keys with what they publish, and revokes them."""

from __future__ import annotations

import re

from tests.security.conftest import form_token

from dayglass.core.embeds import EmbeddedReport
from dayglass.core.localtime import Resolution
from dayglass.core.query import GroupBy


def test_the_keys_page_lists_and_revokes_an_embed_key(live_server, account, sign_in):
    report = EmbeddedReport("2026-11-02", "2026-11-08", GroupBy.CATEGORY, Resolution.DAY)
    record, key = live_server.services.embeds.create(account.user_id, report, "Team week")
    browser = sign_in(account.email)
    assert browser.get(f"/embed/{key}/chart.json").status_code == 200
    listed = browser.get("/keys").text
    table = listed.split('data-testid="embeds"', 1)[1]
    assert "Team week" in table and record.prefix in table
    assert "category, 2026-11-02 to 2026-11-08, per day" in table
    assert "No embeds" not in table
    assert re.search(rf'action="/keys/embed/{record.id}/revoke"', table)
    token = form_token(browser, "/keys")
    answer = browser.post(f"/keys/embed/{record.id}/revoke", data={"csrf": token})
    assert answer.status_code == 303
    assert "revoked" in browser.get("/keys").text.split('data-testid="embeds"', 1)[1]
    assert browser.get(f"/embed/{key}/chart.json").status_code in (401, 403, 404)
