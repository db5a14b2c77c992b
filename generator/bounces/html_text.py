"""HTML in a bounce read as text: a bounce's HTML part, or HTML pasted as text (a web mail's source,
an issue tracker's export).  Its tags go, a recipient's <a@b> stays, entities are read as a
browser reads them.  generator.bounces.message reads each such part so; the lookup page reads
a paste alike (site_overrides/assets/javascripts/bounces/html_text.js).
"""
from __future__ import annotations

import html
import re

from generator.bounces.ascii_words import ascii_compile

# A text part that is HTML pasted as text (a web mail's source, an issue tracker's export): it
# holds a tag of a page's body, or a link ("<a href=...>", not "<a@b>").
PASTED_HTML_RE = ascii_compile(r"<(?:html|body|p|div|br|table|td)\b|<a\s+href=", re.IGNORECASE)
# HTML's tags start with a letter, "/" or "!" ("<421 4.4.2 ...>" is a reply, as a browser shows it);
# stops at the next "<" so that unclosed tags cannot make it quadratic.
TAG_RE = re.compile(r"<[A-Za-z/!][^<>]*>")
# A recipient's <a@b> in HTML is no tag (bounces/html_text.js partHtmlAsText): an "@" after its first
# character and before its last.  The first such "@" is sought: "<a@a@a@..." unclosed took time in
# the square of its length when every "@" was tried.
BRACKETED_ADDRESS_RE = re.compile(r"<([^<>\s][^<>\s@]*@[^<>\s]+)>")
ENTITY_RE = re.compile(r"&(?:#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);", re.IGNORECASE)


def html_as_text(markup: str) -> str:
    """An HTML part, or HTML pasted as text, as the lookup page reads it (bounces/html_text.js partHtmlAsText):
    its tags go, a recipient's <a@b> stays, entities are read."""
    protected = BRACKETED_ADDRESS_RE.sub(r"&lt;\1&gt;", markup)
    return ENTITY_RE.sub(_entity, TAG_RE.sub(" ", protected))


def _entity(match: re.Match) -> str:
    """A name as a browser reads it (HTML5's); a number as the character it names, U+FFFD for none
    (past U+10FFFF, a surrogate, NUL), as bounces/html_text.js entityText reads them."""
    entity = match.group(0)
    if entity[1] != "#":
        return html.unescape(entity)
    code = int(entity[3:-1], 16) if entity[2] in "xX" else int(entity[2:-1])
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
