"""The lock file pins every dependency, inside pyproject's bounds, past the known advisories."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[3]
#: the first versions without the advisories named in pyproject.toml
FLOORS = {
    "starlette": "1.3.1",
    "python-multipart": "0.0.32",
    "jinja2": "3.1.6",
    "lxml": "6.1.0",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        found = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if found:
            pins[_norm(found.group(1))] = Version(found.group(2))
    return pins


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        listed += extra
    return [Requirement(r) for r in listed]


def test_every_dependency_is_pinned_within_its_bounds() -> None:
    pins = _pins()
    for req in _requirements():
        name = _norm(req.name)
        assert name in pins, f"{req.name} is not in requirements/lock.txt: run uv pip compile"
        assert req.specifier.contains(pins[name], prereleases=True), (req, pins[name])


def test_bounds_and_pins_exclude_the_known_advisories() -> None:
    pins = _pins()
    bounds = {_norm(r.name): r.specifier for r in _requirements()}
    for name, floor in FLOORS.items():
        assert pins[name] >= Version(floor)
        below = Version(floor).release[:-1] + (Version(floor).release[-1] - 1,)
        assert not bounds[name].contains(".".join(map(str, below))), name
