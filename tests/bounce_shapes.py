"""Bounces built around one real reply or report text, in the shapes senders'
servers write them (example.* addresses and hosts), for the tests of the reason
rules; and the check that the lookup page's JavaScript decides them as Python.

Each test module of replies (test_reasons_vendor*.py, test_reasons_sweep*.py)
lists CASES: (bounce text, expected reason, words the evidence must quote).
test_reasons_browser.py runs all of them through the page's engine too.
"""
from __future__ import annotations

import json
import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.bounces.classify import classify, evidence_records
from generator.bounces.rules import RULES_PATH, load_rules
from generator.site.page_scripts import page_scripts

RECIPIENT = "neko@example.org"

POSTFIX_PROSE = f"""From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
To: sender@example.net
Subject: Undelivered Mail Returned to Sender
Content-Type: text/plain

This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<{RECIPIENT}>: host mx.example.org[192.0.2.1] {{answer}}
"""

# A Postfix multipart/report; {{subject}}, {{warning}} (the text before the recipient's
# paragraph) and {{action}} tell a bounce from a delay warning.
POSTFIX_REPORT = f"""From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: {{subject}}
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system at host mx.example.net.
{{warning}}
<{RECIPIENT}>: host mx.example.org[192.0.2.1] said: {{reply}} (in reply to
    {{command}} command)

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {RECIPIENT}
Action: {{action}}
Status: {{status}}
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; {{reply}}

--B--
"""
POSTFIX_BOUNCED = {"subject": "Undelivered Mail Returned to Sender", "warning": "", "action": "failed"}
# Postfix's delay warning: the recipient's Action is delayed, the message still being retried.
POSTFIX_DELAYED = {"subject": "Delayed Mail (still being retried)", "action": "delayed", "warning": """
####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.
"""}

EXIM_HEAD = f"""From: Mail Delivery System <Mailer-Daemon@mx.example.net>
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: {RECIPIENT}

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  {RECIPIENT}
"""

EXCHANGE_2003 = f"""From: postmaster@example.com
Subject: Undeliverable: hello

Your message

  Subject: hello
  Sent: Thu, 29 Apr 2010 23:34:45 +0900

did not reach the following recipient(s):

{RECIPIENT} on Thu, 29 Apr 2010 23:34:47 +0900
    {{text}}
    <mx.example.com #{{code}}>
"""


def postfix_report(reply: str, command: str) -> str:
    """Postfix's prose alone: the reply, placed by the command it answered ("greeting": at connection)."""
    if command == "greeting":
        return POSTFIX_PROSE.format(answer=f"refused to talk to me: {reply}")
    return POSTFIX_PROSE.format(answer=f"said: {reply} (in reply to {command} command)")


def postfix_local(text: str) -> str:
    """Postfix's prose for a failure of its own, with no remote reply (a TLS handshake, a lookup)."""
    return POSTFIX_PROSE.replace("host mx.example.org[192.0.2.1] {answer}", "{answer}").format(answer=text)


def postfix_dsn(reply: str, command: str) -> str:
    """A Postfix multipart/report: the prose and the delivery-status fields."""
    return POSTFIX_REPORT.format(reply=reply, command=command, status=_status(reply), **POSTFIX_BOUNCED)


def postfix_delay(reply: str, command: str) -> str:
    """Postfix's delay warning for a reply: the message is still being retried."""
    return POSTFIX_REPORT.format(reply=reply, command=command, status=_status(reply), **POSTFIX_DELAYED)


def postfix_deferred_log(reply: str, command: str) -> str:
    """The Postfix log line of a deferred delivery attempt."""
    return (f"Nov 30 06:00:00 mx postfix/smtp[4321]: 4F3A21C0A1: to=<{RECIPIENT}>, "
            f"relay=mx.example.org[192.0.2.1]:25, delay=1.2, dsn={_status(reply)}, status=deferred "
            f"(host mx.example.org[192.0.2.1] said: {reply} (in reply to {command} command))\n")


def postfix_expired_log(reply: str, command: str) -> str:
    """Postfix's log of a deferred delivery attempt, then of the message expiring in the queue."""
    return postfix_deferred_log(reply, command) + (
        "Nov 30 06:10:00 mx postfix/qmgr[999]: 4F3A21C0A1: from=<sender@example.net>, status=expired, "
        "returned to sender\n")


def _status(reply: str) -> str:
    """The reply's status code, or its class's X.0.0 when it has none ("451-192.0.2.1 is ...")."""
    found = re.match(r"[245][0-9][0-9][ -]([245]\.[0-9]{1,3}\.[0-9]{1,3}) ", reply)
    return found.group(1) if found else f"{reply[0]}.0.0"


def exim_report(reply: str, command: str) -> str:
    """Exim's report of a remote server's reply to a command."""
    return EXIM_HEAD + f"    SMTP error from remote mail server after {command}:\n" \
                       f"    host mx.example.org [192.0.2.1]: {reply}\n"


def exim_local(text: str) -> str:
    """Exim's report of a failure of its own (no remote reply)."""
    return EXIM_HEAD + f"    {text}\n"


def exchange2003_ndr(text: str, code: str) -> str:
    """Exchange Server 2003's own NDR: the user text, then <server #code>."""
    return EXCHANGE_2003.format(text=text, code=code)


def provider_report(heading: str, text: str) -> str:
    """A provider's own report in its language: a heading, the recipient, the text."""
    return ("From: postmaster@example.org\nTo: sender@example.net\nSubject: Undeliverable\n"
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
            f"{heading}\n\n{RECIPIENT}\n{text}\n")


def shaped(shape, rows) -> list[tuple[str, str, str]]:
    """Cases from rows of (the shape's arguments..., reason, quoted): (bounce, reason, quoted)."""
    return [(shape(*row[:-2]), *row[-2:]) for row in rows]


def each_case(cases):
    """Parametrizes a test over cases as (text, reason, quoted), each named by its quoted words."""
    return pytest.mark.parametrize("text, reason, quoted", cases, ids=[quoted for _, _, quoted in cases])


def assert_reason(text: str, reason: str, quoted: str) -> None:
    """The bounce's one recipient gets the reason, with the quoted words in its evidence."""
    [verdict] = classify(text)
    assert verdict.recipient == RECIPIENT, verdict
    assert (verdict.reason, quoted.lower() in verdict.evidence.lower()) == (reason, True), verdict


@contextmanager
def engine_page(browser):
    """A blank page with the lookup page's scripts (its mfkb_scripts, in order) and the
    rules loaded as window.engine, as the lookup page builds it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<!doctype html><html><body></body></html>")
        for script in page_scripts("lookup"):
            page.add_script_tag(path=str(script))
        page.evaluate("data => { window.engine = new MFKB.bounces.rules.Rules(data); }",
                      json.loads(RULES_PATH.read_text(encoding="utf-8")))
        yield page
    finally:
        context.close()


def page_verdicts(browser, texts: list[str], key: str) -> list[list]:
    """One member (reason, delayed, ...) of each verdict the lookup page's engine gives each text."""
    with engine_page(browser) as page:
        return page.evaluate("([texts, key]) => texts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce)"
                             ".map(v => v[key]))", [texts, key])


def page_and_python_decisions(browser, texts: list[str]) -> tuple[list, list]:
    """The lookup page's JavaScript decisions and Python's for every record of
    these bounces, as (reason, evidence) pairs."""
    rules = load_rules()
    records = [record for text in texts for record in evidence_records(text, rules)]
    with engine_page(browser) as page:
        javascript = page.evaluate("records => records.map(r => engine.decide(r))", records)
    return ([(j["reason"], j["evidence"]) for j in javascript],
            [(p.reason, p.evidence) for p in map(rules.decide, records)])
