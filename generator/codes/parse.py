"""Parse what a user types into the lookup box into enhanced status codes.

One line of text is read with the lookup grammar below; anything longer (more
than one non-blank line: a pasted bounce) goes to generator.bounces.message.

Lookup grammar, tried in this order:

1. Compact: the whole query (apart from surrounding spaces and one leading
   ``#``) is 4 or 5 ASCII digits ``C S D..``: class C in 4/5, subject S in
   0-7 (the registered subjects, always one digit), and the rest is the detail,
   2 or 3 digits without a leading zero.  ``44316`` -> 4.4.316,
   ``5710`` -> 5.7.10, ``5726`` -> 5.7.26; ``57026`` is rejected (detail
   ``026`` has a leading zero), as is ``5700``.  Three digits are never compact:
   ``550`` is a basic reply code, not 5.5.0.  Six or more digits are rejected.
   Class 2 is not read compactly: ``2024`` is a year, not 2.0.24.  Compact
   codes are only read from a query that is nothing else, so numbers inside
   sentences (dates, counts) never become codes.
2. Dotted: every ``C.S.D`` with class 2/4/5/X (``x`` is upper-cased), subject
   and detail of 1-3 digits, optionally after ``#``, not glued to letters,
   digits or dots (``192.2.0.128`` and ``15.20.4.316`` yield nothing) and not
   after a version marker (``version 5.1.1``, ``Postfix/5.1.1``).  A class-2
   code counts only at the start of the query or right after a reply code
   (``2.1.5``, ``250 2.1.5``): elsewhere ``2.x.y`` is nearly always a version
   (``Mailman 2.1.15``).  A reply code right before the code (``450 4.4.316``,
   ``450-4.4.316``) is reported as ``reply``.

Full-width characters (``４．４．３１６``, as typed with a CJK input method) are
read as their ASCII forms.  Codes are normalized (``x.01.1`` -> ``X.1.1``) and
reported once each, in the order they first appear.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.bounces import message as bounce
from generator.bounces.pasted import decoded_message
from generator.codes.syntax import (
    NOT_GLUED_AFTER,
    NOT_GLUED_BEFORE,
    normalize,
    reply_before,
    version_before,
)

MAX_QUERY_BYTES = 4 * 1024 * 1024  # what the lookup reads at most: a bounce with its attachments is rarely over 1 MB

COMPACT_RE = re.compile(
    r"^\s*#?(?P<digits>(?P<cls>[45])(?P<subject>[0-7])(?P<detail>[1-9][0-9]{1,2}))\s*$"
)
DOTTED_RE = re.compile(
    rf"{NOT_GLUED_BEFORE}#?(?P<code>[245Xx]\.[0-9]{{1,3}}\.[0-9]{{1,3}}){NOT_GLUED_AFTER}"
)
FULLWIDTH_OFFSET = 0xFEE0
FULLWIDTH_ASCII = {code: code - FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F)}
FULLWIDTH_ASCII[0x3000] = ord(" ")  # ideographic space


@dataclass(frozen=True)
class Found:
    code: str
    reply: str | None
    # (start, end) of the code in the query, or None when it only occurs in an
    # encoded part of a pasted bounce (base64, HTML entities).
    span: tuple[int, int] | None


def parse_query(text: str) -> list[Found]:
    if is_bounce(text):
        return _bounce_codes(text)
    query = text.translate(FULLWIDTH_ASCII)
    compact = _compact_code(query)
    if compact:
        return [compact]
    return _unique(_dotted_codes(query))


def is_bounce(text: str) -> bool:
    return sum(1 for line in text.splitlines() if line.strip()) > 1


def _compact_code(query: str) -> Found | None:
    match = COMPACT_RE.match(query)
    if not match:
        return None
    code = ".".join(match.group("cls", "subject", "detail"))
    return Found(code=code, reply=None, span=match.span("digits"))


def _dotted_codes(query: str):
    text_starts = len(query) - len(query.lstrip())
    for match in DOTTED_RE.finditer(query):
        if _is_status(query, match, text_starts):
            yield _found(query, match)


def _is_status(query: str, match: re.Match, text_starts: int) -> bool:
    """text_starts: where the query's first non-blank character is."""
    if version_before(query, match.start()):
        return False
    if not match.group("code").startswith("2"):
        return True
    return match.start() <= text_starts or reply_before(query, match.start()) is not None


def _found(text: str, match: re.Match) -> Found:
    reply = reply_before(text, match.start())
    return Found(
        code=normalize(match.group("code")),
        reply=reply.group("reply") if reply else None,
        span=match.span("code"),
    )


def _bounce_codes(text: str) -> list[Found]:
    """The bounce extractor's codes, each with the span where it first stands in the text, and
    the reply code before it where it first stands after one in the text as the lookup page reads
    it (a base64 part decoded, a soft break joined), else none; found in one pass each: looking
    each code up anew took quadratic time."""
    spans: dict[str, tuple[int, int]] = {}
    for match in DOTTED_RE.finditer(text):
        spans.setdefault(normalize(match.group("code")), match.span("code"))
    decoded = decoded_message(text)
    replies: dict[str, str] = {}
    for match in DOTTED_RE.finditer(decoded):
        code = normalize(match.group("code"))
        if code not in replies and (reply := reply_before(decoded, match.start())):
            replies[code] = reply.group("reply")
    return [Found(code=code, reply=replies.get(code), span=spans.get(code)) for code in bounce.extract_codes(text)]


def _unique(found: Iterable[Found]) -> list[Found]:
    first_by_code: dict[str, Found] = {}
    for item in found:
        first_by_code.setdefault(item.code, item)
    return list(first_by_code.values())
