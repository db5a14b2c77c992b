"""Escaping at the point of output. Content and catalog text reaches a page
in three forms, each escaped here for where it goes:

- Markdown (`markdown_escape`): MkDocs renders it, so nothing in the text may
  be read as markup that the text did not mean: raw HTML (`<`, `>`), attribute
  lists (`{`) and link titles (quotes) are shown as written.  Code spans are
  found here, not left to Markdown, and written as <code> with every sign an
  entity, so a backtick cannot pair with one of the next string on the line
  and nothing inside a span is markup.  Link targets whose scheme could run
  script are pointed nowhere, read as the browser reads them (entities
  decoded, tabs and newlines dropped).
- HTML text (`html_text`): front matter and navigation labels, which MkDocs
  and the theme put into the page as HTML, in elements and in attributes.
- SVG text: generator/site/diagram.py escapes what it draws.

English that a translation keeps as written (a label on Microsoft's screens, a
product's name) is marked in the English as Pandoc marks a span's language,
`[**Mail flow** > **Connectors**]{lang=en}`, and becomes `<span lang="en">` on a
page in another language (WCAG 3.1.2); everything else shows the run unmarked.
i18n/checkers.py refuses a translation that drops or changes one.
"""
from __future__ import annotations

import html
import re

_WHITESPACE = re.compile(r"\s*\n\s*")
_TICKS = re.compile(r"`+")
_SHOWN_TAG = re.compile(r'</?code>|<span lang="en">|</span>')  # the only tags markdown_escape writes
# Quotes too: a link's title ("...") would otherwise run on into the next string of the line.
_MARKUP = str.maketrans({"<": "&lt;", ">": "&gt;", "{": "&#123;", "`": "&#96;", '"': "&quot;", "'": "&#39;"})
# An inline link's target, or a reference definition ("[id]: target", only at the start of a block).
_LINK_TARGET = re.compile(r"(\]\(|^\s*\[[^\]]*\]:)(\s*)([^ )]+)")
_DROPPED_FROM_URLS = re.compile(r"[\t\n\r]")  # browsers ignore these anywhere in a URL
_LEADING_IGNORED = "".join(map(chr, range(33)))  # browsers skip these before a URL
_URL_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.I)
SAFE_SCHEMES = {"http", "https", "mailto"}
_INLINE_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")
# An English run: no brackets or code span inside (code is marked on its own: site/language_parts.py).
ENGLISH_RUN = re.compile(r"\[([^\[\]`]+)\]\{lang=en\}")
ENGLISH_SPAN = '<span lang="en">'


def one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", str(text)).strip()


def english_runs(text: str) -> list[str]:
    """The marked English runs of a content or catalog string, as written (spaces made one)."""
    return [" ".join(run.split()) for run in ENGLISH_RUN.findall(text)] if "]{lang=en}" in text else []


def unmarked(text: str) -> str:
    """text with each English run's mark dropped: for a page in English, and for output that is not HTML."""
    return ENGLISH_RUN.sub(r"\1", text) if "]{lang=en}" in text else text


def _escaped_markup(text: str) -> str:
    """Text outside code spans, shown as written; an English run as <span lang="en">."""
    parts, last = [], 0
    for run in ENGLISH_RUN.finditer(text):
        parts += [text[last:run.start()].translate(_MARKUP), ENGLISH_SPAN, run.group(1).translate(_MARKUP), "</span>"]
        last = run.end()
    return "".join(parts) + text[last:].translate(_MARKUP)


def code_spans(text: str):
    """(start, end, code) of each code span: a run of backticks up to the next run as long."""
    position = 0
    while opening := _TICKS.search(text, position):
        closing = re.compile(rf"(?<!`){opening.group()}(?!`)").search(text, opening.end())
        if closing is None:
            position = opening.end()
            continue
        yield opening.start(), closing.end(), text[opening.end():closing.start()].strip()
        position = closing.end()


def literal_html(text: str) -> str:
    """text with every ASCII sign an entity: neither Markdown nor HTML reads anything in it."""
    return "".join(char if char.isalnum() or char == " " or ord(char) > 127 else f"&#{ord(char)};" for char in text)


def code_html(code: str) -> str:
    return "<code>" + literal_html(code) + "</code>"


def escape_html(text: str) -> str:
    """Markdown that shows markup as text: nothing outside code spans becomes HTML or attributes."""
    parts, last = [], 0
    for start, end, code in code_spans(text):
        parts += [_escaped_markup(text[last:start]), code_html(code)]
        last = end
    return "".join(parts) + _escaped_markup(text[last:])


def browser_url(target: str) -> str:
    """A link target as the browser reads it: entities decoded, tabs and
    newlines dropped, leading spaces and control characters gone."""
    return _DROPPED_FROM_URLS.sub("", html.unescape(target)).lstrip(_LEADING_IGNORED)


def unsafe_scheme(target: str) -> str | None:
    """The scheme of a link target as the browser reads it, when it is not one a link may use."""
    scheme = _URL_SCHEME.match(browser_url(target))
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return scheme.group(1).lower()
    return None


def _blocked(match: re.Match) -> str:
    scheme = unsafe_scheme(match.group(3))
    if scheme is None:
        return match.group(0)
    rest = browser_url(match.group(3))[len(scheme) + 1:]
    return match.group(1) + match.group(2) + "#blocked-" + re.sub(r"[^\w()-]", "", rest)


def neutralise_links(text: str) -> str:
    """Point Markdown links whose scheme could run script (javascript:, data:) nowhere."""
    return _LINK_TARGET.sub(_blocked, text)


def markdown_escape(text: str) -> str:
    return neutralise_links(escape_html(one_line(text)))


def html_text(markdown: str) -> str:
    """Text escaped by markdown_escape, for places that MkDocs and the theme fill with
    HTML as it is (front matter, navigation): what the reader sees of it (code spans
    without their tags, entities decoded), escaped for elements and attributes."""
    return html.escape(html.unescape(_SHOWN_TAG.sub("", unmarked(one_line(markdown)))), quote=True)


def plain_text(markdown: str) -> str:
    """A content or catalog string as the reader reads it, for output that is not
    Markdown (the lookup command's text, the lookup page's textContent): code spans
    as their code, links as their text, emphasis marks dropped."""
    text = unmarked(one_line(markdown))
    parts, last = [], 0
    for start, end, code in code_spans(text):
        parts += [_unmarked(text[last:start]), code]
        last = end
    return "".join(parts) + _unmarked(text[last:])


def _unmarked(text: str) -> str:
    return _EMPHASIS.sub(r"\2", _INLINE_LINK.sub(r"\1", text))


def source_as_html(source: str) -> str:
    """html_text of a content or catalog string as written."""
    return html_text(markdown_escape(source))
