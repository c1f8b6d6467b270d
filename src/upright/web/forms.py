"""Input models at the web boundary (pydantic) and the HTML-form to dict conversions.

The models give the API its OpenAPI schema and refuse wrong types and ranges early; the
services still validate everything (``parse_profile``, ``log_session``), so the rules live in
one place and the limits here are read from the domain, not copied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import FormData

from upright.domain import vocab
from upright.domain.errors import InvalidInput
from upright.domain.profile import LIMITS
from upright.web.form_checks import (
    FormProblems,
    field_words,
    plain_rule,
    profile_problems,
    sentence,
)

# Literal types built from the domain vocabularies (one source for the allowed words)
Condition: Any = Literal.__getitem__(vocab.CONDITIONS)
RedFlag: Any = Literal.__getitem__(tuple(vocab.RED_FLAGS))
Clearance: Any = Literal.__getitem__(vocab.CLEARANCE)
Restriction: Any = Literal.__getitem__(tuple(vocab.RESTRICTIONS))
Equipment: Any = Literal.__getitem__(vocab.EQUIPMENT)
Prefers: Any = Literal.__getitem__(vocab.PREFERS)
Day: Any = Literal.__getitem__(vocab.DAYS)
LegSymptoms: Any = Literal.__getitem__(vocab.LEG_SYMPTOMS)

IsoDate = Annotated[
    str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"})
]
Pain = Annotated[int, Field(ge=0, le=10)]


def _limit(name: str) -> Any:
    low, high = LIMITS[name]
    return Field(ge=low, le=high)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProfileIn(_In):
    """The onboarding answers (the same fields as a profile file; see docs/contracts.md)."""

    age: Annotated[int, _limit("age")] | None = None
    conditions: Annotated[list[Condition], Field(max_length=len(vocab.CONDITIONS))] = []
    pain_now: Annotated[int, _limit("pain_now")] = 0
    pain_weeks: Annotated[int, _limit("pain_weeks")] = 0
    pregnancy_week: Annotated[int, _limit("pregnancy_week")] | None = None
    weeks_since_surgery: Annotated[int, _limit("weeks_since_surgery")] | None = None
    red_flags: Annotated[list[RedFlag], Field(max_length=len(vocab.RED_FLAGS))] = []
    clearance: Clearance = "not_yet"
    restrictions: Annotated[list[Restriction], Field(max_length=len(vocab.RESTRICTIONS))] = []
    max_walk_minutes: Annotated[int, _limit("max_walk_minutes")] | None = None
    walk_minutes: Annotated[int, _limit("walk_minutes")] = 5
    equipment: Annotated[list[Equipment], Field(max_length=len(vocab.EQUIPMENT))] = []
    prefers: Prefers = "walking"
    days: Annotated[list[Day], Field(max_length=7)] = ["mon", "wed", "fri"]
    minutes_per_day: Annotated[int, _limit("minutes_per_day")] = 30
    first_episode: bool | None = None
    flags_reviewed: bool = False
    #: the day this episode began; without it, it is counted back from pain_weeks
    pain_onset: IsoDate | None = None

    def to_profile(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class ClearanceIn(_In):
    """What a clinician said: clearance, restrictions and a walking limit."""

    clearance: Clearance
    restrictions: Annotated[list[Restriction], Field(max_length=len(vocab.RESTRICTIONS))] = []
    max_walk_minutes: Annotated[int, _limit("max_walk_minutes")] | None = None


class ItemIn(_In):
    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")]
    status: Literal["done", "partly", "skipped"] = "done"
    minutes: Annotated[float, Field(ge=0, le=600)] | None = None
    times: Annotated[int, Field(ge=0, le=20)] | None = None
    sets: Annotated[int, Field(ge=0, le=50)] | None = None
    reps: Annotated[int, Field(ge=0, le=500)] | None = None
    hold_seconds: Annotated[int, Field(ge=0, le=600)] | None = None


class SessionIn(_In):
    """One day's session (logging the same day again replaces it only with ``replace: true``)."""

    date: IsoDate
    pain_before: Pain | None = None
    pain_during: Pain | None = None
    pain_after: Pain | None = None
    effort: Pain | None = None
    note: Annotated[str, Field(max_length=2000)] = ""
    items: Annotated[list[ItemIn], Field(max_length=50)] = []
    leg_symptoms: LegSymptoms | None = None
    #: the safety check's answers: the warning signs answered yes ([] = none of them)
    red_flags: Annotated[list[RedFlag], Field(max_length=len(vocab.RED_FLAGS))] | None = None
    #: true: this is an edit of a day already logged (without it such a save is refused, 409)
    replace: bool = False

    def to_entry(self) -> dict[str, Any]:
        entry = self.model_dump(exclude_none=True, exclude={"replace"})
        entry["items"] = [i.model_dump(exclude_none=True) for i in self.items]
        return entry


class MorningIn(_In):
    """How the back feels the morning after a session (0-10)."""

    date: IsoDate
    pain: Pain


class SignUpIn(_In):
    email: Annotated[str, Field(max_length=320)]
    password: Annotated[str, Field(max_length=1024)]
    display_name: Annotated[str, Field(max_length=120)] | None = None


class SignInIn(_In):
    email: Annotated[str, Field(max_length=320)]
    password: Annotated[str, Field(max_length=1024)]


class PasswordChangeIn(_In):
    current_password: Annotated[str, Field(max_length=1024)]
    new_password: Annotated[str, Field(max_length=1024)]


class ResetRequestIn(_In):
    """Ask for a password-reset link by e-mail."""

    email: Annotated[str, Field(max_length=320)]


class ResetIn(_In):
    """Choose a new password with the token from a reset link."""

    token: Annotated[str, Field(min_length=1, max_length=200)]
    new_password: Annotated[str, Field(max_length=1024)]


# ---------------------------------------------------------------- HTML forms

_PROFILE_LISTS = ("conditions", "red_flags", "restrictions", "equipment", "days")
_PROFILE_NUMBERS = (
    "age", "pain_now", "pain_weeks", "pregnancy_week", "weeks_since_surgery",
    "max_walk_minutes", "walk_minutes", "minutes_per_day",
)  # fmt: skip


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def profile_from_form(form: FormData) -> dict[str, Any]:
    """The profile fields from the onboarding or profile form, as ``parse_profile`` takes them.

    Follow-up questions only count when their question applies (as ``upright start`` asks
    them): a pregnancy week without pregnancy, or restrictions without
    "cleared with restrictions", were hidden on the page and are dropped.
    """
    data: dict[str, Any] = {}
    for name in _PROFILE_LISTS:
        data[name] = [v for v in form.getlist(name) if isinstance(v, str)]
    for name in _PROFILE_NUMBERS:
        if _text(form, name):
            data[name] = _text(form, name)
    for name in ("clearance", "prefers"):
        if _text(form, name):
            data[name] = _text(form, name)
    for name in ("first_episode", "flags_reviewed"):  # ticked boxes; unticked = no
        data[name] = _text(form, name) == "true"
    if _text(form, "stop_now") == "1":  # stopped at an urgent answer: nothing else counts
        return {"red_flags": data["red_flags"]}
    if "pregnancy" not in data["conditions"]:
        data.pop("pregnancy_week", None)
    if not vocab.SURGERY_CONDITIONS & set(data["conditions"]):
        data.pop("weeks_since_surgery", None)
    if data.get("clearance") != "cleared_with_restrictions":
        data["restrictions"] = []
        data.pop("max_walk_minutes", None)
    problems = profile_problems(data, _PROFILE_NUMBERS)  # all at once, beside their fields
    if problems:
        raise FormProblems(problems)
    return data


def clearance_from_form(form: FormData, current: dict[str, Any]) -> dict[str, Any]:
    """The current profile with the clinician's answers replaced (a new profile version)."""
    data = dict(current)
    data["clearance"] = _text(form, "clearance") or data.get("clearance", "not_yet")
    restricted = data["clearance"] == "cleared_with_restrictions"
    data["restrictions"] = (
        [v for v in form.getlist("restrictions") if isinstance(v, str)] if restricted else []
    )
    data.pop("max_walk_minutes", None)
    if restricted and _text(form, "max_walk_minutes"):
        data["max_walk_minutes"] = _text(form, "max_walk_minutes")
    return data


_ITEM_NUMBERS = ("minutes", "times", "sets", "reps", "hold_seconds")


def session_from_form(
    form: FormData, names: Callable[[str], str | None] = lambda _: None
) -> dict[str, Any]:
    """The session entry from the today page's form, checked by ``SessionIn``.

    Items are listed in hidden ``item`` fields; an item with no status ticked counts as
    skipped, so nothing is credited that the person did not mark. ``names`` gives an item's
    name for the messages ("Minutes for Bird dog can't be below 0.").
    """
    raw: dict[str, Any] = {"date": _text(form, "date"), "note": _text(form, "note"), "items": []}
    for name in ("pain_before", "pain_during", "pain_after", "effort"):
        if _text(form, name):
            raw[name] = _text(form, name)
    if _text(form, "leg_symptoms"):
        raw["leg_symptoms"] = _text(form, "leg_symptoms")
    if _text(form, "check") == "1":  # the safety check was shown: no box ticked = all no
        raw["red_flags"] = [v for v in form.getlist("red_flags") if isinstance(v, str)]
    ids = [v for v in form.getlist("item") if isinstance(v, str)]
    for item_id in ids:
        item: dict[str, Any] = {
            "id": item_id,
            "status": _text(form, f"status.{item_id}") or "skipped",
        }
        for name in _ITEM_NUMBERS:
            if _text(form, f"{name}.{item_id}"):
                item[name] = _text(form, f"{name}.{item_id}")
        raw["items"].append(item)
    problems: dict[str, str] = {}
    entry: dict[str, Any] = {}
    try:
        entry = SessionIn.model_validate(raw).to_entry()
    except ValidationError as exc:
        for found in exc.errors():  # every problem, each beside its own field
            loc = tuple(found.get("loc", ()))
            if (
                len(loc) >= 3
                and loc[0] == "items"
                and isinstance(loc[1], int)
                and loc[1] < len(ids)
            ):
                field = f"{loc[2]}.{ids[loc[1]]}"
                what = field_words(str(loc[2])) or "An answer"
                label = f"{what} for {names(ids[loc[1]]) or f'exercise {loc[1] + 1}'}"
            else:
                field = ".".join(str(p) for p in loc) or "form"
                label = field_words(field) or "An answer"
            fallback = sentence(field, str(found.get("msg", "is not valid")))
            text = plain_rule(label, str(found.get("type", "")), found.get("ctx"), fallback)
            problems.setdefault(field, text)
    if ids and not any(_text(form, f"status.{i}") for i in ids):
        # an untouched form is not a day of skips: ask for at least one answer
        problems["status"] = (
            "nothing was marked yet: tap Done, Partly or Skipped for each item, then save."
        )
    if problems:
        raise FormProblems(problems)
    return entry


def check_from_form(form: FormData) -> tuple[str, list[str]]:
    """The safety check page: the day and the warning signs ticked (none = all no)."""
    flags = [v for v in form.getlist("red_flags") if isinstance(v, str)]
    for flag in flags:
        if flag not in vocab.RED_FLAGS:
            raise InvalidInput("red_flags", f"unknown value {flag!r}", tuple(vocab.RED_FLAGS))
    return _text(form, "date"), flags


def morning_from_form(form: FormData) -> tuple[str, str]:
    return _text(form, "date"), _text(form, "pain")
