"""What a new user's trial found in the terminal (round 4), fixed: the week before the start,
why a person waiting for a doctor only walks, the full word to type, words instead of ids, an
empty progress said in words, and a port out of range said in words."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.e2e.conftest import UPRIGHT
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


@pytest.mark.parametrize("columns", ["80", "60"])
def test_exercises_never_cuts_the_word_to_type(run: Run, tmp_path: Path, columns: str) -> None:
    _start(run, tmp_path)
    words = [row["id"] for row in json.loads(run("exercises", "--json").stdout)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPRIGHT_")}
    env.update(UPRIGHT_DATA_DIR=str(tmp_path / "data"), COLUMNS=columns)
    result = subprocess.run(
        [UPRIGHT, "exercises"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split("│") for line in result.stdout.splitlines() if line.startswith("│")]
    assert max(len(line) for line in result.stdout.splitlines()) <= int(columns)
    assert "…" not in result.stdout
    assert [row[1].strip() for row in rows if row[1].strip()] == words


def test_progress_before_any_session_says_when_it_fills(run: Run, tmp_path: Path) -> None:
    _start(run, tmp_path)
    result = run("progress")
    assert result.returncode == 0, result.stderr
    assert "Your progress appears here after your first logged session" in result.stdout
    assert "Week of" not in result.stdout  # no table of empty weeks


@pytest.mark.parametrize("port", ["99999", "0", "abc", "-5"])
def test_serve_says_what_a_port_is(run: Run, port: str) -> None:
    result = run("serve", "--port", port)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "the port must be a number from 1 to 65535" in lines[0]
    assert "Input should" not in lines[0]


def test_log_help_says_exercise_names_and_the_answers_words(run: Run) -> None:
    shown = " ".join(run("log", "--help").stdout.split())
    assert "Item id" not in shown and "new_numbness_or_weakness" not in shown
    assert "its name" in shown and '"new numbness or weakness"' in shown


def test_a_wrong_done_lists_the_day_s_exercises_by_name(run: Run, tmp_path: Path) -> None:
    _start(run, tmp_path)
    result = run("log", "--done", "sit_ups")
    assert result.returncode == 2
    line = " ".join(result.stderr.split())
    assert "Walking" in line and "_" not in line.replace("sit_ups", ""), line


@pytest.mark.parametrize(
    ("said", "stored"),
    [("new numbness or weakness", "new_numbness_or_weakness"), ("new_numbness_or_weakness",
     "new_numbness_or_weakness"), ("The same", "same"), ("none", "none")],
)  # fmt: skip
def test_legs_takes_the_words_and_the_stored_word(
    run: Run, tmp_path: Path, said: str, stored: str
) -> None:
    _start(run, tmp_path)
    result = run("log", "--all", "--legs", said, "--check-clear")
    assert result.returncode == 0, result.stderr
    assert json.loads(run("export", "--json").stdout)["sessions"][-1]["leg_symptoms"] == stored


def test_legs_refuses_other_words_naming_the_answers(run: Run, tmp_path: Path) -> None:
    _start(run, tmp_path)
    result = run("log", "--all", "--legs", "tingly")
    assert result.returncode == 2
    line = " ".join(result.stderr.split())
    assert "'tingly'" in line and '"no leg symptoms"' in line and "_" not in line


def test_card_footers_name_the_exercise_and_why_takes_it(run: Run, tmp_path: Path) -> None:
    _start(run, tmp_path)
    footers = re.findall(r'upright why "([^"]+)"', run("today").stdout)
    assert footers and not [f for f in footers if "_" in f]
    for name in footers:
        assert run("why", name).returncode == 0, name


def test_days_are_said_without_a_leading_zero_or_iso_dates(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UPRIGHT_TODAY", "2026-12-06")
    _start(run, tmp_path)
    assert "Today, Sunday 6 December" in run("today").stdout
    week = run("week").stdout
    assert "Week of Monday 30 November" in week and "2026-11-30" not in week
