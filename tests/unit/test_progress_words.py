"""The progress table speaks in words: no `step_up`, `None` or `80.0`."""

from __future__ import annotations

import pytest

from upright.domain.progression.pain import VERDICTS
from upright.web.progress_view import VERDICT_WORDS, plain_week, week_rows


@pytest.mark.parametrize("verdict", VERDICTS)
def test_every_verdict_has_words(verdict: str) -> None:
    text = plain_week({"verdict": verdict})["verdict_text"]
    assert text == VERDICT_WORDS[verdict] and "_" not in text


def test_a_row_in_words() -> None:
    week = {"week_start": "2026-11-23", "walking_minutes": 80.0, "longest_walk": 12.6,
            "pain_before_mean": None, "verdict": None}  # fmt: skip
    row = week_rows({"weeks": [week]})[0]
    assert (row["walking_text"], row["longest_text"]) == ("80 min", "13 min")
    assert row["pain_text"] == "–" and row["verdict_text"] == "Week in progress"
    assert plain_week({"pain_before_mean": 2.5})["pain_text"] == "2.5 of 10"
    assert plain_week({"pain_before_mean": 3.0})["pain_text"] == "3 of 10"
    assert plain_week({"walking_minutes": 0})["walking_text"] == "0 min"
    shown = (row["walking_text"], row["longest_text"], row["pain_text"], row["verdict_text"])
    assert not any("None" in s or ".0" in s for s in shown)
