"""English inside a page in another language, marked `lang="en"` (WCAG 3.1.2, language of parts):
a screen reader reads a Korean page with Korean rules, and English under them is noise.

The inline code of a translated page is nearly always English: a server's reply quoted as it
wrote it (`Service not available`), a field or a product's setting, a reason's name and the
names other tools give it. This marks each code span whose letters are all Latin; one with
letters of another script (a Korean example) keeps the page's language. Code blocks
(`<pre><code>`: commands and their output) are left as they are. The templates mark the other
English they print (a source's title, generator/templates/entry.md.j2 and reason.md.j2, on a page
of another language only: render.py's `foreign_english` test), the lookup page its answer's quotes
(site_overrides/assets/javascripts/lookup-why.js, english()), and the content its English runs
inside translated sentences (`[**Mail flow**]{lang=en}`: generator/content/escaping.py)."""
from __future__ import annotations

import html
import re

# A code span of running text, with what options.py and hosts.py put inside it (<bdi>, <wbr>).
INLINE_CODE = re.compile(r"(?<!<pre>)<code>(.*?)</code>", re.S)
TAG = re.compile(r"<[^>]*>")
LATIN_END = 0x024F  # Basic Latin to Latin Extended-B


def is_english(text: str) -> bool:
    """Some ASCII letters and no letter of another script."""
    return any("a" <= char.lower() <= "z" for char in text) and not any(
        char.isalpha() and ord(char) > LATIN_END for char in text)


def mark_english_code(page_html: str) -> str:
    def marked(code: re.Match) -> str:
        if not is_english(html.unescape(TAG.sub("", code.group(1)))):
            return code.group(0)
        return f'<code lang="en">{code.group(1)}</code>'

    return INLINE_CODE.sub(marked, page_html)
