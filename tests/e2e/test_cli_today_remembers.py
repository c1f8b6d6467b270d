"""`upright today` and `upright week` remember what was logged."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_cli_progress import MONDAY, PROFILE, Run, at


def test_today_says_it_is_logged_and_the_week_marks_it(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert at(run, MONDAY)("start", "--profile", "p.toml").returncode == 0
    before = " ".join(at(run, MONDAY)("today").stdout.split())
    assert "Logged:" not in before
    logged = at(run, MONDAY)("log", "--all", "--pain-before", "2", "--note", "easy one")
    assert logged.returncode == 0, logged.stderr
    today = " ".join(at(run, MONDAY)("today").stdout.split())
    assert "✓ Logged:" in today and "Walking done" in today and "Your note: easy one" in today
    assert "upright log --date 2026-11-02" in today
    week = " ".join(at(run, MONDAY)("week").stdout.split())
    assert "✓ done" in week and "skipped" not in week
