"""Buddies: invitation codes, the kind messages, shared goals. Pure rules and words.

What a buddy may see is decided by the access policy (``services.access``); this module holds
the words and limits the buddy services use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

#: no 0/O, 1/I/L: a code read aloud or copied from a phone is hard to get wrong
CODE_ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#: 10 characters of 31: about 49 bits, far beyond guessing within an invite's life
CODE_LENGTH: Final = 10
#: an invitation is good for a week, then it expires
INVITE_DAYS: Final = 7

#: one tap sends one of these; no free text to anyone who is not an accepted buddy
ENCOURAGEMENTS: Final[dict[str, str]] = {
    "nice_work": "Nice work today!",
    "keep_going": "Keep going: you've got this.",
    "missed_ok": "Missed a day? That's normal. Tomorrow is a fresh start.",
    "walk_together": "Fancy a walk together soon?",
    "proud": "Proud of you for showing up.",
    "thinking_of_you": "Thinking of you. Go gently today.",
}
MAX_MESSAGE: Final = 280

#: a shared goal: walks each of us does in a week, from our own plans
GOAL_MIN: Final = 1
GOAL_MAX: Final = 7

#: what each shareable item means, in the words a person reads
SHARE_WORDS: Final[dict[str, str]] = {
    "session_done": "whether you did each day's session",
    "weekly_minutes": "your walking minutes this week",
    "streak": "your streak of active weeks",
    "planned_walks": "the walks in your plan for the coming days",
}
NEVER_SHARED_WORDS: Final = "Your pain, conditions, red-flag answers and notes are never shared."


def format_code(raw: str) -> str:
    """``ABCDE23456`` -> ``ABCDE-23456``: easier to read out."""
    return f"{raw[:5]}-{raw[5:]}"


def normalise_code(text: str) -> str | None:
    """The code as typed (any case, spaces or dashes) in its canonical form, or None."""
    cleaned = re.sub(r"[\s\-]+", "", text or "").upper()
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        return None
    return cleaned


@dataclass(frozen=True)
class GoalProgress:
    """A pair's progress toward their weekly goal (walks done this week, each from their own plan)."""

    target: int
    mine: int
    theirs: int | None  # None when the buddy does not share whether sessions were done
    together: int

    @property
    def both_done(self) -> bool:
        return self.mine >= self.target and self.theirs is not None and self.theirs >= self.target


def goal_progress(target: int, mine: int, theirs: int, theirs_visible: bool) -> GoalProgress:
    return GoalProgress(target, mine, theirs if theirs_visible else None, mine + theirs)
