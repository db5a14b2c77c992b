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


# Each code block with a copy button: its first lines' text, scrolled as far right as it goes, and
# whether their end is under the button (Material's button floats over the block's top right corner).
UNDER_COPY_BUTTON = r"""() => [...document.querySelectorAll('article pre')].filter(pre => pre.offsetParent).map(pre => {
  const code = pre.querySelector('code'), button = pre.querySelector('.md-code__nav');
  if (!button) return null;
  code.scrollLeft = code.scrollWidth;
  const b = button.getBoundingClientRect(), range = document.createRange();
  range.selectNodeContents(code);
  const right = Math.max(0, ...[...range.getClientRects()]
    .filter(r => r.width > 0 && r.top < b.bottom && r.bottom > b.top).map(r => r.right));
  return [code.textContent.split('\n')[0], right > b.left + 1];
}).filter(Boolean)"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_code_blocks_end_can_be_scrolled_out_from_under_its_copy_button(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 320, "height": 800}, locale="ko-KR" if lang == "ko" else "en-US")
    page = context.new_page()
    seen, hidden = [], []
    for path in ("errors/4.7.320/", "errors/4.4.316/", "other-codes/", "lookup/"):
        page.goto(f"{site_url}/{lang}/{path}")
        for line, under in page.evaluate(UNDER_COPY_BUTTON):
            seen.append(line)
            if under:
                hidden.append((path, line))
    context.close()
    assert any(line.startswith("python -m generator diagnose contoso.com") for line in seen)
    assert hidden == []
