"""Plain-text wording of plan items, shared by the command line, the web pages and reports."""

from __future__ import annotations

from typing import Any

from upright.domain.planning.plan import PlanItem


def _count(number: Any, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def dose_text(item: PlanItem) -> str:
    """ "3 sets, 5 reps, hold 10 s" or "Walk 5 minutes, twice a day (easy pace)"."""
    d: dict[str, Any] = item.dose
    if d.get("text"):  # the planner's own wording ("5 holds of 10 s, then 3, then 1")
        return str(d["text"])
    if item.category == "aerobic":
        times = int(d.get("times", 1) or 1)
        what = "Walk" if d.get("modality") == "walking" else item.name
        often = "" if times == 1 else (", twice a day" if times == 2 else f", {times} times a day")
        return f"{what} {d.get('minutes', 0):g} minutes{often} ({d.get('intensity', 'easy')} pace)"
    parts = []
    if d.get("sets"):
        parts.append(_count(d["sets"], "set"))
    if d.get("reps"):
        parts.append(
            _count(d["reps"], "rep") + (" each side" if item.category == "stretch" else "")
        )
    if d.get("hold_seconds"):
        parts.append(f"hold {d['hold_seconds']} s")
    return ", ".join(parts)
