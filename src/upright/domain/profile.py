"""The person's profile: the answers to the onboarding questions, validated.

The same fields come from `upright start`, the web onboarding and profile files (TOML or JSON).
`parse_profile` is the one place that checks them; it names the field and the allowed values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Final

from upright.domain import vocab
from upright.domain.errors import ProfileError

#: limits for numeric answers (field -> (lowest, highest))
LIMITS: Final[dict[str, tuple[int, int]]] = {
    "age": (16, 110),
    "pain_now": (0, 10),
    "pain_weeks": (0, 1040),
    "pregnancy_week": (1, 42),
    "weeks_since_surgery": (0, 520),
    "max_walk_minutes": (1, 240),
    "walk_minutes": (0, 240),
    "minutes_per_day": (5, 240),
    # issue 9
    "weeks_postpartum": (0, 104),
}

KNOWN_FIELDS: Final = (
    "age",
    "conditions",
    "pain_now",
    "pain_weeks",
    "pregnancy_week",
    "weeks_since_surgery",
    "red_flags",
    "clearance",
    "restrictions",
    "max_walk_minutes",
    "walk_minutes",
    "equipment",
    "prefers",
    "days",
    "minutes_per_day",
    "avoid_exercises",
    "clearance_valid_until",
    "first_episode",
    "flags_reviewed",
    # issue 9: fits the person
    "weeks_postpartum",
    "delivery",
    "limits",
    # the day the episode began, so its length ages (pain_weeks is its length when answered)
    "pain_onset",
)


@dataclass(frozen=True)
class Profile:
    """A validated profile. Lists are tuples, sorted in vocabulary order, without repeats."""

    age: int | None = None
    conditions: tuple[str, ...] = ()
    pain_now: int = 0
    pain_weeks: int = 0
    pregnancy_week: int | None = None
    weeks_since_surgery: int | None = None
    red_flags: tuple[str, ...] = ()
    clearance: str = "not_yet"
    restrictions: tuple[str, ...] = ()
    max_walk_minutes: int | None = None
    walk_minutes: int = 5
    equipment: tuple[str, ...] = ()
    prefers: str = "walking"
    days: tuple[str, ...] = field(default=("mon", "wed", "fri"))
    minutes_per_day: int = 30
    #: exercise ids the clinician asked to avoid (issue 12); unknown ids rule nothing out
    avoid_exercises: tuple[str, ...] = ()
    #: the last day the clinician's clearance holds (YYYY-MM-DD); after it, as if not yet cleared
    clearance_valid_until: str | None = None
    #: this is the person's first episode of back pain (with age and pain_weeks: a red flag)
    first_episode: bool | None = None
    #: a clinician has checked the "soon" red flags; the plan goes on, the flags stay recorded
    flags_reviewed: bool = False
    # issue 9: fits the person
    weeks_postpartum: int | None = None
    delivery: str | None = None
    limits: tuple[str, ...] = ()
    #: the day this episode began (YYYY-MM-DD); ``pain_weeks`` on any day is counted from it
    pain_onset: str | None = None

    def as_of(self, day: date) -> Profile:
        """The profile on ``day``: the episode's length counted from its onset, when known."""
        if self.pain_onset is None:
            return self
        return replace(self, pain_weeks=pain_weeks_on(self, day))

    @property
    def diagnosed(self) -> tuple[str, ...]:
        """Conditions, with no diagnosis meaning ``unknown`` (the conservative default)."""
        return self.conditions if self.conditions else ("unknown",)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in list(data.items()):
            if isinstance(value, tuple):
                data[key] = list(value)
        if not self.flags_reviewed:
            del data["flags_reviewed"]  # the default; kept out so older files read the same
        return {k: v for k, v in data.items() if v is not None}


def _int(data: Mapping[str, Any], name: str, default: int | None) -> int | None:
    if name not in data or data[name] is None:
        return default
    value = data[name]
    low, high = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ProfileError(name, f"expected a whole number, got {value!r}", f"{low}-{high}")
    try:
        number = int(str(value).strip()) if isinstance(value, str) else value
    except ValueError:
        raise ProfileError(
            name, f"expected a whole number, got {value!r}", f"{low}-{high}"
        ) from None
    if isinstance(number, float):
        if not number.is_integer():
            raise ProfileError(name, f"expected a whole number, got {value!r}", f"{low}-{high}")
        number = int(number)
    if not low <= number <= high:
        raise ProfileError(name, f"{number} is out of range", f"{low}-{high}")
    return number


def _words(data: Mapping[str, Any], name: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    value = data.get(name, [])
    if value is None:
        return ()
    if isinstance(value, str):
        value = [w for w in value.replace(",", " ").split() if w]
    if not isinstance(value, (list, tuple)):
        raise ProfileError(name, f"expected a list of words, got {value!r}", allowed)
    seen: set[str] = set()
    for word in value:
        if not isinstance(word, str):
            raise ProfileError(name, f"expected a word, got {word!r}", allowed)
        w = word.strip().lower()
        if w not in allowed:
            raise ProfileError(name, f"unknown value '{word}'", allowed)
        seen.add(w)
    return tuple(w for w in allowed if w in seen)


def _word(data: Mapping[str, Any], name: str, allowed: tuple[str, ...], default: str) -> str:
    value = data.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        raise ProfileError(name, f"unknown value {value!r}", allowed)
    return value.strip().lower()


def _ids(data: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = data.get(name, [])
    if value is None:
        return ()
    if isinstance(value, str):
        value = [w for w in value.replace(",", " ").split() if w]
    if not isinstance(value, (list, tuple)):
        raise ProfileError(name, f"expected a list of exercise ids, got {value!r}")
    out: list[str] = []
    for word in value:
        w = word.strip().lower() if isinstance(word, str) else ""
        if not w or not w.replace("_", "").isalnum() or len(w) > 64:
            raise ProfileError(
                name, f"{word!r} is not an exercise id", "ids from `upright exercises`"
            )
        if w not in out:
            out.append(w)
    return tuple(sorted(out))


def _iso_day(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ProfileError(name, f"{text[:40]!r} is not a date", "YYYY-MM-DD") from None


def _bool(data: Mapping[str, Any], name: str, default: bool | None) -> bool | None:
    value = data.get(name)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
        return _BOOL_WORDS[value.strip().lower()]
    raise ProfileError(name, f"expected yes or no, got {value!r}", ("true", "false"))


_BOOL_WORDS: Final = {"true": True, "yes": True, "y": True, "false": False, "no": False, "n": False}


def parse_profile(data: Mapping[str, Any]) -> Profile:
    """Validate raw answers into a Profile, or raise ProfileError naming the field."""
    if not isinstance(data, Mapping):
        raise ProfileError("profile", "expected a table of fields (TOML or a JSON object)")
    unknown = sorted(set(data) - set(KNOWN_FIELDS))
    if unknown:
        raise ProfileError(unknown[0], "unknown field", KNOWN_FIELDS)
    conditions = _words(data, "conditions", vocab.CONDITIONS)
    if "unknown" in conditions and len(conditions) > 1:
        conditions = tuple(c for c in conditions if c != "unknown")
    pregnancy_week = _int(data, "pregnancy_week", None)
    if pregnancy_week is not None and "pregnancy" not in conditions:
        raise ProfileError("pregnancy_week", "is only used with the condition 'pregnancy'")
    weeks_since_surgery = _int(data, "weeks_since_surgery", None)
    if weeks_since_surgery is not None and not vocab.SURGERY_CONDITIONS & set(conditions):
        raise ProfileError(
            "weeks_since_surgery", "is only used with after_discectomy or after_fusion"
        )
    days = _words(data, "days", vocab.DAYS) if "days" in data else ("mon", "wed", "fri")
    weeks_postpartum, delivery = _postpartum(data, conditions)
    red_flags = _words(data, "red_flags", tuple(vocab.RED_FLAGS))
    profile = Profile(
        age=_int(data, "age", None),
        conditions=conditions,
        pain_now=_int(data, "pain_now", 0) or 0,
        pain_weeks=_int(data, "pain_weeks", 0) or 0,
        pregnancy_week=pregnancy_week,
        weeks_since_surgery=weeks_since_surgery,
        red_flags=red_flags,
        clearance=_word(data, "clearance", vocab.CLEARANCE, "not_yet"),
        restrictions=_words(data, "restrictions", tuple(vocab.RESTRICTIONS)),
        max_walk_minutes=_int(data, "max_walk_minutes", None),
        walk_minutes=_int(data, "walk_minutes", 5) or 0,
        equipment=_words(data, "equipment", vocab.EQUIPMENT),
        prefers=_word(data, "prefers", vocab.PREFERS, "walking"),
        days=days,
        minutes_per_day=_int(data, "minutes_per_day", 30) or 30,
        avoid_exercises=_ids(data, "avoid_exercises"),
        clearance_valid_until=_iso_day(data, "clearance_valid_until"),
        weeks_postpartum=weeks_postpartum,
        delivery=delivery,
        limits=_words(data, "limits", tuple(vocab.LIMITS)),
        first_episode=_bool(data, "first_episode", None),
        flags_reviewed=bool(_bool(data, "flags_reviewed", False)),
        pain_onset=_iso_day(data, "pain_onset"),
    )
    if profile.flags_reviewed and not soon_flags(profile):
        raise ProfileError(
            "flags_reviewed",
            "is only for recording that a clinician has checked a 'soon' red flag, and none "
            "is answered yes",
            tuple(f for f, level in vocab.RED_FLAGS.items() if level == "soon")
            + ("first_episode (with age over 50 or under 20)",),
        )
    return profile


def pain_weeks_on(profile: Profile, day: date) -> int:
    """How many whole weeks the episode has lasted on ``day`` (0 before its onset)."""
    if profile.pain_onset is None:
        return profile.pain_weeks
    days = (day - date.fromisoformat(profile.pain_onset)).days
    return min(max(days // 7, 0), LIMITS["pain_weeks"][1])


def with_onset(profile: Profile, given_on: date, previous: Profile | None = None) -> Profile:
    """The answers as stored on ``given_on``: with the episode's onset, and ``pain_weeks`` as
    it stands that day.

    A new onset given counts (it must not be after ``given_on``). Otherwise, weeks left as the
    earlier answers had them (as then given, or as counted today) keep the earlier onset, so
    saving unchanged answers never moves it; new or changed weeks are counted back from
    ``given_on``.
    """
    earlier = previous.pain_onset if previous is not None else None
    if profile.pain_onset is not None and profile.pain_onset != earlier:
        if date.fromisoformat(profile.pain_onset) > given_on:
            raise ProfileError(
                "pain_onset", f"{profile.pain_onset} is after today", "a day up to today"
            )
        return replace(profile, pain_weeks=pain_weeks_on(profile, given_on))
    if previous is not None and earlier is not None:
        unchanged = (previous.pain_weeks, pain_weeks_on(previous, given_on))
        if profile.pain_weeks in unchanged:
            return replace(
                profile, pain_onset=earlier, pain_weeks=pain_weeks_on(previous, given_on)
            )
    onset = given_on - timedelta(weeks=profile.pain_weeks)
    return replace(profile, pain_onset=onset.isoformat())


#: a first episode of back pain at these ages, in its first weeks, is a "soon" red flag
#: (reference.md §3.1: "new onset at age >50 (or <20)"; failure to improve after 4-6 weeks)
FIRST_EPISODE_OVER_AGE: Final = 50
FIRST_EPISODE_UNDER_AGE: Final = 20
#: "new onset" read as an episode younger than this many weeks (the 4-6 week review point, §3.1)
FIRST_EPISODE_WEEKS: Final = 6


def first_episode_flag(profile: Profile) -> bool:
    """A first episode over 50 or under 20, started less than 6 weeks ago (reference.md §3.1)."""
    return (
        bool(profile.first_episode)
        and profile.age is not None
        and (profile.age > FIRST_EPISODE_OVER_AGE or profile.age < FIRST_EPISODE_UNDER_AGE)
        and profile.pain_weeks < FIRST_EPISODE_WEEKS
    )


def soon_flags(profile: Profile) -> tuple[str, ...]:
    """The "soon" red flags answered yes, with the first-episode flag as ``first_episode``."""
    flags = tuple(f for f in profile.red_flags if vocab.RED_FLAGS[f] == "soon")
    return flags + (("first_episode",) if first_episode_flag(profile) else ())


def _postpartum(
    data: Mapping[str, Any], conditions: tuple[str, ...]
) -> tuple[int | None, str | None]:
    """``weeks_postpartum`` and ``delivery``: only with the condition 'postpartum'."""
    weeks = _int(data, "weeks_postpartum", None)
    delivery = data.get("delivery")
    if weeks is not None and "postpartum" not in conditions:
        raise ProfileError("weeks_postpartum", "is only used with the condition 'postpartum'")
    if delivery is None:
        return weeks, None
    if "postpartum" not in conditions:
        raise ProfileError("delivery", "is only used with the condition 'postpartum'")
    return weeks, _word(data, "delivery", vocab.DELIVERY, "vaginal")
