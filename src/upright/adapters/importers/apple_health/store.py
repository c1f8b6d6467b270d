"""What the reading of an export keeps: samples in columns, counts per day, the span read."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from upright.domain.tracking.resume import CONTEXT_S

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
    #: where the records of each type are in the file (``proof``); None from the lxml reader
    ledger: Any = None
    #: the latest end of a sample read
    until: float = float("-inf")


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


def sorted_by_start(iv: Intervals) -> Intervals:
    """The same samples in start order, ties in file order (a stable sort in numpy; exports are
    nearly sorted: checked first). The columns are replaced one by one, so only one old column
    is held at a time."""
    s = np.frombuffer(iv.start, np.float64)
    if len(s) < 2 or bool(np.all(s[1:] >= s[:-1])):
        return iv
    order = np.argsort(s, kind="stable")
    for name in ("start", "end", "value", "offset"):
        old: array[Any] = getattr(iv, name)
        new = array(old.typecode)
        new.frombytes(np.frombuffer(old, _NUMPY[old.typecode])[order].tobytes())
        setattr(iv, name, new)
        del old
    return iv


_NUMPY = {"d": np.float64, "h": np.int16}


def sort_store(store: Store) -> None:
    store.heart = sorted_by_start(store.heart)
    for table in (store.steps, store.distance):
        for name in list(table):
            table[name] = sorted_by_start(table[name])
