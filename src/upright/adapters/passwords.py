"""Password hashing with argon2id (the ``Hasher`` port of ``upright.services.accounts``).

argon2-cffi's defaults are the RFC 9106 "low memory" profile.
"""

from __future__ import annotations

import secrets
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Argon2Hasher:
    """argon2id through argon2-cffi; parameters can be lowered for tests only."""

    def __init__(self, **params: Any) -> None:
        self._hasher = PasswordHasher(**params)
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    def burn(self, password: str) -> None:
        """Spend the time of one verification, so an unknown email answers as slowly."""
        if self._dummy is None:
            self._dummy = self._hasher.hash(secrets.token_hex(16))
        self.verify(self._dummy, password)
