"""The short safety check that comes back while a person trains (reference.md §3.1, §4.7).

Red flags can start at any time: cauda equina signs in week 5 matter as much as on day one.
So logging asks the cauda equina and weakness questions once a week, and at once when the pain
is above the flare line, the legs get worse, or there is new numbness or weakness.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from upright.domain.progression import pain
from upright.domain.tracking.logs import SessionLog

#: the questions of the short check: cauda equina and weakness (reference.md §3.1, BASS 2018)
CHECK_FLAGS: Final = (
    "saddle_numbness",
    "bladder_bowel_change",
    "new_sexual_dysfunction",
    "pain_both_legs",
    "weakness_both_legs",
    "worsening_weakness_one_leg",
    "spreading_numbness",
)
#: the leg question's answers in plain words, in the order they are offered (vocab.LEG_SYMPTOMS)
LEG_WORDS: Final = (
    ("none", "No leg symptoms"),
    ("better", "Better"),
    ("same", "The same"),
    ("spreading", "Spreading further down the leg"),
    ("new_numbness_or_weakness", "New numbness or weakness"),
)
#: the check comes back once a week (§4.7: "re-check ... red-flag questions"; weekly is design)
CHECK_EVERY_DAYS: Final = 7


def check_reasons(
    history: Sequence[SessionLog],
    today: date,
    session: SessionLog | None = None,
    baseline: int | None = None,
) -> tuple[str, ...]:
    """Why the safety check should be asked now (empty: not due).

    ``history`` is what was logged before; ``session`` is what is being logged now.
    """
    reasons: list[str] = []
    if session is not None and not session.checked:
        earlier = [s for s in history if s.day < session.day]
        usual = pain.usual_pain(earlier, session.day, baseline)
        if pain.session_flare(session, usual) or pain.morning_flare(session, usual):
            reasons.append(
                f"Your pain is above the flare line ({pain.PAIN_ACCEPTABLE}/10 and "
                f"{pain.FLARE_RISE} points above your usual)."
            )
        if session.leg_symptoms == "spreading":
            reasons.append("The pain is spreading further down your leg.")
        if session.leg_symptoms == "new_numbness_or_weakness":
            reasons.append("You noted new numbness or weakness.")
    if session is not None and session.checked:
        return ()
    days = sorted(s.day for s in history if s.day <= today)
    checks = [s.day for s in history if s.checked and s.day <= today]
    since = max(checks) if checks else (days[0] if days else today)
    if (today - since).days >= CHECK_EVERY_DAYS:
        reasons.append(f"It is {CHECK_EVERY_DAYS} days or more since the last safety check.")
    return tuple(reasons)
