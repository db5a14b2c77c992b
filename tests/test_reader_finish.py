"""What a reader sees around the content, in headless Chromium on the session's built site: the
footer's words in the page's language."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
CREDIT = {"en": "Made with Material for MkDocs", "ko": "Material for MkDocs로 만들었습니다"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_footers_credit_is_in_the_pages_language(browser, site_url, lang):
    context = browser.new_context(viewport=PHONE, locale="ko-KR" if lang == "ko" else "en-US")
    page = context.new_page()
    for path in ("", "errors/4.4.316/", "lookup/", "404.html"):
        page.goto(f"{site_url}/{lang}/{path}")
        credit = page.locator(".md-copyright")
        assert " ".join(credit.inner_text().split()) == CREDIT[lang], path
        assert credit.locator("a").get_attribute("href") == "https://squidfunk.github.io/mkdocs-material/"
    context.close()


SKIP = {"en": "Skip to content", "ko": "콘텐츠로 이동"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_404_page_offers_the_skip_link_as_every_other_page_does(browser, site_url, lang):
    """The first Tab shows "Skip to content"; Enter on it goes past the header and the navigation."""
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR" if lang == "ko" else "en-US")
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/404.html?from=/{lang}/nothing-here/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text().strip() == SKIP[lang] and skip.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is in the page's text, not in the header
    assert page.evaluate("document.activeElement.closest('article') !== null")
    context.close()
