"""Reminders: what is due, for whom, and what it says. Pure: time comes in as an argument."""

from upright.domain.reminders.due import Due, Situation, due
from upright.domain.reminders.settings import (
    CHANNELS,
    KINDS,
    WEEKDAYS,
    ReminderSettings,
    parse_settings,
)
from upright.domain.reminders.times import fire_at, in_quiet_hours, local_now

__all__ = [
    "CHANNELS",
    "KINDS",
    "WEEKDAYS",
    "Due",
    "ReminderSettings",
    "Situation",
    "due",
    "fire_at",
    "in_quiet_hours",
    "local_now",
    "parse_settings",
]
