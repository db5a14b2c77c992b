"""The lookup page's reason engine (site_overrides/assets/javascripts/bounces/) against Python's, in headless
Chromium, over every message of both shared corpora and every reply of the rule
tests (test_reasons_*.py CASES); and the page showing "Why it bounced" first,
in both languages."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

import bounce_shapes
from bounce_shapes import page_and_python_decisions
from generator.bounces.classify import classify, evidence_records
from generator.bounces.rules import load_rules
from generator.cli.lookup import why_it_bounced
from generator.lookup import lookup, severity_text, shipped_knowledge_base

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import reasons as bench  # noqa: E402


@pytest.fixture(scope="module")
def engine_page(browser):
    if not bench.DEFAULT_CORPORA.is_dir():
        pytest.skip(f"shared corpora not present at {bench.DEFAULT_CORPORA}")
    with bounce_shapes.engine_page(browser) as page:
        yield page


def test_the_engines_decide_alike_on_the_same_evidence(engine_page):
    rules = load_rules()
    records = [record for case in bench.cases() for record in evidence_records(case.text(), rules)]
    python = [rules.decide(record) for record in records]
    javascript = engine_page.evaluate("records => records.map(r => engine.decide(r))", records)
    assert len(records) > 392
    differing = [(r["recipient"], p, j) for r, p, j in zip(records, python, javascript)
                 if (p.reason, p.evidence) != (j["reason"], j["evidence"])]
    assert not differing, differing[:5]


def test_the_page_reads_whole_messages_as_python_does(engine_page):
    # Raw messages, MIME parts and all (the page decodes them with bounces/pasted.js): the same
    # recipients, reasons and server replies (which the page shows), and the same delay warnings.
    cases = bench.cases() + bench.held_out_cases()
    texts = [case.text() for case in cases]
    javascript = engine_page.evaluate(
        "texts => texts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce)"
        ".map(v => [v.recipient, v.reason, v.reply, v.delayed, v.retry]))",
        texts)
    python = [[[v.recipient, v.reason, v.reply, v.delayed, v.retry] for v in classify(text)] for text in texts]
    differing = [(case.path.name, p, j) for case, p, j in zip(cases, python, javascript) if p != j]
    assert len(cases) >= 500 and not differing, differing[:5]


def rule_test_cases() -> list[tuple[str, str, str]]:
    """(bounce, reason, quoted) of every test module of replies that lists CASES."""
    modules = (importlib.import_module(path.stem) for path in sorted(Path(__file__).parent.glob("test_reasons_*.py")))
    return [case for module in modules for case in getattr(module, "CASES", [])]


def test_the_engines_decide_alike_on_the_replies_of_the_rule_tests(browser):
    # Those replies are in neither corpus, so the tests above don't reach the rules written for them.
    texts = [text for text, _, _ in rule_test_cases()]
    javascript, python = page_and_python_decisions(browser, texts)
    assert len(python) == len(texts) >= 90
    assert javascript == python


WHY = {"en": "Why it bounced", "ko": "왜 반송되었나요?"}
NO_CODE_BUT_REASON = {"en": "This text has no status code: the reason above was read from its words.",
                      "ko": "이 텍스트에는 상태 코드가 없습니다. 위의 이유는 텍스트에 적힌 문구로 판단했습니다."}


def paste(page, site_url, lang, text):
    open_page(page, site_url, lang)
    return submit(page, text)


def open_page(page, site_url, lang):
    page.goto(f"{site_url}/{lang}/lookup/")
    page.wait_for_function("window.mfkbLookupDone !== undefined")
    page.evaluate("window.mfkbLookupDone")


def submit(page, text):
    page.fill("#mfkb-lookup-q", text)
    page.click("#mfkb-lookup button[type=submit]")
    page.wait_for_selector("#mfkb-lookup-results > *")
    return page.evaluate("""() => {
        const results = document.getElementById('mfkb-lookup-results');
        const why = results.querySelector('.mfkb-lookup-why');
        return {
            first: results.firstElementChild.className,
            why: why && why.querySelector('h2').textContent,
            reasons: why ? [...why.querySelectorAll('a')].map(a => new URL(a.href).pathname) : [],
            codes: [...results.querySelectorAll('li .mfkb-lookup-code')].map(c => c.textContent),
            none: results.querySelector('.mfkb-lookup-none') && results.querySelector('.mfkb-lookup-none').textContent,
            said: why ? [...why.querySelectorAll('.mfkb-lookup-said li')].map(li => li.textContent) : [],
            summaries: why ? [...why.querySelectorAll('.mfkb-lookup-reason-summary')].map(p => p.textContent) : [],
            fixes: why ? [...why.querySelectorAll('.mfkb-lookup-reason-fix')].map(p => p.textContent) : [],
            delay: why ? [...why.querySelectorAll('.mfkb-lookup-delayed, .mfkb-lookup-retry')].map(p => p.textContent) : [],
        };
    }""")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_says_why_first_then_the_codes_entry(page, site_url, lang):
    text = (bench.DEFAULT_CORPORA / "bounces" / "lhost-postfix-63.eml").read_bytes().decode("utf-8", "replace")
    shown = paste(page, site_url, lang, text)
    assert shown["first"] == "mfkb-lookup-why" and shown["why"] == WHY[lang]
    assert shown["reasons"] == [f"/{lang}/reasons/mailboxfull/"]
    assert shown["codes"][0].endswith("5.2.2")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bounce_without_a_code_still_gets_its_reason(page, site_url, lang):
    text = (bench.DEFAULT_CORPORA / "bounces-by-text" / "lhost-gmail-10.eml").read_bytes().decode("utf-8", "replace")
    shown = paste(page, site_url, lang, text)
    assert shown["why"] == WHY[lang] and shown["reasons"] == [f"/{lang}/reasons/expired/"]
    assert shown["codes"] == [] and shown["none"] == NO_CODE_BUT_REASON[lang]


def test_a_pasted_bounce_in_base64_is_explained_in_korean(page, site_url):
    # Raw source as a mail program shows it: the Korean report is a base64 part (bounces/pasted.js decodes it).
    from test_lookup_mime import encoded_bounce
    shown = paste(page, site_url, "ko", encoded_bounce("utf-8", "base64"))
    assert shown["why"] == WHY["ko"] and shown["reasons"] == ["/ko/reasons/mesgtoobig/"]
    assert shown["codes"][0].endswith("5.3.4")


def test_a_pasted_message_is_decoded_once_for_its_codes_meanings_and_reasons(page, site_url):
    # lookup() decodes the paste and passes the text on; before, the code search,
    # the meanings' evidence and the reasons' reading each decoded it again.
    from test_lookup_mime import encoded_bounce
    text = encoded_bounce("euc-kr", "quoted-printable")
    open_page(page, site_url, "en")
    page.evaluate("""() => { const decode = MFKB.bounces.pasted.decodeMessage; window.decoded = [];
        MFKB.bounces.pasted.decodeMessage = t => { window.decoded.push(t.length); return decode(t); }; }""")
    shown = submit(page, text)
    assert shown["reasons"] == ["/en/reasons/mesgtoobig/"] and shown["codes"][0].endswith("5.3.4")
    assert shown["said"] == [SAID["en"].format(address=bounce_shapes.RECIPIENT, reply="552 5.3.4")]
    assert page.evaluate("window.decoded") == [len(text)]


SAID = {"en": "{address}: the server said “{reply}”", "ko": "{address}: 서버가 “{reply}”라고 응답했습니다"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_names_whom_each_reason_is_about_and_what_the_server_said(page, site_url, lang):
    # Postfix's replies wrapped over indented lines, each read whole, as the command shows them.
    text = (Path(__file__).parent / "data" / "whole-bounces" / "postfix-recipient-first.txt").read_text(encoding="utf-8")
    shown = paste(page, site_url, lang, text)
    [andreas, marma] = [verdict for verdict in classify(text)]
    assert shown["reasons"] == [f"/{lang}/reasons/userunknown/"]
    assert shown["said"] == [SAID[lang].format(address=v.recipient, reply=v.reply) for v in (andreas, marma)]
    assert andreas.reply.endswith("User unknown in local recipient table (in reply to RCPT TO command)")
    # What the reason is and the sender's first step, as the command says them.
    summary, fix = shipped_knowledge_base().reason_says("userunknown", lang)
    assert shown["summaries"] == [summary] and shown["fixes"] == [f"{SENDER_CAN[lang]}: {fix}"]


SENDER_CAN = {"en": "What the sender can do", "ko": "보낸 사람이 할 수 있는 일"}


def test_a_one_line_event_names_its_recipient_and_what_the_server_said(page, site_url):
    # SendGrid's bounce event pasted as one line of JSON: a paste of one line, yet it names whom it is about.
    text = (Path(__file__).parent / "data" / "whole-bounces" / "sendgrid-event-smtp-id.txt").read_text(encoding="utf-8")
    [verdict] = classify(text)
    shown = paste(page, site_url, "en", text)
    assert shown["reasons"] == ["/en/reasons/blocked/"]
    assert shown["said"] == [SAID["en"].format(address="robinson@recipient.example", reply=verdict.reply)]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_delay_warning_says_that_nothing_was_returned_yet(page, site_url, lang):
    # Gmail's warning in prose, without a delivery-status part: the page says what the command says.
    path = bench.DEFAULT_CORPORA / "bounces-by-text" / "lhost-gmail-08.eml"
    text = path.read_bytes().decode("utf-8", "replace")
    shown = paste(page, site_url, lang, text)
    kb = shipped_knowledge_base()
    command = why_it_bounced(kb, lookup(text, kb), lang).splitlines()
    assert shown["why"] == command[0] == {"en": "Why it is delayed", "ko": "왜 지연되고 있나요?"}[lang]
    assert shown["delay"] == [line.strip() for line in command[1:3]]
    assert "Message will be retried for 2 more day(s)" in shown["delay"][1]
    assert shown["reasons"] == [f"/{lang}/reasons/expired/"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_greylisting_deferral_reads_as_greylisting_on_the_page(page, site_url, lang):
    # Exim's log of greylistd's deferral: the page gives our own reason, greylisted, as the CLI does.
    text = (Path(__file__).parent / "data" / "whole-bounces" / "exim-log-escaped-reply.txt").read_text(encoding="utf-8")
    [verdict] = classify(text)
    shown = paste(page, site_url, lang, text)
    assert shown["reasons"] == [f"/{lang}/reasons/greylisted/"]
    assert shown["said"] == [SAID[lang].format(address="body@example.com", reply=verdict.reply)]
    summary, fix = shipped_knowledge_base().reason_says("greylisted", lang)
    assert shown["summaries"] == [summary] and shown["fixes"] == [f"{SENDER_CAN[lang]}: {fix}"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_trace_of_a_dropped_automatic_reply_tells_the_admin_why_exchange_dropped_it(page, site_url, lang):
    # Exchange's message trace: Drop, "250 2.1.5 RESOLVER.OOF.IntToExt". Not the vacation reply's words for
    # the sender who got one ("read the reply for a return date"), but why Exchange dropped it and which
    # setting sends replies outside the organization; the page says what the command says.
    text = (Path(__file__).parent / "data" / "whole-bounces" / "exchange-online-trace-drop-oof-int-to-ext.txt"
            ).read_text(encoding="utf-8")
    shown = paste(page, site_url, lang, text)
    kb = shipped_knowledge_base()
    command = why_it_bounced(kb, lookup(text, kb), lang).splitlines()
    assert shown["why"] == command[0] == {"en": "This is not a bounce", "ko": "반송 메일이 아닙니다"}[lang]
    assert shown["reasons"] == [f"/{lang}/reasons/oofdropped/"]
    summary, fix = kb.reason_says("oofdropped", lang)
    assert shown["summaries"] == [summary] and shown["fixes"] == [f"{SENDER_CAN[lang]}: {fix}"]
    assert "RESOLVER.OOF.IntToExt" in summary and "-ExternalAudience All" in fix
    assert summary != kb.reason_says("vacation", lang)[0]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_log_of_a_deferral_and_a_bounce_marks_the_recipient_still_being_retried(page, site_url, lang):
    # Postfix's log: a@a.example deferred (greylisting), b@b.example bounced; the page says what the command says.
    from test_reasons_several import LOG_DEFERRED_AND_BOUNCED as text
    shown = paste(page, site_url, lang, text)
    kb = shipped_knowledge_base()
    command = why_it_bounced(kb, lookup(text, kb), lang).splitlines()
    said = [line.strip() for line in command if line.startswith("    ")]
    assert shown["why"] == command[0] == WHY[lang] and shown["delay"] == []
    assert shown["said"] == said
    marker = {"en": "(still being retried)", "ko": "(아직 재시도 중)"}[lang]
    assert [line.endswith(marker) for line in said] == [True, False]


def test_the_page_reads_a_diagnostic_code_without_a_basic_code_as_python_does(engine_page):
    from test_reasons import BARE_STATUS_DSN
    javascript = engine_page.evaluate(
        "t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.recipient, v.reason, v.reply])", BARE_STATUS_DSN)
    assert javascript == [[v.recipient, v.reason, v.reply] for v in classify(BARE_STATUS_DSN)]
    assert javascript[0][2].startswith("5.4.7 - Delivery expired")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_log_that_delivered_in_the_end_says_so(page, site_url, lang):
    # Postfix's log: greylisted first, delivered six minutes later; the page's heading is the command's.
    from test_reasons_several import LOG_DEFERRED_AND_BOUNCED
    text = LOG_DEFERRED_AND_BOUNCED.split("\n")[0] + "\n" + (
        "Nov 30 06:06:00 mx postfix/smtp[4399]: 4F3A21C0A1: to=<a@a.example>, relay=mx.a.example[192.0.2.1]:25, "
        "delay=360, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 999)\n")
    shown = paste(page, site_url, lang, text)
    kb = shipped_knowledge_base()
    command = why_it_bounced(kb, lookup(text, kb), lang).splitlines()
    assert shown["why"] == command[0] == {"en": "It was delivered", "ko": "배달되었습니다"}[lang]
    assert shown["reasons"] == [f"/{lang}/reasons/delivered/"]


WHOLE = Path(__file__).parent / "data" / "whole-bounces"
NOT_RETRIED = {"en": "Transient (4.x.x), but this report says the message was not delivered: nothing retries it now, "
                     "so send it again later",
               "ko": "일시적 오류(4.x.x)이지만 이 보고서에 따르면 메시지가 배달되지 않았습니다. 이제 재시도하는 곳이 없으므로 "
                     "나중에 메시지를 다시 보내야 합니다"}
RETRIED = {"en": "Transient (4.x.x): the sending server keeps retrying", "ko": "일시적 오류(4.x.x): 보내는 서버가 계속 재시도합니다"}


def class_lines(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('#mfkb-lookup-results .mfkb-lookup-class')].map(p => p.textContent)")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_mail_programs_transient_refusal_shows_its_words_and_is_not_said_to_be_retried(page, site_url, lang):
    # eM Client's log quotes the refusal without its reply code; the program does not retry it.
    text = (WHOLE / "emclient-recipient-not-accepted-lookup-failure.txt").read_text(encoding="utf-8")
    shown = paste(page, site_url, lang, text)
    assert shown["reasons"] == [f"/{lang}/reasons/systemerror/"] and shown["codes"][0].endswith("4.3.0")
    assert "4.3.0 <user@sender.example>: Temporary lookup failure" in shown["said"][0]
    assert class_lines(page) == [NOT_RETRIED[lang]]
    # The same code in a delay warning still is being retried.
    paste(page, site_url, lang, (WHOLE / "postfix-delay-temporary-lookup-failure.txt").read_text(encoding="utf-8"))
    assert RETRIED[lang] in class_lines(page)
    python = [severity_text(shipped_knowledge_base(), match, lang) for match in lookup(text) if match.code]
    assert python == [NOT_RETRIED[lang]]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_transient_code_of_a_returned_report_is_said_not_to_be_retried(page, site_url, lang):
    # sendmail gave up after days of "450 4.7.1" (Status 4.4.7, Action failed): the 4.7.1 carries no reason
    # of its own, and it is no more retried than the 4.4.7; as a delay warning (Action delayed) both still are.
    returned = (bench.DEFAULT_CORPORA / "bounces" / "lhost-sendmail-08.eml").read_bytes().decode("utf-8", "replace")
    for text, said in ((returned, NOT_RETRIED[lang]), (returned.replace("Action: failed", "Action: delayed"), RETRIED[lang])):
        shown = paste(page, site_url, lang, text)
        assert [code.split()[-1] for code in shown["codes"]] == ["4.7.1", "4.4.7"]
        assert class_lines(page) == [said, said]
        python = [severity_text(shipped_knowledge_base(), match, lang) for match in lookup(text) if match.code]
        assert python == [said, said]
    # One recipient failed (5.1.1), another still being retried: the 4.4.1 may be that one's.
    shown = paste(page, site_url, lang, MIXED_REPORT)
    assert [code.split()[-1] for code in shown["codes"]] == ["5.1.1", "4.4.1"] and class_lines(page)[1] == RETRIED[lang]
    python = [severity_text(shipped_knowledge_base(), match, lang) for match in lookup(MIXED_REPORT) if match.code]
    assert python[1] == RETRIED[lang]


MIXED_REPORT = """From: MAILER-DAEMON@mx.example.org
Subject: Delivery Status Notification
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; a@example.net
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

Final-Recipient: rfc822; b@example.net
Action: delayed
Status: 4.4.1
Diagnostic-Code: smtp; 421 4.4.1 Connection timed out

--B--
"""


def test_a_code_of_a_log_line_about_another_message_is_not_listed(page, site_url):
    # maddy's last line checks the DSN maddy generated (its "msg_id" is the DSN's): its 5.7.20 is no failure's.
    text = (WHOLE / "maddy-queue-log-null-mx.txt").read_text(encoding="utf-8")
    shown = paste(page, site_url, "en", text)
    assert [code.split()[-1] for code in shown["codes"]] == ["5.1.10"]
    assert [match.code for match in lookup(text)] == ["5.1.10"]
