"""Writes a walk invite as an iCalendar file (RFC 5545) that any calendar app can import."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import icalendar

from upright.domain.social.walks import WalkInvite

PRODID = "-//Upright//walk invite//EN"


def invite_ics(invite: WalkInvite, stamp: datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    seed = f"{invite.start.isoformat()}|{invite.title}|{invite.place or ''}".encode()
    event.add("uid", hashlib.sha256(seed).hexdigest()[:32] + "@upright")
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", invite.start.astimezone(UTC))
    event.add("dtend", invite.end.astimezone(UTC))
    event.add("summary", invite.title)
    event.add("description", invite.description)
    if invite.place:
        event.add("location", invite.place)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return bytes(calendar.to_ical())
