"""Tables of events, a row a line under a header, down to a blank line: PowerShell's (Format-Table: a
header line and a line of dashes under each column's name) of Exchange's tracking log
(Get-MessageTrackingLog's "Timestamp  EventId  Source  Sender  Recipients ...") and Exchange Online's
message trace (Get-MessageTraceV2's "Received  SenderAddress  RecipientAddress  Subject  Status"), and
CSV under its header line (the tracking log's own "#Fields: date-time,...,event-id,..." and Exchange
Online's message trace export).  Each row is an event of one message: a recipient is read with its own
rows, not with the next row's event or status.  bounces/table_rows.js reads them the same way.
"""
from __future__ import annotations

import re

from generator.bounces.address import ADDRESS_RE
from generator.bounces.recipients import CSV_HEADER_RE, TABLE_HEADER_RE

BLANK_LINE_RE = re.compile(r"\n[ \t]*(?:\n|$)")


def table_entries(body: str, recipients: list[str | None]) -> dict[str, str]:
    """Each recipient's rows of the tables in body, one row a line."""
    wanted = {recipient for recipient in recipients if recipient}
    entries: dict[str, list[str]] = {}
    read_to = 0
    headers = sorted([*TABLE_HEADER_RE.finditer(body), *CSV_HEADER_RE.finditer(body)], key=lambda found: found.start())
    for header in headers:
        if header.start() < read_to:
            continue  # a header line inside rows already read
        blank = BLANK_LINE_RE.search(body, header.end() + 1)
        read_to = blank.start() if blank else len(body)
        for row in body[header.end() + 1 : read_to].split("\n"):
            for address in sorted({found.group(0).lower() for found in ADDRESS_RE.finditer(row)} & wanted):
                entries.setdefault(address, []).append(row)
    return {recipient: "\n".join(rows) for recipient, rows in entries.items()}
