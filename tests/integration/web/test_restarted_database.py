"""A restarted PostgreSQL (its sessions ended, as a restart or a fail-over ends them) costs no
error: a pooled connection is checked before use when it sat idle or when the server closed it
meanwhile, and a session log whose connection breaks while in use is sent once more on a new
one. A connection used a moment ago is not pinged (issue 14: ``pool_pre_ping`` cost a round
trip per unit of work)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text

from tests.integration.web.conftest import onboard, session_for
from upright.adapters.storage import database


def _needs_postgres(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to restart")


def _end_sessions(engine: Engine, pid: int | None = None) -> int:
    """End the other sessions on this database (or the one with ``pid``), as a restart does
    (an administrator shutdown: an error, then the server closes the connection)."""
    which = "pid = :pid" if pid is not None else "pid <> pg_backend_pid()"
    with engine.connect() as admin:
        ended = admin.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                f"WHERE datname = current_database() AND {which}"
            ),
            {"pid": pid},
        ).scalar()
        admin.commit()
    time.sleep(0.2)  # the server closes the ended sessions' sockets
    return int(ended or 0)


@contextmanager
def counted_pings(engine: Engine) -> Iterator[list[int]]:
    pings = [0]
    ping = engine.dialect.do_ping

    def counted(connection: Any) -> bool:
        pings[0] += 1
        return bool(ping(connection))

    engine.dialect.do_ping = counted  # type: ignore[method-assign]
    try:
        yield pings
    finally:
        del engine.dialect.do_ping


def _backend(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _app_engine(app: FastAPI) -> Engine:
    found: Engine = app.state.ctx.services.versions.engine  # the engine the app's stores share
    return found


def test_a_busy_connection_is_not_pinged_and_a_closed_one_is_replaced(engine: Engine) -> None:
    _needs_postgres(engine)
    busy = database.make_engine(engine.url.render_as_string(hide_password=False))
    try:
        with counted_pings(busy) as pings:
            first = _backend(busy)
            for _ in range(20):  # used again at once, as under load: never pinged
                assert _backend(busy) == first
            assert pings[0] == 0
            assert _end_sessions(engine) >= 1
            # the closed socket is seen at checkout: one ping confirms, the pool connects afresh
            again = _backend(busy)
            assert again != first and pings[0] == 1
            assert _backend(busy) == again and pings[0] == 1
    finally:
        busy.dispose()


def test_an_idle_connection_is_pinged_before_use(engine: Engine) -> None:
    _needs_postgres(engine)
    url = engine.url.render_as_string(hide_password=False)
    idle = database.make_engine(url, idle_check_seconds=0.0)  # every connection counts as idle
    try:
        with counted_pings(idle) as pings:
            first = _backend(idle)
            assert _backend(idle) == first and pings[0] == 1
    finally:
        idle.dispose()


def test_a_log_whose_connection_breaks_in_use_is_sent_once_more(
    make_app: Callable[..., FastAPI], engine: Engine
) -> None:
    _needs_postgres(engine)
    app = make_app()
    client = TestClient(app)
    onboard(client)
    body = session_for(client, note="logged through a restart")
    broken: list[int] = []

    def break_once(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        # after the pool's own check: the session ends while the request holds the connection
        if not broken:
            broken.append(dbapi_connection.info.backend_pid)
            _end_sessions(engine, broken[0])

    app_engine = _app_engine(app)
    event.listen(app_engine.pool, "checkout", break_once)
    try:
        answer = client.post("/api/sessions", json=body, headers={"Idempotency-Key": "restart"})
    finally:
        event.remove(app_engine.pool, "checkout", break_once)
    assert broken, "no connection was broken"
    assert answer.status_code == 201, answer.text
    assert answer.json()["replayed"] is False
    sessions = client.get("/api/export").json()["sessions"]
    assert [s["note"] for s in sessions] == ["logged through a restart"]
    replay = client.post("/api/sessions", json=body, headers={"Idempotency-Key": "restart"})
    assert replay.json()["replayed"] is True
    assert len(client.get("/api/export").json()["sessions"]) == 1


def test_pages_after_a_restart_answer_as_before(
    make_app: Callable[..., FastAPI], engine: Engine
) -> None:
    _needs_postgres(engine)
    client = TestClient(make_app())
    onboard(client)
    assert client.get("/api/progress").status_code == 200
    _end_sessions(engine)  # the app's pooled connection, used a moment ago
    assert client.get("/api/progress").status_code == 200
    assert client.get("/today").status_code == 200
