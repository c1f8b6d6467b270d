"""The due-rules, one boundary at a time (each test moves one fact across its threshold)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from upright.domain.errors import InvalidInput
from upright.domain.progression.engine import GAP_REENTRY_DAYS
from upright.domain.reminders import Situation, due, fire_at, in_quiet_hours, parse_settings
from upright.domain.reminders.due import STOP_REPEAT_DAYS

WED = date(2026, 11, 25)  # a Wednesday
LINE = "Brisk walk and Bird dog (about 15 minutes)"


def settings(**over: object):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "days": ["mon", "wed", "fri"],
        "time": "08:00",
        "timezone": "UTC",
        "channels": ["email"],
    }
    data.update(over)
    return parse_settings(data)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC)


def kinds(result: list) -> list[str]:  # type: ignore[type-arg]
    return [m.kind for m in result]


def test_session_due_at_the_time_not_a_minute_before() -> None:
    s = Situation(WED, session_line=LINE, active_days=frozenset({WED - timedelta(days=2)}))
    assert due(settings(), s, at(WED, 7, 59)) == []
    found = due(settings(), s, at(WED, 8, 0))
    assert kinds(found) == ["session"]
    assert LINE in found[0].text


def test_nothing_on_a_day_not_chosen_or_a_rest_day_or_once_logged() -> None:
    s = Situation(WED, session_line=LINE)
    assert due(settings(days=["mon"]), s, at(WED, 9)) == []
    assert due(settings(), Situation(WED, session_line=None), at(WED, 9)) == []
    assert due(settings(), Situation(WED, LINE, active_days=frozenset({WED})), at(WED, 9)) == []


def test_nothing_without_a_channel_or_when_off() -> None:
    s = Situation(WED, session_line=LINE)
    assert due(settings(channels=[]), s, at(WED, 9)) == []
    assert due(settings(enabled=False), s, at(WED, 9)) == []


def test_never_twice_a_day() -> None:
    s = Situation(WED, LINE, last_sent={"session": WED})
    assert due(settings(), s, at(WED, 9)) == []
    s = Situation(WED, LINE, last_sent={"session": WED - timedelta(days=2)})
    assert kinds(due(settings(), s, at(WED, 9))) == ["session"]


def test_missed_day_gets_one_gentle_note() -> None:
    monday = WED - timedelta(days=2)
    friday_before = WED - timedelta(days=5)
    s = Situation(WED, LINE, active_days=frozenset({friday_before}))
    found = due(settings(), s, at(WED, 9))
    assert kinds(found) == ["missed_day"]
    assert "normal" in found[0].text and LINE in found[0].text
    # Monday was done: nothing missed
    s = Situation(WED, LINE, active_days=frozenset({monday}))
    assert kinds(due(settings(), s, at(WED, 9))) == ["session"]
    # a note already went out since the last session: plain session line
    s = Situation(
        WED, LINE, active_days=frozenset({friday_before}), last_sent={"missed_day": monday}
    )
    assert kinds(due(settings(), s, at(WED, 9))) == ["session"]


def test_restart_after_a_week_away_at_the_boundary() -> None:
    last = WED - timedelta(days=GAP_REENTRY_DAYS + 1)  # exactly GAP_REENTRY_DAYS days missed
    s = Situation(WED, LINE, reentry_step=2, active_days=frozenset({last}))
    found = due(settings(), s, at(WED, 9))
    assert kinds(found) == ["restart"]
    assert "step 2" in found[0].text
    assert not any(w in found[0].text.lower() for w in ("should have", "failed", "lazy"))
    one_less = Situation(WED, LINE, active_days=frozenset({last + timedelta(days=1)}))
    assert kinds(due(settings(), one_less, at(WED, 9))) != ["restart"]
    after_restart = Situation(
        WED, LINE, active_days=frozenset({last}), last_sent={"restart": WED - timedelta(days=2)}
    )
    assert kinds(due(settings(), after_restart, at(WED, 9))) == ["session"]


def test_stop_sends_only_what_to_do_and_not_every_day() -> None:
    s = Situation(WED, LINE, stop="Call your doctor today.")
    found = due(settings(), s, at(WED, 9))
    assert kinds(found) == ["stop"]
    assert "Call your doctor today." in found[0].text and LINE not in found[0].text
    recent = WED - timedelta(days=STOP_REPEAT_DAYS - 1)
    assert (
        due(settings(), Situation(WED, LINE, stop="x", last_sent={"stop": recent}), at(WED, 9))
        == []
    )
    old = WED - timedelta(days=STOP_REPEAT_DAYS)
    assert kinds(
        due(settings(), Situation(WED, LINE, stop="x", last_sent={"stop": old}), at(WED, 9))
    ) == ["stop"]


def test_quiet_hours_hold_the_message_until_they_end() -> None:
    quiet = settings(time="06:00", quiet_start="22:00", quiet_end="07:00")
    s = Situation(WED, LINE)
    assert due(quiet, s, at(WED, 6, 59)) == []
    assert kinds(due(quiet, s, at(WED, 7, 0))) == ["session"]
    assert due(quiet, s, at(WED, 22, 0)) == []
    assert kinds(due(quiet, s, at(WED, 21, 59))) == ["session"]


def test_quiet_hours_within_a_day() -> None:
    s = settings(quiet_start="12:00", quiet_end="14:00")
    assert not in_quiet_hours(s, at(WED, 11, 59))
    assert in_quiet_hours(s, at(WED, 12, 0))
    assert in_quiet_hours(s, at(WED, 13, 59))
    assert not in_quiet_hours(s, at(WED, 14, 0))


def test_local_day_in_the_persons_zone() -> None:
    tokyo = settings(timezone="Asia/Tokyo")
    # 23:30 UTC on Tuesday is 08:30 on Wednesday in Tokyo
    now = at(WED - timedelta(days=1), 23, 30)
    assert kinds(due(tokyo, Situation(WED, LINE), now)) == ["session"]
    with pytest.raises(ValueError):
        due(tokyo, Situation(WED - timedelta(days=1), LINE), now)


def test_a_time_skipped_by_daylight_saving_fires_after_the_gap() -> None:
    # Europe/Berlin springs forward on 2026-03-29 at 02:00 -> 03:00 (a Sunday)
    day = date(2026, 3, 29)
    s = settings(days=["sun"], time="02:30", timezone="Europe/Berlin")
    fire = fire_at(day, time(2, 30), s.zone)
    assert fire == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 local summer time
    assert due(s, Situation(day, LINE), fire - timedelta(minutes=1)) == []
    assert kinds(due(s, Situation(day, LINE), fire)) == ["session"]


def test_a_time_repeated_by_daylight_saving_fires_at_the_first() -> None:
    # New York falls back on 2026-11-01: 01:30 happens twice
    day = date(2026, 11, 1)
    s = settings(days=["sun"], time="01:30", timezone="America/New_York")
    first = fire_at(day, time(1, 30), s.zone)
    assert first == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert kinds(due(s, Situation(day, LINE), first)) == ["session"]
    second = first + timedelta(hours=1)
    assert due(s, Situation(day, LINE, last_sent={"session": day}), second) == []


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("timezone", "Mars/Olympus", "time zone"),
        ("timezone", "../etc/passwd", "time zone"),
        ("time", "25:00", "time of day"),
        ("time", "8am", "time of day"),
        ("days", ["someday"], "days"),
        ("channels", ["pigeon"], "channels"),
    ],
)
def test_bad_settings_name_the_field(field: str, value: object, needle: str) -> None:
    with pytest.raises(InvalidInput) as error:
        settings(**{field: value})
    assert needle in error.value.message


def test_quiet_hours_need_both_ends() -> None:
    with pytest.raises(InvalidInput, match="quiet hours"):
        settings(quiet_start="22:00")


def test_close_zone_names_are_suggested() -> None:
    with pytest.raises(InvalidInput) as error:
        settings(timezone="london")
    assert "Europe/London" in error.value.message
    with pytest.raises(InvalidInput) as error:
        settings(timezone="Europe/Lundon")
    assert "Europe/London" in error.value.message


def test_hook_kinds_pass_the_same_gates() -> None:
    from upright.domain.reminders import Due

    nudge = Due("buddy", WED, "Sam is walking today", "Sam is walking at 18:00.")
    s = Situation(WED, LINE)
    assert kinds(due(settings(), s, at(WED, 9), extra=[nudge])) == ["session", "buddy"]
    assert due(settings(), s, at(WED, 7), extra=[nudge]) == []
    stopped = Situation(WED, LINE, stop="Call your doctor.")
    assert kinds(due(settings(), stopped, at(WED, 9), extra=[nudge])) == ["stop"]
