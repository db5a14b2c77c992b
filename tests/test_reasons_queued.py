"""A message still in a sending server's queue, pasted as its queue entry alone, is delayed (still
retried), not a bounce: in Python and on the lookup page alike. Postfix's one-entry paste is in
tests/data/whole-bounces (postqueue-one-deferred-entry.txt); here Exchange's queue, whose LastError
holds the transient reply of the last attempt (Microsoft KB 979175 quotes the Queue Viewer's)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bounce_shapes import engine_page, page_verdicts
from test_reasons_several import verdicts_in_python_and_on_the_page
from generator.bounces.classify import classify
from generator.lookup import lookup

DATA = Path(__file__).parent / "data" / "whole-bounces"

KB_979175 = ('451 4.4.0 Primary target IP address responded with: "451 5.7.3 Cannot achieve Exchange Server '
             'authentication." Attempted failover to alternate host, but that did not succeed. Either there are '
             'no alternate hosts, or delivery failed to all alternate hosts.')
# Get-Queue | Format-List, trimmed to the fields that matter (property names as Exchange prints them).
GET_QUEUE = ("Identity         : EXCH01\\12\nDeliveryType     : SmtpRelayToRemoteAdSite\nStatus           : Retry\n"
             f"MessageCount     : 4\nLastError        : {KB_979175}\nNextHopDomain    : site-b.example.com\n")

QUEUED = [
    (GET_QUEUE, True),
    (f"LastError : {KB_979175}", True),
    # Exchange's own example of a queue's LastError (the DNS lookup of the next hop failed).
    ("LastError : 451 4.4.0 DNS query failed. The error was: SMTPSEND.DNS.NonExistentDomain; nonexistent domain", True),
    # A permanent reply ends the retries: the message is returned, not kept in the queue.
    ("LastError : 550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain", False),
    # The same reply outside a queue's LastError says nothing of retries.
    (KB_979175, False),
    # The queue's error copied without its "LastError :" name, beside the queue's own fields.
    ("Identity     : EXEDGE01\\3\nDeliveryType : SmartHostConnectorDelivery\nStatus       : Retry\n"
     "[{LED=451 4.4.395 Target host responded with error. -> 454 4.7.0 Temporary authentication failure};"
     "{MSG=};{FQDN=mail.example.com};{IP=192.0.2.10};{LRT=7/15/2025 9:21:04 AM}]", True),
    # A message trace's failed entry carries "{LED=...}" as well, with no queue field: not a queue.
    ("EventId        : FAIL\nSource         : SMTP\nRecipients     : {user@example.com}\n"
     "Reason         : [{LED=451 4.4.0 DNS query failed};{MSG=};{FQDN=};{IP=};{LRT=}]", False),
    # The Queue Viewer named, but a permanent reply: returned, not retried.
    ("Queue Viewer shows: [{LED=550 5.7.1 Unable to relay};{MSG=};{FQDN=};{IP=};{LRT=}]", False),
]


@pytest.mark.parametrize("text, delayed", QUEUED)
def test_a_queued_messages_last_error_is_a_delay(text, delayed):
    assert [verdict.delayed for verdict in classify(text)] == [delayed]


def test_the_lookup_page_reads_them_alike(browser):
    assert page_verdicts(browser, [text for text, _ in QUEUED], "delayed") == [[delayed] for _, delayed in QUEUED]


# postqueue -j (postqueue(1), "JSON OBJECT FORMAT"): a message a line, each recipient an object with the
# reason its delivery was deferred; the sender is no recipient, and every recipient is still queued.
POSTQUEUE_JSON = (
    '{"queue_name": "deferred", "queue_id": "4C0E92E3A1", "arrival_time": 1764480761, "message_size": 2418, '
    '"forced_expire": false, "sender": "alerts@sender.example", "recipients": ['
    '{"address": "a@a.example", "delay_reason": "host mx.a.example[192.0.2.1] said: 450 4.2.0 <a@a.example>: '
    'Recipient address rejected: Greylisted (in reply to RCPT TO command)"}, '
    '{"address": "b@b.example", "delay_reason": "connect to mx.b.example[192.0.2.2]:25: Connection timed out"}]}\n')


def test_postqueue_json_lists_its_recipients_as_queued_in_python_and_on_the_page(browser):
    assert verdicts_in_python_and_on_the_page(browser, POSTQUEUE_JSON, "recipient reason delayed status") == [
        ["a@a.example", "greylisted", True, "4.2.0"], ["b@b.example", "expired", True, None]]


def test_a_queue_listings_code_is_the_reason_of_the_recipient_whose_error_holds_it(browser):
    # The first recipient's error has no code; the second's "452 4.2.2" is its own, so the answer's 4.2.2
    # says "mailbox full" (before: the first recipient's "connection timed out" took it).
    text = (DATA / "postqueue-json-lines-mixed-reasons.txt").read_text(encoding="utf-8")
    python = [[match.code, match.reason, [v.recipient for v in match.failed]] for match in lookup(text)]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "t => MFKB.lookupEngine.lookup(t, new MFKB.codes.resolve.KnownCodes([]), engine)"
            ".map(m => [m.code, m.reason, (m.failed || []).map(v => v.recipient)])", text)
    assert python == javascript
    assert python[0] == ["4.2.2", "mailboxfull", ["info@partner-b.example"]]
