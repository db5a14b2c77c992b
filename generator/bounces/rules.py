"""The reason rules: data in generator/data/reasons/rules.json, and the engine
that applies them to one recipient's Evidence.

The lookup page's JavaScript applies the same file the same way (a test runs
both over the corpora and compares): keep every pattern in the common subset
of Python's re and JavaScript's RegExp (no named groups, no inline flags, no
\\A or \\Z, no possessive quantifiers).  Patterns are matched case-insensitively
against a field's text with runs of white space made one space, so a phrase
matches across line breaks.

Rules belong to groups: outcome, phrases, local, codes, weak, replies, notice
and commands.  ``stages`` says which group is tried against which field, most
specific evidence first: the recipient's Action (delivered), phrases in its
diagnostic text, then in its prose, the local delivery agent's result
(X-Unix), its status code, weaker phrases, its reply code, a delay notice's
own words ("could not be delivered for", "will be retried": they say only that
delivery is late), and last the SMTP command.  Another recipient's text never
decides.  Within a stage rules are tried in file order; a rule may also require other fields to match
(``when``).  The first rule that matches gives the reason, which ``refine``
may then narrow (user unknown in reply to DATA, or in a reply with neither a status
code nor a command to place it at RCPT TO, is a filter's verdict, not the
mailbox's, ``unless`` the status or the text says the mailbox does not
exist; ``why``, if given, is what the evidence says of the refinement); if none
matches, ``default``.  A rule for one provider's own code carries a
``source``: the provider's page that says what the code means.  ``delay``
holds the words of reports that are delay warnings, not bounces (delay.py);
``not_bounce`` those of texts that are no bounce at all, such as an automatic
reply or a spam complaint (not_bounce.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.bounces.ascii_words import ascii_words
from generator.bounces.delay import Delay, DelayWords
from generator.bounces.not_bounce import Kind, NotBounceWords
from generator.bounces.once import Once
from generator.errors import UserError

RULES_PATH = Path(__file__).resolve().parents[1] / "data" / "reasons" / "rules.json"
SPACES_RE = re.compile("[ \t\n\r\f\v\u00a0\u3000]+")
# A multi-line reply repeats its codes on every line ("... has an SPF record
# with a 550-5.7.26 hard fail policy"): inside a sentence they are dropped, so
# that phrases match across the line breaks of the reply.
CONTINUATION_RE = re.compile(r"(?<=[^ ]) [245][0-9][0-9][ -][245]\.[0-9]{1,3}\.[0-9]{1,3}(?= )")
# How much of a field the patterns read: reports are a few kilobytes once the
# returned message is cut off; this bounds the time a huge paste can take.
MATCHED_CHARS = 20000
# The group of rules that read a status code alone.
CODES_GROUP = "codes"
# The longest excerpt of matched text that a verdict's evidence quotes.
QUOTE_CHARS = 80


@dataclass(frozen=True)
class Condition:
    field: str
    pattern: re.Pattern
    when: tuple = ()    # Conditions on other fields that must hold as well (a delay notice's "when")

    def search(self, fields: dict, once: Once | None = None) -> re.Match | None:
        """Through once, a text every recipient of a bounce shares is searched once, not once each."""
        value = fields.get(self.field)
        if not value:
            return None
        found = once.search(self.pattern.search, value) if once else self.pattern.search(value)
        return found if found and all(extra.search(fields, once) for extra in self.when) else None


@dataclass(frozen=True)
class Rule:
    group: str
    reason: str
    pattern: re.Pattern
    when: tuple[Condition, ...]

    def applies(self, fields: dict, once: Once | None = None) -> bool:
        return all(extra.search(fields, once) for extra in self.when)


@dataclass(frozen=True)
class Stage:
    group: str
    field: str


@dataclass(frozen=True)
class Refinement:
    reason: str
    to: str
    when: tuple[Condition, ...]
    unless: tuple[Condition, ...]
    why: str  # said in the evidence instead of the fields ``when`` names

    def applies(self, reason: str, fields: dict, once: Once | None = None) -> bool:
        return (
            reason == self.reason
            and all(c.search(fields, once) for c in self.when)
            and not any(c.search(fields, once) for c in self.unless)
        )


@dataclass(frozen=True)
class Decision:
    reason: str
    evidence: str


@dataclass(frozen=True)
class Rules:
    stages: tuple[Stage, ...]
    rules: tuple[Rule, ...]
    refinements: tuple[Refinement, ...]
    families: tuple[tuple[str, Condition], ...]
    commands: tuple[tuple[str, re.Pattern], ...]
    delay: DelayWords
    not_bounce: NotBounceWords
    default: str

    def family(self, fields: dict) -> str | None:
        fields = matchable(fields)
        for family, condition in self.families:
            if condition.search(fields):
                return family
        return None

    def decide(self, evidence: dict, once: Once | None = None) -> Decision:
        """The reason of one recipient's evidence.  The records of one bounce share
        ``once``: a text many of them share is made matchable and searched by each
        rule once, not once per recipient."""
        once = once or Once()
        fields = matchable(evidence, once)
        decision = self._first_match(fields, once)
        for refinement in self.refinements:
            if refinement.applies(decision.reason, fields, once):
                named = ", ".join(f"{c.field} {fields[c.field]}" for c in refinement.when)
                return Decision(refinement.to, f"{decision.evidence}; {refinement.why or named}")
        return decision

    def delay_of(self, evidence: dict, once: Once | None = None) -> Delay | None:
        """Whether the recipient's message is only delayed, still being retried (delay.py)."""
        once = once or Once()
        return self.delay.of(evidence, matchable(evidence, once), once)

    def kind_of(self, headers: str, text: str, once: Once | None = None) -> Kind | None:
        """What a text that is not a bounce is (an automatic reply, a complaint, ...), or None (not_bounce.py)."""
        once = once or Once()
        return self.not_bounce.kind_of(matchable({"headers": headers, "text": text}, once), quote, once)

    def code_reason(self, status: str) -> str | None:
        """The reason a status code alone gives (the codes rules), or None: a rule that also asks
        for another field (``when``: the command it answered) says nothing of the code alone."""
        for rule in self.rules:
            if rule.group == CODES_GROUP and not rule.when and rule.pattern.search(status):
                return rule.reason
        return None

    def _first_match(self, fields: dict, once: Once) -> Decision:
        for stage in self.stages:
            value = fields.get(stage.field)
            if not value:
                continue
            for rule in self.rules:
                if rule.group != stage.group:
                    continue
                found = once.search(rule.pattern.search, value)
                if found and rule.applies(fields, once):
                    return Decision(rule.reason, quote(stage.field, found.group(0)))
        return Decision(self.default, "no rule matched")


def matchable(evidence: dict, once: Once | None = None) -> dict:
    """String fields with white space runs made one space (headers keep their lines)."""
    once = once or Once()
    return {name: once.read_by(value[:MATCHED_CHARS] if name == "headers" else once(_spaced, value), evidence)
            for name, value in evidence.items() if isinstance(value, str)}


def _spaced(value: str) -> str:
    return CONTINUATION_RE.sub("", SPACES_RE.sub(" ", value).strip())[:MATCHED_CHARS]


def quote(field: str, text: str) -> str:
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS] + "…"
    return f'{field} "{text}"'


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_PATH) -> Rules:
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return Rules(
            stages=tuple(Stage(item["group"], item["field"]) for item in data["stages"]),
            rules=tuple(
                Rule(item["group"], item["reason"], compile_pattern(item["pattern"], path), _when(item, path))
                for item in data["rules"]
            ),
            refinements=tuple(
                Refinement(item["reason"], item["to"], _when(item, path), _when(item, path, "unless"),
                           item.get("why", ""))
                for item in data["refine"]
            ),
            families=tuple((item["family"], _condition(item, path)) for item in data["families"]),
            commands=tuple((item["command"], compile_pattern(item["pattern"], path)) for item in data["commands"]),
            delay=DelayWords(tuple(_condition(item, path) for item in data["delay"]["notice"]),
                             tuple(_condition(item, path) for item in data["delay"]["unless"]),
                             compile_pattern(data["delay"]["retry"], path)),
            not_bounce=NotBounceWords(_reasoned(data["not_bounce"]["structure"], path),
                                      _reasoned(data["not_bounce"]["words"], path),
                                      tuple(_condition(item, path) for item in data["not_bounce"]["unless"])),
            default=data["default"],
        )
    except KeyError as missing:
        raise UserError(path, None, f"rules entry without {missing}",
                        "see the docstring of generator/bounces/rules.py") from None


def _when(item: dict, path: Path, key: str = "when") -> tuple[Condition, ...]:
    return tuple(Condition(field, compile_pattern(pattern, path)) for field, pattern in item.get(key, {}).items())


def _condition(item: dict, path: Path) -> Condition:
    return Condition(item["field"], compile_pattern(item["pattern"], path), _when(item, path))


def _reasoned(items: list, path: Path) -> tuple[tuple[str, Condition], ...]:
    return tuple((item["reason"], _condition(item, path)) for item in items)


def compile_pattern(pattern: str, path: Path) -> re.Pattern:
    """A rules.json pattern as the page reads it: \\b, \\w and \\d ASCII only (ascii_words)."""
    try:
        return re.compile(ascii_words(pattern), re.IGNORECASE)
    except re.error as exc:
        raise UserError(path, None, f"bad pattern {pattern!r}: {exc}", "fix the regular expression") from None
