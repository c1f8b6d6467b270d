"""The questions and their scores.

- Pain now and average pain over the past week, for the back and for the leg: 0-10 numeric
  rating scale (NRS), 0 = no pain, 10 = worst pain imaginable (reference.md §6 [V]).
- PEG (Krebs et al., J Gen Intern Med 2009;24:733-38): three 0-10 items about the past week,
  average Pain, interference with Enjoyment of life, interference with General activity;
  the score is their mean (reference.md §6 [V]). All three are needed for a score.
- PSFS, Patient-Specific Functional Scale (Stratford et al., Physiother Can 1995;47:258-63):
  the person names up to 5 activities they find hard and rates each 0 (unable) to 10 (as
  before); the score is the mean (reference.md §6 [V]).

The questions are written in our own words: none of these is a fixed, licensed item text.
STarT Back is left out on purpose (see docs/outcomes.md): its terms allow only unmodified
items in non-commercial use, and Upright's Apache licence allows commercial use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from statistics import mean
from typing import Any, Final

from upright.domain.errors import InvalidInput

SCALE: Final = (0, 10)
PSFS_MAX_ACTIVITIES: Final = 5
PSFS_NAME_MAX: Final = 80

#: NRS items: field -> the question a person reads
NRS_ITEMS: Final[dict[str, str]] = {
    "back_pain_now": "How bad is your back pain right now?",
    "back_pain_week": "On average, how bad was your back pain over the past week?",
    "leg_pain_now": "How bad is any pain in your leg right now? (0 if none)",
    "leg_pain_week": "On average, how bad was any leg pain over the past week? (0 if none)",
}
NRS_ANCHORS: Final = ("no pain", "the worst pain you can imagine")

#: PEG items, in order (Krebs 2009): field -> question in our own words
PEG_ITEMS: Final[dict[str, str]] = {
    "peg_pain": "Over the past week, what was your pain on average?",
    "peg_enjoyment": "Over the past week, how much did pain get in the way of enjoying life?",
    "peg_activity": "Over the past week, how much did pain get in the way of your usual activities?",
}
PEG_ANCHORS: Final = ("not at all", "completely")

PSFS_QUESTION: Final = (
    "Name up to 5 activities that are hard for you because of your back, and rate how well you "
    "can do each one today."
)
PSFS_ANCHORS: Final = ("unable to do it", "as well as before the problem")

ALL_FIELDS: Final = (*NRS_ITEMS, *PEG_ITEMS, "psfs")


@dataclass(frozen=True)
class Activity:
    name: str
    score: int


@dataclass(frozen=True)
class Answers:
    """One complete set of answers. Every NRS and PEG item is present; PSFS may be empty."""

    back_pain_now: int
    back_pain_week: int
    leg_pain_now: int
    leg_pain_week: int
    peg_pain: int
    peg_enjoyment: int
    peg_activity: int
    psfs: tuple[Activity, ...] = ()

    @property
    def peg(self) -> float:
        """PEG score: the mean of its three items (Krebs 2009)."""
        return round(mean((self.peg_pain, self.peg_enjoyment, self.peg_activity)), 2)

    @property
    def psfs_mean(self) -> float | None:
        """PSFS score: the mean of the rated activities (Stratford 1995); None without any."""
        if not self.psfs:
            return None
        return round(mean(a.score for a in self.psfs), 2)

    def scores(self) -> dict[str, float | None]:
        return {
            "back_pain_now": self.back_pain_now,
            "back_pain_week": self.back_pain_week,
            "leg_pain_now": self.leg_pain_now,
            "leg_pain_week": self.leg_pain_week,
            "peg": self.peg,
            "psfs": self.psfs_mean,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "back_pain_now": self.back_pain_now,
            "back_pain_week": self.back_pain_week,
            "leg_pain_now": self.leg_pain_now,
            "leg_pain_week": self.leg_pain_week,
            "peg_pain": self.peg_pain,
            "peg_enjoyment": self.peg_enjoyment,
            "peg_activity": self.peg_activity,
            "psfs": [{"name": a.name, "score": a.score} for a in self.psfs],
        }


def score(value: Any, field: str) -> int:
    low, high = SCALE
    allowed = f"a whole number {low}-{high}"
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInput(field, "is not answered", allowed)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidInput(field, f"expected a whole number, got {value!r}", allowed)
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except ValueError:
        raise InvalidInput(
            field, f"expected a whole number, got {str(value)[:20]!r}", allowed
        ) from None
    if not number.is_integer():
        raise InvalidInput(field, f"expected a whole number, got {value!r}", allowed)
    if not low <= number <= high:
        raise InvalidInput(field, f"{int(number)} is out of range", allowed)
    return int(number)


def _psfs(value: Any) -> tuple[Activity, ...]:
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)):
        raise InvalidInput("psfs", "expected a list of activities with a name and a score")
    out: list[Activity] = []
    seen: set[str] = set()
    for n, entry in enumerate(value, start=1):
        if not isinstance(entry, Mapping):
            raise InvalidInput(f"psfs activity {n}", "expected a name and a score")
        name = str(entry.get("name") or "").strip()
        raw = entry.get("score")
        blank_score = raw is None or (isinstance(raw, str) and not raw.strip())
        if not name and blank_score:
            continue  # an empty row of the form
        if not name:
            raise InvalidInput(f"psfs activity {n}", "has a score but no name", "a short name")
        if len(name) > PSFS_NAME_MAX:
            raise InvalidInput(
                f"psfs activity {n}", "the name is too long", f"up to {PSFS_NAME_MAX} characters"
            )
        if name.lower() in seen:
            raise InvalidInput(f"psfs activity {n}", f"'{name}' is named twice")
        seen.add(name.lower())
        out.append(Activity(name, score(raw, f"psfs activity {n} ({name})")))
    if len(out) > PSFS_MAX_ACTIVITIES:
        raise InvalidInput("psfs", f"{len(out)} activities", f"up to {PSFS_MAX_ACTIVITIES}")
    return tuple(out)


def parse_answers(data: Mapping[str, Any]) -> Answers:
    """Check a set of answers, or raise InvalidInput naming the first problem.

    A PEG with one or two items answered is refused: its score needs all three.
    """
    if not isinstance(data, Mapping):
        raise InvalidInput("answers", "expected the answers as named fields")
    unknown = sorted(set(data) - set(ALL_FIELDS))
    if unknown:
        raise InvalidInput(unknown[0], "unknown question", ALL_FIELDS)
    answered_peg = [k for k in PEG_ITEMS if data.get(k) not in (None, "")]
    if answered_peg and len(answered_peg) < len(PEG_ITEMS):
        missing = [k for k in PEG_ITEMS if k not in answered_peg]
        raise InvalidInput(
            missing[0],
            "the PEG needs all three questions answered (its score is their average)",
            "a whole number 0-10",
        )
    values = {k: score(data.get(k), k) for k in (*NRS_ITEMS, *PEG_ITEMS)}
    return Answers(**values, psfs=_psfs(data.get("psfs")))


def answers_from_dict(data: Mapping[str, Any]) -> Answers:
    """A stored set of answers (already checked once) back into Answers."""
    return parse_answers(data)
