"""Reasons that say no more than the evidence does (issue #15).

A status code alone gives a reason only where its meaning names one: X.7.0 ("other or undefined
security status") and X.7.1 ("delivery not authorized, message refused": per-host or per-recipient
filtering, RFC 3463) name none.  And a generic phrase of one reason ("rejected by the user", "IP is
rejected", Haraka's "Too many failures (") does not take a reply whose words name a more specific
cause.  The replies are made up but worded as servers word them, in Postfix's report."""
from __future__ import annotations

import pytest

from bounce_shapes import assert_reason, each_case, engine_page, postfix_dsn, postfix_report, shaped
from generator.bounces.classify import classify
from generator.bounces.rules import load_rules
from generator.lookup import lookup

CODE_ALONE = [
    # Nothing but the code and words that name no cause: the cause stays open, and in reply to
    # RCPT TO it is no unknown mailbox (before: rejected, "the sender's address was refused").
    ("554 5.7.1 Message rejected", "RCPT TO", "onhold", '"5.7.1"'),
    ("550 5.7.1 Delivery not authorized", "RCPT TO", "onhold", '"5.7.1"'),
    # (before: securityerror, "a security requirement wasn't met": sign-in or TLS).
    ("550 5.7.0 Message refused", "RCPT TO", "onhold", '"5.7.0"'),
    ("550 5.7.12 Message refused", "RCPT TO", "onhold", '"5.7.12"'),
    # In reply to MAIL FROM, all the server knows is the sender: it refused the sender, and the weak
    # word "denied" does not make it a block of the sending host.
    ("550 5.7.1 Access denied", "MAIL FROM", "rejected", '"5.7.1"'),
    # A temporary refusal there is no refused sender: its words decide ("try again later": the server's
    # own trouble), as for any other command (before: rejected, "the sender's address was refused").
    ("421 4.7.0 Temporary System Problem. Try again later", "MAIL FROM", "systemerror", "Try again later"),
    ("451 4.7.1 Please try again later", "MAIL FROM", "systemerror", "try again later"),
    # After DATA, the message: the command decides as for any reply that names no cause.
    ("554 5.7.1 Message rejected", "end of DATA", "filtered", 'command "DATA"'),
]

ORDER = [
    # "rejected by the user" is the recipient's own refusal, but not when the words go on to name
    # the cause (before: filtered for each).
    ("550 5.1.1 <a@example.org>: rejected by the user database: no such user", "RCPT TO",
     "userunknown", "no such user"),
    ("550 5.1.1 Recipient rejected by the user directory", "RCPT TO", "userunknown", "Recipient rejected"),
    ("552 5.2.2 Mail rejected by the user: quota exceeded", "RCPT TO", "mailboxfull", "quota exceeded"),
    ("550 5.2.1 Mail rejected by the user: account disabled", "RCPT TO", "suspend", "account disabled"),
    ("550 Your message was rejected by this user and was not delivered", "end of DATA",
     "filtered", "rejected by this user"),
    # "IP is rejected" is a block of the sending host unless the words say why (before: blocked).
    ("450 4.7.1 Your IP is rejected: too many connections from your IP, try again later", "RCPT TO",
     "toomanyconn", "too many connections"),
    ("550 5.7.25 IP address was rejected: no PTR record for your IP", "RCPT TO", "requireptr", "PTR"),
    ("550 5.7.1 IP address is rejected: SPF check failed for the sender's domain", "RCPT TO",
     "authfailure", "SPF"),
    ("550 IP is rejected", "RCPT TO", "blocked", "IP is rejected"),
    # "Mail from <X> rejected" refuses the sender address X, not the sending host's IP address: iCloud's
    # refusal of an IP on Spamhaus's list (a live reply) is a block (before: rejected, "the sender's
    # address was refused"); a sender's address there still is.
    ("550 5.7.1 Mail from IP 106.219.72.198 was rejected due to listing in Spamhaus SBL", "RCPT TO",
     "blocked", "Spamhaus"),
    ("554 Mail from 198.51.100.7 rejected: listed at zen.spamhaus.org", "RCPT TO", "blocked", "spamhaus"),
    ("550 5.7.1 Mail from nekonyaan@example.net rejected for policy", "MAIL FROM", "rejected", "Mail from"),
    # Haraka's "Too many failures (<its last error>)": a server's refusal of failed sign-ins is no
    # retry given up (before: expired).
    ("535 5.7.8 Too many failures (authentication failed), try again later", "MAIL FROM",
     "securityerror", "authentication failed"),
]
WORDS = [
    # Mimecast's refusal after DATA puts it down to the receiving side's policies, not to a filter of
    # the recipient's own (before: filtered, from the command); sisimai's own reason tests read it as
    # PolicyViolation (its held-out label, virusdetected, is said by no word of it).
    ("554 email rejected due to security policies - MCSpamSignature.sa.2.2", "end of DATA",
     "policyviolation", "rejected due to security policies"),
    # Gmail's refusal of mail sent straight from an end user's IP address: the sending host, whatever
    # the command (before: filtered after DATA, rejected from X.7.1 alone elsewhere).
    ("550-5.7.1 [198.51.100.7] The IP you're using to send mail is not authorized to 550-5.7.1 send email "
     "directly to our servers. Please use the SMTP relay at your 550 5.7.1 service provider instead.",
     "end of DATA", "blocked", "not authorized"),
    # Gmail's refusal of a host the recipient's domain does not list: the sending host, whatever the command
    # (before: from the code or the command alone: onhold, rejected, filtered).
    ("421 4.7.0 IP not in whitelist for RCPT domain, closing connection.", "RCPT TO", "blocked", "not in whitelist"),
    ("421 4.7.0 IP not in whitelist for RCPT domain, closing connection.", "MAIL FROM", "blocked", "not in whitelist"),
    # Gmail's refusal of mail its sender's domain does not authenticate (SPF, DKIM), listed under 5.7.1 in
    # Google's list of Gmail errors (before: onhold at RCPT TO, filtered after DATA, from the code or the
    # command alone, since X.7.1 alone gives no reason).
    ("550 5.7.1 Unauthenticated email is not accepted from this domain. - gsmtp", "RCPT TO", "authfailure",
     "Unauthenticated email is not accepted"),
    ("550 5.7.1 Unauthenticated email is not accepted from this domain. - gsmtp", "end of DATA", "authfailure",
     "Unauthenticated email is not accepted"),
    # Google Workspace's SMTP relay refusing a host not registered in its settings, as its "Mail relay denied
    # ... Invalid credentials for relay" already read (before: onhold, from the code alone).
    ("550 5.7.1 Invalid credentials for relay [198.51.100.7]. The IP address you've registered in your Google "
     "Workspace SMTP Relay service doesn't match domain of the account this email is being sent from.", "RCPT TO",
     "norelaying", "Invalid credentials for relay"),
    # Line ends without carriage returns, in the plural too: one rule for every server's words (hMailServer's
    # "Message containing bare LF's" had a rule of its own, which decided nothing the general one did not).
    ("554 Rejected: bare LFs are not allowed", "end of DATA", "contenterror", "bare LFs"),
    ("554 Rejected - Message containing bare LF's.", "end of DATA", "contenterror", "bare LF"),
    # A policy whose check the words name: that check decides.
    ("550 5.7.1 Email rejected due to DMARC policy for example.net", "end of DATA", "authfailure", "DMARC"),
]
CASES = shaped(postfix_report, CODE_ALONE) + shaped(postfix_report, WORDS) + shaped(postfix_report, ORDER) + shaped(postfix_dsn, CODE_ALONE[:3])


@each_case(CASES)
def test_a_reason_says_no_more_than_its_evidence(text, reason, quoted):
    assert_reason(text, reason, quoted)


def test_the_page_reads_them_alike(browser):
    texts = [text for text, _, _ in CASES]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "ts => ts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => v.reason))", texts)
    assert javascript == [[reason] for _, reason, _ in CASES]
    assert javascript == [[verdict.reason for verdict in classify(text)] for text in texts]


@pytest.mark.parametrize("code", ["5.7.0", "5.7.1", "4.7.1"])
def test_a_code_that_names_no_cause_typed_alone_shows_its_entry_without_a_reason(code, browser):
    assert load_rules().code_reason(code) is None
    assert [match.reason for match in lookup(code)] == [None]
    assert [match.reason for match in lookup(f"554 {code} Message rejected")] == [None]
    with engine_page(browser) as page:
        assert page.evaluate("c => engine.codeReason(c)", code) is None
