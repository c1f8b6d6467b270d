"""A person's reminder settings, checked: days, time, quiet hours, time zone, channels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import time
from difflib import get_close_matches
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from upright.domain.errors import InvalidInput

WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: where a reminder can go
CHANNELS: Final = ("email", "push", "calendar", "apprise")
#: what a reminder can be about; the outbox keeps at most one of each per person and local day
KINDS: Final = ("session", "missed_day", "restart", "stop", "buddy")
DEFAULT_TIME: Final = time(8, 0)


@dataclass(frozen=True)
class ReminderSettings:
    days: tuple[str, ...]
    at: time
    timezone: str
    channels: tuple[str, ...] = ()
    quiet_start: time | None = None
    quiet_end: time | None = None
    enabled: bool = True
    #: where the optional Apprise channel sends (ntfy://..., gotify://..., matrix://...)
    apprise_url: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": list(self.days),
            "time": self.at.strftime("%H:%M"),
            "timezone": self.timezone,
            "channels": list(self.channels),
            "quiet_start": self.quiet_start.strftime("%H:%M") if self.quiet_start else None,
            "quiet_end": self.quiet_end.strftime("%H:%M") if self.quiet_end else None,
            "enabled": self.enabled,
            "apprise_url": self.apprise_url,
        }


def parse_time(raw: object, field: str) -> time:
    text = str(raw).strip()
    try:
        hours, minutes = text.split(":")
        if len(minutes) != 2 or not hours.isdigit() or not minutes.isdigit():
            raise ValueError
        return time(int(hours), int(minutes))
    except ValueError:
        raise InvalidInput(
            field, f"'{text}' is not a time of day", "HH:MM on a 24-hour clock, e.g. 07:30"
        ) from None


def parse_zone(raw: object, field: str = "timezone") -> str:
    name = str(raw).strip()
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError
        ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError, OSError):
        zones = sorted(available_timezones())
        close = [z for z in zones if name and name.lower() in z.lower()][:5]
        close = close or get_close_matches(name, zones, n=3)
        hint = ", ".join(close) if close else "a name like Europe/London or America/New_York"
        raise InvalidInput(field, f"'{name}' is not a time zone we know", hint) from None
    return name


def _words(raw: object, field: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = [w for w in raw.replace(" ", ",").split(",") if w]
    if not isinstance(raw, Iterable):
        raise InvalidInput(field, "expected a list of words", allowed)
    words = [str(w).strip().lower() for w in raw]
    for word in words:
        if word not in allowed:
            raise InvalidInput(field, f"'{word}' is not one of the choices", allowed)
    # keep the vocabulary's order, drop repeats
    return tuple(w for w in allowed if w in words)


def parse_settings(data: Mapping[str, Any]) -> ReminderSettings:
    """Settings from plain fields (CLI options, a web form, a stored row); names a bad field."""
    days = _words(data.get("days", ()), "days", WEEKDAYS)
    quiet_start = data.get("quiet_start")
    quiet_end = data.get("quiet_end")
    if bool(quiet_start) != bool(quiet_end):
        raise InvalidInput("quiet hours", "give both a start and an end", "HH:MM-HH:MM")
    apprise_url = str(data.get("apprise_url") or "").strip() or None
    if apprise_url is not None and "://" not in apprise_url:
        raise InvalidInput(
            "apprise address", f"'{apprise_url}' is not an address", "e.g. ntfy://my-topic"
        )
    channels = _words(data.get("channels", ()), "channels", CHANNELS)
    if "apprise" in channels and apprise_url is None:
        raise InvalidInput(
            "apprise address", "the apprise channel needs an address", "e.g. ntfy://my-topic"
        )
    return ReminderSettings(
        days=days,
        at=parse_time(data.get("time") or DEFAULT_TIME.strftime("%H:%M"), "time"),
        timezone=parse_zone(data.get("timezone") or "UTC"),
        channels=channels,
        quiet_start=parse_time(quiet_start, "quiet hours start") if quiet_start else None,
        quiet_end=parse_time(quiet_end, "quiet hours end") if quiet_end else None,
        enabled=bool(data.get("enabled", True)),
        apprise_url=apprise_url,
    )
