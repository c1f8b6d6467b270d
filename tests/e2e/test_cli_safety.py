"""The safety net from the command line: a red flag in a later safety check stops the plan."""

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
pain_now = 2
clearance = "cleared"
walk_minutes = 10
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


def two_calm_weeks(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert at(run, MONDAY)("start", "--profile", "p.toml").returncode == 0
    for offset in range(14):
        day = MONDAY + timedelta(days=offset)
        logged = at(run, day)(
            "log", "--all", "--pain-before", "2", "--pain-during", "2", "--legs", "none",
            *(["--check-clear"] if offset % 7 == 0 else []),
        )  # fmt: skip
        assert logged.returncode == 0, logged.stderr


def test_a_red_flag_ticked_in_week_3s_check_stops_the_plan(run: Run, tmp_path: Path) -> None:
    two_calm_weeks(run, tmp_path)
    day = MONDAY + timedelta(days=15)  # Tue of week 3; Mon was logged, its morning is pending
    assert (
        at(run, day - timedelta(days=1))(
            "log", "--all", "--pain-before", "2", "--pain-during", "2"
        ).returncode
        == 0
    )
    # the morning answer is 8: a flare, so the short check comes at once; the first sign is a yes
    result = at(run, day)("log", input="8\ny\n")
    assert result.returncode == 0, result.stderr
    assert "flare mode" in result.stdout and "A short safety check" in result.stdout
    assert "emergency department" in result.stdout
    today = at(run, day)("today")
    assert "EMERGENCY" in today.stdout and "Brisk walking" not in today.stdout
    later = at(run, day + timedelta(days=9))("today")
    assert "EMERGENCY" in later.stdout
    export = json.loads(at(run, day)("export", "--json").stdout)
    checked = [s for s in export["sessions"] if s["date"] == day.isoformat()]
    assert checked and checked[0]["red_flags"] == ["saddle_numbness"]


def test_a_scripted_check_with_a_yes_stops_and_a_bad_leg_word_is_refused(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert at(run, MONDAY)("start", "--profile", "p.toml").returncode == 0
    day = MONDAY + timedelta(days=2)
    bad = at(run, day)("log", "--all", "--legs", "tingly")
    assert bad.returncode != 0 and "--legs" in bad.stderr and "tingly" in bad.stderr
    assert "new numbness or weakness" in " ".join((bad.stderr + bad.stdout).split())
    flagged = at(run, day)("log", "--all", "--pain-during", "2", "--red-flag", "pain_both_legs")
    assert flagged.returncode == 0, flagged.stderr
    assert "emergency department" in flagged.stdout
    assert "EMERGENCY" in at(run, day + timedelta(days=1))("today").stdout
