"""Whether a clinician's clearance still holds on a day: a clearance with a "valid until" date
lapses after it, and the plan goes back to the gentle walking starter until it is renewed (the
conservative choice: reference.md §2 asks for a doctor's check before a program)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from upright.domain import vocab
from upright.domain.profile import Profile


def in_force(profile: Profile, on: date) -> tuple[Profile, str | None]:
    """The profile as it holds on ``on``, and a note when the clearance has lapsed."""
    until = profile.clearance_valid_until
    if until is None or profile.clearance not in vocab.CLEARED:
        return profile, None
    last = date.fromisoformat(until)
    if on <= last:
        return profile, None
    note = (
        f"Your clinician's clearance was valid until {last.strftime('%d %B %Y').lstrip('0')}. "
        "Until they renew it, the plan holds only the gentle walking starter. Bring the "
        "clearance sheet to your next appointment."
    )
    return replace(profile, clearance="not_yet"), note
