"""Walks a device recorded count toward the plan: import a real GPX walk and see today credit it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

Run = Callable[..., CompletedProcess[str]]
REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
WALK = REAL / "gpx" / "gpxpy__korita-zbevnica.gpx"  # a real hike on Sunday 2010-10-03
CAR = REAL / "gpx" / "gpxpy__around-visnjan-with-car.gpx"
PROFILE = """
age = 45
conditions = ["nonspecific_chronic"]
clearance = "cleared"
walk_minutes = 10
days = ["sun"]
minutes_per_day = 60
"""


def test_import_then_today_shows_the_walk_as_done(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    run("start", "--profile", "p.toml")
    first = run("import", str(WALK), str(CAR), "--json")
    assert first.returncode == 0, first.stderr
    body = json.loads(first.stdout)
    assert [f["status"] for f in body["files"]] == ["imported", "imported"]
    car = body["files"][1]["activities"][0]
    assert car["counted"] is False and car["note"]
    again = json.loads(run("import", str(WALK), "--json").stdout)
    assert again["files"][0]["status"] == "already_imported"
    listed = json.loads(run("activities", "--json").stdout)["activities"]
    assert len(listed) == 2
    os.environ["UPRIGHT_TODAY"] = "2010-10-03"
    try:
        today = run("today")
    finally:
        del os.environ["UPRIGHT_TODAY"]
    text = " ".join(today.stdout.split())
    assert "Done by your device" in text and "gpx" in text


def test_a_broken_file_fails_alone_and_stores_nothing(run: Run, tmp_path: Path) -> None:
    cut = tmp_path / "cut.gpx"
    cut.write_bytes((REAL / "gpx" / "togeojson__run.gpx").read_bytes()[:5000])
    result = run("import", str(cut), "--json")
    assert result.returncode == 1
    body = json.loads(result.stdout)
    assert body["files"][0]["status"] == "failed" and body["files"][0]["error"]
    assert "Traceback" not in result.stderr
    assert json.loads(run("activities", "--json").stdout)["activities"] == []
