"""Replies that bounce-processing tools (list and campaign software, ESP
webhooks) recorded from real receiving servers get the reason their words
give.  Each is wrapped in the report a Postfix sender writes, and the lookup
page's JavaScript must decide them as Python does."""
from __future__ import annotations

from bounce_shapes import assert_reason, each_case, postfix_dsn, shaped

REPLIES = [
    # Exchange Online's 5.7.124, a distribution group's delivery restriction (the text of its row
    # in Microsoft's NDR table, ../shared/reference/exchange_online_ndr_codes.tsv); the address
    # exists, so it is the group's policy, not an unknown user.
    ("550 5.7.124 Sender not in allowed-senders list", "RCPT TO", "policyviolation", "allowed-senders list"),
    # IONOS (1&1) refusing a recipient whose domain has no usable MX or A record, as Mautic
    # logged it; https://github.com/mautic/mautic/issues/13675
    ("550-Requested action not taken: mailbox unavailable 550 invalid DNS MX or A/AAAA resource record",
     "RCPT TO", "hostunknown", "invalid DNS MX"),
    # Yahoo refusing everything from the sending IP address for good (TSS09, and TS03 before it), as
    # Postal recorded it; https://github.com/postalserver/docs/issues/17
    ("553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT "
     "succeed. See https://postmaster.yahooinc.com/error-codes", "MAIL FROM", "blocked", "permanently deferred"),
    # The same refusal in a Postfix log; https://pastebin.com/NspYGDaR
    ("421 4.7.1 [TS03] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT "
     "succeed. See https://help.yahoo.com/kb/postmaster/SLN3436.html", "MAIL FROM", "blocked",
     "permanently deferred"),
    # A spam filter's verdict in its own words, as a relay's bounce quoted it;
    # https://github.com/wallabag/wallabag/issues/7838 (and https://github.com/tiddlyhost/tiddlyhost-com/issues/213)
    ("550 High probability of spam", "end of DATA", "spamdetected", "probability of spam"),
    # A recipient's anti-spam product refusing the message for its content (its signatures),
    # as Microsoft explains to senders who get it back;
    # https://docs.microsoft.com/en-us/office365/troubleshoot/antispam/message-rejected-ndr
    ("550 5.7.1 Message rejected due to content restrictions", "end of DATA", "spamdetected",
     "content restrictions"),
    # A line longer than the receiving server takes, as Swiftmailer reported the reply;
    # https://github.com/swiftmailer/swiftmailer/issues/989
    ("552 message line is too long", "end of DATA", "contenterror", "line is too long"),
]

CASES = shaped(postfix_dsn, REPLIES)


@each_case(CASES)
def test_replies_get_the_reason_their_words_give(text, reason, quoted):
    assert_reason(text, reason, quoted)


# The new phrases leave other causes to their own rules.
KEPT = shaped(postfix_dsn, [
    # The same DNS words about the sender's domain, in reply to MAIL FROM: the sender is refused.
    ("550 Requested action not taken: invalid DNS MX or A/AAAA resource record of sender domain",
     "MAIL FROM", "rejected", "invalid DNS MX"),
    # A temporary deferral of one message is still only a delay.
    ("451 4.7.1 Message temporarily deferred, please retry later", "end of DATA", "expired", "deferred"),
])


@each_case(KEPT)
def test_other_causes_keep_their_reason(text, reason, quoted):
    assert_reason(text, reason, quoted)
