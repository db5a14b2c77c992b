"""SMTP enhanced status codes: the one place that knows their shape."""
from __future__ import annotations

import re
import unicodedata

# class.subject.detail (RFC 3463); class X is the registry's class-agnostic form.
CODE_PATTERN = r"[245X]\.[0-9]{1,3}\.[0-9]{1,3}"  # ASCII digits: other scripts' are folded by canonical()
CODE_RE = re.compile(rf"^{CODE_PATTERN}$")

CLASS_MEANING = {
    "2": "success",
    "4": "transient",
    "5": "permanent",
    "X": "any",
}


def is_code(text: str) -> bool:
    return bool(CODE_RE.match(text))


def code_class(code: str) -> str:
    return CLASS_MEANING[code[0]]


def agnostic(code: str) -> str:
    """`5.1.1` -> `X.1.1`: the registry entry that covers every class."""
    return "X" + code[1:]


def sort_key(code: str) -> tuple:
    cls, subject, detail = code.split(".")
    return (cls != "X", cls, int(subject), int(detail))


# Shared by the query parser and the bounce extractor.  Lookarounds are ASCII
# only, so "5.1.1은" (Korean particle) is still a code, and JavaScript's \b-free
# equivalents behave the same.
# A code is not glued to letters, digits or dots: "192.2.0.128" and
# "15.20.4.316" contain code-shaped pieces that are not codes.  A trailing
# sentence dot is fine.
NOT_GLUED_BEFORE = r"(?<![A-Za-z0-9_.])"
NOT_GLUED_AFTER = r"(?![A-Za-z0-9_]|\.[0-9])"
# The basic reply code right before a code: "550 5.1.1", "550-5.1.1",
# "550 #5.1.1"; `transcript` marks a server line of an SMTP session ("<<< 421").
# HTML bounces put a no-break space (&nbsp;) between the two.  Python's smtplib
# keeps the two apart in a tuple: "(553, b'5.1.3 ...')", "(501, '5.1.5 ...')".
REPLY_BEFORE_RE = re.compile(
    r"(?P<transcript><<<[ \t]*)?(?<![A-Za-z0-9_.])(?P<reply>[245][0-9][0-9])"
    r"(?:[ \t\u00a0-]+#?|-[ \t]*\n[> \t]*|(?<=\([245][0-9][0-9]), [bu]?['\"])$"
)
# "version 5.1.1", "v2.1.5", "Build 4.0.0", "Postfix/5.1.1": software versions.
VERSION_BEFORE_RE = re.compile(
    r"(?:\bv|\bver\.?|\bversion|\brelease|\bbuild|\brev\.?|[A-Za-z][\w-]*/)[ \t]*$",
    re.IGNORECASE | re.ASCII,  # as codes/syntax.js's: "펌웨어v5.1.2" is a version
)
# How far before a code to look for a reply code or a version marker.
LOOKBEHIND_CHARS = 40


def normalize(code: str) -> str:
    """`x.01.1` -> `X.1.1`: upper-case class, no leading zeros."""
    cls, subject, detail = code.split(".")
    return f"{cls.upper()}.{int(subject)}.{int(detail)}"


_LOOSE_CODE_RE = re.compile(r"^[245Xx]\.[0-9]{1,3}\.[0-9]{1,3}$")


def ascii_digits(text: str) -> str:
    """Every decimal digit of any script (Arabic-Indic ٣, Devanagari ३, ...) as its ASCII digit."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def canonical(text: str) -> str:
    """One code written another way (`4.04.316`, `x.4.316`, full-width
    `４．４．３１６`, Arabic-Indic `4.4.٣١٦`) in its one form; anything else unchanged."""
    folded = ascii_digits(unicodedata.normalize("NFKC", text)).strip()
    return normalize(folded) if _LOOSE_CODE_RE.match(folded) else text


def reply_before(text: str, start: int) -> re.Match | None:
    """The reply code that `text[start:]`'s code follows, if any."""
    window = text[max(0, start - LOOKBEHIND_CHARS) : start]
    before_hash = window.removesuffix("\n").rstrip("#")  # "$" also matches before a final line end
    before_gap = before_hash.rstrip(" \t\u00a0->\n")
    # Most codes follow no reply code, told apart here without the search, which tries every offset.
    in_tuple = before_hash[-1:] in ("'", '"')
    if not in_tuple and (len(before_gap) == len(before_hash) or before_gap[-3:-2] not in ("2", "4", "5")):
        return None
    return REPLY_BEFORE_RE.search(window)


def version_before(text: str, start: int) -> bool:
    window = text[max(0, start - LOOKBEHIND_CHARS) : start]
    last = window.removesuffix("\n").rstrip(" \t")[-1:]
    if not last or not (last.isalpha() or last in "/."):  # every marker ends so
        return False
    return bool(VERSION_BEFORE_RE.search(window))
