"""Time series of one recorded session, kept as parallel columns.

Columns (not one object per point) keep a million-point track at a few tens of MB: adapters
fill ``array('d')`` columns, the domain reads them as plain float sequences. A missing value
is ``nan``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

NAN: Final = float("nan")

#: mean Earth radius in metres (IUGG), for the haversine distance
EARTH_RADIUS_M: Final = 6_371_008.8


@dataclass(frozen=True)
class Track:
    """Samples of one session, in time order.

    ``t``: seconds since the Unix epoch. ``dist_m``: cumulative distance in metres (``nan``
    where unknown). ``cadence``: as the device reports it (see :func:`steps_per_minute`).
    ``hr``: heart rate in beats per minute. Every column has the length of ``t`` or is empty.
    """

    t: Sequence[float]
    dist_m: Sequence[float] = ()
    cadence: Sequence[float] = ()
    hr: Sequence[float] = ()

    def __len__(self) -> int:
        return len(self.t)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


#: Below this median a walking cadence must be strides (one foot) per minute, not steps:
#: people walk at 90-130 steps/min, so a median under 75 is half of that (Garmin FIT and
#: gpxtpx:cad report strides for walking and running).
STRIDE_MEDIAN_WALK: Final = 75.0
#: Running is 150-190 steps/min; a running median under 120 is strides.
STRIDE_MEDIAN_RUN: Final = 120.0


def cadence_factor(cadence: Sequence[float], kind: str | None) -> float:
    """2.0 when the device reported strides per minute, 1.0 when it reported steps.

    Only walking and running cadences are steps; a bike's cadence (rpm) is not used.
    """
    values = sorted(c for c in cadence if c > 0 and not math.isnan(c))
    if not values:
        return 1.0
    median = values[len(values) // 2]
    limit = STRIDE_MEDIAN_RUN if kind == "run" else STRIDE_MEDIAN_WALK
    return 2.0 if median < limit else 1.0


def mean_positive(values: Sequence[float]) -> float | None:
    """Mean of the positive, non-missing values (heart rate 0 means 'no sensor')."""
    total = 0.0
    count = 0
    for v in values:
        if v > 0:  # nan > 0 is False, so missing values drop out here too
            total += v
            count += 1
    return total / count if count else None
