"""A DSN's per-recipient groups of fields (RFC 3464: Final-Recipient with its
Action, Status, Diagnostic-Code and Will-Retry-Until), read from the report's
text: its paragraphs, or one paragraph holding several groups when a paste
lost the blank lines between them.
"""
from __future__ import annotations

import re

from generator.bounces.address import ADDRESS_RE
from generator.bounces.report import RECIPIENT_FIELD_RE

FIELD_RE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)", re.MULTILINE)
# A multi-line reply that a field's value leaves open ("550-Requested action not taken: ...",
# no "550 " line after it), and a line that starts a field: where its unindented rest stops.
OPEN_REPLY_RE = re.compile(r"(?<![0-9.])([45][0-9][0-9])-")
FIELD_START_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*:")
OPEN_REPLY_LINES = 6
PARAGRAPH_SPLIT_RE = re.compile(r"\n[ \t]*\n")


def dsn_groups(body: str) -> list[dict]:
    groups = []
    for paragraph in PARAGRAPH_SPLIT_RE.split(body):
        if not RECIPIENT_FIELD_RE.search(paragraph):
            continue
        for fields in _field_groups(paragraph):
            if "final-recipient" in fields or "original-recipient" in fields:
                groups.append(_dsn_group(fields))
    return groups


def _field_groups(paragraph: str) -> list[dict[str, str]]:
    """The fields of a paragraph, a new group starting where a field of the current one
    comes again: the per-recipient fields of a DSN pasted without the blank lines between."""
    groups: list[dict[str, str]] = [{}]
    for match in FIELD_RE.finditer(paragraph):
        name = match.group(1).lower()
        if name in groups[-1]:
            groups.append({})
        value = match.group(2) + _open_reply_rest(paragraph, match.end(), match.group(2))
        groups[-1][name] = " ".join(value.split())
    return groups


def _open_reply_rest(paragraph: str, end: int, value: str) -> str:
    """The lines, indentation lost in a paste, that close a multi-line reply the value left
    open: up to the one with its last line's code ("550-..." then "... 550 For ...")."""
    opened = OPEN_REPLY_RE.search(value)
    if not opened:
        return ""
    last_line = re.compile(r"(?<![0-9.])%s " % opened.group(1))
    if last_line.search(value, opened.end()):
        return ""
    rest = []
    for line in paragraph[end + 1 :].split("\n")[:OPEN_REPLY_LINES] if end < len(paragraph) else []:
        if FIELD_START_RE.match(line):
            break
        rest.append(line)
        if last_line.search(line):
            return "\n" + "\n".join(rest)
    return ""


# Some MTAs write the remote server's reply in an extension field instead of Diagnostic-Code:
# "X-Supplementary-Info: <host #5.0.0 smtp; 550 5.4.1 ...>".
def _dsn_group(fields: dict[str, str]) -> dict:
    recipient = _address(fields.get("final-recipient", "")) or _address(fields.get("original-recipient", ""))
    return {
        "recipient": recipient,
        "action": fields.get("action", "").lower().split(" ")[0] if fields.get("action") else "",
        "status": fields.get("status", ""),
        "diagnosis": fields.get("diagnostic-code", "") or fields.get("x-supplementary-info", ""),
        "retry": fields.get("will-retry-until", ""),
    }


def _address(text: str) -> str | None:
    found = ADDRESS_RE.search(text)
    return found.group(0).lower() if found else None

