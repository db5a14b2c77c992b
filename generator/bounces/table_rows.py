"""Tables of events, a row a line under a header, down to a blank line: PowerShell's (Format-Table: a
header line and a line of dashes under each column's name) of Exchange's tracking log
(Get-MessageTrackingLog's "Timestamp  EventId  Source  Sender  Recipients ...") and Exchange Online's
message trace (Get-MessageTraceV2's "Received  SenderAddress  RecipientAddress  Subject  Status"), and
CSV under its header line (the tracking log's own "#Fields: date-time,...,event-id,..." and Exchange
Online's message trace export; PowerMTA's accounting file "type,timeQueued,bounceCat,vmta,orig,rcpt,...").

One walk over the tables (table_rows) serves two readers: table_entries, each recipient's own rows (a
recipient is read with its own rows, not with the next row's event or status), and table_senders, the
addresses in the sender's and the message ids' columns (no failed recipient, recipients.py).  A CSV row
is read as CSV: a quoted field holds its commas (an SMTP reply "550 5.7.1 Rejected, see ..." is one
field) and its line breaks (a row runs on to the line that closes it), and a recipient's row is its fields
a line each, so that a reply ends with its own field.
bounces/table_rows.js reads them the same way.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from generator.bounces.address import ADDRESS_RE

# A CSV header line: names, each maybe quoted, separated by commas (the tracking log's after "#Fields: ").
CSV_HEADER_RE = re.compile(r'^(?:#Fields: ?)?"?[A-Za-z_][A-Za-z0-9_-]*"?(?:,"?[A-Za-z_][A-Za-z0-9_-]*"?)+$', re.MULTILINE)
# The columns that hold the sender or the message's ids: PowerMTA's "orig" beside the recipient's "rcpt";
# the tracking log's message-id, sender-address, return-path (the message trace export's with "_").
CSV_NOT_RECIPIENT_COLUMNS = ("orig", "sender", "from", "mailfrom", "mail_from", "sender_address", "return_path",
                             "message_id", "internal_message_id", "network_message_id", "reference")
# The subject the sender gave the message: the sender's words, not the failure's (evidence.py leaves out
# a quoted "Subject:" line for the same reason).
CSV_SUBJECT_COLUMNS = ("subject", "message_subject")
# PowerShell's table: a header line, a line of dashes under each column's name, then the rows; an address
# that starts in the sender's column is the sender.
TABLE_HEADER_RE = re.compile(r"^([^\n]*\S)[ \t]*\n([ \t]*-+(?:[ \t]+-+)+)[ \t]*$", re.MULTILINE)
TABLE_COLUMN_RE = re.compile(r"-+")
TABLE_SENDER_COLUMNS = ("sender", "senderaddress", "from", "fromaddress", "returnpath")
# Exchange Online's message trace summary gives every recipient's status in one field, "<address>##<status>"
# items separated by ";" ("a@x##Receive, Deliver;b@y##Receive, Fail"): a recipient's row holds its own item.
# A status whose last event is Deliver or Send tells of no failure, Fail of one (evidence.DELIVERED_RE).
STATUS_ITEM_MARK = "##"
DELIVERED_STATUS = r"##(?:Receive, )?(?:Deliver|Send)\b"
NOT_DELIVERED_STATUS = r"##(?:Receive, )?(?:Fail|Defer|Pending)\b"
# The tracking log names several recipients of one event in a row: "recipient-address" holds them separated
# by ";", "recipient-status" each one's status in the same order, also separated by ";" (a status may hold a
# ";" of its own: "550 4.4.7 QUEUE.Expired;<ErrorText>", so a status starts at a reply code or at To, Cc, Bcc).
# A recipient's row holds its own status (Microsoft Learn, message tracking, "recipient-status").
RECIPIENTS_COLUMN, STATUSES_COLUMN = "recipient_address", "recipient_status"
STATUS_SEPARATOR_RE = re.compile(r";[ \t]*(?=[245][0-9][0-9][ -]|(?:To|Cc|Bcc)(?:;|$))")
# Where a line that is blank (or the text's end) follows: a table's rows end there.  A lookahead, so
# that every such place is found in one pass over the text.
BLANK_LINE_RE = re.compile(r"\n(?=[ \t]*(?:\n|$))")


@dataclass(frozen=True)
class Table:
    """A table's columns: for CSV, which hold the sender or the message's ids and which the subject (by
    their index); for PowerShell's, where each sender column starts and ends on its lines (the last at
    no end)."""
    csv: bool
    not_recipient: frozenset[int] = frozenset()
    subject: frozenset[int] = frozenset()
    sender_spans: tuple[tuple[int, float], ...] = ()
    recipients_and_statuses: tuple[int, int] | None = None   # the tracking log's two columns, by index

    def row(self, line: str, recipient: str) -> str:
        """The row as the recipient's own text: a CSV row's fields a line each, the subject left out, of a
        field of every recipient's status the recipient's own."""
        if not self.csv:
            return line
        fields = self._own_status(csv_fields(line), recipient)
        return "\n".join(_own_items(field, recipient) for index, field in enumerate(fields) if index not in self.subject)

    def _own_status(self, fields: list[str], recipient: str) -> list[str]:
        """The row's fields with, of several recipients and their statuses, the recipient's alone."""
        if self.recipients_and_statuses is None or max(self.recipients_and_statuses) >= len(fields):
            return fields
        at_recipients, at_statuses = self.recipients_and_statuses
        recipients = [address.strip().lower() for address in fields[at_recipients].split(";")]
        statuses = STATUS_SEPARATOR_RE.split(fields[at_statuses])
        if len(recipients) < 2 or len(statuses) != len(recipients) or recipient not in recipients:
            return fields
        own = recipients.index(recipient)
        fields = list(fields)
        fields[at_recipients], fields[at_statuses] = recipient, statuses[own]
        return fields

    def senders(self, line: str) -> set[str]:
        """The addresses of a row that its sender's and message ids' columns hold."""
        if not self.csv:
            return {found.group(0).lower() for found in ADDRESS_RE.finditer(line)
                    if any(start <= found.start() < end for start, end in self.sender_spans)}
        if not self.not_recipient:
            return set()
        return {found.group(0).lower() for index, field in enumerate(csv_fields(line)) if index in self.not_recipient
                for found in [ADDRESS_RE.fullmatch(field.strip('" <>{}'))] if found}


def table_rows(body: str) -> list[tuple[Table, str]]:
    """Each row of each table in body, with its table: the lines under its header down to a blank line.
    A PowerShell header among them starts a table of its own; a line among a CSV table's rows that reads
    like a header is a row."""
    headers = sorted([*TABLE_HEADER_RE.finditer(body), *CSV_HEADER_RE.finditer(body)], key=lambda found: found.start())
    blanks = [found.start() for found in BLANK_LINE_RE.finditer(body)]
    rows: list[tuple[Table, str]] = []
    tables: list[tuple[Table, int, int]] = []   # (table, where its rows start, where they end)
    for header in headers:
        if tables and header.start() < tables[-1][2]:
            if header.re is CSV_HEADER_RE or header.start() < tables[-1][1]:
                continue  # a row of the table above, or a line of its header
            tables[-1] = (tables[-1][0], tables[-1][1], header.start())
        start = header.end() + 1
        at = bisect.bisect_left(blanks, start)
        tables.append((_table(header), start, blanks[at] if at < len(blanks) else len(body)))
    for table, start, end in tables:
        lines = body[start:end].split("\n")
        rows.extend((table, line) for line in (_records(lines) if table.csv else lines))
    return rows


def _records(lines: list[str]) -> list[str]:
    """A CSV table's records: a line break inside a quoted field (RFC 4180, 2.6) keeps its lines in one."""
    records, held, inside = [], [], False
    for line in lines:
        held.append(line)
        inside = _quoted_at_end(line, inside)
        if not inside:
            records.append("\n".join(held))
            held = []
    return records + (["\n".join(held)] if held else [])


def _quoted_at_end(line: str, inside: bool) -> bool:
    """Whether a quoted field is open at the line's end, given whether one was at its start (read as
    csv_fields reads a line: a quote opens a field only at its start, "" in it is a quote)."""
    at, field_start = 0, not inside
    while at < len(line):
        if inside:
            close = line.find('"', at)
            if close < 0:
                return True
            if line.startswith('"', close + 1):
                at = close + 2
                continue
            inside, at, field_start = False, close + 1, False
        elif field_start and line.startswith('"', at):
            inside, at = True, at + 1
        else:
            comma = line.find(",", at)
            if comma < 0:
                return False
            at, field_start = comma + 1, True
    return inside


def _table(header: re.Match) -> Table:
    if header.re is CSV_HEADER_RE:
        names = [name.strip('" ').replace("-", "_") for name in header.group(0).lower().removeprefix("#fields:").split(",")]
        pair = (names.index(RECIPIENTS_COLUMN), names.index(STATUSES_COLUMN)) if {
            RECIPIENTS_COLUMN, STATUSES_COLUMN} <= set(names) else None
        return Table(True, frozenset(index for index, name in enumerate(names) if name in CSV_NOT_RECIPIENT_COLUMNS),
                     frozenset(index for index, name in enumerate(names) if name in CSV_SUBJECT_COLUMNS),
                     recipients_and_statuses=pair)
    starts = [column.start() for column in TABLE_COLUMN_RE.finditer(header.group(2))]
    ends = starts[1:] + [math.inf]
    return Table(False, sender_spans=tuple(
        (start, end) for start, end in zip(starts, ends)
        if header.group(1)[start: None if end == math.inf else end].strip().lower() in TABLE_SENDER_COLUMNS))


def csv_fields(line: str) -> list[str]:
    """A CSV line's fields (RFC 4180): a field in quotes holds commas, and "" in it is a quote; what
    follows its closing quote up to the next comma is kept, as Python's csv module keeps it; a quote
    left open runs to the line's end.  One pass: each comma and quote is looked at once."""
    fields, at = [], 0
    while True:
        if line.startswith('"', at):
            parts, at = [], at + 1
            while (close := line.find('"', at)) >= 0:
                parts.append(line[at:close])
                if not line.startswith('"', close + 1):
                    at = close + 1
                    break
                parts.append('"')
                at = close + 2
            else:
                parts.append(line[at:])
                at = len(line)
            comma = line.find(",", at)
            parts.append(line[at: len(line) if comma < 0 else comma])
            fields.append("".join(parts))
        else:
            comma = line.find(",", at)
            fields.append(line[at: len(line) if comma < 0 else comma])
        if comma < 0:
            return fields
        at = comma + 1


def _own_items(field: str, recipient: str) -> str:
    """Of a field of "<address>##<status>" items, the recipient's; any other field whole."""
    if STATUS_ITEM_MARK not in field:
        return field
    own = [item for item in field.split(";")
           if item.split(STATUS_ITEM_MARK, 1)[0].strip(' "<>').lower() == recipient and STATUS_ITEM_MARK in item]
    return ";".join(own) if own else field


def table_entries(body: str, recipients: list[str | None]) -> dict[str, str]:
    """Each recipient's rows of the tables in body, one row after another."""
    wanted = {recipient for recipient in recipients if recipient}
    entries: dict[str, list[str]] = {}
    for table, line in table_rows(body):
        for address in sorted({found.group(0).lower() for found in ADDRESS_RE.finditer(line)} & wanted):
            entries.setdefault(address, []).append(table.row(line, address))
    return {recipient: "\n".join(rows) for recipient, rows in entries.items()}


def table_senders(body: str) -> set[str]:
    """The addresses in the sender's and the message ids' columns of the tables in body."""
    return {address for table, line in table_rows(body) for address in table.senders(line)}
