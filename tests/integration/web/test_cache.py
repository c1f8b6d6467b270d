"""The plan and page cache never serves a stale page: every write changes the data version."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.integration.web.conftest import form_tokens, onboard, session_for


def test_pages_follow_every_write(client: TestClient) -> None:
    onboard(client, clearance="not_yet")
    assert "Waiting for your doctor" in client.get("/today").text
    assert "Waiting for your doctor" in client.get("/today").text  # from the cache
    client.post("/api/profile/clearance", json={"clearance": "cleared"})
    assert "Waiting for your doctor" not in client.get("/today").text
    before = client.get("/api/progress").json()["sessions_logged"]
    client.post("/api/sessions", json=session_for(client))
    assert client.get("/api/progress").json()["sessions_logged"] == before + 1
    client.delete("/api/account")
    assert client.get("/today", follow_redirects=False).headers["location"] == "/start"


def test_two_workers_on_one_database_see_each_others_writes(
    make_app: Callable[..., FastAPI],
) -> None:
    one, two = TestClient(make_app()), TestClient(make_app())
    onboard(one, clearance="not_yet")
    assert "Waiting for your doctor" in one.get("/today").text  # cached in worker one
    two.post("/api/profile/clearance", json={"clearance": "cleared"})  # written by worker two
    assert "Waiting for your doctor" not in one.get("/today").text
    assert one.get("/api/plan").json()["clearance"] == "cleared"
    tokens = [one.get("/today").text.count("UPRIGHT") for _ in range(2)]
    assert tokens == [0, 0]  # the stand-ins for the tokens never reach a page


def test_a_cached_page_still_gets_fresh_form_tokens(client: TestClient) -> None:
    onboard(client)
    first, second = (form_tokens(client.get("/today").text) for _ in range(2))
    assert first["form_token"] != second["form_token"]
    assert first["csrf_token"] == second["csrf_token"]  # bound to this browser, not the page
