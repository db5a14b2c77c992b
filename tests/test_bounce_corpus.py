"""The bounce extractor on real NDRs (the shared corpus) and on small built ones."""
import importlib.util
import sys
from pathlib import Path

import pytest

from generator.bounces.message import extract_codes, extract_codes_from_bytes

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "bounces"


def _load_bench():
    spec = importlib.util.spec_from_file_location("bounce_corpus_bench", REPO / "bench" / "bounce_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not (CORPUS / "expected.tsv").is_file(),
    reason=f"bounce corpus not found at {CORPUS} (shared/ must sit beside the repo folder)",
)
def test_corpus_primary_status_is_found_and_first():
    bench = _load_bench()
    report = bench.score(CORPUS)
    table = bench.format_report(report)
    print("\n" + table)
    assert report.overall.messages == len(bench.load_expected(CORPUS)) > 0
    assert report.overall.contained_rate == 1.0, table
    assert report.overall.first_rate >= 0.99, table


def dsn(text_part: str, status: str, diagnostic: str) -> str:
    """A multipart/report bounce with one recipient."""
    return f"""\
From: MAILER-DAEMON@example.org
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=us-ascii

{text_part}
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; kijitora@example.jp
Action: failed
Status: {status}
Diagnostic-Code: smtp; {diagnostic}

--B
Content-Type: message/rfc822

Received: from [192.2.0.128] by mx.example.org (Postfix 5.1.1) id 15.20.4.316
From: sender@example.org
Subject: about 4.2.2

Original body mentions 550 5.2.2 mailbox full.
--B--
"""


def test_specific_diagnostic_beats_generic_status():
    message = dsn("Delivery failed.", "5.0.0", "550 5.7.26 Unauthenticated email")
    assert extract_codes(message)[:2] == ["5.7.26", "5.0.0"]


def test_diagnostic_beats_a_different_status():
    message = dsn("Delivery failed.", "5.1.1", "552 5.2.2 Over quota")
    assert extract_codes(message)[0] == "5.2.2"


def test_expiry_wrapper_ranks_after_the_real_last_error():
    message = dsn(
        "Last error: host mx.example.jp said: 441 4.4.1 No answer from host",
        "4.4.7",
        "550 4.4.7 QUEUE.Expired; message expired",
    )
    assert extract_codes(message)[:2] == ["4.4.1", "4.4.7"]


def test_status_beats_the_mtas_own_summary_line_in_prose():
    message = dsn("<<< 551 not our user\n550 5.1.1 <kijitora@example.jp>... User unknown",
                  "5.1.6", "551 not our user")
    assert extract_codes(message)[:2] == ["5.1.6", "5.1.1"]


def test_transcript_reply_beats_a_guessed_status():
    message = dsn("<<< 421 4.7.0 Error: too many errors", "5.5.0", "554 not accepting connections")
    assert extract_codes(message)[:2] == ["4.7.0", "5.5.0"]


def test_returned_original_message_is_not_reported_beside_the_reports_status():
    codes = extract_codes(dsn("Delivery failed.", "5.1.1", "550 5.1.1 User unknown"))
    assert codes == ["5.1.1"]


def test_no_false_positives_from_ips_versions_dates_or_success_lines():
    text = (
        "Subject: failure\n\n"
        "Connected to 192.2.0.128 (Mailman 2.1.15, server id 15.20.4.316, version 4.0.1)\n"
        "on 4.12.15 at 10.07.2014\n"
        "Out: 250 2.0.0 Ok\nOut: 250 2.1.5 Ok\nOut: 451 4.3.0 queue file write error\n"
    )
    assert extract_codes(text) == ["4.3.0"]


def test_quoted_printable_soft_break_inside_a_code():
    message = (
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "Remote server said: 550 5.1=\n.1 =E3=83=A6=E3=83=BC=E3=82=B6 unknown\n"
    )
    assert extract_codes(message) == ["5.1.1"]


def test_soft_break_without_a_declared_encoding():
    assert extract_codes("Subject: x\n\nRemote said: 550 5.7=\r\n.26 Unauthenticated\n") == ["5.7.26"]


def test_base64_and_html_parts():
    message = """\
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="A"

--A
Content-Type: text/html; charset=utf-8

<p>Remote said <b>550&nbsp;5.4.1</b> Recipient address rejected</p>
--A
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

NTUyIDUuMi4yIE92ZXIgcXVvdGE=
--A--
"""
    assert extract_codes(message) == ["5.4.1", "5.2.2"]


def test_forwarded_bounce_inside_a_wrapper_message():
    inner = dsn("Delivery failed.", "5.0.0", "550 5.7.1 Relaying denied")
    wrapper = (
        "From: helpdesk@example.org\nSubject: Fwd: bounce\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="W"\n\n'
        "--W\nContent-Type: text/plain\n\nPlease look at this.\n"
        f"--W\nContent-Type: message/rfc822\n\n{inner}\n--W--\n"
    )
    assert extract_codes(wrapper)[:2] == ["5.7.1", "5.0.0"]


def test_plain_text_bounce_with_inline_original_message():
    text = (
        "Subject: Mail delivery failed\n\n"
        "  kijitora@example.jp\n"
        "    host mx.example.jp [192.0.2.153]: 550 5.1.1 <kijitora@example.jp>... User Unknown\n\n"
        "------ This is a copy of the message, including all the headers. ------\n\n"
        "Return-path: <shironeko@example.jp>\n"
        "Received: from localhost by mx with esmtp (Exim 4.72)\n"
        "Subject: test\n\n"
        "see 550 5.7.1 in the body\n"
    )
    assert extract_codes(text) == ["5.1.1"]  # the copy of the message is not the report


def test_several_recipients_in_recipient_order():
    message = dsn("Delivery failed.", "5.1.1", "550 5.1.1 User unknown").replace(
        "--B\nContent-Type: message/rfc822",
        "Final-Recipient: rfc822; sabatora@example.jp\nAction: failed\nStatus: 5.2.1\n"
        "Diagnostic-Code: smtp; 550 5.2.1 Disabled\n\n--B\nContent-Type: message/rfc822",
    )
    assert extract_codes(message)[:2] == ["5.1.1", "5.2.1"]


def test_bytes_are_decoded_leniently():
    data = "Subject: x\n\n550 5.1.1 사용자 없음 \xff\n".encode("utf-8") + b"\xff\xfe"
    assert extract_codes_from_bytes(data) == ["5.1.1"]


def test_internationalized_delivery_status_counts_as_delivery_status():
    message = dsn("Delivery failed.", "5.0.0", "550 5.1.1 사용자 없음").replace(
        "message/delivery-status", "message/global-delivery-status"
    )
    assert extract_codes(message)[:2] == ["5.1.1", "5.0.0"]


def test_binary_attachments_are_not_read():
    message = """\
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="M"

--M
Content-Type: text/plain

Delivery failed: 550 5.1.1 User unknown
--M
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64

NTUyIDUuMi4yIE92ZXIgcXVvdGE=
--M--
"""
    assert extract_codes(message) == ["5.1.1"]
