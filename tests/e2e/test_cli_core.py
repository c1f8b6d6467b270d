"""The installed `upright` command, driven the way a person uses it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from upright.domain import vocab

Run = Callable[..., CompletedProcess[str]]

PROFILE = """
age = 54
conditions = ["isthmic_spondylolisthesis"]
pain_now = 4
pain_weeks = 20
red_flags = []
clearance = "cleared"
walk_minutes = 5
equipment = ["mat", "strap"]
prefers = "walking"
days = ["mon", "tue", "thu", "sat"]
minutes_per_day = 30
"""


def test_plan_json_from_a_profile_file(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    result = run("plan", "--profile", "p.toml", "--json", "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["week_start"] == "2026-11-23" and plan["stop"] is None
    assert [d["date"] for d in plan["days"]][0] == "2026-11-23" and len(plan["days"]) == 7
    tags = {m for d in plan["days"] for i in d["items"] for m in i["movements"]}
    assert "spinal_extension" not in tags
    assert any(e["id"] == "prone_press_up" for e in plan["excluded"])
    assert not (tmp_path / "data").exists(), "plan --profile stores nothing"


def test_plan_json_accepts_json_profiles_and_red_flags(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text(json.dumps({"age": 40, "red_flags": ["saddle_numbness"]}))
    result = run("plan", "--profile", "p.json", "--json")
    plan = json.loads(result.stdout)
    assert plan["stop"]["level"] == "emergency"
    assert all(not d["items"] for d in plan["days"])


def test_bad_profiles_get_one_clear_line_and_a_non_zero_exit(run: Run, tmp_path: Path) -> None:
    cases = {
        "cond.toml": (
            'age = 40\nconditions = ["bad_back"]\n',
            "conditions: unknown value 'bad_back'",
        ),
        "pain.toml": ("age = 40\npain_now = 12\n", "pain_now: 12 is out of range (allowed: 0-10)"),
        "flag.toml": ('age = 40\nred_flags = ["dizzy"]\n', "red_flags: unknown value 'dizzy'"),
        "broken.toml": ("age = = 40\n", "not valid TOML"),
        "broken.json": ('{"age": 40', "not valid JSON"),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text)
        result = run("plan", "--profile", name, "--json")
        assert result.returncode == 2, name
        assert message in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr and result.stdout == ""
    result = run("plan", "--profile", "missing.toml", "--json")
    assert result.returncode == 2 and "file not found" in result.stderr
    result = run("plan", "--profile", "cond.toml", "--date", "24/11/2026")
    assert result.returncode == 2 and "--date" in result.stderr


def test_start_today_week_why_exercises(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert run("start", "--profile", "p.toml").returncode == 0
    today = run("today")
    assert today.returncode == 0, today.stderr
    assert "Hamstring" in today.stdout and "Why:" in today.stdout
    week = run("week")
    assert week.returncode == 0 and "Week of" in week.stdout
    why = run("why", "prone_press_up")
    assert why.returncode == 0
    assert "isthmic spondylolisthesis" in why.stdout and "Sources:" in why.stdout
    assert "reference.md" not in why.stdout and "isthmic_" not in why.stdout
    unknown = run("why", "moonwalk")
    assert unknown.returncode == 2 and "no exercise called 'moonwalk'" in unknown.stderr
    assert "`upright exercises` lists them" in unknown.stderr
    catalog = run("exercises", "--json")
    rows = json.loads(catalog.stdout)
    assert len(rows) >= 30
    assert any(r["id"] == "prone_press_up" and r["for_you"] is False for r in rows)


def test_interactive_start_answers_questions(run: Run) -> None:
    answers = "\n".join([
        *["n"] * len(vocab.RED_FLAGS),  # red flags, first
        "n",  # not a first episode
        "47",  # age
        "sciatica",  # conditions
        "5",  # pain now
        "3",  # weeks
        "1",  # cleared
        "8",  # walk minutes
        "strap",  # equipment
        "1",  # walking
        "mon,wed,fri",  # days
        "30",  # minutes
    ]) + "\n"  # fmt: skip
    result = run("start", input=answers)
    assert result.returncode == 0, result.stderr
    assert "Saved" in result.stdout
    shown = json.loads(run("profile", "show", "--json").stdout)
    assert shown["conditions"] == ["sciatica"] and shown["walk_minutes"] == 8


def test_a_red_flag_answer_stops_at_once_with_the_urgent_message(run: Run) -> None:
    # the second question is a yes: nothing else is asked, the urgent message comes at once
    result = run("start", input="n\ny\n")
    assert result.returncode == 0, result.stderr
    assert "emergency department" in result.stdout and "999" in result.stdout
    assert "How old are you" not in result.stdout and "first week" not in result.stdout
    today = run("today")
    assert "EMERGENCY" in today.stdout and "Brisk walking" not in today.stdout


def test_a_same_day_answer_also_stops_at_once(run: Run) -> None:
    emergency = sum(1 for level in vocab.RED_FLAGS.values() if level == "emergency")
    result = run("start", input="n\n" * emergency + "y\n")
    assert result.returncode == 0, result.stderr
    assert "Contact a doctor or urgent care today" in result.stdout
    assert "How old are you" not in result.stdout


def test_a_soon_answer_asks_on_and_keeps_only_the_usual_walking(run: Run) -> None:
    before = sum(1 for level in vocab.RED_FLAGS.values() if level != "soon")
    soon = len(vocab.RED_FLAGS) - before
    answers = ["n"] * before + ["y"] + ["n"] * (soon - 1) + ["n", "n"]
    answers += ["60", "", "4", "20", "1", "10", "", "1", "mon,wed,fri", "30"]
    result = run("start", input="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert "See a doctor soon" in result.stdout and "flags_reviewed=true" in result.stdout
    today = run("today", "--date", "2026-11-25")
    assert "See a doctor soon" in today.stdout
    edited = run("profile", "edit", "flags_reviewed=true")
    assert edited.returncode == 0, edited.stderr
    assert "Saved" in edited.stdout


def test_interactive_start_re_asks_after_a_bad_answer(run: Run) -> None:
    answers = (
        "\n".join(
            [
                *["n"] * (len(vocab.RED_FLAGS) + 1),
                "200",
                "47",
                "",
                "11",
                "4",
                "3",
                "1",
                "8",
                "",
                "1",
            ]
            + ["mon", "30"]
        )
        + "\n"
    )
    result = run("start", input=answers)
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "Please answer with a whole number from 16 to 110." in said  # the age
    assert "Please answer with a whole number from 0 to 10." in said  # the pain now
    assert "age:" not in said and "pain_now" not in said


def test_profile_edit_keeps_history_and_refuses_bad_values(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    run("start", "--profile", "p.toml")
    assert run("profile", "edit", "pain_now=2").returncode == 0
    bad = run("profile", "edit", "pain_now=15")
    assert bad.returncode == 2 and "pain_now" in bad.stderr
    history = run("profile", "history")
    assert "v1" in history.stdout and "v2" in history.stdout and "v3" not in history.stdout


def test_today_before_start_says_what_to_do(run: Run) -> None:
    result = run("today")
    assert result.returncode == 2
    assert "upright start" in result.stderr
