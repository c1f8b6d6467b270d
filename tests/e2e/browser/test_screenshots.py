"""Each main page at phone (390x844) and desktop (1280x800) size, light and dark, compared with
committed reference images (see screens.py for the threshold and how to refresh them).

Deterministic: a fixed today and fixed data, no animations (reduced motion, and Playwright
stops any that remain), the fonts Debian installs (DejaVu via fontconfig), the viewport only
(the tab bar is fixed to the bottom of a phone's screen, so a full-page shot would cut it in).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import base_profile
from tests.e2e.browser.conftest import DESKTOP, PHONE, TODAY, LiveServer, _serve
from tests.e2e.browser.screens import SCREENS, compare, updating
from tests.integration.web.test_look import _gpx

pytestmark = pytest.mark.browser

#: the pages compared: the five tabs, the month, the walks, the first questions, and an exercise
#: with its picture (the still pair: these shots ask for reduced motion)
PAGES = {
    "today": "/today", "week": "/week", "month": "/month", "progress": "/progress",
    "library": "/exercises", "more": "/more", "walks": "/walks", "start": "/start",
    "exercise": "/exercises/bird_dog",
}  # fmt: skip
SIZES = {"phone": PHONE, "desktop": DESKTOP}


def seed(server: LiveServer, request: Any) -> None:
    """One person with a logged today, a partly done Monday, a skipped Sunday and a walk."""
    profile = base_profile(days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    assert request.post(f"{server.url}/api/profile", data=profile).ok
    plan = request.get(f"{server.url}/api/plan").json()
    items = next(d["items"] for d in plan["days"] if d["date"] == TODAY)
    today = {"date": TODAY, "pain_before": 3, "pain_during": 2, "pain_after": 2, "effort": 4,
             "note": "Felt steady.", "items": [{"id": i["id"], "status": "done"} for i in items]}  # fmt: skip
    for body in (
        today,
        {"date": "2026-11-23", "items": [{"id": "walking", "status": "partly"}]},
        {"date": "2026-11-22", "items": [{"id": "walking", "status": "skipped"}]},
    ):
        response = request.post(f"{server.url}/api/sessions", data=body)
        assert response.ok, response.text()
    token = request.get(f"{server.url}/api/me").json()["csrf_token"]
    walk = _gpx(datetime(2026, 11, 20, 7, 30, tzinfo=UTC), 24)
    response = request.post(
        f"{server.url}/api/imports", headers={"X-CSRF-Token": token},
        multipart={"files": {"name": "walk.gpx", "mimeType": "application/gpx+xml", "buffer": walk}},
    )  # fmt: skip
    assert response.ok and response.json()["files"][0]["status"] == "imported", response.text()


def seeded_server(
    tmp_path_factory: pytest.TempPathFactory, browser: Any, name: str
) -> Iterator[LiveServer]:
    """A served app holding the seeded person (shared by the look's browser tests)."""
    for server in _serve(tmp_path_factory.mktemp(name)):
        context = browser.new_context()
        try:
            seed(server, context.request)
        finally:
            context.close()
        yield server


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[LiveServer]:
    yield from seeded_server(tmp_path_factory, browser, "look")


def snap(page: Any, path: Path) -> None:
    page.screenshot(path=str(path), animations="disabled", caret="hide", scale="css")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_each_main_page_looks_as_its_reference(
    seeded: LiveServer, browser: Any, size: str, scheme: str
) -> None:
    context = browser.new_context(
        viewport=SIZES[size], device_scale_factor=1, color_scheme=scheme,
        reduced_motion="reduce", is_mobile=size == "phone", has_touch=size == "phone",
    )  # fmt: skip
    SCREENS.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(seeded.url + path)
            page.wait_for_load_state("networkidle")
            shot = SCREENS / f"{size}-{scheme}-{name}.png"
            snap(page, shot)
            results.append(compare(shot, f"{size}-{scheme}-{name}"))
    finally:
        context.close()
    if updating():
        pytest.skip("references refreshed; look at them before committing")
    failed = [
        f"{r.name}: {r.different:.2%} of pixels differ {r.note}".strip()
        for r in results
        if not r.ok
    ]
    assert not failed, "the look changed (see tests/artifacts/screens/*.diff.png): " + "; ".join(
        failed
    )
