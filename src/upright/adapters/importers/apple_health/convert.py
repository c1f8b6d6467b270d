"""Many record lines converted and kept at once, in numpy (C), not row by row.

A five-year export holds millions of step, distance and heart-rate samples; converting each in
Python cost more than finding them. Dates written the way iOS writes them
(``YYYY-MM-DD HH:MM:SS +HHMM``, 25 bytes) are read as byte columns; anything else (another
length, an impossible day, an odd offset) is converted by ``dates.epoch`` one at a time, so the
result is the same as that function's for every date, and an unreadable one is still one bad
sample, never a failed file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import count, repeat
from typing import Any

import numpy as np

from upright.adapters.importers.apple_health import dates
from upright.adapters.importers.apple_health.store import UNIT_M, Intervals, Store

#: Bytes kept per date: one more than a date iOS writes, so a longer one is seen (it is cut).
_WIDTH = 26
_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 21, 22, 23, 24]
_FIXED = {4: b"-", 7: b"-", 10: b" ", 13: b":", 16: b":", 19: b" "}
#: Days before each month in a common year.
_BEFORE = np.array([0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334], dtype=np.int64)
_LENGTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)
#: Years read here; a date outside them goes the slow way (``datetime`` knows their limits).
_YEARS = (1900, 2200)

Floats = Any  # numpy arrays: numpy's own types are not worth the noise in mypy here
Ints = Any


def epochs(raw: Sequence[bytes]) -> tuple[Floats, Ints, Any]:
    """Epoch seconds, UTC offsets (minutes) and a mask of the dates that could be read.

    The same numbers as ``dates.epoch`` and ``dates.offset_minutes`` for each date; a date
    ``dates.epoch`` refuses is False in the mask.
    """
    grid, d, ok = digit_grid(raw, _WIDTH - 1, _DIGITS)
    for at, char in _FIXED.items():
        ok &= grid[:, at] == char[0]
    sign = grid[:, 20]
    ok &= (sign == ord("+")) | (sign == ord("-"))

    def number(first: int, count: int) -> Ints:
        out = d[:, first]
        for k in range(first + 1, first + count):
            out = out * 10 + d[:, k]
        return out

    off_h, off_m = number(14, 2), number(16, 2)
    seconds, valid = utc_seconds(number)
    ok &= valid & (off_h <= 23) & (off_m <= 59)
    offset = (off_h * 60 + off_m) * np.where(sign == ord("-"), -1, 1)
    stamp = (seconds - offset * 60).astype(np.float64)
    for i in np.flatnonzero(~ok).tolist():
        try:
            stamp[i] = dates.epoch(raw[i])
            ok[i] = True
        except ValueError:
            pass
        offset[i] = dates.offset_minutes(raw[i])
    return stamp, offset, ok


def utc_seconds(number: Any) -> tuple[Ints, Any]:
    """Seconds since 1970 of the date and time whose fields ``number(first, count)`` gives
    (year at 0, month 4, day 6, hour 8, minute 10, second 12, in digits), as if in UTC, and
    a mask of those that are real dates and times."""
    year, month, day = number(0, 4), number(4, 2), number(6, 2)
    hour, minute, second = number(8, 2), number(10, 2), number(12, 2)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_ok = (month >= 1) & (month <= 12)
    month = np.where(month_ok, month, 1)
    length = _LENGTH[month] + (leap & (month == 2))
    ok = month_ok & (day >= 1) & (day <= length) & (year >= _YEARS[0]) & (year <= _YEARS[1])
    ok &= (hour <= 23) & (minute <= 59) & (second <= 59)
    # days since 1970-01-01 of a proleptic Gregorian date (years >= 1900 here)
    y = year - 1
    days = y * 365 + y // 4 - y // 100 + y // 400 + _BEFORE[month] + (leap & (month > 2))
    days += day - 719163  # 719163: days from 0001-01-01 to 1970-01-01
    return days * 86400 + hour * 3600 + minute * 60 + second, ok


def digit_grid(raw: Sequence[bytes], width: int, digits: list[int]) -> tuple[Any, Any, Any]:
    """The bytes of each string as a row of ``width + 1`` (longer ones cut), the digits at
    ``digits`` as numbers, and a mask of the strings exactly ``width`` long, digits there."""
    grid = np.array(raw, dtype=f"S{width + 1}").view(np.uint8).reshape(len(raw), width + 1)
    ok = (grid[:, width] == 0) & (grid[:, width - 1] != 0)
    d = grid[:, digits] - np.uint8(ord("0"))  # wraps around below "0": caught next
    ok &= (d < 10).all(axis=1)
    return grid, d.astype(np.int64), ok


def floats(raw: Sequence[bytes]) -> tuple[Floats, Any]:
    """``float()`` of each value (Python's own parsing), and a mask of those that could be read."""
    try:
        return np.fromiter(map(float, raw), np.float64, len(raw)), np.ones(len(raw), bool)
    except ValueError:
        pass
    out = np.zeros(len(raw), np.float64)
    ok = np.ones(len(raw), bool)
    for i, text in enumerate(raw):
        try:
            out[i] = float(text)
        except ValueError:
            ok[i] = False
    return out, ok


def lookup(table: dict[bytes, float], keys: Sequence[bytes], default: float) -> Floats:
    """``table.get(key, default)`` of each key."""
    return np.fromiter(map(table.get, keys, repeat(default)), np.float64, len(keys))


#: The type names of our records, as coded in the columns below.
KIND_CODE = {b"StepCount": 0, b"DistanceWalkingRunning": 1, b"HeartRate": 2}
_STEPS, _DISTANCE, _HEART = 0, 1, 2
#: Their first letters differ: "S", "D", "H".
_BY_LETTER = np.zeros(256, np.int8)
_BY_LETTER[[ord("S"), ord("D"), ord("H")]] = [_STEPS, _DISTANCE, _HEART]


def codes(kinds: Sequence[bytes]) -> Ints:
    """The code of each type name (only our three reach here: the patterns name them)."""
    return _BY_LETTER[np.array(kinds, dtype="S1").view(np.uint8)]


def add_rows(
    store: Store,
    rows: Sequence[tuple[bytes, ...]],
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
    start, offset, ok = epochs(starts)
    end, _, end_ok = epochs(ends)
    value, value_ok = floats(values)
    # "nan" and "inf" are floats to Python, not step counts or heart rates
    ok &= end_ok & value_ok & np.isfinite(value)
    good = int(np.count_nonzero(ok))
    store.bad_records += n - good
    if not good:
        return
    store.until = max(store.until, float(end[ok].max()))
    kind = codes(kinds)
    distance = kind == _DISTANCE
    if distance.any():
        value = np.where(distance, value * lookup(UNIT_M, units, 1000.0), value)
    offset = np.where(kind == _STEPS, offset, 0).astype(np.int16)  # only step walks need it
    _append(store.heart, np.flatnonzero(ok & (kind == _HEART)), start, end, value, offset)
    # one source number per distinct name (numbers need not be consecutive)
    numbers: dict[bytes, int] = {}
    code = np.fromiter(map(numbers.setdefault, sources, count()), np.int64, n)
    raw_of = {number: raw for raw, number in numbers.items()}
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
    idx: Ints,
    start: Floats,
    end: Floats,
    value: Floats,
    offset: Ints,
) -> None:
    if len(idx):
        iv.start.frombytes(start[idx].tobytes())
        iv.end.frombytes(end[idx].tobytes())
        iv.value.frombytes(value[idx].tobytes())
        iv.offset.frombytes(offset[idx].tobytes())
