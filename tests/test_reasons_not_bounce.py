"""Texts people paste that are not bounces (generator/bounces/not_bounce.py): an automatic
reply, a spam complaint (an ARF feedback report), a read receipt (an MDN), Microsoft 365's
quarantine notice.  Each is told from its structure or its words and answered "This is not a
bounce" with its reason, alike in Python, the command (en, ko, --json) and on the lookup page;
a bounce that carries the same marks (Exim's and Postfix's `Auto-Submitted: auto-replied`, a
subject that quotes an auto-reply's) stays a bounce."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bounce_shapes import engine_page
from conftest import ROOT, run_generator
from generator.bounces.classify import classify
from generator.bounces.rules import load_rules
from generator.lookup import lookup, shipped_knowledge_base

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import reasons as bench  # noqa: E402

WHOLE = Path(__file__).parent / "data" / "whole-bounces"
HEADING = {"en": "This is not a bounce", "ko": "반송 메일이 아닙니다"}

# RFC 8098's layout (section 3), written for this test: a read receipt from a mail program.
READ_RECEIPT = """From: Kim <kim@example.org>
To: Lee <lee@example.com>
Subject: Read: Quarterly report
Date: Mon, 30 Nov 2026 09:40:10 +0900
Message-ID: <mdn-1@example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification;
\tboundary="mdn-boundary"

--mdn-boundary
Content-Type: text/plain; charset=utf-8

The message sent on Mon, 30 Nov 2026 09:12:03 +0900 to kim@example.org with the subject
"Quarterly report" has been displayed.

--mdn-boundary
Content-Type: message/disposition-notification

Reporting-UA: mail.example.org; Example Mail 2.0
Original-Recipient: rfc822;kim@example.org
Final-Recipient: rfc822;kim@example.org
Original-Message-ID: <20261130091203.1234@example.com>
Disposition: manual-action/MDN-sent-manually; displayed

--mdn-boundary--
"""
# Its machine-readable part alone, as a reader copies it.
READ_RECEIPT_FIELDS = READ_RECEIPT.split("message/disposition-notification\n\n")[1].split("\n\n--")[0]
# RFC 5965's machine-readable fields alone (its section 3 example's fields).
FEEDBACK_FIELDS = """Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <somespammer@example.net>
Original-Rcpt-To: <user@example.com>
Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT
Source-IP: 192.0.2.1
"""
# Microsoft 365's quarantine notification as its text reads (the sentences help pages show).
QUARANTINE = """Review These Messages
2 messages are being held for you to review as of 11/30/2026 12:00:00 AM (UTC)
Review them within 30 days of the received date by going to the Quarantine page in the Security & Compliance Center.
"""
QUARANTINE_MAIL = """From: Microsoft 365 <quarantine@messaging.microsoft.com>
To: lee@example.com
Subject: Microsoft 365 security: You have messages in quarantine
Content-Type: text/plain; charset=utf-8

You have 1 message in quarantine. Review Message: https://security.microsoft.com/quarantine?viewid=Email
"""

# Proofpoint's End User Digest and Barracuda's Spam Quarantine Summary, written for this test with the
# links and subjects the vendors' guides show (rules.json's sources).
PROOFPOINT_DIGEST = """From: Proofpoint <digest@pps.example.edu>
To: lee@example.edu
Subject: End User Digest: 2 New Messages

Request New End User Digest | Request Safe/Blocked Senders List | Manage My Account
Spam - Quarantine
Release | Release and Allow Sender | Not Spam   From: offers@example.net   Subject: You won
"""
BARRACUDA_SUMMARY = """From: Barracuda Spam Firewall <quarantine@barracuda.example.edu>
To: lee@example.edu
Subject: Spam Quarantine Summary for lee@example.edu

Deliver | Whitelist | Delete   offers@example.net   You won
DELETE ALL DISPLAYED EMAILS
View your entire Quarantine Inbox or manage your preferences
"""


def auto_reply(subject: str, extra: str = "") -> str:
    return (f"From: Kim <kim@example.org>\nTo: lee@example.com\nSubject: {subject}\n{extra}"
            "Content-Type: text/plain; charset=utf-8\n\nI am away until Monday and will answer when I am back.\n")


KINDS = {
    "sisimai-arf-03-feedback-report.txt": "feedback",
    "sisimai-rfc3834-01-out-of-office.txt": "vacation",
    "sisimai-rfc3834-02-lotus-auto.txt": "vacation",
    "sisimai-rfc3834-03-auto-submitted.txt": "vacation",
    "sisimai-arf-22-hotmail-jmrp.txt": "feedback",   # Hotmail's JMRP: the reported message alone
}
TEXTS = {
    "read receipt": (READ_RECEIPT, "readreceipt"),
    "read receipt's fields": (READ_RECEIPT_FIELDS, "readreceipt"),
    "feedback fields": (FEEDBACK_FIELDS, "feedback"),
    # A feedback loop's human-readable part alone, without its Feedback-Type field (AOL's, junkemailfilter.com's).
    "feedback's words": ("This is an email abuse report for an email message with the message-id of "
                         "x1@example.net received from IP address 192.0.2.1 on Thu, 10 Dec 2015 16:06:36 -0500\n",
                         "feedback"),
    "automated feedback's words": ("This is an automated email abuse report from the folks at filter.example for an "
                                   "email message received from IP address [192.0.2.1] on Wed, 18 Nov 2015\n",
                                   "feedback"),
    "quarantine notice": (QUARANTINE, "quarantined"),
    "quarantine mail": (QUARANTINE_MAIL, "quarantined"),
    "Proofpoint's digest": (PROOFPOINT_DIGEST, "quarantined"),
    "Proofpoint's digest's links alone": (PROOFPOINT_DIGEST.split("\n\n", 1)[1], "quarantined"),
    "Barracuda's summary": (BARRACUDA_SUMMARY, "quarantined"),
    "Barracuda's summary's links alone": (BARRACUDA_SUMMARY.split("\n\n", 1)[1], "quarantined"),
    "Outlook, Korean": (auto_reply("자동 회신: 견적 요청"), "vacation"),
    "Outlook, Japanese": (auto_reply("自動応答: お見積り"), "vacation"),
    "Outlook, German": (auto_reply("Abwesenheitsnotiz: Angebot"), "vacation"),
    "RFC 3834 only": (auto_reply("Re: Offer", "Auto-Submitted: auto-replied\n"), "vacation"),
    "Korean read receipt": (auto_reply("읽음: 견적 요청"), "readreceipt"),
    # Pasted without a header block: the subject line alone (one line, a query), or the reply's words.
    "subject alone": ("Automatic reply: Quarterly report", "vacation"),
    "Korean subject alone": ("자동 회신: 견적 요청", "vacation"),
    "the reply's words": ("Kim\nTo: Lee\n\nI am out of the office until Monday, 7 December.\n", "vacation"),
}
# Bounces that carry an auto-reply's marks: they stay bounces.
QUOTING_BOUNCES = {
    # A quarantine summary that could not be delivered: its bounce stays a bounce.
    "undeliverable quarantine summary": BARRACUDA_SUMMARY.replace("Subject: Spam", "Subject: Undeliverable: Spam").replace(
        "From: Barracuda Spam Firewall <quarantine@barracuda.example.edu>\nTo: lee@example.edu",
        "From: postmaster@example.edu\nTo: quarantine@barracuda.example.edu").replace(
        "\n\n", "\n\nDelivery has failed to these recipients or groups:\n\nlee@example.com\n"
        "The email address you entered couldn't be found.\n"
        "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'\n\n", 1),
    # Exchange's NDR of an auto-reply: its subject quotes the returned message's.
    "undeliverable auto-reply": """From: postmaster@example.org
To: kim@example.org
Subject: Undeliverable: Automatic reply: Offer
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

Delivery has failed to these recipients or groups:

lee@example.com
The email address you entered couldn't be found.
Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
""",
    # A bounce whose returned original is an auto-reply marked auto-generated.
    "returned auto-reply": """From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: kim@example.org
Subject: Mail delivery failed: returning message to sender
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  lee@example.com
    SMTP error from remote mail server after RCPT TO:<lee@example.com>:
    550 5.1.1 User unknown

------ This is a copy of the message, including all the headers. ------

From: Kim <kim@example.org>
To: lee@example.com
Subject: Automatic reply: Offer
Auto-Submitted: auto-generated

I am away until Monday.
""",
}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_sisimais_samples_say_what_they_are(name):
    assert [(v.recipient, v.reason) for v in classify((WHOLE / name).read_text(encoding="utf-8"))] == [(None, KINDS[name])]


@pytest.mark.parametrize("label", sorted(TEXTS))
def test_each_kind_is_told_from_its_structure_or_words(label):
    text, reason = TEXTS[label]
    assert [(v.recipient, v.reason) for v in classify(text)] == [(None, reason)]


@pytest.mark.parametrize("label", sorted(QUOTING_BOUNCES))
def test_a_bounce_that_carries_an_auto_replys_marks_stays_a_bounce(label):
    assert [(v.recipient, v.reason) for v in classify(QUOTING_BOUNCES[label])] == [("lee@example.com", "userunknown")]


def test_no_bounce_of_the_corpora_is_taken_for_one():
    # 175 of the shared ones carry Auto-Submitted: auto-replied (Exim, Postfix, Exchange, ...).
    kinds = load_rules().not_bounce.reasons
    paths = sorted(bench.DEFAULT_CORPORA.glob("*/*.eml")) + sorted(bench.HELD_OUT.glob("*.eml"))
    texts = [path.read_bytes().decode("utf-8", "replace") for path in paths]
    assert sum("\nAuto-Submitted: auto-replied" in text for text in texts) > 150
    assert [path.name for path, text in zip(paths, texts) if any(v.reason in kinds for v in classify(text))] == []


def test_the_answer_is_one_item_without_a_code_and_its_codes_carry_no_reason():
    # A dotted number in an auto-reply's words is offered as a code, with no reason of the reply's.
    text = auto_reply("Automatic reply: Offer").replace("Monday", "Monday (see section 5.1.2)")
    [first, *rest] = lookup(text)
    assert (first.code, first.reason, first.failed) == (None, "vacation", ())
    assert [match.reason for match in rest] == [None] * len(rest)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_command_says_it_is_not_a_bounce(lang):
    kb = shipped_knowledge_base()
    path = WHOLE / "sisimai-rfc3834-03-auto-submitted.txt"
    result = run_generator(ROOT, "lookup", "--lang", lang, "--file", str(path))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    summary, fix = kb.reason_says("vacation", lang)
    assert lines == [HEADING[lang], f"  {kb.reason_title('vacation', lang)} (vacation)", f"  {summary}",
                     f"  {kb.text('What the sender can do', lang)}: {fix}", f"  /{lang}/reasons/vacation/"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_one_line_subject_is_answered_not_left_without_a_status_code(lang):
    # It used to say "No status code found" and exit 1.
    result = run_generator(ROOT, "lookup", "--lang", lang, "자동 회신: 견적 요청")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:2] == [
        HEADING[lang], f"  {shipped_knowledge_base().reason_title('vacation', lang)} (vacation)"]


def test_json_gives_the_reason_with_no_code_and_no_recipients():
    result = run_generator(ROOT, "lookup", "--json", "--file", str(WHOLE / "sisimai-arf-03-feedback-report.txt"))
    assert result.returncode == 0
    [item] = json.loads(result.stdout)
    assert (item["code"], item["entry"], item["resolution"]) == (None, None, "none")
    assert {key: item["reason"][key] for key in ("id", "title", "url", "recipients")} == {
        "id": "feedback", "title": "A spam complaint (feedback report)", "url": "/en/reasons/feedback/",
        "recipients": []}


def test_the_lookup_page_reads_them_alike(browser):
    texts = [(WHOLE / name).read_text(encoding="utf-8") for name in sorted(KINDS)]
    texts += [text for text, _ in TEXTS.values()] + list(QUOTING_BOUNCES.values())
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "texts => texts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.recipient, v.reason, v.evidence]))",
            texts)
    assert javascript == [[[v.recipient, v.reason, v.evidence] for v in classify(text)] for text in texts]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("label, reason", [("quarantine notice", "quarantined"), ("read receipt", "readreceipt"),
                                           ("subject alone", "vacation")])
def test_the_page_says_it_is_not_a_bounce(page, site_url, lang, label, reason):
    from test_reasons_browser import paste

    shown = paste(page, site_url, lang, TEXTS[label][0])
    summary, fix = shipped_knowledge_base().reason_says(reason, lang)
    assert shown["first"] == "mfkb-lookup-why" and shown["why"] == HEADING[lang]
    assert shown["reasons"] == [f"/{lang}/reasons/{reason}/"]
    assert shown["summaries"] == [summary] and shown["said"] == []
    # Not "This text has no status code": a text that is no bounce is not missing one.
    assert shown["none"] is None and shown["codes"] == []


def test_each_kind_has_its_page_and_document(built_site):
    for reason in sorted(load_rules().not_bounce.reasons):
        for lang in ("en", "ko"):
            assert (built_site / lang / "reasons" / reason / "index.html").is_file()
        document = json.loads((built_site / "api" / "v1" / "reasons" / f"{reason}.json").read_text(encoding="utf-8"))
        assert document["result"]["id"] == reason


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_after_a_paste_the_status_line_says_it_is_not_a_bounce(page, site_url, lang):
    from test_reasons_browser import open_page

    open_page(page, site_url, lang)
    page.fill("#mfkb-lookup-q", TEXTS["subject alone"][0])
    page.focus("#mfkb-lookup-q")
    page.dispatch_event("#mfkb-lookup-q", "paste")
    status = page.locator("#mfkb-lookup-status[role=status]")
    status.filter(has_text=HEADING[lang]).wait_for(state="attached")
    title = shipped_knowledge_base().reason_title("vacation", lang)
    assert status.text_content() == f"{HEADING[lang]}: {title}"
