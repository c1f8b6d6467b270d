"""Dependencies point inward: the domain uses only the standard library; services know no adapters."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "upright"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_domain_imports_only_stdlib_and_itself() -> None:
    allowed = set(sys.stdlib_module_names) | {"upright"}
    for path in (SRC / "domain").rglob("*.py"):
        for module in _imports(path):
            root = module.split(".")[0]
            assert root in allowed, f"{path.relative_to(SRC)} imports {module}"
            if root == "upright":
                assert module.startswith("upright.domain"), (
                    f"{path.relative_to(SRC)} imports {module}"
                )


def test_domain_reads_no_clock_and_no_files() -> None:
    banned = ("datetime.now", "date.today", "open(", "time.time", "read_text", "read_bytes")
    for path in (SRC / "domain").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in banned:
            assert word not in text, f"{path.relative_to(SRC)} uses {word}"


def test_services_know_ports_not_adapters_or_frameworks() -> None:
    for path in (SRC / "services").rglob("*.py"):
        for module in _imports(path):
            assert not module.startswith(("upright.adapters", "upright.cli", "upright.web")), (
                f"{path.relative_to(SRC)} imports {module}"
            )
            assert module.split(".")[0] not in {"sqlalchemy", "fastapi", "typer", "rich", "lxml"}, (
                f"{path.relative_to(SRC)} imports {module}"
            )


def test_adapters_never_import_entry_points() -> None:
    for path in (SRC / "adapters").rglob("*.py"):
        for module in _imports(path):
            assert not module.startswith(("upright.cli", "upright.web")), f"{path} imports {module}"
