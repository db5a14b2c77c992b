"""Pastes that list several recipients with different errors (a mail queue listing,
a log): each recipient is shown its own error and whether it is still being
retried, in Python and on the lookup page alike."""
from __future__ import annotations

import base64

import pytest

from bounce_shapes import engine_page
from generator.bounces.classify import classify
from generator.lookup import lookup

GREYLISTED = ("450 4.2.0 <a@a.example>: Recipient address rejected: Greylisted, see "
              "http://postgrey.schweikert.ch/help/a.example.html (in reply to RCPT TO command)")

# postqueue -p: an entry lists, under its queue line, each delivery error in parentheses
# and then the recipients it is about.
QUEUE_ONE_ENTRY_TWO_ERRORS = f"""-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
A1B2C3D4E5     1234 Mon Nov 30 06:00:00  sender@example.net
(host mx.a.example[192.0.2.1] said: {GREYLISTED})
                                         a@a.example
(connect to mx.b.example[192.0.2.2]:25: Connection refused)
                                         b@b.example
                                         c@b.example

-- 2 Kbytes in 1 Request.
"""


def verdicts_in_python_and_on_the_page(browser, text: str, fields: str) -> list:
    python = [[getattr(verdict, field) for field in fields.split()] for verdict in classify(text)]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "([t, f]) => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => f.split(' ').map(n => v[n]))",
            [text, fields])
    assert javascript == python
    return python


def test_a_queue_entry_shows_each_recipient_the_error_above_it(browser):
    assert verdicts_in_python_and_on_the_page(browser, QUEUE_ONE_ENTRY_TWO_ERRORS, "recipient reason reply") == [
        ["a@a.example", "greylisted", GREYLISTED],
        ["b@b.example", "blocked", None],
        ["c@b.example", "blocked", None],
    ]


# Postfix's log: the message to a@a.example was deferred (still being retried), the one to
# b@b.example bounced.
LOG_DEFERRED_AND_BOUNCED = (
    "Nov 30 06:00:00 mx postfix/smtp[4321]: 4F3A21C0A1: to=<a@a.example>, relay=mx.a.example[192.0.2.1]:25, "
    f"delay=1.2, dsn=4.2.0, status=deferred (host mx.a.example[192.0.2.1] said: {GREYLISTED})\n"
    "Nov 30 06:00:01 mx postfix/smtp[4322]: 4F3A21C0A1: to=<b@b.example>, relay=mx.b.example[192.0.2.2]:25, "
    "delay=1.3, dsn=5.1.1, status=bounced (host mx.b.example[192.0.2.2] said: 550 5.1.1 <b@b.example>: "
    "Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))\n")


def test_a_log_says_which_recipient_is_still_being_retried(browser):
    assert verdicts_in_python_and_on_the_page(browser, LOG_DEFERRED_AND_BOUNCED, "recipient reason delayed") == [
        ["a@a.example", "greylisted", True],
        ["b@b.example", "userunknown", False],
    ]


def test_a_message_that_expired_in_a_log_is_no_longer_retried_for_any_recipient(browser):
    # Postfix's qmgr gives up on the whole message: "from=<...>, status=expired, returned to sender".
    text = (LOG_DEFERRED_AND_BOUNCED.replace("status=bounced", "status=deferred")
            + "Nov 30 06:10:00 mx postfix/qmgr[999]: 4F3A21C0A1: from=<sender@example.net>, status=expired, "
              "returned to sender\n")
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient delayed") == [
        ["a@a.example", False], ["b@b.example", False]]


def test_a_recipient_a_log_says_was_delivered_did_not_fail(browser):
    # Postfix's log: a@a.example deferred, b@b.example delivered ("status=sent"); sendmail's "stat=Sent" alike.
    # Before, b@b.example was listed as failed, its reason read from the other lines (userunknown).
    sent = ("Nov 30 06:00:01 mx postfix/smtp[4322]: 4F3A21C0A1: to=<b@b.example>, relay=mx.b.example[192.0.2.2]:25, "
            "delay=1.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 12345)\n")
    text = LOG_DEFERRED_AND_BOUNCED.split("\n")[0] + "\n" + sent
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason delayed") == [
        ["a@a.example", "greylisted", True]]
    sendmail = ("Nov 30 06:00:02 mx sm-mta[4323]: 4AUE01aB004322: to=<c@c.example>, delay=00:00:01, xdelay=00:00:01, "
                "mailer=esmtp, pri=120000, relay=mx.c.example. [192.0.2.3], dsn=2.0.0, stat=Sent (Ok: queued as 12345)\n")
    assert verdicts_in_python_and_on_the_page(browser, LOG_DEFERRED_AND_BOUNCED + sendmail, "recipient reason") == [
        ["a@a.example", "greylisted"], ["b@b.example", "userunknown"]]


def test_a_recipient_exims_log_says_was_delivered_did_not_fail(browser):
    # Exim's mainlog: "== a@b ... defer (-44)" deferred, "=> c@d ... C="250 ..."" delivered (the
    # server's confirmation, logged by default).
    text = ('2024-01-01 10:00:00 1rK1aa-0001Aa-1a == a@a.example R=dnslookup T=remote_smtp defer (-44) '
            'H=mx.a.example [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<a@a.example>: '
            '451 4.7.1 Greylisting in action, please come back later\n'
            '2024-01-01 10:00:01 1rK1aa-0001Aa-1a => c@c.example R=dnslookup T=remote_smtp '
            'H=mx.c.example [192.0.2.3] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C="250 2.0.0 OK 1704103201"\n')
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason delayed") == [
        ["a@a.example", "greylisted", True]]


def test_a_recipient_deferred_then_delivered_in_a_log_was_delivered(browser):
    # Postfix's log: a@a.example greylisted first, delivered six minutes later: the last line counts.
    sent = ("Nov 30 06:06:00 mx postfix/smtp[4399]: 4F3A21C0A1: to=<a@a.example>, relay=mx.a.example[192.0.2.1]:25, "
            "delay=360, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 999)\n")
    deferred = LOG_DEFERRED_AND_BOUNCED.split("\n")[0] + "\n"
    assert verdicts_in_python_and_on_the_page(browser, deferred + sent, "recipient reason delayed") == [
        ["a@a.example", "delivered", False]]
    # The other way round, it is still being retried.
    assert verdicts_in_python_and_on_the_page(browser, sent + deferred, "recipient reason delayed") == [
        ["a@a.example", "greylisted", True]]


# Cisco AsyncOS's bounce log (its guide's "Examples of Bounce Log Entries"): an entry's line says
# whether its recipient bounced or is delayed, and comes before the envelope that names it; its
# "Reason:" is AsyncOS's label of the status code, not what the server said.  One entry a line, as
# the log writes them, or wrapped as the guide prints them.
ASYNCOS_DELAYED = ("Thu Dec 26 18:37:00 2003 Info: Delayed: 44451135:0 From:<campaign1@example.com> "
                   "To:<user@example.net> Reason: \"4.1.0 - Unknown address error\" Response: \"('451', "
                   "['<user@example.net> Automated block triggered by suspicious activity from your IP address "
                   "(10.1.1.1).'])\"\n")
ASYNCOS_BOUNCED = ("Thu Dec 26 18:36:59 2003 Info: Bounced: 45346670:0 From:<campaign1@example.com> "
                   "To:<user2@example.net> Reason: \"5.1.0 - Unknown address error\" Response: \"('550', "
                   "['There is no such active account.'])\"\n")


@pytest.mark.parametrize("wrapped", [False, True])
def test_an_asyncos_bounce_log_says_which_recipient_is_delayed(browser, wrapped):
    text = ASYNCOS_BOUNCED + ASYNCOS_DELAYED
    if wrapped:
        text = text.replace(" From:<", " \nFrom:<").replace(" Reason:", "\nReason:").replace(" Response:", "\nResponse:")
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason delayed reply") == [
        ["user2@example.net", "userunknown", False, "550 There is no such active account."],
        ["user@example.net", "blocked", True,
         "451 <user@example.net> Automated block triggered by suspicious activity from your IP address (10.1.1.1)."],
    ]


# Postfix's log of two messages: the one to a@a.example deferred (IronPort's "poor reputation",
# dsn=4.0.0), then another queue ID's deferral by Yahoo, whose line names no recipient.
LOG_TWO_QUEUE_IDS = (
    "Apr 21 08:45:15 mail postfix/smtp[1268]: E3FE9AA02A7: to=<a@a.example>, relay=mx.a.example[192.0.2.1]:25, "
    "delay=59157, delays=59155/0.12/1.4/0, dsn=4.0.0, status=deferred (host mx.a.example[192.0.2.1] refused to "
    "talk to me: 554-mx.a.example 554 Your access to this mail system has been rejected due to the sending MTA's "
    "poor reputation.)\n"
    "Apr 21 08:45:15 mail postfix/qmgr[120]: 980E0AA03D2: from=<sender@example.net>, size=9621, nrcpt=1 "
    "(queue active)\n"
    "Apr 21 08:45:15 mail postfix/smtp[1266]: E583AAA03CC: host mta5.am0.yahoodns.net[67.195.228.110] said: "
    "421 4.7.0 [TSS04] Messages from 192.0.2.9 temporarily deferred due to user complaints - 4.16.55.1; see "
    "https://help.yahoo.com/kb/postmaster/SLN3434.html (in reply to MAIL FROM command)\n")


def test_a_logs_first_code_is_its_failed_recipients_not_another_messages(browser):
    python = [[match.code, match.reason] for match in lookup(LOG_TWO_QUEUE_IDS)]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "t => MFKB.lookupEngine.lookup(t, new MFKB.codes.resolve.KnownCodes([]), engine).map(m => [m.code, m.reason])",
            LOG_TWO_QUEUE_IDS)
    assert python == javascript == [["4.0.0", "badreputation"], ["4.7.0", None]]


def test_a_logs_first_code_is_its_failed_recipients_in_a_base64_message_too(browser):
    # The same log sent as a message whose text is base64: its lines are read decoded, as the page
    # reads them (bounces/pasted.js), not left as base64 where no line names a recipient.
    text = ("From: admin@example.net\nSubject: our log\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(LOG_TWO_QUEUE_IDS.encode()).decode())
    python = [[match.code, match.reason] for match in lookup(text)]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "t => MFKB.lookupEngine.lookup(t, new MFKB.codes.resolve.KnownCodes([]), engine).map(m => [m.code, m.reason])", text)
    assert python == javascript == [["4.0.0", "badreputation"], ["4.7.0", None]]
