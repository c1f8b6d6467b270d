"""Apple Health ``<Workout>`` blocks: the facts each one holds, then a draft per workout.

Workouts carry their totals three ways depending on iOS version: attributes
(``totalDistance``, older), ``<WorkoutStatistics>`` children (iOS 16+), and a route either inline
as ``<Location>`` children (before iOS 13) or as a GPX file in the zip (``<FileReference>``).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from upright.adapters.importers import safexml
from upright.adapters.importers.apple_health import dates
from upright.adapters.importers.apple_health.store import UNIT_M, Intervals, Store
from upright.adapters.importers.base import XML_FORBIDDEN_CONTROLS
from upright.domain.errors import CorruptFile
from upright.domain.tracking.samples import Track, haversine_m
from upright.domain.tracking.sports import sport_kind
from upright.domain.tracking.stepwalks import StepInterval, brisk_seconds, steps_between
from upright.domain.tracking.summarise import ActivityDraft

_MINUTES = {"min": 60.0, "s": 1.0, "sec": 1.0, "hr": 3600.0, "h": 3600.0, "ms": 0.001}


@dataclass
class WorkoutFacts:
    type_name: str
    start: float
    end: float
    offset_min: int
    duration_s: float | None
    distance_m: float | None = None
    avg_hr: float | None = None
    steps: float | None = None
    source: str | None = None
    route_file: str | None = None
    route: Track | None = None
    notes: list[str] = field(default_factory=list)


def parse_block(block: bytes, path: str, offset: int) -> WorkoutFacts:
    # control characters (seen in real exports) are only removed where we parse XML
    elem = safexml.fragment(block.translate(None, XML_FORBIDDEN_CONTROLS), path, offset)
    get = elem.get
    try:
        start_raw = get("startDate")
        start = dates.aware(start_raw)
        end = dates.aware(get("endDate") or start_raw)
    except (TypeError, ValueError):
        raise CorruptFile(
            path, f"byte {offset}: <Workout startDate={get('startDate')!r}>: expected a date"
        ) from None
    duration = _float(get("duration"))
    if duration is not None:
        duration *= _MINUTES.get(get("durationUnit") or "min", 60.0)
    facts = WorkoutFacts(
        type_name=get("workoutActivityType") or "",
        start=start.timestamp(),
        end=end.timestamp(),
        offset_min=int((start.utcoffset() or timedelta(0)).total_seconds() // 60),
        duration_s=duration,
        distance_m=_distance(get("totalDistance"), get("totalDistanceUnit")),
        source=get("sourceName"),
    )
    for child in elem:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "WorkoutStatistics":
            _statistic(child, facts)
        elif tag == "WorkoutRoute":
            _route(child, facts)
    return facts


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _distance(value: str | None, unit: str | None) -> float | None:
    number = _float(value)
    if number is None or number <= 0:
        return None
    return number * UNIT_M.get((unit or "km").encode(), 1000.0)


def _statistic(elem: Any, facts: WorkoutFacts) -> None:
    kind = elem.get("type") or ""
    if kind.startswith("HKQuantityTypeIdentifierDistance"):
        facts.distance_m = facts.distance_m or _distance(elem.get("sum"), elem.get("unit"))
    elif kind == "HKQuantityTypeIdentifierHeartRate":
        facts.avg_hr = _float(elem.get("average"))
    elif kind == "HKQuantityTypeIdentifierStepCount":
        facts.steps = _float(elem.get("sum"))


def _route(elem: Any, facts: WorkoutFacts) -> None:
    t: array[float] = array("d")
    dist: array[float] = array("d")
    total = 0.0
    prev: tuple[float, float] | None = None
    for child in elem:
        if child.tag == "FileReference":
            facts.route_file = child.get("path")
        elif child.tag == "Location":
            try:
                stamp = dates.aware(child.get("date") or "").timestamp()
                lat = float(child.get("latitude"))
                lon = float(child.get("longitude"))
            except (TypeError, ValueError):
                continue
            if prev is not None:
                total += haversine_m(prev[0], prev[1], lat, lon)
            prev = (lat, lon)
            t.append(stamp)
            dist.append(total)
    if len(t) > 1:
        facts.route = Track(t=t, dist_m=dist)


#: Samples longer than this are not looked for before a window's start (phones write steps
#: in chunks of minutes, never hours).
MAX_SAMPLE_S = 3600.0


def window(iv: Intervals, start: float, end: float) -> list[StepInterval]:
    """Samples of one source overlapping [start, end]; ``iv`` is sorted by start."""
    lo = bisect_left(iv.start, start - MAX_SAMPLE_S)
    hi = bisect_right(iv.start, end)
    return [
        StepInterval(iv.start[i], iv.end[i], iv.value[i])
        for i in range(lo, hi)
        if iv.end[i] > start and iv.start[i] < end
    ]


def best_source(table: dict[str, Intervals], start: float, end: float) -> str | None:
    """The source that counted most in the window: iPhone and Watch overlap, never add them."""
    best: tuple[float, str] | None = None
    for name, iv in table.items():
        total = steps_between(window(iv, start, end), start, end)
        if total > 0 and (best is None or total > best[0]):
            best = (total, name)
    return best[1] if best else None


def draft(facts: WorkoutFacts, store: Store, route: Track | None) -> ActivityDraft:
    """An ActivityDraft for one workout, completed from records where the workout is silent."""
    start, end = facts.start, facts.end
    notes = list(facts.notes)
    steps = facts.steps
    brisk: float | None = None
    source = best_source(store.steps, start, end)
    step_ivs = window(store.steps[source], start, end) if source else []
    dist_source = best_source(store.distance, start, end)
    dist_ivs = window(store.distance[dist_source], start, end) if dist_source else []
    if steps is None and step_ivs:
        steps = steps_between(step_ivs, start, end)
    if route is None and (step_ivs or dist_ivs):
        brisk = brisk_seconds(step_ivs, dist_ivs)
    avg_hr = facts.avg_hr
    if avg_hr is None:
        avg_hr = _mean_hr(store.heart, start, end)
    distance = facts.distance_m
    if distance is None and dist_ivs:
        distance = steps_between(dist_ivs, start, end)
    elapsed = max(end - start, facts.duration_s or 0.0)
    return ActivityDraft(
        source="apple_health",
        start=dates.at(start, facts.offset_min),
        elapsed_s=elapsed,
        kind=sport_kind(facts.type_name),
        timer_s=facts.duration_s,
        distance_m=distance,
        steps=round(steps) if steps is not None else None,
        avg_hr=avg_hr,
        track=route,
        device=facts.source,
        brisk_s=brisk,
        notes=tuple(notes),
    )


def _mean_hr(heart: Intervals, start: float, end: float) -> float | None:
    """Mean heart rate recorded during the workout (``heart`` is sorted by time)."""
    lo = bisect_left(heart.start, start)
    hi = bisect_right(heart.start, end)
    values = [v for v in heart.value[lo:hi] if v > 0]
    return sum(values) / len(values) if values else None


def clip(track: Track, start: float, end: float, slack: float = 60.0) -> Track | None:
    """The part of a route inside the workout (route files can belong to another day)."""
    t = track.t
    lo = bisect_left(t, start - slack)
    hi = bisect_right(t, end + slack)
    if hi - lo < 2:
        return None
    cut = slice(lo, hi)
    return Track(
        t=t[cut],
        dist_m=track.dist_m[cut] if track.dist_m else (),
        cadence=track.cadence[cut] if track.cadence else (),
        hr=track.hr[cut] if track.hr else (),
    )
