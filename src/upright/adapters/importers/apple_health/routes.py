"""Workout route files (``workout-routes/route_*.gpx``) of an Apple Health export, fast.

A five-year export holds a thousand routes of a point a second each. iOS writes them all the
same way (one track, one segment, each point ``<trkpt lon lat><ele/><time/>...``), so the
positions and times are found with one regular expression over the file, without building
XML elements. A route written any other way is read by the general GPX reader.
"""

from __future__ import annotations

import re
from array import array
from datetime import datetime
from io import BytesIO
from typing import IO

from upright.adapters.importers import gpx
from upright.domain.tracking.samples import NAN, haversine_m

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
    prev_lat = prev_lon = 0.0
    try:
        for i, (lon_raw, lat_raw, when) in enumerate(points):
            lat, lon = float(lat_raw), float(lon_raw)
            if i:
                total += haversine_m(prev_lat, prev_lon, lat, lon)
            prev_lat, prev_lon = lat, lon
            moment = datetime.fromisoformat(when.decode())
            if moment.tzinfo is None or abs(lat) > 90 or abs(lon) > 180:
                return None
            stamp = moment.timestamp()
            if stamp < gpx.EARLIEST_PLAUSIBLE:
                return None
            t.append(stamp)
            dist.append(total)
            if out.tz is None:
                out.tz = moment.tzinfo
    except (ValueError, UnicodeDecodeError):
        return None  # the general reader names the bad value
    out.cad = array("d", [NAN]) * len(t)
    out.hr = array("d", [NAN]) * len(t)
    return out
