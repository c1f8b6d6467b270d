"""`upright start` stores when the episode began, so `profile show` a month later says 17 weeks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.e2e.test_cli_progress import MONDAY, PROFILE, Run, at


def test_thirteen_weeks_a_month_later_are_seventeen(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE + "pain_weeks = 13\n")
    assert at(run, MONDAY)("start", "--profile", "p.toml").returncode == 0
    month_later = at(run, MONDAY + timedelta(days=28))
    shown = " ".join(month_later("profile", "show").stdout.split())
    assert "Weeks of this episode: 17" in shown and "This episode began on: 2026-08-03" in shown
    # changing something else keeps the onset; changing the weeks counts back from today
    assert month_later("profile", "edit", "pain_now=2").returncode == 0
    assert "This episode began on: 2026-08-03" in month_later("profile", "show").stdout
    assert month_later("profile", "edit", "pain_weeks=1").returncode == 0
    again = " ".join(month_later("profile", "show").stdout.split())
    assert "Weeks of this episode: 1 " in again and "This episode began on: 2026-11-23" in again
