"""Safety screening: the gate in front of the planner.

``screen`` decides, before any planning, whether the program may run at all (red flags,
clearance) and which exercises (and up to which level) the planner may choose from. Every
exclusion carries readable reasons with the rule's source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from upright.domain import vocab
from upright.domain.catalog.model import Catalog, Exercise
from upright.domain.profile import (
    FIRST_EPISODE_OVER_AGE,
    FIRST_EPISODE_UNDER_AGE,
    FIRST_EPISODE_WEEKS,
    Profile,
    first_episode_flag,
)
from upright.domain.safety.rules import EVERYONE, ConditionRule, RuleBook
from upright.domain.words import CATEGORY_WORDS, condition_words, plain

#: the exercise a "soon" stop keeps: the person's usual walking (reference.md §3.1)
USUAL_WALKING = "walking"
#: no improvement after about 4-6 weeks is a reason to see a doctor soon (reference.md §3.1 [V])
NOT_IMPROVING_WEEKS = 6

_LEVEL_ORDER = {name: i for i, name in enumerate(vocab.URGENCY_LEVELS)}
_TAG_WORDS = {
    "spinal_extension": "bending backwards",
    "spinal_flexion": "bending forwards",
    "loaded_flexion": "bending forwards under load",
    "rotation": "twisting",
    "axial_load": "load down through the spine",
    "impact": "impact (running, jumping)",
    "supine": "lying on your back",
    "prone": "lying on your front",
    "single_leg": "single-leg loading",
    "neutral_spine": "a still, neutral spine",
    "kneeling": "kneeling",
    "floor": "getting down to the floor",
    "weight_bearing": "standing on your feet",
    "standing_long": "standing for a long time",
}
#: a limit the person states -> how the reason names it
_LIMIT_WORDS = {
    "cannot_kneel": "you said you cannot kneel",
    "cannot_get_to_floor": "you said you cannot get down to the floor",
    "cannot_stand_long": "you said you cannot stand for long",
    "wheelchair_user": "you use a wheelchair",
}
_EQUIPMENT_WORDS = {
    "mat": "a mat",
    "strap": "a strap",
    "exercise_bike": "an exercise bike",
    "elliptical": "an elliptical trainer",
    "pool": "a pool",
    "band": "an exercise band",
}


def tag_words(tag: str) -> str:
    return _TAG_WORDS.get(tag, tag)


@dataclass(frozen=True)
class Stop:
    """The program stops: a red flag was answered yes."""

    level: str
    message: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Exclusion:
    exercise: Exercise
    reasons: tuple[str, ...]
    kind: str  # "safety" | "equipment" | "clearance" | "stop"


@dataclass(frozen=True)
class Allowance:
    """An exercise the planner may use, up to ``max_level``; ``limits`` says why not higher."""

    exercise: Exercise
    max_level: int
    limits: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Screening:
    profile: Profile
    stop: Stop | None
    clearance: str
    allowed: tuple[Allowance, ...]
    excluded: tuple[Exclusion, ...]
    rules: tuple[ConditionRule, ...]
    banned: dict[str, tuple[str, ...]] = field(default_factory=dict)
    favours: tuple[str, ...] = ()
    prefers: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    #: "soon" flags a clinician has checked (``flags_reviewed``): they no longer pause the plan
    reviewed: tuple[str, ...] = ()

    @property
    def cleared(self) -> bool:
        return self.clearance in vocab.CLEARED

    def allowance(self, exercise_id: str) -> Allowance | None:
        for allowance in self.allowed:
            if allowance.exercise.id == exercise_id:
                return allowance
        return None

    def exclusion(self, exercise_id: str) -> Exclusion | None:
        for exclusion in self.excluded:
            if exclusion.exercise.id == exercise_id:
                return exclusion
        return None


def _rule_label(rule: ConditionRule) -> str:
    return "everyone" if rule.condition == EVERYONE else condition_words(rule.condition)


def _lowered(text: str) -> str:
    """``text`` to go on in the middle of a sentence (a word in capitals, "SI", is kept)."""
    first = text.split(" ", 1)[0]
    return text if sum(ch.isupper() for ch in first) >= 2 else text[:1].lower() + text[1:]


def _why_clause(rule: ConditionRule, label: str) -> str:
    """The rule's first sentence, to follow "..., as": without a repeat of the condition
    ("With sciatica, forward bending ..." after "left out with sciatica")."""
    first = rule.reason.strip().split(". ", 1)[0].rstrip(".")
    opening, comma, rest = first.partition(", ")
    if comma and opening.lower().startswith("with ") and label.lower() in opening.lower():
        first = rest
    return _lowered(first)


def _rule_reason(rule: ConditionRule, what: str) -> str:
    """One sentence: "Twisting is left out with sciatica, as it can irritate the nerve."."""
    label = _rule_label(rule)
    where = "for everyone" if rule.condition == EVERYONE else f"with {label}"
    why = _why_clause(rule, label)
    return f"{what} is left out {where}, as {why}." if why else f"{what} is left out {where}."


def active_rules(profile: Profile, book: RuleBook) -> tuple[ConditionRule, ...]:
    """The condition rules that apply to this person now."""
    conditions = set(profile.diagnosed)
    active = []
    for rule in book.rules:
        if rule.condition != EVERYONE and rule.condition not in conditions:
            continue
        if rule.surgery_weeks_below is not None and profile.weeks_since_surgery is not None:
            if profile.weeks_since_surgery >= rule.surgery_weeks_below:
                continue
        if rule.postpartum_weeks_below is not None and profile.weeks_postpartum is not None:
            if profile.weeks_postpartum >= rule.postpartum_weeks_below:
                continue
        # an unknown kind of birth counts as a caesarean: the longer, safer wait
        if rule.delivery is not None and (profile.delivery or "caesarean") != rule.delivery:
            continue
        if rule.min_age is not None and (profile.age is None or profile.age < rule.min_age):
            continue
        active.append(rule)
    return tuple(active)


def first_episode_reason(profile: Profile) -> str:
    return (
        f"This is your first episode of back pain, it began under {FIRST_EPISODE_WEEKS} weeks "
        f"ago, and you are {profile.age}: a first episode over {FIRST_EPISODE_OVER_AGE} or under "
        f"{FIRST_EPISODE_UNDER_AGE} should be checked by a doctor soon "
        "(red-flag pathways for new back pain, Verhagen 2016 and Finucane 2020)"
    )


def flag_stop(book: RuleBook, flags: Sequence[str], extra: Sequence[str] = ()) -> Stop:
    """The stop for red flags answered yes (``extra``: further "soon" reasons), worst level first."""
    found = [book.flag(f) for f in dict.fromkeys(flags)]
    ordered = sorted(found, key=lambda f: _LEVEL_ORDER[f.level])
    worst = ordered[0].level if ordered else "soon"
    reasons = tuple(f"{f.reason} ({plain(f.source)})" for f in ordered) + tuple(extra)
    return Stop(level=worst, message=book.level(worst).message, reasons=reasons)


def _stop(profile: Profile, book: RuleBook) -> tuple[Stop | None, tuple[str, ...]]:
    """The stop, if any, and the reasons of "soon" flags a clinician has already checked."""
    extra = (first_episode_reason(profile),) if first_episode_flag(profile) else ()
    flags = list(profile.red_flags)
    reviewed: tuple[str, ...] = ()
    if profile.flags_reviewed:
        soon = [f for f in flags if vocab.RED_FLAGS[f] == "soon"]
        reviewed = flag_stop(book, soon, extra).reasons
        flags, extra = [f for f in flags if f not in soon], ()
    if not flags and not extra:
        return None, reviewed
    return flag_stop(book, flags, extra), reviewed


def _banned_movements(profile: Profile, rules: tuple[ConditionRule, ...]) -> dict[str, list[str]]:
    banned: dict[str, list[str]] = {}
    for rule in rules:
        for tag in rule.excludes:
            banned.setdefault(tag, []).append(_rule_reason(rule, tag_words(tag).capitalize()))
    for restriction in profile.restrictions:
        for tag in vocab.RESTRICTIONS[restriction]:
            banned.setdefault(tag, []).append(
                f"{tag_words(tag).capitalize()} is left out because of your clinician's "
                "restriction."
            )
    for limit in profile.limits:
        for tag in vocab.LIMITS[limit]:
            banned.setdefault(tag, []).append(
                f"It needs {tag_words(tag)}, and {_LIMIT_WORDS[limit]}."
            )
    return banned


def _conflicts(
    rules: tuple[ConditionRule, ...], banned: dict[str, list[str]], profile: Profile
) -> list[str]:
    out = []
    for rule in rules:
        for tag in rule.favours:
            if tag in banned and tag != "neutral_spine":
                others = sorted(
                    {_rule_label(r) for r in rules if tag in r.excludes and r is not rule}
                    | (
                        {"your clinician's restrictions"}
                        if any(tag in vocab.RESTRICTIONS[x] for x in profile.restrictions)
                        else set()
                    )
                )
                if not others:
                    continue
                out.append(
                    f"{tag_words(tag).capitalize()} often helps with {_rule_label(rule)}, but it is "
                    f"ruled out by {', '.join(others)}. We followed the stricter rule. Please ask "
                    "your doctor or physiotherapist which direction suits you."
                )
    return out


def _check(
    exercise: Exercise,
    profile: Profile,
    rules: tuple[ConditionRule, ...],
    banned: dict[str, list[str]],
) -> Allowance | Exclusion:
    reasons: list[str] = []
    if exercise.id in profile.avoid_exercises:
        reasons.append(
            f"{exercise.name} is ruled out: your clinician asked you to avoid it "
            "(source: your clinician)"
        )
    for rule in rules:
        if exercise.category in rule.excludes_categories:
            reasons.append(
                f"{CATEGORY_WORDS.get(exercise.category, exercise.category).capitalize()} "
                f"wait: {rule.reason}"
            )
        if exercise.id in rule.excludes_exercises:
            reasons.append(_rule_reason(rule, exercise.name))
        if rule.allows_only and exercise.id not in rule.allows_only:
            reasons.append(f"Not yet: {rule.reason}")
    level_one = [t for t in exercise.movements_at(1) if t in banned]
    for tag in level_one:
        reasons.extend(banned[tag])
    if reasons:
        return Exclusion(exercise, tuple(dict.fromkeys(reasons)), "safety")
    missing = [e for e in exercise.equipment if e not in profile.equipment]
    if missing:
        words = " and ".join(_EQUIPMENT_WORDS[e] for e in missing)
        return Exclusion(exercise, (f"Needs {words}, which you have not listed.",), "equipment")
    max_level = exercise.top_level
    limits: list[str] = []
    for number in range(2, exercise.top_level + 1):
        bad = [t for t in exercise.movements_at(number) if t in banned]
        if bad:
            max_level = number - 1
            limits = [
                f"Levels {number} and up are not for you: {_lowered(banned[t][0])}" for t in bad
            ]
            break
        lacking = [e for e in exercise.level(number).equipment if e not in profile.equipment]
        if lacking:
            max_level = number - 1
            words = " and ".join(_EQUIPMENT_WORDS[e] for e in lacking)
            limits = [f"Levels {number} and up need {words}, which you have not listed."]
            break
    for rule in rules:
        if rule.caps_level is not None and max_level > rule.caps_level:
            max_level = rule.caps_level
            limits = [f"Levels {rule.caps_level + 1} and up wait: {rule.reason}"]
    cautions = [
        f"Take care with {tag_words(t)} ({_rule_label(r)}): only if it eases your symptoms; "
        "stop if pain spreads down the leg."
        for r in rules
        for t in r.cautions
        if t in exercise.movements_at(max_level)
    ]
    return Allowance(exercise, max_level, tuple(limits), tuple(cautions))


def _usual_walking(
    profile: Profile, catalog: Catalog, rules: tuple[ConditionRule, ...]
) -> Allowance | None:
    """Under a "soon" stop the person keeps their usual walking (no more); None if it is not safe."""
    if profile.clearance == "advised_against" or profile.walk_minutes <= 0:
        return None
    walking = catalog.get(USUAL_WALKING)
    if walking is None:
        return None
    result = _check(walking, profile, rules, _banned_movements(profile, rules))
    return result if isinstance(result, Allowance) else None


def screen(profile: Profile, catalog: Catalog, book: RuleBook) -> Screening:
    """Decide what the planner may use for this person. Pure and deterministic."""
    rules = active_rules(profile, book)
    stop, reviewed = _stop(profile, book)
    notes = [plain(r.note) for r in rules if r.note]
    if profile.pain_weeks >= NOT_IMPROVING_WEEKS and not set(profile.conditions) - {"unknown"}:
        notes.append(
            f"Your pain has lasted {profile.pain_weeks} weeks without a diagnosis. If it is not "
            "getting better, book a doctor's appointment: no improvement after 4-6 weeks is a "
            "reason to be checked."
        )
    if reviewed:
        notes.append(
            "You told Upright that a clinician has checked these, so the plan goes on; they stay "
            "in your record: " + " ".join(reviewed)
        )
    if stop is not None:
        paused = f"Paused until you have been checked: {stop.message}"
        usual = _usual_walking(profile, catalog, rules) if stop.level == "soon" else None
        paused_all = tuple(
            Exclusion(e, (paused,), "stop")
            for e in catalog.exercises
            if usual is None or e.id != usual.exercise.id
        )
        return Screening(
            profile,
            stop,
            profile.clearance,
            (usual,) if usual is not None else (),
            paused_all,
            rules,
            notes=tuple(notes),
            reviewed=reviewed,
        )
    banned = _banned_movements(profile, rules)
    allowed: list[Allowance] = []
    excluded: list[Exclusion] = []
    for exercise in catalog.exercises:
        result = _check(exercise, profile, rules, banned)
        if profile.clearance == "advised_against":
            reasons = (
                "Your doctor has advised against exercise for now, so Upright plans none. "
                "Follow your doctor's advice and come back when they clear you.",
            )
            base = result.reasons if isinstance(result, Exclusion) else ()
            excluded.append(Exclusion(exercise, reasons + base, "clearance"))
        elif profile.clearance not in vocab.CLEARED and exercise.modality != "walking":
            reasons = (
                "Waiting for your doctor: until a doctor clears you, the plan holds only "
                "the gentle walking starter.",
            )
            base = result.reasons if isinstance(result, Exclusion) else ()
            excluded.append(Exclusion(exercise, reasons + base, "clearance"))
        elif isinstance(result, Exclusion):
            excluded.append(result)
        else:
            allowed.append(result)
    favours = tuple(dict.fromkeys(t for r in rules for t in r.favours if t not in banned))
    prefers = tuple(dict.fromkeys(x for r in rules for x in r.prefers_exercises))
    return Screening(
        profile=profile,
        stop=None,
        clearance=profile.clearance,
        allowed=tuple(allowed),
        excluded=tuple(excluded),
        rules=rules,
        banned={k: tuple(v) for k, v in banned.items()},
        favours=favours,
        prefers=prefers,
        conflicts=tuple(dict.fromkeys(_conflicts(rules, banned, profile))),
        notes=tuple(notes),
        reviewed=reviewed,
    )
