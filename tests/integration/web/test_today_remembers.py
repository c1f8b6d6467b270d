"""Today remembers: a logged day shows as done, changes only through an explicit edit, and
an empty save is refused. Driven as a browser without JavaScript would, and through the API."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.integration.web.conftest import TODAY, form_tokens, onboard, session_for


def _form(client: TestClient, url: str = "/today") -> tuple[dict[str, object], list[str]]:
    page = client.get(url).text
    ids = re.findall(r'name="item" value="([a-z0-9_]+)"', page)
    data: dict[str, object] = {**form_tokens(page), "date": TODAY.isoformat(), "item": ids}
    return data, ids


def test_a_logged_day_shows_what_was_logged_and_an_edit_link(client: TestClient) -> None:
    onboard(client)
    data, ids = _form(client)
    data.update({f"status.{i}": "done" for i in ids}, pain_before="3", note="felt fine")
    data[f"status.{ids[-1]}"] = "skipped"
    assert client.post("/today", data=data, follow_redirects=False).status_code == 303
    html = client.get("/today").text
    assert "Today is logged" in html and 'id="log-form"' not in html
    assert "Your note: felt fine" in html and "Pain before: 3 of 10" in html
    assert "Skipped" in html and "Done" in html
    assert f'href="/today?date={TODAY.isoformat()}&amp;edit=1"' in html
    # the edit form starts from what was logged and says it replaces it
    edit = client.get("/today?edit=1").text
    assert 'id="log-form"' in edit and 'name="replace" value="1"' in edit
    assert f'name="status.{ids[0]}" value="done" checked' in edit
    assert f'name="status.{ids[-1]}" value="skipped" checked' in edit
    assert "felt fine</textarea>" in edit and "Save changes" in edit


def test_a_day_not_logged_shows_the_form_not_done(client: TestClient) -> None:
    onboard(client)
    html = client.get("/today").text
    assert 'id="log-form"' in html and "is logged" not in html
    assert 'name="replace"' not in html


def test_saving_with_nothing_tapped_is_refused_and_stores_nothing(client: TestClient) -> None:
    onboard(client)
    data, ids = _form(client)
    response = client.post("/today", data=data, follow_redirects=False)
    assert response.status_code == 422
    assert "nothing was marked yet" in response.text and 'id="log-form"' in response.text
    assert client.get("/api/export").json()["sessions"] == []
    # one tap is enough: the rest count as skipped, as the page says
    data[f"status.{ids[0]}"] = "partly"
    assert client.post("/today", data=data, follow_redirects=False).status_code == 303


def test_the_api_refuses_a_second_save_unless_it_replaces(client: TestClient) -> None:
    onboard(client)
    first = client.post("/api/sessions", json=session_for(client, note="first"))
    assert first.status_code == 201
    again = client.post("/api/sessions", json=session_for(client, note="second"))
    assert again.status_code == 409
    body = again.json()
    assert body["error"] == "already_logged" and body["field"] == "date"
    assert "already logged" in body["message"]
    assert [s["note"] for s in client.get("/api/export").json()["sessions"]] == ["first"]
    replaced = client.post("/api/sessions", json=session_for(client, note="second", replace=True))
    assert replaced.status_code == 201 and replaced.json()["session"]["note"] == "second"
    assert "replace" not in replaced.json()["session"]
    assert [s["note"] for s in client.get("/api/export").json()["sessions"]] == ["second"]


def test_the_week_marks_done_partly_skipped_and_untouched_days(client: TestClient) -> None:
    onboard(client)
    week = client.get("/week").text
    assert 'class="mark' not in week  # nothing logged yet: no marks
    client.post("/api/sessions", json=session_for(client))
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    items = [{"id": "walking", "status": "skipped"}]
    logged = client.post("/api/sessions", json={"date": yesterday, "items": items})
    html = client.get("/week").text
    assert 'class="mark mark-done"' in html and "Done" in html
    if logged.status_code == 201:  # walking was planned yesterday too
        assert 'class="mark mark-skipped"' in html


def test_a_first_day_has_a_starter_and_the_days_before_are_not_missed(
    client: TestClient,
) -> None:
    onboard(client)  # TODAY is a Wednesday: Monday and Tuesday came before the start
    week = client.get("/week").text
    assert week.count("Before you started: nothing to catch up on.") == 2
    today = client.get("/today").text
    # Wednesday is one of the plan's days: the note says it is the plan's first session, never
    # "a short walk and the stretch" above a full session
    assert "Your first day: this is the first session of your plan" in today
    assert "Your first day: a short walk and the stretch" not in today
    assert re.search(r'name="item" value="walking"', today)


def test_unticking_every_free_day_is_refused_with_a_message(client: TestClient) -> None:
    from tests.integration.web.test_pages import ONBOARDING

    data = {**form_tokens(client.get("/start").text), **ONBOARDING, "days": []}
    response = client.post("/start", data=data, follow_redirects=False)
    assert response.status_code == 422
    assert "tick at least one day you are free to exercise" in response.text
    assert 'id="err-days"' in response.text
    assert client.get("/api/profile").status_code == 404  # nothing stored


def test_a_day_before_the_start_says_nothing_to_catch_up_and_has_no_form(
    client: TestClient,
) -> None:
    onboard(client)  # TODAY is a Wednesday: Monday came before the start
    monday = TODAY - timedelta(days=2)
    html = client.get(f"/today?date={monday.isoformat()}").text
    assert "Before you started: nothing to catch up on." in html
    assert 'id="log-form"' not in html and "Mark each item, then save" not in html
    assert "Not logged yet" not in html


def test_a_day_before_the_start_that_was_logged_shows_it_and_can_be_edited(
    client: TestClient,
) -> None:
    onboard(client)  # the phone's outbox or an import may still hold a day before the start
    monday = TODAY - timedelta(days=2)
    body = {"date": monday.isoformat(), "items": [{"id": "walking", "status": "partly"}]}
    assert client.post("/api/sessions", json=body).status_code in (200, 201)
    html = client.get(f"/today?date={monday.isoformat()}").text
    assert "This day is logged" in html and "nothing to catch up on" not in html
    edit = client.get(f"/today?date={monday.isoformat()}&edit=1").text
    assert 'id="log-form"' in edit and "nothing to catch up on" not in edit


def test_the_week_page_links_the_weeks_before_and_after_and_names_its_monday(
    client: TestClient,
) -> None:
    onboard(client)  # TODAY is Wednesday 25 November 2026: its week starts Monday 23 November
    html = client.get("/week").text
    assert "Week of Monday 23 November" in html and "2026-11-23</h1>" not in html
    assert 'href="/week?date=2026-11-30"' in html and "Next week" in html
    assert 'href="/week?date=2026-11-16"' in html and "Previous week" in html
    following = client.get("/week?date=2026-11-30").text
    assert "Week of Monday 30 November" in following
    assert 'href="/week?date=2026-11-23"' in following
    sunday = client.get("/today?date=2026-12-06").text
    assert "Sunday 6 December" in sunday and " 06 " not in sunday
