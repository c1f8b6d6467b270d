"""An index of time intervals that answers "which of the switched-on ones touch [lo, hi]?".

Duplicate detection compares each activity only with the activities it overlaps in time. All
intervals are known before the search starts (the file's and the stored ones), but they are
switched on one at a time, in preference order, as the search keeps them. A segment tree over
the intervals in start order, holding the latest end of the switched-on intervals below each
node, finds them in O((k + 1) log n) for k answers; switching one on costs O(log n).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

_OFF = float("-inf")


@dataclass
class Counter:
    """How much work a search did: pairs compared and tree nodes visited (for tests/bench)."""

    comparisons: int = 0
    visits: int = 0


class IntervalIndex:
    """Intervals ``(start, end)`` given up front, all switched off; indices are positions."""

    def __init__(self, spans: Sequence[tuple[float, float]], counter: Counter | None = None):
        self._order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self._rank = [0] * len(spans)
        for rank, i in enumerate(self._order):
            self._rank[i] = rank
        self._starts = [spans[i][0] for i in self._order]
        size = 1
        while size < max(len(spans), 1):
            size *= 2
        self._size = size
        self._max_end = [_OFF] * (2 * size)
        self.counter = counter if counter is not None else Counter()

    def switch_on(self, index: int, end: float) -> None:
        """Make interval ``index`` findable, ending at ``end`` (which may be earlier than given
        up front: a trimmed walk). Its start must not move earlier."""
        node = self._size + self._rank[index]
        self._max_end[node] = end
        node //= 2
        while node and self._max_end[node] < end:
            self._max_end[node] = end
            node //= 2

    def touching(self, lo: float, hi: float) -> list[int]:
        """Switched-on intervals with start <= hi and end >= lo (closed intervals)."""
        last = bisect_right(self._starts, hi) - 1
        if last < 0:
            return []
        found: list[int] = []
        size = self._size
        max_end = self._max_end
        if self._max_end[1] < lo:
            return []
        stack = [(1, 0, size - 1)]
        visits = 0
        while stack:
            node, first, final = stack.pop()
            visits += 1
            if node >= size:
                found.append(self._order[node - size])
                continue
            middle = (first + final) // 2
            right = 2 * node + 1
            if middle + 1 <= last and max_end[right] >= lo:
                stack.append((right, middle + 1, final))
            if max_end[2 * node] >= lo:
                stack.append((2 * node, first, middle))
        self.counter.visits += visits
        return found
