"""What markup content and translations may hold.

Text is Markdown: **bold**, `code`, [text](https://...). Raw HTML is not:
a tag outside a code span is refused in content (validate.py) and in a
translation that adds one (checkers.py); whatever slips through is still shown
as text (escaping.py). Angle brackets that form no tag (`a < b`,
`<user@example.com>`, `RCPT TO:<>`) are plain text. Links and autolinks may
point to http:, https: and mailto: addresses, or within the site. English kept as
written in every translation is marked `[text]{lang=en}` (escaping.py); any other
attribute list after brackets would be shown as written, so it is refused.
"""
from __future__ import annotations

import re

from generator.content.escaping import ENGLISH_RUN, code_spans

_NAME = r"[A-Za-z][A-Za-z0-9-]*"
_ATTRIBUTE = r"""\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
# CommonMark's raw HTML: open and closing tags, comments, processing
# instructions, declarations and CDATA.
_HTML = re.compile(
    rf"<{_NAME}(?:{_ATTRIBUTE})*\s*/?>|</{_NAME}\s*>|<!--.*?-->|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>",
    re.S,
)
# An inline link's target (with balanced parentheses, as Markdown reads it), a
# reference definition's, an autolink. Only a space or a line break ends a
# target: the browser drops a tab inside one (java\tscript:).
_LINK = re.compile(
    r"\]\([ \n]*(?:<([^>\n]*)>|((?:[^ \n()]|\([^ \n()]*\))+))"
    r"|^[ \t]*\[[^\]\n]+\]:[ \t]*<?([^\s>]+)"
    r"|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>",
    re.M,
)


def outside_code(text: str) -> str:
    """text with its code spans blanked: what Markdown reads as markup."""
    parts, last = [], 0
    for start, end, _code in code_spans(text):
        parts.append(text[last:start])
        last = end
    return " ".join(parts + [text[last:]])


def html_tags(text: str) -> list[str]:
    """The raw HTML in text, outside code spans."""
    if "<" not in text:  # most strings: no need to look for code spans
        return []
    return _HTML.findall(outside_code(text))


def link_targets(text: str) -> list[str]:
    """Where text's Markdown links and autolinks point, outside code spans."""
    if "]" not in text and "<" not in text:  # most strings: no link of any kind
        return []
    return [next(part for part in match.groups() if part is not None) for match in _LINK.finditer(outside_code(text))]


# Brackets followed by an attribute list: what a writer means as a mark.
_MARK = re.compile(r"\]\{[^}\n]*\}?")


def broken_marks(text: str) -> list[str]:
    """Attribute lists after brackets, outside code spans, that mark no English run
    (`[x]{lang=ko}`, `[x]{lang="en"}`, `[`code`]{lang=en}`)."""
    if "]{" not in text:
        return []
    parts, last = [], 0
    for start, end, _code in code_spans(text):  # each code span a backtick: a run holds none
        parts += [text[last:start], "`"]
        last = end
    return _MARK.findall(ENGLISH_RUN.sub("", "".join(parts) + text[last:]))
