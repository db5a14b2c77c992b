"""SMTP enhanced status codes: the one place that knows their shape."""
from __future__ import annotations

import re

# class.subject.detail (RFC 3463); class X is the registry's class-agnostic form.
CODE_PATTERN = r"[245X]\.\d{1,3}\.\d{1,3}"
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
