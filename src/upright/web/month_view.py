"""The month at a glance: each day's mark (done, partly done, skipped, recorded by a device).

Only words and layout: the marks themselves come from ``services.daylog`` (the same rule as
the week), read once for the whole month.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from upright.domain.errors import InvalidInput
from upright.web.views import MARK_WORDS

#: the sign beside each mark (the words say the same; the sign is for a quick look)
MARK_SIGNS = {"done": "✓", "partly": "◐", "skipped": "–", "device": "◆"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: how far back the calendar goes (the plan and the logs reach a year either side of today)
MONTHS_BACK = 12


def parse_month(value: str | None, today: date) -> date:
    """The first day of the month asked for (``YYYY-MM``), or of this month when none is given."""
    this_month = today.replace(day=1)
    if not value:
        return this_month
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise InvalidInput(
            "month", f"'{value[:20]}' is not a month", "a month like 2026-11"
        ) from None
    earliest = _shift(this_month, -MONTHS_BACK)
    if not earliest <= first <= this_month:
        raise InvalidInput(
            "month", "that month is outside what Upright can show",
            f"{earliest:%B %Y} to {this_month:%B %Y}",
        )  # fmt: skip
    return first


def _shift(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_days(first: date) -> list[date]:
    """Every day shown on the month's grid (whole weeks, Monday first)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return [d for week in weeks for d in week]


def month_view(first: date, today: date, marks: dict[date, str | None]) -> dict[str, Any]:
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    counts = dict.fromkeys(MARK_WORDS, 0)
    rows = []
    for week in weeks:
        row = []
        for d in week:
            inside = d.month == first.month
            mark = marks.get(d) if inside else None
            if mark:
                counts[mark] += 1
            row.append({
                "date": d, "number": d.day, "inside": inside, "mark": mark,
                "sign": MARK_SIGNS.get(mark or "", ""), "words": MARK_WORDS.get(mark or "", ""),
                "is_today": d == today, "future": d > today,
                "name": f"{WEEKDAY_NAMES[d.weekday()]} {d.day} {d:%B}",
            })  # fmt: skip
        rows.append(row)
    previous = _shift(first, -1)
    following = _shift(first, 1)
    this_month = today.replace(day=1)
    return {
        "title": f"{first:%B %Y}",
        "weeks": rows,
        "weekdays": list(zip(WEEKDAYS, WEEKDAY_NAMES, strict=True)),
        "legend": [(m, MARK_SIGNS[m], MARK_WORDS[m], counts[m]) for m in MARK_WORDS],
        "previous": f"{previous:%Y-%m}" if previous >= _shift(this_month, -MONTHS_BACK) else None,
        "previous_title": f"{previous:%B}",
        "next": f"{following:%Y-%m}" if following <= this_month else None,
        "next_title": f"{following:%B}",
        "summary": _summary(counts),
    }


def _summary(counts: dict[str, int]) -> str:
    logged = counts["done"] + counts["partly"] + counts["skipped"]
    if not logged and not counts["device"]:
        return "Nothing logged this month yet."
    parts = []
    if counts["done"]:
        parts.append(f"{counts['done']} day{'s' if counts['done'] != 1 else ''} done")
    if counts["partly"]:
        parts.append(f"{counts['partly']} partly done")
    if counts["skipped"]:
        parts.append(f"{counts['skipped']} skipped")
    if counts["device"]:
        parts.append(f"{counts['device']} recorded by your device")
    return ", ".join(parts).capitalize() + "."
