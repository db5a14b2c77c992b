"""Delay warnings: reports that say a message is still queued and being retried.

Such a notice is not a bounce yet, and the sender has nothing to send again.
A recipient's delivery-status group says so with ``Action: delayed``; a report
without one says so in its own words ("THIS IS A WARNING MESSAGE ONLY", Exim's
"has not yet been delivered", Postfix's subject "Delayed Mail (still being
retried)"; a log line of a deferral, `status=deferred`, read in the recipient's
own lines, unless they also say its message bounced, or the log says the message
expired, which Postfix logs once for all its recipients; a queue's entry: Postfix's
queue line over an error, Exchange's LastError with a transient status, a notice's
``when`` naming the other fields that must match too), listed in rules.json's
``delay`` with the sentences that say how long the retries go on.  The lookup
page's bounces/delay.js reads them the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.bounces.once import Once

# A recipient whose group has one of these actions was not retried (failed,
# delivered, relayed, expanded): whatever the report's words, it is no delay.
UNDECIDED_ACTIONS = ("delayed", "")


@dataclass(frozen=True)
class Delay:
    retry: str | None   # the report's own words on how long the retries go on


@dataclass(frozen=True)
class DelayWords:
    notice: tuple   # conditions on the report's text, headers and the recipient's prose: any one that holds
    unless: tuple   # makes a delay warning, unless one of these holds (a log that says the message bounced)
    retry: re.Pattern

    def of(self, record: dict, fields: dict, once: Once) -> Delay | None:
        """The delay a recipient's record reports (``fields``: the record made matchable), or None."""
        action = record["action"]
        if action not in UNDECIDED_ACTIONS:
            return None
        if action != "delayed" and not (_holds(self.notice, fields, once) and not _holds(self.unless, fields, once)):
            return None
        if record.get("retry"):
            return Delay(f"Will-Retry-Until: {record['retry']}")
        return Delay(once(self._retry_words, record["text"]))

    def _retry_words(self, text: str) -> str | None:
        """The words, on one line; an ESP event's JSON member without its quotes
        ("retry-seconds": 600 -> retry-seconds: 600)."""
        found = self.retry.search(text)
        return " ".join(found.group(0).replace('"', "").split()) if found else None


def _holds(conditions: tuple, fields: dict, once: Once) -> bool:
    """One of the conditions holds.  Each searches its field's text once per bounce: the report's
    text and headers are the same for every recipient, only the prose is each one's own."""
    return any(condition.search(fields, once) for condition in conditions)
