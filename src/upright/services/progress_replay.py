"""The weeks the progress report shows, replayed from a stored snapshot when there is one.

The report shows the last few weeks; the replay only needs to start a little before them
(``services.snapshots``), so its cost does not grow with years of history. The records of the
shown weeks are the same as from a full replay (property-tested in the domain).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from upright.domain.planning.generator import week_start
from upright.domain.profile import Profile
from upright.domain.progression.engine import DeviceCredits, WeekRecord, resume
from upright.domain.progression.snapshot import Snapshot
from upright.domain.safety.screening import Screening
from upright.services.access import Grant
from upright.services.credits import device_credits
from upright.services.library import Library
from upright.services.ports import UnitOfWork
from upright.services.progress_state import BUILD, sessions_of
from upright.services.snapshots import profile_key, recent_sessions, stored_snapshot


@dataclass(frozen=True)
class RecentHistory:
    """What the progress report replays: the sessions since the snapshot (all without one)."""

    sessions: Sequence[dict[str, Any]]
    snapshot: Snapshot | None
    credits: DeviceCredits
    #: every session ever logged
    count: int

    @property
    def flagged(self) -> bool:
        """A red flag was answered yes in some logged session."""
        earlier = self.snapshot is not None and self.snapshot.carry.flagged
        return earlier or any(h.get("red_flags") for h in self.sessions)

    def records(self, profile: Profile, screening: Screening, until: date) -> list[WeekRecord]:
        """The week records up to the week before ``until`` (from the snapshot's week on)."""
        sessions = sessions_of(screening, self.sessions)
        carry = self.snapshot.carry if self.snapshot is not None else None
        _, records, _ = resume(profile, screening, sessions, until, self.credits, carry, BUILD)
        return records


def recent_history(
    uow: UnitOfWork, grant: Grant, profile: Profile, library: Library, today: date, weeks: int
) -> RecentHistory:
    """Read what a report of the last ``weeks`` weeks needs (inside a unit of work that asked
    the policy)."""
    key = profile_key(profile, library)  # the report screens the answers as stored
    first_shown = week_start(today) - timedelta(weeks=weeks - 1)
    snapshot = stored_snapshot(uow, grant, key, first_shown)
    sessions = list(recent_sessions(uow, grant, snapshot))
    count = uow.sessions.count(grant.subject_id) if snapshot is not None else len(sessions)
    start = snapshot.reads_from() if snapshot is not None else today - timedelta(weeks=weeks + 60)
    credits = device_credits(uow, grant, start, today)
    return RecentHistory(sessions, snapshot, credits, count)
