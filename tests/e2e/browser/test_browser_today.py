"""Today remembers, on a phone: an empty save is refused, a logged day shows as done after a
reload, an edit changes it, and the offline outbox asks before replacing a day logged meanwhile."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.conftest import base_profile
from tests.e2e.browser.conftest import TODAY, LiveServer, shot

pytestmark = pytest.mark.browser


def _call(server: LiveServer, path: str, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        server.url + path, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _everyday(server: LiveServer) -> None:
    _call(
        server, "/api/profile", base_profile(days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    )


def test_empty_save_is_refused_then_log_reload_done_and_edit(
    live_server: LiveServer, phone: Any
) -> None:
    _everyday(live_server)
    page = phone.new_page()
    page.goto(live_server.url + "/today")
    page.get_by_role("button", name="Save today's session").click()
    page.wait_for_selector(".alert.error")
    assert "nothing was marked yet" in page.inner_text("main")
    assert _call(live_server, "/api/export")["sessions"] == []

    for item in page.locator("article.item").all():
        item.locator(".status label", has_text="Done").click()
    page.get_by_label("A note for yourself (optional)").fill("easy walk")
    page.get_by_role("button", name="Save today's session").click()
    page.locator(".celebrate").wait_for()  # the address drops ?saved=1 at once
    page.reload()
    main = page.inner_text("main")
    assert "Today is logged" in main and "Your note: easy walk" in main
    assert page.locator("#log-form").count() == 0
    shot(page, "phone-today-done")

    page.get_by_role("link", name="Edit this day").click()
    page.wait_for_selector("#log-form")
    assert page.locator('.status input[value="done"]:checked').count() >= 1
    page.get_by_label("A note for yourself (optional)").fill("easy walk, then a stretch")
    page.get_by_role("button", name="Save changes").click()
    page.locator(".celebrate").wait_for()  # the address drops ?saved=1 at once
    sessions = _call(live_server, "/api/export")["sessions"]
    assert [s["note"] for s in sessions] == ["easy walk, then a stretch"]
    page.goto(live_server.url + "/week")
    assert page.locator(".mark-done").count() == 1


def test_the_outbox_asks_before_replacing_a_day_logged_meanwhile(
    live_server: LiveServer, phone: Any
) -> None:
    _everyday(live_server)
    page = phone.new_page()
    page.goto(live_server.url + "/today")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    ids = [i.get_attribute("value") for i in page.locator('input[name="item"]').all()]

    phone.set_offline(True)
    page.reload()
    for item in page.locator("article.item").all():
        item.locator(".status label", has_text="Partly").click()
    page.get_by_label("A note for yourself (optional)").fill("from the phone")
    page.get_by_role("button", name="Save today's session").click()
    page.locator(".outbox-status").wait_for(state="visible")
    # meanwhile the same day is logged from another device
    items = [{"id": i, "status": "done"} for i in ids]
    _call(live_server, "/api/sessions", {"date": TODAY, "items": items, "note": "from the laptop"})

    questions: list[str] = []

    def answer(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    phone.set_offline(False)
    page.wait_for_function("() => window.upright.outbox().length === 0", timeout=10000)
    assert questions and "already logged" in questions[0]
    sessions = _call(live_server, "/api/export")["sessions"]
    assert [s["note"] for s in sessions] == ["from the phone"]
