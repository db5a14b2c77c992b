"""Reading built pages as a reader sees them: text, links, attributes."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


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


def markdown_as_text(source: str) -> str:
    """What a content string looks like once rendered, as text."""
    return visible_text(markdown.markdown(html.escape(squash(source), quote=False)))
