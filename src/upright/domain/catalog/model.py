"""The exercise catalog as frozen dataclasses. The data lives in TOML files beside this package."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Level:
    """One rung of an exercise's ladder (1 = easiest)."""

    level: int
    name: str
    movements: tuple[str, ...]
    how: tuple[str, ...]
    dose: dict[str, float | int | str]
    #: the complete instructions for this level, when the base text does not fit it
    steps: tuple[str, ...] = ()
    #: reps in each set when they differ, e.g. McGill's descending 5-3-1 holds
    pattern: tuple[int, ...] = ()
    #: the dose is done on each side (each leg, each arm)
    each_side: bool = False
    #: equipment this level needs beyond the exercise's own (a band for the band levels)
    equipment: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    category: str
    group: str
    priority: int
    targets: tuple[str, ...]
    movements: tuple[str, ...]
    equipment: tuple[str, ...]
    helpful: tuple[str, ...]
    position: str
    summary: str
    instructions: tuple[str, ...]
    mistakes: tuple[str, ...]
    feel: str
    stop_if: tuple[str, ...]
    sources: tuple[str, ...]
    levels: tuple[Level, ...]
    modality: str | None = None
    met: float | None = None
    met_source: str | None = None
    #: aerobic entries dosed by the walking ladder's own minutes (no verified MET to convert by)
    same_minutes: bool = False
    #: readable citations (author, year, title) behind the facts in ``sources``
    citations: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return self.id

    @property
    def top_level(self) -> int:
        return len(self.levels)

    def level(self, number: int) -> Level:
        return self.levels[max(1, min(number, len(self.levels))) - 1]

    def steps_at(self, number: int) -> tuple[str, ...]:
        """The full instructions for that level: its own when it has them, else base + extras."""
        step = self.level(number)
        if step.steps:
            return step.steps
        if self.top_level == 1:
            return self.instructions
        return self.instructions + step.how

    def movements_at(self, number: int) -> tuple[str, ...]:
        """Every movement tag of this exercise at that level (base tags plus the level's)."""
        extra = self.level(number).movements
        return tuple(dict.fromkeys(self.movements + extra))


@dataclass(frozen=True)
class Card:
    """A short education card."""

    id: str
    title: str
    topic: str
    body: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    exercises: tuple[Exercise, ...]
    cards: tuple[Card, ...] = field(default=())

    def get(self, exercise_id: str) -> Exercise | None:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        return None

    def by_category(self, category: str) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if e.category == category)

    def card(self, card_id: str) -> Card | None:
        for card in self.cards:
            if card.id == card_id:
                return card
        return None
