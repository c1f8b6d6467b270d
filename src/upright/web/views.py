"""Presentation for the pages: plain dicts the templates read. Words and layout, no rules.

The decisions (what is planned, what is excluded and why) come from the services; this module
only turns them into text a person reads on a phone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from upright.adapters import pictures
from upright.adapters.reports.text import dose_text
from upright.domain.catalog.model import Catalog, Exercise
from upright.domain.labels import LABELS as LABELS  # the pages and templates read these here
from upright.domain.labels import label as label
from upright.domain.planning.dose import PACE_FEEL
from upright.domain.planning.first_week import BEFORE_START_NOTE
from upright.domain.planning.plan import Plan, PlanItem
from upright.domain.safety.screening import Screening
from upright.web.sources import source_list

URGENCY_TITLE = {
    "emergency": "Emergency: get help now",
    "same_day": "Get help today",
    "soon": "See a doctor soon",
}


def not_for_you(reason: str) -> str:
    """The one sentence saying why an exercise is left out: "Not for you, because needs a pool".

    The reason starts a sentence where it is stored, so its first letter is lowered here, in
    the middle of this one; a first word in capitals (an abbreviation such as "SI") is kept.
    """
    first = reason.split(" ", 1)[0]
    if sum(ch.isupper() for ch in first) < 2:
        reason = reason[:1].lower() + reason[1:]
    return f"Not for you, because {reason}"


def timer_for(item: PlanItem) -> dict[str, Any] | None:
    """The timer a person starts on the page: one hold, or one walk (bout)."""
    d = item.dose
    if item.category == "aerobic" and d.get("minutes"):
        walk = d.get("modality") == "walking"
        pace = PACE_FEEL.get(str(d.get("intensity"))) if walk else None
        return {
            "seconds": int(float(d["minutes"]) * 60),
            "label": "walk" if walk else "session",
            "pace_words": f"Go at {pace}." if pace else "Go at the effort in your plan.",
        }
    if d.get("hold_seconds"):
        return {
            "seconds": int(d["hold_seconds"]),
            "label": "hold",
            "repeat": int(d.get("reps") or 1),
        }
    return None  # fmt: skip


def picture_url(exercise_id: str, level: int) -> str:
    """Where an exercise level's still picture (start and hold) is served as an SVG file."""
    return f"/exercises/{exercise_id}/picture.svg?level={level}"


def steps_for(item: PlanItem, exercise: Exercise | None) -> list[str]:
    if exercise is None:
        return []
    return list(exercise.steps_at(item.level or 1))


def item_view(item: PlanItem, catalog: Catalog, illustrations: frozenset[str]) -> dict[str, Any]:
    exercise = catalog.get(item.id)
    title = item.name if item.level is None else f"{item.name}: level {item.level}"
    return {
        "id": item.id,
        "name": title,
        "level_name": item.level_name,
        "category": item.category,
        "dose": item.dose,
        "dose_text": dose_text(item),
        "why": list(item.why),
        "steps": steps_for(item, exercise),
        "feel": exercise.feel if exercise else None,
        "stop_if": list(exercise.stop_if) if exercise else [],
        "summary": exercise.summary if exercise else "",
        "illustration": picture_url(item.id, item.level or 1) if item.id in illustrations else None,
        "picture": pictures.picture_file(item.id, item.level or 1),
        "timer": timer_for(item),
        "minutes": item.dose.get("minutes"),
        "times": int(item.dose.get("times", 1) or 1) if item.category == "aerobic" else None,
    }


def day_view(
    plan: Plan, day: date, catalog: Catalog, illustrations: frozenset[str]
) -> dict[str, Any]:
    found = plan.day(day)
    items = [item_view(i, catalog, illustrations) for i in found.items] if found else []
    return {
        "date": day,
        "items": items,
        "notes": [n for n in found.notes if n != BEFORE_START_NOTE] if found else [],
        # a day before the person started: nothing owed, so no form (the week says the same)
        "before_start": bool(found and BEFORE_START_NOTE in found.notes),
        "minutes": round(found.minutes) if found else 0,
        "mode": found.mode if found else "normal",
    }


def week_view(
    plan: Plan, today: date, marks: dict[date, str | None] | None = None
) -> list[dict[str, Any]]:
    found = marks or {}
    return [
        {
            "date": d.date,
            "mark": found.get(d.date),
            "mark_text": MARK_WORDS.get(found.get(d.date) or "", ""),
            # a day before the person started: shown short, never as a day missed
            "before_start": BEFORE_START_NOTE in d.notes and not found.get(d.date),
            "is_today": d.date == today,
            "minutes": round(d.minutes),
            "items": [{"id": i.id, "name": i.name, "dose_text": dose_text(i), "why": list(i.why)} for i in d.items],
            "notes": list(d.notes),
            "mode": d.mode,
        }
        for d in plan.days
    ]  # fmt: skip


def exercise_view(
    exercise: Exercise,
    screening: Screening | None,
    plan: Plan | None,
    illustrations: frozenset[str],
    level: int | None = None,
) -> dict[str, Any]:
    """One catalog entry with its verdict for this person: in the plan, allowed, or not for you.

    The picture shows ``level`` when given (and real), else the person's level, else level 1.
    """
    planned = plan.item(exercise.id) if plan is not None else None
    shown = level if level in range(1, exercise.top_level + 1) else None
    shown = shown or (planned.level if planned is not None and planned.level else 1)
    excluded = screening.exclusion(exercise.id) if screening is not None else None
    allowance = screening.allowance(exercise.id) if screening is not None else None
    if screening is None:
        verdict, reasons = "unknown", ["Answer the questions first to see whether this suits you."]
    elif excluded is not None:
        verdict, reasons = "excluded", list(excluded.reasons)
    elif planned is not None:
        verdict, reasons = "planned", list(planned.why)
    else:
        verdict = "allowed"
        reasons = [
            "Allowed for you, but not chosen this week: the plan picks a few exercises for each "
            "body group, favouring what suits your condition."
        ]
        if allowance is not None:
            reasons += list(allowance.limits) + list(allowance.cautions)
    return {
        "id": exercise.id,
        "name": exercise.name,
        "category": exercise.category,
        "group": exercise.group,
        "summary": exercise.summary,
        "position": exercise.position,
        "instructions": list(exercise.instructions),
        "mistakes": list(exercise.mistakes),
        "feel": exercise.feel,
        "stop_if": list(exercise.stop_if),
        "sources": source_list(exercise.sources, exercise.citations),
        "equipment": [label(e) for e in exercise.equipment],
        "levels": [{"level": lv.level, "name": lv.name, "how": list(lv.how), "steps": list(exercise.steps_at(lv.level))} for lv in exercise.levels],
        "illustration": picture_url(exercise.id, shown) if exercise.id in illustrations else None,
        "picture": pictures.picture_file(exercise.id, shown),
        "shown_level": shown,
        "verdict": verdict,
        "reasons": reasons,
        "dose_text": dose_text(planned) if planned is not None else None,
        "because": not_for_you(reasons[0]) if verdict == "excluded" and reasons else None,
    }  # fmt: skip


def exercise_json(view: dict[str, Any]) -> dict[str, Any]:
    """The API shape of ``exercise_view`` (``for_you`` like ``upright exercises --json``)."""
    hidden = ("illustration", "picture", "shown_level", "because")
    out = {k: v for k, v in view.items() if k not in hidden}
    out["for_you"] = None if view["verdict"] == "unknown" else view["verdict"] != "excluded"
    out["illustration"] = view["illustration"]
    return out


#: how a logged item's status reads on the page
STATUS_WORDS = {"done": "Done", "partly": "Partly done", "skipped": "Skipped"}
#: how a day's mark reads on the week page (the words come from services.daylog.MARKS)
MARK_WORDS = {
    "done": "Done",
    "partly": "Partly done",
    "skipped": "Skipped",
    "device": "Recorded by your device",
}


def logged_view(session: dict[str, Any], day: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    """A logged session in words: each item with its status, the pain scores and the note."""
    names = {i["id"]: i["name"] for i in day["items"]}
    items = []
    for item in session.get("items") or []:
        exercise = catalog.get(item["id"])
        name = names.get(item["id"]) or (exercise.name if exercise else label(item["id"]))
        extra = ""
        if item.get("minutes") is not None:
            times = int(item.get("times") or 1)
            minutes = float(item["minutes"])
            amount = f"{minutes:g} minutes" + (f", {times} times" if times > 1 else "")
            extra = f" ({amount})"
        items.append({"name": name, "status": STATUS_WORDS.get(item.get("status"), "Done") + extra})
    pains = [
        (text, session[key])
        for key, text in (
            ("pain_before", "Pain before"),
            ("pain_during", "Worst pain during"),
            ("pain_after", "Pain after"),
            ("effort", "How hard it was"),
        )
        if session.get(key) is not None
    ]
    return {"items": items, "pains": pains, "note": session.get("note") or ""}


def edit_values(session: dict[str, Any]) -> dict[str, Any]:
    """The log form's values from a stored session, so an edit starts from what was logged."""
    values: dict[str, Any] = {
        key: str(session[key])
        for key in ("pain_before", "pain_during", "pain_after", "effort", "leg_symptoms")
        if session.get(key) is not None
    }
    values["note"] = session.get("note") or ""
    for item in session.get("items") or []:
        values[f"status.{item['id']}"] = item.get("status", "done")
        for key in ("minutes", "times"):
            if item.get(key) is not None:
                values[f"{key}.{item['id']}"] = f"{float(item[key]):g}"
    return values
