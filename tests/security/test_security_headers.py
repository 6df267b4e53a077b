"""Pages carry a strict Content-Security-Policy and refuse framing; embeds may be framed."""

from __future__ import annotations


def test_pages_refuse_framing_and_run_only_their_own_scripts(live_server, account, sign_in):
    browser = sign_in(account.email)
    for path in ("/login", "/", "/account", "/keys", "/reports"):
        answer = browser.get(path)
        assert answer.status_code == 200, path
        policy = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"


def test_embeds_stay_embeddable(live_server):
    for path in ("/static/embed.js", "/embed/dge_unknown/chart.json"):
        answer = live_server.client().get(path)
        assert "frame-ancestors" not in answer.headers.get("content-security-policy", "")
        assert "x-frame-options" not in answer.headers
