"""Two accounts on one server: every route is tried across accounts and nothing leaks."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tests.integration.web.conftest import TODAY, form_tokens, onboard, session_for, sign_up
from upright.web.routes import routers

SECRET_NOTE = "alice-private-note-7f3a"
ALICE = "alice@example.org"

#: routes that are the same for everyone (no personal data) or only for signed-out people
PUBLIC = {"/sw.js", "/manifest.webmanifest", "/offline", "/signin", "/signup", "/openapi.json"}


def _paths(app: FastAPI) -> list[tuple[str, str]]:
    """Every route of the app (from its routers: the app's own list nests them)."""
    out = []
    for router in routers():
        for route in router.routes:
            if not isinstance(route, APIRoute):
                continue
            path = route.path.replace("{exercise_id}", "walking")
            out.extend((method, path) for method in route.methods)
    return sorted(out)


@pytest.fixture
def two(server: FastAPI) -> Any:
    alice = TestClient(server)
    bob = TestClient(server)
    sign_up(alice, ALICE)
    onboard(alice, conditions=["isthmic_spondylolisthesis"], age=61)
    assert alice.post("/api/sessions", json=session_for(alice, note=SECRET_NOTE)).status_code == 201
    sign_up(bob, "bob@example.org")
    onboard(bob, age=35)  # Bob has his own plan, so every page renders for him
    yield alice, bob
    alice.close()
    bob.close()


def test_every_read_route_shows_bob_nothing_of_alice(server: FastAPI, two: Any) -> None:
    alice, bob = two
    reads = [p for m, p in _paths(server) if m == "GET" and p not in PUBLIC]
    assert len(reads) >= 20
    for path in reads:
        response = bob.get(path, follow_redirects=False)
        assert response.status_code < 500, path
        body = response.text
        for secret in (SECRET_NOTE, ALICE, '"age": 61', '"age":61', 'value="61"'):
            assert secret not in body, f"{path} shows Bob {secret!r}"
    # and Alice still sees her own
    assert SECRET_NOTE in alice.get("/api/export").text


def test_every_write_route_acts_on_bob_only(server: FastAPI, two: Any) -> None:
    alice, bob = two
    onboard(bob)
    before = alice.get("/api/export").json()
    # Bob writes through every API route he has...
    assert bob.post("/api/sessions", json=session_for(bob, note="bob")).status_code == 201
    bob.post("/api/morning", json={"date": TODAY.isoformat(), "pain": 1})
    bob.post("/api/profile", json={"age": 30, "clearance": "cleared"})
    bob.post("/api/profile/clearance", json={"clearance": "not_yet"})
    # ...and every form, with his own tokens
    for page, action, data in (
        ("/start", "/start", {"age": "33", "clearance": "cleared"}),
        ("/profile", "/profile/clearance", {"clearance": "cleared"}),
        ("/today", "/today", {"date": TODAY.isoformat()}),
    ):
        tokens = form_tokens(bob.get(page).text)
        assert bob.post(action, data={**tokens, **data}, follow_redirects=False).status_code < 500
    # the same idempotency key in two accounts is two different requests (both days are
    # logged already, so each says it replaces its own)
    key = {"Idempotency-Key": "shared-key"}
    again = session_for(alice, note=SECRET_NOTE, replace=True)
    assert alice.post("/api/sessions", json=again, headers=key).json()["replayed"] is False
    again = session_for(bob, note="bob", replace=True)
    assert bob.post("/api/sessions", json=again, headers=key).json()["replayed"] is False
    after = alice.get("/api/export").json()
    assert after["profiles"] == before["profiles"]
    assert [s["note"] for s in after["sessions"]] == [SECRET_NOTE]
    # Bob deletes his account: Alice keeps everything
    assert bob.delete("/api/account").status_code == 204
    assert alice.get("/api/export").json()["sessions"][0]["note"] == SECRET_NOTE
    assert bob.get("/api/export").status_code == 401


def test_a_csrf_token_from_one_account_does_not_work_for_another(two: Any) -> None:
    alice, bob = two
    alice_token = form_tokens(alice.get("/data").text)["csrf_token"]
    response = bob.post("/data/delete", data={"csrf_token": alice_token, "confirm": "delete"})
    assert response.status_code == 403
    assert bob.get("/api/me").json()["person"]["email"] == "bob@example.org"
