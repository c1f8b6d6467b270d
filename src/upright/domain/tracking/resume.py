"""Reading a newer Apple Health export from where the previous one ended.

People export again every few weeks, and each export holds the whole history again. What an
earlier export already gave is stored, so a newer one is read from a cut-off a little before
the end of the earlier one's data: the last day is read again, because the earlier export may
have ended in the middle of a walk (the longer copy then replaces the stored one).
"""

from __future__ import annotations

from typing import Final

#: How far before the end of the earlier export's data the newer one is read from.
SETTLE_S: Final = 86_400.0
#: Samples are looked at from this long before the cut-off, so a walk starting just after it
#: is found exactly as in a full read (its step samples are read whole, with what precedes).
CONTEXT_S: Final = 2 * 86_400.0


def cutoff(data_until: float) -> float:
    """Epoch seconds from which a newer export is read (activities starting earlier are kept)."""
    return data_until - SETTLE_S
