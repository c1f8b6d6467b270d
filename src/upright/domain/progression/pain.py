"""The pain-monitoring gate (Silbernagel et al., Am J Sports Med 2007, reference.md §4.1 [P]).

During exercise up to 5/10 is acceptable; pain must settle by the next morning; a rising weekly
trend means hold or step back. Using it for back pain is an extrapolation [U] that fits the
"hurt is not harm, stay active" advice (eTG [V]). The thresholds below are the reference's
proposed app rule, named so every decision can quote them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Final

from upright.domain.tracking.logs import SessionLog

#: pain during exercise at or below this is "safe": the plan may progress (§4.1: 0-2/≤3 safe)
PAIN_SAFE: Final = 3
#: pain during exercise at or below this is "acceptable": repeat the same level (§4.1: up to 5/10)
PAIN_ACCEPTABLE: Final = 5
#: next-morning pain this much above the pain before the session means it did not settle:
#: step back (2 points is also the smallest change that matters on the 0-10 scale, Ostelo 2008, §6)
MORNING_NOT_SETTLED: Final = 2
#: a weekly mean pain (before sessions) this much above the previous week's is a rising trend: hold
RISING_TREND: Final = 1.0
#: share of the week's planned walking done for the week to count as "went well" (design)
ADHERENCE_TO_PROGRESS: Final = 0.75

VERDICTS: Final = ("step_up", "hold", "step_back")


@dataclass(frozen=True)
class PainVerdict:
    verdict: str  # step_up | hold | step_back
    flare: bool
    reasons: tuple[str, ...]


def session_pain(session: SessionLog) -> int | None:
    """The highest pain reported during or right after the session (items included)."""
    values = [v for v in (session.pain_during, session.pain_after) if v is not None]
    values += [i.pain for i in session.items if i.pain is not None]
    return max(values) if values else None


def weekly_mean_before(sessions: Sequence[SessionLog]) -> float | None:
    values = [s.pain_before for s in sessions if s.pain_before is not None]
    return mean(values) if values else None


def _before(session: SessionLog, baseline: int | None) -> int | None:
    return session.pain_before if session.pain_before is not None else baseline


def judge(
    sessions: Sequence[SessionLog], previous_mean: float | None, baseline: int | None = None
) -> PainVerdict:
    """What the pain in one week's sessions says about the next week.

    ``baseline`` stands in for "pain before" when a session did not record it (the usual pain
    from the profile), so a bad next morning is never ignored.
    """
    reasons: list[str] = []
    worst = max((p for s in sessions if (p := session_pain(s)) is not None), default=None)
    not_settled = [
        s for s in sessions
        if s.pain_next_morning is not None
        and (
            s.pain_next_morning > PAIN_ACCEPTABLE
            or ((b := _before(s, baseline)) is not None and s.pain_next_morning - b >= MORNING_NOT_SETTLED)
        )
    ]  # fmt: skip
    a_bit_worse = [
        s for s in sessions
        if s.pain_next_morning is not None and (b := _before(s, baseline)) is not None
        and 0 < s.pain_next_morning - b < MORNING_NOT_SETTLED
    ]  # fmt: skip
    if worst is not None and worst > PAIN_ACCEPTABLE:
        reasons.append(
            f"Pain reached {worst}/10 during or after a session; above {PAIN_ACCEPTABLE}/10 "
            "the plan steps back (pain-monitoring rule, Silbernagel 2007, reference.md §4.1)."
        )
    if not_settled:
        day = not_settled[0]
        before = _before(day, baseline)
        was = f"{before} before, " if before is not None else ""
        reasons.append(
            f"On {day.day:%a %d %b} the pain had not settled by the next morning "
            f"({was}{day.pain_next_morning} next morning), so the plan steps back "
            "(reference.md §4.1)."
        )
    if reasons:
        return PainVerdict("step_back", True, tuple(reasons))
    this_mean = weekly_mean_before(sessions)
    if worst is not None and worst > PAIN_SAFE:
        reasons.append(
            f"Pain reached {worst}/10: acceptable (up to {PAIN_ACCEPTABLE}/10), so the plan holds "
            "at this level for another week (reference.md §4.1)."
        )
    if a_bit_worse:
        reasons.append(
            "The next morning your back was a little worse than before; the plan holds until it "
            "settles (reference.md §4.1)."
        )
    if (
        this_mean is not None
        and previous_mean is not None
        and this_mean - previous_mean >= RISING_TREND
    ):
        reasons.append(
            f"Your usual pain rose this week ({previous_mean:.1f} to {this_mean:.1f} on average); "
            "with a rising trend the plan holds (reference.md §4.1)."
        )
    if reasons:
        return PainVerdict("hold", False, tuple(reasons))
    return PainVerdict("step_up", False, ("Pain stayed low and settled each time.",))
