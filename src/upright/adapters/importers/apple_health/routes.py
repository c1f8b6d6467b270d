"""Workout route files (``workout-routes/route_*.gpx``) of an Apple Health export, fast.

A five-year export holds a thousand routes of a point a second each. iOS writes them all the
same way (one track, one segment, each point ``<trkpt lon lat><ele/><time/>...``), so the
positions and times are found with one regular expression over the file, without building
XML elements. A route written any other way is read by the general GPX reader.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import IO, Any

import numpy as np

from upright.adapters.importers import gpx
from upright.adapters.importers.apple_health import convert
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
    lon_raw, lat_raw, when = zip(*points, strict=True)
    n = len(points)
    try:
        lon = np.fromiter(map(float, lon_raw), np.float64, n)
        lat = np.fromiter(map(float, lat_raw), np.float64, n)
        t = _times(when)
    except (ValueError, UnicodeDecodeError):
        return None  # the general reader names the bad value
    if t is None or (np.abs(lat) > 90).any() or (np.abs(lon) > 180).any():
        return None
    if (t < gpx.EARLIEST_PLAUSIBLE).any():
        return None
    # haversine_m between each point and the next, all at once (the same formula)
    p = np.radians(lat)
    c = np.cos(p)
    a = np.sin(np.diff(p) / 2) ** 2 + c[:-1] * c[1:] * np.sin(np.radians(np.diff(lon)) / 2) ** 2
    step = 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    out = gpx.Segmented()
    out.t.frombytes(t.tobytes())
    out.dist.frombytes(np.concatenate(([0.0], np.cumsum(step))).tobytes())
    out.tz = datetime.fromisoformat(when[0].decode()).tzinfo
    out.cad = array("d", [NAN]) * n
    out.hr = array("d", [NAN]) * n
    return out


#: Route times as iOS writes them, ``2019-06-11T22:00:42Z``: where the digits and marks are.
_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
_MARKS = {4: b"-", 7: b"-", 10: b"T", 13: b":", 16: b":", 19: b"Z"}


def _times(when: Sequence[bytes]) -> Any:
    """Epoch seconds of each point's time; None when one is written otherwise (or has no
    time zone): the general reader reads those."""
    first = datetime.fromisoformat(when[0].decode())
    if first.tzinfo is None:
        return None
    grid, d, ok = convert.digit_grid(when, 20, _DIGITS)
    for at, char in _MARKS.items():
        ok &= grid[:, at] == char[0]

    def number(at: int, count: int) -> Any:
        out = d[:, at]
        for k in range(at + 1, at + count):
            out = out * 10 + d[:, k]
        return out

    seconds, valid = convert.utc_seconds(number)
    if not (ok & valid)[1:].all():
        return None
    stamps = seconds.astype(np.float64)
    stamps[0] = first.timestamp()
    return stamps
