"""Readings of a text done once per bounce.

The recipients of one bounce often share a text: the report's body, searched
for the SMTP command, and its prose, when it names none of them apart.  Read
again for each recipient (made matchable, searched by each rule), a bounce
listing many recipients would take quadratic time; evidence.py and rules.py
share this one memo instead.  The lookup page's bounces/once.js keeps the same one
(newOnce), for its readings, matchable texts, rule searches and delay words.
"""
from __future__ import annotations


class Once:
    """Calls reading(*args) once for each distinct reading and arguments."""

    def __init__(self) -> None:
        self.done: dict = {}
        self.first_reader: dict[str, int] = {}   # a matchable text -> the record that first read it
        self.shared: set[str] = set()            # the texts that more than one record reads

    def __call__(self, reading, *args):
        key = (reading, *args)
        if key not in self.done:
            self.done[key] = reading(*args)
        return self.done[key]

    def read_by(self, text: str, record: dict) -> str:
        """Notes that record's fields hold text; returns text."""
        if self.first_reader.setdefault(text, id(record)) != id(record):
            self.shared.add(text)
        return text

    def search(self, search, text: str):
        """search(text), kept only for a text that several records share: a text that
        one record alone reads is searched once by each rule anyway, and keeping those
        results would hold every rule's for every recipient (a gigabyte for 45,000)."""
        return self(search, text) if text in self.shared else search(text)
