"""A pasted message as one text, decoded as the lookup page decodes it
(site_overrides/assets/javascripts/bounces/pasted.js decodeMessage), line for line.

A header block's Received fields that a copy lost the folding of are refolded.
Each text part that declares base64 or quoted-printable becomes its text in its
charset, its header then saying 8bit; a part already decoded (a mail program's
view under the raw header) stays as it is; attachments stay as they are; what
follows the closing boundary of the message's own multipart (an epilogue: the
next message of an mbox file) is left out.  A line ending in "=" continues on
the next (a quoted-printable soft break, pasted without its part's header) only
in text whose encoding no header declares, as the MIME parser reads it
(message.py): not in a header block, a part that declares 7bit or 8bit, or a
delivery-status part.  The text that emitter.py reads a code's evidence from.
"""
from __future__ import annotations

import base64
import binascii
import re

from generator.bounces.ascii_words import ascii_compile
from generator.bounces.message import as_text, refolded

HEADER_LINE_RE = re.compile(r"^[A-Za-z][\w-]*:", re.ASCII)
ENCODING_RE = re.compile(r"^Content-Transfer-Encoding:[ \t]*(base64|quoted-printable)[ \t]*$",
                         re.IGNORECASE | re.MULTILINE)
DECLARED_RE = re.compile(r"^Content-Transfer-Encoding:", re.IGNORECASE | re.MULTILINE)
CONTENT_TYPE_RE = re.compile(r"^Content-Type:[ \t]*([^;\s]+)", re.IGNORECASE | re.MULTILINE)
TEXT_TYPES_RE = re.compile(r"(?:text|message)/", re.IGNORECASE)
DELIVERY_STATUS_RE = re.compile(r"message/(?:global-)?delivery-status$", re.IGNORECASE)
EMBEDDED_RE = re.compile(r"message/(?:rfc822|global)$", re.IGNORECASE)
CHARSET_RE = ascii_compile(r"\bcharset[ \t]*=[ \t]*[\"']?([^\"';\s]+)", re.IGNORECASE)
BOUNDARY_RE = ascii_compile(r"\bboundary[ \t]*=[ \t]*(?:\"([^\"]+)\"|([^;\s]+))", re.IGNORECASE)
BASE64_LINE_RE = re.compile(r"[A-Za-z0-9+/]+=*[ \t]*$")
# A line a quoted-printable encoder could have ended with a soft break (RFC 2045, 6.7).
QP_LINE_RE = re.compile(r"[\t\x20-\x7e]{0,75}=$")
QP_SOFT_BREAK_RE = re.compile(r"=[ \t]*\n")
QP_ESCAPE_RE = re.compile(rb"=([0-9A-Fa-f]{2})")
# The most lines a header block may hold (pasted.js MAX_HEADER_LINES).
MAX_HEADER_LINES = 1000


def decoded_message(text: str) -> str:
    lines = _without_epilogue(refolded(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"))
    boundaries = {"--" + (found.group(1) or found.group(2)) for line in lines for found in BOUNDARY_RE.finditer(line)}
    longest = max(map(len, boundaries), default=0)
    out, carry, carried, at, scanned = [], [], 0, 0, [0]
    # joins: whether the text at hand may hold soft breaks; body_at: where the last part's text
    # starts; embeds: whether that part is a message, whose own header block comes first.
    joins, body_at, embeds = True, 0, False
    while at < len(lines):
        part_start = at == 0 or (at == 1 and lines[0].startswith("From ")) or (
            at > 0 and _is_boundary(lines[at - 1], boundaries))
        block = _header_block(lines, at, scanned) if part_start or not lines[at - 1].strip() else None
        encoding = block and ENCODING_RE.search(block[1])
        declared = block and CONTENT_TYPE_RE.search(block[1])
        kind = declared.group(1) if declared else ""
        if not encoding or (declared and not TEXT_TYPES_RE.match(kind)):
            piece = lines[at]
            if block and (part_start or (embeds and at == body_at)):
                joins = not DECLARED_RE.search(block[1]) and not DELIVERY_STATUS_RE.match(kind)
                embeds = bool(EMBEDDED_RE.match(kind))
                body_at = block[0] + 1
            elif not carried and _is_boundary(piece, boundaries):
                joins, embeds = True, False
            # a boundary line is short: a longer joined line is none
            boundary = carried + len(piece) <= longest + 2 and _is_boundary("".join(carry) + piece, boundaries)
            if joins and at >= body_at and QP_LINE_RE.match(piece) and at + 1 < len(lines) and not boundary:
                carry.append(piece[:-1])
                carried += len(piece) - 1
            else:
                out.append("".join(carry) + piece)
                carry, carried = [], 0
            at += 1
            continue
        name = encoding.group(1).lower()
        end = _body_end(lines, block[0] + 1, name, boundaries)
        body = "\n".join(lines[block[0] + 1:end])
        try:
            data = _base64_bytes(body) if name == "base64" else _quoted_printable_bytes(body)
        except (binascii.Error, ValueError):
            out.extend(lines[at:end])
        else:
            out += [ENCODING_RE.sub("Content-Transfer-Encoding: 8bit", block[1]), "", _as_text(data, _charset(block[1]))]
        joins = embeds = False
        at = end
    if carried:
        out.append("".join(carry))
    return "\n".join(out)


def _without_epilogue(lines: list[str]) -> list[str]:
    """What follows the closing boundary of the message's own multipart is not part of it."""
    block = _header_block(lines, 1 if lines[0].startswith("From ") else 0, [0])
    declared = block and CONTENT_TYPE_RE.search(block[1])
    if not declared or not declared.group(1).lower().startswith("multipart/"):
        return lines
    boundary = BOUNDARY_RE.search(block[1], declared.start())
    if not boundary:
        return lines
    closing = "--" + (boundary.group(1) or boundary.group(2)) + "--"
    for index in range(block[0], len(lines)):
        if lines[index].rstrip(" \t") == closing:
            return lines[:index + 1]
    return lines


def _header_block(lines: list[str], start: int, scanned: list[int]) -> tuple[int, str] | None:
    """The header block at lines[start], as (the index of the blank line after it, its text).
    scanned[0] is where the header-like lines a previous call read end: a later start before
    it ends there too, without reading them again (pasted.js headerBlock)."""
    if start >= len(lines) or not HEADER_LINE_RE.match(lines[start]):
        return None
    end = scanned[0] if start < scanned[0] else start + 1
    while end < len(lines) and (HEADER_LINE_RE.match(lines[end]) or lines[end][:1] in (" ", "\t")):
        end += 1
    scanned[0] = end
    if end >= len(lines) or lines[end].strip() or end - start > MAX_HEADER_LINES:
        return None
    return end, "\n".join(lines[start:end])


def _body_end(lines: list[str], start: int, encoding: str, boundaries: set[str]) -> int:
    """At the next boundary line, and for base64 also at the first line that is not base64."""
    end = start
    while end < len(lines) and not _is_boundary(lines[end], boundaries):
        if encoding == "base64" and not BASE64_LINE_RE.match(lines[end]):
            break
        end += 1
    return end


def _is_boundary(line: str, boundaries: set[str]) -> bool:
    trimmed = line.rstrip(" \t")
    return trimmed in boundaries or trimmed.removesuffix("--") in boundaries


def _base64_bytes(body: str) -> bytes:
    data = "".join(body.split())
    # without its "=" padding, as a browser's atob() takes it
    return base64.b64decode(data + "=" * (-len(data) % 4) if len(data) % 4 != 1 else data)


def _quoted_printable_bytes(body: str) -> bytes:
    """The bytes; ValueError (UnicodeEncodeError) for a character past U+00FF: text already decoded."""
    joined = QP_SOFT_BREAK_RE.sub("", body).encode("latin-1")
    return QP_ESCAPE_RE.sub(lambda found: bytes([int(found.group(1), 16)]), joined)


def _charset(header: str) -> str:
    """The charset its Content-Type names; UTF-8 without one."""
    declared = CONTENT_TYPE_RE.search(header)
    charset = CHARSET_RE.search(header, declared.start()) if declared else None
    return charset.group(1) if charset else "utf-8"


def _as_text(data: bytes, charset: str) -> str:
    return as_text(data, charset).replace("\r\n", "\n").replace("\r", "\n")
