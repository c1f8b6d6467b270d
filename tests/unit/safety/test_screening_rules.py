"""Screening one rule at a time (screening.py), with hand-made rules so that each boundary sits
exactly on its limit: when a rule applies, what it rules out and up to which level, the stop, and
who gets walks. Written from the mutants that survived ``scripts/mutation`` (docs/architecture.md)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tests.conftest import base_profile
from upright import bootstrap
from upright.domain.profile import Profile, parse_profile
from upright.domain.safety import screening as scr
from upright.domain.safety.rules import EVERYONE, ConditionRule, RuleBook
from upright.domain.safety.screening import Allowance, Exclusion, screen

LIBRARY = bootstrap.library()
CATALOG = LIBRARY.catalog
BOOK = LIBRARY.rules


def rule(condition: str = EVERYONE, **kw: Any) -> ConditionRule:
    empty: tuple[str, ...] = ()
    fields: dict[str, Any] = {
        "id": "r", "condition": condition, "excludes": empty, "cautions": empty,
        "favours": empty, "excludes_exercises": empty, "prefers_exercises": empty,
        "excludes_categories": empty, "surgery_weeks_below": None, "reason": "Because.",
        "source": "ref", "note": None,
    }  # fmt: skip
    return ConditionRule(**(fields | kw))


def book(*rules: ConditionRule) -> RuleBook:
    return RuleBook(rules, BOOK.red_flags, BOOK.levels)


def profile(**kw: Any) -> Profile:
    return parse_profile(base_profile(**kw))


def applies(r: ConditionRule, **kw: Any) -> bool:
    return scr.active_rules(profile(**kw), book(r)) == (r,)


# --- when a rule applies ---


def test_a_rule_applies_to_its_condition_or_to_everyone() -> None:
    assert applies(rule())
    assert applies(rule("sciatica"), conditions=["sciatica"])
    assert not applies(rule("sciatica"), conditions=["nonspecific_chronic"])


@pytest.mark.parametrize(("weeks", "applied"), [(11, True), (12, False), (13, False), (None, True)])
def test_a_surgery_rule_applies_while_the_weeks_are_below_its_limit(
    weeks: int | None, applied: bool
) -> None:
    r = rule("after_discectomy", surgery_weeks_below=12)
    assert applies(r, conditions=["after_discectomy"], weeks_since_surgery=weeks) == applied


@pytest.mark.parametrize(("weeks", "applied"), [(5, True), (6, False), (None, True)])
def test_a_postpartum_rule_applies_while_the_weeks_are_below_its_limit(
    weeks: int | None, applied: bool
) -> None:
    r = rule("postpartum", postpartum_weeks_below=6)
    kw: dict[str, Any] = {"conditions": ["postpartum"], "delivery": "vaginal"}
    if weeks is not None:
        kw["weeks_postpartum"] = weeks
    assert applies(r, **kw) == applied


@pytest.mark.parametrize(
    ("delivery", "rule_delivery", "applied"),
    [("vaginal", "vaginal", True), ("caesarean", "vaginal", False),
     (None, "caesarean", True), (None, "vaginal", False)],
)  # fmt: skip
def test_an_unknown_kind_of_birth_counts_as_a_caesarean(
    delivery: str | None, rule_delivery: str, applied: bool
) -> None:
    kw: dict[str, Any] = {"conditions": ["postpartum"], "weeks_postpartum": 2}
    if delivery is not None:
        kw["delivery"] = delivery
    assert applies(rule("postpartum", delivery=rule_delivery), **kw) == applied


@pytest.mark.parametrize(("age", "applied"), [(64, False), (65, True), (80, True), (None, False)])
def test_an_age_rule_applies_from_its_age(age: int | None, applied: bool) -> None:
    assert applies(rule(min_age=65), age=age) == applied


# --- what a rule rules out ---


def check(exercise_id: str, *rules: ConditionRule, **kw: Any) -> Allowance | Exclusion:
    exercise = CATALOG.get(exercise_id)
    assert exercise is not None
    p = profile(**kw)
    return scr._check(exercise, p, rules, scr._banned_movements(p, rules))


def test_a_category_an_exercise_or_an_allow_list_rules_an_exercise_out_with_the_rule_reason() -> (
    None
):
    by_category = check("bird_dog", rule(excludes_categories=("core",)))
    assert isinstance(by_category, Exclusion) and by_category.kind == "safety"
    assert by_category.reasons == ("Core exercises wait: Because.",)
    by_id = check("bird_dog", rule(excludes_exercises=("bird_dog",)))
    assert isinstance(by_id, Exclusion)
    assert by_id.reasons == ("Bird dog is left out for everyone, as because.",)
    by_id_condition = check("bird_dog", rule("sciatica", excludes_exercises=("bird_dog",)),
                            conditions=["sciatica"])  # fmt: skip
    assert isinstance(by_id_condition, Exclusion)
    assert by_id_condition.reasons[0].startswith("Bird dog is left out with ")
    only = check("bird_dog", rule(allows_only=("walking",)))
    assert isinstance(only, Exclusion) and only.reasons == ("Not yet: Because.",)
    assert isinstance(check("walking", rule(allows_only=("walking",))), Allowance)
    assert isinstance(check("bird_dog", rule(excludes_exercises=("plank",))), Allowance)


def test_an_exercise_the_clinician_named_is_ruled_out() -> None:
    out = check("bird_dog", avoid_exercises=["bird_dog"])
    assert isinstance(out, Exclusion)
    assert out.reasons == (
        "Bird dog is ruled out: your clinician asked you to avoid it (source: your clinician)",
    )


def test_a_banned_movement_at_level_one_rules_out_at_higher_levels_caps() -> None:
    exercise = CATALOG.get("bird_dog")
    assert exercise is not None
    first = exercise.movements_at(1)
    later = [
        (n, t) for n in range(2, exercise.top_level + 1) for t in exercise.movements_at(n)
        if t not in first
    ]  # fmt: skip
    if first:
        out = check("bird_dog", rule(excludes=(first[0],)))
        assert isinstance(out, Exclusion)
    if later:
        number, tag = later[0]
        capped = check("bird_dog", rule(excludes=(tag,)))
        assert isinstance(capped, Allowance) and capped.max_level == number - 1
        assert capped.limits[0].startswith(f"Levels {number} and up are not for you: ")


def test_a_level_cap_holds_every_exercise_at_or_below_it() -> None:
    free = check("bird_dog")
    assert isinstance(free, Allowance) and free.max_level == free.exercise.top_level
    capped = check("bird_dog", rule(caps_level=2))
    assert isinstance(capped, Allowance) and capped.max_level == 2  # must go down
    assert capped.limits == ("Levels 3 and up wait: Because.",)
    at_top = check("bird_dog", rule(caps_level=free.exercise.top_level))
    assert isinstance(at_top, Allowance) and at_top.limits == ()
    assert at_top.max_level == free.exercise.top_level


def test_missing_equipment_rules_out_or_caps_by_level() -> None:
    strap = check("hamstring_strap", equipment=[])
    assert isinstance(strap, Exclusion) and strap.kind == "equipment"
    assert strap.reasons == ("Needs a strap, which you have not listed.",)
    row = check("seated_row", equipment=["mat"])
    assert isinstance(row, Allowance) and row.max_level == 1
    assert row.limits == ("Levels 2 and up need an exercise band, which you have not listed.",)
    banded = check("seated_row", equipment=["band"])
    assert isinstance(banded, Allowance) and banded.max_level == banded.exercise.top_level


def test_a_caution_shows_only_when_the_level_reached_has_the_movement() -> None:
    exercise = CATALOG.get("bird_dog")
    assert exercise is not None
    tag = exercise.movements_at(exercise.top_level)[0]
    cautious = check("bird_dog", rule(cautions=(tag,)))
    assert isinstance(cautious, Allowance)
    assert cautious.cautions == (
        f"Take care with {scr.tag_words(tag)} (everyone): only if it eases your symptoms; "
        "stop if pain spreads down the leg.",
    )
    other = check("bird_dog", rule(cautions=("impact",)))
    assert isinstance(other, Allowance) and other.cautions == ()


def test_restrictions_and_stated_limits_ban_their_movements_with_their_own_words() -> None:
    p = profile(restrictions=["no_prone"], clearance="cleared_with_restrictions",
                limits=["cannot_kneel"])  # fmt: skip
    banned = scr._banned_movements(p, (rule(excludes=("rotation",)),))
    assert banned["rotation"] == ["Twisting is left out for everyone, as because."]
    assert banned["prone"] == [
        "Lying on your front is left out because of your clinician's restriction."
    ]
    assert banned["kneeling"] == ["It needs kneeling, and you said you cannot kneel."]


def test_a_favoured_movement_another_rule_bans_is_a_conflict_to_ask_about() -> None:
    favours = rule("disc_herniation", id="a", favours=("spinal_extension", "neutral_spine"))
    bans = rule("spinal_stenosis", id="b", excludes=("spinal_extension", "neutral_spine"))
    p = profile(conditions=["disc_herniation", "spinal_stenosis"])
    rules = (favours, bans)
    out = scr._conflicts(rules, scr._banned_movements(p, rules), p)
    assert len(out) == 1 and out[0].startswith("Bending backwards often helps with ")
    assert "We followed the stricter rule." in out[0]
    # a rule that both favours and bans a movement is no conflict with itself
    both = rule("disc_herniation", favours=("rotation",), excludes=("rotation",))
    assert scr._conflicts((both,), scr._banned_movements(p, (both,)), p) == []
    # a clinician's restriction is named as the other side
    restricted = profile(conditions=["disc_herniation"], clearance="cleared_with_restrictions",
                         restrictions=["no_extension"])  # fmt: skip
    only = (favours,)
    named = scr._conflicts(only, scr._banned_movements(restricted, only), restricted)
    assert len(named) == 1 and "ruled out by your clinician's restrictions" in named[0]


# --- the stop, and who keeps walking ---


def test_the_worst_flag_sets_the_stop_and_reasons_come_worst_first() -> None:
    stop = scr.flag_stop(BOOK, ["night_pain", "saddle_numbness", "night_pain"])
    assert stop.level == "emergency" and stop.message == BOOK.level("emergency").message
    assert len(stop.reasons) == 2
    assert stop.reasons[0].startswith(BOOK.flag("saddle_numbness").reason)
    empty = scr.flag_stop(BOOK, [], ("extra",))
    assert empty.level == "soon" and empty.reasons == ("extra",)


def test_reviewed_soon_flags_no_longer_stop_but_urgent_ones_still_do() -> None:
    reviewed = profile(red_flags=["night_pain"], flags_reviewed=True)
    stop, notes = scr._stop(reviewed, BOOK)
    assert stop is None and notes and BOOK.flag("night_pain").reason in notes[0]
    urgent = profile(red_flags=["night_pain", "saddle_numbness"], flags_reviewed=True)
    stop, notes = scr._stop(urgent, BOOK)
    assert stop is not None and stop.level == "emergency"
    assert len(stop.reasons) == 1 and len(notes) == 1
    assert scr._stop(profile(), BOOK) == (None, ())


def test_a_first_episode_over_the_age_is_a_soon_stop_unless_reviewed() -> None:
    first = profile(age=60, pain_weeks=1, first_episode=True)
    stop, _ = scr._stop(first, BOOK)
    assert stop is not None and stop.level == "soon"
    assert stop.reasons == (scr.first_episode_reason(first),)
    assert "you are 60" in stop.reasons[0]
    reviewed = replace(first, flags_reviewed=True)
    stop, notes = scr._stop(reviewed, BOOK)
    assert stop is None and notes == (scr.first_episode_reason(first),)


@pytest.mark.parametrize(
    ("kw", "walks"),
    [
        ({"walk_minutes": 10}, True),
        ({"walk_minutes": 1}, True),
        ({"walk_minutes": 0}, False),
        ({"walk_minutes": 10, "clearance": "advised_against"}, False),
        ({"walk_minutes": 10, "limits": ["wheelchair_user"]}, False),
    ],
)
def test_under_a_soon_stop_only_a_person_who_can_walk_keeps_their_usual_walking(
    kw: dict[str, Any], walks: bool
) -> None:
    sc = screen(profile(red_flags=["night_pain"], **kw), CATALOG, BOOK)
    assert sc.stop is not None
    assert [a.exercise.id for a in sc.allowed] == (["walking"] if walks else [])
    assert {e.kind for e in sc.excluded} == {"stop"}
    assert all(e.reasons == (f"Paused until you have been checked: {sc.stop.message}",)
               for e in sc.excluded)  # fmt: skip
    assert len(sc.excluded) == len(CATALOG.exercises) - len(sc.allowed)


def test_an_urgent_stop_pauses_everything_even_walking() -> None:
    sc = screen(profile(red_flags=["saddle_numbness"], walk_minutes=30), CATALOG, BOOK)
    assert sc.allowed == () and len(sc.excluded) == len(CATALOG.exercises)


def test_a_catalog_without_walking_keeps_nothing_under_a_soon_stop() -> None:
    catalog = replace(CATALOG, exercises=tuple(e for e in CATALOG.exercises if e.id != "walking"))
    sc = screen(profile(red_flags=["night_pain"], walk_minutes=10), catalog, BOOK)
    assert sc.allowed == ()


@pytest.mark.parametrize(
    ("clearance", "allowed"),
    [("cleared", None), ("cleared_with_restrictions", None), ("not_yet", {"walking"}),
     ("advised_against", set())],
)  # fmt: skip
def test_clearance_decides_what_may_be_planned(clearance: str, allowed: set[str] | None) -> None:
    kw: dict[str, Any] = {"clearance": clearance, "walk_minutes": 10}
    sc = screen(profile(**kw), CATALOG, BOOK)
    ids = {a.exercise.id for a in sc.allowed}
    if allowed is None:
        assert len(ids) > 5 and sc.cleared
    else:
        assert ids == allowed and not sc.cleared
        clearance_out = [e for e in sc.excluded if e.kind == "clearance"]
        assert clearance_out and all(e.reasons[0].startswith(
            "Your doctor has advised" if clearance == "advised_against" else "Waiting for your doctor"
        ) for e in clearance_out)  # fmt: skip


def test_a_waiting_person_whose_walking_is_ruled_out_gets_no_walking() -> None:
    sc = screen(profile(clearance="not_yet", limits=["wheelchair_user"]), CATALOG, BOOK)
    assert sc.allowance("walking") is None


@pytest.mark.parametrize(
    ("weeks", "conditions", "noted"),
    [
        (scr.NOT_IMPROVING_WEEKS, ["unknown"], True),
        (scr.NOT_IMPROVING_WEEKS - 1, ["unknown"], False),
        (scr.NOT_IMPROVING_WEEKS, [], True),
        (scr.NOT_IMPROVING_WEEKS, ["sciatica"], False),
        (scr.NOT_IMPROVING_WEEKS, ["sciatica", "unknown"], False),
    ],
)
def test_pain_without_a_diagnosis_for_six_weeks_is_a_reason_to_see_a_doctor(
    weeks: int, conditions: list[str], noted: bool
) -> None:
    sc = screen(profile(pain_weeks=weeks, conditions=conditions), CATALOG, BOOK)
    said = [n for n in sc.notes if n.startswith(f"Your pain has lasted {weeks} weeks")]
    assert bool(said) == noted


def test_a_rule_note_is_shown_and_favours_and_prefers_are_listed_once() -> None:
    r1 = rule(id="a", note="Note one.", favours=("neutral_spine", "rotation"),
              prefers_exercises=("walking",))  # fmt: skip
    r2 = rule(id="b", favours=("neutral_spine",), excludes=("rotation",),
              prefers_exercises=("walking", "bird_dog"))  # fmt: skip
    sc = screen(profile(), CATALOG, book(r1, r2))
    assert "Note one." in sc.notes
    assert sc.favours == ("neutral_spine",)  # a banned movement is not favoured
    assert sc.prefers == ("walking", "bird_dog")
    assert sc.banned["rotation"] == ("Twisting is left out for everyone, as because.",)


def test_looking_up_an_allowance_or_an_exclusion() -> None:
    sc = screen(profile(equipment=[]), CATALOG, BOOK)
    assert sc.allowance("walking") is not None and sc.allowance("hamstring_strap") is None
    out = sc.exclusion("hamstring_strap")
    assert out is not None and out.exercise.id == "hamstring_strap"
    assert sc.exclusion("walking") is None
    assert scr.tag_words("rotation") == "twisting" and scr.tag_words("new_tag") == "new_tag"


def test_every_rule_is_judged_not_only_until_one_does_not_apply() -> None:
    skipped, kept = rule("sciatica", id="a"), rule(id="b")
    assert scr.active_rules(profile(), book(skipped, kept)) == (kept,)


def test_every_favoured_movement_is_checked_for_a_conflict() -> None:
    # rotation is banned only by the rule that favours it (no conflict), extension by another
    favours = rule("disc_herniation", id="a", favours=("rotation", "spinal_extension"),
                   excludes=("rotation",))  # fmt: skip
    bans = rule("spinal_stenosis", id="b", excludes=("spinal_extension",))
    p = profile(conditions=["disc_herniation", "spinal_stenosis"])
    rules = (favours, bans)
    out = scr._conflicts(rules, scr._banned_movements(p, rules), p)
    assert len(out) == 1 and out[0].startswith("Bending backwards often helps")


def test_a_stop_keeps_the_clearance_the_notes_and_what_a_clinician_reviewed() -> None:
    p = profile(red_flags=["night_pain", "saddle_numbness"], flags_reviewed=True,
                pain_weeks=scr.NOT_IMPROVING_WEEKS, conditions=["unknown"])  # fmt: skip
    sc = screen(p, CATALOG, BOOK)
    assert sc.stop is not None and sc.stop.level == "emergency"
    assert sc.clearance == "cleared" and sc.cleared
    assert sc.reviewed and BOOK.flag("night_pain").reason in sc.reviewed[0]
    assert any(n.startswith("Your pain has lasted") for n in sc.notes)
    assert any(n.startswith("You told Upright that a clinician has checked") for n in sc.notes)
    calm = screen(profile(red_flags=["night_pain"], flags_reviewed=True), CATALOG, BOOK)
    assert calm.stop is None and calm.reviewed == scr._stop(calm.profile, BOOK)[1]


@pytest.mark.parametrize("clearance", ["not_yet", "advised_against"])
def test_a_clearance_exclusion_also_keeps_the_exercises_own_reasons(clearance: str) -> None:
    sc = screen(profile(clearance=clearance, equipment=[]), CATALOG, BOOK)
    strap = sc.exclusion("hamstring_strap")
    assert strap is not None and strap.kind == "clearance"
    assert strap.reasons[1:] == ("Needs a strap, which you have not listed.",)


def test_each_reason_for_leaving_something_out_is_one_sentence_without_repeats() -> None:
    sc = screen(profile(conditions=["sciatica"], clearance="cleared"), CATALOG, BOOK)
    reasons = [r for e in sc.excluded for r in e.reasons]
    reasons += [lim for a in sc.allowed for lim in a.limits]
    assert reasons, "sciatica leaves something out"
    for reason in reasons:
        assert reason.count("sciatica") <= 1, reason
        assert ": With" not in reason and ": Twisting" not in reason, reason
        assert reason.count(". ") == 0 and reason.endswith("."), reason
    twisting = sc.banned["rotation"][0]
    assert twisting.startswith("Twisting is left out with sciatica, as forward bending")
    assert "With sciatica" not in twisting
