"""Everything a person reads is in plain words: no internal ids, codes, file names or None."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hypothesis import given, settings

from tests.unit.planning.test_plan_properties import LIBRARY, days, profiles
from upright.domain.planning.generator import build_plan
from upright.domain.planning.plan import Plan
from upright.domain.profile import parse_profile
from upright.domain.progression.state import initial_state
from upright.domain.safety.screening import screen

#: an internal id (snake_case word), a file name, a section pointer, a certainty code, None
FORBIDDEN = re.compile(
    r"\b[a-z]+_[a-z_]+\b|\b\w+\.(?:md|toml|py|json)\b|§|\[(?:V|P|U)[^\]]*\]|\bNone\b|step_up"
)


def person_reads(plan: Plan) -> list[str]:
    texts = list(plan.notes) + list(plan.conflicts)
    if plan.stop is not None:
        texts += [plan.stop.message, *plan.stop.reasons]
    for excluded in plan.excluded:
        texts += [excluded.name, *excluded.reasons]
    for day in plan.days:
        texts += list(day.notes)
        for item in day.items:
            texts += [item.name, item.level_name or "", *item.why, *item.warnings]
            texts.append(str(item.dose.get("text", "")))
    return texts


def _bad(texts: list[str]) -> list[str]:
    return [t for t in texts if FORBIDDEN.search(t)]


@settings(max_examples=300, deadline=None)
@given(data=profiles(), on=days)
def test_no_plan_text_carries_an_internal_word(data: dict[str, Any], on: date) -> None:
    profile = parse_profile(data)
    plan = build_plan(screen(profile, LIBRARY.catalog, LIBRARY.rules), on, initial_state(profile))
    assert _bad(person_reads(plan)) == []


def test_the_catalog_reads_in_plain_words() -> None:
    texts: list[str] = []
    for e in LIBRARY.catalog.exercises:
        texts += [e.name, e.summary, e.position, e.feel, *e.instructions, *e.mistakes]
        texts += [*e.stop_if, *e.sources, *e.citations, *(e.targets)]
        for level in e.levels:
            texts += [level.name, *level.how, *e.steps_at(level.level)]
    for card in LIBRARY.catalog.cards:
        texts += [card.title, *card.body, *card.sources]
    assert _bad(texts) == []


def test_the_pattern_catches_what_people_used_to_see() -> None:
    for seen in ("ruled out for isthmic_spondylolisthesis", "(source: reference.md §4.3 [V])",
                 "mode step_up", "Level None"):  # fmt: skip
        assert FORBIDDEN.search(seen), seen
    assert not FORBIDDEN.search("Hold 10 s, then 3, then 1. Rest about 30 s between sets")


@settings(max_examples=150, deadline=None)
@given(data=profiles(), on=days)
def test_why_texts_agree_with_the_dose_they_explain(data: dict[str, Any], on: date) -> None:
    data["red_flags"] = []
    profile = parse_profile(data)
    plan = build_plan(screen(profile, LIBRARY.catalog, LIBRARY.rules), on, initial_state(profile))
    for item in (i for d in plan.days for i in d.items):
        if item.category == "stretch":
            hold = f"{float(item.dose['hold_seconds']):g} s"
            assert f"{float(item.dose['hold_seconds']):g} seconds" in item.why[0], item.why[0]
            assert str(item.dose["text"]).startswith(f"Hold {hold}")
        if item.id == "walking":
            pace = str(item.dose["intensity"])
            assert ("Brisk" in item.name) == (pace == "brisk"), (item.name, pace)
            assert f"{pace} pace" in str(item.dose["text"])
