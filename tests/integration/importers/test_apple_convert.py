"""Dates and values converted many at once equal ``dates.epoch`` and ``float`` one at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from upright.adapters.importers.apple_health import convert, dates


def one_by_one(raw: bytes) -> tuple[float | None, int]:
    try:
        stamp: float | None = dates.epoch(raw)
    except ValueError:
        stamp = None
    return stamp, dates.offset_minutes(raw)


def check(raws: list[bytes]) -> None:
    stamp, offset, ok = convert.epochs(raws)
    for i, raw in enumerate(raws):
        expected, minutes = one_by_one(raw)
        assert bool(ok[i]) == (expected is not None), raw
        if expected is not None:
            assert float(stamp[i]) == expected, raw
        assert int(offset[i]) == minutes, raw


def test_every_day_of_400_years_at_both_ends_of_the_offsets() -> None:
    day = datetime(1900, 1, 1)
    raws = []
    while day.year < 2200:
        for when, zone in ((day, "+0000"), (day + timedelta(seconds=86399), "-2359")):
            raws.append(f"{when:%Y-%m-%d %H:%M:%S} {zone}".encode())
        day += timedelta(days=1)
    check(raws)


def test_impossible_dates_are_bad_samples_and_odd_ones_are_read_one_by_one() -> None:
    check(
        [
            b"2023-02-29 10:00:00 +0100",  # not a leap year
            b"2024-02-29 10:00:00 +0100",
            b"1900-02-29 10:00:00 +0100",
            b"2000-02-29 10:00:00 +0100",
            b"2024-13-01 10:00:00 +0100",
            b"2024-00-01 10:00:00 +0100",
            b"2024-04-31 10:00:00 +0100",
            b"2024-01-01 24:00:00 +0100",
            b"2024-01-01 10:60:00 +0100",
            b"2024-01-01 10:00:60 +0100",
            b"2024-01-01 10:00:00 +2400",
            b"2024-01-01 10:00:00 +0160",  # datetime reads 60 minutes as an hour
            b"2024-01-01 10:-5:00 +0100",  # the hour cache reads int("-5")
            b"2024-01-01T10:00:00 +0100",
            b"2024-01-01 10:00:00+01:00",
            b"2024-01-01 10:00:00.5 +0100",
            b"2024-01-01 10:00:00",
            b"0001-01-01 00:00:00 +0100",
            b"9999-12-31 23:59:59 -0100",
            b"",
            b"yesterday",
            b"2024-01-01 10:00:00 +0100 ",
            b"2024-01-01 10:00:00 +0100x",
            "2024-01-01 10:00:00 +01\u00b900".encode(),
        ]
    )


digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
odd = st.sampled_from(list("0123456789+- :T/\u00e9x"))


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(datetime(1890, 1, 1), datetime(2210, 1, 1)),
    minutes=st.integers(-1439, 1439),
    edits=st.lists(st.tuples(st.integers(0, 26), odd), max_size=2),
)
def test_any_date_near_the_ios_form_converts_as_one_by_one(
    moment: datetime, minutes: int, edits: list[tuple[int, str]]
) -> None:
    sign = "-" if minutes < 0 else "+"
    text = f"{moment:%Y-%m-%d %H:%M:%S} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    chars = list(text)
    for at, char in edits:
        if at < len(chars):
            chars[at] = char
        else:
            chars.append(char)
    check([text.encode(), "".join(chars).encode(), f"{moment:%Y-%m-%d}".encode()])


def test_values_are_pythons_floats_and_unreadable_ones_are_marked() -> None:
    raws = [b"1", b"0.01687", b"-2.5e3", b" 7 ", b"1_000", b"nan", b"", b"x", b"1e400"]
    got, ok = convert.floats(raws)
    for i, raw in enumerate(raws):
        try:
            expected = float(raw)
        except ValueError:
            assert not ok[i]
            continue
        assert ok[i] and (float(got[i]) == expected or (expected != expected and got[i] != got[i]))
    plain, all_ok = convert.floats([b"3", b"4.5"])
    assert all_ok.all() and plain.tolist() == [3.0, 4.5]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=3000), cut=st.integers(0, 3000), length=st.integers(0, 3000))
def test_the_crc_of_a_stretch_comes_from_the_crcs_at_its_ends(
    data: bytes, cut: int, length: int
) -> None:
    import zlib

    from upright.adapters.importers.apple_health.proof import crc_between

    cut = min(cut, len(data))
    end = min(cut + length, len(data))
    expected = zlib.crc32(data[cut:end])
    assert crc_between(zlib.crc32(data[:cut]), zlib.crc32(data[:end]), end - cut) == expected


@settings(max_examples=200, deadline=None)
@given(
    samples=st.lists(
        st.tuples(
            st.integers(0, 7200),
            st.sampled_from([0, 30, 60, 120, 300, 600, -5]),
            st.integers(0, 1200).map(float),
        ),
        max_size=120,
    )
)
def test_walks_from_the_walking_stretches_alone_are_find_walks_of_all_samples(
    samples: list[tuple[int, int, float]],
) -> None:
    from array import array

    from upright.adapters.importers.apple_health import _walks
    from upright.adapters.importers.apple_health.store import Intervals
    from upright.domain.tracking.stepwalks import StepInterval, find_walks

    samples.sort(key=lambda s: s[0])
    iv = Intervals(
        array("d", [float(s) for s, _, _ in samples]),
        array("d", [float(s + n) for s, n, _ in samples]),
        array("d", [v for _, _, v in samples]),
        array("h", [0] * len(samples)),
    )
    everything = find_walks(StepInterval(s, s + n, v) for s, n, v in samples)
    assert _walks(iv) == everything


def test_a_step_count_of_nan_or_inf_is_an_unreadable_sample_on_both_readers() -> None:
    import io

    from tests.integration.importers import synthetic
    from upright.adapters.importers.apple_health import AppleHealthImporter

    at = datetime(2024, 3, 30, 9, 0, tzinfo=UTC)
    lines = [synthetic.step(synthetic.PHONE, at + timedelta(minutes=i), 60, 110) for i in range(20)]
    lines[5] = lines[5].replace('value="110"', 'value="nan"')
    lines[9] = lines[9].replace('value="110"', 'value="inf"')
    data = synthetic.export(extra="".join(lines))
    for general in (False, True):
        parsed = AppleHealthImporter(general).read(io.BytesIO(data), "export.xml", None)
        assert [s.what for s in parsed.skipped] == ["2 samples"]


def test_a_zip_whose_export_does_not_match_its_crc_is_refused_on_both_readers(
    tmp_path: object,
) -> None:
    import io
    import struct
    import zipfile

    import pytest

    from tests.integration.importers import synthetic
    from upright.adapters.importers import DeviceFileReader
    from upright.adapters.importers.apple_health import AppleHealthImporter
    from upright.domain.errors import CorruptFile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("apple_health_export/export.xml", synthetic.days_export(3))
    good = buf.getvalue()
    crc = struct.unpack_from("<I", good, 14)[0]
    wrong = struct.pack("<I", crc ^ 1)
    central = good.index(b"PK\x01\x02")
    bad = good[:14] + wrong + good[18 : central + 16] + wrong + good[central + 20 :]
    for data, name in ((good, "good.zip"), (bad, "bad.zip")):
        path = f"{tmp_path}/{name}"
        with open(path, "wb") as fh:
            fh.write(data)
        if data is good:
            assert DeviceFileReader().read(path, None).activities
        else:
            with pytest.raises(CorruptFile, match="CRC"):
                DeviceFileReader().read(path, None)
            with pytest.raises(zipfile.BadZipFile, match="CRC"), open(path, "rb") as fh:
                AppleHealthImporter(general=True).read(fh, path, None)
