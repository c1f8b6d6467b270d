"""Hostile, empty, truncated and wrong-format files: a clear message, nothing expanded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.importers.conftest import fixture, read
from upright.adapters.importers import sniff
from upright.domain.errors import CorruptFile, UnsupportedFormat

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<gpx version="1.1"><trk><name>&lol9;</name><trkseg/></trk></gpx>
"""


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorruptFile) as err:
        read(_write(tmp_path, "bomb.gpx", BILLION_LAUGHS))
    assert "entities" in err.value.message


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = _write(tmp_path, "secret.txt", b"TOP-SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<gpx version="1.1"><trk><name>&xxe;</name></trk></gpx>'
    ).encode()
    with pytest.raises(CorruptFile) as err:
        read(_write(tmp_path, "xxe.gpx", data))
    assert "TOP-SECRET" not in err.value.message


def test_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    body = fixture("gpx/togeojson__run.gpx").read_bytes()
    data = body.replace(b"<gpx ", b'<!DOCTYPE gpx SYSTEM "http://127.0.0.1:9/evil.dtd">\n<gpx ', 1)
    assert len(read(_write(tmp_path, "dtd.gpx", data)).activities) == 1


def test_truncated_gpx_fails_with_position(tmp_path: Path) -> None:
    body = fixture("gpx/togeojson__run.gpx").read_bytes()
    with pytest.raises(CorruptFile) as err:
        read(_write(tmp_path, "cut.gpx", body[: len(body) // 2]))
    message = err.value.message
    assert "cut.gpx" in message and "line" in message and "cut short" in message


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat) as err:
        read(_write(tmp_path, "empty.gpx", b""))
    assert "empty" in err.value.message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.fit", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
        ("notes.gpx", b"just some text\n"),
        ("data.xml", b"<?xml version='1.0'?><kml><Document/></kml>"),
        ("data.json", b'{"type": "FeatureCollection"}'),
    ],
)
def test_wrong_format(tmp_path: Path, name: str, data: bytes) -> None:
    with pytest.raises(UnsupportedFormat):
        read(_write(tmp_path, name, data))


def test_sniffing_uses_content_not_the_name(tmp_path: Path) -> None:
    gpx_named_fit = _write(tmp_path, "walk.fit", fixture("gpx/togeojson__run.gpx").read_bytes())
    assert read(gpx_named_fit).format == "gpx"
    assert sniff(fixture("fit/fitparse__nametest.FIT").read_bytes()[:64], "x") == "fit"
    assert sniff(b"\xef\xbb\xbf<?xml?><gpx>", "x") == "gpx"


def test_tcx_activity(tmp_path: Path) -> None:
    points = "".join(
        f"<Trackpoint><Time>2024-05-01T08:{m:02d}:00Z</Time><DistanceMeters>{m * 95}"
        f"</DistanceMeters><HeartRateBpm><Value>110</Value></HeartRateBpm>"
        f"<Cadence>56</Cadence></Trackpoint>"
        for m in range(31)
    )
    tcx = (
        '<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2"><Activities><Activity Sport="Other"><Id>2024-05-01T08:00:00Z'
        '</Id><Lap StartTime="2024-05-01T08:00:00Z"><TotalTimeSeconds>1800</TotalTimeSeconds>'
        f"<DistanceMeters>2850</DistanceMeters><Track>{points}</Track></Lap></Activity>"
        "</Activities></TrainingCenterDatabase>"
    ).encode()
    (a,) = read(_write(tmp_path, "walk.tcx", tcx)).activities
    assert a.kind == "walk" and a.counted  # "Other" with walking pace
    assert a.minutes == 30 and a.distance_km == 2.85 and a.avg_hr == 110
    assert a.brisk_minutes == 30  # 5.7 km/h
