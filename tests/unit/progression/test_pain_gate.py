"""The pain-monitoring rule (reference.md §4.1) and the history format."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from upright.domain.errors import HistoryError
from upright.domain.progression.pain import judge
from upright.domain.tracking.logs import ItemLog, SessionLog, parse_history

DAY = date(2026, 11, 2)


def session(
    during: int, before: int = 2, morning: int | None = None, offset: int = 0
) -> SessionLog:
    return SessionLog(
        day=DAY + timedelta(days=offset),
        items=(ItemLog("walking", "done"),),
        pain_before=before,
        pain_during=during,
        pain_next_morning=morning,
    )


@pytest.mark.parametrize(
    ("sessions", "verdict", "flare"),
    [
        ([session(2), session(3, offset=2)], "step_up", False),
        ([session(2), session(5, offset=2)], "hold", False),
        ([session(2), session(6, offset=2)], "step_back", True),
        ([session(2, before=2, morning=4)], "step_back", True),
        ([session(2, before=2, morning=3)], "hold", False),
        ([session(2, before=2, morning=2)], "step_up", False),
    ],
)
def test_pain_decides_step_up_hold_or_back(
    sessions: list[SessionLog], verdict: str, flare: bool
) -> None:
    result = judge(sessions, previous_mean=None)
    assert (result.verdict, result.flare) == (verdict, flare)
    assert result.reasons


def test_a_bad_morning_counts_even_without_pain_before() -> None:
    no_before = SessionLog(DAY, (ItemLog("walking", "done"),), pain_during=2, pain_next_morning=5)
    assert judge([no_before], None, baseline=2).verdict == "step_back"
    very_bad = SessionLog(DAY, (ItemLog("walking", "done"),), pain_during=2, pain_next_morning=7)
    assert judge([very_bad], None).verdict == "step_back"


def test_a_rising_weekly_trend_holds() -> None:
    result = judge([session(2, before=5), session(2, before=5, offset=1)], previous_mean=3.0)
    assert result.verdict == "hold"
    assert "rose" in result.reasons[0]


def test_item_pain_counts_too() -> None:
    hurt = SessionLog(DAY, (ItemLog("bird_dog", "done", pain=7),), pain_before=1, pain_during=2)
    assert judge([hurt], None).verdict == "step_back"


@pytest.mark.parametrize(
    ("history", "field"),
    [
        (
            {"sessions": [{"date": "2026-11-02", "items": [{"id": "moonwalk"}]}]},
            "sessions[0].items[0].id",
        ),
        ({"sessions": [{"date": "02/11/2026", "items": []}]}, "sessions[0].date"),
        (
            {"sessions": [{"date": "2026-11-02", "pain_during": 11, "items": []}]},
            "sessions[0].pain_during",
        ),
        (
            {"sessions": [{"date": "2026-11-02", "items": [{"id": "walking", "done": "yes"}]}]},
            "sessions[0].items[0].done",
        ),
        (
            {"sessions": [{"date": "2026-11-02", "items": [{"id": "walking", "minutes": -3}]}]},
            "sessions[0].items[0].minutes",
        ),
        (
            {
                "sessions": [
                    {"date": "2026-11-02", "items": []},
                    {"date": "2026-11-02", "items": []},
                ]
            },
            "sessions",
        ),
        ({"session": []}, "session"),
    ],
)
def test_bad_history_names_the_field(history: dict[str, object], field: str) -> None:
    with pytest.raises(HistoryError) as caught:
        parse_history(history, ["walking", "bird_dog"])
    assert caught.value.field == field


def test_history_round_trips() -> None:
    raw = {"sessions": [{"date": "2026-11-02", "pain_before": 3, "effort": 4,
                         "items": [{"id": "walking", "done": True, "minutes": 12.5, "times": 2}]}]}  # fmt: skip
    parsed = parse_history(raw, ["walking"])
    again = parse_history({"sessions": [s.to_json() for s in parsed]}, ["walking"])
    assert parsed == again
    assert parsed[0].items[0].status == "done"
