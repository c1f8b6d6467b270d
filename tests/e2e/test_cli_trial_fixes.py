"""What a new user's trial found in the terminal (round 4), fixed: the week before the start,
why a person waiting for a doctor only walks, the full word to type, words instead of ids, an
empty progress said in words, and a port out of range said in words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.e2e.test_cli_core import PROFILE
from upright.domain.planning.first_week import BEFORE_START_NOTE

Run = Callable[..., CompletedProcess[str]]


def _start(run: Run, tmp_path: Path, profile: str = PROFILE) -> None:
    (tmp_path / "p.toml").write_text(profile)
    result = run("start", "--profile", "p.toml")
    assert result.returncode == 0, result.stderr


def test_week_says_the_days_before_the_start_are_not_owed(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UPRIGHT_TODAY", "2026-12-06")  # a Sunday
    _start(run, tmp_path)
    result = run("week")
    assert result.returncode == 0, result.stderr
    rows = [r for r in result.stdout.split("├") if "Dec" in r or "Nov" in r]
    shown = " ".join(result.stdout.split())
    assert shown.count(BEFORE_START_NOTE) == 6, result.stdout
    sunday = next(r for r in rows if "Sun 06 Dec" in r)
    assert BEFORE_START_NOTE not in " ".join(sunday.split())


def test_week_from_a_monday_has_no_days_before(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UPRIGHT_TODAY", "2026-11-30")  # a Monday: every day is the plan's
    _start(run, tmp_path)
    assert BEFORE_START_NOTE not in " ".join(run("week").stdout.split())


def test_today_says_why_only_walking_while_waiting_for_a_doctor(run: Run, tmp_path: Path) -> None:
    _start(run, tmp_path, PROFILE.replace('clearance = "cleared"', 'clearance = "not_yet"'))
    shown = " ".join(run("today").stdout.split())
    assert "Waiting for your doctor: until a doctor clears you" in shown
    assert "only the gentle walking starter" in shown
    assert "`upright clearance`" in shown


def test_today_says_nothing_of_waiting_once_cleared(run: Run, tmp_path: Path) -> None:
    _start(run, tmp_path)
    assert "Waiting for your doctor" not in run("today").stdout
