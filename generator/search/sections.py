"""A page cut into search sections, as Material's search plugin cuts it,
for the HTML that Python-Markdown writes for this project's pages.

Material's plugin walks every tag of every page with html.parser, in pure
Python: a tenth of MkDocs' time per page. This reads the same sections with
a handful of regular expressions. What it gives is what Material's parser
gives once generator.search.index has reduced both to plain text (tested:
the whole site, search index included, is byte-identical either way).
Pages it cannot vouch for (anything hidden from search other than the
English originals, headings nested in other elements) are left to Material.
"""
from __future__ import annotations

import re

# The English original beside a translated text: hidden, and kept out of search.
ORIGINAL_SPAN = re.compile(r'<span class="mfkb-original"[^>]*\bdata-search-exclude>(?:[^<]|<(?!/?span\b))*</span>')
# A heading's English original: a hidden paragraph right under it (render.ORIGINAL_BLOCK).
ORIGINAL_BLOCK = re.compile(r'<p class="mfkb-original"[^>]*>(?:[^<]|<(?!/p>))*</p>\n?')
HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1>", re.S)
HEADING_ID = re.compile(r'\sid="([^"]*)"')
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
SKIPPED = re.compile(r"<(script|style|object)\b[^>]*>.*?</\1>", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
NESTING = ("div", "blockquote", "details", "li", "table")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
# Material keeps these tags in the section text (they become spaces in
# generator.search.index.plain); every other tag is dropped without a trace.
KEPT = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}


def text_of(markup: str) -> str:
    """The section text: kept tags as spaces, others gone, entities left as
    they are (Material escapes the text it read; plain() unescapes both)."""
    return TAG.sub(lambda match: " " if match.group(1).lower() in KEPT else "", markup).strip()


def originals_last(content: str) -> str:
    """The page with each heading's hidden English original moved to the end of
    its section: a result's snippet then starts with the text the reader sees,
    and the English still finds the page (the section's words are the same)."""
    starts = [match.start() for match in re.finditer(r"<h[1-6][\s>]", content)]
    cuts = [0, *starts, len(content)]
    parts = []
    for start, end in zip(cuts, cuts[1:]):
        part = content[start:end]
        originals = ORIGINAL_BLOCK.findall(part)
        parts.append(ORIGINAL_BLOCK.sub("", part) + "".join(originals) if originals else part)
    return "".join(parts)


def vouched_for(content: str) -> bool:
    """The page starts with its h1, hides nothing from search but the English
    originals, and has no heading inside another element or preformatted text."""
    if not content.startswith("<h1") or "<pre" in content:
        return False
    if "data-search-exclude" in ORIGINAL_SPAN.sub("", content):
        return False
    for match in HEADING.finditer(content):
        before = content[: match.start()]
        if any(before.count(f"<{tag}") != before.count(f"</{tag}>") for tag in NESTING):
            return False
    return True


def sections(content: str) -> list[tuple[str, str, str]] | None:
    """(anchor, title, text) per section, the first (the h1's) without an
    anchor; None when this module cannot vouch for the page."""
    if not vouched_for(content):
        return None
    content = SKIPPED.sub("", COMMENT.sub("", ORIGINAL_SPAN.sub("", content)))
    headings = [match for match in HEADING.finditer(content) if HEADING_ID.search(match.group(2) or "")]
    found = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(content)
        anchor = HEADING_ID.search(heading.group(2)).group(1) if index else ""
        title = text_of(PERMALINK.sub("", heading.group(3)))
        found.append((anchor, title, text_of(content[heading.end():end])))
    return found
