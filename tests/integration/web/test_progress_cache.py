"""The progress report is cached like today's plan and follows every write."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.integration.web.conftest import onboard, session_for
from upright.web import actions


def _progress_keys(app: FastAPI) -> int:
    return sum(1 for key in app.state.ctx.cache._data if key[0] == "progress")


def test_progress_is_computed_once_until_the_data_changes(
    make_app: Callable[..., FastAPI],
) -> None:
    app = make_app()
    client = TestClient(app)
    onboard(client)
    first = client.get("/api/progress").json()
    assert _progress_keys(app) == 1
    assert client.get("/api/progress").json() == first  # from the cache: no new entry
    assert _progress_keys(app) == 1
    client.post("/api/sessions", json=session_for(client))
    after = client.get("/api/progress").json()
    assert after["sessions_logged"] == first["sessions_logged"] + 1
    assert _progress_keys(app) == 2
    assert "Progress" in client.get("/progress").text  # the page reads the same report


def test_a_cached_report_is_a_copy_a_page_cannot_change(make_app: Callable[..., FastAPI]) -> None:
    app = make_app()
    client = TestClient(app)
    onboard(client)
    client.get("/api/progress")
    key = next(k for k in app.state.ctx.cache._data if k[0] == "progress")
    stored = app.state.ctx.cache.get(key)
    me = app.state.ctx.services.actor
    copy = actions.progress(app.state.ctx, me)
    copy["weeks"].append({"changed": True})
    assert app.state.ctx.cache.get(key) == stored
