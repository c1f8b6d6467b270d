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


#: the libraries only adapters may use (storage, hashing, HTTP, XML, files of devices)
ADAPTER_LIBRARIES = {
    "sqlalchemy", "alembic", "psycopg", "argon2", "httpx", "requests", "lxml", "defusedxml",
    "fitdecode", "gpxpy", "platformdirs", "smtplib", "aiosmtplib", "procrastinate",
}  # fmt: skip


def test_services_use_no_adapter_library() -> None:
    for path in (SRC / "services").rglob("*.py"):
        for module in _imports(path):
            assert module.split(".")[0] not in ADAPTER_LIBRARIES, (
                f"{path.relative_to(SRC)} imports {module}: put it behind a port in adapters/"
            )


def _entry_points() -> list[Path]:
    return [*(SRC / "cli").rglob("*.py"), *(SRC / "web").rglob("*.py")]


def test_entry_points_never_open_a_unit_of_work_or_storage() -> None:
    """The web and the CLI call services; only services open a transaction."""
    for path in _entry_points():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.With):
                for item in node.items:
                    text = ast.unparse(item.context_expr)
                    assert "uow" not in text, f"{path.relative_to(SRC)}: `with {text}`"
            if isinstance(node, ast.Attribute) and node.attr in {
                "profiles", "sessions", "plans", "activities", "imports", "relations",
            }:  # fmt: skip
                owner = ast.unparse(node.value)
                assert "uow" not in owner, f"{path.relative_to(SRC)} reads {owner}.{node.attr}"
        for module in _imports(path):
            assert not module.startswith("upright.adapters.storage"), (
                f"{path.relative_to(SRC)} imports {module}"
            )
            assert module.split(".")[0] not in {"sqlalchemy", "alembic", "argon2"}, (
                f"{path.relative_to(SRC)} imports {module}"
            )


def _params(fn: ast.FunctionDef) -> dict[str, str]:
    args = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
    return {a.arg: ast.unparse(a.annotation) if a.annotation else "" for a in args}


#: services whose unit of work is not a person's data: sign-in, sessions and accounts are the
#: identity the policy starts from (issue 15 hardens them)
IDENTITY_MODULES = {"accounts.py", "access.py"}


def test_services_read_a_subject_only_through_the_policy() -> None:
    """A public service given a unit of work takes the actor and the subject and asks ``check``,
    or takes a ``Grant`` the policy already gave; none takes a bare person id."""
    for path in (SRC / "services").rglob("*.py"):
        if path.name in IDENTITY_MODULES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in tree.body:
            if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_"):
                continue
            params = _params(fn)
            if not any("UnitOfWork" in annotation for annotation in params.values()):
                continue
            where = f"{path.relative_to(SRC)}:{fn.name}"
            assert "person_id" not in params, f"{where} takes a bare person id"
            if any(annotation == "Grant" for annotation in params.values()):
                continue
            assert params.get("actor") == "Actor" and params.get("subject_id") == "int", (
                f"{where} must take (actor: Actor, subject_id: int)"
            )
            calls = {ast.unparse(n.func) for n in ast.walk(fn) if isinstance(n, ast.Call)}
            asks = {"check", "access.check"} & calls
            delegates = any(c.split(".")[-1] in _POLICY_USERS for c in calls)
            assert asks or delegates, f"{where} reads a person's data without asking the policy"


#: public services that ask the policy themselves; a service may call one instead of ``check``
_POLICY_USERS = {"find_profile", "load_profile"}
