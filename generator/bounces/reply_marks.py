"""What closes a reply a report quotes: the marks of the text around it, not the server's words.

A reply is read to its line's end (generator.bounces.reply), and that end may hold what the text
around it opened before the reply: Postfix's log closes "(host ... said: 550 ...)", Exchange its
"Remote Server returned '550 ...'", a library its 'with message "550 ...".', sendmail its
"(reason: 550 ...)", Markdown its "`...`".  The lookup page drops them alike
(site_overrides/assets/javascripts/bounces/reply_marks.js).
"""
from __future__ import annotations

import re

from generator.bounces.ascii_words import ascii_compile

# Symfony Mailer's 'Expected response code "250" but got code "550", with message "550 ...".' and
# SwiftMailer's: the server's reply quoted whole; the last quote is the library's.
LIBRARY_QUOTE_BEFORE_RE = ascii_compile(r'\bwith message \\?"$')
LIBRARY_QUOTE_AFTER_RE = re.compile(r'"\.?$')
# sendmail's "(reason: 550 5.1.1 <a@b>... User unknown)": its parenthesis closes the reply, and what
# follows it on the line (a note's '". What does it mean?') is no part of it.
SENDMAIL_REASON_BEFORE_RE = re.compile(r"\(reason:[ \t]*$")


def balanced(reply: str, before: str) -> str:
    """The reply without the closing marks of the text around it: Postfix's log
    ("status=bounced (host ... said: 550 ... (in reply to RCPT TO command))"),
    Exchange's "Remote Server returned '550 ...'", Markdown code ("`<a@b>: 550 ...`")."""
    if SENDMAIL_REASON_BEFORE_RE.search(before):
        return before_unopened_parenthesis(reply)
    reply = _without_unopened_closes(reply)
    if LIBRARY_QUOTE_BEFORE_RE.search(before):
        reply = without_library_quote(reply, before)
    else:
        for mark in "'\"":
            # Outlook Express's "Server Response: '550 ...', Port: 25, ...": the quote opened just before
            # the reply closes it.
            if before.endswith(mark) and before.count(mark) % 2 and (close := reply.find(mark + ", ")) > 0:
                reply = reply[:close]
            # A note quoting a reply ends its sentence after its quote: '... (in reply to RCPT TO command)".'
            if reply.endswith(mark + ".") and before.count(mark) % 2:
                reply = reply[:-1]
            if reply.endswith(mark) and before.count(mark) % 2:
                reply = reply[:-1]
        reply = _without_unopened_closes(reply)
    # A backquote is never an apostrophe: one left alone closes Markdown code
    # opened before the reply (perhaps before the recipient the prose starts at).
    if reply.endswith("`") and reply.count("`") % 2:
        reply = reply[:-1]
    return reply


def _without_unopened_closes(reply: str) -> str:
    """The reply without the ")" at its end that close parentheses opened before it.  Counted once:
    counted again for each ")" dropped, a run of them took time in the square of its length."""
    unopened = reply.count(")") - reply.count("(")
    return reply[:len(reply) - min(max(unopened, 0), len(reply) - len(reply.rstrip(")")))]


def before_unopened_parenthesis(reply: str) -> str:
    """The reply up to the first ")" that closes a parenthesis opened before it."""
    close = unopened_close(reply, "()", 0, len(reply))
    return reply if close is None else reply[:close]


def unopened_close(text: str, pair: str, start: int, end: int) -> int | None:
    """Where, between start and end, the first closing mark of pair ("()", "{}") is that closes
    one opened before start, if any."""
    depth = 0
    for at in range(start, min(len(text), end)):
        depth += (text[at] == pair[0]) - (text[at] == pair[1])
        if depth < 0:
            return at
    return None


def without_library_quote(reply: str, before: str) -> str:
    """Symfony's and SwiftMailer's 'with message "550 ...".' closes the reply it quotes whole,
    whatever quotes the reply holds: its last quote (and period) is the library's."""
    return LIBRARY_QUOTE_AFTER_RE.sub("", reply) if LIBRARY_QUOTE_BEFORE_RE.search(before) else reply
