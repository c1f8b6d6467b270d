"""Safety-netting prompts for the doctor's report: when to look again.

- No improvement after 6 weeks: failure to improve after about 4-6 weeks is a reason to be
  checked soon (reference.md §3.1 [V]); the 6 is the screening's own ``NOT_IMPROVING_WEEKS``.
  "Improvement" means a real change by the measure's MIC (``change.py``): the outcome answers
  when a follow-up at 6 weeks or later exists, otherwise the weekly pain before sessions.
- Two flare weeks in a row: the progression engine steps back on a flare week and asks for a
  clinician after ``FLARE_WEEKS_TO_SEE_CLINICIAN`` in a row (reference.md §4.1, §4.7).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from statistics import mean
from typing import Final

from upright.domain.outcomes.change import Change, judge
from upright.domain.progression.engine import FLARE_WEEKS_TO_SEE_CLINICIAN
from upright.domain.safety.screening import NOT_IMPROVING_WEEKS

#: the outcome measures whose real improvement counts as improving
IMPROVING_MEASURES: Final = ("back_pain_week", "leg_pain_week", "peg", "psfs")
#: weeks averaged at each end of the session-pain series
PAIN_WINDOW_WEEKS: Final = 2
FLARE_VERDICT: Final = "step_back"


def flare_runs(weeks: Sequence[tuple[date, str | None]]) -> list[tuple[date, date]]:
    """Each run of ``FLARE_WEEKS_TO_SEE_CLINICIAN`` or more flare weeks in a row: (first, last)."""
    runs: list[tuple[date, date]] = []
    run: list[date] = []
    for start, verdict in [*weeks, (date.max, None)]:
        if verdict == FLARE_VERDICT and (not run or start - run[-1] == timedelta(weeks=1)):
            run.append(start)
            continue
        if len(run) >= FLARE_WEEKS_TO_SEE_CLINICIAN:
            runs.append((run[0], run[-1]))
        run = [start] if verdict == FLARE_VERDICT else []
    return runs


def _fmt(day: date) -> str:
    return day.strftime("%d %B %Y").lstrip("0")


def prompts(
    weeks: Sequence[tuple[date, str | None]],
    pain_by_week: Sequence[tuple[date, float]],
    outcome_start: date | None,
    outcome_latest: date | None,
    outcome_changes: Sequence[Change],
    first_session: date | None,
    today: date,
) -> list[str]:
    """The prompts that apply, in plain words; empty when none does."""
    out: list[str] = []
    for first, last in flare_runs(weeks):
        count = (last - first).days // 7 + 1
        out.append(
            f"{count} flare weeks in a row (weeks of {_fmt(first)} to {_fmt(last)}): the back "
            "flared up after sessions each week. Please review before the program goes on "
            "(reference.md §4.1, §4.7)."
        )
    enough = timedelta(weeks=NOT_IMPROVING_WEEKS)
    if outcome_start and outcome_latest and outcome_latest - outcome_start >= enough:
        better = [
            c for c in outcome_changes if c.measure in IMPROVING_MEASURES and c.verdict == "better"
        ]
        if not better:
            weeks_in = (outcome_latest - outcome_start).days // 7
            out.append(
                f"No meaningful improvement after {weeks_in} weeks in the outcome answers (pain, "
                "PEG and activities against their minimal important change): failure to improve "
                f"after {NOT_IMPROVING_WEEKS} weeks is a reason to be checked (reference.md §3.1)."
            )
        return out
    if first_session is None or today - first_session < enough or not pain_by_week:
        return out
    series = sorted(pain_by_week)
    if series[-1][0] - series[0][0] < timedelta(weeks=NOT_IMPROVING_WEEKS - PAIN_WINDOW_WEEKS):
        return out
    start = mean(v for _, v in series[:PAIN_WINDOW_WEEKS])
    latest = mean(v for _, v in series[-PAIN_WINDOW_WEEKS:])
    change = judge("back_pain_now", round(start, 1), round(latest, 1))
    if change.verdict != "better":
        out.append(
            f"No meaningful improvement after {(today - first_session).days // 7} weeks: pain "
            f"before sessions averaged {change.start:g} in the first {PAIN_WINDOW_WEEKS} weeks "
            f"and {change.latest:g} in the last {PAIN_WINDOW_WEEKS} (a change of "
            f"{change.threshold:.1f} or more counts). Failure to improve after "
            f"{NOT_IMPROVING_WEEKS} weeks is a reason to be checked (reference.md §3.1)."
        )
    return out
