"""What a new user met in the terminal, fixed: words instead of ids, an optional age, a clear
line when there is no terminal, and mistakes said in words."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.e2e.conftest import UPRIGHT
from tests.e2e.test_cli_core import PROFILE
from upright.domain import vocab

Run = Callable[..., CompletedProcess[str]]
#: the stored words a person must never have to read while answering
IDS = ("nonspecific_chronic", "cleared_with_restrictions", "exercise_bike", "no_rotation")


def _answers(*, age: str, conditions: str, clearance: str, restrictions: str = "") -> str:
    lines = [*["n"] * len(vocab.RED_FLAGS), "n", age, conditions, "4", "3", clearance]
    if restrictions:
        lines += [restrictions, ""]  # restrictions, then no walk limit
    lines += ["8", "3", "2", "mon,wed,fri", "30"]  # walk, equipment, prefers, days, minutes
    return "\n".join(lines) + "\n"


def test_start_shows_words_and_stores_the_same_ids(run: Run) -> None:
    answers = _answers(age="47", conditions="2", clearance="2", restrictions="3")
    result = run("start", input=answers)
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    for words in (
        "2) Back pain for longer, no specific cause found",
        "2) Yes, with some restrictions",
        "3) No twisting",
        "3) An exercise bike",
    ):
        assert words in said, words
    assert not [word for word in IDS if word in said]
    stored = json.loads(run("profile", "show", "--json").stdout)
    assert stored["conditions"] == ["nonspecific_chronic"]
    assert stored["clearance"] == "cleared_with_restrictions"
    assert stored["restrictions"] == ["no_rotation"]
    assert stored["equipment"] == ["exercise_bike"] and stored["prefers"] == "exercise_bike"


def test_the_stored_words_are_still_accepted_as_answers(run: Run) -> None:
    answers = _answers(age="47", conditions="sciatica", clearance="cleared")
    result = run("start", input=answers.replace("\n3\n2\nmon", "\nstrap\nwalking\nmon"))
    assert result.returncode == 0, result.stderr
    stored = json.loads(run("profile", "show", "--json").stdout)
    assert stored["conditions"] == ["sciatica"] and stored["clearance"] == "cleared"
    assert stored["equipment"] == ["strap"] and stored["prefers"] == "walking"


def test_age_is_optional_as_on_the_web(run: Run) -> None:
    result = run("start", input=_answers(age="", conditions="", clearance="1"))
    assert result.returncode == 0, result.stderr
    assert "optional" in result.stdout.split("How old are you?")[1].splitlines()[0]
    assert "age" not in json.loads(run("profile", "show", "--json").stdout)


def test_profile_show_says_words_not_stored_ids(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE + "first_episode = false\n")
    assert run("start", "--profile", "p.toml").returncode == 0
    shown = " ".join(run("profile", "show").stdout.split())
    assert "Doctor's clearance: Yes, cleared to exercise" in shown
    assert "Equipment: A mat, A strap or towel" in shown
    assert "Pain now (0-10): 4" in shown and "First episode: no" in shown
    assert "Diagnosis: Isthmic spondylolisthesis" in shown
    assert "Warning signs: none" in shown
    for code in ("pain_now", "isthmic_spondylolisthesis", "(cleared)", "False", "first_episode"):
        assert code not in shown, code


def _no_terminal(result: CompletedProcess[str]) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "terminal" in lines[0] and "upright start --profile FILE" in lines[0]


@pytest.mark.parametrize("ci", ["", "true"])
def test_start_with_no_input_says_what_to_do_in_one_line(tmp_path: Path, ci: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPRIGHT_")}
    env |= {"UPRIGHT_DATA_DIR": str(tmp_path / "data"), "CI": ci}
    result = subprocess.run(
        [UPRIGHT, "start"], stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env,
        timeout=60,
    )  # fmt: skip
    _no_terminal(result)
    assert result.stdout == ""  # refused before the first question


def test_start_whose_answers_run_out_says_the_same(run: Run) -> None:
    result = run("start", input="n\nn\n")
    _no_terminal(result)
    assert "input ended" in result.stderr


def test_mistakes_at_the_command_line_are_said_in_words(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert run("start", "--profile", "p.toml").returncode == 0
    cases = {
        ("today", "--date", "garbage"): "the date 'garbage' is not a date; use YYYY-MM-DD",
        ("why", "birddog"): 'Did you mean Bird dog (`upright why "bird dog"`)?',
        ("why", "moonwalk"): "`upright exercises` lists them all",
        ("log", "--all", "--effort", "12"): "how hard it felt (--effort): 12 is out of range",
        ("log", "--morning", "3"): "--morning: nothing was logged yesterday",
    }
    for args, words in cases.items():
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        line = " ".join(result.stderr.split())
        assert words in line, (args, line)
        for code in ("items[", "session.", "see the exercise library", "unknown session"):
            assert code not in line, (args, line)


def test_an_item_can_be_logged_by_its_name(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert run("start", "--profile", "p.toml").returncode == 0
    assert "Hamstring stretch with a strap" in run("today").stdout  # the first day's stretch
    logged = run("log", "--done", "hamstring stretch with a strap")
    assert logged.returncode == 0, logged.stderr
    stored = json.loads(run("export", "--json").stdout)["sessions"][0]
    assert [(i["id"], i["status"]) for i in stored["items"]] == [("hamstring_strap", "done")]
    assert run("why", "Hamstring Stretch With A Strap").returncode == 0


def test_why_and_the_exercise_list_read_in_words(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert run("start", "--profile", "p.toml").returncode == 0
    why = run("why", "walking")
    assert why.returncode == 0 and "whole body" in why.stdout and "whole_body" not in why.stdout
    listed = run("exercises").stdout
    assert "word (for why)" in listed
