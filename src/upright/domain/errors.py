"""The one error tree of Upright.

    UprightError
     ├── InvalidInput            a value from a person or a file is not acceptable (names the field)
     │    └── ProfileError       the profile file or answers are malformed
     ├── NotFound                an id that does not exist (exercise, plan item, session, ...)
     ├── CatalogError            a data file (catalog, rules, red flags, cards) is broken
     ├── ScreeningError          safety screening could not complete
     │    └── RedFlagDetected    a red-flag answer stops the program (carries the level and message)
     ├── PlanError               a plan cannot be built from what we know
     ├── HistoryError            a history or log does not fit the plan (unknown id, future date ...)
 │    └── AlreadyLogged      the day is logged already and the save did not say it is an edit
     ├── ImportFailed            a device file could not be imported
     │    ├── UnsupportedFormat  we do not read this kind of file
     │    └── CorruptFile        the file is broken (says where)
     ├── AuthError               sign-in, permissions, CSRF (web server mode)
     └── StorageError            the database is missing, locked or at the wrong version

Each edge (CLI, web) translates these in one place; nothing else catches them.
"""

from __future__ import annotations

from collections.abc import Iterable


class UprightError(Exception):
    """Root of every error Upright raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(UprightError):
    """A value is not acceptable. ``field`` names it and ``allowed`` lists what would be."""

    def __init__(
        self,
        field: str,
        problem: str,
        allowed: Iterable[str] | str | None = None,
    ) -> None:
        self.field = field
        self.problem = problem
        if allowed is None:
            self.allowed: str | None = None
        elif isinstance(allowed, str):
            self.allowed = allowed
        else:
            self.allowed = ", ".join(allowed)
        text = f"{field}: {problem}"
        if self.allowed:
            text += f" (allowed: {self.allowed})"
        super().__init__(text)


class ProfileError(InvalidInput):
    """The profile (file or answers) is malformed."""


class NotFound(UprightError):
    """Something named by id does not exist."""

    def __init__(self, kind: str, ident: str, hint: str | None = None) -> None:
        self.kind = kind
        self.ident = ident
        if kind == "profile":
            # the person has not answered the questions yet: a first run, not a mistake
            text = "Upright does not know you yet: " + (hint or "answer the questions first")
        else:
            text = f"unknown {kind} '{ident}'" + (f" ({hint})" if hint else "")
        super().__init__(text)


class CatalogError(UprightError):
    """A bundled data file is broken. This is our bug, never the person's."""


class ScreeningError(UprightError):
    """Safety screening could not complete."""


class RedFlagDetected(ScreeningError):
    """A red-flag answer stops the program. Never swallowed."""

    def __init__(self, level: str, message: str, reasons: list[str]) -> None:
        self.level = level
        self.reasons = reasons
        super().__init__(message)


class PlanError(UprightError):
    """A plan cannot be built."""


class HistoryError(InvalidInput):
    """A session log or history file does not fit (unknown id, future date, ...)."""


class AlreadyLogged(HistoryError):
    """The day already has a session: saving over it must say it is an edit."""

    def __init__(self, day: str) -> None:
        super().__init__(
            "date",
            f"{day} is already logged; open it and choose Edit to change it "
            "(or send replace: true), so nothing is overwritten by accident",
        )
        self.day = day


class ImportFailed(UprightError):
    """A device file could not be imported. Nothing from it was stored."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class UnsupportedFormat(ImportFailed):
    """We do not read this kind of file."""


class CorruptFile(ImportFailed):
    """The file is broken; the message says where."""


class AuthError(UprightError):
    """Sign-in failed, or the person may not do this."""


class StorageError(UprightError):
    """The database is missing, locked or not at the expected version."""


class ConnectionLost(StorageError):
    """The connection to the database broke during a request (the database server restarted or
    failed over). The request's transaction did not commit, unless the break came during its
    commit: a request that stores once by a key can be sent again safely."""


class DeliveryFailed(UprightError):
    """A reminder channel could not deliver now (``temporary``: worth retrying later)."""

    def __init__(self, channel: str, message: str, temporary: bool = True) -> None:
        self.channel = channel
        self.temporary = temporary
        super().__init__(f"{channel}: {message}")
