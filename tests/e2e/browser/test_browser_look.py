"""The look in a real browser: no sideways scrolling at 360 px, the accessibility rules in the
dark look and at 200% zoom, the light/dark toggle, and the daily loop on a phone: onboard mid-week
in steps and get today's starter, log, reload and see the day done, edit it, see the month."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser.conftest import TODAY, LiveServer, shot
from tests.e2e.browser.test_accessibility import AXE, RUN_AXE
from tests.e2e.browser.test_browser_flows import _next
from tests.e2e.browser.test_screenshots import seeded_server

pytestmark = pytest.mark.browser

#: every page a person reaches from the tab bar and from More
PAGES = ("/today", "/week", "/month", "/month?month=2026-10", "/progress", "/exercises",
         "/exercises/bird_dog", "/more", "/learn", "/walks", "/import", "/friends", "/reminders",
         "/doctor", "/data", "/profile", "/start", "/today?date=2026-11-23&edit=1")  # fmt: skip
NARROWEST = {"width": 360, "height": 740}
#: 200% zoom on a 1280 x 800 window lays out like a 640 x 400 one
ZOOMED = {"width": 640, "height": 400}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[LiveServer]:
    yield from seeded_server(tmp_path_factory, browser, "look-pages")


def test_no_page_scrolls_sideways_at_360_px(seeded: LiveServer, browser: Any) -> None:
    context = browser.new_context(viewport=NARROWEST, is_mobile=True, has_touch=True)
    wide: dict[str, int] = {}
    try:
        page = context.new_page()
        for path in PAGES:
            page.goto(seeded.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > NARROWEST["width"] + 1:
                wide[path] = width
        # the pain scale on the log form: every box inside the screen, each at least 44 px high
        page.goto(seeded.url + "/today?date=2026-11-23&edit=1")
        boxes = page.locator(".scale-row span").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect()).map(r => [r.left, r.right, r.height])"
        )
        assert boxes and all(left >= 0 and right <= 360 and h >= 44 for left, right, h in boxes)
    finally:
        context.close()
    assert not wide, f"pages wider than 360 px: {wide}"


def test_tab_bar_targets_are_large_and_the_tab_bar_stays_on_screen(
    seeded: LiveServer, browser: Any
) -> None:
    context = browser.new_context(viewport=NARROWEST, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(seeded.url + "/week")
        tabs = page.locator("nav.tabs a")
        assert tabs.all_inner_texts() == ["Today", "Week", "Progress", "Library", "More"]
        for box in tabs.evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())"):
            assert box["width"] >= 44 and box["height"] >= 44
            assert box["bottom"] <= NARROWEST["height"] + 0.5  # at the bottom of the screen
        page.mouse.wheel(0, 3000)
        assert page.locator("nav.tabs").bounding_box()["y"] > NARROWEST["height"] - 100
        page.get_by_role("link", name="More").click()
        page.wait_for_url("**/more")
        page.get_by_role("link", name="Your walks").click()
        page.wait_for_url("**/walks")
        assert "24 minutes" in page.inner_text("main")
    finally:
        context.close()


@pytest.mark.parametrize(
    ("scheme", "viewport"),
    [("dark", {"width": 390, "height": 844}), ("dark", ZOOMED), ("light", ZOOMED)],
    ids=["dark-phone", "dark-200-percent", "light-200-percent"],
)
def test_pages_pass_the_accessibility_rules_in_the_dark_look_and_zoomed(
    seeded: LiveServer, browser: Any, scheme: str, viewport: dict[str, int]
) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE} (./scripts/test installs it)")
    script = AXE.read_text(encoding="utf-8")
    context = browser.new_context(
        viewport=viewport, color_scheme=scheme, reduced_motion="reduce", bypass_csp=True
    )
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for path in PAGES:
            page.goto(seeded.url + path)
            page.add_script_tag(content=script)
            violations = page.evaluate(RUN_AXE)
            if violations:
                found[path] = violations
            if viewport == ZOOMED:
                assert page.evaluate("document.documentElement.scrollWidth") <= 641, path
    finally:
        context.close()
    assert not found, found


def test_the_toggle_keeps_the_dark_look_on_this_device(seeded: LiveServer, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(seeded.url + "/today")
        light = page.evaluate("getComputedStyle(document.body).backgroundColor")
        toggle = page.locator("[data-theme-toggle]")
        assert toggle.inner_text().strip() == "Dark look"
        toggle.click()
        assert toggle.inner_text().strip() == "Light look"  # what pressing it does now
        page.goto(seeded.url + "/week")  # another page, the same choice
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert dark != light and page.evaluate("document.documentElement.dataset.theme") == "dark"
        page.goto(seeded.url + "/more")
        page.get_by_label("Like my device").check()
        page.reload()
        assert page.evaluate("document.documentElement.dataset.theme") is None
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == light
    finally:
        context.close()


def test_onboard_mid_week_log_reload_edit_and_see_the_month(
    live_server: LiveServer, phone: Any
) -> None:
    page = phone.new_page()
    page.goto(live_server.url + "/")
    page.wait_for_url("**/start")
    # the first questions in steps, on a Wednesday
    assert page.locator(".step-count").inner_text() == "Step 1 of 5: Safety questions"
    assert not page.get_by_label("How old are you?").is_visible()
    _next(page, "About you")
    page.get_by_label("How old are you?").fill("47")
    page.get_by_label("Back pain for longer, no specific cause found").check()
    _next(page, "Your back")
    page.get_by_label("Yes, cleared to exercise").check()
    _next(page, "Your days")
    for day in ("Monday", "Wednesday", "Friday"):  # ticked already: leave only Saturday
        page.get_by_label(day).uncheck()
    page.get_by_label("Saturday").check()
    _next(page, "Ready")
    page.get_by_role("button", name="Save and see my plan").click()
    page.wait_for_url("**/today")
    # not a free day, but the first day counts: a short walk and the stretch, today
    main = page.inner_text("main")
    assert "Your first day: a short walk and the stretch" in main
    assert page.locator("article.item").count() >= 2
    assert "Not logged yet" in page.locator(".day-head").inner_text()
    shot(page, "phone-look-starter")

    # log it: the ring follows the taps, then the save is celebrated
    for item in page.locator("article.item").all():
        item.locator(".status label", has_text="Done").click()
    count = page.locator("article.item").count()
    assert f"{count} of {count} marked" in page.locator(".day-head").inner_text()
    page.get_by_role("button", name="Save today's session").click()
    page.locator(".celebrate").wait_for()  # the address drops ?saved=1 at once
    assert page.locator(".celebrate").is_visible()
    page.reload()
    assert "Today is logged" in page.inner_text("main")
    assert f"{count} of {count} done" in page.locator(".day-head").inner_text()

    # edit it: one item partly done; the ring and the month say so
    page.get_by_role("link", name="Edit this day").click()
    page.locator("article.item").first.locator(".status label", has_text="Partly").click()
    page.get_by_role("button", name="Save changes").click()
    page.locator(".celebrate").wait_for()  # the address drops ?saved=1 at once
    assert "1 partly" in page.locator(".day-head").inner_text()
    page.get_by_role("link", name="See the month").click()
    page.wait_for_url("**/month")
    cell = page.locator(f'a[href="/today?date={TODAY}"]')
    assert "Partly done" in cell.inner_text()
    assert "Wednesday 25 November: Partly done (today)" in cell.inner_text()
    shot(page, "phone-look-month")
    cell.click()
    page.wait_for_url(f"**/today?date={TODAY}")
    assert "Partly done" in page.inner_text("main")
