"""Kinds of group class, read from ``data/class_kinds.toml``: what each asks of the back.

A class is known only by its title (and, in OpenActive feeds, an activity label). ``classify``
turns those words into a kind; the kind's movement tags are then screened by the catalog's rules.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any, Final

from upright.domain import vocab
from upright.domain.errors import CatalogError

KINDS_FILE: Final = "class_kinds.toml"
_KEYS: Final = {
    "id",
    "activity",
    "words",
    "modality",
    "movements",
    "met",
    "why",
    "source",
    "cautions",
}
_CATEGORY: Final = {
    "pilates": "core",
    "strength": "core",
    "yoga": "mobility",
    "tai_chi": "mobility",
    "gentle": "mobility",
}


@dataclass(frozen=True)
class ClassKind:
    id: str
    activity: str
    words: tuple[str, ...]
    modality: str | None
    movements: tuple[str, ...]
    why: str
    source: str
    met: float | None = None
    #: condition -> what to say to a person with it when the class is allowed
    cautions: tuple[tuple[str, str], ...] = ()

    @property
    def category(self) -> str:
        """The catalog category the class is screened as (aerobic unless it is floor work)."""
        return _CATEGORY.get(self.id, "aerobic")

    @property
    def known(self) -> bool:
        return self.id != UNKNOWN.id


UNKNOWN: Final = ClassKind(
    id="unknown",
    activity="unknown",
    words=(),
    modality=None,
    movements=(),
    why="We could not tell from its name what this class involves.",
    source="reference.md §2.3: when unsure, check with your doctor",
)

UNKNOWN_REASON: Final = (
    "We could not tell from its name what this class involves, so we cannot check it against "
    "your back's rules. Ask your clinician before you join."
)


def normalise(text: str) -> str:
    """Lower case, trademark marks dropped, every run of non-letters one space, padded."""
    text = text.lower().replace("®", " ").replace("™", " ")
    text = re.sub(r"\((r|tm)\)", " ", text)
    return " " + " ".join(re.sub(r"[^0-9a-zà-ÿ]+", " ", text).split()) + " "


def classify(kinds: tuple[ClassKind, ...], *texts: str | None) -> ClassKind:
    """The first kind (in file order) with a word in any of the texts, else ``UNKNOWN``."""
    haystack = "".join(normalise(t) for t in texts if t)
    for kind in kinds:
        if any(normalise(word) in haystack for word in kind.words):
            return kind
    return UNKNOWN


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise CatalogError(f"{where}: '{key}' must be a list of words")
    return tuple(value)


def _kind(entry: dict[str, Any], index: int) -> ClassKind:
    where = f"{KINDS_FILE}: kind {index + 1}"
    unknown = set(entry) - _KEYS
    if unknown:
        raise CatalogError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "activity", "why", "source"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise CatalogError(f"{where}: '{key}' is missing")
    where = f"{KINDS_FILE}: kind '{entry['id']}'"
    words = _strings(entry, "words", where)
    if not words:
        raise CatalogError(f"{where}: 'words' is empty")
    movements = _strings(entry, "movements", where)
    for tag in movements:
        if tag not in vocab.MOVEMENTS:
            raise CatalogError(f"{where}: unknown movement '{tag}'")
    modality = entry.get("modality") or None
    if modality is not None and modality not in vocab.MODALITIES:
        raise CatalogError(f"{where}: unknown modality '{modality}'")
    cautions = []
    for caution in entry.get("cautions", []):
        if set(caution) != {"condition", "text"} or caution["condition"] not in vocab.CONDITIONS:
            raise CatalogError(f"{where}: a caution needs a known 'condition' and a 'text'")
        cautions.append((str(caution["condition"]), str(caution["text"])))
    met = entry.get("met")
    if met is not None and not isinstance(met, int | float):
        raise CatalogError(f"{where}: 'met' must be a number")
    return ClassKind(
        id=entry["id"],
        activity=entry["activity"],
        words=words,
        modality=modality,
        movements=movements,
        why=entry["why"],
        source=entry["source"],
        met=float(met) if met is not None else None,
        cautions=tuple(cautions),
    )


def parse_class_kinds(text: str) -> tuple[ClassKind, ...]:
    """Parse and check the kinds file; a broken file is our bug (``CatalogError``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{KINDS_FILE}: {error}") from None
    kinds = tuple(_kind(entry, i) for i, entry in enumerate(data.get("kind", [])))
    ids = [k.id for k in kinds]
    if len(set(ids)) != len(ids) or UNKNOWN.id in ids:
        raise CatalogError(f"{KINDS_FILE}: kind ids must be unique and not 'unknown'")
    return kinds
