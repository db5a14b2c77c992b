"""The lookup page reads a bounce pasted from a mail program's "show original"
view as Python's MIME parser does (site_overrides/assets/javascripts/bounces/pasted.js):
text parts in base64 or quoted-printable, in their charsets, and an mbox
file's second message left out."""
from __future__ import annotations

import base64
import json
import quopri
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bounce_shapes
from bounce_shapes import RECIPIENT, engine_page
from conftest import ROOT
from generator.bounces.classify import classify
from generator.bounces.message import extract_codes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import reasons as bench  # noqa: E402

# A Korean provider's report, as a Korean portal words it ("the mail is too big").
REPORT = f"메일 발송 실패 안내\n\n{RECIPIENT}\n메일의 크기가 너무 커서 보내지 못했습니다. (552 5.3.4)\n"


def encoded_bounce(charset: str, encoding: str) -> str:
    data = REPORT.encode(charset)
    body = base64.encodebytes(data) if encoding == "base64" else quopri.encodestring(data)
    return ("From: postmaster@example.org\nTo: sender@example.net\nSubject: Undeliverable\n"
            'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1="\n\n'
            f"--b1=\nContent-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {encoding}\n\n"
            f"{body.decode('ascii')}\n--b1=\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\n"
            "iVBORw0KGgo=\n--b1=--\n")


def page_reading(page, text: str) -> dict:
    return page.evaluate("""t => ({
        verdicts: engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.recipient, v.reason, v.evidence]),
        codes: MFKB.bounces.message.extractCodes(t),
    })""", text)


@pytest.mark.parametrize("charset, encoding", [
    ("utf-8", "base64"), ("utf-8", "quoted-printable"), ("euc-kr", "base64"), ("euc-kr", "quoted-printable"),
])
def test_an_encoded_korean_report_is_read_in_its_charset(browser, charset, encoding):
    text = encoded_bounce(charset, encoding)
    [verdict] = classify(text)
    assert (verdict.recipient, verdict.reason) == (RECIPIENT, "mesgtoobig")
    assert "크기가 너무 커서" in verdict.evidence and extract_codes(text) == ["5.3.4"]
    with engine_page(browser) as page:
        shown = page_reading(page, text)
    assert shown == {"verdicts": [[RECIPIENT, "mesgtoobig", verdict.evidence]], "codes": ["5.3.4"]}


def test_a_report_in_base64_only_is_read_on_the_page_too(browser):
    # m-FILTER's Japanese report is one base64 part: the page saw none of it before.
    text = (bench.DEFAULT_CORPORA / "bounces-by-text" / "lhost-mfilter-04.eml").read_text(encoding="utf-8")
    with engine_page(browser) as page:
        shown = page_reading(page, text)
    assert shown["codes"] == extract_codes(text) == ["5.4.1"]
    assert [v[:2] for v in shown["verdicts"]] == [[v.recipient, v.reason] for v in classify(text)]
    assert shown["verdicts"][0][0] == "kijitora@libisismai.org"


@pytest.mark.parametrize("name", ["rfc3464-28.eml", "rhost-cox-01.eml"])
def test_the_second_message_of_an_mbox_paste_is_not_read(browser, name):
    # After the closing boundary comes another message (an epilogue to the MIME parser).
    text = (bench.DEFAULT_CORPORA / "bounces" / name).read_text(encoding="utf-8")
    with engine_page(browser) as page:
        shown = page_reading(page, text)
    assert [v[:2] for v in shown["verdicts"]] == [[v.recipient, v.reason] for v in classify(text)]
    assert len(shown["verdicts"]) == 1


def test_a_boundary_ending_in_an_equals_sign_is_not_a_soft_break(browser):
    # "--==_=f...=_==" is a boundary line, not quoted-printable text continued on the next line.
    text = (bench.HELD_OUT / "email-mailfoundry-01.eml").read_text(encoding="utf-8")
    with engine_page(browser) as page:
        shown = page_reading(page, text)
    assert [v[:2] for v in shown["verdicts"]] == [["kijitora@example.org", "filtered"]]


def with_encoded_status_part(text: str, encoding: str) -> str:
    """text with its message/delivery-status part's body in base64 or quoted-printable
    (as Exchange and some gateways send it)."""
    part = re.search(r"^(Content-Type: message/delivery-status\n(?:[^\n]+\n)*)\n(.*?)\n--", text, re.M | re.S)
    data = part.group(2).encode("utf-8")
    encoded = (base64.encodebytes(data) if encoding == "base64" else quopri.encodestring(data)).decode("ascii")
    return (f"{text[:part.start()]}{part.group(1)}Content-Transfer-Encoding: {encoding}\n\n{encoded}"
            f"{text[part.end(2):]}")


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable"])
def test_an_encoded_delivery_status_part_is_read_for_its_fields(browser, encoding):
    # Its Status 5.0.0 and Diagnostic-Code (the reply without Postfix's "in reply to" note):
    # Python read the encoded lines as field groups and found neither.
    plain = (bench.DEFAULT_CORPORA / "bounces" / "lhost-postfix-62.eml").read_text(encoding="utf-8")
    text = with_encoded_status_part(plain, encoding)
    [verdict] = classify(text)
    assert (verdict.status, verdict.reply) == ("5.0.0", "550 Virus Detected; Content Rejected")
    assert classify(text) == classify(plain) and extract_codes(text) == extract_codes(plain) == ["5.0.0"]
    with engine_page(browser) as page:
        shown = page_reading(page, text)
    assert shown == {"verdicts": [[v.recipient, v.reason, v.evidence] for v in classify(text)], "codes": ["5.0.0"]}


# The last line of a DKIM signature's b= tag ends in its base64 padding, "==".
DKIM_SIGNATURE = ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=mail;\n"
                  "\th=From:Subject:Date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n"
                  "\tb=QmFzZTY0IHNpZ25hdHVyZSBwYWRkaW5nIHRlc3Q\n"
                  "\tdGhlIHNpZ25hdHVyZSBlbmRzIGluIHR3byBlcXVhbCBzaWducw==\n")


def test_a_header_line_ending_in_equals_signs_is_no_soft_break(browser):
    # Only text that no header declares an encoding for holds soft breaks: the page glued the
    # Subject of this DKIM-signed delay warning to the signature and called it a bounce.
    text = bounce_shapes.postfix_report("451 4.7.1 Service unavailable, try again later", "RCPT TO").replace(
        "Subject: Undelivered Mail Returned to Sender", DKIM_SIGNATURE + "Subject: Delayed Mail (still being retried)")
    [verdict] = classify(text)
    # X.7.1 in reply to RCPT TO names no cause: onhold (rules.json's codes).
    assert (verdict.reason, verdict.delayed) == ("onhold", True)
    with engine_page(browser) as page:
        shown = page.evaluate("t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.reason, v.delayed])", text)
    assert shown == [["onhold", True]]


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable"])
def test_text_already_decoded_under_its_encodings_header_is_read_as_it_stands(browser, encoding):
    # A mail program's decoded view pasted under the raw header: Python read the Korean
    # as \\uXXXX escapes and found the reason in the code alone; the page read the words.
    text = ("From: postmaster@example.org\nTo: sender@example.net\nSubject: Undeliverable\nMIME-Version: 1.0\n"
            f"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: {encoding}\n\n{REPORT}")
    [verdict] = classify(text)
    assert (verdict.reason, verdict.evidence) == ("mesgtoobig", 'diagnosis "메일의 크기가 너무 커서"')
    with engine_page(browser) as page:
        shown = page_reading(page, text)
    assert shown == {"verdicts": [[RECIPIENT, "mesgtoobig", verdict.evidence]], "codes": ["5.3.4"]}


# A quoted-printable text part, and a delivery-status part (no encoding declared) where
# one field's value ends in "=": per part, that line is no soft break.
PER_PART = """From: MAILER-DAEMON@relay.example.net
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

=EB=A9=94=EC=9D=BC=EC=9D=84 =EB=B3=B4=EB=82=B4=EC=A7=80 =EB=AA=BB=ED=96=88=
=EC=8A=B5=EB=8B=88=EB=8B=A4.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.net
Original-Envelope-Id: 4F3A21C0A1=
Remote-MTA: dns; smtp.office365.com

Final-Recipient: rfc822; neko@example.org
Action: failed
Status: 5.7.3
Diagnostic-Code: smtp; 535 5.7.3 Error: authentication failed

--B--
"""


def test_a_codes_evidence_is_read_part_by_part(browser):
    # Python decoded quoted-printable over the whole text once any part declared it: the
    # Remote-MTA line was glued to the line before and its host (Exchange Online's) was lost.
    from generator.bounces.emitter import TextEvidence

    evidence = TextEvidence(PER_PART).for_code("5.7.3")
    assert (evidence.hosts, evidence.where) == (("smtp.office365.com",), "remote-mta")
    assert "메일을 보내지 못했습니다." in TextEvidence(PER_PART).text
    with engine_page(browser) as page:
        shown = page.evaluate("t => { const e = new MFKB.bounces.emitter.TextEvidence(t).forCode('5.7.3');"
                              " return [e.lines, e.hosts, e.where]; }", PER_PART)
    assert shown == [evidence.lines, list(evidence.hosts), evidence.where]


@pytest.mark.parametrize("path, expected", [
    ("bounces/lhost-office365-03.eml", [["5.1.0", "550"]]),      # "DSN code 5.1.0" first, "550 5.1.0" later
    ("bounces/lhost-office365-06.eml", [["5.4.312", "550"], ["4.4.312", "450"]]),  # "4=\n50 4.4.312"
    ("bounces-by-text/lhost-mfilter-04.eml", [["5.4.1", "550"]]),  # only in a base64 part
])
def test_a_codes_reply_is_where_it_first_follows_one_in_the_decoded_text(browser, path, expected):
    # Python read the raw text, the page the decoded one; each took the code's first place.
    from generator.codes.parse import parse_query

    text = (bench.DEFAULT_CORPORA / path).read_bytes().decode("utf-8", "replace")
    assert [[found.code, found.reply] for found in parse_query(text)] == expected
    with engine_page(browser) as page:
        assert page.evaluate("t => MFKB.codes.parse.parseQuery(t).map(f => [f.code, f.reply])", text) == expected


# An HTML paste whose numeric entities name no character (past U+10FFFF, a surrogate) and one past U+FFFF.
HTML_ENTITIES = ("Content-Type: text/plain\n\n<html><body><p>Delivery to &lt;user@example.com&gt; failed: "
                 "550 5.1.1 user unknown &#99999999999; &#xD800; &#128512;</p></body></html>\n")


def test_an_html_pastes_entities_that_name_no_character_are_read_as_a_browser_reads_them(browser, tmp_path):
    # The command stopped with a traceback (OverflowError, or UnicodeEncodeError printing a lone
    # surrogate); the page read "&#128512;" as U+F600.
    paste = tmp_path / "paste.txt"
    paste.write_text(HTML_ENTITIES, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "lookup", "--json", "--file", str(paste)],
                         capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    [item] = json.loads(run.stdout)
    [recipient] = item["reason"]["recipients"]
    assert recipient["reply"] == "550 5.1.1 user unknown \ufffd \ufffd \U0001f600"
    with engine_page(browser) as page:
        shown = page.evaluate("t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => v.reply)", HTML_ENTITIES)
    assert shown == [recipient["reply"]]


@pytest.mark.parametrize("reply, reason", [
    ("554 5.7.1 <unknown[192.0.2.1]>: Client host rejected: cannot find your hostname, [192.0.2.1]", "requireptr"),
    (f"550 5.1.1 <{RECIPIENT}>: Recipient address rejected: User unknown in local recipient table", "userunknown"),
])
def test_a_returned_originals_html_leaves_the_reports_own_brackets_alone(browser, reply, reason):
    # Postfix's "<unknown[192.0.2.1]>" in the reply: the page read the whole bounce as pasted HTML
    # once the returned original had an HTML body, and dropped it as a tag; Python reads part by part.
    # A recipient's <a@b> in a part that is no HTML stays as it is, not "&lt;a@b&gt;".
    text = bounce_shapes.postfix_dsn(reply, "RCPT TO").replace("--B--", (
        "--B\nContent-Type: message/rfc822\n\nFrom: sender@example.net\nSubject: hello\nContent-Type: text/html\n\n"
        "<html><body><p>Hello &amp; welcome</p></body></html>\n\n--B--"))
    [verdict] = classify(text)
    assert (verdict.reason, verdict.reply) == (reason, reply)
    with engine_page(browser) as page:
        shown = page.evaluate("t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.reason, v.reply])", text)
    assert shown == [[reason, reply]]


# Korean glues words together: a status after "code" glued to Korean is still in status
# context, a "v" glued to Korean still marks a version, as codes/syntax.js's ASCII \b reads them.
GLUED_TO_KOREAN = """From: postmaster@example.org
Subject: Undeliverable

메일을 보내지 못했습니다.
수신자: neko@example.org
서버응답code 5.1.1 사용자 없음
장비 펌웨어v5.2.1 에서 처리
Status: 5.0.0
"""


def test_a_word_glued_to_korean_reads_alike_in_both_engines(browser):
    # Python's \b took the Korean letters for word characters: it dropped 5.1.1 as a loose number.
    assert extract_codes(GLUED_TO_KOREAN) == ["5.1.1", "5.0.0"]
    assert extract_codes("장비 펌웨어v5.2.1 에서 처리\n다시 시도하세요\n") == []
    with engine_page(browser) as page:
        shown = page.evaluate("ts => ts.map(t => MFKB.bounces.message.extractCodes(t))",
                              [GLUED_TO_KOREAN, "장비 펌웨어v5.2.1 에서 처리\n다시 시도하세요\n"])
    assert shown == [["5.1.1", "5.0.0"], []]


# A bounce whose only part is HTML, in French, its recipient in brackets as the server wrote it.
HTML_PART_BOUNCE = """From: MAILER-DAEMON@relay.example.net
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><p>Le message n&#39;a pas pu &ecirc;tre remis &agrave; <kim@example.org>.</p>
<p>550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown &mdash; bo&icirc;te inconnue</p></body></html>
"""


def test_an_html_part_is_read_as_html_pasted_as_text_is(browser):
    # Python read an HTML part's <kim@example.org> as a tag (no recipient, the reply "550 5.1.1 : ...");
    # the page left "&mdash;" and "&icirc;" as written: only six entities were read.
    reply = "550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown \u2014 bo\u00eete inconnue"
    assert [(v.recipient, v.reason, v.reply) for v in classify(HTML_PART_BOUNCE)] == [("kim@example.org", "userunknown", reply)]
    with engine_page(browser) as page:
        shown = page.evaluate("t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.recipient, v.reason, v.reply])",
                              HTML_PART_BOUNCE)
    assert shown == [["kim@example.org", "userunknown", reply]]


def test_a_returned_originals_html_header_copied_into_the_text_makes_no_html(browser):
    # Exim copies the returned message, "Content-type: text/html" and all, into its text: the page took
    # the whole bounce for HTML and dropped the reply's "<http://example.com/506>" as a tag.
    text = (bench.DEFAULT_CORPORA / "bounces" / "lhost-exim-45.eml").read_text(encoding="utf-8")
    [verdict] = classify(text)
    assert verdict.reply.endswith("Please provide a valid From: IB506 <http://example.com/506>")
    with engine_page(browser) as page:
        assert page.evaluate("t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => v.reply)", text) == [verdict.reply]
