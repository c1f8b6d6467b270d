"""The safety net in a real browser: a morning answer of 8 changes the day the page shows."""

from __future__ import annotations

import json
import urllib.request
from datetime import date, timedelta
from typing import Any

import pytest

from tests.conftest import base_profile
from tests.e2e.browser.conftest import TODAY, LiveServer, shot

pytestmark = pytest.mark.browser
YESTERDAY = (date.fromisoformat(TODAY) - timedelta(days=1)).isoformat()
TOMORROW = (date.fromisoformat(TODAY) + timedelta(days=1)).isoformat()


def _post(server: LiveServer, path: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        server.url + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _get(server: LiveServer, path: str) -> Any:
    with urllib.request.urlopen(server.url + path, timeout=10) as response:
        return json.loads(response.read())


def test_a_morning_answer_of_8_changes_the_next_days_page(
    live_server: LiveServer, phone: Any
) -> None:
    _post(live_server, "/api/profile", base_profile(days=["mon", "wed", "fri"], walk_minutes=20))
    planned = _get(live_server, f"/api/today?date={YESTERDAY}")["items"]
    items = [{"id": i["id"], "status": "done"} for i in planned]
    _post(
        live_server,
        "/api/sessions",
        {"date": YESTERDAY, "items": items, "pain_before": 2, "pain_during": 3},
    )
    before = _get(live_server, f"/api/today?date={TOMORROW}")
    assert before["mode"] == "normal"

    page = phone.new_page()
    page.goto(live_server.url + "/today")
    page.locator("form.morning label", has_text="8").first.click()
    page.get_by_role("button", name="Save morning check").click()
    page.wait_for_url("**/check**")
    assert "gentler day" in page.inner_text("main")
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_text("Thank you: nothing there that stops the plan.").wait_for()
    main = page.inner_text("main")
    assert "Flare mode: a gentler day." in main
    shot(page, "phone-flare-today")

    page.goto(live_server.url + f"/today?date={TOMORROW}")
    tomorrow = page.inner_text("main")
    assert "Flare mode: a gentler day." in tomorrow
    after = _get(live_server, f"/api/today?date={TOMORROW}")
    assert after["mode"] == "flare"
    assert {i["category"] for i in after["items"]} <= {"aerobic", "mobility"}
    walk = next(i for i in after["items"] if i["category"] == "aerobic")
    assert walk["dose"]["minutes"] <= 10 and walk["dose_text"] in tomorrow
    walked = [i for i in planned if i["category"] == "aerobic"]
    assert walk["dose"]["minutes"] * walk["dose"]["times"] <= max(
        (i["dose"]["minutes"] * i["dose"]["times"] for i in walked), default=0
    )
    shot(page, "phone-flare-tomorrow")
