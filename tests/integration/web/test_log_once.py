"""A keyed log keeps its Idempotency-Key in the logging transaction: one transaction per log,
the key and the session stored together or not at all, and a retry that arrives while the first
request is still running gets the first answer (issue 14)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text

from tests.integration.web.conftest import onboard, session_for, sign_up
from upright.adapters.storage.accounts import IdempotencyKeys
from upright.adapters.storage.idempotency import SqlIdempotency
from upright.web.forms import SessionIn
from upright.web.idempotency import _stored_key, fingerprint

PERSON = 1  # the local person


def _engine_of(app: FastAPI) -> Engine:
    found: Engine = app.state.ctx.services.versions.engine  # the one engine the app's stores share
    return found


@contextmanager
def counted(engine: Engine) -> Iterator[Counter[str]]:
    seen: Counter[str] = Counter()

    def statement(*_: Any) -> None:
        seen["statements"] += 1

    def commit(*_: Any) -> None:
        seen["commits"] += 1

    def checkout(*_: Any) -> None:
        seen["checkouts"] += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    event.listen(engine.pool, "checkout", checkout)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)
        event.remove(engine.pool, "checkout", checkout)


def _sessions(client: TestClient) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.get("/api/export").json()["sessions"]
    return found


def _claim(engine: Engine, body: dict[str, Any], key: str, at: datetime) -> None:
    """A claim as the claim-run-record way leaves it while its request runs (or after its
    worker died)."""
    entry = SessionIn.model_validate(body).to_entry()
    record = {"state": "running", "fingerprint": fingerprint(entry)}
    assert IdempotencyKeys(engine).claim(PERSON, _stored_key("log-session", key), record, at)


def test_a_keyed_log_is_one_transaction_and_its_replay_stores_nothing(
    make_app: Callable[..., FastAPI],
) -> None:
    app = make_app()
    client = TestClient(app)
    onboard(client)
    body = session_for(client, note="one go")
    headers = {"Idempotency-Key": "one-transaction"}
    with counted(_engine_of(app)) as first:
        answer = client.post("/api/sessions", json=body, headers=headers)
    assert answer.status_code == 201 and answer.json()["replayed"] is False
    # the session checked and stored, the answer kept under the key: one transaction
    assert first["commits"] == 1 and first["checkouts"] == 1, first
    with counted(_engine_of(app)) as again:
        replay = client.post("/api/sessions", json=body, headers=headers)
    assert replay.status_code == 201 and replay.json()["replayed"] is True
    assert replay.json()["session"] == answer.json()["session"]
    assert again["commits"] == 0, again  # the retry finds the key taken and rolls back
    assert len(_sessions(client)) == 1


def test_a_refused_log_keeps_neither_the_key_nor_the_session(
    make_app: Callable[..., FastAPI],
) -> None:
    client = TestClient(make_app())
    onboard(client)
    headers = {"Idempotency-Key": "refused-first"}
    body = session_for(client, note="first try")
    bad = body | {"items": [{"id": "no_such_exercise", "status": "done"}]}
    refused = client.post("/api/sessions", json=bad, headers=headers)
    assert refused.status_code == 422 and refused.json()["field"] == "items[0].id"
    assert _sessions(client) == []
    # the key is free: a corrected request under it is stored (its body differs: a new request)
    fixed = client.post("/api/sessions", json=body, headers=headers)
    assert fixed.status_code == 201 and fixed.json()["replayed"] is False
    assert [s["note"] for s in _sessions(client)] == ["first try"]


def test_a_claim_still_running_elsewhere_answers_409_and_an_abandoned_one_is_taken_over(
    make_app: Callable[..., FastAPI], engine: Engine
) -> None:
    app = make_app()
    client = TestClient(app)
    onboard(client)
    body = session_for(client, note="after an upgrade")
    now = app.state.ctx.services.clock.now()  # the app's clock (today is fixed in these tests)
    _claim(engine, body, "running-elsewhere", now)
    busy = client.post("/api/sessions", json=body, headers={"Idempotency-Key": "running-elsewhere"})
    assert busy.status_code == 409 and busy.json()["error"] == "in_progress"
    assert int(busy.headers["retry-after"]) >= 1
    assert _sessions(client) == []
    # a claim older than claim_seconds (60 s) belongs to a worker that died: taken over once
    _claim(engine, body, "abandoned", now - timedelta(minutes=5))
    headers = {"Idempotency-Key": "abandoned"}
    taken = client.post("/api/sessions", json=body, headers=headers)
    assert taken.status_code == 201 and taken.json()["replayed"] is False
    replay = client.post("/api/sessions", json=body, headers=headers)
    assert replay.json()["replayed"] is True
    assert replay.json()["session"] == taken.json()["session"]
    assert len(_sessions(client)) == 1


def _waiting_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as connection:
        found = connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
        ).scalar()
    return bool(found)


def test_a_retry_arriving_while_the_first_is_still_running_gets_the_first_answer(
    make_app: Callable[..., FastAPI], engine: Engine
) -> None:
    """The first request's transaction is held open with its key written; the retry runs,
    waits for it (PostgreSQL: the key's unique index; SQLite: the one writer), and answers
    with the first request's answer without storing its own session."""
    app = make_app()
    client = TestClient(app)
    onboard(client)
    body = session_for(client, note="sent twice")
    entry = SessionIn.model_validate(body).to_entry()
    stored = _stored_key("log-session", "in-flight")
    first_answer = {"date": body["date"], "items": [], "note": "the first request's answer"}
    record = {"state": "done", "fingerprint": fingerprint(entry), "result": first_answer}
    answers: list[Any] = []
    with engine.connect() as first:
        assert SqlIdempotency(first).add(PERSON, stored, record, app.state.ctx.services.clock.now())
        retry = threading.Thread(
            target=lambda: answers.append(
                client.post("/api/sessions", json=body, headers={"Idempotency-Key": "in-flight"})
            )
        )
        retry.start()
        deadline = time.monotonic() + 20
        if engine.dialect.name == "postgresql":
            while not _waiting_on_a_lock(engine) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _waiting_on_a_lock(engine), "the retry did not wait for the first request"
        else:
            time.sleep(0.5)  # the retry is checking its session, then waits for the writer
        assert retry.is_alive()  # it cannot finish before the first request does
        first.commit()
    retry.join(timeout=30)
    (answer,) = answers
    assert answer.status_code == 201, answer.text
    assert answer.json() == {"session": first_answer, "replayed": True}
    assert _sessions(client) == []  # the retry stored nothing of its own


def test_a_signed_in_log_is_two_short_visits_to_the_database(
    make_app: Callable[..., FastAPI],
) -> None:
    """Server mode: who is signed in (with their role) is one read, the log one transaction."""
    app = make_app("server")
    client = TestClient(app)
    sign_up(client, "logger@example.org")
    onboard(client)
    body = session_for(client, note="signed in")
    with counted(_engine_of(app)) as seen:
        answer = client.post("/api/sessions", json=body, headers={"Idempotency-Key": "signed-in"})
    assert answer.status_code == 201, answer.text
    assert seen["checkouts"] == 2 and seen["commits"] == 1, seen
    signed_out = TestClient(app).post("/api/sessions", json=body)
    assert signed_out.status_code == 401
