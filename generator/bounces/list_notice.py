"""A mailing-list manager's notice that mail to a member's address has been bouncing.

Mailman, Sympa and ezmlm tell the member ("Your membership in the mailing list
X has been disabled due to excessive bounces") or the list's owners ("Member:
a@b / Action: Subscription disabled.") that messages the list sent to the
member bounced.  The failed address is the member's: the one the notice names
as the member, else the one it is sent to (its To: field).  The list's own
addresses it gives (its owner, its request address, the site's administrator)
are contacts, never the failed address.  bounces/list_notice.js reads notices
the same way.
"""
from __future__ import annotations

import re

from generator.bounces.address import ADDRESS, ADDRESS_RE
from generator.bounces.ascii_words import ascii_compile

# The notices' own sentences, as the list managers' templates word them:
# Mailman 2's disabled.txt and Mailman 3's list:user:notice:warning ("... has been disabled due to
# excessive bounces"), Mailman 3's list:admin:notice:disable ("... bounce_score_threshold") and
# list:admin:notice:removal ("... has been unsubscribed from L due to excessive bounces"), Mailman 2's bounce.txt ("This is a
# Mailman mailing list bounce action notice"), Mailman 3's list:user:notice:probe ("has received a
# number of bounces from you"), Sympa's removed.tt2 and listowner_notification.tt2 ("because we
# received (MANY) non-delivery reports"), ezmlm's bounce-warn and bounce-probe ("Messages to you
# ... seem to have been bouncing").  "due to excessive bounces" alone is no notice: a server's reply
# may give it as its reason ("550 5.7.1 Sender blocked due to excessive bounces"), whose recipient failed.
NOTICE_RE = ascii_compile(
    r"\bhas\s+been\s+(?:disabled|(?:unsubscribed|removed)\s+from\s+\S+)\s+due\s+to\s+excessive\s+bounces\b"
    r"|\bbounce_score_threshold\b|\bmailing\s+list\s+bounce\s+action\s+notice\b"
    r"|\bhas\s+received\s+a\s+number\s+of\s+bounces\s+from\s+you\b|\bbecause\s+we\s+received\s+(?:many\s+)?non-delivery\s+reports\b"
    r"|\bmessages\s+to\s+you\b[^.]{0,80}?\bseem\s+to\s+have\s+been\s+bouncing\b",
    re.IGNORECASE)
# Where a notice names the member: Mailman 2's "Member: a@b", Mailman 3's "a@b's subscription has
# been disabled", "a@b has been unsubscribed from ...", "... delivering messages to a@b" (its probe),
# Sympa's "Your address (a@b) has been removed".  The address before its words is searched for
# only where one can start (ADDRESS_RE's lookbehind): a long run of letters is not scanned from each.
# The addresses case-sensitive ((?-i:...)): Python's ignore-case [A-Za-z] takes the Kelvin sign and the long s,
# which the page's JavaScript does not (bench/parity.py's edge probes).
MEMBER_RE = ascii_compile(
    r"\bMember:[ \t]*<?((?-i:" + ADDRESS + r"))"
    r"|<?((?-i:" + ADDRESS_RE.pattern + r"))>?(?:'s\s+subscription\s+has\s+been\s+disabled|\s+has\s+been\s+(?:unsubscribed|removed)\s+from\b)"
    r"|\bproblem\s+delivering\s+messages\s+to\s+<?((?-i:" + ADDRESS + r"))"
    r"|\byour\s+address\s+\(<?((?-i:" + ADDRESS + r"))>?\)",
    re.IGNORECASE)
# Sympa's notice to the owners lists the members after "the subscribers listed below have been removed
# from list X:" (older templates wrote "subsribers listed bellow"), one a line.
LISTED_BELOW_RE = ascii_compile(r"\blisted\s+bel+ow\s+have\s+been\b[^:]{0,120}:", re.IGNORECASE)


def list_notice_members(headers: str, body: str) -> list[str] | None:
    """The members whose address has been bouncing, when the text is a list manager's notice of it
    (those it names, else those it is sent to: maybe none, in a paste without its header); else None."""
    if not NOTICE_RE.search(body):
        return None
    named = [next(group for group in found.groups() if group).lower() for found in MEMBER_RE.finditer(body)]
    listed = LISTED_BELOW_RE.search(body)
    if listed:
        named += [address.lower() for address in ADDRESS_RE.findall(body, listed.end())]
    if named:
        return list(dict.fromkeys(named))
    sent_to = [line.split(":", 1)[1] for line in headers.split("\n") if line.lower().startswith("to:")]
    return list(dict.fromkeys(address.lower() for line in sent_to for address in ADDRESS_RE.findall(line)))
