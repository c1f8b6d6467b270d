"""The HTML pages, driven as a browser without JavaScript would: forms, redirects, messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.integration.web.conftest import TODAY, form_tokens, onboard, session_for
from upright.domain import vocab

ONBOARDING = {
    "age": "54",
    "conditions": ["isthmic_spondylolisthesis"],
    "pain_now": "4",
    "pain_weeks": "20",
    "clearance": "cleared",
    "walk_minutes": "10",
    "equipment": ["mat", "strap"],
    "prefers": "walking",
    "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    "minutes_per_day": "40",
}


def post_form(client: TestClient, page: str, action: str, data: dict[str, object]) -> object:
    tokens = form_tokens(client.get(page).text)
    return client.post(action, data={**tokens, **data}, follow_redirects=False)


def test_a_new_person_is_sent_to_the_questions(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/start"
    assert client.get("/today", follow_redirects=False).headers["location"] == "/start"


def test_the_questions_name_every_piece_of_equipment_in_words(client: TestClient) -> None:
    page = client.get("/start").text
    assert "A resistance band" in page and "A strap or towel" in page
    assert ">Band<" not in page and " Band<" not in page


def test_onboarding_asks_the_red_flag_questions_first(client: TestClient) -> None:
    html = client.get("/start").text
    first_flag = html.index('name="red_flags"')
    assert first_flag < html.index('name="age"') < html.index('name="clearance"')
    assert html.count('name="red_flags"') == len(vocab.RED_FLAGS)
    # the urgent messages are on the page, hidden until a box is ticked (app.js shows them)
    assert 'data-urgent="emergency"' in html and "emergency department" in html


def test_onboarding_then_today_shows_the_plan_with_dose_timer_and_why(client: TestClient) -> None:
    response = post_form(client, "/start", "/start", ONBOARDING)
    assert response.status_code == 303 and response.headers["location"] == "/today"
    html = client.get("/today").text
    assert "Wednesday 25 November" in html
    assert "Walking" in html and 'class="dose"' in html
    assert 'class="timer"' in html and "data-seconds=" in html
    assert "Why this, and why this dose?" in html
    for word in ("Done", "Partly", "Skipped", "Pain before you start", "Pain now, after"):
        assert word in html


def test_a_ticked_red_flag_shows_the_urgent_page_and_no_plan(client: TestClient) -> None:
    data = {**ONBOARDING, "red_flags": ["saddle_numbness"]}
    response = post_form(client, "/start", "/start", data)
    assert response.status_code == 200
    assert "Emergency: get help now" in response.text
    assert "emergency department" in response.text
    assert 'id="log-form"' not in response.text
    today = client.get("/today")
    assert "Emergency: get help now" in today.text and 'class="dose"' not in today.text
    assert client.get("/api/plan").json()["stop"]["level"] == "emergency"


def test_a_wrong_answer_is_shown_next_to_its_field_not_a_500(client: TestClient) -> None:
    response = post_form(client, "/start", "/start", {**ONBOARDING, "age": "7"})
    assert response.status_code == 422
    assert 'id="err-age"' in response.text and "out of range" in response.text
    assert 'aria-invalid="true"' in response.text
    # what the person typed is kept
    assert 'value="isthmic_spondylolisthesis" checked' in response.text


def test_week_library_and_exercise_pages_explain_why(client: TestClient) -> None:
    post_form(client, "/start", "/start", ONBOARDING)
    week = client.get("/week").text
    assert week.count('class="card day') == 7 and "today" in week
    library = client.get("/exercises").text
    # spondylolisthesis rules out bending backwards: the library says so, in plain words
    assert "Not for you, because" in library
    assert "slipped vertebra" in library and "reference.md" not in library
    excluded = client.get("/api/exercises").json()
    blocked = next(e for e in excluded if e["for_you"] is False)
    detail = client.get(f"/exercises/{blocked['id']}").text
    reason = blocked["reasons"][0]
    assert f"Not for you, because {reason[:1].lower()}{reason[1:40]}" in detail
    assert f"because {reason[:1].upper()}" not in library + detail  # lower case mid-sentence
    assert client.get("/exercises/no_such_thing").status_code == 404


def test_logging_today_through_the_form_and_a_double_submit_stores_once(
    client: TestClient,
) -> None:
    onboard(client)
    page = client.get("/today").text
    tokens = form_tokens(page)
    ids = re.findall(r'name="item" value="([a-z0-9_]+)"', page)
    data: dict[str, object] = {
        **tokens, "date": TODAY.isoformat(), "item": ids, "pain_before": "3",
        "pain_during": "4", "pain_after": "2", "effort": "5", "note": "first try",
    }  # fmt: skip
    data.update({f"status.{i}": "done" for i in ids})
    first = client.post("/today", data=data, follow_redirects=False)
    assert first.status_code == 303, first.text
    assert first.headers["location"] == f"/today?date={TODAY.isoformat()}&saved=1"
    second = client.post("/today", data=data, follow_redirects=False)  # the same form again
    assert second.status_code == 303
    sessions = client.get("/api/export").json()["sessions"]
    assert len(sessions) == 1 and sessions[0]["note"] == "first try"
    assert "Session saved" in client.get(first.headers["location"]).text
    # a fresh form for the same day is refused unless it says it is an edit (never counts twice)
    again = {**data, **form_tokens(client.get("/today?edit=1").text), "note": "second"}
    refused = client.post("/today", data=again, follow_redirects=False)
    assert refused.status_code == 409 and "already logged" in refused.text
    assert [s["note"] for s in client.get("/api/export").json()["sessions"]] == ["first try"]
    edit = {**again, **form_tokens(client.get("/today?edit=1").text), "replace": "1"}
    assert client.post("/today", data=edit, follow_redirects=False).status_code == 303
    sessions = client.get("/api/export").json()["sessions"]
    assert [s["note"] for s in sessions] == ["second"]


def test_a_bad_pain_value_in_the_log_form_is_named(client: TestClient) -> None:
    onboard(client)
    page = client.get("/today").text
    data = {**form_tokens(page), "date": TODAY.isoformat(), "pain_before": "12"}
    response = client.post("/today", data=data, follow_redirects=False)
    assert response.status_code == 422
    assert 'id="err-pain_before"' in response.text


def test_profile_edit_keeps_history_and_clearance_updates_the_plan(client: TestClient) -> None:
    onboard(client, clearance="not_yet")
    assert "Waiting for your doctor" in client.get("/today").text
    response = post_form(
        client, "/profile", "/profile/clearance",
        {"clearance": "cleared_with_restrictions", "restrictions": ["no_flexion"],
         "max_walk_minutes": "20"},
    )  # fmt: skip
    assert response.status_code == 303
    history = client.get("/api/profile/history").json()
    assert [h["version"] for h in history] == [1, 2]
    assert history[-1]["profile"]["restrictions"] == ["no_flexion"]
    page = client.get("/profile").text
    assert "Earlier answers" in page and page.count('<th scope="row">') == 2


def test_morning_check_appears_the_day_after_a_session(make_app: object) -> None:
    from datetime import timedelta

    app_yesterday = make_app(today=TODAY - timedelta(days=1))  # type: ignore[operator]
    with TestClient(app_yesterday) as before:
        onboard(before)
        items = [
            {"id": i["id"], "status": "done"} for i in before.get("/api/today").json()["items"]
        ]
        body = {"date": (TODAY - timedelta(days=1)).isoformat(), "items": items}
        assert before.post("/api/sessions", json=body).status_code == 201
    with TestClient(make_app()) as after:  # type: ignore[operator]
        page = after.get("/today").text
        assert "How does your back feel this morning" in page
        tokens = form_tokens(page)
        day = re.search(r'name="date" value="(\d{4}-\d\d-\d\d)"', page)
        assert day is not None
        response = after.post(
            "/morning", data={**tokens, "date": day.group(1), "pain": "2"}, follow_redirects=False
        )
        assert response.status_code == 303
        assert after.get("/api/export").json()["sessions"][0]["pain_next_morning"] == 2


PAGES = ["/start", "/today", "/week", "/progress", "/exercises", "/exercises/walking", "/learn",
         "/profile", "/data", "/import", "/offline"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_small_safe_and_complete(client: TestClient, path: str) -> None:
    onboard(client)
    response = client.get(path)
    assert response.status_code == 200
    assert len(response.content) < 100_000, f"{path} is {len(response.content)} bytes"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    html = response.text
    assert '<html lang="en">' in html and 'name="viewport"' in html
    # nothing loaded from elsewhere: no CDN, works on a closed network
    assert not re.search(r'(src|href)="(https?:)?//', html), f"{path} loads something external"
    # every visible input has a label (by id) or is inside one
    for field_id in re.findall(r'<input[^>]+id="([^"]+)"', html):
        assert f'for="{field_id}"' in html, f"{path}: input {field_id} has no label"


def test_progress_page_draws_server_side_svg_charts(client: TestClient) -> None:
    onboard(client)
    assert "after your first logged session" in client.get("/progress").text
    assert client.post("/api/sessions", json=session_for(client)).status_code == 201
    html = client.get("/progress").text
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 4
    for title in ("Walking minutes per week", "Longest walk", "Pain before", "planned and done"):
        assert title in html
    assert 'role="img"' in html and "<desc" in html


def test_static_assets_and_the_offline_app_are_served(client: TestClient) -> None:
    for path in ("/static/app.css", "/static/app.js", "/static/icons/icon.svg", "/sw.js",
                 "/manifest.webmanifest"):  # fmt: skip
        assert client.get(path).status_code == 200, path
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["start_url"] == "/today" and manifest["display"] == "standalone"
    assert "caches" in client.get("/sw.js").text
    assert client.get("/nope").status_code == 404 and "Page not found" in client.get("/nope").text


def test_export_and_delete_everything_in_local_mode(client: TestClient) -> None:
    onboard(client)
    export = client.get("/data/export.json")
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    assert export.json()["profiles"]
    assert client.get("/data/export.csv").text.startswith("date,")
    refused = post_form(client, "/data", "/data/delete", {"confirm": "yes"})
    assert refused.status_code == 422  # type: ignore[attr-defined]
    done = post_form(client, "/data", "/data/delete", {"confirm": "delete"})
    assert done.headers["location"] == "/start"  # type: ignore[attr-defined]
    assert client.get("/api/profile").status_code == 404
    assert client.get("/api/export").json()["profiles"] == []


def test_delete_everything_in_local_mode_removes_the_saved_today_of_the_command_line(
    make_app: Callable[..., FastAPI], tmp_path: Path
) -> None:
    """The CLI keeps what `upright today` showed in the person's folder beside the database."""
    from upright.cli import today_cache

    saved = today_cache.cache_file(tmp_path / "data")
    with TestClient(make_app()) as client:
        onboard(client)
        saved.parent.mkdir(parents=True)
        saved.write_text('{"key": "k", "output": "Today, Wednesday"}')
        other = saved.parent.with_name("person-2") / "today.json"  # someone else's: kept
        other.parent.mkdir()
        other.write_text("{}")
        done = post_form(client, "/data", "/data/delete", {"confirm": "delete"})
        assert done.headers["location"] == "/start"  # type: ignore[attr-defined]
    assert not saved.exists() and not saved.parent.exists()
    assert other.is_file()


def test_forms_without_a_csrf_token_are_refused(client: TestClient) -> None:
    response = client.post("/start", data={**ONBOARDING}, follow_redirects=False)
    assert response.status_code == 403
    forged = client.post("/start", data={**ONBOARDING, "csrf_token": "0" * 64})
    assert forged.status_code == 403


@pytest.mark.parametrize("day", ["1815-08-05", "not a date", "2031-01-01"])
def test_a_refused_date_in_the_log_form_is_shown_not_a_500(client: TestClient, day: str) -> None:
    onboard(client)
    data = {**form_tokens(client.get("/today").text), "date": day}
    response = client.post("/today", data=data, follow_redirects=False)
    assert response.status_code == 422
    assert "date" in response.text
