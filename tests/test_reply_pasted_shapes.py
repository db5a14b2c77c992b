"""Two shapes a pasted bounce takes on its way to the lookup box, read alike by Python (generator.lookup)
and the lookup page (headless Chromium, the engine the page loads: bench/parity.py's PAGE_ANSWER):

- a multi-line reply that a mail client broke right after its code ("550-" ending a line, "5.7.1 ..." the
  next), or a folded Diagnostic-Code ("555-", then " 5.5.2 ..."): the code keeps its reply code and the
  server's words keep their first line;
- the bounce's own header lines ("From: Mail Delivery Subsystem", "Subject: Delivery Status Notification")
  pasted under a note: they are not a returned original's, so what follows them is still the report.

The texts are written for these tests in the shapes posts show (example names and addresses)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from parity import PAGE_ANSWER, python_answer  # noqa: E402

from generator.lookup import shipped_knowledge_base  # noqa: E402

QUOTED_GMAIL = """Hi all, our office mail to a partner keeps coming back, see below. Any idea?

> Delivery to the following recipient failed permanently:
>
>      jordan.lee@example.org
>
> Technical details of permanent failure:
> Google tried to deliver your message, but it was rejected by the server for the recipient domain example.org by mx1.example.org. [192.0.2.25].
>
> The error that the other server returned was:
> 550-
> 5.7.1 [198.51.100.7] The IP you're using to send mail is not authorized to
> 550-5.7.1 send email directly to our servers. Please use the SMTP relay at your
> 550 5.7.1 service provider instead.
"""
FOLDED_DSN = """Reporting-MTA: dns; mail.example.com
Arrival-Date: Mon, 30 Nov 2026 08:12:40 +0000

Final-Recipient: rfc822; sam.park@example.net
Action: failed
Status: 5.5.2
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 555-
 5.5.2 Syntax error, cannot decode response.
"""
HEADER_UNDER_A_NOTE = """Hi, I keep getting this when I write to Bob, what does it mean?

From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Date: Tue, 3 Mar 2026 09:14:02 -0800
Subject: Delivery Status Notification (Failure)
To: alice@example.com

Address not found

Your message wasn't delivered to bob.smith@example.org because the address couldn't be found, or is unable to receive mail.

The response from the remote server was:
550 5.1.1 <bob.smith@example.org>: Recipient address rejected: User unknown in virtual mailbox table
"""
# (text, the first code's reply code, code and reason, each failed recipient and the server's words for it)
CASES = [
    # Gmail's refusal of an IP address it takes for an end user's: the sending host is blocked (before:
    # rejected, what X.7.1 alone was read as).
    (QUOTED_GMAIL, "550", "5.7.1", "blocked", [
        ["jordan.lee@example.org", "550-5.7.1 [198.51.100.7] The IP you're using to send mail is not authorized to "
         "550-5.7.1 send email directly to our servers. Please use the SMTP relay at your 550 5.7.1 service provider instead."]]),
    (FOLDED_DSN, "555", "5.5.2", "syntaxerror", [["sam.park@example.net", "555-5.5.2 Syntax error, cannot decode response."]]),
    (HEADER_UNDER_A_NOTE, "550", "5.1.1", "userunknown", [
        ["bob.smith@example.org",
         "550 5.1.1 <bob.smith@example.org>: Recipient address rejected: User unknown in virtual mailbox table"]]),
]
IDS = ["quoted-gmail-broken-after-550-", "folded-diagnostic-code-555-", "bounce-header-under-a-note"]


def shown(answer: list[dict]) -> tuple:
    first = answer[0]
    return (first["reply"], first["code"], first["reason"], [recipient[:2] for recipient in first["recipients"]])


@pytest.mark.parametrize("text, reply, code, reason, recipients", CASES, ids=IDS)
def test_python_reads_the_reply_and_the_report_whole(text, reply, code, reason, recipients):
    assert shown(python_answer(text, shipped_knowledge_base())) == (reply, code, reason, recipients)


@pytest.mark.browser
def test_the_lookup_page_reads_them_as_python_does(page, site_url):
    page.goto(f"{site_url}/en/lookup/")
    page.wait_for_function("window.mfkbLookupDone !== undefined")
    answers = page.evaluate(PAGE_ANSWER, [text for text, *_ in CASES])
    assert [shown(answer) for answer in answers] == [tuple(expected) for _, *expected in CASES]
