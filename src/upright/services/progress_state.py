"""Progress state from history: parse the logged sessions and replay them (pure domain)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from upright.domain.errors import HistoryError
from upright.domain.profile import Profile
from upright.domain.progression.engine import DeviceCredits, WeekRecord, replay
from upright.domain.progression.state import ProgressState
from upright.domain.safety.screening import Screening
from upright.domain.tracking.logs import SessionLog, parse_history


def read_history(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The sessions of a history file, checked for shape (ids are checked against the catalog later)."""
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise HistoryError("sessions", 'expected {"sessions": [...]}')
    extra = sorted(set(data) - {"sessions", "exported_at", "version"})
    if extra:
        raise HistoryError(extra[0], "unknown field", "sessions")
    return [dict(s) if isinstance(s, Mapping) else s for s in sessions]


def sessions_of(
    screening: Screening, history: Sequence[Mapping[str, Any]]
) -> tuple[SessionLog, ...]:
    # item ids must be catalog ids (the ids the plan prints)
    known = [a.exercise.id for a in screening.allowed] + [e.exercise.id for e in screening.excluded]
    return parse_history({"sessions": list(history)}, known)


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
