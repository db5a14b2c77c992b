"""Vendor meanings: which sender's meaning of a code the evidence points to.

A code can mean one thing in the registry and another from one sender:
Exchange Online answers `535 5.7.3 Authentication unsuccessful` to a failed
SMTP AUTH sign-in, where the registry's X.7.3 is a failed security
conversion.  Entries list such meanings under `meanings` (generator content
model: `Meaning`), each with match rules; this module picks one for a code
from what the text says about it (generator.bounces.emitter):

1. a `reply` pattern (a case-insensitive piece of text) in the code's lines;
2. else a `hosts` pattern matching a host of the evidence's tier (`*.outlook.com`
   is any name under outlook.com; other patterns are whole names);
3. else none: the entry's own (the registry's) meaning stands.

A code typed alone (its lines say nothing but numbers: `silent`) gives no
evidence either way; the lookup then lists each vendor meaning the code has
(`rules_for`) with the words or hosts that would pick it.

Rules are tried in the order the content lists them.  The lookup page's
script applies the same rules to the same data (the API index), against the
vectors in generator/data/meaning_vectors.json.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.bounces.emitter import CodeEvidence


def emitter_id(emitter: str) -> str:
    """`Exchange Online` -> `exchange-online`: the emitter in URLs and JSON."""
    return re.sub(r"[^a-z0-9]+", "-", emitter.lower()).strip("-")


def meaning_anchor(emitter: str) -> str:
    """The id of a meaning's section on its entry's page (the same in every language)."""
    return f"from-{emitter_id(emitter)}"


@dataclass(frozen=True)
class MeaningRule:
    entry: str                      # the entry that declares the meaning
    emitter: str                    # as written in the content: "Exchange Online"
    codes: tuple[str, ...]
    reply: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return emitter_id(self.emitter)

    @property
    def anchor(self) -> str:
        return meaning_anchor(self.emitter)


@dataclass(frozen=True)
class Choice:
    """The meaning chosen for a code, and why."""

    rule: MeaningRule
    by: str                         # "reply" or "host"
    matched: str                    # the reply pattern or the host pattern that matched
    host: str | None = None         # the host that matched a host pattern
    where: str | None = None        # where that host was named: reply, remote-mta, reporting-mta


# A letter of any script: a code's lines without one say nothing about who sent it.
LETTER_RE = re.compile(r"[^\W\d_]")


def silent(evidence: CodeEvidence) -> bool:
    """The code's lines name no host and have no word: a code typed alone (`5.7.3`, `535 5.7.3`)."""
    return not evidence.hosts and not LETTER_RE.search(evidence.lines)


def host_matches(host: str, pattern: str) -> bool:
    host, pattern = host.lower().rstrip("."), pattern.lower()
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and len(host) > len(pattern) - 1
    return host == pattern


@dataclass
class Meanings:
    """Every vendor meaning of a knowledge base, by the code it applies to."""

    rules: list[MeaningRule] = field(default_factory=list)

    def __post_init__(self):
        self.by_code: dict[str, list[MeaningRule]] = {}
        for rule in self.rules:
            for code in rule.codes:
                self.by_code.setdefault(code, []).append(rule)

    def has(self, code: str) -> bool:
        return code in self.by_code

    def rules_for(self, code: str) -> tuple[MeaningRule, ...]:
        """Every vendor meaning of the code, in the content's order."""
        return tuple(self.by_code.get(code, ()))

    def choose(self, code: str, evidence: CodeEvidence) -> Choice | None:
        rules = self.by_code.get(code, [])
        said = evidence.lines.lower()
        for rule in rules:
            for pattern in rule.reply:
                if pattern.lower() in said:
                    return Choice(rule, "reply", pattern)
        for rule in rules:
            for pattern in rule.hosts:
                for host in evidence.hosts:
                    if host_matches(host, pattern):
                        return Choice(rule, "host", pattern, host, evidence.where)
        return None


def rules_of(entries: Iterable) -> list[MeaningRule]:
    """The meanings of content entries (generator content model) as rules."""
    rules = []
    for entry in entries:
        for meaning in entry.meanings:
            rules.append(MeaningRule(
                entry=entry.code,
                emitter=meaning.emitter,
                codes=tuple(meaning.codes or [entry.code]),
                reply=tuple(meaning.match.reply),
                hosts=tuple(meaning.match.hosts),
            ))
    return rules
