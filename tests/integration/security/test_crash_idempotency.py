"""kill -9 under concurrent logging, then every in-flight request sent again with its key:
every session is stored exactly once and no key stays stuck."""

from __future__ import annotations

import http.client
import json
import threading
import time
import uuid
from datetime import date, timedelta
from typing import Any

from tests.conftest import base_profile
from tests.integration.security.conftest import Client, Database, StartServer

TODAY = date(2026, 11, 25)
PEOPLE = 3
THREADS_EACH = 3
SESSIONS_EACH = 8


def _body(day: date) -> dict[str, Any]:
    return {"date": day.isoformat(), "pain_before": 3, "pain_during": 3, "pain_after": 2,
            "effort": 5, "note": "crash test", "items": [{"id": "walking", "status": "done"}]}  # fmt: skip


def _answer(client: Client, key: str, body: dict[str, Any]) -> tuple[int, str]:
    answer = client.request(
        "POST", "/api/sessions", json_body=body,
        headers={"Idempotency-Key": key, "X-CSRF-Token": client.csrf}, timeout=20,
    )  # fmt: skip
    error = json.loads(answer.body).get("error", "") if answer.status == 409 else ""
    return answer.status, str(error)


def _send(client: Client, key: str, body: dict[str, Any]) -> int:
    return _answer(client, key, body)[0]


def test_kill_9_then_resend_stores_every_session_once(
    database: Database, start_server: StartServer
) -> None:
    settings = {"idempotency_claim_seconds": "2", "trusted_proxies": ""}
    server = start_server(database, **settings)
    people: list[Client] = []
    for n in range(PEOPLE):
        client = server.client()
        assert client.signup(f"logger{n}@example.org").status == 201
        client.fetch_csrf()
        profile = base_profile(days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        answer = client.request(
            "POST", "/api/profile", json_body=profile, headers={"X-CSRF-Token": client.csrf}
        )
        assert answer.status == 201, answer.body[:300]
        people.append(client)
    # every (person, day) gets one key; threads of a person log different days
    jobs: list[tuple[int, str, date]] = []
    for p in range(PEOPLE):
        for d in range(THREADS_EACH * SESSIONS_EACH):
            jobs.append((p, str(uuid.uuid4()), TODAY - timedelta(days=d)))
    acked: set[str] = set()
    lock = threading.Lock()

    def logger(p: int, part: int) -> None:
        mine = [j for j in jobs if j[0] == p][part::THREADS_EACH]
        for _, key, day in mine:
            try:
                status = _send(people[p], key, _body(day))
            except (OSError, http.client.HTTPException):
                return  # the server is gone (mid-answer too): the rest is in flight or not sent
            if status == 201:
                with lock:
                    acked.add(key)

    threads = [
        threading.Thread(target=logger, args=(p, part))
        for p in range(PEOPLE)
        for part in range(THREADS_EACH)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(acked) < len(jobs) // 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    server.kill()
    for thread in threads:
        thread.join(timeout=60)
    assert 0 < len(acked) < len(jobs), len(acked)

    again = start_server(database, **settings)
    for client in people:
        client.port = again.port
    for p, key, day in jobs:  # re-send everything not acknowledged, with the same key
        for _ in range(20):
            status, error = _answer(people[p], key, _body(day))
            if status != 409 or error == "already_logged":
                break
            time.sleep(0.5)  # a claim of the killed server: free within claim_seconds
        # stored before the kill, its answer lost with the server: the day is refused as already
        # logged (the offline outbox asks the person before replacing it), never stored twice
        assert status == 201 or error == "already_logged", (status, error, day)
    # and a replay of an acknowledged one stores nothing new
    p, key, day = next(j for j in jobs if j[1] in acked)
    assert _send(people[p], key, _body(day)) == 201
    for p, client in enumerate(people):
        sessions = client.request("GET", "/api/export").json()["sessions"]
        days = sorted(s["date"] for s in sessions)
        expected = sorted(day.isoformat() for q, _, day in jobs if q == p)
        assert days == expected  # every session stored, none twice
