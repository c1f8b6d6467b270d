"""Accessibility: axe-core (WCAG 2 A and AA rules) finds nothing on the main pages.

axe-core comes from the npm registry at test time (`./scripts/test` installs it into
`.cache/axe`); the test skips when it is not there.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser.conftest import PHONE, TODAY, LiveServer

AXE = Path(os.environ.get("UPRIGHT_TEST_AXE", ".cache/axe/node_modules/axe-core/axe.min.js"))
PAGES = ("/today", "/week", "/progress", "/exercises", "/exercises/bird_dog", "/learn",
         "/profile", "/data", "/import", "/start")  # fmt: skip
PROFILE = {
    "age": 61,
    "conditions": ["spinal_stenosis"],
    "pain_now": 4,
    "clearance": "cleared",
    "walk_minutes": 10,
    "equipment": ["strap", "exercise_bike"],
    "days": ["mon", "wed", "fri"],
    "minutes_per_day": 40,
}

RUN_AXE = """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations
    .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)"""


@pytest.mark.browser
def test_the_main_pages_have_no_wcag_a_or_aa_violations(
    browser: Any, live_server: LiveServer
) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE} (./scripts/test installs it)")
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    response = page.request.post(f"{live_server.url}/api/profile", data=PROFILE)
    assert response.ok, response.text()
    plan = page.request.get(f"{live_server.url}/api/plan").json()
    items = next(d["items"] for d in plan["days"] if d["date"] == TODAY)
    session = {"date": TODAY, "pain_before": 3, "pain_during": 2,
               "items": [{"id": i["id"], "status": "done"} for i in items]}  # fmt: skip
    assert page.request.post(f"{live_server.url}/api/sessions", data=session).ok
    script = AXE.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        page.add_script_tag(content=script)
        violations = page.evaluate(RUN_AXE)
        if violations:
            found[path] = violations
    context.close()
    assert not found, found
