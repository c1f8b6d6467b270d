"""Clinicians on a server: linking by code, who sees whom, revoking, and the audit log.

Two clinicians and three people; each person links at most one clinician. Every clinician page
is tried for every person: linked people are readable, unlinked ones and ids that do not exist
get the same answer, and nothing of an unlinked person (name, notes, pain) ever shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.integration.web.conftest import form_tokens, onboard, session_for, sign_up
from upright.services import clinician as clinician_service
from upright.services.access import Actor, Role

NOTE = "private-note-of-ann-41c2"


def _grant(app: FastAPI, email: str) -> None:
    services = app.state.ctx.services
    clinician_service.set_role(services.uow(), Actor(0, Role.ADMIN), email, Role.CLINICIAN)


def _code(person: TestClient) -> str:
    tokens = form_tokens(person.get("/doctor").text)
    page = person.post("/doctor/code", data={"csrf_token": tokens["csrf_token"]}).text
    found = re.search(r'class="code">([A-Z0-9-]+)<', page)
    assert found, page[:2000]
    return found.group(1)


def _link(clinician: TestClient, code: str) -> Any:
    tokens = form_tokens(clinician.get("/clinic").text)
    return clinician.post("/clinic/link", data={"code": code, **tokens}, follow_redirects=False)


def _id_of(clinician: TestClient, name: str) -> int:
    page = clinician.get("/clinic").text
    block = page[page.index(f"<h2>{name}</h2>") :]
    return int(re.search(r"/clinic/people/(\d+)/report", block).group(1))  # type: ignore[union-attr]


@pytest.fixture
def world(server: FastAPI) -> Iterator[dict[str, Any]]:
    clients: dict[str, TestClient] = {}
    for who in ("ann", "ben", "cat", "drx", "dry"):
        c = TestClient(server)
        sign_up(c, f"{who}@example.org")
        clients[who] = c
    for who in ("ann", "ben", "cat"):
        onboard(clients[who], clearance="not_yet")
    ann = clients["ann"]
    assert ann.post("/api/sessions", json=session_for(ann, note=NOTE)).status_code == 201
    _grant(server, "drx@example.org")
    _grant(server, "dry@example.org")
    assert _link(clients["drx"], _code(ann)).status_code == 303
    assert _link(clients["dry"], _code(clients["ben"])).status_code == 303
    yield {**clients, "app": server}
    for c in clients.values():
        c.close()


def test_each_clinician_sees_only_linked_people(world: dict[str, Any]) -> None:
    drx, dry = world["drx"], world["dry"]
    listed_x, listed_y = drx.get("/clinic").text, dry.get("/clinic").text
    assert "<h2>ann@e</h2>" in listed_x and "ben@e" not in listed_x and "cat@e" not in listed_x
    assert "<h2>ben@e</h2>" in listed_y and "ann@e" not in listed_y
    ann_id, ben_id = _id_of(drx, "ann@e"), _id_of(dry, "ben@e")
    report = drx.get(f"/clinic/people/{ann_id}/report")
    assert report.status_code == 200 and "Progress report" in report.text
    assert NOTE not in report.text  # the person's notes stay theirs
    unlinked = drx.get(f"/clinic/people/{ben_id}/report")
    missing = drx.get("/clinic/people/99999/report")
    assert unlinked.status_code == missing.status_code == 404
    assert "ben@e" not in unlinked.text
    assert re.sub(r"\d+", "", unlinked.text) == re.sub(r"\d+", "", missing.text)  # same words
    for path in ("report.pdf", "clearance"):
        assert drx.get(f"/clinic/people/{ben_id}/{path}").status_code == 404
    tokens = form_tokens(drx.get(f"/clinic/people/{ann_id}/clearance").text)
    refused = drx.post(f"/clinic/people/{ben_id}/clearance",
                       data={"clearance": "cleared", **tokens}, follow_redirects=False)  # fmt: skip
    assert refused.status_code == 404
    assert "Answers entered so far" not in world["ben"].get("/doctor").text


def test_a_person_is_not_a_clinician_and_a_code_works_once(world: dict[str, Any]) -> None:
    cat, dry = world["cat"], world["dry"]
    code = _code(world["ben"])
    assert _link(cat, code).status_code == 403  # cat has no clinician account
    assert cat.get("/clinic").status_code == 403
    assert _link(dry, code).status_code == 303
    again = _link(dry, code)
    assert again.status_code == 422 and "not valid, was used already or has expired" in again.text
    assert _link(dry, "ZZZZZ-ZZZZZ").status_code == 422


def test_clinician_clearance_changes_the_plan_and_is_in_the_audit_log(
    world: dict[str, Any],
) -> None:
    ann, drx = world["ann"], world["drx"]
    before = {i["id"] for d in ann.get("/api/plan").json()["days"] for i in d["items"]}
    assert before <= {"walking"}
    ann_id = _id_of(drx, "ann@e")
    tokens = form_tokens(drx.get(f"/clinic/people/{ann_id}/clearance").text)
    saved = drx.post(
        f"/clinic/people/{ann_id}/clearance",
        data={"clearance": "cleared_with_restrictions", "restrictions": ["no_supine"],
              "max_walk_minutes": "15", **tokens},
        follow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 303
    plan = ann.get("/api/plan").json()
    items = [i for d in plan["days"] for i in d["items"]]
    assert {i["id"] for i in items} - {"walking"}
    assert all("supine" not in i["movements"] for i in items)
    doctor = ann.get("/doctor").text
    assert "drx@e (clinician)" in doctor
    assert "read your progress report" in doctor or "saw you in their list" in doctor
    assert (
        "recorded clearance: cleared with restrictions, no supine, walks up to 15 minutes" in doctor
    )


def test_after_revoking_the_clinician_sees_nothing(world: dict[str, Any]) -> None:
    ann, drx = world["ann"], world["drx"]
    ann_id = _id_of(drx, "ann@e")
    clinician_id = int(
        re.search(r'name="clinician_id" value="(\d+)"', ann.get("/doctor").text).group(1)
    )  # type: ignore[union-attr]
    tokens = form_tokens(ann.get("/doctor").text)
    done = ann.post("/doctor/revoke", data={"clinician_id": str(clinician_id),
                                            "csrf_token": tokens["csrf_token"]}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    assert "ann@e" not in drx.get("/clinic").text
    for path in ("report", "report.pdf", "clearance"):
        assert drx.get(f"/clinic/people/{ann_id}/{path}").status_code == 404
    assert "ended the link of drx@e" in ann.get("/doctor").text


def test_a_revoked_role_opens_nothing(world: dict[str, Any]) -> None:
    drx = world["drx"]
    ann_id = _id_of(drx, "ann@e")
    services = world["app"].state.ctx.services
    clinician_service.set_role(services.uow(), Actor(0, Role.ADMIN), "drx@example.org", Role.PERSON)
    assert drx.get(f"/clinic/people/{ann_id}/report").status_code in (403, 404)
    assert drx.get("/clinic").status_code == 403


def test_the_list_puts_a_red_flag_first_with_its_reason(world: dict[str, Any]) -> None:
    cat, drx = world["cat"], world["drx"]
    onboard(cat, red_flags=["night_pain"])
    assert _link(drx, _code(cat)).status_code == 303
    page = drx.get("/clinic").text
    assert page.index("<h2>cat@e</h2>") < page.index("<h2>ann@e</h2>")
    assert "Warning sign answered yes (soon)" in page
    assert "saw you in their list of linked people" in cat.get("/doctor").text
