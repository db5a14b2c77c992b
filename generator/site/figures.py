"""Figures go into the finished HTML, not into the Markdown.

An inline SVG is dozens of elements that Python-Markdown's HTML parser,
MkDocs' link rewriter and the search plugin's HTML parser would each walk
on every page, changing none of it: a fifth of MkDocs' time per entry page.
So the Markdown carries an empty slot, and the figure, drawn while the
page's Markdown was rendered (so its strings count for the page's
translation notice), is put in its place when MkDocs has written the page
(generator.site.mkdocs_plugin).
"""
from __future__ import annotations

import re
import zlib

SLOT = '<div class="mfkb-figure-slot" data-figure="{key}"></div>'
SLOT_RE = re.compile(r'<div class="mfkb-figure-slot" data-figure="([\w.-]+)"></div>')


class Figures:
    """The figures of one language's pages, by key, compressed while they
    wait (at 10,000 entries they would hold 80 MB per language)."""

    def __init__(self):
        self.drawn: dict[str, bytes] = {}

    def slot(self, key: str, figure: str) -> str:
        self.drawn[key] = zlib.compress(figure.encode("utf-8"), 1)
        return SLOT.format(key=key)

    def fill(self, html: str) -> str:
        return SLOT_RE.sub(lambda match: zlib.decompress(self.drawn[match.group(1)]).decode("utf-8"), html)
