"""An SMTP session's transcript, as a client's protocol log writes it: which reply answered which command.

A client marks what it sent and what it read (K-9 Mail's "SMTP >>> RCPT TO:<a@b>" and "SMTP <<< 250
2.1.5 Ok", swaks's " -> " and "<-  ", a "C:"/"S:" log).  A client that pipelines (RFC 2920) sends its
MAIL FROM, every RCPT TO and DATA at once and reads the replies after them, in the commands' order:
a recipient's RCPT TO is answered by the reply in its place, not by the line under it.  A recipient
the server accepted there did not fail, when another was refused and nothing after the recipients
failed (a refused DATA, or a refused message at its end, fails every recipient).  The lookup page
reads a transcript alike (site_overrides/assets/javascripts/bounces/transcript.js).
"""
from __future__ import annotations

import re
from collections import deque

from generator.bounces.address import ADDRESS_RE
from generator.bounces.ascii_words import ascii_compile

# A line the client sent (">>>", "->", "C:") or one it read ("<<<", "<-", "S:"), and what follows the mark.
# Its \b is ASCII only, as the page's: "한S: 550" is a mark too.
LINE_RE = ascii_compile(r"^[^\n]*?(?:(?P<client>>>>|->|\bC:)|(?P<server><<<|<-|\bS:))[ \t]*(?P<rest>[^\n]*)", re.MULTILINE)
# A reply's line: its code, and "-" when more lines of the same reply follow.
REPLY_LINE_RE = re.compile(r"([2-5][0-9][0-9])(-?)(?![0-9])")
RECIPIENT_COMMAND_RE = re.compile(r"RCPT TO:", re.IGNORECASE)
DATA_COMMAND_RE = re.compile(r"DATA\b|BDAT\b", re.IGNORECASE)
# The lone "." that ends the message's data.
DATA_END_RE = re.compile(r"\.[ \t]*$")


def accepted_recipients(text: str) -> set[str]:
    """The recipients whose RCPT TO the server accepted, in a transcript where it refused another's and
    nothing after the recipients failed; none otherwise."""
    if not RECIPIENT_COMMAND_RE.search(text):
        return set()   # no RCPT TO: no line need be read
    pending: deque[str] = deque()   # commands sent and not yet answered, oldest first
    accepted, refused, failed_after, in_data, recipients_sent = set(), set(), False, False, False
    for found in LINE_RE.finditer(text):
        rest = found.group("rest")
        if found.group("client"):
            if in_data:   # the message's lines, up to its "."
                if DATA_END_RE.match(rest):
                    pending.append(".")
                    in_data = False
                continue
            pending.append(rest)
            recipients_sent = recipients_sent or bool(RECIPIENT_COMMAND_RE.match(rest))
            continue
        reply = REPLY_LINE_RE.match(rest)
        if not reply or reply.group(2):
            continue  # no reply, or a line of one that goes on
        command = pending.popleft() if pending else None
        code = reply.group(1)
        if command is not None and RECIPIENT_COMMAND_RE.match(command):
            address = ADDRESS_RE.search(command)
            if address:
                (accepted if code[0] == "2" else refused if code[0] in "45" else set()).add(address.group(0).lower())
        elif code[0] in "45" and recipients_sent:
            failed_after = True
        elif code[0] == "3" and command is not None and DATA_COMMAND_RE.match(command):
            in_data = True
    return accepted - refused if refused and not failed_after else set()
