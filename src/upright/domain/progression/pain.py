"""The pain rules: the pain-monitoring gate, the flare line and flare mode, in one place.

Pain monitoring (Silbernagel et al., Am J Sports Med 2007, reference.md §4.1 [P]): during exercise
up to 5/10 is acceptable; pain must settle by the next morning; a rising weekly trend means hold
or step back. Using it for back pain is an extrapolation [U] that fits the "hurt is not harm, stay
active" advice (eTG [V]). The flare line respects the person's usual level: the smallest change in
pain that matters is 2 points or 30% (Ostelo et al., Spine 2008, reference.md §6 [V]). Flare mode
is the reference's proposed app rule (§4.7 [P]). Every threshold below is named so each decision
can quote it; the reason texts are built from these constants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Final

from upright.domain.tracking.logs import SessionLog

#: pain during exercise at or below this is "safe": the plan may progress (§4.1: 0-2/≤3 safe)
PAIN_SAFE: Final = 3
#: pain during exercise at or below this is "acceptable" (§4.1: up to 5/10); above it is the
#: first half of the flare line
PAIN_ACCEPTABLE: Final = 5
#: the smallest change in pain that matters on the 0-10 scale: 2 points (Ostelo 2008, §6 [V]).
#: Its 30% alternative never asks for less than 2 points on whole numbers above 5 with a usual
#: level of 6 or less, and above that 2 points is the more careful reading.
MIN_IMPORTANT_CHANGE: Final = 2
#: a flare is pain above PAIN_ACCEPTABLE and at least this far above the usual level (§4.1, §6)
FLARE_RISE: Final = MIN_IMPORTANT_CHANGE
#: next-morning pain this much above the pain before the session: it did not settle, a flare
MORNING_NOT_SETTLED: Final = MIN_IMPORTANT_CHANGE
#: a weekly mean pain (before sessions) this much above the previous week's is a rising trend: hold
RISING_TREND: Final = 1.0
#: share of the week's planned walking done for the week to count as "went well" (design)
ADHERENCE_TO_PROGRESS: Final = 0.75
#: the person's usual level is the median of their pain answers over this many days (design)
USUAL_PAIN_DAYS: Final = 14

# --- flare mode (reference.md §4.7, proposed app rule [P]) ---
#: calm days in a row (pain back near the usual level) before the plan returns (§4.7: "2-3 days";
#: the careful end)
CALM_DAYS_TO_RETURN: Final = 3
#: a flare-mode walk lasts this many minutes at least ... (§4.7: "2-3 x 5-10 min/day")
FLARE_WALK_MIN_MINUTES: Final = 5
#: ... and at most this many
FLARE_WALK_MAX_MINUTES: Final = 10
#: walks a day in flare mode, fewest and most (§4.7)
FLARE_WALKS_MIN: Final = 2
FLARE_WALKS_MAX: Final = 3
#: flare mode that has not settled after this many days prompts a clinician visit (§4.7: "about
#: 2-6 weeks" [U]; the careful end)
FLARE_DAYS_TO_SEE_CLINICIAN: Final = 14
#: flare weeks in a row before Upright asks the person to see a clinician (§4.1: "two such weeks
#: in a row ... prompt to see a clinician")
FLARE_WEEKS_TO_SEE_CLINICIAN: Final = 2

#: what a week can lead to (the week records and the progress report use these words)
VERDICTS: Final = ("step_up", "hold", "step_back")
#: leg symptoms that step the plan back like a flare (reference.md §3.1 "caution" row: new or
#: spreading leg symptoms are handled by the pain-monitoring rule; see a clinician if not settling)
LEG_STEP_BACK: Final = ("spreading", "new_numbness_or_weakness")


@dataclass(frozen=True)
class PainVerdict:
    verdict: str  # one of VERDICTS
    flare: bool
    reasons: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {self.verdict!r}")


def session_pain(session: SessionLog) -> int | None:
    """The highest pain reported during or right after the session (items included)."""
    values = [v for v in (session.pain_during, session.pain_after) if v is not None]
    values += [i.pain for i in session.items if i.pain is not None]
    return max(values) if values else None


def has_pain_answer(session: SessionLog, with_morning: bool = True) -> bool:
    morning = session.pain_next_morning if with_morning else None
    return (
        session.pain_before is not None or morning is not None or session_pain(session) is not None
    )


def weekly_mean_before(sessions: Sequence[SessionLog]) -> float | None:
    values = [s.pain_before for s in sessions if s.pain_before is not None]
    if not values:
        return None
    # statistics.mean, without its exact fractions: the values are whole numbers, so the sum is
    # exact and one division rounds the same way (an int when it divides evenly, like mean)
    total, count = sum(values), len(values)
    return total // count if total % count == 0 else total / count


def _resting(session: SessionLog) -> int | None:
    """A day's pain away from exercise: before the session, else its lowest answer."""
    if session.pain_before is not None:
        return session.pain_before
    values = [v for v in (session.pain_during, session.pain_after) if v is not None]
    return min(values) if values else None


def usual_pain(history: Sequence[SessionLog], day: date, fallback: int | None) -> float:
    """The person's usual pain before ``day``: the median over the last USUAL_PAIN_DAYS days.

    With no answers in that window, the profile's pain (``fallback``), else 0: an unknown usual
    level never hides a flare.
    """
    since = day - timedelta(days=USUAL_PAIN_DAYS)
    values = [v for s in history if since <= s.day < day and (v := _resting(s)) is not None]
    if values:
        return float(median(values))
    return float(fallback) if fallback is not None else 0.0


def _points(value: float) -> str:
    return f"{value:g}"


def session_flare(session: SessionLog, usual: float) -> str | None:
    """Why this session's pain is a flare (above the flare line), or None."""
    worst = session_pain(session)
    if worst is None or worst <= PAIN_ACCEPTABLE or worst - usual < FLARE_RISE:
        return None
    return (
        f"On {session.day:%a %d %b} pain reached {worst}/10: above {PAIN_ACCEPTABLE}/10 and "
        f"{FLARE_RISE} or more points above your usual {_points(usual)}/10, which is a flare "
        f"(pain-monitoring rule, Silbernagel 2007; smallest change that matters, Ostelo 2008; "
        "reference.md §4.1, §6)."
    )


def morning_flare(session: SessionLog, usual: float) -> str | None:
    """Why the next morning says the session did not settle (a rise of 2 or more), or None."""
    if session.pain_next_morning is None:
        return None
    before = session.pain_before if session.pain_before is not None else usual
    if session.pain_next_morning - before < MORNING_NOT_SETTLED:
        return None
    return (
        f"The morning after {session.day:%a %d %b} the pain was {session.pain_next_morning}/10, "
        f"{MORNING_NOT_SETTLED} or more points above the {_points(before)}/10 before: it had not "
        "settled, which is a flare (reference.md §4.1)."
    )


def leg_flare(session: SessionLog) -> str | None:
    if session.leg_symptoms == "spreading":
        return (
            f"On {session.day:%a %d %b} the pain spread further down the leg, so the plan steps "
            "back. If it does not settle within a few days, see a doctor or physiotherapist "
            "(reference.md §3.1, §4.1)."
        )
    if session.leg_symptoms == "new_numbness_or_weakness":
        return (
            f"On {session.day:%a %d %b} there was new numbness or weakness in a leg, so the plan "
            "steps back. If it does not settle, or gets worse, see a doctor (reference.md §3.1)."
        )
    return None


def is_calm(session: SessionLog, usual: float) -> bool:
    """Pain answered and back near the usual level: within the smallest change that matters."""
    values = [v for v in (session.pain_before, session_pain(session)) if v is not None]
    if not values or session.leg_symptoms in LEG_STEP_BACK:
        return False
    return max(values) <= max(PAIN_SAFE, usual + MIN_IMPORTANT_CHANGE - 1)


def judge(
    sessions: Sequence[SessionLog],
    previous_mean: float | None,
    baseline: int | None = None,
    history: Sequence[SessionLog] = (),
) -> PainVerdict:
    """What the pain in one week's sessions says about the next week.

    ``history`` (earlier sessions) and ``baseline`` (the profile's pain) give each session's usual
    level, so a flare is judged against where this person usually is.
    """
    earlier = list(history)
    flares: list[str] = []
    holds: list[str] = []
    answered = False
    for session in sorted(sessions, key=lambda s: s.day):
        usual = usual_pain(earlier, session.day, baseline)
        earlier.append(session)
        answered = answered or has_pain_answer(session)
        for why in (
            session_flare(session, usual),
            morning_flare(session, usual),
            leg_flare(session),
        ):
            if why is not None:
                flares.append(why)
        worst = session_pain(session)
        if worst is not None and worst > max(PAIN_SAFE, usual) and not flares:
            holds.append(
                f"Pain reached {worst}/10, above your usual {_points(usual)}/10 but not above the "
                f"flare line ({PAIN_ACCEPTABLE}/10 and {FLARE_RISE} points up), so the plan holds "
                "at this level for another week (reference.md §4.1)."
            )
        if session.pain_next_morning is not None:
            before = session.pain_before if session.pain_before is not None else usual
            if 0 < session.pain_next_morning - before < MORNING_NOT_SETTLED:
                holds.append(
                    "The next morning your back was a little worse than before; the plan holds "
                    "until it settles (reference.md §4.1)."
                )
    if flares:
        return PainVerdict("step_back", True, tuple(dict.fromkeys(flares)))
    if not answered:
        return PainVerdict(
            "hold",
            False,
            (
                "No pain answers were logged this week, so the plan holds: no answer is not a "
                "good answer. Tell Upright how your back feels when you log, and it can step up.",
            ),
        )
    this_mean = weekly_mean_before(sessions)
    if (
        this_mean is not None
        and previous_mean is not None
        and this_mean - previous_mean >= RISING_TREND
    ):
        holds.append(
            f"Your usual pain rose this week ({previous_mean:.1f} to {this_mean:.1f} on average); "
            "with a rising trend the plan holds (reference.md §4.1)."
        )
    if holds:
        return PainVerdict("hold", False, tuple(dict.fromkeys(holds)))
    return PainVerdict("step_up", False, ("Pain stayed low and settled each time.",))
