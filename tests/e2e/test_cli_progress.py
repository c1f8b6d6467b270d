"""Logging a week from the command line changes the next week, and `why` says why."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from subprocess import CompletedProcess

Run = Callable[..., CompletedProcess[str]]

PROFILE = """
age = 45
conditions = ["nonspecific_chronic"]
pain_now = 3
clearance = "cleared"
walk_minutes = 5
equipment = ["strap"]
days = ["mon", "wed", "fri"]
minutes_per_day = 60
"""
MONDAY = date(2026, 11, 2)


def at(run: Run, day: date) -> Run:
    def _run(*args: str, **kw: str) -> CompletedProcess[str]:
        os.environ["UPRIGHT_TODAY"] = day.isoformat()
        try:
            return run(*args, **kw)
        finally:
            del os.environ["UPRIGHT_TODAY"]

    return _run


def walking(plan_json: dict[str, object], day: date) -> dict[str, object]:
    days = plan_json["days"]  # type: ignore[index]
    for entry in days:  # type: ignore[attr-defined]
        if entry["date"] == day.isoformat():
            return next(i for i in entry["items"] if i["id"] == "walking")["dose"]
    raise AssertionError(day)


def test_a_good_week_steps_up_and_why_says_so(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert at(run, MONDAY)("start", "--profile", "p.toml").returncode == 0
    for offset in range(7):
        day = MONDAY + timedelta(days=offset)
        result = at(run, day)(
            "log", "--all", "--pain-before", "2", "--pain-during", "2", "--pain-after", "2",
            "--effort", "4",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert at(run, day + timedelta(days=1))("log", "--morning", "2").returncode == 0
    export = json.loads(at(run, MONDAY + timedelta(days=7))("export", "--json").stdout)
    assert len(export["sessions"]) == 7
    assert all(s["pain_next_morning"] == 2 for s in export["sessions"])
    week2 = at(run, MONDAY + timedelta(days=7))("today")
    assert "steps up to step 2" in " ".join(week2.stdout.split())
    why = at(run, MONDAY + timedelta(days=7))("why", "walking")
    text = " ".join(why.stdout.split())
    assert "Walking ladder step 2" in text and "went well" in text
    progress = at(run, MONDAY + timedelta(days=8))("progress", "--json")
    report = json.loads(progress.stdout)
    assert report["weeks"][0]["active_days"] == 7 and report["walking_step"] == 2
    assert report["streak_weeks"] >= 1


def test_a_flare_steps_back_and_logging_twice_counts_once(run: Run, tmp_path: Path) -> None:
    profile = PROFILE.replace("walk_minutes = 5", "walk_minutes = 15")
    (tmp_path / "p.toml").write_text(profile)
    at(run, MONDAY)("start", "--profile", "p.toml")
    for _ in range(2):  # the same day twice (the second an explicit replace): stored once
        result = at(run, MONDAY + timedelta(days=1))(
            "log", "--date", MONDAY.isoformat(), "--all", "--pain-during", "7", "--replace",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    export = json.loads(at(run, MONDAY + timedelta(days=7))("export", "--json").stdout)
    assert len(export["sessions"]) == 1
    (tmp_path / "h.json").write_text(json.dumps(export))
    before = json.loads(
        run("plan", "--profile", "p.toml", "--json", "--date", MONDAY.isoformat()).stdout
    )
    after = json.loads(
        run("plan", "--profile", "p.toml", "--history", "h.json", "--json",
            "--date", (MONDAY + timedelta(days=7)).isoformat()).stdout
    )  # fmt: skip
    first = walking(before, MONDAY)
    second = walking(after, MONDAY + timedelta(days=7))
    assert int(second["minutes"]) * int(second["times"]) < int(first["minutes"]) * int(
        first["times"]
    )
    why = at(run, MONDAY + timedelta(days=7))("why", "walking")
    assert "7/10" in " ".join(why.stdout.split())


def test_bad_logs_are_refused_and_nothing_is_stored(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    at(run, MONDAY)("start", "--profile", "p.toml")
    today = at(run, MONDAY + timedelta(days=2))
    cases = [
        (("log", "--done", "moonwalk"), "'moonwalk' is not in your plan for Wednesday 4 November"),
        (
            ("log", "--done", "moonwalk"),
            "use one of its items: Hamstring stretch with a strap; Walking",
        ),
        (
            ("log", "--done", "walking", "--pain-during", "11"),
            "the worst pain during (--pain-during): 11 is out of range; use a number from 0 to 10",
        ),
        (("log", "--date", "2026-12-25", "--all"), "in the future"),
        (("log", "--done", "curl_up", "--date", "2026-11-03"), "not in your plan for Tuesday 3"),
    ]
    for args, message in cases:
        result = today(*args)
        assert result.returncode == 2, (args, result.stdout)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert json.loads(today("export", "--json").stdout) == {"sessions": []}


def test_history_file_errors_name_the_problem(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    (tmp_path / "bad.json").write_text(
        '{"sessions": [{"date": "2026-11-02", "items": [{"id": "moonwalk"}]}]}'
    )
    (tmp_path / "broken.json").write_text('{"sessions": [')
    result = run("plan", "--profile", "p.toml", "--history", "bad.json", "--json")
    assert (
        result.returncode == 2
        and "sessions[0].items[0].id: unknown item 'moonwalk'" in result.stderr
    )
    result = run("plan", "--profile", "p.toml", "--history", "broken.json", "--json")
    assert result.returncode == 2 and "not valid JSON" in result.stderr


def test_simulate_reports_weeks_to_goal(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    result = run(
        "simulate", "--profile", "p.toml", "--weeks", "12", "--json", "--date", "2026-01-05"
    )
    body = json.loads(result.stdout)
    assert 6 <= body["weeks_to_single_walks"] <= 20
    assert len(body["weeks"]) == 12
