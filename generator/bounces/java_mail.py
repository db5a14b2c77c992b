"""Java Mail's (Jakarta Mail, Angus Mail) refusals pasted together.

Java Mail gives each address a server refused an SMTPAddressFailedException whose
message is the server's reply ("550 5.1.1 <a@b>: Recipient address rejected: ...");
a log that prints an exception's chain of causes one a line labels each
"'Invalid Addresses' (3x caused by later): 471 4.7.1 ...".  Several of them in one
paste are several failures, each with its own reply and the address that reply
names, if any: they are read one by one, not as one text whose first address
would take every reply.  The same failure printed again further down a stack
trace ("Caused by: ...SMTPAddressFailedException: 550 ...") is one failure.
bounces/java_mail.js reads them the same way.
"""
from __future__ import annotations

import re

from generator.bounces.address import ADDRESS_RE
from generator.bounces.ascii_words import ascii_compile

ENTRY_RE = ascii_compile(r"(?:\bSMTPAddressFailedException|'Invalid Addresses'[^\n:]*):[ \t]*(?=[45][0-9][0-9][ -])")


def java_mail_entries(body: str) -> list[tuple[str | None, str]]:
    """(the address its reply names, or None; the failure's text from its reply on) for each
    refusal, when the text holds more than one; else none."""
    starts = list(ENTRY_RE.finditer(body))
    entries: dict[str, tuple[str | None, str]] = {}
    for start, after in zip(starts, [*starts[1:], None]):
        text = body[start.end() : after.start() if after else len(body)]
        reply_line = text.split("\n", 1)[0].strip()
        address = ADDRESS_RE.search(reply_line)
        entries.setdefault(reply_line, (address.group(0).lower() if address else None, text))
    return list(entries.values()) if len(entries) > 1 else []
