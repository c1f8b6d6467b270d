"""The progress page's charts, drawn on the server from the progress report (SVG)."""

from __future__ import annotations

from datetime import date
from typing import Any

from upright.adapters.reports import charts
from upright.domain.catalog.model import Catalog
from upright.domain.planning.plan import Plan


def _label(week_start: str) -> str:
    try:
        return date.fromisoformat(week_start).strftime("%d %b").lstrip("0")
    except ValueError:
        return week_start


def level_rows(plan: Plan, catalog: Catalog) -> list[tuple[str, int, int]]:
    """Each exercise family in this week's plan: its level and its top level."""
    rows: dict[str, tuple[str, int, int]] = {}
    for day in plan.days:
        for item in day.items:
            exercise = catalog.get(item.id)
            if item.level is None or exercise is None:
                continue
            rows[item.family or item.id] = (exercise.name, item.level, exercise.top_level)
    return sorted(rows.values())


def progress_charts(report: dict[str, Any], levels: list[tuple[str, int, int]]) -> dict[str, str]:
    weeks = report.get("weeks") or []
    labels = [_label(str(w.get("week_start", ""))) for w in weeks]
    goal = report.get("goal") or {}
    out = {
        # each week against that week's own plan (the CLI's "done / planned"), not the far goal
        "walking": charts.paired_bar_chart(
            "walking", "Walking minutes per week: planned and done", labels,
            [float(w.get("walking_planned") or 0) for w in weeks],
            [float(w.get("walking_minutes") or 0) for w in weeks], unit="minutes",
        ),
        "longest": charts.bar_chart(
            "longest", "Longest walk each week", labels,
            [w.get("longest_walk") for w in weeks], goal=goal.get("longest_walk"),
        ),
        "pain": charts.line_chart(
            "pain", "Pain before sessions (weekly average)", labels,
            [w.get("pain_before_mean") for w in weeks],
        ),
        "adherence": charts.paired_bar_chart(
            "adherence", "Exercise days: planned and done", labels,
            [float(w.get("planned_days") or 0) for w in weeks],
            [float(w.get("active_days") or 0) for w in weeks],
        ),
    }  # fmt: skip
    if levels:
        out["levels"] = charts.level_chart("levels", "Exercise levels now", levels)
    return out


#: what each week's verdict means for the plan, in words (the stored words stay the contract's)
VERDICT_WORDS = {
    "step_up": "Stepping up",
    "hold": "Staying the same",
    "step_back": "Easing back",
    "flare": "A gentler week (flare)",
    "start": "Starting",
    "reentry": "Easing back in",
}


def _minutes(value: Any) -> str:
    if value is None:
        return "–"
    number = round(float(value))
    return f"{number} min"


def plain_week(week: dict[str, Any]) -> dict[str, Any]:
    """One week's row in words: whole minutes, a dash for no answer, the verdict in words."""
    # what the plan did after the week (the decision), so the words match the next week's
    # plan; the pain verdict alone may say "step up" for a week that repeats (too little done)
    verdict = week.get("decision") if week.get("verdict") else None
    verdict = verdict or week.get("verdict")
    pain = week.get("pain_before_mean")
    return {
        "walking_text": _minutes(week.get("walking_minutes"))
        + (f" of {_minutes(week['walking_planned'])}" if week.get("walking_planned") else ""),
        "longest_text": _minutes(week.get("longest_walk")),
        "pain_text": "–" if pain is None else f"{float(pain):g} of 10",
        "verdict_text": VERDICT_WORDS.get(str(verdict), "Week in progress")
        if verdict
        else "Week in progress",
    }


def week_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {**w, **plain_week(w), "label": _label(str(w.get("week_start", "")))}
        for w in report.get("weeks") or []
    ]
