"""Lookup: the resolution rules (shared vectors), the Python API and the
`python -m generator lookup` command."""
from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT, run_generator
from generator.lookup import KnowledgeBase, load_knowledge_base, lookup
from generator.codes.resolve import KnownCodes, KnownEntry, Via

VECTORS = json.loads((ROOT / "generator/data/resolution_vectors.json").read_text(encoding="utf-8"))
FIXTURE_KB = KnownCodes(
    KnownEntry(e["code"], tuple(e["aliases"]), e.get("range_end")) for e in VECTORS["knowledge_base"]
)
CORPUS = ROOT.parent / "shared" / "corpora" / "bounces"

# A class-agnostic entry no real content will have (subject 9 is unregistered).
FIXTURE_AGNOSTIC = """\
code: X.9.98
title: Fixture fault
summary: A class-agnostic fixture entry.
stage: smtp
causes: [The address is misspelled.]
fixes: [Check the address with the recipient.]
sources: [{title: A fixture source, url: "https://example.org/fixture"}]
"""


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=[v["note"] for v in VECTORS["vectors"]])
def test_resolution_vector(vector):
    got = [
        {"code": m.code, "reply": m.reply, "entry": m.entry, "via": m.via.value, "explains": m.note_key}
        for m in lookup(vector["input"], FIXTURE_KB)
    ]
    assert got == vector["matches"]


def test_vectors_cover_every_resolution_and_line():
    matches = [m for v in VECTORS["vectors"] for m in v["matches"]]
    assert {m["via"] for m in matches} == {v.value for v in Via}
    assert {m["explains"] for m in matches} == {None, "expired", "deferred", "range", "class-agnostic", "none"}
    assert {m["code"][0] for m in matches if m["via"] == "none"} >= {"2", "4", "5", "X"}
    assert any("\n" in v["input"] for v in VECTORS["vectors"]), "pasted NDR text forms"


def test_shipped_expiry_codes_find_their_deferral_entries():
    for code in ("4.4.312", "4.4.315", "4.4.316", "4.4.317", "4.4.318"):
        expired = "5" + code[1:]
        [match] = lookup(f"550 {expired} Message expired")
        assert (match.code, match.entry, match.via, match.reply) == (expired, code, Via.alias, "550")


def kb_with_fixture_entry(project) -> KnowledgeBase:
    (project / "content/errors/X.9.98.yml").write_text(FIXTURE_AGNOSTIC, encoding="utf-8")
    return load_knowledge_base(project)


def test_class_agnostic_entry_answers_for_any_class(project):
    kb = kb_with_fixture_entry(project)
    found = lookup("550 5.9.98 then 450-4.9.98", kb)
    assert [(m.code, m.entry, m.via) for m in found] == [
        ("5.9.98", "X.9.98", Via.agnostic), ("4.9.98", "X.9.98", Via.agnostic),
    ]
    assert "X.9.98 describes this code in every class" in kb.note(found[0], "en")
    assert lookup("X.9.98", kb)[0].via is Via.exact


def lookup_json(root, *args):
    result = run_generator(root, "lookup", "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_cli_json_for_an_alias_and_an_unknown_code(project):
    [alias, unknown] = lookup_json(project, "550 5.4.316 and 5.9.99")
    assert alias["code"] == "5.4.316" and alias["reply"] == "550"
    assert alias["entry"]["code"] == "4.4.316"
    assert alias["entry"]["url"] == "/en/errors/4.4.316/"
    assert alias["entry"]["urls"] == {"en": "/en/errors/4.4.316/", "ko": "/ko/errors/4.4.316/"}
    assert "expired" in alias["note"] and "24 hours" in alias["note"]
    assert unknown == {"code": "5.9.99", "reply": None, "class": "permanent", "resolution": "none",
                       "entry": None, "note": "5.9.99 is not in the knowledge base yet.", "reason": None,
                       "meaning": None, "possible_meanings": []}


def test_cli_text_in_korean(project):
    result = run_generator(project, "lookup", "--lang", "ko", "54316")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "왜 반송되었나요?" and lines[4] == "  /ko/reasons/expired/"  # the reason first
    assert lines[3].startswith("  보낸 사람이 할 수 있는 일: ")  # after what it is, the sender's first step
    head = next(line for line in lines if line.startswith("5.4.316"))
    assert head.startswith("5.4.316 → 4.4.316 ") and "Connection refused" not in head
    assert "만료" in result.stdout and "24시간" in result.stdout
    assert "/ko/errors/4.4.316/" in result.stdout


def test_cli_reads_an_ndr_file(project, tmp_path):
    ndr = tmp_path / "bounce.eml"
    ndr.write_text(
        "From: MAILER-DAEMON@example.org\nSubject: Undeliverable\n\n"
        "Remote Server returned '550 5.4.312 Message expired, DNS query failed'\n"
        "Received: from mail.contoso.com (192.0.2.1) by mail.contoso.com (15.20.4.316)\n",
        encoding="utf-8",
    )
    [first] = lookup_json(project, "--file", str(ndr))
    assert (first["code"], first["entry"]["code"]) == ("5.4.312", "4.4.312")


def test_cli_says_when_the_reason_came_from_words_without_a_code(project):
    # Gmail's notice with no status code anywhere: the reason is read from its words, and the
    # answer says so after it, in the reader's language (the page says the same).
    text = (CORPUS.parent / "bounces-by-text" / "lhost-gmail-10.eml").read_text("utf-8", "replace")
    for lang, said in (("en", "This text has no status code: the reason above was read from its words."),
                       ("ko", "이 텍스트에는 상태 코드가 없습니다. 위의 이유는 텍스트에 적힌 문구로 판단했습니다.")):
        shown = run_generator(project, "lookup", "--lang", lang, text)
        assert shown.returncode == 0 and shown.stdout.rstrip().endswith(said)
        assert "/reasons/expired/" in shown.stdout


def test_cli_nothing_found_and_bad_input(project):
    nothing = run_generator(project, "lookup", "Mailman 2.1.15")
    assert nothing.returncode == 1 and "No status code found" in nothing.stdout
    missing = run_generator(project, "lookup", "--file", str(project / "no-such.eml"))
    assert missing.returncode == 2 and "no-such.eml: error: cannot read file" in missing.stderr
    assert "Traceback" not in missing.stderr
    language = run_generator(project, "lookup", "--lang", "fr", "4.4.316")
    assert language.returncode == 2 and "unknown language 'fr'" in language.stderr


@pytest.mark.skipif(not (CORPUS / "expected.tsv").is_file(), reason="bounce corpus not found")
def test_cli_ranks_the_expected_code_first_over_the_corpus():
    sys.path.insert(0, str(ROOT / "bench"))
    from lookup_corpus import score_cli

    report = score_cli(CORPUS, ROOT, in_process=True)
    print(f"\nexpected code first: {report.overall.first}/{report.overall.messages}")
    assert report.overall.messages > 300
    assert report.overall.first_rate >= 0.99, report.overall.failures[:10]


WRAPPED = ROOT / "tests" / "data" / "whole-bounces" / "postfix-recipient-first.txt"
ANDREAS = ("550 5.1.1 <andreas@acc.example.se>: Recipient address rejected: User unknown in local"
           " recipient table (in reply to RCPT TO command)")


def test_a_reason_names_whom_it_is_about_and_what_the_server_said(project):
    # Postfix wraps each reply over indented lines; the reply comes back whole.
    [first, second] = lookup_json(project, "--file", str(WRAPPED))
    assert first["reason"]["id"] == second["reason"]["id"] == "userunknown"
    assert first["reason"]["recipients"] == [
        {"address": "andreas@acc.example.se", "reply": ANDREAS, "delayed": False, "retry": None},
        {"address": "marma@student.example.se",
         "reply": "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)"
                  " [HE1EUR01FT048.eop-EUR01.prod.protection.outlook.com] (in reply to RCPT TO command)",
         "delayed": False, "retry": None},
    ]
    # A query that is not a bounce names nobody.
    [query] = lookup_json(project, "550 5.7.1 IP address blacklisted")
    assert query["reason"]["id"] == "blocked" and query["reason"]["recipients"] == []
    # What the reason is and the sender's first step, from its page, as plain text.
    assert first["reason"]["summary"].startswith("The receiving mail server has no mailbox for the address")
    assert first["reason"]["fix"] == ("Check the address letter by letter against a source you trust, "
                                      "and send the message again.")
    korean = run_generator(project, "lookup", "--lang", "ko", "--file", str(WRAPPED)).stdout.splitlines()
    assert korean[:2] == ["왜 반송되었나요?", "  받는 사람 주소가 존재하지 않음 (userunknown)"]
    # The address the message was sent to ("메시지를 보낸 주소" read as the one that sent it).
    assert korean[2].startswith("  받는 메일 서버에 이 메시지를 받을 주소의 사서함이 없습니다.")
    assert korean[3] == f"    andreas@acc.example.se: 서버가 “{ANDREAS}”라고 응답했습니다"
    assert korean[5].startswith("  보낸 사람이 할 수 있는 일: 주소를 믿을 수 있는 출처와 한 글자씩")


def test_a_python_smtplib_errors_code_item_carries_its_reply_code(project):
    # smtplib keeps the codes apart, "(553, b'5.1.3 ...')": the code item carries 553 as any bounce's would.
    text = (ROOT / "tests/data/whole-bounces/django-gmail-553-escaped-newlines.txt").read_text(encoding="utf-8")
    [item] = lookup_json(project, text)
    assert (item["code"], item["reply"]) == ("5.1.3", "553")
    assert item["reason"]["recipients"][0]["reply"].startswith("553 5.1.3 The recipient address <email> is not")


DELAY_WARNING = CORPUS / "lhost-outlook-06.eml"   # Hotmail: "THIS IS A WARNING MESSAGE ONLY", Action: delayed
EXIM_DELAY_WARNING = CORPUS.parent / "bounces-by-text" / "lhost-exim-38.eml"


@pytest.mark.skipif(not DELAY_WARNING.is_file(), reason="bounce corpus not found")
def test_a_delay_warning_says_that_nothing_was_returned_yet(project):
    [first] = lookup_json(project, "--file", str(DELAY_WARNING))
    assert first["reason"]["recipients"] == [{
        "address": "kijitora@example.com", "reply": None, "delayed": True,
        "retry": "Will-Retry-Until: Fri, 30 Jan 2015 21:28:58 -0800"}]
    english = run_generator(project, "lookup", "--file", str(DELAY_WARNING)).stdout.splitlines()
    assert english[:3] == [
        "Why it is delayed",
        "  Not returned yet: the message is still in the sending server's queue and the server keeps retrying, "
        "so there is no need to send it again.",
        "  The warning says “Will-Retry-Until: Fri, 30 Jan 2015 21:28:58 -0800”"]
    korean = run_generator(project, "lookup", "--lang", "ko", "--file", str(DELAY_WARNING)).stdout.splitlines()
    assert korean[0] == "왜 지연되고 있나요?" and korean[1].startswith("  아직 반송되지 않았습니다.")
    assert korean[2] == "  경고에는 “Will-Retry-Until: Fri, 30 Jan 2015 21:28:58 -0800”라고 적혀 있습니다"
    # Exim's warning has no delivery-status part: its own words say it, and how long it goes on.
    [exim] = lookup_json(project, "--file", str(EXIM_DELAY_WARNING))
    assert exim["reason"]["id"] == "requireptr"
    assert [(r["delayed"], r["retry"]) for r in exim["reason"]["recipients"]] == [
        (True, "Delivery attempts will continue for some time")]
    # A bounce says why it bounced, even when its sender also sends delay warnings.
    final = run_generator(project, "lookup", "--file", str(CORPUS / "lhost-outlook-01.eml")).stdout
    assert final.startswith("Why it bounced\n") and "delay warning" not in final.split("\n")[1]


def test_a_reasons_text_is_given_as_the_reader_reads_it():
    # The command prints it and the page sets it as text: no Markdown marks, code as code.
    from generator.content.escaping import plain_text

    assert plain_text("Run `Resolve-DnsName x -Type MX`, see **Settings** > [Domains](https://example.org/a_b).") \
        == "Run Resolve-DnsName x -Type MX, see Settings > Domains."
    assert plain_text("`<b>*x*</b>` and user_name, 2 * 3 * 4") == "<b>*x*</b> and user_name, 2 * 3 * 4"


def test_cli_reads_a_bounce_saved_in_its_own_8bit_charset(project, tmp_path):
    # An older Korean server's report in 8-bit EUC-KR, with no code: only its Korean words say
    # why (the message was too big); read as UTF-8 they were lost.
    ndr = tmp_path / "bounce.eml"
    ndr.write_bytes(
        b"From: postmaster@example.org\nTo: sender@example.net\nSubject: Undeliverable\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=euc-kr\nContent-Transfer-Encoding: 8bit\n\n"
        + "<neko@example.org>\n메일의 크기가 너무 커서 보내지 못했습니다.\n".encode("euc-kr"))
    [found] = lookup_json(project, "--file", str(ndr))
    assert (found["code"], found["reason"]["id"]) == (None, "mesgtoobig")
    assert found["reason"]["recipients"] == [{"address": "neko@example.org", "reply": None, "delayed": False, "retry": None}]


def test_a_notice_that_says_it_will_try_again_is_a_delay_warning(project):
    # Firefox Relay's soft bounce: "We will try again on 20/09/2021 2:23 a.m..".
    notice = ROOT / "tests" / "data" / "whole-bounces" / "firefox-relay-soft-bounce.txt"
    [item] = lookup_json(project, "--file", str(notice))
    assert item["reason"]["recipients"] == [{
        "address": "myusername@hotmail.com", "reply": None, "delayed": True,
        "retry": "We will try again on 20/09/2021 2:23 a.m.."}]
    # Its cause is open (onhold): the reason's summary must not say that delivery failed, and only that.
    assert item["reason"]["id"] == "onhold" and "or that it is delayed" in item["reason"]["summary"]


def test_json_gives_a_mail_programs_quoted_refusal_and_no_code_of_a_log_line_about_another_message(project):
    whole = ROOT / "tests" / "data" / "whole-bounces"
    # eM Client's log quotes the refusal without its reply code: it is the recipient's reply all the same.
    [item] = lookup_json(project, "--file", str(whole / "emclient-recipient-not-accepted-lookup-failure.txt"))
    assert (item["code"], item["class"], item["reason"]["id"]) == ("4.3.0", "transient", "systemerror")
    assert item["reason"]["recipients"] == [{"address": "admin@recipient.example", "delayed": False, "retry": None,
                                             "reply": "4.3.0 <user@sender.example>: Temporary lookup failure"}]
    shown = run_generator(project, "lookup", "--file", str(whole / "emclient-recipient-not-accepted-lookup-failure.txt"))
    assert ("  Transient (4.x.x), but this report says the message was not delivered: nothing retries it now, "
            "so send it again later") in shown.stdout.splitlines()
    assert "keeps retrying" not in shown.stdout
    # maddy's last line checks the DSN maddy generated ("msg_id" is the DSN's): its 5.7.20 is listed no more.
    items = lookup_json(project, "--file", str(whole / "maddy-queue-log-null-mx.txt"))
    assert [(item["code"], item["reason"] and item["reason"]["id"]) for item in items] == [("5.1.10", "notaccept")]
