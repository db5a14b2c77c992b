"""Greylisting: real replies of greylisting servers (Postgrey, greylistd, milter-greylist,
Stalwart, docker-mailserver's Postgrey, the FSF's), each from the post or source named
above it, in the shapes a sender sees them while the message is still retried (a
delay warning, a log line, a provider's note), and the reason the rules give them:
`greylisted`, our own reason id.  The same reply in a report that says the sending
server gave up is `expired`: the message was not delivered and has to be sent again.
Generic "try again later" replies, which greylisting servers also give, are not read
as greylisting: the words do not say so."""
from __future__ import annotations

import json

from bounce_shapes import (RECIPIENT, assert_reason, each_case, exim_report, postfix_deferred_log,
                           postfix_delay, postfix_dsn, postfix_expired_log, postfix_report, provider_report,
                           shaped)
from conftest import ROOT, run_generator
from generator.bounces.classify import classify
from generator.lookup import lookup

DELAYED = [
    # Postgrey's default text, as Postfix gives it; x.com's servers were greylisted.
    # https://github.com/schweikert/postgrey/issues/107
    ("450 4.2.0 <neko@example.org>: Recipient address rejected: Greylisted, see "
     "http://postgrey.schweikert.ch/help/example.org.html", "RCPT TO", "greylisted", "Greylisted"),
    # docker-mailserver's Postgrey text (POSTGREY_TEXT, "Delayed by postgrey").
    # https://github.com/docker-mailserver/docker-mailserver/issues/1397
    ("450 4.2.0 <neko@example.org>: Recipient address rejected: Delayed by postgrey", "RCPT TO",
     "greylisted", "Delayed by postgrey"),
    # greylistd under Exim, a multi-line 451 that names the sender in "mail from <a@b>".
    # https://github.com/mysociety/alaveteli/pull/3745
    ("451-192.0.2.1 is not yet authorized to deliver mail from 451-<request@example.net> to "
     "<neko@example.org>. 451 Please try later.", "RCPT TO", "greylisted", "not yet authorized to deliver mail from"),
    # Stalwart's greylisting reply carries 4.2.2 (mailbox full), not what the code says.
    # https://github.com/stalwartlabs/mail-server/blob/main/crates/smtp/src/inbound/rcpt.rs
    ("452 4.2.2 Greylisted, please try again in a few moments.", "RCPT TO", "greylisted", "Greylisted"),
]
LOGGED = [
    # Postgrey, a mail provider's proxy that never retried from the same address.
    # https://github.com/schweikert/postgrey/issues/82
    ("450 4.2.0 <neko@example.org>: Recipient address rejected: Greylisted", "RCPT TO", "greylisted", "Greylisted"),
    # Postgrey, the recipient without angle brackets (Mail-in-a-Box's log).
    # https://github.com/mail-in-a-box/mailinabox/issues/171
    ("450 4.2.0 neko@example.org: Recipient address rejected: Greylisted, see "
     "http://postgrey.schweikert.ch/help/example.org.html", "RCPT TO", "greylisted", "Greylisted"),
    # milter-greylist's reply when "quiet" (milter-greylist.c: 451, 4.7.1), quoted on a blog.
    # http://www.smurfer.net/index.php?/archives/136-Greylisting-in-action,-please-come-back-later..html
    ("451 4.7.1 Greylisting in action, please come back later", "RCPT TO", "greylisted", "Greylisting"),
]
NOTES = [
    # The FSF's greylisting of hosts without reverse DNS, quoted without its code.
    # https://github.com/reacherhq/check-if-email-exists/blob/master/core/src/smtp/parser.rs
    ("Delivery to the following recipient has been delayed:",
     "You dont seem to have a reverse dns entry. Come back later. You are greylisted for 20 minutes. "
     "See http://www.fsf.org/about/systems/greylisting", "greylisted", "greylisted"),
    # Postgrey's text as Debian configures it ("Greylisted for %s seconds"); the poster's own words dropped.
    # https://github.com/schweikert/postgrey/issues/86
    ("Delivery to the following recipient has been delayed:",
     "4.2.0 <neko@example.org>: Recipient address rejected: Greylisted for 300 seconds", "greylisted", "Greylisted"),
    # A greylisting policy that answers about the sender ("Sender address rejected"), not the
    # sender being refused. https://www.spam-mail-blocker.de/greylisted.html
    ("Delivery to the following recipient has been delayed:",
     "4.2.0 Sender address rejected: Greylisted for XX sec.", "greylisted", "Greylisted"),
]
GAVE_UP = [
    # The same Postgrey reply when the sending server gave up (Action: failed): expired.
    # https://github.com/schweikert/postgrey/issues/84
    ("450 4.2.0 <neko@example.org>: Recipient address rejected: Greylisted, see "
     "http://postgrey.schweikert.ch/help/example.org.html", "RCPT TO", "expired", "gave up"),
]
GAVE_UP_LOGGED = [
    # The same reply deferred in Postfix's log until qmgr gave up on the message: "from=<a@b>,
    # status=expired, returned to sender" (postfix/src/qmgr/qmgr_active.c): expired.
    ("450 4.2.0 <neko@example.org>: Recipient address rejected: Greylisted", "RCPT TO", "expired", "gave up"),
]
GAVE_UP_EXIM = [
    # greylistd's reply in Exim's failure report ("This is a permanent error"): expired.
    # https://github.com/mysociety/alaveteli/pull/3745
    ("451 192.0.2.1 is not yet authorized to deliver mail from <request@example.net> to "
     "<neko@example.org>. Please try later.", "RCPT TO", "expired", "gave up"),
]
GENERIC = [
    # Rspamd's greylisting reply through Mailu says only "Try again later", and X.7.1 ("delivery not
    # authorized") names no cause either: the cause stays open (before: rejected, from the code alone).
    # https://github.com/Mailu/Mailu/issues/1742
    ("451 4.7.1 Try again later", "RCPT TO", "onhold", "4.7.1"),
    # Plesk's greylisting reply is just as generic; its "Service unavailable" reads as the receiving
    # server's trouble, as that reply does without a code (before: rejected, from the code alone).
    # https://plesk.com/?p=214013
    ("451 4.7.1 Service unavailable - try again later", "end of DATA", "systemerror", "Service unavailable"),
]
GENERIC_LOGGED = [
    # URIBL's "grey" list is a block list of domains, not greylisting.
    # https://github.com/sendgrid/docs/issues/2682
    ("554 5.7.1 Service unavailable; Helo command [sendgrid.net] blocked using multi.uribl.com; Listed on grey",
     "RCPT TO", "spamdetected", "uribl"),
]
CASES = (shaped(postfix_delay, DELAYED) + shaped(postfix_deferred_log, LOGGED) + shaped(provider_report, NOTES)
         + shaped(postfix_dsn, GAVE_UP) + shaped(postfix_expired_log, GAVE_UP_LOGGED) + shaped(exim_report, GAVE_UP_EXIM)
         + shaped(postfix_report, GENERIC) + shaped(postfix_deferred_log, GENERIC_LOGGED))


@each_case(CASES)
def test_greylisting_replies(text, reason, quoted):
    assert_reason(text, reason, quoted)


def test_the_reply_an_application_got_once_reads_as_greylisting_in_the_lookup():
    # A script's mail library gave up at the first 4xx and printed the server's reply.
    # https://github.com/eleith/emailjs/issues/202
    text = ("450 4.2.0 <neko@example.org>: Recipient address rejected: Greylisted, see "
            "http://postgrey.schweikert.ch/help/example.org.html")
    assert [(verdict.recipient, verdict.reason) for verdict in classify(text)] == [(RECIPIENT, "greylisted")]
    [match] = [match for match in lookup(text) if match.reason]
    assert (match.code, match.reason, [v.recipient for v in match.failed]) == ("4.2.0", "greylisted", [RECIPIENT])


def test_the_command_line_gives_greylisted_for_a_logged_deferral():
    # Exim's mainlog line of greylistd's deferral, as a query: lookup --json names the reason and whom.
    text = (ROOT / "tests/data/whole-bounces/exim-log-escaped-reply.txt").read_text(encoding="utf-8").strip()
    result = run_generator(ROOT, "lookup", "--json", text)
    assert result.returncode == 0, result.stderr
    [item] = [item for item in json.loads(result.stdout) if item["reason"]]
    reason = item["reason"]
    assert (reason["id"], reason["url"], reason["title"]) == ("greylisted", "/en/reasons/greylisted/", "Deferred by greylisting")
    assert [recipient["address"] for recipient in reason["recipients"]] == ["body@example.com"]


def test_a_delay_warning_without_its_status_part_is_still_greylisting():
    # Postfix's warning pasted as its text alone: "could not be delivered for more than 4 hour(s)"
    # is a delay, not a bounce, so nothing says the sending server gave up.
    # https://github.com/schweikert/postgrey/issues/107
    reply = ("450 4.2.0 <neko@example.org>: Recipient address rejected: Greylisted, see "
             "http://postgrey.schweikert.ch/help/example.org.html")
    text = postfix_delay(reply, "RCPT TO").split("--B\nContent-Type: message/delivery-status")[0]
    assert_reason(text, "greylisted", "Greylisted")
