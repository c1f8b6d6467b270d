"""Turn what a file says about one session (a draft) into an Activity the plan can credit.

Adapters only extract facts (times, distances, samples, the sport the device named). The rules
of what counts are here: which kind it is when the file does not say, brisk minutes, impossible
speeds, runs never credited as walking, MET values for bike / elliptical / water sessions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from upright.domain.tracking.activity import Activity, activity_id
from upright.domain.tracking.brisk import (
    BRISK_SPEED_KMH,
    MAX_IMPOSSIBLE_SHARE,
    MIN_BOUT_S,
    WALK_MAX_KMH,
    Motion,
    analyse,
)
from upright.domain.tracking.samples import Track, mean_positive

#: Undeclared sessions: a typical moving pace up to this is a walk (people break into a run
#: near 7-8 km/h), up to RUN_MAX_KMH a run, and faster is a ride or a vehicle.
WALK_TYPICAL_MAX_KMH: Final = 7.5
RUN_MAX_KMH: Final = 16.0
#: A step rate this high while moving is running, whatever the pace (reference.md §4.5: 130
#: steps/min is already vigorous walking).
RUN_CADENCE_SPM: Final = 150.0

#: MET values, 2024 Adult Compendium (reference.md §5).
MET_BIKE: Final = (
    4.0  # stationary bike 50 W, 2024 Compendium 01214: the same value the plan doses with
)
MET_ELLIPTICAL: Final = 5.0  # 02048
MET_SWIM: Final = 5.8  # laps, slow freestyle, 18240
MET_WATER: Final = 5.3  # water aerobics / calisthenics, 02120
#: walking METs by pace in mph (2024 codes 17152 .. 17220)
MET_WALK_BY_MPH: Final = ((2.5, 2.8), (2.8, 3.0), (3.5, 3.8), (4.0, 4.8), (99.0, 5.5))
MET_WALK_UNKNOWN: Final = 3.0  # the moderate line (§5); used when pace is not known

AEROBIC_MET: Final = {
    "bike": MET_BIKE,
    "elliptical": MET_ELLIPTICAL,
    "swim": MET_SWIM,
    "water": MET_WATER,
}


@dataclass(frozen=True)
class ActivityDraft:
    """Facts about one session as read from a file; ``kind`` None = the file does not say."""

    source: str
    start: datetime
    elapsed_s: float
    kind: str | None = None
    timer_s: float | None = None
    distance_m: float | None = None
    steps: int | None = None
    avg_hr: float | None = None
    track: Track | None = None
    device: str | None = None
    native_id: str | None = None
    #: brisk seconds already known (e.g. from step records) when there is no track
    brisk_s: float | None = None
    notes: tuple[str, ...] = field(default=())


def infer_kind(motion: Motion) -> tuple[str, str | None]:
    """Kind of an undeclared session from its pace and cadence, with a note saying so."""
    if motion.typical_spm is not None and motion.typical_spm >= RUN_CADENCE_SPM:
        return "run", "kind guessed from cadence (the file does not name the sport)"
    pace = motion.typical_kmh
    if pace is None:
        return "other", "the file does not name the sport and has no positions to judge it"
    if pace <= WALK_TYPICAL_MAX_KMH:
        return "walk", "kind guessed from pace (the file does not name the sport)"
    if pace <= RUN_MAX_KMH:
        return "run", f"kind guessed from pace ({pace:.1f} km/h; the file does not name the sport)"
    return "other", (
        f"too fast for walking or running ({pace:.1f} km/h typical): a ride or a vehicle? "
        "Import it from a source that names the sport"
    )


def walk_met(km_per_h: float | None) -> float:
    if km_per_h is None or km_per_h <= 0:
        return MET_WALK_UNKNOWN
    mph = km_per_h / 1.609344
    for upper, met in MET_WALK_BY_MPH:
        if mph < upper:
            return met
    return MET_WALK_BY_MPH[-1][1]


def summarise(draft: ActivityDraft) -> Activity:
    """The Activity for a draft: minutes, brisk minutes, whether it counts, and why."""
    notes = list(draft.notes)
    motion = analyse(draft.track, draft.kind) if draft.track and len(draft.track) > 1 else None
    if draft.kind is not None:
        kind = draft.kind
    else:
        why: str | None = "the file does not name the sport"
        kind = "other"
        if motion is not None:
            kind, why = infer_kind(motion)
        if why:
            notes.append(why)

    elapsed = max(draft.elapsed_s, 0.0)
    moving = _moving_seconds(draft, motion, elapsed)
    distance = draft.distance_m
    if distance is None and motion is not None:
        distance = motion.distance_m
    avg_hr = draft.avg_hr if draft.avg_hr and draft.avg_hr > 0 else None
    if avg_hr is None and draft.track is not None:
        avg_hr = mean_positive(draft.track.hr)

    brisk = 0.0
    counted = True
    met: float | None = None
    if kind == "walk":
        brisk, counted = _walk_credit(draft, motion, moving, distance, notes)
        pace = motion.typical_kmh if motion and motion.has_speed else _avg_kmh(distance, moving)
        met = walk_met(pace) if counted else None
    elif kind == "run":
        counted = False
        notes.append("a run: recorded, never counted as walking (running jars the spine)")
    elif kind in AEROBIC_MET:
        met = AEROBIC_MET[kind]
        notes.append(f"counts as aerobic exercise: {met * moving / 60:.0f} MET-minutes")
    else:
        counted = False
        notes.append("not one of the plan's activities (walking, bike, elliptical, water)")

    ident = draft.native_id or activity_id(draft.source, kind, draft.start, elapsed)
    return Activity(
        id=ident,
        kind=kind,
        start=draft.start,
        minutes=round(elapsed / 60, 2),
        moving_minutes=round(moving / 60, 2),
        brisk_minutes=round(brisk / 60, 2),
        distance_km=round(distance / 1000, 3) if distance is not None else None,
        steps=draft.steps,
        avg_hr=round(avg_hr, 1) if avg_hr is not None else None,
        counted=counted,
        note="; ".join(dict.fromkeys(notes)) or None,
        source=draft.source,
        device=draft.device,
        met=met,
    )


def _moving_seconds(draft: ActivityDraft, motion: Motion | None, elapsed: float) -> float:
    if motion is not None and (motion.has_speed or motion.has_cadence):
        moving = motion.moving_s
        if draft.timer_s is not None:  # the device's own timer excludes its pauses
            moving = min(moving, draft.timer_s)
        return min(moving, elapsed)
    if draft.timer_s is not None:
        return min(max(draft.timer_s, 0.0), elapsed)
    return elapsed


def _avg_kmh(distance: float | None, seconds: float) -> float | None:
    if distance is None or seconds <= 0:
        return None
    return distance / seconds * 3.6


def _walk_credit(
    draft: ActivityDraft,
    motion: Motion | None,
    moving: float,
    distance: float | None,
    notes: list[str],
) -> tuple[float, bool]:
    """(brisk seconds, counted) for a walk, adding notes about anything not credited."""
    if motion is not None and (motion.has_speed or motion.has_cadence):
        if motion.spikes:
            notes.append(f"{motion.spikes} GPS spike(s) ignored")
        if motion.impossible_s > 0:
            minutes = motion.impossible_s / 60
            notes.append(f"{minutes:.1f} min faster than walking pace (vehicle or GPS error)")
            if motion.impossible_s > MAX_IMPOSSIBLE_SHARE * max(motion.moving_s, 1.0):
                notes.append("not counted: mostly at speeds impossible for a walk")
                return 0.0, False
        return min(motion.brisk_s, moving), True
    if draft.brisk_s is not None:
        return min(draft.brisk_s, moving), True
    pace = _avg_kmh(distance, moving)
    if pace is not None and pace > WALK_MAX_KMH:
        notes.append(f"average {pace:.1f} km/h is impossible for a walk: not counted")
        return 0.0, False
    if pace is not None and pace >= BRISK_SPEED_KMH and moving >= MIN_BOUT_S:
        notes.append("brisk minutes estimated from the average pace (no samples in the file)")
        return moving, True
    return 0.0, True
