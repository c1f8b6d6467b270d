"""The reminders page, the private calendar feed (parsed back with icalendar) and unsubscribe."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.integration.web.conftest import TODAY, form_tokens, onboard


def _save(client: TestClient, **fields: object) -> None:
    tokens = form_tokens(client.get("/reminders").text)
    data: dict[str, object] = {
        "enabled": "on", "days": ["mon", "wed", "fri"], "time": "07:30",
        "timezone": "Europe/Berlin", "channels": ["calendar", "email"],
        "email": "sam@example.org", **tokens,
    }  # fmt: skip
    data.update(fields)
    response = client.post("/reminders", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text


def _feed_url(client: TestClient) -> str:
    html = client.get("/reminders").text
    start = html.index("webcal://")
    link = html[start : html.index('"', start)]
    return "/" + link.split("/", 3)[3]


def test_settings_page_saves_and_shows_the_calendar_link(client: TestClient) -> None:
    onboard(client)
    page = client.get("/reminders")
    assert page.status_code == 200 and "Reminders" in page.text
    _save(client)
    html = client.get("/reminders?saved=1").text
    assert "Saved." in html and 'value="07:30"' in html and "webcal://" in html
    assert "none is set up here" in html  # no UPRIGHT_SMTP_URL in these tests: the page says so


def test_bad_time_zone_is_named_on_the_page(client: TestClient) -> None:
    onboard(client)
    tokens = form_tokens(client.get("/reminders").text)
    response = client.post(
        "/reminders",
        data={"time": "07:30", "timezone": "Mars/Olympus", "days": ["mon"], **tokens},
    )
    assert response.status_code in (400, 422)
    assert "not a time zone we know" in response.text


def test_calendar_feed_holds_the_coming_sessions_with_alarms(client: TestClient) -> None:
    onboard(client)
    _save(client)
    url = _feed_url(client)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    days = [e.decoded("dtstart") for e in events]
    assert days, "no sessions in the feed"
    assert all(isinstance(d, datetime) for d in days)
    assert all(d.strftime("%a").lower() in ("mon", "wed", "fri") for d in days)
    assert all(d.strftime("%H:%M") == "07:30" and str(d.tzinfo) == "Europe/Berlin" for d in days)
    assert min(d.date() for d in days) >= TODAY
    assert max(d.date() for d in days) >= TODAY + timedelta(days=21)
    assert all(list(e.walk("VALARM")) for e in events)
    assert "minutes" in str(events[0].get("description"))
    # renewing cuts the old link off
    tokens = form_tokens(client.get("/reminders").text)
    client.post("/reminders/calendar/renew", data=tokens)
    assert client.get(url).status_code == 404
    assert client.get(_feed_url(client)).status_code == 200


def test_one_off_download(client: TestClient) -> None:
    onboard(client)
    response = client.get("/reminders/sessions.ics")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert {e.decoded("dtstart").date() for e in events} >= {TODAY}


def test_unsubscribe_works_without_signing_in(client: TestClient) -> None:
    onboard(client)
    _save(client)
    uow = client.app.state.ctx.services.uow  # type: ignore[attr-defined]
    with uow() as tx:
        token = tx.reminders.settings(1).unsubscribe_token
    fresh = TestClient(client.app)
    assert "Stop reminder e-mails" in fresh.get(f"/reminders/stop/{token}").text
    done = fresh.post(f"/reminders/stop/{token}")
    assert done.status_code == 200 and "no more reminder e-mails" in done.text
    html = client.get("/reminders").text
    assert 'value="email" checked' not in html
    assert "no longer works" in fresh.post("/reminders/stop/wrong-token").text


def test_push_opt_in_api(client: TestClient) -> None:
    onboard(client)
    key = client.get("/api/push/key").json()["key"]
    assert len(key) == 87
    sub = {
        "endpoint": "https://push.example.org/abc",
        "keys": {"p256dh": "x" * 87, "auth": "y" * 22},
    }
    assert client.post("/api/push/subscribe", json=sub).json() == {"ok": True}
    bad = client.post("/api/push/subscribe", json={"endpoint": "ftp://x"})
    assert bad.status_code in (400, 422) and "subscription" in bad.text
