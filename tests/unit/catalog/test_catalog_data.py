"""The bundled data files: every entry loads, links resolve, words are from the vocabularies."""

from __future__ import annotations

import re

import pytest

from upright.domain import vocab
from upright.domain.catalog.loader import parse_catalog
from upright.domain.errors import CatalogError
from upright.domain.safety.rules import parse_rulebook
from upright.services.library import Library

SECTION = re.compile(r"reference\.md §\d")


def test_catalog_has_at_least_30_entries_with_every_field(library: Library) -> None:
    exercises = library.catalog.exercises
    assert len(exercises) >= 30
    for e in exercises:
        assert e.name and e.targets and e.instructions and e.mistakes and e.feel and e.stop_if
        assert e.levels, e.id
        assert [lv.level for lv in e.levels] == list(range(1, len(e.levels) + 1))
        for tag in e.movements + tuple(t for lv in e.levels for t in lv.movements):
            assert tag in vocab.MOVEMENTS, (e.id, tag)
        for item in e.equipment + e.helpful:
            assert item in vocab.EQUIPMENT
        # every source resolves to a readable citation; the person never sees a file pointer
        assert e.citations, e.id
        assert not any(SECTION.search(s) or "reference.md" in s for s in e.sources), e.id


def test_core_families_cover_abdomen_back_and_pelvis_with_ladders(library: Library) -> None:
    core = library.catalog.by_category("core")
    assert {e.group for e in core} >= {"abdomen", "back", "pelvis"}
    for family in ("curl_up", "side_bridge", "bird_dog", "dead_bug", "glute_bridge", "plank"):
        exercise = library.catalog.get(family)
        assert exercise is not None and 3 <= exercise.top_level <= 4, family
    assert library.catalog.get("pelvic_floor") is not None


def test_at_least_four_hamstring_versions(library: Library) -> None:
    hamstrings = [e for e in library.catalog.by_category("stretch") if e.group == "hamstrings"]
    assert len(hamstrings) >= 4
    positions = {e.id for e in hamstrings}
    assert {
        "hamstring_strap",
        "hamstring_doorway",
        "hamstring_seated",
        "hamstring_standing",
    } <= positions


def test_aerobic_modalities_carry_met_values_with_sources(library: Library) -> None:
    aerobic = {e.modality: e for e in library.catalog.by_category("aerobic")}
    assert {"walking", "exercise_bike", "elliptical"} <= set(aerobic)
    assert {"water_walking", "water_exercise"} & set(aerobic)
    for e in aerobic.values():
        assert e.met is not None and e.met_source
    assert aerobic["walking"].met == pytest.approx(4.8)
    assert "impact" in aerobic["running"].movements


def test_every_rule_has_a_source_and_known_words(library: Library) -> None:
    for rule in library.rules.rules:
        assert SECTION.search(rule.source) or "DESIGN.md" in rule.source, rule.id
        assert rule.reason
        for exercise_id in rule.excludes_exercises + rule.prefers_exercises:
            assert library.catalog.get(exercise_id) is not None, (rule.id, exercise_id)
    covered = {r.condition for r in library.rules.rules}
    missing = set(vocab.CONDITIONS) - covered - {"nonspecific_chronic"}
    assert not missing, f"conditions with no rule: {missing}"


def test_every_red_flag_has_a_question_level_and_source(library: Library) -> None:
    flags = {f.id: f for f in library.rules.red_flags}
    assert set(flags) == set(vocab.RED_FLAGS)
    for flag_id, flag in flags.items():
        assert flag.level == vocab.RED_FLAGS[flag_id]
        assert flag.question.endswith("?")
        assert SECTION.search(flag.source)
    for level in vocab.URGENCY_LEVELS:
        assert library.rules.level(level).message


def test_education_cards_exist_for_the_key_topics(library: Library) -> None:
    ids = {c.id for c in library.catalog.cards}
    assert {"why_walking", "why_core", "why_hamstrings", "hurt_not_harm", "flare_plan"} <= ids


def test_a_broken_entry_is_refused_with_its_name() -> None:
    bad = """
[[exercise]]
id = "x"
name = "X"
category = "core"
group = "abdomen"
targets = ["a"]
movements = ["backflip"]
position = "p"
summary = "s"
instructions = ["i"]
mistakes = ["m"]
feel = "f"
stop_if = ["s"]
sources = ["reference.md §4"]
[[exercise.level]]
level = 1
name = "n"
dose = { sets = 1, reps = 1, hold_seconds = 1 }
"""
    with pytest.raises(CatalogError, match="x: 'movements' has unknown 'backflip'"):
        parse_catalog({"core.toml": bad})


def test_a_rule_without_a_source_is_refused() -> None:
    text = '[[rule]]\nid = "r"\ncondition = "sciatica"\nreason = "because"\n'
    with pytest.raises(CatalogError, match="'source'"):
        parse_rulebook({"conditions.toml": text})


def test_every_level_has_its_own_consistent_instructions(library: Library) -> None:
    for e in library.catalog.exercises:
        for level in e.levels:
            steps = e.steps_at(level.level)
            assert len(steps) >= 3, (e.id, level.level)
            text = " ".join(steps).lower()
            # a count the steps name agrees with the level's dose
            for said in re.findall(r"do (\d+) (?:holds|lifts)", text):
                assert int(said) == level.dose.get("reps"), (e.id, level.level, said)
    side = library.catalog.get("side_bridge")
    plank = library.catalog.get("plank")
    assert side is not None and plank is not None
    for n in (2, 3):
        assert "knee" not in " ".join(side.steps_at(n)).lower()
        assert "feet" in " ".join(side.steps_at(n)).lower()
    for n in (2, 3, 4):
        assert "wall" not in " ".join(plank.steps_at(n)).lower()
    assert "wall" in " ".join(plank.steps_at(1)).lower()


def test_mcgill_pyramids_read_the_way_people_count(library: Library) -> None:
    from upright.domain.planning.dose import describe

    bird_dog = library.catalog.get("bird_dog")
    assert bird_dog is not None
    level = bird_dog.level(1)
    dose = {**level.dose, "pattern": list(level.pattern)}
    assert describe("core", dose, "side").startswith("5 holds of 10 s, then 3, then 1 on each side")
    bridge = library.catalog.get("glute_bridge")
    assert bridge is not None
    assert (
        describe("core", dict(bridge.level(1).dose)) == "2 sets of 10 times, holding 3 s each time"
    )


def test_a_pattern_that_does_not_match_its_sets_is_refused() -> None:
    bad = """
[[exercise]]
id = "x"
name = "X"
category = "core"
group = "abdomen"
targets = ["a"]
movements = []
position = "p"
summary = "s"
instructions = ["i"]
mistakes = ["m"]
feel = "f"
stop_if = ["s"]
sources = ["McGill"]
[[exercise.level]]
level = 1
name = "n"
dose = { sets = 3, reps = 5, hold_seconds = 10 }
pattern = [5, 3]
"""
    with pytest.raises(CatalogError, match="pattern"):
        parse_catalog({"core.toml": bad})
