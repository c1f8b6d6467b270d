"""The month grid and today's ring: words and shapes from marks and logged items (no app)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upright.domain.errors import InvalidInput
from upright.web.month_view import MONTHS_BACK, month_days, month_view, parse_month
from upright.web.today_view import RING_LENGTH, ring_view

TODAY = date(2026, 11, 25)


def test_no_month_means_this_month() -> None:
    assert parse_month(None, TODAY) == date(2026, 11, 1)
    assert parse_month("", TODAY) == date(2026, 11, 1)


def test_the_calendar_reaches_a_year_back_and_no_further_nor_ahead() -> None:
    assert parse_month("2025-11", TODAY) == date(2025, 11, 1)  # exactly MONTHS_BACK
    assert MONTHS_BACK == 12
    for wrong in ("2025-10", "2026-12", "2026-13", "2026-00", "November", "2026", "2026-11-01"):
        with pytest.raises(InvalidInput) as caught:
            parse_month(wrong, TODAY)
        assert caught.value.field == "month"


def test_the_grid_is_whole_weeks_from_monday() -> None:
    days = month_days(date(2026, 11, 1))
    assert len(days) % 7 == 0 and days[0].weekday() == 0 and days[-1].weekday() == 6
    assert days[0] == date(2026, 10, 26) and days[-1] == date(2026, 12, 6)


def test_marks_count_only_inside_the_month_and_name_each_day() -> None:
    marks: dict[date, str | None] = {
        date(2026, 11, 2): "done", date(2026, 11, 3): "done", date(2026, 11, 4): "partly",
        date(2026, 11, 5): "skipped", date(2026, 11, 6): "device", date(2026, 10, 31): "done",
    }  # fmt: skip
    view = month_view(date(2026, 11, 1), TODAY, marks)
    counts = {mark: count for mark, _, _, count in view["legend"]}
    assert counts == {"done": 2, "partly": 1, "skipped": 1, "device": 1}
    assert view["summary"] == ("2 days done, 1 partly done, 1 skipped, 1 recorded by your device.")
    cells = [c for week in view["weeks"] for c in week]
    october = next(c for c in cells if c["date"] == date(2026, 10, 31))
    assert not october["inside"] and october["mark"] is None
    wednesday = next(c for c in cells if c["date"] == date(2026, 11, 4))
    assert wednesday["name"] == "Wednesday 4 November" and wednesday["words"] == "Partly done"
    today = next(c for c in cells if c["is_today"])
    assert today["date"] == TODAY and not today["future"]
    assert next(c for c in cells if c["date"] == date(2026, 11, 26))["future"]


def test_the_month_links_back_and_forward_within_reach() -> None:
    this = month_view(date(2026, 11, 1), TODAY, {})
    assert (this["previous"], this["next"]) == ("2026-10", None)
    assert this["summary"] == "Nothing logged this month yet."
    oldest = month_view(date(2025, 11, 1), TODAY, {})
    assert (oldest["previous"], oldest["next"]) == (None, "2025-12")


def test_the_ring_before_and_after_logging() -> None:
    empty = ring_view(3, None)
    assert (empty["words"], empty["percent"], empty["logged"]) == ("Not logged yet", 0, False)
    done = ring_view(3, {"items": [{"status": "done"}] * 3})
    assert (done["words"], done["percent"], done["share"]) == ("3 of 3 done", 100, 1.0)
    mixed = ring_view(
        4, {"items": [{"status": "done"}, {"status": "partly"}, {"status": "skipped"}]}
    )
    assert mixed["words"] == "1 of 4 done, 1 partly" and mixed["share"] == pytest.approx(1.5 / 4)
    assert ring_view(0, None)["words"] == "Rest day"


@given(
    planned=st.integers(0, 12),
    statuses=st.lists(st.sampled_from(["done", "partly", "skipped"]), max_size=12),
)
def test_the_ring_never_runs_past_a_full_circle(planned: int, statuses: list[str]) -> None:
    ring = ring_view(planned, {"items": [{"status": s} for s in statuses]} if statuses else None)
    assert 0.0 <= ring["share"] <= 1.0 and 0 <= ring["percent"] <= 100
    drawn, length = (float(x) for x in ring["dash"].split())
    assert length == RING_LENGTH and 0.0 <= drawn <= length + 0.05
    assert "None" not in ring["words"]
