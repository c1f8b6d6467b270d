"""Short one-time codes a person passes on by hand (buddy invitations, clinician links).

Only a hash of a code is stored, so a copy of the database cannot be used to link to anyone.
"""

from __future__ import annotations

import hashlib
import secrets

from upright.domain.social.buddies import CODE_ALPHABET, CODE_LENGTH


def new_code() -> str:
    """A fresh code: letters and digits that cannot be mistaken for one another."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
