"""The fast reader of Apple Health route files gives what the general GPX reader gives."""

from __future__ import annotations

import math
from io import BytesIO

import pytest

from tests.integration.importers.conftest import fixture
from upright.adapters.importers import gpx
from upright.adapters.importers.apple_health import routes

REAL = [
    "apple-health/healthkit-to-sqlite/apple_health_export/workout-routes/"
    "route_2019-06-11_3.00pm.gpx",
    "apple-health/togeojson/apple_watch_route.gpx",
]


def same(a: gpx.Segmented, b: gpx.Segmented) -> None:
    assert list(a.t) == list(b.t)
    assert all(math.isclose(x, y, abs_tol=1e-6) for x, y in zip(a.dist, b.dist, strict=True))
    assert len(a.cad) == len(b.cad) == len(a.hr) == len(b.hr) == len(a.t)
    assert a.tz == b.tz


@pytest.mark.parametrize("name", REAL)
def test_real_routes_read_the_same_fast(name: str) -> None:
    data = fixture(name).read_bytes()
    assert routes._fast(data) is not None  # the fast path really is taken
    (fast,) = routes.read_route(BytesIO(data), name, len(data))
    (slow,) = gpx.read_tracks(BytesIO(data), name)
    same(fast, slow)


def test_a_route_written_otherwise_goes_to_the_general_reader() -> None:
    data = fixture(REAL[0]).read_bytes()
    twice = data.replace(b"</trk>", b"</trk><trk><trkseg></trkseg></trk>")
    assert routes._fast(twice) is None
    odd = data.replace(b"<ele>", b"<ele >", 1)
    assert routes._fast(odd) is None
    got = routes.read_route(BytesIO(odd), "r.gpx", len(odd))
    same(got[0], gpx.read_tracks(BytesIO(data), "r.gpx")[0])


def test_a_bad_time_is_left_to_the_general_reader() -> None:
    data = fixture(REAL[0]).read_bytes().replace(b"2019-06-11T22:00:42Z", b"yesterday", 1)
    assert routes._fast(data) is None


@pytest.mark.parametrize(
    "bad", [b"2019-06-11T22:00:61Z", b"2019-06-11T22:00: 5Z", b"2019-06-11T22:61:00Z"]
)
def test_an_impossible_second_or_minute_is_left_to_the_general_reader(bad: bytes) -> None:
    data = fixture(REAL[1]).read_bytes()
    second = routes._POINT.findall(data)[1][2]
    assert routes._fast(data.replace(second, bad, 1)) is None


def test_a_long_route_reads_the_same_fast() -> None:
    """A point every second for 40 minutes (times cached per minute, the cosine carried)."""
    points = "".join(
        f'<trkpt lon="{4.89 + i * 1.3e-5:.6f}" lat="{52.37 + math.sin(i / 50) * 1e-3:.6f}">'
        f"<ele>1.00</ele><time>2024-03-30T{8 + i // 3600:02d}:{i // 60 % 60:02d}:"
        f"{i % 60:02d}Z</time></trkpt>\n"
        for i in range(2400)
    )
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Apple Health '
        f'Export" xmlns="http://www.topografix.com/GPX/1/1">\n<trk><trkseg>\n{points}'
        "</trkseg></trk>\n</gpx>\n"
    ).encode()
    fast = routes._fast(data)
    assert fast is not None
    (slow,) = gpx.read_tracks(BytesIO(data), "r.gpx")
    same(fast, slow)
    assert list(fast.dist) == list(slow.dist)  # the same operations: the same metres
