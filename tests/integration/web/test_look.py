"""The look and the daily loop: the tab bar, More, the ring on today, the month, the walks page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from tests.integration.web.conftest import TODAY, form_tokens, onboard, session_for

TABS = ("Today", "Week", "Progress", "Library", "More")


def _gpx(start: datetime, minutes: int, name: str = "Morning walk") -> bytes:
    """A walk at about 5.4 km/h heading north, one point every 10 seconds."""
    points = []
    for step in range(minutes * 6 + 1):
        when = start + timedelta(seconds=10 * step)
        lat = 52.0 + step * 0.000135  # 15 m every 10 s
        points.append(
            f'<trkpt lat="{lat:.6f}" lon="4.300000"><time>{when:%Y-%m-%dT%H:%M:%SZ}</time></trkpt>'
        )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>{name}</name><type>walking</type><trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()


def _import(client: TestClient, body: bytes, name: str = "walk.gpx") -> None:
    token = form_tokens(client.get("/import").text)["csrf_token"]
    response = client.post(
        "/api/imports", files=[("files", (name, body))], headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 200, response.text
    assert response.json()["files"][0]["status"] == "imported", response.json()


def _tabs(html: str) -> list[tuple[str, bool]]:
    nav = html.split('<nav class="tabs" aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    found = re.findall(
        r'<a href="([^"]+)"( aria-current="page")?>.*?<span>([^<]+)</span>', nav, re.S
    )
    return [(text, bool(current)) for _, current, text in found]


def test_every_main_page_has_the_five_tabs_and_marks_its_own(client: TestClient) -> None:
    onboard(client)
    for path, current in (("/today", "Today"), ("/week", "Week"), ("/month", "Week"),
                          ("/progress", "Progress"), ("/exercises", "Library"),
                          ("/exercises/bird_dog", "Library"), ("/more", "More"),
                          ("/learn", "More"), ("/walks", "More"), ("/profile", "More")):  # fmt: skip
        tabs = _tabs(client.get(path).text)
        assert [t for t, _ in tabs] == list(TABS), path
        assert [t for t, on in tabs if on] == [current], path


def test_more_lists_the_other_pages_in_words(client: TestClient) -> None:
    onboard(client)
    page = client.get("/more").text
    for words in ("Learn", "Import", "Your walks", "Friends", "Reminders", "Doctor", "Data",
                  "Account", "Light or dark"):  # fmt: skip
        assert words in page, words
    for href in ("/learn", "/import", "/walks", "/friends", "/reminders", "/doctor", "/data",
                 "/profile"):  # fmt: skip
        assert f'href="{href}"' in page, href


def test_the_ring_shows_nothing_done_then_the_day_done(client: TestClient) -> None:
    onboard(client)
    before = client.get("/today").text
    assert "Not logged yet" in before and ">0%<" in before
    assert 'stroke-dasharray="0.0 263.9"' in before
    session = session_for(client)
    assert client.post("/api/sessions", json=session).status_code == 201
    after = client.get("/today").text
    total = len(session["items"])
    assert f"{total} of {total} done" in after
    assert 'stroke-dasharray="263.9 263.9"' in after and "ring-tick" in after


def test_the_ring_counts_partly_as_half(client: TestClient) -> None:
    onboard(client)
    session = session_for(client)
    session["items"][0]["status"] = "partly"
    for item in session["items"][1:]:
        item["status"] = "skipped"
    assert client.post("/api/sessions", json=session).status_code == 201
    page = client.get("/today").text
    total = len(session["items"])
    assert f"0 of {total} done, 1 partly" in page
    share = 0.5 / total
    assert f'stroke-dasharray="{share * 263.9:.1f} 263.9"' in page
    assert f">{round(share * 100)}%<" in page


def test_a_saved_session_is_celebrated_once(client: TestClient) -> None:
    onboard(client)
    assert client.post("/api/sessions", json=session_for(client)).status_code == 201
    saved = client.get("/today?saved=1").text
    assert "Session saved. Well done." in saved and 'class="burst"' in saved
    assert "Well done" not in client.get("/today").text


def test_the_month_marks_done_partly_skipped_and_device_days(client: TestClient) -> None:
    onboard(client)
    done = session_for(client)
    assert client.post("/api/sessions", json=done).status_code == 201
    monday = (TODAY - timedelta(days=2)).isoformat()
    partly = session_for(client, date=monday, items=[{"id": "walking", "status": "partly"}])
    assert client.post("/api/sessions", json=partly).status_code == 201, partly
    sunday = (TODAY - timedelta(days=3)).isoformat()
    skipped = session_for(client, date=sunday, items=[{"id": "walking", "status": "skipped"}])
    assert client.post("/api/sessions", json=skipped).status_code == 201
    _import(client, _gpx(datetime(2026, 11, 20, 7, 30, tzinfo=UTC), 20))
    page = client.get("/month").text
    assert "<h1>November 2026</h1>" in page
    assert "Wednesday 25 November: Done (today)" in page
    assert "Monday 23 November: Partly done" in page
    assert "Sunday 22 November: Skipped" in page
    assert "Friday 20 November: Recorded by your device" in page
    assert "Thursday 19 November</span>" in page  # a plain day has no mark
    assert "1 day done, 1 partly done, 1 skipped, 1 recorded by your device." in page
    for words in ("Done", "Partly done", "Skipped", "Recorded by your device", "nothing logged"):
        assert words in page.split('id="legend-h"', 1)[1], words
    # days after today are not links (nothing to log yet)
    assert 'href="/today?date=2026-11-26"' not in page
    assert 'href="/today?date=2026-11-24"' in page


def test_the_month_goes_back_not_forward_and_refuses_a_bad_month(client: TestClient) -> None:
    onboard(client)
    page = client.get("/month").text
    assert 'href="/month?month=2026-10"' in page and "2026-12" not in page
    october = client.get("/month?month=2026-10")
    assert october.status_code == 200 and "<h1>October 2026</h1>" in october.text
    assert "Nothing logged this month yet." in october.text
    for bad in ("2026-13", "soon", "2027-01", "2020-01"):
        response = client.get(f"/month?month={bad}")
        assert response.status_code == 422, bad
        assert "month" in response.text and "Traceback" not in response.text


def test_the_walks_page_lists_imported_walks_in_words(client: TestClient) -> None:
    onboard(client)
    empty = client.get("/walks").text
    assert "No walks imported yet" in empty
    _import(client, _gpx(datetime(2026, 11, 20, 7, 30, tzinfo=UTC), 20), "first.gpx")
    _import(client, _gpx(datetime(2026, 11, 24, 17, 5, tzinfo=UTC), 31), "second.gpx")
    page = client.get("/walks").text
    assert "Tuesday 24 November, 17:05" in page and "Friday 20 November, 07:30" in page
    assert page.index("Tuesday 24 November") < page.index("Friday 20 November")  # newest first
    assert "31 minutes" in page and "20 minutes" in page
    assert "From: GPX track" in page
    assert "None" not in page and "gpx-" not in page and "first.gpx" not in page


def test_the_first_questions_come_in_five_steps_the_profile_in_one_page(
    client: TestClient,
) -> None:
    start = client.get("/start").text
    assert "data-steps" in start and "data-step-progress" in start
    steps = re.findall(r'data-step="(\d)" data-step-title="([^"]+)"', start)
    assert [title for _, title in dict(steps).items()] == [
        "Safety questions", "About you", "Your back", "Your days", "Ready",
    ]  # fmt: skip
    # safety first: the red-flag questions and their "stop here" button are in step 1
    first = start.split('data-step="2"', 1)[0]
    assert 'name="red_flags"' in first and "Save this answer and stop here" in first
    assert 'name="age"' not in first
    onboard(client)
    profile = client.get("/profile").text
    assert "data-steps" not in profile and "data-step-progress" not in profile


def test_the_week_opens_with_a_strip_of_seven_marked_days(client: TestClient) -> None:
    onboard(client)
    assert client.post("/api/sessions", json=session_for(client)).status_code == 201
    page = client.get("/week").text
    strip = page.split('<ol class="week-strip"', 1)[1].split("</ol>", 1)[0]
    assert strip.count("<li") == 7
    assert "Wednesday 25 November: Done (today)" in strip
    assert 'class="cal-done cal-today"' in strip
    assert "Monday 23 November</span>" in strip  # nothing logged: no mark, no words
