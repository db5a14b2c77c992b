"""What an e-mail address looks like in a bounce's text.

bounces/address.js holds the same patterns (ADDRESS, ADDRESS_SEARCH, ADDRESS_LINE)."""
from __future__ import annotations

import re

from generator.bounces.ascii_words import ascii_compile

# A local part never starts with "*" or "`": "**a@b**" is an address in Markdown
# bold, "`a@b`" one in Markdown code.  Nor with a log's key: in "from=a@b to=c@d"
# (ZoneMTA's log, without Postfix's brackets) "from=" and "to=" name the fields.
LOG_KEY = r"(?:from|to|orig_to|id)="
# Nor with a quote or a brace: "{'a@b': (550, b'...')}" (Python's dict of refused
# recipients), "{u'a@b': ...}" (Python 2's, whose "u'" prefix is no local part either).
# The last label of the domain holds a letter: "python@3.9" in a stack trace's file
# path is no address (a host named by its IP address is written "[192.0.2.1]").
# RFC 5321 allows no "_" in a domain, yet people hiding theirs paste "user@your_domain.com":
# an "_" between the characters of a label other than the last is read ("_a@b.com_", an
# address in Markdown italics, still ends at ".com").
# RFC 6531 lets an address hold non-ASCII letters ("홍길동@예시.한국", "user@bücher.example"): these
# are the scripts' letters read (Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, Thai, Hangul, kana and
# CJK), not their punctuation (。「」、 and the ideographic space stand outside), in the Basic
# Multilingual Plane only, so that the page's pattern (no "u" flag) reads the same.
LATIN_LETTERS = r"\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF"
OTHER_LETTERS = (r"\u0370-\u037D\u037F-\u0386\u0388-\u03FF\u0400-\u052F\u05D0-\u05EA\u0620-\u064A"
                 r"\u0900-\u0963\u0966-\u0DFF\u0E01-\u0E4E\u1100-\u11FF\u3041-\u30FF\u3400-\u4DBF"
                 r"\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF")
LETTERS = LATIN_LETTERS + OTHER_LETTERS
# A domain's last label, its top-level domain, is of one script: ASCII ("com", read whole, so that no
# search tries each shorter run of its letters), Latin with accents, or another script's; so Korean's
# particles glued to an address ("a@b.com으로") are no part of it.  Of Hangul top-level domains only
# 한국 and 삼성 exist (IANA's root zone): one of them followed by more Hangul ends there ("a@b.한국에게").
TOP_LABEL = (r"(?:(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]+(?![A-Za-z0-9%s-])|[A-Za-z0-9-]*[%s][A-Za-z0-9%s-]*"
             r"|\uD55C\uAD6D|\uC0BC\uC131|[%s]+)" % (LATIN_LETTERS, LATIN_LETTERS, LATIN_LETTERS, OTHER_LETTERS))
# A local part of another script's letters holds no ASCII letter, and starts where that script's run of
# letters does: Chinese or Japanese prose written against an address ("无法发送到admin@example.com")
# is no part of it, while "用户@例子.广告" is one address.
# A local part runs to at most LOCAL_PART_CHARS characters (RFC 5321 allows 64): a search may start
# after each quote or "*" of a run such as "a'a'a'...", and unbounded, each start scanned the whole run.
LOCAL_PART_CHARS = 256
# Or it is quoted (RFC 5321's Quoted-string: '"john doe"@example.com', '"a@b"@example.com'): any printable
# ASCII but a quote or a backslash, or a backslash and the character it escapes, at most
# QUOTED_LOCAL_PART_CHARS (RFC 5321's 64); the closing quote stands right before the "@".
QUOTED_LOCAL_PART_CHARS = 64
QUOTED_LOCAL_PART = r'"(?:[ !#-\[\]-~]|\\[ -~]){1,%d}"' % QUOTED_LOCAL_PART_CHARS
LOCAL_PART = (r"(?:" + QUOTED_LOCAL_PART + r"|(?<![%s])[%s][%s0-9.!#$%%&'*+/=?^_`{|}~-]{0,%d}"
              r"|[A-Za-z0-9.!#$%%&+/=?^_|}~%s-][A-Za-z0-9.!#$%%&'*+/=?^_`{|}~%s-]{0,%d})"
              % (OTHER_LETTERS, OTHER_LETTERS, OTHER_LETTERS, LOCAL_PART_CHARS - 1,
                 LATIN_LETTERS, LATIN_LETTERS, LOCAL_PART_CHARS - 1))
ADDRESS = (r"(?!%s|[uUbB]')%s@[A-Za-z0-9%s-]+(?:_[A-Za-z0-9%s-]+)*(?:\.[A-Za-z0-9%s-]+(?:_[A-Za-z0-9%s-]+)*)*\.%s"
           % (LOG_KEY, LOCAL_PART, LETTERS, LETTERS, LETTERS, LETTERS, TOP_LABEL))
# Searched for only where a local part can start (or right after a log's key):
# without the lookbehind a long run of letters would be scanned again from each
# of its characters.
ADDRESS_RE = ascii_compile(r"(?<![A-Za-z0-9.!#$%%&+/?^_|}~%s-])(?:(?<!=)|(?<=\bfrom=)|(?<=\bto=)|(?<=\borig_to=)|(?<=\bid=))"
                           % LATIN_LETTERS + ADDRESS)
# A line that holds an address alone, perhaps in angle brackets (its group).
ADDRESS_LINE = r"[ \t]*<?(%s)>?[ \t]*" % ADDRESS
