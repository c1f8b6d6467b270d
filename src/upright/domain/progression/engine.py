"""Replay a person's history week by week to find where they stand now.

Pure: the same profile, history and date always give the same state. Each week the plan that
was (or would have been) shown is rebuilt, the logged sessions are compared with it, and the
pain gate (``pain.judge``) plus adherence decide: step up, hold or step back. A break of a week
or more re-enters lower (reference.md §4.6). Every decision keeps its reasons.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from upright.domain.planning.generator import build_plan, week_start
from upright.domain.planning.plan import Plan
from upright.domain.profile import Profile
from upright.domain.progression import pain, walking
from upright.domain.progression.state import ProgressState, initial_state
from upright.domain.safety.screening import Allowance, Screening
from upright.domain.tracking.credit import KINDS_FOR_MODALITY
from upright.domain.tracking.logs import ItemLog, SessionLog

#: a break this long (days with no session) re-enters lower (reference.md §4.6: "<7 days missed:
#: resume at the last level; 1-2 weeks: drop one level; >2 weeks: restart lower") [design]
GAP_REENTRY_DAYS: Final = 7
#: each further week of break steps the walking ladder back one more step
GAP_DAYS_PER_EXTRA_STEP: Final = 7
#: a break this long also lowers each core level by one
GAP_LEVEL_DROP_DAYS: Final = 14
#: clean, pain-compliant sessions needed before a core exercise moves up (reference.md §4.4)
CLEAN_SESSIONS_TO_LEVEL_UP: Final = 2
#: flare weeks in a row before Upright asks the person to see a clinician (reference.md §4.1)
FLARE_WEEKS_TO_SEE_CLINICIAN: Final = pain.FLARE_WEEKS_TO_SEE_CLINICIAN
#: sessions a device recorded, by local day: (activity kind, minutes); they count toward the
#: plan's aerobic item when the kind matches its modality (a walk for walking, a ride for the bike)
DeviceCredits = Mapping[date, Sequence[tuple[str, float]]]


@dataclass(frozen=True)
class WeekRecord:
    """One past week: the state its plan was built from, what was done, and the decision."""

    week_start: date
    state: ProgressState
    plan: Plan
    sessions: tuple[SessionLog, ...]
    planned_days: int
    active_days: int
    walking_planned: float
    walking_done: float
    longest_walk: float
    verdict: str | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Carry:
    """Everything the weekly replay carries from one week into the next, at the start of
    ``week``. Resuming from it with the sessions since ``week - pain.USUAL_PAIN_DAYS`` gives
    exactly what replaying the whole history gives (a pure fold over the weeks)."""

    week: date
    state: ProgressState
    last_day: date | None
    previous_mean: float | None
    flare_weeks: int
    #: a red flag was answered yes in some session before ``week``
    flagged: bool


def _aerobic_id(plan: Plan) -> str | None:
    for day in plan.days:
        for item in day.items:
            if item.category == "aerobic":
                return item.id
    return None


def _walking(
    plan: Plan, sessions: Sequence[SessionLog], credits: DeviceCredits
) -> tuple[float, float, float]:
    """(planned minutes, done minutes, longest single walk) for one week."""
    aerobic = _aerobic_id(plan)
    planned = 0.0
    done = 0.0
    longest = 0.0
    modality = next(
        (
            str(i.dose.get("modality"))
            for d in plan.days
            for i in d.items
            if i.category == "aerobic"
        ),
        "walking",
    )
    kinds = KINDS_FOR_MODALITY.get(modality, ())
    for day in plan.days:
        item = next((i for i in day.items if i.category == "aerobic"), None)
        if item is not None:
            planned += float(item.dose["minutes"]) * float(item.dose["times"])
        for kind, minutes in credits.get(day.date, ()):
            if kind in kinds:
                done += minutes
                longest = max(longest, minutes)
    for session in sessions:
        logged = session.item(aerobic) if aerobic else None
        if logged is None or not logged.done:
            continue
        item = plan.item(logged.id)
        bout = (
            logged.minutes
            if logged.minutes is not None
            else float(item.dose["minutes"])
            if item
            else 0.0
        )
        times = logged.times if logged.times is not None else int(item.dose["times"]) if item else 1
        if logged.status == "partly" and logged.minutes is None:
            bout /= 2
        done += bout * max(times, 1)
        longest = max(longest, bout)
    return planned, done, longest


def reenter(state: ProgressState, gap_days: int) -> ProgressState:
    """A gentler start after a break: the longer the break, the bigger the step back."""
    back = 1 + (gap_days - GAP_REENTRY_DAYS) // GAP_DAYS_PER_EXTRA_STEP
    step = max(1, state.walking_step - back)
    dropped = state.walking_step - step
    if dropped:
        text = (
            f"Welcome back. After a break of {gap_days} days the walking restarts {dropped} "
            f"step{'s' if dropped > 1 else ''} lower, at step {step}, and builds up again week by week "
            "(reference.md §4.6)."
        )
    else:
        text = (
            f"Welcome back. After a break of {gap_days} days the walking starts again gently at "
            f"step {step} and builds up week by week (reference.md §4.6)."
        )
    reasons = [text]
    levels = dict(state.levels)
    level_reasons = dict(state.level_reasons)
    if gap_days >= GAP_LEVEL_DROP_DAYS:
        for family, level in levels.items():
            if level > 1:
                levels[family] = level - 1
                level_reasons[family] = (
                    f"Down one level after a break of {gap_days} days; strength fades after about "
                    "3 weeks without training (reference.md §4.6).",
                )
    return replace(
        state,
        walking_step=step,
        walking_reasons=tuple(reasons),
        levels=levels,
        level_reasons=level_reasons,
        clean_counts={},
        mode="reentry",
    )


def _laddered(screening: Screening) -> tuple[Allowance, ...]:
    """The allowed exercises with levels to climb (core, stretch, mobility), in order."""
    return tuple(
        a
        for a in screening.allowed
        if a.exercise.category in ("core", "stretch", "mobility") and a.exercise.top_level >= 2
    )


def _levels(
    state: ProgressState,
    screening: Screening,
    sessions: Sequence[SessionLog],
    verdict: pain.PainVerdict,
    earlier: Sequence[SessionLog] = (),
    laddered: tuple[Allowance, ...] | None = None,
) -> tuple[dict[str, int], dict[str, tuple[str, ...]], dict[str, int]]:
    """``laddered`` is ``_laddered(screening)``, when the caller has it already."""
    levels = dict(state.levels)
    reasons = dict(state.level_reasons)
    counts = dict(state.clean_counts)
    baseline = screening.profile.pain_now
    # a session's usual pain is the same for every family: worked out once per session
    usual_of: dict[date, float] = {}
    session_pain: dict[date, int | None] = {}
    # each family's done items, session by session (a session's first item of an id counts)
    done: dict[str, list[tuple[SessionLog, ItemLog]]] = {}
    for session in sessions:
        seen: set[str] = set()
        for item in session.items:
            if item.id not in seen:
                seen.add(item.id)
                if item.done:
                    done.setdefault(item.id, []).append((session, item))
    for allowance in _laddered(screening) if laddered is None else laddered:
        family = allowance.exercise.id
        current = min(levels.get(family, 1), allowance.max_level)
        hurt = False
        for session, logged in done.get(family, ()):
            usual = usual_of.get(session.day)
            if usual is None:
                usual = usual_of[session.day] = pain.usual_pain(earlier, session.day, baseline)
            felt = logged.pain
            if felt is None:
                if session.day not in session_pain:
                    session_pain[session.day] = pain.session_pain(session)
                felt = session_pain[session.day]
            if felt is not None and felt > pain.PAIN_ACCEPTABLE and felt - usual >= pain.FLARE_RISE:
                hurt = True
            elif (
                logged.status == "done"
                and felt is not None  # no answer is not a good answer
                and felt <= max(pain.PAIN_SAFE, usual)
            ):
                counts[family] = counts.get(family, 0) + 1
        if hurt or (verdict.flare and current > 1):
            if current > 1:
                levels[family] = current - 1
                reasons[family] = (
                    f"Down one level to {current - 1}: it hurt (above {pain.PAIN_ACCEPTABLE}/10 and "
                    f"{pain.FLARE_RISE} points above your usual), so it steps back (reference.md §4.1).",
                )
            counts[family] = 0
        elif counts.get(family, 0) >= CLEAN_SESSIONS_TO_LEVEL_UP and verdict.verdict == "step_up":
            if current < allowance.max_level:
                levels[family] = current + 1
                reasons[family] = (
                    f"Up one level to {current + 1}: done cleanly {counts[family]} times with little pain "
                    f"(move up after {CLEAN_SESSIONS_TO_LEVEL_UP} clean, pain-compliant sessions, reference.md §4.4).",
                )
            counts[family] = 0
    return levels, reasons, counts


def _decide(
    state: ProgressState,
    screening: Screening,
    record: WeekRecord,
    verdict: pain.PainVerdict,
    flare_weeks: int,
    earlier: Sequence[SessionLog] = (),
    flagged_before: bool | None = None,
    laddered: tuple[Allowance, ...] | None = None,
) -> ProgressState:
    """``earlier`` needs only the last ``pain.USUAL_PAIN_DAYS`` days when ``flagged_before``
    says whether any older session had a red flag."""
    levels, level_reasons, counts = _levels(
        state, screening, record.sessions, verdict, earlier, laddered
    )
    before = any(s.red_flags for s in earlier) if flagged_before is None else flagged_before
    flagged = before or any(s.red_flags for s in record.sessions)
    if screening.stop is not None or flagged:  # a red flag: usual walking at most, no progress
        return replace(
            state,
            walking_reasons=(
                "Walking stays at your usual amount, with no steps up, until a doctor has "
                "checked the warning signs you told us about (reference.md §3.1).",
            ),
            mode="hold",
        )
    step = state.walking_step
    cap = state.walk_bout_cap
    share = record.walking_done / record.walking_planned if record.walking_planned else 1.0
    notes: list[str] = []
    reasons = list(verdict.reasons)
    mode = "hold"
    if verdict.verdict == "step_back":
        step = max(1, step - 1)
        mode = "flare"
        reasons.append(
            f"Walking steps back to step {step} until your back settles. Flare-ups are common and usually settle; keep moving gently (reference.md §4.7)."
        )
        if flare_weeks >= FLARE_WEEKS_TO_SEE_CLINICIAN:
            notes.append(
                f"{FLARE_WEEKS_TO_SEE_CLINICIAN} weeks in a row your back flared up after sessions. Please see a doctor or physiotherapist before pushing on (reference.md §4.1)."
            )
    elif not screening.cleared:
        reasons = ["The walking stays at the starter until a doctor clears you."]
    elif verdict.verdict == "hold":
        reasons.append(f"Walking holds at step {step}.")
    elif share < pain.ADHERENCE_TO_PROGRESS:
        reasons = [
            f"Last week {record.walking_done:.0f} of {record.walking_planned:.0f} planned walking minutes were done; the plan repeats the week before stepping up. That is normal: keep going."
        ]
    elif cap is not None:
        cap = cap + 2 if cap + 2 < walking.step(step).minutes else None
        mode = "step_up"
        reasons = ["Last week went well, so each walk gets a little longer."]
    elif step < walking.TOP_STEP:
        step += 1
        mode = "step_up"
        reasons = [
            f"Last week went well (pain stayed low and settled, {record.walking_done:.0f} of {record.walking_planned:.0f} walking minutes done), so walking steps up to step {step}."
        ]
    else:
        reasons = ["You are at the top of the walking ladder: keep it up."]
    return replace(
        state,
        walking_step=step,
        walking_reasons=tuple(reasons),
        walk_bout_cap=cap,
        levels=levels,
        level_reasons=level_reasons,
        clean_counts=counts,
        mode=mode,
        notes=tuple(notes),
    )


def replay(
    profile: Profile,
    screening: Screening,
    history: Sequence[SessionLog],
    until: date,
    credits: DeviceCredits | None = None,
) -> tuple[ProgressState, list[WeekRecord]]:
    """The state for the week containing ``until``, and a record of every earlier week."""
    state, records, _ = resume(profile, screening, history, until, credits)
    return state, records


def resume(
    profile: Profile,
    screening: Screening,
    history: Sequence[SessionLog],
    until: date,
    credits: DeviceCredits | None = None,
    start: Carry | None = None,
    build: Callable[[Screening, date, ProgressState], Plan] = build_plan,
) -> tuple[ProgressState, list[WeekRecord], list[Carry]]:
    """``replay`` from ``start`` (None: from the first session), with the carry at the start
    of every week replayed after the first one.

    From a carry, ``history`` needs only the sessions since ``start.week`` less
    ``pain.USUAL_PAIN_DAYS`` days (older ones are ignored) and the records begin at
    ``start.week``; the state is the same as a full replay's. ``build`` builds each week's plan
    (``build_plan``, or a caller's remembered copy of it).
    """
    credits = credits or {}
    target = week_start(until)
    if start is not None and start.week > target:
        raise ValueError(f"a carry for {start.week} cannot resume a replay to {target}")
    past = sorted((s for s in history if s.day < target), key=lambda s: s.day)
    if start is not None:
        since = start.week - timedelta(days=pain.USUAL_PAIN_DAYS)
        past = [s for s in past if s.day >= since]
        carry = start
    elif past:
        carry = Carry(week_start(past[0].day), initial_state(profile), None, None, 0, False)
    else:
        return initial_state(profile), [], []
    days = [s.day for s in past]
    laddered = _laddered(screening)
    active = carry.state
    last_day = carry.last_day
    previous_mean = carry.previous_mean
    flare_weeks = carry.flare_weeks
    flagged = carry.flagged
    records: list[WeekRecord] = []
    carries: list[Carry] = []
    week = carry.week
    while week < target:
        first = bisect_left(days, week)
        sessions = tuple(past[first : bisect_left(days, week + timedelta(days=7))])
        base = active
        if last_day is not None and (gap := (week - last_day).days - 1) >= GAP_REENTRY_DAYS:
            base = reenter(active, gap)
        plan = build(screening, week, base)
        planned, done, longest = _walking(plan, sessions, credits)
        planned_days = sum(1 for d in plan.days if d.items)
        active_days = sum(1 for s in sessions if s.active)
        if not sessions:
            credited = [
                week + timedelta(days=n) for n in range(7) if credits.get(week + timedelta(days=n))
            ]
            if credited:  # walks from a device keep the habit alive: no re-entry for this week
                last_day = max(credited)
            records.append(
                WeekRecord(
                    week,
                    base,
                    plan,
                    (),
                    planned_days,
                    0,
                    planned,
                    done,
                    longest,
                    None,
                    ("No sessions logged.",),
                )
            )
            week += timedelta(days=7)
            carries.append(Carry(week, active, last_day, previous_mean, flare_weeks, flagged))
            continue
        # only the last USUAL_PAIN_DAYS days before the week matter to the usual pain
        earlier = tuple(
            past[bisect_left(days, week - timedelta(days=pain.USUAL_PAIN_DAYS)) : first]
        )
        verdict = pain.judge(sessions, previous_mean, profile.pain_now, earlier)
        flare_weeks = flare_weeks + 1 if verdict.flare else 0
        record = WeekRecord(
            week,
            base,
            plan,
            sessions,
            planned_days,
            active_days,
            planned,
            done,
            longest,
            verdict.verdict,
            verdict.reasons,
        )
        records.append(record)
        active = _decide(base, screening, record, verdict, flare_weeks, earlier, flagged, laddered)
        flagged = flagged or any(s.red_flags for s in sessions)
        last_day = sessions[-1].day
        mean_before = pain.weekly_mean_before(sessions)
        previous_mean = mean_before if mean_before is not None else previous_mean
        week += timedelta(days=7)
        carries.append(Carry(week, active, last_day, previous_mean, flare_weeks, flagged))
    if last_day is not None and (gap := (target - last_day).days - 1) >= GAP_REENTRY_DAYS:
        active = reenter(active, gap)
    return active, records, carries
