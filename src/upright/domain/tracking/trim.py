"""Walks found in step counts, cut so they never overlap a better record of the same time.

The phone counts steps during a watch workout, so without this the same minutes would be
credited twice: once as the workout and once as a walk "found in step counts". A step walk
that overlaps a better activity keeps only its longest stretch outside every such activity;
if that stretch is shorter than the shortest walk we report, the walk is dropped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta
from typing import Final

from upright.domain.tracking.activity import Activity, activity_id
from upright.domain.tracking.stepwalks import MIN_WALK_S

#: The source of walks found in step counts (the least precise record of a walk).
STEP_SOURCE: Final = "apple_health_steps"
TRIMMED_NOTE: Final = "shortened: part of it was already recorded as another activity"


def span(a: Activity) -> tuple[float, float]:
    """Start and end in epoch seconds."""
    start = a.start.timestamp()
    return start, start + a.minutes * 60


def free_stretch(
    start: float, end: float, blockers: Iterable[tuple[float, float]]
) -> tuple[float, float] | None:
    """The longest part of [start, end] outside every blocker (the earliest when tied)."""
    best: tuple[float, float] | None = None
    here = start
    for lo, hi in sorted(blockers):
        if lo > here and (best is None or min(lo, end) - here > best[1] - best[0]):
            best = (here, min(lo, end))
        here = max(here, hi)
        if here >= end:
            break
    if here < end and (best is None or end - here > best[1] - best[0]):
        best = (here, end)
    return best


def trimmed(walk: Activity, lo: float, hi: float) -> Activity | None:
    """``walk`` cut to [lo, hi] (epoch s), its counts prorated; None when too short to keep."""
    start, end = span(walk)
    if hi - lo < MIN_WALK_S or end <= start:
        return None
    share = (hi - lo) / (end - start)
    new_start = walk.start + timedelta(seconds=lo - start)
    note = "; ".join(x for x in (walk.note, TRIMMED_NOTE) if x)
    return replace(
        walk,
        id=activity_id(walk.source, walk.kind, new_start, hi - lo),
        start=new_start,
        # rounded down: a walk cut at a workout's start must not reach into it
        minutes=math.floor((hi - lo) / 60 * 100) / 100,
        moving_minutes=round(walk.moving_minutes * share, 2),
        brisk_minutes=round(min(walk.brisk_minutes * share, (hi - lo) / 60), 2),
        distance_km=round(walk.distance_km * share, 3) if walk.distance_km is not None else None,
        steps=round(walk.steps * share) if walk.steps is not None else None,
        note=note,
    )
