"""What the reading of an export keeps: samples in columns, counts per day, the span read."""

from __future__ import annotations

import operator
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice, repeat

from upright.domain.tracking.resume import CONTEXT_S

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
    #: ``skip_day`` are only counted, not read
    skip_day: bytes | None = None
    #: samples per local date, to check that a newer export holds the same samples as the
    #: earlier one before the cut-off
    days: Counter[bytes] = field(default_factory=Counter)
    #: the latest end of a sample read
    until: float = float("-inf")
    #: dates read lately (raw bytes -> epoch s)
    seen: dict[bytes, float] = field(default_factory=dict)


def kept(store: Store) -> int:
    """Samples held in memory (those before a cut-off are only counted, not kept)."""
    return (
        sum(len(iv) for iv in store.steps.values())
        + sum(len(iv) for iv in store.distance.values())
        + len(store.heart)
    )


def skip_day(since: float) -> bytes:
    """The first local date read when reading from ``since`` (a margin for time zones)."""
    return datetime.fromtimestamp(since - CONTEXT_S, UTC).strftime("%Y-%m-%d").encode()


def tally_before(store: Store, day: bytes) -> tuple[int, int]:
    """Samples on dates before ``day``, and a checksum of the count on each date (fits a
    32-bit column): a sample more or less on any date changes it."""
    count = checksum = 0
    for d, n in store.days.items():
        if d < day and n:
            count += n
            checksum += zlib.crc32(b"%s=%d" % (d, n))
    return count, checksum % FINGERPRINT_MOD


#: Sorting by whole seconds and position packed into one float: a list of floats instead of a
#: list of positions plus a list of keys (half the memory while a five-year export is sorted).
_PACK = 1 << 21


def sorted_by_start(iv: Intervals) -> Intervals:
    """The same samples in start order, ties in file order (exports are nearly sorted: check
    first). The columns are replaced one by one, so only one old column is held at a time."""
    s = iv.start
    if all(map(operator.le, s, islice(s, 1, None))):
        return iv
    order = _order(s)
    iv.start = array("d", map(s.__getitem__, order))
    del s
    iv.end = array("d", map(iv.end.__getitem__, order))
    iv.value = array("d", map(iv.value.__getitem__, order))
    iv.offset = array("h", map(iv.offset.__getitem__, order))
    return iv


def _order(s: array[float]) -> array[int]:
    """Positions of ``s`` in ascending order, ties in position order."""
    n = len(s)
    if n < _PACK and min(s) >= 0 and max(s) < 2**31 and all(map(float.is_integer, s)):
        # start * 2**21 + position is exact below 2**53, and sorts like (start, position)
        packed = sorted(map(operator.add, map(operator.mul, s, repeat(float(_PACK))), range(n)))
        return array("q", map(operator.mod, map(int, packed), repeat(_PACK)))
    return array("q", sorted(range(n), key=s.__getitem__))


def sort_store(store: Store) -> None:
    store.heart = sorted_by_start(store.heart)
    for table in (store.steps, store.distance):
        for name in list(table):
            table[name] = sorted_by_start(table[name])
