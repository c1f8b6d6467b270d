"""Dependencies point inward: the domain uses only the standard library; services know no adapters."""

from __future__ import annotations

import ast
import re
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


_UOW = re.compile(r"(^|\.)\w*uow(\(\))?$")


def test_entry_points_never_open_a_unit_of_work_or_storage() -> None:
    """The web and the CLI call services; only services open a transaction."""
    for path in _entry_points():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.With):
                for item in node.items:
                    text = ast.unparse(item.context_expr)
                    assert not _UOW.search(text), f"{path.relative_to(SRC)}: `with {text}`"
            if isinstance(node, ast.Attribute) and node.attr in REPOSITORIES:
                owner = ast.unparse(node.value)
                assert not _UOW.search(owner), f"{path.relative_to(SRC)} reads {owner}.{node.attr}"
        for module in _imports(path):
            assert not module.startswith("upright.adapters.storage"), (
                f"{path.relative_to(SRC)} imports {module}"
            )
            where = str(path.relative_to(SRC))
            if (where, module) in EDGE_TRANSLATIONS:
                continue
            assert module.split(".")[0] not in {"sqlalchemy", "alembic", "argon2"}, (
                f"{where} imports {module}"
            )


#: what builds a notifier channel (a mail server connection, web push, apprise): only the
#: composition root (bootstrap.reminder_channels / send_due_reminders) opens these
CHANNEL_BUILDERS = {
    "open_channels",
    "SmtpChannel",
    "PushChannel",
    "AppriseChannel",
    "unsubscribe_link",
}


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_entry_points_never_build_notifier_channels() -> None:
    """Reminder channels are wired in one place: the CLI and the web call bootstrap."""
    for path in _entry_points():
        built = _imported_names(path) & CHANNEL_BUILDERS
        assert not built, f"{path.relative_to(SRC)} builds {sorted(built)}: use bootstrap"
    root = _imported_names(SRC / "bootstrap.py") & CHANNEL_BUILDERS
    assert root, "bootstrap.py wires the reminder channels"


#: an edge's one error translation may name a storage library's errors (never use the library)
EDGE_TRANSLATIONS = {("web/errors.py", "sqlalchemy")}
#: the unit of work's repositories of a person's data
REPOSITORIES = {"profiles", "sessions", "plans", "activities", "imports", "relations"}


def _params(fn: ast.FunctionDef) -> dict[str, str]:
    args = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
    return {a.arg: ast.unparse(a.annotation) if a.annotation else "" for a in args}


def _calls(fn: ast.AST) -> set[str]:
    return {ast.unparse(n.func).split(".")[-1] for n in ast.walk(fn) if isinstance(n, ast.Call)}


#: services whose unit of work is not a person's data: sign-in, sessions and accounts are the
#: identity the policy starts from; access.py is the policy itself
IDENTITY_MODULES = {"accounts.py", "access.py", "reminder_system.py"}
# reminder_system.py (issue 11): rounds run for everyone and read each person as themself;
# unsubscribe and the calendar feed are reached by a secret token that names one person
#: names of a person's id in a service's parameters: the subject of the call
SUBJECT_IDS = {"person_id", "subject_id"}
#: services that take a person id without an actor, and why that is safe
NO_ACTOR = {
    "reminders.py:outbox": "the operator's view of queued messages (CLI); no person-facing route",
    "buddies.py:name_of": "a display name, called only after the policy allowed the link",
    "reminders.py:situation": "the reminder worker, acting for each person on their own data",
    "reminders.py:due_for": "the reminder worker, acting for each person on their own data",
}
POLICY = {"check", "authorize"}


def test_services_read_a_subject_only_through_the_policy() -> None:
    """A public service given a unit of work and a person's id takes the actor and asks the
    policy (``check``/``authorize``, directly or through a function that does) before it reads;
    helpers inside an allowed transaction take the ``Grant`` instead of an id."""
    asking = set(POLICY)
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in (SRC / "services").rglob("*.py")}
    for _ in range(3):  # functions that ask through another function, a few calls deep
        for tree in trees.values():
            for fn in tree.body:
                if isinstance(fn, ast.FunctionDef) and _calls(fn) & asking:
                    asking.add(fn.name)
    for path, tree in trees.items():
        if path.name in IDENTITY_MODULES:
            continue
        for fn in tree.body:
            if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_"):
                continue
            params = _params(fn)
            if not any("UnitOfWork" in annotation for annotation in params.values()):
                continue
            where = f"{path.name}:{fn.name}"
            subject = SUBJECT_IDS & set(params)
            if not subject or where in NO_ACTOR or "Grant" in params.values():
                continue
            assert params.get("actor") == "Actor", f"{where} takes a person id but no actor"
            assert _calls(fn) & asking, f"{where} reads a person's data without asking the policy"


def test_the_policy_rule_catches_a_service_that_skips_it() -> None:
    """The rule above, on a service written the wrong way."""
    bad = ast.parse(
        "def report(uow: UnitOfWork, actor: Actor, subject_id: int) -> None:\n"
        "    with uow:\n        uow.sessions.all(subject_id)\n"
    ).body[0]
    assert isinstance(bad, ast.FunctionDef)
    assert not _calls(bad) & POLICY
