"""Apple Health exports: the fixtures, plus exports written by the tests for newer iOS quirks."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.integration.importers import synthetic
from tests.integration.importers.conftest import fixture, read
from upright.domain.errors import CorruptFile, UnsupportedFormat


def test_healthkit_to_sqlite_export_with_inline_route() -> None:
    parsed = read(fixture("apple-health/healthkit-to-sqlite/export.xml"))
    (run,) = parsed.activities
    assert run.kind == "run" and not run.counted
    assert run.start.isoformat() == "2016-11-14T07:25:41-07:00"
    assert run.minutes == pytest.approx(5.19, abs=0.01)
    assert run.distance_km == pytest.approx(0.4971749504535062 * 1.609344, abs=0.001)


def _zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(folder.parent).as_posix())
    return target


def test_export_zip_with_route_file_of_another_day(tmp_path: Path) -> None:
    src = fixture("apple-health/healthkit-to-sqlite/apple_health_export")
    shutil.copytree(src, tmp_path / "apple_health_export")
    zipped = _zip_folder(tmp_path / "apple_health_export", tmp_path / "export.zip")
    (run,) = read(zipped).activities
    assert run.kind == "run"
    assert "route times do not match" in (run.note or "")


def test_bare_xml_with_route_reference_says_where_the_route_is() -> None:
    (run,) = read(
        fixture("apple-health/healthkit-to-sqlite/apple_health_export/export.xml")
    ).activities
    assert "export.zip" in (run.note or "")


def test_macos_zip_junk_is_ignored() -> None:
    parsed = read(fixture("apple-health/apple-health-parser/export.zip"))
    assert parsed.format == "apple_health" and parsed.activities == []
    assert read(fixture("apple-health/apple-health-parser/export.xml")).activities == []


def test_workout_statistics_overlapping_sources_and_time_zone_change(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(synthetic.export())
    parsed = read(path)
    workouts = [a for a in parsed.activities if a.source == "apple_health"]
    (walk,) = workouts
    assert walk.kind == "walk" and walk.counted
    assert walk.start.isoformat() == "2024-03-30T09:00:00+01:00"
    assert walk.minutes == 30 and walk.distance_km == 2.7 and walk.avg_hr == 104
    assert walk.steps == 30 * 112  # the watch's count, not watch + phone
    assert walk.brisk_minutes == 30
    from_steps = [a for a in parsed.activities if a.source == "apple_health_steps"]
    later = [a for a in from_steps if a.start.day == 31]
    assert len(later) == 1 and later[0].start.isoformat() == "2024-03-31T18:00:00+02:00"
    assert later[0].minutes == 20 and later[0].brisk_minutes == 20 and later[0].steps == 2080


def test_ios16_broken_dtd_is_never_read(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(synthetic.export(dtd=synthetic.BROKEN_DTD))
    assert any(a.kind == "walk" for a in read(path).activities)


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    data = synthetic.export().replace("Anna’s Apple Watch".encode(), b"Anna\x0b\x1f Watch")
    path = tmp_path / "export.xml"
    path.write_bytes(data)
    walk = next(a for a in read(path).activities if a.source == "apple_health")
    assert walk.device == "Anna Watch"


def test_localized_export_name_in_zip(tmp_path: Path) -> None:
    target = tmp_path / "export.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("apple_health_export/导出.xml", synthetic.export())
        zf.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
        zf.writestr("__MACOSX/apple_health_export/._导出.xml", b"\x00\x05\x16\x07junk")
    assert any(a.source == "apple_health" for a in read(target).activities)


def test_truncated_export_fails_saying_so(tmp_path: Path) -> None:
    data = synthetic.export()
    path = tmp_path / "export.xml"
    path.write_bytes(data[: data.index(b"<WorkoutStatistics") + 40])
    with pytest.raises(CorruptFile) as err:
        read(path)
    assert "truncated" in err.value.message and "byte" in err.value.message


def test_zip_without_export_is_unsupported(tmp_path: Path) -> None:
    target = tmp_path / "photos.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("a.txt", "hello")
    with pytest.raises(UnsupportedFormat):
        read(target)


def test_zip_bomb_is_refused_before_decompressing(tmp_path: Path) -> None:
    target = tmp_path / "export.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("apple_health_export/export.xml", b"<HealthData>" + b" " * (40 << 20))
    target.write_bytes(buf.getvalue())
    with pytest.raises(CorruptFile) as err:
        read(target)
    assert "zip bomb" in err.value.message


def test_entities_in_an_export_are_never_expanded(tmp_path: Path) -> None:
    laughs = (
        '<!DOCTYPE HealthData [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
    )
    data = synthetic.export(dtd=laughs).replace(b'sourceName="Anna', b'sourceName="&lol2;Anna')
    path = tmp_path / "export.xml"
    path.write_bytes(data)
    with pytest.raises(CorruptFile) as err:
        read(path)
    # refused at the prolog (issue 15) before any workout is read; never expanded
    assert "declares XML entities" in err.value.message


@pytest.mark.parametrize("chunk", [97, 4096])
def test_scan_gives_the_same_result_whatever_the_chunk_size(
    tmp_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from upright.adapters.importers.apple_health import scan

    path = tmp_path / "export.xml"
    path.write_bytes(synthetic.export())
    expected = read(path).activities
    monkeypatch.setattr(scan, "CHUNK", chunk)
    assert read(path).activities == expected
