"""Server mode: accounts, argon2id, session cookies, CSRF, sign-in rate limiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from tests.integration.web.conftest import form_tokens, onboard, sign_up
from upright.adapters.storage import tables as t
from upright.config import Settings
from upright.domain.errors import InvalidInput
from upright.services.accounts import LoginPolicy, wait_before
from upright.web.app import build_app

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


@pytest.mark.parametrize("key", ["", "short", "changeme-changeme-changeme-changeme", "a" * 40])
def test_server_mode_refuses_to_start_without_a_strong_secret(tmp_path: object, key: str) -> None:
    settings = Settings(data_dir=tmp_path, mode="server", secret_key=key)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as error:
        build_app(settings)
    assert error.value.field == "UPRIGHT_SECRET_KEY"
    assert "secrets.token_urlsafe" in error.value.message


def test_the_throttle_policy() -> None:
    rule = LoginPolicy().per_account_client
    last = NOW - timedelta(seconds=10)
    assert wait_before(4, last, NOW, rule) == (4, None)  # the fifth try is free
    assert wait_before(5, last, NOW, rule) == (5, timedelta(seconds=20))  # then 30 s apart
    assert wait_before(6, last, NOW, rule) == (6, timedelta(seconds=50))  # doubling
    assert wait_before(40, last, NOW, rule) == (40, rule.cap - timedelta(seconds=10))  # capped
    assert wait_before(5, NOW - timedelta(seconds=30), NOW, rule) == (5, None)  # waited enough
    assert wait_before(99, NOW - rule.forget, NOW, rule) == (0, None)  # forgotten


def test_sign_up_stores_an_argon2id_hash_and_a_hashed_session(
    server: FastAPI, engine: Engine
) -> None:
    with TestClient(server) as c:
        sign_up(c, "Ana@Example.org")
        cookie = c.cookies.get("upright_session")
        assert cookie
        me = c.get("/api/me").json()
        assert me["person"]["email"] == "ana@example.org"
    with engine.connect() as conn:
        stored = conn.scalar(
            select(t.people.c.password_hash).where(t.people.c.email == "ana@example.org")
        )
        tokens = list(conn.scalars(select(t.web_sessions.c.token_hash)))
    assert stored.startswith("$argon2id$")
    assert cookie not in tokens and len(tokens[0]) == 64


def test_session_cookie_flags(server: FastAPI) -> None:
    with TestClient(server) as c:
        response = c.post(
            "/api/auth/signup", json={"email": "b@example.org", "password": "long enough pw"}
        )
        header = response.headers["set-cookie"].lower()
        assert "httponly" in header and "samesite=lax" in header and "path=/" in header
    with TestClient(server, base_url="https://upright.example.org") as tls:
        response = tls.post(
            "/api/auth/signup", json={"email": "c@example.org", "password": "long enough pw"}
        )
        assert "secure" in response.headers["set-cookie"].lower()
        assert "strict-transport-security" in response.headers


def test_pages_and_api_need_a_signed_in_person(server: FastAPI) -> None:
    with TestClient(server) as c:
        assert c.get("/today", follow_redirects=False).headers["location"] == "/signin"
        assert c.get("/", follow_redirects=False).headers["location"] == "/signin"
        response = c.get("/api/plan")
        assert response.status_code == 401 and response.json()["error"] == "not_signed_in"
        assert c.get("/signin").status_code == 200 and c.get("/signup").status_code == 200


def test_sign_up_in_and_out_through_the_forms(server: FastAPI) -> None:
    with TestClient(server) as c:
        tokens = form_tokens(c.get("/signup").text)
        data = {
            "csrf_token": tokens["csrf_token"],
            "email": "dee@example.org",
            "password": "correct horse",
        }
        response = c.post("/signup", data=data, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/start"
        assert c.get("/start").status_code == 200
        signout = form_tokens(c.get("/start").text)["csrf_token"]
        old_cookie = c.cookies.get("upright_session")
        response = c.post("/signout", data={"csrf_token": signout}, follow_redirects=False)
        assert response.headers["location"] == "/signin?out=1"
        c.cookies.set("upright_session", old_cookie or "")  # a stolen old cookie is worthless now
        assert c.get("/api/plan").status_code == 401
        c.cookies.clear()
        tokens = form_tokens(c.get("/signin").text)
        wrong = c.post(
            "/signin", data={**tokens, "email": "dee@example.org", "password": "nope nope nope"}
        )
        assert wrong.status_code == 401 and "not right" in wrong.text
        tokens = form_tokens(c.get("/signin").text)
        right = c.post(
            "/signin", data={**tokens, "email": "DEE@example.org", "password": "correct horse"},
            follow_redirects=False,
        )  # fmt: skip
        assert right.status_code == 303


def test_sign_up_refuses_bad_input_naming_the_field(server: FastAPI) -> None:
    with TestClient(server) as c:
        short = c.post("/api/auth/signup", json={"email": "e@example.org", "password": "short"})
        assert short.status_code == 422 and short.json()["field"] == "password"
        bad = c.post(
            "/api/auth/signup", json={"email": "not-an-email", "password": "long enough pw"}
        )
        assert bad.json()["field"] == "email"
        sign_up(c, "e@example.org")
        again = c.post(
            "/api/auth/signup", json={"email": "E@example.org", "password": "long enough pw"}
        )
        assert again.status_code == 422 and "already has an account" in again.json()["message"]


def test_sign_in_is_rate_limited(make_app: object) -> None:
    app = make_app("server")  # type: ignore[operator]
    with TestClient(app) as c:
        sign_up(c, "f@example.org", "the right password")
        c.cookies.clear()
        policy = LoginPolicy()
        for _ in range(policy.per_account_client.free):
            response = c.post(
                "/api/auth/signin", json={"email": "f@example.org", "password": "wrong password"}
            )
            assert response.status_code == 401
        blocked = c.post(
            "/api/auth/signin", json={"email": "f@example.org", "password": "the right password"}
        )
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
        assert blocked.json()["error"] == "too_many_attempts"


def test_every_form_needs_the_csrf_token_in_server_mode(server: FastAPI) -> None:
    with TestClient(server) as c:
        sign_up(c, "g@example.org")
        onboard(c)
        for action in ("/start", "/today", "/profile", "/profile/clearance", "/morning",
                       "/data/delete", "/import", "/signout"):  # fmt: skip
            response = c.post(action, data={"confirm": "delete"}, follow_redirects=False)
            assert response.status_code == 403, action
        assert c.get("/api/profile").status_code == 200  # nothing was deleted


def test_deleting_the_account_removes_everything(server: FastAPI, engine: Engine) -> None:
    with TestClient(server) as c:
        sign_up(c, "h@example.org")
        onboard(c)
        tokens = form_tokens(c.get("/data").text)
        response = c.post(
            "/data/delete", data={**tokens, "confirm": "DELETE"}, follow_redirects=False
        )
        assert response.headers["location"] == "/signup?deleted=1"
        assert c.get("/api/plan").status_code == 401
    with engine.connect() as conn:
        assert conn.scalar(select(t.people.c.id).where(t.people.c.email == "h@example.org")) is None
        assert list(conn.execute(select(t.web_sessions))) == []
