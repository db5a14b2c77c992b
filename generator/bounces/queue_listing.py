"""Mail queue listings pasted for help (Postfix's mailq, postqueue -p).

Each entry starts with a line of its queue ID, size, arrival time and sender;
under it come the delivery errors, each in parentheses and followed by the
recipients it is about, each on a line of its own.  A recipient is read with
the error above its own line; the queue line's size and ID are no reply code,
and its address is the sender.  bounces/queue_listing.js reads them the same way.
"""
from __future__ import annotations

import re

from generator.bounces.address import ADDRESS_LINE

QUEUE_LINE_RE = re.compile(
    r"^[ \t]*[0-9A-Za-z]{6,}[*!]?[ \t]+[0-9]+[ \t]+[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]{1,2} [0-9]{2}:[0-9]{2}:[0-9]{2}[^\n]*",
    re.MULTILINE)
QUEUE_RECIPIENT_RE = re.compile(ADDRESS_LINE)
# A queue line's sender stands right after its ID, size and arrival time: an address further
# into its line is on no queue line, and its line's start is not searched for (on a line of
# megabytes, once per address, that search made a paste's time grow with its square).
QUEUE_SENDER_WITHIN = 256


def queue_entries(body: str, recipients: list[str | None]) -> dict[str, str]:
    """Each recipient's parts of a mail queue listing, below their queue lines: the error
    above a recipient is its own, and the size on the queue line is no reply code."""
    starts = list(QUEUE_LINE_RE.finditer(body))
    wanted = {recipient for recipient in recipients if recipient}
    entries: dict[str, list[str]] = {}
    for start, after in zip(starts, [*starts[1:], None]):
        for address, part in _recipients(body[start.end() : after.start() if after else len(body)]):
            if address in wanted:
                entries.setdefault(address, []).append(part)
    return {recipient: "\n".join(parts) for recipient, parts in entries.items()}


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
