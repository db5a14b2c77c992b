"""Command options in running text (`--require-tls`, `-Port`, `Test-NetConnection`) kept on one line: a
browser may break a line after any hyphen, and on a phone an option broke into
`--require-` and `tls`. Each option in an inline code span is wrapped in an element that the
stylesheet keeps whole (.mfkb-option); the words between them still wrap. The element
is a <bdi>, which changes nothing else in left-to-right text, not a <span>: inside a
hidden English original (a span with data-search-exclude) a nested span would end
Material's search parser's exclusion early. Host names in the same spans: generator/site/hosts.py."""
from __future__ import annotations

import re

from generator.site.hosts import mark_hosts

HYPHEN = r"(?:-|&#45;)"
# A code span of running text (a block's is <pre><code ...>): entities, no tags inside.
INLINE_CODE = re.compile(r"(?<!<pre>)<code>([^<]*)</code>")
# An option: one or two hyphens at the start of a word, then a letter or digit, then more of them or
# hyphens; or a PowerShell cmdlet's Verb-Noun name (`Test-NetConnection`), which breaks at its hyphen too.
# A whole word only (`Diagnostic-Code:` is a field's name), an option with its value (`-type=a`).
OPTION = re.compile(rf"(?<!\S)(?:{HYPHEN}{{1,2}}[A-Za-z0-9](?:[A-Za-z0-9]|{HYPHEN})*(?:(?:=|&#61;)\S*)?|[A-Z][a-z]+{HYPHEN}[A-Z][A-Za-z]+)(?!\S)")
OPTION_TAG = '<bdi class="mfkb-option">'


def keep_options_whole(html: str) -> str:
    return INLINE_CODE.sub(lambda code: f"<code>{mark_hosts(code.group(1), options_whole)}</code>", html)


def options_whole(escaped: str) -> str:
    return OPTION.sub(wrapped, escaped)


def wrapped(option: re.Match) -> str:
    return f"{OPTION_TAG}{option.group(0)}</bdi>"
