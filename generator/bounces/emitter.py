"""What a text says about the server behind one of its codes: the lines the
code stands in, and the host names that may have emitted it.

Vendor meanings (content: an entry's `meanings`) are chosen from this
evidence by generator.bounces.meanings; the lookup page's script reads a text
the same way (site_overrides/assets/javascripts/bounces/emitter.js, `TextEvidence`), and
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

import re
from dataclasses import dataclass

from generator.bounces.ascii_words import ascii_compile
from generator.bounces.pasted import decoded_message
from generator.codes.syntax import NOT_GLUED_AFTER, NOT_GLUED_BEFORE, normalize

# A host name: dotted labels ending in a letters-only top-level label (so no IP address).
HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![A-Za-z0-9-])"
# A server the code's lines name ("host X[ip] said", "server X", across a fold), else a name in
# brackets ("[BN6PR03CA0021.namprd03.prod.outlook.com]"), which replies also use to quote a domain.
NAMED_HOST_RE = ascii_compile(rf"\b(?:host|server)\s+(?P<host>{HOST})", re.IGNORECASE)
BRACKETED_HOST_RE = re.compile(rf"\[(?P<host>{HOST})", re.IGNORECASE)
REMOTE_MTA_RE = re.compile(rf"^Remote-MTA:[ \t]*(?:dns;[ \t]*)?(?P<host>{HOST})", re.IGNORECASE | re.MULTILINE)
REPORTING_MTA_RE = re.compile(
    rf"^(?:Reporting-MTA:[ \t]*(?:dns;[ \t]*)?|Generating server:[ \t]*)(?P<host>{HOST})", re.IGNORECASE | re.MULTILINE
)
STATUS_RE = re.compile(rf"{NOT_GLUED_BEFORE}#?(?P<code>[245]\.[0-9]{{1,3}}\.[0-9]{{1,3}}){NOT_GLUED_AFTER}")
LOGICAL_LINE_RE = re.compile(r"[^\n]*(?:\n[ \t][^\n]*)*")
SPACES_RE = re.compile(r"\s+")

# Where a host was named, most specific first.
HOST_TIERS = ("reply", "remote-mta", "reporting-mta")


@dataclass(frozen=True)
class CodeEvidence:
    lines: str                           # the code's logical lines, whitespace collapsed
    hosts: tuple[str, ...] = ()          # host names of the first tier that names any, lower case
    where: str | None = None             # that tier: reply, remote-mta or reporting-mta


class TextEvidence:
    """The evidence of one text, read once, for any of its codes."""

    def __init__(self, text: str):
        self.text = decoded_message(text)  # as the lookup page reads it
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
