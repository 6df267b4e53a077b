"""Sessions end on the server: signing out, a new password and "sign out everywhere"."""

from __future__ import annotations

import httpx
from tests.security.conftest import form_token

from serving import PASSWORD


def test_a_signed_out_cookie_is_refused(live_server, account, sign_in):
    browser = sign_in(account.email)
    saved = httpx.Cookies(browser.cookies)
    assert browser.get("/account").status_code == 200
    answer = browser.post("/logout", data={"csrf": form_token(browser, "/account")})
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    with httpx.Client(timeout=30, base_url=live_server.url, cookies=saved) as replay:
        refused = replay.get("/account")
        assert refused.status_code == 303 and refused.headers["location"].startswith("/login")


def test_a_password_change_ends_every_other_session(live_server, account, sign_in):
    kept, other = sign_in(account.email, agent="laptop"), sign_in(account.email, agent="phone")
    before = httpx.Cookies(other.cookies)
    stolen_token = form_token(other, "/highlights")  # what an old page still carries
    token = form_token(kept, "/account")
    changed = kept.post(
        "/account",
        data={
            "csrf": token,
            "display_name": "Me",
            "timezone": "Europe/Berlin",
            "current_password": PASSWORD,
            "new_password": "a new password",
        },
    )
    assert changed.status_code == 303, changed.text
    assert kept.get("/account").status_code == 200  # the session that changed it goes on
    with httpx.Client(timeout=30, base_url=live_server.url, cookies=before) as replay:
        read = replay.get("/account")
        assert read.status_code == 303
        data = {"csrf": stolen_token, "date": "2026-01-02", "description": "x", "source": ""}
        write = replay.post("/highlights", data=data)
        assert write.status_code == 303 and write.headers["location"].startswith("/login")
    assert live_server.services.highlights.highlights(account.user_id) == []


def test_the_account_page_lists_sessions_and_signs_out_everywhere(live_server, account, sign_in):
    laptop = sign_in(account.email, agent="Laptop/1.0")
    phone = sign_in(account.email, agent="Phone/2.0")
    page = laptop.get("/account").text
    assert "Laptop/1.0" in page and "Phone/2.0" in page and "(this browser)" in page
    ended = phone.post("/account/sessions/end-all", data={"csrf": form_token(phone, "/account")})
    assert ended.status_code == 303 and ended.headers["location"] == "/login"
    assert laptop.get("/account").status_code == 303
    assert phone.get("/account").status_code == 303
    assert live_server.services.sessions.sessions(account.user_id) == []


def test_a_form_from_another_site_cannot_sign_out_everywhere(live_server, account, sign_in):
    browser = sign_in(account.email)
    answer = browser.post("/account/sessions/end-all", data={"csrf": "forged"})
    assert answer.status_code == 303
    assert browser.get("/account").status_code == 200
