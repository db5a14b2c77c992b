"""A code typed alone on the lookup page, in headless Chromium: the answer lists
each vendor meaning the code has, with the evidence that would choose it, in both
languages; a code whose words chose a meaning (or none) lists nothing more. The
same lines as `lookup` in the terminal (test_meanings_registry_codes.py)."""
from __future__ import annotations

import pytest

from test_lookup_browser import open_lookup

pytestmark = pytest.mark.browser


def possible(page) -> dict:
    return page.evaluate("""() => {
        const li = document.querySelector('#mfkb-lookup-results li.mfkb-lookup-match');
        const block = li.querySelector('.mfkb-lookup-possible');
        return block && {note: block.querySelector('.mfkb-lookup-possible-note').textContent,
                         lines: [...block.querySelectorAll('li')].map(line => line.textContent),
                         hrefs: [...block.querySelectorAll('a')].map(a => a.getAttribute('href'))};
    }""")


@pytest.mark.parametrize(("lang", "query", "note", "lines", "hrefs"), [
    ("en", "5.7.3", "5.7.3 alone doesn't say which server sent it; some mail services mean something else by it:",
     ["From Exchange Online (reply “Authentication unsuccessful”): SMTP AUTH sign-in failed"],
     ["/en/errors/X.7.3/#from-exchange-online"]),
    ("ko", "432 4.3.2", "4.3.2만으로는 어느 서버가 보냈는지 알 수 없습니다. 일부 메일 서비스는 이 코드를 다른 뜻으로 씁니다:",
     ["Exchange Online에서 온 경우(응답에 “STOREDRV.Deliver”): 받는 사람 스레드 제한 초과"],
     ["/ko/errors/4.3.2/#from-exchange-online"]),
    ("en", "5.7.30", "5.7.30 alone doesn't say which server sent it; some mail services mean something else by it:",
     ["From Exchange Online (reply “Basic authentication is not supported”): Basic authentication refused for SMTP AUTH",
      "From Gmail (reply “gsmtp”): DKIM authentication did not pass"],
     ["/en/errors/X.7.30/#from-exchange-online", "/en/errors/X.7.30/#from-gmail"]),
])
def test_a_code_typed_alone_lists_each_vendor_meaning(page, site_url, lang, query, note, lines, hrefs):
    open_lookup(page, site_url, lang, query=query)
    page.wait_for_selector("#mfkb-lookup-results li.mfkb-lookup-match .mfkb-lookup-possible")
    assert possible(page) == {"note": note, "lines": lines, "hrefs": hrefs}
    assert page.locator(".mfkb-lookup-meaning").count() == 0
    page.click(".mfkb-lookup-possible a")
    page.wait_for_url(f"{site_url}{hrefs[0]}")
    assert page.is_visible("#" + hrefs[0].split("#")[1])


@pytest.mark.parametrize(("query", "entry"), [
    ("421 4.3.2 Service not available", "4.3.2 System not accepting network messages"),
    ("550 5.1.10 <bob@example.net>: Recipient address rejected: Domain example.net does not accept mail (nullMX)",
     "5.1.10 Recipient address has null MX"),
])
def test_another_servers_code_shows_the_registrys_meaning_and_no_list(page, site_url, query, entry):
    open_lookup(page, site_url, "en", query=query)
    page.wait_for_selector("#mfkb-lookup-results li.mfkb-lookup-match")
    assert possible(page) is None and page.locator(".mfkb-lookup-meaning").count() == 0
    assert page.locator("#mfkb-lookup-results li.mfkb-lookup-match a.mfkb-lookup-entry").first.text_content() == entry


def test_exchange_onlines_words_show_its_meaning_on_the_page(page, site_url):
    open_lookup(page, site_url, "en", query="432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded")
    page.wait_for_selector("#mfkb-lookup-results li.mfkb-lookup-match .mfkb-lookup-meaning-why")
    said = page.locator(".mfkb-lookup-meaning").first.text_content()
    assert said == "From Exchange Online, 4.3.2 means: Recipient thread limit exceeded."
    assert possible(page) is None
