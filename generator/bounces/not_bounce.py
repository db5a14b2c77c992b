"""Texts people paste that are not bounces: an automatic reply, a spam complaint
(a feedback report), a read receipt, a quarantine notice.

Nothing was returned to the sender in any of them, so no failed recipient is
looked for.  rules.json's ``not_bounce`` says how each is told, in two lists:

- ``structure``: the message's own structure, which no bounce has: the report
  type of RFC 5965's feedback report or RFC 8098's disposition notification,
  their ``Feedback-Type:`` and ``Disposition:`` fields.  Decisive.
- ``words``: header fields and phrases (RFC 3834's ``Auto-Submitted:
  auto-replied``, an auto-reply's subject, Microsoft 365's quarantine notice),
  each with its source.  A bounce can carry them too (Exim marks its bounces
  ``Auto-Submitted: auto-replied``; a bounce's subject quotes the returned
  message's), so they count only when none of ``unless`` (what makes a text a
  bounce: a delivery-status report, its fields, a mailer daemon's sender or
  subject) holds.

Only the text's own headers and report are read (generator.bounces.report):
a returned original message, with its own ``Auto-Submitted`` or subject,
decides nothing.  bounces/not_bounce.js (kindOf) reads the same lists the same way.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.bounces.once import Once


@dataclass(frozen=True)
class Kind:
    reason: str     # a reason id: vacation, oofdropped, feedback, readreceipt, quarantined
    evidence: str   # which field matched what


@dataclass(frozen=True)
class NotBounceWords:
    structure: tuple   # (reason, Condition): decisive
    words: tuple       # (reason, Condition): unless a bounce's sign holds
    unless: tuple      # Conditions: signs of a bounce

    @property
    def reasons(self) -> frozenset[str]:
        return frozenset(reason for reason, _ in self.structure + self.words)

    def kind_of(self, fields: dict, quote, once: Once | None = None) -> Kind | None:
        """What the text is when it is not a bounce (``fields``: its matchable headers and text), or None."""
        once = once or Once()
        found = self._first(self.structure, fields, quote, once)
        if found or any(condition.search(fields, once) for condition in self.unless):
            return found
        return self._first(self.words, fields, quote, once)

    @staticmethod
    def _first(rules: tuple, fields: dict, quote, once: Once) -> Kind | None:
        for reason, condition in rules:
            matched = condition.search(fields, once)
            if matched:
                return Kind(reason, quote(condition.field, matched.group(0).strip()))
        return None
