"""Mail queue listings pasted for help (Postfix's mailq, postqueue -p and -j; Sendmail's mailq).

Each entry starts with a line of its queue ID, size, arrival time and sender;
under it come the delivery errors, each in parentheses and followed by the
recipients it is about, each on a line of its own.  A recipient is read with
the error above its own line; the queue line's size and ID are no reply code,
and its address is the sender.  postqueue -j writes each message as a JSON
object instead, each recipient an object of its own with its "delay_reason".
bounces/queue_listing.js reads them the same way.
"""
from __future__ import annotations

import re

from generator.bounces.address import ADDRESS, ADDRESS_LINE

QUEUE_LINE_RE = re.compile(
    r"^[ \t]*[0-9A-Za-z]{6,}[*!]?[ \t]+[0-9]+[ \t]+[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]{1,2} [0-9]{2}:[0-9]{2}(?::[0-9]{2})?[^\n]*",
    re.MULTILINE)
QUEUE_RECIPIENT_RE = re.compile(ADDRESS_LINE)
# A queue line's sender stands right after its ID, size and arrival time: an address further
# into its line is on no queue line, and its line's start is not searched for (on a line of
# megabytes, once per address, that search made a paste's time grow with its square).
QUEUE_SENDER_WITHIN = 256
# postqueue -j (Postfix 3.1 and later; postqueue(1), "JSON OBJECT FORMAT", https://www.postfix.org/postqueue.1.html):
# a message's "queue_name" (deferred, active, hold, ...), then its "recipients", each an object
# {"address": "a@b", "delay_reason": "..."}, the reason there only for a deferred delivery.  A JSON
# object whose strings may hold braces, read without backtracking into them.
JSON_QUEUE_RE = re.compile(r'"queue_id"\s*:')
JSON_QUEUE_OBJECT_RE = re.compile(r'\{(?:[^{}"]|"(?:[^"\\\n]|\\.)*")*\}')
JSON_QUEUE_ADDRESS_RE = re.compile(r'"address"\s*:\s*"<?(' + ADDRESS + ')')


def queue_entries(body: str, recipients: list[str | None]) -> dict[str, str]:
    """Each recipient's parts of a mail queue listing, below their queue lines: the error
    above a recipient is its own, and the size on the queue line is no reply code."""
    starts = list(QUEUE_LINE_RE.finditer(body))
    listed = [listed for start, after in zip(starts, [*starts[1:], None])
              for listed in _recipients(body[start.end() : after.start() if after else len(body)])]
    wanted = {recipient for recipient in recipients if recipient}
    entries: dict[str, list[str]] = {}
    for address, part in listed or _json_recipients(body):
        if address in wanted:
            entries.setdefault(address, []).append(part)
    return {recipient: "\n".join(parts) for recipient, parts in entries.items()}


def _json_recipients(body: str) -> list[tuple[str, str]]:
    """(address, its object) for each recipient of postqueue -j's listing: a recipient's object
    holds the reason its delivery was deferred, if it was (its message's object holds the recipients'
    objects, so it is none of those found)."""
    if not JSON_QUEUE_RE.search(body):
        return []
    return [(address.group(1).lower(), found.group(0)) for found in JSON_QUEUE_OBJECT_RE.finditer(body)
            if (address := JSON_QUEUE_ADDRESS_RE.search(found.group(0)))]


def _recipients(entry: str) -> list[tuple[str, str]]:
    """(address, the error above it and its line) for each recipient line of a queue entry:
    an entry lists each error, then the recipients it is about (they share it)."""
    parts, error, above = [], [], ""
    for line in entry.split("\n"):
        listed = QUEUE_RECIPIENT_RE.fullmatch(line)
        if not listed:
            error.append(line)
            continue
        if any(text.strip() for text in error):
            above = "\n".join(error)
        error = []
        parts.append((listed.group(1).lower(), f"{above}\n{line}"))
    return parts


def without_queue_lines(body: str) -> str:
    """The text without its queue lines, where no recipient has an entry of its own."""
    return QUEUE_LINE_RE.sub("", body)


def on_queue_line(text: str, match: re.Match) -> bool:
    """An address on a queue listing's queue line: the entry's sender."""
    nearest = max(0, match.start() - QUEUE_SENDER_WITHIN)
    line_start = text.rfind("\n", nearest, match.start()) + 1
    if not line_start and nearest:
        return False
    return bool(QUEUE_LINE_RE.match(text, line_start, match.start()))
