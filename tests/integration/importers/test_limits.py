"""Caps per file (issue 15): at the cap a file is read, one past it is refused, nothing stored."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.importers import synthetic
from upright.adapters.importers import limits
from upright.adapters.importers.registry import read_stream

T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def _gpx(tracks: int, points: int) -> bytes:
    parts = [
        '<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
    ]
    for t in range(tracks):
        parts.append("<trk><trkseg>")
        for p in range(points):
            when = (T0 + timedelta(hours=t, seconds=10 * p)).strftime("%Y-%m-%dT%H:%M:%SZ")
            parts.append(f'<trkpt lat="52.{t}{p:04d}" lon="4.{p:04d}"><time>{when}</time></trkpt>')
        parts.append("</trkseg></trk>")
    parts.append("</gpx>")
    return "".join(parts).encode()


def test_tracks_up_to_the_cap_are_read_and_one_more_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_ACTIVITIES", 3)
    assert read_stream(io.BytesIO(_gpx(3, 40)), "three.gpx").activities  # (tracks may merge)
    with pytest.raises(limits.TooMuchInOneFile) as err:
        read_stream(io.BytesIO(_gpx(4, 40)), "four.gpx")
    assert "four.gpx" in err.value.message and "more than 3 tracks" in err.value.message
    assert "Split it" in err.value.message


def test_points_up_to_the_cap_are_read_and_one_more_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_POINTS", 80)
    assert read_stream(io.BytesIO(_gpx(2, 40)), "ok.gpx").activities
    with pytest.raises(limits.TooMuchInOneFile, match="more than 80 track points"):
        read_stream(io.BytesIO(_gpx(3, 27)), "many.gpx")


def test_apple_health_samples_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    data = synthetic.export()  # 30 watch steps, 30 heart rates, 26 phone steps
    monkeypatch.setattr(limits, "MAX_SAMPLES", 86)
    assert read_stream(io.BytesIO(data), "export.xml").activities
    monkeypatch.setattr(limits, "MAX_SAMPLES", 85)
    with pytest.raises(limits.TooMuchInOneFile, match="heart-rate samples"):
        read_stream(io.BytesIO(data), "export.xml")
