"""Web tests run the real app (TestClient) on SQLite and, when available, PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import base_profile
from upright import bootstrap
from upright.adapters.passwords import Argon2Hasher
from upright.config import Settings
from upright.services.accounts import Throttle
from upright.web.app import create_app

TODAY = date(2026, 11, 25)  # a Wednesday
SECRET = "t3st-s3rv3r-k3y-0123456789-abcdefghijklmnopqrstuvwxyz"
#: argon2id with tiny costs: the tests check behaviour, not hashing cost
UNTHROTTLED = Throttle(10**6, timedelta(0), timedelta(0), timedelta(0))
FAST_HASHER = Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def make_app(engine: Engine, tmp_path: Path) -> Iterator[Callable[..., FastAPI]]:
    """Build the app on the test database, in local or server mode, with a fixed today."""
    built: list[bootstrap.Services] = []

    def _make(mode: str = "local", today: date = TODAY, **extra: Any) -> FastAPI:
        settings = Settings(
            data_dir=tmp_path / "data",
            database_url=engine.url.render_as_string(hide_password=False),
            mode=mode,
            secret_key=SECRET if mode == "server" else "",
            today=today,
            **extra,
        )
        services = bootstrap.build(settings)
        built.append(services)
        app = create_app(settings, services, hasher=FAST_HASHER)
        # many accounts from one test client: sign-up throttling is tested on a real server
        # (tests/integration/security), not here
        app.state.ctx.policy = replace(app.state.ctx.policy, signup_per_client=UNTHROTTLED)
        return app

    yield _make
    for services in built:
        services.close()


@pytest.fixture
def client(make_app: Callable[..., FastAPI]) -> Iterator[TestClient]:
    with TestClient(make_app()) as c:
        yield c


@pytest.fixture
def server(make_app: Callable[..., FastAPI]) -> FastAPI:
    return make_app("server")


def csrf(client: TestClient) -> str:
    token: str = client.get("/api/me").json()["csrf_token"]
    return token


def form_tokens(html: str) -> dict[str, str]:
    found = dict(re.findall(r'name="(csrf_token|form_token)" value="([^"]+)"', html))
    return found


def onboard(client: TestClient, **overrides: Any) -> dict[str, Any]:
    """Answer the questions through the JSON API; returns the plan."""
    profile = base_profile(days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"], **overrides)
    response = client.post("/api/profile", json=profile)
    assert response.status_code == 201, response.text
    plan: dict[str, Any] = response.json()["plan"]
    return plan


def today_items(client: TestClient) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get("/api/today").json()["items"]
    return items


def session_for(client: TestClient, note: str = "", **overrides: Any) -> dict[str, Any]:
    items = [{"id": i["id"], "status": "done"} for i in today_items(client)]
    body = {
        "date": TODAY.isoformat(), "pain_before": 3, "pain_during": 4, "pain_after": 2,
        "effort": 5, "note": note, "items": items,
    }  # fmt: skip
    body.update(overrides)
    return body


def sign_up(client: TestClient, email: str, password: str = "a long password 1") -> None:
    response = client.post(
        "/api/auth/signup", json={"email": email, "password": password, "display_name": email[:5]}
    )
    assert response.status_code == 201, response.text
