"""English on a Korean page is marked lang="en" (WCAG 3.1.2, language of parts), so that a screen reader
reads it with English rules: the sources' titles, a server's reply quoted in an example or in the prose,
a reason's names, and in the lookup's answer the server's words. Built pages and headless Chromium."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from generator.site.language_parts import is_english, mark_english_code

ENGLISH_CODE = re.compile(r'<code lang="en">(.*?)</code>', re.S)
FOREIGN_PART = re.compile(r'<(?!html\b)[a-z]+\b(?![^>]*hreflang=)[^>]* lang="en"[^>]*>')


def read(built_site, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


def test_a_code_span_is_english_when_its_letters_are_all_latin():
    assert mark_english_code("<p><code>Service not available</code> <code>421</code></p>") == (
        '<p><code lang="en">Service not available</code> <code>421</code></p>')
    assert mark_english_code("<code>받는 사람</code><pre><code>telnet mx 25</code></pre>") == (
        "<code>받는 사람</code><pre><code>telnet mx 25</code></pre>")
    assert mark_english_code('<code>Test<bdi class="mfkb-option">-NetConnection</bdi></code>') == (
        '<code lang="en">Test<bdi class="mfkb-option">-NetConnection</bdi></code>')
    assert is_english("Übermittlung failed") and not is_english("550 5.1.1") and not is_english("メール error")


def test_a_korean_entry_marks_its_sources_and_the_servers_words_english(built_site):
    korean, english = read(built_site, "ko/errors/4.4.316"), read(built_site, "en/errors/4.4.316")
    sources = korean.split('id="sources"', 1)[1]
    titles = re.findall(r'<li><a href="[^"]*"( lang="en")?>', sources)
    assert titles and all(titles), titles
    examples = korean.split('class="mfkb-examples"', 1)[1].split("</div>", 1)[0]
    assert re.search(r'<li><strong lang="en">Exchange Online:</strong> <code lang="en">', examples)
    quoted = [re.sub(r"<[^>]*>", "", code) for code in ENGLISH_CODE.findall(korean)]
    assert any("10061" in code for code in quoted), quoted  # quoted in the translated prose
    assert not FOREIGN_PART.findall(english)  # an English page is English throughout: nothing to mark


def test_an_english_page_marks_no_part_english(built_site):
    """A part is marked only where the page's language differs (the language switch's links name theirs)."""
    for path in ("en/errors/4.4.316", "en/reasons/mesgtoobig", "en"):
        assert not FOREIGN_PART.findall(read(built_site, path)), path


def test_a_korean_reason_marks_its_names_and_sources_english(built_site):
    page = read(built_site, "ko/reasons/mesgtoobig")
    assert '<code lang="en">mesgtoobig</code>' in page and '<code lang="en">emailtoolarge</code>' in page
    assert '<a href="https://www.rfc-editor.org/rfc/rfc1870" lang="en">RFC 1870' in page


ENGLISH_PARTS = """() => [...document.querySelectorAll('#mfkb-lookup-results [lang="en"]')]
    .map(node => node.closest('[class]').className + ': ' + node.textContent)"""
FIVE_CAUSES_PART = """Delivery has failed to these recipients or groups:

valid@mail.example
<valid@mail.example>: The limits for your account have been exceeded

Diagnostic-Code: smtp; 471 4.7.1 <valid@mail.example>: The limits for your account have been exceeded
"""


@pytest.mark.browser
@pytest.mark.parametrize("query, parts", [
    (FIVE_CAUSES_PART, ["mfkb-lookup-said: 471 4.7.1 <valid@mail.example>: The limits for your account have been exceeded"]),
    ("535 5.7.3 Authentication unsuccessful [BN6PR03CA0021.namprd03.prod.outlook.com]",
     ["mfkb-lookup-meaning-why: Authentication unsuccessful"]),
    ("5.7.30", ["mfkb-lookup-possible-meaning: Basic authentication is not supported", "mfkb-lookup-possible-meaning: gsmtp"]),
])
def test_the_lookups_answer_marks_the_servers_words_english(browser, site_url, query, parts):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(f"{site_url}/ko/lookup/?q={quote(query)}")
    page.wait_for_selector("#mfkb-lookup-results > *")
    shown = page.evaluate(ENGLISH_PARTS)
    assert [part for part in shown if not part.startswith("mfkb-original")] == parts, shown
    assert re.search("[가-힣]", page.locator("#mfkb-lookup-results").inner_text())  # around them, Korean
    context.close()
