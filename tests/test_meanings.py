"""Vendor meanings: the choice from the evidence (shared vectors with the
lookup page's script), the content rules that keep meanings reachable, and
5.7.3 and 5.7.30 from Exchange Online in the shipped knowledge base."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from htmltext import visible_text

from generator.bounces.emitter import TextEvidence
from generator.bounces.meanings import Meanings, MeaningRule, host_matches

DATA = Path(__file__).resolve().parents[1] / "generator" / "data"
VECTORS = json.loads((DATA / "meaning_vectors.json").read_text(encoding="utf-8"))


def fixture_meanings() -> Meanings:
    return Meanings([
        MeaningRule(rule["entry"], rule["emitter"], tuple(rule["codes"]),
                    tuple(rule["match"]["reply"]), tuple(rule["match"]["hosts"]))
        for rule in VECTORS["rules"]
    ])


def as_vector(choice) -> dict | None:
    if choice is None:
        return None
    return {"emitter": choice.rule.emitter, "by": choice.by, "matched": choice.matched,
            "host": choice.host, "where": choice.where}


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda vector: vector["note"])
def test_python_chooses_as_the_vectors_say(vector):
    evidence = TextEvidence(vector["input"]).for_code(vector["code"])
    assert as_vector(fixture_meanings().choose(vector["code"], evidence)) == vector["meaning"]


@pytest.mark.parametrize(("host", "pattern", "matches"), [
    ("bn6pr03ca0021.namprd03.prod.outlook.com", "*.outlook.com", True),
    ("outlook.com", "*.outlook.com", False),
    ("smtp.office365.com", "smtp.office365.com", True),
    ("SMTP.Office365.com.", "smtp.office365.com", True),
    ("evil-outlook.com", "*.outlook.com", False),
])
def test_host_patterns(host, pattern, matches):
    assert host_matches(host, pattern) is matches


# --- the shipped knowledge base: Exchange Online's 5.7.3 and 5.7.30 ----------------------------

EXCHANGE_5_7_3 = "535 5.7.3 Authentication unsuccessful [BN6PR03CA0021.namprd03.prod.outlook.com]"
EXCHANGE_5_7_30 = ("550 5.7.30 Basic authentication is not supported for Client Submission. "
                   "[SN7PR04CA0123.namprd04.prod.outlook.com 2026-05-02T08:11:09.123Z 08DC6A1B2C3D4E5F]")


@pytest.mark.parametrize(("text", "code", "registry"), [
    (EXCHANGE_5_7_3, "5.7.3", "X.7.3"),
    (EXCHANGE_5_7_30, "5.7.30", "X.7.30"),
])
def test_exchange_online_codes_get_exchange_onlines_meaning(text, code, registry):
    kb, match = looked_up(text)
    assert (match.code, match.entry, match.via.value) == (code, registry, "class-agnostic")
    item = kb.as_json(match, "ko")
    assert item["meaning"]["emitter"] == "Exchange Online" and item["meaning"]["chosen_by"] == "reply"
    assert item["meaning"]["url"] == f"/ko/errors/{registry}/#from-exchange-online"
    assert "SMTP AUTH" in item["meaning"]["title"] and "골랐습니다" in item["meaning"]["why"]


@pytest.mark.parametrize(("text", "emitter", "by"), [
    ("550-5.7.30 This message did not pass DKIM checks. To best protect our users\n"
     "550 5.7.30 from spam, the message has been blocked. a1si123 - gsmtp", "Gmail", "reply"),
    ("Reporting-MTA: dns; relay.contoso.com\nStatus: 4.7.30\nRemote-MTA: dns; gmail-smtp-in.l.google.com\n"
     "Diagnostic-Code: smtp; 421 4.7.30 Try again later\n", "Gmail", "host"),
    (EXCHANGE_5_7_30, "Exchange Online", "reply"),
])
def test_two_senders_mean_two_things_by_5_7_30(text, emitter, by):
    from generator.cli.lookup import knowledge_base
    from generator.lookup import lookup

    [match] = lookup(text, knowledge_base(str(ROOT)))
    assert match.entry == "X.7.30"
    assert (match.meaning.rule.emitter, match.meaning.by) == (emitter, by)


def test_another_servers_5_7_3_keeps_the_registrys_meaning():
    from generator.cli.lookup import knowledge_base
    from generator.lookup import lookup

    [match] = lookup("554 5.7.3 Message could not be converted to S/MIME", knowledge_base(str(ROOT)))
    assert match.entry == "X.7.3" and match.meaning is None


def looked_up(text: str):
    """The shipped knowledge base and the one match that the text gives."""
    from generator.cli.lookup import knowledge_base
    from generator.lookup import lookup

    kb = knowledge_base(str(ROOT))
    [match] = lookup(text, kb)
    return kb, match


GMAIL_4_7_27 = ("421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for\n"
                "421-4.7.27 this message. Gmail requires all bulk email senders to authenticate their email\n"
                "421 4.7.27 with SPF. a1si123 - gsmtp")
GMAIL_5_7_27 = ("Reporting-MTA: dns; relay.contoso.com\nStatus: 5.7.27\nRemote-MTA: dns; gmail-smtp-in.l.google.com\n"
                "Diagnostic-Code: smtp; 550 5.7.27 This message was blocked because it didn't pass SPF\n"
                "    authentication. Gmail requires bulk email senders to authenticate their email with SPF.\n")
NULL_MX_5_7_27 = ("550 5.7.27 <sname@nullmx.contoso.com>: Sender address rejected: Domain nullmx.contoso.com "
                  "does not accept mail (in reply to RCPT TO command)")


def test_another_servers_null_mx_5_7_27_keeps_the_registrys_meaning():
    kb, match = looked_up(NULL_MX_5_7_27)
    assert (match.code, match.entry, match.meaning) == ("5.7.27", "X.7.27", None)
    assert kb.as_json(match, "en")["meaning"] is None


@pytest.mark.parametrize(("text", "code", "entry", "emitter"), [
    ("451-4.7.23 [203.0.113.10] The sending IP address for this message doesn't have a PTR record, or the\n"
     "451 4.7.23 PTR record's forward DNS entry doesn't match the sending IP address. a1si123 - gsmtp",
     "4.7.23", "X.7.23", "Gmail"),
    ("550-5.7.25 This message was blocked because the sending IP address doesn't have a PTR record, or the\n"
     "550 5.7.25 forwarding DNS entry doesn't reference the sending IP address. a1si123 - gsmtp",
     "5.7.25", "5.7.25", "Gmail"),
    ("550 5.7.25 Access denied, the sending IPv6 address [2a01:111:f400::1] must have a reverse DNS record",
     "5.7.25", "5.7.25", None),
    ("550 5.7.23 The message was rejected because of Sender Policy Framework violation", "5.7.23", "5.7.23", None),
])
def test_gmails_ptr_codes_are_not_spf_or_ipv6_only(text, code, entry, emitter):
    from generator.cli.lookup import knowledge_base
    from generator.lookup import lookup

    [match] = lookup(text, knowledge_base(str(ROOT)))
    assert (match.code, match.entry) == (code, entry)
    assert (match.meaning.rule.emitter if match.meaning else None) == emitter



# Google's texts ("Gmail SMTP errors and codes"), wrapped the way Gmail continues a multi-line reply,
# and a Gmail code known only by the host that sent it.
GMAIL_MEANINGS = [
    (GMAIL_4_7_27, "4.7.27", "X.7.27", "reply", "SPF 인증 통과 못 함"),
    (GMAIL_5_7_27, "5.7.27", "X.7.27", "reply", "SPF 인증 통과 못 함"),
    ("Reporting-MTA: dns; relay.contoso.com\nStatus: 5.7.27\nRemote-MTA: dns; gmail-smtp-in.l.google.com\n"
     "Diagnostic-Code: smtp; 550 5.7.27 Blocked\n", "5.7.27", "X.7.27", "host", "SPF 인증 통과 못 함"),
    ("421-4.7.29 Your email has been rate limited because you're not using a TLS connection. Gmail\n"
     "421 4.7.29 requires all bulk email senders to use TLS/SSL for SMTP connections. a1si123 - gsmtp",
     "4.7.29", "X.7.29", "reply", "TLS 연결로 보내지 않음"),
    ("550-5.7.29 This message was blocked because it wasn't sent over a TLS connection. Gmail requires\n"
     "550 5.7.29 all bulk email senders to use TLS/SSL for SMTP connections. a1si123 - gsmtp",
     "5.7.29", "X.7.29", "reply", "TLS 연결로 보내지 않음"),
    ("Reporting-MTA: dns; relay.contoso.com\nStatus: 5.7.29\nRemote-MTA: dns; gmail-smtp-in.l.google.com\n"
     "Diagnostic-Code: smtp; 550 5.7.29 Blocked\n", "5.7.29", "X.7.29", "host", "TLS 연결로 보내지 않음"),
    ("451-4.7.24 The SPF record of the sending domain has one or more suspicious entries. To protect our\n"
     "451 4.7.24 users from spam, email sent from your IP address has been temporarily rate limited. - gsmtp",
     "4.7.24", "X.7.24", "reply", "SPF 레코드에 의심스러운 항목이 있음"),
    ("550 5.7.24 The SPF record of the sending domain has one or more suspicious entries. a1si123 - gsmtp",
     "5.7.24", "X.7.24", "reply", "SPF 레코드에 의심스러운 항목이 있음"),
]


@pytest.mark.parametrize(("text", "code", "entry", "by", "title"), GMAIL_MEANINGS)
def test_gmails_spf_tls_and_spf_record_codes_get_gmails_meaning(text, code, entry, by, title):
    kb, match = looked_up(text)
    assert (match.code, match.entry) == (code, entry)
    item = kb.as_json(match, "ko")
    assert item["meaning"]["emitter"] == "Gmail" and item["meaning"]["chosen_by"] == by
    assert item["meaning"]["url"] == f"/ko/errors/{entry}/#from-gmail"
    assert item["meaning"]["title"] == title


@pytest.mark.parametrize(("text", "code", "entry"), [
    ("550 5.7.29 ARC validation failure: cv=fail on the newest ARC set", "5.7.29", "X.7.29"),
    ("451 4.7.24 SPF temperror for contoso.com: DNS timeout", "4.7.24", "X.7.24"),
])
def test_another_servers_arc_and_spf_errors_keep_the_registrys_meaning(text, code, entry):
    kb, match = looked_up(text)
    assert (match.code, match.entry, match.meaning) == (code, entry, None)
    assert kb.as_json(match, "en")["meaning"] is None


# Yahoo Mail's replies (Yahoo Sender Hub, "SMTP Error Codes"): 5.7.9 is a policy refusal, not a weak
# sign-in mechanism, and [TSS09]'s 5.7.2 refuses the sending IP address, no mailing list; both name
# Yahoo's postmaster page, and a Yahoo MX host alone is enough.
YAHOO_MEANINGS = [
    ("554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes",
     "5.7.9", "X.7.9", "reply", "Yahoo 정책에 따라 메시지 거부"),
    ("Reporting-MTA: dns; relay.contoso.com\nStatus: 5.7.9\nRemote-MTA: dns; mta7.am0.yahoodns.net\n"
     "Diagnostic-Code: smtp; 554 5.7.9 Message not accepted for policy reasons.\n",
     "5.7.9", "X.7.9", "host", "Yahoo 정책에 따라 메시지 거부"),
    ("553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. "
     "See https://postmaster.yahooinc.com/error-codes", "5.7.2", "X.7.2", "reply",
     "보내는 IP 주소에서 오는 모든 메일을 Yahoo가 거부함"),
]


@pytest.mark.parametrize(("text", "code", "entry", "by", "title"), YAHOO_MEANINGS)
def test_yahoos_policy_and_ip_refusals_get_yahoos_meaning(text, code, entry, by, title):
    kb, match = looked_up(text)
    assert (match.code, match.entry) == (code, entry)
    item = kb.as_json(match, "ko")
    assert item["meaning"]["emitter"] == "Yahoo Mail" and item["meaning"]["chosen_by"] == by
    assert item["meaning"]["url"] == f"/ko/errors/{entry}/#from-yahoo-mail"
    assert item["meaning"]["title"] == title


def test_a_real_gmail_notice_of_yahoos_5_7_9_gets_yahoos_meaning_and_authfailure():
    # Gmail's notice relaying Yahoo's 2024 refusal of unauthenticated mail (tests/data/whole-bounces/README.md).
    text = (ROOT / "tests/data/whole-bounces/gmail-notice-yahoo-5-7-9-unauthenticated.txt").read_text(encoding="utf-8")
    kb, match = looked_up(text)
    item = kb.as_json(match, "en")
    assert (match.code, match.entry, match.reason) == ("5.7.9", "X.7.9", "authfailure")
    assert (item["meaning"]["emitter"], item["meaning"]["title"]) == ("Yahoo Mail", "Message refused by Yahoo's policy")


@pytest.mark.parametrize(("text", "code", "entry"), [
    ("534-5.7.9 Application-specific password required. Learn more at\n"
     "534 5.7.9 https://support.google.com/mail/?p=InvalidSecondFactor a1si123 - gsmtp", "5.7.9", "X.7.9"),
    ("550 5.7.2 <list@contoso.com>: the list accepts posts from its members only", "5.7.2", "X.7.2"),
])
def test_gmails_sign_in_and_a_lists_refusal_keep_the_registrys_meaning(text, code, entry):
    kb, match = looked_up(text)
    assert (match.code, match.entry, match.meaning) == (code, entry, None)


@pytest.mark.parametrize(("text", "code", "resolution"), [
    ("550-5.7.40 Your message was blocked because the sending domain doesn't have a DMARC record or the\n"
     "550 5.7.40 DMARC record doesn't specify a DMARC policy. a1si123 - gsmtp", "5.7.40", "exact"),
    ("421-4.7.40 Your email has been rate limited because the sending domain doesn't have a DMARC record,\n"
     "421 4.7.40 or the DMARC record doesn't specify a DMARC policy. a1si123 - gsmtp", "4.7.40", "alias"),
])
def test_gmails_no_dmarc_record_codes_lead_to_their_own_entry(text, code, resolution):
    kb, match = looked_up(text)
    assert (match.code, match.entry) == (code, "5.7.40")
    item = kb.as_json(match, "ko")
    assert item["resolution"] == resolution
    assert item["entry"]["title"] == "Gmail: DMARC 레코드 또는 DMARC 정책 없음"
    assert item["entry"]["url"] == "/ko/errors/5.7.40/"

def test_cli_says_which_meaning_and_why(project):
    result = run_generator(project, "lookup", EXCHANGE_5_7_3)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    head = lines.index("535 5.7.3 → X.7.3 Security conversion required but not possible")
    assert lines[head + 1] == "  From Exchange Online, 5.7.3 means: SMTP AUTH sign-in failed."
    assert lines[head + 2] == "  Chosen because the reply says “Authentication unsuccessful”."
    korean = run_generator(project, "lookup", "--lang", "ko", "--json", EXCHANGE_5_7_30)
    [item] = json.loads(korean.stdout)
    assert item["meaning"]["title"] == "SMTP AUTH의 기본 인증 거부"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_code_page_shows_the_vendor_meaning_beside_the_registrys(built_site, lang):
    page = (built_site / lang / "errors" / "X.7.3" / "index.html").read_text(encoding="utf-8")
    block = page[page.index('id="from-exchange-online"'):]
    block = visible_text(block[: block.index("</div>")]).replace(" .", ".")
    if lang == "en":
        assert "From Exchange Online, 5.7.3 means: SMTP AUTH sign-in failed." in block
        assert "In the registry, X.7.3 means: Security conversion required but not possible." in block
    else:
        assert "Exchange Online에서 온 5.7.3의 의미: SMTP AUTH 로그인 실패." in block
        assert "레지스트리에서 X.7.3의 의미는" in block


def test_api_carries_the_meanings_rules_and_prose(built_site):
    index = json.loads((built_site / "api/v1/index.json").read_text(encoding="utf-8"))
    entry = next(item for item in index["result"]["entries"] if item["code"] == "X.7.30")
    rule, gmail = entry["meanings"]
    assert rule["codes"] == ["5.7.30"] and rule["id"] == "exchange-online"
    assert gmail["codes"] == ["5.7.30", "4.7.30"] and gmail["urls"]["ko"] == "/ko/errors/X.7.30/#from-gmail"
    assert rule["title"]["ko"] == "SMTP AUTH의 기본 인증 거부"
    assert rule["urls"]["en"] == "/en/errors/X.7.30/#from-exchange-online"
    document = json.loads((built_site / "api/v1/errors/X.7.30.json").read_text(encoding="utf-8"))
    prose, _gmail = document["result"]["content"]["ko"]["meanings"]
    assert prose["title"] == {"text": "SMTP AUTH의 기본 인증 거부", "status": "translated", "fallback": False}


# --- no false codes: the returned message and loose numbers ---------------------------------------

BOUNCE_VECTORS = json.loads((DATA / "bounce_vectors.json").read_text(encoding="utf-8"))["vectors"]


@pytest.mark.parametrize("vector", BOUNCE_VECTORS, ids=lambda vector: vector["note"])
def test_bounce_vectors(vector):
    from generator.codes.parse import parse_query

    assert [found.code for found in parse_query(vector["input"])] == vector["codes"]


ATTACHED_HEADERS_NDR = """\
From: MAILER-DAEMON@relay.contoso.com
To: sender@contoso.com
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset=us-ascii

<user@fabrikam.com>: host mx.fabrikam.com[192.0.2.7] said: 550 5.1.1 <user@fabrikam.com>:
    Recipient address rejected: User unknown (in reply to RCPT TO command)
Our scanner runs firmware 5.1.2 (see section 5.3.4 of its manual).

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.contoso.com

Final-Recipient: rfc822; user@fabrikam.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <user@fabrikam.com>: Recipient address rejected: User unknown

--b1
Content-Type: text/rfc822-headers

Received: from scanner.contoso.com (scanner.contoso.com [192.0.2.9])
X-Mailer: Contoso ScanMail 5.2.1
Subject: Scan 4.2.2 done
From: scanner@contoso.com

--b1
Content-Type: message/rfc822

Received: from scanner.contoso.com
X-Mailer: Contoso ScanMail 5.2.1
X-Status: 5.4.4
From: scanner@contoso.com
Subject: Scan

Body of the scan mail, version 5.3.0, code 5.7.1.

--b1--
"""


def test_no_code_is_taken_from_attached_headers_or_loose_numbers():
    from generator.bounces.message import extract_codes

    assert extract_codes(ATTACHED_HEADERS_NDR) == ["5.1.1"]


def test_no_code_is_taken_from_attached_headers_in_the_cli(project, tmp_path):
    path = tmp_path / "ndr.eml"
    path.write_text(ATTACHED_HEADERS_NDR, encoding="utf-8")
    result = run_generator(project, "lookup", "--json", "--file", str(path))
    assert [item["code"] for item in json.loads(result.stdout)] == ["5.1.1"]


# --- the content rules: a meaning is well-formed and reachable ----------------------------------

def content_with(tmp_path, edit) -> Path:
    """The shipped content, with X.7.3.yml's text edited, in a folder of its own."""
    import shutil

    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    path = folder / "errors" / "X.7.3.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def content_error(folder: Path):
    from generator.content.load import load_content
    from generator.content.validate import validate_content
    from generator.errors import UserError

    with pytest.raises(UserError) as raised:
        validate_content(load_content(folder))
    return raised.value


@pytest.mark.parametrize(("edit", "words", "line"), [
    (lambda text: text.replace("    codes: [5.7.3]\n", ""), "list the codes Exchange Online uses", 35),
    (lambda text: text.replace("codes: [5.7.3]", "codes: [5.7.4]"), "meaning of 5.7.4 is never shown: 5.7.4 leads to X.7.4", 36),
    (lambda text: text.replace("codes: [5.7.3]", "codes: [X.7.3]"), "X.7.3 is not a code a server sends", 36),
    (lambda text: text.replace('"*.office365.com"', '"*.office365.com/smtp"'), "meanings.0.match.hosts.1", 39),
    (lambda text: text.replace('      reply: ["Authentication unsuccessful"]\n', "").replace(
        '      hosts: ["*.outlook.com", "*.office365.com", "*.office365.us", "*.exchangelabs.com"]\n', "      hosts: []\n"),
     "give at least one 'reply' text or one 'hosts' pattern", 37),
])
def test_a_malformed_meaning_is_refused_with_its_line(tmp_path, edit, words, line):
    error = content_error(content_with(tmp_path, edit))
    assert error.path.name == "X.7.3.yml" and words in error.message
    assert error.line == line, error.format()


def test_a_meaning_hidden_behind_another_entry_is_refused(tmp_path):
    folder = content_with(tmp_path, lambda text: text)
    entry = (folder / "errors" / "X.7.5.yml").read_text(encoding="utf-8").replace("code: X.7.5", "code: 5.7.3")
    (folder / "errors" / "5.7.3.yml").write_text(entry, encoding="utf-8")
    error = content_error(folder)
    assert error.path.name == "X.7.3.yml"
    assert "Exchange Online's meaning of 5.7.3 is never shown: 5.7.3 leads to 5.7.3" in error.message
    assert "move the meaning to content/errors/5.7.3.yml" in error.hint


CORPUS = ROOT.parent / "shared" / "corpora" / "bounces"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="bounce corpus not found")
def test_real_bounces_name_the_server_that_emitted_their_code():
    """In the shared corpus, Google's rejections are traced to a Google host; an Exchange Online NDR
    to its own server when it wrote the code, and to the remote server when it relays that server's
    rejection (never to the Exchange server that only wrote the report)."""
    from generator.codes.parse import parse_query

    emitters = {}
    for path in sorted(CORPUS.glob("*.eml")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        found = parse_query(text)
        if found:
            emitters[path.name] = TextEvidence(text).for_code(found[0].code)
    gmail = [name for name in emitters if name.startswith(("rhost-google", "lhost-postfix-70"))]
    assert len(gmail) == 9
    assert gmail and all(any(host.endswith(".google.com") for host in emitters[name].hosts) for name in gmail)
    office = [emitters[name] for name in emitters if name.startswith("lhost-office365")]
    microsoft = (".outlook.com", ".exchangelabs.com")
    own = [found for found in office if found.where == "reporting-mta"]
    relayed = [found for found in office if found.where == "remote-mta"]
    assert len(own) + len(relayed) == len(office) == 13 and own and relayed
    assert all(host.endswith(microsoft) for found in own for host in found.hosts)
    assert not any(host.endswith(microsoft) for found in relayed for host in found.hosts)


# --- MTA-STS: Exchange Online's 4.7.5/5.7.5 and 4.4.8/5.4.8 ------------------------------------
# Microsoft's NDR table: "Remote certificate failed MTA-STS validation. Reason: <validityStatus>"
# (4.7.5, 5.7.5) and "MX hosts of <domain> failed MTA-STS validation" (4.4.8, 5.4.8).

EXCHANGE_ROUTE = "Generating server: DM6PR03MB1234.namprd03.prod.outlook.com\n\n"


@pytest.mark.parametrize(("text", "code"), [
    ("550 5.7.5 Remote certificate failed MTA-STS validation. Reason: the certificate name doesn't match", "5.7.5"),
    (EXCHANGE_ROUTE + "Remote Server returned '451 4.7.5 Remote certificate failed MTA-STS validation.'", "4.7.5"),
])
def test_exchange_onlines_mta_sts_certificate_meaning_is_chosen_by_its_words(text, code):
    kb, match = looked_up(text)
    assert (match.code, match.entry) == (code, code)
    assert (match.meaning.rule.emitter, match.meaning.by, match.meaning.matched) == (
        "Exchange Online", "reply", "failed MTA-STS validation")
    english, korean = kb.as_json(match, "en"), kb.as_json(match, "ko")
    assert english["entry"]["title"] == "Cryptographic failure"
    assert english["meaning"]["title"] == "Remote certificate failed MTA-STS validation"
    assert english["meaning"]["url"] == f"/en/errors/{code}/#from-exchange-online"
    assert korean["meaning"]["title"] == "원격 서버의 인증서가 MTA-STS 유효성 검사에 실패함"
    assert korean["entry"]["title"] == "암호화 실패"


@pytest.mark.parametrize("text", [
    "554 5.7.5 The message could not be decrypted",
    # Microsoft's host without the words: still the registry's cryptographic failure
    "550 5.7.5 Decryption failed [BN6PR03CA0021.namprd03.prod.outlook.com]",
])
def test_another_5_7_5_keeps_the_registrys_cryptographic_failure(text):
    kb, match = looked_up(text)
    assert (match.code, match.entry, match.meaning) == ("5.7.5", "5.7.5", None)
    assert kb.as_json(match, "en")["entry"]["title"] == "Cryptographic failure"


@pytest.mark.parametrize("code", ["4.4.8", "5.4.8"])
def test_exchange_onlines_mta_sts_mx_code_has_its_entry(code):
    kb, match = looked_up(f"{code[0]}50 {code} MX hosts of contoso.com failed MTA-STS validation")
    assert (match.code, match.entry, match.meaning) == (code, code, None)
    assert kb.as_json(match, "en")["entry"]["title"] == "MX hosts failed MTA-STS validation"
    assert kb.as_json(match, "ko")["entry"]["title"] == "MX 호스트가 MTA-STS 유효성 검사에 실패함"
