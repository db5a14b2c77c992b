"""\\b, \\w and \\d as the lookup page's scripts read them: ASCII only.

The page compiles its patterns without the u flag, and even with it JavaScript's \\b and \\w know ASCII
only; Python's know every script's letters.  Korean glues its particles to a word ("user unknown입니다",
"SPF가", "(user unknown)은") and a paste may glue a word to an accented or Japanese letter: read with
Python's, "\\bunknown\\b" would not match there while the page's does.  Every pattern Python shares with
the page (rules.json's, and those of generator/bounces/*.py that have a twin in the page's scripts) is
compiled through ascii_words, so both sides read word boundaries alike; case folding stays Python's
(bench/rule_parity.py counts what still differs).
"""
from __future__ import annotations

import re

ASCII_ESCAPES = {"\\b", "\\B", "\\w", "\\W", "\\d", "\\D"}
ASCII_GROUP_RE = re.compile(r"\(\?a:(\\[bBwWdD])\)")


def ascii_words(pattern: str) -> str:
    """The pattern with each \\b, \\B, \\w, \\W, \\d and \\D outside a character class ASCII only."""
    out, in_class, at = [], False, 0
    while at < len(pattern):
        token = pattern[at:at + 2] if pattern[at] == "\\" else pattern[at]
        at += len(token)
        if token in ("[", "]"):
            in_class = token == "["
        out.append(f"(?a:{token})" if not in_class and token in ASCII_ESCAPES else token)
    return "".join(out)


def as_written(pattern: str) -> str:
    """A compiled pattern's text as it was written, which the page's script compiles: ascii_words undone."""
    return ASCII_GROUP_RE.sub(r"\1", pattern)


def ascii_compile(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(ascii_words(pattern), flags)
