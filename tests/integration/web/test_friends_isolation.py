"""Buddies and groups on one server: every route, tried by everyone who might want a look.

Alice has a condition, pain, a red-flag-free profile and a private note. Around her: a stranger,
a declined invitee, a removed buddy, one buddy for each sharing choice, a fellow group member
and the group's leader. Each tries every route and API endpoint; nobody sees more than Alice
chose, and pain, conditions, red flags and notes never leak.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tests.integration.web.conftest import TODAY, onboard, session_for, sign_up
from upright.web.routes import routers

NOTE = "alice-private-note-5e1b"
ALICE = "alice@example.org"
#: what must never reach anyone but Alice
SECRETS = (NOTE, ALICE, '"age":61', '"age": 61', '"pain_now":6', '"pain_now": 6', 'value="61"')
#: on routes about Alice, not even these words may appear (her answers and logs have them)
PRIVATE_WORDS = ("pain", "condition", "red_flag", "note", "isthmic", "spondylolisthesis", '"age"')
SCOPES = ("session_done", "weekly_minutes", "streak", "planned_walks")


def invite_code(client: TestClient) -> str:
    response = client.post("/api/buddies/invites", json={})
    assert response.status_code == 201, response.text
    return str(response.json()["code"])


def listed_id(client: TestClient, name: str) -> int:
    """The id of a buddy of ``client`` by their display name (the first five letters of the email)."""
    label = f"{name}@example.org"[:5]
    found = [b["id"] for b in client.get("/api/buddies").json()["buddies"] if b["name"] == label]
    assert len(found) == 1, (name, found)
    return int(found[0])


@pytest.fixture
def world(server: FastAPI) -> Any:
    people: dict[str, TestClient] = {}

    def person(name: str) -> TestClient:
        # each person signs up from their own address (sign-ups are limited per address)
        client = TestClient(server, client=(f"10.0.0.{len(people) + 2}", 50000))
        sign_up(client, f"{name}@example.org" if name != "alice" else ALICE)
        onboard(client, age=40)
        people[name] = client
        return client

    alice = TestClient(server)
    sign_up(alice, ALICE)
    onboard(alice, conditions=["isthmic_spondylolisthesis"], age=61, pain_now=6)
    assert alice.post("/api/sessions", json=session_for(alice, note=NOTE)).status_code == 201
    people["alice"] = alice
    ids: dict[str, int] = {}
    for name in ("stranger", "declined", "removed", "none", *SCOPES, "member", "leader"):
        person(name)
    # the declined invitee
    code = invite_code(alice)
    assert (
        people["declined"].post(f"/api/buddies/invites/{code}/decline", json={}).status_code == 204
    )
    # buddies, one per sharing choice, and one who was removed after seeing everything
    for name in ("removed", "none", *SCOPES):
        code = invite_code(alice)
        accepted = people[name].post(f"/api/buddies/invites/{code}/accept", json={})
        assert accepted.status_code == 201, accepted.text
        ids["alice"] = accepted.json()["buddy"]["id"]
        buddy_id = ids[name] = listed_id(alice, name)
        share = list(SCOPES) if name == "removed" else [name] if name in SCOPES else []
        assert (
            alice.put(f"/api/buddies/{buddy_id}/sharing", json={"share": share}).status_code == 200
        )
    removed = ids["removed"]
    assert people["removed"].get(f"/api/buddies/{ids['alice']}").json()["shared"].keys() == set(
        SCOPES
    )
    assert alice.delete(f"/api/buddies/{removed}").status_code == 204
    # a group: the leader leads, Alice joins sharing her streak, another member joins sharing nothing
    leader = people["leader"]
    made = leader.post(
        "/api/groups",
        json={"name": "Park walkers", "start": "2026-11-21T10:00:00+00:00", "tz": "Europe/London",
              "schedule": "FREQ=WEEKLY;BYDAY=SA,WE", "minutes": 30, "place": "Riverside gate"},
    )  # fmt: skip
    assert made.status_code == 201, made.text
    group_id = made.json()["id"]
    for name, share in (("alice", ["streak"]), ("member", [])):
        code = leader.post(f"/api/groups/{group_id}/invites", json={}).json()["code"]
        joined = people[name].post("/api/groups/join", json={"code": code, "share": share})
        assert joined.status_code == 201, joined.text
    members = leader.get(f"/api/groups/{group_id}").json()["members"]
    ids["member"] = next(m["id"] for m in members if m["name"] == "membe")
    yield people, ids, group_id
    for client in people.values():
        client.close()


def _routes() -> list[tuple[str, str]]:
    out = []
    for router in routers():
        for route in router.routes:
            if isinstance(route, APIRoute):
                out.extend((method, route.path) for method in route.methods)
    return sorted(out)


def _fill(path: str, alice_id: int, group_id: int) -> str:
    return (
        path.replace("{buddy_id}", str(alice_id)).replace("{person_id}", str(alice_id))
        .replace("{group_id}", str(group_id)).replace("{exercise_id}", "walking")
        .replace("{code}", "ABCDE-23456").replace("{name}", "Park")
    )  # fmt: skip


OUTSIDERS = ("stranger", "declined", "removed", "member")


def test_every_get_route_leaks_nothing_of_alice(world: Any) -> None:
    people, ids, group_id = world
    alice_id = ids["alice"]
    reads = [p for m, p in _routes() if m == "GET"]
    assert any("{buddy_id}" in p for p in reads) and any("{group_id}" in p for p in reads)
    for name, client in people.items():
        if name == "alice":
            continue
        for path in reads:
            response = client.get(_fill(path, alice_id, group_id), follow_redirects=False)
            assert response.status_code < 500, (name, path, response.text)
            for secret in SECRETS:
                if secret.startswith('"') and path in (
                    "/api/profile",
                    "/api/export",
                    "/api/sessions",
                    "/api/today",
                    "/api/week",
                    "/api/plan",
                ):
                    continue  # their own answers carry these keys; Alice's values are checked below
                assert secret not in response.text, f"{name} sees {secret!r} on {path}"


def test_each_buddy_sees_exactly_what_alice_chose(world: Any) -> None:
    people, ids, _ = world
    alice_id = ids["alice"]
    for name in OUTSIDERS + ("leader",):
        response = people[name].get(f"/api/buddies/{alice_id}")
        assert response.status_code == 404, (name, response.text)
    assert people["none"].get(f"/api/buddies/{alice_id}").json()["shared"] == {}
    expected = {
        "session_done": "session_done",
        "weekly_minutes": "weekly_minutes",
        "streak": "streak",
        "planned_walks": "planned_walks",
    }
    for scope, key in expected.items():
        shared = people[scope].get(f"/api/buddies/{alice_id}").json()["shared"]
        assert set(shared) == {key}, (scope, shared)
    done = people["session_done"].get(f"/api/buddies/{alice_id}").json()["shared"]["session_done"]
    assert done == {"today": True, "days_this_week": [TODAY.isoformat()]}
    walks = (
        people["planned_walks"].get(f"/api/buddies/{alice_id}").json()["shared"]["planned_walks"]
    )
    assert walks and set(walks[0]) == {"date", "minutes", "times"}


def test_the_leader_sees_only_what_each_member_shares(world: Any) -> None:
    people, ids, group_id = world
    alice_id = ids["alice"]
    leader = people["leader"]
    shared = leader.get(f"/api/groups/{group_id}/members/{alice_id}").json()["shared"]
    assert set(shared) == {"streak"}
    member_id = ids["member"]
    assert leader.get(f"/api/groups/{group_id}/members/{member_id}").json()["shared"] == {}
    # a member is not a leader: Alice's items stay closed to them
    assert people["member"].get(f"/api/groups/{group_id}/members/{alice_id}").status_code == 404
    view = people["member"].get(f"/api/groups/{group_id}").json()
    assert view["name"] == "Park walkers" and not view["i_lead"]
    for word in PRIVATE_WORDS:
        assert word not in str(view).lower()
    # outsiders do not even learn the group exists
    for name in ("stranger", "declined", "removed", "none"):
        assert people[name].get(f"/api/groups/{group_id}").status_code == 404


def test_nobody_acts_on_alice_without_a_link(world: Any) -> None:
    people, ids, group_id = world
    alice_id = ids["alice"]
    for name in ("stranger", "declined", "removed"):
        client = people[name]
        assert (
            client.post(f"/api/buddies/{alice_id}/encourage", json={"message": "proud"}).status_code
            == 404
        )
        assert (
            client.put(f"/api/buddies/{alice_id}/sharing", json={"share": ["streak"]}).status_code
            == 404
        )
        assert client.post(f"/api/buddies/{alice_id}/goal", json={"walks": 3}).status_code == 404
        assert client.post(f"/api/buddies/{alice_id}/block", json={}).status_code == 404
        assert (
            client.post(
                f"/api/groups/{group_id}/attended", json={"date": TODAY.isoformat()}
            ).status_code
            == 404
        )
    # free text only between accepted buddies; the fixed set from the group's leader is fine
    leader = people["leader"]
    assert (
        leader.post(f"/api/buddies/{alice_id}/encourage", json={"text": "hi there"}).status_code
        == 403
    )
    assert (
        leader.post(f"/api/buddies/{alice_id}/encourage", json={"message": "proud"}).status_code
        == 201
    )
    assert (
        people["member"]
        .post(f"/api/buddies/{alice_id}/encourage", json={"message": "proud"})
        .status_code
        == 404
    )
    inbox = people["alice"].get("/api/encouragement").json()["received"]
    assert [m["text"] for m in inbox] == ["Proud of you for showing up."]


def test_removal_and_block_take_effect_at_once(world: Any) -> None:
    people, ids, _ = world
    alice_id = ids["alice"]
    streak_buddy = people["streak"]
    buddy_id = ids["streak"]
    assert streak_buddy.get(f"/api/buddies/{alice_id}").status_code == 200
    assert people["alice"].post(f"/api/buddies/{buddy_id}/block", json={}).status_code == 204
    assert streak_buddy.get(f"/api/buddies/{alice_id}").status_code == 404
    assert streak_buddy.get("/api/buddies").json()["buddies"] == []
    # a new invitation from the blocked person is refused with the usual words
    code = invite_code(streak_buddy)
    refused = people["alice"].post(f"/api/buddies/invites/{code}/accept", json={})
    assert refused.status_code == 422 and "does not work" in refused.json()["message"]
