"""Header lines of a forwarded message pasted into the text without a forwarding line
("Od: ...", "Do: ...", "Temat: ..." as a Polish web mail shows them; Outlook's "From:",
"Sent:", "To:"). bounces/pasted_headers.js reads them alike."""
from __future__ import annotations

import re

from generator.bounces.address import ADDRESS_RE
from generator.bounces.report import FIELD_NAME_RE

# A run of "Name: value" lines with a From and a To among them: their addresses are the forwarded
# message's sender and addressees (the poster), as a forward's header block's are.
PASTED_FIELD_LINE_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*[ \t]*:")
PASTED_ADDRESS_FIELDS = ("from", "to", "cc")


def pasted_header_addresses(body: str) -> set[str]:
    """The addresses of the From, To and Cc lines of each run of header lines in the text that has a From and a To."""
    addresses, run = set(), []
    for line in body.split("\n") + [""]:
        field = FIELD_NAME_RE.match(line)
        if field or PASTED_FIELD_LINE_RE.match(line):
            run.append((field.lastgroup if field else None, line))
            continue
        if {"from", "to"} <= {name for name, _ in run}:
            addresses |= {address.lower() for name, text in run if name in PASTED_ADDRESS_FIELDS
                          for address in ADDRESS_RE.findall(text)}
        run = []
    return addresses
