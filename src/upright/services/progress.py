"""How the weeks went: sessions against plan, walking against the goal, pain trend, levels, streak."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from statistics import mean
from typing import Any

from upright.domain.errors import NotFound
from upright.domain.planning.generator import week_start
from upright.domain.profile import parse_profile
from upright.domain.progression import walking
from upright.domain.progression.engine import WeekRecord
from upright.domain.progression.state import initial_state
from upright.domain.tracking.activity import Activity
from upright.services.access import Action, Actor, check
from upright.services.library import Library
from upright.services.planning import screened
from upright.services.ports import UnitOfWork
from upright.services.progress_replay import recent_history


def day_activities(uow: UnitOfWork, actor: Actor, subject_id: int, day: date) -> list[Activity]:
    """Imported activities that started on this local day."""
    begin = datetime.combine(day - timedelta(days=1), time(), tzinfo=UTC)
    finish = datetime.combine(day + timedelta(days=2), time(), tzinfo=UTC)
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_SESSIONS)
        found = uow.activities.between(grant.subject_id, begin, finish)
    return [a for a in found if a.start.date() == day]


@dataclass(frozen=True)
class WeekRow:
    """One week of the progress report: what was planned and done, pain, step and verdict."""

    week_start: date
    planned_days: int
    active_days: int
    walking_planned: float
    walking_minutes: float
    longest_walk: float
    pain_before_mean: float | None
    pain_during_max: int | None
    walking_step: int
    verdict: str | None
    reasons: tuple[str, ...]
    #: what the plan did after this week (the next week's mode: "step_up", "hold", ...), read
    #: from the state the next week's plan was built from; None while no next week is built
    decision: str | None = None

    @classmethod
    def of(cls, record: WeekRecord, following: WeekRecord | None = None) -> WeekRow:
        before = [s.pain_before for s in record.sessions if s.pain_before is not None]
        during = [s.pain_during for s in record.sessions if s.pain_during is not None]
        return cls(
            week_start=record.week_start,
            planned_days=record.planned_days,
            active_days=record.active_days,
            walking_planned=round(record.walking_planned, 1),
            walking_minutes=round(record.walking_done, 1),
            longest_walk=round(record.longest_walk, 1),
            pain_before_mean=round(mean(before), 1) if before else None,
            pain_during_max=max(during) if during else None,
            walking_step=record.state.walking_step,
            verdict=record.verdict,
            reasons=record.reasons,
            decision=following.state.mode if following is not None else None,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "week_start": self.week_start.isoformat(),
            "planned_days": self.planned_days,
            "active_days": self.active_days,
            "walking_planned": self.walking_planned,
            "walking_minutes": self.walking_minutes,
            "longest_walk": self.longest_walk,
            "pain_before_mean": self.pain_before_mean,
            "pain_during_max": self.pain_during_max,
            "walking_step": self.walking_step,
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "decision": self.decision,
        }


@dataclass(frozen=True)
class Goal:
    """The walking goal: about 30 minutes, 3-4 times a week, brisk."""

    weekly_minutes: int
    longest_walk: int
    describe: str

    def to_json(self) -> dict[str, Any]:
        return {
            "weekly_minutes": self.weekly_minutes,
            "longest_walk": self.longest_walk,
            "describe": self.describe,
        }


@dataclass(frozen=True)
class ProgressReport:
    """How the weeks went; ``to_json`` is the ``progress --json`` / ``/api/progress`` contract."""

    today: date
    weeks: tuple[WeekRow, ...]
    goal: Goal
    walking_step: int
    walking: str
    #: families above their first level
    levels: dict[str, int]
    streak_weeks: int
    sessions_logged: int
    message: str
    #: this week's walking target: the minutes this week's plan holds (the one number the web
    #: page and ``upright progress`` both show as the week's target; None before a plan)
    walking_target: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "weeks": [w.to_json() for w in self.weeks],
            "goal": self.goal.to_json(),
            "walking_step": self.walking_step,
            "walking": self.walking,
            "levels": dict(self.levels),
            "streak_weeks": self.streak_weeks,
            "sessions_logged": self.sessions_logged,
            "message": self.message,
            "walking_target": self.walking_target,
        }


def walking_target_words(target: float | None) -> str | None:
    """This week's walking target in words, the same on the web page and in ``upright progress``."""
    if target is None:
        return None
    return f"This week's walking target: {target:.0f} minutes, from your plan."


def streak(weeks: Sequence[WeekRow], current: date) -> int:
    """Active weeks in a row. The week in progress never breaks it; a missed day never does."""
    count = 0
    for week in reversed(weeks):
        if week.active_days > 0:
            count += 1
        elif week.week_start == current:
            continue
        else:
            break
    return count


#: under a red-flag stop the progress page never cheers a plan on (issue 8)
STOPPED_MESSAGE = (
    "Your plan is paused because of a warning sign you told Upright about. Please follow the "
    "advice on the Today page and get checked; your progress is kept here."
)


def _message(weeks: Sequence[WeekRow], streak_weeks: int, current: date) -> str:
    if weeks and weeks[-1].week_start == current and weeks[-1].active_days == 0:
        weeks = weeks[:-1]  # the week has only just started: judge the weeks before it
    if not weeks:
        return "Your first week starts now. Small steps count: a 5-minute walk is a real start."
    last = weeks[-1]
    if last.active_days == 0 and len(weeks) > 1 and weeks[-2].active_days == 0:
        return (
            "A few quiet weeks happen to everyone. Nothing is lost: your plan has eased off so "
            "you can pick it up gently. A short walk today is a great restart."
        )
    if last.active_days == 0:
        return (
            "A quiet week is normal. Your progress is still here. "
            "Today is a good day for a short walk."
        )
    if streak_weeks >= 4:
        return f"{streak_weeks} active weeks in a row. That steady habit is what helps a back most."
    return "Every session counts. Keep going at your own pace."


def progress_report(
    uow: UnitOfWork, actor: Actor, subject_id: int, today: date, library: Library, weeks: int = 12
) -> ProgressReport:
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_PROGRESS)
        data = uow.profiles.latest(grant.subject_id)
        if data is None:
            raise NotFound("profile", "me", "run `upright start` first")
        profile = parse_profile(data)
        history = recent_history(uow, grant, profile, library, today, weeks)
    screening = screened(profile, library)  # remembered: the weeks' plans are too
    # replaying to the end of this week gives the rows up to the week in progress; that week's
    # record holds the state its plan was built from, which is the person's state now
    records = history.records(profile, screening, today + timedelta(days=7))
    state = records[-1].state if records else initial_state(profile)
    shown = [r for r in records if r.week_start > week_start(today) - timedelta(weeks=weeks)]
    after = {r.week_start - timedelta(days=7): r for r in records}
    week_rows = tuple(WeekRow.of(r, after.get(r.week_start)) for r in shown)
    streak_weeks = streak(week_rows, week_start(today))
    goal = walking.step(walking.GOAL_STEP)
    this_week = next((r for r in records if r.week_start == week_start(today)), None)
    levels = {family: level for family, level in sorted(state.levels.items()) if level > 1}
    return ProgressReport(
        today=today,
        weeks=week_rows,
        goal=Goal(goal.weekly_minutes, goal.minutes, goal.describe()),
        walking_step=state.walking_step,
        walking=walking.step(state.walking_step).describe(),
        levels=levels,
        streak_weeks=streak_weeks,
        sessions_logged=history.count,
        message=(
            STOPPED_MESSAGE
            if screening.stop is not None or history.flagged
            else _message(week_rows, streak_weeks, week_start(today))
        ),
        walking_target=round(this_week.walking_planned, 1) if this_week is not None else None,
    )
