"""The web keeps the pain episode's onset: a month later the answers say it is 4 weeks older."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.integration.web.conftest import TODAY, form_tokens, onboard

MakeApp = Callable[..., FastAPI]


def test_thirteen_weeks_a_month_later_read_seventeen(make_app: MakeApp) -> None:
    with TestClient(make_app(today=TODAY)) as client:
        onboard(client, pain_weeks=13, conditions=[])
        first = client.get("/api/profile").json()
        assert first["pain_weeks"] == 13
        assert first["pain_onset"] == (TODAY - timedelta(weeks=13)).isoformat()
    later = TODAY + timedelta(days=28)
    with TestClient(make_app(today=later)) as client:
        profile = client.get("/api/profile").json()
        assert profile["pain_weeks"] == 17 and profile["pain_onset"] == first["pain_onset"]
        form = client.get("/profile").text
        assert re.search(r'name="pain_weeks"[^>]*value="17"', form), "the form shows 17 weeks"
        plan = client.get(f"/api/plan?date={later.isoformat()}").json()
        assert any("lasted 17 weeks" in note for note in plan["notes"]), plan["notes"]
        # the profile form sent again with the weeks it shows does not move the onset
        answers = {
            "age": "50", "pain_now": "3", "pain_weeks": "17", "clearance": "cleared",
            "walk_minutes": "5", "days": ["mon", "wed"], "minutes_per_day": "40",
        }  # fmt: skip
        saved = client.post(
            "/profile", data={**answers, **form_tokens(form)}, follow_redirects=False
        )
        assert saved.status_code == 303, saved.text[:500]
        history = client.get("/api/profile/history").json()
        assert len(history) == 2
        assert history[-1]["profile"]["pain_onset"] == first["pain_onset"]
        # changed weeks: counted back from today
        body = {"age": 50, "conditions": [], "clearance": "cleared", "days": ["mon", "wed"]}
        changed = client.post(
            "/api/profile", json={**body, "pain_weeks": 2, "pain_onset": profile["pain_onset"]}
        )  # the stored onset sent back with new weeks: the new weeks count
        assert changed.status_code == 201, changed.text
        assert changed.json()["profile"]["pain_onset"] == (later - timedelta(weeks=2)).isoformat()
        # an onset in the future is refused, naming the field
        future = client.post(
            "/api/profile", json={**body, "pain_onset": (later + timedelta(days=1)).isoformat()}
        )
        assert future.status_code == 422 and future.json()["field"] == "pain_onset"
