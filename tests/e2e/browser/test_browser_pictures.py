"""Exercise pictures in a real browser: the figure moves; reduced motion and print get the still pair."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.browser.conftest import LiveServer, shot

pytestmark = pytest.mark.browser

PAGE = "/exercises/side_bridge?level=2"


def _near_box(page: Any, seconds: float) -> list[float]:
    """Where the near-side limbs are drawn at ``seconds`` into the loop (animation paused)."""
    box: list[float] = page.evaluate(
        """(t) => {
            const svg = document.documentElement;
            svg.pauseAnimations();
            svg.setCurrentTime(t);
            const r = svg.querySelector('.pose-near').getBoundingClientRect();
            return [r.x, r.y, r.width, r.height];
        }""",
        seconds,
    )
    return box


def _shown(page: Any) -> str:
    """The file the page's picture shows (the <picture> element's choice)."""
    src = ""
    for _ in range(50):  # the page's CSP refuses wait_for_function's eval: ask, and wait a bit
        src = page.evaluate(
            "() => { const i = document.querySelector('figure.pose img');"
            " return i.complete ? i.currentSrc : ''; }"
        )
        if src:
            break
        page.wait_for_timeout(100)
    return src


def test_the_exercise_page_shows_the_level_moving(live_server: LiveServer, phone: Any) -> None:
    page = phone.new_page()
    page.goto(live_server.url + PAGE)
    figure = page.locator("figure.pose")
    assert figure.get_attribute("data-level") == "2"
    image = figure.locator("img")
    assert image.is_visible() and image.bounding_box()["width"] > 200  # type: ignore[index]
    assert re.search(r"/pictures/side_bridge/2\.svg\?v=\w+$", _shown(page))
    assert page.evaluate("document.querySelector('figure.pose img').naturalWidth") > 0
    name = re.compile(r"Side bridge, level 2: Side bridge from the feet.*legs straight")
    assert page.get_by_role("img", name=name).first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "phone-exercise-picture")
    # the file it shows moves: the start and a moment into the hold are drawn in different places
    page.goto(_shown(page))
    start, later = _near_box(page, 0.0), _near_box(page, 2.2)
    assert max(abs(a - b) for a, b in zip(start, later, strict=True)) > 4


def test_reduced_motion_and_print_show_the_still_start_and_hold(
    live_server: LiveServer, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(live_server.url + PAGE)
        assert re.search(r"/pictures/side_bridge/2-still\.svg\?v=\w+$", _shown(page))
        assert page.locator("figure.pose img").is_visible()
        shot(page, "phone-exercise-picture-reduced-motion")
        page.goto(_shown(page))
        assert page.locator("text").all_text_contents() == ["Start", "Hold"]
        assert page.locator("animateTransform").count() == 0
    finally:
        context.close()


def test_print_shows_the_still_pair(live_server: LiveServer, desktop: Any) -> None:
    page = desktop.new_page()
    page.goto(live_server.url + PAGE)
    assert "2-still.svg" not in _shown(page)
    page.emulate_media(media="print")
    for _ in range(50):
        if "-still.svg" in _shown(page):
            break
        page.wait_for_timeout(100)
    assert "/pictures/side_bridge/2-still.svg" in _shown(page)
    assert page.locator("figure.pose img").is_visible()
