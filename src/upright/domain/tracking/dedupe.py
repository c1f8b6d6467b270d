"""The same session from two sources (watch FIT and Apple Health, or one export read twice).

Two activities are the same when they are of the same family (a walk the phone called a run is
still the same outing) and overlap for most of the shorter one. When several candidates describe
one session, the richest record is kept: device files with samples before summaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from upright.domain.tracking.activity import Activity

#: Kinds that can describe the same outing when two devices disagree.
FAMILY: Final = {
    "walk": "foot",
    "run": "foot",
    "swim": "water",
    "water": "water",
    "bike": "bike",
    "elliptical": "elliptical",
    "other": "other",
}
#: Overlap (share of the shorter activity) above which two records are one session.
SAME_OVERLAP: Final = 0.5
#: Which source to keep, best first: the watch's own file has every sample; a GPX has positions;
#: an Apple Health workout has a summary; a walk found in step counts is the least precise.
SOURCE_RANK: Final = ("fit", "tcx", "gpx", "apple_health", "apple_health_steps")


def overlap_seconds(a: Activity, b: Activity) -> float:
    start = max(a.start, b.start)
    end = min(a.end, b.end)
    return max((end - start).total_seconds(), 0.0)


def same_activity(a: Activity, b: Activity) -> bool:
    """True when ``a`` and ``b`` are one session recorded twice."""
    if a.id == b.id:
        return True
    if FAMILY.get(a.kind, a.kind) != FAMILY.get(b.kind, b.kind):
        return False
    shorter = min(a.minutes, b.minutes) * 60
    if shorter <= 0:
        return a.start == b.start
    return overlap_seconds(a, b) >= SAME_OVERLAP * shorter


def preference(a: Activity) -> tuple[int, int, float]:
    """Sort key, smaller is better: source rank, then fewer missing fields, then longer."""
    rank = SOURCE_RANK.index(a.source) if a.source in SOURCE_RANK else len(SOURCE_RANK)
    missing = sum(v is None for v in (a.distance_km, a.steps, a.avg_hr))
    return (rank, missing, -a.minutes)


@dataclass(frozen=True)
class Duplicate:
    dropped: Activity
    kept: Activity


def pick(
    candidates: Iterable[Activity], existing: Sequence[Activity] = ()
) -> tuple[list[Activity], list[Duplicate]]:
    """Keep one activity per session.

    ``existing`` (already stored) always wins: storage has no replace, and the person may have
    seen those already. Among new candidates the best by :func:`preference` is kept. Returns
    (kept in time order, dropped with what they duplicate).
    """
    kept: list[Activity] = []
    dropped: list[Duplicate] = []
    for cand in sorted(candidates, key=preference):
        twin = next((e for e in existing if same_activity(cand, e)), None)
        if twin is None:
            twin = next((k for k in kept if same_activity(cand, k)), None)
        if twin is None:
            kept.append(cand)
        else:
            dropped.append(Duplicate(cand, twin))
    kept.sort(key=lambda a: a.start)
    return kept, dropped
