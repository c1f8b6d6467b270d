"""Reads the data files bundled with the package (catalog, rules, red flags, cards)."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from upright.domain.catalog.loader import CARD_FILE, EXERCISE_FILES, SOURCE_FILE, parse_catalog
from upright.domain.catalog.model import Catalog
from upright.domain.safety.rules import RuleBook, parse_rulebook

if TYPE_CHECKING:
    from upright.domain.catalog.poses import PoseBook

RULE_FILES = ("conditions.toml", "red_flags.toml")


def _read(package: str, names: tuple[str, ...]) -> dict[str, str]:
    root = resources.files(package) / "data"
    return {
        name: (root / name).read_text(encoding="utf-8") for name in names if (root / name).is_file()
    }


@cache
def load_catalog() -> Catalog:
    """The bundled exercise catalog and education cards, validated (cached: it never changes)."""
    return parse_catalog(_read("upright.domain.catalog", (*EXERCISE_FILES, CARD_FILE, SOURCE_FILE)))


@cache
def load_rulebook() -> RuleBook:
    """The bundled safety rules (condition rules and red flags), validated."""
    return parse_rulebook(_read("upright.domain.safety", RULE_FILES))


@cache
def load_poses() -> PoseBook:
    """The bundled exercise pictures' keyframes, checked against the catalog (cached)."""
    from upright.domain.catalog.poses import POSE_FILES, POSE_FOLDER, parse_poses  # pictures only

    root = resources.files("upright.domain.catalog") / "data" / POSE_FOLDER
    files = {
        name: (root / name).read_text(encoding="utf-8")
        for name in POSE_FILES
        if (root / name).is_file()
    }
    return parse_poses(files, load_catalog())


@cache
def data_version() -> str:
    """A digest of every bundled data file the plan depends on."""
    digest = hashlib.sha256()
    for package, names in (
        ("upright.domain.catalog", (*EXERCISE_FILES, CARD_FILE, SOURCE_FILE)),
        ("upright.domain.safety", RULE_FILES),
    ):
        for name, text in sorted(_read(package, names).items()):
            digest.update(f"{package}/{name}\0{text}\0".encode())
    return digest.hexdigest()[:32]
