"""Class sessions from calendars, screened for one person by the catalog's own rules.

Each kind of class becomes a stand-in exercise with the kind's movement tags, and the person's
screening (``domain.safety.screening.screen``, the same gate the planner uses) decides whether it
is allowed. Nothing here copies a rule: a class is refused exactly where an exercise with the same
movements would be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from upright.domain import vocab
from upright.domain.catalog.model import Catalog, Exercise, Level
from upright.domain.profile import Profile
from upright.domain.safety.rules import RuleBook
from upright.domain.safety.screening import screen
from upright.domain.social.kinds import UNKNOWN, UNKNOWN_REASON, ClassKind, classify

_ID_PREFIX: Final = "class:"


@dataclass(frozen=True)
class ClassOccurrence:
    """One meeting of a class, after recurrences, exceptions and time zones."""

    calendar: str
    title: str
    start: datetime  # aware
    end: datetime  # aware
    place: str | None = None
    activity: str | None = None  # the calendar's own activity label, when it has one
    all_day: bool = False


@dataclass(frozen=True)
class ScreenedClass:
    occurrence: ClassOccurrence
    kind: ClassKind
    allowed: bool
    reasons: tuple[str, ...]
    cautions: tuple[str, ...]
    on_your_day: bool

    @property
    def counts_as_aerobic(self) -> bool:
        """Allowed and in one of the plan's aerobic modalities (it can replace a walk)."""
        return self.allowed and self.kind.modality is not None


def stand_in(kind: ClassKind) -> Exercise:
    """The class as an exercise the screening understands (its movements, no equipment)."""
    return Exercise(
        id=_ID_PREFIX + kind.id,
        name=kind.activity,
        category=kind.category,
        group="whole_body",
        priority=99,
        targets=(),
        movements=kind.movements,
        equipment=(),  # the class provides the pool, bikes or mats
        helpful=(),
        position="",
        summary=kind.why,
        instructions=(),
        mistakes=(),
        feel="",
        stop_if=(),
        sources=(kind.source,),
        levels=(Level(1, kind.activity, (), (), {}),),
        modality=kind.modality,
        met=kind.met,
    )


def screen_classes(
    occurrences: Iterable[ClassOccurrence],
    kinds: tuple[ClassKind, ...],
    profile: Profile,
    rules: RuleBook,
) -> list[ScreenedClass]:
    """Classify each occurrence and screen its kind for this person. Pure."""
    items = [(o, classify(kinds, o.activity, o.title)) for o in occurrences]
    used = {k.id: k for _, k in items if k.known}
    screening = screen(profile, Catalog(tuple(stand_in(k) for k in used.values())), rules)
    verdicts: dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {}
    for kind in used.values():
        exclusion = screening.exclusion(_ID_PREFIX + kind.id)
        if exclusion is not None:
            verdicts[kind.id] = (False, exclusion.reasons, ())
            continue
        allowance = screening.allowance(_ID_PREFIX + kind.id)
        rule_cautions = allowance.cautions if allowance else ()
        own = tuple(text for cond, text in kind.cautions if cond in profile.conditions)
        verdicts[kind.id] = (True, (), tuple(dict.fromkeys(rule_cautions + own)))
    stop = (
        (f"Paused until you have been checked: {screening.stop.message}",) if screening.stop else ()
    )
    out = []
    for occurrence, kind in items:
        if kind.known:
            allowed, reasons, cautions = verdicts[kind.id]
        else:
            allowed, reasons, cautions = False, stop or (UNKNOWN_REASON,), ()
        weekday = vocab.DAYS[occurrence.start.weekday()]
        out.append(
            ScreenedClass(
                occurrence=occurrence,
                kind=kind,
                allowed=allowed,
                reasons=reasons,
                cautions=cautions,
                on_your_day=weekday in profile.days,
            )
        )
    return out


__all__ = ["UNKNOWN", "ClassOccurrence", "ScreenedClass", "screen_classes", "stand_in"]
