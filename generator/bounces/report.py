"""A bounce as the text the reason rules read: its headers and its report.

The MIME walk is generator.bounces.message's (every part decoded, HTML as text); this
module only keeps what the sender's MTA wrote and drops the returned original
message, whose headers and body say nothing about why delivery failed.  A
forwarded bounce with no report of its own yields the inner message's report.
"""
from __future__ import annotations

import email
import email.message
from dataclasses import dataclass

from generator.bounces.message import report_parts


@dataclass(frozen=True)
class Report:
    headers: str   # the bounce's own header fields, one a line, unfolded
    body: str      # the decoded report: prose, transcripts, delivery-status fields


def read_report(text: str) -> Report:
    return _report(email.message_from_string(text))


def _report(message: email.message.Message) -> Report:
    headers = "\n".join(f"{name}: {_unfold(str(value))}" for name, value in message.items())
    texts, embedded = report_parts(message)
    body = "\n\n".join(text for text in texts if text.strip())
    if not body.strip() and embedded:
        return _report(embedded[0])
    return Report(headers=headers, body=body)


def _unfold(value: str) -> str:
    return " ".join(value.split())
