"""Reading built pages as a reader sees them: text, links, attributes."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Collector(HTMLParser):
    """Text a reader sees: not scripts, styles or `hidden` elements."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0  # depth of open elements inside a skipped one
        # A code span is one run of text, though the site marks up where it may break inside
        # (generator/site/options.py, hosts.py): text after the first goes on with the last part.
        self.code = 0
        self.code_started = False

    def handle_starttag(self, tag, attrs):
        if tag == "code":
            self.code += 1
            self.code_started = True
        if self.skip:
            self.skip += tag not in VOID_TAGS
        elif tag not in VOID_TAGS and (tag in ("script", "style") or any(name == "hidden" for name, _ in attrs)):
            self.skip = 1

    def handle_endtag(self, tag):
        if tag == "code" and self.code:
            self.code -= 1
        if self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.skip:
            return
        if self.code and not self.code_started and self.parts:
            self.parts[-1] += data
        else:
            self.parts.append(data)
        self.code_started = False


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def visible_text(page_html: str) -> str:
    collector = _Collector()
    collector.feed(page_html)
    return squash(" ".join(collector.parts))


def article(page_html: str) -> str:
    """The page's main content, without header, navigation or footer."""
    match = re.search(r'<article class="md-content__inner[^>]*>(.*?)</article>', page_html, re.S)
    assert match, "no <article> in page"
    return match.group(1)


CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)")
# A run marked as English ("[**Mail flow** > **Connectors**]{lang=en}"): shown without its brackets and mark.
ENGLISH_RUN_MARK = re.compile(r"\[([^\[\]`]+)\]\{lang=en\}")


def markdown_as_text(source: str) -> str:
    """What a content string looks like once rendered, as text: markup outside
    code spans is shown as written, code spans as Markdown shows them, runs
    marked as English without their mark."""
    text, shown, last = squash(ENGLISH_RUN_MARK.sub(r"\1", source)), [], 0
    for span in CODE_SPAN.finditer(text):
        shown += [html.escape(text[last:span.start()], quote=False), span.group(0)]
        last = span.end()
    shown.append(html.escape(text[last:], quote=False))
    return visible_text(markdown.markdown("".join(shown)))
