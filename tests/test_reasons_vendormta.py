"""Mail server software's own default refusal texts (OpenSMTPD, Haraka,
hMailServer, Zimbra, Stalwart, spamass-milter, amavisd-new, Rspamd, Exchange
Server 2003), each quoted from the software's source or a real bounce, in the
bounce shape a sender gets back, and the reason the rules give it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.bounces.classify import classify, evidence_records
from generator.bounces.rules import RULES_PATH, load_rules

REASONS_JS = Path(__file__).resolve().parents[1] / "site_overrides" / "assets" / "javascripts" / "reasons.js"


def postfix_dsn(reply: str, command: str) -> str:
    """A Postfix report of one recipient refused by a remote server."""
    status = reply.split()[1] if reply[4:5].isdigit() else f"{reply[0]}.0.0"
    return f"""From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system at host mx.example.net.

<neko@example.org>: host mx.example.org[192.0.2.1] said: {reply} (in reply to
    {command} command)

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; neko@example.org
Action: failed
Status: {status}
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; {reply}

--B--
"""


def exchange2003_ndr(text: str, code: str) -> str:
    """Exchange Server 2003's own NDR: the user text, then <server #code>."""
    return f"""From: postmaster@example.com
Subject: Undeliverable: hello

Your message

  Subject: hello
  Sent: Thu, 29 Apr 2010 23:34:45 +0900

did not reach the following recipient(s):

neko@example.org on Thu, 29 Apr 2010 23:34:47 +0900
    {text}
    <mx.example.com #{code}>
"""


REPLIES = [
    # OpenSMTPD smtp_message_end(), smtpd/smtp_session.c: over the maximum size.
    # https://github.com/OpenSMTPD/OpenSMTPD/blob/master/smtpd/smtp_session.c
    ("554 5.3.4 Message too big for system: Transaction failed, message too big", "end of DATA",
     "mesgtoobig", "Transaction failed, message too big"),
    # haraka-plugin-karma, karma.js: the connection's reputation score is below the threshold.
    # https://github.com/haraka/haraka-plugin-karma
    ("550 very bad karma score: -10", "RCPT TO", "badreputation", "bad karma score"),
    # Haraka rcpt_respond(), connection.js: no plugin accepted the recipient's domain.
    # https://github.com/haraka/Haraka/blob/master/connection.js
    ("550 I cannot deliver mail for <neko@example.org>", "RCPT TO", "norelaying", "I cannot deliver mail for"),
    # hMailServer ProtocolRCPT_(), SMTPConnection.cpp: the IP range forbids this relay.
    # https://github.com/hmailserver/hmailserver/blob/master/hmailserver/source/Server/SMTP/SMTPConnection.cpp
    ("550 Delivery is not allowed to this address.", "RCPT TO", "norelaying", "Delivery is not allowed"),
    # hMailServer OnPreAcceptTransfer_(), same file: line feeds without carriage returns.
    ("554 Rejected - Message containing bare LF's.", "end of DATA", "contenterror", "bare LF"),
    # hMailServer, same file: the accepted message could not be stored.
    ("554 Your message was received but it could not be saved. Please retry later.", "end of DATA",
     "systemerror", "could not be saved"),
    # Zimbra LmtpReply.TLS_REQUIRED, despite its 4.2.2 (mailbox full) code.
    # https://github.com/Zimbra/zm-mailbox/blob/develop/store/src/java/com/zimbra/cs/lmtpserver/LmtpReply.java
    ("451 4.2.2 Server accepts messages only on TLS connection", "RCPT TO", "failedstarttls", "only on TLS connection"),
    # Stalwart queue_message(), crates/smtp/src/inbound/data.rs, despite its 5.7.7.
    # https://github.com/stalwartlabs/mail-server/blob/main/crates/smtp/src/inbound/data.rs
    ("550 5.7.7 Failed to parse message.", "end of DATA", "contenterror", "Failed to parse message"),
    # Stalwart, same file: ARC validation in strict mode (5.7.29 names no reason of ours).
    ("550 5.7.29 ARC validation failed.", "end of DATA", "authfailure", "ARC validation fail"),
    # Stalwart handle_rcpt_to(), crates/smtp/src/inbound/rcpt.rs: greylisting with a
    # 4.2.2 code, and its rate limiter with 4.4.5 (system full), neither what the code says.
    # https://github.com/stalwartlabs/mail-server/blob/main/crates/smtp/src/inbound/rcpt.rs
    ("452 4.2.2 Greylisted, please try again in a few moments.", "RCPT TO", "expired", "Greylisted"),
    ("452 4.4.5 Rate limit exceeded, try again later.", "RCPT TO", "speeding", "Rate limit exceeded"),
    # Rspamd's ratelimit plugin soft-rejects with 'Ratelimit exceeded' (4.7.1 through its milter).
    # https://github.com/rspamd/rspamd/blob/master/src/plugins/lua/ratelimit.lua
    ("451 4.7.1 Ratelimit exceeded", "RCPT TO", "speeding", "Ratelimit exceeded"),
    # spamass-milter's default rejecttext and rejectcode (spamass-milter.cpp).
    # https://savannah.nongnu.org/projects/spamass-milt/
    ("550 5.7.1 Blocked by SpamAssassin", "end of DATA", "spamdetected", "Blocked by SpamAssassin"),
    # amavisd-new 2.11 %smtp_reason_by_ccat, CC_VIRUS: 'id=%n - INFECTED: %V'.
    # https://www.ijs.si/software/amavisd/
    ("554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Signature", "end of DATA", "virusdetected", "- INFECTED"),
]


def assert_reply_reason(reply: str, command: str, reason: str, quoted: str) -> None:
    """The reply, in a Postfix report, gets the reason, with the quoted words as its evidence."""
    [verdict] = classify(postfix_dsn(reply, command))
    assert verdict.recipient == "neko@example.org"
    assert (verdict.reason, quoted.lower() in verdict.evidence.lower()) == (reason, True), verdict


@pytest.mark.parametrize("reply, command, reason, quoted", REPLIES)
def test_default_reply_texts_of_mail_servers(reply, command, reason, quoted):
    assert_reply_reason(reply, command, reason, quoted)


NDRS = [
    # Exchange Server 2003's #5.4.0 ("Authoritative host not found", KB 284204), as
    # seen in https://snmail.co.uk/support/failure-dns.htm; no code rule reads 5.4.0.
    ("The destination server for this recipient could not be found in Domain Name Service (DNS). "
     "Please verify the email address and retry. If that fails, contact your administrator.",
     "5.4.0", "hostunknown", "Domain Name Service"),
    # Variation 2 on the same page: the general text, and the remote reply that decides.
    ("The e-mail system was unable to deliver the message, but did not report a specific reason. "
     "Check the address and try again. If it still fails, contact your system administrator.",
     "4.0.0 smtp;450 <>: Sender address rejected: Domain not found", "rejected", "Sender address rejected"),
]


@pytest.mark.parametrize("text, code, reason, quoted", NDRS)
def test_exchange_2003_ndr_texts(text, code, reason, quoted):
    [verdict] = classify(exchange2003_ndr(text, code))
    assert verdict.recipient == "neko@example.org"
    assert (verdict.reason, quoted.lower() in verdict.evidence.lower()) == (reason, True), verdict


def page_and_python_decisions(browser, texts: list[str]) -> tuple[list, list]:
    """The lookup page's JavaScript decisions and Python's for every record of
    these reports, as (reason, evidence) pairs."""
    rules = load_rules()
    records = [record for text in texts for record in evidence_records(text, rules)]
    assert len(records) == len(texts)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(REASONS_JS))
        javascript = page.evaluate(
            "([data, records]) => { const engine = new MfkbReasons.Rules(data);"
            " return records.map(r => engine.decide(r)); }",
            [json.loads(RULES_PATH.read_text(encoding="utf-8")), records])
    finally:
        context.close()
    return ([(j["reason"], j["evidence"]) for j in javascript],
            [(p.reason, p.evidence) for p in map(rules.decide, records)])


def test_the_lookup_page_decides_these_as_python_does(browser):
    # The page applies the same rules.json in JavaScript: these texts are in
    # neither corpus, so the corpus parity test does not reach these rules.
    texts = [postfix_dsn(reply, command) for reply, command, _, _ in REPLIES]
    texts += [exchange2003_ndr(text, code) for text, code, _, _ in NDRS]
    javascript, python = page_and_python_decisions(browser, texts)
    assert javascript == python
