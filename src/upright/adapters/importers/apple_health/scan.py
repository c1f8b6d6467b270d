"""A byte scan of ``export.xml`` that reads only what Upright uses.

Parsing every element of a multi-GB export (as general XML tools do) is what makes them slow:
most of it is energy, heart-rate and sleep samples we never use. A compiled regular expression
finds, in C, the start tags of the few record types we need and the ``<Workout>`` blocks; only
those are decoded. The DTD is never read (iOS 16 wrote a broken one), entities are never
expanded, and the file is read in chunks, so memory does not grow with the file.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO

from upright.adapters.importers import limits
from upright.adapters.importers.apple_health import dates
from upright.domain.errors import CorruptFile
from upright.domain.tracking.resume import CONTEXT_S

CHUNK = 1 << 18  # fits in cache; measured faster than 8 MB chunks
#: One workout block (with an old-style inline route) larger than this is not from a phone.
MAX_BLOCK = 256 << 20

#: The wanted types, found by their literal text: the regex engine then runs a fast literal
#: search instead of trying a match at every "<" of the file.
_TYPES = re.compile(rb'type="HKQuantityTypeIdentifier(StepCount|DistanceWalkingRunning|HeartRate)"')
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
#: The attributes we read, in the order every iOS version writes them: one match in C instead of
#: a dict of every attribute (records written otherwise take the general path).
_FAST = re.compile(
    rb' sourceName="([^"]*)"(?: sourceVersion="[^"]*")?(?: device="[^"]*")? unit="([^"]*)"'
    rb'(?: creationDate="[^"]*")? startDate="([^"]*)" endDate="([^"]*)" value="([^"]*)"'
)
_WORKOUT_END = re.compile(rb"</Workout\s*>")

FINGERPRINT_MOD = 2**31 - 1
#: Distance units Apple writes, in metres.
UNIT_M = {b"m": 1.0, b"km": 1000.0, b"mi": 1609.344, b"ft": 0.3048, b"yd": 0.9144, b"cm": 0.01}


@dataclass
class Intervals:
    """Samples of one type from one source: start, end (epoch s), value, local offset (min)."""

    start: array[float] = field(default_factory=lambda: array("d"))
    end: array[float] = field(default_factory=lambda: array("d"))
    value: array[float] = field(default_factory=lambda: array("d"))
    offset: array[int] = field(default_factory=lambda: array("h"))

    def __len__(self) -> int:
        return len(self.start)


@dataclass
class Store:
    steps: dict[str, Intervals] = field(default_factory=dict)
    distance: dict[str, Intervals] = field(default_factory=dict)
    heart: Intervals = field(default_factory=Intervals)
    records: int = 0
    bad_records: int = 0
    #: reading from a cut-off: samples whose local date (``YYYY-MM-DD``) is before
    #: ``skip_day`` are only counted and summed, not read
    skip_day: bytes | None = None
    #: samples per local date, to check that a newer export holds the same samples as the
    #: earlier one before the cut-off
    days: dict[bytes, int] = field(default_factory=dict)
    #: the latest end of a sample read
    until: float = float("-inf")


def kept(store: Store) -> int:
    """Samples held in memory (those before a cut-off are only counted, not kept)."""
    return (
        sum(len(iv) for iv in store.steps.values())
        + sum(len(iv) for iv in store.distance.values())
        + len(store.heart)
    )


def scan(
    stream: IO[bytes],
    path: str,
    on_workout: Callable[[bytes, int], None],
    progress: Callable[[int], None] | None = None,
    since: float | None = None,
) -> Store:
    """Read the export once: fill the Store; hand each ``<Workout>`` block to ``on_workout``.

    With ``since`` (epoch s), samples more than ``CONTEXT_S`` before it are only counted.
    """
    store = Store()
    if since is not None:
        store.skip_day = skip_day(since)
    # one reusable read buffer and one growing/shrinking bytearray: no 8 MB object is created
    # per chunk, so the allocator does not fragment and memory stays flat whatever the size
    chunk = bytearray(CHUNK)
    view = memoryview(chunk)
    buf = bytearray()
    consumed = 0  # file offset of buf[0]
    read = 0
    seen_root = False
    while True:
        n = _read_into(stream, view)
        read += n
        limits.check(kept(store), limits.MAX_SAMPLES, "step, distance and heart-rate samples", path)
        if progress is not None:
            progress(read)
        buf += view[:n]
        if not seen_root:
            seen_root = b"<HealthData" in buf
            if not seen_root and (not n or len(buf) > 1 << 22):
                raise CorruptFile(path, "byte 0: expected an Apple Health <HealthData> export")
        pos = _consume(buf, store, consumed, path, on_workout, final=not n)
        consumed += pos
        del buf[:pos]
        if not n:
            break
    return store


def _read_into(stream: IO[bytes], view: memoryview) -> int:
    readinto = getattr(stream, "readinto", None)
    if readinto is not None:
        return int(readinto(view) or 0)
    data = stream.read(len(view))
    view[: len(data)] = data
    return len(data)


def _consume(
    buf: bytearray,
    store: Store,
    base: int,
    path: str,
    on_workout: Callable[[bytes, int], None],
    final: bool,
) -> int:
    """Handle every complete record and workout in ``buf``; return the bytes done with.

    Records and workouts are found in two passes over the buffer (order does not matter: the
    records are sorted by time afterwards); the buffer is kept from the first element that is
    not complete yet.
    """
    keep = len(buf)
    pos = 0
    for m in _TYPES.finditer(buf):
        if m.start() < pos:
            continue
        tag = buf.rfind(b"<", 0, m.start())
        end = buf.find(b">", m.end())
        if end < 0:
            keep = min(keep, tag if tag >= 0 else m.start())
            break
        if buf.startswith(b"<Record", tag):
            _record(m.group(1), buf, m.end(), end, store)
        pos = end
    wk = 0
    while True:
        start = buf.find(b"<Workout", wk)
        if start < 0:
            break
        after = buf[start + 8 : start + 9]
        if after and after not in b" \t\r\n>":
            wk = start + 8  # <WorkoutStatistics> etc. outside a workout: not ours
            continue
        head_end = _tag_end(buf, start)
        if head_end < 0:
            keep = min(keep, start)
            break
        if buf[head_end - 1 : head_end] == b"/":
            on_workout(bytes(buf[start : head_end + 1]), base + start)
            wk = head_end + 1
            continue
        close = _WORKOUT_END.search(buf, head_end)
        if close is None:
            if len(buf) - start > MAX_BLOCK:
                raise CorruptFile(path, f"byte {base + start}: <Workout> never ends")
            if final:
                raise CorruptFile(
                    path,
                    f"byte {base + start}: <Workout> is cut short "
                    "(expected </Workout>; the file is truncated)",
                )
            keep = min(keep, start)
            break
        on_workout(bytes(buf[start : close.end()]), base + start)
        wk = close.end()
    if final:
        if b"</HealthData" not in buf:
            raise CorruptFile(
                path,
                f"byte {base + len(buf)}: the export ends before </HealthData> "
                "(the file is truncated)",
            )
        return len(buf)
    if keep == len(buf):
        # nothing incomplete was found: keep the last tag, which may be cut by the chunk end,
        # unless it was handled already (a record or a workout ending this buffer)
        keep = max(buf.rfind(b"<"), pos, wk)
    return keep


def _tag_end(buf: bytearray, start: int) -> int:
    """Index of the ``>`` closing the start tag at ``start`` (quotes respected), or -1."""
    i = start
    n = len(buf)
    while i < n:
        q = buf.find(b'"', i)
        g = buf.find(b">", i)
        if g < 0:
            return -1
        if q < 0 or g < q:
            return g
        close = buf.find(b'"', q + 1)
        if close < 0:
            return -1
        i = close + 1
    return -1


def _record(kind: bytes, buf: bytearray, first: int, last: int, store: Store) -> None:
    store.records += 1
    at = buf.find(b' startDate="', first, last)
    day = bytes(buf[at + 12 : at + 22]) if at >= 0 else b""
    days = store.days
    days[day] = days.get(day, 0) + 1
    if store.skip_day is not None and day < store.skip_day:
        return  # already imported from an earlier export: counted, not read
    fast = _FAST.match(buf, first, last)
    if fast is not None:
        source_raw, unit, start_raw, end_raw, value_raw = fast.groups()
    else:
        values = dict(_ATTR.findall(buf, first, last))
        source_raw = values.get(b"sourceName", b"?")
        unit = values.get(b"unit", b"km")
        start_raw = values.get(b"startDate", b"")
        end_raw = values.get(b"endDate") or start_raw
        value_raw = values.get(b"value", b"")
    try:
        start = dates.epoch(start_raw)
        end = start if end_raw == start_raw else dates.epoch(end_raw)
        value = float(value_raw)
    except ValueError:
        store.bad_records += 1  # one unreadable sample is not worth failing an export for
        return
    if end > store.until:
        store.until = end
    if kind == b"HeartRate":
        target = store.heart
        offset = 0  # only step walks need the local time
    else:
        source = source_raw.decode("utf-8", "replace")
        table = store.steps if kind == b"StepCount" else store.distance
        target = table.get(source) or table.setdefault(source, Intervals())
        if kind == b"DistanceWalkingRunning":
            value *= UNIT_M.get(unit, 1000.0)
            offset = 0
        else:
            offset = dates.offset_minutes(start_raw)
    target.start.append(start)
    target.end.append(end)
    target.value.append(value)
    target.offset.append(offset)


def skip_day(since: float) -> bytes:
    """The first local date read when reading from ``since`` (a margin for time zones)."""
    return datetime.fromtimestamp(since - CONTEXT_S, UTC).strftime("%Y-%m-%d").encode()


def tally_before(store: Store, day: bytes) -> tuple[int, int]:
    """Samples on dates before ``day``, and a checksum of the count on each date (fits a
    32-bit column): a sample more or less on any date changes it."""
    count = checksum = 0
    for d, n in store.days.items():
        if d < day:
            count += n
            checksum += zlib.crc32(b"%s=%d" % (d, n))
    return count, checksum % FINGERPRINT_MOD


def sorted_by_start(iv: Intervals) -> Intervals:
    """The same samples in start order (exports are nearly sorted; check before sorting)."""
    s = iv.start
    if all(s[i] <= s[i + 1] for i in range(len(s) - 1)):
        return iv
    order = sorted(range(len(s)), key=s.__getitem__)
    out = Intervals()
    out.start = array("d", (s[i] for i in order))
    out.end = array("d", (iv.end[i] for i in order))
    out.value = array("d", (iv.value[i] for i in order))
    out.offset = array("h", (iv.offset[i] for i in order))
    return out


def sort_store(store: Store) -> None:
    store.heart = sorted_by_start(store.heart)
    for table in (store.steps, store.distance):
        for name in list(table):
            table[name] = sorted_by_start(table[name])
