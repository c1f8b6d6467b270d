"""Outcome measures: what is asked (NRS, PEG, PSFS), when (the schedule), and what counts as
a real change (the minimal important change). Pure: dates come in as arguments."""

from upright.domain.outcomes.change import Change, compare
from upright.domain.outcomes.measures import Answers, parse_answers
from upright.domain.outcomes.schedule import Due, due, timepoints

__all__ = ["Answers", "Change", "Due", "compare", "due", "parse_answers", "timepoints"]
