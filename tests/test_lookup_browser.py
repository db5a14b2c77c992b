"""The lookup page, deep links and legacy anchors in headless Chromium."""
from __future__ import annotations

import json
import re
from urllib.parse import quote, unquote, urlsplit

import pytest

from conftest import ROOT, record_dialogs
from generator.lookup import lookup
from generator.codes.parse import parse_query

pytestmark = pytest.mark.browser

CORPUS = ROOT.parent / "shared" / "corpora" / "bounces"
DATA = ROOT / "generator" / "data"
LEGACY = {
    "4.4.312": "dns-query-failed",
    "4.4.315": "connection-timed-out",
    "4.4.316": "connection-refused",
    "4.4.317": "cannot-connect-to-remote-server",
    "4.4.318": "connection-was-closed-abruptly",
    "4.7.320": "certificate-validation-failed",
}
FIX_HEADING = {"en": "How to fix it", "ko": "해결 방법"}
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "javascript:alert(1)",
    "4.4.316<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>5.4.316",
]


@pytest.fixture
def dialogs(page):
    """Every dialog a page opens; a test asserts there were none."""
    return record_dialogs(page)


def corpus_texts() -> dict[str, str]:
    return {
        path.name: path.read_bytes().decode("utf-8", errors="replace")
        for path in sorted(CORPUS.glob("*.eml"))
    }


def open_lookup(page, site_url, lang="en", query=None, hash_=""):
    address = f"{site_url}/{lang}/lookup/"
    if query is not None:
        address += "?q=" + quote(query, safe="")
    page.goto(address + hash_)
    page.wait_for_function("window.mfkbLookupDone !== undefined")
    page.evaluate("window.mfkbLookupDone")
    if query is not None:
        # the address keeps q, and Material's search box did not take it
        page.wait_for_function("new URLSearchParams(location.search).has('q')")
        assert page.evaluate("new URLSearchParams(location.search).get('q')") == query
        assert not page.evaluate("document.getElementById('__search').checked")


def results(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('#mfkb-lookup-results li.mfkb-lookup-match')].map(li => ({
        code: li.querySelector('.mfkb-lookup-code').textContent,
        link: li.querySelector('a') && li.querySelector('a').href,
        title: li.querySelector('a') && li.querySelector('a').textContent,
        text: li.textContent}))""")


def test_js_port_passes_the_shared_vectors(page, site_url):
    open_lookup(page, site_url)
    parse_vectors = json.loads((DATA / "lookup_vectors.json").read_text(encoding="utf-8"))
    resolution = json.loads((DATA / "resolution_vectors.json").read_text(encoding="utf-8"))
    parsed, looked_up = page.evaluate(
        """([parseVectors, resolution]) => {
            const known = new MFKB.codes.resolve.KnownCodes(resolution.knowledge_base);
            return [
              parseVectors.map(v => MFKB.codes.parse.parseQuery(v.input).map(f => f.code)),
              resolution.vectors.map(v => MFKB.lookupEngine.lookup(v.input, known).map(m => (
                {code: m.code, reply: m.reply, entry: m.entry, via: m.via, explains: m.explains}))),
            ];
        }""",
        [parse_vectors, resolution],
    )
    for vector, codes in zip(parse_vectors, parsed):
        assert codes == vector["codes"], vector["note"]
    for vector, matches in zip(resolution["vectors"], looked_up):
        assert matches == vector["matches"], vector["note"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="bounce corpus not found")
def test_js_ranks_the_same_code_first_as_python_on_the_corpus(page, site_url):
    open_lookup(page, site_url)
    texts = corpus_texts()
    first_in_js = page.evaluate(
        "texts => Object.fromEntries(Object.entries(texts).map(([name, text]) => "
        "[name, (MFKB.codes.parse.parseQuery(text)[0] || {}).code || null]))",
        texts,
    )
    differ = {
        name: (first_in_js[name], python[0].code if python else None)
        for name, text in texts.items()
        if (python := parse_query(text)) and first_in_js[name] != python[0].code
    }
    print(f"\nfirst code, JS = Python: {len(texts) - len(differ)}/{len(texts)}")
    assert len(texts) > 300 and differ == {}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="bounce corpus not found")
def test_pasting_a_real_ndr_shows_its_codes_with_entry_links(page, site_url, dialogs):
    texts = corpus_texts()
    name = next(n for n in sorted(texts) if "office365" in n and lookup(texts[n])[0].entry)
    expected = lookup(texts[name])
    open_lookup(page, site_url)
    page.fill("#mfkb-lookup-q", texts[name])
    page.click("#mfkb-lookup button[type=submit]")
    page.wait_for_selector("#mfkb-lookup-results li.mfkb-lookup-match")
    shown = results(page)
    assert [row["code"].split()[-1] for row in shown] == [m.code for m in expected], name
    assert shown[0]["title"].startswith(expected[0].entry + " ")
    assert urlsplit(shown[0]["link"]).path == f"/en/errors/{expected[0].entry}/"
    assert "q=" not in page.url  # a whole NDR is not put into the address
    page.click("#mfkb-lookup-results li.mfkb-lookup-match a")
    page.wait_for_url(f"{site_url}/en/errors/{expected[0].entry}/")
    assert dialogs == []


@pytest.mark.parametrize("query", ["450 4.4.316", "44316", "5.4.316"])
def test_lookup_links_in_korean(page, site_url, query):
    open_lookup(page, site_url, "ko", query)
    [row] = results(page)
    assert urlsplit(row["link"]).path == "/ko/errors/4.4.316/"
    assert row["title"].startswith("4.4.316 ") and "Connection refused" not in row["title"]
    assert page.input_value("#mfkb-lookup-q") == query
    if query.startswith("450"):
        assert row["code"] == "450 4.4.316"
    if query == "5.4.316":
        assert "만료" in row["text"] and "24시간" in row["text"]


def test_unknown_code_says_so_with_its_class(page, site_url):
    open_lookup(page, site_url, "en", "5.9.99")
    [row] = results(page)
    assert row["link"] is None
    assert "5.9.99 is not in the knowledge base yet." in row["text"]
    assert "Permanent" in row["text"]


@pytest.mark.parametrize("lang, message", [("en", "over 4 MB"), ("ko", "4MB")])
def test_a_text_over_the_cap_gets_a_message_not_a_frozen_page(page, site_url, lang, message):
    open_lookup(page, site_url, lang)
    page.evaluate("""() => {
      document.getElementById("mfkb-lookup-q").value = "550 5.1.1 ".repeat(4 * 1024 * 1024 / 10 + 1);
      document.querySelector("#mfkb-lookup button[type=submit]").click();
    }""")
    error = page.wait_for_selector("#mfkb-lookup-results .mfkb-lookup-error")
    assert message in error.inner_text()
    assert page.locator("#mfkb-lookup-results li.mfkb-lookup-match").count() == 0


def test_typed_query_goes_into_the_address(page, site_url):
    open_lookup(page, site_url)
    page.fill("#mfkb-lookup-q", "550 5.4.316")
    page.click("#mfkb-lookup button[type=submit]")
    page.wait_for_selector("#mfkb-lookup-results li.mfkb-lookup-match")
    assert unquote(urlsplit(page.url).query).replace("+", " ") == "q=550 5.4.316"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_in_the_query_or_hash_never_runs(page, site_url, dialogs, payload):
    for query, hash_ in ((payload, ""), ("4.4.316", "#" + quote(payload)), (payload, "#" + payload)):
        open_lookup(page, site_url, "en", query, hash_)
        injected = page.evaluate("""() => document.querySelectorAll(
            '#mfkb-lookup-results img, #mfkb-lookup-results script, #mfkb-lookup-results svg,'
            + ' #mfkb-lookup-results [onerror], #mfkb-lookup-results [onload]').length""")
        assert injected == 0
        assert page.input_value("#mfkb-lookup-q") == query
        hrefs = page.evaluate("() => [...document.querySelectorAll('#mfkb-lookup-results a')].map(a => a.href)")
        assert all(urlsplit(href).path.startswith(("/en/errors/", "/en/reasons/")) for href in hrefs)
    page.goto(f"{site_url}/en/overview/#{quote(payload)}")
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/en/overview/"
    assert dialogs == []


def test_deep_link_follows_the_browser_then_the_readers_choice(browser, site_url):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(f"{site_url}/errors/4.4.316/")
    page.wait_for_url(f"{site_url}/ko/errors/4.4.316/")
    page.evaluate("localStorage.setItem('mfkb-lang', 'en')")
    page.goto(f"{site_url}/errors/4.4.316/#how-to-fix-it")
    page.wait_for_url(f"{site_url}/en/errors/4.4.316/#how-to-fix-it")
    page.goto(f"{site_url}/errors/5.4.316/")
    page.wait_for_url(f"{site_url}/en/errors/4.4.316/?from=5.4.316")
    context.close()
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(f"{site_url}/errors/4.7.320/")
    page.wait_for_url(f"{site_url}/en/errors/4.7.320/")
    context.close()


def test_deep_link_without_javascript_offers_plain_links(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/errors/4.4.316/")
    assert urlsplit(page.url).path == "/errors/4.4.316/"
    page.click("a[hreflang=ko]")
    page.wait_for_url(f"{site_url}/ko/errors/4.4.316/")
    context.close()


def legacy_cases(lang):
    for code, title in LEGACY.items():
        compact = code.replace(".", "")
        reply = "450"
        yield f"error-code-{reply}-{compact}-{title}", f"/{lang}/errors/{code}/", None
        yield f"how-do-i-fix-error-code-{reply}-{compact}", f"/{lang}/errors/{code}/", FIX_HEADING[lang]
        yield f"ErrorCode{compact}", f"/{lang}/errors/{code}/", None
    yield "other-error-codes", f"/{lang}/other-codes/", "other-error-codes"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_legacy_anchors_on_the_overview_reach_their_entries(page, site_url, lang):
    for anchor, path, section in legacy_cases(lang):
        page.goto(f"{site_url}/{lang}/overview/#{anchor}")
        page.wait_for_url(re.compile(re.escape(site_url + path)))
        landed = urlsplit(page.url)
        assert landed.path == path, anchor
        if section is None:
            continue
        target = unquote(landed.fragment)
        heading = page.locator(f"[id='{target}']")
        assert heading.count() == 1, anchor
        if section == "other-error-codes":
            assert target == "other-error-codes"
        else:
            assert section in heading.inner_text(), anchor
