"""Docs as tests: the user guide and the clinical rules stay in step with the code and data.

The checks read the backticked words and the numbers in the docs' tables, never their prose, so
the wording can change freely. When a check fails, its message names the doc, the row and what
the code or data now says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from upright.adapters.data_files import load_catalog, load_rulebook
from upright.cli.app import app
from upright.config import Settings
from upright.domain import vocab
from upright.domain.planning import choose, generator
from upright.domain.profile import parse_profile
from upright.domain.progression import engine, pain, walking
from upright.domain.safety.screening import screen

DOCS = Path(__file__).resolve().parents[2] / "docs"
USER_GUIDE = DOCS / "user-guide.md"
CLINICAL = DOCS / "clinical-rules.md"
ARCHITECTURE = DOCS / "architecture.md"
WEB = DOCS / "web.md"
#: docs written elsewhere that our docs link to; a link to one is checked once it exists
PENDING_DOCS = {"web.md", "importing.md"}
#: modules whose named constants the clinical rules may quote
CONSTANT_MODULES = (walking, pain, engine, choose, generator)
#: constants the clinical rules must quote (walking rise, pain gate, re-entry, level-ups)
REQUIRED_CONSTANTS = {
    "MAX_LONGEST_WALK_RISE",
    "MAX_WEEKLY_RISE_FRACTION",
    "MAX_WEEKLY_RISE_MINUTES",
    "PAIN_SAFE",
    "PAIN_ACCEPTABLE",
    "MORNING_NOT_SETTLED",
    "RISING_TREND",
    "ADHERENCE_TO_PROGRESS",
    "GAP_REENTRY_DAYS",
    "GAP_DAYS_PER_EXTRA_STEP",
    "GAP_LEVEL_DROP_DAYS",
    "CLEAN_SESSIONS_TO_LEVEL_UP",
    "FLARE_WEEKS_TO_SEE_CLINICIAN",
}


# ---------------------------------------------------------------- helpers


def _text(path: Path) -> str:
    assert path.is_file(), f"{path.relative_to(DOCS.parent)} is missing"
    return path.read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _tables(text: str) -> Iterator[tuple[list[str], list[list[str]]]]:
    """Every Markdown table: its header cells and its rows of cells."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith("|") and i + 1 < len(lines):
            if re.fullmatch(r"\s*\|[\s:|-]+\|?\s*", lines[i + 1]):
                header = [h.lower() for h in _cells(lines[i])]
                rows = []
                i += 2
                while i < len(lines) and lines[i].lstrip().startswith("|"):
                    rows.append(_cells(lines[i]))
                    i += 1
                yield header, rows
                continue
        i += 1


def _table(text: str, doc: str, *columns: str) -> tuple[dict[str, int], list[list[str]]]:
    """The table whose header has all ``columns``; returns column positions and rows."""
    for header, rows in _tables(text):
        if all(c in header for c in columns):
            return {name: header.index(name) for name in header}, rows
    raise AssertionError(f"{doc}: no table with the columns {columns}")


def _words(cell: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", cell))


def _numbers(cell: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", cell)]


def _keyed(rows: list[list[str]], column: int) -> dict[str, list[str]]:
    """Rows by the single backticked word in ``column`` (rows without one are skipped)."""
    out: dict[str, list[str]] = {}
    for row in rows:
        words = _words(row[column])
        if len(words) == 1:
            out[words.pop()] = row
    return out


def _commands(group: Any, prefix: str = "upright") -> Iterator[tuple[str, Any]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if hasattr(command, "commands"):
            yield from _commands(command, path)


def _slug(heading: str) -> str:
    text = re.sub(r"[^\w\s-]", "", heading.strip().lower())
    return re.sub(r"\s", "-", text)


def _anchors(text: str) -> set[str]:
    return {_slug(m) for m in re.findall(r"^#+\s+(.+)$", text, flags=re.MULTILINE)}


# ---------------------------------------------------------------- the user guide


COMMANDS = list(_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path,command", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_and_is_in_the_user_guide(path: str, command: Any) -> None:
    assert (command.help or command.short_help or "").strip(), f"`{path}` has no help text"
    assert path in _text(USER_GUIDE), f"docs/user-guide.md does not mention `{path}`"


def test_every_setting_is_documented() -> None:
    guide = _text(USER_GUIDE)
    web = WEB.read_text(encoding="utf-8") if WEB.is_file() else ""
    for name in Settings.model_fields:
        env = f"UPRIGHT_{name.upper()}"
        assert env in guide or env in web, (
            f"the setting {env} is in neither docs/user-guide.md nor docs/web.md"
        )


def test_the_user_guide_quotes_the_urgency_messages() -> None:
    guide = _flat(_text(USER_GUIDE))
    for level in load_rulebook().levels:
        assert _flat(level.message) in guide, (
            f"docs/user-guide.md: the '{level.level}' message changed in red_flags.toml: "
            f"{level.message!r}"
        )


# ---------------------------------------------------------------- the clinical rules


def test_every_condition_rule_and_red_flag_is_in_the_clinical_rules() -> None:
    words = _words(_text(CLINICAL))
    book = load_rulebook()
    for condition in vocab.CONDITIONS:
        assert condition in words, f"docs/clinical-rules.md does not name `{condition}`"
    for rule in book.rules:
        assert rule.id in words, f"docs/clinical-rules.md does not name the rule `{rule.id}`"
    for flag in book.red_flags:
        assert flag.id in words, f"docs/clinical-rules.md does not name the red flag `{flag.id}`"
    for state in vocab.CLEARANCE:
        assert state in words, f"docs/clinical-rules.md does not name the clearance `{state}`"


def test_the_condition_rule_table_matches_conditions_toml() -> None:
    doc = "docs/clinical-rules.md (condition rules table)"
    col, rows = _table(_text(CLINICAL), doc, "rule", "rules out", "favours", "swapped in")
    table = _keyed(rows, col["rule"])
    book = load_rulebook()
    assert set(table) == {r.id for r in book.rules}, (
        f"{doc}: rows {sorted(table)} but conditions.toml has {sorted(r.id for r in book.rules)}"
    )
    for rule in book.rules:
        row = table[rule.id]
        expected = {
            "condition": {rule.condition},
            "rules out": set(rule.excludes) | set(rule.excludes_categories),
            "caution": set(rule.cautions),
            "favours": set(rule.favours),
            "swapped out": set(rule.excludes_exercises),
            "swapped in": set(rule.prefers_exercises),
            "only / adds": set(rule.allows_only) | set(rule.adds_categories),
        }
        for column, want in expected.items():
            have = _words(row[col[column]])
            assert have == want, (
                f"{doc}, `{rule.id}`, '{column}': the doc says {sorted(have)}, "
                f"conditions.toml says {sorted(want)}"
            )
        limits = (rule.surgery_weeks_below, rule.postpartum_weeks_below, rule.min_age)
        weeks = [float(n) for n in limits if n is not None]
        assert _numbers(row[col["applies"]]) == weeks, (
            f"{doc}, `{rule.id}`, 'applies': the weeks or age that bound the rule are {weeks}"
        )
        cap = [float(rule.caps_level)] if rule.caps_level is not None else []
        assert _numbers(row[col["level cap"]]) == cap, f"{doc}, `{rule.id}`, 'level cap'"


def test_what_each_condition_rules_out_matches_the_screening() -> None:
    doc = "docs/clinical-rules.md (what this rules out)"
    col, rows = _table(_text(CLINICAL), doc, "condition", "not planned")
    table = _keyed(rows, col["condition"])
    catalog, book = load_catalog(), load_rulebook()
    assert set(table) == set(vocab.CONDITIONS), f"{doc}: one row per condition"
    for condition in vocab.CONDITIONS:
        answers: dict[str, Any] = {
            "age": 40,
            "conditions": [condition],
            "clearance": "cleared",
            "equipment": list(vocab.EQUIPMENT),
        }
        if condition in vocab.SURGERY_CONDITIONS:
            answers["weeks_since_surgery"] = 52  # past the early weeks, as the doc says
        screening = screen(parse_profile(answers), catalog, book)
        excluded = {e.exercise.id for e in screening.excluded if e.kind == "safety"}
        held = {
            a.exercise.id: a.max_level
            for a in screening.allowed
            if a.max_level < a.exercise.top_level
        }
        row = table[condition]
        have = _words(row[col["not planned"]])
        assert have == excluded, (
            f"{doc}, `{condition}`: the doc says {sorted(have)}, the screening now rules out "
            f"{sorted(excluded)}"
        )
        cell = row[col["held at a lower level"]]
        assert _words(cell) == set(held), (
            f"{doc}, `{condition}`: held lower per the doc {sorted(_words(cell))}, "
            f"per the screening {held}"
        )
        for exercise_id, level in held.items():
            after = re.search(rf"`{exercise_id}`[^`]*?(\d+)", cell)
            assert after and int(after.group(1)) == level, (
                f"{doc}, `{condition}`: `{exercise_id}` is held at level {level}"
            )


def test_red_flags_are_listed_at_their_level_with_their_wording() -> None:
    text = _text(CLINICAL)
    flat = _flat(text)
    book = load_rulebook()
    col, rows = _table(text, "docs/clinical-rules.md (red flags)", "id", "level")
    table = _keyed(rows, col["id"])
    for flag in book.red_flags:
        assert flag.id in table, f"docs/clinical-rules.md: no row for the red flag `{flag.id}`"
        assert table[flag.id][col["level"]].strip("` ") == flag.level, (
            f"docs/clinical-rules.md: `{flag.id}` is at level {flag.level}"
        )
        assert _flat(flag.question) in flat, (
            f"docs/clinical-rules.md: the question for `{flag.id}` changed: {flag.question!r}"
        )
    for level in book.levels:
        assert _flat(level.message) in flat, (
            f"docs/clinical-rules.md: the '{level.level}' message changed: {level.message!r}"
        )


def test_restrictions_table_matches_the_vocabulary() -> None:
    doc = "docs/clinical-rules.md (restrictions)"
    col, rows = _table(_text(CLINICAL), doc, "restriction")
    table = _keyed(rows, col["restriction"])
    assert set(table) == set(vocab.RESTRICTIONS), f"{doc}: one row per restriction"
    for name, tags in vocab.RESTRICTIONS.items():
        have = set().union(*(_words(c) for c in table[name][1:]))
        assert have == set(tags), f"{doc}, `{name}`: rules out {sorted(tags)}"


@pytest.mark.parametrize("path", [CLINICAL, USER_GUIDE], ids=lambda p: p.name)
def test_the_walking_ladder_matches_the_code(path: Path) -> None:
    doc = f"docs/{path.name} (walking ladder)"
    col, rows = _table(_text(path), doc, "step", "minutes × times × days", "weekly minutes")
    by_step = {row[col["step"]]: row for row in rows}
    assert len(rows) == len(walking.LADDER), f"{doc}: {len(walking.LADDER)} steps in the code"
    intensity = next(i for i, name in enumerate(col) if name in ("intensity", "pace"))
    for step in walking.LADDER:
        row = by_step.get(str(step.step))
        assert row is not None, f"{doc}: no row for step {step.step}"
        dose = f"{step.minutes} × {step.times} × {step.days}"
        assert row[col["minutes × times × days"]] == dose, (
            f"{doc}, step {step.step}: the code says {dose}"
        )
        assert _numbers(row[col["weekly minutes"]]) == [step.weekly_minutes], (
            f"{doc}, step {step.step}: {step.weekly_minutes} weekly minutes in the code"
        )
        assert row[intensity].lower() == step.intensity, (
            f"{doc}, step {step.step}: the code says {step.intensity}"
        )


def test_named_constants_match_the_code() -> None:
    doc = "docs/clinical-rules.md (named constants)"
    col, rows = _table(_text(CLINICAL), doc, "constant", "value")
    table = _keyed(rows, col["constant"])
    missing = REQUIRED_CONSTANTS - set(table)
    assert not missing, f"{doc}: add {sorted(missing)}"
    for name, row in table.items():
        owners = [m for m in CONSTANT_MODULES if hasattr(m, name)]
        assert owners, (
            f"{doc}: `{name}` is not a constant in {[m.__name__ for m in CONSTANT_MODULES]}"
        )
        value = float(getattr(owners[0], name))
        shown = _numbers(row[col["value"]])
        assert shown and shown[0] == pytest.approx(value), (
            f"{doc}: `{name}` is {value} in {owners[0].__name__}"
        )


def test_met_values_match_the_catalog() -> None:
    text = _text(CLINICAL)
    doc = "docs/clinical-rules.md (MET equivalence)"
    col, rows = _table(text, doc, "activity (`id`)", "met")
    table = _keyed(rows, col["activity (`id`)"])
    for exercise in load_catalog().exercises:
        if exercise.met is None:
            continue
        assert exercise.id in table, f"{doc}: no row for `{exercise.id}`"
        shown = _numbers(table[exercise.id][col["met"]])
        assert shown == [exercise.met], f"{doc}: `{exercise.id}` is {exercise.met} MET"
    col, rows = _table(text, doc, "walking intensity", "met")
    walk = {row[col["walking intensity"]].lower(): row for row in rows}
    for intensity, met in walking.WALK_MET.items():
        assert intensity in walk, f"{doc}: no row for walking at '{intensity}'"
        assert _numbers(walk[intensity][col["met"]]) == [met], (
            f"{doc}: walking at '{intensity}' is {met} MET in the code"
        )


# ---------------------------------------------------------------- all three


@pytest.mark.parametrize("path", [USER_GUIDE, CLINICAL, ARCHITECTURE], ids=lambda p: p.name)
def test_local_links_and_anchors_resolve(path: Path) -> None:
    text = _text(path)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+://", target):
            continue
        file, _, anchor = target.partition("#")
        linked = (path.parent / file) if file else path
        if not linked.is_file():
            assert file in PENDING_DOCS, f"docs/{path.name}: the link ({target}) is broken"
            continue
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked.read_text(encoding="utf-8")), (
                f"docs/{path.name}: no heading for the link ({target})"
            )


@pytest.mark.parametrize("path", [USER_GUIDE, CLINICAL], ids=lambda p: p.name)
def test_the_people_facing_docs_say_not_medical_advice(path: Path) -> None:
    assert "not medical advice" in _text(path).lower()
