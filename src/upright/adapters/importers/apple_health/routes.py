"""Workout route files (``workout-routes/route_*.gpx``) of an Apple Health export, fast.

A five-year export holds a thousand routes of a point a second each. iOS writes them all the
same way (one track, one segment, each point ``<trkpt lon lat><ele/><time/>...``), so the
positions and times are found with one regular expression over the file, without building
XML elements. A route written any other way is read by the general GPX reader.
"""

from __future__ import annotations

import math
import re
from array import array
from datetime import datetime
from io import BytesIO
from typing import IO

from upright.adapters.importers import gpx
from upright.domain.tracking.samples import EARTH_RADIUS_M, NAN

#: Routes larger than this go to the streaming reader (no phone writes one; memory stays flat).
MAX_FAST_BYTES = 32 << 20
_POINT = re.compile(
    rb'<trkpt lon="(-?[0-9.]+)" lat="(-?[0-9.]+)"><ele>[^<]*</ele><time>([^<]+)</time>'
)


def read_route(stream: IO[bytes], name: str, size: int) -> list[gpx.Segmented]:
    """The route's tracks, as ``gpx.read_tracks`` returns them."""
    if size > MAX_FAST_BYTES:
        return gpx.read_tracks(stream, name)
    data = stream.read()
    fast = _fast(data)
    if fast is None:
        return gpx.read_tracks(BytesIO(data), name)
    return [fast]


def _fast(data: bytes) -> gpx.Segmented | None:
    if data.count(b"<trkseg") != 1 or data.count(b"<trk>") != 1:
        return None
    points = _POINT.findall(data)
    if not points or len(points) != data.count(b"<trkpt"):
        return None
    out = gpx.Segmented()
    t: array[float] = out.t
    dist: array[float] = out.dist
    total = 0.0
    prev_lon = p1 = cos1 = 0.0
    minutes: dict[bytes, float] = {}
    # haversine_m inlined (the same operations, so the same metres), the cosine of the
    # previous point kept: a route has a point a second
    radians, sin, cos, asin, sqrt = math.radians, math.sin, math.cos, math.asin, math.sqrt
    diameter = 2 * EARTH_RADIUS_M
    try:
        for i, (lon_raw, lat_raw, when) in enumerate(points):
            lat, lon = float(lat_raw), float(lon_raw)
            if abs(lat) > 90 or abs(lon) > 180:
                return None
            p2 = radians(lat)
            cos2 = cos(p2)
            if i:
                dp = p2 - p1
                dl = radians(lon - prev_lon)
                a = sin(dp / 2) ** 2 + cos1 * cos2 * sin(dl / 2) ** 2
                total += diameter * asin(min(1.0, sqrt(a)))
            p1, cos1, prev_lon = p2, cos2, lon
            if i and len(when) == 20 and when[19:] == b"Z" and when[16:17] == b":":
                base = minutes.get(when[:16])
                if base is None:
                    base = minutes[when[:16]] = _utc(when[:16] + b":00Z")
                second = when[17:19]
                if not second.isdigit() or second > b"59":
                    return None
                stamp = base + int(second)
            else:
                moment = datetime.fromisoformat(when.decode())
                if moment.tzinfo is None:
                    return None
                stamp = moment.timestamp()
                if out.tz is None:
                    out.tz = moment.tzinfo
            if stamp < gpx.EARLIEST_PLAUSIBLE:
                return None
            t.append(stamp)
            dist.append(total)
    except (ValueError, UnicodeDecodeError):
        return None  # the general reader names the bad value
    out.cad = array("d", [NAN]) * len(t)
    out.hr = array("d", [NAN]) * len(t)
    return out


def _utc(when: bytes) -> float:
    moment = datetime.fromisoformat(when.decode())
    if moment.tzinfo is None:
        raise ValueError(when)
    return moment.timestamp()
