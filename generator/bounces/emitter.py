"""What a text says about the server behind one of its codes: the lines the
code stands in, and the host names that may have emitted it.

Vendor meanings (content: an entry's `meanings`) are chosen from this
evidence by generator.bounces.meanings; the lookup page's script reads a text
the same way (site_overrides/assets/javascripts/lookup.js, `evidenceFor`), and
generator/data/meaning_vectors.json holds the cases both must agree on.

- The code's lines: every logical line that holds the code as a status (a
  line and the indented lines that continue it, as folded header fields and
  Postfix's wrapped replies are written), whitespace collapsed, so a reply
  pattern matches across a fold.
- Hosts, most specific first; the first tier that names any host is the one
  used: (1) hosts named in the code's own lines (`host smtp.office365.com
  [52.96.0.1] said`, `server ...`; else a name in brackets, `[BN6PR03CA0021.
  namprd03.prod.outlook.com]`, as replies also quote a domain so), (2)
  `Remote-MTA` (the server that answered), (3) `Reporting-MTA` and
  Exchange's `Generating server` (the server that wrote the report).  An
  Exchange Online NDR that relays Gmail's rejection is thus judged by Gmail's
  host, not by the Exchange server that wrote it.
"""
from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from generator.bounces.message import UNDECLARED_SOFT_BREAK_RE
from generator.codes.syntax import NOT_GLUED_AFTER, NOT_GLUED_BEFORE, normalize

# A host name: dotted labels ending in a letters-only top-level label (so no IP address).
HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![A-Za-z0-9-])"
# A server the code's lines name ("host X[ip] said", "server X", across a fold), else a name in
# brackets ("[BN6PR03CA0021.namprd03.prod.outlook.com]"), which replies also use to quote a domain.
NAMED_HOST_RE = re.compile(rf"\b(?:host|server)\s+(?P<host>{HOST})", re.IGNORECASE)
BRACKETED_HOST_RE = re.compile(rf"\[(?P<host>{HOST})", re.IGNORECASE)
REMOTE_MTA_RE = re.compile(rf"^Remote-MTA:[ \t]*(?:dns;[ \t]*)?(?P<host>{HOST})", re.IGNORECASE | re.MULTILINE)
REPORTING_MTA_RE = re.compile(
    rf"^(?:Reporting-MTA:[ \t]*(?:dns;[ \t]*)?|Generating server:[ \t]*)(?P<host>{HOST})", re.IGNORECASE | re.MULTILINE
)
STATUS_RE = re.compile(rf"{NOT_GLUED_BEFORE}#?(?P<code>[245]\.[0-9]{{1,3}}\.[0-9]{{1,3}}){NOT_GLUED_AFTER}")
# A part's header fields (mime.js): where one declares base64, its text type and charset.
HEADER_LINE_RE = re.compile(r"^[A-Za-z][\w-]*:")
BASE64_DECLARED_RE = re.compile(r"^Content-Transfer-Encoding:[ \t]*base64[ \t]*$", re.IGNORECASE | re.MULTILINE)
CONTENT_TYPE_RE = re.compile(r"^Content-Type:[ \t]*([^;\s]+)", re.IGNORECASE | re.MULTILINE)
TEXT_TYPES_RE = re.compile(r"(?:text|message)/", re.IGNORECASE)
CHARSET_RE = re.compile(r"\bcharset[ \t]*=[ \t]*[\"']?([^\"';\s]+)", re.IGNORECASE)
BOUNDARY_RE = re.compile(r"\bboundary[ \t]*=[ \t]*(?:\"([^\"]+)\"|([^;\s]+))", re.IGNORECASE)
BASE64_LINE_RE = re.compile(r"[A-Za-z0-9+/]+=*[ \t]*$")
MAX_HEADER_LINES = 1000
QP_SOFT_BREAK_RE = re.compile(r"=\r?\n")
QP_ESCAPE_RE = re.compile(r"=([0-9A-F]{2})")
QP_DECLARED_RE = re.compile(r"Content-Transfer-Encoding:[ \t]*quoted-printable", re.IGNORECASE)
LOGICAL_LINE_RE = re.compile(r"[^\n]*(?:\n[ \t][^\n]*)*")
SPACES_RE = re.compile(r"\s+")

# Where a host was named, most specific first.
HOST_TIERS = ("reply", "remote-mta", "reporting-mta")


@dataclass(frozen=True)
class CodeEvidence:
    lines: str                           # the code's logical lines, whitespace collapsed
    hosts: tuple[str, ...] = ()          # host names of the first tier that names any, lower case
    where: str | None = None             # that tier: reply, remote-mta or reporting-mta


def readable(text: str) -> str:
    """The text as a reader sees it: LF line ends, a text part in base64 decoded,
    quoted-printable soft breaks joined and its escapes decoded when the text says
    it is quoted-printable (as the lookup page reads a pasted message)."""
    text = _base64_parts_decoded(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not QP_DECLARED_RE.search(text):
        return UNDECLARED_SOFT_BREAK_RE.sub(r"\1", text)
    return QP_ESCAPE_RE.sub(lambda match: chr(int(match.group(1), 16)), QP_SOFT_BREAK_RE.sub("", text))


def _base64_parts_decoded(text: str) -> str:
    """Each text part that declares base64 as the text it holds, its header then saying
    8bit (mime.js decodeMessage): a part's header block starts the text, follows a blank
    line or a boundary, and its body runs to a boundary or the first line not base64."""
    lines = text.split("\n")
    boundaries = {"--" + (found.group(1) or found.group(2)) for found in BOUNDARY_RE.finditer(text)}
    out, at, scanned = [], 0, [0]
    while at < len(lines):
        starts = at == 0 or (at == 1 and lines[0].startswith("From ")) or not lines[at - 1].strip() \
            or _is_boundary(lines[at - 1], boundaries)
        block = _header_block(lines, at, scanned) if starts else None
        if not block or not BASE64_DECLARED_RE.search(block[1]) or not _text_type(block[1]):
            out.append(lines[at])
            at += 1
            continue
        end = block[0] + 1
        while end < len(lines) and not _is_boundary(lines[end], boundaries) and BASE64_LINE_RE.match(lines[end]):
            end += 1
        try:
            data = base64.b64decode(_padded("".join("".join(lines[block[0] + 1 : end]).split())))
        except (binascii.Error, ValueError):
            out.extend(lines[at:end])
        else:
            out += [BASE64_DECLARED_RE.sub("Content-Transfer-Encoding: 8bit", block[1]), "",
                    _as_text(data, _charset(block[1]))]
        at = end
    return "\n".join(out)


def _header_block(lines: list[str], start: int, scanned: list[int]) -> tuple[int, str] | None:
    """The header block at lines[start], as (the index of the blank line after it, its text).
    scanned[0] is where the header-like lines a previous call read end: a later start before
    it ends there too, without reading them again (mime.js headerBlock)."""
    if not HEADER_LINE_RE.match(lines[start]):
        return None
    end = scanned[0] if start < scanned[0] else start + 1
    while end < len(lines) and (HEADER_LINE_RE.match(lines[end]) or lines[end][:1] in (" ", "\t")):
        end += 1
    scanned[0] = end
    if end >= len(lines) or lines[end].strip() or end - start > MAX_HEADER_LINES:
        return None
    return end, "\n".join(lines[start:end])


def _is_boundary(line: str, boundaries: set[str]) -> bool:
    trimmed = line.rstrip(" \t")
    return trimmed in boundaries or trimmed.removesuffix("--") in boundaries


def _charset(header: str) -> str:
    """The charset its Content-Type names; UTF-8 without one."""
    declared = CONTENT_TYPE_RE.search(header)
    charset = CHARSET_RE.search(header, declared.start()) if declared else None
    return charset.group(1) if charset else "utf-8"


def _text_type(header: str) -> bool:
    declared = CONTENT_TYPE_RE.search(header)
    return not declared or bool(TEXT_TYPES_RE.match(declared.group(1)))


def _padded(data: str) -> str:
    """Base64 without its "=" padding, as a browser's atob() takes it."""
    return data + "=" * (-len(data) % 4) if len(data) % 4 != 1 else data


def _as_text(data: bytes, charset: str) -> str:
    try:
        text = data.decode(charset, errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TextEvidence:
    """The evidence of one text, read once, for any of its codes."""

    def __init__(self, text: str):
        self.text = readable(text)
        self.logical_lines = [match.group(0) for match in LOGICAL_LINE_RE.finditer(self.text) if match.group(0)]
        self.report_hosts = {
            "remote-mta": _hosts(REMOTE_MTA_RE, self.text),
            "reporting-mta": _hosts(REPORTING_MTA_RE, self.text),
        }

    def code_lines(self, code: str) -> list[str]:
        return [line for line in self.logical_lines if _holds(line, code)]

    def for_code(self, code: str) -> CodeEvidence:
        lines = self.code_lines(code)
        said = "\n".join(lines)
        tiers = {"reply": _hosts(NAMED_HOST_RE, said) or _hosts(BRACKETED_HOST_RE, said), **self.report_hosts}
        where = next((tier for tier in HOST_TIERS if tiers[tier]), None)
        joined = SPACES_RE.sub(" ", " ".join(lines)).strip()
        return CodeEvidence(joined, tuple(tiers[where]) if where else (), where)


def _holds(line: str, code: str) -> bool:
    return any(normalize(match.group("code")) == code for match in STATUS_RE.finditer(line))


def _hosts(pattern: re.Pattern, text: str) -> list[str]:
    return list(dict.fromkeys(match.group("host").lower() for match in pattern.finditer(text)))
