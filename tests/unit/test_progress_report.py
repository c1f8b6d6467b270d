"""The progress report is typed at the service boundary; its JSON keeps the contract's keys and
order (``progress --json``, ``/api/progress``, the doctor's report)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.conftest import MONDAY, base_profile
from upright import bootstrap
from upright.domain.profile import parse_profile
from upright.domain.progression.engine import replay
from upright.domain.safety.screening import screen
from upright.domain.tracking.logs import ItemLog, SessionLog
from upright.services.progress import Goal, ProgressReport, WeekRow, streak

LIBRARY = bootstrap.library()


def rows() -> tuple[WeekRow, ...]:
    profile = parse_profile(base_profile(walk_minutes=10))
    sc = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    history = [
        SessionLog(
            MONDAY + timedelta(days=d), (ItemLog("walking", "done"),), pain_before=2, pain_during=3
        )  # fmt: skip
        for d in (0, 2, 4, 14)
    ]
    _, records = replay(profile, sc, history, MONDAY + timedelta(days=21))
    return tuple(WeekRow.of(r) for r in records)


def test_a_week_row_in_json_has_the_contracts_keys_in_order() -> None:
    first = rows()[0].to_json()
    assert list(first) == [
        "week_start", "planned_days", "active_days", "walking_planned", "walking_minutes",
        "longest_walk", "pain_before_mean", "pain_during_max", "walking_step", "verdict",
        "reasons", "decision",
    ]  # fmt: skip
    assert first["week_start"] == MONDAY.isoformat() and first["active_days"] == 3
    assert first["pain_before_mean"] == 2 and first["pain_during_max"] == 3
    assert isinstance(first["reasons"], list)
    json.dumps(first)


def test_the_report_in_json_has_the_contracts_keys_in_order() -> None:
    goal = Goal(120, 30, "about 30 minutes")
    report = ProgressReport(date(2026, 12, 14), rows(), goal, 2, "walks", {"bird_dog": 2}, 1, 4,
                            "Keep going.")  # fmt: skip
    data = report.to_json()
    assert list(data) == [
        "today", "weeks", "goal", "walking_step", "walking", "levels", "streak_weeks",
        "sessions_logged", "message", "walking_target",
    ]  # fmt: skip
    assert data["walking_target"] is None  # added (issue 13, round 4): this week's plan
    assert data["goal"] == {
        "weekly_minutes": 120,
        "longest_walk": 30,
        "describe": "about 30 minutes",
    }
    assert data["today"] == "2026-12-14" and len(data["weeks"]) == 3
    json.dumps(data)


def test_a_quiet_week_breaks_the_streak_but_the_week_in_progress_does_not() -> None:
    weeks = rows()  # active, quiet, active
    assert [w.active_days > 0 for w in weeks] == [True, False, True]
    assert streak(weeks, MONDAY + timedelta(days=14)) == 1
    assert streak(weeks[:2], MONDAY + timedelta(days=7)) == 1
    assert streak(weeks[:2], MONDAY + timedelta(days=14)) == 0


def test_a_week_with_little_walking_done_reads_as_the_plan_decided_not_as_a_step_up() -> None:
    """Pain was fine (verdict "step_up") but 1 of the planned walks was done: the plan repeats
    the week, and the row says so (its decision is the next week's mode)."""
    from upright.web.progress_view import plain_week

    profile = parse_profile(base_profile(walk_minutes=10))
    sc = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    history = [SessionLog(MONDAY, (ItemLog("walking", "done", minutes=1),), pain_before=2)]
    _, records = replay(profile, sc, history, MONDAY + timedelta(days=14))
    row = WeekRow.of(records[0], records[1]).to_json()
    assert (
        records[1].state.mode == "hold"
        and "repeats the week" in records[1].state.walking_reasons[0]
    )
    assert row["decision"] == "hold"
    assert plain_week(row)["verdict_text"] == "Staying the same"
    assert row["verdict"] == "step_up"  # the pain verdict alone said step up
