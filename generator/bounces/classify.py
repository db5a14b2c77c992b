"""Why a bounce bounced: a reason, in sisimai's vocabulary, for each failed recipient.

    from generator.bounces.classify import classify
    for verdict in classify(text):
        print(verdict.recipient, verdict.reason, verdict.evidence)

The reason comes from the rules in generator/data/reasons/rules.json
(generator.bounces.rules) applied to what the report says about each
recipient (generator.bounces.evidence).  It needs no status code: the reply
text, the SMTP command and the sender's phrasing are evidence too.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.bounces.evidence import gather
from generator.bounces.once import Once
from generator.bounces.report import Report, read_report
from generator.bounces.rules import Rules, load_rules

# How much of the report the family patterns read besides the headers.
FAMILY_TEXT_CHARS = 4000


@dataclass(frozen=True)
class Verdict:
    recipient: str | None
    status: str | None      # the enhanced status code given for the recipient
    reply: str | None       # the reply line the remote server sent, if any
    reason: str             # a reason id: userunknown, mailboxfull, ...
    family: str | None      # the sender family whose phrasing was recognized
    evidence: str           # which field matched what
    delayed: bool = False   # a delay warning: the message is still being retried, not returned
    retry: str | None = None  # what the warning says of how long the retries go on

    def as_json(self) -> dict:
        return {
            "recipient": self.recipient, "status": self.status, "reply": self.reply,
            "reason": self.reason, "family": self.family, "evidence": self.evidence,
            "delayed": self.delayed, "retry": self.retry,
        }


def classify(text: str, rules: Rules | None = None) -> list[Verdict]:
    """One verdict per failed recipient of the bounce in text, in the report's order; for a text that
    is no bounce (an automatic reply, a complaint, ...: not_bounce.py), one verdict without a recipient
    that says what it is."""
    rules = rules or load_rules()
    once = Once()
    report = read_report(text)
    kind = rules.kind_of(report.headers, report.body, once)
    if kind:
        return [Verdict(None, None, None, kind.reason, None, kind.evidence)]
    return [_verdict(record, rules, once) for record in _records(report, rules)]


def evidence_records(text: str, rules: Rules | None = None) -> list[dict]:
    """The fields the rules read, per recipient: what the JavaScript engine is also given."""
    rules = rules or load_rules()
    return _records(read_report(text), rules)


def _records(report: Report, rules: Rules) -> list[dict]:
    family = rules.family({"headers": report.headers, "text": report.body[:FAMILY_TEXT_CHARS]})
    return [record.fields() for record in gather(report, rules.commands, family)]


def _verdict(record: dict, rules: Rules, once: Once) -> Verdict:
    decision = rules.decide(record, once)
    delay = rules.delay_of(record, once)
    return Verdict(
        recipient=record["recipient"],
        status=record["status"],
        reply=record["reply"],
        reason=decision.reason,
        family=record["family"],
        evidence=decision.evidence,
        delayed=delay is not None,
        retry=delay.retry if delay else None,
    )

