"""API keys: shown once, listed without the secret, revoked for good, stored hashed."""

from sqlalchemy import select

from dayglass.storage.tables import api_keys


def test_create_list_and_revoke(in_process_server, account, engine):
    client = in_process_server.client(account.key)
    created = client.post("/api/v1/keys", json={"label": "laptop agent"})
    assert created.status_code == 201
    new = created.json()
    assert new["key"].startswith("dg_") and new["label"] == "laptop agent"
    listed = client.get("/api/v1/keys").json()
    assert [k["label"] for k in listed] == ["laptop agent", "test"]
    assert all("key" not in k for k in listed)
    assert listed[1]["last_used_at"] is not None  # the key this client uses
    with engine.connect() as conn:
        stored = set(conn.execute(select(api_keys.c.key_hash)).scalars())
    assert new["key"] not in stored and account.key not in stored
    assert in_process_server.client(new["key"]).get("/api/v1/keys").status_code == 200
    assert client.delete(f"/api/v1/keys/{new['id']}").json()["active"] is False
    assert in_process_server.client(new["key"]).get("/api/v1/keys").status_code == 401


def test_nobody_revokes_anothers_key(in_process_server, account, services):
    other = services.accounts.add_user("eve@example.org", "password12", None, "UTC")
    _, other_key = services.accounts.create_key(other.id)
    mine = services.accounts.keys(account.user_id)[0]
    answer = in_process_server.client(other_key).delete(f"/api/v1/keys/{mine.id}")
    assert answer.status_code == 404
    assert in_process_server.client(account.key).get("/api/v1/keys").status_code == 200


def test_ids_beyond_any_sql_integer_are_refused_not_a_server_error(in_process_server, account):
    client = in_process_server.client(account.key)
    huge = "254279834954882318336"
    for method, path in [
        ("DELETE", f"/api/v1/keys/{huge}"),
        ("GET", f"/api/v1/schedules/{huge}"),
        ("DELETE", f"/api/v1/schedules/{huge}"),
        ("DELETE", "/api/v1/keys/0"),
    ]:
        answer = client.request(method, path)
        assert 400 <= answer.status_code < 500, (path, answer.status_code)
    data = client.get("/anapi/data", params={"restrict_schedule_id": huge})
    assert data.status_code == 200 and "query error" in data.text
