"""All of a form's problems after one submit, each beside its field, with what was typed kept."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.integration.web.conftest import form_tokens, onboard, today_items
from tests.integration.web.test_pages import ONBOARDING, post_form


def _described(html: str, field_id: str, error_id: str) -> bool:
    """The field (by its id) points at its message with aria-describedby."""
    tag = re.search(rf'<input[^>]*id="{field_id}"[^>]*>', html)
    return (
        bool(tag)
        and error_id in (re.search(r'aria-describedby="([^"]+)"', tag.group(0)) or ["", ""])[1]
    )  # type: ignore[union-attr]


def test_the_start_form_shows_every_problem_at_once(client: TestClient) -> None:
    data = {**ONBOARDING, "age": "200", "pain_now": "15", "minutes_per_day": "two", "days": []}
    response = post_form(client, "/start", "/start", data)
    assert response.status_code == 422  # type: ignore[attr-defined]
    page = response.text  # type: ignore[attr-defined]
    for field in ("age", "pain_now", "minutes_per_day", "days"):
        assert f'id="err-{field}"' in page, field
    assert "4 answers need another look." in page
    assert "Your age: 200 is out of range (from 16 to 110)." in page
    assert "The pain right now: 15 is out of range (from 0 to 10)." in page
    assert "The minutes a day: &#39;two&#39; is not a number (from 5 to 240)." in page
    assert "Free days: tick at least one day you are free to exercise." in page
    assert _described(page, "f-age", "err-age") and _described(page, "f-pain_now", "err-pain_now")
    assert 'href="#err-age"' in page and 'href="#err-days"' in page  # the summary links to each
    # what the person typed is kept, the wrong answers too
    assert 'value="200"' in page and 'value="two"' in page
    assert 'value="isthmic_spondylolisthesis" checked' in page
    assert "None" not in page and "pain_now:" not in page
    assert client.get("/api/profile").status_code == 404  # nothing stored


def test_one_problem_reads_as_one_sentence(client: TestClient) -> None:
    response = post_form(client, "/start", "/start", {**ONBOARDING, "age": "7"})
    page = response.text  # type: ignore[attr-defined]
    assert "Please check:</strong> Your age: 7 is out of range (from 16 to 110)." in page
    assert "answers need another look" not in page


def test_a_hidden_follow_up_question_is_not_checked(client: TestClient) -> None:
    # a pregnancy week typed and then "pregnancy" unticked: the question was hidden, so dropped
    response = post_form(client, "/start", "/start", {**ONBOARDING, "pregnancy_week": "99"})
    assert response.status_code == 303  # type: ignore[attr-defined]


def test_the_profile_form_shows_every_problem_at_once(client: TestClient) -> None:
    onboard(client)
    data = {**ONBOARDING, "walk_minutes": "-3", "pain_weeks": "2.5"}
    response = post_form(client, "/profile", "/profile", data)
    page = response.text  # type: ignore[attr-defined]
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert 'id="err-walk_minutes"' in page and 'id="err-pain_weeks"' in page
    assert "How long this episode has lasted should be a whole number" in page


def test_the_log_form_shows_every_problem_at_once(client: TestClient) -> None:
    onboard(client)
    items = today_items(client)
    walk = next(i["id"] for i in items if i["category"] == "aerobic")
    page = client.get("/today").text
    data: dict[str, object] = {
        **form_tokens(page), "date": "2026-11-25", "item": [i["id"] for i in items],
        f"minutes.{walk}": "900", f"times.{walk}": "99", "note": "kept note",
    }  # fmt: skip
    response = client.post("/today", data=data, follow_redirects=False)
    assert response.status_code == 422
    text = response.text
    assert f'id="err-minutes-{walk}"' in text and f'id="err-times-{walk}"' in text
    assert 'id="err-status"' in text and "nothing was marked yet" in text
    assert "3 answers need another look." in text
    assert "kept note" in text and 'value="900"' in text
    assert _described(text, f"minutes-{walk}", f"err-minutes-{walk}")


def test_sign_up_shows_the_email_and_password_problems_together(server: FastAPI) -> None:
    with TestClient(server) as c:
        tokens = form_tokens(c.get("/signup").text)
        data = {"csrf_token": tokens["csrf_token"], "email": "not-an-address", "password": "short"}
        response = c.post("/signup", data=data, follow_redirects=False)
        assert response.status_code == 422
        page = response.text
        assert 'id="err-email"' in page and 'id="err-password"' in page
        assert "The email is not an email address (like name@example.org)." in page
        assert "The password is too short: use at least 10 characters." in page
        assert 'value="not-an-address"' in page
        assert _described(page, "f-email", "err-email")
        assert _described(page, "f-password", "err-password")


def test_the_reminder_settings_show_every_problem_at_once(client: TestClient) -> None:
    onboard(client)
    tokens = form_tokens(client.get("/reminders").text)
    data = {
        **tokens, "enabled": "on", "days": ["tue"], "time": "25:00", "timezone": "Mars/Olympus",
        "quiet_start": "22:00", "channels": ["apprise"], "apprise_url": "not an address",
    }  # fmt: skip
    response = client.post("/reminders", data=data, follow_redirects=False)
    assert response.status_code == 422
    page = response.text
    for error_id in ("err-time", "err-timezone", "err-quiet-hours", "err-apprise-address"):
        assert f'id="{error_id}"' in page, error_id
    assert "4 answers need another look." in page
    assert "The time: &#39;25:00&#39; is not a time of day" in page
    assert "The quiet hours: give both a start and an end." in page
    assert _described(page, "f-tz", "err-timezone") and _described(page, "f-qs", "err-quiet-hours")
    # what was typed and ticked is kept
    assert 'value="Mars/Olympus"' in page and 'value="not an address"' in page
    assert 'value="tue" checked' in page and 'value="mon" checked' not in page
    assert client.get("/reminders").text.count('id="err-') == 0  # nothing stored, no errors left


def test_log_form_errors_name_the_exercise_and_say_the_rule_plainly(client: TestClient) -> None:
    onboard(client)
    items = today_items(client)
    walk = next(i for i in items if i["category"] == "aerobic")
    page = client.get("/today").text
    data: dict[str, object] = {
        **form_tokens(page), "date": "2026-11-25", "item": [i["id"] for i in items],
        f"status.{walk['id']}": "done", f"minutes.{walk['id']}": "-5",
        "pain_before": "abc", "pain_during": "11", "leg_symptoms": "wobbly",
    }  # fmt: skip
    response = client.post("/today", data=data, follow_redirects=False)
    assert response.status_code == 422
    text = response.text
    name = client.app.state.ctx.services.library.catalog.get(walk["id"]).name  # type: ignore[attr-defined]
    assert f"Minutes for {name} can&#39;t be below 0." in text
    assert "Pain before: type a whole number." in text
    assert "Worst pain during can&#39;t be above 10." in text
    assert "Your legs: choose one of the answers shown." in text
    for validator_words in (
        "greater than or equal",
        "valid integer",
        "unable to parse",
        "less than or equal",
        "&#39;new_numbness_or_weakness&#39;",
        "should be",
    ):
        assert validator_words not in text
