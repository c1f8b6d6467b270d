"""A group's recurring schedule (an RFC 5545 RRULE), checked and expanded with the same
iCalendar code as class calendars, so the same limits apply."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from upright.adapters.calendars import ics
from upright.domain.errors import CorruptFile, InvalidInput

_RULE = re.compile(r"^[A-Z0-9=;,+\-]{1,200}$")
EXAMPLE = "an RRULE such as FREQ=WEEKLY;BYDAY=SA"


def _text(rrule: str, first_start: datetime, tz: str, minutes: int) -> str:
    local = first_start.astimezone(ZoneInfo(tz))
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Upright//group//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:group@upright\r\nSUMMARY:group\r\nDTSTART;TZID={tz}:{local:%Y%m%dT%H%M%S}\r\n"
        f"DURATION:PT{minutes}M\r\nRRULE:{rrule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


class GroupSchedules:
    def check(self, rrule: str, first_start: datetime, tz: str, minutes: int) -> str:
        """The rule in canonical form, or ``InvalidInput`` naming what is wrong."""
        rule = rrule.strip().upper().removeprefix("RRULE:")
        if not _RULE.match(rule) or "FREQ=" not in rule:
            raise InvalidInput("schedule", "this is not a repeat rule", EXAMPLE)
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput(
                "tz", f"'{tz[:60]}' is not a time zone", "e.g. Europe/London"
            ) from None
        try:
            ics.check(_text(rule, first_start, tz, minutes), "schedule")
        except CorruptFile as error:
            problem = error.message.split(": ", 1)[-1].replace("'group' ", "the group ")
            raise InvalidInput("schedule", problem, EXAMPLE) from None
        return rule

    def occurrences(
        self, rrule: str, first_start: datetime, tz: str, minutes: int, start: date, end: date
    ) -> list[datetime]:
        text = _text(rrule, first_start, tz, minutes)
        return [o.start for o in ics.expand(text, "group", start, end, ZoneInfo(tz))]
