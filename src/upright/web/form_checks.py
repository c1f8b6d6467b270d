"""Every problem of a form at once, each in words beside its field.

The services still check everything (and raise one ``InvalidInput`` at a time, which the CLI
and the API show). A form on a page is checked here first, field by field, so a person sees
all that needs another look after one submit, with what they typed kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from upright.domain.errors import InvalidInput
from upright.domain.profile import LIMITS

#: what each form field is called in a sentence (the stored field names are codes)
FIELD_WORDS = {
    "age": "Your age",
    "pain_now": "The pain right now",
    "pain_weeks": "How long this episode has lasted",
    "pregnancy_week": "The week of pregnancy",
    "weeks_since_surgery": "The weeks since the operation",
    "max_walk_minutes": "The longest walk your doctor allows",
    "walk_minutes": "The minutes you can walk today",
    "minutes_per_day": "The minutes a day",
    "days": "Free days",
    "conditions": "The diagnosis",
    "clearance": "The clearance",
    "email": "The email",
    "password": "The password",
    "new_password": "The new password",
    "current_password": "The current password",
    "display_name": "Your name",
    "pain_before": "Pain before",
    "pain_during": "Worst pain during",
    "pain_after": "Pain after",
    "effort": "How hard it was",
    "pain": "The morning pain",
    "note": "The note",
    "date": "The day",
    "minutes": "Minutes",
    "times": "How many times",
    "leg_symptoms": "Your legs",
    "confirm": "The confirmation",
    "time": "The time",
    "timezone": "The time zone",
    "quiet hours": "The quiet hours",
    "apprise address": "The Apprise address",
    "channels": "The ways to send them",
    "status": "How it went",
    "id": "The exercise",
    "items": "The exercises",
    "level": "The level",
    "weeks": "The number of weeks",
    "red_flags": "The safety answers",
    "restrictions": "The doctor's limits",
    "equipment": "The equipment",
    "prefers": "The activity you prefer",
    "pain_onset": "When this episode started",
    "pain_next_morning": "The morning pain",
    "message": "The message",
}
#: the outer name a service puts before a field ("session.pain_during"): not said to people
_WRAPPERS = ("session", "profile", "body", "answers", "entry")
#: "items[1].status": one entry of a list, and one of its fields
_INDEXED = re.compile(r"(?P<list>\w+)\[(?P<n>\d+)\](?:\.(?P<key>\w+))?")


class FormProblems(InvalidInput):
    """Several answers of one form need another look: each field with its sentence."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        if not problems:
            raise ValueError("FormProblems needs at least one problem")
        self.problems = dict(problems)
        field, sentence = next(iter(self.problems.items()))
        super().__init__(field, sentence)


def field_words(field: str) -> str | None:
    """A field's name as people say it: "session.pain_during" -> "Worst pain during"."""
    if field in FIELD_WORDS:
        return FIELD_WORDS[field]
    head, _, rest = field.partition(".")
    if head in _WRAPPERS and rest:
        return field_words(rest)
    indexed = _INDEXED.fullmatch(field)
    if indexed:
        key, number = indexed.group("key"), int(indexed.group("n")) + 1
        whole = FIELD_WORDS.get(indexed.group("list"))
        if key is None:
            return whole
        part = FIELD_WORDS.get(key)
        if key == "id" and indexed.group("list") == "items":
            return f"Exercise {number}"
        if part and indexed.group("list") == "items":
            return f"{part} (exercise {number})"
        return part or whole
    return FIELD_WORDS.get(head)


def sentence(field: str, problem: str, allowed: str | None = None, codes: bool = False) -> str:
    """One plain sentence for a field's problem, e.g. "Your age: 200 is out of range (16 to 110).".

    ``codes``: also list allowed words that are codes ("cleared, not_yet"): the API's readers
    type them; a page never shows them.
    """
    text = problem.strip().rstrip(".")
    text = re.sub(r"^Input should be", "should be", text)
    if re.match(r"String should match pattern .*\\d\{4\}-\\d\{2\}", text):
        text, allowed = "should be a date", "YYYY-MM-DD"
    if allowed and re.fullmatch(r"\d+-\d+", allowed):
        low, high = allowed.split("-")
        text += f" (from {low} to {high})"
    elif allowed == "YYYY-MM-DD":
        text += " (like 2026-03-05)"
    elif allowed and re.fullmatch(r"[\d-]+ to [\d-]+", allowed):
        text += f" (from {allowed})"
    elif allowed and "@" in allowed:  # an example of the shape wanted
        text += f" (like {allowed})"
    elif allowed and "e.g." in allowed:
        text += f" ({allowed})"
    elif allowed and codes:
        text += f" (allowed: {allowed})"
    words = field_words(field)
    if words:
        joiner = " " if re.match(r"(is|are|should|already|has|must|was) ", text) else ": "
        return f"{words}{joiner}{text}."
    return text[:1].upper() + text[1:] + "."


def _number(value: Any) -> str:
    """A limit as people write it: 0, not 0.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def plain_rule(label: str, kind: str, limits: Mapping[str, Any] | None, fallback: str) -> str:
    """A refused value's rule in plain words, for a validator's error ``kind``.

    ``label`` names the answer ("Minutes for Bird dog"); the validator's own wording ("should be
    greater than or equal to 0", "'none', 'better' ...") never reaches a person.
    """
    found = dict(limits or {})
    if kind in ("greater_than_equal", "greater_than"):
        return f"{label} can't be below {_number(found.get('ge', found.get('gt')))}."
    if kind in ("less_than_equal", "less_than"):
        return f"{label} can't be above {_number(found.get('le', found.get('lt')))}."
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"{label}: type a whole number."
    if kind in ("float_parsing", "float_type"):
        return f"{label}: type a number."
    if kind in ("literal_error", "enum"):
        return f"{label}: choose one of the answers shown."
    if kind == "string_too_long":
        return f"{label} is too long (at most {found.get('max_length')} characters)."
    return fallback


def message_of(error: Exception, codes: bool = False) -> str:
    """What a person (or, with ``codes``, an API client) reads about a refused value: the field
    in words, never its path ("session.pain_during")."""
    found = getattr(error, "problems", None)
    if isinstance(found, dict) and found:
        return str(next(iter(found.values())))
    field, problem = getattr(error, "field", None), getattr(error, "problem", None)
    if isinstance(field, str) and isinstance(problem, str):
        return sentence(field, problem, getattr(error, "allowed", None), codes)
    return str(error)


def problems_of(error: Exception) -> dict[str, str]:
    """The sentences a refused form shows, by field (one or many)."""
    found = getattr(error, "problems", None)
    if isinstance(found, dict) and found:
        return dict(found)
    field = getattr(error, "field", None) or "form"
    problem = getattr(error, "problem", None)
    if isinstance(problem, str):
        return {field: sentence(field, problem, getattr(error, "allowed", None))}
    return {field: str(error)}


def whole_number(name: str, raw: str) -> str | None:
    """The problem with a typed number for ``name`` (None when it is fine)."""
    low, high = LIMITS[name]
    try:
        number = float(raw)
    except ValueError:
        return sentence(name, f"'{raw[:20]}' is not a number", f"{low}-{high}")
    if not number.is_integer():
        return sentence(name, "should be a whole number", f"{low}-{high}")
    if not low <= number <= high:
        return sentence(name, f"{int(number)} is out of range", f"{low}-{high}")
    return None


def profile_problems(data: Mapping[str, Any], numbers: tuple[str, ...]) -> dict[str, str]:
    """Every problem of the onboarding or profile answers that a form can show at once."""
    problems: dict[str, str] = {}
    for name in numbers:
        raw = data.get(name)
        if isinstance(raw, str) and raw:
            found = whole_number(name, raw)
            if found:
                problems[name] = found
    if not data.get("days"):  # no day ticked is not "Mon, Wed, Fri": ask, do not guess
        problems["days"] = sentence("days", "tick at least one day you are free to exercise")
    return problems


def collect(*checks: Any) -> dict[str, str]:
    """Run checks that may raise ``InvalidInput``; their sentences by field (first per field)."""
    problems: dict[str, str] = {}
    for check in checks:
        try:
            check()
        except InvalidInput as exc:
            for field, text in problems_of(exc).items():
                problems.setdefault(field, text)
    return problems
