"""Find the SMTP enhanced status codes in a whole bounce message (an NDR).

The message is parsed with the standard library's MIME parser, every part is
decoded (quoted-printable, base64, charsets, HTML), and each code found gets a
rank from where it sits.  Codes come back best rank first, then in reading
order, without duplicates.

Ranking, from most to least relevant:

1. What the remote server said, per recipient: ``Diagnostic-Code:`` fields,
   in recipient order.
2. What the remote server said in an SMTP transcript (``<<< 421 4.7.0``),
   which may list recipients in another order.
3. ``Status:`` fields: the reporting MTA's verdict for one recipient.
4. A code right after a reply code in the report's prose (``said: 550 5.1.1``,
   ``550-5.7.26``); prose also holds the MTA's own summary lines, which
   restate rather than refine the structured fields.
5. Any other code in the report's prose.
6. Generic codes: a ``Status: X.0.0`` says nothing beyond the class when a
   more specific code sits beside it, and ``X.4.7`` (delivery time expired)
   anywhere wraps the real last error.  A server's own ``550 5.0.0`` is not
   demoted: it is what the server chose to say.
7. A code in prose without status context: after an ordinary word
   ("firmware 5.1.2", "section 5.3.4"), where a status stands after a reply
   code, a `#`, a bracket, a colon, a word such as "status", "code" or "DSN",
   or at the start of a line.
8. Anything inside the returned original message, which is not the report.
   A message nested inside the original (a forwarded bounce) ranks lower again,
   so a wrapper with no codes of its own yields the inner report's codes.

When the report itself (outside the returned message) holds a code in status
context, the codes of 7 and 8 are not reported at all: the original's headers
(`X-Mailer: ... 5.2.1`) and numbers in prose are not what the bounce says.

Never reported: codes embedded in longer dotted numbers (IP addresses, build
numbers such as ``15.20.4.316``), message headers other than DSN fields
(Received lines hold IDs, versions and dates), version numbers
(``Mailman 2.1.15``), and success codes (class 2) outside the DSN fields,
which in prose are SMTP transcript lines such as ``250 2.0.0 Ok``.
"""
from __future__ import annotations

import bisect
import codecs
import email
import email.message
import re
from dataclasses import dataclass
from email.errors import MissingHeaderBodySeparatorDefect
from enum import IntEnum

from generator.bounces.ascii_words import ascii_compile
from generator.bounces.html_text import PASTED_HTML_RE, html_as_text
from generator.codes.syntax import (
    LOOKBEHIND_CHARS,
    NOT_GLUED_AFTER,
    NOT_GLUED_BEFORE,
    normalize,
    reply_before,
    version_before,
)

# Codes in bounces use the registered subjects 0-7; the wider syntax of
# codes.CODE_PATTERN would also accept dates such as 4.12.15.
BOUNCE_CODE_RE = re.compile(
    rf"{NOT_GLUED_BEFORE}#?(?P<code>[245]\.[0-7]\.[0-9]{{1,3}}){NOT_GLUED_AFTER}"
)

# A `Name: value` field with its folded continuation lines.
FIELD_RE = re.compile(r"^(?P<name>[A-Za-z][\w-]*):[^\n]*(?:\n[ \t][^\n]*)*", re.MULTILINE | re.ASCII)
DIAGNOSTIC_FIELDS = {"diagnostic-code"}
STATUS_FIELDS = {"status"}
DSN_FIELDS = DIAGNOSTIC_FIELDS | STATUS_FIELDS
# RFC 3464 and its internationalized form (RFC 6533).
DELIVERY_STATUS_TYPES = {"message/delivery-status", "message/global-delivery-status"}
HEADER_ONLY_TYPES = {"text/rfc822-headers", "message/global-headers"}
# Attachments whose decoded bytes are not prose.  A multipart whose boundary
# the parser could not find is still text, so only these are skipped.
BINARY_MAINTYPES = {"application", "audio", "font", "image", "model", "video"}
# The start of the returned message inside a plain-text part: two header lines
# in a row, the first of them a typical first header of a message.  "From:"
# then "Sent:" is Outlook's view of a message pasted with its header lines (a
# copied bounce), not a returned message's header.
ORIGINAL_HEADERS_RE = re.compile(
    r"^(?:Return-Path|Received|Message-ID|DKIM-Signature|MIME-Version|From|Date(?=:[ \t]*(?:[A-Za-z]{3},[ \t]*)?[0-9]{1,2}[ \t]+[A-Za-z]{3}[ \t])):(?![^\n]*[ \t]To:[ \t]*<)[^\n]*\n"
    r"(?:[ \t][^\n]*\n)*"
    r"(?!Sent:)[A-Za-z][\w-]*:",
    re.IGNORECASE | re.MULTILINE | re.ASCII,
)
# In a session transcript (telnet, openssl s_client) the message the client sends
# after the server's "354" go-ahead, up to its lone ".", is no returned message:
# its header lines ("From: ...", "Subject: ...") do not start one.
# The go-ahead's line, and the lone "." within TRANSCRIPT_DATA_LINES lines after it, are sought apart: one
# pattern for both tried up to 500 lines after every line holding "354".
GO_AHEAD_LINE_RE = ascii_compile(r"^[^\n]*\b354[ -][^\n]*\n", re.MULTILINE)
DATA_END_LINE_RE = re.compile(r"^[^\n.]{0,24}\.[ \t]*$", re.MULTILINE)
TRANSCRIPT_DATA_LINES = 500
# A line that announces the returned message, which follows it inline (Google
# Groups, Exim, Yahoo, fml, Exchange's "Original message headers:"): what comes
# after it is the original, whatever its first header field is (a web page may
# have run the header lines together).
# A header line or a folded one, and a header block's lines from one of them on.
FIELD_OR_FOLDED_LINE_RE = re.compile(r"(?:[A-Za-z][\w-]*:|[ \t]+\S)[^\n]*\n")
HEADER_BLOCK_RE = re.compile(r"(?:%s)*" % FIELD_OR_FOLDED_LINE_RE.pattern)
# The bounce's own header lines: its sender is a mail system's, or its subject a bounce's (as the rules'
# "from daemon" and "bounce subject" read them, data/reasons/rules.json).
BOUNCE_HEADER_RE = re.compile(
    r"^(?:From:[^\n]*(?:MAILER-DAEMON|postmaster@|Mail Delivery (?:System|Subsystem)|MicrosoftExchange[0-9a-f]{32}@)"
    r"|Subject:[ \t]*(?:Undeliver|Returned mail|Delivery Status Notification|Mail delivery failed|failure notice"
    r"|Delivery failure|Non-?deliverable))", re.MULTILINE | re.IGNORECASE)
ORIGINAL_MARKER_RE = re.compile(
    r"^[ \t]*(?:-{2,} ?(?:Original message|Below this line is a copy of the message"
    r"|This is a copy of the message|The header of the original message|Original message follows)"
    r"|Original (?:mail|message) as follows:?[ \t]*$|Original message headers:[ \t]*$)",
    re.IGNORECASE | re.MULTILINE,
)
# In text not declared quoted-printable (a part pasted without its header) only a line
# that could be quoted-printable ends in a soft break: printable ASCII, at most 76
# characters with the "=" (RFC 2045, 6.7); a longer line ending in "=" ends so
# ("...lookup?ip_address="). bounces/pasted.js decodeMessage reads a paste alike.
UNDECLARED_SOFT_BREAK_RE = re.compile(r"^([\t\x20-\x7e]{0,75})=\r?\n", re.MULTILINE)
QP_SOFT_BREAK_RE = re.compile(UNDECLARED_SOFT_BREAK_RE.pattern.encode(), re.MULTILINE)
# Read as UTF-8, UTF-16 would hide every code behind NULs, and a UTF-8 mark would hide the header block.
BYTE_ORDER_MARKS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
DECLARED_CHARSET_RE = re.compile(rb"\bcharset[ \t]*=[ \t]*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


class Tier(IntEnum):
    DIAGNOSTIC_FIELD = 0
    TRANSCRIPT_REPLY = 1
    STATUS_FIELD = 2
    PROSE_REPLY = 3
    PROSE = 4
    GENERIC = 5
    LOOSE = 6          # in prose without status context


# What may stand before a status in prose, on its line: nothing, a reply
# separator or bracket, or a word that announces a status.  Its \b is ASCII only, as
# bounces/message.js's: "서버응답code 5.1.1" (Korean glued to the word) is a status too.
STATUS_LEAD_RE = re.compile(
    r"(?:^|[#(\[:=>]|\b(?:status|code|dsn|error|reason|reply|smtp|diagnostic)s?)[ \t]*$",
    re.IGNORECASE | re.ASCII,
)


# Each level of embedded message pushes its codes below everything outside it.
TIERS_PER_LEVEL = len(Tier)


@dataclass(frozen=True)
class Hit:
    code: str
    rank: int


# A message starts with a header field (or an mbox "From " line).  A pasted
# report that starts otherwise ("<a@b>: host ... said: 550", an indented
# address) has no header block: the email parser would take its first lines
# for header fields, or drop them.  Nor does a paste that starts with a
# delivery-status field ("Final-Recipient: rfc822; a@b"): that is the report's
# status part, which a message's header block never holds.
# A name followed by "::" is a program's namespace ("Net::SMTPServerBusy: 451
# <a@b> ..." from a Ruby log), not a header field; nor is an exception's name, words run
# together without hyphens ("SMTPRecipientsRefused: {'a@b': (550, ...)}" from Python,
# "InvalidRecipientsException: ..."): a header field's name joins its words with "-".
# A one-letter name is a transcript's mark ("S: 550-..." in MailKit's protocol log).
MESSAGE_START_RE = re.compile(
    r"(?!(?:Reporting-MTA|Final-Recipient|Original-Recipient|Remote-MTA|Diagnostic-Code|Action)[ \t]*:)"
    r"(?![A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*:|[A-Za-z]:)"
    r"(?:From |[A-Za-z][\w-]*:(?!:))", re.ASCII)


# A Received field ends with its date, after a ";" (RFC 5322 section 3.6.7).  A copy that lost the
# folding whitespace of a message's header block puts the field's next lines at the line start
# ("Received: from mail by host with local (Exim 4.86)", "id 1aBmi6-0001oH-Nn", "for a@b; Wed, 23 Dec
# 2015 ..."), where the first would end the header block and the rest of the header (X-Failed-Recipients,
# From, To, the multipart's Content-Type) would be read as the report: they continue the field again.
RECEIVED_FIELD_RE = re.compile(r"Received:", re.IGNORECASE)
FIELD_START_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*:")
RECEIVED_LINES = 6  # how many lines a Received field may run on to reach its ";"


# A program's log or a console's record pasted for help starts with "label: ..." lines too
# ("smtp-in: Failed command ...", "queue: delivery attempt failed {...}", Exchange Online's
# message trace event "Defer:Reason: [{LED=451-4.7.23 ...}]"): a message's header block names
# at least one field that a message's header has.
MESSAGE_FIELD_RE = re.compile(
    r"^(?:from|to|cc|subject|date|received|return-path|message-id|mime-version|content-type"
    r"|delivered-to|envelope-to|reply-to|sender|x-[A-Za-z0-9_-]+)[ \t]*:", re.IGNORECASE | re.MULTILINE)


# Parts inside parts: a bounce holds three or four levels (report, returned message, its parts).
MAX_NESTING = 100


def starts_with_headers(text: str) -> bool:
    """The text starts with a message's header block, not with a report's or a log's lines."""
    if not MESSAGE_START_RE.match(text):
        return False
    return bool(MESSAGE_FIELD_RE.search(re.split(r"\n[ \t]*\n", text, maxsplit=1)[0]))


def parse_message(text: str) -> email.message.Message:
    """A whole message, or a pasted report without headers as a body alone."""
    text = _refolded(text)
    return bounded_message(text) if starts_with_headers(text) else email.message_from_string("\n" + text)


def bounded_message(text: str) -> email.message.Message:
    """text parsed as a message, unless its parts nest deeper than MAX_NESTING: Python's email parser,
    and the readers here after it, go one call deeper for each part inside a part, and a message
    nested some hundreds of levels deep ended in a RecursionError. Such a text is read as a body
    alone, as text; no mail system nests a bounce so."""
    try:
        message = email.message_from_string(text)
        if nesting_of(message) <= MAX_NESTING:
            return message
    except RecursionError:
        pass
    return email.message_from_string("\n" + text)


def nesting_of(message: email.message.Message) -> int:
    """How many levels of parts lie inside one another in message (0: a single part)."""
    deepest, stack = 0, [(message, 0)]
    while stack:
        part, depth = stack.pop()
        deepest = max(deepest, depth)
        payload = part.get_payload()
        if isinstance(payload, list):
            stack.extend((inner, depth + 1) for inner in payload)
    return deepest


def _refolded(text: str) -> str:
    """The message with the lines of its header block's Received fields that lost their folding
    whitespace indented again (bounces/pasted.js refolded)."""
    lines = text.split("\n")
    at = 1 if lines[0].startswith("From ") else 0
    while at < len(lines) and lines[at].strip() and (FIELD_START_RE.match(lines[at]) or lines[at][0] in " \t"):
        if RECEIVED_FIELD_RE.match(lines[at]) and ";" not in lines[at] and (end := _received_end(lines, at)):
            lines[at + 1 : end + 1] = [line if line[0] in " \t" else " " + line for line in lines[at + 1 : end + 1]]
            at = end
        at += 1
    return "\n".join(lines)


def _received_end(lines: list[str], start: int) -> int | None:
    """The line holding the ";" of the Received field at lines[start], if the lines up to it
    are neither blank nor another field."""
    for at in range(start + 1, min(start + 1 + RECEIVED_LINES, len(lines))):
        line = lines[at]
        if not line.strip() or (line[0] not in " \t" and FIELD_START_RE.match(line)):
            return None
        if ";" in line:
            return at
    return None


def extract_codes(text: str) -> list[str]:
    """Every status code in a bounce, most relevant first, without duplicates."""
    message = parse_message(text)
    # sorted() is stable: equal ranks keep reading order.
    ranked = sorted(_message_hits(message, level=0), key=lambda hit: hit.rank)
    if any(_in_status_context(hit) for hit in ranked):
        ranked = [hit for hit in ranked if _in_status_context(hit)]
    return list(dict.fromkeys(hit.code for hit in ranked))


def _in_status_context(hit: Hit) -> bool:
    """In the report itself (not the returned message), where a status stands."""
    return hit.rank < Tier.LOOSE


def extract_codes_from_bytes(data: bytes) -> list[str]:
    return extract_codes(message_text(data))


def message_text(data: bytes) -> str:
    """A saved message's bytes as text: in the charset its byte order mark names (Windows
    Notepad saves "Unicode" as UTF-16 with one); UTF-8; else the one charset its parts
    declare, when the bytes read in it (an older Korean server's 8-bit EUC-KR
    report: read as UTF-8, its Korean would be lost); else UTF-8 with
    replacement characters."""
    for bom, charset in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            return well_formed(data.decode(charset, errors="replace"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = {found.group(1).decode("ascii").lower() for found in DECLARED_CHARSET_RE.finditer(data)}
    declared -= {"us-ascii", "utf-8", "utf8"}
    if len(declared) == 1:
        try:
            return well_formed(data.decode(declared.pop()))
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", errors="replace")


def _message_hits(message: email.message.Message, level: int):
    """Hits in a message's DSN header fields and body parts, in reading order."""
    yield from _text_hits(_dsn_header_text(message), level)
    for part in _leaf_parts(message):
        if isinstance(part, _Embedded):
            yield from _message_hits(part.message, level + 1)
        else:
            yield from _text_hits(_part_text(part), level)


@dataclass(frozen=True)
class _Embedded:
    """A whole message inside another: the returned original, or a forwarded bounce."""

    message: email.message.Message


def _dsn_header_text(message: email.message.Message) -> str:
    """Only DSN fields: other headers (Received, IDs, dates) hold no statuses.

    They are headers when someone pastes just the delivery-status fields.
    """
    return "\n".join(
        f"{name}: {value}" for name, value in message.items() if name.lower() in DSN_FIELDS
    )


def _leaf_parts(message: email.message.Message):
    """Content parts in reading order; embedded messages as _Embedded."""
    content_type = message.get_content_type()
    payload = message.get_payload()
    if content_type in DELIVERY_STATUS_TYPES or not isinstance(payload, list):
        yield message
    elif message.get_content_maintype() == "message":
        for inner in payload:
            yield _Embedded(inner)
    else:
        for part in payload:
            yield from _leaf_parts(part)


def _part_text(part: email.message.Message) -> str:
    """The readable text of a leaf part; none for headers, images, archives."""
    content_type = part.get_content_type()
    if content_type in DELIVERY_STATUS_TYPES:
        return _delivery_status_text(part)
    if content_type in HEADER_ONLY_TYPES or part.get_content_maintype() in BINARY_MAINTYPES:
        return ""
    text = _decoded_payload(part)
    if content_type == "text/html" or PASTED_HTML_RE.search(text):
        return html_as_text(text)
    return text


def _delivery_status_text(part: email.message.Message) -> str:
    """The per-message and per-recipient field groups, one field a line.  A copy that lost the
    blank line after the part's Content-Type put the first group's fields in the part's header."""
    groups = _field_groups_text(part)
    own = _dsn_header_text(part)
    return f"{own}\n{groups}" if own else groups


def _field_groups_text(part: email.message.Message) -> str:
    payload = part.get_payload()
    if not isinstance(payload, list):
        return _decoded_payload(part)
    text = "\n\n".join(_field_group_text(group) for group in payload)
    if _unencoded(part):
        return text
    # The parser read an encoded part's lines (base64, from Exchange and some gateways) as
    # field groups: decoded, they are the part's groups.
    carrier = email.message.Message()
    carrier["Content-Transfer-Encoding"] = part["Content-Transfer-Encoding"]
    carrier.set_payload(text)
    decoded = _as_text(carrier.get_payload(decode=True), part.get_content_charset())
    return _field_groups_text(bounded_message(f"Content-Type: {part.get_content_type()}\n\n{decoded}"))


def _field_group_text(group: email.message.Message) -> str:
    # The parser reads message/global-delivery-status as one message: the
    # per-message fields as its headers, the per-recipient groups as its body.
    fields = "\n".join(f"{name}: {value}" for name, value in group.items())
    rest = group.get_payload()
    # A line that is no field ended the group's fields without a blank line (a reply's
    # wrapped line written unindented): it follows them as it did in the message.
    unseparated = any(isinstance(defect, MissingHeaderBodySeparatorDefect) for defect in group.defects)
    separator = "\n" if unseparated else "\n\n"
    return f"{fields}{separator}{rest}" if isinstance(rest, str) and rest else fields


def _decoded_payload(part: email.message.Message) -> str:
    payload = part.get_payload()
    if isinstance(payload, str) and not payload.isascii() and (_unencoded(part) or max(payload) > "\xff"):
        # Already text (a message read from str), even where its header says base64 or
        # quoted-printable (a mail program's view pasted under the raw header; bounces/pasted.js reads
        # it so too): as bytes the email package would turn every character past U+00FF
        # into a literal \uXXXX escape.
        return payload if "Content-Transfer-Encoding" in part else UNDECLARED_SOFT_BREAK_RE.sub(r"\1", payload)
    data = part.get_payload(decode=True)
    if data is None:
        return ""
    if "Content-Transfer-Encoding" not in part:
        # Quoted-printable text pasted or forwarded without its header.
        data = QP_SOFT_BREAK_RE.sub(rb"\1", data)
    return _as_text(data, part.get_content_charset())


def _as_text(data: bytes, charset: str | None) -> str:
    try:
        return well_formed(data.decode(charset or "utf-8", errors="replace"))
    except LookupError:
        return data.decode("utf-8", errors="replace")


def well_formed(text: str) -> str:
    """text with each half of a UTF-16 surrogate pair that stands alone made U+FFFD, a pair
    made its character: a charset such as unicode_escape or UTF-7, or a JSON escape ("\\ud800"),
    can yield a half alone, which no output can encode."""
    return text if text.isascii() else text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _unencoded(part: email.message.Message) -> bool:
    return part.get("Content-Transfer-Encoding", "").strip().lower() not in ("base64", "quoted-printable")


def _text_hits(text: str, level: int):
    """Hits in one decoded part; a returned message inside it ranks a level down."""
    text = text.replace("\r\n", "\n")
    original_start = _original_message_start(text)
    fields = _Fields(text)
    for match in BOUNCE_CODE_RE.finditer(text):
        tier = _tier(text, match, fields)
        if tier is None:
            continue
        embedded = match.start() >= original_start
        yield Hit(
            code=normalize(match.group("code")),
            rank=(level + embedded) * TIERS_PER_LEVEL + tier,
        )


def _original_message_start(text: str) -> int:
    text = _without_transcript_data(text)
    starts = [found.start() for found in (ORIGINAL_MARKER_RE.search(text), _original_headers(text)) if found]
    return min(starts, default=len(text))


def _original_headers(text: str) -> re.Match | None:
    """The first header block that starts a returned message: not the bounce's own, pasted above its
    report under a note ("From: Mail Delivery Subsystem", "Subject: Undeliverable: ...", no status code
    before it)."""
    found = ORIGINAL_HEADERS_RE.search(text)
    first_code = -1   # where the text's first status code starts (its length: none), searched once at most
    while found:
        end = HEADER_BLOCK_RE.match(text, found.start()).end()
        start = found.start()  # the block's lines above the match too
        while start and FIELD_OR_FOLDED_LINE_RE.match(text, above := text.rfind("\n", 0, start - 1) + 1):
            start = above
        if not BOUNCE_HEADER_RE.search(text, start, end):
            return found
        if first_code < 0:   # (searching [0, start) again for each such block was quadratic)
            code = BOUNCE_CODE_RE.search(text)
            first_code = code.start() if code else len(text)
        if first_code < start:
            return found  # under a report (a status code before it): a returned bounce's header
        found = ORIGINAL_HEADERS_RE.search(text, end)
    return None


def _without_transcript_data(text: str) -> str:
    """The text with a session transcript's message data blanked, each offset kept: from the line after
    a "354" go-ahead to the first lone "." line within TRANSCRIPT_DATA_LINES lines."""
    ends = [(found.start(), found.end()) for found in DATA_END_LINE_RE.finditer(text)]
    starts = [start for start, _ in ends]
    breaks = [found.start() for found in re.finditer("\n", text)] if ends else []
    pieces, copied, read = [], 0, 0  # the text is copied to `copied`, read as a transcript to `read`
    for go in GO_AHEAD_LINE_RE.finditer(text) if ends else ():
        index = bisect.bisect_left(starts, go.end())
        if go.start() < read or index == len(ends):
            continue
        end = ends[index][0]
        if bisect.bisect_left(breaks, end) - bisect.bisect_left(breaks, go.end()) <= TRANSCRIPT_DATA_LINES:
            pieces += [text[copied:go.end()], re.sub(r"[^\n]", " ", text[go.end():end])]
            copied, read = end, ends[index][1]
    return "".join(pieces) + text[copied:]


class _Fields:
    """Which `Name: value` field, if any, holds a given offset of a text."""

    def __init__(self, text: str):
        found = list(FIELD_RE.finditer(text))
        self._starts = [match.start() for match in found]
        self._ends_and_names = [(match.end(), match.group("name").lower()) for match in found]

    def at(self, offset: int) -> str | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        end, name = self._ends_and_names[index]
        return name if offset < end else None


def _tier(text: str, match: re.Match, fields: _Fields) -> Tier | None:
    code = normalize(match.group("code"))
    field = fields.at(match.start())
    if field in STATUS_FIELDS:
        return Tier.GENERIC if _is_generic(code) or _is_expiry(code) else Tier.STATUS_FIELD
    if field not in DIAGNOSTIC_FIELDS and _is_not_a_status_in_prose(text, match):
        return None
    if _is_expiry(code):
        return Tier.GENERIC
    if field in DIAGNOSTIC_FIELDS:
        return Tier.DIAGNOSTIC_FIELD
    reply = reply_before(text, match.start())
    if reply and reply.group("transcript"):
        return Tier.TRANSCRIPT_REPLY
    if reply:
        return Tier.PROSE_REPLY
    return Tier.PROSE if _status_lead(text, match.start()) else Tier.LOOSE


def _status_lead(text: str, start: int) -> bool:
    # The line's start is sought no further back than the lead it could give (bounces/message.js statusLead):
    # on a line of a megabyte, seeking it for each code took time in the line's square.
    line_end = text.rfind("\n", max(0, start - LOOKBEHIND_CHARS - 1), start)
    if line_end < 0 and start > LOOKBEHIND_CHARS:  # a long line: its start is not right before the code
        lead = "\0" + text[start - LOOKBEHIND_CHARS:start]
    else:
        lead = text[line_end + 1:start]
    return bool(STATUS_LEAD_RE.search(lead))


def _is_not_a_status_in_prose(text: str, match: re.Match) -> bool:
    """Success lines of a transcript (250 2.0.0 Ok) and version numbers."""
    return match.group("code")[0] == "2" or version_before(text, match.start())


def _is_generic(code: str) -> bool:
    return code.endswith(".0.0")


def _is_expiry(code: str) -> bool:
    return code[1:] == ".4.7"



def report_parts(message: email.message.Message) -> tuple[list[str], list[email.message.Message]]:
    """The decoded text of each part outside the messages it embeds, and those messages."""
    texts, embedded = [], []
    for part in _leaf_parts(message):
        if isinstance(part, _Embedded):
            embedded.append(part.message)
        else:
            texts.append(_part_text(part).replace("\r\n", "\n").replace("\r", "\n"))
    return texts, embedded


# Where a returned original message starts inside a text part (public for generator.bounces.report).
original_message_start = _original_message_start
# A header block's Received fields that lost their folding, refolded (public for generator.bounces.pasted).
refolded = _refolded
# A part's bytes as text in its charset (public for generator.bounces.pasted).
as_text = _as_text
