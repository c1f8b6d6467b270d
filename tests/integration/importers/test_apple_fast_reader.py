"""The byte reader of Apple Health exports reads exactly what the general lxml reader reads.

The lxml reader (``reference.py``) parses every element, so it is right by construction; the
byte reader must give the same samples, per-day counts, workouts and activities on real
exports and on generated messy ones (attributes in another order or over several lines,
single quotes, references, CRLF, odd values), whatever the chunk size and with or without a
cut-off (a newer export).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.importers import synthetic
from tests.integration.importers.conftest import fixture
from upright.adapters.importers import safexml
from upright.adapters.importers.apple_health import (
    AppleHealthImporter,
    proof,
    records,
    reference,
    scan,
)
from upright.adapters.importers.apple_health.store import Store
from upright.domain.errors import CorruptFile

REAL = fixture("apple-health")
Q = "HKQuantityTypeIdentifier"


def body_start(data: bytes) -> int:
    return len(safexml.prolog(io.BytesIO(data), "export.xml"))


def facts(store: Store) -> tuple[Any, ...]:
    return (
        store.steps,
        store.distance,
        store.heart,
        store.records,
        store.bad_records,
        store.until,
    )


def read_both(data: bytes, since: float | None = None) -> tuple[Any, Any]:
    """(byte reader, lxml reader): facts of the store and the workout blocks' facts."""
    out = []
    for reader in (scan.scan, reference.scan):
        blocks: list[bytes] = []
        try:
            store = reader(
                io.BytesIO(data),
                "export.xml",
                lambda b, _o, blocks=blocks: blocks.append(b),  # type: ignore[misc]
                None,
                since,
                body_start(data),
            )
            if since is not None and store.ledger is not None and not proven(data, store):
                raise proof.NoProof  # a newer export like this one would be read whole
        except (records.Unexpected, proof.NoProof):
            out.append(None)  # the lxml reader's turn (or, from a day on, a whole read)
            continue
        except CorruptFile:
            out.append("refused")
            continue
        workouts = [safexml.fragment(b, "x", 0).attrib for b in blocks]
        out.append((facts(store), [dict(w) for w in workouts]))
    return out[0], out[1]


def proven(data: bytes, store: Store) -> bool:
    """Whether the records a reading from a day on skipped are proven to be those an earlier
    import of the same data read (what the import service checks)."""
    whole = scan.scan(io.BytesIO(data), "x", lambda b, o: None, None, None, body_start(data))
    assert store.skip_day is not None
    return bool(store.ledger.proof_from() == whole.ledger.proof_for(store.skip_day))


@contextmanager
def chunk(size: int) -> Iterator[None]:
    before = scan.CHUNK
    scan.CHUNK = size
    try:
        yield
    finally:
        scan.CHUNK = before


def parsed(path: Path, general: bool) -> tuple[Any, ...]:
    with path.open("rb") as fh:
        p = AppleHealthImporter(general=general).read(fh, str(path), None)
    # not the proof for the next import (``settled``): the byte reader's alone (lxml knows no
    # byte offsets, so after it the next export is read whole)
    return p.activities, p.skipped, p.data_until


@pytest.mark.parametrize(
    "path",
    sorted(REAL.rglob("export.xml")) + sorted(REAL.rglob("export.zip")),
    ids=lambda p: str(p.relative_to(REAL)),
)
def test_real_exports_read_the_same_by_both_readers(path: Path) -> None:
    assert parsed(path, general=False) == parsed(path, general=True)
    if path.suffix == ".xml":
        fast, general = read_both(path.read_bytes())
        assert fast is None or fast == general


@pytest.mark.parametrize("size", [61, 1000, 1 << 18])
def test_generated_exports_read_the_same_by_both_readers(size: int) -> None:
    data = synthetic.days_export(4)
    with chunk(size):
        fast, general = read_both(data)
        assert fast == general and fast[0][3] > 1000  # records
        since = datetime(2024, 1, 4, tzinfo=UTC).timestamp()
        fast, general = read_both(data, since)
        # from 2 days before the cut-off (the context): 3 of the 4 days
        assert fast == general and len(fast[0][2]) == 3 * 144


def test_a_comment_after_the_prolog_sends_the_file_to_the_general_reader(tmp_path: Path) -> None:
    data = synthetic.export(extra="<!-- " + synthetic.step(synthetic.PHONE, NOW, 60, 500) + "-->")
    with pytest.raises(records.Unexpected):
        scan.scan(io.BytesIO(data), "x", lambda b, o: None, None, None, body_start(data))
    path = tmp_path / "export.xml"
    path.write_bytes(data)
    assert parsed(path, general=False) == parsed(path, general=True)
    assert parsed(path, general=False)[0]  # read, the commented record left out


def test_a_record_the_lxml_reader_refuses_is_reported_by_it(tmp_path: Path) -> None:
    bad = '<Record type="HKQuantityTypeIdentifierStepCount"\n sourceName="a" sourceName="b"/>\n'
    path = tmp_path / "export.xml"
    path.write_bytes(synthetic.export(extra=bad))
    with pytest.raises(CorruptFile) as err:
        parsed(path, general=False)
    assert "line" in err.value.message


def test_since_pattern_matches_exactly_the_dates_from_the_day_on() -> None:
    import re

    day = b"2024-03-09"
    pattern = re.compile(records.since_pattern(day) + b"$")
    start = datetime(2021, 1, 1)
    for i in range(0, 4000, 7):
        d = (start + timedelta(days=i)).strftime("%Y-%m-%d").encode()
        assert bool(pattern.match(d)) == (d >= day), d


NOW = datetime(2024, 3, 30, 9, 0, tzinfo=UTC)

# --- generated messy exports ---------------------------------------------------------------

KINDS = ["StepCount", "DistanceWalkingRunning", "HeartRate", "ActiveEnergyBurned",
         "HeartRateVariabilitySDNN"]  # fmt: skip
NAMES = [
    "Anna’s iPhone",
    "Anna&apos;s Apple Watch",
    "Tom &amp; Jerry",
    "a&lt;b&gt;c",
    "Zo&#235;",
    "x&#x41;y",
    "tab\there",
    "line\nbreak",
    "",
]
VALUES = ["12", "0.5", "1e3", "abc", "", " 7", "3&#48;"]
SPACES = [" ", "  ", "\t", "\n ", "\r\n  "]


@st.composite
def record(draw: st.DrawFn, day: int) -> str:
    kind = draw(st.sampled_from(KINDS))
    if draw(st.integers(0, 30)) == 0:
        kind = kind.replace("Count", "&#67;ount")  # a reference inside the type name
    start = datetime(2024, 1, 1, 6, tzinfo=UTC) + timedelta(
        days=day, minutes=draw(st.integers(0, 900))
    )
    offset = draw(st.sampled_from(["+0100", "+0200", "-0700"]))
    s = start.strftime("%Y-%m-%d %H:%M:%S ") + offset
    e = (start + timedelta(seconds=draw(st.integers(0, 600)))).strftime(
        "%Y-%m-%d %H:%M:%S "
    ) + offset
    if draw(st.integers(0, 40)) == 0:
        s = draw(st.sampled_from(["yesterday", "2024-1-2 10:00:00 +0100", "2024-01-02"]))
    attrs = [
        ("type", Q + kind),
        ("sourceName", draw(st.sampled_from(NAMES))),
        ("sourceVersion", "17.2"),
        ("device", "&lt;&lt;HKDevice: 0x30&gt;, name:iPhone&gt;"),
        ("unit", draw(st.sampled_from(["count", "km", "mi", "m", "count/min"]))),
        ("creationDate", e),
        ("startDate", s),
        ("endDate", e),
        ("value", draw(st.sampled_from(VALUES))),
    ]
    if draw(st.integers(0, 30)) == 0:
        attrs = [(k, "" if k == "endDate" else v) for k, v in attrs]
    if draw(st.integers(0, 30)) == 0:
        missing = draw(st.sampled_from(["endDate", "unit"]))
        attrs = [a for a in attrs if a[0] != missing]
    for optional in ("sourceVersion", "device", "creationDate"):
        if draw(st.booleans()):
            attrs = [a for a in attrs if a[0] != optional]
    messy = draw(st.integers(0, 4)) == 0
    if messy:
        attrs = draw(st.permutations(attrs))
    quote = "'" if messy and draw(st.booleans()) else '"'
    parts = []
    for name, value in attrs:
        space = draw(st.sampled_from(SPACES)) if messy else " "
        eq = draw(st.sampled_from(["=", " = "])) if messy else "="
        parts.append(f"{space}{name}{eq}{quote}{value}{quote}")
    tail = "/>" if draw(st.booleans()) else '>\n<MetadataEntry key="k" value="v"/>\n</Record>'
    return "<Record" + "".join(parts) + tail + "\n"


@st.composite
def export(draw: st.DrawFn) -> bytes:
    lines = [synthetic.HEADER, '<HealthData locale="en_NL">\n<Me/>\n']
    for day in range(draw(st.integers(1, 4))):
        lines.extend(draw(st.lists(record(day), max_size=12)))
    if draw(st.booleans()):
        lines.append(synthetic.workout(datetime(2024, 1, 2, 12, tzinfo=UTC), 20.0))
    lines.append("</HealthData>\n")
    text = "".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text.encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=export(),
    size=st.sampled_from([53, 211, 1024, 1 << 18]),
    since=st.sampled_from([None, 1, 2, 3]),
)
def test_messy_exports_read_the_same_by_both_readers(
    data: bytes, size: int, since: int | None
) -> None:
    cut = None if since is None else datetime(2024, 1, 1 + since, tzinfo=UTC).timestamp()
    with chunk(size):
        fast, general = read_both(data, cut)
    assert fast is None or fast == general


def test_samples_are_sorted_by_start_ties_in_file_order() -> None:
    from array import array

    from upright.adapters.importers.apple_health.store import Intervals, sorted_by_start

    for starts in ([5.0, 3.0, 3.0, 1.0, 5.0, 2.0], [5.5, 3.0, 3.0, 1.25], [2.0e9, -1.0, 7.0]):
        n = len(starts)
        iv = Intervals(
            array("d", starts), array("d", range(n)), array("d", range(n)), array("h", range(n))
        )
        expected = sorted(range(n), key=starts.__getitem__)
        got = sorted_by_start(iv)
        assert list(got.start) == [starts[i] for i in expected]
        assert list(got.end) == list(got.value) == list(got.offset) == expected
