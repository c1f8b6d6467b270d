"""Safety rules as data: condition rules and red flags, parsed and validated.

Every rule carries the reason a person reads and the source (a section of the clinical
reference). A rule without a source does not load.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from upright.domain import vocab
from upright.domain.errors import CatalogError

_RULE_KEYS: Final = {
    "id", "condition", "excludes", "cautions", "favours", "excludes_exercises",
    "prefers_exercises", "excludes_categories", "surgery_weeks_below", "reason", "source", "note",
    # issue 9: programs that fit the person
    "postpartum_weeks_below", "delivery", "min_age", "allows_only", "adds_categories",
    "interval_walking", "warning_signs", "caps_level",
}  # fmt: skip
_FLAG_KEYS: Final = {"id", "level", "question", "reason", "source"}
_LEVEL_KEYS: Final = {"message", "source"}

EVERYONE: Final = "*"


@dataclass(frozen=True)
class ConditionRule:
    """What a condition rules out (movements, exercises, categories) and what it favours."""

    id: str
    condition: str
    excludes: tuple[str, ...]
    cautions: tuple[str, ...]
    favours: tuple[str, ...]
    excludes_exercises: tuple[str, ...]
    prefers_exercises: tuple[str, ...]
    excludes_categories: tuple[str, ...]
    surgery_weeks_below: int | None
    reason: str
    source: str
    note: str | None
    #: the rule applies while weeks_postpartum is below this (or unknown)
    postpartum_weeks_below: int | None = None
    #: the rule applies only after this kind of birth (unknown counts as caesarean: the longer wait)
    delivery: str | None = None
    #: the rule applies from this age
    min_age: int | None = None
    #: only these exercises may be planned while the rule applies
    allows_only: tuple[str, ...] = ()
    #: categories the plan adds on core days (balance, strength)
    adds_categories: tuple[str, ...] = ()
    #: walking as bouts at the comfortable walking time, with seated rests between
    interval_walking: bool = False
    #: signs that mean stop at once, shown on every item
    warning_signs: tuple[str, ...] = ()
    #: every exercise is held at or below this level
    caps_level: int | None = None


@dataclass(frozen=True)
class RedFlag:
    id: str
    level: str
    question: str
    reason: str
    source: str


@dataclass(frozen=True)
class UrgencyLevel:
    level: str
    message: str
    source: str


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[ConditionRule, ...]
    red_flags: tuple[RedFlag, ...]
    levels: tuple[UrgencyLevel, ...]

    def flag(self, flag_id: str) -> RedFlag:
        for flag in self.red_flags:
            if flag.id == flag_id:
                return flag
        raise CatalogError(f"red_flags.toml: no entry for '{flag_id}'")

    def level(self, name: str) -> UrgencyLevel:
        for level in self.levels:
            if level.level == name:
                return level
        raise CatalogError(f"red_flags.toml: no message for level '{name}'")

    def rule(self, rule_id: str) -> ConditionRule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None


def _words(
    where: str, raw: Mapping[str, Any], key: str, allowed: tuple[str, ...]
) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise CatalogError(f"{where}: '{key}' must be a list")
    for word in value:
        if word not in allowed:
            raise CatalogError(
                f"{where}: '{key}' has unknown '{word}' (allowed: {', '.join(allowed)})"
            )
    return tuple(value)


def _text(where: str, raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{where}: '{key}' must be non-empty text")
    return value.strip()


def _rule(raw: Mapping[str, Any]) -> ConditionRule:
    where = f"conditions.toml: {raw.get('id', '?')}"
    extra = set(raw) - _RULE_KEYS
    if extra:
        raise CatalogError(f"{where}: unknown key '{sorted(extra)[0]}'")
    condition = _text(where, raw, "condition")
    if condition != EVERYONE and condition not in vocab.CONDITIONS:
        raise CatalogError(f"{where}: unknown condition '{condition}'")
    weeks = raw.get("surgery_weeks_below")
    if weeks is not None and (
        not isinstance(weeks, int) or condition not in vocab.SURGERY_CONDITIONS
    ):
        raise CatalogError(f"{where}: surgery_weeks_below is a number for surgery conditions")
    note = raw.get("note")
    for key in ("postpartum_weeks_below", "min_age", "caps_level"):
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise CatalogError(f"{where}: {key} must be a whole number")
    if raw.get("postpartum_weeks_below") is not None and condition != "postpartum":
        raise CatalogError(f"{where}: postpartum_weeks_below is for the condition postpartum")
    delivery = raw.get("delivery")
    if delivery is not None and delivery not in vocab.DELIVERY:
        raise CatalogError(f"{where}: unknown delivery '{delivery}'")
    if not isinstance(raw.get("interval_walking", False), bool):
        raise CatalogError(f"{where}: interval_walking must be true or false")
    warnings = raw.get("warning_signs", [])
    if not isinstance(warnings, list) or not all(isinstance(w, str) and w for w in warnings):
        raise CatalogError(f"{where}: warning_signs must be a list of text")
    return ConditionRule(
        id=_text(where, raw, "id"),
        condition=condition,
        excludes=_words(where, raw, "excludes", vocab.MOVEMENTS),
        cautions=_words(where, raw, "cautions", vocab.MOVEMENTS),
        favours=_words(where, raw, "favours", vocab.MOVEMENTS),
        excludes_exercises=tuple(raw.get("excludes_exercises", [])),
        prefers_exercises=tuple(raw.get("prefers_exercises", [])),
        excludes_categories=_words(where, raw, "excludes_categories", vocab.CATEGORIES),
        surgery_weeks_below=weeks,
        reason=_text(where, raw, "reason"),
        source=_text(where, raw, "source"),
        note=note.strip() if isinstance(note, str) and note.strip() else None,
        postpartum_weeks_below=raw.get("postpartum_weeks_below"),
        delivery=delivery,
        min_age=raw.get("min_age"),
        allows_only=tuple(raw.get("allows_only", [])),
        adds_categories=_words(where, raw, "adds_categories", vocab.CATEGORIES),
        interval_walking=bool(raw.get("interval_walking", False)),
        warning_signs=tuple(warnings),
        caps_level=raw.get("caps_level"),
    )


def _flag(raw: Mapping[str, Any]) -> RedFlag:
    where = f"red_flags.toml: {raw.get('id', '?')}"
    extra = set(raw) - _FLAG_KEYS
    if extra:
        raise CatalogError(f"{where}: unknown key '{sorted(extra)[0]}'")
    flag_id = _text(where, raw, "id")
    level = _text(where, raw, "level")
    if level not in vocab.URGENCY_LEVELS:
        raise CatalogError(
            f"{where}: unknown level '{level}' (allowed: {', '.join(vocab.URGENCY_LEVELS)})"
        )
    if vocab.RED_FLAGS.get(flag_id) != level:
        raise CatalogError(f"{where}: not in the red-flag vocabulary at level '{level}'")
    return RedFlag(
        id=flag_id,
        level=level,
        question=_text(where, raw, "question"),
        reason=_text(where, raw, "reason"),
        source=_text(where, raw, "source"),
    )


def parse_rulebook(files: Mapping[str, str]) -> RuleBook:
    rules: list[ConditionRule] = []
    flags: list[RedFlag] = []
    levels: list[UrgencyLevel] = []
    for name, text in files.items():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise CatalogError(f"{name}: not valid TOML ({exc})") from None
        rules.extend(_rule(raw) for raw in data.get("rule", []))
        flags.extend(_flag(raw) for raw in data.get("flag", []))
        for level_name, raw in data.get("level", {}).items():
            where = f"{name}: level {level_name}"
            if level_name not in vocab.URGENCY_LEVELS or set(raw) - _LEVEL_KEYS:
                raise CatalogError(f"{where}: unknown level or key")
            levels.append(
                UrgencyLevel(level_name, _text(where, raw, "message"), _text(where, raw, "source"))
            )
    missing = sorted(set(vocab.RED_FLAGS) - {f.id for f in flags})
    if missing:
        raise CatalogError(f"red_flags.toml: no entry for red flag '{missing[0]}'")
    missing_levels = sorted(set(vocab.URGENCY_LEVELS) - {lv.level for lv in levels})
    if missing_levels:
        raise CatalogError(f"red_flags.toml: no message for level '{missing_levels[0]}'")
    for where, ids in (
        ("conditions.toml: duplicate rule id", [r.id for r in rules]),
        ("red_flags.toml: duplicate red flag", [f.id for f in flags]),
    ):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise CatalogError(f"{where} '{twice[0]}'")
    return RuleBook(tuple(rules), tuple(flags), tuple(levels))
