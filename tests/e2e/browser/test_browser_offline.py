"""Offline: the page keeps working, a session logged offline is sent once when back online."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.conftest import base_profile
from tests.e2e.browser.conftest import LiveServer, shot

pytestmark = pytest.mark.browser


def _call(server: LiveServer, path: str, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        server.url + path, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_a_session_logged_offline_is_sent_exactly_once(live_server: LiveServer, phone: Any) -> None:
    _call(
        live_server,
        "/api/profile",
        base_profile(days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
    )
    page = phone.new_page()
    page.goto(live_server.url + "/today")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the service worker, which saves this page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    phone.set_offline(True)
    page.reload()  # served from the saved copy
    assert page.locator("article.item").count() >= 1
    for item in page.locator("article.item").all():
        item.locator(".status label", has_text="Done").click()
    page.locator(
        'fieldset:has(legend:text("Pain before you start")) label', has_text="2"
    ).first.click()
    page.get_by_role("button", name="Save today's session").click()
    status = page.locator(".outbox-status")
    status.wait_for(state="visible")
    assert "Saved on this device" in status.inner_text()
    assert page.evaluate("window.upright.outbox().length") == 1
    shot(page, "phone-offline-queued")
    assert _call(live_server, "/api/export")["sessions"] == []

    phone.set_offline(False)  # the "online" event sends the outbox
    page.wait_for_function("() => window.upright.outbox().length === 0", timeout=10000)
    page.evaluate("window.upright.flush()")  # a second flush has nothing left to send
    page.reload()
    sessions = _call(live_server, "/api/export")["sessions"]
    assert len(sessions) == 1 and sessions[0]["pain_before"] == 2
