"""Cisco Secure Email's (IronPort AsyncOS) bounce log, pasted for help.

Each entry starts with a line "<time> Info: Bounced: <MID>:<RID>" ("Delayed:" for
a soft bounce, still being retried), then gives the envelope, "From:<a@b>
To:<c@d>" (on the same line in the log; on the next where a manual wraps it),
AsyncOS's "Reason:" (its own label of the status code, such as "4.1.0 - Unknown
address error", whatever the server said) and the server's "Response:".  A
recipient is read with its own entries only, the line that says whether it
bounced or is delayed included.  bounces/bounce_log.js reads them the same way.
"""
from __future__ import annotations

import re

from generator.bounces.address import ADDRESS
from generator.bounces.ascii_words import ascii_compile

ENTRY_RE = ascii_compile(r"^[^\n]*\bInfo: (?:Bounced|Delayed): [0-9]+:[0-9]+\b", re.MULTILINE)
ENVELOPE_TO_RE = ascii_compile(r"\bTo:[ \t]*<(%s)>" % ADDRESS)


def bounce_log_entries(body: str, recipients: list[str | None]) -> dict[str, str]:
    """Each recipient's entries of a bounce log: from an entry's first line to the next entry."""
    starts = [match.start() for match in ENTRY_RE.finditer(body)]
    wanted = {recipient for recipient in recipients if recipient}
    entries: dict[str, list[str]] = {}
    for start, end in zip(starts, [*starts[1:], len(body)]):
        to = ENVELOPE_TO_RE.search(body, start, end)
        if to and to.group(1).lower() in wanted:
            entries.setdefault(to.group(1).lower(), []).append(body[start:end])
    return {recipient: "\n".join(parts) for recipient, parts in entries.items()}
