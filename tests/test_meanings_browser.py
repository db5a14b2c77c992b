"""Vendor meanings on the lookup page, in headless Chromium: the script
chooses as the Python does (shared vectors), and the result says which
meaning it chose and why, in both languages."""
from __future__ import annotations

import json
import pytest

from bounce_shapes import engine_page
from conftest import ROOT
from generator.bounces.emitter import CodeEvidence
from generator.bounces.meanings import silent
from test_lookup_browser import open_lookup

pytestmark = pytest.mark.browser

VECTORS = json.loads((ROOT / "generator" / "data" / "meaning_vectors.json").read_text(encoding="utf-8"))
EXCHANGE_5_7_3 = "535 5.7.3 Authentication unsuccessful [BN6PR03CA0021.namprd03.prod.outlook.com]"
# A relay's NDR: the reply names no host and no Exchange wording; the Remote-MTA is Exchange Online's.
RELAY_NDR_5_7_3 = """Reporting-MTA: dns; relay.contoso.com
Final-Recipient: rfc822; printer@contoso.com
Action: failed
Status: 5.7.3
Remote-MTA: dns; smtp.office365.com
Diagnostic-Code: smtp; 535 5.7.3 Authentication failed
"""


def test_js_chooses_as_the_shared_vectors_say(page, site_url):
    open_lookup(page, site_url)
    chosen = page.evaluate(
        """(data) => {
            const entries = {};
            for (const rule of data.rules) {
              (entries[rule.entry] = entries[rule.entry] || {code: rule.entry, meanings: []})
                .meanings.push({emitter: rule.emitter, codes: rule.codes, match: rule.match});
            }
            const meanings = new MFKB.bounces.meanings.Meanings(Object.values(entries));
            return data.vectors.map(v => {
              const c = meanings.choose(v.code, new MFKB.bounces.emitter.TextEvidence(v.input).forCode(v.code));
              return c && {emitter: c.meaning.emitter, by: c.by, matched: c.matched, host: c.host, where: c.where};
            });
        }""",
        VECTORS,
    )
    for vector, meaning in zip(VECTORS["vectors"], chosen):
        assert meaning == vector["meaning"], vector["note"]


def look_up(page, site_url, lang, query, wait="#mfkb-lookup-results li.mfkb-lookup-match"):
    """Type query into the lookup page of lang, run it, and wait for what `wait` selects."""
    open_lookup(page, site_url, lang)
    page.fill("#mfkb-lookup-q", query)
    page.click("#mfkb-lookup button[type=submit]")
    page.wait_for_selector(wait)


def shown(page) -> dict:
    return page.evaluate("""() => {
        const li = document.querySelector('#mfkb-lookup-results li.mfkb-lookup-match');
        const link = li.querySelector('.mfkb-lookup-meaning a');
        return {meaning: li.querySelector('.mfkb-lookup-meaning').textContent,
                why: li.querySelector('.mfkb-lookup-meaning-why').textContent,
                href: link.getAttribute('href')};
    }""")


@pytest.mark.parametrize(("lang", "query", "meaning", "why"), [
    ("en", EXCHANGE_5_7_3, "From Exchange Online, 5.7.3 means: SMTP AUTH sign-in failed.",
     "Chosen because the reply says “Authentication unsuccessful”."),
    ("ko", EXCHANGE_5_7_3, "Exchange Online에서 온 5.7.3의 의미: SMTP AUTH 로그인 실패.",
     "응답에 “Authentication unsuccessful” 문구가 있어 이 의미를 골랐습니다."),
    ("en", RELAY_NDR_5_7_3, "From Exchange Online, 5.7.3 means: SMTP AUTH sign-in failed.",
     "Chosen because the code came from smtp.office365.com, a server name that matches *.office365.com."),
])
def test_lookup_page_says_which_meaning_and_why(page, site_url, lang, query, meaning, why):
    look_up(page, site_url, lang, query, wait="#mfkb-lookup-results li.mfkb-lookup-match .mfkb-lookup-meaning-why")
    result = shown(page)
    assert (result["meaning"], result["why"]) == (meaning, why)
    assert result["href"] == f"/{lang}/errors/X.7.3/#from-exchange-online"
    page.click(".mfkb-lookup-meaning a")
    page.wait_for_url(f"{site_url}/{lang}/errors/X.7.3/#from-exchange-online")
    assert page.is_visible("#from-exchange-online")


YAHOO_5_7_9 = "554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes"


@pytest.mark.parametrize(("lang", "meaning", "why"), [
    ("en", "From Yahoo Mail, 5.7.9 means: Message refused by Yahoo's policy.",
     "Chosen because the reply says “postmaster.yahooinc.com”."),
    ("ko", "Yahoo Mail에서 온 5.7.9의 의미: Yahoo 정책에 따라 메시지 거부.",
     "응답에 “postmaster.yahooinc.com” 문구가 있어 이 의미를 골랐습니다."),
])
def test_lookup_page_gives_yahoos_5_7_9_yahoos_meaning(page, site_url, lang, meaning, why):
    # The registry's X.7.9 is a sign-in mechanism too weak; Yahoo's 554 5.7.9 is a policy refusal.
    look_up(page, site_url, lang, YAHOO_5_7_9, wait="#mfkb-lookup-results li.mfkb-lookup-match .mfkb-lookup-meaning-why")
    result = shown(page)
    assert (result["meaning"], result["why"], result["href"]) == (
        meaning, why, f"/{lang}/errors/X.7.9/#from-yahoo-mail")


def test_another_servers_5_7_3_shows_no_vendor_meaning(page, site_url):
    open_lookup(page, site_url, "en", query="554 5.7.3 Message could not be converted to S/MIME")
    page.wait_for_selector("#mfkb-lookup-results li.mfkb-lookup-match")
    assert page.locator(".mfkb-lookup-meaning").count() == 0
    assert page.locator("#mfkb-lookup-results li.mfkb-lookup-match a").first.text_content() == \
        "X.7.3 Security conversion required but not possible"


def test_js_reports_no_code_from_attached_headers_or_loose_numbers(page, site_url):
    from test_meanings import ATTACHED_HEADERS_NDR

    open_lookup(page, site_url)
    vectors = json.loads((ROOT / "generator" / "data" / "bounce_vectors.json").read_text(encoding="utf-8"))["vectors"]
    found = page.evaluate("texts => texts.map(t => MFKB.codes.parse.parseQuery(t).map(f => f.code))",
                          [vector["input"] for vector in vectors] + [ATTACHED_HEADERS_NDR])
    for vector, codes in zip(vectors, found):
        assert codes == vector["codes"], vector["note"]
    assert found[-1] == ["5.1.1"]


# A code with a numeral beside it ("①", "²", "Ⅻ" are numbers, not letters) is still a code typed
# alone; a letter of any script is a word.
SILENT_LINES = ["535 5.7.3 ①", "5.7.3²", "5.7.3 Ⅻ", "5.7.3 x", "5.7.3 인증", "535 5.7.3"]


def test_a_code_typed_alone_is_told_alike_in_python_and_on_the_page(browser):
    python = [silent(CodeEvidence(line)) for line in SILENT_LINES]
    with engine_page(browser) as page:
        javascript = page.evaluate("lines => lines.map(l => MFKB.bounces.meanings.silent({hosts: [], lines: l}))",
                                   SILENT_LINES)
    assert python == javascript == [True, True, True, False, False, True]
