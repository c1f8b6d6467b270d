"""What devices call a sport, mapped to the plan's activity kinds.

Files name sports in many vocabularies: FIT ``sport``/``sub_sport`` enums, Apple's
``HKWorkoutActivityType...``, TCX ``Sport`` attributes, free-text GPX ``<type>`` and Strava's
numeric GPX types. Unknown words give None, so the kind is judged from the samples instead.
"""

from __future__ import annotations

import re
from typing import Final

#: Strava's numeric GPX activity types (1 Ride, 4 Hike, 9 Run, 10 Walk, 16 Swim, 17 Virtual
#: ride, 18 E-bike ride, 27 Elliptical, 23 Rowing).
STRAVA_TYPES: Final = {
    "1": "bike",
    "4": "walk",
    "9": "run",
    "10": "walk",
    "16": "swim",
    "17": "bike",
    "18": "bike",
    "23": "other",
    "27": "elliptical",
}

#: Keyword -> kind, checked in order (so "water walking" is water, "treadmill walk" is walk).
_KEYWORDS: Final = (
    ("open_water", "swim"),
    ("watersport", "water"),
    ("water", "water"),
    ("aqua", "water"),
    ("swim", "swim"),
    ("elliptical", "elliptical"),
    ("cross_trainer", "elliptical"),
    ("crosstrainer", "elliptical"),
    ("transition", "skip"),
    ("wheelchair", "other"),
    ("walk", "walk"),
    ("hik", "walk"),
    ("trek", "walk"),
    ("run", "run"),
    ("jog", "run"),
    ("treadmill", "unknown"),  # the sport (walking or running) decides
    ("cycl", "bike"),
    ("bik", "bike"),
    ("ride", "bike"),
    ("spinning", "bike"),
    ("rowing", "other"),
    ("row", "other"),
    ("stair", "other"),
    ("generic", "unknown"),
)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def sport_kind(*names: str | None) -> str | None:
    """Kind for the most specific name given (sub-sport before sport), or None if unknown.

    Returns ``"skip"`` for multisport transitions, which are not activities at all.
    """
    for name in names:
        if not name:
            continue
        text = name.strip()
        if text in STRAVA_TYPES:
            return STRAVA_TYPES[text]
        text = text.removeprefix("HKWorkoutActivityType")
        low = _CAMEL.sub("_", text).lower()
        for word, kind in _KEYWORDS:
            if word in low:
                if kind == "unknown":
                    break
                return kind
    return None
