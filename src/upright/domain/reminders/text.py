"""What reminders say: short, warm, true to the plan. Never guilt."""

from __future__ import annotations

from collections.abc import Sequence

NOT_ADVICE = "General exercise education, not medical advice."


def session_line(names: Sequence[str], minutes: float) -> str:
    """The day's session in one line, e.g. 'Brisk walk, Bird dog and Hamstring stretch (about 20 minutes)'."""
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    whole = max(1, round(minutes))
    return f"{listed} (about {whole} minute{'s' if whole != 1 else ''})"


def session(line: str) -> tuple[str, str]:
    return "Today's session", f"Today: {line}. Go gently, and stop if something feels wrong."


def missed_day(line: str) -> tuple[str, str]:
    return (
        "A fresh start today",
        f"Missing a day is normal and changes nothing. Today: {line}.",
    )


def restart(line: str, step: int | None) -> tuple[str, str]:
    where = f" at walking step {step}" if step else ""
    return (
        "Ready when you are",
        "Breaks happen, and it is fine to start again. Upright has set a gentler restart"
        f"{where}, so today is easy: {line}.",
    )


def stop(what_to_do: str) -> tuple[str, str]:
    return (
        "Your exercises are paused",
        f"Your exercises are paused for now. What to do: {what_to_do}",
    )
