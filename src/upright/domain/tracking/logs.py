"""Logged sessions: what a person did on a day and how their back answered.

The same shape is the history file contract (`plan --history`, `export --json`):
``{"sessions": [{"date", "pain_before", "pain_during", "pain_after", "pain_next_morning",
"effort", "note", "leg_symptoms", "red_flags", "items": [{"id", "done", "status", "minutes", "times", "sets", "reps",
"hold_seconds"}]}]}``; everything but ``date`` and ``items`` is optional. ``red_flags`` holds the
words answered yes in that day's safety check: present and empty means it was answered no.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from upright.domain import vocab
from upright.domain.errors import HistoryError

STATUSES: Final = ("done", "partly", "skipped")
PAIN_FIELDS: Final = ("pain_before", "pain_during", "pain_after", "pain_next_morning")
_NUMBERS: Final[dict[str, tuple[float, float]]] = {
    "minutes": (0, 600),
    "times": (0, 20),
    "sets": (0, 50),
    "reps": (0, 500),
    "hold_seconds": (0, 600),
    "pain": (0, 10),
}
_ITEM_KEYS: Final = {"id", "done", "status", *_NUMBERS}
_SESSION_KEYS: Final = {
    "date",
    "items",
    "effort",
    "note",
    "leg_symptoms",
    "red_flags",
    *PAIN_FIELDS,
}


@dataclass(frozen=True)
class ItemLog:
    id: str
    status: str
    minutes: float | None = None
    times: int | None = None
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    pain: int | None = None

    @property
    def done(self) -> bool:
        return self.status != "skipped"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "done": self.status == "done", "status": self.status}
        for key in ("minutes", "times", "sets", "reps", "hold_seconds", "pain"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass(frozen=True)
class SessionLog:
    day: date
    items: tuple[ItemLog, ...]
    pain_before: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    pain_next_morning: int | None = None
    effort: int | None = None
    note: str | None = None
    leg_symptoms: str | None = None
    #: red-flag words answered yes in that day's safety check; () = answered no; None = not asked
    red_flags: tuple[str, ...] | None = None

    @property
    def checked(self) -> bool:
        """A safety check was answered that day."""
        return self.red_flags is not None

    def item(self, item_id: str) -> ItemLog | None:
        for item in self.items:
            if item.id == item_id:
                return item
        return None

    @property
    def active(self) -> bool:
        """At least one item was done (fully or partly)."""
        return any(i.done for i in self.items)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"date": self.day.isoformat()}
        for key in (*PAIN_FIELDS, "effort", "note", "leg_symptoms"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.red_flags is not None:
            data["red_flags"] = list(self.red_flags)
        data["items"] = [i.to_json() for i in self.items]
        return data


def _number(
    where: str, raw: Mapping[str, Any], key: str, low: float, high: float, whole: bool
) -> Any:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise HistoryError(
            f"{where}.{key}", f"expected a number, got {value!r}", f"{low:g}-{high:g}"
        )
    if whole and isinstance(value, float):
        if not value.is_integer():
            raise HistoryError(
                f"{where}.{key}", f"expected a whole number, got {value!r}", f"{low:g}-{high:g}"
            )
        value = int(value)
    if not low <= value <= high:
        raise HistoryError(f"{where}.{key}", f"{value} is out of range", f"{low:g}-{high:g}")
    return value


def _whole_number(where: str, raw: Mapping[str, Any], key: str, low: float, high: float) -> Any:
    """``_number`` for a whole number, with the usual case (an int in range) checked first."""
    value = raw.get(key)
    if value is None or (type(value) is int and low <= value <= high):
        return value
    return _number(where, raw, key, low, high, whole=True)


def _plain_item(raw: Any, known: frozenset[str]) -> ItemLog | None:
    """The usual item (known id, a status or done flag, whole numbers in range) parsed without
    building the error paths; None for anything else (``parse_item`` then says what is wrong)."""
    if type(raw) is not dict or not raw.keys() <= _ITEM_KEYS:
        return None
    ident = raw.get("id")
    if type(ident) is not str or ident not in known:
        return None
    status = raw.get("status")
    if status is None:
        done = raw.get("done")
        status = "done" if done is None or done is True else "skipped" if done is False else None
        if status is None:
            return None
    elif status not in STATUSES:
        return None
    numbers: dict[str, Any] = {}
    for key, (low, high) in _NUMBERS.items():
        if key in raw:
            value = raw[key]
            if value is not None and (type(value) is not int or not low <= value <= high):
                return None
            numbers[key] = value
    return ItemLog(ident, status, **numbers)


def parse_item(where: str, raw: Any, known: Iterable[str]) -> ItemLog:
    if not isinstance(raw, Mapping):
        raise HistoryError(where, "expected an object with an id")
    if not raw.keys() <= _ITEM_KEYS:
        extra = sorted(set(raw) - _ITEM_KEYS)
        raise HistoryError(f"{where}.{extra[0]}", "unknown field", sorted(_ITEM_KEYS))
    ident = raw.get("id")
    ids = known if isinstance(known, (frozenset, set)) else frozenset(known)
    if not isinstance(ident, str) or ident not in ids:
        raise HistoryError(f"{where}.id", f"unknown item {ident!r}", sorted(ids))
    status = raw.get("status")
    done = raw.get("done")
    if status is None:
        if done is None:
            status = "done"
        elif isinstance(done, bool):
            status = "done" if done else "skipped"
        else:
            raise HistoryError(
                f"{where}.done", f"expected true or false, got {done!r}", "true, false"
            )
    elif status not in STATUSES:
        raise HistoryError(f"{where}.status", f"unknown value {status!r}", STATUSES)
    numbers: dict[str, Any] = {}
    for key, (low, high) in _NUMBERS.items():
        if key in raw:  # an absent number is None, the default
            value = raw[key]
            # a whole number in range, the usual case, needs none of _number's checks
            if type(value) is not int or not low <= value <= high:
                value = _number(where, raw, key, low, high, whole=key != "minutes")
            numbers[key] = value
    return ItemLog(id=ident, status=status, **numbers)


def _flags(where: str, value: Any, present: bool) -> tuple[str, ...] | None:
    if not present:
        return None
    allowed = tuple(vocab.RED_FLAGS)
    if value is None:
        value = []
    if not isinstance(value, list):
        raise HistoryError(f"{where}.red_flags", "expected a list of red-flag words", allowed)
    for word in value:
        if not isinstance(word, str) or word not in vocab.RED_FLAGS:
            raise HistoryError(f"{where}.red_flags", f"unknown value {word!r}", allowed)
    return tuple(w for w in allowed if w in value)


def parse_session(where: str, raw: Any, known: Iterable[str]) -> SessionLog:
    if not isinstance(raw, Mapping):
        raise HistoryError(where, "expected an object with a date and items")
    if not raw.keys() <= _SESSION_KEYS:
        extra = sorted(set(raw) - _SESSION_KEYS)
        raise HistoryError(f"{where}.{extra[0]}", "unknown field", sorted(_SESSION_KEYS))
    text = raw.get("date")
    try:
        day = date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        day = None
    if day is None:
        raise HistoryError(f"{where}.date", f"expected a date, got {text!r}", "YYYY-MM-DD")
    items = raw.get("items")
    if not isinstance(items, list):
        raise HistoryError(f"{where}.items", "expected a list of items")
    ids_known = known if isinstance(known, frozenset) else frozenset(known)
    parsed = tuple(
        _plain_item(item, ids_known) or parse_item(f"{where}.items[{n}]", item, ids_known)
        for n, item in enumerate(items)
    )
    ids = [i.id for i in parsed]
    if len(ids) != len(set(ids)):
        raise HistoryError(f"{where}.items", "an item appears twice in one session")
    pains = {key: _whole_number(where, raw, key, 0, 10) for key in PAIN_FIELDS}
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise HistoryError(f"{where}.note", "expected text")
    legs = raw.get("leg_symptoms")
    if legs is not None and legs not in vocab.LEG_SYMPTOMS:
        raise HistoryError(f"{where}.leg_symptoms", f"unknown value {legs!r}", vocab.LEG_SYMPTOMS)
    return SessionLog(
        day=day,
        items=parsed,
        leg_symptoms=legs,
        red_flags=_flags(where, raw.get("red_flags", None), "red_flags" in raw),
        effort=_whole_number(where, raw, "effort", 0, 10),
        note=note[:2000] if note else None,
        **pains,
    )


def parse_history(data: Any, known: Iterable[str]) -> tuple[SessionLog, ...]:
    """Validate a history object; sessions on the same day are refused (each day is logged once)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("sessions", []), list):
        raise HistoryError("sessions", 'expected {"sessions": [...]}')
    extra = sorted(set(data) - {"sessions", "exported_at", "version"})
    if extra:
        raise HistoryError(extra[0], "unknown field", "sessions")
    known = frozenset(known)
    sessions = [
        parse_session(f"sessions[{n}]", s, known) for n, s in enumerate(data.get("sessions", []))
    ]
    counts = Counter(s.day for s in sessions)
    duplicates = sorted(d for d, n in counts.items() if n > 1)
    if duplicates:
        raise HistoryError(
            "sessions", f"{duplicates[0].isoformat()} is logged twice; log each day once"
        )
    return tuple(sorted(sessions, key=lambda s: s.day))
