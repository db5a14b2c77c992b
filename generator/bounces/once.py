"""Readings of a text done once per bounce.

The recipients of one bounce often share a text: the report's body, searched
for the SMTP command, and its prose, when it names none of them apart.  Read
again for each recipient (made matchable, searched by each rule), a bounce
listing many recipients would take quadratic time; evidence.py and rules.py
share this one memo instead.  The lookup page's reasons.js keeps the same one
(newOnce), for its readings, matchable texts, rule searches and delay words.
"""
from __future__ import annotations


class Once:
    """Calls reading(*args) once for each distinct reading and arguments."""

    def __init__(self) -> None:
        self.done: dict = {}

    def __call__(self, reading, *args):
        key = (reading, *args)
        if key not in self.done:
            self.done[key] = reading(*args)
        return self.done[key]
