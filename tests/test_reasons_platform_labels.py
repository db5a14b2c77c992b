"""Sending platforms show their own label beside the server's reply ("bad_mailbox", "Policy
related", PowerMTA's "bad-mailbox", Mailjet's "error": "connection issue") or instead of it.
A label alone gives its reason; where the server's reply (its phrases, its status code) says
something, the reply decides.  In Python, on the command line and on the lookup page alike."""
from __future__ import annotations

import pytest

from bounce_shapes import engine_page
from conftest import ROOT, run_generator
from generator.bounces.classify import classify

# Labels as platforms show them, alone (written for this test from the platforms' documents).
LABELS = [
    ("bad-mailbox", "userunknown"),
    ("Bounce category: inactive-mailbox", "suspend"),
    ("Policy related", "policyviolation"),
    ("bounceCat: spam-related", "spamdetected"),
    ('{"event": "hard_bounce", "msg": {"email": "a@example.com", "diag": "", "bounce_description": "mailbox_full"}}',
     "mailboxfull"),
    ('{"event": "bounce", "email": "a@example.com", "blocked": false, "hard_bounce": false,'
     ' "error_related_to": "system", "error": "connection issue"}', "networkerror"),
    # "spam" and "sender blocked" are two members: no phrase reads across them ("spam ... block").
    ('{"event": "bounce", "email": "a@example.com", "blocked": false, "hard_bounce": true,'
     ' "error_related_to": "spam", "error": "sender blocked"}', "rejected"),
    ("Hard bounce", "onhold"),
]

# The label and a reply that says otherwise: the reply decides.
REPLY_AND_LABEL = [
    ('{"event": "hard_bounce", "msg": {"email": "a@example.com", "bounce_description": "bad_mailbox",'
     ' "diag": "smtp;552 5.2.2 Over quota"}}', "mailboxfull"),
    ("type,timeQueued,bounceCat,vmta,orig,rcpt,srcMta,dlvSourceIp,jobId,dsnStatus,dsnDiag\n"
     "b,2016-05-29 01:10:23+0200,bad-mailbox,vmta-1,sender@example.org,a@example.com,,,,"
     '"5.7.1 (delivery not authorized, message refused)","550 5.7.1 Service unavailable;'
     ' Client host [192.0.2.1] blocked using zen.spamhaus.org"', "blocked"),
]


@pytest.mark.parametrize("text, reason", LABELS + REPLY_AND_LABEL)
def test_python_reads_the_label_only_where_no_reply_decides(text, reason):
    assert [verdict.reason for verdict in classify(text)] == [reason]


def test_the_lookup_page_reads_them_alike(browser):
    texts = [text for text, _ in LABELS + REPLY_AND_LABEL]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "texts => texts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => v.reason))", texts)
    assert javascript == [[reason] for _, reason in LABELS + REPLY_AND_LABEL]


@pytest.mark.parametrize("lang, heading, title", [
    ("en", "Why it bounced", "The message breaks the recipient's policy (policyviolation)"),
    ("ko", "왜 반송되었나요?", "(policyviolation)"),
])
def test_the_command_explains_a_label_alone(lang, heading, title):
    result = run_generator(ROOT, "lookup", "--lang", lang, "Policy related")
    assert result.returncode == 0
    assert heading in result.stdout and title in result.stdout
