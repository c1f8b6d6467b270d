"""What the round-4 new-user trial saw in a browser: the saved message came back on reload, the
look's button read "Dark" in both looks, and pictures and charts stayed white panels in the dark
look. Each test here failed before the fix."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser.conftest import PHONE, TODAY, LiveServer
from tests.e2e.browser.test_accessibility import AXE, RUN_AXE
from tests.e2e.browser.test_screenshots import seeded_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[LiveServer]:
    yield from seeded_server(tmp_path_factory, browser, "words")


def _onboard(server: LiveServer, request: Any) -> None:
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    profile = {"age": 50, "conditions": ["nonspecific_chronic"], "pain_now": 3,
               "clearance": "cleared", "walk_minutes": 5, "equipment": ["mat", "strap"],
               "days": days, "minutes_per_day": 60}  # fmt: skip
    assert request.post(f"{server.url}/api/profile", data=profile).ok


def test_the_saved_message_is_shown_once_and_not_again_on_reload(
    live_server: LiveServer, phone: Any
) -> None:
    page = phone.new_page()
    _onboard(live_server, page.request)
    page.goto(live_server.url + "/today")
    for item in page.locator("article.item").all():
        item.locator(".status label", has_text="Done").click()
    page.get_by_role("button", name="Save today's session").click()
    page.wait_for_url(f"**/today?date={TODAY}*")
    assert page.locator(".celebrate").is_visible()
    assert "saved=" not in page.url  # the address forgets it at once
    assert page.url.endswith(f"/today?date={TODAY}")
    page.reload()
    assert page.locator(".celebrate").count() == 0
    assert page.get_by_text("Today is logged").is_visible()
    # an address that still says saved=1 (a bookmark, the back button) shows it once more, then
    # forgets it too
    page.goto(f"{live_server.url}/today?date={TODAY}&saved=1")
    assert page.locator(".celebrate").count() == 1 and "saved=" not in page.url
    page.reload()
    assert page.locator(".celebrate").count() == 0


@pytest.mark.parametrize(("scheme", "first", "then"), [("light", "Dark look", "Light look"),
                                                      ("dark", "Light look", "Dark look")])  # fmt: skip
def test_the_look_button_says_what_pressing_it_does(
    seeded: LiveServer, browser: Any, scheme: str, first: str, then: str
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(seeded.url + "/week")
        button = page.locator("[data-theme-toggle]")
        assert button.inner_text().strip() == first
        # a button whose words change must not also say "pressed": the look it names is not on
        assert button.get_attribute("aria-pressed") == "false"
        assert page.get_by_role("button", name=first, pressed=False).is_visible()
        button.click()
        assert button.inner_text().strip() == then
        assert button.get_attribute("aria-pressed") == "false"
        shown = "dark" if first == "Dark look" else "light"
        assert page.evaluate("document.documentElement.dataset.theme") == shown
        page.reload()  # kept on this device
        assert page.locator("[data-theme-toggle]").inner_text().strip() == then
    finally:
        context.close()


def _luminance(rgb: str) -> float:
    parts = [float(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
              for c in parts]  # fmt: skip
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOURS = """() => {
  const card = getComputedStyle(document.querySelector('.chart')).backgroundColor;
  const texts = [...document.querySelectorAll('.chart text')].map(t => getComputedStyle(t).fill);
  const marks = [...document.querySelectorAll('.chart .c-bar, .chart .c-done, .chart polyline')]
    .map(m => { const s = getComputedStyle(m); return m.tagName === 'polyline' ? s.stroke : s.fill; });
  return {card, texts, marks, page: getComputedStyle(document.body).backgroundColor};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_follow_the_look_with_readable_words(
    seeded: LiveServer, browser: Any, scheme: str
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(seeded.url + "/progress")
        found = page.evaluate(COLOURS)
        assert found["texts"] and found["marks"]
        white = "rgb(255, 255, 255)"
        assert (found["card"] == white) == (scheme == "light"), found["card"]
        for fill in set(found["texts"]):  # every word on a chart: WCAG AA for text
            assert _contrast(fill, found["card"]) >= 4.5, (scheme, fill, found["card"])
        for fill in set(found["marks"]):  # bars and the pain line: 3:1 for graphics
            assert _contrast(fill, found["card"]) >= 3, (scheme, fill, found["card"])
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pictures_follow_the_look(seeded: LiveServer, browser: Any, scheme: str) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(seeded.url + "/exercises/bird_dog")
        figure = page.locator("figure.pose")
        ground = figure.evaluate("f => getComputedStyle(f).backgroundColor")
        card = page.locator(".card").first.evaluate("c => getComputedStyle(c).backgroundColor")
        drawn = figure.locator("img").evaluate("i => getComputedStyle(i).filter")
        if scheme == "dark":
            assert ground == card and "invert" in drawn, (ground, card, drawn)
            assert _contrast(ground, "rgb(255, 255, 255)") > 10  # no white panel
        else:
            assert drawn == "none" and _contrast(ground, "rgb(255, 255, 255)") < 1.1
    finally:
        context.close()


def test_axe_finds_nothing_on_the_pages_with_pictures_and_charts_in_the_dark(
    seeded: LiveServer, browser: Any
) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE} (./scripts/test installs it)")
    context = browser.new_context(viewport=PHONE, color_scheme="dark", bypass_csp=True)
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for path in ("/progress", "/exercises/bird_dog", f"/today?date={TODAY}&edit=1",
                     "/today?date=2026-11-27"):  # fmt: skip
            page.goto(seeded.url + path)
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            violations = page.evaluate(RUN_AXE)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert not found, found
