"""Command options in running text stay on one line on a phone (`--require-tls`, not `--require-` /
`tls`), in English and Korean: what a reader copies or types must read as one word. Headless Chromium
on the session's built site, at 390x844."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES = ["errors/4.4.316/", "errors/4.4.317/", "errors/4.7.320/", "lookup/", "other-codes/"]

# Each option in a code span of running text (one or two hyphens at a word's start, or a
# Verb-Noun cmdlet), with the number of lines its letters take.
SPLIT_OPTIONS = r"""() => {
  const option = /(^|\s)(--?[A-Za-z0-9][A-Za-z0-9-]*|[A-Z][a-z]+-[A-Z][A-Za-z]+\b)/g;
  const found = [];
  for (const code of document.querySelectorAll('article :not(pre) > code')) {
    if (code.closest('[hidden]')) continue;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(option)) {
        const range = document.createRange();
        const start = match.index + match[1].length;
        range.setStart(node, start);
        range.setEnd(node, start + match[2].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        found.push([match[2], tops.size]);
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_options_do_not_break_at_their_hyphens_on_a_phone(browser, site_url, lang):
    context = browser.new_context(viewport=PHONE, locale="ko-KR" if lang == "ko" else "en-US")
    page = context.new_page()
    seen, split = set(), []
    for path in PAGES:
        page.goto(f"{site_url}/{lang}/{path}")
        for option, lines in page.evaluate(SPLIT_OPTIONS):
            seen.add(option)
            if lines > 1:
                split.append((path, option))
    context.close()
    assert {"--require-tls", "-Port", "--help"} <= seen
    assert split == []
