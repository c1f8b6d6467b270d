"""Park-district classes: add a class calendar, list its sessions screened for the person.

Class calendars are the acting person's own: every function acts for ``actor`` on their own
data. The calendar is read and checked before the transaction opens, so a bad file or an unanswered
URL stores nothing. Listing expands every stored calendar in the window and screens each session
with the person's own rules (the catalog's screening, through ``domain.social.classes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Final

from upright.domain.errors import InvalidInput, NotFound
from upright.domain.profile import parse_profile
from upright.domain.social.classes import ScreenedClass, screen_classes
from upright.domain.social.kinds import ClassKind, normalise
from upright.services.access import Action, Actor, check
from upright.services.library import Library
from upright.services.social_ports import CalendarDoc, CalendarReader, SocialUnitOfWork

#: the longest window one listing expands (a year and a day), so a listing stays quick
MAX_WINDOW_DAYS: Final = 366
DEFAULT_WINDOW_DAYS: Final = 7
MAX_NAME: Final = 200


@dataclass(frozen=True)
class AddedCalendar:
    name: str
    format: str
    events: int
    replaced: bool


def add_calendar(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    source: str,
    reader: CalendarReader,
    now: datetime,
    name: str | None = None,
) -> AddedCalendar:
    """Read, check and keep a class calendar (a file or a URL). Same name: replaced."""
    doc = reader.read(source)  # outside the transaction: nothing is stored if it fails
    label = " ".join((name if name is not None else doc.name).split())
    if not label:
        raise InvalidInput("name", "a calendar needs a name", "any short text")
    if len(label) > MAX_NAME:
        label = label[: MAX_NAME - 1] + "…"
    doc = CalendarDoc(label, doc.source, doc.format, doc.body, doc.events)
    with uow:
        check(uow, actor, subject_id, Action.IMPORT_FILES)
        replaced = any(c.name == label for c in uow.calendars.all(subject_id))
        uow.calendars.save(subject_id, doc, now)
        uow.commit()
    return AddedCalendar(label, doc.format, doc.events, replaced)


def remove_calendar(uow: SocialUnitOfWork, actor: Actor, subject_id: int, name: str) -> None:
    with uow:
        check(uow, actor, subject_id, Action.IMPORT_FILES)
        if not uow.calendars.remove(subject_id, name):
            known = [c.name for c in uow.calendars.all(subject_id)]
            raise InvalidInput(
                "calendar", f"there is no class calendar called '{name}'", known or None
            )
        uow.commit()


def calendar_names(uow: SocialUnitOfWork, actor: Actor, subject_id: int) -> list[dict[str, Any]]:
    with uow:
        check(uow, actor, subject_id, Action.READ_PROFILE)
        return [
            {
                "name": c.name,
                "source": c.source,
                "format": c.format,
                "added": c.added_at.isoformat(),
            }
            for c in uow.calendars.all(subject_id)
        ]


def window(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The days to list: from ``start`` (default today) to ``end`` (default a week on)."""
    first = start or today
    last = end or first + timedelta(days=DEFAULT_WINDOW_DAYS - 1)
    if last < first:
        raise InvalidInput("to", f"{last.isoformat()} is before the start {first.isoformat()}")
    if (last - first).days >= MAX_WINDOW_DAYS:
        raise InvalidInput(
            "to", f"the window is longer than {MAX_WINDOW_DAYS} days", "a shorter range"
        )
    return first, last


def list_sessions(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    library: Library,
    kinds: tuple[ClassKind, ...],
    reader: CalendarReader,
    start: date,
    end: date,
    default_tz: tzinfo,
    near: str | None = None,
) -> list[ScreenedClass]:
    """Every class session in the window, screened for the person's stored profile."""
    with uow:
        check(uow, actor, subject_id, Action.READ_PLAN)
        data = uow.profiles.latest(subject_id)
        calendars = list(uow.calendars.all(subject_id))
    if data is None:
        raise NotFound("profile", "me", "answer the questions first (`upright start`)")
    occurrences = [o for c in calendars for o in reader.expand(c, start, end, default_tz)]
    if near:
        words = normalise(near)
        occurrences = [o for o in occurrences if words.strip() in normalise(o.place or "")]
    occurrences.sort(key=lambda o: (o.start, o.calendar, o.title))
    return screen_classes(occurrences, kinds, parse_profile(data), library.rules)


def session_json(item: ScreenedClass) -> dict[str, Any]:
    """One session in the contract's shape (extra fields after the contract's)."""
    o = item.occurrence
    return {
        "class": o.calendar,
        "title": o.title,
        "start": o.start.isoformat(),
        "end": o.end.isoformat(),
        "place": o.place,
        "activity": item.kind.activity,
        "modality": item.kind.modality,
        "allowed": item.allowed,
        "reasons": list(item.reasons),
        "movements": list(item.kind.movements),
        "cautions": list(item.cautions),
        "all_day": o.all_day,
        "on_your_day": item.on_your_day,
        "counts_as_aerobic": item.counts_as_aerobic,
        "why": item.kind.why,
        "source": item.kind.source,
        "calendar_activity": o.activity,
    }
