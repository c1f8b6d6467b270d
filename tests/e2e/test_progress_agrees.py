"""The web progress page and `upright progress` show the same walking target for the same week.

The trial saw 120 on the page (the far goal, drawn as "goal") and 70 in the terminal (this week's
plan). The week's target is the plan's walking minutes for that week: one number, from the
progress service, in both.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from subprocess import CompletedProcess

from fastapi.testclient import TestClient

from tests.conftest import base_profile
from tests.integration.web.conftest import session_for
from upright import bootstrap
from upright.adapters.storage import database
from upright.config import Settings
from upright.web.app import create_app

Run = Callable[..., CompletedProcess[str]]
TODAY = date(2026, 11, 25)
TARGET = re.compile(r"This week's walking target: (\d+) minutes, from your plan\.")


def test_the_web_page_and_the_cli_show_the_same_weekly_walking_target(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "data").mkdir()
    url = f"sqlite:///{tmp_path}/data/upright.db"  # where the `run` fixture's CLI looks
    engine = database.make_engine(url)
    database.upgrade(engine)
    engine.dispose()
    settings = Settings(
        data_dir=tmp_path / "data", database_url=url, mode="local", secret_key="", today=TODAY
    )
    services = bootstrap.build(settings)
    try:
        with TestClient(create_app(settings, services)) as web:
            days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            assert web.post("/api/profile", json=base_profile(days=days)).status_code == 201
            assert web.post("/api/sessions", json=session_for(web)).status_code == 201
            api = web.get("/api/progress").json()
            page = html.unescape(web.get("/progress").text)
    finally:
        services.close()
    planned = api["weeks"][-1]["walking_planned"]
    assert api["walking_target"] == planned == 70  # step 1: 2 walks of 5 minutes, 7 days
    assert api["goal"]["weekly_minutes"] == 120  # the far goal stays in its own place
    on_page = TARGET.search(page)
    assert on_page and int(on_page.group(1)) == planned
    # the chart draws each week against its own plan, not a goal line of 120
    assert "10 of 70 minutes" in page and "goal 120" not in page
    assert "10 min of 70 min" in page  # the table, as the CLI's "10 / 70"

    os.environ["UPRIGHT_TODAY"] = TODAY.isoformat()
    try:
        cli = run("progress")
        as_json = run("progress", "--json")
    finally:
        del os.environ["UPRIGHT_TODAY"]
    assert cli.returncode == 0, cli.stderr
    in_terminal = TARGET.search(cli.stdout)
    assert in_terminal and in_terminal.group(0) == on_page.group(0)
    assert "10 / 70" in cli.stdout
    assert json.loads(as_json.stdout)["walking_target"] == api["walking_target"]
