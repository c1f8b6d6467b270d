"""Progress state from history: parse the logged sessions and replay them (pure domain)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import partial
from typing import Any

from upright.domain.errors import HistoryError
from upright.domain.planning.plan import Plan
from upright.domain.profile import Profile
from upright.domain.progression.engine import DeviceCredits, WeekRecord, replay
from upright.domain.progression.state import ProgressState
from upright.domain.progression.week_plan import counted_plan, dose_key, on_week
from upright.domain.safety.screening import Screening
from upright.domain.tracking.logs import SessionLog, parse_history, parse_session
from upright.services.memo import Memo, text


def read_history(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The sessions of a history file, checked for shape (ids are checked against the catalog later)."""
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise HistoryError("sessions", 'expected {"sessions": [...]}')
    extra = sorted(set(data) - {"sessions", "exported_at", "version"})
    if extra:
        raise HistoryError(extra[0], "unknown field", "sessions")
    return [dict(s) if isinstance(s, Mapping) else s for s in sessions]


#: parsed sessions by their stored JSON (and the ids they may name): the same recent sessions
#: are read for every plan, log and progress view (about 1.5 KB each)
_PARSED: Memo[SessionLog] = Memo(4096)


#: histories longer than this are parsed without the memo (they are read once, without a
#: snapshot: the text keys would cost more than they save)
REMEMBER_UP_TO = 120


def _known(screening: Screening) -> frozenset[str]:
    """The item ids a session may name: the catalog ids the screening saw."""
    return frozenset(
        [a.exercise.id for a in screening.allowed] + [e.exercise.id for e in screening.excluded]
    )


def sessions_of(
    screening: Screening, history: Sequence[Mapping[str, Any]]
) -> tuple[SessionLog, ...]:
    # item ids must be catalog ids (the ids the plan prints)
    known = _known(screening)
    try:
        if len(history) > REMEMBER_UP_TO:
            # a whole history is read once (then a snapshot is stored): nothing to remember
            parsed = [parse_session("session", raw, known) for raw in history]
        else:
            parsed = [
                _PARSED.get((known, text(raw)), partial(parse_session, "session", raw, known))
                for raw in history
            ]
    except (HistoryError, TypeError, ValueError):
        parsed = []  # parse_history below says where, in its words
    days = [s.day for s in parsed]
    if len(parsed) != len(history) or len(set(days)) != len(days):
        return parse_history({"sessions": list(history)}, known)
    return tuple(sorted(parsed, key=lambda s: s.day))


def replay_for(
    profile: Profile,
    screening: Screening,
    history: Sequence[Mapping[str, Any]],
    on: date,
    credits: DeviceCredits | None = None,
) -> tuple[ProgressState, list[WeekRecord]]:
    return replay(profile, screening, sessions_of(screening, history), on, credits)


def state_for(
    profile: Profile,
    screening: Screening,
    history: list[dict[str, Any]],
    on: date,
    credits: DeviceCredits | None = None,
) -> ProgressState:
    state, _ = replay_for(profile, screening, history, on, credits)
    return state


#: week plans the replay counted against, by screening and dose (``week_plan.dose_key``),
#: moved to each week: a year of history has a handful of distinct doses, not 52 weeks to build
#: (about 20 KB each: 1,024 is ~20 MB per worker)
_WEEKS: Memo[tuple[Screening, Plan]] = Memo(1024)


def remembered_build(screening: Screening, week: date, state: ProgressState) -> Plan:
    """The week's plan as the replay counts it (``week_plan.counted_plan``: the same days,
    items and doses as ``build_plan``, without the reasons' words), remembered. The entry holds
    the screening itself, so its id cannot be reused by another screening while the entry
    lives."""
    key = (id(screening), dose_key(state))
    kept, plan = _WEEKS.get(key, lambda: (screening, counted_plan(screening, week, state)))
    if kept is not screening:  # cannot happen while the entry holds it; computed to be sure
        return counted_plan(screening, week, state)
    return on_week(plan, week, state.mode)


BUILD: Callable[[Screening, date, ProgressState], Plan] = remembered_build
