"""What the repositories talk to: a Core connection, so a run never loads SQLAlchemy's ORM.

The repositories only run Core statements (``execute``, ``scalar``, ``commit``), which a
``Connection`` and an ORM ``Session`` both offer; the app opens connections (the ORM costs
a tenth of `upright today`'s start-up), and code that still holds a session keeps working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    DbSession: TypeAlias = Connection | Session


def dialect_name(session: Any) -> str:
    """``sqlite`` or ``postgresql``: the database behind a connection or a session."""
    bind = session.get_bind() if hasattr(session, "get_bind") else session
    return str(bind.dialect.name)
