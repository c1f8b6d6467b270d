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
            const svg = document.querySelector('.pose-anim');
            svg.pauseAnimations();
            svg.setCurrentTime(t);
            const r = svg.querySelector('.pose-near').getBoundingClientRect();
            return [r.x, r.y, r.width, r.height];
        }""",
        seconds,
    )
    return box


def test_the_exercise_page_shows_the_level_moving(live_server: LiveServer, phone: Any) -> None:
    page = phone.new_page()
    page.goto(live_server.url + PAGE)
    figure = page.locator("figure.pose")
    assert figure.get_attribute("data-level") == "2"
    moving, still = figure.locator("svg.pose-anim"), figure.locator("svg.pose-still")
    assert moving.is_visible() and not still.is_visible()
    assert moving.bounding_box()["width"] > 200  # type: ignore[index]
    name = re.compile(r"Side bridge, level 2: Side bridge from the feet.*legs straight")
    assert page.get_by_role("img", name=name).first.is_visible()
    # it moves: the start and a moment into the hold are drawn in different places
    start, later = _near_box(page, 0.0), _near_box(page, 2.2)
    assert max(abs(a - b) for a, b in zip(start, later, strict=True)) > 4
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "phone-exercise-picture")


def test_reduced_motion_and_print_show_the_still_start_and_hold(
    live_server: LiveServer, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(live_server.url + PAGE)
        figure = page.locator("figure.pose")
        assert not figure.locator("svg.pose-anim").is_visible()
        still = figure.locator("svg.pose-still")
        assert still.is_visible()
        assert still.locator("text").all_text_contents() == ["Start", "Hold"]
        shot(page, "phone-exercise-picture-reduced-motion")
    finally:
        context.close()


def test_print_shows_the_still_pair(live_server: LiveServer, desktop: Any) -> None:
    page = desktop.new_page()
    page.goto(live_server.url + PAGE)
    assert page.locator("svg.pose-anim").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("svg.pose-anim").is_visible()
    assert page.locator("svg.pose-still").is_visible()
