"""Reads a class calendar from a file or a URL, works out its format, and expands it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, tzinfo
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from upright.adapters.calendars import ics, openactive
from upright.adapters.calendars.fetch import MAX_BYTES, Fetcher
from upright.domain.errors import CorruptFile, ImportFailed, UnsupportedFormat
from upright.domain.social.classes import ClassOccurrence
from upright.domain.social.kinds import KINDS_FILE, ClassKind, parse_class_kinds
from upright.services.social_ports import CalendarDoc, StoredCalendar

#: RPDE pages followed at most (a park's feed is a few pages; a loop or a flood stops here)
MAX_PAGES = 50


@cache
def load_class_kinds() -> tuple[ClassKind, ...]:
    """The bundled class kinds, validated (cached: they never change)."""
    text = (resources.files("upright.domain.social") / "data" / KINDS_FILE).read_text("utf-8")
    return parse_class_kinds(text)


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


@dataclass
class CalendarFiles:
    """The ``CalendarReader`` port over real files and the network."""

    fetcher: Fetcher = field(default_factory=Fetcher)
    max_bytes: int = MAX_BYTES

    def read(self, source: str) -> CalendarDoc:
        source = source.strip()
        if not source:
            raise ImportFailed("calendar", "give a file or an http(s) address")
        data = self.fetcher.get(source) if is_url(source) else self._file(source)
        text = ics.decode(data)
        head = text.lstrip()[:200].upper()
        fallback = _fallback_name(source)
        if head.startswith("BEGIN:VCALENDAR"):
            name, count = ics.check(text, source)
            return CalendarDoc(name or fallback, source, "ics", text, count)
        if head.startswith("{") or head.startswith("["):
            return self._feed(source, text, fallback)
        raise UnsupportedFormat(
            source, "this is neither an iCalendar file (.ics) nor an OpenActive feed (JSON)"
        )

    def _file(self, source: str) -> bytes:
        path = Path(source).expanduser()
        if not path.is_file():
            raise ImportFailed(source, "no such file")
        if path.stat().st_size > self.max_bytes:
            raise ImportFailed(
                source,
                f"the calendar is larger than {self.max_bytes // (1024 * 1024)} MB, so it was not read",
            )
        return path.read_bytes()

    def _feed(self, source: str, text: str, fallback: str) -> CalendarDoc:
        live: dict[str, dict[str, object]] = {}
        page_url, seen, total = source, {source}, len(text)
        while True:
            items, nxt = openactive.page_items(openactive.load_json(text, source), source)
            openactive.merge(live, items)
            # RPDE: the last page has no items, or points back at itself
            if not is_url(source) or not items or not nxt:
                break
            nxt = urljoin(page_url, nxt)
            # pages come from the feed's own site: a feed cannot send us crawling elsewhere
            if nxt in seen or len(seen) >= MAX_PAGES or _origin(nxt) != _origin(source):
                break
            seen.add(nxt)
            page_url = nxt
            text = ics.decode(self.fetcher.get(nxt))
            total += len(text)
            if total > self.max_bytes:
                raise ImportFailed(
                    source, "the feed is larger than the size limit, so it was not read"
                )
        datas = list(live.values())
        count = openactive.count_sessions(datas)
        if not count:
            raise CorruptFile(
                source, "the feed has no class sessions (SessionSeries or ScheduledSession)"
            )
        return CalendarDoc(
            _feed_name(datas) or fallback, source, "openactive", json.dumps({"items": datas}), count
        )

    def expand(
        self, calendar: StoredCalendar, start: date, end: date, default_tz: tzinfo
    ) -> list[ClassOccurrence]:
        if calendar.format == "ics":
            return ics.expand(calendar.body, calendar.name, start, end, default_tz)
        return openactive.expand(calendar.body, calendar.name, start, end, default_tz)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


def _fallback_name(source: str) -> str:
    if is_url(source):
        parts = urlsplit(source)
        return (parts.hostname or "calendar") + (parts.path.rstrip("/") or "")
    return Path(source).stem.replace("_", " ").strip() or "calendar"


def _feed_name(datas: list[dict[str, object]]) -> str | None:
    for data in datas:
        organizer = data.get("organizer")
        if isinstance(organizer, dict) and isinstance(organizer.get("name"), str):
            return str(organizer["name"]).strip() or None
    return None
