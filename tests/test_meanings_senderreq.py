"""The vendor meanings that the 2024-25 sender requirements bring to admins' queues, where the
vendor means something else than the registry: Gmail's 550 5.7.1 (spam, reputation, RFC 5322
rules, its SMTP relay, a Workspace rule), 4.2.1/5.2.1 (a recipient receiving mail too fast, the
SMTP relay's peak limit), 5.7.28 (unsolicited mail from the sending IP address) and Yahoo's
421 4.7.0 [TSS04]/[TS01]/[TS02] (deferred for the sending server's reputation). Texts from
Google's "Gmail SMTP errors and codes" (last updated 2026-02-12) and Yahoo's replies, whose
grounds Yahoo Sender Hub's "SMTP Error Codes" gives (copy dated 2026-02-15).

Each meaning is chosen from the reply's words or the emitting host, in Python and on the lookup
page, in both languages; another server's reply with the same code keeps the registry's meaning;
the entry's page shows the meaning and its vendor's page, with the date of the version read (a link
to the code lands on the entry with the meaning named: tests/test_deep_links.py)."""
from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from htmltext import visible_text
from test_meanings_browser import look_up

GMAIL_HOSTS = "Reporting-MTA: dns; relay.contoso.com\nStatus: {code}\nRemote-MTA: dns; gmail-smtp-in.l.google.com\n"
YAHOO_HOSTS = "Reporting-MTA: dns; relay.contoso.com\nStatus: {code}\nRemote-MTA: dns; mta7.am0.yahoodns.net\n"

GMAIL_5_7_1 = ("550-5.7.1 [192.0.2.1] This message is likely unsolicited email. To reduce the amount of spam\n"
               "550-5.7.1 sent to Gmail, this message has been blocked. For more information, go to\n"
               "550 5.7.1 https://support.google.com/mail/?p=UnsolicitedMessageError a1si123 - gsmtp")
GMAIL_4_2_1 = ("450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your\n"
               "450-4.2.1 message at a later time. If the user is able to receive mail at that time, your\n"
               "450 4.2.1 message will be delivered. a1si123 - gsmtp")
GMAIL_5_7_28 = ("550-5.7.28 There is an unusual rate of unsolicited email originating from your IP address. To\n"
                "550 5.7.28 protect our users from spam, email sent from your IP address has been blocked. - gsmtp")
YAHOO_TSS04 = ("421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user "
               "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes")

# (text, code, entry, emitter, chosen by, English title, Korean title)
VENDOR = [
    (GMAIL_5_7_1, "5.7.1", "5.7.1", "Gmail", "reply",
     "Refused by Gmail's spam protection or message rules", "Gmail의 스팸 방지 또는 메시지 규칙에 따라 거부됨"),
    ("550-5.7.1 Messages missing a valid Message-ID: header are not accepted. a1si123 - gsmtp", "5.7.1", "5.7.1",
     "Gmail", "reply", "Refused by Gmail's spam protection or message rules",
     "Gmail의 스팸 방지 또는 메시지 규칙에 따라 거부됨"),
    (GMAIL_HOSTS.format(code="5.7.1") + "Diagnostic-Code: smtp; 550 5.7.1 Message blocked\n", "5.7.1", "5.7.1",
     "Gmail", "host", "Refused by Gmail's spam protection or message rules",
     "Gmail의 스팸 방지 또는 메시지 규칙에 따라 거부됨"),
    (GMAIL_4_2_1, "4.2.1", "X.2.1", "Gmail", "reply",
     "Too much mail for the recipient at once, not a disabled mailbox",
     "받는 사람에게 한꺼번에 메일이 너무 많이 옴(사서함 비활성화가 아님)"),
    ("550-5.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional\n"
     "550 5.2.1 messages from being delivered. a1si123 - gsmtp", "5.2.1", "X.2.1", "Gmail", "reply",
     "Too much mail for the recipient at once, not a disabled mailbox",
     "받는 사람에게 한꺼번에 메일이 너무 많이 옴(사서함 비활성화가 아님)"),
    ("450 4.2.1 Peak SMTP relay limit exceeded for this customer. This is a temporary error. - gsmtp", "4.2.1",
     "X.2.1", "Gmail", "reply", "Too much mail for the recipient at once, not a disabled mailbox",
     "받는 사람에게 한꺼번에 메일이 너무 많이 옴(사서함 비활성화가 아님)"),
    (GMAIL_5_7_28, "5.7.28", "X.7.28", "Gmail", "reply",
     "Mail from the sending IP address blocked for unsolicited mail", "원치 않는 메일 때문에 보내는 IP 주소의 메일이 차단됨"),
    (GMAIL_HOSTS.format(code="5.7.28") + "Diagnostic-Code: smtp; 550 5.7.28 Blocked\n", "5.7.28", "X.7.28", "Gmail",
     "host", "Mail from the sending IP address blocked for unsolicited mail",
     "원치 않는 메일 때문에 보내는 IP 주소의 메일이 차단됨"),
    (YAHOO_TSS04, "4.7.0", "X.7.0", "Yahoo Mail", "reply",
     "Mail from the sending server deferred by Yahoo for now", "보내는 서버의 메일을 Yahoo가 당분간 지연시킴"),
    ("421 4.7.0 [TS01] Messages from 192.0.2.25 temporarily deferred due to user complaints - 4.16.55.1",
     "4.7.0", "X.7.0", "Yahoo Mail", "reply",
     "Mail from the sending server deferred by Yahoo for now", "보내는 서버의 메일을 Yahoo가 당분간 지연시킴"),
    (YAHOO_HOSTS.format(code="4.7.0") + "Diagnostic-Code: smtp; 421 4.7.0 Messages temporarily deferred\n",
     "4.7.0", "X.7.0", "Yahoo Mail", "host",
     "Mail from the sending server deferred by Yahoo for now", "보내는 서버의 메일을 Yahoo가 당분간 지연시킴"),
]

# Another server's reply with the same code, and the vendor's own replies that mean what the registry says.
REGISTRY = [
    ("554 5.7.1 <bob@example.org>: Relay access denied", "5.7.1", "5.7.1"),
    ("530 5.7.1 Client was not authenticated", "5.7.1", "5.7.1"),
    ("450 4.2.1 <bob@example.org>: Recipient address rejected: mailbox disabled", "4.2.1", "X.2.1"),
    ("550-5.2.1 The email account that you tried to reach is inactive. a1si123 - gsmtp", "5.2.1", "X.2.1"),
    ("550 5.7.28 Mail flood detected from a subscription form", "5.7.28", "X.7.28"),
    ("454 4.7.0 TLS not available due to local problem", "4.7.0", "X.7.0"),
    ("421-4.7.0 This message is suspicious due to the very low reputation of the sending IP address.\n"
     "421 4.7.0 a1si123 - gsmtp", "4.7.0", "X.7.0"),
]


def looked_up(text: str):
    from generator.cli.lookup import knowledge_base
    from generator.lookup import lookup

    kb = knowledge_base(str(ROOT))
    return kb, lookup(text, kb)[0]


@pytest.mark.parametrize(("text", "code", "entry", "emitter", "by", "english", "korean"), VENDOR)
def test_the_vendors_reply_gets_the_vendors_meaning(text, code, entry, emitter, by, english, korean):
    kb, match = looked_up(text)
    assert (match.code, match.entry) == (code, entry)
    assert (match.meaning.rule.emitter, match.meaning.by) == (emitter, by)
    anchor = "from-gmail" if emitter == "Gmail" else "from-yahoo-mail"
    for lang, title in (("en", english), ("ko", korean)):
        item = kb.as_json(match, lang)
        assert item["meaning"]["title"] == title
        assert item["meaning"]["url"] == f"/{lang}/errors/{entry}/#{anchor}"


@pytest.mark.parametrize(("text", "code", "entry"), REGISTRY)
def test_another_reply_with_the_code_keeps_the_registrys_meaning(text, code, entry):
    kb, match = looked_up(text)
    assert (match.code, match.entry, match.meaning) == (code, entry, None)
    assert kb.as_json(match, "ko")["meaning"] is None


@pytest.mark.parametrize(("code", "emitter", "says"), [
    ("5.7.1", "Gmail", "gsmtp"), ("4.2.1", "Gmail", "receiving mail too quickly"),
    ("5.7.28", "Gmail", "unusual rate of unsolicited"), ("4.7.0", "Yahoo Mail", "[TSS04]"),
])
def test_a_code_typed_alone_lists_the_vendors_meaning(code, emitter, says):
    kb, match = looked_up(code)
    [possible] = kb.as_json(match, "en")["possible_meanings"]
    assert (possible["emitter"], possible["reply"][0]) == (emitter, says)


# --- the entries' pages, both languages ------------------------------------------------------

PAGES = [
    ("5.7.1", "from-gmail", "From Gmail, 5.7.1 means: Refused by Gmail's spam protection or message rules.",
     "Gmail에서 온 5.7.1의 의미: Gmail의 스팸 방지 또는 메시지 규칙에 따라 거부됨."),
    ("X.2.1", "from-gmail", "From Gmail, 4.2.1, 5.2.1 means: Too much mail for the recipient at once",
     "Gmail에서 온 4.2.1, 5.2.1의 의미: 받는 사람에게 한꺼번에 메일이 너무 많이 옴"),
    ("X.7.28", "from-gmail", "From Gmail, 5.7.28 means: Mail from the sending IP address blocked for unsolicited mail.",
     "Gmail에서 온 5.7.28의 의미: 원치 않는 메일 때문에 보내는 IP 주소의 메일이 차단됨."),
    ("X.7.0", "from-yahoo-mail", "From Yahoo Mail, 4.7.0 means: Mail from the sending server deferred by Yahoo for now.",
     "Yahoo Mail에서 온 4.7.0의 의미: 보내는 서버의 메일을 Yahoo가 당분간 지연시킴."),
]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("entry", "anchor", "english", "korean"), PAGES)
def test_the_entry_page_shows_the_vendors_meaning(built_site, lang, entry, anchor, english, korean):
    page = (built_site / lang / "errors" / entry / "index.html").read_text(encoding="utf-8")
    block = page[page.index(f'id="{anchor}"'):]
    block = visible_text(block[: block.index("</div>")]).replace(" .", ".")
    assert (english if lang == "en" else korean) in block


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_yahoos_deferral_cites_yahoos_own_page(built_site, lang):
    # Our reading of TSS04 differs from the shared corpus's label (rejected): the reader sees Yahoo's page.
    page = (built_site / lang / "errors" / "X.7.0" / "index.html").read_text(encoding="utf-8")
    sources = page[page.index('class="mfkb-sources"'):]
    assert 'href="https://senders.yahooinc.com/smtp-error-codes/"' in sources
    assert "[TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume" in visible_text(page)


@pytest.mark.parametrize(("lang", "shown"), [
    ("en", "(support.google.com, as of February 12, 2026)"),
    ("ko", "(support.google.com, 2026년 2월 12일 기준)"),
])
def test_a_vendors_page_is_named_with_the_date_of_the_version_read(built_site, lang, shown):
    page = (built_site / lang / "errors" / "5.7.1" / "index.html").read_text(encoding="utf-8")
    sources = page[page.index('class="mfkb-sources"'):]
    sources = sources[: sources.index("</div>")]
    assert 'href="https://support.google.com/a/answer/3726730"' in sources
    assert shown in visible_text(sources).replace(" ,", ",").replace("( ", "(").replace(" )", ")")
    assert '<time datetime="2026-02-12">' in sources


def test_the_api_gives_the_date_of_the_version_read_only_where_there_is_one(built_site):
    import json

    document = json.loads((built_site / "api/v1/errors/X.7.0.json").read_text(encoding="utf-8"))
    sources = {source["url"]: source for source in document["result"]["sources"]}
    assert sources["https://senders.yahooinc.com/smtp-error-codes/"]["as_of"] == "2026-02-15"
    assert "as_of" not in sources["https://www.rfc-editor.org/rfc/rfc3463"]


# --- the lookup page and the code's own address, in Chromium ------------------------------------

EXCHANGE_5_7_30 = ("550 5.7.30 Basic authentication is not supported for Client Submission. "
                   "[SN7PR04CA0123.namprd04.prod.outlook.com]")
GMAIL_5_7_30 = ("550-5.7.30 This message was blocked because it didn't pass DKIM authentication. Gmail requires\n"
                "550 5.7.30 bulk email senders to authenticate their email with DKIM. a1si123 - gsmtp")


def shown(page) -> dict:
    return page.evaluate("""() => {
        const li = document.querySelector('#mfkb-lookup-results li.mfkb-lookup-match');
        const meaning = li.querySelector('.mfkb-lookup-meaning');
        return {entry: li.querySelector('a').textContent, meaning: meaning && meaning.textContent,
                href: meaning && meaning.querySelector('a').getAttribute('href')};
    }""")


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query", "meaning", "href"), [
    ("en", GMAIL_5_7_1, "From Gmail, 5.7.1 means: Refused by Gmail's spam protection or message rules.",
     "/en/errors/5.7.1/#from-gmail"),
    ("ko", GMAIL_5_7_1, "Gmail에서 온 5.7.1의 의미: Gmail의 스팸 방지 또는 메시지 규칙에 따라 거부됨.",
     "/ko/errors/5.7.1/#from-gmail"),
    ("en", GMAIL_4_2_1, "From Gmail, 4.2.1 means: Too much mail for the recipient at once, not a disabled mailbox.",
     "/en/errors/X.2.1/#from-gmail"),
    ("ko", GMAIL_5_7_28, "Gmail에서 온 5.7.28의 의미: 원치 않는 메일 때문에 보내는 IP 주소의 메일이 차단됨.",
     "/ko/errors/X.7.28/#from-gmail"),
    ("en", YAHOO_TSS04, "From Yahoo Mail, 4.7.0 means: Mail from the sending server deferred by Yahoo for now.",
     "/en/errors/X.7.0/#from-yahoo-mail"),
    ("ko", YAHOO_TSS04, "Yahoo Mail에서 온 4.7.0의 의미: 보내는 서버의 메일을 Yahoo가 당분간 지연시킴.",
     "/ko/errors/X.7.0/#from-yahoo-mail"),
    # One code, two senders, two meanings; from neither, the registry's (REQUIRETLS).
    ("en", GMAIL_5_7_30, "From Gmail, 5.7.30 means: DKIM authentication did not pass.", "/en/errors/X.7.30/#from-gmail"),
    ("ko", EXCHANGE_5_7_30, "Exchange Online에서 온 5.7.30의 의미: SMTP AUTH의 기본 인증 거부.",
     "/ko/errors/X.7.30/#from-exchange-online"),
    ("ko", "550 5.7.30 REQUIRETLS support required by mx.fabrikam.com", None, None),
    ("en", "450 4.2.1 <bob@example.org>: Recipient address rejected: mailbox disabled", None, None),
    ("ko", "454 4.7.0 TLS not available due to local problem", None, None),
])
def test_the_lookup_page_shows_the_vendors_meaning(page, site_url, lang, query, meaning, href):
    look_up(page, site_url, lang, query)
    result = shown(page)
    assert (result["meaning"], result["href"]) == (meaning, href)


def test_a_sources_date_that_is_no_date_is_refused_with_its_line(tmp_path):
    from content_edits import content_with
    from generator.content.load import load_content
    from generator.errors import UserError

    folder, text = content_with(tmp_path, "errors/X.7.0.yml", "    as_of: 2026-02-15\n", "    as_of: last week\n")
    with pytest.raises(UserError) as raised:
        load_content(folder)
    line = text.splitlines().index("    as_of: 2026-02-15") + 1
    assert (raised.value.path.name, raised.value.line) == ("X.7.0.yml", line)
    assert "'last week' is not a date" in raised.value.message


def test_gmails_5_7_28_claims_no_order_its_page_does_not_give():
    """Google's list gives 421 4.7.28 ("temporarily rate limited") and 550 5.7.28 ("blocked") for the same
    cause, side by side: the meaning says so, not that the block follows the rate limit."""
    entry = yaml.safe_load((ROOT / "content" / "errors" / "X.7.28.yml").read_text(encoding="utf-8"))
    summary = " ".join(next(m for m in entry["meanings"] if m["emitter"] == "Gmail")["summary"].split())
    assert "step after" not in summary
    assert "Gmail's `421 4.7.28`, which names the same cause, only limits the rate of such mail" in summary
