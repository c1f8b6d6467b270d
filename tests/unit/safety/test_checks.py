"""When the short safety check comes back while a person trains (reference.md §3.1, §4.7):
once a week, and at once after a flare, spreading leg pain or new numbness or weakness."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from upright.domain import vocab
from upright.domain.progression import pain
from upright.domain.safety.checks import CHECK_EVERY_DAYS, CHECK_FLAGS, LEG_WORDS, check_reasons
from upright.domain.tracking.logs import SessionLog

DAY = date(2026, 11, 25)
WEEKLY = f"It is {CHECK_EVERY_DAYS} days or more since the last safety check."
FLARE = (
    f"Your pain is above the flare line ({pain.PAIN_ACCEPTABLE}/10 and "
    f"{pain.FLARE_RISE} points above your usual)."
)


def log(day: date = DAY, **kw: Any) -> SessionLog:
    return SessionLog(day=day, items=(), **kw)


def test_the_check_asks_only_known_red_flags_and_offers_every_leg_answer() -> None:
    assert set(CHECK_FLAGS) <= set(vocab.RED_FLAGS)
    assert tuple(word for word, _ in LEG_WORDS) == vocab.LEG_SYMPTOMS


@pytest.mark.parametrize(
    ("since", "due"), [(CHECK_EVERY_DAYS - 1, False), (CHECK_EVERY_DAYS, True)]
)
def test_the_check_comes_back_a_week_after_the_last_one(since: int, due: bool) -> None:
    history = [log(DAY - timedelta(days=since), red_flags=()),
               log(DAY - timedelta(days=since + 5), red_flags=())]  # fmt: skip
    assert check_reasons(history, DAY) == ((WEEKLY,) if due else ())


def test_a_check_in_the_future_does_not_count_and_the_first_session_starts_the_week() -> None:
    first = [log(DAY - timedelta(days=CHECK_EVERY_DAYS)), log(DAY - timedelta(days=1))]
    assert check_reasons(first, DAY) == (WEEKLY,)
    assert check_reasons(first[1:], DAY) == ()
    later = [log(DAY + timedelta(days=1), red_flags=())]
    assert check_reasons(later + first, DAY) == (WEEKLY,)
    assert check_reasons([], DAY) == ()


def test_a_session_that_answered_the_check_needs_no_other() -> None:
    old = [log(DAY - timedelta(days=30))]
    answered = log(pain_during=10, leg_symptoms="spreading", red_flags=())
    assert check_reasons(old, DAY, answered) == ()
    assert check_reasons(old, DAY, log()) == (WEEKLY,)


@pytest.mark.parametrize(
    ("kw", "baseline", "reasons"),
    [
        ({"pain_during": pain.PAIN_ACCEPTABLE + 1}, pain.PAIN_ACCEPTABLE + 1 - pain.FLARE_RISE,
         (FLARE,)),
        ({"pain_during": pain.PAIN_ACCEPTABLE + 1}, pain.PAIN_ACCEPTABLE, ()),
        ({"pain_during": pain.PAIN_ACCEPTABLE}, 0, ()),
        ({"pain_before": 2, "pain_next_morning": 2 + pain.MORNING_NOT_SETTLED}, 2, (FLARE,)),
        ({"pain_before": 2, "pain_next_morning": 1 + pain.MORNING_NOT_SETTLED}, 2, ()),
        ({"leg_symptoms": "spreading"}, 0,
         ("The pain is spreading further down your leg.",)),
        ({"leg_symptoms": "new_numbness_or_weakness"}, 0,
         ("You noted new numbness or weakness.",)),
        ({"leg_symptoms": "same"}, 0, ()),
        ({"pain_during": 9, "leg_symptoms": "spreading"}, 0,
         (FLARE, "The pain is spreading further down your leg.")),
    ],
)  # fmt: skip
def test_a_flare_or_worse_legs_ask_the_check_at_once(
    kw: dict[str, Any], baseline: int, reasons: tuple[str, ...]
) -> None:
    assert check_reasons([], DAY, log(**kw), baseline) == reasons


def test_the_usual_pain_comes_from_the_days_before_the_session_only() -> None:
    high = [log(DAY - timedelta(days=d), pain_before=7, red_flags=()) for d in (1, 2, 3)]
    same_day = [log(DAY, pain_before=9, red_flags=())]
    now = log(pain_during=8)
    assert check_reasons(high, DAY, now, 0) == ()  # usual 7: 8 is not 2 points up
    assert check_reasons(same_day, DAY, now, 0) == (FLARE,)  # the day itself is not "earlier"
    assert check_reasons([], DAY, now, None) == (FLARE,)  # unknown usual level: 0


def test_a_check_answered_today_counts_today() -> None:
    history = [log(DAY - timedelta(days=30)), log(DAY, red_flags=())]
    assert check_reasons(history, DAY) == ()


def test_without_a_pain_before_the_morning_is_compared_with_the_usual_level() -> None:
    rise = log(pain_next_morning=3 + pain.MORNING_NOT_SETTLED)
    assert check_reasons([], DAY, rise, 3) == (FLARE,)
    assert check_reasons([], DAY, log(pain_next_morning=2 + pain.MORNING_NOT_SETTLED), 3) == ()
