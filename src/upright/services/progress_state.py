"""Progress state from history (issue 3 fills this in); for now every person starts fresh."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from upright.domain.profile import Profile
from upright.domain.progression.state import ProgressState, initial_state
from upright.domain.safety.screening import Screening


def read_history(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    sessions = data.get("sessions", [])
    return [dict(s) for s in sessions] if isinstance(sessions, list) else []


def state_for(
    profile: Profile, screening: Screening, history: list[dict[str, Any]], on: date
) -> ProgressState:
    return initial_state(profile)
