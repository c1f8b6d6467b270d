"""Day by day: what each day's logged answers mean for the days after it.

The weekly replay (``engine``) decides the ladder once a week; this module answers the same day.
A red flag answered yes stops the plan from that day on; new numbness or weakness with no safety
check answered pauses it until a check is answered; a flare (``pain.session_flare``,
``pain.morning_flare``, ``pain.leg_flare``) puts the days after it in flare mode until
``pain.CALM_DAYS_TO_RETURN`` calm days in a row (reference.md §3.1, §4.1, §4.7).

Only what was known by the end of ``known_until`` counts: sessions up to that day, and morning
answers given up to that day (the answer for day N is given on day N + 1).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from upright.domain.progression import pain
from upright.domain.tracking.logs import SessionLog


@dataclass(frozen=True)
class DayStatus:
    """One day's mode from the log (``normal``, ``flare`` or ``paused``), flags and reasons."""

    mode: str
    reasons: tuple[str, ...] = ()
    #: red-flag words answered yes on or before this day, with the first day each was answered
    flags: tuple[tuple[str, date], ...] = ()
    flare_since: date | None = None


@dataclass(frozen=True)
class DayCarry:
    """What the day-by-day walk carries into ``day`` (before that day is looked at). Resuming
    from it with the sessions since ``day - pain.USUAL_PAIN_DAYS - 1`` gives the same days as
    walking from the first session."""

    day: date
    flags: tuple[tuple[str, date], ...] = ()
    paused: bool = False
    flare_since: date | None = None
    flare_usual: float = 0.0
    flare_why: str = ""
    calm: int = 0
    #: the weeks (Mondays) with a flare, from the week before ``day`` on
    flare_weeks: tuple[date, ...] = ()


def known_sessions(sessions: Sequence[SessionLog], known_until: date) -> list[SessionLog]:
    """The sessions as they stood at the end of ``known_until`` (later answers left out)."""
    out = []
    for session in sorted(sessions, key=lambda s: s.day):
        if session.day > known_until:
            continue
        if session.day == known_until and session.pain_next_morning is not None:
            session = replace(session, pain_next_morning=None)  # given tomorrow
        out.append(session)
    return out


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _flare_text(since: date, first: str, calm: int, days_in: int, two_weeks: bool) -> list[str]:
    texts = [
        f"Flare mode since {since:%a %d %b}. {first}",
        f"Until it settles: only gentle movement and {pain.FLARE_WALKS_MIN}-{pain.FLARE_WALKS_MAX} "
        f"short walks of {pain.FLARE_WALK_MIN_MINUTES}-{pain.FLARE_WALK_MAX_MINUTES} minutes a "
        "day, never more than before the flare; nothing steps up. Stay active: flare-ups are "
        "common and usually settle (reference.md §4.7).",
        f"Tell Upright each day how your back is. After {pain.CALM_DAYS_TO_RETURN} calm days in a "
        f"row (pain back near your usual level) the plan returns to where it was; calm days so "
        f"far: {calm} of {pain.CALM_DAYS_TO_RETURN}.",
    ]
    if days_in >= pain.FLARE_DAYS_TO_SEE_CLINICIAN:
        texts.append(
            f"It has not settled in {pain.FLARE_DAYS_TO_SEE_CLINICIAN} days: please see a doctor "
            "or physiotherapist (reference.md §4.7)."
        )
    if two_weeks:
        texts.append(
            f"Your back has flared {pain.FLARE_WEEKS_TO_SEE_CLINICIAN} weeks in a row: please see "
            "a doctor or physiotherapist before pushing on (reference.md §4.1)."
        )
    return texts


PAUSED_TEXT = (
    "You noted new numbness or weakness in a leg. The plan is paused until you answer the short "
    "safety check (logging asks it); if it gets worse, contact a doctor today (reference.md §3.1)."
)


def timeline(
    sessions: Sequence[SessionLog],
    start: date,
    end: date,
    known_until: date,
    baseline: int | None,
) -> dict[date, DayStatus]:
    """The status of each day from ``start`` to ``end`` (inclusive)."""
    out, _ = resume_timeline(sessions, start, end, known_until, baseline)
    return out


def resume_timeline(
    sessions: Sequence[SessionLog],
    start: date,
    end: date,
    known_until: date,
    baseline: int | None,
    carry: DayCarry | None = None,
) -> tuple[dict[date, DayStatus], dict[date, DayCarry]]:
    """``timeline`` from ``carry`` (None: from the first session), and the carry into each
    Monday walked up to ``start`` and into ``start`` itself (the same whichever way they were
    reached, as long as ``known_until >= start``)."""
    known = known_sessions(sessions, known_until)
    if carry is not None:
        if carry.day > start:
            raise ValueError(f"a carry into {carry.day} cannot resume a timeline from {start}")
        since = carry.day - timedelta(days=pain.USUAL_PAIN_DAYS + 1)
        known = [s for s in known if s.day >= since]
    by_day = {s.day: s for s in known}
    days = [s.day for s in known]
    state = carry or DayCarry(min([start, *by_day]))
    flags: dict[str, date] = dict(state.flags)
    paused = state.paused
    flare_since = state.flare_since
    flare_usual = state.flare_usual
    flare_why = state.flare_why
    calm = state.calm
    back_text: str | None = None
    flare_weeks: set[date] = set(state.flare_weeks)
    out: dict[date, DayStatus] = {}
    carries: dict[date, DayCarry] = {}
    day = state.day
    while day <= end:
        if day == start or (day < start and day.weekday() == 0):
            carries[day] = DayCarry(
                day,
                tuple(flags.items()),
                paused,
                flare_since,
                flare_usual,
                flare_why,
                calm,
                tuple(sorted(w for w in flare_weeks if w >= _week(day) - timedelta(days=7))),
            )
        before = by_day.get(day - timedelta(days=1))
        back_text = None
        if before is not None:
            # the usual pain looks back USUAL_PAIN_DAYS days only
            index = bisect_left(days, before.day)
            lo = bisect_left(days, before.day - timedelta(days=pain.USUAL_PAIN_DAYS))
            usual = pain.usual_pain(known[lo:index], before.day, baseline)
            whys = [
                w
                for w in (
                    pain.session_flare(before, usual),
                    pain.morning_flare(before, usual),
                    pain.leg_flare(before),
                )
                if w is not None
            ]
            if whys:
                if flare_since is None:
                    flare_since, flare_usual = day, usual
                flare_why, calm = whys[0], 0
                flare_weeks.add(_week(before.day))
            elif flare_since is not None and flare_since <= before.day:
                if pain.is_calm(before, flare_usual):
                    calm += 1
                elif pain.has_pain_answer(before, with_morning=False):
                    calm = 0
                if calm >= pain.CALM_DAYS_TO_RETURN:
                    flare_since, calm = None, 0
                    back_text = (
                        f"Your back has been calm for {pain.CALM_DAYS_TO_RETURN} days in a row, "
                        "so the plan is back to where it was (reference.md §4.7)."
                    )
        today = by_day.get(day)
        if today is not None:
            for flag in today.red_flags or ():
                flags.setdefault(flag, day)
            if today.checked:
                paused = False
            elif today.leg_symptoms == "new_numbness_or_weakness":
                paused = True
        if day >= start:
            in_force = tuple(sorted(flags.items(), key=lambda kv: kv[1]))
            if paused:
                out[day] = DayStatus("paused", (PAUSED_TEXT,), in_force, flare_since)
            elif flare_since is not None:
                two = _week(day) in flare_weeks and _week(day) - timedelta(days=7) in flare_weeks
                texts = _flare_text(flare_since, flare_why, calm, (day - flare_since).days, two)
                out[day] = DayStatus("flare", tuple(texts), in_force, flare_since)
            else:
                out[day] = DayStatus("normal", (back_text,) if back_text else (), in_force)
        day += timedelta(days=1)
    return out, carries
