"""Sources as a person reads them: readable citations, no working words ("a design proposal").

The catalog keeps short notes for the clinical review ("forearm plank 10 s holds x 5-6, a design
proposal") beside full citations. A page lists the citations; where there are only notes (the
education cards), each note is put into plain words here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: working words and what a person reads instead
_WORDS = (
    (re.compile(r",? ?\(?\ba design proposal\)?"), "; Upright's own cautious choice"),
    (re.compile(r"\(design proposal\)"), "(Upright's own cautious choice)"),
    (re.compile(r"\b(?:are|is) our design\b"), "are Upright's own cautious choice"),
    (re.compile(r"\bour design\b"), "Upright's own cautious choice"),
    (re.compile(r",? ?(?:brisk walking )?\d+(?:\.\d+)? MET\b"), ""),
    (re.compile(r"(\d+) s holds? x (\d+(?:-\d+)?)"), r"\1-second holds, \2 times"),
    (re.compile(r"(\d+(?:-\d+)?) s hold x (\d+)"), r"\1-second hold, \2 times"),
    (re.compile(r"\bx (\d+(?:-\d+)?)\b"), r"\1 times"),
    (re.compile(r"\bn=(\d+)"), r"\1 people"),
    (re.compile(r"(Compendium) \d{5}\b"), r"\1"),
    (re.compile(r"; flare-plan details"), ""),
    (re.compile(r"steps/min\b"), "steps a minute"),
    (re.compile(r"\bvs\b"), "against"),
    (re.compile(r"\.\s*;"), ";"),
    (re.compile(r"\s*;\s*;"), ";"),
    (re.compile(r"\s{2,}"), " "),
)


def readable(note: str) -> str:
    """One source note in plain words, as a sentence."""
    text = note.strip()
    for pattern, words in _WORDS:
        text = pattern.sub(words, text)
    text = text.strip(" ;,")
    if not text:
        return ""
    first = text.split(" ", 1)[0]
    if sum(ch.isupper() for ch in first) < 2:  # "selfBACK" keeps its own spelling
        text = text[:1].upper() + text[1:]
    return text if text.endswith((".", ")", "?", "!")) else text + "."


def source_list(notes: Iterable[str], citations: Iterable[str] = ()) -> list[str]:
    """The sources a page lists: the full citations when there are any, else the notes in words;
    each once, none empty."""
    chosen = list(citations) or list(notes)
    return list(dict.fromkeys(t for t in (readable(n) for n in chosen) if t))
