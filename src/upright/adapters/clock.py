"""The real clock (the ``Clock`` port)."""

from __future__ import annotations

from datetime import date, datetime


class SystemClock:
    """The real clock; ``fixed_today`` moves it to another day (settings.today) for demos and tests."""

    def __init__(self, fixed_today: date | None = None) -> None:
        self.fixed_today = fixed_today

    def now(self) -> datetime:
        real = datetime.now().astimezone()
        if self.fixed_today is None:
            return real
        return datetime.combine(self.fixed_today, real.timetz())

    def today(self) -> date:
        return self.now().date()
