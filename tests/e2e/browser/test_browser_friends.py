"""Two people in two real browsers: become buddies, walk together in a group, both plans show
it; then one removes the other, who sees nothing after."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.browser.conftest import TODAY, LiveServer, shot
from tests.e2e.browser.test_browser_flows import _onboard

pytestmark = pytest.mark.browser


def _sign_up(page: Any, server: LiveServer, name: str) -> None:
    page.goto(server.url + "/signup")
    page.get_by_label("Your name (optional)").fill(name)
    page.get_by_label("Email").fill(f"{name.lower()}@example.org")
    page.get_by_label("Password (at least 10 characters)").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/start")
    _onboard(page, server)


def _walk_logged(page: Any, server: LiveServer) -> bool:
    sessions = page.request.get(server.url + "/api/export").json()["sessions"]
    return any(
        s["date"] == TODAY
        and any(i["id"] == "walking" and i["status"] == "done" for i in s["items"])
        for s in sessions
    )


def test_two_people_become_buddies_walk_together_and_part(
    live_server_accounts: LiveServer, browser: Any
) -> None:
    server = live_server_accounts
    kim_context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    alex_context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    kim, alex = kim_context.new_page(), alex_context.new_page()
    _sign_up(kim, server, "Kim")
    _sign_up(alex, server, "Alex")

    # Kim invites; Alex types the code, sees who it is from, and accepts
    kim.goto(server.url + "/friends")
    kim.get_by_role("button", name="Invite a friend").click()
    code = re.search(r"[2-9A-Z]{5}-[2-9A-Z]{5}", kim.inner_text("main")).group(0)  # type: ignore[union-attr]
    alex.goto(server.url + "/friends")
    alex.get_by_label("A friend's invitation code").fill(code.lower())
    alex.get_by_role("button", name="Use the code").click()
    assert "Kim invites you to be buddies" in alex.inner_text("h1")
    alex.get_by_role("button", name="Accept").click()
    alex.wait_for_url("**/friends/*")
    kim_page = alex.url  # Kim's page as Alex sees it
    assert "Nothing yet" in alex.inner_text("main")  # private by default
    shot(alex, "phone-buddy-page")

    # Kim shares her streak with Alex and cheers him on
    kim.goto(server.url + "/friends")
    kim.get_by_role("link", name="Alex").click()
    kim.get_by_label("Your streak of active weeks").check()
    kim.get_by_role("button", name="Save").click()
    kim.get_by_role("button", name="Keep going: you've got this.").click()
    alex.reload()
    sees = alex.locator("section", has=alex.locator("#sees-h")).inner_text()
    assert "Active weeks in a row" in sees
    assert "Walking this week" not in sees and "pain" not in sees.lower()
    alex.goto(server.url + "/friends")
    assert "Keep going: you've got this." in alex.inner_text("main")

    # Kim starts a Wednesday group walk (today is a Wednesday) and invites Alex
    kim.goto(server.url + "/friends")
    kim.get_by_text("Start a group walk").click()
    kim.get_by_label("Name").fill("Wednesday walk")
    kim.get_by_label("Where you meet").fill("Riverside gate")
    kim.get_by_label("First walk").fill(TODAY)
    kim.get_by_label("Wednesday").check()
    kim.get_by_role("button", name="Start the group").click()
    kim.wait_for_url("**/groups/*")
    group_url = kim.url
    kim.get_by_role("button", name="Invite someone").click()
    group_code = re.search(r"[2-9A-Z]{5}-[2-9A-Z]{5}", kim.inner_text("main")).group(0)  # type: ignore[union-attr]
    alex.goto(server.url + "/friends")
    alex.get_by_text("Join a group with a code").click()
    alex.get_by_label("The leader's code").fill(group_code)
    alex.get_by_role("button", name="Join").click()
    alex.wait_for_url(group_url)

    # both went: each confirms for themself, and each plan shows that day's walk done
    assert not _walk_logged(kim, server) and not _walk_logged(alex, server)
    alex.get_by_role("button", name="I went").first.click()
    assert "your own planned dose" in alex.inner_text("main")
    assert _walk_logged(alex, server) and not _walk_logged(kim, server)
    kim.goto(group_url)
    kim.get_by_role("button", name="I went").first.click()
    assert _walk_logged(kim, server)
    shot(kim, "phone-group-walk")

    # Kim removes Alex: at once, Alex sees nothing of Kim
    kim.goto(server.url + "/friends")
    kim.get_by_role("link", name="Alex").click()
    kim.get_by_role("button", name="Remove Alex").click()
    kim.wait_for_url("**/friends")
    alex.goto(server.url + "/friends")
    assert "No buddies yet" in alex.inner_text("main")
    assert alex.request.get(server.url + "/api/buddies").json()["buddies"] == []
    assert alex.request.get(kim_page).status == 404
    assert "Active weeks" not in alex.request.get(kim_page).text()
    kim_context.close()
    alex_context.close()
