"""The JSON API: the same use cases as the pages, errors naming the field, idempotent POSTs."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import base_profile
from tests.integration.web.conftest import TODAY, onboard, session_for


def test_openapi_describes_every_api_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for path in ("/api/profile", "/api/plan", "/api/today", "/api/sessions", "/api/morning",
                 "/api/progress", "/api/exercises", "/api/export", "/api/account",
                 "/api/auth/signin", "/api/imports"):  # fmt: skip
        assert path in paths, path
    assert not any(p for p in paths if not p.startswith("/api/")), "pages are not in the API spec"
    params = spec["paths"]["/api/sessions"]["post"]["parameters"]
    assert any(p["name"] == "Idempotency-Key" for p in params)


def test_profile_plan_and_today_follow_the_contract(client: TestClient) -> None:
    assert client.get("/api/profile").json()["field"] == "profile"
    plan = onboard(client)
    assert plan["stop"] is None and len(plan["days"]) == 7
    assert client.get("/api/plan").json()["week_start"] == "2026-11-23"
    today = client.get("/api/today").json()
    assert today["date"] == TODAY.isoformat() and today["items"]
    item = today["items"][0]
    for key in ("id", "name", "category", "dose", "why", "steps", "timer", "dose_text"):
        assert key in item
    other_day = client.get("/api/plan", params={"date": "2026-12-02"}).json()
    assert other_day["week_start"] == "2026-11-30"


def test_a_red_flag_gives_a_stop_and_no_items(client: TestClient) -> None:
    plan = onboard(client, red_flags=["fever_or_unwell"])
    assert plan["stop"]["level"] == "same_day"
    assert all(not d["items"] for d in plan["days"])
    assert client.get("/api/today").json()["items"] == []


def test_validation_errors_are_json_naming_the_field(client: TestClient) -> None:
    bad = client.post("/api/profile", json=base_profile(pain_now=11))
    assert bad.status_code == 422
    assert bad.json()["field"] == "pain_now" and bad.json()["error"] == "invalid_input"
    word = client.post("/api/profile", json=base_profile(conditions=["bad_back"]))
    assert word.status_code == 422 and word.json()["field"] == "conditions[0]"
    onboard(client)
    body = session_for(client, pain_before=12)
    assert client.post("/api/sessions", json=body).json()["field"] == "pain_before"
    unknown = session_for(client)
    unknown["items"] = [{"id": "not_in_plan", "status": "done"}]
    response = client.post("/api/sessions", json=unknown)
    assert response.status_code == 422 and response.json()["field"] == "items[0].id"
    future = client.post("/api/sessions", json=session_for(client, date="2026-12-25"))
    assert future.status_code == 422 and future.json()["field"] == "date"
    assert client.get("/api/plan", params={"date": "tomorrow"}).json()["field"] == "date"
    assert client.get("/api/plan", params={"date": "9999-12-31"}).status_code == 422
    assert client.post("/api/sessions", content=b"{not json", headers={
        "content-type": "application/json"}).status_code == 422  # fmt: skip


def test_a_retried_post_with_the_same_idempotency_key_stores_once(client: TestClient) -> None:
    onboard(client)
    body = session_for(client, note="walked with Sam")
    headers = {"Idempotency-Key": "6f1d2a4e-retry"}
    first = client.post("/api/sessions", json=body, headers=headers)
    assert first.status_code == 201 and first.json()["replayed"] is False
    second = client.post("/api/sessions", json=body, headers=headers)
    assert second.status_code == 201 and second.json()["replayed"] is True
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.json()["session"] == first.json()["session"]
    assert len(client.get("/api/export").json()["sessions"]) == 1
    # the key belongs to that request: another body under it is refused, not answered
    other = client.post("/api/sessions", json={**body, "note": "changed"}, headers=headers)
    assert other.status_code == 422 and other.json()["field"] == "Idempotency-Key"
    # a failed request frees its key
    bad = session_for(client, pain_after=99)
    assert (
        client.post("/api/sessions", json=bad, headers={"Idempotency-Key": "k2"}).status_code == 422
    )
    good = client.post(
        "/api/sessions",
        json=body | {"note": "fixed", "replace": True},
        headers={"Idempotency-Key": "k2"},
    )
    assert good.status_code == 201


def test_profile_posts_are_idempotent_too(client: TestClient) -> None:
    headers = {"Idempotency-Key": "profile-1"}
    for _ in range(3):
        assert client.post("/api/profile", json=base_profile(), headers=headers).status_code == 201
    assert len(client.get("/api/profile/history").json()) == 1


def test_clearance_morning_progress_and_cards(client: TestClient) -> None:
    onboard(client, clearance="not_yet")
    response = client.post(
        "/api/profile/clearance",
        json={"clearance": "cleared_with_restrictions", "restrictions": ["no_rotation"]},
    )
    assert response.status_code == 201
    assert response.json()["profile"]["restrictions"] == ["no_rotation"]
    assert client.post("/api/sessions", json=session_for(client)).status_code == 201
    early = client.post("/api/morning", json={"date": TODAY.isoformat(), "pain": 2})
    assert early.status_code == 422 and early.json()["field"] == "date"
    progress = client.get("/api/progress").json()
    assert progress["sessions_logged"] == 1 and progress["weeks"]
    assert client.get("/api/progress", params={"weeks": 0}).json()["field"] == "weeks"
    assert client.get("/api/cards").json()[0]["sources"]


def test_exercises_say_why_not(client: TestClient) -> None:
    unknown = client.get("/api/exercises").json()
    assert all(e["for_you"] is None for e in unknown)
    onboard(client, conditions=["isthmic_spondylolisthesis"])
    listed = client.get("/api/exercises").json()
    excluded = [e for e in listed if e["for_you"] is False]
    assert excluded and all(e["reasons"] for e in excluded)
    assert client.get("/api/exercises/nope").json() == {
        "error": "not_found", "message": "unknown exercise 'nope' (see the exercise library for the ids)",
        "field": "exercise", "id": "nope",
    }  # fmt: skip


def test_api_posts_need_json_or_a_csrf_header(client: TestClient) -> None:
    onboard(client)
    # a form post from another site cannot set JSON or our header: refused
    forged = client.post("/api/sessions", data={"date": TODAY.isoformat()})
    assert forged.status_code == 403 and forged.json()["error"] == "csrf_rejected"
    wrong = client.post("/api/sessions", json=session_for(client), headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403


def test_local_mode_has_no_accounts(client: TestClient) -> None:
    assert client.get("/api/me").json()["mode"] == "local"
    response = client.post("/api/auth/signin", json={"email": "a@b.org", "password": "x" * 12})
    assert response.status_code == 404
    assert client.get("/signin").status_code == 404


def test_delete_account_in_local_mode_wipes_the_data(client: TestClient) -> None:
    onboard(client)
    client.post("/api/sessions", json=session_for(client))
    assert client.delete("/api/account").status_code == 204
    assert client.get("/api/profile").status_code == 404
    assert client.get("/api/export").json()["sessions"] == []
