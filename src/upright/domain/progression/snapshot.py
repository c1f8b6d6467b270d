"""A person's progression at the start of a week, as data: resume the replay from it.

Replaying five years of history for every plan costs seconds; the replay is a fold over the
weeks (``engine.resume``) and the days (``daily.resume_timeline``), so what the fold carries at
the start of a week is all a later plan needs besides the last two weeks of sessions. A
``Snapshot`` is that carry, to and from plain JSON. It is only valid for the profile, catalog,
rules and sessions it was computed from: ``fingerprint`` names the first three, and whoever
stores snapshots drops those after a changed day. Pure: data in, data out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from upright.domain.progression import pain
from upright.domain.progression.daily import DayCarry
from upright.domain.progression.engine import Carry
from upright.domain.progression.state import ProgressState

#: bump when the replay changes what it carries or decides: older snapshots stop matching
FORMAT: Final = 1
#: sessions before a snapshot's week that resuming from it still reads (the usual-pain window
#: of the day before the week)
LOOKBACK_DAYS: Final = pain.USUAL_PAIN_DAYS + 1


@dataclass(frozen=True)
class Snapshot:
    """The weekly replay's carry and the day-by-day walk's carry, both at ``week``'s Monday."""

    week: date
    carry: Carry
    days: DayCarry

    def reads_from(self) -> date:
        """The first day of history a replay resumed from here needs."""
        return self.week - timedelta(days=LOOKBACK_DAYS)

    def to_json(self) -> dict[str, Any]:
        c, d = self.carry, self.days
        return {
            "format": FORMAT,
            "week": self.week.isoformat(),
            "state": state_json(c.state),
            "last_day": c.last_day.isoformat() if c.last_day else None,
            "previous_mean": c.previous_mean,
            "flare_weeks": c.flare_weeks,
            "flagged": c.flagged,
            "days": {
                "flags": [[flag, day.isoformat()] for flag, day in d.flags],
                "paused": d.paused,
                "flare_since": d.flare_since.isoformat() if d.flare_since else None,
                "flare_usual": d.flare_usual,
                "flare_why": d.flare_why,
                "calm": d.calm,
                "flare_weeks": [w.isoformat() for w in d.flare_weeks],
            },
        }


def from_json(data: dict[str, Any]) -> Snapshot | None:
    """The snapshot, or None when it was written by another format (it is then recomputed)."""
    if data.get("format") != FORMAT:
        return None
    week = date.fromisoformat(data["week"])
    d = data["days"]
    carry = Carry(
        week,
        _state(data["state"]),
        _day(data["last_day"]),
        data["previous_mean"],
        int(data["flare_weeks"]),
        bool(data["flagged"]),
    )
    days = DayCarry(
        week,
        tuple((str(flag), date.fromisoformat(day)) for flag, day in d["flags"]),
        bool(d["paused"]),
        _day(d["flare_since"]),
        float(d["flare_usual"]),
        str(d["flare_why"]),
        int(d["calm"]),
        tuple(date.fromisoformat(w) for w in d["flare_weeks"]),
    )
    return Snapshot(week, carry, days)


def fingerprint(*parts: Any) -> str:
    """A short digest of what a snapshot was computed from (the effective profile, the
    catalog and rules), with the format: any change gives another fingerprint."""
    text = json.dumps([FORMAT, *parts], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def state_json(state: ProgressState) -> dict[str, Any]:
    return {
        "walking_step": state.walking_step,
        "walking_reasons": list(state.walking_reasons),
        "levels": dict(state.levels),
        "level_reasons": {k: list(v) for k, v in state.level_reasons.items()},
        "walk_bout_cap": state.walk_bout_cap,
        "clean_counts": dict(state.clean_counts),
        "mode": state.mode,
        "notes": list(state.notes),
    }


def _state(data: dict[str, Any]) -> ProgressState:
    return ProgressState(
        walking_step=int(data["walking_step"]),
        walking_reasons=tuple(data["walking_reasons"]),
        levels={str(k): int(v) for k, v in data["levels"].items()},
        level_reasons={str(k): tuple(v) for k, v in data["level_reasons"].items()},
        walk_bout_cap=data["walk_bout_cap"],
        clean_counts={str(k): int(v) for k, v in data["clean_counts"].items()},
        mode=str(data["mode"]),
        notes=tuple(data["notes"]),
    )


#: besides the one for the week planned, a snapshot every this many weeks is kept ...
EVERY_WEEKS: Final = 4
#: ... and every week of the last RECENT_WEEKS (progress shows 12 weeks: it resumes right there)
RECENT_WEEKS: Final = 16


def collect(
    carries: Sequence[Carry], days: Mapping[date, DayCarry], target: date
) -> list[Snapshot]:
    """The snapshots worth keeping from one replay: ``target``'s, every week of the last
    RECENT_WEEKS and one every EVERY_WEEKS before that."""
    recent = target - timedelta(weeks=RECENT_WEEKS)
    return [
        Snapshot(c.week, c, days[c.week])
        for c in carries
        if c.week in days and (c.week >= recent or (c.week.toordinal() // 7) % EVERY_WEEKS == 0)
    ]
