"""Apple Health dates (``2019-07-19 10:36:11 -0700``) to epoch seconds, fast.

A large export holds millions of dates; ``datetime.fromisoformat`` per date costs more than
the whole byte scan. Dates in one hour share everything but minutes and seconds, so the hour
(with its offset) is parsed once and cached.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

_hours: dict[bytes, float] = {}


def epoch(raw: bytes) -> float:
    """Epoch seconds of an Apple date; raises ValueError when it is not one."""
    if len(raw) == 25 and raw[13:14] == b":" and raw[16:17] == b":":
        key = raw[:13] + raw[19:]
        base = _hours.get(key)
        if base is None:
            base = datetime.fromisoformat((raw[:13] + b":00:00" + raw[19:]).decode()).timestamp()
            if len(_hours) > 500_000:
                _hours.clear()
            _hours[key] = base
        return base + int(raw[14:16]) * 60 + int(raw[17:19])
    return aware(raw).timestamp()


def aware(raw: bytes | str) -> datetime:
    text = raw.decode() if isinstance(raw, bytes) else raw
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        raise ValueError(f"date without a time zone: {text!r}")
    return moment


def offset_minutes(raw: bytes) -> int:
    """The UTC offset written in the date, in minutes (time zones change within a file)."""
    tail = raw.strip()[-5:]
    if len(tail) == 5 and tail[:1] in (b"+", b"-") and tail[1:].isdigit():
        minutes = int(tail[1:3]) * 60 + int(tail[3:5])
        return -minutes if tail[:1] == b"-" else minutes
    return 0


def at(stamp: float, minutes: int) -> datetime:
    return datetime.fromtimestamp(stamp, tz=timezone(timedelta(minutes=minutes)))
