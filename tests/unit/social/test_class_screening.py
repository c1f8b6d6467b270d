"""Classes are screened by the catalog's own rules, through their kind's movement tags."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import base_profile
from upright.adapters.calendars import load_class_kinds
from upright.domain import vocab
from upright.domain.errors import CatalogError
from upright.domain.profile import parse_profile
from upright.domain.social.classes import ClassOccurrence, screen_classes
from upright.domain.social.kinds import UNKNOWN, classify, normalise, parse_class_kinds
from upright.services.library import Library

KINDS = load_class_kinds()
TUESDAY = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def session(title: str, activity: str | None = None, when: datetime = TUESDAY) -> ClassOccurrence:
    return ClassOccurrence("Park", title, when, when + timedelta(hours=1), "Pool", activity)


def verdict(library: Library, title: str, **profile: Any) -> Any:
    (item,) = screen_classes(
        [session(title)], KINDS, parse_profile(base_profile(**profile)), library.rules
    )
    return item


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Aqua Aerobics", "water"),
        ("AquaFit 50+", "water"),
        ("Aqua Zumba", "water"),  # water comes first: a pool class is low impact
        ("Water Walking", "water"),
        ("Tuesday Health Walk", "walking"),
        ("Nordic walking", "walking"),
        ("Spin 45", "cycling"),
        ("Zumba®", "impact"),
        ("Step & Tone", "impact"),
        ("HIIT", "impact"),
        ("Mat Pilates", "pilates"),
        ("Hot Yoga", "yoga"),
        ("Tai Chi for beginners", "tai_chi"),
        ("Virtual BODYPUMP", "strength"),
        ("No Strings Badminton", "racket"),
        ("Chair-based exercise", "gentle"),
        ("Busy", "unknown"),
        ("Steptoe lecture", "unknown"),  # whole words only: "step" is not in "steptoe"
        ("Spinach cooking", "unknown"),
    ],
)
def test_titles_map_to_kinds(title: str, kind: str) -> None:
    assert classify(KINDS, title).id == kind


def test_the_activity_label_counts_too() -> None:
    assert classify(KINDS, "Bodypump™", "Tuesday evening").id == "strength"
    assert classify(KINDS, None, "General").id == UNKNOWN.id


def test_normalise_drops_marks_and_punctuation() -> None:
    assert normalise("Zumba®  Gold!") == " zumba gold "
    assert normalise("Body(TM)Pump") == " body pump "


def test_water_and_walking_count_as_aerobic_sessions(library: Library) -> None:
    water = verdict(library, "Aqua Aerobics")
    assert water.allowed and water.reasons == () and water.kind.modality == "water_exercise"
    assert water.counts_as_aerobic
    walk = verdict(library, "Health walk")
    assert walk.allowed and walk.kind.modality == "walking" and walk.counts_as_aerobic


def test_impact_classes_are_refused_for_everyone_with_the_rules_reason(library: Library) -> None:
    for title in ("Zumba", "Step aerobics", "HIIT"):
        item = verdict(library, title)
        assert not item.allowed
        assert any("running and jumping jar the spine" in r.lower() for r in item.reasons)
        assert not item.counts_as_aerobic


def test_pilates_follows_each_condition(library: Library) -> None:
    chronic = verdict(library, "Pilates")
    assert chronic.allowed and chronic.cautions == ()
    disc = verdict(library, "Pilates", conditions=["disc_herniation"])
    assert not disc.allowed and any("Bending forwards" in r for r in disc.reasons)
    spondy = verdict(library, "Pilates", conditions=["isthmic_spondylolisthesis"])
    assert spondy.allowed and any("swan" in c for c in spondy.cautions)
    pregnant = verdict(library, "Pilates", conditions=["pregnancy"], pregnancy_week=20)
    assert not pregnant.allowed and any("Lying on your back" in r for r in pregnant.reasons)


def test_yoga_is_refused_where_extension_is(library: Library) -> None:
    assert verdict(library, "Yoga").allowed
    item = verdict(library, "Yoga", conditions=["spinal_stenosis"])
    assert not item.allowed and any("Bending backwards" in r for r in item.reasons)


def test_a_clinicians_restriction_refuses_the_class(library: Library) -> None:
    assert verdict(library, "Spin class").allowed
    item = verdict(
        library, "Pilates", restrictions=["no_flexion"], clearance="cleared_with_restrictions"
    )
    assert not item.allowed and any("your clinician" in r for r in item.reasons)


def test_until_cleared_only_walking_groups_are_allowed(library: Library) -> None:
    assert verdict(library, "Health walk", clearance="not_yet").allowed
    water = verdict(library, "Aqua aerobics", clearance="not_yet")
    assert not water.allowed and any("Waiting for your doctor" in r for r in water.reasons)


def test_an_urgent_red_flag_pauses_every_class(library: Library) -> None:
    for title in ("Health walk", "Aqua aerobics", "Mystery class"):
        item = verdict(library, title, red_flags=["saddle_numbness"])
        assert not item.allowed and item.reasons


def test_a_soon_red_flag_pauses_classes_too(library: Library) -> None:
    # a "soon" flag keeps only the person's own usual walk at its frozen dose (issue 8); a group
    # walk sets its own pace and length, so it waits for the doctor like every other class
    for title in ("Health walk", "Aqua aerobics", "Mystery class", "Pilates"):
        item = verdict(library, title, red_flags=["night_pain"])
        assert not item.allowed and item.reasons


def test_unknown_classes_say_ask_your_clinician(library: Library) -> None:
    item = verdict(library, "Busy")
    assert not item.allowed and item.kind.activity == "unknown"
    assert "Ask your clinician" in item.reasons[0]


def test_on_your_day_follows_the_profiles_days(library: Library) -> None:
    profile = parse_profile(base_profile(days=["tue"]))
    monday, tuesday = TUESDAY - timedelta(days=1), TUESDAY
    items = screen_classes(
        [session("Walk", when=monday), session("Walk", when=tuesday)], KINDS, profile, library.rules
    )
    assert [i.on_your_day for i in items] == [False, True]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.sampled_from(vocab.CONDITIONS))
def test_nothing_a_rule_bans_is_ever_allowed(title: str, condition: str) -> None:
    from upright.adapters import data_files

    rules = data_files.load_rulebook()
    extra = {"pregnancy_week": 20} if condition == "pregnancy" else {}
    if condition in vocab.SURGERY_CONDITIONS:
        extra = {"weeks_since_surgery": 8}
    profile = parse_profile(base_profile(conditions=[condition], **extra))
    (item,) = screen_classes([session(title)], KINDS, profile, rules)
    banned = {t for r in rules.rules if r.condition in ("*", condition) for t in r.excludes}
    if item.allowed:
        assert item.kind.known and not set(item.kind.movements) & banned
    else:
        assert item.reasons


def test_the_kinds_file_is_checked() -> None:
    assert len(KINDS) >= 8 and all(k.source for k in KINDS)
    with pytest.raises(CatalogError, match="unknown movement"):
        parse_class_kinds(
            '[[kind]]\nid="x"\nactivity="x"\nwords=["x"]\nmovements=["flying"]\nwhy="x"\nsource="x"\n'
        )
    with pytest.raises(CatalogError, match="'source' is missing"):
        parse_class_kinds('[[kind]]\nid="x"\nactivity="x"\nwords=["x"]\nwhy="x"\n')
    with pytest.raises(CatalogError, match="unknown modality"):
        parse_class_kinds(
            '[[kind]]\nid="x"\nactivity="x"\nwords=["x"]\nmodality="flying"\nwhy="x"\nsource="x"\n'
        )
