"""Showing cheaply that a newer export's earlier days are byte for byte the earlier export's.

A newer export holds every record of the earlier one again. For each record type we read, the
records dated before the cut-off day form one stretch of bytes: from the first record of that
type to the first one dated on or after the day (checked: none of that type before it is
later, none after it is earlier). Its length and CRC32 are kept at each import; a newer export
whose stretches have the same lengths and CRC32s holds exactly the same earlier records, so
only the bytes after them are parsed (the stretches are only inflated and checksummed, in C).
Anything else (a record edited, deleted or synced late into an old day, records of one type
out of date order, a type that stopped before the day) makes the proof fail, and the export is
read whole: slower, never wrong.

One CRC runs over the whole file; the CRC of a stretch comes from the CRCs at its two ends
(``crc_between``, zlib's ``crc32_combine`` reversed), so overlapping stretches cost nothing more.
"""

from __future__ import annotations

import re
import struct
import zlib
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

import numpy as np

KINDS = (b"StepCount", b"DistanceWalkingRunning", b"HeartRate")
TAG = {k: b'<Record type="HKQuantityTypeIdentifier' + k + b'"' for k in KINDS}
NAME_BYTES = {k: b"HKQuantityTypeIdentifier" + k for k in KINDS}
NAME = {k: re.compile(re.escape(NAME_BYTES[k]) + rb"\b") for k in KINDS}
#: The day before every day: a first import reads every record.
FIRST_DAY = b"0000-00-00"
#: Proof numbers fit 32-bit columns.
MOD = 2**31 - 1
#: A proof that never equals a stored one: the newer export is read again, whole.
NONE = (-1, -1)
#: Stored when the next import cannot be proven (it then reads the export whole).
UNPROVEN = (0, 0)


class NoProof(Exception):
    """The earlier days of this export cannot be shown to be the earlier export's."""


def day_number(day: bytes) -> int:
    """``b"2024-05-03"`` -> 20240503 (numbers in date order)."""
    return int(day[:4]) * 10000 + int(day[5:7]) * 100 + int(day[8:10])


def day_numbers(days: list[bytes]) -> Any:
    """``day_number`` of each ``YYYY-MM-DD`` (digits guaranteed by the record pattern)."""
    if not days:
        return np.zeros(0, np.int32)
    d = np.array(days, dtype="S10").view(np.uint8).reshape(-1, 10).astype(np.int32) - 48
    return (
        d[:, 0] * 10_000_000
        + d[:, 1] * 1_000_000
        + d[:, 2] * 100_000
        + d[:, 3] * 10_000
        + d[:, 5] * 1000
        + d[:, 6] * 100
        + d[:, 8] * 10
        + d[:, 9]
    )


# zlib's crc32_combine, in Python (zlib.c: multmodp, x2nmodp): a few hundred operations
_POLY = 0xEDB88320


def _multmodp(a: int, b: int) -> int:
    m = 1 << 31
    p = 0
    while True:
        if a & m:
            p ^= b
            if not a & (m - 1):
                break
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1
    return p


def _x2n_table() -> list[int]:
    table = [1 << 30]
    for _ in range(31):
        table.append(_multmodp(table[-1], table[-1]))
    return table


_X2N = _x2n_table()


def _x8nmodp(n: int) -> int:
    """x^(8n) modulo the CRC polynomial."""
    p = 1 << 31
    k = 3
    while n:
        if n & 1:
            p = _multmodp(_X2N[k & 31], p)
        n >>= 1
        k += 1
    return p


def crc_between(crc_to_start: int, crc_to_end: int, length: int) -> int:
    """CRC32 of the ``length`` bytes between two points, from the CRC32s up to each point."""
    return crc_to_end ^ _multmodp(_x8nmodp(length), crc_to_start)


@dataclass
class Kind:
    """What is known of one record type's records along the file."""

    #: the first record of the type: (offset, CRC32 of the file before it)
    first: tuple[int, int] | None = None
    #: the first record parsed (dated on or after the day read from): (offset, CRC32 before it)
    parsed: tuple[int, int] | None = None
    #: the latest day parsed so far, and where the latest day rose: (day, offset, CRC32 before)
    top: int = -1
    rises: list[tuple[int, int, int]] = field(default_factory=list)
    #: the earliest day from each rise to the next (a few numbers a day, not one a record)
    floors: list[int] = field(default_factory=list)


class Ledger:
    """The CRC32 of the file read so far and the record offsets the proofs need."""

    def __init__(self, skip: bytes | None) -> None:
        self.reading_from = skip  # None: a first import, every record parsed
        self.kinds = {k: Kind() for k in KINDS}
        self.crc = 0
        self.possible = True  # False once a part was read tag by tag (offsets not known)
        self._marks: list[tuple[int, bytes, str, int]] = []

    def mark(self, offset: int, kind: bytes, what: str, day: int = 0) -> None:
        """Remember ``offset`` (absolute, in the part checksummed next) as ``kind``'s first
        record, first record parsed, or a rise of its latest day to ``day``."""
        self._marks.append((offset, kind, what, day))

    def checksum(self, region: bytes | bytearray, base: int) -> None:
        """Run the CRC over ``region`` (at ``base``), noting it before each mark."""
        view = memoryview(region)
        crc = self.crc
        done = 0
        for offset, kind, what, day in sorted(self._marks):
            local = offset - base
            crc = zlib.crc32(view[done:local], crc)
            done = local
            k = self.kinds[kind]
            if what == "first":
                k.first = (offset, crc)
            elif what == "parsed":
                k.parsed = (offset, crc)
            else:
                k.rises.append((day, offset, crc))
        self._marks.clear()
        self.crc = zlib.crc32(view[done:], crc)

    def rise(self, kind: bytes, days: Any) -> list[int]:
        """Note the days of ``kind``'s records parsed next; the positions (among them) where
        the latest day rises."""
        k = self.kinds[kind]
        if not len(days):
            return []
        before = np.maximum.accumulate(np.concatenate(([k.top], days[:-1])))
        where = np.flatnonzero(days > before)
        head = days[: where[0]] if len(where) else days
        if len(head):  # the records before this part's first rise: the last floor's
            k.floors[-1] = min(k.floors[-1], int(head.min()))
        if len(where):
            k.floors.extend(np.minimum.reduceat(days, where).tolist())
        k.top = max(k.top, int(days.max()))
        return list(where.tolist())

    def proof_from(self) -> tuple[int, int]:
        """The proof of the records before the day this export was read from."""
        parts = []
        for name, k in self.kinds.items():
            if k.first is None:
                parts.append((name, 0, 0))  # no record of this type before the day
                continue
            if k.parsed is None:
                raise NoProof  # the type stopped before the day: its stretch has no end
            parts.append((name, *_stretch(k.first, k.parsed)))
        return _pack(parts)

    def proof_for(self, skip: bytes) -> tuple[int, int]:
        """The proof a later export read from ``skip`` will have to match."""
        if not self.possible:
            return UNPROVEN
        s = day_number(skip)
        parts = []
        for name, k in self.kinds.items():
            if k.first is None:
                parts.append((name, 0, 0))
                continue
            # the first record dated ``skip`` or later raised the latest day to its day
            at = bisect_left([r[0] for r in k.rises], s)
            if at >= len(k.rises):
                return UNPROVEN  # the type stopped before the day
            if min(k.floors[at:]) < s:
                return UNPROVEN  # an earlier day after a later one: no single stretch
            _day, offset, crc = k.rises[at]
            parts.append((name, *_stretch(k.first, (offset, crc))))
        return _pack(parts)


def _stretch(first: tuple[int, int], end: tuple[int, int]) -> tuple[int, int]:
    length = end[0] - first[0]
    return length, crc_between(first[1], end[1], length)


def _pack(parts: list[tuple[bytes, int, int]]) -> tuple[int, int]:
    packed = b"".join(name + struct.pack("<QI", length, crc) for name, length, crc in parts)
    return sum(p[1] for p in parts) % MOD, zlib.crc32(packed) % MOD
