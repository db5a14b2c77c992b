"""The English original beside each translated block of a Korean page: in
the HTML (hidden, lang="en", escaped like the translation), and shown or
hidden for the whole page by one remembered toggle in Chromium."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from generator.i18n.catalog import Translator
from generator.content.load import read_yaml
from generator.site.render import PageRenderer
from generator.i18n.translatable import iter_strings
from htmltext import article, markdown_as_text, visible_text

ENTRY = "errors/4.4.316/"
ORIGINAL = re.compile(r'<(span|p) class="mfkb-original" (?:hidden="hidden" )?lang="en"( hidden)?(?: data-search-exclude)?>(.*?)</\1>', re.S)
LABEL = "영어 원문 함께 보기"


def page_html(built_site, lang: str, relative: str) -> str:
    return (built_site / lang / relative / "index.html").read_text(encoding="utf-8")


def originals(page: str) -> list[str]:
    """The text of every English original on a page, each checked to be hidden."""
    found = []
    for match in ORIGINAL.finditer(page):
        assert "hidden" in match.group(0).split(">")[0]
        found.append(visible_text(match.group(3)))
    return found


def test_every_translated_block_carries_its_english_original(built_site):
    shown = originals(article(page_html(built_site, "ko", ENTRY)))
    source = read_yaml(ROOT / "content/errors/4.4.316.yml")
    for text, line in iter_strings(source.tree):
        if text != "Mail Flow KB":
            assert markdown_as_text(text) in shown, f"4.4.316.yml:{line} has no English original"
    # the English pages and the reader's visible Korean text carry none
    assert "mfkb-original" not in page_html(built_site, "en", ENTRY)
    assert "Microsoft 365 tried to connect" not in visible_text(article(page_html(built_site, "ko", ENTRY)))


def test_heading_originals_keep_anchors_and_the_table_of_contents_korean(built_site):
    page = page_html(built_site, "ko", "overview/")
    heading = re.search(r'<h2 id="mail-flow-intelligence">(.*?)</h2>\s*<p class="mfkb-original"[^>]*>(.*?)</p>',
                        page, re.S)
    assert heading, "the section heading's original should follow it"
    assert visible_text(heading.group(1)) == "메일 흐름 인텔리전스란? ¶"
    assert visible_text(heading.group(2)) == "What mail flow intelligence is"
    toc = re.search(r'<a href="#mail-flow-intelligence" class="md-nav__link">(.*?)</a>', page, re.S)
    assert visible_text(toc.group(1)) == "메일 흐름 인텔리전스란?"


def korean(messages: dict[str, str]) -> Translator:
    return Translator("ko", {english: (text, False) for english, text in messages.items()})


def test_original_is_escaped_like_the_translation_and_fallbacks_get_none():
    english = "Run <script>x</script> [here](javascript:alert(1)) or [docs](https://example.org/)."
    translator = korean({english: "<b>실행</b> [여기](javascript:alert(1)) 또는 [문서](https://example.org/)."})
    renderer = PageRenderer(translator)
    html = renderer.markdown_text(translator.lookup(english))
    assert html == ('&lt;b&gt;실행&lt;/b&gt; [여기](#blocked-alert(1)) 또는 [문서](https://example.org/). '
                    '<span class="mfkb-original" lang="en" hidden data-search-exclude>Run &lt;script&gt;x&lt;/script&gt; '
                    '[here](#blocked-alert(1)) or [docs](https://example.org/).</span>')
    assert "mfkb-original" not in renderer.markdown_text(translator.lookup("Not in the catalog"))
    assert renderer.original_block(translator.lookup("Not in the catalog")) == ""
    assert renderer.markdown_text(translator.lookup(english), beside=False).endswith("(https://example.org/).")


@pytest.mark.browser
def test_one_toggle_shows_every_original_and_the_choice_persists(browser, site_url):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(f"{site_url}/ko/{ENTRY}")
    button = page.locator("button.mfkb-original-toggle")
    originals_on_page = page.locator(".mfkb-original")
    count = originals_on_page.count()
    assert count > 5
    assert button.inner_text() == LABEL and button.get_attribute("aria-pressed") == "false"
    assert all(not originals_on_page.nth(i).is_visible() for i in range(count))
    assert "Microsoft 365 tried to connect" not in page.locator("article").inner_text()

    button.click()
    assert all(originals_on_page.nth(i).is_visible() for i in range(count))
    assert "Microsoft 365 tried to connect" in page.locator("article").inner_text()
    assert page.locator(".mfkb-original[lang=en]").count() == count
    assert button.get_attribute("aria-pressed") == "true"

    page.reload()
    assert page.locator(".mfkb-original").first.is_visible()
    page.goto(f"{site_url}/ko/overview/")
    assert page.locator("p.mfkb-original", has_text="What mail flow intelligence is").is_visible()

    page.locator("button.mfkb-original-toggle").click()
    assert not page.locator(".mfkb-original").first.is_visible()
    page.goto(f"{site_url}/ko/{ENTRY}")
    assert not page.locator(".mfkb-original").first.is_visible()
    assert page.locator("button.mfkb-original-toggle").get_attribute("aria-pressed") == "false"

    page.goto(f"{site_url}/en/{ENTRY}")
    assert page.locator("button.mfkb-original-toggle").count() == 0
    context.close()


def test_korean_search_leaves_the_hidden_originals_out(built_site):
    summary = read_yaml(ROOT / "content/errors/4.4.316.yml").data["summary"]
    sample = " ".join(summary.split())[:40]

    def indexed(lang):
        return " ".join(p.read_text(encoding="utf-8") for p in (built_site / lang / "search").rglob("*.json"))

    assert sample in indexed("en")
    assert sample not in indexed("ko")
