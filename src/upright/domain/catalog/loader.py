"""Load and validate the catalog data files (TOML) into the model.

Pure: the caller (``upright.adapters.data_files``) reads the files and passes their text in.
Any problem raises CatalogError naming the file, the entry and the field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from upright.domain import vocab
from upright.domain.catalog.model import Card, Catalog, Exercise, Level
from upright.domain.errors import CatalogError
from upright.domain.words import plain

EXERCISE_FILES: Final = (
    "core.toml", "stretch.toml", "mobility.toml", "aerobic.toml", "balance.toml", "strength.toml",
)  # fmt: skip
CARD_FILE: Final = "education.toml"
SOURCE_FILE: Final = "sources.toml"
CARD_TOPICS: Final = (
    "start",
    "walking",
    "core",
    "hamstrings",
    "hurt_not_harm",
    "flare",
    "missed_days",
    "doctor",
    "pacing",
    "buddies",
)

_EXERCISE_KEYS: Final = {
    "id", "name", "category", "group", "priority", "targets", "movements", "equipment",
    "helpful", "position", "summary", "instructions", "mistakes", "feel", "stop_if", "sources",
    "level", "modality", "met", "met_source", "same_minutes",
}  # fmt: skip
_LEVEL_KEYS: Final = {
    "level", "name", "movements", "how", "dose", "steps", "pattern", "each_side", "equipment",
}  # fmt: skip
_DOSE_KEYS: Final[dict[str, set[str]]] = {
    "core": {"sets", "reps", "hold_seconds"},
    "stretch": {"hold_seconds", "reps"},
    "mobility": {"reps", "hold_seconds", "sets"},
    "aerobic": {"minutes", "intensity"},
    "balance": {"reps", "hold_seconds", "sets"},
    "strength": {"sets", "reps", "hold_seconds"},
}
#: dose keys every level must give (the plan JSON contract)
_DOSE_REQUIRED: Final[dict[str, set[str]]] = {
    "core": {"sets", "reps", "hold_seconds"},
    "stretch": {"hold_seconds", "reps"},
    "mobility": {"reps", "hold_seconds"},
    "aerobic": {"minutes"},
    "balance": {"reps", "hold_seconds"},
    "strength": {"sets", "reps", "hold_seconds"},
}
_CARD_KEYS: Final = {"id", "title", "topic", "body", "sources"}


def _where(file: str, entry: Mapping[str, Any]) -> str:
    return f"{file}: {entry.get('id', '?')}"


def _text(file: str, entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{_where(file, entry)}: '{key}' must be non-empty text")
    return value.strip()


def _texts(
    file: str, entry: Mapping[str, Any], key: str, *, required: bool = True
) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogError(f"{_where(file, entry)}: '{key}' must be a list of text")
    if required and not value:
        raise CatalogError(f"{_where(file, entry)}: '{key}' must not be empty")
    return tuple(v.strip() for v in value)


def _tags(
    file: str, entry: Mapping[str, Any], key: str, allowed: tuple[str, ...]
) -> tuple[str, ...]:
    words = _texts(file, entry, key, required=False)
    for word in words:
        if word not in allowed:
            raise CatalogError(
                f"{_where(file, entry)}: '{key}' has unknown '{word}' (allowed: {', '.join(allowed)})"
            )
    return words


def _level(file: str, entry: Mapping[str, Any], raw: Any, category: str) -> Level:
    if not isinstance(raw, dict):
        raise CatalogError(f"{_where(file, entry)}: each level must be a table")
    extra = set(raw) - _LEVEL_KEYS
    if extra:
        raise CatalogError(f"{_where(file, entry)}: unknown level key '{sorted(extra)[0]}'")
    dose = raw.get("dose")
    if not isinstance(dose, dict) or not dose:
        raise CatalogError(f"{_where(file, entry)}: level {raw.get('level')} needs a dose")
    bad = set(dose) - _DOSE_KEYS[category]
    if bad:
        raise CatalogError(
            f"{_where(file, entry)}: dose key '{sorted(bad)[0]}' is not for {category} "
            f"(allowed: {', '.join(sorted(_DOSE_KEYS[category]))})"
        )
    missing = _DOSE_REQUIRED[category] - set(dose)
    if missing:
        raise CatalogError(
            f"{_where(file, entry)}: level {raw.get('level')} dose lacks '{sorted(missing)[0]}'"
        )
    for key, value in dose.items():
        if key == "intensity":
            if value not in ("easy", "moderate", "brisk"):
                raise CatalogError(f"{_where(file, entry)}: intensity '{value}' is unknown")
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise CatalogError(f"{_where(file, entry)}: dose '{key}' must be a number >= 0")
    number = raw.get("level")
    if not isinstance(number, int):
        raise CatalogError(f"{_where(file, entry)}: level number must be an integer")
    pattern = raw.get("pattern", [])
    if pattern:
        if (
            not isinstance(pattern, list)
            or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in pattern)
            or len(pattern) != dose.get("sets")
            or pattern[0] != dose.get("reps")
        ):
            raise CatalogError(
                f"{_where(file, entry)}: level {number} pattern must list whole reps for each "
                "set, starting with the dose's reps"
            )
    each_side = raw.get("each_side", False)
    if not isinstance(each_side, bool):
        raise CatalogError(f"{_where(file, entry)}: level {number} each_side must be true/false")
    where = {**raw, "id": entry.get("id")}
    return Level(
        level=number,
        name=_text(file, {**raw, "id": entry.get("id")}, "name"),
        movements=_tags(file, {**raw, "id": entry.get("id")}, "movements", vocab.MOVEMENTS),
        how=_texts(file, where, "how", required=False),
        dose=dict(dose),
        steps=_texts(file, where, "steps", required=False),
        pattern=tuple(pattern),
        each_side=each_side,
        equipment=_tags(file, where, "equipment", vocab.EQUIPMENT),
    )


def parse_exercise(file: str, entry: Mapping[str, Any]) -> Exercise:
    extra = set(entry) - _EXERCISE_KEYS
    if extra:
        raise CatalogError(f"{_where(file, entry)}: unknown key '{sorted(extra)[0]}'")
    category = _text(file, entry, "category")
    if category not in vocab.CATEGORIES:
        raise CatalogError(f"{_where(file, entry)}: unknown category '{category}'")
    group = _text(file, entry, "group")
    if group not in vocab.GROUPS:
        raise CatalogError(f"{_where(file, entry)}: unknown group '{group}'")
    raw_levels = entry.get("level", [])
    if not isinstance(raw_levels, list) or not raw_levels:
        raise CatalogError(f"{_where(file, entry)}: needs at least one [[exercise.level]]")
    levels = tuple(_level(file, entry, raw, category) for raw in raw_levels)
    if [lv.level for lv in levels] != list(range(1, len(levels) + 1)):
        raise CatalogError(f"{_where(file, entry)}: levels must be numbered 1..{len(levels)}")
    modality = entry.get("modality")
    met = entry.get("met")
    if category == "aerobic":
        if modality not in vocab.MODALITIES:
            raise CatalogError(f"{_where(file, entry)}: aerobic entries need a known modality")
        if isinstance(met, bool) or not isinstance(met, (int, float)) or not 1.0 <= met <= 15.0:
            raise CatalogError(f"{_where(file, entry)}: aerobic entries need a MET value")
        met_source = _text(file, entry, "met_source")
    elif modality is not None or met is not None:
        raise CatalogError(f"{_where(file, entry)}: only aerobic entries have modality or met")
    else:
        met_source = None
    priority = entry.get("priority", 10)
    if not isinstance(priority, int):
        raise CatalogError(f"{_where(file, entry)}: priority must be an integer")
    return Exercise(
        id=_text(file, entry, "id"),
        name=_text(file, entry, "name"),
        category=category,
        group=group,
        priority=priority,
        targets=_texts(file, entry, "targets"),
        movements=_tags(file, entry, "movements", vocab.MOVEMENTS),
        equipment=_tags(file, entry, "equipment", vocab.EQUIPMENT),
        helpful=_tags(file, entry, "helpful", vocab.EQUIPMENT),
        position=_text(file, entry, "position"),
        summary=_text(file, entry, "summary"),
        instructions=_texts(file, entry, "instructions"),
        mistakes=_texts(file, entry, "mistakes"),
        feel=_text(file, entry, "feel"),
        stop_if=_texts(file, entry, "stop_if"),
        sources=_texts(file, entry, "sources"),
        levels=levels,
        modality=modality if isinstance(modality, str) else None,
        met=float(met) if isinstance(met, (int, float)) else None,
        met_source=met_source,
        same_minutes=entry.get("same_minutes") is True,
    )


def parse_card(file: str, entry: Mapping[str, Any]) -> Card:
    extra = set(entry) - _CARD_KEYS
    if extra:
        raise CatalogError(f"{_where(file, entry)}: unknown key '{sorted(extra)[0]}'")
    topic = _text(file, entry, "topic")
    if topic not in CARD_TOPICS:
        raise CatalogError(f"{_where(file, entry)}: unknown topic '{topic}'")
    return Card(
        id=_text(file, entry, "id"),
        title=_text(file, entry, "title"),
        topic=topic,
        body=_texts(file, entry, "body"),
        sources=_texts(file, entry, "sources"),
    )


def parse_sources(text: str) -> dict[str, tuple[str, ...]]:
    """The readable citations: citation -> the words in a sources line that name it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{SOURCE_FILE}: not valid TOML ({exc})") from None
    out: dict[str, tuple[str, ...]] = {}
    for entry in data.get("source", []):
        if set(entry) - {"id", "match", "cite"}:
            raise CatalogError(f"{_where(SOURCE_FILE, entry)}: unknown key")
        out[_text(SOURCE_FILE, entry, "cite")] = _texts(SOURCE_FILE, entry, "match")
    return out


def cite(lines: tuple[str, ...], sources: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The readable citations that ``lines`` name, in the registry's order."""
    joined = " ".join(lines)
    return tuple(c for c, words in sources.items() if any(w in joined for w in words))


def _readable(exercise: Exercise, sources: Mapping[str, tuple[str, ...]]) -> Exercise:
    raw = exercise.sources + ((exercise.met_source,) if exercise.met_source else ())
    citations = cite(raw, sources)
    if not citations:
        raise CatalogError(f"{exercise.id}: its sources name no entry of {SOURCE_FILE}")
    return replace(
        exercise,
        sources=tuple(plain(s) for s in exercise.sources),
        met_source=plain(exercise.met_source) if exercise.met_source else None,
        citations=citations,
    )


def parse_catalog(files: Mapping[str, str]) -> Catalog:
    """Build a Catalog from file name -> TOML text. Checks ids are unique."""
    exercises: list[Exercise] = []
    cards: list[Card] = []
    sources = parse_sources(files[SOURCE_FILE]) if SOURCE_FILE in files else None
    for name, text in files.items():
        if name == SOURCE_FILE:
            continue
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise CatalogError(f"{name}: not valid TOML ({exc})") from None
        for entry in data.get("exercise", []):
            exercise = parse_exercise(name, entry)
            if exercise.category + ".toml" != name and name in EXERCISE_FILES:
                raise CatalogError(f"{name}: {exercise.id} has category {exercise.category}")
            exercises.append(_readable(exercise, sources) if sources is not None else exercise)
        for entry in data.get("card", []):
            card = parse_card(name, entry)
            if sources is not None:
                card = replace(card, sources=tuple(plain(s) for s in card.sources))
            cards.append(card)
    ids = [e.id for e in exercises] + [c.id for c in cards]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogError(f"duplicate id '{duplicates[0]}' in the catalog")
    return Catalog(exercises=tuple(exercises), cards=tuple(cards))
