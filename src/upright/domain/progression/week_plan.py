"""The week plans a replay counts against, built once per distinct dose rather than every week.

The weekly replay compares what was logged with what the week's plan asked: which days hold
items, the aerobic item and each item's dose. ``build_plan`` makes those from the screening and
the state's walking step, bout cap and levels. The state's reasons and notes only become the
plan's words, its mode a word in the plan's progress note, and the week only its dates. So a
replay can build one plan per distinct ``dose_key`` and move it to each week (``on_week``): the
same days, items and doses, without the reasons' words. A year of history has a handful of
distinct doses, not 52.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace
from datetime import date, timedelta

from upright.domain.planning.generator import build_plan, week_start
from upright.domain.planning.plan import Plan
from upright.domain.progression.state import ProgressState
from upright.domain.safety.screening import Screening


def dose_key(state: ProgressState) -> Hashable:
    """What of the state a week's plan's days and doses are built from (the mode only goes
    into the plan's ``progress`` note, set by ``on_week``)."""
    return (state.walking_step, state.walk_bout_cap, tuple(sorted(state.levels.items())))


def bare(state: ProgressState) -> ProgressState:
    """The state without its words (the reasons and notes the plan would print) or its mode."""
    return replace(
        state, walking_reasons=(), level_reasons={}, notes=(), clean_counts={}, mode="start"
    )


def on_week(plan: Plan, week: date, mode: str | None = None) -> Plan:
    """The same plan on the week containing ``week`` (and with this mode in its progress note)."""
    start = week_start(week)
    if mode is not None and plan.progress.get("mode") != mode:
        plan = replace(plan, progress={**plan.progress, "mode": mode})
    if plan.week_start == start:
        return plan
    days = tuple(replace(d, date=start + timedelta(days=n)) for n, d in enumerate(plan.days))
    return replace(plan, week_start=start, days=days)


def counted_plan(screening: Screening, week: date, state: ProgressState) -> Plan:
    """The week's plan as the replay counts it: ``build_plan`` of the bare state."""
    return on_week(build_plan(screening, week, bare(state)), week, state.mode)
