"""Which entry of the knowledge base answers for a status code.

Tried in this order (generator/data/resolution_vectors.json holds the rules as
test vectors, run against this module and the browser's codes/resolve.js alike):

1. exact: the entry with this code.
2. alias: the entry that lists the code under `aliases`.  A 4.4.316 deferral
   becomes 5.4.316 when the message expires after 24 hours of retries: the
   same fault under two codes, so either form finds the entry of the other.
3. range: an entry of the same class and subject whose `code`..`range_end`
   covers the detail (5.7.500-5.7.999).
4. class-agnostic: the registry entry X.S.D, or an X range that covers it
   (5.1.1 -> X.1.1).
5. none: not in the knowledge base yet; the class still says what kind of
   code it is (2 success, 4 transient, 5 permanent).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from generator.codes.syntax import agnostic


class Via(str, Enum):
    exact = "exact"
    alias = "alias"
    range = "range"
    agnostic = "class-agnostic"
    none = "none"


@dataclass(frozen=True)
class KnownEntry:
    code: str
    aliases: tuple[str, ...] = ()
    range_end: str | None = None

    def covers(self, code: str) -> bool:
        if not self.range_end:
            return False
        first, last, wanted = (c.split(".") for c in (self.code, self.range_end, code))
        return wanted[:2] == first[:2] and int(first[2]) <= int(wanted[2]) <= int(last[2])


@dataclass(frozen=True)
class Resolution:
    entry: str | None
    via: Via


class KnownCodes:
    """The codes, aliases and ranges of the entries: all resolution needs."""

    def __init__(self, entries: Iterable[KnownEntry]):
        self.entries = {entry.code: entry for entry in entries}
        self.alias_owner = {alias: entry.code for entry in self.entries.values() for alias in entry.aliases}
        self.ranges = [entry for entry in self.entries.values() if entry.range_end]
        self.ranges_by_prefix: dict[str, list[KnownEntry]] = {}  # "5.7" -> the ranges of class 5, subject 7
        for entry in self.ranges:
            self.ranges_by_prefix.setdefault(entry.code.rsplit(".", 1)[0], []).append(entry)

    def resolve(self, code: str) -> Resolution:
        if code in self.entries:
            return Resolution(code, Via.exact)
        if code in self.alias_owner:
            return Resolution(self.alias_owner[code], Via.alias)
        in_range = self._range_for(code)
        if in_range:
            return Resolution(in_range, Via.range)
        if code[0] != "X":
            general = agnostic(code)
            found = general if general in self.entries else self._range_for(general)
            if found:
                return Resolution(found, Via.agnostic)
        return Resolution(None, Via.none)

    def _range_for(self, code: str) -> str | None:
        candidates = self.ranges_by_prefix.get(code.rsplit(".", 1)[0], ())
        return next((entry.code for entry in candidates if entry.covers(code)), None)


def alias_phase(code: str, entry: str) -> str | None:
    """For an alias match: 'expired' (5.x for a 4.x entry), 'deferred' (the
    other way round), or None when the classes are the same."""
    if code[0] == "5" and entry[0] == "4":
        return "expired"
    if code[0] == "4" and entry[0] == "5":
        return "deferred"
    return None
