"""Where the replay of a person's history resumes: the stored progression snapshots.

The domain replays from a ``Snapshot`` (pure data); this module decides which stored one is
usable and what to read with it. A snapshot is usable when its fingerprint matches the profile
in force and the bundled data, and it is still stored: every write to a session or an imported
activity drops the snapshots of later weeks in the same transaction (storage), so a snapshot
never outlives a change to the history it was computed from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from upright.domain.profile import Profile
from upright.domain.progression.snapshot import Snapshot, fingerprint, from_json
from upright.domain.safety.clearance import in_force
from upright.services.access import Grant
from upright.services.library import Library
from upright.services.memo import Memo
from upright.services.ports import UnitOfWork

#: fingerprints of recent profiles (a profile is frozen: it compares by value)
_KEYS: Memo[str] = Memo(256)


#: profile fields the replay never reads (only the screening's note about how long the pain
#: has lasted does): they age every week, and a snapshot stays valid while they do. Tested by
#: tests/unit/progression/test_snapshot_replay.py (a profile with an onset, snapshot taken weeks
#: earlier).
AGEING_FIELDS = ("pain_weeks", "pain_onset")


def snapshot_key(profile: Profile, on: date, library: Library) -> str:
    """What a plan's snapshots are computed from: the profile in force on ``on`` (less the
    ageing fields) and the bundled data."""
    effective, _ = in_force(profile.as_of(on), on)
    return profile_key(effective, library)


def profile_key(profile: Profile, library: Library) -> str:
    """The fingerprint of a replay screened from exactly this profile (less the ageing fields)."""

    def key() -> str:
        data = {k: v for k, v in profile.to_dict().items() if k not in AGEING_FIELDS}
        return fingerprint(data, library.version)

    return _KEYS.get((profile, library.version), key)


def stored_snapshot(uow: UnitOfWork, grant: Grant, key: str, until: date) -> Snapshot | None:
    """The latest usable snapshot for a week starting on or before ``until`` (inside a unit of
    work that asked the policy)."""
    raw = uow.snapshots.latest(grant.subject_id, key, until)
    return from_json(raw) if raw is not None else None


def recent_sessions(
    uow: UnitOfWork, grant: Grant, snapshot: Snapshot | None
) -> Sequence[dict[str, Any]]:
    """The sessions a replay from ``snapshot`` reads (all of them without one)."""
    if snapshot is None:
        return uow.sessions.all(grant.subject_id)
    return uow.sessions.since(grant.subject_id, snapshot.reads_from())


def keep_snapshots(uow: UnitOfWork, grant: Grant, key: str, snapshots: list[Snapshot]) -> None:
    """Store these snapshots (the caller commits)."""
    uow.snapshots.save(grant.subject_id, key, [(s.week, s.to_json()) for s in snapshots])
