"""The step, distance and heart-rate ``<Record>`` lines of an export, read from the raw bytes.

iOS writes every record on one line with its attributes in one order. A regular expression
for exactly that line finds the records we use in C (``findall``: no match objects, no
attribute dicts); a second one counts them per day. Nothing is trusted blindly: in each part of
the file, every occurrence of the three type names must be one of those lines (or a workout's
statistics line); otherwise that part is read tag by tag with lxml (attributes in another
order, split over lines, character references...). Comments, CDATA and processing
instructions after the prolog are never guessed at: the whole file is then read by the lxml
reader (``reference.py``), whose results are the definition of right (tests compare both).

Reading from a cut-off (a newer export): the records dated before it are only counted per day,
in C; the regular expression that returns whole records only matches dates from the cut-off on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import count
from operator import itemgetter

import numpy as np

from upright.adapters.importers import safexml
from upright.adapters.importers.apple_health import convert
from upright.adapters.importers.apple_health.store import UNIT_M, Intervals, Store
from upright.adapters.importers.base import XML_FORBIDDEN_CONTROLS
from upright.domain.errors import CorruptFile

#: The record types Upright reads (what follows ``HKQuantityTypeIdentifier``).
KINDS = (b"StepCount", b"DistanceWalkingRunning", b"HeartRate")
TYPE_PREFIX = "HKQuantityTypeIdentifier"

_KIND = rb"HKQuantityTypeIdentifier(StepCount|DistanceWalkingRunning|HeartRate)"
#: A value lxml would return unchanged: no reference, no whitespace it normalises, no control
#: character it would not accept.
_PLAIN = rb'[^"<&\x00-\x1f]*'
_DAY = rb"\d\d\d\d-\d\d-\d\d"
#: Rows converted together: enough that numpy's cost per call is nothing per row, few enough
#: that the pending rows (tuples of bytes) stay a few MB.
BATCH = 16_384


def _line(day: bytes) -> re.Pattern[bytes]:
    """The record line iOS writes, for dates matching ``day``: a Row per match."""
    return re.compile(
        b'<Record type="' + _KIND + rb'" sourceName="([^"<\x00-\x1f]*)"'
        rb'(?: sourceVersion="[^"]*")?(?: device="[^"]*")? unit="(' + _PLAIN + b')"'
        rb'(?: creationDate="[^"]*")? startDate="((' + day + b")" + _PLAIN + b')"'
        rb' endDate="(' + _PLAIN + rb')" value="(' + _PLAIN + b')"'
    )


#: Our records as iOS writes them, up to the local date of each (for the per-day counts of
#: records before a cut-off: only the date is needed, and ``[^"]`` is the regex engine's
#: fastest loop).
_DAYS = re.compile(
    rb'<Record type="HKQuantityTypeIdentifier(?:StepCount|DistanceWalkingRunning|HeartRate)"'
    rb' sourceName="[^"]*"(?: sourceVersion="[^"]*")?(?: device="[^"]*")? unit="[^"]*"'
    rb'(?: creationDate="[^"]*")? startDate="(' + _DAY + b")"
)
#: Every occurrence of our type names, however they are written or quoted.
_NAMES = re.compile(rb"HKQuantityTypeIdentifier(?:StepCount|DistanceWalkingRunning|HeartRate)\b")
#: Workout statistics of our types (a workout's totals, not samples).
_STATS = re.compile(
    rb'<WorkoutStatistics type="HKQuantityTypeIdentifier(?:StepCount|DistanceWalkingRunning'
    rb'|HeartRate)"'
)
_DAY_OF = itemgetter(4)
_RECORD_TAG = re.compile(rb"<Record[\s/>]")
_REF = re.compile(rb"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {b"amp": "&", b"lt": "<", b"gt": ">", b"quot": '"', b"apos": "'"}


def _stats(region: bytes | bytearray, others: int) -> int:
    """Workout statistics lines of our types (counted only when some names are not records)."""
    return len(_STATS.findall(region)) if others else 0


def _marked(region: bytes | bytearray, char: bytes, before: bytes) -> bool:
    """Whether ``before + char`` occurs (``char`` is rare in an export: found with memchr)."""
    at = region.find(char, 1)
    while at >= 0:
        if region[at - 1 : at] == before:
            return True
        at = region.find(char, at + 1)
    return False


class Unexpected(Exception):
    """Something the byte reader does not interpret (a comment after the prolog, an unknown
    reference): the whole file is read by the lxml reader instead."""


def since_pattern(day: bytes) -> bytes:
    """A pattern matching ``YYYY-MM-DD`` dates on or after ``day`` (string order is date order)."""
    fixed = {4, 7}

    def rest(i: int) -> bytes:
        return b"".join(b"-" if k in fixed else rb"\d" for k in range(i, 10))

    alts = [re.escape(day)]
    for i in range(10):
        if i in fixed or day[i : i + 1] == b"9":
            continue
        alts.append(re.escape(day[:i]) + b"[" + bytes([day[i] + 1]) + b"-9]" + rest(i + 1))
    return b"(?:" + b"|".join(alts) + b")"


class RecordReader:
    """Fills a Store from complete parts of the file (every tag in a part ends inside it)."""

    def __init__(self, store: Store, path: str) -> None:
        self.store = store
        self.path = path
        skip = store.skip_day
        self._rows = _line(since_pattern(skip) if skip is not None else _DAY)
        self._names: dict[bytes, str] = {}
        self._plain_names: dict[bytes, str] = {}
        #: rows found but not converted yet: converting many at once is what makes it cheap
        self._pending: list[Row] = []

    def flush(self) -> None:
        """Convert and keep the rows found so far (call once more at the end)."""
        add_rows(self.store, self._pending, self._names, _source)
        self._pending.clear()

    def part(self, region: bytes | bytearray, base: int) -> None:
        """Read the records of ``region`` (``base``: its offset in the file)."""
        if _marked(region, b"!", b"<") or _marked(region, b"?", b"<"):
            raise Unexpected("a comment, CDATA or declaration after the prolog")
        if _marked(region, b"#", b"&"):
            self._by_tag(region, base)  # a character reference may spell one of our types
            return
        store = self.store
        skip = store.skip_day
        named = len(_NAMES.findall(region))
        if not named:
            return
        if skip is None:
            rows = self._rows.findall(region)
            if named != len(rows) + _stats(region, named - len(rows)):
                self._by_tag(region, base)
                return
            counts = Counter(map(_DAY_OF, rows))
            store.records += len(rows)
        else:
            days = _DAYS.findall(region)
            if named != len(days) + _stats(region, named - len(days)):
                self._by_tag(region, base)
                return
            counts = Counter(days)
            store.records += len(days)
            rows = self._rows.findall(region) if days and max(counts) >= skip else []
            if len(rows) != sum(n for d, n in counts.items() if d >= skip):
                store.records -= len(days)
                self._by_tag(region, base)  # a record from the cut-off on, not written plainly
                return
        store.days.update(counts)
        self._pending += rows
        if len(self._pending) >= BATCH:
            self.flush()

    def _by_tag(self, region: bytes | bytearray, base: int) -> None:
        """Read every ``<Record>`` tag of the region that may be ours with lxml."""
        self.flush()  # samples are kept in file order (ties in the sort keep it)
        rows: list[Row] = []
        store = self.store
        skip = store.skip_day
        for m in _RECORD_TAG.finditer(region):
            start = m.start()
            end = tag_end(region, start)
            if end < 0:
                raise Unexpected("a <Record> tag that does not end")
            tag = bytes(region[start : end + 1]).translate(None, XML_FORBIDDEN_CONTROLS)
            if not _NAMES.search(tag) and b"&#" not in tag:
                continue
            closed = tag if tag.endswith(b"/>") else tag[:-1] + b"/>"
            try:
                elem = safexml.fragment(closed, self.path, base + start)
            except CorruptFile:
                raise Unexpected("a <Record> tag lxml does not accept") from None
            row = element_row(elem)
            if row is None:
                continue
            store.records += 1
            day = row[4]
            store.days[day] += 1
            if skip is None or day >= skip:
                rows.append(row)
        add_rows(store, rows, self._plain_names, plain)


#: (kind, source, unit, start, local day, end, value), raw bytes as written
Row = tuple[bytes, bytes, bytes, bytes, bytes, bytes, bytes]


def element_row(elem: object) -> Row | None:
    """The Row of an lxml ``<Record>`` of ours, else None."""
    get = elem.get  # type: ignore[attr-defined]
    kind = get("type") or ""
    if not kind.startswith(TYPE_PREFIX) or kind[len(TYPE_PREFIX) :].encode() not in KINDS:
        return None
    # a missing attribute gets its default, an empty one stays empty (as on the fast path)
    start = get("startDate", "").encode()
    end = get("endDate")
    return (
        kind[len(TYPE_PREFIX) :].encode(),
        get("sourceName", "?").encode(),
        get("unit", "km").encode(),
        start,
        start[:10],
        start if end is None else end.encode(),
        get("value", "").encode(),
    )


def _source(raw: bytes) -> str:
    if b"&" not in raw:
        return raw.decode("utf-8", "replace")
    out = _REF.sub(_unref, raw)
    if b"&" in _REF.sub(b"", raw):
        raise Unexpected("an entity reference in a source name")
    return out.decode("utf-8", "replace")


def _unref(m: re.Match[bytes]) -> bytes:
    name, dec, hexa = m.groups()
    if name:
        return _NAMED[name].encode()
    try:
        return chr(int(dec) if dec else int(hexa, 16)).encode()
    except (ValueError, OverflowError):
        raise Unexpected("a character reference out of range") from None


def plain(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


#: The type names of our records, as coded in the columns below.
_KIND_CODE = {b"StepCount": 0, b"DistanceWalkingRunning": 1, b"HeartRate": 2}
_STEPS, _DISTANCE, _HEART = 0, 1, 2


def add_rows(
    store: Store,
    rows: Sequence[Row],
    names: dict[bytes, str],
    decode: Callable[[bytes], str],
) -> None:
    """Convert and keep samples, all rows at once (``convert``): there are millions of them.

    A row whose date or value cannot be read is one bad sample, never a failed file.
    """
    if not rows:
        return
    n = len(rows)
    kinds, sources, units, starts, _days, ends, values = zip(*rows, strict=True)
    start, offset, ok = convert.epochs(starts)
    end, _, end_ok = convert.epochs(ends)
    value, value_ok = convert.floats(values)
    ok &= end_ok & value_ok
    good = int(np.count_nonzero(ok))
    store.bad_records += n - good
    if not good:
        return
    store.until = max(store.until, float(end[ok].max()))
    kind = np.fromiter(map(_KIND_CODE.__getitem__, kinds), np.int8, n)
    distance = kind == _DISTANCE
    if distance.any():
        value = np.where(distance, value * convert.lookup(UNIT_M, units, 1000.0), value)
    offset = np.where(kind == _STEPS, offset, 0).astype(np.int16)  # only step walks need it
    _append(store.heart, np.flatnonzero(ok & (kind == _HEART)), start, end, value, offset)
    # one source number per distinct name (numbers need not be consecutive)
    codes: dict[bytes, int] = {}
    code = np.fromiter(map(codes.setdefault, sources, count()), np.int64, n)
    raw_of = {number: raw for raw, number in codes.items()}
    for k, table in ((_STEPS, store.steps), (_DISTANCE, store.distance)):
        idx = np.flatnonzero(ok & (kind == k))
        if not len(idx):
            continue
        mine = code[idx]
        found, first = np.unique(mine, return_index=True)
        for number in found[np.argsort(first)].tolist():  # sources in file order
            raw = raw_of[number]
            source = names.get(raw)
            if source is None:
                source = names[raw] = decode(raw)
            target = table.get(source)  # not "or": an empty Intervals is false
            if target is None:
                target = table[source] = Intervals()
            _append(target, idx[mine == number], start, end, value, offset)


def _append(
    iv: Intervals,
    idx: convert.Ints,
    start: convert.Floats,
    end: convert.Floats,
    value: convert.Floats,
    offset: convert.Ints,
) -> None:
    if len(idx):
        iv.start.frombytes(start[idx].tobytes())
        iv.end.frombytes(end[idx].tobytes())
        iv.value.frombytes(value[idx].tobytes())
        iv.offset.frombytes(offset[idx].tobytes())


def tag_end(buf: bytes | bytearray, start: int) -> int:
    """Index of the ``>`` closing the start tag at ``start`` (quotes respected), or -1."""
    i = start
    n = len(buf)
    while i < n:
        q = buf.find(b'"', i)
        a = buf.find(b"'", i)
        if a >= 0 and (q < 0 or a < q):
            q = a
        g = buf.find(b">", i)
        if g < 0:
            return -1
        if q < 0 or g < q:
            return g
        close = buf.find(buf[q : q + 1], q + 1)
        if close < 0:
            return -1
        i = close + 1
    return -1
