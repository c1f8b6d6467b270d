"""A new person in a real browser: onboard, today's plan, the timer, logging pain, progress."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.e2e.browser.conftest import DESKTOP, LiveServer, shot

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def _api(server: LiveServer, path: str) -> Any:
    with urllib.request.urlopen(server.url + path, timeout=10) as response:
        return json.loads(response.read())


def _next(page: Any, step: str) -> None:
    """The first questions come in short steps: go on to the next one and check it shows."""
    page.get_by_role("button", name=f"Next: {step}").click()
    assert step in page.locator(".step-count").inner_text()


def _onboard(page: Any, server: LiveServer) -> None:
    page.goto(server.url + "/")
    page.wait_for_url("**/start")
    assert page.locator(".step-count").inner_text() == "Step 1 of 5: Safety questions"
    _next(page, "About you")
    page.get_by_label("How old are you?").fill("52")
    page.get_by_label("Back pain for longer, no specific cause found").check()
    _next(page, "Your back")
    page.get_by_label("How bad is the pain right now? 0 is none, 10 is the worst.").fill("4")
    page.get_by_label("Yes, cleared to exercise").check()
    _next(page, "Your days")
    for day in ("Tuesday", "Thursday", "Saturday", "Sunday"):
        page.get_by_label(day).check()
    _next(page, "Ready")
    page.get_by_role("button", name="Save and see my plan").click()
    page.wait_for_url("**/today")


def test_a_new_person_onboards_uses_the_timer_logs_pain_and_sees_progress(
    live_server: LiveServer, phone: Any, browser: Any
) -> None:
    page = phone.new_page()
    page.goto(live_server.url + "/start")
    assert _no_sideways_scroll(page)
    shot(page, "phone-onboarding")
    _onboard(page, live_server)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Today")
    assert page.locator("article.item").count() >= 2
    assert _no_sideways_scroll(page)

    # the timer: starts, counts down, pauses
    timer = page.locator(".timer").first
    display = timer.locator(".timer-display")
    before = display.inner_text()
    timer.locator(".timer-start").click()
    page.wait_for_function(
        "([el, v]) => el.textContent !== v", arg=[display.element_handle(), before], timeout=5000
    )
    timer.locator(".timer-start").click()  # pause
    assert timer.locator(".timer-note").inner_text() == "Paused."
    shot(page, "phone-today")

    # mark everything done, pain before / during / after and effort, then save
    for item in page.locator("article.item").all():
        item.locator(".status label", has_text="Done").click()
    page.locator(
        'fieldset:has(legend:text("Pain before you start")) label', has_text="3"
    ).first.click()
    page.locator('fieldset:has(legend:text("Worst pain during")) label', has_text="4").first.click()
    page.locator('fieldset:has(legend:text("Pain now, after")) label', has_text="2").first.click()
    page.locator('fieldset:has(legend:text("How hard was it?")) label', has_text="5").first.click()
    page.get_by_role("button", name="Save today's session").click()
    page.locator(".celebrate").wait_for()  # the address drops ?saved=1 at once
    assert "Session saved" in page.inner_text("main")
    sessions = _api(live_server, "/api/export")["sessions"]
    assert len(sessions) == 1
    assert (sessions[0]["pain_before"], sessions[0]["pain_after"]) == (3, 2)
    assert all(i["status"] == "done" for i in sessions[0]["items"])

    page.get_by_role("link", name="See your progress").click()
    page.wait_for_url("**/progress")
    assert page.locator("svg.chart").count() >= 4
    assert "1 session logged" in page.inner_text("main")
    assert _no_sideways_scroll(page)
    shot(page, "phone-progress")

    desk = browser.new_context(viewport=DESKTOP)
    try:
        wide = desk.new_page()
        for path, name in (("/today", "desktop-today"), ("/progress", "desktop-progress"),
                           ("/week", "desktop-week"), ("/exercises", "desktop-exercises")):  # fmt: skip
            wide.goto(live_server.url + path)
            shot(wide, name)
        # 200% zoom on a 1280 px window lays out like a 640 px one: still no sideways scrolling
        wide.set_viewport_size({"width": 640, "height": 400})
        for path in ("/today", "/progress", "/week", "/profile"):
            wide.goto(live_server.url + path)
            assert _no_sideways_scroll(wide), path
    finally:
        desk.close()


def test_a_ticked_red_flag_shows_the_urgent_message_at_once_and_no_plan(
    live_server: LiveServer, phone: Any
) -> None:
    page = phone.new_page()
    page.goto(live_server.url + "/start")
    urgent = page.locator('[data-urgent="emergency"]')
    assert not urgent.is_visible()
    page.locator('input[value="bladder_bowel_change"]').check()
    urgent.wait_for(state="visible", timeout=2000)  # before any submit
    assert "emergency department" in urgent.inner_text()
    shot(page, "phone-red-flag-ticked")
    # stop at the first emergency answer: no way on to the next step, only "stop here"
    assert not page.get_by_role("button", name="Next: About you").is_visible()
    page.get_by_role("button", name="Save this answer and stop here").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Emergency: get help now"
    assert page.locator("#log-form").count() == 0 and page.locator("article.item").count() == 0
    shot(page, "phone-red-flag-urgent-page")
    plan = _api(live_server, "/api/plan")
    assert plan["stop"]["level"] == "emergency" and not any(d["items"] for d in plan["days"])


def test_keyboard_alone_reaches_the_content_and_the_form(
    live_server: LiveServer, phone: Any
) -> None:
    page = phone.new_page()
    page.goto(live_server.url + "/start")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "red_flags"
    page.keyboard.press("Space")
    assert page.locator('[data-urgent="emergency"]').is_visible()


def test_server_mode_sign_up_onboard_sign_out_and_in(
    live_server_accounts: LiveServer, desktop: Any
) -> None:
    server = live_server_accounts
    page = desktop.new_page()
    page.goto(server.url + "/today")
    page.wait_for_url("**/signin")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email").fill("kim@example.org")
    page.get_by_label("Password (at least 10 characters)").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/start")
    _onboard(page, server)
    assert page.locator("article.item").count() >= 2
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/signin?out=1")
    assert "You are signed out" in page.inner_text("main")
    page.goto(server.url + "/today")
    page.wait_for_url("**/signin")
    page.get_by_label("Email").fill("kim@example.org")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/today")
    shot(page, "desktop-server-mode-today")
