"""Property tests: random settings, plans, logs and time zones, ticking across DST days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from upright.domain.reminders import (
    WEEKDAYS,
    ReminderSettings,
    Situation,
    due,
    fire_at,
    in_quiet_hours,
)
from upright.domain.reminders.due import DAILY_KINDS
from upright.domain.reminders.schedule import next_check

# zones with DST (including a 30-minute one and southern-hemisphere ones) and without
ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "Pacific/Kiritimati",
]
# days around 2026's DST changes in those zones
STARTS = [
    date(2026, 3, 6),
    date(2026, 3, 26),
    date(2026, 4, 1),
    date(2026, 9, 1),
    date(2026, 9, 24),
    date(2026, 10, 22),
    date(2026, 10, 28),
]
TICK = timedelta(minutes=20)
DAYS = 12

times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


@st.composite
def cases(draw: st.DrawFn) -> tuple[ReminderSettings, date, frozenset[str], frozenset[date], bool]:
    quiet = draw(st.none() | st.tuples(times, times))
    s = ReminderSettings(
        days=tuple(draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True))),
        at=draw(times),
        timezone=draw(st.sampled_from(ZONES)),
        channels=("email",),
        quiet_start=quiet[0] if quiet else None,
        quiet_end=quiet[1] if quiet else None,
    )
    start = draw(st.sampled_from(STARTS)) + timedelta(days=draw(st.integers(0, 3)))
    plan_days = frozenset(draw(st.lists(st.sampled_from(WEEKDAYS), unique=True)))
    offsets = draw(st.lists(st.integers(-20, DAYS), unique=True, max_size=10))
    active = frozenset(start + timedelta(days=o) for o in offsets)
    stopped = draw(st.booleans())
    return s, start, plan_days, active, stopped


def run(
    s: ReminderSettings,
    start: date,
    plan_days: frozenset[str],
    active: frozenset[date],
    stopped: bool,
    gate: bool = False,
) -> list[tuple[datetime, str, date]]:
    zone = ZoneInfo(s.timezone)
    now = datetime.combine(start, time(0), tzinfo=zone).astimezone(UTC)
    end = now + timedelta(days=DAYS)
    last_sent: dict[str, date] = {}
    sent: list[tuple[datetime, str, date]] = []
    check = now
    while now < end:
        if gate and now < check:
            now += TICK
            continue
        check = next_check(s, now)
        today = now.astimezone(zone).date()
        line = "Walk (about 10 minutes)" if WEEKDAYS[today.weekday()] in plan_days else None
        done_so_far = frozenset(d for d in active if d <= today)
        situation = Situation(
            today,
            session_line=line,
            stop="See your doctor today." if stopped else None,
            reentry_step=1,
            active_days=done_so_far,
            last_sent=dict(last_sent),
        )
        for message in due(s, situation, now):
            sent.append((now, message.kind, message.local_date))
            last_sent[message.kind] = message.local_date
        now += TICK
    return sent


@settings(max_examples=150, deadline=None)
@given(cases())
def test_never_twice_never_quiet_only_what_to_do_in_a_stop(case) -> None:  # type: ignore[no-untyped-def]
    s, start, plan_days, active, stopped = case
    sent = run(s, start, plan_days, active, stopped)
    keys = [(kind, day) for _, kind, day in sent]
    assert len(keys) == len(set(keys)), "a kind went out twice on one local day"
    daily_per_day: dict[date, int] = {}
    for when, kind, day in sent:
        local = when.astimezone(ZoneInfo(s.timezone))
        assert local.date() == day
        assert not in_quiet_hours(s, local)
        assert WEEKDAYS[day.weekday()] in s.days
        assert when >= fire_at(day, s.at, ZoneInfo(s.timezone))
        if stopped:
            assert kind == "stop"
        else:
            assert kind != "stop"
            assert day not in active  # never a nudge for a day already done
        if kind in DAILY_KINDS:
            daily_per_day[day] = daily_per_day.get(day, 0) + 1
    assert all(count == 1 for count in daily_per_day.values())


@settings(max_examples=100, deadline=None)
@given(cases())
def test_a_session_day_is_never_lost(case) -> None:  # type: ignore[no-untyped-def]
    """Each chosen day with a session, not done, gets its nudge if a tick can carry it."""
    s, start, plan_days, active, _ = case
    sent = run(s, start, plan_days, active, stopped=False)
    zone = ZoneInfo(s.timezone)
    got = {day for _, kind, day in sent if kind in DAILY_KINDS}
    now = datetime.combine(start, time(0), tzinfo=zone).astimezone(UTC)
    end = now + timedelta(days=DAYS)
    could: set[date] = set()
    while now < end:
        local = now.astimezone(zone)
        day = local.date()
        if (
            WEEKDAYS[day.weekday()] in s.days
            and WEEKDAYS[day.weekday()] in plan_days
            and day not in active
            and now >= fire_at(day, s.at, zone)
            and not in_quiet_hours(s, local)
        ):
            could.add(day)
        now += TICK
    assert got == could


@settings(max_examples=100, deadline=None)
@given(cases())
def test_looking_only_at_next_check_loses_nothing(case) -> None:  # type: ignore[no-untyped-def]
    """The due query reads only ``next_check``; gating by it sends exactly the same messages."""
    s, start, plan_days, active, stopped = case
    everything = run(s, start, plan_days, active, stopped)
    gated = run(s, start, plan_days, active, stopped, gate=True)
    assert [(k, d) for _, k, d in gated] == [(k, d) for _, k, d in everything]
