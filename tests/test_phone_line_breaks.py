"""Lines on a phone break where a reader expects them: command options in running text stay on one
line (`--require-tls`, not `--require-` / `tls`), in English and Korean, and Korean links break between
words, as the text around them does, never inside one ("메/일"). Headless Chromium on the session's
built site, at 390x844."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES = ["errors/4.4.316/", "errors/4.4.317/", "errors/4.7.320/", "lookup/", "other-codes/"]

def phone_page(browser, lang):
    context = browser.new_context(viewport=PHONE, locale="ko-KR" if lang == "ko" else "en-US")
    return context, context.new_page()


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
    context, page = phone_page(browser, lang)
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


# Each place where a link's text goes on to a new line between two Hangul syllables.
SPLIT_WORDS = r"""() => {
  const hangul = /[\uac00-\ud7a3]/;
  const found = [];
  for (const link of document.querySelectorAll('article a')) {
    if (link.closest('[hidden]') || link.getClientRects().length < 2) continue;
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    let before = null;  // [character, line top]
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = [...range.getClientRects()].find(r => r.width > 0);
        if (!rect) {  // a space at a line's end takes no room: the line broke at it
          if (before) before = [node.data[i], before[1]];
          continue;
        }
        const top = Math.round(rect.top);
        if (before && top > before[1] + 2 && hangul.test(before[0]) && hangul.test(node.data[i]))
          found.push(link.textContent.trim());
        before = [node.data[i], top];
      }
    }
  }
  return found;
}"""


def test_korean_links_break_between_words_on_a_phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, locale="ko-KR")
    page = context.new_page()
    split = []
    page.goto(f"{site_url}/ko/lookup/?q=550+5.7.26")
    page.wait_for_function("window.mfkbLookupDone !== undefined")
    page.evaluate("window.mfkbLookupDone")
    split += page.evaluate(SPLIT_WORDS)
    for path in ("", "errors/5.7.26/", "reasons/", "errors/"):
        page.goto(f"{site_url}/ko/{path}")
        split += page.evaluate(SPLIT_WORDS)
    context.close()
    assert split == []


# Each place where a host name in the elements the selector finds goes on to a new line: the character
# before the break, and the host. A host may break after a dot; never after one of its hyphens.
HOST_BREAKS = r"""(selector) => {
  const host = /(?<![\w.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w-])/g;
  const found = [], seen = [];
  for (const code of document.querySelectorAll(selector)) {
    if (code.closest('[hidden]')) continue;
    const text = code.textContent, nodes = [];
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    const at = (offset) => {  // the text node and the offset in it of the code's offset-th character
      for (const node of nodes) {
        if (offset < node.data.length) return [node, offset];
        offset -= node.data.length;
      }
    };
    const top = (offset) => {
      const [node, i] = at(offset), range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = [...range.getClientRects()].find(r => r.width > 0);
      return rect ? Math.round(rect.top) : null;
    };
    for (const match of text.matchAll(host)) {
      if (!match[0].includes('-')) continue;
      seen.push(match[0]);
      for (let i = match.index; i < match.index + match[0].length - 1; i++) {
        if (top(i + 1) > top(i) + 2 && text[i] !== '.') found.push([text[i], match[0]]);
      }
    }
  }
  return [seen, found];
}"""
HOST_PAGES = ["errors/4.4.312/", "errors/4.4.316/", "errors/5.7.506/", "errors/X.7.29/", "errors/X.7.30/"]
# Phones from the narrowest in use to the widest: where a line ends moves with the width.
PHONE_WIDTHS = [320, 360, 375, 390, 412, 430]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_host_names_in_code_break_only_at_their_dots_on_a_phone(browser, site_url, lang):
    context, page = phone_page(browser, lang)
    seen, split = set(), []
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        for path in HOST_PAGES:
            page.goto(f"{site_url}/{lang}/{path}")
            hosts, breaks = page.evaluate(HOST_BREAKS, "article :not(pre) > code")
            seen.update(hosts)
            split += [(width, path, host, before) for before, host in breaks]
    context.close()
    assert {"contoso-com.mail.protection.outlook.com", "gmail-smtp-in.l.google.com"} <= seen
    assert split == []


# Exchange Online's 5.1.0, told by the reporting server's name (a made-up one with hyphens in two labels).
HOST_CHOSEN = """Reporting-MTA: dns; DB9PR01-MB1234.eur-prd01.prod.outlook.com
Final-Recipient: rfc822; a@example.org
Action: failed
Status: 5.1.0
Diagnostic-Code: smtp; 550 5.1.0 rejected"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_lookups_host_name_breaks_only_at_its_dots_on_a_phone(browser, site_url, lang):
    """The answer's "Chosen because the code came from <host>" line."""
    context, page = phone_page(browser, lang)
    page.goto(f"{site_url}/{lang}/lookup/")
    page.wait_for_function("window.mfkbLookupDone !== undefined")
    page.fill("#mfkb-lookup-q", HOST_CHOSEN)
    page.click("#mfkb-lookup button[type=submit]")
    page.wait_for_selector(".mfkb-lookup-meaning-why")
    seen, split = set(), []
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        hosts, breaks = page.evaluate(HOST_BREAKS, ".mfkb-lookup-meaning-why")
        seen.update(hosts)
        split += [(width, host, before) for before, host in breaks]
    context.close()
    assert "db9pr01-mb1234.eur-prd01.prod.outlook.com" in seen
    assert split == []
