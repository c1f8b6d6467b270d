"""Buddies, goals, encouragement and group walks through the JSON API, as people use them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.integration.web.conftest import TODAY, onboard, sign_up


@pytest.fixture
def trio(server: FastAPI) -> Any:
    clients = {}
    for n, name in enumerate(("ann", "ben", "cat")):
        client = TestClient(server, client=(f"10.0.1.{n + 1}", 50000))
        sign_up(client, f"{name}@example.org")
        onboard(client)
        clients[name] = client
    yield clients
    for client in clients.values():
        client.close()


def invite(client: TestClient) -> str:
    response = client.post("/api/buddies/invites", json={})
    assert response.status_code == 201, response.text
    return str(response.json()["code"])


def befriend(a: TestClient, b: TestClient) -> tuple[int, int]:
    """Returns (a's id as b sees it, b's id as a sees it)."""
    accepted = b.post(f"/api/buddies/invites/{invite(a)}/accept", json={})
    assert accepted.status_code == 201, accepted.text
    a_id = accepted.json()["buddy"]["id"]
    b_id = next(x["id"] for x in a.get("/api/buddies").json()["buddies"])
    return a_id, b_id


def test_codes_are_single_use_hashed_and_say_nothing_more(trio: Any, engine: Engine) -> None:
    ann, ben, cat = trio["ann"], trio["ben"], trio["cat"]
    code = invite(ann)
    assert len(code) == 11 and code[5] == "-"
    with engine.connect() as conn:
        stored = [r[0] for r in conn.execute(text("SELECT code_hash FROM buddy_invites"))]
    assert stored and code.replace("-", "") not in str(stored) and code not in str(stored)
    assert ben.get(f"/api/buddies/invites/{code.lower()}").json() == {"from": "ann@e"}
    own = ann.post(f"/api/buddies/invites/{code}/accept", json={})
    assert own.status_code == 422 and "your own invitation" in own.json()["message"]
    assert (
        ben.post(f"/api/buddies/invites/{code.replace('-', ' ')}/accept", json={}).status_code
        == 201
    )
    used = cat.post(f"/api/buddies/invites/{code}/accept", json={})
    wrong = cat.post("/api/buddies/invites/ABCDE-FGHJK/accept", json={})
    garbage = cat.post("/api/buddies/invites/hello/accept", json={})
    assert used.status_code == wrong.status_code == garbage.status_code == 422
    assert used.json()["message"] == wrong.json()["message"] == garbage.json()["message"]
    again = ann.post(f"/api/buddies/invites/{invite(ben)}/accept", json={})
    assert again.status_code == 422 and "already buddies" in again.json()["message"]


def test_a_code_expires_after_a_week(make_app: Callable[..., FastAPI], trio: Any) -> None:
    code = invite(trio["ann"])
    for days, works in ((6, True), (7, False)):
        later = TestClient(
            make_app("server", today=TODAY + timedelta(days=days)), client=(f"10.0.2.{days}", 50000)
        )
        sign_up(later, f"late{days}@example.org")
        response = later.get(f"/api/buddies/invites/{code}")
        assert (response.status_code == 200) is works, (days, response.text)
        later.close()


def test_a_declined_code_stops_working(trio: Any) -> None:
    ann, ben = trio["ann"], trio["ben"]
    code = invite(ann)
    assert ben.post(f"/api/buddies/invites/{code}/decline", json={}).status_code == 204
    assert ben.post(f"/api/buddies/invites/{code}/accept", json={}).status_code == 422
    assert ann.get("/api/buddies").json()["buddies"] == []


def test_a_shared_goal_never_changes_a_plan(trio: Any) -> None:
    ann, ben = trio["ann"], trio["ben"]
    _, ben_id = befriend(ann, ben)
    ann_id = next(x["id"] for x in ben.get("/api/buddies").json()["buddies"])
    before = (ann.get("/api/today").json(), ben.get("/api/today").json())
    for walks in (0, 8):
        assert ann.post(f"/api/buddies/{ben_id}/goal", json={"walks": walks}).status_code == 422
    assert ann.post(f"/api/buddies/{ben_id}/goal", json={"walks": 3}).status_code == 201
    mine = ann.post(f"/api/buddies/{ben_id}/goal/agree", json={})
    assert mine.status_code == 422 and "your buddy agrees" in mine.json()["message"].lower()
    assert ben.post(f"/api/buddies/{ann_id}/goal/agree", json={}).status_code == 200
    goal = ben.get(f"/api/buddies/{ann_id}").json()["goal"]
    assert goal["walks_per_week"] == 3 and goal["agreed"] and goal["theirs"] == 0
    assert (ann.get("/api/today").json(), ben.get("/api/today").json()) == before


def test_encouragement_once_a_day_free_text_only_for_buddies_and_mute(trio: Any) -> None:
    ann, ben, cat = trio["ann"], trio["ben"], trio["cat"]
    ann_id, ben_id = befriend(ann, ben)
    assert (
        ann.post(f"/api/buddies/{ben_id}/encourage", json={"message": "keep_going"}).status_code
        == 201
    )
    twice = ann.post(f"/api/buddies/{ben_id}/encourage", json={"message": "proud"})
    assert twice.status_code == 422 and "tomorrow" in twice.json()["message"]
    bad = ben.post(f"/api/buddies/{ann_id}/encourage", json={"message": "you are lazy"})
    assert bad.status_code == 422 and "kind messages" in bad.json()["message"]
    long = ben.post(f"/api/buddies/{ann_id}/encourage", json={"text": "x" * 281})
    assert long.status_code == 422
    assert (
        ben.post(
            f"/api/buddies/{ann_id}/encourage", json={"text": "See you at the park!"}
        ).status_code
        == 201
    )
    assert [m["text"] for m in ben.get("/api/encouragement").json()["received"]] == [
        "Keep going: you've got this."
    ]
    assert [m["text"] for m in ann.get("/api/encouragement").json()["received"]] == [
        "See you at the park!"
    ]
    assert ann.put(f"/api/buddies/{ben_id}/mute", json={"muted": True}).status_code == 200
    assert ann.get("/api/encouragement").json()["received"] == []
    stranger = cat.post(f"/api/buddies/{ann_id}/encourage", json={"message": "proud"})
    assert stranger.status_code == 404


def test_group_walk_attendance_counts_at_each_members_own_dose(trio: Any) -> None:
    ann, ben, cat = trio["ann"], trio["ben"], trio["cat"]
    made = ann.post(
        "/api/groups",
        json={"name": "Wednesday walkers", "start": "2026-11-04T10:00:00+00:00", "tz": "Europe/London",
              "schedule": "FREQ=WEEKLY;BYDAY=WE", "minutes": 45, "place": "Library steps"},
    )  # fmt: skip
    assert made.status_code == 201, made.text
    group = made.json()["id"]
    for client in (ben, cat):
        code = ann.post(f"/api/groups/{group}/invites", json={}).json()["code"]
        assert client.post("/api/groups/join", json={"code": code}).status_code == 201
    day = TODAY.isoformat()  # a Wednesday
    assert (
        ben.post(f"/api/groups/{group}/rsvp", json={"date": day, "answer": "yes"}).status_code
        == 200
    )
    wrong = ben.post(
        f"/api/groups/{group}/rsvp",
        json={"date": (TODAY + timedelta(days=1)).isoformat(), "answer": "yes"},
    )
    assert wrong.status_code == 422 and "does not meet" in wrong.json()["message"]
    view = cat.get(f"/api/groups/{group}").json()
    walk = next(w for w in view["walks"] if w["date"] == day)
    assert walk["coming"] == ["ben@e"] and walk["start"] == "2026-11-25T10:00:00+00:00"
    # Ben confirms: his own walk that day is logged as done at his own planned minutes
    planned = next(i for i in ben.get("/api/today").json()["items"] if i["category"] == "aerobic")
    credit = ben.post(f"/api/groups/{group}/attended", json={"date": day})
    assert credit.status_code == 200 and credit.json()["counted"], credit.text
    assert f"{planned['dose']['minutes']} minutes" in credit.json()["message"]
    sessions = ben.get("/api/export").json()["sessions"]
    logged = next(s for s in sessions if s["date"] == day)
    assert any(i["id"] == planned["id"] and i["status"] == "done" for i in logged["items"])
    # nobody else was credited by Ben's click
    for other in (ann, cat):
        assert not [s for s in other.get("/api/export").json()["sessions"] if s["date"] == day]
    future = ben.post(
        f"/api/groups/{group}/attended", json={"date": (TODAY + timedelta(days=7)).isoformat()}
    )
    assert future.status_code == 422
    assert cat.get(f"/api/groups/{group}").json()["walks"]
    # the leader removes Cat: she no longer sees the group
    cat_id = next(
        m["id"] for m in ann.get(f"/api/groups/{group}").json()["members"] if m["name"] == "cat@e"
    )
    assert ann.delete(f"/api/groups/{group}/members/{cat_id}").status_code == 204
    assert cat.get(f"/api/groups/{group}").status_code == 404
    assert ben.delete(f"/api/groups/{group}/members/{cat_id}").status_code in (404, 422)


def test_group_schedules_are_checked(trio: Any) -> None:
    ann = trio["ann"]
    base = {"name": "G", "start": "2026-11-04T10:00:00+00:00", "tz": "Europe/London", "minutes": 30}
    for schedule, word in (("FREQ=MINUTELY", "at most daily"), ("hello", "not a repeat rule")):
        response = ann.post("/api/groups", json={**base, "schedule": schedule})
        assert response.status_code == 422 and word in response.json()["message"], response.text
    zone = ann.post("/api/groups", json={**base, "schedule": "FREQ=WEEKLY", "tz": "Mars/Base"})
    assert zone.status_code == 422 and zone.json()["field"] == "tz"


def test_walk_invite_and_classes_over_the_api(trio: Any) -> None:
    ann = trio["ann"]
    got = ann.get(f"/api/walk-invite.ics?date={TODAY.isoformat()}&time=09:30&place=Park&with=Ben")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/calendar")
    assert "SUMMARY:Walk with Ben" in got.text
    local = ann.post("/api/classes/calendars", json={"source": "/etc/passwd"})
    assert local.status_code == 422 and local.json()["field"] == "source"
    private = ann.post("/api/classes/calendars", json={"source": "http://127.0.0.1:9/x.ics"})
    assert private.status_code >= 400 and "private network" in private.json()["message"]
    assert ann.get("/api/classes/calendars").json() == {"calendars": []}
    assert ann.get("/api/classes").json() == {"sessions": []}
