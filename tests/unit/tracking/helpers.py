"""Synthetic tracks for the tracking tests: steady walks, pauses, spikes, car rides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from upright.domain.tracking.activity import Activity
from upright.domain.tracking.samples import Track

T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC).timestamp()


def steady(
    legs: list[tuple[float, float]], step: float = 5.0, cadence: float | None = None
) -> Track:
    """A track from (seconds, km/h) legs sampled every ``step`` seconds."""
    t = [T0]
    d = [0.0]
    for seconds, kmh in legs:
        n = max(int(seconds / step), 1)
        for _ in range(n):
            t.append(t[-1] + seconds / n)
            d.append(d[-1] + kmh / 3.6 * seconds / n)
    cad = [cadence] * len(t) if cadence is not None else []
    return Track(t=t, dist_m=d, cadence=cad)


def activity(
    kind: str = "walk",
    start_min: float = 0.0,
    minutes: float = 30.0,
    source: str = "gpx",
    ident: str | None = None,
    **extra: object,
) -> Activity:
    start = datetime(2024, 5, 1, 8, 0, tzinfo=UTC) + timedelta(minutes=start_min)
    fields: dict[str, object] = {
        "id": ident or f"{source}-{kind}-{start_min}-{minutes}",
        "kind": kind,
        "start": start,
        "minutes": minutes,
        "moving_minutes": minutes,
        "brisk_minutes": 0.0,
        "distance_km": None,
        "steps": None,
        "avg_hr": None,
        "counted": True,
        "note": None,
        "source": source,
    }
    fields.update(extra)
    return Activity(**fields)  # type: ignore[arg-type]
