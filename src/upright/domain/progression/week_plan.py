"""The week plans a replay counts against, built once per distinct dose rather than every week.

The weekly replay compares what was logged with what the week's plan asked: which days hold
items, the aerobic item and each item's dose. ``build_plan`` makes those from the screening and
the state's walking step, bout cap, levels and mode. The state's reasons and notes only become
the plan's words, and the week only its dates. So a replay can build one plan per distinct
``dose_key`` and move it to each week (``on_week``): the same days, items and doses, without
the reasons' words. A year of history has a handful of distinct doses, not 52.
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
    """What of the state a week's plan's days and doses are built from."""
    return (
        state.walking_step,
        state.walk_bout_cap,
        state.mode,
        tuple(sorted(state.levels.items())),
    )


def bare(state: ProgressState) -> ProgressState:
    """The state without its words (the reasons and notes the plan would print)."""
    return replace(state, walking_reasons=(), level_reasons={}, notes=(), clean_counts={})


def on_week(plan: Plan, week: date) -> Plan:
    """The same plan on the week containing ``week``."""
    start = week_start(week)
    if plan.week_start == start:
        return plan
    days = tuple(replace(d, date=start + timedelta(days=n)) for n, d in enumerate(plan.days))
    return replace(plan, week_start=start, days=days)


def counted_plan(screening: Screening, week: date, state: ProgressState) -> Plan:
    """The week's plan as the replay counts it: ``build_plan`` of the bare state."""
    return build_plan(screening, week, bare(state))
