"""The safety net in the web app: the leg question, the safety check, and flare mode that the
page shows the same day (what the page says is what the plan does)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.integration.web.conftest import TODAY, form_tokens, onboard, session_for

YESTERDAY = TODAY - timedelta(days=1)


def post_form(client: TestClient, page: str, action: str, data: dict[str, object]) -> object:
    tokens = form_tokens(client.get(page).text)
    return client.post(action, data={**tokens, **data}, follow_redirects=False)


def test_a_morning_answer_of_8_changes_the_day_on_the_page(
    make_app: Callable[..., FastAPI],
) -> None:
    with TestClient(make_app(today=YESTERDAY)) as before:
        onboard(before)
        body = session_for(before, date=YESTERDAY.isoformat(), pain_before=2, pain_during=2)
        assert before.post("/api/sessions", json=body).status_code == 201
    with TestClient(make_app()) as client:
        normal = client.get("/api/today").json()
        assert normal["mode"] == "normal"
        response = post_form(
            client, "/today", "/morning", {"date": YESTERDAY.isoformat(), "pain": "8"}
        )
        assert response.status_code == 303  # type: ignore[attr-defined]
        where = response.headers["location"]  # type: ignore[attr-defined]
        assert where.startswith("/check?") and "after=morning" in where
        check = client.get(where).text
        assert "gentler day" in check and 'name="red_flags"' in check
        answered = post_form(client, where, "/check", {"date": TODAY.isoformat()})
        html = client.get(answered.headers["location"]).text  # type: ignore[attr-defined]
        assert "Flare mode: a gentler day." in html and "nothing there that stops" in html
        flare = client.get("/api/today").json()
        assert flare["mode"] == "flare"
        assert {i["category"] for i in flare["items"]} <= {"aerobic", "mobility"}
        walks = [i for i in flare["items"] if i["category"] == "aerobic"]
        assert walks and walks[0]["dose"]["minutes"] <= 10
        assert len(flare["items"]) < len(normal["items"])


def test_the_log_form_asks_the_legs_and_a_yes_in_the_check_stops_the_plan(
    client: TestClient,
) -> None:
    onboard(client)
    page = client.get("/today").text
    assert 'name="leg_symptoms"' in page and "Spreading further down the leg" in page
    items = {f"status.{i['id']}": "done" for i in session_for(client)["items"]}
    data = {
        "date": TODAY.isoformat(),
        "item": [i["id"] for i in session_for(client)["items"]],
        **items,
        "pain_before": "2",
        "pain_during": "2",
        "leg_symptoms": "new_numbness_or_weakness",
    }
    response = post_form(client, "/today", "/today", data)
    where = response.headers["location"]  # type: ignore[attr-defined]
    assert where == f"/check?date={TODAY.isoformat()}"
    assert "new numbness or weakness" in client.get(where).text
    stopped = post_form(
        client, where, "/check", {"date": TODAY.isoformat(), "red_flags": ["saddle_numbness"]}
    )
    html = client.get(stopped.headers["location"]).text  # type: ignore[attr-defined]
    assert "Emergency: get help now" in html and 'id="log-form"' not in html
    assert "first week" not in html.lower()
    assert client.get("/api/plan").json()["stop"]["level"] == "emergency"


def test_an_unknown_leg_answer_is_refused_and_nothing_is_stored(client: TestClient) -> None:
    onboard(client)
    body = session_for(client, leg_symptoms="tingly")
    response = client.post("/api/sessions", json=body)
    assert response.status_code == 422
    assert "leg_symptoms" in response.text
    assert client.get("/data/export.json").json()["sessions"] == []


def test_onboarding_stops_at_an_urgent_answer_and_no_page_shows_a_plan(
    client: TestClient,
) -> None:
    page = client.get("/start").text
    assert page.index("Signs that need help straight away") < page.index('name="age"')
    assert "Save this answer and stop here" in page
    response = post_form(
        client, "/start", "/start", {"red_flags": ["pain_both_legs"], "stop_now": "1"}
    )
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Emergency: get help now" in response.text  # type: ignore[attr-defined]
    progress = client.get("/progress").text
    assert "first week starts now" not in progress.lower()
    assert "paused because of a warning sign" in progress
    assert "Brisk walking" not in client.get("/week").text
