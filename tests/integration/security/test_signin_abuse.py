"""The issue's sign-in rows, against the real server with real argon2id costs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.integration.security.conftest import PASSWORD, Database, StartServer


def test_parallel_sign_ins_hash_a_few_at_a_time(
    database: Database, start_server: StartServer
) -> None:
    server = start_server(database)
    with ThreadPoolExecutor(40) as pool:
        answers = list(
            pool.map(lambda n: server.client().signin(f"nobody{n}@example.org"), range(40))
        )
    statuses = {a.status for a in answers}
    assert statuses <= {401, 503}, statuses
    busy = [a for a in answers if a.status == 503]
    assert all(int(a.headers["retry-after"]) > 0 for a in busy)
    assert all(a.json()["error"] == "too_busy" for a in busy)
    # 40 argon2id hashes at once took 2.3 GB; two at a time stay far below
    assert server.peak_mb() < 400, server.peak_mb()


def test_forwarded_for_is_not_believed_without_trusted_proxies(
    database: Database, start_server: StartServer
) -> None:
    server = start_server(database)
    client = server.client()
    assert client.signup("victim@example.org").status == 201
    answers = [
        client.signin(
            "victim@example.org", "wrong guess number", **{"X-Forwarded-For": f"10.0.0.{n}"}
        )
        for n in range(8)
    ]
    assert [a.status for a in answers[:5]] == [401] * 5
    assert {a.status for a in answers[5:]} == {429}  # one client, whatever the header says


def test_parallel_guesses_on_one_account_are_counted_before_checking(
    database: Database, start_server: StartServer
) -> None:
    server = start_server(database, hash_slots="4")
    assert server.client().signup("target@example.org").status == 201
    with ThreadPoolExecutor(20) as pool:
        answers = list(
            pool.map(
                lambda n: server.client().signin("target@example.org", f"guess {n} x"), range(20)
            )
        )
    checked = [a for a in answers if a.status == 401]
    assert len(checked) <= 5, [a.status for a in answers]
    assert all(a.status in (401, 429, 503) for a in answers)


def test_the_owner_is_not_locked_out_by_someone_else(
    database: Database, start_server: StartServer
) -> None:
    """Someone else's wrong guesses (another client) do not stop the owner's right password."""
    server = start_server(database, trusted_proxies="127.0.0.1")
    owner = server.client()
    assert owner.signup("owner@example.org").status == 201
    stranger = {"X-Forwarded-For": "203.0.113.9"}
    for _ in range(7):
        server.client().signin("owner@example.org", "not the password", **stranger)
    assert server.client().signin("owner@example.org", **stranger).status == 429
    right = server.client().signin("owner@example.org", **{"X-Forwarded-For": "198.51.100.4"})
    assert right.status == 200, right.body


def test_sign_up_is_throttled_per_client(database: Database, start_server: StartServer) -> None:
    server = start_server(database)
    # a TLS proxy on this machine says https: the cookie is Secure (X-Forwarded-Proto believed
    # from 127.0.0.1, X-Forwarded-For is not)
    behind_tls = server.client().request(
        "POST", "/api/auth/signup", json_body={"email": "tls@example.org", "password": PASSWORD},
        headers={"X-Forwarded-Proto": "https"},
    )  # fmt: skip
    assert behind_tls.status == 201 and "Secure" in behind_tls.headers["set-cookie"]
    answers = [behind_tls] + [server.client().signup(f"new{n}@example.org") for n in range(7)]
    assert [a.status for a in answers[:5]] == [201] * 5
    assert {a.status for a in answers[5:]} == {429}
    assert int(answers[-1].headers["retry-after"]) > 0


def test_weak_passwords_are_refused_and_a_password_can_be_changed(
    database: Database, start_server: StartServer
) -> None:
    server = start_server(database)
    client = server.client()
    for weak in ("aaaaaaaaaa", "1234567890", "password12"):
        answer = client.signup("weak@example.org", weak)
        assert answer.status == 422 and answer.json()["field"] == "password", weak
    assert client.signup("strong@example.org").status == 201
    other_device = server.client()
    assert other_device.signin("strong@example.org").status == 200
    csrf = client.fetch_csrf()
    new = "violet tram under seventeen lanterns"
    changed = client.request(
        "POST", "/api/auth/password", json_body={"current_password": PASSWORD, "new_password": new},
        headers={"X-CSRF-Token": csrf},
    )  # fmt: skip
    assert changed.status == 200, changed.body
    assert client.request("GET", "/api/profile").status != 401  # this browser stays signed in
    assert other_device.request("GET", "/api/profile").status == 401  # others are signed out
    assert server.client().signin("strong@example.org").status == 401
    assert server.client().signin("strong@example.org", new).status == 200
