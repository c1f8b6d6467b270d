"""Class calendars in: iCalendar files and OpenActive feeds, by file or URL."""

from upright.adapters.calendars.fetch import Fetcher
from upright.adapters.calendars.reader import CalendarFiles, load_class_kinds

__all__ = ["CalendarFiles", "Fetcher", "load_class_kinds"]
